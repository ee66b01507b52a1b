//! O2G's supervisor events turned into the neutral board's updates, sans-IO: the `rti`
//! package (agents, pilots, queues), the `pilot` package (calls entering and leaving a
//! pilot), and the snapshots that name the objects (`RtiIdentifiers`, `Pilots`).
//!
//! RTI events carry only what changed (L14652), and an agent's neutral state depends on two
//! of its attributes (`serviceState` and `phoneState`) and a third for the reason
//! (`withdrawReason`), so the feeder remembers them per agent and derives the state from the
//! three. Pilot and queue numbers are directory numbers, unique in a PBX, so they share the
//! board's queue ids; an `OnPilotRtiChanged` makes the queue a pilot.

use core::time::Duration;
use std::collections::{HashMap, VecDeque};

use super::codec::DecodeError;
use super::event::{decode_event, Event};
use super::pilot::Pilots;
use super::rti::{
    AgentPhoneState, AgentServiceState, OnAgentRtiChanged, OnPilotRtiChanged, OnQueueRtiChanged,
    RtiIdentifiers,
};
use super::telephony::CallCause;
use crate::board::{
    AgentInfo, BoardUpdate, QueueFigures, QueueId, QueueInfo, QueueKind, QueueOutcome,
};
use crate::model::{AgentStatus, CallRef, Instant};

/// What the feeder remembers of an agent between partial events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct AgentAttributes {
    service: Option<AgentServiceState>,
    phone: Option<AgentPhoneState>,
    reason: Option<i32>,
}

/// The neutral state of an agent whose RTI service and phone states are these.
pub fn agent_status(service: AgentServiceState, phone: Option<AgentPhoneState>) -> AgentStatus {
    use AgentPhoneState as P;
    match service {
        AgentServiceState::LoggedOut => AgentStatus::LoggedOut,
        AgentServiceState::Withdrawn => AgentStatus::Withdrawn,
        AgentServiceState::LoggedIn => AgentStatus::OutOfGroup,
        AgentServiceState::Assigned => match phone {
            Some(P::Idle) => AgentStatus::Ready,
            Some(P::Pause) => AgentStatus::Paused,
            Some(P::WrapUp) => AgentStatus::WrapUp,
            Some(P::LoggedOut) => AgentStatus::LoggedOut,
            Some(
                P::AcdRinging
                | P::AcdConversation
                | P::AcdConsultation
                | P::AcdConference
                | P::AcdOutgoingConversation
                | P::Help
                | P::TransactionOnDial
                | P::Held
                | P::Dialing
                | P::PrivateRinging
                | P::PrivateLocalConversation
                | P::PrivateExternalConversation
                | P::PrivateConsultation
                | P::PrivateConference
                | P::BusyTone
                | P::Recording
                | P::SupervisorDiscreteListening
                | P::AgentDiscreteListening
                | P::ContinuousSupervision,
            ) => AgentStatus::Busy,
            _ => AgentStatus::Unknown,
        },
        AgentServiceState::Unknown | AgentServiceState::Unrecognized => AgentStatus::Unknown,
    }
}

/// Why a call left a pilot, neutrally.
pub fn queue_outcome(cause: CallCause) -> QueueOutcome {
    match cause {
        CallCause::Distributed | CallCause::PickedUp | CallCause::PickedUpTandem => {
            QueueOutcome::Answered
        }
        // The caller hung up before an agent took the call.
        CallCause::Abandoned | CallCause::Cleared | CallCause::NotAnswered => {
            QueueOutcome::Abandoned
        }
        _ => QueueOutcome::Overflowed,
    }
}

fn seconds(value: i32) -> Duration {
    Duration::from_secs(u64::try_from(value).unwrap_or(0))
}

fn percent(value: i32) -> u8 {
    u8::try_from(value.clamp(0, 100)).unwrap_or(100)
}

fn count(value: i32) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

/// The name to show: "First Last", or what there is.
fn display_name(first: Option<&str>, last: &str) -> Option<String> {
    let name = match first.filter(|f| !f.is_empty()) {
        Some(first) if !last.is_empty() => format!("{first} {last}"),
        Some(first) => first.to_owned(),
        None => last.to_owned(),
    };
    (!name.is_empty()).then_some(name)
}

/// Turns O2G supervisor events into [`BoardUpdate`]s. Feed it events (or the bytes of the
/// channel), then drain [`O2gBoardFeeder::poll_update`] into [`crate::board::Board::apply`]
/// with the same `now`.
#[derive(Debug, Default)]
pub struct O2gBoardFeeder {
    agents: HashMap<String, AgentAttributes>,
    updates: VecDeque<BoardUpdate>,
}

