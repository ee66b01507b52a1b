//! Request bodies of the `/telephony` resources (spec L2503-4593, tables L4636-6489).
//!
//! Path semantics differ per action (AMBIG-29): `alternate` and `reconnect` are posted on the
//! *held* call, `transfer` and `merge` on the *active* call with the held one in the body.

use serde::{Deserialize, Serialize};

use crate::lenient::{opt_bool_or_string, opt_int_or_string};

/// `ACRSkill` (L4653-4664): a skill of an ACR call profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrSkill {
    /// Skill number.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub skill_number: Option<i32>,
    /// Skill activation status.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub acr_status: Option<bool>,
    /// Expert evaluation level.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub expert_eval_level: Option<i32>,
}

/// `ACRSkills` (L4665-4674).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrSkills {
    /// The skills.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub skills: Vec<AcrSkill>,
}

/// `AcdCallParam` (L4636-4652): ACD options of a make-call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcdCallParam {
    /// In a consultation call, force the pilot/RSI consultation mode.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub supervised_transfer: Option<bool>,
    /// Skills of the new call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<AcrSkills>,
    /// Call the agent's supervisor; `callee` is then ignored.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub call_to_supervisor: Option<bool>,
}

/// `MakeCallRequest` (L5370-5458), the body of `POST /telephony/calls`.
/// `deviceId` is carded `[0..1]` but "mandatory" (AMBIG-28): required here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MakeCallRequest {
    /// The calling device, one of the user's.
    pub device_id: String,
    /// Called number; absent for a call to the supervisor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee: Option<String>,
    /// Call the callee at once instead of ringing `deviceId` first.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub auto_answer: Option<bool>,
    /// Inhibit the progress tone of an external call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub inhibit_progress_tone: Option<bool>,
    /// Correlator data, at most 32 bytes. Requests spell it `associatedData`; the `CallData`
    /// spelling `associateData` is accepted too (AMBIG-25).
    #[serde(
        default,
        alias = "associateData",
        skip_serializing_if = "Option::is_none"
    )]
    pub associated_data: Option<String>,
    /// Correlator data as hex bytes (no `00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hexa_binary_associated_data: Option<String>,
    /// Private call: personal identity number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// Private call: secret code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_code: Option<String>,
    /// Business call: cost centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_code: Option<String>,
    /// External call: number presented to the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calling_number: Option<String>,
    /// External call: hide the identity (needs `callingNumber`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub secret_identity: Option<bool>,
    /// ACD call parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acd_call: Option<AcdCallParam>,
}

impl MakeCallRequest {
    /// A plain call from `device_id` to `callee`.
    pub fn new(device_id: impl Into<String>, callee: impl Into<String>) -> MakeCallRequest {
        MakeCallRequest {
            device_id: device_id.into(),
            callee: Some(callee.into()),
            ..MakeCallRequest::default()
        }
    }
}

/// `MakeBasicCallRequest` (L5352-5369), the body of `POST /telephony/basicCall`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MakeBasicCallRequest {
    /// The calling device.
    pub device_id: String,
    /// Called number.
    pub callee: String,
    /// Call the callee at once instead of ringing `deviceId` first.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub auto_answer: Option<bool>,
}

/// A body made of one `deviceId`: the shape of answer, hold, retrieve and alternate.
macro_rules! device_request {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// The device acting, one of the user's.
            pub device_id: String,
        }

        impl $name {
            /// The request for `device_id`.
            pub fn new(device_id: impl Into<String>) -> $name {
                $name { device_id: device_id.into() }
            }
        }
    };
}

device_request!(
    /// `AnswerRequest` (L4681-4686): `POST /telephony/calls/{callRef}/answer`.
    AnswerRequest
);
device_request!(
    /// `HoldRequest` (L5259-5264): `POST /telephony/calls/{callRef}/hold`.
    HoldRequest
);
device_request!(
    /// `RetrieveRequest` (L6268-6274): `POST /telephony/calls/{callRef}/retrieve`.
    RetrieveRequest
);
device_request!(
    /// `AlternateRequest` (L4675-4680): `POST /telephony/calls/{heldCallRef}/alternate`.
    AlternateRequest
);

/// `ReconnectRequest` (L6249-6255): `POST /telephony/calls/{heldCallRef}/reconnect` cancels
/// `enquiryCallRef` and re-activates the held call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReconnectRequest {
    /// The device acting.
    pub device_id: String,
    /// The enquiry call to cancel.
    pub enquiry_call_ref: String,
}

