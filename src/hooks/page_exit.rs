//! `use_page_exit`: runs a callback when the page is being unloaded (closed, reloaded or
//! navigated away), while the owner lives.

use leptos::prelude::*;

/// Calls `on_exit` on `pagehide`: the one unload event browsers fire reliably (also on mobile
/// and for pages entering the back/forward cache). Only work that survives the page belongs
/// there, such as a `keepalive` fetch.
pub fn use_page_exit(on_exit: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::pagehide, move |_| on_exit());
    on_cleanup(move || handle.remove());
}
