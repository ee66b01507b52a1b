//! `use_keepalive`: keeps the O2G session open while the console is shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

use crate::transport::O2gClient;

/// How often to send a keepalive for a session of `ttl_secs`: half the time-to-live, so one
/// lost keepalive is not fatal; at least every 30 s, at most every 15 min.
pub fn keepalive_period_ms(ttl_secs: Option<u32>) -> u64 {
    let ttl = ttl_secs.unwrap_or(cti::o2g::session::DEFAULT_TIME_TO_LIVE_SECS);
    (u64::from(ttl) * 1000 / 2).clamp(30_000, 900_000)
}

/// Sends `POST /sessions/keepalive` every [`keepalive_period_ms`]; `on_lost` runs when the
/// gateway says the session is gone.
pub fn use_keepalive(
    client: O2gClient,
    ttl_secs: Option<u32>,
    on_lost: impl Fn() + Clone + 'static,
) {
    let period = Duration::from_millis(keepalive_period_ms(ttl_secs));
    let tick = move || {
        let client = client.clone();
        let on_lost = on_lost.clone();
        spawn_local(async move {
            if let Err(error) = client.keepalive().await {
                if error.is_invalid_session() {
                    on_lost();
                }
            }
        });
    };
    if let Ok(handle) = set_interval_with_handle(tick, period) {
        on_cleanup(move || handle.clear());
    }
}
