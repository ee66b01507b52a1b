//! `use_desk_times`: keeps the desk's times (time in state, call start) in the tab's
//! `sessionStorage`, so that a reload finds its timers running where they were. O2G's events
//! carry no start times; the tab remembers them instead. Nothing secret is stored: states,
//! call references and times.

use cti::machine::Remembered;
use leptos::prelude::*;

use crate::console::ConsoleState;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Hands the remembered times of `login`'s desk to the console, then keeps them up to date.
pub fn use_desk_times(console: ConsoleState, login: &str) {
    let key = format!("agentdesk.desk-times.{login}");
    if let Some(text) = storage().and_then(|s| s.get_item(&key).ok().flatten()) {
        console
            .session
            .update_untracked(|s| s.remember(Remembered::from_text(&text)));
    }
    Effect::new(move |previous: Option<String>| {
        let text = console.session.with(|s| Remembered::of(s.desk()).to_text());
        if previous.as_ref() != Some(&text) {
            if let Some(storage) = storage() {
                // A full or blocked storage only costs the timers after a reload.
                let _ = storage.set_item(&key, &text);
            }
        }
        text
    });
}
