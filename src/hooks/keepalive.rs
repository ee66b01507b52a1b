//! `use_keepalive`: keeps the backend's session open while the console is shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

use crate::drivers::{DriverHandle, Liveness};

/// How often to send a keepalive for a session of `ttl_secs`: half the time-to-live, so one
/// lost keepalive is not fatal; at least every 30 s, at most every 15 min.
pub fn keepalive_period_ms(ttl_secs: Option<u32>) -> u64 {
    // Half an hour when the backend did not say: the usual default (O2G's documented one).
    let ttl = ttl_secs.unwrap_or(1800);
    (u64::from(ttl) * 1000 / 2).clamp(30_000, 900_000)
}

/// Sends `POST /sessions/keepalive` every [`keepalive_period_ms`]; `on_lost` runs when the
/// gateway says the session is gone.
pub fn use_keepalive(driver: DriverHandle, on_lost: impl Fn() + Clone + 'static) {
    let period = Duration::from_millis(keepalive_period_ms(driver.time_to_live()));
    let tick = move || {
        let keepalive = driver.keepalive();
        let on_lost = on_lost.clone();
        spawn_local(async move {
            if keepalive.await == Liveness::Lost {
                on_lost();
            }
        });
    };
    if let Ok(handle) = set_interval_with_handle(tick, period) {
        on_cleanup(move || handle.clear());
    }
}
