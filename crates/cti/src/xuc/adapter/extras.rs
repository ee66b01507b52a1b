//! What XuC shows that the neutral desk has no place for yet: the rights profile, queue
//! memberships and penalties, the agent and group lists, statistics, supervisor listening,
//! callback lists and the last screen pop. The adapter keeps it here; the widget reads it
//! through [`crate::xuc::XucAdapter::extras`] until the neutral model grows room for it
//! (`docs/decisions.md`, "XuC (issue 12)").

use std::collections::BTreeMap;

use serde_json::Value;

use crate::xuc::agent::{AgentStatistics, AgentSummary};
use crate::xuc::auth::RightProfile;
use crate::xuc::callback::{CallbackList, CallbackRequest, PreferredPeriod};
use crate::xuc::config::{AgentConfig, AgentGroup, QueueMember};
use crate::xuc::sheet::Sheet;
use crate::xuc::wire::{Id, Nullable, OneOrMany};

/// The agent's membership of one queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// The queue.
    pub queue_id: Id,
    /// Its name, when the configuration gave it.
    pub queue_name: Option<String>,
    /// The penalty: calls go to the lowest penalty first.
    pub penalty: i64,
}

/// A queue of `QueueList` (not modelled by the codec: read from its JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueInfo {
    /// The queue.
    pub id: Id,
    /// Its display name (else its name).
    pub name: String,
    /// Its number.
    pub number: Option<String>,
}

impl QueueInfo {
    /// The queues of a `QueueList` payload (an array of `{id, name, displayName, number}`);
    /// entries without an id are skipped.
    pub fn list(payload: &Value) -> Vec<QueueInfo> {
        payload
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|queue| {
                let id = serde_json::from_value::<Id>(queue.get("id")?.clone()).ok()?;
                let text = |key: &str| {
                    queue
                        .get(key)
                        .and_then(Value::as_str)
                        .filter(|t| !t.trim().is_empty())
                        .map(str::to_owned)
                };
                Some(QueueInfo {
                    id,
                    name: text("displayName")
                        .or_else(|| text("name"))
                        .unwrap_or_else(|| id.to_string()),
                    number: text("number"),
                })
            })
            .collect()
    }
}

/// XuC's state beyond the neutral desk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XucExtras {
    pub(super) right_profile: Option<RightProfile>,
    pub(super) config: Option<AgentConfig>,
    pub(super) membership: BTreeMap<Id, Membership>,
    pub(super) agents: Vec<AgentSummary>,
    pub(super) groups: Vec<AgentGroup>,
    pub(super) statistics: BTreeMap<String, Value>,
    pub(super) listened: bool,
    pub(super) callbacks: Vec<CallbackList>,
    pub(super) tickets: BTreeMap<String, String>,
    pub(super) sheet: Option<Sheet>,
    pub(super) queues: Vec<QueueInfo>,
    pub(super) periods: Vec<PreferredPeriod>,
}

impl XucExtras {
    /// The rights profile sent at connection.
    pub fn right_profile(&self) -> Option<&RightProfile> {
        self.right_profile.as_ref()
    }

    /// The agent's configuration, as last sent.
    pub fn agent_config(&self) -> Option<&AgentConfig> {
        self.config.as_ref()
    }

    /// The agent's queues and penalties, by queue id.
    pub fn membership(&self) -> impl Iterator<Item = &Membership> {
        self.membership.values()
    }

    /// Every agent of `AgentList`.
    pub fn agents(&self) -> &[AgentSummary] {
        &self.agents
    }

    /// Every group of `AgentGroupList`.
    pub fn groups(&self) -> &[AgentGroup] {
        &self.groups
    }

    /// The agent's statistics by name (`AgentReadyTotalTime`, `LoginDateTime`, ...).
    pub fn statistics(&self) -> &BTreeMap<String, Value> {
        &self.statistics
    }

    /// Whether a supervisor is listening to the agent.
    pub fn listened(&self) -> bool {
        self.listened
    }

