//! Configuration messages: the agent's configuration and queue memberships, the agent and
//! group lists, and the queue member event of `setAgentQueue`/`removeAgentFromQueue`.

use serde::{Deserialize, Serialize};

use super::agent::AgentSummary;
use super::wire::Id;

/// One queue membership of `AgentConfig.member` (snake case, as the spec writes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueMembership {
    /// The queue's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    /// The queue.
    pub queue_id: Id,
    /// The member's interface, e.g. `Agent/2501`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    /// The penalty: calls go to the lowest penalty first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<i64>,
    /// Commented out (`1`) or not (`0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commented: Option<i64>,
    /// `Agent` or `User`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usertype: Option<String>,
    /// The member's user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userid: Option<Id>,
    /// The channel kind, e.g. `Agent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// `Queue` or `Group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The position in the queue's member list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
}

/// The payload of `AgentConfig` (spec "Agent Configuration"): sent when the agent's
/// configuration changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentConfig {
    /// The agent.
    #[serde(alias = "agentId")]
    pub id: Id,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// The agent number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The queue memberships and their penalties.
    #[serde(default)]
    pub member: Vec<QueueMembership>,
    /// The agent's group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numgroup: Option<Id>,
    /// The user the agent belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userid: Option<Id>,
}

impl AgentConfig {
    /// "First Last", or whichever is known.
    pub fn full_name(&self) -> Option<String> {
        let parts: Vec<&str> = [self.firstname.as_deref(), self.lastname.as_deref()]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// One entry of `AgentList` (answer to `getList` of `agent`).
pub type AgentListEntry = AgentSummary;

/// One entry of `AgentGroupList` (answer to `getList` of `agentgroup`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentGroup {
    /// The group.
    pub id: Id,
    /// Its name.
    pub name: String,
}

/// The payload of `QueueMember`: a membership was set (`penalty` ≥ 0) or removed
/// (`penalty` −1), after `setAgentQueue` or `removeAgentFromQueue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueMember {
    /// The agent.
    #[serde(alias = "agentid")]
    pub agent_id: Id,
    /// The queue.
    pub queue_id: Id,
    /// The penalty; −1 when the agent left the queue.
    pub penalty: i64,
}

impl QueueMember {
    /// The penalty the spec uses for "removed from the queue".
    pub const REMOVED: i64 = -1;

    /// Whether the agent left the queue.
    pub fn is_removal(&self) -> bool {
        self.penalty < 0
    }
}
