//! agentdesk: the browser softphone and agent widget for contact centres.
//!
//! Data runs one way: transport → codec (`cti`) → state → signals → view; user intent goes
//! back through the state to a request and the transport.

pub mod components;
pub mod session;
pub mod transport;

use leptos::prelude::*;

use components::{SignIn, SignedInPanel};
use session::use_session;

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    let session = use_session();
    let phase = session.phase();
    // A memo, so that moving between phases of the same screen (signing in → signed out with an
    // error) does not rebuild the screen and lose what the agent typed.
    let signed_in = Memo::new(move |_| phase.with(|p| p.signed_in().cloned()));
    view! {
        <main class="app">
            {move || match signed_in.get() {
                Some(s) => view! { <SignedInPanel signed_in=s /> }.into_any(),
                None => view! { <SignIn /> }.into_any(),
            }}
        </main>
    }
}
