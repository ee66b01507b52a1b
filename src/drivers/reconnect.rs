//! The reconnection policy every driver's event stream follows: pure, so that it is tested
//! without a network and shared by every backend.
//!
//! A connection that was open and dropped starts over at once with a short wait; one that
//! never opened waits longer each time, 1 s doubling up to 30 s. A backend with a second
//! transport (O2G's chunk channel beside its WebSocket) alternates to it once the first has
//! failed a few times in a row.

/// Milliseconds to wait before attempt `failures + 1`: 1 s doubling up to 30 s.
pub fn backoff_ms(failures: u32) -> u32 {
    1_000u32.saturating_mul(1u32 << failures.min(5)).min(30_000)
}

/// After this many failures on the main transport, every other attempt uses the fallback.
const MAIN_TRANSPORT_TRIES: u32 = 2;

/// How the last attempt ended, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The connection was open, then dropped.
    Dropped,
    /// The connection never opened.
    NeverOpened,
}

/// The state of the policy: consecutive failures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reconnect {
    failures: u32,
}

impl Reconnect {
    /// Records how an attempt ended; returns how long to wait before the next one.
    pub fn after(&mut self, attempt: Attempt) -> u32 {
        match attempt {
            Attempt::Dropped => self.failures = 0,
            Attempt::NeverOpened => self.failures = self.failures.saturating_add(1),
        }
        backoff_ms(self.failures)
    }

    /// Consecutive failures, for the status badge.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Whether the next attempt should use the main transport (else the fallback).
    pub fn use_main_transport(&self) -> bool {
        self.failures < MAIN_TRANSPORT_TRIES || self.failures % 2 == 1
    }
}
