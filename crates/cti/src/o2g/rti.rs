//! Call Center Real Time (`/acd/rti/...`, L14635-15665): the RTI identifiers, the context
//! (what a supervisor watches) and the five `rti` package events.
//!
//! Events carry only the attributes changed since the previous one (L14652), so every field
//! but the identity is optional; `name`, `number` and `type`, declared `[1]`, are always
//! written and tolerated when missing (AMBIG-86). Enum values are written verbatim, mixed
//! case included (`Opened`, `unknown`, AMBIG-79); a value a newer gateway adds reads as
//! `Unrecognized`. Counters are ints, also read from digit strings.

use serde::{Deserialize, Serialize};

use crate::lenient::opt_int_or_string;

/// `ServiceState` (L15658-15664), of pilots, queues and processing groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceState {
    /// Closed.
    Closed,
    /// Open.
    Opened,
    /// Blocked.
    Blocked,
    /// Unknown.
    #[serde(rename = "unknown")]
    Unknown,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `E_AgentServiceState` (L15209-15216).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentServiceState {
    /// Logged out.
    LoggedOut,
    /// Logged in, in no processing group.
    LoggedIn,
    /// Logged in and assigned to a processing group.
    Assigned,
    /// Withdrawn.
    Withdrawn,
    /// Unknown.
    #[serde(rename = "unknown")]
    Unknown,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `E_AgentPhoneState` (L15175-15208).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum AgentPhoneState {
    Idle,
    LineLockout,
    OutOfOrder,
    AcdRinging,
    AcdConversation,
    AcdConsultation,
    Help,
    AcdConference,
    TransactionOnDial,
    Pause,
    WrapUp,
    SupervisorDiscreteListening,
    AgentDiscreteListening,
    Recording,
    LoggedOut,
    Held,
    Dialing,
    PrivateRinging,
    PrivateLocalConversation,
    PrivateExternalConversation,
    PrivateConsultation,
    PrivateConference,
    BusyTone,
    Reserved,
    AcdOutgoingConversation,
    ContinuousSupervision,
    Unavailable,
    /// Unknown.
    #[serde(rename = "unknown")]
    Unknown,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `AgentType` of the RTI (L15217): a person or an IVR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RtiAgentType {
    /// A person.
    Normal,
    /// An IVR.
    #[serde(rename = "IVR")]
    Ivr,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `PGAgentType` (L15455-15461).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PgAgentType {
    /// Agents.
    Agent,
    /// An IVR.
    #[serde(rename = "IVR")]
    Ivr,
    /// A queued IVR.
    #[serde(rename = "QueuedIVR")]
    QueuedIvr,
    /// Unknown.
    #[serde(rename = "unknown")]
    Unknown,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `PGOtherTypeDTO` (L15470-15476).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PgOtherType {
    /// Mutual aid.
    MutualAid,
    /// Forward.
    Forward,
    /// Guide.
    Guide,
    /// Remote.
    Remote,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `QueueType` (L15510-15519).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QueueType {
    /// A plain waiting queue.
    Normal,
    /// Mutual aid.
    MutualAid,
    /// Dissuasion.
    Dissuasion,
    /// Virtual.
    Virtual,
    /// Waiting room.
    WaitingRoom,
    /// Virtual waiting room.
    VirtualWaitingRoom,
    /// Unknown.
    #[serde(rename = "unknown")]
    Unknown,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `RtiObjectIdentifier` (L15616-15621).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtiObjectIdentifier {
    /// Its number.
    #[serde(default)]
    pub number: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// First name (agents only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
}

/// `RtiIdentifiers` (L15587-15614): the objects a supervisor may watch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtiIdentifiers {
    /// Agents.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub agents: Vec<RtiObjectIdentifier>,
    /// Pilots.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub pilots: Vec<RtiObjectIdentifier>,
    /// Waiting queues.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub queues: Vec<RtiObjectIdentifier>,
    /// Agent processing groups.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub pg_agents: Vec<RtiObjectIdentifier>,
    /// Other processing groups.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub pg_others: Vec<RtiObjectIdentifier>,
}

/// One object filter of an `RtiFilter` (L15564-15586): numbers (or `*`) and attributes (or
/// `ALL`). Attribute names are kept as written and compared case-insensitively (the
/// example writes `nbOfRefusedACDCalls`, the table `NbOfRefusedACDCalls`, AMBIG-85).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtiObjectFilter {
    /// Object numbers, or `["*"]`.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub numbers: Vec<String>,
    /// Attribute names, or `["ALL"]`.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub attributes: Vec<String>,
}

impl RtiObjectFilter {
    /// Whether object `number` is selected.
    pub fn selects(&self, number: &str) -> bool {
        self.numbers.iter().any(|n| n == "*" || n == number)
    }

    /// Whether attribute `name` (an attribute enum value, e.g. `NbOfWaitingCalls`) is
    /// selected.
    pub fn wants(&self, name: &str) -> bool {
        self.attributes
            .iter()
            .any(|a| a.eq_ignore_ascii_case("ALL") || a.eq_ignore_ascii_case(name))
    }
}

/// `RtiFilter` (L15520-15528).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtiFilter {
    /// Agents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_filter: Option<RtiObjectFilter>,
    /// Pilots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilot_filter: Option<RtiObjectFilter>,
    /// Queues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_filter: Option<RtiObjectFilter>,
    /// Agent processing groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg_agent_filter: Option<RtiObjectFilter>,
    /// Other processing groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg_other_filter: Option<RtiObjectFilter>,
}

/// `RtiContext` (L15529-15563).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtiContext {
    /// Whether the context is active (read only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub active: Option<bool>,
    /// Observation period, in minutes (15..=60).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub obs_period: Option<i32>,
    /// Notification frequency of the pilot quality attributes, in s (at least 5).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub notif_frequency: Option<i32>,
    /// What is watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<RtiFilter>,
}

/// `OnAgentRtiChanged` (L15218-15272): an agent's attributes that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnAgentRtiChanged {
    /// Agent name (L15223).
    #[serde(rename = "name")]
    #[serde(default)]
    pub name: String,
    /// Agent first name.
    #[serde(rename = "firstName")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Agent phone number (L15225).
    #[serde(rename = "number")]
    #[serde(default)]
    pub number: String,
    /// `Normal` or `IVR`; `[1]`, tolerated when missing (AMBIG-86).
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RtiAgentType>,
    /// Log-on date (ISO 8601) or `NS`.
    #[serde(rename = "logonDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logon_date: Option<String>,
    /// Service state.
    #[serde(rename = "serviceState")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_state: Option<AgentServiceState>,
    /// Phone state.
    #[serde(rename = "phoneState")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_state: Option<AgentPhoneState>,
    /// Name of the pilot.
    #[serde(rename = "pilotName")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilot_name: Option<String>,
    /// Queue name.
    #[serde(rename = "queueName")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    /// Withdrawals since log-on.
    #[serde(rename = "nbOfWithdrawals")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_withdrawals: Option<i32>,
    /// Entry in the current service state (dateTime).
    #[serde(rename = "serviceStateDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_state_date: Option<String>,
    /// Entry in conversation (ISO 8601) or `NS`.
    #[serde(rename = "comDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub com_date: Option<String>,
    /// Time withdrawn, in s.
    #[serde(rename = "withdrawalsTotalDuration")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub withdrawals_total_duration: Option<i32>,
    /// Private calls answered since log-on.
    #[serde(rename = "nbOfPrivateCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_private_calls: Option<i32>,
    /// Time in private calls, in s.
    #[serde(rename = "privateCallsTotalDuration")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub private_calls_total_duration: Option<i32>,
    /// ACD calls served since log-on.
    #[serde(rename = "nbOfServedACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_served_acd_calls: Option<i32>,
    /// Outgoing ACD calls answered since log-on.
    #[serde(rename = "nbOfOutgoingACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_outgoing_acd_calls: Option<i32>,
    /// ACD calls refused since log-on.
    #[serde(rename = "nbOfRefusedACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_refused_acd_calls: Option<i32>,
    /// ACD calls intercepted since log-on.
    #[serde(rename = "nbOfInterceptedACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_intercepted_acd_calls: Option<i32>,
    /// ACD calls transferred since log-on (sic).
    #[serde(rename = "nbOfTransferedACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_transfered_acd_calls: Option<i32>,
    /// The processing group the agent is in now.
    #[serde(rename = "currentPG")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_pg: Option<String>,
    /// The associated phone set.
    #[serde(rename = "associatedSet")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_set: Option<String>,
    /// Withdraw reason (number).
    #[serde(rename = "withdrawReason")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub withdraw_reason: Option<i32>,
}

/// `OnPGAgentRtiChanged` (L15273-15334): an agent processing group's attributes that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnPGAgentRtiChanged {
    /// Name.
    #[serde(rename = "name")]
    #[serde(default)]
    pub name: String,
    /// Number.
    #[serde(rename = "number")]
    #[serde(default)]
    pub number: String,
    /// `Agent`, `IVR`, `QueuedIVR`; `[1]`, tolerated when missing.
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PgAgentType>,
    /// Service state.
    #[serde(rename = "state")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ServiceState>,
    /// Withdrawn agents (sic, L15282).
    #[serde(rename = "nbOfWidthdrawnAgents")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_widthdrawn_agents: Option<i32>,
    /// Agents in a private call.
    #[serde(rename = "nbOfAgentsInPrivateCall")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_private_call: Option<i32>,
    /// Agents in an ACD call.
    #[serde(rename = "nbOfAgentsInACDCall")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_acd_call: Option<i32>,
    /// Agents with an ACD call ringing.
    #[serde(rename = "nbOfAgentsInACDRinging")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_acd_ringing: Option<i32>,
    /// Agents in ACD conversation.
    #[serde(rename = "nbOfAgentsInACDConv")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_acd_conv: Option<i32>,
    /// Agents in wrap-up or transaction.
    #[serde(rename = "nbOfAgentsInWrapupAndTransaction")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_wrapup_and_transaction: Option<i32>,
    /// Agents in pause.
    #[serde(rename = "nbOfAgentsInPause")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_pause: Option<i32>,
    /// Agents busy (ACD or private call).
    #[serde(rename = "nbOfBusyAgents")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_busy_agents: Option<i32>,
    /// Agents logged on.
    #[serde(rename = "nbOfLoggedOnAgents")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_logged_on_agents: Option<i32>,
    /// Free agents (withdrawn or not).
    #[serde(rename = "nbOfFreeAgents")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_free_agents: Option<i32>,
    /// Free agents, withdrawn excluded.
    #[serde(rename = "nbOfIdleAgents")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_idle_agents: Option<i32>,
    /// Agents logged on, withdrawn and free excluded.
    #[serde(rename = "nbOfLoggedOnAndNotWithdrawnAgents")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_logged_on_and_not_withdrawn_agents: Option<i32>,
    /// Incoming calls in the last minute.
    #[serde(rename = "incomingTraffic")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub incoming_traffic: Option<i32>,
    /// Service level over the pilots serving the group.
    #[serde(rename = "consolidatedPilotsServiceLevel")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub consolidated_pilots_service_level: Option<i32>,
    /// Efficiency over the pilots serving the group.
    #[serde(rename = "consolidatedPilotsEfficiency")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub consolidated_pilots_efficiency: Option<i32>,
    /// Current waiting time of the queues serving the group.
    #[serde(rename = "consolidatedQueuesWaitingTime")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub consolidated_queues_waiting_time: Option<i32>,
    /// Calls waiting in the queues serving the group.
    #[serde(rename = "consolidatedQueuesNbOfWaitingCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub consolidated_queues_nb_of_waiting_calls: Option<i32>,
    /// Expected waiting time of the queues serving the group.
    #[serde(rename = "consolidatedQueuesEWT")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub consolidated_queues_ewt: Option<i32>,
    /// Worst pilot service level.
    #[serde(rename = "pilotsWorstServiceLevel")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub pilots_worst_service_level: Option<i32>,
    /// Worst pilot efficiency.
    #[serde(rename = "pilotsWorstEfficiency")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub pilots_worst_efficiency: Option<i32>,
    /// Best pilot service level.
    #[serde(rename = "pilotsBestServiceLevel")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub pilots_best_service_level: Option<i32>,
    /// Best pilot efficiency.
    #[serde(rename = "pilotsBestEfficiency")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub pilots_best_efficiency: Option<i32>,
    /// Longest current waiting time of the queues (sic, L15304).
    #[serde(rename = "queuesLonguestWaitingTime")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub queues_longuest_waiting_time: Option<i32>,
}

