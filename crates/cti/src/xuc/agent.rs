//! Agent messages (spec "Agent Events"): the state event, errors, listening, statistics and
//! the agent directory.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::{wire_enum, Id};

wire_enum! {
    /// `name` of an `AgentStateEvent` (spec "State Event").
    AgentStateName {
        /// Deprecated: agents now go from `AgentLoggedOut` straight to `AgentReady`.
        AgentLogin = "AgentLogin",
        /// Ready.
        AgentReady = "AgentReady",
        /// On pause, with a `cause`.
        AgentOnPause = "AgentOnPause",
        /// Wrapping up.
        AgentOnWrapup = "AgentOnWrapup",
        /// A call rings for the agent.
        AgentRinging = "AgentRinging",
        /// The agent dials.
        AgentDialing = "AgentDialing",
        /// On a call, with `acd`, `direction`, `callType`, `monitorState`.
        AgentOnCall = "AgentOnCall",
        /// Logged out.
        AgentLoggedOut = "AgentLoggedOut",
    }
}

wire_enum! {
    /// `direction` of `AgentOnCall`.
    CallDirection {
        /// The far end called.
        Incoming = "Incoming",
        /// The agent called.
        Outgoing = "Outgoing",
    }
}

wire_enum! {
    /// `callType` of `AgentOnCall`.
    CallType {
        /// With the outside.
        External = "External",
        /// Between users.
        Internal = "Internal",
    }
}

wire_enum! {
    /// `monitorState` of `AgentOnCall`: the recording of the call (the official client offers
    /// `monitorPause` when `ACTIVE`, `monitorUnpause` when `PAUSED`).
    MonitorState {
        /// Recorded.
        Active = "ACTIVE",
        /// Recording paused.
        Paused = "PAUSED",
        /// Not recorded.
        Disabled = "DISABLED",
    }
}

/// The payload of `AgentStateEvent` (spec "State Event"): one agent's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentState {
    /// The state.
    pub name: AgentStateName,
    /// The agent (read as `agentId` or `agentid`).
    #[serde(alias = "agentid")]
    pub agent_id: Id,
    /// The line the agent is logged on (empty when logged out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_nb: Option<String>,
    /// Seconds in the state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i64>,
    /// The queues the agent is a member of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queues: Option<Vec<Id>>,
    /// `AgentOnPause`: the pause reason; `AgentReady`: the ready status (`available`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// `AgentOnCall`: whether the call came through a queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acd: Option<bool>,
    /// `AgentOnCall`: who called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<CallDirection>,
    /// `AgentOnCall`: internal or external.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<CallType>,
    /// `AgentOnCall`: the recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_state: Option<MonitorState>,
}

wire_enum! {
    /// `Error` of an `AgentError` (spec "Login and Authentication").
    AgentErrorKind {
        /// The line asked for does not exist.
        PhoneNumberUnknown = "PhoneNumberUnknown",
        /// The agent is logged on another line (`phoneNb`), not the one asked (`RequestedNb`).
        LoggedInOnAnotherPhone = "LoggedInOnAnotherPhone",
    }
}

/// The payload of `AgentError`, e.g. `{"Error":"PhoneNumberUnknown"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentError {
    /// What went wrong.
    #[serde(rename = "Error")]
    pub error: AgentErrorKind,
    /// `LoggedInOnAnotherPhone`: where the agent stays logged.
    #[serde(rename = "phoneNb", default, skip_serializing_if = "Option::is_none")]
    pub phone_nb: Option<String>,
    /// `LoggedInOnAnotherPhone`: the line that was asked for.
    #[serde(
        rename = "RequestedNb",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub requested_nb: Option<String>,
}

impl AgentError {
    /// What to tell the agent.
    pub fn describe(&self) -> String {
        match (&self.error, &self.phone_nb, &self.requested_nb) {
            (AgentErrorKind::PhoneNumberUnknown, _, _) => "unknown phone number".to_owned(),
            (AgentErrorKind::LoggedInOnAnotherPhone, Some(on), Some(asked)) => {
                format!("logged in on another phone ({on}), not {asked}")
            }
            (error, _, _) => error.as_str().to_owned(),
        }
    }
}

/// The payload of `AgentListen`: a supervisor started or stopped listening to the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentListen {
    /// Started (`true`) or stopped.
    pub started: bool,
    /// The agent's line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The agent.
    #[serde(alias = "agentid")]
    pub agent_id: Id,
}

/// One statistic of `AgentStatistics`: a number of seconds, or a date for
/// `LoginDateTime`/`LogoutDateTime`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistic {
    /// `AgentPausedTotalTime`, `AgentWrapupTotalTime`, `AgentReadyTotalTime`,
    /// `LoginDateTime`, `LogoutDateTime`, ...
    pub name: String,
    /// The value, as sent.
    pub value: Value,
}

impl Statistic {
    /// The value as a number of seconds, when it is one.
    pub fn seconds(&self) -> Option<i64> {
        self.value.as_i64()
    }
}

/// The payload of `AgentStatistics`: one agent's statistics (all of them on subscription,
/// the changed ones after).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentStatistics {
    /// The agent.
    #[serde(alias = "agentId")]
    pub id: Id,
    /// The statistics.
    #[serde(default)]
    pub statistics: Vec<Statistic>,
}

/// An agent of the directory, as `AgentList` and `AgentDirectory` describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentSummary {
    /// The agent.
    pub id: Id,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The agent number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The agent's group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Id>,
}

/// One entry of `AgentDirectory`: an agent and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryEntry {
    /// The agent.
    pub agent: AgentSummary,
    /// Its state.
    pub agent_state: AgentState,
}

/// The payload of `AgentDirectory` (answer to `getAgentDirectory`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentDirectory {
    /// Every agent the user may see.
    #[serde(default)]
    pub directory: Vec<DirectoryEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deprecated_login_state_and_both_id_spellings_decode() {
        let state: AgentState = serde_json::from_str(
            r#"{"name":"AgentLogin","agentid":"19","phoneNb":"1000","since":1,"queues":[8]}"#,
        )
        .expect("decodes");
        assert_eq!(state.name, AgentStateName::AgentLogin);
        assert_eq!(state.agent_id, Id(19));
        let unknown: AgentState =
            serde_json::from_str(r#"{"name":"AgentOnBreak","agentId":19}"#).expect("decodes");
        assert_eq!(unknown.name, AgentStateName::Other("AgentOnBreak".into()));
        assert_eq!(
            serde_json::to_string(&unknown).expect("encodes"),
            r#"{"name":"AgentOnBreak","agentId":19}"#
        );
    }

    #[test]
    fn agent_errors_say_what_happened() {
        let error: AgentError = serde_json::from_str(
            r#"{"Error":"LoggedInOnAnotherPhone","phoneNb":"1002","RequestedNb":"1001"}"#,
        )
        .expect("decodes");
        assert_eq!(
            error.describe(),
            "logged in on another phone (1002), not 1001"
        );
    }
}
