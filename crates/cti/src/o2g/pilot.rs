//! Call Center Management (`/acd/{nodeId}/pilots`, L13403-14340) and Call Center Pilot
//! monitoring (`/acd/pilotmonitoring/...`, L14341-14634): pilots and the `pilot` package
//! events, which carry no `loginName` (their selector ids are pilot numbers, L2103).

use serde::{Deserialize, Serialize};

use super::rti::ServiceState;
use super::telephony::{CallCause, PilotStatus, TrunkIdentification};
use crate::lenient::{opt_bool_or_string, opt_int_or_string};

/// `PilotRule` (L14263-14267). `ruleNumber` is a string here, an int in transitions
/// (AMBIG-83).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PilotRule {
    /// The rule's number.
    #[serde(default)]
    pub rule_number: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it is the current rule.
    #[serde(default, deserialize_with = "crate::lenient::bool_or_string")]
    pub active: bool,
}

/// `PilotRules` (L14268-14272).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PilotRules {
    /// The rules.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub rule_list: Vec<PilotRule>,
}

/// `Pilot` (L14172-14200). The examples write `"queueState": "s_Opened"` instead of
/// `state` and `detailedState` (AMBIG-81): the gateway writes all three, a client reads
/// `state` first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pilot {
    /// Its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ServiceState>,
    /// Its detailed state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detailed_state: Option<PilotStatus>,
    /// The state as the examples write it (`s_Opened`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_state: Option<String>,
    /// Expected waiting time of a call transferred to it, in s.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub waiting_time: Option<i32>,
    /// Its queue is saturated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub saturation: Option<bool>,
    /// Its rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<PilotRules>,
    /// A transfer to it is possible.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub possible_transfer: Option<bool>,
    /// A transfer to it is supervised.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub supervised_transfer: Option<bool>,
}

/// `Pilots` (L14273-14295).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pilots {
    /// The pilots of the node ("may be null if none").
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub pilot_list: Vec<Pilot>,
}

/// `CallDataPilot` (L14538-14557). `initialCalled` is a string here (AMBIG-45).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallDataPilot {
    /// The user first called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_called: Option<String>,
    /// An anonymous call.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub anonymous: Option<bool>,
    /// Associated (correlator) data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_data: Option<String>,
    /// The same, hexadecimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hexa_binary_associated_data: Option<String>,
    /// The trunk of an external call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trunk_identification: Option<TrunkIdentification>,
    /// Rerouted in the network.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub network_rerouted: Option<bool>,
}

/// `OnPilotCallCreated` (L14559-14585): a call arrives on a pilot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnPilotCallCreated {
    /// The pilot.
    #[serde(default)]
    pub pilot: String,
    /// The caller's number.
    #[serde(default)]
    pub caller: String,
    /// Global call reference.
    pub call_ref: String,
    /// Origin cause.
    #[serde(default = "unknown_cause")]
    pub cause: CallCause,
    /// Data of the call (since 2.7.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_data: Option<CallDataPilot>,
}

/// `OnPilotCallQueued` (L14587-14605): a call waits in the pilot's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnPilotCallQueued {
    /// The pilot.
    #[serde(default)]
    pub pilot: String,
    /// The caller's number.
    #[serde(default)]
    pub caller: String,
    /// The queue's number (distribution) or identifier (overflow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// Global call reference.
    pub call_ref: String,
    /// Queuing cause.
    #[serde(default = "unknown_cause")]
    pub cause: CallCause,
    /// Calls queued in the pilot's queue now.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub number_of_queued: Option<i32>,
}

/// `OnPilotCallRemoved` (L14607-14623): a call left the pilot (distributed, cancelled,
/// overflowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnPilotCallRemoved {
    /// The pilot.
    #[serde(default)]
    pub pilot: String,
    /// The device that released the call.
    #[serde(default)]
    pub releasing_device: String,
    /// Where the call went (the agent's device when distributed).
    #[serde(default)]
    pub new_destination: String,
    /// Global call reference.
    pub call_ref: String,
    /// Releasing cause.
    #[serde(default = "unknown_cause")]
    pub cause: CallCause,
}

fn unknown_cause() -> CallCause {
    CallCause::Unknown
}
