//! The agent console: what a signed-in agent sees, and the hooks that keep it live.

use cti::model::{CallRef, CallState, Intent, IntentKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{
    AfterCallPanel, AgentPanel, CallHistory, CallList, CompactConsoleView, ConnectionBadge, Dialer,
    DirectorySearch, HelpAsks, RoutingPanel, ScreenPopCard, SettingsBar, SignOutButton, StatusBar,
    ToastRegion,
};
use crate::console::{Announcement, ConsoleState};
use crate::embed::{use_embedding, use_host_console};
use crate::format::{agent_status_msg, party_name};
use crate::hooks::{
    use_clock, use_desk_times, use_event_channel, use_keepalive, use_notifications, use_online,
    use_page_exit, use_ringer, use_shortcuts, use_title_alert, Notifier, Shortcut,
};
use crate::i18n::{use_i18n, Msg};
use crate::session::{use_session, SessionPhase, SignedIn};
use crate::transport::ConnectionState;

/// The console of a signed-in agent: opens the event channel, keeps the session alive,
/// rings and notifies, and renders [`ConsoleView`].
#[component]
pub fn SignedInConsole(signed_in: SignedIn) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let clock = use_clock();
    let console = ConsoleState::new(signed_in.driver.clone(), clock);
    use_desk_times(console, &signed_in.login);
    provide_context(console);
    let expire = move || session.expire(i18n.t(Msg::SessionExpired));
    console.on_session_lost(Callback::new(move |()| expire()));
    let channel = use_event_channel(
        signed_in.driver.clone(),
        move |bytes| console.handle_event_bytes(bytes),
        move || console.resync(),
        expire,
    );
    session.track_subscription(channel.subscription);
    // A reload resumes this session: only the subscription, which no channel will read any
    // more, is deleted as the page goes.
    let exit_driver = signed_in.driver.clone();
    let subscription = channel.subscription;
    use_page_exit(move || {
        if let Some(id) = subscription.try_get_untracked().flatten() {
            exit_driver.leave_on_exit(&id);
        }
    });
    // Offline at once when the browser loses its network; back online, reconnect now rather
    // than after the backoff.
    let online = use_online();
    let reconnect = channel.clone();
    Effect::new(move |was_online: Option<bool>| {
        let now_online = online.get();
        let _ = console.online.try_set(now_online);
        if now_online && was_online == Some(false) {
            reconnect.cut();
        }
        now_online
    });
    // Actions wait while the browser is offline or the event stream is lost: their outcome
    // could not be seen.
    let stream = channel.state;
    Effect::new(move || {
        let up = !matches!(
            stream.get(),
            ConnectionState::Reconnecting { .. } | ConnectionState::Offline
        );
        let _ = console.stream_up.try_set(up);
    });
    let connection = console.connection(channel.state);
    use_host_console(console, signed_in.login.clone(), connection);
    use_keepalive(signed_in.driver.clone(), expire);

    let notifier = use_notifications();
    announce_incoming_calls(console, notifier);
    let ringing = Signal::derive(move || {
        console.session.with(|m| {
            m.desk()
                .calls()
                .iter()
                .any(|c| c.state == CallState::RingingIn)
        })
    });
    use_ringer(ringing);
    let i18n_title = use_i18n();
    let title_alert = Signal::derive(move || {
        console.session.with(|m| {
            m.desk()
                .calls()
                .iter()
                .find(|c| c.state == CallState::RingingIn)
                .map(|c| {
                    let who = party_name(&c.remote)
                        .unwrap_or_else(|| i18n_title.t(Msg::Anonymous).to_owned());
                    format!("☎ {} · {who}", i18n_title.t(Msg::IncomingCall))
                })
        })
    });
    use_title_alert(title_alert);
    use_shortcuts(move |shortcut| run_shortcut(console, shortcut));

    let phase = session.phase();
    let signing_out = Signal::derive(move || matches!(phase.get(), SessionPhase::SigningOut(_)));
    let stop_channel = channel.clone();
    let sign_out = Callback::new(move |()| {
        stop_channel.stop();
        session.sign_out();
    });
    view! {
        <ConsoleView console=console connection=connection login=signed_in.login.clone()
            notifier=notifier signing_out=signing_out on_sign_out=sign_out />
    }
}

/// A browser notification for each call the Machine announces as ringing.
fn announce_incoming_calls(console: ConsoleState, notifier: Notifier) {
    let i18n = use_i18n();
    Effect::new(move || {
        for caller in console.ringing_announcements.get() {
            let who = party_name(&caller).unwrap_or_else(|| i18n.t(Msg::Anonymous).to_owned());
            notifier.notify(i18n.t(Msg::IncomingCall), &who);
        }
    });
}

/// What a shortcut does: focus the dial field, or send [`shortcut_intent`].
pub fn run_shortcut(console: ConsoleState, shortcut: Shortcut) {
    if shortcut == Shortcut::DialPad {
        focus("dial-number");
    } else if let Some(intent) = shortcut_intent(&console, shortcut) {
        console.send(intent);
    }
}

