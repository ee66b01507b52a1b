//! What a connector client sees of the world: each agent's Finesse state, each user's
//! dialogs (dialog id = the world's call reference), queue statistics (UCCE payload), team
//! users, phone books, reason codes and the agent's identity.

use std::collections::BTreeMap;

use cti::finesse::event::UCCE_QUEUE_KEYS;
use cti::finesse::{
    AgentInfo, AgentState, AgentStateEvent, Contact, DialogState, Phonebook, Queue, ReasonCode,
    Record, Team, TeamUser, Teams,
};

use crate::clock::{iso8601, Millis};
use crate::world::{Activity, AgentSim, Centre, LegState, Side};

/// The logout reasons the simulated connector offers (`reasoncodelogout`): the scenario has
/// none, so these are the front's own (docs/decisions.md).
pub const LOGOUT_REASONS: [&str; 3] = ["End of shift", "Personal", "Training"];

/// The wrap-up reasons (`wrapupreasoncode`), the front's own likewise.
pub const WRAP_UP_REASONS: [&str; 4] = ["Sale", "Information", "Complaint", "Follow-up"];

/// The values `RECLASSIFYCALL` accepts: Finesse's outbound reclassifications.
pub const RECLASSIFICATIONS: [&str; 7] = [
    "VOICE",
    "FAX",
    "ANS_MACHINE",
    "INVALID",
    "DO_NOT_CALL",
    "WRONG_NUMBER",
    "WRONG_PERSON",
];

/// A value written into a `#`-, `|`- or `,`-delimited field: the delimiters become spaces
/// (names and descriptions of the scenario are free text).
pub fn clean(value: &str) -> String {
    value.replace(['#', '|', ','], " ")
}

/// Which connector event family tells a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `NewInboundCall`, then `InboundCall`.
    Inbound,
    /// `OutboundCall`.
    Outbound,
    /// `ConsultCall` (the consultation of `Conferencecall`).
    Consult,
}

/// One dialog as a user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogView {
    /// The event family.
    pub kind: Kind,
    /// The user's leg, as a dialog state.
    pub state: DialogState,
    /// The caller.
    pub from: String,
    /// The number called.
    pub to: String,
    /// Finesse's call type, for `DialogStatus`.
    pub call_type: &'static str,
    /// The user's device in the call.
    pub device: String,
}

impl DialogView {
    /// The other party: the caller of an inbound dialog, the number called otherwise.
    pub fn address(&self) -> &str {
        match self.kind {
            Kind::Inbound => &self.from,
            Kind::Outbound | Kind::Consult => &self.to,
        }
    }
}

/// How the front tags a call it placed itself (its kind, and whether it is shown at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The user the tag is for.
    pub login: String,
    /// Not shown (a mobile agent's connection to its phone).
    pub hidden: bool,
    /// The family to tell it in.
    pub kind: Kind,
    /// Its call type.
    pub call_type: &'static str,
}

/// Every user's dialogs, by login then dialog id: the world's calls through each user's
/// legs, the tagged ones as tagged, the hidden ones left out.
pub fn dialogs(
    world: &Centre<'_>,
    tags: &BTreeMap<String, Tag>,
) -> BTreeMap<String, BTreeMap<String, DialogView>> {
    let mut all: BTreeMap<String, BTreeMap<String, DialogView>> = BTreeMap::new();
    for call in world.calls() {
        for party in call.parties.iter().filter(|p| !p.supervising) {
            let Some(login) = party.endpoint.login() else {
                continue;
            };
            let tag = tags.get(&call.reference).filter(|t| t.login == login);
            if tag.is_some_and(|t| t.hidden) {
                continue;
            }
            let others: Vec<_> = call
                .parties
                .iter()
                .filter(|o| !o.supervising && o.endpoint.login() != Some(login))
                .collect();
            let other = others.first();
            let state = match party.state {
                LegState::Calling if others.iter().any(|o| o.state == LegState::Ringing) => {
                    DialogState::Alerting
                }
                LegState::Calling => DialogState::Initiated,
                LegState::Ringing => DialogState::Alerting,
                LegState::Active => DialogState::Active,
                LegState::Held => DialogState::Held,
                LegState::Releasing => DialogState::Failed,
            };
            let line = world
                .person(login)
                .map(|p| p.0)
                .unwrap_or_else(|| party.endpoint.number().to_owned());
            let other_number = other
                .map(|o| o.endpoint.number().to_owned())
                .unwrap_or_else(|| call.initial_called.clone());
            let (kind, call_type) = match (tag, party.side) {
                (Some(tag), _) => (tag.kind, tag.call_type),
                (None, Side::Callee) if call.acd.is_some() => (Kind::Inbound, "ACD_IN"),
                (None, Side::Callee) => (Kind::Inbound, "OTHER_IN"),
                (None, Side::Caller) => (Kind::Outbound, "OUT"),
            };
            let (from, to) = match kind {
                Kind::Inbound => (
                    other_number,
                    call.acd
                        .as_ref()
                        .map_or_else(|| line.clone(), |acd| acd.pilot.clone()),
                ),
                Kind::Outbound | Kind::Consult => (line, other_number),
            };
            all.entry(login.to_owned()).or_default().insert(
                call.reference.clone(),
                DialogView {
                    kind,
                    state,
                    from,
                    to,
                    call_type,
                    device: party.endpoint.number().to_owned(),
                },
            );
        }
    }
    all
}

