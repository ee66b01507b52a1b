//! The supervisor's side of the simulated world in O2G: Call Center Real Time (RTI,
//! L14635-15665), pilot monitoring (L14341-14634), the management of pilots (L13403-14340)
//! and the transfer information of a pilot (L4480-4515).
//!
//! RTI: each supervisor may have one context (what it watches, L14737); once active, every
//! step of the world is turned into the RTI views of agents, pilots, queues and agent
//! processing groups, and each object whose view changed is told in an event holding only
//! the attributes that changed (L14652) plus its identity (`name`, `number`, `type`,
//! AMBIG-86), filtered by the context's numbers and attributes. A snapshot sends every
//! selected attribute. The simulated centre has one waiting queue per pilot, numbered like
//! its pilot (docs/decisions.md, "O2G supervisor resources").
//!
//! Pilot monitoring: a supervisor monitoring a pilot is told every call that arrives on it
//! (`OnPilotCallCreated`, `OnPilotCallQueued`) and leaves it (`OnPilotCallRemoved`:
//! `DISTRIBUTED` to an agent's set, or `ABANDONED`).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use cti::o2g::event::Event;
use cti::o2g::pilot::{
    OnPilotCallCreated, OnPilotCallQueued, OnPilotCallRemoved, Pilot, PilotRule, PilotRules,
};
use cti::o2g::rti::{
    AgentPhoneState, AgentServiceState, OnAgentRtiChanged, OnPGAgentRtiChanged, OnPilotRtiChanged,
    OnQueueRtiChanged, PgAgentType, QueueType, RtiAgentType, RtiContext, RtiIdentifiers,
    RtiObjectFilter, RtiObjectIdentifier, ServiceState,
};
use cti::o2g::telephony::{CallCause, PilotStatus, PilotTransferCapa, PilotTransferInfo};
use serde_json::{Map, Value};

use super::Simulator;
use crate::world::{Activity, AgentSim, Centre, Front, LegState, Side, WorldError};

/// The kinds of RTI objects the simulated centre has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RtiKind {
    /// Agents.
    Agent,
    /// Pilots.
    Pilot,
    /// Waiting queues.
    Queue,
    /// Agent processing groups.
    PgAgent,
    /// Other processing groups (none in the simulated centre).
    PgOther,
}

impl RtiKind {
    fn filter(self, context: &RtiContext) -> Option<&RtiObjectFilter> {
        let filter = context.filter.as_ref()?;
        match self {
            RtiKind::Agent => filter.agent_filter.as_ref(),
            RtiKind::Pilot => filter.pilot_filter.as_ref(),
            RtiKind::Queue => filter.queue_filter.as_ref(),
            RtiKind::PgAgent => filter.pg_agent_filter.as_ref(),
            RtiKind::PgOther => filter.pg_other_filter.as_ref(),
        }
    }

    /// The fields that name the object: always sent.
    fn identity(key: &str) -> bool {
        matches!(key, "name" | "firstName" | "number" | "type")
    }
}

/// The attribute (filter value, L15145-15509) a field of an event belongs to. Field names are
/// the attributes with a lower-case initial, but for the table's typo and the date of the
/// service state (AMBIG-85).
fn attribute_of(key: &str) -> &str {
    match key {
        "nbOfWidthdrawnAgents" => "NbOfWithdrawnAgents",
        "serviceStateDate" => "ServiceState",
        other => other,
    }
}

type View = Map<String, Value>;

/// What the supervisor side of the O2G front keeps between steps.
#[derive(Debug, Default)]
pub struct SupervisorFront {
    /// Each supervisor's RTI context, kept while notifications are off (L14737).
    contexts: BTreeMap<String, RtiContext>,
    /// Supervisors whose context is active.
    active: BTreeSet<String>,
    /// Pilot number → the supervisors monitoring it.
    monitored: BTreeMap<String, BTreeSet<String>>,
    /// The RTI views after the last step.
    shown: BTreeMap<(RtiKind, String), View>,
    /// Calls waiting on a pilot after the last step: call → (pilot, caller).
    queued: BTreeMap<String, (String, String)>,
    /// ACD calls each agent (by number) answered since the simulator started.
    served: BTreeMap<String, i32>,
    /// Calls each agent was last seen answering, so that one is counted once.
    answering: BTreeMap<String, String>,
}

