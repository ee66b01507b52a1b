//! The simulator's own model of the PBX: calls made of parties, agents, users.
//!
//! One call is one O2G `callRef`, shared by every party (as OXE does for internal calls);
//! each user sees it through its own legs and the other parties (see `view.rs`).

use cti::o2g::comlog::ComHistoryRecord;
use cti::o2g::routing::ForwardRoute;
use cti::o2g::telephony::{MediaState, RecordState};

use crate::clock::Millis;

/// Who a party of a call is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A device of the PBX, used by `login` when the party joined.
    Device {
        /// Device number.
        number: String,
        /// The user (or bot) behind it.
        login: String,
    },
    /// Someone outside the PBX.
    External {
        /// Their number.
        number: String,
    },
}

impl Endpoint {
    /// The dialable number.
    pub fn number(&self) -> &str {
        match self {
            Endpoint::Device { number, .. } | Endpoint::External { number } => number,
        }
    }

    /// The login behind an internal device.
    pub fn login(&self) -> Option<&str> {
        match self {
            Endpoint::Device { login, .. } => Some(login),
            Endpoint::External { .. } => None,
        }
    }
}

/// Who placed a call, for comlog roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The party that dialled.
    Caller,
    /// A party that was called.
    Callee,
}

/// One party of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// O2G `participantId`, unique in the simulator.
    pub id: String,
    /// Who.
    pub endpoint: Endpoint,
    /// Media state of its leg.
    pub state: MediaState,
    /// Caller or callee.
    pub side: Side,
    /// When it joined the call.
    pub joined_at: Millis,
    /// When it first talked.
    pub answered_at: Option<Millis>,
    /// A supervisor listening or intruding (not counted as a real party).
    pub supervising: bool,
}

/// ACD facts of a call that came through a pilot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcdInfo {
    /// The pilot dialled.
    pub pilot: String,
    /// The processing group serving it.
    pub group: String,
    /// When the call entered the queue.
    pub queued_at: Millis,
    /// When the caller gives up if nobody answered.
    pub abandon_at: Millis,
    /// When the call was distributed to an agent.
    pub distributed_at: Option<Millis>,
    /// The agent it rings or rang (login), none while queued.
    pub agent: Option<String>,
    /// When an agent answered.
    pub answered_at: Option<Millis>,
}

/// A call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimCall {
    /// O2G `callRef`.
    pub reference: String,
    /// Parties, in joining order.
    pub parties: Vec<Party>,
    /// ACD facts, for calls through a pilot.
    pub acd: Option<AcdInfo>,
    /// Recording state.
    pub record: Option<RecordState>,
    /// The number first dialled.
    pub initial_called: String,
    /// When it was created.
    pub created_at: Millis,
}

impl SimCall {
    /// Index of the party on `device`.
    pub fn party_on(&self, device: &str) -> Option<usize> {
        self.parties.iter().position(
            |p| matches!(&p.endpoint, Endpoint::Device { number, .. } if number == device),
        )
    }

    /// Index of the first party of `login`.
    pub fn party_of(&self, login: &str) -> Option<usize> {
        self.parties
            .iter()
            .position(|p| p.endpoint.login() == Some(login))
    }

    /// Parties that are not supervisors.
    pub fn real_parties(&self) -> usize {
        self.parties.iter().filter(|p| !p.supervising).count()
    }

    /// Whether the call is waiting in a queue (only its caller, no agent yet).
    pub fn is_queued(&self) -> bool {
        self.acd.as_ref().is_some_and(|acd| acd.agent.is_none())
    }
}

/// What a logged-on agent does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// Waits for ACD calls.
    Ready,
    /// Logged on, takes no ACD call.
    Pause,
    /// Withdrawn for a reason (index 1..=9).
    Withdraw(i32),
    /// After an ACD call, until `until`.
    WrapUp {
        /// End of the wrap-up timer.
        until: Millis,
    },
    /// On an ACD call.
    Busy,
    /// Logged on outside any processing group.
    OutOfGroup,
}

/// A logged-on agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedOn {
    /// The pro-ACD device.
    pub device: String,
    /// The processing group, none when out of group.
    pub group: Option<String>,
    /// Its activity.
    pub activity: Activity,
    /// Since when it is ready, for longest-idle distribution.
    pub idle_since: Millis,
}

/// An agent (human or bot) of the contact centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentSim {
    /// Directory number.
    pub number: String,
    /// Its login.
    pub login: String,
    /// Supervisor rather than agent.
    pub supervisor: bool,
    /// Driven by the simulator.
    pub bot: bool,
    /// Fixed pro-ACD device, if any.
    pub pro_acd: Option<String>,
    /// Allowed groups, preferred first.
    pub groups: Vec<String>,
    /// Skills: (number, level, active).
    pub skills: Vec<(i32, i32, bool)>,
    /// Logged on, or not.
    pub logged: Option<LoggedOn>,
    /// The supervisor it asked for help, while the request is pending.
    pub help_from: Option<String>,
    /// The agent number this supervisor intrudes on / listens to.
    pub supervising: Option<(String, cti::o2g::agent::IntrusionMode)>,
    /// The agent number this supervisor listens to permanently.
    pub listening: Option<String>,
}

/// Per-user services state: routing, comlog, voicemail.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserServices {
    /// Do not disturb.
    pub dnd: bool,
    /// The forward route, if one is set.
    pub forward: Option<ForwardRoute>,
    /// Communication log, oldest first (at most 100, L7789).
    pub comlog: Vec<ComHistoryRecord>,
    /// Voice messages waiting.
    pub voice_messages: u32,
    /// Results of the last directory search not yet read.
    pub search: Option<Vec<cti::o2g::directory::Contact>>,
}

/// Something the simulator must do at a given time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Timer {
    /// The traffic generator places the next external call.
    NextArrival,
    /// A queued or ringing ACD caller gives up, if nobody answered yet.
    Abandon {
        /// The call.
        call: String,
    },
    /// A bot or an external party answers the call ringing on `number`.
    AutoAnswer {
        /// The call.
        call: String,
        /// The ringing party's number.
        number: String,
    },
    /// A bot or an external party hangs up.
    AutoHangUp {
        /// The call.
        call: String,
        /// The party's number.
        number: String,
    },
    /// A call ringing on `number` is released as not answered.
    NoAnswer {
        /// The call.
        call: String,
        /// The ringing party's number.
        number: String,
    },
    /// An agent's wrap-up may be over.
    WrapUpEnd {
        /// The agent's login.
        login: String,
    },
}
