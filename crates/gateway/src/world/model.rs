//! The world's own model of the contact centre: calls made of parties, agents, users, their
//! history and routing. Vendor-neutral: a front renders it in its protocol's terms.
//!
//! One call is one reference shared by every party (as a PBX does for internal calls); each
//! front shows a user the call through that user's legs and the other parties.

use std::collections::BTreeMap;

use crate::clock::Millis;

/// The media state of one party's leg in a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegState {
    /// The party dialled and hears the ringback tone.
    Calling,
    /// The party's device rings.
    Ringing,
    /// In conversation.
    Active,
    /// On hold.
    Held,
    /// The call failed (the callee does not want calls): the party hears the busy tone
    /// until it hangs up, or the PBX releases it.
    Releasing,
}

/// Why calls changed, as the events of a step tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// A party hung up and the call ended.
    Cleared,
    /// A party left a call that goes on.
    ParticipantLeft,
    /// A transfer joined two calls.
    Transferred,
    /// A merge made a conference.
    Conferenced,
    /// The callee does not want calls.
    DoNotDisturb,
    /// The callee forwards its calls.
    Forwarded,
    /// A ringing call was sent elsewhere.
    Redirected,
    /// The ACD gave a queued call to an agent.
    Distributed,
    /// The caller gave up waiting.
    Abandoned,
    /// Nobody answered in time.
    NotAnswered,
    /// A supervisor joined the call.
    SupervisorIntrusion,
    /// A supervisor joined, heard by the agent only.
    SupervisorRestrictIntrusion,
    /// A supervisor listens, heard by nobody.
    SupervisorListening,
}

/// How a party's part in a call ended, for its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// Hung up or released.
    Normal,
    /// The callee did not want calls.
    Busy,
    /// Left a message, or sent the caller to voicemail.
    Voicemail,
    /// Transferred the call.
    Transferred,
    /// Joined a conference.
    Conferenced,
    /// Sent the ringing call elsewhere.
    Redirected,
    /// The caller gave up.
    Abandoned,
    /// Nobody answered.
    NotAnswered,
}

/// The recording of a call, while there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recording {
    /// Recording.
    On,
    /// Paused.
    Paused,
}

/// What a user asks of a call's recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordingAction {
    /// Start recording.
    Start,
    /// Stop recording.
    Stop,
    /// Pause.
    Pause,
    /// Resume after a pause.
    Resume,
}

impl RecordingAction {
    /// Its name in refusals.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordingAction::Start => "start",
            RecordingAction::Stop => "stop",
            RecordingAction::Pause => "pause",
            RecordingAction::Resume => "resume",
        }
    }
}

/// How a supervisor is in an agent's call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Supervision {
    /// Heard by both parties.
    Normal,
    /// Heard by the agent only.
    Restricted,
    /// Heard by nobody.
    Discrete,
}

/// What a supervisor asks of its current intrusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntrusionChange {
    /// Go on in this mode (the current one again leaves the call).
    To(Supervision),
    /// Leave the call.
    Stop,
    /// A mode the front could not name: refused once the supervisor is known to intrude.
    Unknown,
}

/// When a forward applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardWhen {
    /// Always: calls go straight to the destination.
    Always,
    /// When the user is busy.
    Busy,
    /// When the user does not answer.
    NoAnswer,
    /// When busy or not answering.
    BusyOrNoAnswer,
    /// A condition the front could not name: kept, never applied.
    Other,
}

/// Where a forward sends calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForwardTo {
    /// The user's voicemail.
    Voicemail,
    /// A number.
    Number(String),
}

/// A user's forward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forward {
    /// When it applies.
    pub when: ForwardWhen,
    /// Where calls go.
    pub to: ForwardTo,
}

/// One entry of a user's call history: its part in one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Unique in the world, increasing.
    pub id: i64,
    /// The call's reference.
    pub call: String,
    /// False for a missed call the user has not looked at.
    pub acknowledged: bool,
    /// Whether the user placed or received the call.
    pub side: Side,
    /// Whether the user talked.
    pub answered: bool,
    /// The user's endpoint (its device).
    pub endpoint: Endpoint,
    /// How the user's part ended.
    pub reason: EndReason,
    /// Everyone else who took part in the call, those who left before the user included.
    pub others: Vec<Endpoint>,
    /// When the user joined the call.
    pub began: Millis,
    /// When the user left it.
    pub ended: Millis,
    /// When the user first talked.
    pub answered_at: Option<Millis>,
    /// The CCD transaction code the agent gave the call (after-call work).
    pub transaction_code: Option<String>,
    /// The agent's after-call notes.
    pub notes: Option<String>,
}

/// An agent's after-call work on a call: a transaction code, and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    /// The transaction code (digits).
    pub code: String,
    /// The agent's notes, if any.
    pub notes: Option<String>,
}

impl HistoryEntry {
    /// A missed call: the call rang at the user, who did not answer it. Whether it still
    /// counts is `acknowledged`.
    pub fn is_missed(&self) -> bool {
        self.side == Side::Callee && !self.answered
    }
}

