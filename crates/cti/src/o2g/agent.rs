//! Call Center Agent (`/acd/agent/...`, spec L12271-13402): configuration, state, request
//! bodies and the `agent` package events.

use serde::{Deserialize, Deserializer, Serialize};

use crate::lenient::{opt_bool_or_string, opt_int_or_string};

/// `AgentType` (L13234-13238).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentType {
    /// A plain agent.
    Agent,
    /// A supervisor.
    Supervisor,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `AgentMainState` (L13171-13177). The example writes `LOGGED_ON`/`LOGGED_OFF` (AMBIG-67):
/// both are read, the table values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentMainState {
    /// Logged on a pro-ACD device.
    #[serde(alias = "LOGGED_ON")]
    LogOn,
    /// Not logged.
    #[serde(alias = "LOGGED_OFF")]
    LogOff,
    /// Error.
    Error,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `AgentSubState` (L13219-13233). Values outside the table (the example's `IDLE`, AMBIG-67)
/// decode as [`AgentSubState::Unrecognized`] instead of failing the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentSubState {
    /// Ready.
    Ready,
    /// Logged on outside its pre-affected processing group.
    OutOfPg,
    /// Busy.
    Busy,
    /// Transaction code input.
    TransactionCodeInput,
    /// Wrap-up.
    Wrapup,
    /// Pause.
    Pause,
    /// Withdrawn.
    Withdraw,
    /// Wrap-up IM.
    WrapupIm,
    /// Wrap-up e-mail.
    WrapupEmail,
    /// Wrap-up e-mail, interruptible.
    WrapupEmailInterruptible,
    /// Wrap-up outbound.
    WrapupOutbound,
    /// Wrap-up callback.
    WrapupCallback,
    /// A value this client does not know (e.g. `IDLE`).
    #[serde(other)]
    Unrecognized,
}

/// `IntrusionMode` (L13271-13277). The example writes `"restricted"` (AMBIG-70): decoding is
/// case-insensitive, encoding is upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IntrusionMode {
    /// Talk to both agent and client.
    Normal,
    /// Talk to the agent only, listen to the client.
    Restricted,
    /// Listen only.
    Discrete,
    /// Stop the intrusion (since 2.7.3).
    Stop,
    /// A value this client does not know.
    Unrecognized,
}

impl<'de> Deserialize<'de> for IntrusionMode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.to_ascii_uppercase().as_str() {
            "NORMAL" => IntrusionMode::Normal,
            "RESTRICTED" => IntrusionMode::Restricted,
            "DISCRETE" => IntrusionMode::Discrete,
            "STOP" => IntrusionMode::Stop,
            _ => IntrusionMode::Unrecognized,
        })
    }
}

/// `AgentSkill` (L13178-13183).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentSkill {
    /// Skill number.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub number: Option<i32>,
    /// Skill level.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub level: Option<i32>,
    /// Active.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub active: Option<bool>,
}

/// `AgentSkills` (L13189-13199).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentSkills {
    /// The skills.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub skills: Vec<AgentSkill>,
}

/// `ProcessingGroups` (L13372-13376).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingGroups {
    /// Preferred group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred: Option<String>,
    /// All groups.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub groups: Vec<String>,
}

/// Reads an optional string where `""` means absent (AMBIG-69: `"proacd": ""` for a non-fixed
/// agent).
fn opt_non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

/// `AgentConfig` (L13140-13170), the body of `GET /acd/agent/config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentConfig {
    /// Agent or supervisor.
    #[serde(rename = "type")]
    pub agent_type: AgentType,
    /// The fixed pro-ACD device; `""` (a non-fixed agent) reads as absent (AMBIG-69).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_non_empty"
    )]
    pub proacd: Option<String>,
    /// Processing groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_groups: Option<ProcessingGroups>,
    /// Skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<AgentSkills>,
    /// May choose the processing group.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub self_assign: Option<bool>,
    /// Has a headset; `"true"` in the example (AMBIG-69).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub headset: Option<bool>,
    /// Supervisor help capability.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub help: Option<bool>,
    /// At least one multiline programmable key.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub multiline: Option<bool>,
}

/// `AgentState` (L13200-13217), the body of `GET /acd/agent/state` and of
/// `OnAgentStateChanged`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentState {
    /// Logged on or off.
    pub main_state: AgentMainState,
    /// State while logged on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_state: Option<AgentSubState>,
    /// The pro-ACD device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pro_acd_device_number: Option<String>,
    /// Processing group; the example writes `pgGroupNumber` (AMBIG-67).
    #[serde(
        default,
        alias = "pgGroupNumber",
        skip_serializing_if = "Option::is_none"
    )]
    pub pg_number: Option<String>,
    /// Withdraw reason index when withdrawn; string digits accepted (AMBIG-68).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub withdraw_reason: Option<i32>,
    /// The agent's initial state is withdrawn.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub withdrawn: Option<bool>,
}

impl AgentState {
    /// Whether the agent is logged on.
    pub fn is_logged_on(&self) -> bool {
        self.main_state == AgentMainState::LogOn
    }
}

/// `WithdrawReason` (L13384-13388).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawReason {
    /// Index 1..=9; `"1"` in the example (AMBIG-68).
    #[serde(deserialize_with = "crate::lenient::int_or_string")]
    pub index: i32,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// `WithdrawReasons` (L13389-13401), the body of `GET /acd/agent/withdrawReasons`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawReasons {
    /// Number of reasons 0..=9; `"5"` in the example (AMBIG-68); tolerated when missing.
    #[serde(default, deserialize_with = "crate::lenient::int_or_string")]
    pub number: i32,
    /// The reasons.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub reasons: Vec<WithdrawReason>,
}

