//! Cost per event of the supervisor's board: 1,000 agents, 50 queues, 1,000 events/s.
//!
//! `cargo bench -p cti --bench board`. Plain harness (no criterion), like `events.rs`: the
//! bench reads the clock, the board does not; the simulated time of the stream advances
//! 1 ms per event (1,000 events/s) and is passed in as `now`.
//!
//! Each step is what a host does per event: apply it, fire the thresholds that are due,
//! drain the changes and alerts. Every agent works in one of 10 groups, each group serves 10
//! of the 50 queues, so every state change touches 10 queues' counts (more than a real
//! centre, where an agent serves a few queues).

use std::hint::black_box;
use std::time::Instant as Clock;

use core::time::Duration;

use cti::board::{
    AgentCall, AgentInfo, Board, BoardConfig, BoardUpdate, ListenMode, QueueFigures, QueueInfo,
    QueueKind, QueueOutcome,
};
use cti::model::{AgentStatus, CallRef, Direction, Instant, Skill};

const AGENTS: usize = 1_000;
const QUEUES: usize = 50;
const GROUPS: usize = 10;
/// Simulated milliseconds between events: 1,000 events/s.
const STEP_MS: u64 = 1;

/// A small deterministic generator (xorshift64*), so the stream is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The set-up: agents with names, groups and skills, queues with their groups.
fn roster() -> Vec<BoardUpdate> {
    let mut updates = Vec::new();
    for q in 0..QUEUES {
        updates.push(BoardUpdate::Queue(QueueInfo {
            name: Some(format!("Queue {q}")),
            kind: Some(if q % 5 == 0 {
                QueueKind::Pilot
            } else {
                QueueKind::Queue
            }),
            groups: Some(vec![format!("g{}", q % GROUPS)]),
            target: Some(Duration::from_secs(20)),
            ..QueueInfo::new(format!("q{q}").as_str())
        }));
    }
    for a in 0..AGENTS {
        updates.push(BoardUpdate::Agent(AgentInfo {
            name: Some(format!("Agent {a}")),
            groups: Some(vec![format!("g{}", a % GROUPS)]),
            skills: Some(vec![Skill {
                number: (a % 7) as u32,
                level: 2,
                active: true,
            }]),
            ..AgentInfo::new(format!("a{a}").as_str())
        }));
        updates.push(BoardUpdate::AgentState {
            agent: format!("a{a}").into(),
            state: AgentStatus::Ready,
            reason: None,
            since: None,
        });
    }
    updates
}