/// Which history entries a request concerns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Only these entries (the other criteria are then ignored).
    pub ids: Option<Vec<i64>>,
    /// Only calls the user did not answer.
    pub unanswered: Option<bool>,
    /// Only entries not acknowledged.
    pub unacknowledged: Option<bool>,
    /// Only entries of calls still going on at or after this time: the user left at or after
    /// it (`afterDate`, "not older than").
    pub after: Option<Millis>,
    /// Only entries of calls begun before this time (`beforeDate`, "older than").
    pub before: Option<Millis>,
    /// Only entries where the user had this side.
    pub side: Option<Side>,
    /// Only entries with this other party: its number, or the login behind it.
    pub remote: Option<String>,
}

impl HistoryFilter {
    /// Whether `entry` passes the filter. Ids, when given, override every other criterion
    /// (L7851). `unanswered` selects missed calls: incoming and not answered (L7854).
    pub fn selects(&self, entry: &HistoryEntry) -> bool {
        if let Some(ids) = &self.ids {
            return ids.contains(&entry.id);
        }
        let wanted = |flag: Option<bool>, has: bool| flag.is_none_or(|on| !on || has);
        wanted(self.unanswered, entry.is_missed())
            && wanted(self.unacknowledged, !entry.acknowledged)
            && self.after.is_none_or(|after| entry.ended >= after)
            && self.before.is_none_or(|before| entry.began < before)
            && self.side.is_none_or(|side| entry.side == side)
            && self.remote.as_deref().is_none_or(|remote| {
                entry
                    .others
                    .iter()
                    .any(|o| o.number() == remote || o.login() == Some(remote))
            })
    }
}

/// An agent's skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skill {
    /// Its number.
    pub number: i32,
    /// The agent's level in it.
    pub level: i32,
    /// Whether the agent takes calls needing it now.
    pub active: bool,
}

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
    /// Identifies the party, unique in the world.
    pub id: String,
    /// Who.
    pub endpoint: Endpoint,
    /// Media state of its leg.
    pub state: LegState,
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
    /// Its reference, shared by every party.
    pub reference: String,
    /// Parties, in joining order.
    pub parties: Vec<Party>,
    /// Parties that took part and left, in leaving order (supervisors apart): the history
    /// entries written later still name them.
    pub left: Vec<Party>,
    /// ACD facts, for calls through a pilot.
    pub acd: Option<AcdInfo>,
    /// Recording state.
    pub record: Option<Recording>,
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

impl Activity {
    /// Its name in the scenario API: `READY`, `PAUSE`, `WITHDRAW`, `WRAPUP`, `BUSY`,
    /// `OUT_OF_PG` (the names demos and e2e tests already read).
    pub fn name(self) -> &'static str {
        match self {
            Activity::Ready => "READY",
            Activity::Pause => "PAUSE",
            Activity::Withdraw(_) => "WITHDRAW",
            Activity::WrapUp { .. } => "WRAPUP",
            Activity::Busy => "BUSY",
            Activity::OutOfGroup => "OUT_OF_PG",
        }
    }
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
    /// Its last session ended during an ACD call: PAUSE, not wrap-up, when the call ends.
    pub pause_after_call: bool,
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
    /// Its skills.
    pub skills: Vec<Skill>,
    /// Logged on, or not.
    pub logged: Option<LoggedOn>,
    /// The supervisor it asked for help, while the request is pending.
    pub help_from: Option<String>,
    /// The agent number this supervisor intrudes on / listens to.
    pub supervising: Option<(String, Supervision)>,
    /// The agent number this supervisor listens to permanently.
    pub listening: Option<String>,
    /// Its queue memberships changed from the default, by pilot: a penalty (calls go to the
    /// lowest first), or `None` (no calls of that pilot). By default an agent is a member of
    /// every pilot of its groups with penalty 0 ([`super::Centre::penalty`]).
    pub memberships: BTreeMap<String, Option<u32>>,
}

/// A customer's request to be called back, while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackSim {
    /// Its id, unique in the world.
    pub uuid: String,
    /// Its list (index in the scenario's `callbacks`).
    pub list: usize,
    /// The request (index in its list's `requests`).
    pub request: usize,
    /// The agent (login) who took it, if one did.
    pub taken_by: Option<String>,
    /// The ticket of the call back in progress, once started.
    pub ticket: Option<String>,
    /// The day to call, `yyyy-MM-dd`.
    pub due_date: String,
    /// The preferred period's name.
    pub period: Option<String>,
}

/// Per-user services state: routing, history, voicemail.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserServices {
    /// Do not disturb.
    pub dnd: bool,
    /// The forward, if one is set.
    pub forward: Option<Forward>,
    /// Call history, oldest first (at most [`super::HISTORY_LIMIT`]).
    pub history: Vec<HistoryEntry>,
    /// Voice messages waiting.
    pub voice_messages: u32,
}

impl UserServices {
    /// Missed calls not yet looked at: the unanswered incoming entries not acknowledged, the
    /// same the filter `unanswered` + `unacknowledged` selects.
    pub fn missed_calls(&self) -> usize {
        self.history
            .iter()
            .filter(|r| r.is_missed() && !r.acknowledged)
            .count()
    }
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
    /// A failed call nobody hung up is released.
    ReleaseFailed {
        /// The call.
        call: String,
    },
    /// An agent's wrap-up may be over.
    WrapUpEnd {
        /// The agent's login.
        login: String,
    },
}
