//! The embedded O2G-faithful contact-centre simulator, sans-IO.
//!
//! [`Simulator`] owns a simulated PBX and ACD built from a [`Scenario`]: users and their
//! devices, agents on pro-ACD sets, processing groups, pilots and their queues, colleague bots
//! and a traffic generator. Time only moves through [`Simulator::advance`] and the `now` of
//! each request; randomness comes from one seeded generator, so the same seed and the same
//! inputs give the same event trace. Events come out of [`Simulator::poll_event`] addressed to
//! a login; the driver (`sim_driver.rs`) publishes them.
//!
//! Every mutation is a transaction: the simulator computes every user's view before and after
//! and turns the difference into O2G events (`view.rs`), so events, capabilities and the
//! answers of `GET` requests can never disagree.

mod acd;
mod calls;
mod model;
mod request;
mod services;
mod traffic;
mod view;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

use cti::o2g::event::Event;
use cti::o2g::telephony::CallCause;
use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::clock::Millis;
use crate::scenario::{Role, Scenario};

pub use model::{Activity, AgentSim, Endpoint, LoggedOn, Party, SimCall};
pub use request::{ComlogFilter, SimReply, SimRequest};

/// Why the simulator refuses a request; each maps to one O2G error type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// NOT_EXPECTED (1004): the current state of the user or call does not allow the request.
    #[error("{0}")]
    NotExpected(String),
    /// BAD_PARAMETER (1006): a value of the request is not acceptable.
    #[error("{0}")]
    BadParameter(String),
    /// NOT_FOUND (1003): no such call, leg, participant, record or group.
    #[error("{0}")]
    NotFound(String),
    /// NOT_ALLOWED (1002): the user may not do this (not its device, not an agent).
    #[error("{0}")]
    NotAllowed(String),
}

/// The context of a transaction: what caused the change, for the events it produces.
#[derive(Debug, Clone, Default)]
struct Tx {
    /// `cause` of the call events.
    cause: Option<CallCause>,
    /// Calls renamed: (old callRef, surviving callRef), for `previousCallRef`.
    renames: Vec<(String, String)>,
    /// `newDestination` of the removals (redirect, forward).
    new_destination: Option<String>,
    /// Logins whose events come first, in this order (the actor, then the called party).
    order: Vec<String>,
}

/// A simulated contact centre.
pub struct Simulator {
    scenario: Scenario,
    now: Millis,
    rng: StdRng,
    calls: BTreeMap<String, SimCall>,
    agents: BTreeMap<String, AgentSim>,
    services: BTreeMap<String, model::UserServices>,
    timers: BinaryHeap<Reverse<(Millis, u64, model::Timer)>>,
    timer_seq: u64,
    next_call: u64,
    next_party: u64,
    next_record: i64,
    events: VecDeque<(String, Event)>,
    pending_records: Vec<(String, Event)>,
    tx: Tx,
    /// Every user's view when the current transaction began.
    baseline: BTreeMap<String, view::UserView>,
    calls_per_minute: f64,
}

/// Summary of a live call, for the scenario API.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveCall {
    /// Its callRef.
    pub call_ref: String,
    /// The pilot, for ACD calls.
    pub pilot: Option<String>,
    /// `queued`, `ringing` or `talking`.
    pub status: &'static str,
    /// Numbers of its parties.
    pub parties: Vec<String>,
}

/// Summary of an agent, for the scenario API.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveAgent {
    /// Login.
    pub login: String,
    /// Number.
    pub number: String,
    /// Driven by the simulator.
    pub bot: bool,
    /// Processing group.
    pub group: Option<String>,
    /// O2G sub-state, or `LOG_OFF`.
    pub state: String,
}

impl Simulator {
    /// A simulator for `scenario`, its randomness seeded with `seed`. Bots are logged on and
    /// ready at time 0; the first external call is scheduled from time 0.
    pub fn new(scenario: Scenario, seed: u64) -> Simulator {
        let calls_per_minute = scenario.traffic.calls_per_minute;
        let mut sim = Simulator {
            now: 0,
            rng: StdRng::seed_from_u64(seed),
            calls: BTreeMap::new(),
            agents: BTreeMap::new(),
            services: BTreeMap::new(),
            timers: BinaryHeap::new(),
            timer_seq: 0,
            next_call: 0,
            next_party: 0,
            next_record: 0,
            events: VecDeque::new(),
            pending_records: Vec::new(),
            tx: Tx::default(),
            baseline: BTreeMap::new(),
            calls_per_minute,
            scenario,
        };
        sim.populate();
        sim.schedule_next_arrival();
        sim
    }

