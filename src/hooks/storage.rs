//! `use_local_storage`: a setting kept in `localStorage`, as a signal.

use leptos::prelude::*;

use crate::browser::{load_setting, save_setting};

/// One stored setting. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct StoredSetting {
    key: &'static str,
    value: RwSignal<Option<String>>,
}

impl StoredSetting {
    /// The stored value, reactively (`None` when never set or storage is blocked).
    pub fn get(&self) -> Option<String> {
        self.value.get()
    }

    /// The stored value, without tracking.
    pub fn get_untracked(&self) -> Option<String> {
        self.value.get_untracked()
    }

    /// Stores a value (the signal changes even when storage is blocked).
    pub fn set(&self, value: &str) {
        save_setting(self.key, value);
        self.value.set(Some(value.to_owned()));
    }
}

/// The setting under `key`, read once from `localStorage`. Only settings go here: never a
/// credential or a session id.
pub fn use_local_storage(key: &'static str) -> StoredSetting {
    StoredSetting {
        key,
        value: RwSignal::new(load_setting(key)),
    }
}
