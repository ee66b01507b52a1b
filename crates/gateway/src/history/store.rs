//! The history database: one SQLite file, two tables (activities, journey steps) and a
//! little metadata (when the world was last seen, whether the past was backfilled).

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::world::HistoryRecord;
use cti::report::{
    ActivityKind, AgentActivity, CallJourney, DeviceType, Interaction, InteractionStatus,
    JourneyStep, Presence, Workload,
};

/// What went wrong with the history database.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    /// SQLite refused (the file cannot be opened or written, or is not ours).
    #[error("history database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The data directory cannot be created.
    #[error("history directory {path}: {source}")]
    Directory {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A row holds a value the model does not know (the file was edited by hand).
    #[error("history database holds {0}")]
    Corrupt(String),
}

/// Which activities a window selects (the Vonage `include` parameter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Include {
    /// Those that started in the window.
    #[default]
    Started,
    /// Those that started or ended in it.
    StartedOrEnded,
    /// Those written (started, ended or changed) in it: what a poller has not seen yet.
    Processed,
}

/// A window of activities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityQuery {
    /// From (Unix ms, included).
    pub from: u64,
    /// To (Unix ms, excluded).
    pub to: u64,
    /// Which activities the window selects.
    pub include: Include,
    /// Only these agents (all when empty).
    pub agents: Vec<String>,
    /// Only these types, by rank (0 presence, 1 workload, 2 interaction; all when empty).
    pub types: Vec<u8>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS activities (
    id INTEGER PRIMARY KEY,
    agent TEXT NOT NULL,
    type INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER,
    processed_ms INTEGER NOT NULL,
    category TEXT,
    name TEXT,
    eligible INTEGER,
    status TEXT,
    reason TEXT,
    guid TEXT,
    medium TEXT,
    medium_manager TEXT,
    direction TEXT,
    channel TEXT,
    calls INTEGER,
    semi_live INTEGER,
    non_live INTEGER
);
CREATE INDEX IF NOT EXISTS activities_by_start ON activities (start_ms, agent, type);
CREATE INDEX IF NOT EXISTS activities_by_end ON activities (end_ms);
CREATE INDEX IF NOT EXISTS activities_by_processed ON activities (processed_ms);
CREATE INDEX IF NOT EXISTS activities_by_guid ON activities (guid);
CREATE TABLE IF NOT EXISTS journey_steps (
    id INTEGER PRIMARY KEY,
    journey TEXT NOT NULL,
    call_id TEXT NOT NULL,
    device TEXT NOT NULL,
    device_type TEXT NOT NULL,
    description TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER
);
CREATE INDEX IF NOT EXISTS steps_by_journey ON journey_steps (journey, start_ms, id);
";

/// The history database.
pub struct HistoryStore {
    conn: Connection,
    /// The recorder's activity keys of this run → row ids.
    activities: HashMap<u64, i64>,
    /// The recorder's step keys of this run → row ids.
    steps: HashMap<u64, i64>,
}

