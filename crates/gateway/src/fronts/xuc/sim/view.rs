//! What a XuC user sees of the world: agent ids, queues and groups, each agent's XuC state,
//! and each user's calls as phone channels (`uniqueId`: the world's call reference).

use std::collections::BTreeMap;

use cti::xuc::agent::{AgentState, AgentStateName, CallDirection, CallType, MonitorState};
use cti::xuc::phone::{PhoneEvent, PhoneEventType};
use cti::xuc::wire::Id;

use crate::world::{Activity, AgentSim, Centre, Endpoint, LegState, Recording, Side};

/// The ids XuC names things by, fixed for a scenario: agents (users then bots, from 1),
/// queues (the pilots, from 1) and agent groups (the processing groups, from 1).
#[derive(Debug, Clone, Default)]
pub struct Ids {
    /// Agent id by login.
    pub agent: BTreeMap<String, i64>,
    /// Login by agent id.
    pub login: BTreeMap<i64, String>,
}

impl Ids {
    /// The ids of `world`'s scenario.
    pub fn of(world: &Centre<'_>) -> Ids {
        let mut ids = Ids::default();
        for (index, (login, ..)) in world.people().into_iter().enumerate() {
            let id = i64::try_from(index).unwrap_or(i64::MAX - 1) + 1;
            ids.login.insert(id, login.clone());
            ids.agent.insert(login, id);
        }
        ids
    }

    /// The agent id of `login` (0 for nobody).
    pub fn agent_id(&self, login: &str) -> i64 {
        self.agent.get(login).copied().unwrap_or(0)
    }
}

/// An id counted from 1 in scenario order.
fn from_one(index: Option<usize>) -> Option<i64> {
    index.and_then(|i| i64::try_from(i + 1).ok())
}

/// The queue id of a pilot (its position, from 1).
pub fn queue_id(world: &Centre<'_>, pilot: &str) -> Option<i64> {
    from_one(
        world
            .scenario()
            .pilots
            .iter()
            .position(|p| p.number == pilot),
    )
}

/// The group id of a processing group (its position, from 1).
pub fn group_id(world: &Centre<'_>, group: &str) -> Option<i64> {
    let groups = &world.scenario().processing_groups;
    from_one(groups.iter().position(|g| g.number == group))
}

/// The queues (pilot numbers) an agent is a member of, with their penalties.
pub fn queues_of(world: &Centre<'_>, agent: &AgentSim) -> Vec<(String, u32)> {
    world
        .scenario()
        .pilots
        .iter()
        .filter_map(|p| Some((p.number.clone(), world.penalty(&agent.login, &p.number)?)))
        .collect()
}

/// The XuC line of a device: the number of the agent whose pro-ACD set it is, else the device.
pub fn line_of_device(world: &Centre<'_>, device: &str) -> String {
    world
        .agents()
        .find(|a| a.pro_acd.as_deref() == Some(device))
        .map_or_else(|| device.to_owned(), |a| a.number.clone())
}

/// The pro-ACD set a requested line means: an agent's set, or the set of the agent whose
/// number it is.
pub fn set_of_line(world: &Centre<'_>, line: &str) -> Option<String> {
    world.agents().find_map(|a| {
        let set = a.pro_acd.as_deref()?;
        (set == line || a.number == line).then(|| set.to_owned())
    })
}

/// An agent's membership of each pilot its groups serve, by queue id: a penalty, or `None`
/// after it left.
pub fn memberships(world: &Centre<'_>, agent: &AgentSim) -> BTreeMap<i64, Option<u32>> {
    world
        .scenario()
        .pilots
        .iter()
        .filter(|p| agent.groups.contains(&p.group))
        .filter_map(|p| {
            let id = queue_id(world, &p.number)?;
            Some((id, world.penalty(&agent.login, &p.number)))
        })
        .collect()
}

