//! The widget's views. They render state and forward intents; logic lives elsewhere.

mod agent;
#[cfg(feature = "work-panels")]
mod callbacks;
mod calls;
mod compact;
mod console;
mod dialer;
mod directory;
mod header;
mod history;
#[cfg(feature = "work-panels")]
mod membership;
mod routing;
mod screen_pop;
mod sign_in;
#[cfg(feature = "work-panels")]
mod statistics;
mod toasts;
mod transfer;
mod wrap_up;

pub use agent::{AgentPanel, HelpAsks, LogOnForm, StatusBar};
#[cfg(feature = "work-panels")]
pub use callbacks::CallbacksPanel;
pub use calls::{CallAction, CallItem, CallList};
pub use compact::{CompactConsoleView, Panel};
pub use console::{run_shortcut, shortcut_intent, ConsoleView, SignedInConsole};
pub use dialer::Dialer;
pub use directory::DirectorySearch;
pub use header::{ConnectionBadge, SettingsBar, SignOutButton};
pub use history::CallHistory;
#[cfg(feature = "work-panels")]
pub use membership::QueuesPanel;
pub use routing::RoutingPanel;
pub use screen_pop::ScreenPopCard;
pub use sign_in::SignIn;
#[cfg(feature = "work-panels")]
pub use statistics::StatisticsPanel;
pub use toasts::ToastRegion;
pub use transfer::TransferPicker;
pub use wrap_up::AfterCallPanel;
