//! Telephony enumerations and device/user state representations (spec L4939-6495).
//!
//! Every enum that a newer gateway might extend has a catch-all: the spec's own `UNKNOWN` (or
//! `OTHER`) value where one exists, else `Unrecognized`. A new value therefore degrades one
//! field, never a whole event.

use serde::{Deserialize, Serialize};

/// `MediaState` (L5459-5471): the state of a leg, a call or a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MediaState {
    /// Device busy for other reasons than a call (service activation).
    OffHook,
    /// Idle.
    Idle,
    /// Release in progress (e.g. busy destination, intrusion possible).
    Releasing,
    /// A call attempt is in progress.
    Dialing,
    /// On hold.
    Held,
    /// Incoming call ringing.
    RingingIncoming,
    /// Outgoing call ringing (see `Leg::ringing_remote`).
    RingingOutgoing,
    /// In conversation.
    Active,
    /// Unknown media state; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `CallCause` (L4939-4970): why a call event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CallCause {
    /// Caller hung up before answer.
    Abandoned,
    /// Network congestion tone.
    AllTrunkBusy,
    /// Busy tone.
    Busy,
    /// One party of a two-party call hung up after answer.
    Cleared,
    /// One party left a conference.
    ParticipantLeft,
    /// Multi-party call.
    Conferenced,
    /// Invalid number tone.
    InvalidNumber,
    /// Destination unreachable.
    DestinationNotObtainable,
    /// Device in DND.
    DoNotDisturb,
    /// Forwarded.
    Forwarded,
    /// Hung up before answer.
    NotAnswered,
    /// Picked up.
    PickedUp,
    /// Parked.
    Parked,
    /// Redirected.
    Redirected,
    /// Went to the overflow destination.
    Overflown,
    /// Transferred call.
    Transferred,
    /// Camp-on (put in wait).
    CampOn,
    /// Picked up tandem.
    PickedUpTandem,
    /// The call is a call back.
    CallBack,
    /// Recall (on a held call: the device rings back).
    Recall,
    /// CCD: call distribution.
    Distributed,
    /// CCD: call enters distribution.
    AcdEnterDistribution,
    /// CCD: pilot is not open.
    ResourcesNotAvailable,
    /// CCD: supervisor listening.
    SupervisorListening,
    /// CCD: supervisor fully intruded.
    SupervisorIntrusion,
    /// CCD: supervisor can speak to the agent only.
    SupervisorRestrictIntrusion,
    /// CCD: no available agent.
    NoAvailableAgent,
    /// Physical set off the hook.
    Lockout,
    /// Unknown cause; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `RecordState` (L6256-6260); present only while recording is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecordState {
    /// Recording paused.
    Paused,
    /// Recording in progress.
    Recording,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `OperationalState` (L6075-6080) of a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OperationalState {
    /// In service.
    InService,
    /// Out of service.
    OutOfService,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `UserState` (L6490-6495).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserState {
    /// Free.
    Free,
    /// Busy.
    Busy,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `MainType` (L5344-5351) of a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MainType {
    /// A user of the system.
    User,
    /// A device of the system.
    Device,
    /// A service of the system.
    Service,
    /// Not a user of the system.
    External,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `PilotStatus` (L6205-6215).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PilotStatus {
    /// Open.
    Open,
    /// Blocked.
    Blocked,
    /// Blocked on rule.
    BlockedOnRule,
    /// Blocked on blocked rule.
    BlockedOnBlockedRule,
    /// General forwarding.
    GeneralForwarding,
    /// General forwarding on rule.
    GeneralForwardingOnRule,
    /// Blocked on general forwarding rule.
    BlockedOnGeneralForwardingRule,
    /// Other; also what any undocumented value decodes to.
    #[serde(other)]
    Other,
}

/// `DeviceCapabilities` (L5219-5226): what a device can do outside calls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceCapabilities {
    /// Device phone number.
    pub device_id: String,
    /// A new call can be initiated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub make_call: Option<bool>,
    /// A business call can be initiated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub make_business_call: Option<bool>,
    /// A private call can be initiated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub make_private_call: Option<bool>,
    /// A parked call can be unparked.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub un_park_call: Option<bool>,
}

/// `DeviceState` (L5227-5238).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceState {
    /// Device phone number.
    pub device_id: String,
    /// Operational state.
    pub state: OperationalState,
    /// Cause of the change (since 2.7.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CallCause>,
}

/// `DeviceStates` (L5239-5250), the body of `GET /telephony/devices`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceStates {
    /// One entry per device.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub device_states: Vec<DeviceState>,
}

/// `HuntingGroupStatus` (L5271-5275); `logon` is written `"true"` in the example (AMBIG-37).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HuntingGroupStatus {
    /// Logged on the hunting group.
    #[serde(deserialize_with = "crate::lenient::bool_or_string")]
    pub logon: bool,
}

/// `HuntingGroupResult` (L5265-5270).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HuntingGroupResult {
    /// Hunting groups of the user's node.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub hg_list: Vec<String>,
    /// The group the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_hg: Option<String>,
}

/// `MiniMessage` (L5477-5483).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MiniMessage {
    /// Sender phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    /// UTC date, `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
