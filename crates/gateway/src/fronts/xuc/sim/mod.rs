//! The XuC front of the simulated contact centre: XuC commands decoded into the world's
//! commands or answered from its state ([`commands`]), and every step of the world diffed into
//! XuC messages ([`XucFront`]): `AgentStateEvent`s, `PhoneEvent`s and the `Sheet` of an ACD
//! call. Sans-IO like the world; the driver (`sim_driver.rs`) pumps [`XucFront::poll_event`]
//! into the XuC hub.

pub mod callbacks;
pub mod commands;
pub mod defaults;
pub mod presented;
pub mod stats;
pub mod view;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use cti::xuc::agent::AgentListen;
use cti::xuc::callback::{CallbackRequestUpdated, CallbackTaken, CallbackUuid};
use cti::xuc::config::QueueMember;
use cti::xuc::message::ServerMessage;
use cti::xuc::sheet::Sheet;
use cti::xuc::wire::Id;
use serde_json::json;

use crate::clock::Millis;
use crate::world::{CallbackSim, Centre, Front, Part, Step};
use view::{AgentView, Ids, PhoneView};

/// The world seen through XuC: what each user was last shown, and the messages to send.
#[derive(Debug, Default)]
pub struct XucFront {
    /// Ids of agents, fixed at start.
    ids: Ids,
    /// Each agent's last shown state, by login.
    agents: BTreeMap<String, AgentView>,
    /// Each user's last shown calls, by login then `uniqueId`.
    phones: BTreeMap<String, BTreeMap<String, PhoneView>>,
    /// Each agent's last shown queue memberships, by login then queue id.
    memberships: BTreeMap<String, BTreeMap<i64, Option<u32>>>,
    /// Supervisors' logins and groups: each is told the state and queues of the agents of
    /// its groups.
    supervisors: Vec<(String, Vec<String>)>,
    /// The open callback requests as last shown, by id.
    callbacks: BTreeMap<String, CallbackSim>,
    /// Each agent's statistics, by login.
    stats: BTreeMap<String, stats::Stats>,
    /// Whom each supervisor listens to (an agent number), as last shown.
    listening: BTreeMap<String, Option<String>>,
    /// Users' default queue memberships (`setUserDefaultMembership`).
    defaults: defaults::DefaultMemberships,
    /// Logins that subscribed to their agent's statistics.
    stats_subscribers: BTreeSet<String>,
    /// `dialFromQueue`'s calls and how they are shown.
    presented: presented::Presented,
    /// Unix time (ms) at which the world's clock read 0, for dates.
    pub epoch_unix_ms: u64,
    /// Messages to send, each to a login.
    events: VecDeque<(String, ServerMessage)>,
}

impl XucFront {
    /// The next message to send, with the login it is for.
    pub fn poll_event(&mut self) -> Option<(String, ServerMessage)> {
        self.events.pop_front()
    }

    /// `login` subscribes to its agent's statistics: their values now, then each change.
    pub fn subscribe_to_stats(&mut self, login: &str, now: Millis) -> Option<ServerMessage> {
        self.stats_subscribers.insert(login.to_owned());
        self.statistics(login, now)
    }

    fn statistics(&self, login: &str, now: Millis) -> Option<ServerMessage> {
        let stats = self.stats.get(login)?;
        let id = self.ids.agent_id(login);
        Some(ServerMessage::AgentStatistics(stats.statistics(
            id,
            now,
            self.epoch_unix_ms,
        )))
    }

