//! The simulated contact centre: one vendor-neutral world, sans-IO.
//!
//! [`World`] owns a simulated PBX and ACD built from a [`Scenario`]: users and their
//! devices, agents on pro-ACD sets, processing groups, pilots and their queues, colleague bots
//! and a traffic generator. Time only moves through [`World::advance`] and the `now` of
//! each command; randomness comes from one seeded generator, so the same seed and the same
//! inputs give the same trace.
//!
//! The world speaks no vendor protocol. Users act on it with [`Command`]s, fronts read it
//! through [`Centre`], and every change is a transaction whose steps the world hands to its
//! [`Front`] as they end ([`Front::step`]), with the state they leave: each front (O2G today,
//! under `fronts/`) turns that into its own protocol's events, so events, capabilities and
//! the answers of reads can never disagree.

mod acd;
mod callbacks;
mod calls;
mod centre;
mod command;
mod dial;
mod model;
mod recorder;
mod services;
mod supervision;
mod traffic;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::clock::Millis;
use crate::scenario::{Role, Scenario};

pub use centre::{Centre, Front, Notice, Part, Step};
pub use command::{Acted, Command, WorldError};
pub use model::{
    AcdInfo, Activity, AgentSim, CallbackSim, Cause, EndReason, Endpoint, Forward, ForwardTo,
    ForwardWhen, HistoryEntry, HistoryFilter, IntrusionChange, LegState, LoggedOn, Party,
    Recording, RecordingAction, Side, SimCall, Skill, Supervision, UserServices,
};
pub use recorder::{HistoryRecord, Recorder};

// One definition of a dialable number and of DTMF codes: the widget's.
pub use calls::{is_dialable, is_dtmf};

/// At most this many history entries per user (O2G keeps 100, L7789).
pub const HISTORY_LIMIT: usize = 100;

/// The context of a transaction: what caused the change, for the steps it produces.
#[derive(Debug, Clone, Default)]
struct Tx {
    /// Why calls changed.
    cause: Option<Cause>,
    /// Calls renamed: (old reference, surviving reference).
    renames: Vec<(String, String)>,
    /// Where removed calls went (redirect, forward).
    new_destination: Option<String>,
    /// Logins told first, in this order (the actor, then the called party).
    order: Vec<String>,
    /// What happened besides the state change, per login, in order.
    notices: Vec<(String, Notice)>,
}

/// A simulated contact centre, seen through the front `F`.
pub struct World<F> {
    scenario: Scenario,
    now: Millis,
    rng: StdRng,
    calls: BTreeMap<String, SimCall>,
    agents: BTreeMap<String, AgentSim>,
    services: BTreeMap<String, UserServices>,
    timers: BinaryHeap<Reverse<(Millis, u64, model::Timer)>>,
    timer_seq: u64,
    next_call: u64,
    next_party: u64,
    next_record: i64,
    /// After-call work given on live calls, by call and login, until their entries are
    /// written.
    account_info: BTreeMap<(String, String), model::AccountInfo>,
    callbacks: BTreeMap<String, CallbackSim>,
    next_ticket: u64,
    tx: Tx,
    calls_per_minute: f64,
    front: F,
    /// Writes what happened for the history database, once asked to ([`World::record_history`]).
    recorder: Option<Recorder>,
}

/// Summary of a live call, for the scenario API.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveCall {
    /// Its reference.
    pub call_ref: String,
    /// The pilot, for ACD calls.
    pub pilot: Option<String>,
    /// `queued`, `ringing` or `talking`.
    pub status: &'static str,
    /// Numbers of its parties.
    pub parties: Vec<String>,
    /// The supervisors in it and how (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supervisors: Vec<LiveSupervisor>,
}

/// A supervisor in a live call, for the scenario API.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LiveSupervisor {
    /// The supervisor's number.
    pub number: String,
    /// `listen` (heard by nobody), `whisper` (heard by the agent) or `barge` (heard by
    /// both).
    pub mode: &'static str,
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
    /// [`Activity::name`], or `LOG_OFF`.
    pub state: String,
}

