//! The messages the embedded widget ignored, counted per origin in a bounded table.
//!
//! Anyone can post a report (the widget does, from whatever page framed it), so the origin is
//! untrusted text: the table keeps at most a fixed number of origins, forgetting the one
//! reported least recently to admit a new one, and can never grow without bound.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

/// How many origins the gateway remembers by default.
pub const MAX_ORIGINS: usize = 256;

/// What is known of one origin's reports.
#[derive(Debug)]
struct Tally {
    count: u64,
    last_reason: String,
    /// Order of the latest report, to find the least recent one.
    last_seq: u64,
}

#[derive(Debug, Default)]
struct Table {
    by_origin: HashMap<String, Tally>,
    seq: u64,
}

/// The reports of one origin, as `GET /api/embed/violations` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViolationCount {
    /// The origin of the page whose message was ignored (as the widget saw it).
    pub origin: String,
    /// Reports received for it.
    pub count: u64,
    /// The reason of the latest one.
    pub last_reason: String,
}

/// Violation reports, counted per origin, at most `capacity` origins.
#[derive(Debug)]
pub struct ViolationLog {
    capacity: usize,
    table: Mutex<Table>,
}

impl Default for ViolationLog {
    fn default() -> Self {
        ViolationLog::with_capacity(MAX_ORIGINS)
    }
}

impl ViolationLog {
    /// A log remembering at most `capacity` origins (at least one).
    pub fn with_capacity(capacity: usize) -> ViolationLog {
        ViolationLog {
            capacity: capacity.max(1),
            table: Mutex::new(Table::default()),
        }
    }

    fn table(&self) -> std::sync::MutexGuard<'_, Table> {
        // Each critical section is a few field writes: a poisoned table is still consistent.
        self.table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts one report; returns how many this origin has now.
    pub fn record(&self, origin: &str, reason: &str) -> u64 {
        let mut table = self.table();
        table.seq += 1;
        let seq = table.seq;
        if let Some(tally) = table.by_origin.get_mut(origin) {
            tally.count = tally.count.saturating_add(1);
            tally.last_seq = seq;
            reason.clone_into(&mut tally.last_reason);
            return tally.count;
        }
        if table.by_origin.len() >= self.capacity {
            // A linear scan over a few hundred entries, only when a new origin arrives.
            let oldest = table
                .by_origin
                .iter()
                .min_by_key(|(_, tally)| tally.last_seq)
                .map(|(origin, _)| origin.clone());
            if let Some(oldest) = oldest {
                table.by_origin.remove(&oldest);
            }
        }
        table.by_origin.insert(
            origin.to_owned(),
            Tally {
                count: 1,
                last_reason: reason.to_owned(),
                last_seq: seq,
            },
        );
        1
    }

    /// Every origin remembered, the most reported first (then by origin).
    pub fn counts(&self) -> Vec<ViolationCount> {
        let mut counts: Vec<ViolationCount> = self
            .table()
            .by_origin
            .iter()
            .map(|(origin, tally)| ViolationCount {
                origin: origin.clone(),
                count: tally.count,
                last_reason: tally.last_reason.clone(),
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.origin.cmp(&b.origin)));
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_counted_per_origin_with_the_latest_reason() {
        let log = ViolationLog::default();
        assert_eq!(log.record("https://evil.test", "not allowed"), 1);
        assert_eq!(log.record("https://evil.test", "not the parent"), 2);
        assert_eq!(log.record("null", "not allowed"), 1);
        assert_eq!(
            log.counts(),
            vec![
                ViolationCount {
                    origin: "https://evil.test".into(),
                    count: 2,
                    last_reason: "not the parent".into()
                },
                ViolationCount {
                    origin: "null".into(),
                    count: 1,
                    last_reason: "not allowed".into()
                },
            ]
        );
    }

    #[test]
    fn a_full_log_forgets_the_origin_reported_least_recently() {
        let log = ViolationLog::with_capacity(2);
        log.record("a", "r");
        log.record("b", "r");
        log.record("a", "r");
        log.record("c", "r");
        let origins: Vec<String> = log.counts().into_iter().map(|c| c.origin).collect();
        assert_eq!(origins, ["a", "c"]);
    }
}
