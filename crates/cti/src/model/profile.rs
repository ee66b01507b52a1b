//! Who the agent is to the contact centre: name, devices, groups, and the reasons offered for
//! a pause or a withdrawal. Vendors name reasons differently (O2G: a 1-based index per group;
//! XuC: a pause reason; Finesse: a reason code), so a reason is an opaque id with a label.

use core::fmt;

/// A vendor's identifier of a pause or withdraw reason. Opaque: only the adapter that made it
/// reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReasonId(String);

impl ReasonId {
    /// Wraps the vendor's identifier.
    pub fn new(id: impl Into<String>) -> ReasonId {
        ReasonId(id.into())
    }

    /// The identifier as the vendor wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReasonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A reason the agent can give for a withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reason {
    /// The vendor's id.
    pub id: ReasonId,
    /// What the agent reads; the id when the vendor gave no label.
    pub label: String,
}

/// The agent's configuration, as the backend reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentProfile {
    /// The agent's display name, when the backend gives it.
    pub name: Option<String>,
    /// The device the agent logs on to by default (O2G: the fixed pro-ACD set).
    pub default_device: Option<String>,
    /// The groups (teams, queues) the agent may work in.
    pub groups: Vec<String>,
    /// The group to offer first.
    pub preferred_group: Option<String>,
    /// What the user is to the contact centre.
    pub role: Role,
}

/// What a user is to the contact centre: what the console may offer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Role {
    /// An agent: logs on, takes distributed calls.
    #[default]
    Agent,
    /// A supervisor: an agent who also watches a team.
    Supervisor,
    /// A user without a contact-centre role: calls only.
    User,
}

impl Role {
    /// Whether the user may log on to the contact centre.
    pub fn is_agent(self) -> bool {
        matches!(self, Role::Agent | Role::Supervisor)
    }
}

impl AgentProfile {
    /// The group to log on in when the agent has not chosen: the preferred one, else the first.
    pub fn default_group(&self) -> Option<&str> {
        self.preferred_group
            .as_deref()
            .or(self.groups.first().map(String::as_str))
            .filter(|group| !group.is_empty())
    }
}
