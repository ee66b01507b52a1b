//! How fronts see the world: read access to its state ([`Centre`]), and the steps of its
//! transactions ([`Step`]) handed to a [`Front`] as they end.

use std::collections::BTreeMap;

use super::model::{
    AgentSim, CallbackSim, Cause, HistoryEntry, HistoryFilter, SimCall, Skill, UserServices,
};
use crate::clock::Millis;
use crate::scenario::Scenario;

/// A vendor protocol's view of the world: it turns each step into its own events.
///
/// The world calls it synchronously at the end of every step, with the state that step left,
/// so a front may diff what each user sees now against what it showed after the last step
/// (nothing changes between steps). Several fronts may watch one world, each encoding the
/// same step its own way.
pub trait Front {
    /// The world as it starts, before any step.
    fn start(&mut self, world: &Centre<'_>);
    /// One step ended, leaving the world as `world` shows it.
    fn step(&mut self, world: &Centre<'_>, step: &Step);
}

/// A front that holds the front `T`: one member of the pair the world is seen through, so
/// that a vendor's handlers work on any world whose fronts include theirs (O2G's
/// `Simulator<X>` holds `(O2gFront, X)`; the gateway's `X` is `(XucFront, FinesseFront)`).
/// Each vendor implements it for the positions its front takes.
pub trait Part<T> {
    /// The front `T`.
    fn part(&self) -> &T;
    /// The front `T`, to change its own state.
    fn part_mut(&mut self) -> &mut T;
}

/// A world without a front (tests of the world alone).
impl Front for () {
    fn start(&mut self, _: &Centre<'_>) {}
    fn step(&mut self, _: &Centre<'_>, _: &Step) {}
}

/// Two fronts watching one world (O2G and XuC users sharing one contact centre): each is
/// told every step, the first first.
impl<A: Front, B: Front> Front for (A, B) {
    fn start(&mut self, world: &Centre<'_>) {
        self.0.start(world);
        self.1.start(world);
    }
    fn step(&mut self, world: &Centre<'_>, step: &Step) {
        self.0.step(world, step);
        self.1.step(world, step);
    }
}

/// What one step of a transaction did, beyond the state it left.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    /// Why calls changed, if they did.
    pub cause: Option<Cause>,
    /// Calls that merged into another: (old reference, surviving reference).
    pub renames: Vec<(String, String)>,
    /// Where removed calls went (a redirect or forward destination, `VOICEMAIL`).
    pub new_destination: Option<String>,
    /// Logins to tell first, in this order (the actor, then the called party); the others
    /// follow by login.
    pub order: Vec<String>,
    /// What happened besides the state change, per login, in the order it happened; each is
    /// told after that login's state change.
    pub notices: Vec<(String, Notice)>,
}

/// Something a user is told that is not a difference of state.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Notice {
    /// A history entry was written.
    HistoryRecorded(Box<HistoryEntry>),
    /// A history entry changed (after-call work saved on it).
    HistoryModified(Box<HistoryEntry>),
    /// History entries were deleted.
    HistoryDeleted(Vec<i64>),
    /// History entries were acknowledged (or un-acknowledged).
    HistoryAcknowledged {
        /// The entries.
        ids: Vec<i64>,
        /// Acknowledged, or un-acknowledged.
        acknowledged: bool,
    },
    /// The agent's skills changed; they are now these.
    SkillsChanged(Vec<Skill>),
    /// Help was requested: of the supervisor `other` (told to the agent) or by the agent
    /// number `other` (told to the supervisor).
    HelpRequested {
        /// The other side's number.
        other: String,
    },
    /// A help request ended (cancelled or rejected); `other` as for `HelpRequested`.
    HelpCancelled {
        /// The other side's number.
        other: String,
    },
    /// Do-not-disturb or the forward changed.
    RoutingChanged,
}

/// Read access to the world as it is now.
#[derive(Clone, Copy)]
pub struct Centre<'a> {
    now: Millis,
    scenario: &'a Scenario,
    calls: &'a BTreeMap<String, SimCall>,
    agents: &'a BTreeMap<String, AgentSim>,
    services: &'a BTreeMap<String, UserServices>,
    callbacks: &'a BTreeMap<String, CallbackSim>,
}

impl<'a> Centre<'a> {
    pub(super) fn new(
        now: Millis,
        scenario: &'a Scenario,
        calls: &'a BTreeMap<String, SimCall>,
        agents: &'a BTreeMap<String, AgentSim>,
        services: &'a BTreeMap<String, UserServices>,
        callbacks: &'a BTreeMap<String, CallbackSim>,
    ) -> Centre<'a> {
        Centre {
            now,
            scenario,
            calls,
            agents,
            services,
            callbacks,
        }
    }

