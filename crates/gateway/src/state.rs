//! Shared state of the gateway's handlers.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::clock::{Clock, Millis};
use crate::embed::policy::EmbedPolicy;
use crate::events::HubConfig;
use crate::fronts::finesse::sim::FinesseFront;
use crate::fronts::o2g::filter::O2gHub;
use crate::fronts::xuc::sim::XucFront;
use crate::fronts::xuc::tokens::XucTokens;
use crate::fronts::FrontInfo;
use crate::proxy::upstream::Upstream;
use crate::resilience::Resilience;
use crate::scenario::{Logins, Scenario};
use crate::sessions::{CookieMode, Sessions};
use crate::sim_driver::SimHandle;
use crate::web::Console;
use crate::world::Part;

/// What answers the API behind the gateway.
#[derive(Clone)]
pub enum Backend {
    /// The built-in contact centre, spoken to through its fronts.
    Simulated(SimHandle),
    /// A real O2G server, `/api/rest/**` forwarded to it; no simulator is built.
    Proxy(Upstream),
}

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Who exists in the simulated contact centre (and the demo's customers).
    pub scenario: Arc<Scenario>,
    /// The scenario's users by login name, for signing in.
    pub logins: Arc<Logins>,
    /// Credentials and sessions.
    pub sessions: Arc<Sessions>,
    /// The gateway's notion of now.
    pub clock: Clock,
    /// Unix time (ms) at which the clock read zero, to write dates.
    pub epoch_unix_ms: u64,
    /// Folder of the built widget.
    pub dist_dir: PathBuf,
    /// Where the O2G front's events go to reach their subscribers.
    pub events: Arc<O2gHub>,
    /// The simulated contact centre, or the upstream in proxy mode.
    pub backend: Backend,
    /// Who may embed the widget, where the gateway listens, the violations reported.
    pub embed: Arc<EmbedPolicy>,
    /// How the session cookie is scoped (same-site, or cross-site embedding).
    pub cookie_mode: CookieMode,
    /// The XuC front's sign-in tokens.
    pub xuc_tokens: Arc<XucTokens>,
    /// The report API's clients and bearer tokens (`fronts::vonage`).
    pub stats_tokens: Arc<crate::fronts::vonage::token::StatsTokens>,
    /// The one protocol the sign-in form offers (`--backend`), else every front.
    pub pinned_backend: Option<FrontInfo>,
    /// The consoles built for other entry points than the main one (`--console`).
    pub consoles: Arc<Vec<Console>>,
    /// Rate limits, the scenario API's access, socket slots, the shutdown signal (issue 17).
    pub resilience: Arc<Resilience>,
    /// The simulator told when a user's last session ends (the backend's, kept in step with
    /// it by [`AppState::with_simulator`] and [`AppState::proxying`]).
    session_ends: Arc<Mutex<Option<SimHandle>>>,
}

impl AppState {
    /// State for a scenario, serving the widget from `dist_dir`; the simulator runs with seed
    /// 0, the scenario's traffic and real-time speed (see [`AppState::with_simulator`]).
    pub fn new(scenario: Scenario, clock: Clock, dist_dir: PathBuf) -> AppState {
        AppState::with_hub(scenario, clock, dist_dir, HubConfig::default())
    }

    /// State with event-delivery tunables (tests shorten the keep-alive, benches the queue).
    pub fn with_hub(
        scenario: Scenario,
        clock: Clock,
        dist_dir: PathBuf,
        hub: HubConfig,
    ) -> AppState {
        let events = Arc::new(O2gHub::new(hub));
        let sim = SimHandle::new(
            crate::sim_driver::simulator(scenario.clone(), 0),
            events.clone(),
            1.0,
        );
        AppState::serving(scenario, clock, dist_dir, events, Backend::Simulated(sim))
    }

