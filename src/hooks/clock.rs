//! `use_clock`: a `now` signal that ticks every second, for the timers on screen.

use cti::model::Instant;
use leptos::prelude::*;
use std::time::Duration;

use crate::browser::now;

/// The current time (`performance.now()`), updated every second while the owner lives.
pub fn use_clock() -> Signal<Instant> {
    let clock = RwSignal::new(now());
    let handle = set_interval_with_handle(move || clock.set(now()), Duration::from_secs(1));
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
    clock.into()
}
