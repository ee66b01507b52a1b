//! One agent's desk on one backend: the neutral [`Machine`] and a vendor's [`Adapter`],
//! driven by a host through one [`Input`] enum and drained through one [`Output`] enum.
//!
//! ```text
//! host ──Input──▶ Session ──bytes──▶ Adapter ──Update──▶ Machine
//!   ▲                │   intent ─▶ guard ─▶ Adapter::send       │
//!   └────Output──────┴─── Transmit / Outcome / Notification ◀───┘
//! ```

use std::collections::VecDeque;

use crate::adapter::{Adapter, AdapterOutput, Answer, Failure, IntentId};
use crate::machine::{Config, Machine, Notification, Warning};
use crate::model::{AgentStatus, Capabilities, Desk, Instant, Intent, Refusal};
use crate::transmit::{Transmit, TransmitId};

/// What the host feeds in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Input<'a> {
    /// Bytes from the backend's event channel or socket.
    Received(&'a [u8]),
    /// The answer to an HTTP transmit.
    Answer {
        /// The transmit answered.
        id: TransmitId,
        /// What came back.
        answer: Answer<'a>,
    },
    /// The event channel (re)opened: reload what events may have missed.
    Connected,
    /// Time passed (call at or after [`Session::poll_timeout`]).
    Timeout,
}

/// What the host drains.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Output {
    /// Something to send, and report the answer of.
    Transmit(Transmit),
    /// A change for the UI.
    Notification(Notification),
    /// The backend misbehaved; tolerated.
    Warning(Warning),
    /// An intent was carried out, or not.
    Outcome {
        /// The intent, as [`Session::send`] named it.
        intent: IntentId,
        /// `Ok` once the backend accepted it.
        result: Result<(), Failure>,
    },
    /// The backend says the session is gone.
    SessionLost,
    /// A deferred state change was sent now that the call is over; its outcome follows.
    Deferred {
        /// The id its outcome will carry.
        intent: IntentId,
    },
}

/// The desk of one agent on one backend.
#[derive(Debug, Clone)]
pub struct Session<A> {
    machine: Machine,
    adapter: A,
    out: VecDeque<Output>,
    /// Outputs dropped because the host did not poll, not yet reported.
    dropped: u64,
    next_intent: u64,
    /// Intents sent whose outcome has not come: the same one is not sent twice.
    in_flight: Vec<(IntentId, Intent)>,
    /// An agent state change asked for during a call, sent when the call is over.
    deferred: Option<Intent>,
}

/// How many outputs wait for a host that does not poll before the oldest are dropped.
const CAPACITY: usize = 4096;

impl<A: Adapter> Session<A> {
    /// A session knowing nothing yet; feed it [`Input::Connected`] to load the state.
    pub fn new(now: Instant, config: Config, adapter: A) -> Session<A> {
        Session {
            machine: Machine::new(now, config),
            adapter,
            out: VecDeque::new(),
            dropped: 0,
            next_intent: 0,
            in_flight: Vec::new(),
            deferred: None,
        }
    }

    /// The desk.
    pub fn desk(&self) -> &Desk {
        self.machine.desk()
    }

    /// The neutral machine (timers, time in state).
    pub fn machine(&self) -> &Machine {
        &self.machine
    }

    /// The adapter.
    pub fn adapter(&self) -> &A {
        &self.adapter
    }

    /// The agent's status.
    pub fn status(&self) -> AgentStatus {
        self.machine.status()
    }

    /// Time the agent has spent in the current state.
    pub fn time_in_state(&self, now: Instant) -> core::time::Duration {
        self.machine.time_in_state(now)
    }

    /// Times remembered from before a reload ([`Machine::remember`]).
    pub fn remember(&mut self, remembered: crate::machine::Remembered) {
        self.machine.remember(remembered);
    }

    /// Applies a neutral update from outside the adapter (a host's second source, tests).
    pub fn apply(&mut self, now: Instant, update: crate::machine::Update) {
        self.machine.apply(now, update);
        self.collect_machine_outputs();
    }

    /// What the backend can do at all.
    pub fn capabilities(&self) -> Capabilities {
        self.adapter.capabilities()
    }

