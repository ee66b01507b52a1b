//! The board's rules, one test each, and a property over random update streams: the counts
//! by state always match the agents, the waiting calls match what was queued, and every
//! level is what the thresholds say at that time.

use core::time::Duration;
use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::model::{Direction, Skill};

fn at(secs: u64) -> Instant {
    Instant::from_millis(secs * 1000)
}

fn state(agent: &str, state: AgentStatus) -> BoardUpdate {
    BoardUpdate::AgentState {
        agent: agent.into(),
        state,
        reason: None,
        since: None,
    }
}

fn agent(id: &str, groups: &[&str]) -> BoardUpdate {
    BoardUpdate::Agent(AgentInfo {
        name: Some(format!("Agent {id}")),
        groups: Some(groups.iter().map(|g| (*g).to_owned()).collect()),
        ..AgentInfo::new(id)
    })
}

fn queue(id: &str, groups: &[&str]) -> BoardUpdate {
    BoardUpdate::Queue(QueueInfo {
        name: Some(format!("Queue {id}")),
        kind: Some(QueueKind::Pilot),
        groups: Some(groups.iter().map(|g| (*g).to_owned()).collect()),
        ..QueueInfo::new(id)
    })
}

fn queued(q: &str, call: &str) -> BoardUpdate {
    BoardUpdate::CallQueued {
        queue: q.into(),
        call: call.into(),
        since: None,
    }
}

fn dequeued(q: &str, call: &str, outcome: QueueOutcome) -> BoardUpdate {
    BoardUpdate::CallDequeued {
        queue: q.into(),
        call: call.into(),
        outcome,
    }
}

fn quiet() -> Board {
    Board::new(BoardConfig {
        thresholds: Thresholds::none(),
        ..BoardConfig::default()
    })
}

fn drain_changes(board: &mut Board) -> Vec<Change> {
    std::iter::from_fn(|| board.poll_change()).collect()
}

fn drain_alerts(board: &mut Board) -> Vec<Alert> {
    std::iter::from_fn(|| board.poll_alert()).collect()
}

#[test]
fn an_agent_has_a_state_a_reason_and_a_time_in_it() {
    let mut board = quiet();
    board.apply(at(0), agent("60113", &["60121"]));
    let a = board.agent("60113").expect("created");
    assert_eq!(a.state(), AgentStatus::LoggedOut);
    assert_eq!(a.name(), Some("Agent 60113"));
    board.apply(
        at(10),
        BoardUpdate::AgentState {
            agent: "60113".into(),
            state: AgentStatus::Withdrawn,
            reason: Some("Lunch".into()),
            since: None,
        },
    );
    let a = board.agent("60113").expect("agent");
    assert_eq!(
        (a.state(), a.reason()),
        (AgentStatus::Withdrawn, Some("Lunch"))
    );
    assert_eq!(a.time_in_state(at(70)), Duration::from_secs(60));
    // The same state reported again keeps its start; a start the vendor gives wins.
    board.apply(
        at(20),
        BoardUpdate::AgentState {
            agent: "60113".into(),
            state: AgentStatus::Withdrawn,
            reason: Some("Lunch".into()),
            since: None,
        },
    );
    assert_eq!(board.agent("60113").map(BoardAgent::since), Some(at(10)));
    board.apply(
        at(30),
        BoardUpdate::AgentState {
            agent: "60113".into(),
            state: AgentStatus::Ready,
            reason: None,
            since: Some(at(25)),
        },
    );
    let a = board.agent("60113").expect("agent");
    assert_eq!((a.since(), a.reason()), (at(25), None));
    // A clock that steps back never makes a negative time.
    assert_eq!(a.time_in_state(at(1)), Duration::ZERO);
}

#[test]
fn an_agent_has_a_call_groups_and_skills() {
    let mut board = quiet();
    board.apply(
        at(0),
        BoardUpdate::Agent(AgentInfo {
            skills: Some(vec![Skill {
                number: 1,
                level: 3,
                active: true,
            }]),
            ..AgentInfo::new("a")
        }),
    );
    board.apply(
        at(1),
        BoardUpdate::AgentCall {
            agent: "a".into(),
            call: Some(AgentCall {
                reference: "c1".into(),
                direction: Direction::Incoming,
                party: Some("+33612345601".into()),
                queue: Some("60141".into()),
                since: at(1),
            }),
        },
    );
    let a = board.agent("a").expect("agent");
    assert_eq!(a.skills().len(), 1);
    let call = a.call().expect("call");
    assert_eq!(call.direction, Direction::Incoming);
    assert_eq!(call.queue.as_ref().map(QueueId::as_str), Some("60141"));
    board.apply(
        at(2),
        BoardUpdate::AgentCall {
            agent: "a".into(),
            call: None,
        },
    );
    assert!(board.agent("a").expect("agent").call().is_none());
}

