//! The console's state: the `cti` Machine in a signal, the data around calls (agent
//! configuration, withdraw reasons, routing, history, missed calls), and the one way out:
//! [`ConsoleState::send`] an [`Intent`].
//!
//! No call or agent rule lives here: the Machine decides what an intent becomes
//! ([`Machine::request`]) and what an event changes; this module carries bytes between the
//! Machine and the gateway and shows failures.

use std::rc::Rc;

use cti::machine::{Config, Machine, Notification};
use cti::model::{Desk, Instant, Intent, Party};
use cti::o2g::agent::{AgentConfig, WithdrawReason, WithdrawReasons};
use cti::o2g::comlog::{ComHistoryRecord, ComHistoryRecords, RECORDS_PATH};
use cti::o2g::event_summary::{EventSummary, EVENT_SUMMARY_PATH};
use cti::o2g::request::{HttpRequest, Method};
use cti::o2g::routing::{
    Destination, ForwardRoute, RoutingState, SetForwardRouteRequest, DND_PATH, FORWARD_ROUTE_PATH,
    ROUTING_STATE_PATH,
};
use cti::o2g::telephony::TelephonicState;
use cti::o2g::{decode_event, encode, Event};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::now;
use crate::transport::{get, with_body, ApiError, O2gClient};

/// Why an intent was not carried out: what a host's command result reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// The Machine refused it in this state (the refusal's text).
    Refused(String),
    /// The gateway answered with an error (its message).
    Rejected(String),
    /// The gateway could not be reached, or there is none.
    Unreachable(String),
}

impl SendFailure {
    fn of(error: &ApiError) -> SendFailure {
        match error {
            ApiError::Unreachable { .. } | ApiError::BadGatewayUrl => {
                SendFailure::Unreachable(error.to_string())
            }
            ApiError::Rejected { .. } | ApiError::Protocol { .. } => {
                SendFailure::Rejected(error.to_string())
            }
        }
    }
}

/// The function a [`NotificationListener`] wraps.
type ListenerFn = dyn Fn(&Desk, &Notification);

/// Hears each notification the console drains, with the desk as it is after it (the host
/// bridge, which turns them into the host's events).
#[derive(Clone)]
pub struct NotificationListener(Rc<ListenerFn>);

impl NotificationListener {
    /// A listener calling `f`.
    pub fn new(f: impl Fn(&Desk, &Notification) + 'static) -> NotificationListener {
        NotificationListener(Rc::new(f))
    }
}

impl std::fmt::Debug for NotificationListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NotificationListener")
    }
}

/// Everything the console shows, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct ConsoleState {
    /// The agent's desk as the gateway reported it.
    pub machine: RwSignal<Machine>,
    /// The clock the timers read (ticks every second).
    pub clock: Signal<Instant>,
    /// `GET /acd/agent/config`: devices, groups, skills.
    pub agent_config: RwSignal<Option<AgentConfig>>,
    /// The current group's withdraw reasons.
    pub withdraw_reasons: RwSignal<Vec<WithdrawReason>>,
    /// The event summary (missed calls).
    pub summary: RwSignal<Option<EventSummary>>,
    /// Forward and DND.
    pub routing: RwSignal<Option<RoutingState>>,
    /// The call history, newest first.
    pub history: RwSignal<Vec<ComHistoryRecord>>,
    /// The number in the dial field: dialled, consulted, transferred or redirected to.
    pub number: RwSignal<String>,
    /// Messages for the agent.
    pub toasts: crate::toasts::Toasts,
    client: StoredValue<Option<O2gClient>>,
    /// Incoming calls announced by the Machine, for browser notifications.
    pub ringing_announcements: RwSignal<Vec<Party>>,
    /// Called when the gateway says the session is gone.
    on_session_lost: StoredValue<Option<Callback<()>>>,
    /// Hears every drained notification (the host bridge, when embedded).
    notification_listener: StoredValue<Option<NotificationListener>, LocalStorage>,
}

impl ConsoleState {
    /// A console for `login`, talking to `client` (`None`: a console fed by hand, in tests).
    pub fn new(client: Option<O2gClient>, login: Option<String>, clock: Signal<Instant>) -> Self {
        let config = Config {
            login_name: login,
            ..Config::default()
        };
        ConsoleState {
            machine: RwSignal::new(Machine::new(now(), config)),
            clock,
            agent_config: RwSignal::new(None),
            withdraw_reasons: RwSignal::new(Vec::new()),
            summary: RwSignal::new(None),
            routing: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            number: RwSignal::new(String::new()),
            toasts: crate::toasts::Toasts::new(),
            client: StoredValue::new(client),
            ringing_announcements: RwSignal::new(Vec::new()),
            on_session_lost: StoredValue::new(None),
            notification_listener: StoredValue::new_local(None),
        }
    }

    /// Installs (or with `None` removes) the listener of drained notifications.
    pub fn set_notification_listener(&self, listener: Option<NotificationListener>) {
        // The console may already be gone when its listener's owner cleans up.
        let _ = self.notification_listener.try_set_value(listener);
    }