/// A stream of `n` events of a busy centre: calls arrive, wait, are answered or abandoned;
/// agents go busy, wrap up, pause and come back; supervisors listen; the vendor sends
/// figures now and then.
fn stream(n: usize) -> Vec<BoardUpdate> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut states = vec![AgentStatus::Ready; AGENTS];
    let mut waiting: Vec<Vec<u64>> = vec![Vec::new(); QUEUES];
    let mut next_call = 0u64;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let roll = rng.below(100);
        if roll < 30 {
            let q = rng.below(QUEUES);
            next_call += 1;
            waiting[q].push(next_call);
            out.push(BoardUpdate::CallQueued {
                queue: format!("q{q}").into(),
                call: CallRef::new(format!("c{next_call}")),
                since: None,
            });
        } else if roll < 35 {
            let q = rng.below(QUEUES);
            if let Some(call) = waiting[q].pop() {
                out.push(BoardUpdate::CallDequeued {
                    queue: format!("q{q}").into(),
                    call: CallRef::new(format!("c{call}")),
                    outcome: QueueOutcome::Abandoned,
                });
            }
        } else if roll < 95 {
            let a = rng.below(AGENTS);
            let agent = || format!("a{a}").into();
            let (next, reason) = match states[a] {
                AgentStatus::Ready => {
                    // Takes the oldest call of one of its group's queues, if any.
                    let q = (a % GROUPS) + GROUPS * rng.below(QUEUES / GROUPS);
                    let call = if waiting[q].is_empty() {
                        next_call += 1;
                        next_call
                    } else {
                        let call = waiting[q].remove(0);
                        out.push(BoardUpdate::CallDequeued {
                            queue: format!("q{q}").into(),
                            call: CallRef::new(format!("c{call}")),
                            outcome: QueueOutcome::Answered,
                        });
                        call
                    };
                    out.push(BoardUpdate::AgentCall {
                        agent: agent(),
                        call: Some(AgentCall {
                            reference: CallRef::new(format!("c{call}")),
                            direction: Direction::Incoming,
                            party: Some(format!("+3361234{call:04}")),
                            queue: Some(format!("q{q}").into()),
                            since: Instant::ZERO,
                        }),
                    });
                    (AgentStatus::Busy, None)
                }
                AgentStatus::Busy => {
                    out.push(BoardUpdate::AgentCall {
                        agent: agent(),
                        call: None,
                    });
                    (AgentStatus::WrapUp, None)
                }
                AgentStatus::WrapUp if rng.below(10) == 0 => {
                    (AgentStatus::Withdrawn, Some("Coffee break".to_owned()))
                }
                AgentStatus::WrapUp if rng.below(10) == 0 => (AgentStatus::Paused, None),
                _ => (AgentStatus::Ready, None),
            };
            states[a] = next;
            out.push(BoardUpdate::AgentState {
                agent: agent(),
                state: next,
                reason,
                since: None,
            });
        } else if roll < 97 {
            let a = rng.below(AGENTS);
            let mode = [
                Some(ListenMode::Listen),
                Some(ListenMode::Whisper),
                Some(ListenMode::Barge),
                None,
            ][rng.below(4)];
            out.push(BoardUpdate::Listening {
                agent: format!("a{a}").into(),
                supervisor: "sup".into(),
                mode,
            });
        } else {
            let q = rng.below(QUEUES);
            out.push(BoardUpdate::QueueFigures(QueueFigures {
                queue: format!("q{q}").into(),
                service_level: Some(rng.below(101) as u8),
                ..QueueFigures::default()
            }));
        }
    }
    out.truncate(n);
    out
}

fn main() {
    // Two minutes of traffic at 1,000 events/s.
    let events = stream(120_000);
    let mut board = Board::new(BoardConfig::default());
    for update in roster() {
        board.apply(Instant::ZERO, update);
    }
    while board.poll_change().is_some() {}
    println!(
        "board: {} agents, {} queues, {} events at 1,000 events/s (simulated {} s)",
        board.agent_count(),
        board.queue_count(),
        events.len(),
        events.len() as u64 * STEP_MS / 1000
    );

    let mut costs: Vec<u64> = Vec::with_capacity(events.len());
    let (mut changes, mut alerts) = (0u64, 0u64);
    let started = Clock::now();
    for (n, update) in events.iter().enumerate() {
        let now = Instant::from_millis(1 + n as u64 * STEP_MS);
        let t0 = Clock::now();
        board.apply(now, black_box(update.clone()));
        while board.poll_timeout().is_some_and(|due| due <= now) {
            board.handle_timeout(now);
        }
        while let Some(change) = board.poll_change() {
            black_box(change);
            changes += 1;
        }
        while let Some(alert) = board.poll_alert() {
            black_box(alert);
            alerts += 1;
        }
        costs.push(t0.elapsed().as_nanos() as u64);
    }
    let elapsed = started.elapsed();
    costs.sort_unstable();
    let pick = |p: f64| costs[((costs.len() - 1) as f64 * p) as usize];
    let mean = costs.iter().sum::<u64>() as f64 / costs.len() as f64;
    println!(
        "per event (apply + timeouts + changes + alerts): mean {mean:.0} ns, p50 {} ns, p99 {} ns, p99.9 {} ns, max {} ns",
        pick(0.5),
        pick(0.99),
        pick(0.999),
        costs[costs.len() - 1]
    );
    println!(
        "{} events in {:.3} s of CPU: {:.2} % of one core at 1,000 events/s; {changes} changes, {alerts} alerts drained",
        events.len(),
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() / (events.len() as f64 / 1000.0) * 100.0
    );
    let waiting: u32 = board.queues().map(|q| q.waiting()).sum();
    println!(
        "at the end: {waiting} calls waiting, {} ignored updates",
        board.ignored()
    );
    println!(
        "(the max includes the OS preempting the bench on a loaded machine; p99 is the figure)"
    );
}