fn to_view<T: serde::Serialize>(value: &T) -> View {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn count(n: usize) -> Option<i32> {
    Some(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The ACD call an agent is in, if any: (reference, pilot, its leg state).
fn acd_call_of<'a>(world: &Centre<'a>, agent: &AgentSim) -> Option<(&'a str, &'a str, LegState)> {
    world.calls().find_map(|call| {
        let acd = call.acd.as_ref()?;
        if acd.agent.as_deref() != Some(agent.login.as_str()) {
            return None;
        }
        let party = call.party_of(&agent.login)?;
        Some((
            call.reference.as_str(),
            acd.pilot.as_str(),
            call.parties[party].state,
        ))
    })
}

fn private_call_state(world: &Centre<'_>, agent: &AgentSim) -> Option<LegState> {
    world
        .calls()
        .filter(|call| call.acd.is_none())
        .find_map(|call| call.party_of(&agent.login).map(|p| call.parties[p].state))
}

fn agent_view(world: &Centre<'_>, agent: &AgentSim, served: i32) -> OnAgentRtiChanged {
    let (number, first, last) = world
        .person(&agent.login)
        .unwrap_or_else(|| (agent.number.clone(), String::new(), agent.number.clone()));
    let pilot_name = |pilot: &str| {
        world
            .scenario()
            .pilots
            .iter()
            .find(|p| p.number == pilot)
            .map(|p| p.name.clone())
    };
    let acd = acd_call_of(world, agent);
    let (service, phone) = match &agent.logged {
        None => (AgentServiceState::LoggedOut, AgentPhoneState::LoggedOut),
        Some(logged) => {
            let service = match (logged.activity, &logged.group) {
                (Activity::Withdraw(_), _) => AgentServiceState::Withdrawn,
                (_, Some(_)) => AgentServiceState::Assigned,
                (_, None) => AgentServiceState::LoggedIn,
            };
            let phone = match (acd.map(|a| a.2), logged.activity) {
                (Some(LegState::Ringing), _) => AgentPhoneState::AcdRinging,
                (Some(LegState::Held), _) => AgentPhoneState::Held,
                (Some(_), _) => AgentPhoneState::AcdConversation,
                (None, Activity::WrapUp { .. }) => AgentPhoneState::WrapUp,
                (None, Activity::Pause) => AgentPhoneState::Pause,
                (None, _) => match private_call_state(world, agent) {
                    Some(LegState::Ringing) => AgentPhoneState::PrivateRinging,
                    Some(LegState::Calling) => AgentPhoneState::Dialing,
                    Some(LegState::Held) => AgentPhoneState::Held,
                    Some(LegState::Releasing) => AgentPhoneState::BusyTone,
                    Some(LegState::Active) => AgentPhoneState::PrivateLocalConversation,
                    None => AgentPhoneState::Idle,
                },
            };
            (service, phone)
        }
    };
    let logged = agent.logged.as_ref();
    OnAgentRtiChanged {
        name: last,
        first_name: Some(first),
        number,
        kind: Some(RtiAgentType::Normal),
        logon_date: logged.is_none().then(|| "NS".to_owned()),
        service_state: Some(service),
        phone_state: Some(phone),
        pilot_name: Some(acd.and_then(|a| pilot_name(a.1)).unwrap_or_default()),
        nb_of_served_acd_calls: Some(served),
        current_pg: Some(logged.and_then(|l| l.group.clone()).unwrap_or_default()),
        associated_set: Some(logged.map(|l| l.device.clone()).unwrap_or_default()),
        withdraw_reason: Some(match logged.map(|l| l.activity) {
            Some(Activity::Withdraw(reason)) => reason,
            _ => 0,
        }),
        ..OnAgentRtiChanged::default()
    }
}

/// How long the oldest call waiting on `pilot` has waited, in s.
fn waiting_on<'a>(world: &Centre<'a>, pilot: &str) -> Vec<&'a crate::world::SimCall> {
    world
        .calls()
        .filter(|c| c.is_queued() && c.acd.as_ref().is_some_and(|a| a.pilot == pilot))
        .collect()
}

