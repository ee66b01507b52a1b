//! Shared state of the gateway's handlers.

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{Clock, Millis};
use crate::events::{EventHub, HubConfig};
use crate::proxy::Upstream;
use crate::scenario::Scenario;
use crate::sessions::Sessions;

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Who exists in the simulated contact centre.
    pub scenario: Arc<Scenario>,
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
    /// In proxy mode, the O2G server `/api/rest/**` is forwarded to.
    pub upstream: Option<Upstream>,
}

impl AppState {
    /// State for a scenario, serving the widget from `dist_dir`.
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
        AppState {
            scenario: Arc::new(scenario),
            sessions,
            clock,
            epoch_unix_ms,
            dist_dir,
            events,
            upstream: None,
        }
    }

    /// The same state in proxy mode, forwarding the API to `upstream`.
    pub fn proxying(mut self, upstream: Upstream) -> AppState {
        self.upstream = Some(upstream);
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
