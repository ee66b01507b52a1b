//! `Call` and everything inside it: call data, legs, participants, capabilities
//! (spec L4595-4832, L4885-5342, L6087-6175, L6316-6483).

use serde::{Deserialize, Serialize};

use super::capabilities::{CallCapabilities, LegCapabilities};
use super::state::{DeviceCapabilities, MainType, MediaState, PilotStatus, RecordState, UserState};
use crate::lenient::{opt_bool_or_string, opt_int_or_string};

/// `Identifier` (L5276-5281). The directory and voicemail variants of this type are subsets or
/// supersets of it (AMBIG-44), so every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// O2G login name, e.g. `oxe70120`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_name: Option<String>,
    /// Company phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The number is one of the device's multiline numbers (since 2.7.3).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub multi_line: Option<bool>,
    /// Instant messaging id (voicemail `Identifier` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instant_messaging_id: Option<String>,
    /// Company e-mail (voicemail `Identifier` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_email: Option<String>,
}

/// `ParticipantType` (L6144-6152).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantType {
    /// Main type.
    pub main: MainType,
    /// Free refinement, e.g. `"pbx"`, `"public"`, `"voicemail"`, `"sip"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
}

/// `PartyInfo` (L6153-6175): identity card of a party.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyInfo {
    /// Identifier; declared `[1]` but tolerated when missing (an empty identifier).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub id: Identifier,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Display name; empty when first/last names are filled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Type of the party.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub party_type: Option<ParticipantType>,
}

/// `Tag` (L6316-6321).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    /// Tag name.
    pub name: String,
    /// Tag value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Login names allowed to see the tag.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub visibilities: Vec<String>,
}

/// `AcdCallInfo` (L4623-4635): distribution details of an ACD call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcdCallInfo {
    /// Seconds spent in the queue.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub queue_waiting_time: Option<i32>,
    /// Seconds spent in the whole distribution.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub global_waiting_time: Option<i32>,
    /// Agent group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_group: Option<String>,
    /// Local (not networked) ACD call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub local: Option<bool>,
}

/// `QueueData` (L6244-6248).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueData {
    /// Estimated waiting time in the queue, in seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub waiting_time: Option<i32>,
    /// The queue is saturated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub saturated: Option<bool>,
}

/// `PilotTransferInfo` (L6235-6243).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PilotTransferInfo {
    /// A transfer to the pilot or RSI is possible.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub transfer_possible: Option<bool>,
    /// Pilot status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilot_status: Option<PilotStatus>,
}

/// `AcdCallData` (L4595-4622): ACD information of a call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcdCallData {
    /// Distribution details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_info: Option<AcdCallInfo>,
    /// Queue state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_data: Option<QueueData>,
    /// Pilot number, if this is an ACD call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilot_number: Option<String>,
    /// RSI number, if this is an RSI call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsi_number: Option<String>,
    /// The transfer from the pilot was supervised.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub supervised_transfer: Option<bool>,
    /// Enquiry calls to a pilot only: can the call be transferred there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilot_transfer_info: Option<PilotTransferInfo>,
}

/// `TrunkIdentification` (L6475-6483), for external calls (since 2.7.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrunkIdentification {
    /// Network time slot.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub network_timeslot: Option<i32>,
    /// Trunk equipment numbers (two for a conference over two trunks).
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub trunk_neqt: Vec<i32>,
}

/// `CallData` (L4971-5079). In `OnCallModified` an absent `callData` means "unchanged".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallData {
    /// The user initially called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_called: Option<PartyInfo>,
    /// The last redirecting device, if not the initial called (since 2.7.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_redirecting: Option<PartyInfo>,
    /// A device call (absent or false: a user call).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub device_call: Option<bool>,
    /// Anonymous call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub anonymous: Option<bool>,
    /// SIP correlation id (multimedia users).
    #[serde(
        default,
        rename = "callUUID",
        alias = "callUuid",
        skip_serializing_if = "Option::is_none"
    )]
    pub call_uuid: Option<String>,
    /// Call state computed from the media states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<MediaState>,
    /// Recording state; absent when not recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_state: Option<RecordState>,
    /// Tags.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<Tag>,
    /// Call-level capabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<CallCapabilities>,
    /// Associated (correlator) data. The table spells it `associateData`; requests, pilot
    /// events and comlog spell it `associatedData` (AMBIG-25): we encode the table spelling and
    /// accept both.
    #[serde(
        default,
        rename = "associateData",
        alias = "associatedData",
        skip_serializing_if = "Option::is_none"
    )]
    pub associate_data: Option<String>,
    /// Associated data as hex bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hexa_binary_associated_data: Option<String>,
    /// Account info (transaction code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_info: Option<String>,
    /// ACD information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acd_call_data: Option<AcdCallData>,
    /// Trunk of an external call (since 2.7.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trunk_identification: Option<TrunkIdentification>,
}

