//! The console's header: who, the connection, the missed calls, settings, Sign out.

use leptos::prelude::*;

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

/// Sign out, saying so while it happens.
#[component]
pub fn SignOutButton(
    #[prop(into)] signing_out: Signal<bool>,
    on_sign_out: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="button" data-testid="sign-out" disabled=move || signing_out.get()
            on:click=move |_| if let Some(cb) = on_sign_out { cb.run(()) }>
            {move || i18n.t(if signing_out.get() { Msg::SigningOut } else { Msg::SignOut })}
        </button>
    }
}
