//! The console's state: the `cti` session (the neutral desk behind the backend's adapter) in
//! a signal, the backend's driver, and the one way out: [`ConsoleState::send`] an [`Intent`].
//!
//! No call, agent or vendor rule lives here: the session's guard decides whether an intent is
//! allowed, its adapter what goes on the wire, and the driver carries it. This module pumps
//! the session's outputs: transmits to the driver, answers back in, notifications to the UI
//! and the host bridge, failures to toasts.

use std::cell::RefCell;
use std::rc::Rc;

use cti::adapter::{Adapter, Answer, Failure, IntentId};
use cti::machine::{Config, Notification, Update as DeskUpdate, Warning};
use cti::model::{Desk, Instant, Intent, Party};
use cti::session::{Input, Output, Session};
use cti::transmit::Transmit;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::now;
use crate::drivers::{DriverHandle, Reply};
use crate::transport::ConnectionState;

/// The session of the console: the neutral desk behind whichever backend's adapter.
pub type DeskSession = Session<Box<dyn Adapter>>;

/// Why an intent was not carried out: what a host's command result reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// The guard refused it in this state (the refusal's text).
    Refused(String),
    /// The backend answered with an error (its message).
    Rejected(String),
    /// The backend could not be reached, or there is none.
    Unreachable(String),
}

impl SendFailure {
    fn of(failure: Failure) -> SendFailure {
        match failure {
            Failure::Unreachable(text) => SendFailure::Unreachable(text),
            Failure::Rejected(text) => SendFailure::Rejected(text),
            // A failure kind this console does not know yet: the backend did not do it.
            _ => SendFailure::Rejected("The contact centre did not carry this out.".to_owned()),
        }
    }
}

/// What the console says to a screen reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Announcement {
    /// A call rings, from this party.
    Ringing(Party),
    /// The agent's state is now this.
    State(cti::model::AgentStatus),
    /// A call ended.
    CallEnded,
}

impl Announcement {
    fn of(notification: &Notification) -> Option<Announcement> {
        match notification {
            Notification::CallRinging { caller, .. } => Some(Announcement::Ringing(caller.clone())),
            Notification::AgentStateChanged { to, .. } => Some(Announcement::State(*to)),
            Notification::CallEnded { .. } => Some(Announcement::CallEnded),
            _ => None,
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

/// Who waits for the outcome of which intent.
type OutcomeWaiters = Rc<RefCell<Vec<(IntentId, Box<dyn FnOnce(Result<(), SendFailure>)>)>>>;

/// Everything the console shows, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct ConsoleState {
    /// The agent's desk, behind the backend's adapter.
    pub session: RwSignal<DeskSession, LocalStorage>,
    /// The clock the timers read (ticks every second).
    pub clock: Signal<Instant>,
    /// The number in the dial field: dialled, consulted, transferred or redirected to.
    pub number: RwSignal<String>,
    /// Messages for the agent.
    pub toasts: crate::toasts::Toasts,
    driver: StoredValue<DriverHandle, LocalStorage>,
    waiters: StoredValue<OutcomeWaitersDebug, LocalStorage>,
    /// The session's next timer, armed in the browser.
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// Incoming calls announced by the session, for browser notifications.
    pub ringing_announcements: RwSignal<Vec<Party>>,
    /// Whether the last exchange with the backend got an answer (a request that reached
    /// nobody says the backend is unreachable before the event stream notices).
    pub reachable: RwSignal<bool>,
    /// Whether the browser has a network; actions wait while it has none.
    pub online: RwSignal<bool>,
    /// Whether the event stream is up (or still opening); actions wait while it is lost, as
    /// their outcome could not be seen.
    pub stream_up: RwSignal<bool>,
    /// The last thing to say to a screen reader (a call ringing, a state change).
    pub announcement: RwSignal<Option<Announcement>>,
    /// Called when the backend says the session is gone.
    on_session_lost: StoredValue<Option<Callback<()>>>,
    /// Hears every drained notification (the host bridge, when embedded).
    notification_listener: StoredValue<Option<NotificationListener>, LocalStorage>,
}

/// [`OutcomeWaiters`], printable.
#[derive(Clone, Default)]
struct OutcomeWaitersDebug(OutcomeWaiters);

impl std::fmt::Debug for OutcomeWaitersDebug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} waiting", self.0.borrow().len())
    }
}

