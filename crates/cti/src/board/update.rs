//! What a vendor's feeder tells the board: one neutral [`BoardUpdate`] per fact.
//!
//! Every update is an upsert: an agent or queue named for the first time is created, so
//! the order in which a vendor reports things (RTI objects before or after their
//! counters) does not matter. Fields that are `Option` leave the board's value alone when
//! `None`, so a vendor that reports only what changed (O2G's RTI, L14652) maps one to one.

use core::fmt;
use core::time::Duration;

use crate::model::{AgentStatus, CallRef, Direction, Instant, Skill};

/// A vendor's identifier of an agent (O2G: the agent's number; XuC: its agent id;
/// Finesse: its agent id). Opaque.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgentId(String);

/// A vendor's identifier of a queue or pilot (O2G: the pilot or queue number; XuC: the
/// queue id; Finesse: the CSQ id). Opaque.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueueId(String);

macro_rules! opaque_id {
    ($name:ident) => {
        impl $name {
            /// Wraps the vendor's identifier.
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            /// The identifier as the vendor wrote it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name::new(id)
            }
        }
    };
}

opaque_id!(AgentId);
opaque_id!(QueueId);

/// What a queue is to the vendor: where customers call (a pilot, an entry number) or
/// where calls wait for agents (a queue). Both carry the same figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum QueueKind {
    /// A queue where calls wait for an agent.
    #[default]
    Queue,
    /// A pilot (service number) customers dial.
    Pilot,
}

/// How a supervisor is in an agent's call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListenMode {
    /// Hears both sides, heard by nobody (O2G: DISCRETE; XuC: listen; Finesse: silent
    /// monitoring).
    Listen,
    /// Hears both sides, heard by the agent only (O2G: RESTRICTED; coaching).
    Whisper,
    /// Hears and is heard by both sides (O2G: NORMAL intrusion; barge-in).
    Barge,
}

/// Why a call left a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueOutcome {
    /// An agent took it (distributed, picked up).
    Answered,
    /// The caller hung up while waiting.
    Abandoned,
    /// It went elsewhere (overflow, forward, another queue): neither handled nor
    /// abandoned here.
    Overflowed,
}

/// The call an agent is on now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCall {
    /// The vendor's reference of the call.
    pub reference: CallRef,
    /// Who placed it.
    pub direction: Direction,
    /// The other party, as the vendor names it (a number or a name), when known.
    pub party: Option<String>,
    /// The queue (or pilot) it came through, for a distributed call.
    pub queue: Option<QueueId>,
    /// When the call began for the agent.
    pub since: Instant,
}

/// A supervisor in an agent's call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Listener {
    /// Who listens (the supervisor's id, as the vendor names it).
    pub supervisor: AgentId,
    /// How.
    pub mode: ListenMode,
}

/// The counts of agents serving a queue, by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AgentCounts {
    /// Ready for the next call.
    pub ready: u32,
    /// On a call.
    pub busy: u32,
    /// On a pause.
    pub paused: u32,
    /// Withdrawn (a pause with a reason, O2G).
    pub withdrawn: u32,
    /// In wrap-up.
    pub wrap_up: u32,
    /// Logged on, doing something else (out of the group, or a state the vendor did not
    /// name).
    pub other: u32,
    /// Members of the queue that are logged out.
    pub logged_out: u32,
}

impl AgentCounts {
    /// Agents logged on, in whatever state.
    pub fn logged_on(&self) -> u32 {
        self.ready + self.busy + self.paused + self.withdrawn + self.wrap_up + self.other
    }

    pub(super) fn slot(&mut self, status: AgentStatus) -> &mut u32 {
        match status {
            AgentStatus::Ready => &mut self.ready,
            AgentStatus::Busy => &mut self.busy,
            AgentStatus::Paused => &mut self.paused,
            AgentStatus::Withdrawn => &mut self.withdrawn,
            AgentStatus::WrapUp => &mut self.wrap_up,
            AgentStatus::LoggedOut => &mut self.logged_out,
            AgentStatus::OutOfGroup | AgentStatus::Unknown => &mut self.other,
        }
    }
}

