//! What the board shows: one [`BoardAgent`] per agent and one [`BoardQueue`] per queue or
//! pilot, read-only outside the board.

use core::time::Duration;
use std::collections::{BTreeSet, HashMap};

use super::alert::{AlertCause, Level};
use super::update::{
    AgentCall, AgentCounts, AgentId, ListenMode, Listener, QueueFigures, QueueId, QueueKind,
};
use crate::model::{AgentStatus, CallRef, Instant, Skill};

/// One agent as the supervisor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardAgent {
    pub(super) id: AgentId,
    pub(super) name: Option<String>,
    pub(super) state: AgentStatus,
    pub(super) reason: Option<String>,
    pub(super) since: Instant,
    pub(super) call: Option<AgentCall>,
    pub(super) groups: Vec<String>,
    pub(super) queues: Vec<QueueId>,
    pub(super) skills: Vec<Skill>,
    pub(super) listeners: Vec<Listener>,
    pub(super) level: Level,
}

impl BoardAgent {
    pub(super) fn new(id: AgentId, now: Instant) -> BoardAgent {
        BoardAgent {
            id,
            name: None,
            state: AgentStatus::LoggedOut,
            reason: None,
            since: now,
            call: None,
            groups: Vec::new(),
            queues: Vec::new(),
            skills: Vec::new(),
            listeners: Vec::new(),
            level: Level::Normal,
        }
    }

    /// Its id.
    pub fn id(&self) -> &AgentId {
        &self.id
    }

    /// Its name, when the vendor gave one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Its state.
    pub fn state(&self) -> AgentStatus {
        self.state
    }

    /// The reason of a pause or withdrawal.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// When the state began.
    pub fn since(&self) -> Instant {
        self.since
    }

    /// Time in the state at `now`.
    pub fn time_in_state(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since)
    }

    /// Its current call.
    pub fn call(&self) -> Option<&AgentCall> {
        self.call.as_ref()
    }

    /// The groups it works in.
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// The queues it serves directly (besides those of its groups).
    pub fn queues(&self) -> &[QueueId] {
        &self.queues
    }

    /// Its skills.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Who listens to it, and how.
    pub fn listeners(&self) -> &[Listener] {
        &self.listeners
    }

    /// How `supervisor` is in its call, if at all.
    pub fn listened_by(&self, supervisor: &str) -> Option<ListenMode> {
        self.listeners
            .iter()
            .find(|l| l.supervisor.as_str() == supervisor)
            .map(|l| l.mode)
    }

    /// Its alert level now (as of the last update or timeout).
    pub fn level(&self) -> Level {
        self.level
    }
}

/// Figures a vendor reported, each replacing the computed one once given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Reported {
    pub(super) waiting: Option<u32>,
    /// The oldest waiting call's start (`Some(None)`: the vendor says nobody waits).
    pub(super) oldest: Option<Option<Instant>>,
    pub(super) service_level: Option<u8>,
    pub(super) handled: Option<u64>,
    pub(super) abandoned: Option<u64>,
    pub(super) agents: Option<AgentCounts>,
}

impl Reported {
    pub(super) fn merge(&mut self, now: Instant, figures: &QueueFigures) {
        if let Some(waiting) = figures.waiting {
            self.waiting = Some(waiting);
        }
        if let Some(longest) = figures.longest_wait {
            self.oldest = Some((!longest.is_zero()).then(|| {
                Instant::from_millis(
                    now.as_millis()
                        .saturating_sub(u64::try_from(longest.as_millis()).unwrap_or(u64::MAX)),
                )
            }));
        }
        if let Some(level) = figures.service_level {
            self.service_level = Some(level.min(100));
        }
        if let Some(handled) = figures.handled {
            self.handled = Some(handled);
        }
        if let Some(abandoned) = figures.abandoned {
            self.abandoned = Some(abandoned);
        }
        if let Some(agents) = figures.agents {
            self.agents = Some(agents);
        }
    }
}

/// One queue or pilot as the supervisor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardQueue {
    pub(super) id: QueueId,
    pub(super) name: Option<String>,
    pub(super) kind: QueueKind,
    pub(super) groups: Vec<String>,
    pub(super) target: Duration,
    /// Waiting calls, oldest first, and when each began waiting.
    pub(super) waiting: BTreeSet<(Instant, CallRef)>,
    pub(super) waiting_since: HashMap<CallRef, Instant>,
    pub(super) counts: AgentCounts,
    pub(super) handled: u64,
    pub(super) abandoned: u64,
    /// Answered within the target.
    pub(super) in_target: u64,
    /// Counted by the service level: answered, or abandoned after the target.
    pub(super) offered: u64,
    pub(super) reported: Reported,
    pub(super) level: Level,
    pub(super) cause: AlertCause,
}

impl BoardQueue {
    pub(super) fn new(id: QueueId, target: Duration) -> BoardQueue {
        BoardQueue {
            id,
            name: None,
            kind: QueueKind::Queue,
            groups: Vec::new(),
            target,
            waiting: BTreeSet::new(),
            waiting_since: HashMap::new(),
            counts: AgentCounts::default(),
            handled: 0,
            abandoned: 0,
            in_target: 0,
            offered: 0,
            reported: Reported::default(),
            level: Level::Normal,
            cause: AlertCause::LongestWait,
        }
    }

    /// Its id.
    pub fn id(&self) -> &QueueId {
        &self.id
    }

    /// Its name, when the vendor gave one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Queue or pilot.
    pub fn kind(&self) -> QueueKind {
        self.kind
    }

    /// The groups whose agents serve it.
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// Its service-level target.
    pub fn target(&self) -> Duration {
        self.target
    }

    /// Calls waiting now.
    pub fn waiting(&self) -> u32 {
        self.reported
            .waiting
            .unwrap_or_else(|| u32::try_from(self.waiting.len()).unwrap_or(u32::MAX))
    }

    /// When the oldest waiting call began waiting.
    pub fn oldest_since(&self) -> Option<Instant> {
        match self.reported.oldest {
            Some(oldest) => oldest,
            None => self.waiting.first().map(|(since, _)| *since),
        }
    }

    /// How long the oldest waiting call has waited at `now`.
    pub fn longest_wait(&self, now: Instant) -> Option<Duration> {
        self.oldest_since()
            .map(|since| now.saturating_duration_since(since))
    }

    /// Agents serving it, by state.
    pub fn agents(&self) -> AgentCounts {
        self.reported.agents.unwrap_or(self.counts)
    }

    /// Calls answered so far.
    pub fn handled(&self) -> u64 {
        self.reported.handled.unwrap_or(self.handled)
    }

    /// Calls abandoned so far.
    pub fn abandoned(&self) -> u64 {
        self.reported.abandoned.unwrap_or(self.abandoned)
    }

    /// Service level in percent: calls answered within the target among those answered or
    /// abandoned after it (a caller who hung up within the target is not counted); `None`
    /// before the first such call.
    pub fn service_level(&self) -> Option<u8> {
        if let Some(level) = self.reported.service_level {
            return Some(level);
        }
        if self.offered == 0 {
            return None;
        }
        // in_target <= offered, so the quotient is within 0..=100.
        u8::try_from(self.in_target * 100 / self.offered).ok()
    }

    /// Its alert level now, and which threshold set it.
    pub fn level(&self) -> (Level, AlertCause) {
        (self.level, self.cause)
    }
}