impl ConsoleState {
    /// A console on `driver`'s backend.
    pub fn new(driver: DriverHandle, clock: Signal<Instant>) -> Self {
        let session = Session::new(now(), Config::default(), driver.adapter());
        ConsoleState {
            session: RwSignal::new_local(session),
            clock,
            number: RwSignal::new(String::new()),
            toasts: crate::toasts::Toasts::new(),
            driver: StoredValue::new_local(driver),
            waiters: StoredValue::new_local(OutcomeWaitersDebug::default()),
            timer: StoredValue::new_local(None),
            ringing_announcements: RwSignal::new(Vec::new()),
            reachable: RwSignal::new(true),
            online: RwSignal::new(true),
            stream_up: RwSignal::new(true),
            announcement: RwSignal::new(None),
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

    /// Whether the session would accept `intent` now (reactive): the backend supports it and
    /// the guard allows it. Buttons are enabled from this, so they match exactly what
    /// [`ConsoleState::send`] accepts; nothing is encoded.
    pub fn allows(&self, intent: Intent) -> bool {
        self.actions_live() && self.session.with(|s| s.allows(&intent).is_ok())
    }

    /// Whether `intent` may be asked for now, sent at once or kept for the end of the current
    /// call (reactive): what enables an agent state button.
    pub fn allows_or_defers(&self, intent: Intent) -> bool {
        self.actions_live()
            && self
                .session
                .with(|s| s.allows(&intent).is_ok() || s.may_defer(&intent))
    }

    /// Sends `intent` now, or, when only the current call stands in the way, keeps it for the
    /// call's end ("Pause after this call").
    pub fn send_or_defer(&self, intent: Intent) {
        let deferrable = self.session.with_untracked(|s| s.may_defer(&intent));
        if deferrable {
            self.session.update(|s| {
                let _ = s.defer(intent);
            });
        } else {
            self.send(intent);
        }
    }

    /// Forgets the state change kept for the end of the call.
    pub fn cancel_deferred(&self) {
        self.session.update(DeskSession::cancel_deferred);
    }

    /// Whether the backend can do `kind` at all (a panel it cannot fill is not shown).
    pub fn supports(&self, kind: cti::model::IntentKind) -> bool {
        self.session.with(|s| s.capabilities().supports(kind))
    }

    /// Whether actions may be taken now (reactive): the browser is online and the event
    /// stream is not lost.
    pub fn actions_live(&self) -> bool {
        self.online.get() && self.stream_up.get()
    }

    /// Carries out `intent`: the guard allows it (or not), the adapter encodes it, the
    /// backend answers, its events confirm. A refusal or a failure is shown as a toast.
    pub fn send(&self, intent: Intent) {
        self.send_then(intent, |_| {});
    }

    /// [`ConsoleState::send`], then `then` hears the outcome: `Ok` once the backend accepted
    /// it. The agent sees failures as toasts either way, so a host's command behaves exactly
    /// like the button.
    pub fn send_then(&self, intent: Intent, then: impl FnOnce(Result<(), SendFailure>) + 'static) {
        let sent = self.session.try_update_untracked(|s| s.send(now(), intent));
        match sent {
            Some(Ok(id)) => {
                if let Some(waiters) = self.waiters.try_get_value() {
                    waiters.0.borrow_mut().push((id, Box::new(then)));
                }
                self.pump();
            }
            Some(Err(refusal)) => {
                let text = refusal.to_string();
                self.toasts.show(capitalize(&text));
                then(Err(SendFailure::Refused(text)));
            }
            None => then(Err(SendFailure::Unreachable(
                "The console is closed.".into(),
            ))),
        }
    }

    /// Bytes from the backend's event stream.
    pub fn handle_event_bytes(&self, bytes: &[u8]) {
        self.feed(Input::Received(bytes));
    }

    /// The event stream (re)opened: reload everything it may have missed.
    pub fn resync(&self) {
        let _ = self.reachable.try_set(true);
        self.feed(Input::Connected);
    }

    /// Applies a neutral update as if the backend had sent it (tests, demo data).
    pub fn apply(&self, update: DeskUpdate) {
        if self
            .session
            .try_update(|s| s.apply(now(), update))
            .is_some()
        {
            self.pump();
        }
    }

    fn feed(&self, input: Input<'_>) {
        if self
            .session
            .try_update(|s| s.handle(now(), input))
            .is_some()
        {
            self.pump();
        }
    }

    /// Drains the session's outputs: transmits go to the driver, outcomes to their waiters,
    /// notifications to the UI and the host bridge; then arms the session's next timer.
    fn pump(&self) {
        let mut outputs = Vec::new();
        let drained = self.session.try_update_untracked(|s| {
            while let Some(output) = s.poll_output() {
                outputs.push(output);
            }
            s.poll_timeout()
        });
        let Some(timeout) = drained else {
            return;
        };
        // Readers of the desk re-run once for the whole batch.
        self.session.notify();
        // A lost session ends the console: its failed requests need no toast of their own.
        let lost = outputs.contains(&Output::SessionLost);
        let mut notifications = Vec::new();
        for output in outputs {
            match output {
                Output::Transmit(transmit) => self.carry(transmit),
                Output::Notification(notification) => notifications.push(notification),
                Output::Outcome { intent, result } => self.settle(intent, result, lost),
                Output::Warning(Warning::RequestFailed { message, .. }) if !lost => {
                    self.toasts.show(message)
                }
                // Tolerated misbehaviour of the backend; the session counts it.
                Output::Warning(_) => {}
                _ => {}
            }
        }
        if lost {
            self.session_lost();
        }
        self.announce(notifications);
        self.arm_timer(timeout);
    }

    /// Sends one transmit through the driver and brings its answer back.
    fn carry(&self, transmit: Transmit) {
        let Some(driver) = self.driver.try_get_value() else {
            return;
        };
        let console = *self;
        spawn_local(async move {
            let reply = driver.transmit(transmit.payload).await;
            let answer = match &reply {
                Reply::Response { status, body } => Answer::Response {
                    status: *status,
                    body,
                },
                Reply::Unreachable(message) => Answer::Unreachable { message },
                Reply::Sent => return,
            };
            let reached = !matches!(reply, Reply::Unreachable(_));
            if console.reachable.try_get_untracked() != Some(reached) {
                let _ = console.reachable.try_set(reached);
            }
            console.feed(Input::Answer {
                id: transmit.id,
                answer,
            });
        });
    }

    /// Tells the waiter of `intent` its outcome; a failure is also a toast, unless `quiet`.
    fn settle(&self, intent: IntentId, result: Result<(), Failure>, quiet: bool) {
        let result = result.map_err(SendFailure::of);
        if let Err(SendFailure::Rejected(text) | SendFailure::Unreachable(text)) = &result {
            if !quiet {
                self.toasts.show(text.clone());
            }
        }
        let waiter = self.waiters.try_get_value().and_then(|waiters| {
            let mut waiters = waiters.0.borrow_mut();
            let index = waiters.iter().position(|(id, _)| *id == intent)?;
            Some(waiters.remove(index).1)
        });
        if let Some(then) = waiter {
            then(result);
        }
    }

    /// Incoming calls are announced to the browser, and the listener (the host bridge) hears
    /// every notification.
    fn announce(&self, notifications: Vec<Notification>) {
        if notifications.is_empty() {
            return;
        }
        if let Some(listener) = self.notification_listener.try_get_value().flatten() {
            self.session.with_untracked(|s| {
                for notification in &notifications {
                    (listener.0)(s.desk(), notification);
                }
            });
        }
        if let Some(said) = notifications.iter().rev().find_map(Announcement::of) {
            let _ = self.announcement.try_set(Some(said));
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

    /// Feeds [`Input::Timeout`] when the session's next timer is due.
    fn arm_timer(&self, timeout: Option<Instant>) {
        if let Some(Some(previous)) = self.timer.try_get_value() {
            previous.clear();
        }
        let handle = timeout.and_then(|at| {
            let delay = at.saturating_duration_since(now());
            let console = *self;
            set_timeout_with_handle(move || console.feed(Input::Timeout), delay).ok()
        });
        let _ = self.timer.try_set_value(handle);
    }

    /// The session is gone: hand over to whoever returns to sign-in.
    pub fn session_lost(&self) {
        if let Some(callback) = self.on_session_lost.try_get_value().flatten() {
            callback.run(());
        }
    }

    /// How the console is connected, as the agent should read it: offline as soon as the
    /// browser has no network or a request reached nobody, else the event stream's state.
    pub fn connection(&self, stream: Signal<ConnectionState>) -> Signal<ConnectionState> {
        let console = *self;
        Signal::derive(move || {
            if !console.online.get() || !console.reachable.get() {
                ConnectionState::Offline
            } else {
                stream.get()
            }
        })
    }

    /// The backend's driver (the event stream, keep-alive and page exit use it).
    pub fn driver(&self) -> Option<DriverHandle> {
        self.driver.try_get_value()
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