    /// Whether [`Session::send`] would accept `intent` now: the backend supports it and the
    /// guard allows it. Encodes nothing, so a view may ask on every render.
    pub fn allows(&self, intent: &Intent) -> Result<(), Refusal> {
        self.adapter.capabilities().check(intent.kind())?;
        self.machine.check(intent)?;
        if self.in_flight.iter().any(|(_, sent)| sent == intent) {
            return Err(Refusal::InProgress);
        }
        Ok(())
    }

    /// Sends `intent` when allowed; its [`Output::Outcome`] follows once the backend answers.
    pub fn send(&mut self, now: Instant, intent: Intent) -> Result<IntentId, Refusal> {
        self.allows(&intent)?;
        self.next_intent += 1;
        let id = IntentId(self.next_intent);
        self.adapter.send(now, &self.machine, id, intent.clone())?;
        self.in_flight.push((id, intent));
        self.drain_adapter(now);
        Ok(id)
    }

    /// Whether [`Session::defer`] would take `intent` now: an agent state change the guard
    /// refuses only because a distributed call rings or is handled.
    pub fn may_defer(&self, intent: &Intent) -> bool {
        self.allows(intent) == Err(Refusal::DuringCall)
    }

    /// Keeps `intent` (pause, withdraw, ready, wrap-up) to send when the current call is over,
    /// as Finesse's pending "Not Ready": the agent asks during the call, the state changes
    /// after it. A later deferral replaces an earlier one.
    pub fn defer(&mut self, intent: Intent) -> Result<(), Refusal> {
        match self.allows(&intent) {
            Err(Refusal::DuringCall) => {
                self.deferred = Some(intent);
                Ok(())
            }
            Ok(()) => Err(Refusal::InvalidArgument {
                what: "deferral (nothing to wait for)",
            }),
            Err(other) => Err(other),
        }
    }

    /// The state change waiting for the end of the call, if any.
    pub fn deferred(&self) -> Option<&Intent> {
        self.deferred.as_ref()
    }

    /// Forgets the state change waiting for the end of the call.
    pub fn cancel_deferred(&mut self) {
        self.deferred = None;
    }

    /// Feeds one input.
    pub fn handle(&mut self, now: Instant, input: Input<'_>) {
        let desk = self.machine.desk();
        match input {
            Input::Received(bytes) => self.adapter.handle_received(now, desk, bytes),
            Input::Answer { id, answer } => self.adapter.handle_answer(now, desk, id, answer),
            Input::Connected => self.adapter.resync(now, desk),
            Input::Timeout => {
                self.adapter.handle_timeout(now, desk);
                self.machine.handle_timeout(now);
            }
        }
        self.drain_adapter(now);
    }