    /// Callback requests taken, released, closed or rescheduled since the last step, told to
    /// the agents of their list.
    fn diff_callbacks(&mut self, world: &Centre<'_>) {
        let now: BTreeMap<String, CallbackSim> = world
            .callbacks()
            .map(|c| (c.uuid.clone(), c.clone()))
            .collect();
        let mut told = Vec::new();
        for (uuid, old) in &self.callbacks {
            let Some(new) = now.get(uuid) else {
                let gone = CallbackUuid { uuid: uuid.clone() };
                told.push((old.list, ServerMessage::CallbackClotured(gone)));
                continue;
            };
            if new.taken_by != old.taken_by {
                told.push((
                    new.list,
                    match &new.taken_by {
                        Some(login) => ServerMessage::CallbackTaken(CallbackTaken {
                            uuid: uuid.clone(),
                            agent_id: Id(self.ids.agent_id(login)),
                        }),
                        None => {
                            ServerMessage::CallbackReleased(CallbackUuid { uuid: uuid.clone() })
                        }
                    },
                ));
            }
            if (&new.due_date, &new.period) != (&old.due_date, &old.period) {
                let request = callbacks::request(world, &self.ids, new);
                told.push((
                    new.list,
                    ServerMessage::CallbackRequestUpdated(CallbackRequestUpdated { request }),
                ));
            }
        }
        for (list, message) in told {
            for login in callbacks::audience(world, list) {
                self.events.push_back((login, message.clone()));
            }
        }
        self.callbacks = now;
    }

    /// A supervisor started or stopped listening: `AgentListen` to the agent listened to (the
    /// spec: "received automatically if user is an agent") and to the supervisor.
    fn diff_listening(&mut self, world: &Centre<'_>) {
        for supervisor in world.agents().filter(|a| a.supervisor) {
            let before = self.listening.get(&supervisor.login).cloned().flatten();
            if before == supervisor.listening {
                continue;
            }
            let changes = [(before, false), (supervisor.listening.clone(), true)];
            for (number, started) in changes {
                let Some(agent) = number.and_then(|n| world.agents().find(|a| a.number == n))
                else {
                    continue;
                };
                let line = agent.logged.as_ref().map_or_else(
                    || agent.number.clone(),
                    |l| view::line_of_device(world, &l.device),
                );
                let message = ServerMessage::AgentListen(AgentListen {
                    started,
                    phone_number: Some(line),
                    agent_id: Id(self.ids.agent_id(&agent.login)),
                });
                self.events
                    .push_back((agent.login.clone(), message.clone()));
                self.events.push_back((supervisor.login.clone(), message));
            }
            self.listening
                .insert(supervisor.login.clone(), supervisor.listening.clone());
        }
    }

    /// Tells `message` about `agent` to the agent and to the supervisors of its groups.
    fn tell_about(&mut self, agent: &crate::world::AgentSim, message: &ServerMessage) {
        self.events
            .push_back((agent.login.clone(), message.clone()));
        for supervisor in supervisors_of(&self.supervisors, agent) {
            self.events.push_back((supervisor.clone(), message.clone()));
        }
    }

    /// `dialFromQueue`'s calls, to tell the one being placed.
    pub fn presented_mut(&mut self) -> &mut presented::Presented {
        &mut self.presented
    }

    /// The ids XuC names agents by.
    pub fn ids(&self) -> &Ids {
        &self.ids
    }

    /// The `AgentStateEvent` of `login` as last shown.
    pub fn agent_state(&self, world: &Centre<'_>, login: &str) -> Option<ServerMessage> {
        let agent = world.agent(login)?;
        let view = self.agents.get(login)?;
        Some(ServerMessage::AgentStateEvent(
            view.state(self.ids.agent_id(login), queue_ids(world, agent)),
        ))
    }

    /// The calls of `login` as last shown.
    pub fn calls_of(&self, login: &str) -> Vec<cti::xuc::phone::PhoneEvent> {
        let username = login;
        self.phones
            .get(login)
            .into_iter()
            .flatten()
            .map(|(id, view)| view.event(id, username, false))
            .collect()
    }
}

fn queue_ids(world: &Centre<'_>, agent: &crate::world::AgentSim) -> Vec<Id> {
    view::queues_of(world, agent)
        .iter()
        .filter_map(|(q, _)| view::queue_id(world, q))
        .map(Id)
        .collect()
}

/// The supervisors told of `agent`: those sharing one of its groups (the profile's filter).
fn supervisors_of<'s>(
    supervisors: &'s [(String, Vec<String>)],
    agent: &'s crate::world::AgentSim,
) -> impl Iterator<Item = &'s String> + 's {
    supervisors
        .iter()
        .filter(move |(login, groups)| {
            *login != agent.login && groups.iter().any(|g| agent.groups.contains(g))
        })
        .map(|(login, _)| login)
}