#[test]
fn queues_count_the_agents_of_their_groups_by_state() {
    let mut board = quiet();
    board.apply(at(0), agent("a", &["sales"]));
    board.apply(at(0), agent("b", &["sales", "support"]));
    board.apply(at(0), agent("c", &["support"]));
    // A queue that appears after its agents counts them at once.
    board.apply(at(0), queue("60141", &["sales"]));
    board.apply(at(0), queue("60142", &["support"]));
    board.apply(at(1), state("a", AgentStatus::Ready));
    board.apply(at(1), state("b", AgentStatus::Busy));
    board.apply(at(1), state("c", AgentStatus::WrapUp));
    let sales = board.queue("60141").expect("queue").agents();
    assert_eq!((sales.ready, sales.busy, sales.logged_on()), (1, 1, 2));
    let support = board.queue("60142").expect("queue").agents();
    assert_eq!((support.busy, support.wrap_up, support.ready), (1, 1, 0));
    // b leaves support; c also serves sales directly.
    board.apply(at(2), agent("b", &["sales"]));
    board.apply(
        at(2),
        BoardUpdate::Agent(AgentInfo {
            queues: Some(vec!["60141".into()]),
            ..AgentInfo::new("c")
        }),
    );
    let sales = board.queue("60141").expect("queue").agents();
    assert_eq!((sales.ready, sales.busy, sales.wrap_up), (1, 1, 1));
    let support = board.queue("60142").expect("queue").agents();
    assert_eq!((support.busy, support.wrap_up), (0, 1));
    board.apply(at(3), state("a", AgentStatus::LoggedOut));
    board.apply(at(3), BoardUpdate::AgentRemoved("b".into()));
    let sales = board.queue("60141").expect("queue").agents();
    assert_eq!(
        (sales.ready, sales.busy, sales.wrap_up, sales.logged_out),
        (0, 0, 1, 1)
    );
}

#[test]
fn waiting_calls_longest_wait_handled_abandoned_and_service_level() {
    let mut board = quiet();
    board.apply(at(0), queue("q", &[]));
    board.apply(at(0), queued("q", "c1"));
    board.apply(at(5), queued("q", "c2"));
    board.apply(
        at(6),
        BoardUpdate::CallQueued {
            queue: "q".into(),
            call: "c3".into(),
            since: Some(at(3)),
        },
    );
    let q = board.queue("q").expect("queue");
    assert_eq!(q.waiting(), 3);
    assert_eq!(q.longest_wait(at(10)), Some(Duration::from_secs(10)));
    assert_eq!(q.service_level(), None, "no call answered or abandoned yet");
    // c1 answered after 12 s (in the 20 s target), c3 answered after 27 s (late), c2
    // abandoned after 10 s (within the target: not counted), c4 abandoned after 30 s.
    board.apply(at(12), dequeued("q", "c1", QueueOutcome::Answered));
    assert_eq!(
        board.queue("q").and_then(|q| q.longest_wait(at(12))),
        Some(Duration::from_secs(9)),
        "c3 is now the oldest"
    );
    board.apply(at(15), dequeued("q", "c2", QueueOutcome::Abandoned));
    board.apply(at(30), dequeued("q", "c3", QueueOutcome::Answered));
    board.apply(at(30), queued("q", "c4"));
    board.apply(at(60), dequeued("q", "c4", QueueOutcome::Abandoned));
    board.apply(at(60), queued("q", "c5"));
    board.apply(at(61), dequeued("q", "c5", QueueOutcome::Overflowed));
    let q = board.queue("q").expect("queue");
    assert_eq!((q.waiting(), q.longest_wait(at(70))), (0, None));
    assert_eq!((q.handled(), q.abandoned()), (2, 2));
    assert_eq!(q.service_level(), Some(33), "1 in target of 3 counted");
    board.apply(at(70), BoardUpdate::ResetCounters);
    let q = board.queue("q").expect("queue");
    assert_eq!(
        (q.handled(), q.abandoned(), q.service_level()),
        (0, 0, None)
    );
    // A call that leaves without having been seen arriving is counted, not timed.
    board.apply(at(80), dequeued("q", "c9", QueueOutcome::Answered));
    assert_eq!(board.queue("q").map(BoardQueue::handled), Some(1));
    assert_eq!(board.queue("q").and_then(BoardQueue::service_level), None);
    assert_eq!(board.ignored(), 1);
}