fn pilot_views(world: &Centre<'_>) -> Vec<(OnPilotRtiChanged, OnQueueRtiChanged)> {
    world
        .scenario()
        .pilots
        .iter()
        .map(|pilot| {
            let waiting = waiting_on(world, &pilot.number);
            let distributed: Vec<LegState> = world
                .calls()
                .filter_map(|c| {
                    let acd = c.acd.as_ref().filter(|a| a.pilot == pilot.number)?;
                    let agent = acd.agent.as_deref()?;
                    c.party_of(agent).map(|p| c.parties[p].state)
                })
                .collect();
            let ringing = distributed
                .iter()
                .filter(|s| **s == LegState::Ringing)
                .count();
            let talking = distributed.len() - ringing;
            let oldest = waiting
                .iter()
                .filter_map(|c| c.acd.as_ref().map(|a| a.queued_at))
                .min()
                .map_or(0, |since| world.now().saturating_sub(since) / 1000);
            let ready = world
                .agents()
                .filter(|a| {
                    a.logged.as_ref().is_some_and(|l| {
                        l.group.as_deref() == Some(pilot.group.as_str())
                            && l.activity == Activity::Ready
                    })
                })
                .count();
            let pilot_view = OnPilotRtiChanged {
                name: pilot.name.clone(),
                number: pilot.number.clone(),
                state: Some(ServiceState::Opened),
                nb_of_running_calls: count(waiting.len() + distributed.len()),
                nb_of_waiting_calls: count(waiting.len()),
                nb_of_ringing_acd_calls: count(ringing),
                nb_of_calls_in_conversation: count(talking),
                ..OnPilotRtiChanged::default()
            };
            let queue_view = OnQueueRtiChanged {
                name: pilot.name.clone(),
                number: pilot.number.clone(),
                kind: Some(QueueType::Normal),
                state: Some(ServiceState::Opened),
                nb_of_agents_in_distribution: count(ready),
                nb_of_waiting_calls: count(waiting.len()),
                current_waiting_time: Some(i32::try_from(oldest).unwrap_or(i32::MAX)),
                ..OnQueueRtiChanged::default()
            };
            (pilot_view, queue_view)
        })
        .collect()
}

fn group_view(world: &Centre<'_>, number: &str, name: &str) -> OnPGAgentRtiChanged {
    let members: Vec<&AgentSim> = world
        .agents()
        .filter(|a| {
            a.logged
                .as_ref()
                .is_some_and(|l| l.group.as_deref() == Some(number))
        })
        .collect();
    let with = |f: &dyn Fn(&AgentSim) -> bool| count(members.iter().filter(|a| f(a)).count());
    let activity = |a: &AgentSim| a.logged.as_ref().map(|l| l.activity);
    let waiting: usize = world
        .scenario()
        .pilots
        .iter()
        .filter(|p| p.group == number)
        .map(|p| waiting_on(world, &p.number).len())
        .sum();
    OnPGAgentRtiChanged {
        name: name.to_owned(),
        number: number.to_owned(),
        kind: Some(PgAgentType::Agent),
        state: Some(ServiceState::Opened),
        nb_of_widthdrawn_agents: with(&|a| matches!(activity(a), Some(Activity::Withdraw(_)))),
        nb_of_agents_in_acd_call: with(&|a| acd_call_of(world, a).is_some()),
        nb_of_agents_in_acd_ringing: with(&|a| {
            acd_call_of(world, a).is_some_and(|c| c.2 == LegState::Ringing)
        }),
        nb_of_agents_in_acd_conv: with(&|a| {
            acd_call_of(world, a).is_some_and(|c| c.2 != LegState::Ringing)
        }),
        nb_of_agents_in_wrapup_and_transaction: with(&|a| {
            matches!(activity(a), Some(Activity::WrapUp { .. }))
        }),
        nb_of_agents_in_pause: with(&|a| activity(a) == Some(Activity::Pause)),
        nb_of_busy_agents: with(&|a| activity(a) == Some(Activity::Busy)),
        nb_of_logged_on_agents: count(members.len()),
        nb_of_free_agents: with(&|a| {
            matches!(activity(a), Some(Activity::Ready | Activity::Withdraw(_)))
        }),
        nb_of_idle_agents: with(&|a| activity(a) == Some(Activity::Ready)),
        nb_of_logged_on_and_not_withdrawn_agents: with(&|a| {
            !matches!(activity(a), Some(Activity::Withdraw(_) | Activity::Ready))
        }),
        consolidated_queues_nb_of_waiting_calls: count(waiting),
        ..OnPGAgentRtiChanged::default()
    }
}

