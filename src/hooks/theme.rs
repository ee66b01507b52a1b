//! `use_theme`: light or dark, following the system unless the agent chose.

use leptos::prelude::*;

use super::storage::{use_local_storage, StoredSetting};
use crate::browser::set_root_attribute;

/// The agent's choice of theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The stored value, also the `<select>` value.
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored value; anything unknown follows the system.
    pub fn from_code(code: &str) -> Theme {
        match code {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// Where the theme is remembered.
pub const THEME_KEY: &str = "agentdesk.theme";

/// The theme setting, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct ThemeSetting {
    stored: StoredSetting,
    /// The host page's choice (embedded `?theme=`), for this page only.
    page: RwSignal<Option<Theme>>,
}

impl ThemeSetting {
    /// The theme in use, reactively: the page's, else the agent's.
    pub fn get(&self) -> Theme {
        self.page
            .get()
            .unwrap_or_else(|| Theme::from_code(&self.stored.get().unwrap_or_default()))
    }

    /// Chooses a theme and remembers it; the agent's choice also ends the page's.
    pub fn set(&self, theme: Theme) {
        self.page.set(None);
        self.stored.set(theme.code());
    }

    /// Uses `theme` on this page without storing it (the host dresses the widget; the
    /// agent's own choice stays for the full console).
    pub fn override_for_page(&self, theme: Theme) {
        self.page.set(Some(theme));
    }
}

/// The theme in context, or one loaded from settings, applied to `<html data-theme>`.
pub fn use_theme() -> ThemeSetting {
    if let Some(setting) = use_context::<ThemeSetting>() {
        return setting;
    }
    let setting = ThemeSetting {
        stored: use_local_storage(THEME_KEY),
        page: RwSignal::new(None),
    };
    // The stylesheet reads the attribute; System removes it so the media query decides.
    Effect::new(move || {
        let chosen = setting.get();
        set_root_attribute(
            "data-theme",
            (chosen != Theme::System).then(|| chosen.code()),
        );
    });
    provide_context(setting);
    setting
}