/// One of a user's calls as XuC shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneView {
    /// The state of the user's leg.
    pub event: PhoneEventType,
    /// The user's line.
    pub dn: String,
    /// The other party's number.
    pub other_dn: String,
    /// The other party's name.
    pub other_name: String,
    /// The pilot's name, for an ACD call.
    pub queue: Option<String>,
    /// Whether the user placed or received it.
    pub direction: CallDirection,
    /// Whether the other party is outside the PBX.
    pub external: bool,
    /// Whether it came through a pilot.
    pub acd: bool,
    /// Variables attached to the call (`dialFromQueue`'s, `USR_` prefixed).
    pub user_data: Option<serde_json::Map<String, serde_json::Value>>,
}

impl PhoneView {
    /// The event telling this view of `unique_id` (or its release).
    pub fn event(&self, unique_id: &str, username: &str, released: bool) -> PhoneEvent {
        PhoneEvent {
            event_type: if released {
                PhoneEventType::EventReleased
            } else {
                self.event.clone()
            },
            dn: Some(self.dn.clone()),
            other_dn: Some(self.other_dn.clone()),
            other_d_name: Some(self.other_name.clone()),
            linked_id: Some(unique_id.to_owned()),
            unique_id: unique_id.to_owned(),
            queue_name: self.queue.clone(),
            call_direction: Some(self.direction.clone()),
            user_data: self.user_data.clone(),
            username: Some(username.to_owned()),
        }
    }
}

fn phone_event_of(state: LegState) -> PhoneEventType {
    match state {
        // A failed call: the party hears the busy tone until it hangs up.
        LegState::Calling | LegState::Releasing => PhoneEventType::EventDialing,
        LegState::Ringing => PhoneEventType::EventRinging,
        LegState::Active => PhoneEventType::EventEstablished,
        LegState::Held => PhoneEventType::EventOnHold,
    }
}

/// A name for a number: a user's or bot's, else a customer's, else empty.
pub fn name_of(world: &Centre<'_>, endpoint: &Endpoint) -> String {
    if let Some((_, first, last)) = endpoint.login().and_then(|l| world.person(l)) {
        return format!("{first} {last}");
    }
    world
        .scenario()
        .customers
        .iter()
        .find(|c| c.number == endpoint.number())
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// Every user's calls, by login then `uniqueId` (the call reference). A user's line is its
/// directory number, whichever of its devices (its pro-ACD set included) the party is on.
pub fn phones(world: &Centre<'_>) -> BTreeMap<String, BTreeMap<String, PhoneView>> {
    let mut phones: BTreeMap<String, BTreeMap<String, PhoneView>> = BTreeMap::new();
    for call in world.calls() {
        for party in call.parties.iter().filter(|p| !p.supervising) {
            let Some(login) = party.endpoint.login() else {
                continue;
            };
            // The user's own number, whichever of its devices rings; a set taken over is
            // its owner's line.
            let device = party.endpoint.number();
            let line = world
                .agents()
                .find(|a| a.pro_acd.as_deref() == Some(device))
                .map(|a| a.number.clone())
                .or_else(|| world.person(login).map(|p| p.0))
                .unwrap_or_else(|| device.to_owned());
            let other = call
                .parties
                .iter()
                .find(|o| !o.supervising && o.endpoint.login() != Some(login));
            let queue = call.acd.as_ref().map(|acd| {
                world
                    .scenario()
                    .pilots
                    .iter()
                    .find(|p| p.number == acd.pilot)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| acd.pilot.clone())
            });
            let view = PhoneView {
                event: phone_event_of(party.state),
                dn: line,
                other_dn: other
                    .map(|o| o.endpoint.number().to_owned())
                    .unwrap_or_else(|| call.initial_called.clone()),
                other_name: other
                    .map(|o| name_of(world, &o.endpoint))
                    .unwrap_or_default(),
                queue,
                direction: match party.side {
                    Side::Caller => CallDirection::Outgoing,
                    Side::Callee => CallDirection::Incoming,
                },
                external: other.is_some_and(|o| o.endpoint.login().is_none()),
                acd: call.acd.is_some(),
                user_data: None,
            };
            phones
                .entry(login.to_owned())
                .or_default()
                .entry(call.reference.clone())
                .or_insert(view);
        }
    }
    phones
}

