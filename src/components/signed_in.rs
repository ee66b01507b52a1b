//! What a signed-in agent sees (for now: who is signed in, and Sign out).

use leptos::prelude::*;

use crate::session::{use_session, SessionPhase, SignedIn};

/// The signed-in header: login, gateway, session time-to-live, Sign out.
#[component]
pub fn SignedInPanel(signed_in: SignedIn) -> impl IntoView {
    let session = use_session();
    let phase = session.phase();
    let signing_out = move || matches!(phase.get(), SessionPhase::SigningOut(_));
    let ttl_minutes = signed_in.info.time_to_live.map(|secs| secs / 60);
    view! {
        <section class="signed-in card" aria-labelledby="signed-in-title">
            <h1 id="signed-in-title">"agentdesk"</h1>
            <p class="who" data-testid="signed-in-as">"Signed in as " <strong>{signed_in.login.clone()}</strong></p>
            <dl class="session-facts">
                <dt>"Gateway"</dt><dd>{signed_in.client.base().to_owned()}</dd>
                <dt>"Session idle time-out"</dt>
                <dd>{ttl_minutes.map(|m| format!("{m} min")).unwrap_or_else(|| "gateway default".to_owned())}</dd>
            </dl>
            <button type="button" on:click=move |_| session.sign_out() disabled=signing_out>
                {move || if signing_out() { "Signing out…" } else { "Sign out" }}
            </button>
        </section>
    }
}
