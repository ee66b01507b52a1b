//! The event hub. This first version only counts what is published; subscriptions and their
//! channels (HTTP chunk, WebSocket) are added by the subscription work.

use std::sync::atomic::{AtomicU64, Ordering};

use cti::o2g::event::Event;

/// Fans events out to subscriptions.
#[derive(Debug, Default)]
pub struct EventHub {
    published: AtomicU64,
}

impl EventHub {
    /// Publishes an event concerning the user `login` (an O2G login name, `oxe70120`).
    /// Never blocks and never fails: a slow or absent consumer must not stall the simulator.
    pub fn publish(&self, login: &str, event: Event) {
        let _ = (login, event);
        self.published.fetch_add(1, Ordering::Relaxed);
    }

    /// How many events were published since start.
    pub fn published(&self) -> u64 {
        self.published.load(Ordering::Relaxed)
    }
}