    /// The callback lists with their requests.
    pub fn callbacks(&self) -> &[CallbackList] {
        &self.callbacks
    }

    /// The ticket of a started callback request, to update it.
    pub fn ticket(&self, request: &str) -> Option<&str> {
        self.tickets.get(request).map(String::as_str)
    }

    /// The last screen pop.
    pub fn sheet(&self) -> Option<&Sheet> {
        self.sheet.as_ref()
    }

    /// Every queue of `QueueList`.
    pub fn queues(&self) -> &[QueueInfo] {
        &self.queues
    }

    /// The preferred periods of `CallbackPreferredPeriods`.
    pub fn periods(&self) -> &[PreferredPeriod] {
        &self.periods
    }

    /// The agent's penalty in `queue`, when a member.
    pub fn penalty(&self, queue: Id) -> Option<u32> {
        self.membership
            .get(&queue)
            .and_then(|m| u32::try_from(m.penalty).ok())
    }

    pub(super) fn set_config(&mut self, config: AgentConfig) {
        self.membership = config
            .member
            .iter()
            .map(|m| {
                let membership = Membership {
                    queue_id: m.queue_id,
                    queue_name: m.queue_name.clone(),
                    penalty: m.penalty.unwrap_or(0),
                };
                (m.queue_id, membership)
            })
            .collect();
        self.config = Some(config);
    }

    pub(super) fn queue_member(&mut self, member: &QueueMember) {
        if member.is_removal() {
            self.membership.remove(&member.queue_id);
            return;
        }
        let name = self
            .membership
            .get(&member.queue_id)
            .and_then(|m| m.queue_name.clone());
        self.membership.insert(
            member.queue_id,
            Membership {
                queue_id: member.queue_id,
                queue_name: name,
                penalty: member.penalty,
            },
        );
    }

    pub(super) fn statistics_update(&mut self, stats: AgentStatistics) {
        for stat in stats.statistics {
            self.statistics.insert(stat.name, stat.value);
        }
    }

    pub(super) fn callback_lists(&mut self, lists: OneOrMany<CallbackList>) {
        self.callbacks = lists.into_items();
    }

    fn request_mut(&mut self, uuid: &str) -> Option<&mut CallbackRequest> {
        self.callbacks
            .iter_mut()
            .flat_map(|list| list.callbacks.iter_mut())
            .find(|request| request.uuid == uuid)
    }

    /// `CallbackTaken` (`Some(agent)`) or `CallbackReleased` (`None`).
    pub(super) fn callback_taken(&mut self, uuid: &str, agent: Option<Id>) {
        if let Some(request) = self.request_mut(uuid) {
            request.agent_id = agent.into();
        }
        if agent.is_none() {
            // Released (or rescheduled): the next call of it gets a new ticket.
            self.tickets.remove(uuid);
        }
    }

    pub(super) fn callback_closed(&mut self, uuid: &str) {
        for list in &mut self.callbacks {
            list.callbacks.retain(|request| request.uuid != uuid);
        }
        self.tickets.remove(uuid);
    }

    pub(super) fn callback_updated(&mut self, request: CallbackRequest) {
        if let Some(known) = self.request_mut(&request.uuid) {
            *known = request;
            return;
        }
        let list = request.list_uuid.clone();
        if let Some(list) = self
            .callbacks
            .iter_mut()
            .find(|l| Some(&l.uuid) == list.as_ref())
        {
            list.callbacks.push(request);
        }
    }

    pub(super) fn callback_started(&mut self, request: String, ticket: String) {
        self.tickets.insert(request, ticket);
    }

    /// Requests nobody took, or taken by `agent`.
    pub fn callbacks_for(&self, agent: Option<Id>) -> Vec<&CallbackRequest> {
        self.callbacks
            .iter()
            .flat_map(|list| list.callbacks.iter())
            .filter(|request| match &request.agent_id {
                Nullable::Value(taken_by) => Some(*taken_by) == agent,
                Nullable::Absent | Nullable::Null => true,
            })
            .collect()
    }
}