    /// Overrides the traffic rate (calls per minute over all pilots; 0 stops the traffic).
    pub fn set_calls_per_minute(&mut self, rate: f64) {
        let was_off = self.calls_per_minute <= 0.0;
        self.calls_per_minute = if rate.is_finite() { rate.max(0.0) } else { 0.0 };
        if was_off {
            self.schedule_next_arrival();
        }
    }

    fn populate(&mut self) {
        for user in &self.scenario.users {
            let login = user.login_name();
            self.services
                .insert(login.clone(), model::UserServices::default());
            if user.role == Role::User {
                continue;
            }
            self.agents.insert(
                login.clone(),
                AgentSim {
                    number: user.number.clone(),
                    login,
                    supervisor: user.role == Role::Supervisor,
                    bot: false,
                    pro_acd: user.pro_acd.clone(),
                    groups: user.groups.clone(),
                    skills: user
                        .skills
                        .iter()
                        .map(|s| (s.number, s.level, true))
                        .collect(),
                    logged: None,
                    help_from: None,
                    supervising: None,
                    listening: None,
                },
            );
        }
        for bot in &self.scenario.bots {
            let login = bot.login_name();
            self.services
                .insert(login.clone(), model::UserServices::default());
            self.agents.insert(
                login.clone(),
                AgentSim {
                    number: bot.number.clone(),
                    login,
                    supervisor: false,
                    bot: true,
                    pro_acd: Some(bot.pro_acd.clone()),
                    groups: vec![bot.group.clone()],
                    skills: Vec::new(),
                    logged: Some(LoggedOn {
                        device: bot.pro_acd.clone(),
                        group: Some(bot.group.clone()),
                        activity: Activity::Ready,
                        idle_since: 0,
                    }),
                    help_from: None,
                    supervising: None,
                    listening: None,
                },
            );
        }
    }

    /// The scenario the simulator runs.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The simulator's time (the latest `now` it was given).
    pub fn now(&self) -> Millis {
        self.now
    }

    /// Runs every timer (traffic, bots, patience, wrap-up) due up to `now`, in time order.
    pub fn advance(&mut self, now: Millis) {
        while let Some(Reverse((deadline, _, _))) = self.timers.peek() {
            if *deadline > now {
                break;
            }
            let Some(Reverse((deadline, _, timer))) = self.timers.pop() else {
                break;
            };
            self.now = self.now.max(deadline);
            self.fire(timer);
        }
        self.now = self.now.max(now);
    }

