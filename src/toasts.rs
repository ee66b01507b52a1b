//! Toasts: short messages (mostly the gateway's `helpMessage` after a failed request), shown
//! in a live region so screen readers announce them.

use leptos::prelude::*;
use std::time::Duration;

/// One message on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Unique id, the key of the list.
    pub id: u64,
    /// What to say.
    pub text: String,
}

/// The toasts, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

/// How long a toast stays unless dismissed.
const TOAST_LIFETIME: Duration = Duration::from_secs(8);
/// Older toasts beyond this many are dropped: a burst of failures must not fill the screen.
const MAX_TOASTS: usize = 4;

impl Toasts {
    /// No toast.
    pub fn new() -> Toasts {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// The toasts on screen, oldest first.
    pub fn items(&self) -> Signal<Vec<Toast>> {
        self.items.into()
    }

    /// Shows `text` for a few seconds.
    pub fn show(&self, text: impl Into<String>) {
        let text = text.into();
        // The same failure repeated (a resync's requests all refused alike) is said once.
        // A console already gone (an answer arriving after sign-out) has nobody to tell.
        let repeated = self
            .items
            .try_with_untracked(|items| items.iter().any(|t| t.text == text));
        let Some(false) = repeated else {
            return;
        };
        let Some(id) = self.next_id.try_get_value() else {
            return;
        };
        self.next_id.set_value(id.wrapping_add(1));
        self.items.update(|items| {
            items.push(Toast { id, text });
            let excess = items.len().saturating_sub(MAX_TOASTS);
            items.drain(..excess);
        });
        let toasts = *self;
        set_timeout(move || toasts.dismiss(id), TOAST_LIFETIME);
    }

    /// Removes one toast.
    pub fn dismiss(&self, id: u64) {
        let _ = self.items.try_update(|items| items.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Toasts::new()
    }
}
