//! Payloads of the `telephony` package events (spec L5490-6073).
//!
//! The `eventName` tag lives in [`crate::o2g::event::Event`], not here. `loginName` is `[1]` in
//! every table; a missing one decodes as an empty string rather than failing the event.

use serde::{Deserialize, Serialize};

use super::call::{CallData, Leg, Participant, TelephonicState};
use super::state::{CallCause, DeviceCapabilities, DeviceState, HuntingGroupStatus, UserState};

/// `OnCallCreated` (L5490-5644): a new call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnCallCreated {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Call reference.
    pub call_ref: String,
    /// Cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CallCause>,
    /// Call data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_data: Option<CallData>,
    /// The initiating participant's `participantId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
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
    /// Device capabilities; absent means unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_capabilities: Option<Vec<DeviceCapabilities>>,
}

/// `OnCallModified` (L5646-5861): a delta on an existing call. Every list is optional and an
/// absent list means "no change", so consumers merge rather than replace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnCallModified {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Call reference.
    pub call_ref: String,
    /// Cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CallCause>,
    /// `callRef` replaces this call, which is gone without an `OnCallRemoved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_call_ref: Option<String>,
    /// On release: `callRef` is replaced by this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by_call_ref: Option<String>,
    /// Changed call data; absent means unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_data: Option<CallData>,
    /// Legs modified.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub modified_legs: Vec<Leg>,
    /// Legs added.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub added_legs: Vec<Leg>,
    /// Legs removed.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub removed_legs: Vec<Leg>,
    /// Participants modified.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub modified_participants: Vec<Participant>,
    /// Participants added.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub added_participants: Vec<Participant>,
    /// `participantId`s removed.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub removed_participant_ids: Vec<String>,
    /// Device capabilities; absent means unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_capabilities: Option<Vec<DeviceCapabilities>>,
}

/// `OnCallRemoved` (L5863-5887).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnCallRemoved {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Call reference.
    pub call_ref: String,
    /// Cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CallCause>,
    /// Forward/redirect destination, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_destination: Option<String>,
    /// Device capabilities; absent means unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_capabilities: Option<Vec<DeviceCapabilities>>,
}

/// `OnDeviceStateModified` (L5889-5903).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnDeviceStateModified {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The devices whose state changed (`[1..*]`; an empty list is tolerated).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub device_states: Vec<DeviceState>,
}

/// `OnDynamicStateChanged` (L5904-5910): the hunting-group logon state (AMBIG-38).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnDynamicStateChanged {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Hunting group state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hunting_group_state: Option<HuntingGroupStatus>,
}

/// `OnTelephonyState` (L5911-6061): the answer to `POST /telephony/state/snapshot`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnTelephonyState {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TelephonicState>,
}

/// `OnUserStateModified` (L6063-6073).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnUserStateModified {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// New user state.
    pub state: UserState,
}
