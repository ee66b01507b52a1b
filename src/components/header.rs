//! The console's header: who, the connection, the missed calls, settings, Sign out.

use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::hooks::{use_theme, Notifier, Theme};
use crate::i18n::{use_i18n, Lang, Msg};
use crate::transport::ConnectionState;

/// Connected / reconnecting / offline, always visible.
#[component]
pub fn ConnectionBadge(#[prop(into)] state: Signal<ConnectionState>) -> impl IntoView {
    let i18n = use_i18n();
    let class = move || match state.get() {
        ConnectionState::Connected(_) => "connection connected",
        ConnectionState::Connecting | ConnectionState::Reconnecting { .. } => {
            "connection reconnecting"
        }
        ConnectionState::Offline => "connection offline",
    };
    let text = move || {
        i18n.t(match state.get() {
            ConnectionState::Connected(_) => Msg::Connected,
            ConnectionState::Connecting => Msg::Connecting,
            ConnectionState::Reconnecting { .. } => Msg::Reconnecting,
            ConnectionState::Offline => Msg::Offline,
        })
    };
    view! { <span class=class role="status" data-testid="connection">{text}</span> }
}

/// Language, theme, notifications.
#[component]
pub fn SettingsBar(notifier: Option<Notifier>) -> impl IntoView {
    let i18n = use_i18n();
    let theme = use_theme();
    let on_lang = move |ev| i18n.set(Lang::from_code(&event_target_value(&ev)));
    let on_theme = move |ev| theme.set(Theme::from_code(&event_target_value(&ev)));
    let themes = [
        (Theme::System, Msg::ThemeSystem),
        (Theme::Light, Msg::ThemeLight),
        (Theme::Dark, Msg::ThemeDark),
    ];
    view! {
        <div class="settings" role="group" aria-label=move || i18n.t(Msg::Settings)>
            <label>
                <span>{move || i18n.t(Msg::Language)}</span>
                <select id="setting-lang" on:change=on_lang prop:value=move || i18n.lang().code()>
                    <option value="en" selected=move || i18n.lang() == Lang::En>"English"</option>
                    <option value="fr" selected=move || i18n.lang() == Lang::Fr>"Français"</option>
                </select>
            </label>
            <label>
                <span>{move || i18n.t(Msg::Theme)}</span>
                <select id="setting-theme" on:change=on_theme prop:value=move || theme.get().code()>
                    {themes.into_iter().map(|(t, msg)| view! {
                        <option value=t.code() selected=move || theme.get() == t>{move || i18n.t(msg)}</option>
                    }).collect_view()}
                </select>
            </label>
            {notifier.map(|n| view! {
                <button type="button" class="small" hidden=move || n.granted.get()
                    on:click=move |_| n.request_permission()>{move || i18n.t(Msg::Notifications)}</button>
            })}
        </div>
    }
}

/// Sign out. A logged-on agent is first asked whether to log off the contact centre too (yes
/// by default): signing out while Ready would leave ACD calls ringing on an empty set.
#[component]
pub fn SignOutButton(
    #[prop(into)] signing_out: Signal<bool>,
    on_sign_out: Option<Callback<()>>,
    /// The console, to know whether the agent is logged on and to log it off.
    #[prop(optional)]
    console: Option<ConsoleState>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let log_off_too = RwSignal::new(true);
    let sign_out = move || {
        confirming.set(false);
        if let Some(cb) = on_sign_out {
            cb.run(());
        }
    };
    let logged_on =
        move || console.is_some_and(|c| c.session.with(|s| s.desk().agent().logged_on().is_some()));
    let click = move |_| {
        if logged_on() {
            log_off_too.set(true);
            confirming.set(true);
        } else {
            sign_out();
        }
    };
    let confirm = move |_| match console.filter(|_| log_off_too.get_untracked()) {
        // Signed out whatever the gateway answers: the agent asked to leave.
        Some(console) => console.send_then(cti::model::Intent::LogOff, move |_| sign_out()),
        None => sign_out(),
    };
    view! {
        <button type="button" data-testid="sign-out" disabled=move || signing_out.get() || confirming.get()
            on:click=click>
            {move || i18n.t(if signing_out.get() { Msg::SigningOut } else { Msg::SignOut })}
        </button>
        <Show when=move || confirming.get()>
            <div class="sign-out-confirm card-section" role="dialog" aria-modal="false"
                aria-labelledby="sign-out-title" data-testid="sign-out-confirm">
                <p id="sign-out-title">{move || i18n.t(Msg::SignOutWhileLoggedOn)}</p>
                <label class="switch">
                    <input type="checkbox" data-testid="log-off-too" prop:checked=move || log_off_too.get()
                        on:change=move |ev| log_off_too.set(event_target_checked(&ev)) />
                    {move || i18n.t(Msg::LogOffToo)}
                </label>
                <div class="row">
                    <button type="button" class="primary" data-testid="confirm-sign-out" on:click=confirm>
                        {move || i18n.t(Msg::SignOut)}
                    </button>
                    <button type="button" data-testid="cancel-sign-out" on:click=move |_| confirming.set(false)>
                        {move || i18n.t(Msg::Cancel)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