/// agentdesk extension, not in the spec: the body of
/// `GET /acd/agent/transactionCodes?pgNumber=`, the CCD transaction codes of a processing
/// group with labels for people, and its wrap-up time. O2G has no resource listing them (a
/// real O2G answers 404: the console then offers no codes); docs/decisions.md,
/// "After-call work".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionCodes {
    /// The processing group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg_number: Option<String>,
    /// How long the automatic wrap-up after an ACD call lasts, in seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_int_or_string"
    )]
    pub wrap_up_time: Option<i32>,
    /// The codes, numeric as OXE's transaction codes are (L3629).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub transaction_codes: Vec<TransactionCode>,
}

/// One transaction code of [`TransactionCodes`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionCode {
    /// The code sent with `sendaccountinfo`.
    pub code: String,
    /// What the agent reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The path of [`TransactionCodes`] (agentdesk extension).
pub const TRANSACTION_CODES_PATH: &str = "/api/rest/1.0/acd/agent/transactionCodes";

/// `LoggOnAgentRequest` (L13297-13307), the body of `POST /acd/agent/logon` (spelling as the
/// spec's, AMBIG-73).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggOnAgentRequest {
    /// The physical device (or, for a logged supervisor entering a group, its own number).
    pub pro_acd_device_number: String,
    /// Processing group; may be omitted depending on configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg_group_number: Option<String>,
    /// Headset mode.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub headset: Option<bool>,
}

/// `PGRequest` (L13366-13371), the body of `enterPG` / `exitPG` (empty = logoff, AMBIG-77).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PgRequest {
    /// Processing group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg_group_number: Option<String>,
}

/// `WithdrawAgentRequest` (L13378-13383); the example sends `"1"` (AMBIG-68), we send `1`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawAgentRequest {
    /// One of the indexes of `GET /acd/agent/withdrawReasons`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub reason_index: Option<i32>,
}

/// `AgentSkillActivation` (L13184-13188): skill numbers to (de)activate. Encoded as the
/// table's object `{"skills":[..]}`; a bare list of numbers is read too (AMBIG-76).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentSkillActivation {
    /// Skill numbers.
    pub skills: Vec<i32>,
}

impl<'de> Deserialize<'de> for AgentSkillActivation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Table {
                #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
                skills: Vec<i32>,
            },
            Bare(Vec<i32>),
        }
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Table { skills } | Wire::Bare(skills) => AgentSkillActivation { skills },
        })
    }
}

/// `IntrusionRequest` (L13278-13296): `POST /acd/agent/intrusion` (supervisor).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntrusionRequest {
    /// The agent whose active call to intrude.
    pub agent_number: String,
    /// Mode; normal when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<IntrusionMode>,
}

/// `ChangeIntrusionModeRequest` (L13240-13269): `PUT /acd/agent/intrusion`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeIntrusionModeRequest {
    /// New mode; the current mode again (or `STOP`) drops the supervisor.
    pub mode: IntrusionMode,
}

/// `PermanentListeningRequest` (L13361-13365): `POST /acd/agent/permanentListening`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermanentListeningRequest {
    /// The agent to listen to.
    pub agent_number: String,
}

/// `OnAgentStateChanged` (L13326-13343).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnAgentStateChanged {
    /// The user receiving the event.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The new agent state.
    pub state: AgentState,
}

/// `OnAgentSkillChanged` (L13308-13324): the whole skill set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnAgentSkillChanged {
    /// The user receiving the event.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// All skills of the agent.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub skills: AgentSkills,
}

/// `OnSupervisorHelpRequested` (L13354-13360). On the agent's side `agentNumber` is the
/// supervisor's number; on the supervisor's side, the requesting agent's (AMBIG-72).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnSupervisorHelpRequested {
    /// The user receiving the event.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The other party of the help request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_number: Option<String>,
}

/// `OnSupervisorHelpCancelled` (L13345-13353): cancelled by the agent or rejected by the
/// supervisor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnSupervisorHelpCancelled {
    /// The user receiving the event.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The other party of the help request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_number: Option<String>,
}

/// `GET /acd/agent/config`.
pub const CONFIG_PATH: &str = "/api/rest/1.0/acd/agent/config";
/// `POST /acd/agent/logon` with a [`LoggOnAgentRequest`].
pub const LOGON_PATH: &str = "/api/rest/1.0/acd/agent/logon";
/// `POST /acd/agent/logoff`.
pub const LOGOFF_PATH: &str = "/api/rest/1.0/acd/agent/logoff";
/// `POST /acd/agent/ready`.
pub const READY_PATH: &str = "/api/rest/1.0/acd/agent/ready";
/// `POST /acd/agent/pause`.
pub const PAUSE_PATH: &str = "/api/rest/1.0/acd/agent/pause";
/// `POST /acd/agent/wrapUp`.
pub const WRAP_UP_PATH: &str = "/api/rest/1.0/acd/agent/wrapUp";
/// `POST /acd/agent/withdraw` with a [`WithdrawAgentRequest`].
pub const WITHDRAW_PATH: &str = "/api/rest/1.0/acd/agent/withdraw";
/// `GET /acd/agent/withdrawReasons?pgNumber=`.
pub const WITHDRAW_REASONS_PATH: &str = "/api/rest/1.0/acd/agent/withdrawReasons";
/// `GET /acd/agent/state`.
pub const STATE_PATH: &str = "/api/rest/1.0/acd/agent/state";
/// `POST /acd/agent/state/snapshot`: asks for an `OnAgentStateChanged`.
pub const STATE_SNAPSHOT_PATH: &str = "/api/rest/1.0/acd/agent/state/snapshot";
/// `POST` (ask) / `DELETE ?other=` (cancel or reject) supervisor help.
pub const SUPERVISOR_HELP_PATH: &str = "/api/rest/1.0/acd/agent/supervisorHelp";