/// `Leg` (L5283-5307): one of the user's devices in a call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Leg {
    /// Device phone number.
    pub device_id: String,
    /// Media state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<MediaState>,
    /// In `RINGING_OUTGOING`: the remote party is alerted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub ringing_remote: Option<bool>,
    /// Leg capabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<LegCapabilities>,
}

/// `Legs` (L5321-5342), the body of `GET .../deviceLegs`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Legs {
    /// The legs.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub legs: Vec<Leg>,
}

/// `Participant` (L6087-6116).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    /// Opaque identifier; not for display.
    pub participant_id: String,
    /// Identity card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<PartyInfo>,
    /// Secret identity.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub anonymous: Option<bool>,
    /// Cannot be dropped.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub undroppable: Option<bool>,
    /// Only for 3+ party calls, on RINGING_INCOMING transitions (AMBIG-35): use legs instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<MediaState>,
}

/// `Participants` (L6117-6142).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participants {
    /// The participants.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub participants: Vec<Participant>,
}

/// `Call` (L4695-4832).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// Opaque call reference (AMBIG-41).
    pub call_ref: String,
    /// Call data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_data: Option<CallData>,
    /// The user's devices in the call.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub legs: Vec<Leg>,
    /// The parties.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub participants: Vec<Participant>,
}

/// `Calls` (L5080-5216), the body of `GET /telephony/calls`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Calls {
    /// The calls.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub calls: Vec<Call>,
}

/// `TelephonicState` (L6322-6468): snapshot of a user's calls and devices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TelephonicState {
    /// Current calls.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub calls: Vec<Call>,
    /// Capabilities of each device.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub device_capabilities: Vec<DeviceCapabilities>,
    /// User state; absent reads as unknown (AMBIG-36).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_state: Option<UserState>,
}

/// `Callback` (L4834-4855).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Callback {
    /// Callback identifier.
    pub callback_id: String,
    /// Who asked to be called back; declared `[1]`, tolerated when missing.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub party_info: PartyInfo,
}

/// `Callbacks` (L4861-4884).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Callbacks {
    /// The callbacks.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub callbacks: Vec<Callback>,
}

/// `PilotTransferCapa` (L6216-6234). The example (L4498-4515) writes `possibleTransfer`,
/// `queueState` and `rules` instead of `transferInfo` (AMBIG-34): all are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PilotTransferCapa {
    /// Pilot number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Estimated waiting time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub waiting_time: Option<i32>,
    /// Queue saturated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub saturation: Option<bool>,
    /// The transfer will be supervised.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub supervised_transfer: Option<bool>,
    /// Whether the transfer is possible (table form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_info: Option<PilotTransferInfo>,
    /// Whether the transfer is possible (example form).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub possible_transfer: Option<bool>,
    /// Queue state as the example writes it, e.g. `s_Opened`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_state: Option<String>,
    /// Pilot rules, kept raw (a `Pilot` concern, not the agent's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<serde_json::Value>,
}

impl PilotTransferCapa {
    /// Whether a transfer is possible: `transferInfo.transferPossible`, else `possibleTransfer`.
    pub fn is_transfer_possible(&self) -> Option<bool> {
        self.transfer_info
            .as_ref()
            .and_then(|t| t.transfer_possible)
            .or(self.possible_transfer)
    }
}

impl CallData {
    /// Whether this is an ACD (pilot) or RSI call, i.e. it carries a pilot or RSI number.
    pub fn is_acd(&self) -> bool {
        self.acd_call_data
            .as_ref()
            .is_some_and(|a| a.pilot_number.is_some() || a.rsi_number.is_some())
    }
}
