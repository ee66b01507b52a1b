//! `use_shortcuts`: the console's keyboard shortcuts (Alt + a letter, so typing in a field
//! never triggers them).

use leptos::prelude::*;

/// What a shortcut asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Alt+A: answer the ringing call.
    Answer,
    /// Alt+H: hang up the current call.
    HangUp,
    /// Alt+O: hold the active call, or retrieve the held one.
    HoldOrRetrieve,
    /// Alt+R: become ready.
    Ready,
    /// Alt+P: pause.
    Pause,
    /// Alt+D: focus the number field of the dial pad.
    DialPad,
}

/// The shortcut a key press means, if any. `code` is `KeyboardEvent.code` (layout
/// independent, so Alt+A works on AZERTY where `key` would be a symbol).
pub fn shortcut_of(code: &str, alt: bool, ctrl: bool, meta: bool) -> Option<Shortcut> {
    if !alt || ctrl || meta {
        return None;
    }
    Some(match code {
        "KeyA" => Shortcut::Answer,
        "KeyH" => Shortcut::HangUp,
        "KeyO" => Shortcut::HoldOrRetrieve,
        "KeyR" => Shortcut::Ready,
        "KeyP" => Shortcut::Pause,
        "KeyD" => Shortcut::DialPad,
        _ => return None,
    })
}

/// Calls `on_shortcut` for each shortcut pressed anywhere in the page, while the owner lives.
pub fn use_shortcuts(on_shortcut: impl Fn(Shortcut) + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |event| {
        if let Some(shortcut) = shortcut_of(
            &event.code(),
            event.alt_key(),
            event.ctrl_key(),
            event.meta_key(),
        ) {
            event.prevent_default();
            on_shortcut(shortcut);
        }
    });
    on_cleanup(move || handle.remove());
}
