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

/// Formats Unix milliseconds as the spec's UTC `dateTime`, `yyyy-MM-ddTHH:mm:ss.SSSZ` (L5218).
pub fn iso8601(unix_ms: u64) -> String {
    let (secs, ms) = (unix_ms / 1000, unix_ms % 1000);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_matches_the_spec_example_form() {
        // 2013-05-16T18:17:15.489Z is the example of L5218.
        assert_eq!(iso8601(1_368_728_235_489), "2013-05-16T18:17:15.489Z");
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = Clock::manual();
        assert_eq!(clock.now(), 0);
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now(), 90_000);
    }
}