    /// The open callback requests, by id.
    pub fn callbacks(&self) -> impl Iterator<Item = &'a CallbackSim> + 'a {
        self.callbacks.values()
    }

    /// The world's time.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// The scenario the world runs.
    pub fn scenario(&self) -> &'a Scenario {
        self.scenario
    }

    /// The live calls, by reference.
    pub fn calls(&self) -> impl Iterator<Item = &'a SimCall> + 'a {
        self.calls.values()
    }

    /// A live call.
    pub fn call(&self, reference: &str) -> Option<&'a SimCall> {
        self.calls.get(reference)
    }

    /// Every agent (and bot) by login.
    pub fn agents(&self) -> impl Iterator<Item = &'a AgentSim> + 'a {
        self.agents.values()
    }

    /// The agent behind `login`, if it is one.
    pub fn agent(&self, login: &str) -> Option<&'a AgentSim> {
        self.agents.get(login)
    }

    /// Every user's and bot's login, in order.
    pub fn logins(&self) -> impl Iterator<Item = &'a String> + 'a {
        self.services.keys()
    }

    /// The routing, history and voicemail of `login`.
    pub fn services(&self, login: &str) -> Option<&'a UserServices> {
        self.services.get(login)
    }

    /// The login behind a user or bot number.
    pub fn login_of_number(&self, number: &str) -> Option<String> {
        self.scenario
            .users
            .iter()
            .find(|u| u.number == number)
            .map(|u| u.login_name())
            .or_else(|| {
                self.scenario
                    .bots
                    .iter()
                    .find(|b| b.number == number)
                    .map(|b| b.login_name())
            })
    }

    /// (number, first name, last name) of a login.
    pub fn person(&self, login: &str) -> Option<(String, String, String)> {
        self.scenario
            .users
            .iter()
            .find(|u| u.login_name() == login)
            .map(|u| (u.number.clone(), u.first_name.clone(), u.last_name.clone()))
            .or_else(|| {
                self.scenario
                    .bots
                    .iter()
                    .find(|b| b.login_name() == login)
                    .map(|b| (b.number.clone(), b.first_name.clone(), b.last_name.clone()))
            })
    }

    /// Everyone of the directory: (login, number, first name, last name), users then bots.
    pub fn people(&self) -> Vec<(String, String, String, String)> {
        let users = self.scenario.users.iter().map(|u| {
            (
                u.login_name(),
                u.number.clone(),
                u.first_name.clone(),
                u.last_name.clone(),
            )
        });
        let bots = self.scenario.bots.iter().map(|b| {
            (
                b.login_name(),
                b.number.clone(),
                b.first_name.clone(),
                b.last_name.clone(),
            )
        });
        users.chain(bots).collect()
    }

    /// The devices a login may act on: its own number, and its pro-ACD set while logged on.
    pub fn devices_of(&self, login: &str) -> Vec<String> {
        let mut devices: Vec<String> = self.person(login).map(|p| p.0).into_iter().collect();
        if let Some(logged) = self.agents.get(login).and_then(|a| a.logged.as_ref()) {
            if !devices.contains(&logged.device) {
                devices.push(logged.device.clone());
            }
        }
        devices
    }

    /// The queue membership of agent `login` for `pilot`: its penalty, or `None` when it takes
    /// no call of that pilot (not served by one of its groups, or it left that queue).
    pub fn penalty(&self, login: &str, pilot: &str) -> Option<u32> {
        let agent = self.agents.get(login)?;
        let group = &self
            .scenario
            .pilots
            .iter()
            .find(|p| p.number == pilot)?
            .group;
        if !agent.groups.contains(group) {
            return None;
        }
        agent.memberships.get(pilot).copied().unwrap_or(Some(0))
    }

    /// The withdraw reasons of processing group `group`, in order (reason `n` is the
    /// `n`-th, from 1).
    pub fn withdraw_reasons(&self, group: &str) -> Option<&'a [String]> {
        self.scenario
            .processing_groups
            .iter()
            .find(|g| g.number == group)
            .map(|g| g.withdraw_reasons.as_slice())
    }
}

impl<'a> Centre<'a> {
    /// The history entries of `login` that `filter` selects, newest first.
    pub fn history(&self, login: &str, filter: &HistoryFilter) -> Vec<&'a HistoryEntry> {
        let Some(services) = self.services.get(login) else {
            return Vec::new();
        };
        services
            .history
            .iter()
            .rev()
            .filter(|r| filter.selects(r))
            .collect()
    }
}