/// An agent's state as last shown, with when it began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentView {
    /// The state.
    pub state: AgentState,
    /// Its reason code.
    pub code: ReasonCode,
    /// The reason's label.
    pub label: String,
    /// The extension it is logged on with (empty when logged out).
    pub extension: String,
    /// When the state began (world time).
    pub since: Millis,
}

impl AgentView {
    /// Whether `other` shows the same (the time aside).
    pub fn same(&self, other: &AgentView) -> bool {
        (&self.state, &self.code, &self.label, &self.extension)
            == (&other.state, &other.code, &other.label, &other.extension)
    }
}

/// The label of not-ready reason `code` (1-based) in `agent`'s group.
pub fn not_ready_label(world: &Centre<'_>, agent: &AgentSim, code: i32) -> String {
    not_ready_reasons(world, agent)
        .get(usize::try_from(code - 1).unwrap_or(usize::MAX))
        .cloned()
        .unwrap_or_default()
}

/// The not-ready reasons of the agent's group (logged on) or first group: codes 1, 2, ...
pub fn not_ready_reasons(world: &Centre<'_>, agent: &AgentSim) -> Vec<String> {
    let group = agent
        .logged
        .as_ref()
        .and_then(|l| l.group.clone())
        .or_else(|| agent.groups.first().cloned());
    group
        .and_then(|g| world.withdraw_reasons(&g))
        .map(<[String]>::to_vec)
        .unwrap_or_default()
}

/// The Finesse state of `agent`: its dialogs first (ringing: RESERVED, talking, held), then
/// its activity. Reason codes follow the spec: `-1` for NOT_READY and LOGOUT without one,
/// the code when a reason was given, empty otherwise.
pub fn agent_view(
    world: &Centre<'_>,
    agent: &AgentSim,
    dialogs: Option<&BTreeMap<String, DialogView>>,
    extension: Option<&str>,
    logout_reason: Option<&str>,
) -> AgentView {
    let now = world.now();
    let Some(logged) = &agent.logged else {
        let (code, label) = match logout_reason {
            Some(code) => (
                ReasonCode::Code(code.to_owned()),
                code.parse::<usize>()
                    .ok()
                    .and_then(|n| LOGOUT_REASONS.get(n.wrapping_sub(1)))
                    .map(|l| (*l).to_owned())
                    .unwrap_or_default(),
            ),
            None => (ReasonCode::Unset, String::new()),
        };
        return AgentView {
            state: AgentState::Logout,
            code,
            label,
            extension: String::new(),
            since: now,
        };
    };
    let extension = extension
        .map(str::to_owned)
        .unwrap_or_else(|| agent.number.clone());
    let plain = |state: AgentState| AgentView {
        state,
        code: ReasonCode::Empty,
        label: String::new(),
        extension: extension.clone(),
        since: now,
    };
    let dialogs: Vec<&DialogView> = dialogs.into_iter().flat_map(|d| d.values()).collect();
    let any = |states: &[DialogState]| dialogs.iter().any(|d| states.contains(&d.state));
    if dialogs
        .iter()
        .any(|d| d.kind == Kind::Inbound && d.state == DialogState::Alerting)
        && !any(&[DialogState::Active])
    {
        return plain(AgentState::Reserved);
    }
    if any(&[
        DialogState::Active,
        DialogState::Initiated,
        DialogState::Alerting,
        DialogState::Failed,
    ]) {
        return plain(AgentState::Talking);
    }
    if any(&[DialogState::Held]) {
        return plain(AgentState::Hold);
    }
    match logged.activity {
        Activity::Ready => plain(AgentState::Ready),
        Activity::Busy => plain(AgentState::Talking),
        Activity::WrapUp { .. } => plain(AgentState::WorkReady),
        Activity::Pause | Activity::OutOfGroup => AgentView {
            code: ReasonCode::Unset,
            ..plain(AgentState::NotReady)
        },
        Activity::Withdraw(code) => AgentView {
            code: ReasonCode::Code(code.to_string()),
            label: not_ready_label(world, agent, code),
            ..plain(AgentState::NotReady)
        },
    }
}