/// The event of kind `kind` holding `fields` (an RTI view or a part of it).
fn rti_event(kind: RtiKind, fields: View) -> Option<Event> {
    let name = match kind {
        RtiKind::Agent => "OnAgentRtiChanged",
        RtiKind::Pilot => "OnPilotRtiChanged",
        RtiKind::Queue => "OnQueueRtiChanged",
        RtiKind::PgAgent => "OnPGAgentRtiChanged",
        RtiKind::PgOther => "OnPGOtherRtiChanged",
    };
    let mut object = Map::new();
    object.insert("eventName".to_owned(), Value::String(name.to_owned()));
    object.extend(fields);
    Event::from_value(Value::Object(object)).ok()
}

/// The caller of a call: its calling party's number.
fn caller_of(call: &crate::world::SimCall) -> String {
    call.parties
        .iter()
        .chain(&call.left)
        .find(|p| p.side == Side::Caller)
        .map(|p| p.endpoint.number().to_owned())
        .unwrap_or_default()
}

/// Every RTI object of the world now, with all its attributes; `served` counts each agent's
/// ACD calls.
fn views_of(
    world: &Centre<'_>,
    served: &BTreeMap<String, i32>,
) -> BTreeMap<(RtiKind, String), View> {
    let mut views = BTreeMap::new();
    for agent in world.agents() {
        let served = served.get(&agent.number).copied().unwrap_or(0);
        views.insert(
            (RtiKind::Agent, agent.number.clone()),
            to_view(&agent_view(world, agent, served)),
        );
    }
    for (pilot, queue) in pilot_views(world) {
        views.insert((RtiKind::Pilot, pilot.number.clone()), to_view(&pilot));
        views.insert((RtiKind::Queue, queue.number.clone()), to_view(&queue));
    }
    for group in &world.scenario().processing_groups {
        views.insert(
            (RtiKind::PgAgent, group.number.clone()),
            to_view(&group_view(world, &group.number, &group.name)),
        );
    }
    views
}

impl SupervisorFront {
    /// Counts the ACD calls agents answer, once each (one pass over the calls).
    fn count_served(&mut self, world: &Centre<'_>) {
        let mut answering: BTreeMap<String, String> = BTreeMap::new();
        for call in world.calls() {
            let Some(login) = call.acd.as_ref().and_then(|a| a.agent.as_deref()) else {
                continue;
            };
            let talking = call.party_of(login).is_some_and(|p| {
                matches!(call.parties[p].state, LegState::Active | LegState::Held)
            });
            if let (true, Some(agent)) = (talking, world.agent(login)) {
                answering.insert(agent.number.clone(), call.reference.clone());
            }
        }
        for (number, call) in &answering {
            if self.answering.get(number) != Some(call) {
                *self.served.entry(number.clone()).or_default() += 1;
            }
        }
        self.answering = answering;
    }

    /// Forgets what `login` watched (its last session ended); its context is kept.
    pub fn forget(&mut self, login: &str) {
        self.active.remove(login);
        for logins in self.monitored.values_mut() {
            logins.remove(login);
        }
    }

