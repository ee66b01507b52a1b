//! Thresholds and the alerts they raise: how long an agent may stay in a state, how long a
//! caller may wait, how many callers may wait, before the supervisor is told.

use core::time::Duration;

use super::update::{AgentId, QueueId};
use crate::model::{AgentStatus, Instant};

/// How bad something is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Within its thresholds.
    #[default]
    Normal,
    /// Past the warning threshold.
    Warning,
    /// Past the alarm threshold.
    Alarm,
}

/// A pair of durations: past `warning` the level is [`Level::Warning`], past `alarm`
/// [`Level::Alarm`]. `None` never raises that level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Threshold {
    /// Warn from this long.
    pub warning: Option<Duration>,
    /// Alarm from this long.
    pub alarm: Option<Duration>,
}

impl Threshold {
    /// No alert at all.
    pub const NONE: Threshold = Threshold {
        warning: None,
        alarm: None,
    };

    /// Warn after `warning` seconds, alarm after `alarm` seconds.
    pub const fn secs(warning: u64, alarm: u64) -> Threshold {
        Threshold {
            warning: Some(Duration::from_secs(warning)),
            alarm: Some(Duration::from_secs(alarm)),
        }
    }

    /// The level after `elapsed` (a limit reached exactly counts as passed).
    pub fn level(&self, elapsed: Duration) -> Level {
        if self.alarm.is_some_and(|a| elapsed >= a) {
            Level::Alarm
        } else if self.warning.is_some_and(|w| elapsed >= w) {
            Level::Warning
        } else {
            Level::Normal
        }
    }

    /// When, counting from `since`, the next level above `level` begins.
    pub fn next(&self, since: Instant, level: Level) -> Option<Instant> {
        let limit = match level {
            Level::Normal => match (self.warning, self.alarm) {
                (Some(w), Some(a)) => Some(w.min(a)),
                (w, a) => w.or(a),
            },
            Level::Warning => self.alarm,
            Level::Alarm => None,
        }?;
        Some(since.saturating_add(limit))
    }
}

/// A pair of counts: from `warning` the level is [`Level::Warning`], from `alarm`
/// [`Level::Alarm`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CountThreshold {
    /// Warn from this many.
    pub warning: Option<u32>,
    /// Alarm from this many.
    pub alarm: Option<u32>,
}

impl CountThreshold {
    /// The level for `count`.
    pub fn level(&self, count: u32) -> Level {
        if self.alarm.is_some_and(|a| count >= a) {
            Level::Alarm
        } else if self.warning.is_some_and(|w| count >= w) {
            Level::Warning
        } else {
            Level::Normal
        }
    }
}

/// Every threshold of a board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds {
    agent: [Threshold; STATES],
    /// How long the oldest caller of a queue may wait.
    pub longest_wait: Threshold,
    /// How many callers may wait in one queue.
    pub waiting_calls: CountThreshold,
}

const STATES: usize = 7;

fn index(state: AgentStatus) -> usize {
    match state {
        AgentStatus::LoggedOut => 0,
        AgentStatus::Ready => 1,
        AgentStatus::Paused => 2,
        AgentStatus::Withdrawn => 3,
        AgentStatus::WrapUp => 4,
        AgentStatus::Busy => 5,
        AgentStatus::OutOfGroup | AgentStatus::Unknown => 6,
    }
}

impl Thresholds {
    /// No threshold at all: the board never alerts.
    pub fn none() -> Thresholds {
        Thresholds {
            agent: [Threshold::NONE; STATES],
            longest_wait: Threshold::NONE,
            waiting_calls: CountThreshold::default(),
        }
    }

    /// How long an agent may stay in `state` (out of group and unknown share one).
    pub fn agent(&self, state: AgentStatus) -> Threshold {
        self.agent[index(state)]
    }

    /// Sets how long an agent may stay in `state`.
    pub fn set_agent(&mut self, state: AgentStatus, threshold: Threshold) {
        self.agent[index(state)] = threshold;
    }

    /// With how long an agent may stay in `state`.
    pub fn with_agent(mut self, state: AgentStatus, threshold: Threshold) -> Thresholds {
        self.set_agent(state, threshold);
        self
    }
}

impl Default for Thresholds {
    /// What a contact centre's wallboard typically starts from (docs/decisions.md,
    /// "Supervisor board"): pause 5/10 min, withdrawn 15/30 min, wrap-up 1/2 min, a call
    /// 10/20 min; a caller waiting 30 s/1 min; 5/10 callers waiting.
    fn default() -> Thresholds {
        Thresholds::none()
            .with_agent(AgentStatus::Paused, Threshold::secs(300, 600))
            .with_agent(AgentStatus::Withdrawn, Threshold::secs(900, 1800))
            .with_agent(AgentStatus::WrapUp, Threshold::secs(60, 120))
            .with_agent(AgentStatus::Busy, Threshold::secs(600, 1200))
            .with_longest_wait(Threshold::secs(30, 60))
            .with_waiting_calls(CountThreshold {
                warning: Some(5),
                alarm: Some(10),
            })
    }
}

impl Thresholds {
    /// With how long the oldest caller may wait.
    pub fn with_longest_wait(mut self, threshold: Threshold) -> Thresholds {
        self.longest_wait = threshold;
        self
    }

    /// With how many callers may wait.
    pub fn with_waiting_calls(mut self, threshold: CountThreshold) -> Thresholds {
        self.waiting_calls = threshold;
        self
    }
}

/// What an alert is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// An agent.
    Agent(AgentId),
    /// A queue or pilot.
    Queue(QueueId),
}

/// Which threshold raised an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertCause {
    /// The agent's time in this state.
    State(AgentStatus),
    /// The queue's oldest caller's wait.
    LongestWait,
    /// The number of callers waiting in the queue.
    WaitingCalls,
}

/// A subject's alert level changed: raised, or back to [`Level::Normal`] (cleared).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alert {
    /// About whom.
    pub subject: Subject,
    /// The level now.
    pub level: Level,
    /// Which threshold (for a cleared alert: the subject's state or figure now).
    pub cause: AlertCause,
    /// When the condition began (the state, the oldest wait), or the update's time.
    pub since: Instant,
}
