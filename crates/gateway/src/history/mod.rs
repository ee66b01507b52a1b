//! The gateway's history database: what the simulated world recorded
//! ([`crate::world::HistoryRecord`]) kept in an embedded SQLite file under `--data-dir`, so
//! that a restart keeps it, and read back as the neutral report model for the report fronts.
//!
//! - [`store`]: the database (`HistoryStore`): writes records, answers activity windows and
//!   call journeys.
//! - [`backfill`]: plausible past days from the scenario's traffic, written once at first
//!   start (`--history-days`).

pub mod backfill;
pub mod store;

pub use store::{ActivityQuery, HistoryError, HistoryStore, Include};

/// The database file's name under the data directory.
pub const DATABASE_FILE: &str = "history.sqlite3";