/// "First Last" of a login.
pub fn full_name(world: &Centre<'_>, login: &str) -> String {
    world
        .person(login)
        .map(|(_, first, last)| format!("{first} {last}"))
        .unwrap_or_else(|| login.to_owned())
}

/// A time as the `State` event writes it: the ISO string and Unix milliseconds.
pub fn times(epoch_unix_ms: u64, at: Millis) -> (String, String) {
    let unix = epoch_unix_ms.saturating_add(at);
    (iso8601(unix), unix.to_string())
}

/// The `State` event of `login` shown as `view`.
pub fn state_event(
    world: &Centre<'_>,
    login: &str,
    view: &AgentView,
    epoch_unix_ms: u64,
) -> AgentStateEvent {
    let name = clean(&full_name(world, login));
    let (text, time) = times(epoch_unix_ms, view.since);
    AgentStateEvent {
        state: view.state.clone(),
        reason_code: view.code.clone(),
        state_change_time_string: text,
        pending_state: String::new(),
        state_change_time: time,
        full_name: name.clone(),
        agent_login_id: login.to_owned(),
        extension: view.extension.clone(),
        reason_label: clean(&view.label),
        full_name_again: name,
        login_name: login.to_owned(),
    }
}

/// `AgentInfo` of `agent`: the supervisor form with its teams (its processing groups), the
/// agent form with its first group as team. Wrap-up is `REQUIRED`: the world puts every
/// agent in wrap-up after an ACD call.
pub fn agent_info(world: &Centre<'_>, agent: &AgentSim) -> AgentInfo {
    let (_, first, last) = world.person(&agent.login).unwrap_or_default();
    let group_name = |number: &str| {
        world
            .scenario()
            .processing_groups
            .iter()
            .find(|g| g.number == number)
            .map(|g| clean(&g.name))
            .unwrap_or_default()
    };
    let teams = agent.supervisor.then(|| Teams {
        count: agent.groups.len().to_string(),
        teams: agent
            .groups
            .iter()
            .map(|g| Team {
                id: g.clone(),
                name: group_name(g),
            })
            .collect(),
    });
    AgentInfo {
        first_name: clean(&first),
        last_name: clean(&last),
        is_supervisor: agent.supervisor,
        wrap_up_mode: "REQUIRED".to_owned(),
        teams,
        team_id: agent.groups.first().cloned().unwrap_or_default(),
        full_name: clean(&format!("{first} {last}")),
        login_name: agent.login.clone(),
    }
}

/// The pilots (queues, and skill groups) `agent` takes calls of.
pub fn queues_of<'a>(world: &Centre<'a>, agent: &AgentSim) -> Vec<&'a crate::scenario::Pilot> {
    world
        .scenario()
        .pilots
        .iter()
        .filter(|p| world.penalty(&agent.login, &p.number).is_some())
        .collect()
}

/// The pilots a supervisor watches: those of its groups.
fn pilots_of_groups<'a>(world: &Centre<'a>, groups: &[String]) -> Vec<&'a crate::scenario::Pilot> {
    world
        .scenario()
        .pilots
        .iter()
        .filter(|p| groups.contains(&p.group))
        .collect()
}

/// The UCCE statistics of every pilot, by pilot number.
pub fn queue_stats(
    world: &Centre<'_>,
    views: &BTreeMap<String, AgentView>,
    dialogs: &BTreeMap<String, BTreeMap<String, DialogView>>,
) -> BTreeMap<String, Queue> {
    let mut stats = BTreeMap::new();
    for pilot in &world.scenario().pilots {
        let waiting = world
            .calls()
            .filter(|c| c.is_queued() && c.acd.as_ref().is_some_and(|a| a.pilot == pilot.number))
            .count();
        let mut counts = [0usize; 7];
        for agent in world.agents() {
            let Some(logged) = &agent.logged else {
                continue;
            };
            if logged.group.as_deref() != Some(pilot.group.as_str())
                || world.penalty(&agent.login, &pilot.number).is_none()
            {
                continue;
            }
            let Some(view) = views.get(&agent.login) else {
                continue;
            };
            let first = dialogs.get(&agent.login).and_then(|d| d.values().next());
            let slot = match view.state {
                AgentState::Ready => 0,
                AgentState::NotReady => 1,
                AgentState::Talking | AgentState::Hold | AgentState::Reserved => match first {
                    Some(d) if d.kind == Kind::Inbound => 2,
                    Some(d) if world.login_of_number(d.address()).is_none() => 3,
                    Some(_) => 4,
                    None => 2,
                },
                AgentState::WorkReady => 5,
                AgentState::Work => 6,
                _ => continue,
            };
            counts[slot] += 1;
        }
        let mut values = vec![clean(&pilot.name), waiting.to_string()];
        values.extend(counts.iter().map(usize::to_string));
        let record = Record::new(UCCE_QUEUE_KEYS.iter().copied().zip(values));
        stats.insert(pilot.number.clone(), Queue(record));
    }
    stats
}

