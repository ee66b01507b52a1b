//! Time for the gateway. Handlers never call `Instant::now()` themselves, so that tests and the
//! simulator can run minutes of virtual time in milliseconds.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Milliseconds since the clock started.
pub type Millis = u64;

/// The real clock, or a manual one that only moves when told.
#[derive(Debug, Clone)]
pub enum Clock {
    /// Wall time since start-up.
    System(Instant),
    /// Virtual time, advanced by [`Clock::advance`].
    Manual(Arc<AtomicU64>),
}

impl Clock {
    /// The real clock, starting now.
    pub fn system() -> Clock {
        Clock::System(Instant::now())
    }

    /// A manual clock at zero.
    pub fn manual() -> Clock {
        Clock::Manual(Arc::new(AtomicU64::new(0)))
    }

    /// The current time.
    pub fn now(&self) -> Millis {
        match self {
            Clock::System(start) => u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
            Clock::Manual(now) => now.load(Ordering::Acquire),
        }
    }

    /// Moves a manual clock forward; the system clock ignores it.
    pub fn advance(&self, by: Duration) {
        if let Clock::Manual(now) = self {
            let by = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
            now.fetch_add(by, Ordering::AcqRel);
        }
    }
}

/// ISO 8601 dates live in the core (the Vonage codec reads them too); re-exported here for
/// the fronts.
pub use cti::iso8601::{iso8601, parse_iso8601};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = Clock::manual();
        assert_eq!(clock.now(), 0);
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now(), 90_000);
    }
}
