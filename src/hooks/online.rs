//! `use_online`: whether the browser has a network, from `navigator.onLine` and the window's
//! `online`/`offline` events, so the console says "Offline" at once instead of after the next
//! failed request.

use leptos::prelude::*;

/// `true` while the browser says it is online.
pub fn use_online() -> Signal<bool> {
    let initial = web_sys::window().is_none_or(|w| w.navigator().on_line());
    let online = RwSignal::new(initial);
    let went_offline = window_event_listener_untyped("offline", move |_| online.set(false));
    let came_back = window_event_listener_untyped("online", move |_| online.set(true));
    on_cleanup(move || {
        went_offline.remove();
        came_back.remove();
    });
    online.into()
}