    /// State in proxy mode: the API is forwarded to `upstream` and no simulator is built;
    /// `scenario` only gives the demo site its customers.
    pub fn proxy(
        scenario: Scenario,
        clock: Clock,
        dist_dir: PathBuf,
        hub: HubConfig,
        upstream: Upstream,
    ) -> AppState {
        let events = Arc::new(O2gHub::new(hub));
        AppState::serving(scenario, clock, dist_dir, events, Backend::Proxy(upstream))
    }

    fn serving(
        scenario: Scenario,
        clock: Clock,
        dist_dir: PathBuf,
        events: Arc<O2gHub>,
        backend: Backend,
    ) -> AppState {
        let epoch_unix_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(0))
            .unwrap_or(0)
            .saturating_sub(clock.now());
        let simulator = match &backend {
            Backend::Simulated(sim) => {
                sim.with(|sim| {
                    sim.set_epoch(epoch_unix_ms);
                    set_front_epochs(sim, epoch_unix_ms);
                });
                Some(sim.clone())
            }
            Backend::Proxy(_) => None,
        };
        let session_ends = Arc::new(Mutex::new(simulator));
        let sessions = Arc::new(Sessions::default());
        // A session that ends takes its subscriptions with it; the user's last one leaves
        // nobody at the desk, so the simulated agent stops taking calls (decisions.md).
        let hub = Arc::clone(&events);
        let (ends, end_clock) = (Arc::clone(&session_ends), clock.clone());
        sessions.on_close(Box::new(move |ended| {
            hub.drop_session(ended.credential);
            if ended.last_of_login {
                if let Some(sim) = lock(&ends).as_ref() {
                    sim.session_ended(end_clock.now(), ended.login);
                }
            }
        }));
        AppState {
            logins: Arc::new(Logins::new(&scenario)),
            scenario: Arc::new(scenario),
            sessions,
            clock,
            epoch_unix_ms,
            dist_dir,
            events,
            backend,
            embed: Arc::new(EmbedPolicy::default()),
            cookie_mode: CookieMode::default(),
            xuc_tokens: Arc::new(XucTokens::default()),
            stats_tokens: Arc::new(crate::fronts::vonage::token::StatsTokens::demo()),
            pinned_backend: None,
            consoles: Arc::new(Vec::new()),
            resilience: Arc::new(Resilience::default()),
            session_ends,
        }
    }

    /// Replaces the simulator: `seed` for its randomness, `calls_per_minute` to override the
    /// scenario's traffic rate, `time_scale` simulated ms per clock ms.
    pub fn with_simulator(
        mut self,
        seed: u64,
        calls_per_minute: Option<f64>,
        time_scale: f64,
    ) -> AppState {
        let mut sim = crate::sim_driver::simulator((*self.scenario).clone(), seed);
        sim.set_epoch(self.epoch_unix_ms);
        set_front_epochs(&mut sim, self.epoch_unix_ms);
        if let Some(rate) = calls_per_minute {
            sim.set_calls_per_minute(rate);
        }
        let sim = SimHandle::new(sim, self.events.clone(), time_scale);
        *lock(&self.session_ends) = Some(sim.clone());
        self.backend = Backend::Simulated(sim);
        self
    }

    /// The same state keeping history (issue 15): the database in `data_dir` (created if
    /// missing; what a previous run left open is closed at its last write), the simulated
    /// world recording into it from now on, and, at first start, `history_days` of plausible
    /// past written by a background thread (joined by the returned handle; a restart does
    /// not backfill twice). In proxy mode there is no world, so no history.
    pub fn with_history(
        mut self,
        data_dir: &std::path::Path,
        history_days: u64,
        seed: u64,
    ) -> Result<(AppState, Option<std::thread::JoinHandle<()>>), crate::history::HistoryError> {
        use crate::history::{backfill::backfill, HistoryStore};
        let Backend::Simulated(sim) = &self.backend else {
            return Ok((self, None));
        };
        let mut store = HistoryStore::open_dir(data_dir)?;
        if let Some(last) = store.last_seen()? {
            store.close_open(last)?;
        }
        let needs_past = history_days > 0 && !store.backfilled()?;
        let sim = sim
            .clone()
            .keeping_history(Arc::new(Mutex::new(store)), self.epoch_unix_ms);
        *lock(&self.session_ends) = Some(sim.clone());
        self.backend = Backend::Simulated(sim);
        let backfilling = needs_past.then(|| {
            let (dir, scenario, until) = (
                data_dir.to_owned(),
                (*self.scenario).clone(),
                self.epoch_unix_ms,
            );
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let result = HistoryStore::open_dir(&dir)
                    .and_then(|mut past| backfill(&mut past, &scenario, seed, until, history_days));
                match result {
                    Ok(Some(done)) => tracing::info!(
                        days = done.days,
                        records = done.records,
                        ms = started.elapsed().as_millis(),
                        "history backfilled"
                    ),
                    Ok(None) => {}
                    Err(error) => tracing::warn!(%error, "history not backfilled"),
                }
            })
        });
        Ok((self, backfilling))
    }

    /// The same state offering only `front` to the sign-in form (`None`: every front).
    pub fn pinning(mut self, front: Option<FrontInfo>) -> AppState {
        self.pinned_backend = front;
        self
    }

    /// The same state, serving `consoles` beside the main one (`--console`).
    pub fn with_consoles(mut self, consoles: Vec<Console>) -> AppState {
        self.consoles = Arc::new(consoles);
        self
    }

    /// The page of the console that speaks `backend`: its own (`/xuc/`), else the main one.
    pub fn console_path(&self, backend: &str) -> String {
        self.consoles
            .iter()
            .find(|console| console.id == backend)
            .map_or_else(|| "/".to_owned(), Console::path)
    }

    /// The same state in proxy mode, forwarding the API to `upstream` (the simulator is
    /// dropped).
    pub fn proxying(mut self, upstream: Upstream) -> AppState {
        *lock(&self.session_ends) = None;
        self.backend = Backend::Proxy(upstream);
        self
    }

    /// The simulator, unless in proxy mode.
    pub fn simulator(&self) -> Option<&SimHandle> {
        match &self.backend {
            Backend::Simulated(sim) => Some(sim),
            Backend::Proxy(_) => None,
        }
    }

    /// The upstream, in proxy mode.
    pub fn upstream(&self) -> Option<&Upstream> {
        match &self.backend {
            Backend::Proxy(upstream) => Some(upstream),
            Backend::Simulated(_) => None,
        }
    }

    /// The same state with this embedding policy (allow-list and listeners).
    pub fn embedding(mut self, policy: EmbedPolicy) -> AppState {
        self.embed = Arc::new(policy);
        self
    }

    /// The same state with these protections.
    pub fn with_resilience(mut self, resilience: Resilience) -> AppState {
        self.resilience = Arc::new(resilience);
        self
    }

    /// The same state setting the session cookie in `mode`.
    pub fn with_cookie_mode(mut self, mode: CookieMode) -> AppState {
        self.cookie_mode = mode;
        self
    }

    /// Now, on the gateway's clock.
    pub fn now(&self) -> Millis {
        self.clock.now()
    }

    /// Now, as Unix milliseconds.
    pub fn now_unix_ms(&self) -> u64 {
        self.epoch_unix_ms.saturating_add(self.now())
    }
}

/// Tells the XuC and Finesse fronts the Unix time at which the world's clock read 0.
fn set_front_epochs(sim: &mut crate::sim_driver::Sim, epoch_unix_ms: u64) {
    let xuc: &mut XucFront = sim.world_mut().front_mut().part_mut();
    xuc.epoch_unix_ms = epoch_unix_ms;
    let finesse: &mut FinesseFront = sim.world_mut().front_mut().part_mut();
    finesse.epoch_unix_ms = epoch_unix_ms;
}

/// The slot's guard; a poisoned slot still holds a valid handle (it is only ever replaced).
fn lock(slot: &Mutex<Option<SimHandle>>) -> MutexGuard<'_, Option<SimHandle>> {
    slot.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
