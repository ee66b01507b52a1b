//! Call-level and leg-level capabilities (spec L4885-4938, L5308-5320): what the widget may
//! offer right now. Every flag is `[0..1]`; absent means "not offered".

use serde::{Deserialize, Serialize};

use crate::lenient::opt_bool_or_string;

/// `CallCapabilities` (L4885-4938): call-level actions available now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallCapabilities {
    /// Add a participant or a user's device.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub add_device: Option<bool>,
    /// Add a participant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub add_participant: Option<bool>,
    /// Can be intruded by another user.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub intruded: Option<bool>,
    /// Can intrude on the called user.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub intrusion: Option<bool>,
    /// Transfer with another call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub transfer: Option<bool>,
    /// Blind transfer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub blind_transfer: Option<bool>,
    /// Merge with another call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub merge: Option<bool>,
    /// Redirect.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub redirect: Option<bool>,
    /// Can be picked up by another user.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub picked_up: Option<bool>,
    /// Redirect to voicemail.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub redirect_to_voice_mail: Option<bool>,
    /// Redirect to the DVA.
    #[serde(
        default,
        rename = "redirectToDVA",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub redirect_to_dva: Option<bool>,
    /// Overflow to the called user's voicemail.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub overflow_to_voice_mail: Option<bool>,
    /// Leave the call (`dropme`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub drop_me: Option<bool>,
    /// Terminate the call for every user (`DELETE`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub terminate: Option<bool>,
    /// Reject.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub reject: Option<bool>,
    /// Call back.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub call_back: Option<bool>,
    /// Park.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub park: Option<bool>,
    /// Start recording.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub start_record: Option<bool>,
    /// Stop recording.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub stop_record: Option<bool>,
    /// Pause recording.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub pause_record: Option<bool>,
    /// Resume recording.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub resume_record: Option<bool>,
    /// Drop a participant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub drop_participant: Option<bool>,
    /// Mute/unmute a participant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub mute_participant: Option<bool>,
    /// Hold/retrieve a participant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub hold_participant: Option<bool>,
}

/// `LegCapabilities` (L5308-5320): device-level actions available now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegCapabilities {
    /// Answer a ringing call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub answer: Option<bool>,
    /// Drop this device from the call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub drop: Option<bool>,
    /// Hold.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub hold: Option<bool>,
    /// Retrieve a held call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub retrieve: Option<bool>,
    /// Retrieve a held call and release the active one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub reconnect: Option<bool>,
    /// Mute.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub mute: Option<bool>,
    /// Unmute.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub un_mute: Option<bool>,
    /// Send DTMF.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub send_dtmf: Option<bool>,
    /// Switch to another device.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub switch_device: Option<bool>,
}