#[test]
fn figures_a_vendor_reports_replace_the_computed_ones() {
    let mut board = quiet();
    board.apply(at(0), queue("q", &["g"]));
    board.apply(at(0), agent("a", &["g"]));
    board.apply(at(0), state("a", AgentStatus::Ready));
    board.apply(at(0), queued("q", "c1"));
    board.apply(
        at(100),
        BoardUpdate::QueueFigures(QueueFigures {
            queue: "q".into(),
            waiting: Some(4),
            longest_wait: Some(Duration::from_secs(42)),
            service_level: Some(87),
            handled: Some(120),
            abandoned: Some(7),
            agents: None,
        }),
    );
    let q = board.queue("q").expect("queue");
    assert_eq!(q.waiting(), 4);
    assert_eq!(q.longest_wait(at(110)), Some(Duration::from_secs(52)));
    assert_eq!(
        (q.service_level(), q.handled(), q.abandoned()),
        (Some(87), 120, 7)
    );
    assert_eq!(q.agents().ready, 1, "counts not reported stay computed");
    board.apply(
        at(120),
        BoardUpdate::QueueFigures(QueueFigures {
            queue: "q".into(),
            waiting: Some(0),
            longest_wait: Some(Duration::ZERO),
            ..QueueFigures::default()
        }),
    );
    let q = board.queue("q").expect("queue");
    assert_eq!((q.waiting(), q.longest_wait(at(130))), (0, None));
}

#[test]
fn time_in_a_state_raises_a_warning_then_an_alarm_and_a_new_state_clears_it() {
    let mut board = Board::default();
    board.apply(at(0), state("a", AgentStatus::Paused));
    assert!(drain_alerts(&mut board).is_empty());
    assert_eq!(board.poll_timeout(), Some(at(300)));
    board.handle_timeout(at(299));
    assert!(drain_alerts(&mut board).is_empty());
    board.handle_timeout(at(300));
    let alerts = drain_alerts(&mut board);
    assert_eq!(
        alerts,
        [Alert {
            subject: Subject::Agent("a".into()),
            level: Level::Warning,
            cause: AlertCause::State(AgentStatus::Paused),
            since: at(0),
        }]
    );
    assert_eq!(
        board.agent("a").map(BoardAgent::level),
        Some(Level::Warning)
    );
    assert_eq!(board.poll_timeout(), Some(at(600)));
    // Late: both levels passed at once give one alert, the highest.
    board.handle_timeout(at(900));
    let alerts = drain_alerts(&mut board);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].level, Level::Alarm);
    assert_eq!(board.poll_timeout(), None);
    board.apply(at(901), state("a", AgentStatus::Ready));
    let alerts = drain_alerts(&mut board);
    assert_eq!(alerts.len(), 1);
    assert_eq!(
        (alerts[0].level, alerts[0].cause),
        (Level::Normal, AlertCause::State(AgentStatus::Ready))
    );
    // A state that began long ago, as the vendor says, is judged at once.
    board.apply(
        at(2000),
        BoardUpdate::AgentState {
            agent: "a".into(),
            state: AgentStatus::WrapUp,
            reason: None,
            since: Some(at(1930)),
        },
    );
    let alerts = drain_alerts(&mut board);
    assert_eq!((alerts.len(), alerts[0].level), (1, Level::Warning));
    assert_eq!(board.poll_timeout(), Some(at(2050)));
    // Warning to warning in another state is a new alert.
    board.apply(
        at(2001),
        BoardUpdate::AgentState {
            agent: "a".into(),
            state: AgentStatus::Paused,
            reason: None,
            since: Some(at(1600)),
        },
    );
    let alerts = drain_alerts(&mut board);
    assert_eq!(
        (alerts.len(), alerts[0].cause),
        (1, AlertCause::State(AgentStatus::Paused))
    );
}