/// The screen pop of an ACD call from `caller` on `pilot`: the scenario's customer record
/// when the number is a customer's, else the number alone; and the scenario's page
/// (`screenPopUrl`) for the caller, when it has one.
pub fn sheet(world: &Centre<'_>, unique_id: &str, caller: &str, queue: &str) -> Sheet {
    let customer = world
        .scenario()
        .customers
        .iter()
        .find(|c| c.number == caller);
    let mut fields = vec![
        ("Queue", queue.to_owned(), "text"),
        ("Number", caller.to_owned(), "text"),
    ];
    if let Some(customer) = customer {
        fields.insert(0, ("Name", customer.name.clone(), "title"));
        for (name, value) in [
            ("Company", &customer.company),
            ("Email", &customer.email),
            ("City", &customer.city),
            ("Tier", &customer.tier),
        ] {
            if let Some(value) = value {
                fields.push((name, value.clone(), "text"));
            }
        }
    }
    // The page to pop: the scenario's address with the caller's number (and customer id).
    if let Some(template) = &world.scenario().screen_pop_url {
        let url = template
            .replace("{number}", &cti::transmit::percent_encode(caller))
            .replace(
                "{customer}",
                &cti::transmit::percent_encode(customer.map_or("", |c| c.id.as_str())),
            );
        fields.push(("popupUrl", url, "url"));
    }
    let info: Vec<_> = fields
        .into_iter()
        .enumerate()
        .map(|(order, (name, value, kind))| {
            json!({"name": name, "value": value, "type": kind, "order": order + 1})
        })
        .collect();
    Sheet {
        timenow: None,
        compressed: Some(false),
        serial: Some("xml".to_owned()),
        payload: json!({"profile": {"user": {"sheetInfo": info}}}),
        channel: Some(unique_id.to_owned()),
    }
}

impl<O> Part<XucFront> for (O, XucFront) {
    fn part(&self) -> &XucFront {
        &self.1
    }
    fn part_mut(&mut self) -> &mut XucFront {
        &mut self.1
    }
}

/// XuC beside another front (the gateway's: XuC and the Finesse connector).
impl<O, F> Part<XucFront> for (O, (XucFront, F)) {
    fn part(&self) -> &XucFront {
        &self.1 .0
    }
    fn part_mut(&mut self) -> &mut XucFront {
        &mut self.1 .0
    }
}

impl Front for XucFront {
    fn start(&mut self, world: &Centre<'_>) {
        self.ids = Ids::of(world);
        self.supervisors = world
            .agents()
            .filter(|a| a.supervisor)
            .map(|a| (a.login.clone(), a.groups.clone()))
            .collect();
        self.phones = view::phones(world);
        self.agents = world
            .agents()
            .map(|a| {
                let view = view::agent_view(world, a, self.phones.get(&a.login));
                (a.login.clone(), view)
            })
            .collect();
        self.memberships = world
            .agents()
            .map(|a| (a.login.clone(), view::memberships(world, a)))
            .collect();
        self.callbacks = world
            .callbacks()
            .map(|c| (c.uuid.clone(), c.clone()))
            .collect();
        self.listening = world
            .agents()
            .filter(|a| a.supervisor)
            .map(|a| (a.login.clone(), a.listening.clone()))
            .collect();
        for agent in world.agents() {
            let mut stats = stats::Stats::default();
            stats.update(agent, world.now());
            self.stats.insert(agent.login.clone(), stats);
        }
    }