/// The intent a shortcut stands for: on the first call the Machine accepts it for (hang-up
/// tries the active call first; hold/retrieve holds the active call, else retrieves).
pub fn shortcut_intent(console: &ConsoleState, shortcut: Shortcut) -> Option<Intent> {
    let calls = console.session.with_untracked(|m| {
        m.desk()
            .calls()
            .iter()
            .map(|c| (c.reference.clone(), c.state))
            .collect::<Vec<_>>()
    });
    let first_allowed = |make: &dyn Fn(CallRef) -> Intent, prefer: Option<CallState>| {
        let mut ordered = calls.clone();
        // The preferred state first; the rest keep their order (the sort is stable).
        ordered.sort_by_key(|(_, state)| Some(*state) != prefer);
        ordered
            .into_iter()
            .map(|(r, _)| make(r))
            .find(|intent| console.allows(intent.clone()))
    };
    match shortcut {
        Shortcut::Answer => first_allowed(&|call| Intent::Answer { call }, None),
        Shortcut::HangUp => first_allowed(&|call| Intent::HangUp { call }, Some(CallState::Active)),
        Shortcut::HoldOrRetrieve => first_allowed(&|call| Intent::Hold { call }, None)
            .or_else(|| first_allowed(&|call| Intent::Retrieve { call }, None)),
        Shortcut::Ready => Some(Intent::GoReady),
        Shortcut::Pause => Some(Intent::Pause),
        Shortcut::DialPad => None,
    }
}

fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Contact-centre work some backends have (XuC: callbacks, queue penalties, the day's
/// statistics), each shown when the backend can fill it.
#[cfg(feature = "work-panels")]
fn work_panels(console: ConsoleState) -> impl IntoView {
    use super::{CallbacksPanel, QueuesPanel, StatisticsPanel};
    view! {
        <Show when=move || console.supports(IntentKind::Callbacks)>
            <CallbacksPanel console=console />
        </Show>
        <Show when=move || console.supports(IntentKind::Queues)>
            <QueuesPanel console=console />
        </Show>
        <Show when=move || console.supports(IntentKind::Statistics)>
            <StatisticsPanel console=console />
        </Show>
    }
}

/// A console whose backends have none of that work carries none of its code (issue 16).
#[cfg(not(feature = "work-panels"))]
fn work_panels(_console: ConsoleState) -> impl IntoView {}

/// The console's layout, from its state alone (tests mount it with a hand-fed state).
#[component]
pub fn ConsoleView(
    console: ConsoleState,
    #[prop(into)] connection: Signal<ConnectionState>,
    #[prop(into)] login: String,
    #[prop(optional)] notifier: Option<Notifier>,
    #[prop(into, optional)] signing_out: Signal<bool>,
    #[prop(optional)] on_sign_out: Option<Callback<()>>,
) -> impl IntoView {
    if use_embedding().is_embedded() {
        return view! {
            <CompactConsoleView console=console connection=connection login=login notifier=notifier
                signing_out=signing_out on_sign_out=on_sign_out />
        }
        .into_any();
    }
    let i18n = use_i18n();
    view! {
        <div class="console" data-testid="console">
            <header class="console-header">
                <h1>"agentdesk"</h1>
                <span class="who" data-testid="signed-in-as">
                    {move || console.session.with(|s| s.desk().user_name().map(|name| view! {
                        <strong class="user-name" data-testid="user-name">{name.to_owned()}</strong>" "
                    }))}
                    {login}
                </span>
                <ConnectionBadge state=connection />
                <SettingsBar notifier=notifier />
                <SignOutButton signing_out=signing_out on_sign_out=on_sign_out console=console />
            </header>
            <ConnectionLost state=connection />
            <Announcer console=console />
            <HelpAsks console=console />
            <StatusBar console=console />
            <div class="console-main">
                // Calls first: a ringing or live call is what the agent must see at once.
                <div class="column">
                    <CallList console=console />
                    <Show when=move || console.supports(IntentKind::AfterCallWork)>
                        <AfterCallPanel console=console />
                    </Show>
                    <ScreenPopCard console=console />
                    <AgentPanel console=console />
                    <Dialer console=console />
                </div>
                <div class="column">
                    // Only the panels the backend can fill (XuC has no comlog, directory or
                    // routing the console reads).
                    <Show when=move || console.supports(IntentKind::History)>
                        <CallHistory console=console />
                    </Show>
                    <Show when=move || console.supports(IntentKind::Directory)>
                        <DirectorySearch console=console />
                    </Show>
                    <Show when=move || console.supports(IntentKind::SetDnd) || console.supports(IntentKind::SetForward)>
                        <RoutingPanel console=console />
                    </Show>
                    {work_panels(console)}
                    <p class="shortcuts" aria-label=move || i18n.t(Msg::Shortcuts)>
                        {move || i18n.t(Msg::ShortcutsHelp)}
                    </p>
                </div>
            </div>
            <ToastRegion toasts=console.toasts />
        </div>
    }
    .into_any()
}

/// A banner while the connection is lost: what the agent sees may be stale, and actions wait.
#[component]
pub fn ConnectionLost(#[prop(into)] state: Signal<ConnectionState>) -> impl IntoView {
    let i18n = use_i18n();
    let lost = move || {
        matches!(
            state.get(),
            ConnectionState::Reconnecting { .. } | ConnectionState::Offline
        )
    };
    view! {
        <Show when=lost>
            <div class="connection-lost" role="alert" data-testid="connection-lost">
                {move || i18n.t(Msg::ConnectionLost)}
            </div>
        </Show>
    }
}

/// Says to a screen reader what the agent would see: a call ringing, a new state, a call
/// ended. Visually hidden.
#[component]
pub fn Announcer(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        console.announcement.get().map(|said| match said {
            Announcement::Ringing(caller) => format!(
                "{}: {}",
                i18n.t(Msg::IncomingCall),
                party_name(&caller).unwrap_or_else(|| i18n.t(Msg::Anonymous).to_owned())
            ),
            Announcement::State(status) => format!(
                "{}: {}",
                i18n.t(Msg::AgentState),
                i18n.t(agent_status_msg(status))
            ),
            Announcement::CallEnded => i18n.t(Msg::CallEnded).to_owned(),
        })
    };
    view! { <div class="sr-only" aria-live="assertive" role="status" data-testid="announcer">{text}</div> }
}