impl O2gBoardFeeder {
    /// A feeder that knows nothing yet.
    pub fn new() -> O2gBoardFeeder {
        O2gBoardFeeder::default()
    }

    /// The next update, oldest first.
    pub fn poll_update(&mut self) -> Option<BoardUpdate> {
        self.updates.pop_front()
    }

    /// Decodes one event of the channel and feeds it. Events of other packages are ignored.
    pub fn handle_received(&mut self, now: Instant, bytes: &[u8]) -> Result<(), DecodeError> {
        let event = decode_event(bytes)?;
        self.handle_event(now, &event);
        Ok(())
    }

    /// Feeds one event; events of other packages are ignored.
    pub fn handle_event(&mut self, _now: Instant, event: &Event) {
        match event {
            Event::OnAgentRtiChanged(e) => self.agent(e),
            Event::OnPilotRtiChanged(e) => self.pilot(e),
            Event::OnQueueRtiChanged(e) => self.queue(e),
            Event::OnPilotCallCreated(e) => self.updates.push_back(BoardUpdate::Queue(QueueInfo {
                kind: Some(QueueKind::Pilot),
                ..QueueInfo::new(e.pilot.as_str())
            })),
            Event::OnPilotCallQueued(e) => self.updates.push_back(BoardUpdate::CallQueued {
                queue: QueueId::new(e.pilot.as_str()),
                call: CallRef::new(e.call_ref.as_str()),
                since: None,
            }),
            Event::OnPilotCallRemoved(e) => self.updates.push_back(BoardUpdate::CallDequeued {
                queue: QueueId::new(e.pilot.as_str()),
                call: CallRef::new(e.call_ref.as_str()),
                outcome: queue_outcome(e.cause),
            }),
            _ => {}
        }
    }

    /// Names every object of `GET /acd/rti` (agents and their names; pilots and queues).
    pub fn handle_identifiers(&mut self, ids: &RtiIdentifiers) {
        for agent in &ids.agents {
            self.updates.push_back(BoardUpdate::Agent(AgentInfo {
                name: display_name(agent.first_name.as_deref(), &agent.name),
                ..AgentInfo::new(agent.number.as_str())
            }));
        }
        for (list, kind) in [
            (&ids.pilots, QueueKind::Pilot),
            (&ids.queues, QueueKind::Queue),
        ] {
            for object in list {
                self.updates.push_back(BoardUpdate::Queue(QueueInfo {
                    name: (!object.name.is_empty()).then(|| object.name.clone()),
                    kind: Some(kind),
                    ..QueueInfo::new(object.number.as_str())
                }));
            }
        }
    }

    /// Names the pilots of `GET /acd/{nodeId}/pilots`.
    pub fn handle_pilots(&mut self, pilots: &Pilots) {
        for pilot in &pilots.pilot_list {
            let Some(number) = pilot.number.as_deref() else {
                continue;
            };
            self.updates.push_back(BoardUpdate::Queue(QueueInfo {
                name: pilot.name.clone(),
                kind: Some(QueueKind::Pilot),
                ..QueueInfo::new(number)
            }));
        }
    }

    fn agent(&mut self, e: &OnAgentRtiChanged) {
        if e.number.is_empty() {
            return;
        }
        let groups = e.current_pg.as_ref().map(|pg| {
            if pg.is_empty() {
                Vec::new()
            } else {
                vec![pg.clone()]
            }
        });
        let name = display_name(e.first_name.as_deref(), &e.name);
        if name.is_some() || groups.is_some() {
            self.updates.push_back(BoardUpdate::Agent(AgentInfo {
                name,
                groups,
                ..AgentInfo::new(e.number.as_str())
            }));
        }
        let known = self.agents.entry(e.number.clone()).or_default();
        let before = *known;
        if let Some(service) = e.service_state {
            known.service = Some(service);
        }
        if let Some(phone) = e.phone_state {
            known.phone = Some(phone);
        }
        if let Some(reason) = e.withdraw_reason {
            known.reason = Some(reason);
        }
        let now = *known;
        if now == before {
            return;
        }
        let Some(service) = now.service else {
            return;
        };
        let state = agent_status(service, now.phone);
        let reason = (state == AgentStatus::Withdrawn)
            .then(|| now.reason.filter(|r| *r > 0).map(|r| r.to_string()))
            .flatten();
        self.updates.push_back(BoardUpdate::AgentState {
            agent: e.number.as_str().into(),
            state,
            reason,
            since: None,
        });
    }

