//! The thin async shell around the sans-IO simulated world: one shared instance, ticked on a
//! real-time interval and after every request, each front's events pumped into that front's
//! event hub (O2G today: the [`Simulator`] and the [`O2gHub`]).

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::clock::{Clock, Millis};
use crate::fronts::finesse::hub::FinesseHub;
use crate::fronts::finesse::sim::{self as finesse, FinesseFront};
use crate::fronts::o2g::filter::O2gHub;
use crate::fronts::o2g::sim::{SimReply, SimRequest, Simulator};
use crate::fronts::xuc::hub::XucHub;
use crate::fronts::xuc::sim::{commands, XucFront};
use crate::history::HistoryStore;
use crate::world::Part;
use crate::world::{LiveAgent, LiveCall, WorldError};

/// The simulator with every front: O2G, and XuC and the Finesse connector beside it.
pub type Sim = Simulator<(XucFront, FinesseFront)>;

/// A simulator of `scenario` with every front (seed `seed`).
pub fn simulator(scenario: crate::scenario::Scenario, seed: u64) -> Sim {
    Simulator::with_front(
        scenario,
        seed,
        (XucFront::default(), FinesseFront::default()),
    )
}

/// How often the simulator is ticked in real time.
const TICK: Duration = Duration::from_millis(100);

/// The shared simulator, cheap to clone.
#[derive(Clone)]
pub struct SimHandle {
    sim: Arc<Mutex<Sim>>,
    events: Arc<O2gHub>,
    /// Where the XuC front's messages go to reach their sockets.
    xuc: Arc<XucHub>,
    /// Where the Finesse front's events go to reach their topics.
    finesse: Arc<FinesseHub>,
    /// Simulated milliseconds per clock millisecond (`--time-scale`).
    time_scale: f64,
    /// Where what the world records goes, once history is kept ([`SimHandle::keeping_history`]):
    /// the history database and the Unix time of the world's time 0.
    history: Option<(Arc<Mutex<HistoryStore>>, u64)>,
}

impl SimHandle {
    /// Wraps `sim`, publishing its O2G events to `events` (and its XuC messages to a hub of
    /// its own, [`SimHandle::xuc_hub`]).
    pub fn new(sim: Sim, events: Arc<O2gHub>, time_scale: f64) -> SimHandle {
        let time_scale = if time_scale.is_finite() && time_scale > 0.0 {
            time_scale
        } else {
            1.0
        };
        SimHandle {
            sim: Arc::new(Mutex::new(sim)),
            events,
            xuc: Arc::new(XucHub::default()),
            finesse: Arc::new(FinesseHub::default()),
            time_scale,
            history: None,
        }
    }

    /// The same handle, the world recording history into `store` from now on; the world's
    /// time 0 is `epoch_unix_ms`.
    pub fn keeping_history(
        mut self,
        store: Arc<Mutex<HistoryStore>>,
        epoch_unix_ms: u64,
    ) -> SimHandle {
        self.history = Some((store, epoch_unix_ms));
        let mut sim = self.lock();
        sim.world_mut().record_history(epoch_unix_ms);
        self.pump(&mut sim);
        drop(sim);
        self
    }

    /// The history database, when history is kept.
    pub fn history(&self) -> Option<&Arc<Mutex<HistoryStore>>> {
        self.history.as_ref().map(|(store, _)| store)
    }

    /// The simulator's time for a reading of the gateway clock.
    pub fn sim_time(&self, clock_now: Millis) -> Millis {
        // Float to int `as` saturates; times stay far below 2^53 ms.
        (clock_now as f64 * self.time_scale) as Millis
    }

    fn lock(&self) -> MutexGuard<'_, Sim> {
        // A panic while holding the lock cannot leave the simulator half-updated in a way
        // that matters more than stopping the demo: keep serving.
        self.sim
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn pump(&self, sim: &mut Sim) {
        // What the Finesse front asked of the world (and offers come due) first: their
        // events go out with the others.
        finesse::settle(sim.world_mut());
        while let Some((login, event)) = sim.poll_event() {
            self.events.publish(&login, event);
        }
        let xuc: &mut XucFront = sim.world_mut().front_mut().part_mut();
        while let Some((login, message)) = xuc.poll_event() {
            self.xuc.publish(&login, &message);
        }
        let finesse: &mut FinesseFront = sim.world_mut().front_mut().part_mut();
        while let Some((login, text)) = finesse.poll_event() {
            self.finesse.publish(&login, &text);
        }
        if let Some((history, epoch)) = &self.history {
            let records = sim.world_mut().drain_history();
            if !records.is_empty() {
                let now = sim.world().now();
                let mut store = history.lock().unwrap_or_else(|p| p.into_inner());
                if let Err(error) = store.apply(&records, epoch.saturating_add(now)) {
                    // The demo goes on without the history rather than stopping.
                    tracing::warn!(%error, "history not written");
                }
            }
        }
    }

