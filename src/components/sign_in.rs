//! The sign-in screen.

use leptos::prelude::*;

use crate::hooks::{open_console, use_backends};
use crate::i18n::{use_i18n, Msg};
use crate::session::{use_session, SessionPhase, SignInForm};

/// The page's own origin, the default gateway.
fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Gateway URL, login and password, then Sign in.
#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let phase = session.phase();
    let gateway = RwSignal::new(page_origin());
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let backends = use_backends(gateway.into());
    let chosen_backend = RwSignal::new(None::<String>);
    let usable = Memo::new(move |_| backends.with(|list| list.usable()));
    let backend = move || {
        chosen_backend
            .get()
            .filter(|id| usable.with(|u| u.iter().any(|b| &b.id == id)))
            .or_else(|| backends.with(|list| list.preselected()))
    };
    // One build per backend: a backend this page has no driver for is signed in to on its
    // own console, so choosing it (or a gateway offering only it) goes there.
    let console_of = move |id: &str| {
        backends.with(|list| {
            list.choice(id)
                .and_then(|choice| choice.elsewhere().map(str::to_owned))
        })
    };
    Effect::new(move || {
        if let Some(path) = backend().and_then(|id| console_of(&id)) {
            open_console(&path);
        }
    });
    let busy = move || phase.with(SessionPhase::is_busy);
    let notice = move || {
        match phase.get() {
            SessionPhase::SignedOut { notice } => notice,
            _ => None,
        }
        .or_else(|| {
            usable.with(Vec::is_empty).then(|| {
                let offered = backends.with(|list| {
                    list.backends
                        .iter()
                        .map(|b| b.name.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                });
                format!("This gateway offers no protocol this widget speaks ({offered}).")
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = SignInForm {
            gateway: gateway.get_untracked(),
            backend: backend().unwrap_or_default(),
            login: login.get_untracked(),
            password: password.get_untracked(),
        };
        // The password leaves the form's state as soon as it is sent; a form refused before
        // anything is sent keeps it, so the agent fixes only what is wrong.
        if form.validate().is_ok() {
            password.set(String::new());
        }
        session.sign_in(form);
    };

    view! {
        <form class="sign-in card" aria-labelledby="sign-in-title" on:submit=submit novalidate>
            <h1 id="sign-in-title">{move || i18n.t(Msg::SignInTitle)}</h1>
            <p class="notice" role="alert" aria-live="assertive">{notice}</p>
            <Show when=move || usable.with(|u| u.len() > 1)>
                <label for="sign-in-backend">{move || i18n.t(Msg::Backend)}</label>
                <select id="sign-in-backend" data-testid="sign-in-backend"
                    on:change=move |ev| chosen_backend.set(Some(event_target_value(&ev)))>
                    <For each=move || usable.get() key=|b| b.id.clone() let:choice>
                        <option value=choice.id.clone()
                            selected={
                                let id = choice.id.clone();
                                move || backend().as_deref() == Some(id.as_str())
                            }>{choice.name.clone()}</option>
                    </For>
                </select>
            </Show>
            <label for="sign-in-login">{move || i18n.t(Msg::Login)}</label>
            <input id="sign-in-login" name="login" autocomplete="username" placeholder=move || i18n.t(Msg::LoginExample) required
                prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev)) />
            <label for="sign-in-password">{move || i18n.t(Msg::Password)}</label>
            <input id="sign-in-password" name="password" type="password" autocomplete="current-password"
                inputmode="numeric" required
                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            <details class="advanced">
                <summary>{move || i18n.t(Msg::Gateway)}</summary>
                <label for="sign-in-gateway">{move || i18n.t(Msg::GatewayAddress)}</label>
                <input id="sign-in-gateway" name="gateway" type="url" spellcheck="false"
                    prop:value=move || gateway.get() on:input=move |ev| gateway.set(event_target_value(&ev)) />
            </details>
            <button type="submit" class="primary" disabled=move || busy() || backend().is_none()>
                {move || i18n.t(if busy() { Msg::SigningIn } else { Msg::SignIn })}
            </button>
        </form>
    }
}
