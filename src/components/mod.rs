//! The widget's views. They render state and forward intents; logic lives elsewhere.

mod sign_in;
mod signed_in;

pub use sign_in::SignIn;
pub use signed_in::SignedInPanel;