impl<F: Front> World<F> {
    /// A world for `scenario`, its randomness seeded with `seed`, seen through `front`. Bots
    /// are logged on and ready at time 0; the first external call is scheduled from time 0.
    pub fn new(scenario: Scenario, seed: u64, front: F) -> World<F> {
        let calls_per_minute = scenario.traffic.calls_per_minute;
        let mut sim = World {
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
            account_info: BTreeMap::new(),
            callbacks: BTreeMap::new(),
            next_ticket: 0,
            tx: Tx::default(),
            calls_per_minute,
            scenario,
            front,
            recorder: None,
        };
        sim.populate();
        sim.schedule_next_arrival();
        sim.with_front(|front, centre| front.start(centre));
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
        for (l, list) in self.scenario.callbacks.iter().enumerate() {
            for (r, request) in list.requests.iter().enumerate() {
                let uuid = format!("cb-{}-{}", l + 1, r + 1);
                self.callbacks.insert(
                    uuid.clone(),
                    CallbackSim {
                        uuid,
                        list: l,
                        request: r,
                        taken_by: None,
                        ticket: None,
                        due_date: request.due_date.clone(),
                        period: request.period.clone(),
                    },
                );
            }
        }
        for user in &self.scenario.users {
            let login = user.login_name();
            self.services.insert(login.clone(), UserServices::default());
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
                        .map(|s| Skill {
                            number: s.number,
                            level: s.level,
                            active: true,
                        })
                        .collect(),
                    logged: None,
                    help_from: None,
                    supervising: None,
                    listening: None,
                    memberships: BTreeMap::new(),
                },
            );
        }
        for bot in &self.scenario.bots {
            let login = bot.login_name();
            self.services.insert(login.clone(), UserServices::default());
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
                        pause_after_call: false,
                    }),
                    help_from: None,
                    supervising: None,
                    listening: None,
                    memberships: BTreeMap::new(),
                },
            );
        }
    }

    /// Starts recording history (agents' activities, calls' journeys) from the world as it
    /// is now; `epoch_unix_ms` is the Unix time of the world's time 0. Drain what is recorded
    /// with [`World::drain_history`].
    pub fn record_history(&mut self, epoch_unix_ms: u64) {
        let mut recorder = Recorder::new(epoch_unix_ms);
        recorder.observe(&self.centre(), None);
        self.recorder = Some(recorder);
    }

    /// What was recorded since the last drain (nothing unless recording).
    pub fn drain_history(&mut self) -> Vec<HistoryRecord> {
        self.recorder
            .as_mut()
            .map(Recorder::drain)
            .unwrap_or_default()
    }

    /// The interaction id the history gives the call `reference` (recording or not).
    pub fn history_guid(&self, reference: &str) -> Option<String> {
        self.recorder.as_ref().map(|r| r.guid(reference))
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

    /// Whether `login` is a user (or bot) of the world.
    pub fn is_user(&self, login: &str) -> bool {
        self.services.contains_key(login)
    }

    /// Read access to the world as it is now.
    pub fn centre(&self) -> Centre<'_> {
        Centre::new(
            self.now,
            &self.scenario,
            &self.calls,
            &self.agents,
            &self.services,
            &self.callbacks,
        )
    }

    /// The front.
    pub fn front(&self) -> &F {
        &self.front
    }

    /// The front, to drain what it produced or keep its own per-user state.
    pub fn front_mut(&mut self) -> &mut F {
        &mut self.front
    }

    /// Runs `f` on the front with read access to the rest of the world (a front that shows
    /// what is not a step, as the Finesse front's preview offers, refreshes itself so).
    pub fn with_front(&mut self, f: impl FnOnce(&mut F, &Centre<'_>)) {
        let centre = Centre::new(
            self.now,
            &self.scenario,
            &self.calls,
            &self.agents,
            &self.services,
            &self.callbacks,
        );
        f(&mut self.front, &centre);
    }

    /// Carries out `command` of the user `login` at `now` (timers due before run first), as
    /// one transaction.
    pub fn act(&mut self, now: Millis, login: &str, command: Command) -> Result<Acted, WorldError> {
        self.advance(now);
        if !self.is_user(login) {
            return Err(WorldError::NotAllowed(format!(
                "{login} is not a user of the PBX"
            )));
        }
        self.begin(Tx {
            order: vec![login.to_owned()],
            ..Tx::default()
        });
        if command != Command::SessionEnded {
            // Someone is at the agent's desk again: its calls end as usual.
            if let Some(logged) = self.agents.get_mut(login).and_then(|a| a.logged.as_mut()) {
                logged.pause_after_call = false;
            }
        }
        let result = self.mutate(login, command);
        // A refused command changed nothing; the step then shows no difference.
        self.commit();
        result
    }

    /// Places an external call on `pilot` now, from `caller` (random when absent).
    pub fn inject_call(
        &mut self,
        now: Millis,
        pilot: &str,
        caller: Option<&str>,
    ) -> Result<String, WorldError> {
        self.advance(now);
        if !self.scenario.pilots.iter().any(|p| p.number == pilot) {
            return Err(WorldError::NotFound(format!("No pilot {pilot}")));
        }
        if let Some(caller) = caller {
            if !calls::is_dialable(caller) {
                return Err(WorldError::BadParameter(format!(
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
                } else if call.parties.iter().all(|p| p.state == LegState::Releasing) {
                    "failed"
                } else if call.parties.iter().any(|p| p.state == LegState::Active) {
                    "talking"
                } else {
                    "ringing"
                },
                parties: call
                    .parties
                    .iter()
                    .map(|p| p.endpoint.number().to_owned())
                    .collect(),
                supervisors: call
                    .parties
                    .iter()
                    .filter(|p| p.supervising)
                    .filter_map(|p| {
                        let (_, mode) =
                            self.agents.get(p.endpoint.login()?)?.supervising.as_ref()?;
                        Some(LiveSupervisor {
                            number: p.endpoint.number().to_owned(),
                            mode: match mode {
                                Supervision::Discrete => "listen",
                                Supervision::Restricted => "whisper",
                                Supervision::Normal => "barge",
                            },
                        })
                    })
                    .collect(),
            })
            .collect()
    }

    /// Every agent and its state.
    pub fn live_agents(&self) -> Vec<LiveAgent> {
        self.agents
            .values()
            .map(|agent| LiveAgent {
                login: agent.login.clone(),
                number: agent.number.clone(),
                bot: agent.bot,
                group: agent.logged.as_ref().and_then(|l| l.group.clone()),
                state: agent
                    .logged
                    .as_ref()
                    .map_or("LOG_OFF", |l| l.activity.name())
                    .to_owned(),
            })
            .collect()
    }

    fn schedule(&mut self, at: Millis, timer: model::Timer) {
        self.timer_seq += 1;
        self.timers.push(Reverse((at, self.timer_seq, timer)));
    }

    /// Starts a transaction. Nothing changes between transactions, so the state the front saw
    /// at the end of the last step is the state this one starts from.
    fn begin(&mut self, tx: Tx) {
        self.tx = tx;
    }

    /// Ends the transaction's step: the front sees the state it leaves.
    fn commit(&mut self) {
        let tx = std::mem::take(&mut self.tx);
        let step = Step {
            cause: tx.cause,
            renames: tx.renames,
            new_destination: tx.new_destination,
            order: tx.order.clone(),
            notices: tx.notices,
        };
        self.tx.order = tx.order;
        // Taken out for the step, so that it can watch the rest of the world.
        if let Some(mut recorder) = self.recorder.take() {
            recorder.observe(&self.centre(), Some(&step));
            self.recorder = Some(recorder);
        }
        self.with_front(|front, centre| front.step(centre, &step));
    }

    /// Ends this step and goes on in a new step of the same transaction, so that an
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
            model::Timer::ReleaseFailed { call } => self.release_failed(&call),
            model::Timer::WrapUpEnd { login } => self.wrap_up_end(&login),
        }
        self.commit();
    }

    fn mutate(&mut self, login: &str, request: Command) -> Result<Acted, WorldError> {
        if request.is_agent() {
            return self.agent_request(login, request);
        }
        if request.is_callback() {
            return self.callback_request(login, request);
        }
        if request.is_service() {
            return self.service_request(login, request);
        }
        self.call_request(login, request)
    }

    /// The login behind a user or bot number.
    fn login_of_number(&self, number: &str) -> Option<String> {
        self.centre().login_of_number(number)
    }

    /// The devices a login may act on: its own number, and its pro-ACD set while logged on.
    fn devices_of(&self, login: &str) -> Vec<String> {
        self.centre().devices_of(login)
    }

    /// Records a notice for `login`, told after the state change of the current step.
    fn notice(&mut self, login: &str, notice: Notice) {
        self.tx.notices.push((login.to_owned(), notice));
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