    /// After a step of the world: the RTI changes for every active context, and the pilot
    /// events for every monitored pilot, queued in `events`.
    pub fn step(&mut self, world: &Centre<'_>, events: &mut VecDeque<(String, Event)>) {
        self.pilot_events(world, events);
        self.count_served(world);
        if self.active.is_empty() {
            // Nobody watches: no view is kept (a context's activation takes one).
            self.shown.clear();
            return;
        }
        let views = views_of(world, &self.served);
        for (key, view) in &views {
            let before = self.shown.get(key);
            let changed: View = view
                .iter()
                .filter(|(k, v)| RtiKind::identity(k) || before.and_then(|b| b.get(*k)) != Some(*v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if changed.keys().all(|k| RtiKind::identity(k)) {
                continue;
            }
            for login in &self.active {
                self.tell(login, key, &changed, events);
            }
        }
        self.shown = views;
    }

    /// Queues for `login` the part of `fields` its context selects, if any.
    fn tell(
        &self,
        login: &str,
        (kind, number): &(RtiKind, String),
        fields: &View,
        events: &mut VecDeque<(String, Event)>,
    ) {
        let Some(filter) = self.contexts.get(login).and_then(|c| kind.filter(c)) else {
            return;
        };
        if !filter.selects(number) {
            return;
        }
        let selected: View = fields
            .iter()
            .filter(|(k, _)| RtiKind::identity(k) || filter.wants(attribute_of(k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if selected.keys().all(|k| RtiKind::identity(k)) {
            return;
        }
        if let Some(event) = rti_event(*kind, selected) {
            events.push_back((login.to_owned(), event));
        }
    }

    fn pilot_events(&mut self, world: &Centre<'_>, events: &mut VecDeque<(String, Event)>) {
        let now: BTreeMap<String, (String, String)> = world
            .calls()
            .filter(|c| c.is_queued())
            .filter_map(|c| {
                let pilot = c.acd.as_ref()?.pilot.clone();
                Some((c.reference.clone(), (pilot, caller_of(c))))
            })
            .collect();
        let before = std::mem::replace(&mut self.queued, now);
        let mut tell = |pilot: &str, event: Event| {
            for login in self.monitored.get(pilot).into_iter().flatten() {
                events.push_back((login.clone(), event.clone()));
            }
        };
        for (call, (pilot, caller)) in &self.queued {
            if before.contains_key(call) {
                continue;
            }
            let number_of_queued = self.queued.values().filter(|(p, _)| p == pilot).count();
            tell(
                pilot,
                Event::OnPilotCallCreated(OnPilotCallCreated {
                    pilot: pilot.clone(),
                    caller: caller.clone(),
                    call_ref: call.clone(),
                    cause: CallCause::Unknown,
                    call_data: None,
                }),
            );
            tell(
                pilot,
                Event::OnPilotCallQueued(OnPilotCallQueued {
                    pilot: pilot.clone(),
                    caller: caller.clone(),
                    queue: Some(pilot.clone()),
                    call_ref: call.clone(),
                    cause: CallCause::AcdEnterDistribution,
                    number_of_queued: count(number_of_queued),
                }),
            );
        }
        for (call, (pilot, _)) in &before {
            if self.queued.contains_key(call) {
                continue;
            }
            let agent = world
                .call(call)
                .and_then(|c| c.acd.as_ref())
                .and_then(|a| a.agent.as_deref())
                .and_then(|login| world.agent(login));
            let (destination, cause) = match agent {
                Some(agent) => (
                    agent
                        .logged
                        .as_ref()
                        .map_or_else(|| agent.number.clone(), |l| l.device.clone()),
                    CallCause::Distributed,
                ),
                None => (String::new(), CallCause::Abandoned),
            };
            tell(
                pilot,
                Event::OnPilotCallRemoved(OnPilotCallRemoved {
                    pilot: pilot.clone(),
                    releasing_device: pilot.clone(),
                    new_destination: destination,
                    call_ref: call.clone(),
                    cause,
                }),
            );
        }
    }
}

/// The objects of one RTI kind: `None` for all kinds.
fn identifiers(world: &Centre<'_>, kind: Option<RtiKind>) -> RtiIdentifiers {
    let wanted = |k: RtiKind| kind.is_none_or(|kind| kind == k);
    let mut ids = RtiIdentifiers::default();
    if wanted(RtiKind::Agent) {
        ids.agents = world
            .agents()
            .filter_map(|a| {
                let (number, first, last) = world.person(&a.login)?;
                Some(RtiObjectIdentifier {
                    number,
                    name: last,
                    first_name: Some(first),
                })
            })
            .collect();
    }
    for pilot in &world.scenario().pilots {
        if wanted(RtiKind::Pilot) {
            ids.pilots.push(RtiObjectIdentifier {
                number: pilot.number.clone(),
                name: pilot.name.clone(),
                first_name: None,
            });
        }
        if wanted(RtiKind::Queue) {
            ids.queues.push(RtiObjectIdentifier {
                number: pilot.number.clone(),
                name: pilot.name.clone(),
                first_name: None,
            });
        }
    }
    if wanted(RtiKind::PgAgent) {
        ids.pg_agents = world
            .scenario()
            .processing_groups
            .iter()
            .map(|g| RtiObjectIdentifier {
                number: g.number.clone(),
                name: g.name.clone(),
                first_name: None,
            })
            .collect();
    }
    ids
}

/// A pilot of the scenario, as Call Center Management shows it.
fn pilot_of(world: &Centre<'_>, number: &str) -> Option<Pilot> {
    let pilot = world
        .scenario()
        .pilots
        .iter()
        .find(|p| p.number == number)?;
    let waiting = waiting_on(world, number).len();
    let ready = world.agents().any(|a| {
        a.logged.as_ref().is_some_and(|l| {
            l.group.as_deref() == Some(pilot.group.as_str()) && l.activity == Activity::Ready
        })
    });
    // Expected wait: nothing when an agent is ready, else the traffic's handle time per
    // call ahead (a rough estimate, as a PBX's own is).
    let handle_s = world.scenario().traffic.handle_time_ms / 1000;
    let expected = if ready {
        0
    } else {
        (waiting as u64 + 1) * handle_s
    };
    Some(Pilot {
        number: Some(pilot.number.clone()),
        name: Some(pilot.name.clone()),
        state: Some(ServiceState::Opened),
        detailed_state: Some(PilotStatus::Open),
        queue_state: Some("s_Opened".to_owned()),
        waiting_time: Some(i32::try_from(expected).unwrap_or(i32::MAX)),
        saturation: Some(false),
        rules: Some(PilotRules {
            rule_list: vec![PilotRule {
                rule_number: "0".to_owned(),
                name: Some("RULE_PIL_0".to_owned()),
                active: true,
            }],
        }),
        possible_transfer: Some(true),
        supervised_transfer: Some(false),
    })
}

/// Checks an RTI context's ranges (L15533-15534, AMBIG-87).
fn check_context(context: &RtiContext) -> Result<(), WorldError> {
    if context.obs_period.is_some_and(|p| !(15..=60).contains(&p)) {
        return Err(WorldError::BadParameter(
            "obsPeriod must be within 15..60 minutes".into(),
        ));
    }
    if context.notif_frequency.is_some_and(|f| f < 5) {
        return Err(WorldError::BadParameter(
            "notifFrequency must be at least 5 seconds".into(),
        ));
    }
    Ok(())
}

impl<X: Front> Simulator<X> {
    fn supervisor_login(&self, login: &str) -> Result<(), WorldError> {
        if self
            .world
            .centre()
            .agent(login)
            .is_some_and(|a| a.supervisor)
        {
            Ok(())
        } else {
            Err(WorldError::NotAllowed(format!(
                "{login} is not a supervisor: the contact-centre services are a supervisor's"
            )))
        }
    }

    fn supervisor_mut(&mut self) -> &mut SupervisorFront {
        &mut self.world.front_mut().0.supervisor
    }

    /// `GET /acd/rti` and `/acd/rti/{agents,pilots,queues,pgAgents,pgOthers}`.
    pub fn rti_identifiers(
        &self,
        login: &str,
        kind: Option<RtiKind>,
    ) -> Result<RtiIdentifiers, WorldError> {
        self.supervisor_login(login)?;
        Ok(identifiers(&self.world.centre(), kind))
    }

    /// `POST /acd/rti/ctx`: stores `context` (if given) and activates the stored one.
    pub fn rti_start(
        &mut self,
        login: &str,
        context: Option<RtiContext>,
    ) -> Result<(), WorldError> {
        self.supervisor_login(login)?;
        if let Some(context) = &context {
            check_context(context)?;
        }
        let front = self.supervisor_mut();
        match context {
            Some(mut context) => {
                context.active = None;
                front.contexts.insert(login.to_owned(), context);
            }
            None if !front.contexts.contains_key(login) => {
                return Err(WorldError::NotFound("No RTI context to activate".into()))
            }
            None => {}
        }
        front.active.insert(login.to_owned());
        self.refresh_rti_views();
        Ok(())
    }

    /// The RTI views as of now: the baseline the next step's events are deltas from.
    fn refresh_rti_views(&mut self) {
        let views = views_of(
            &self.world.centre(),
            &self.world.front().0.supervisor.served,
        );
        self.supervisor_mut().shown = views;
    }

    /// `PUT /acd/rti/ctx`: replaces the stored context (active or not).
    pub fn rti_update(&mut self, login: &str, mut context: RtiContext) -> Result<(), WorldError> {
        self.supervisor_login(login)?;
        check_context(&context)?;
        context.active = None;
        self.supervisor_mut()
            .contexts
            .insert(login.to_owned(), context);
        Ok(())
    }

    /// `GET /acd/rti/ctx[?extended=true]`: the stored context; extended, with `*` and `ALL`
    /// replaced by the actual numbers and attributes (L14865).
    pub fn rti_context(&self, login: &str, extended: bool) -> Result<RtiContext, WorldError> {
        self.supervisor_login(login)?;
        let front = &self.world.front().0.supervisor;
        let mut context = front
            .contexts
            .get(login)
            .cloned()
            .ok_or_else(|| WorldError::NotFound("No RTI context".into()))?;
        if extended {
            context.active = Some(front.active.contains(login));
            let world = self.world.centre();
            let all = identifiers(&world, None);
            if let Some(filter) = context.filter.as_mut() {
                let expand = |f: &mut Option<RtiObjectFilter>,
                              ids: &[RtiObjectIdentifier],
                              attributes: &[&str]| {
                    if let Some(f) = f {
                        if f.numbers.iter().any(|n| n == "*") {
                            f.numbers = ids.iter().map(|i| i.number.clone()).collect();
                        }
                        if f.attributes.iter().any(|a| a.eq_ignore_ascii_case("ALL")) {
                            f.attributes = attributes.iter().map(|a| (*a).to_owned()).collect();
                        }
                    }
                };
                expand(&mut filter.agent_filter, &all.agents, &AGENT_ATTRIBUTES);
                expand(&mut filter.pilot_filter, &all.pilots, &PILOT_ATTRIBUTES);
                expand(&mut filter.queue_filter, &all.queues, &QUEUE_ATTRIBUTES);
                expand(
                    &mut filter.pg_agent_filter,
                    &all.pg_agents,
                    &PG_AGENT_ATTRIBUTES,
                );
                expand(
                    &mut filter.pg_other_filter,
                    &all.pg_others,
                    &PG_OTHER_ATTRIBUTES,
                );
            }
        }
        Ok(context)
    }

    /// `DELETE /acd/rti/ctx`: notifications stop (the context is kept for a later POST).
    pub fn rti_stop(&mut self, login: &str) -> Result<(), WorldError> {
        self.supervisor_login(login)?;
        if self.supervisor_mut().active.remove(login) {
            Ok(())
        } else {
            Err(WorldError::NotFound("No active RTI context".into()))
        }
    }

    /// `POST /acd/rti/snapshot`: every selected attribute of every selected object, as
    /// events (L15112-15143). Needs an active context.
    pub fn rti_snapshot(&mut self, login: &str) -> Result<(), WorldError> {
        self.supervisor_login(login)?;
        if !self.world.front().0.supervisor.active.contains(login) {
            return Err(WorldError::NotExpected(
                "No active RTI context: POST /acd/rti/ctx first".into(),
            ));
        }
        let front = &self.world.front().0.supervisor;
        let mut events = VecDeque::new();
        // The views as of the last step: the events that follow are deltas from them.
        for (key, view) in &front.shown {
            front.tell(login, key, view, &mut events);
        }
        self.world.front_mut().0.events.extend(events);
        Ok(())
    }

    /// `POST`/`DELETE /acd/pilotmonitoring/[{nodeId}/]{pilotNumber}`: starts or stops telling
    /// `login` the calls of the pilot. Starting twice is no error (L14364).
    pub fn monitor_pilot(&mut self, login: &str, pilot: &str, on: bool) -> Result<(), WorldError> {
        self.supervisor_login(login)?;
        if !self
            .world
            .scenario()
            .pilots
            .iter()
            .any(|p| p.number == pilot)
        {
            return Err(WorldError::NotFound(format!("No pilot {pilot}")));
        }
        let monitored = &mut self.supervisor_mut().monitored;
        if on {
            monitored
                .entry(pilot.to_owned())
                .or_default()
                .insert(login.to_owned());
        } else if let Some(logins) = monitored.get_mut(pilot) {
            logins.remove(login);
        }
        Ok(())
    }

    /// `GET /acd/{nodeId}/pilots` (supervisors): every pilot.
    pub fn pilots(&self, login: &str) -> Result<Vec<Pilot>, WorldError> {
        self.supervisor_login(login)?;
        let world = self.world.centre();
        Ok(world
            .scenario()
            .pilots
            .iter()
            .filter_map(|p| pilot_of(&world, &p.number))
            .collect())
    }

    /// `GET`/`POST /acd/{nodeId}/pilots/{pilotNumber}` (supervisors).
    pub fn pilot(&self, login: &str, number: &str) -> Result<Pilot, WorldError> {
        self.supervisor_login(login)?;
        pilot_of(&self.world.centre(), number)
            .ok_or_else(|| WorldError::NotFound(format!("No pilot {number}")))
    }

    /// `POST /telephony/pilots/{nodeId}/{pilotNumber}/transferInfo` (any user: an agent asks
    /// before transferring a call to a pilot): the table's fields and the example's
    /// (AMBIG-34).
    pub fn transfer_info(&self, number: &str) -> Result<PilotTransferCapa, WorldError> {
        let pilot = pilot_of(&self.world.centre(), number)
            .ok_or_else(|| WorldError::NotFound(format!("No pilot {number}")))?;
        Ok(PilotTransferCapa {
            number: pilot.number,
            waiting_time: pilot.waiting_time,
            saturation: pilot.saturation,
            supervised_transfer: pilot.supervised_transfer,
            transfer_info: Some(PilotTransferInfo {
                transfer_possible: Some(true),
                pilot_status: Some(PilotStatus::Open),
            }),
            possible_transfer: Some(true),
            queue_state: pilot.queue_state,
            rules: pilot.rules.and_then(|r| serde_json::to_value(r).ok()),
        })
    }
}

/// `AgentAttribute` (L15145-15167), as `GET /acd/rti/ctx?extended=true` lists `ALL`.
pub const AGENT_ATTRIBUTES: [&str; 18] = [
    "AssociatedSet",
    "CurrentPG",
    "PhoneState",
    "LogonDate",
    "PrivateCallsTotalDuration",
    "ComDate",
    "NBOfPrivateCalls",
    "NbOfServedACDCalls",
    "NbOfRefusedACDCalls",
    "NbOfTransferedACDCalls",
    "NbOfOutgoingACDCalls",
    "NbOfInterceptedACDCalls",
    "ServiceState",
    "NbOfWithdrawals",
    "WithdrawalsTotalDuration",
    "WithdrawReason",
    "PilotName",
    "QueueName",
];
/// `PilotAttribute` (L15477-15495).
pub const PILOT_ATTRIBUTES: [&str; 14] = [
    "State",
    "ServiceLevel",
    "CurrentRuleName",
    "NbOfWaitingCalls",
    "NbOfMutualAidCalls",
    "NbOfCallsInConversation",
    "NbOfCallsInRemotePG",
    "AverageWaitingTime",
    "NbOfRunningCalls",
    "NbOfRingingACDCalls",
    "NbOfDissuadedCalls",
    "NbOfCallsInGeneralForwarding",
    "Efficiency",
    "IncomingTraffic",
];
/// `QueueAttribute` (L15496-15509).
pub const QUEUE_ATTRIBUTES: [&str; 9] = [
    "State",
    "NbOfAgentsInDistribution",
    "IncomingTraffic",
    "OutgoingTraffic",
    "NbOfWaitingCalls",
    "CurrentWaitingTime",
    "ExpectedWaitingTime",
    "FillingRate",
    "LongestWaitingTimeInList",
];
/// `PGAgentAttribute` (L15431-15454).
pub const PG_AGENT_ATTRIBUTES: [&str; 19] = [
    "State",
    "NbOfWithdrawnAgents",
    "NbOfAgentsInPrivateCall",
    "NbOfAgentsInACDCall",
    "NbOfAgentsInACDRinging",
    "NbOfAgentsInACDConv",
    "NbOfAgentsInWrapupAndTransaction",
    "NbOfAgentsInPause",
    "NbOfBusyAgents",
    "NbOfLoggedOnAgents",
    "NbOfFreeAgents",
    "NbOfIdleAgents",
    "NbOfLoggedOnAndNotWithdrawnAgents",
    "ConsolidatedQueuesWaitingTime",
    "ConsolidatedQueuesNbOfWaitingCalls",
    "ConsolidatedQueuesEWT",
    "ServiceLevel",
    "Efficiency",
    "IncomingTraffic",
];
/// `PGOtherAttribute` (L15462-15469).
pub const PG_OTHER_ATTRIBUTES: [&str; 3] = ["State", "NbOfACDCalls", "IncomingTraffic"];