/// What an agent's state shows, without its id and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentView {
    /// The state.
    pub name: AgentStateName,
    /// The agent's line while logged in.
    pub phone_nb: Option<String>,
    /// The pause reason.
    pub cause: Option<String>,
    /// On a call: through a pilot or not, its direction and type.
    pub call: Option<(bool, CallDirection, CallType, MonitorState)>,
}

impl AgentView {
    /// The `AgentStateEvent` payload of agent `id` in queues `queues`.
    pub fn state(&self, id: i64, queues: Vec<Id>) -> AgentState {
        AgentState {
            name: self.name.clone(),
            agent_id: Id(id),
            phone_nb: self.phone_nb.clone(),
            since: Some(0),
            queues: Some(queues),
            cause: self.cause.clone(),
            acd: self.call.as_ref().map(|c| c.0),
            direction: self.call.as_ref().map(|c| c.1.clone()),
            call_type: self.call.as_ref().map(|c| c.2.clone()),
            // The spec shows `monitorState` on `AgentOnCall` only.
            monitor_state: self
                .call
                .as_ref()
                .filter(|_| self.name == AgentStateName::AgentOnCall)
                .map(|c| c.3.clone()),
        }
    }
}

/// The XuC state of `agent`, given its calls.
pub fn agent_view(
    world: &Centre<'_>,
    agent: &AgentSim,
    calls: Option<&BTreeMap<String, PhoneView>>,
) -> AgentView {
    let Some(logged) = &agent.logged else {
        return AgentView {
            name: AgentStateName::AgentLoggedOut,
            phone_nb: None,
            cause: None,
            call: None,
        };
    };
    let line = Some(line_of_device(world, &logged.device));
    let calls: Vec<(&String, &PhoneView)> = calls.into_iter().flatten().collect();
    let with = |name: AgentStateName, call: Option<(&String, &PhoneView)>| AgentView {
        name,
        phone_nb: line.clone(),
        cause: None,
        call: call.map(|(reference, c)| {
            let kind = if c.external {
                CallType::External
            } else {
                CallType::Internal
            };
            let monitor = match world.call(reference).and_then(|c| c.record) {
                Some(Recording::On) => MonitorState::Active,
                Some(Recording::Paused) => MonitorState::Paused,
                None => MonitorState::Disabled,
            };
            (c.acd, c.direction.clone(), kind, monitor)
        }),
    };
    let find = |event: PhoneEventType| calls.iter().copied().find(|(_, c)| c.event == event);
    if let Some(call) = find(PhoneEventType::EventRinging) {
        return with(AgentStateName::AgentRinging, Some(call));
    }
    if let Some(call) = find(PhoneEventType::EventEstablished).or(find(PhoneEventType::EventOnHold))
    {
        return with(AgentStateName::AgentOnCall, Some(call));
    }
    if let Some(call) = find(PhoneEventType::EventDialing) {
        return with(AgentStateName::AgentDialing, Some(call));
    }
    match logged.activity {
        Activity::Ready | Activity::OutOfGroup => with(AgentStateName::AgentReady, None),
        Activity::Busy => with(AgentStateName::AgentOnCall, None),
        Activity::WrapUp { .. } => with(AgentStateName::AgentOnWrapup, None),
        Activity::Pause => AgentView {
            cause: Some(String::new()),
            ..with(AgentStateName::AgentOnPause, None)
        },
        Activity::Withdraw(reason) => {
            let cause = logged
                .group
                .as_deref()
                .and_then(|g| world.withdraw_reasons(g))
                .and_then(|reasons| reasons.get(usize::try_from(reason - 1).ok()?))
                .cloned()
                .unwrap_or_else(|| reason.to_string());
            AgentView {
                cause: Some(cause),
                ..with(AgentStateName::AgentOnPause, None)
            }
        }
    }
}