    /// When the next timer is due, if any.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.timers
            .peek()
            .map(|Reverse((deadline, _, _))| *deadline)
    }

    /// The next event to publish, with the login it concerns.
    pub fn poll_event(&mut self) -> Option<(String, Event)> {
        self.events.pop_front()
    }

    /// Handles one O2G request of the user `login` at `now` (timers due before run first).
    pub fn handle_request(
        &mut self,
        now: Millis,
        login: &str,
        request: SimRequest,
    ) -> Result<SimReply, SimError> {
        self.advance(now);
        if !self.services.contains_key(login) {
            return Err(SimError::NotAllowed(format!(
                "{login} is not a user of the PBX"
            )));
        }
        if request.is_read() {
            return self.read(login, request);
        }
        self.begin(Tx {
            order: vec![login.to_owned()],
            ..Tx::default()
        });
        let result = self.mutate(login, request);
        // A refused request changed nothing; the diff is then empty.
        self.commit();
        result
    }

    /// Places an external call on `pilot` now, from `caller` (random when absent).
    pub fn inject_call(
        &mut self,
        now: Millis,
        pilot: &str,
        caller: Option<&str>,
    ) -> Result<String, SimError> {
        self.advance(now);
        if !self.scenario.pilots.iter().any(|p| p.number == pilot) {
            return Err(SimError::NotFound(format!("No pilot {pilot}")));
        }
        if let Some(caller) = caller {
            if !calls::is_dialable(caller) {
                return Err(SimError::BadParameter(format!(
                    "{caller:?} is not a phone number"
                )));
            }
        }
        self.begin(Tx::default());
        let reference = self.external_arrival(pilot, caller.map(str::to_owned));
        self.commit();
        Ok(reference)
    }

    /// The live calls.
    pub fn live_calls(&self) -> Vec<LiveCall> {
        self.calls
            .values()
            .map(|call| LiveCall {
                call_ref: call.reference.clone(),
                pilot: call.acd.as_ref().map(|a| a.pilot.clone()),
                status: if call.is_queued() {
                    "queued"
                } else if call
                    .parties
                    .iter()
                    .any(|p| p.state == cti::o2g::telephony::MediaState::Active)
                {
                    "talking"
                } else {
                    "ringing"
                },
                parties: call
                    .parties
                    .iter()
                    .map(|p| p.endpoint.number().to_owned())
                    .collect(),
            })
            .collect()
    }

    /// Every agent and its state.
    pub fn live_agents(&self) -> Vec<LiveAgent> {
        self.agents
            .values()
            .map(|agent| {
                let state = self.agent_state_of(agent);
                LiveAgent {
                    login: agent.login.clone(),
                    number: agent.number.clone(),
                    bot: agent.bot,
                    group: agent.logged.as_ref().and_then(|l| l.group.clone()),
                    state: match state.sub_state {
                        Some(sub) => serde_json::to_value(sub)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        None => "LOG_OFF".to_owned(),
                    },
                }
            })
            .collect()
    }

    fn schedule(&mut self, at: Millis, timer: model::Timer) {
        self.timer_seq += 1;
        self.timers.push(Reverse((at, self.timer_seq, timer)));
    }

    /// Starts a transaction: remembers every view, to emit the difference at [`Self::commit`].
    fn begin(&mut self, tx: Tx) {
        self.baseline = self.world_view();
        self.tx = tx;
    }

    /// Ends the transaction: emits what changed since [`Self::begin`].
    fn commit(&mut self) {
        let before = std::mem::take(&mut self.baseline);
        self.emit_diff(before);
    }

    /// Emits what changed so far and goes on in a new step of the same transaction, so that an
    /// intermediate state is seen (READY before the BUSY of the next distributed call).
    fn checkpoint(&mut self) {
        self.commit();
        let order = std::mem::take(&mut self.tx.order);
        self.begin(Tx {
            order,
            ..Tx::default()
        });
    }

    fn fire(&mut self, timer: model::Timer) {
        self.begin(Tx::default());
        match timer {
            model::Timer::NextArrival => self.next_arrival(),
            model::Timer::Abandon { call } => self.abandon(&call),
            model::Timer::AutoAnswer { call, number } => self.auto_answer(&call, &number),
            model::Timer::AutoHangUp { call, number } => self.auto_hang_up(&call, &number),
            model::Timer::NoAnswer { call, number } => self.no_answer(&call, &number),
            model::Timer::WrapUpEnd { login } => self.wrap_up_end(&login),
        }
        self.commit();
    }

    fn mutate(&mut self, login: &str, request: SimRequest) -> Result<SimReply, SimError> {
        if request.is_agent() {
            return self.agent_request(login, request);
        }
        if request.is_service() {
            return self.service_request(login, request);
        }
        self.call_request(login, request)
    }

    /// The login behind a user or bot number.
    fn login_of_number(&self, number: &str) -> Option<String> {
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
    fn person(&self, login: &str) -> Option<(String, String, String)> {
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

    /// The devices a login may act on: its own number, and its pro-ACD set while logged on.
    fn devices_of(&self, login: &str) -> Vec<String> {
        let mut devices: Vec<String> = self.person(login).map(|p| p.0).into_iter().collect();
        if let Some(logged) = self.agents.get(login).and_then(|a| a.logged.as_ref()) {
            if !devices.contains(&logged.device) {
                devices.push(logged.device.clone());
            }
        }
        devices
    }

    fn random_unit(&mut self) -> f64 {
        use rand::Rng;
        self.rng.random::<f64>()
    }

    /// An exponentially distributed duration of mean `mean_ms`, at least `floor_ms`.
    fn exponential(&mut self, mean_ms: u64, floor_ms: u64) -> Millis {
        let unit = self.random_unit();
        let sample = -(mean_ms as f64) * (1.0 - unit).ln();
        // Saturating float-to-int conversion: `as` clamps, and the sample is finite here.
        (sample as u64).max(floor_ms)
    }
}

#[cfg(test)]
mod tests;
