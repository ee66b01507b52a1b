//! The embedded console: one narrow column from 320×460 px up. What an agent on a call needs
//! comes first (state with Ready/Pause, the calls, the dialer); the rest sits behind tabs.

use cti::model::{Intent, IntentKind};
use leptos::prelude::*;

use super::{
    AfterCallPanel, AgentPanel, CallHistory, CallList, ConnectionBadge, Dialer, DirectorySearch,
    RoutingPanel, SettingsBar, SignOutButton, StatusBar, ToastRegion,
};
use crate::console::ConsoleState;
use crate::hooks::Notifier;
use crate::i18n::{use_i18n, Msg};
use crate::transport::ConnectionState;

/// A secondary panel of the compact console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Log on, the state buttons, withdraw reasons, skills, help.
    Agent,
    /// Missed calls and the call history.
    History,
    /// Directory search.
    Directory,
    /// Forward and do-not-disturb.
    Routing,
    /// Language, theme, notifications, who is signed in, Sign out.
    Settings,
}

impl Panel {
    /// Every panel, in tab order.
    pub const ALL: [Panel; 5] = [
        Panel::Agent,
        Panel::History,
        Panel::Directory,
        Panel::Routing,
        Panel::Settings,
    ];

    fn label(self) -> Msg {
        match self {
            Panel::Agent => Msg::AgentTab,
            Panel::History => Msg::History,
            Panel::Directory => Msg::Directory,
            Panel::Routing => Msg::Forward,
            Panel::Settings => Msg::Settings,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Panel::Agent => "panel-agent",
            Panel::History => "panel-history",
            Panel::Directory => "panel-directory",
            Panel::Routing => "panel-routing",
            Panel::Settings => "panel-settings",
        }
    }

    /// The panel open after clicking `self` while `open` is: a tab closes when clicked again,
    /// so the calls get the room back.
    pub fn toggled(self, open: Option<Panel>) -> Option<Panel> {
        (open != Some(self)).then_some(self)
    }
}

/// The compact console (the embedded layout of [`super::ConsoleView`]).
#[component]
pub fn CompactConsoleView(
    console: ConsoleState,
    connection: Signal<ConnectionState>,
    login: String,
    notifier: Option<Notifier>,
    signing_out: Signal<bool>,
    on_sign_out: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="console compact" data-testid="console">
            <div class="compact-bar">
                <StatusBar console=console />
                <QuickAgentControls console=console />
                <ConnectionBadge state=connection />
            </div>
            <CallList console=console />
            <Show when=move || console.supports(IntentKind::AfterCallWork)>
                <AfterCallPanel console=console />
            </Show>
            <Dialer console=console folded_pad=true />
            <MorePanels console=console login=login notifier=notifier signing_out=signing_out
                on_sign_out=on_sign_out />
            <ToastRegion toasts=console.toasts />
        </div>
    }
}

/// Ready and Pause, beside the state (the full set is in the Agent tab).
#[component]
fn QuickAgentControls(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let logged_on = Memo::new(move |_| {
        console
            .session
            .with(|m| m.desk().agent().logged_on().is_some())
    });
    let button = move |msg: Msg, intent: Intent, testid: &'static str| {
        let check = intent.clone();
        view! {
            <button type="button" class="small" data-testid=testid
                disabled=move || !console.allows(check.clone())
                on:click=move |_| console.send(intent.clone())>{move || i18n.t(msg)}</button>
        }
    };
    view! {
        <Show when=move || logged_on.get()>
            <div class="quick-controls" role="group" aria-label=move || i18n.t(Msg::AgentState)>
                {button(Msg::GoReady, Intent::GoReady, "quick-ready")}
                {button(Msg::Pause, Intent::Pause, "quick-pause")}
            </div>
        </Show>
    }
}

/// The secondary panels behind tabs. Every panel stays mounted (hidden when closed), so a
/// half-typed search or forward number survives switching tabs.
#[component]
fn MorePanels(
    console: ConsoleState,
    login: String,
    notifier: Option<Notifier>,
    signing_out: Signal<bool>,
    on_sign_out: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<Panel>);
    let tabs = Panel::ALL.map(|panel| {
        view! {
            <button type="button" role="tab" class="tab" id=format!("{}-tab", panel.id())
                aria-controls=panel.id() aria-selected=move || (open.get() == Some(panel)).to_string()
                data-testid=format!("{}-tab", panel.id())
                on:click=move |_| open.update(|o| *o = panel.toggled(*o))>
                {move || i18n.t(panel.label())}
            </button>
        }
    });
    let panel = move |which: Panel, content: AnyView| {
        view! {
            <div role="tabpanel" class="panel" id=which.id() aria-labelledby=format!("{}-tab", which.id())
                hidden=move || open.get() != Some(which)>
                {content}
            </div>
        }
    };
    view! {
        <nav class="more" aria-label=move || i18n.t(Msg::More)>
            <div class="tabs" role="tablist">{tabs.into_iter().collect_view()}</div>
            {panel(Panel::Agent, view! { <AgentPanel console=console /> }.into_any())}
            {panel(Panel::History, view! { <CallHistory console=console /> }.into_any())}
            {panel(Panel::Directory, view! { <DirectorySearch console=console /> }.into_any())}
            {panel(Panel::Routing, view! { <RoutingPanel console=console /> }.into_any())}
            {panel(Panel::Settings, view! {
                <section class="account">
                    <p class="who" data-testid="signed-in-as">{login}</p>
                    <SettingsBar notifier=notifier />
                    <SignOutButton signing_out=signing_out on_sign_out=on_sign_out console=console />
                </section>
            }.into_any())}
        </nav>
    }
}