/// `OnPGOtherRtiChanged` (L15335-15354): another processing group's attributes that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnPGOtherRtiChanged {
    /// Name of the processing group.
    #[serde(rename = "name")]
    #[serde(default)]
    pub name: String,
    /// Number.
    #[serde(rename = "number")]
    #[serde(default)]
    pub number: String,
    /// `MutualAid`, `Forward`, `Guide`, `Remote`; `[1]`, tolerated when missing.
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PgOtherType>,
    /// Service state.
    #[serde(rename = "state")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ServiceState>,
    /// ACD calls.
    #[serde(rename = "nbOfACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_acd_calls: Option<i32>,
    /// Incoming calls in the last minute.
    #[serde(rename = "incomingTraffic")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub incoming_traffic: Option<i32>,
}

/// `OnPilotRtiChanged` (L15355-15399): a pilot's attributes that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnPilotRtiChanged {
    /// Name.
    #[serde(rename = "name")]
    #[serde(default)]
    pub name: String,
    /// Number.
    #[serde(rename = "number")]
    #[serde(default)]
    pub number: String,
    /// State.
    #[serde(rename = "state")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ServiceState>,
    /// Calls in progress.
    #[serde(rename = "nbOfRunningCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_running_calls: Option<i32>,
    /// Service level.
    #[serde(rename = "serviceLevel")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub service_level: Option<i32>,
    /// Efficiency.
    #[serde(rename = "efficiency")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub efficiency: Option<i32>,
    /// Calls waiting.
    #[serde(rename = "nbOfWaitingCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_waiting_calls: Option<i32>,
    /// ACD calls ringing.
    #[serde(rename = "nbOfRingingACDCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_ringing_acd_calls: Option<i32>,
    /// Calls rerouted for mutual aid.
    #[serde(rename = "nbOfMutualAidCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_mutual_aid_calls: Option<i32>,
    /// Dissuaded calls.
    #[serde(rename = "nbOfDissuadedCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_dissuaded_calls: Option<i32>,
    /// Calls in conversation.
    #[serde(rename = "nbOfCallsInConversation")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_calls_in_conversation: Option<i32>,
    /// Calls in general forwarding.
    #[serde(rename = "nbOfCallsInGeneralForwarding")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_calls_in_general_forwarding: Option<i32>,
    /// Calls in a remote processing group.
    #[serde(rename = "nbOfCallsInRemotePG")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_calls_in_remote_pg: Option<i32>,
    /// Incoming calls within the minute.
    #[serde(rename = "incomingTraffic")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub incoming_traffic: Option<i32>,
    /// Average waiting time before answer.
    #[serde(rename = "averageWaitingTime")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub average_waiting_time: Option<i32>,
    /// Worst service level of a super pilot's pilots.
    #[serde(rename = "worstServiceLevelInList")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub worst_service_level_in_list: Option<i32>,
    /// Worst efficiency of a super pilot's pilots.
    #[serde(rename = "worstEfficiencyInList")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub worst_efficiency_in_list: Option<i32>,
    /// Best service level of a super pilot's pilots.
    #[serde(rename = "bestServiceLevelInList")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub best_service_level_in_list: Option<i32>,
    /// Best efficiency of a super pilot's pilots.
    #[serde(rename = "bestEfficiencyInList")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub best_efficiency_in_list: Option<i32>,
}

