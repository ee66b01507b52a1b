//! agentdesk: the browser softphone and agent widget for contact centres.
//!
//! Data runs one way: transport → codec (`cti`) → Machine → signals → view; user intent goes
//! back through the Machine (`request`) to the transport. See `docs/widget.md`.

pub mod browser;
pub mod components;
pub mod console;
pub mod drivers;
pub mod embed;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod session;
pub mod toasts;
pub mod transport;

use leptos::prelude::*;

use components::{SignIn, SignedInConsole};
use embed::{use_embedding, use_host_bridge, use_page_options};
use hooks::use_theme;
use i18n::{use_i18n, Msg};
use session::{use_session, SessionPhase, SignedIn};

/// What the App shows.
#[derive(Debug, Clone, PartialEq)]
enum Screen {
    /// Asking the gateway for a session to resume.
    Checking,
    /// The sign-in form (also while signing in, so what was typed stays).
    SignIn,
    /// The console of a signed-in agent.
    Console(SignedIn),
}

impl Screen {
    fn of(phase: &SessionPhase) -> Screen {
        match phase {
            SessionPhase::Resuming => Screen::Checking,
            SessionPhase::SignedOut { .. } | SessionPhase::SigningIn => Screen::SignIn,
            SessionPhase::SignedIn(s) | SessionPhase::SigningOut(s) => Screen::Console(s.clone()),
        }
    }
}

/// The page's origin: the gateway that served the widget, where a session may be resumed.
fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    let embedding = use_embedding();
    let session = use_session();
    let i18n = use_i18n();
    let theme = use_theme();
    use_page_options(&embedding, i18n, theme);
    // At App level, so the host's channel survives sign-in and sign-out.
    use_host_bridge(&embedding, session);
    session.resume(page_origin());
    let phase = session.phase();
    // A memo, so that moving between phases of the same screen (signing in → signed out with an
    // error) does not rebuild the screen and lose what the agent typed.
    let screen = Memo::new(move |_| phase.with(Screen::of));
    view! {
        <main class="app" class:embedded=embedding.is_embedded()>
            {move || match screen.get() {
                Screen::Console(s) => view! { <SignedInConsole signed_in=s /> }.into_any(),
                Screen::SignIn => view! { <SignIn /> }.into_any(),
                // Not the form: it would flash before a resumed session replaces it.
                Screen::Checking => view! {
                    <p class="checking" role="status" data-testid="checking-session">
                        {move || i18n.t(Msg::CheckingSession)}
                    </p>
                }.into_any(),
            }}
        </main>
    }
}