/// The queues `login` is told of: a supervisor's groups' pilots, an agent's own.
pub fn queue_list(
    world: &Centre<'_>,
    agent: &AgentSim,
    stats: &BTreeMap<String, Queue>,
) -> Vec<Queue> {
    let pilots = if agent.supervisor {
        pilots_of_groups(world, &agent.groups)
    } else {
        queues_of(world, agent)
    };
    pilots
        .into_iter()
        .filter_map(|p| stats.get(&p.number).cloned())
        .collect()
}

/// One team user entry.
pub fn team_user(
    world: &Centre<'_>,
    agent: &AgentSim,
    view: Option<&AgentView>,
    epoch_unix_ms: u64,
) -> TeamUser {
    let (_, first, last) = world.person(&agent.login).unwrap_or_default();
    let extension = view
        .map(|v| v.extension.clone())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| agent.number.clone());
    let (state, since, label) = match view {
        Some(v) => (v.state.as_str().to_owned(), v.since, clean(&v.label)),
        None => ("LOGOUT".to_owned(), 0, String::new()),
    };
    let (time, _) = times(epoch_unix_ms, since);
    TeamUser::from_values(&[
        &clean(&first),
        &clean(&last),
        &extension,
        &agent.login,
        &state,
        "",
        "voice",
        &time,
        &label,
    ])
}

/// The members of a supervisor's teams (agents and bots of its groups, itself aside).
pub fn team_users(
    world: &Centre<'_>,
    supervisor: &AgentSim,
    views: &BTreeMap<String, AgentView>,
    epoch_unix_ms: u64,
) -> Vec<TeamUser> {
    world
        .agents()
        .filter(|a| a.login != supervisor.login && !a.supervisor)
        .filter(|a| a.groups.iter().any(|g| supervisor.groups.contains(g)))
        .map(|a| team_user(world, a, views.get(&a.login), epoch_unix_ms))
        .collect()
}

/// The supervisors of `agent`'s groups, as team users.
pub fn supervisors(
    world: &Centre<'_>,
    agent: &AgentSim,
    views: &BTreeMap<String, AgentView>,
    epoch_unix_ms: u64,
) -> Vec<TeamUser> {
    let mut numbers: Vec<&String> = world
        .scenario()
        .processing_groups
        .iter()
        .filter(|g| agent.groups.contains(&g.number))
        .filter_map(|g| g.supervisor.as_ref())
        .collect();
    numbers.sort();
    numbers.dedup();
    numbers
        .into_iter()
        .filter_map(|n| world.login_of_number(n))
        .filter_map(|login| world.agent(&login))
        .map(|s| team_user(world, s, views.get(&s.login), epoch_unix_ms))
        .collect()
}

/// The skill groups of `agent`: the pilots it takes calls of.
pub fn skill_groups(world: &Centre<'_>, agent: &AgentSim) -> Vec<Record> {
    queues_of(world, agent)
        .into_iter()
        .map(|p| Record::new([("id", p.number.clone()), ("name", clean(&p.name))]))
        .collect()
}

/// The global phone books: the scenario's customers, and its people.
pub fn phonebooks() -> Vec<Phonebook> {
    vec![
        Phonebook::from_values(&["Customers", "GLOBAL", "1"]),
        Phonebook::from_values(&["Colleagues", "GLOBAL", "2"]),
    ]
}

/// The team phone books of `agent`: one per processing group, its members.
pub fn team_phonebooks(world: &Centre<'_>, agent: &AgentSim) -> Vec<Phonebook> {
    world
        .scenario()
        .processing_groups
        .iter()
        .filter(|g| agent.groups.contains(&g.number))
        .map(|g| {
            let name = clean(&format!("{} team", g.name));
            Phonebook::from_values(&[&name, "TEAM", &format!("team-{}", g.number)])
        })
        .collect()
}

/// The contacts of the global books: customers (`c..` ids), then people by login.
pub fn contacts(world: &Centre<'_>) -> Vec<Contact> {
    let split = |name: &str| match name.split_once(' ') {
        Some((first, last)) => (first.to_owned(), last.to_owned()),
        None => (name.to_owned(), String::new()),
    };
    let customers = world.scenario().customers.iter().map(|c| {
        let (first, last) = split(&c.name);
        let description = c
            .company
            .clone()
            .or_else(|| c.city.clone())
            .unwrap_or_default();
        Contact::from_values(&[
            &clean(&description),
            &clean(&first),
            &clean(&last),
            &c.number,
            &c.id,
        ])
    });
    let people = world
        .people()
        .into_iter()
        .map(|(login, number, first, last)| {
            Contact::from_values(&["Colleague", &clean(&first), &clean(&last), &number, &login])
        });
    customers.chain(people).collect()
}
