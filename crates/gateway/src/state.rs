//! Shared state of the gateway's handlers.

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{Clock, Millis};
use crate::embed::EmbedPolicy;
use crate::events::{EventHub, HubConfig};
use crate::proxy::Upstream;
use crate::scenario::{Logins, Scenario};
use crate::sessions::{CookieMode, Sessions};
use crate::sim::Simulator;
use crate::sim_driver::SimHandle;

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Who exists in the simulated contact centre.
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
    /// Where events go to reach their subscribers.
    pub events: Arc<EventHub>,
    /// The simulated contact centre.
    pub sim: SimHandle,
    /// In proxy mode, the O2G server `/api/rest/**` is forwarded to.
    pub upstream: Option<Upstream>,
    /// Who may embed the widget, where the gateway listens, the violations reported.
    pub embed: Arc<EmbedPolicy>,
    /// How the session cookie is scoped (same-site, or cross-site embedding).
    pub cookie_mode: CookieMode,
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
        let epoch_unix_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(0))
            .unwrap_or(0)
            .saturating_sub(clock.now());
        let events = Arc::new(EventHub::new(hub));
        let sessions = Arc::new(Sessions::default());
        // A session that ends takes its subscriptions with it.
        let hub = Arc::clone(&events);
        sessions.on_close(Box::new(move |credential| hub.drop_session(credential)));
        let sim = SimHandle::new(Simulator::new(scenario.clone(), 0), events.clone(), 1.0);
        AppState {
            logins: Arc::new(Logins::new(&scenario)),
            scenario: Arc::new(scenario),
            sessions,
            clock,
            epoch_unix_ms,
            dist_dir,
            events,
            sim,
            upstream: None,
            embed: Arc::new(EmbedPolicy::default()),
            cookie_mode: CookieMode::default(),
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
        let mut sim = Simulator::new((*self.scenario).clone(), seed);
        if let Some(rate) = calls_per_minute {
            sim.set_calls_per_minute(rate);
        }
        self.sim = SimHandle::new(sim, self.events.clone(), time_scale);
        self
    }

    /// The same state in proxy mode, forwarding the API to `upstream`.
    pub fn proxying(mut self, upstream: Upstream) -> AppState {
        self.upstream = Some(upstream);
        self
    }

    /// The same state with this embedding policy (allow-list and listeners).
    pub fn embedding(mut self, policy: EmbedPolicy) -> AppState {
        self.embed = Arc::new(policy);
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