    /// When to feed [`Input::Timeout`] next, if a timer runs.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match (self.machine.poll_timeout(), self.adapter.poll_timeout()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The next output, oldest first.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.collect_machine_outputs();
        if self.dropped > 0 {
            let count = core::mem::take(&mut self.dropped);
            return Some(Output::Warning(Warning::OutputsDropped { count }));
        }
        self.out.pop_front()
    }

    /// How many warnings were raised since the start, polled or not.
    pub fn warning_count(&self) -> u64 {
        self.machine.warning_count()
    }

    /// Applies the adapter's updates with `now`, queueing the rest in order.
    fn drain_adapter(&mut self, now: Instant) {
        while let Some(output) = self.adapter.poll_output() {
            match output {
                AdapterOutput::Update(update) => {
                    self.machine.apply(now, update);
                    self.collect_machine_outputs();
                    self.send_deferred(now);
                }
                AdapterOutput::Warning(warning) => {
                    self.machine.warn(warning);
                    self.collect_machine_outputs();
                }
                AdapterOutput::Transmit(transmit) => self.push(Output::Transmit(transmit)),
                AdapterOutput::Outcome { intent, result } => {
                    let sent = self
                        .in_flight
                        .iter()
                        .position(|(id, _)| *id == intent)
                        .map(|index| self.in_flight.remove(index).1);
                    if let (Some(sent), Ok(())) = (sent, &result) {
                        self.accepted(now, sent);
                    }
                    self.push(Output::Outcome { intent, result })
                }
                AdapterOutput::SessionLost => self.push(Output::SessionLost),
            }
        }
        self.collect_machine_outputs();
    }

    /// What the desk learns from the backend's acceptance alone: no event restates a saved
    /// after-call work or an extended wrap-up.
    fn accepted(&mut self, now: Instant, intent: Intent) {
        match intent {
            Intent::SaveAfterCallWork {
                call,
                disposition,
                notes,
            } => {
                self.machine
                    .after_call_work_saved(&call, disposition.as_ref(), &notes);
                self.collect_machine_outputs();
            }
            Intent::ExtendWrapUp => self.machine.wrap_up_extended(now),
            _ => {}
        }
    }

    /// Sends the deferred state change once the call is over; one that no longer applies
    /// (the agent logged off meanwhile) is dropped.
    fn send_deferred(&mut self, now: Instant) {
        let Some(intent) = self.deferred.take() else {
            return;
        };
        match self.allows(&intent) {
            Err(Refusal::DuringCall) => self.deferred = Some(intent),
            Ok(()) => {
                self.next_intent += 1;
                let id = IntentId(self.next_intent);
                if self
                    .adapter
                    .send(now, &self.machine, id, intent.clone())
                    .is_ok()
                {
                    self.in_flight.push((id, intent));
                    self.push(Output::Deferred { intent: id });
                }
            }
            Err(_) => {}
        }
    }

    fn push(&mut self, output: Output) {
        if self.out.len() >= CAPACITY {
            self.out.pop_front();
            self.dropped = self.dropped.saturating_add(1);
        }
        self.out.push_back(output);
    }

    fn collect_machine_outputs(&mut self) {
        while let Some(notification) = self.machine.poll_notification() {
            self.push(Output::Notification(notification));
        }
        while let Some(warning) = self.machine.poll_warning() {
            self.push(Output::Warning(warning));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::adapter::Answer;
    use crate::machine::Update;
    use crate::model::{ActivityReport, AgentReport, IntentKind};
    use crate::transmit::{HttpRequest, Payload};

    /// A backend that can only go ready and pause, and echoes updates it is given as bytes.
    #[derive(Default)]
    struct Toy {
        out: VecDeque<AdapterOutput>,
        sent: Vec<Intent>,
    }

    impl Adapter for Toy {
        fn capabilities(&self) -> Capabilities {
            Capabilities::of(&[IntentKind::GoReady, IntentKind::Pause])
        }

        fn send(
            &mut self,
            _: Instant,
            _: &Machine,
            id: IntentId,
            intent: Intent,
        ) -> Result<(), Refusal> {
            self.sent.push(intent);
            self.out.push_back(AdapterOutput::Transmit(Transmit {
                id: TransmitId(id.0),
                payload: Payload::Http(HttpRequest::get("/x")),
            }));
            Ok(())
        }

        fn handle_received(&mut self, _: Instant, _: &Desk, bytes: &[u8]) {
            let activity = match bytes {
                b"ready" => ActivityReport::Ready,
                b"busy" => ActivityReport::Busy,
                _ => ActivityReport::Paused,
            };
            self.out.push_back(AdapterOutput::Update(Update::Agent(
                AgentReport::LoggedOn {
                    device: Some("1".into()),
                    group: None,
                    activity,
                },
            )));
        }

        fn handle_answer(&mut self, _: Instant, _: &Desk, id: TransmitId, _: Answer<'_>) {
            self.out.push_back(AdapterOutput::Outcome {
                intent: IntentId(id.0),
                result: Ok(()),
            });
        }

        fn resync(&mut self, _: Instant, _: &Desk) {}

        fn poll_output(&mut self) -> Option<AdapterOutput> {
            self.out.pop_front()
        }
    }

    #[test]
    fn unsupported_intents_are_refused_before_the_guard_and_the_adapter() {
        let mut session = Session::new(Instant::ZERO, Config::default(), Toy::default());
        assert_eq!(
            session.allows(&Intent::WrapUp),
            Err(Refusal::NotSupported {
                what: "enter wrap-up"
            })
        );
        assert_eq!(
            session.allows(&Intent::GoReady),
            Err(Refusal::AgentNotLoggedOn)
        );
        session.handle(Instant::ZERO, Input::Received(b"paused"));
        assert_eq!(session.status(), AgentStatus::Paused);
        let id = session.send(Instant::ZERO, Intent::GoReady).unwrap();
        assert!(session.send(Instant::ZERO, Intent::LogOff).is_err());
        assert_eq!(session.adapter().sent, [Intent::GoReady]);
        let outputs: Vec<Output> = std::iter::from_fn(|| session.poll_output()).collect();
        assert!(matches!(outputs.last(), Some(Output::Transmit(t)) if t.id == TransmitId(id.0)));
        session.handle(
            Instant::ZERO,
            Input::Answer {
                id: TransmitId(id.0),
                answer: Answer::Unreachable { message: "" },
            },
        );
        assert_eq!(
            session.poll_output(),
            Some(Output::Outcome {
                intent: id,
                result: Ok(())
            })
        );
    }

    #[test]
    fn the_same_intent_is_not_sent_twice_while_on_its_way() {
        let mut session = Session::new(Instant::ZERO, Config::default(), Toy::default());
        session.handle(Instant::ZERO, Input::Received(b"paused"));
        let id = session.send(Instant::ZERO, Intent::GoReady).unwrap();
        assert_eq!(session.allows(&Intent::GoReady), Err(Refusal::InProgress));
        assert_eq!(
            session.send(Instant::ZERO, Intent::GoReady),
            Err(Refusal::InProgress)
        );
        let answer = Answer::Response {
            status: 500,
            body: b"",
        };
        session.handle(
            Instant::ZERO,
            Input::Answer {
                id: TransmitId(id.0),
                answer,
            },
        );
        assert_eq!(
            session.allows(&Intent::GoReady),
            Ok(()),
            "answered: may try again"
        );
    }

    #[test]
    fn a_state_change_asked_during_a_call_is_sent_when_it_ends() {
        let mut session = Session::new(Instant::ZERO, Config::default(), Toy::default());
        session.handle(Instant::ZERO, Input::Received(b"busy"));
        assert_eq!(session.allows(&Intent::Pause), Err(Refusal::DuringCall));
        assert!(session.may_defer(&Intent::Pause));
        session.defer(Intent::Pause).unwrap();
        assert_eq!(session.deferred(), Some(&Intent::Pause));
        while session.poll_output().is_some() {}
        // Still busy: nothing sent.
        session.handle(Instant::ZERO, Input::Received(b"busy"));
        assert!(session.adapter().sent.is_empty());
        // The call is over: the pause goes.
        session.handle(Instant::ZERO, Input::Received(b"ready"));
        assert_eq!(session.adapter().sent, [Intent::Pause]);
        assert_eq!(session.deferred(), None);
        let outputs: Vec<Output> = std::iter::from_fn(|| session.poll_output()).collect();
        assert!(outputs.iter().any(|o| matches!(o, Output::Deferred { .. })));
        // Nothing to wait for: no deferral.
        assert!(session.defer(Intent::GoReady).is_err());
        // Cancelled: nothing goes.
        session.handle(Instant::ZERO, Input::Received(b"busy"));
        session.defer(Intent::GoReady).unwrap();
        session.cancel_deferred();
        session.handle(Instant::ZERO, Input::Received(b"paused"));
        assert_eq!(session.adapter().sent, [Intent::Pause]);
    }

    #[test]
    fn a_host_that_does_not_poll_loses_the_oldest_outputs_and_is_told() {
        let mut session = Session::new(Instant::ZERO, Config::default(), Toy::default());
        for n in 0..(CAPACITY as u64 + 10) {
            let bytes: &[u8] = if n % 2 == 0 { b"ready" } else { b"paused" };
            session.handle(Instant::from_millis(n), Input::Received(bytes));
        }
        assert!(matches!(
            session.poll_output(),
            Some(Output::Warning(Warning::OutputsDropped { count })) if count >= 10
        ));
        let left = std::iter::from_fn(|| session.poll_output()).count();
        assert!(left <= CAPACITY);
    }
}