    /// The Finesse front's topics.
    pub fn finesse_hub(&self) -> &Arc<FinesseHub> {
        &self.finesse
    }

    /// Handles one connector command (`jms_type`, `body`) sent by `sender` (`None`: through
    /// a broker), and publishes what it caused.
    pub fn finesse_command(
        &self,
        clock_now: Millis,
        sender: Option<&str>,
        jms_type: &str,
        body: &str,
    ) {
        let mut sim = self.lock();
        let now = self.sim_time(clock_now);
        finesse::commands::handle(sim.world_mut(), now, sender, jms_type, body);
        self.pump(&mut sim);
    }

    /// The XuC front's sockets.
    pub fn xuc_hub(&self) -> &Arc<XucHub> {
        &self.xuc
    }

    /// Handles one XuC command of `login`, publishes what it caused and answers what the
    /// requester is told directly.
    pub fn xuc_command(
        &self,
        clock_now: Millis,
        login: &str,
        command: cti::xuc::Command,
    ) -> Vec<cti::xuc::ServerMessage> {
        let mut sim = self.lock();
        let now = self.sim_time(clock_now);
        let replies = commands::handle(sim.world_mut(), now, login, command);
        self.pump(&mut sim);
        replies
    }

    /// Whether `login` is a supervisor of the scenario.
    pub fn is_supervisor(&self, login: &str) -> bool {
        self.lock()
            .world()
            .centre()
            .agent(login)
            .is_some_and(|a| a.supervisor)
    }

    /// Handles one O2G request of `login`, then publishes the events it caused.
    pub fn request(
        &self,
        clock_now: Millis,
        login: &str,
        request: SimRequest,
    ) -> Result<SimReply, WorldError> {
        let mut sim = self.lock();
        let reply = sim.handle_request(self.sim_time(clock_now), login, request);
        self.pump(&mut sim);
        reply
    }

    /// Runs `f` on the simulator brought up to `clock_now` (a supervisor's O2G resources,
    /// which are no world command), then publishes the events it caused.
    pub fn supervise<T>(&self, clock_now: Millis, f: impl FnOnce(&mut Sim) -> T) -> T {
        let mut sim = self.lock();
        sim.advance(self.sim_time(clock_now));
        let result = f(&mut sim);
        self.pump(&mut sim);
        result
    }

    /// Runs the simulator up to `clock_now` and publishes what happened.
    pub fn tick(&self, clock_now: Millis) {
        let mut sim = self.lock();
        sim.advance(self.sim_time(clock_now));
        self.pump(&mut sim);
    }

    /// The last session of `login` ended without a log-off (closed or expired): see
    /// [`Simulator::session_ended`].
    pub fn session_ended(&self, clock_now: Millis, login: &str) {
        let mut sim = self.lock();
        sim.session_ended(self.sim_time(clock_now), login);
        self.pump(&mut sim);
    }

    /// Places an external call on a pilot now.
    pub fn inject_call(
        &self,
        clock_now: Millis,
        pilot: &str,
        caller: Option<&str>,
    ) -> Result<String, WorldError> {
        let mut sim = self.lock();
        let reply = sim.inject_call(self.sim_time(clock_now), pilot, caller);
        self.pump(&mut sim);
        reply
    }

    /// Live calls.
    pub fn live_calls(&self) -> Vec<LiveCall> {
        self.lock().live_calls()
    }

    /// Agents and their states.
    pub fn live_agents(&self) -> Vec<LiveAgent> {
        self.lock().live_agents()
    }

    /// Runs `f` on the simulator (tests and diagnostics).
    pub fn with<T>(&self, f: impl FnOnce(&mut Sim) -> T) -> T {
        f(&mut self.lock())
    }

    /// Ticks the simulator on the real clock until the runtime stops. A manual clock only
    /// moves through `/api/sim/advance`, which ticks by itself.
    pub fn spawn_ticker(&self, clock: Clock) {
        if matches!(clock, Clock::Manual(_)) {
            return;
        }
        let handle = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(TICK);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            loop {
                every.tick().await;
                handle.tick(clock.now());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, DEFAULT_SCENARIO};

    fn handle(scale: f64) -> SimHandle {
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
        SimHandle::new(simulator(scenario, 0), Arc::new(O2gHub::default()), scale)
    }

    #[test]
    fn time_scale_multiplies_the_clock_and_nonsense_means_real_time() {
        assert_eq!(handle(2.0).sim_time(1_000), 2_000);
        assert_eq!(handle(0.5).sim_time(1_000), 500);
        for nonsense in [0.0, -3.0, f64::NAN, f64::INFINITY] {
            assert_eq!(handle(nonsense).sim_time(1_000), 1_000);
        }
    }

    #[test]
    fn events_reach_the_hub() {
        let handle = handle(1.0);
        handle.tick(120_000);
        assert!(handle.events.published() > 0, "bots and traffic publish");
    }
}