#[test]
fn queues_alert_on_the_longest_wait_and_on_the_number_waiting() {
    let mut board = Board::new(BoardConfig {
        thresholds: Thresholds::none()
            .with_longest_wait(Threshold::secs(30, 60))
            .with_waiting_calls(CountThreshold {
                warning: Some(3),
                alarm: None,
            }),
        ..BoardConfig::default()
    });
    board.apply(at(0), queued("q", "c1"));
    assert_eq!(board.poll_timeout(), Some(at(30)));
    board.handle_timeout(at(30));
    let alerts = drain_alerts(&mut board);
    assert_eq!(
        alerts,
        [Alert {
            subject: Subject::Queue("q".into()),
            level: Level::Warning,
            cause: AlertCause::LongestWait,
            since: at(0),
        }]
    );
    // c1 answered: the oldest is now c2, 10 s old: back to normal, due again at 50 s.
    board.apply(at(20), queued("q", "c2"));
    board.apply(at(40), dequeued("q", "c1", QueueOutcome::Answered));
    let alerts = drain_alerts(&mut board);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].level, Level::Normal);
    assert_eq!(board.poll_timeout(), Some(at(50)));
    board.apply(at(41), queued("q", "c3"));
    board.apply(at(42), queued("q", "c4"));
    let alerts = drain_alerts(&mut board);
    assert_eq!(
        (alerts.len(), alerts[0].level, alerts[0].cause),
        (1, Level::Warning, AlertCause::WaitingCalls)
    );
    board.handle_timeout(at(80));
    let alerts = drain_alerts(&mut board);
    assert_eq!(
        (alerts.len(), alerts[0].level, alerts[0].cause),
        (1, Level::Alarm, AlertCause::LongestWait)
    );
}

#[test]
fn new_thresholds_apply_at_once() {
    let mut board = quiet();
    board.apply(at(0), state("a", AgentStatus::Busy));
    board.set_thresholds(
        at(100),
        Thresholds::none().with_agent(AgentStatus::Busy, Threshold::secs(60, 120)),
    );
    let alerts = drain_alerts(&mut board);
    assert_eq!(alerts.len(), 1);
    assert_eq!(board.poll_timeout(), Some(at(120)));
}

#[test]
fn supervisors_listen_whisper_and_barge_then_leave() {
    let mut board = quiet();
    let listen = |mode| BoardUpdate::Listening {
        agent: "a".into(),
        supervisor: "sup".into(),
        mode,
    };
    board.apply(at(0), listen(Some(ListenMode::Listen)));
    assert_eq!(
        board.agent("a").and_then(|a| a.listened_by("sup")),
        Some(ListenMode::Listen)
    );
    board.apply(at(1), listen(Some(ListenMode::Whisper)));
    board.apply(at(2), listen(Some(ListenMode::Barge)));
    let a = board.agent("a").expect("agent");
    assert_eq!(
        a.listeners(),
        [Listener {
            supervisor: "sup".into(),
            mode: ListenMode::Barge
        }]
    );
    let by: Vec<_> = board
        .listened_by("sup")
        .map(|(a, mode)| (a.id().as_str(), mode))
        .collect();
    assert_eq!(by, [("a", ListenMode::Barge)]);
    board.apply(at(3), listen(None));
    assert!(board.agent("a").expect("agent").listeners().is_empty());
    board.apply(at(4), listen(None));
    assert_eq!(board.ignored(), 1, "stopping twice");
}

#[test]
fn changes_name_each_agent_and_queue_once_per_poll() {
    let mut board = quiet();
    board.apply(at(0), queue("q", &["g"]));
    board.apply(at(0), agent("a", &["g"]));
    board.apply(at(0), agent("b", &["g"]));
    board.apply(at(1), state("a", AgentStatus::Ready));
    board.apply(at(1), state("a", AgentStatus::Busy));
    let changes = drain_changes(&mut board);
    assert_eq!(
        changes,
        [
            Change::Queue("q".into()),
            Change::Agent("a".into()),
            Change::Agent("b".into())
        ]
    );
    // Nothing changed: nothing to redraw.
    board.apply(at(2), state("a", AgentStatus::Busy));
    board.apply(at(2), agent("b", &["g"]));
    assert!(drain_changes(&mut board).is_empty());
    board.apply(at(3), BoardUpdate::AgentRemoved("b".into()));
    board.apply(at(3), BoardUpdate::QueueRemoved("q".into()));
    assert_eq!(
        drain_changes(&mut board),
        [
            Change::AgentRemoved("b".into()),
            Change::QueueRemoved("q".into())
        ]
    );
    assert!(board.queue("q").is_none());
    // A removed slot is reused.
    board.apply(at(4), agent("c", &["g"]));
    assert_eq!(board.agent_count(), 2);
    board.apply(at(5), BoardUpdate::Clear);
    assert_eq!(drain_changes(&mut board), [Change::Cleared]);
    assert_eq!((board.agent_count(), board.queue_count()), (0, 0));
}

