//! `use_title_alert`: while `alert` holds a text, the tab's title alternates between it and
//! the page's own title every second, so an agent on another tab sees a call ringing.

use leptos::prelude::*;

/// Flashes `alert` in the tab title while it is `Some`; puts the title back after.
pub fn use_title_alert(alert: Signal<Option<String>>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let original = StoredValue::new(document.title());
    let timer: StoredValue<Option<IntervalHandle>, LocalStorage> = StoredValue::new_local(None);
    let restore = move || {
        if let Some(Some(handle)) = timer.try_get_value() {
            handle.clear();
        }
        let _ = timer.try_set_value(None);
        if let (Some(document), Some(title)) = (
            web_sys::window().and_then(|w| w.document()),
            original.try_get_value(),
        ) {
            document.set_title(&title);
        }
    };
    Effect::new(move || match alert.get() {
        Some(text) => {
            restore();
            let shown = StoredValue::new(false);
            let flash = move || {
                let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                    return;
                };
                let on = !shown.get_value();
                shown.set_value(on);
                if on {
                    document.set_title(&text);
                } else if let Some(title) = original.try_get_value() {
                    document.set_title(&title);
                }
            };
            flash();
            let handle = set_interval_with_handle(flash, std::time::Duration::from_secs(1)).ok();
            let _ = timer.try_set_value(handle);
        }
        None => restore(),
    });
    on_cleanup(restore);
}