    /// What to do when the session is gone (return to sign-in).
    pub fn on_session_lost(&self, callback: Callback<()>) {
        self.on_session_lost.set_value(Some(callback));
    }

    /// Whether the Machine would turn `intent` into a request now (reactive). Buttons are
    /// enabled from this, so they match exactly what [`ConsoleState::send`] accepts.
    pub fn allows(&self, intent: Intent) -> bool {
        self.machine.with(|m| m.request(now(), intent).is_ok())
    }

    /// Carries out `intent`: the Machine builds the request (or refuses), the gateway answers,
    /// and its events confirm. A refusal or a failure is shown as a toast.
    pub fn send(&self, intent: Intent) {
        self.send_then(intent, |_| {});
    }

    /// [`ConsoleState::send`], then `then` hears the outcome: `Ok` once the gateway accepted
    /// the request (2xx). The agent sees failures as toasts either way, so a host's command
    /// behaves exactly like the button.
    pub fn send_then(&self, intent: Intent, then: impl FnOnce(Result<(), SendFailure>) + 'static) {
        let request = self.machine.with_untracked(|m| m.request(now(), intent));
        match request {
            Ok(request) => self.exchange(request, |_, outcome| then(outcome.map(drop))),
            Err(refusal) => {
                let text = refusal.to_string();
                self.toasts.show(capitalize(&text));
                then(Err(SendFailure::Refused(text)));
            }
        }
    }

    /// Sends a request; `then` gets the answer's body on success.
    fn send_http(&self, request: HttpRequest, then: impl FnOnce(ConsoleState, Vec<u8>) + 'static) {
        self.exchange(request, |console, outcome| {
            if let Ok(body) = outcome {
                then(console, body);
            }
        });
    }

    /// Sends a request; a failure is shown (or ends the session) before `then` hears it.
    fn exchange(
        &self,
        request: HttpRequest,
        then: impl FnOnce(ConsoleState, Result<Vec<u8>, SendFailure>) + 'static,
    ) {
        let Some(client) = self.client.get_value() else {
            let text = "Not connected to a gateway.";
            self.toasts.show(text);
            then(*self, Err(SendFailure::Unreachable(text.to_owned())));
            return;
        };
        let console = *self;
        spawn_local(async move {
            match client.send_request(&request).await {
                Ok(body) => then(console, Ok(body)),
                Err(error) => {
                    console.report(&error);
                    then(console, Err(SendFailure::of(&error)));
                }
            }
        });
    }

    /// Shows a failed exchange; a lost session ends the console.
    pub fn report(&self, error: &ApiError) {
        if error.is_invalid_session() {
            self.session_lost();
        } else {
            self.toasts.show(error.to_string());
        }
    }

    /// The session is gone: hand over to whoever returns to sign-in.
    pub fn session_lost(&self) {
        if let Some(callback) = self.on_session_lost.try_get_value().flatten() {
            callback.run(());
        }
    }

    /// One event from the channel: the Machine takes call and agent events; the rest
    /// (summary, routing, history) update their own signals.
    pub fn handle_event_bytes(&self, bytes: &[u8]) {
        let event = match decode_event(bytes) {
            Ok(event) => event,
            // Undecodable: the Machine records the warning; nothing else to do.
            Err(_) => {
                self.machine.update(|m| m.handle_event_bytes(now(), bytes));
                return;
            }
        };
        self.handle_event(event);
    }

    /// Applies one decoded event.
    pub fn handle_event(&self, event: Event) {
        match &event {
            Event::OnChannelInformation(_) => return,
            Event::OnEventSummaryUpdated(e) => {
                self.summary.set(Some(e.event_summary.clone()));
                return;
            }
            Event::OnRoutingStateChanged(e) => {
                self.routing.set(Some(e.routing_state.clone()));
                return;
            }
            Event::OnComRecordCreated(e) => {
                let record = e.record.clone();
                self.history.update(|h| h.insert(0, record));
                return;
            }
            Event::OnComRecordModified(_)
            | Event::OnComRecordsDeleted(_)
            | Event::OnComRecordsAck(_)
            | Event::OnComRecordsUnAck(_) => {
                self.fetch_history();
                return;
            }
            _ => {}
        }
        let group_before = self.current_group();
        self.machine.update(|m| {
            m.handle_event(now(), event);
        });
        self.drain_notifications();
        if self.current_group() != group_before {
            self.fetch_withdraw_reasons();
        }
    }

    fn current_group(&self) -> Option<String> {
        self.machine
            .with_untracked(|m| m.desk().agent().logged_on().and_then(|on| on.group.clone()))
    }