#[test]
fn alerts_nobody_polls_are_bounded() {
    let mut board = Board::new(BoardConfig {
        thresholds: Thresholds::none().with_agent(AgentStatus::Paused, Threshold::secs(0, 3600)),
        ..BoardConfig::default()
    });
    for n in 0..(ALERT_CAPACITY + 10) {
        board.apply(at(0), state(&format!("a{n}"), AgentStatus::Paused));
    }
    assert_eq!(board.alerts_dropped(), 10);
    assert_eq!(drain_alerts(&mut board).len(), ALERT_CAPACITY);
}

/// What the board must always hold, checked against its own contents.
fn check_invariants(board: &Board, now: Instant) {
    let thresholds = &board.config.thresholds;
    for entry in board.queues.iter().flatten() {
        let q = &entry.view;
        let mut expected = AgentCounts::default();
        for a in board.agents() {
            if Board::serves(a, q) {
                *expected.slot(a.state()) += 1;
            }
        }
        assert_eq!(q.counts, expected, "counts of {}", q.id);
        assert_eq!(q.waiting.len(), q.waiting_since.len());
        for (since, call) in &q.waiting {
            assert_eq!(q.waiting_since.get(call), Some(since));
        }
        assert!(q.in_target <= q.offered);
        let wait = q.oldest_since().map_or(Level::Normal, |s| {
            thresholds
                .longest_wait
                .level(now.saturating_duration_since(s))
        });
        let count = thresholds.waiting_calls.level(q.waiting());
        assert_eq!(q.level, wait.max(count), "level of {}", q.id);
        if let Some(deadline) = entry.deadline {
            assert!(board
                .timers
                .contains(&(deadline, Slot::Queue(board.queue_index[&q.id]))));
            assert!(deadline > now);
        }
    }
    for (slot, entry) in board.agents.iter().enumerate() {
        let Some(entry) = entry else { continue };
        let a = &entry.view;
        assert_eq!(board.agent_index.get(&a.id), Some(&slot));
        let level = thresholds
            .agent(a.state)
            .level(now.saturating_duration_since(a.since));
        assert_eq!(a.level, level, "level of {}", a.id);
        match entry.deadline {
            Some(deadline) => {
                assert!(board.timers.contains(&(deadline, Slot::Agent(slot))));
                assert!(deadline > now);
            }
            None => assert!(thresholds.agent(a.state).next(a.since, level).is_none()),
        }
    }
    let live = board
        .agents
        .iter()
        .flatten()
        .filter(|e| e.deadline.is_some())
        .count()
        + board
            .queues
            .iter()
            .flatten()
            .filter(|e| e.deadline.is_some())
            .count();
    assert_eq!(board.timers.len(), live, "no stale timer");
}

#[derive(Debug, Clone)]
enum Op {
    Agent(u8, Vec<u8>),
    State(u8, u8, Option<u8>),
    Remove(u8),
    Queue(u8, Vec<u8>),
    RemoveQueue(u8),
    Queued(u8, u8),
    Dequeued(u8, u8, u8),
    Figures(u8, Option<u8>, Option<u8>),
    Wait(u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..12, prop::collection::vec(0u8..4, 0..3)).prop_map(|(a, g)| Op::Agent(a, g)),
        (0u8..12, 0u8..8, prop::option::of(0u8..200)).prop_map(|(a, s, b)| Op::State(a, s, b)),
        (0u8..12).prop_map(Op::Remove),
        (0u8..5, prop::collection::vec(0u8..4, 0..3)).prop_map(|(q, g)| Op::Queue(q, g)),
        (0u8..5).prop_map(Op::RemoveQueue),
        (0u8..5, 0u8..20).prop_map(|(q, c)| Op::Queued(q, c)),
        (0u8..5, 0u8..20, 0u8..3).prop_map(|(q, c, o)| Op::Dequeued(q, c, o)),
        (0u8..5, prop::option::of(0u8..9), prop::option::of(0u8..90))
            .prop_map(|(q, w, l)| Op::Figures(q, w, l)),
        (0u16..700).prop_map(Op::Wait),
    ]
}