    fn pilot(&mut self, e: &OnPilotRtiChanged) {
        if e.number.is_empty() {
            return;
        }
        self.updates.push_back(BoardUpdate::Queue(QueueInfo {
            name: (!e.name.is_empty()).then(|| e.name.clone()),
            kind: Some(QueueKind::Pilot),
            ..QueueInfo::new(e.number.as_str())
        }));
        let figures = QueueFigures {
            queue: QueueId::new(e.number.as_str()),
            waiting: e.nb_of_waiting_calls.map(count),
            service_level: e.service_level.map(percent),
            ..QueueFigures::default()
        };
        if figures.waiting.is_some() || figures.service_level.is_some() {
            self.updates.push_back(BoardUpdate::QueueFigures(figures));
        }
    }

    fn queue(&mut self, e: &OnQueueRtiChanged) {
        if e.number.is_empty() {
            return;
        }
        self.updates.push_back(BoardUpdate::Queue(QueueInfo {
            name: (!e.name.is_empty()).then(|| e.name.clone()),
            ..QueueInfo::new(e.number.as_str())
        }));
        let figures = QueueFigures {
            queue: QueueId::new(e.number.as_str()),
            waiting: e.nb_of_waiting_calls.map(count),
            longest_wait: e.current_waiting_time.map(seconds),
            ..QueueFigures::default()
        };
        if figures.waiting.is_some() || figures.longest_wait.is_some() {
            self.updates.push_back(BoardUpdate::QueueFigures(figures));
        }
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::board::{Board, BoardConfig, Thresholds};

    fn feed(board: &mut Board, feeder: &mut O2gBoardFeeder, now: u64, json: &str) {
        let now = Instant::from_millis(now);
        feeder
            .handle_received(now, json.as_bytes())
            .expect("decodes");
        while let Some(update) = feeder.poll_update() {
            board.apply(now, update);
        }
    }

    fn board() -> Board {
        Board::new(BoardConfig {
            thresholds: Thresholds::none(),
            ..BoardConfig::default()
        })
    }

    #[test]
    fn partial_agent_events_keep_the_attributes_they_leave_out() {
        let (mut board, mut feeder) = (board(), O2gBoardFeeder::new());
        feed(
            &mut board,
            &mut feeder,
            0,
            r#"{"eventName":"OnAgentRtiChanged","name":"Martin","firstName":"Alice","number":"70120","type":"Normal","serviceState":"Assigned","phoneState":"Pause","currentPG":"60121"}"#,
        );
        let alice = board.agent("70120").expect("agent");
        assert_eq!(alice.name(), Some("Alice Martin"));
        assert_eq!(alice.state(), AgentStatus::Paused);
        assert_eq!(alice.groups(), ["60121"]);
        // Only the phone state changes: still assigned, now ready, same group.
        feed(
            &mut board,
            &mut feeder,
            1000,
            r#"{"eventName":"OnAgentRtiChanged","name":"Martin","number":"70120","type":"Normal","phoneState":"Idle"}"#,
        );
        let alice = board.agent("70120").expect("agent");
        assert_eq!(
            (alice.state(), alice.groups()),
            (AgentStatus::Ready, &["60121".to_owned()][..])
        );
        feed(
            &mut board,
            &mut feeder,
            2000,
            r#"{"eventName":"OnAgentRtiChanged","name":"Martin","number":"70120","phoneState":"AcdRinging"}"#,
        );
        assert_eq!(
            board.agent("70120").map(|a| a.state()),
            Some(AgentStatus::Busy)
        );
        feed(
            &mut board,
            &mut feeder,
            3000,
            r#"{"eventName":"OnAgentRtiChanged","name":"Martin","number":"70120","serviceState":"Withdrawn","phoneState":"Idle","withdrawReason":2}"#,
        );
        let alice = board.agent("70120").expect("agent");
        assert_eq!(
            (alice.state(), alice.reason()),
            (AgentStatus::Withdrawn, Some("2"))
        );
        feed(
            &mut board,
            &mut feeder,
            4000,
            r#"{"eventName":"OnAgentRtiChanged","name":"Martin","number":"70120","serviceState":"LoggedOut","phoneState":"LoggedOut","currentPG":""}"#,
        );
        let alice = board.agent("70120").expect("agent");
        assert_eq!(alice.state(), AgentStatus::LoggedOut);
        assert!(alice.groups().is_empty());
    }

    #[test]
    fn pilot_events_count_waiting_handled_and_abandoned_calls() {
        let (mut board, mut feeder) = (board(), O2gBoardFeeder::new());
        let created = |call: &str| {
            format!(
                r#"{{"eventName":"OnPilotCallCreated","pilot":"60141","caller":"0612345678","callRef":"{call}","cause":"UNKNOWN"}}"#
            )
        };
        let queued = |call: &str| {
            format!(
                r#"{{"eventName":"OnPilotCallQueued","pilot":"60141","caller":"0612345678","queue":"60141","callRef":"{call}","cause":"ACD_ENTER_DISTRIBUTION","numberOfQueued":1}}"#
            )
        };
        let removed = |call: &str, cause: &str| {
            format!(
                r#"{{"eventName":"OnPilotCallRemoved","pilot":"60141","releasingDevice":"60141","newDestination":"71120","callRef":"{call}","cause":"{cause}"}}"#
            )
        };
        feed(&mut board, &mut feeder, 0, &created("c1"));
        feed(&mut board, &mut feeder, 0, &queued("c1"));
        feed(&mut board, &mut feeder, 5_000, &created("c2"));
        feed(&mut board, &mut feeder, 5_000, &queued("c2"));
        let q = board.queue("60141").expect("pilot");
        assert_eq!((q.kind(), q.waiting()), (QueueKind::Pilot, 2));
        assert_eq!(
            q.longest_wait(Instant::from_millis(12_000)),
            Some(Duration::from_secs(12))
        );
        feed(
            &mut board,
            &mut feeder,
            12_000,
            &removed("c1", "DISTRIBUTED"),
        );
        feed(&mut board, &mut feeder, 70_000, &removed("c2", "ABANDONED"));
        let q = board.queue("60141").expect("pilot");
        assert_eq!((q.waiting(), q.handled(), q.abandoned()), (0, 1, 1));
        assert_eq!(q.service_level(), Some(50));
    }

    #[test]
    fn rti_figures_of_pilots_and_queues_are_the_boards() {
        let (mut board, mut feeder) = (board(), O2gBoardFeeder::new());
        feed(
            &mut board,
            &mut feeder,
            0,
            r#"{"eventName":"OnPilotRtiChanged","name":"Sales line","number":"60141","state":"Opened","nbOfWaitingCalls":3,"serviceLevel":87}"#,
        );
        feed(
            &mut board,
            &mut feeder,
            100_000,
            r#"{"eventName":"OnQueueRtiChanged","name":"Sales queue","number":"60131","type":"Normal","nbOfWaitingCalls":2,"currentWaitingTime":40}"#,
        );
        let pilot = board.queue("60141").expect("pilot");
        assert_eq!(
            (
                pilot.kind(),
                pilot.name(),
                pilot.waiting(),
                pilot.service_level()
            ),
            (QueueKind::Pilot, Some("Sales line"), 3, Some(87))
        );
        let queue = board.queue("60131").expect("queue");
        assert_eq!(queue.kind(), QueueKind::Queue);
        assert_eq!(
            queue.longest_wait(Instant::from_millis(105_000)),
            Some(Duration::from_secs(45))
        );
        // Other packages are not the board's business.
        feed(
            &mut board,
            &mut feeder,
            0,
            r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#,
        );
        assert_eq!(board.queue_count(), 2);
    }

    #[test]
    fn identifiers_and_pilots_name_the_objects() {
        let (mut board, mut feeder) = (board(), O2gBoardFeeder::new());
        let ids: RtiIdentifiers = crate::o2g::decode(
            "RtiIdentifiers",
            br#"{"agents":[{"number":"70120","name":"Martin","firstName":"Alice"}],"pilots":[{"number":"60141","name":"Sales line"}],"queues":[{"number":"60131","name":"Sales queue"}],"pgAgents":[],"pgOthers":[]}"#,
        )
        .expect("decodes");
        feeder.handle_identifiers(&ids);
        // The spec's example of GET /acd/1/pilots (L13446-13465).
        let pilots: Pilots = crate::o2g::decode(
            "Pilots",
            br#"{ "pilotList": [ { "number": "60142", "queueState": "s_Opened", "waitingTime": 0, "saturation": false } ] }"#,
        )
        .expect("decodes");
        feeder.handle_pilots(&pilots);
        while let Some(update) = feeder.poll_update() {
            board.apply(Instant::ZERO, update);
        }
        assert_eq!(
            board.agent("70120").and_then(|a| a.name()),
            Some("Alice Martin")
        );
        assert_eq!(
            board.queue("60131").map(|q| q.kind()),
            Some(QueueKind::Queue)
        );
        assert_eq!(
            board.queue("60142").map(|q| q.kind()),
            Some(QueueKind::Pilot)
        );
        assert_eq!(board.queue_count(), 3);
    }
}
