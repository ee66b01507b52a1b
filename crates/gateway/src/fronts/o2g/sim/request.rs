//! What the O2G REST layer asks of the simulator, and what it answers, in O2G types.

use cti::o2g::agent::{AgentConfig, AgentState, IntrusionMode, TransactionCodes, WithdrawReasons};
use cti::o2g::comlog::{ComHistoryRecord, ComHistoryRecords, Role};
use cti::o2g::directory::{SearchRequest, SearchResult};
use cti::o2g::event_summary::EventSummary;
use cti::o2g::routing::{DndState, ForwardRoute, RoutingCapabilities, RoutingState};
use cti::o2g::telephony::{
    Call, Calls, DeviceState, DeviceStates, Leg, Legs, Participant, Participants, RecordingAction,
    TelephonicState,
};

/// Filters of the comlog resources (L7843-8079).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComlogFilter {
    /// Only these records (overrides the others).
    pub record_ids: Option<Vec<i64>>,
    /// Only unanswered calls.
    pub unanswered: Option<bool>,
    /// Only unacknowledged records.
    pub unacknowledged: Option<bool>,
    /// `afterDate`: only records not older than this Unix time (ms).
    pub after: Option<u64>,
    /// `beforeDate`: only records older than this Unix time (ms).
    pub before: Option<u64>,
    /// `role`: only records where the owner had this role.
    pub role: Option<Role>,
    /// `remotePartyId`: only records with this other party (a login name or a number).
    pub remote_party: Option<String>,
    /// Skip this many.
    pub offset: usize,
    /// At most this many; 0 = all (L7879).
    pub limit: usize,
}

/// One O2G request, already parsed from its path, query and body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SimRequest {
    /// `POST /telephony/calls` and `POST /telephony/basicCall`.
    MakeCall {
        /// Calling device.
        device: String,
        /// Called number.
        callee: String,
    },
    /// `POST /telephony/calls/{ref}/answer`.
    Answer {
        /// Call.
        call: String,
        /// Device answering.
        device: String,
    },
    /// `POST /telephony/basicCall/answer`: the call ringing on one of the user's devices.
    BasicAnswer {
        /// Device, if given.
        device: Option<String>,
    },
    /// `POST /telephony/basicCall/dropme`: leaves the user's current call.
    BasicDropMe,
    /// `POST .../hold`.
    Hold {
        /// Call.
        call: String,
        /// Device.
        device: String,
    },
    /// `POST .../retrieve`.
    Retrieve {
        /// Call.
        call: String,
        /// Device.
        device: String,
    },
    /// `POST /telephony/calls/{held}/alternate`.
    Alternate {
        /// The held call.
        held: String,
        /// Device.
        device: String,
    },
    /// `POST /telephony/calls/{held}/reconnect`.
    Reconnect {
        /// The held call to take back.
        held: String,
        /// Device.
        device: String,
        /// The enquiry call to end.
        enquiry: String,
    },
    /// `POST /telephony/calls/{active}/transfer`.
    Transfer {
        /// The active call.
        active: String,
        /// The held call.
        held: String,
    },
    /// `POST /telephony/calls/{active}/merge`.
    Merge {
        /// The active call.
        active: String,
        /// The held call.
        held: String,
    },
    /// `POST .../blindtransfer`.
    BlindTransfer {
        /// Call.
        call: String,
        /// Destination.
        to: String,
    },
    /// `POST .../redirect`.
    Redirect {
        /// Ringing call.
        call: String,
        /// Destination or `VOICEMAIL`.
        to: String,
    },
    /// `POST .../dropme`.
    DropMe {
        /// Call.
        call: String,
    },
    /// `DELETE /telephony/calls/{ref}`: releases every party.
    Release {
        /// Call.
        call: String,
    },
    /// `POST .../sendDtmf`.
    SendDtmf {
        /// Call.
        call: String,
        /// Device.
        device: String,
        /// Digits.
        digits: String,
    },
    /// `POST .../sendaccountinfo`: a CCD transaction code (and agentdesk's notes).
    SendAccountInfo {
        /// Call.
        call: String,
        /// The transaction code.
        code: String,
        /// agentdesk's extension: the agent's after-call notes.
        notes: Option<String>,
    },
    /// `POST .../recording?action=`.
    Recording {
        /// Call.
        call: String,
        /// Action.
        action: RecordingAction,
    },
    /// `GET /telephony/calls`.
    GetCalls,
    /// `GET /telephony/calls/{ref}`.
    GetCall {
        /// Call.
        call: String,
    },
    /// `GET .../participants`.
    GetParticipants {
        /// Call.
        call: String,
    },
    /// `GET .../participants/{id}`.
    GetParticipant {
        /// Call.
        call: String,
        /// Participant.
        participant: String,
    },
    /// `GET .../deviceLegs`.
    GetLegs {
        /// Call.
        call: String,
    },
    /// `GET .../deviceLegs/{legId}`.
    GetLeg {
        /// Call.
        call: String,
        /// Leg (device number).
        leg: String,
    },
    /// `GET /telephony/devices`.
    GetDevices,
    /// `GET /telephony/devices/{id}`.
    GetDevice {
        /// Device.
        device: String,
    },
    /// `GET /telephony/state`.
    GetTelephonyState,
    /// `POST /telephony/state/snapshot`.
    TelephonySnapshot,
    /// `GET /acd/agent/config`.
    AgentConfig,
    /// `POST /acd/agent/config/skills/activate`.
    ActivateSkills(Vec<i32>),
    /// `POST /acd/agent/config/skills/deactivate`.
    DeactivateSkills(Vec<i32>),
    /// `POST /acd/agent/logon`.
    LogOn {
        /// Pro-ACD device.
        device: String,
        /// Processing group.
        group: Option<String>,
    },
    /// `POST /acd/agent/logoff`.
    LogOff,
    /// `POST /acd/agent/enterPG`.
    EnterGroup(Option<String>),
    /// `POST /acd/agent/exitPG`.
    ExitGroup(Option<String>),
    /// `POST /acd/agent/ready`.
    Ready,
    /// `POST /acd/agent/pause`.
    Pause,
    /// `POST /acd/agent/wrapUp`.
    WrapUp,
    /// `POST /acd/agent/withdraw`.
    Withdraw(Option<i32>),
    /// `GET /acd/agent/withdrawReasons?pgNumber=`.
    WithdrawReasons(Option<String>),
    /// `GET /acd/agent/transactionCodes?pgNumber=` (agentdesk extension).
    TransactionCodes(Option<String>),
    /// `GET /acd/agent/state`.
    AgentState,
    /// `POST /acd/agent/state/snapshot`.
    AgentSnapshot,
    /// `POST /acd/agent/supervisorHelp`.
    RequestHelp,
    /// `DELETE /acd/agent/supervisorHelp?other=`.
    CancelHelp(Option<String>),
    /// `POST /acd/agent/intrusion`.
    Intrusion {
        /// The agent intruded on.
        agent: String,
        /// Mode (normal when absent).
        mode: Option<IntrusionMode>,
    },
    /// `PUT /acd/agent/intrusion`.
    ChangeIntrusion(IntrusionMode),
    /// `POST /acd/agent/permanentListening`.
    StartListening(String),
    /// `DELETE /acd/agent/permanentListening`.
    StopListening,
    /// `GET /eventSummary`.
    EventSummary,
    /// `GET /comlog/records`.
    ComRecords(ComlogFilter),
    /// `GET /comlog/records/{id}`.
    ComRecord(i64),
    /// `DELETE /comlog/records` (filter) or `/comlog/records/{id}`.
    DeleteComRecords(ComlogFilter),
    /// `PUT|POST /comlog/records?acknowledge=`.
    AckComRecords {
        /// Records.
        ids: Vec<i64>,
        /// Acknowledge (true) or unacknowledge.
        ack: bool,
    },
    /// `GET /routing`.
    RoutingCapabilities,
    /// `GET /routing/state`.
    RoutingState,
    /// `POST /routing/state/snapshot`.
    RoutingSnapshot,
    /// `GET /routing/dnd`.
    GetDnd,
    /// `POST` (true) / `DELETE` (false) `/routing/dnd`.
    SetDnd(bool),
    /// `GET /routing/forwardroute`.
    GetForward,
    /// `POST /routing/forwardroute`.
    SetForward(ForwardRoute),
    /// `DELETE /routing/forwardroute`.
    CancelForward,
    /// `POST /directory/search`.
    Search(SearchRequest),
    /// `GET /directory/search`.
    SearchResults,
    /// `DELETE /directory/search`.
    CancelSearch,
}