const STATES: [AgentStatus; 8] = [
    AgentStatus::LoggedOut,
    AgentStatus::Ready,
    AgentStatus::Paused,
    AgentStatus::Withdrawn,
    AgentStatus::WrapUp,
    AgentStatus::Busy,
    AgentStatus::OutOfGroup,
    AgentStatus::Unknown,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_board_stays_consistent_under_any_update_stream(ops in prop::collection::vec(op(), 1..120)) {
        let mut board = Board::default();
        let mut now = 10_000u64;
        let mut polled_changes = 0usize;
        for op in ops {
            let t = Instant::from_millis(now * 1000);
            match op {
                Op::Agent(a, groups) => board.apply(t, agent(&format!("a{a}"), &groups.iter().map(|g| match g { 0 => "g0", 1 => "g1", 2 => "g2", _ => "g3" }).collect::<Vec<_>>())),
                Op::State(a, s, back) => board.apply(t, BoardUpdate::AgentState {
                    agent: format!("a{a}").into(),
                    state: STATES[usize::from(s)],
                    reason: None,
                    since: back.map(|b| Instant::from_millis((now - u64::from(b) * 10) * 1000)),
                }),
                Op::Remove(a) => board.apply(t, BoardUpdate::AgentRemoved(format!("a{a}").into())),
                Op::Queue(q, groups) => board.apply(t, queue(&format!("q{q}"), &groups.iter().map(|g| match g { 0 => "g0", 1 => "g1", 2 => "g2", _ => "g3" }).collect::<Vec<_>>())),
                Op::RemoveQueue(q) => board.apply(t, BoardUpdate::QueueRemoved(format!("q{q}").into())),
                Op::Queued(q, c) => board.apply(t, queued(&format!("q{q}"), &format!("c{c}"))),
                Op::Dequeued(q, c, o) => board.apply(t, dequeued(&format!("q{q}"), &format!("c{c}"), [QueueOutcome::Answered, QueueOutcome::Abandoned, QueueOutcome::Overflowed][usize::from(o)])),
                Op::Figures(q, waiting, longest) => board.apply(t, BoardUpdate::QueueFigures(QueueFigures {
                    queue: format!("q{q}").into(),
                    waiting: waiting.map(u32::from),
                    longest_wait: longest.map(|l| Duration::from_secs(u64::from(l))),
                    ..QueueFigures::default()
                })),
                Op::Wait(secs) => {
                    now += u64::from(secs);
                    let t = Instant::from_millis(now * 1000);
                    // The host calls handle_timeout when due, never later than now.
                    while board.poll_timeout().is_some_and(|d| d <= t) {
                        board.handle_timeout(t);
                    }
                }
            }
            let t = Instant::from_millis(now * 1000);
            check_invariants(&board, t);
            // Changes name live objects, each at most once per poll round.
            let mut seen = BTreeSet::new();
            while let Some(change) = board.poll_change() {
                polled_changes += 1;
                match &change {
                    Change::Agent(id) => prop_assert!(board.agent(id.as_str()).is_some()),
                    Change::Queue(id) => prop_assert!(board.queue(id.as_str()).is_some()),
                    _ => {}
                }
                if matches!(change, Change::Agent(_) | Change::Queue(_)) {
                    prop_assert!(seen.insert(format!("{change:?}")), "twice: {change:?}");
                }
            }
            // Alerts alternate sensibly: a subject's successive alerts differ.
            let mut last: BTreeMap<String, (Level, AlertCause)> = BTreeMap::new();
            while let Some(alert) = board.poll_alert() {
                let key = format!("{:?}", alert.subject);
                if let Some(previous) = last.insert(key, (alert.level, alert.cause)) {
                    prop_assert_ne!(previous, (alert.level, alert.cause));
                }
            }
        }
        let _ = polled_changes;
    }
}
