//! The history database (issue 15, point 2): a file under the data directory that a restart
//! keeps, what a stopped run left open closed at its last write, and the past backfilled
//! once, at first start.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

use cti::report::{ActivityKind, PresenceCategory};
use gateway::history::backfill::backfill;
use gateway::history::{ActivityQuery, HistoryStore, Include, DATABASE_FILE};
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::world::{Command, World};

const EPOCH: u64 = 1_764_576_000_000; // 2025-12-01T08:00:00Z, a Monday

fn scenario() -> Scenario {
    Scenario::parse(DEFAULT_SCENARIO).unwrap()
}

/// A run of the world from `epoch` for `ms`, its agent `oxe70120` logged on at 1 s.
fn run(store: &mut HistoryStore, epoch: u64, ms: u64) {
    let mut world = World::new(scenario(), 1, ());
    world.record_history(epoch);
    world
        .act(
            1_000,
            "oxe70120",
            Command::LogOn {
                device: "71120".into(),
                group: Some("60121".into()),
                ready: true,
                take_over: false,
            },
        )
        .unwrap();
    world.advance(ms);
    store.apply(&world.drain_history(), epoch + ms).unwrap();
}

#[test]
fn a_restart_keeps_the_history_and_closes_what_the_last_run_left_open() {
    let dir = tempfile::tempdir().unwrap();
    let first_count;
    {
        let mut store = HistoryStore::open_dir(dir.path()).unwrap();
        run(&mut store, EPOCH, 600_000);
        let mine = store.activities_of("oxe70120").unwrap();
        assert!(
            mine.iter().any(|a| a.duration.is_none()),
            "the run is still on"
        );
        first_count = mine.len();
        assert_eq!(store.last_seen().unwrap(), Some(EPOCH + 600_000));
    }
    assert!(dir.path().join(DATABASE_FILE).exists());
    // The gateway stops, then starts again an hour later.
    let mut store = HistoryStore::open_dir(dir.path()).unwrap();
    let last = store.last_seen().unwrap().unwrap();
    store.close_open(last).unwrap();
    let kept = store.activities_of("oxe70120").unwrap();
    assert_eq!(kept.len(), first_count, "nothing lost");
    assert!(kept
        .iter()
        .all(|a| a.end().is_some_and(|e| e <= EPOCH + 600_000)));
    run(&mut store, EPOCH + 3_600_000, 60_000);
    let both = store.activities_of("oxe70120").unwrap();
    assert!(both.len() > first_count);
    // The presence lane never overlaps across the two runs.
    let lane: Vec<_> = both
        .iter()
        .filter(|a| matches!(a.kind, ActivityKind::Presence(_)))
        .collect();
    for pair in lane.windows(2) {
        assert!(pair[0].end().unwrap_or(u64::MAX) <= pair[1].start);
    }
    // The bots took calls: there are journeys, and each reads back.
    let journeys = store
        .journeys_between(EPOCH, EPOCH + 2 * 3_600_000, 1000)
        .unwrap();
    assert!(!journeys.is_empty());
    for id in journeys {
        let journey = store.journey(&id).unwrap().unwrap();
        assert!(!journey.steps.is_empty());
    }
}

