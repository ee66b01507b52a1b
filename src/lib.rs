//! agentdesk: the browser softphone and agent widget for contact centres.
//!
//! Data runs one way: transport → codec (`cti`) → Machine → signals → view; user intent goes
//! back through the Machine (`request`) to the transport. See `docs/widget.md`.

pub mod browser;
pub mod components;
pub mod console;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod session;
pub mod toasts;
pub mod transport;

use leptos::prelude::*;

use components::{SignIn, SignedInConsole};
use hooks::use_theme;
use i18n::use_i18n;
use session::use_session;

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    let session = use_session();
    use_i18n();
    use_theme();
    let phase = session.phase();
    // A memo, so that moving between phases of the same screen (signing in → signed out with an
    // error) does not rebuild the screen and lose what the agent typed.
    let signed_in = Memo::new(move |_| phase.with(|p| p.signed_in().cloned()));
    view! {
        <main class="app">
            {move || match signed_in.get() {
                Some(s) => view! { <SignedInConsole signed_in=s /> }.into_any(),
                None => view! { <SignIn /> }.into_any(),
            }}
        </main>
    }
}