    /// Takes the Machine's notifications: incoming calls are announced to the browser, and
    /// the listener (the host bridge) hears every one.
    fn drain_notifications(&self) {
        let mut notifications = Vec::new();
        self.machine.update_untracked(|m| {
            while let Some(notification) = m.poll_notification() {
                notifications.push(notification);
            }
            // Warnings are the gateway's misbehaviour, tolerated; the count stays in the Machine.
            while m.poll_warning().is_some() {}
        });
        if notifications.is_empty() {
            return;
        }
        // Outside the update above: the listener reads the desk, and only reads it.
        if let Some(listener) = self.notification_listener.try_get_value().flatten() {
            self.machine.with_untracked(|m| {
                for notification in &notifications {
                    (listener.0)(m.desk(), notification);
                }
            });
        }
        let ringing: Vec<Party> = notifications
            .into_iter()
            .filter_map(|n| match n {
                Notification::CallRinging { caller, .. } => Some(caller),
                _ => None,
            })
            .collect();
        if !ringing.is_empty() {
            self.ringing_announcements.set(ringing);
        }
    }

    /// Reloads everything from the gateway's snapshots (after a (re)connection).
    pub fn resync(&self) {
        let intents = [
            Intent::FetchTelephonyState,
            Intent::FetchAgentState,
            Intent::FetchAgentConfig,
        ];
        for intent in intents {
            let Ok(request) = self
                .machine
                .with_untracked(|m| m.request(now(), intent.clone()))
            else {
                continue;
            };
            self.send_http(request, move |console, body| {
                console.apply_snapshot(&intent, &body)
            });
        }
        self.send_http(get(EVENT_SUMMARY_PATH), |console, body| {
            if let Ok(summary) = crate::transport::decode::<EventSummary>("EventSummary", &body) {
                console.summary.set(Some(summary));
            }
        });
        self.fetch_routing();
        self.fetch_history();
    }

    fn apply_snapshot(&self, intent: &Intent, body: &[u8]) {
        let decoded = match intent {
            Intent::FetchTelephonyState => {
                crate::transport::decode::<TelephonicState>("TelephonicState", body).map(|state| {
                    self.machine
                        .update(|m| m.handle_telephony_state(now(), state))
                })
            }
            Intent::FetchAgentState => crate::transport::decode("AgentState", body).map(|state| {
                self.machine.update(|m| m.handle_agent_state(now(), state));
                self.fetch_withdraw_reasons();
            }),
            Intent::FetchAgentConfig => {
                crate::transport::decode::<AgentConfig>("AgentConfig", body).map(|config| {
                    self.machine
                        .update(|m| m.handle_agent_config(config.clone()));
                    self.agent_config.set(Some(config));
                })
            }
            _ => Ok(()),
        };
        match decoded {
            Ok(()) => self.drain_notifications(),
            Err(error) => self.report(&ApiError::from_decode(200, error)),
        }
    }

    /// Loads the withdraw reasons of the current group (none when not in a group).
    pub fn fetch_withdraw_reasons(&self) {
        let request = self
            .machine
            .with_untracked(|m| m.request(now(), Intent::FetchWithdrawReasons { group: None }));
        match request {
            Ok(request) if self.current_group().is_some() => {
                self.send_http(request, |console, body| {
                    if let Ok(reasons) =
                        crate::transport::decode::<WithdrawReasons>("WithdrawReasons", &body)
                    {
                        console.withdraw_reasons.set(reasons.reasons);
                    }
                })
            }
            _ => self.withdraw_reasons.set(Vec::new()),
        }
    }

    /// Loads forward and DND.
    pub fn fetch_routing(&self) {
        self.send_http(get(ROUTING_STATE_PATH), |console, body| {
            if let Ok(state) = crate::transport::decode::<RoutingState>("RoutingState", &body) {
                console.routing.set(Some(state));
            }
        });
    }

    /// Loads the call history.
    pub fn fetch_history(&self) {
        self.send_http(get(RECORDS_PATH), |console, body| {
            if let Ok(records) =
                crate::transport::decode::<ComHistoryRecords>("ComHistoryRecords", &body)
            {
                let mut records = records.com_history_records;
                // ISO dates sort as text; newest first.
                records.sort_by(|a, b| b.begin_date.cmp(&a.begin_date));
                console.history.set(records);
            }
        });
    }

    /// Turns do-not-disturb on or off; the routing event confirms.
    pub fn set_dnd(&self, on: bool) {
        let method = if on { Method::Post } else { Method::Delete };
        self.send_http(with_body(method, DND_PATH, None), |console, _| {
            console.fetch_routing()
        });
    }

    /// Forwards calls to `number` (or voicemail); `None` cancels the forward.
    pub fn set_forward(&self, to: Option<Destination>) {
        let request = match to {
            Some(destination) => {
                let body = SetForwardRouteRequest {
                    forward_route: Some(ForwardRoute {
                        forward_type: None,
                        destinations: vec![destination],
                    }),
                };
                with_body(Method::Post, FORWARD_ROUTE_PATH, Some(encode(&body)))
            }
            None => with_body(Method::Delete, FORWARD_ROUTE_PATH, None),
        };
        self.send_http(request, |console, _| console.fetch_routing());
    }

    /// The gateway client, for components that run their own exchanges (directory search).
    pub fn client(&self) -> Option<O2gClient> {
        self.client.get_value()
    }
}

/// A refusal's text starts lower case (it reads inside sentences); a toast starts upper case.
pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The console in context, if one is mounted.
pub fn use_console() -> Option<ConsoleState> {
    use_context::<ConsoleState>()
}
