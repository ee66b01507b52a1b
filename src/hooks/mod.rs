//! Browser resources wrapped as hooks, in the manner of leptos-use: each returns signals and
//! closures, and releases what it holds when its owner is disposed.

mod backends;
mod clock;
mod desk_times;
mod event_channel;
mod keepalive;
mod notifications;
mod online;
mod page_exit;
mod shortcuts;
mod storage;
mod theme;
mod title_alert;

pub use backends::{open_console, use_backends, BackendChoice, BackendList};
pub use clock::use_clock;
pub use desk_times::use_desk_times;
pub use event_channel::{use_event_channel, EventChannel};
pub use keepalive::{keepalive_period_ms, use_keepalive};
pub use notifications::{use_notifications, use_ringer, Notifier};
pub use online::use_online;
pub use page_exit::use_page_exit;
pub use shortcuts::{shortcut_of, use_shortcuts, Shortcut};
pub use storage::{use_local_storage, StoredSetting};
pub use theme::{use_theme, Theme, ThemeSetting, THEME_KEY};
pub use title_alert::use_title_alert;