impl SimRequest {
    /// Requests that only read.
    pub(super) fn is_read(&self) -> bool {
        matches!(
            self,
            SimRequest::GetCalls
                | SimRequest::GetCall { .. }
                | SimRequest::GetParticipants { .. }
                | SimRequest::GetParticipant { .. }
                | SimRequest::GetLegs { .. }
                | SimRequest::GetLeg { .. }
                | SimRequest::GetDevices
                | SimRequest::GetDevice { .. }
                | SimRequest::GetTelephonyState
                | SimRequest::AgentConfig
                | SimRequest::WithdrawReasons(_)
                | SimRequest::TransactionCodes(_)
                | SimRequest::AgentState
                | SimRequest::EventSummary
                | SimRequest::ComRecords(_)
                | SimRequest::ComRecord(_)
                | SimRequest::RoutingCapabilities
                | SimRequest::RoutingState
                | SimRequest::GetDnd
                | SimRequest::GetForward
        )
    }
}

/// The simulator's answer to a request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SimReply {
    /// Done, nothing to say (204).
    Done,
    /// A call was created (201 + Location).
    Created(String),
    /// `Calls`.
    Calls(Calls),
    /// `Call`.
    Call(Box<Call>),
    /// `Participants`.
    Participants(Participants),
    /// `Participant`.
    Participant(Participant),
    /// `Legs`.
    Legs(Legs),
    /// `Leg`.
    Leg(Leg),
    /// `DeviceStates`.
    DeviceStates(DeviceStates),
    /// `DeviceState`.
    DeviceState(DeviceState),
    /// `TelephonicState`.
    TelephonicState(TelephonicState),
    /// `AgentConfig`.
    AgentConfig(AgentConfig),
    /// `AgentState`.
    AgentState(AgentState),
    /// `WithdrawReasons`.
    WithdrawReasons(WithdrawReasons),
    /// `TransactionCodes` (agentdesk extension).
    TransactionCodes(TransactionCodes),
    /// `EventSummary`.
    EventSummary(EventSummary),
    /// `ComHistoryRecords`.
    ComRecords(ComHistoryRecords),
    /// `ComHistoryRecord`.
    ComRecord(Box<ComHistoryRecord>),
    /// `Capabilities` of `/routing`.
    RoutingCapabilities(RoutingCapabilities),
    /// `RoutingState`.
    RoutingState(RoutingState),
    /// `DNDState`.
    Dnd(DndState),
    /// `ForwardRoute`.
    Forward(ForwardRoute),
    /// `SearchResult`.
    SearchResult(SearchResult),
}