/// `TransferRequest` (L6470-6474): `POST /telephony/calls/{activeCallRef}/transfer`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRequest {
    /// The held call (AMBIG-30: no `deviceId`).
    pub held_call_ref: String,
}

/// `MergeRequest` (L5472-5476): `POST /telephony/calls/{activeCallRef}/merge`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeRequest {
    /// The held call (AMBIG-30: no `deviceId`).
    pub held_call_ref: String,
}

/// `BlindTransferRequest` (L4687-4693): `POST /telephony/calls/{callRef}/blindtransfer`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlindTransferRequest {
    /// Transfer destination.
    pub transfer_to: String,
    /// Secret identity.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub anonymous: Option<bool>,
}

/// `RedirectRequest` (L6261-6267): `POST /telephony/calls/{callRef}/redirect`
/// (`redirectTo` may be `VOICEMAIL`, L3517).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RedirectRequest {
    /// Redirection target.
    pub redirect_to: String,
    /// Secret identity.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub anonymous: Option<bool>,
}

/// `SendDtmfRequest` (L6303-6309): `POST /telephony/calls/{callRef}/sendDtmf`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendDtmfRequest {
    /// The device acting.
    pub device_id: String,
    /// DTMF codes.
    pub number: String,
}

/// `SendAccountInfoRequest` (L6275-6282): `POST .../sendaccountinfo` (CCD transaction code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendAccountInfoRequest {
    /// The device acting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// The transaction code (digits).
    pub account_info: String,
    /// agentdesk extension, not in the spec: the agent's after-call notes, saved with the
    /// call's history record by agentdesk's gateway; sent only when there are notes
    /// (docs/decisions.md, "After-call work").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `SendAssociatedDataRequest` (L6283-6302): `POST .../attachdata`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendAssociatedDataRequest {
    /// The device acting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// Correlator data, at most 32 bytes; `associateData` accepted (AMBIG-25).
    #[serde(
        default,
        alias = "associateData",
        skip_serializing_if = "Option::is_none"
    )]
    pub associated_data: Option<String>,
    /// Correlator data as hex bytes; ignored when `associatedData` is present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hexa_binary_associated_data: Option<String>,
}

/// `SwitchDeviceRequest` (L6311-6315): `POST .../deviceLegs/{legId}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchDeviceRequest {
    /// The device to switch to.
    pub other_device_id: String,
}

/// `ParkRequest` (L6081-6086); omit `parkTo` to park on the current device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParkRequest {
    /// Target device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub park_to: Option<String>,
}

/// `UnParkRequest` (L6484-6489).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnParkRequest {
    /// Device the call was parked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub un_park_from: Option<String>,
}

/// `PickupRequest` (L6176-6183): direct pickup with `otherPhoneNumber`, else group pickup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PickupRequest {
    /// Not used by the gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_call_ref: Option<String>,
    /// The ringing number to pick up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_phone_number: Option<String>,
    /// Not used by the gateway.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub auto_answer: Option<bool>,
}

/// `DSLogOnRequest` (L5251-5258): desk-sharing logon.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DsLogOnRequest {
    /// The DSS set number.
    pub dss_device_number: String,
}

/// `CallbackRequest` (L4856-4860): `POST /telephony/outgoingCallbacks`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackRequest {
    /// The party to be called back by.
    pub callee: String,
}

/// `MiniMessageRequest` (L5484-5489): `POST /telephony/miniMessages`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MiniMessageRequest {
    /// Recipient number.
    pub recipient: String,
    /// Text, at most 128 characters.
    pub message: String,
}

/// `PilotQueryParam` (L6184-6204): `POST /telephony/pilots/{nodeId}/{pilotNumber}/transferInfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PilotQueryParam {
    /// Agent number of the call profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_number: Option<String>,
    /// Skills of the call profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<AcrSkills>,
    /// Priority transfer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub priority_transfer: Option<bool>,
    /// Supervised transfer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub supervised_transfer: Option<bool>,
}

/// The `action` query parameter of `POST .../recording` (L3482), lower case on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordingAction {
    /// Start recording.
    Start,
    /// Stop recording.
    Stop,
    /// Pause recording.
    Pause,
    /// Resume recording.
    Resume,
}

impl RecordingAction {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordingAction::Start => "start",
            RecordingAction::Stop => "stop",
            RecordingAction::Pause => "pause",
            RecordingAction::Resume => "resume",
        }
    }
}