fn sql_int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn from_sql_int(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

impl HistoryStore {
    /// Opens (or creates) the database in `dir` (created if missing).
    pub fn open_dir(dir: &Path) -> Result<HistoryStore, HistoryError> {
        std::fs::create_dir_all(dir).map_err(|source| HistoryError::Directory {
            path: dir.display().to_string(),
            source,
        })?;
        HistoryStore::with(Connection::open(dir.join(super::DATABASE_FILE))?)
    }

    /// A database in memory (tests, and a gateway told to keep no history on disk).
    pub fn in_memory() -> Result<HistoryStore, HistoryError> {
        HistoryStore::with(Connection::open_in_memory()?)
    }

    fn with(conn: Connection) -> Result<HistoryStore, HistoryError> {
        // WAL: readers (report requests) do not wait for the writer (the world's ticks).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The backfill writes through a second connection while the live world writes.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(HistoryStore {
            conn,
            activities: HashMap::new(),
            steps: HashMap::new(),
        })
    }

    fn meta(&self, key: &str) -> Result<Option<u64>, HistoryError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .map(from_sql_int))
    }

    fn set_meta(&self, key: &str, value: u64) -> Result<(), HistoryError> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, sql_int(value)],
        )?;
        Ok(())
    }

    /// The latest time a run wrote (Unix ms), if any did.
    pub fn last_seen(&self) -> Result<Option<u64>, HistoryError> {
        self.meta("last_seen")
    }

    /// Whether the past was backfilled (it is, once, at first start).
    pub fn backfilled(&self) -> Result<bool, HistoryError> {
        Ok(self.meta("backfilled_days")?.is_some())
    }

    /// Notes that `days` of the past were backfilled.
    pub fn mark_backfilled(&self, days: u64) -> Result<(), HistoryError> {
        self.set_meta("backfilled_days", days)
    }

    /// Ends what a previous run (or a backfill) left open and began at or before `at`
    /// (Unix ms), at `at`: a stopped gateway saw nothing after its last write. What a live
    /// run opened later stays open. Forgets this connection's keys.
    pub fn close_open(&mut self, at: u64) -> Result<(), HistoryError> {
        let at = sql_int(at);
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE activities SET end_ms = MAX(start_ms, ?1), processed_ms = ?1,
               status = CASE WHEN type = 2 THEN 'Completed' ELSE status END
             WHERE end_ms IS NULL AND start_ms <= ?1",
            [at],
        )?;
        tx.execute(
            "UPDATE journey_steps SET end_ms = MAX(start_ms, ?1)
             WHERE end_ms IS NULL AND start_ms <= ?1",
            [at],
        )?;
        tx.commit()?;
        self.activities.clear();
        self.steps.clear();
        Ok(())
    }

    /// Writes what the world recorded, in one transaction; `now` (Unix ms) is when.
    pub fn apply(&mut self, records: &[HistoryRecord], now: u64) -> Result<(), HistoryError> {
        if records.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for record in records {
            match record {
                HistoryRecord::Opened { key, activity } => {
                    insert_activity(&tx, activity, now)?;
                    self.activities.insert(*key, tx.last_insert_rowid());
                }
                HistoryRecord::Closed { key, end, status } => {
                    if let Some(id) = self.activities.remove(key) {
                        tx.execute(
                            "UPDATE activities SET end_ms = MAX(start_ms, ?2), processed_ms = ?3,
                               status = COALESCE(?4, status) WHERE id = ?1",
                            params![
                                id,
                                sql_int(*end),
                                sql_int(now),
                                status.map(InteractionStatus::as_str)
                            ],
                        )?;
                    }
                }
                HistoryRecord::InteractionEnded { guid } => {
                    tx.execute(
                        "UPDATE activities SET status = 'Completed', processed_ms = ?2
                         WHERE guid = ?1 AND end_ms IS NOT NULL AND status <> 'Completed'",
                        params![guid, sql_int(now)],
                    )?;
                }
                HistoryRecord::StepOpened { key, journey, step } => {
                    tx.execute(
                        "INSERT INTO journey_steps
                           (journey, call_id, device, device_type, description, start_ms)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            journey,
                            step.call_id,
                            step.device,
                            step.device_type.as_str(),
                            step.description,
                            sql_int(step.start.unwrap_or(now)),
                        ],
                    )?;
                    self.steps.insert(*key, tx.last_insert_rowid());
                }
                HistoryRecord::StepClosed { key, end } => {
                    if let Some(id) = self.steps.remove(key) {
                        tx.execute(
                            "UPDATE journey_steps SET end_ms = MAX(start_ms, ?2) WHERE id = ?1",
                            params![id, sql_int(*end)],
                        )?;
                    }
                }
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('last_seen', ?1)
             ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)",
            [sql_int(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The activities `query` selects, in report order (start, agent, type, then as
    /// written). An ongoing activity has no duration.
    pub fn activities(&self, query: &ActivityQuery) -> Result<Vec<AgentActivity>, HistoryError> {
        self.activities_page(query, 0, usize::MAX)
            .map(|(items, _)| items)
    }

    /// One page of what `query` selects: at most `limit` activities after the first
    /// `offset`, and how many it selects in all.
    pub fn activities_page(
        &self,
        query: &ActivityQuery,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<AgentActivity>, u64), HistoryError> {
        let (filter, args) = selection(query);
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM activities WHERE {filter}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT agent, type, start_ms, end_ms, category, name, eligible, status, reason,
                    guid, medium, medium_manager, direction, channel, calls, semi_live, non_live
             FROM activities WHERE {filter}
             ORDER BY start_ms, agent, type, id LIMIT ? OFFSET ?"
        );
        let mut args = args;
        args.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
        args.push(i64::try_from(offset).unwrap_or(i64::MAX).into());
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(args), |row| {
            Ok(activity_row(row))
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok((out, from_sql_int(total)))
    }

    /// Every activity of `agent`, in order (tests and exports).
    pub fn activities_of(&self, agent: &str) -> Result<Vec<AgentActivity>, HistoryError> {
        self.activities(&ActivityQuery {
            from: 0,
            to: u64::MAX >> 1,
            agents: vec![agent.to_owned()],
            ..ActivityQuery::default()
        })
    }

    /// The agents with any activity.
    pub fn agents(&self) -> Result<Vec<String>, HistoryError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT DISTINCT agent FROM activities ORDER BY agent")?;
        let rows = statement.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The journey of the call `journey` (its interaction guid), if the history has it;
    /// durations of a step still open are `None`.
    pub fn journey(&self, journey: &str) -> Result<Option<CallJourney>, HistoryError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT call_id, device, device_type, description, start_ms, end_ms
             FROM journey_steps WHERE journey = ?1 ORDER BY start_ms, id",
        )?;
        let steps = statement
            .query_map([journey], |r| {
                let start = from_sql_int(r.get(4)?);
                Ok(JourneyStep {
                    call_id: r.get(0)?,
                    device: r.get(1)?,
                    device_type: DeviceType::from_wire(&r.get::<_, String>(2)?),
                    description: r.get(3)?,
                    start: Some(start),
                    duration: r
                        .get::<_, Option<i64>>(5)?
                        .map(|end| from_sql_int(end).saturating_sub(start)),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((!steps.is_empty()).then(|| CallJourney {
            call_id: journey.to_owned(),
            steps,
        }))
    }

    /// The journeys that began in `[from, to)`, newest first, at most `limit` ids.
    pub fn journeys_between(
        &self,
        from: u64,
        to: u64,
        limit: usize,
    ) -> Result<Vec<String>, HistoryError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT journey, MIN(start_ms) AS began FROM journey_steps GROUP BY journey
             HAVING began >= ?1 AND began < ?2 ORDER BY began DESC LIMIT ?3",
        )?;
        let rows = statement.query_map(
            params![
                sql_int(from),
                sql_int(to),
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            |r| r.get::<_, String>(0),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The `WHERE` clause of a query and its parameters. Agents and types filter in SQL: a
/// month of a hundred agents is read by pages.
fn selection(query: &ActivityQuery) -> (String, Vec<rusqlite::types::Value>) {
    let window = match query.include {
        Include::Started => "start_ms >= ?1 AND start_ms < ?2",
        Include::StartedOrEnded => {
            "((start_ms >= ?1 AND start_ms < ?2) OR (end_ms >= ?1 AND end_ms < ?2))"
        }
        Include::Processed => "processed_ms >= ?1 AND processed_ms < ?2",
    };
    let mut filter = window.to_owned();
    let mut args: Vec<rusqlite::types::Value> =
        vec![sql_int(query.from).into(), sql_int(query.to).into()];
    if !query.agents.is_empty() {
        let marks = vec!["?"; query.agents.len()].join(", ");
        filter.push_str(&format!(" AND agent IN ({marks})"));
        args.extend(query.agents.iter().map(|a| a.clone().into()));
    }
    if !query.types.is_empty() {
        let marks = vec!["?"; query.types.len()].join(", ");
        filter.push_str(&format!(" AND type IN ({marks})"));
        args.extend(query.types.iter().map(|t| i64::from(*t).into()));
    }
    (filter, args)
}

fn insert_activity(
    tx: &rusqlite::Transaction<'_>,
    activity: &AgentActivity,
    now: u64,
) -> Result<(), HistoryError> {
    let (mut category, mut name, mut eligible, mut status, mut reason) =
        (None, None, None, None, None);
    let (mut guid, mut medium, mut manager, mut direction, mut channel) =
        (None, None, None, None, None);
    let (mut calls, mut semi, mut non) = (None, None, None);
    match &activity.kind {
        ActivityKind::Presence(p) => {
            category = Some(p.category.as_str());
            name = Some(p.name.as_str());
            eligible = Some(p.eligible_for_routing);
        }
        ActivityKind::Workload(w) => {
            calls = Some(w.calls);
            semi = Some(w.semi_live);
            non = Some(w.non_live);
        }
        ActivityKind::Interaction(i) => {
            category = Some(i.category.as_str());
            status = Some(i.status.as_str());
            reason = i.reason.map(|r| r.as_str());
            guid = Some(i.guid.as_str());
            medium = Some(i.medium.as_str());
            manager = Some(i.medium_manager.as_str());
            direction = Some(i.direction.as_str());
            channel = i.channel.as_deref();
        }
    }
    tx.execute(
        "INSERT INTO activities (agent, type, start_ms, end_ms, processed_ms, category, name,
           eligible, status, reason, guid, medium, medium_manager, direction, channel, calls,
           semi_live, non_live)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            activity.agent_id,
            activity.kind.rank(),
            sql_int(activity.start),
            activity.end().map(sql_int),
            sql_int(now),
            category,
            name,
            eligible,
            status,
            reason,
            guid,
            medium,
            manager,
            direction,
            channel,
            calls,
            semi,
            non
        ],
    )?;
    Ok(())
}

fn corrupt(what: impl std::fmt::Display) -> HistoryError {
    HistoryError::Corrupt(what.to_string())
}

/// One row as an activity; the outer `Result` is SQLite's, the inner the model's.
fn activity_row(row: &Row<'_>) -> Result<AgentActivity, HistoryError> {
    let text = |i: usize| row.get::<_, Option<String>>(i);
    let start = from_sql_int(row.get(2)?);
    let end = row.get::<_, Option<i64>>(3)?.map(from_sql_int);
    let kind = match row.get::<_, u8>(1)? {
        0 => ActivityKind::Presence(Presence {
            category: text(4)?.unwrap_or_default().parse().map_err(corrupt)?,
            name: text(5)?.unwrap_or_default(),
            eligible_for_routing: row.get::<_, Option<bool>>(6)?.unwrap_or(false),
        }),
        1 => ActivityKind::Workload(Workload {
            calls: row.get::<_, Option<u32>>(14)?.unwrap_or(0),
            semi_live: row.get::<_, Option<u32>>(15)?.unwrap_or(0),
            non_live: row.get::<_, Option<u32>>(16)?.unwrap_or(0),
        }),
        2 => ActivityKind::Interaction(Interaction {
            category: text(4)?.unwrap_or_default().parse().map_err(corrupt)?,
            status: text(7)?.unwrap_or_default().parse().map_err(corrupt)?,
            reason: text(8)?.map(|r| r.parse()).transpose().map_err(corrupt)?,
            guid: text(9)?.unwrap_or_default(),
            medium: text(10)?.unwrap_or_default(),
            medium_manager: text(11)?.unwrap_or_default(),
            direction: text(12)?.unwrap_or_default().parse().map_err(corrupt)?,
            channel: text(13)?,
        }),
        other => return Err(corrupt(format!("activity type {other}"))),
    };
    Ok(AgentActivity {
        agent_id: row.get(0)?,
        start,
        duration: end.map(|e| e.saturating_sub(start)),
        kind,
    })
}
