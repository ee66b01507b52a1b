//! Call control (`/telephony/...`, spec L2418-6495): request bodies, call representations and
//! the `telephony` package events.

pub mod call;
pub mod capabilities;
pub mod events;
pub mod requests;
pub mod state;

pub use call::{
    AcdCallData, AcdCallInfo, Call, CallData, Callback, Callbacks, Calls, Identifier, Leg, Legs,
    Participant, ParticipantType, Participants, PartyInfo, PilotTransferCapa, PilotTransferInfo,
    QueueData, Tag, TelephonicState, TrunkIdentification,
};
pub use capabilities::{CallCapabilities, LegCapabilities};
pub use events::{
    OnCallCreated, OnCallModified, OnCallRemoved, OnDeviceStateModified, OnDynamicStateChanged,
    OnTelephonyState, OnUserStateModified,
};
pub use requests::{
    AcdCallParam, AcrSkill, AcrSkills, AlternateRequest, AnswerRequest, BlindTransferRequest,
    CallbackRequest, DsLogOnRequest, HoldRequest, MakeBasicCallRequest, MakeCallRequest,
    MergeRequest, MiniMessageRequest, ParkRequest, PickupRequest, PilotQueryParam,
    ReconnectRequest, RecordingAction, RedirectRequest, RetrieveRequest, SendAccountInfoRequest,
    SendAssociatedDataRequest, SendDtmfRequest, SwitchDeviceRequest, TransferRequest,
    UnParkRequest,
};
pub use state::{
    CallCause, DeviceCapabilities, DeviceState, DeviceStates, HuntingGroupResult,
    HuntingGroupStatus, MainType, MediaState, MiniMessage, OperationalState, PilotStatus,
    RecordState, UserState,
};

/// Collection resource of the user's calls.
pub const CALLS_PATH: &str = "/api/rest/1.0/telephony/calls";
/// Basic (licence-free) make-call resource.
pub const BASIC_CALL_PATH: &str = "/api/rest/1.0/telephony/basicCall";
/// The user's devices.
pub const DEVICES_PATH: &str = "/api/rest/1.0/telephony/devices";
/// The user's telephonic state.
pub const STATE_PATH: &str = "/api/rest/1.0/telephony/state";
/// Asks for an `OnTelephonyState` event.
pub const STATE_SNAPSHOT_PATH: &str = "/api/rest/1.0/telephony/state/snapshot";
