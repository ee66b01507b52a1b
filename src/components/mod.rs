//! The widget's views. They render state and forward intents; logic lives elsewhere.

mod agent;
mod calls;
mod compact;
mod console;
mod dialer;
mod directory;
mod header;
mod history;
mod routing;
mod sign_in;
mod toasts;
mod transfer;
mod wrap_up;

pub use agent::{AgentPanel, HelpAsks, LogOnForm, StatusBar};
pub use calls::{CallAction, CallItem, CallList};
pub use compact::{CompactConsoleView, Panel};
pub use console::{run_shortcut, shortcut_intent, ConsoleView, SignedInConsole};
pub use dialer::Dialer;
pub use directory::DirectorySearch;
pub use header::{ConnectionBadge, SettingsBar, SignOutButton};
pub use history::CallHistory;
pub use routing::RoutingPanel;
pub use sign_in::SignIn;
pub use toasts::ToastRegion;
pub use transfer::TransferPicker;
pub use wrap_up::AfterCallPanel;
