//! Time as the core sees it: a point in milliseconds handed in by the caller.
//!
//! `std::time::Instant` and `SystemTime` panic or do not exist on `wasm32-unknown-unknown`,
//! and a sans-IO core must not read a clock anyway: the host reads `performance.now()` (or
//! `Instant::now()` natively) and passes the value in. Only differences between two values
//! mean anything; the epoch is whatever the host chose.

use core::time::Duration;

/// A monotonic point in time, in milliseconds since an epoch chosen by the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(u64);

impl Instant {
    /// The caller's epoch itself.
    pub const ZERO: Instant = Instant(0);

    /// The point `millis` milliseconds after the caller's epoch.
    pub const fn from_millis(millis: u64) -> Instant {
        Instant(millis)
    }

    /// Milliseconds since the caller's epoch.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// Time elapsed from `earlier` to `self`, zero if `earlier` is in fact later (a host clock
    /// that stepped back must not make durations negative or panic).
    pub fn saturating_duration_since(self, earlier: Instant) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0))
    }

    /// `self + duration`, saturating at the far future.
    pub fn saturating_add(self, duration: Duration) -> Instant {
        let millis = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
        Instant(self.0.saturating_add(millis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_never_go_negative() {
        let a = Instant::from_millis(1_000);
        let b = Instant::from_millis(4_500);
        assert_eq!(b.saturating_duration_since(a), Duration::from_millis(3_500));
        assert_eq!(a.saturating_duration_since(b), Duration::ZERO);
        assert_eq!(
            a.saturating_add(Duration::from_secs(2)),
            Instant::from_millis(3_000)
        );
        assert_eq!(
            Instant::from_millis(u64::MAX)
                .saturating_add(Duration::from_secs(1))
                .as_millis(),
            u64::MAX
        );
    }
}