#[test]
fn windows_select_by_start_end_or_write_time_and_filter_agents_and_types() {
    let mut store = HistoryStore::in_memory().unwrap();
    run(&mut store, EPOCH, 3_600_000);
    let query = |include, from, to| ActivityQuery {
        from,
        to,
        include,
        agents: vec!["oxe70120".into()],
        types: vec![0],
    };
    // A's presence: LoggedOut from 0, Ready from 1 s (still on).
    let started = store
        .activities(&query(Include::Started, EPOCH + 500, EPOCH + 3_600_000))
        .unwrap();
    assert_eq!(started.len(), 1);
    assert!(
        matches!(&started[0].kind, ActivityKind::Presence(p) if p.category == PresenceCategory::Ready)
    );
    let ended = store
        .activities(&query(
            Include::StartedOrEnded,
            EPOCH + 500,
            EPOCH + 3_600_000,
        ))
        .unwrap();
    assert_eq!(ended.len(), 2, "the LoggedOut that ended at 1 s too");
    let processed = store
        .activities(&query(
            Include::Processed,
            EPOCH + 3_600_000,
            EPOCH + 3_600_001,
        ))
        .unwrap();
    assert_eq!(processed.len(), 2, "both were written by the last flush");
    // Sorted by start, agent, type.
    let all = store
        .activities(&ActivityQuery {
            from: EPOCH,
            to: EPOCH + 3_600_000,
            ..ActivityQuery::default()
        })
        .unwrap();
    for pair in all.windows(2) {
        assert!(
            pair[0].report_order(&pair[1]).is_le(),
            "{:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn the_past_is_backfilled_once_with_working_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = HistoryStore::open_dir(dir.path()).unwrap();
    let until = EPOCH + 2 * 3_600_000; // Monday 10:00
    let done = backfill(&mut store, &scenario(), 3, until, 3)
        .unwrap()
        .unwrap();
    // Friday, (no weekend), Monday morning: two working days.
    assert_eq!(done.days, 2);
    assert!(done.records > 100);
    let agents = store.agents().unwrap();
    assert!(
        agents.contains(&"oxe70120".to_string()),
        "human agents have a past too"
    );
    let mine = store.activities_of("oxe70120").unwrap();
    assert!(
        mine.iter().all(|a| a.duration.is_some()),
        "nothing left open"
    );
    assert!(mine.iter().all(|a| a.end().unwrap() <= until));
    let lunch = mine.iter().any(|a| {
        matches!(&a.kind, ActivityKind::Presence(p)
            if p.category == PresenceCategory::ExtendedAway && p.name == "Lunch")
    });
    assert!(lunch, "a lunch break on Friday");
    assert!(mine
        .iter()
        .any(|a| matches!(a.kind, ActivityKind::Interaction(_))));
    let rows = store.activities_of("oxe70150").unwrap().len();
    drop(store);
    // A restart does not backfill twice.
    let mut store = HistoryStore::open_dir(dir.path()).unwrap();
    assert!(store.backfilled().unwrap());
    assert_eq!(
        backfill(&mut store, &scenario(), 3, until, 3).unwrap(),
        None
    );
    assert_eq!(store.activities_of("oxe70150").unwrap().len(), rows);
}

#[test]
fn the_gateway_keeps_history_across_a_restart_and_backfills_once() {
    use gateway::clock::Clock;
    use gateway::state::AppState;
    let dir = tempfile::tempdir().unwrap();
    let start = |days| {
        let state = AppState::new(scenario(), Clock::manual(), dir.path().join("dist"))
            .with_simulator(5, None, 1.0);
        let (state, backfill) = state.with_history(dir.path(), days, 5).unwrap();
        if let Some(thread) = backfill {
            thread.join().unwrap();
        }
        state
    };
    let state = start(7);
    let sim = state.simulator().unwrap().clone();
    sim.tick(30 * 60_000); // half an hour of live traffic
    let epoch = state.epoch_unix_ms;
    let count = |sim: &gateway::sim_driver::SimHandle, from: u64, to: u64| {
        let store = sim.history().unwrap().lock().unwrap();
        store
            .activities(&ActivityQuery {
                from,
                to,
                ..ActivityQuery::default()
            })
            .unwrap()
            .len()
    };
    let past = count(&sim, 0, epoch);
    let live = count(&sim, epoch, u64::MAX >> 1);
    assert!(past > 100, "a week of past: {past}");
    assert!(live > 10, "the live half hour: {live}");
    drop((state, sim));
    // Restarted: the same past (no second backfill), the live part kept.
    let again = start(7);
    let sim = again.simulator().unwrap().clone();
    assert_eq!(count(&sim, 0, epoch), past);
    assert!(
        count(&sim, epoch, u64::MAX >> 1) >= live,
        "the live part kept"
    );
}