/// Who an agent is: what changes rarely. `None` leaves the board's value alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentInfo {
    /// The agent.
    pub id: AgentId,
    /// The name to show.
    pub name: Option<String>,
    /// The groups (teams, processing groups) the agent works in now: the queues these
    /// groups serve count the agent.
    pub groups: Option<Vec<String>>,
    /// Queues the agent serves directly, whatever its groups (XuC's queue membership).
    pub queues: Option<Vec<QueueId>>,
    /// Its skills.
    pub skills: Option<Vec<Skill>>,
}

impl AgentInfo {
    /// Nothing but the id: an upsert that only makes sure the agent exists.
    pub fn new(id: impl Into<AgentId>) -> AgentInfo {
        AgentInfo {
            id: id.into(),
            ..AgentInfo::default()
        }
    }
}

impl From<String> for AgentId {
    fn from(id: String) -> AgentId {
        AgentId(id)
    }
}

impl From<String> for QueueId {
    fn from(id: String) -> QueueId {
        QueueId(id)
    }
}

/// What a queue is: what changes rarely. `None` leaves the board's value alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueInfo {
    /// The queue.
    pub id: QueueId,
    /// The name to show.
    pub name: Option<String>,
    /// Queue or pilot.
    pub kind: Option<QueueKind>,
    /// The groups whose agents serve it.
    pub groups: Option<Vec<String>>,
    /// The service-level target: a call answered within it counts as in service level.
    pub target: Option<Duration>,
}

impl QueueInfo {
    /// Nothing but the id.
    pub fn new(id: impl Into<QueueId>) -> QueueInfo {
        QueueInfo {
            id: id.into(),
            ..QueueInfo::default()
        }
    }
}

/// Figures a vendor computes itself (O2G's RTI, XuC's queue statistics). Each one given
/// replaces what the board computes from calls and agents, from then on; `None` leaves
/// the figure as it was (computed, or the last reported).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFigures {
    /// The queue.
    pub queue: QueueId,
    /// Calls waiting now.
    pub waiting: Option<u32>,
    /// How long the oldest waiting call has waited, now (zero: nobody waits).
    pub longest_wait: Option<Duration>,
    /// Service level, in percent.
    pub service_level: Option<u8>,
    /// Calls answered so far.
    pub handled: Option<u64>,
    /// Calls abandoned so far.
    pub abandoned: Option<u64>,
    /// Agents by state.
    pub agents: Option<AgentCounts>,
}

/// One fact a vendor reports, vendor-neutral: the board's only input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BoardUpdate {
    /// An agent exists, with what is known of it.
    Agent(AgentInfo),
    /// An agent is no longer supervised (left the team, the vendor dropped it).
    AgentRemoved(AgentId),
    /// An agent's state.
    AgentState {
        /// The agent.
        agent: AgentId,
        /// Its state.
        state: AgentStatus,
        /// The reason given for a pause or withdrawal, as a label (or the vendor's code).
        reason: Option<String>,
        /// When the state began, when the vendor says; else the update's `now`.
        since: Option<Instant>,
    },
    /// The agent's current call (`None`: no call).
    AgentCall {
        /// The agent.
        agent: AgentId,
        /// Its call.
        call: Option<AgentCall>,
    },
    /// A supervisor started, changed or (`mode: None`) stopped listening to an agent.
    Listening {
        /// The agent listened to.
        agent: AgentId,
        /// The supervisor.
        supervisor: AgentId,
        /// How, or `None`: no longer.
        mode: Option<ListenMode>,
    },
    /// A queue or pilot exists, with what is known of it.
    Queue(QueueInfo),
    /// A queue is no longer supervised.
    QueueRemoved(QueueId),
    /// A call started waiting in a queue.
    CallQueued {
        /// The queue.
        queue: QueueId,
        /// The call.
        call: CallRef,
        /// When it started waiting, when the vendor says; else the update's `now`.
        since: Option<Instant>,
    },
    /// A call left a queue.
    CallDequeued {
        /// The queue.
        queue: QueueId,
        /// The call.
        call: CallRef,
        /// Why.
        outcome: QueueOutcome,
    },
    /// Figures the vendor computed for a queue.
    QueueFigures(QueueFigures),
    /// Handled and abandoned counts start again from zero (a new day, a new period).
    ResetCounters,
    /// Everything is forgotten: a resynchronisation follows.
    Clear,
}