    fn step(&mut self, world: &Centre<'_>, _step: &Step) {
        let mut phones = view::phones(world);
        self.presented.show(world, &mut phones);
        let mut logins: Vec<&String> = phones.keys().chain(self.phones.keys()).collect();
        logins.sort();
        logins.dedup();
        for login in logins {
            let before = self.phones.get(login);
            let now = phones.get(login);
            let username = login.as_str();
            for (id, old) in before.into_iter().flatten() {
                if now.is_none_or(|n| !n.contains_key(id)) {
                    let event = old.event(id, username, true);
                    self.events
                        .push_back((login.clone(), ServerMessage::PhoneEvent(event)));
                }
            }
            for (id, view) in now.into_iter().flatten() {
                let old = before.and_then(|b| b.get(id));
                if old == Some(view) {
                    continue;
                }
                self.events.push_back((
                    login.clone(),
                    ServerMessage::PhoneEvent(view.event(id, username, false)),
                ));
                let newly_ringing = view.event == cti::xuc::phone::PhoneEventType::EventRinging
                    && old.is_none_or(|o| o.event != view.event);
                if newly_ringing && view.acd {
                    let queue = view.queue.clone().unwrap_or_default();
                    // A call from the queue pops the record of the number it calls.
                    let other = self
                        .presented
                        .get(id)
                        .map_or(&view.other_dn, |p| &p.destination);
                    let pop = sheet(world, id, other, &queue);
                    self.events
                        .push_back((login.clone(), ServerMessage::Sheet(pop)));
                }
            }
        }
        for agent in world.agents() {
            let view = view::agent_view(world, agent, phones.get(&agent.login));
            if self.agents.get(&agent.login) == Some(&view) {
                continue;
            }
            let state = view.state(self.ids.agent_id(&agent.login), queue_ids(world, agent));
            self.tell_about(agent, &ServerMessage::AgentStateEvent(state));
            self.agents.insert(agent.login.clone(), view);
        }
        for agent in world.agents() {
            let now = view::memberships(world, agent);
            let before = self.memberships.remove(&agent.login);
            for (queue, penalty) in &now {
                if before.as_ref().and_then(|b| b.get(queue)) == Some(penalty) {
                    continue;
                }
                let member = QueueMember {
                    agent_id: Id(self.ids.agent_id(&agent.login)),
                    queue_id: Id(*queue),
                    penalty: penalty.map_or(QueueMember::REMOVED, i64::from),
                };
                self.tell_about(agent, &ServerMessage::QueueMember(member));
            }
            self.memberships.insert(agent.login.clone(), now);
            let changed = self
                .stats
                .entry(agent.login.clone())
                .or_default()
                .update(agent, world.now());
            if changed && self.stats_subscribers.contains(&agent.login) {
                if let Some(message) = self.statistics(&agent.login, world.now()) {
                    self.events.push_back((agent.login.clone(), message));
                }
            }
        }
        self.phones = phones;
        self.diff_callbacks(world);
        self.diff_listening(world);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fronts::o2g::sim::Simulator;
    use crate::scenario::{Scenario, DEFAULT_SCENARIO};

    /// An hour of the default scenario's traffic, as O2G events (encoded), with or without
    /// the XuC front watching the same world.
    fn o2g_trace<X: Front>(sim: &mut Simulator<X>) -> Vec<String> {
        let mut trace = Vec::new();
        for minute in 1..=60 {
            sim.advance(minute * 60_000);
            while let Some((login, event)) = sim.poll_event() {
                trace.push(format!("{login} {}", cti::o2g::event::encode_event(&event)));
            }
        }
        trace
    }

    #[test]
    fn the_xuc_front_changes_nothing_of_the_o2g_trace_and_tells_its_own() {
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
        let alone = o2g_trace(&mut Simulator::new(scenario.clone(), 7));
        let mut both = Simulator::with_front(scenario, 7, XucFront::default());
        assert_eq!(o2g_trace(&mut both), alone);
        assert!(!alone.is_empty());
        let xuc = &mut both.world_mut().front_mut().1;
        let told: Vec<_> = std::iter::from_fn(|| xuc.poll_event()).collect();
        assert!(told
            .iter()
            .any(|(_, m)| matches!(m, ServerMessage::PhoneEvent(_))));
        assert!(told
            .iter()
            .any(|(_, m)| matches!(m, ServerMessage::AgentStateEvent(_))));
    }
}