/// `OnQueueRtiChanged` (L15400-15430): a queue's attributes that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnQueueRtiChanged {
    /// Name.
    #[serde(rename = "name")]
    #[serde(default)]
    pub name: String,
    /// Number.
    #[serde(rename = "number")]
    #[serde(default)]
    pub number: String,
    /// Queue type; `[1]`, tolerated when missing.
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<QueueType>,
    /// Service state.
    #[serde(rename = "state")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ServiceState>,
    /// Agents in the distribution of the queue.
    #[serde(rename = "nbOfAgentsInDistribution")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_agents_in_distribution: Option<i32>,
    /// Incoming calls within the minute.
    #[serde(rename = "incomingTraffic")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub incoming_traffic: Option<i32>,
    /// Outgoing calls within the minute.
    #[serde(rename = "outgoingTraffic")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub outgoing_traffic: Option<i32>,
    /// Calls waiting.
    #[serde(rename = "nbOfWaitingCalls")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub nb_of_waiting_calls: Option<i32>,
    /// Current waiting time.
    #[serde(rename = "currentWaitingTime")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub current_waiting_time: Option<i32>,
    /// Filling rate.
    #[serde(rename = "fillingRate")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub filling_rate: Option<i32>,
    /// Expected waiting time.
    #[serde(rename = "expectedWaitingTime")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub expected_waiting_time: Option<i32>,
    /// Longest time among the queues of a super waiting queue.
    #[serde(rename = "longestWaitingTimeInList")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub longest_waiting_time_in_list: Option<i32>,
}
