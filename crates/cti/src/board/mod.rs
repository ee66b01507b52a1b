//! The supervisor's board: the team and its queues, live, whatever the vendor.
//!
//! Sans-IO like the rest of the core: a vendor's feeder turns its wire into neutral
//! [`BoardUpdate`]s, the host applies them with [`Board::apply`] and the time they arrived,
//! and reads agents ([`BoardAgent`]: state, reason, time in state, current call, groups and
//! skills, who listens) and queues ([`BoardQueue`]: waiting calls, longest wait, agents by
//! state, handled, abandoned, service level). Thresholds per agent state and per queue
//! raise [`Alert`]s, polled like the adapters' outputs: [`Board::poll_alert`], with
//! [`Board::poll_timeout`] / [`Board::handle_timeout`] for the alerts that only time raises
//! (nobody reports that a pause has lasted ten minutes). [`Board::poll_change`] says which
//! agents and queues changed, so a view redraws only those.
//!
//! Costs: an update touches one agent or queue, plus the queues the agent serves (their
//! counts by state), each in O(log n) at most; nothing scans the whole team except a
//! change of queue membership (a queue added, its groups changed), which is rare. See
//! `cargo bench -p cti --bench board`.

mod alert;
mod update;
mod view;

// proptest needs OS randomness, which wasm32 lacks: the board is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use core::time::Duration;
use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap, VecDeque};

pub use alert::{Alert, AlertCause, CountThreshold, Level, Subject, Threshold, Thresholds};
pub use update::{
    AgentCall, AgentCounts, AgentId, AgentInfo, BoardUpdate, ListenMode, Listener, QueueFigures,
    QueueId, QueueInfo, QueueKind, QueueOutcome,
};
pub use view::{BoardAgent, BoardQueue};

use crate::model::{AgentStatus, CallRef, Instant};

/// At most this many alerts wait to be polled; beyond, the oldest go (counted).
pub const ALERT_CAPACITY: usize = 4096;

/// How a board starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardConfig {
    /// When alerts are raised.
    pub thresholds: Thresholds,
    /// The service-level target of a queue whose vendor gives none.
    pub target: Duration,
}

impl Default for BoardConfig {
    fn default() -> BoardConfig {
        BoardConfig {
            thresholds: Thresholds::default(),
            target: Duration::from_secs(20),
        }
    }
}

/// Something on the board changed: redraw it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Change {
    /// This agent (it may be new).
    Agent(AgentId),
    /// This queue (it may be new).
    Queue(QueueId),
    /// This agent is gone.
    AgentRemoved(AgentId),
    /// This queue is gone.
    QueueRemoved(QueueId),
    /// Everything is gone (a resynchronisation follows).
    Cleared,
}

impl Borrow<str> for AgentId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for QueueId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// A slot of the board's timer set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Slot {
    Agent(usize),
    Queue(usize),
}

#[derive(Debug, Clone)]
enum Pending {
    Slot(Slot),
    AgentRemoved(AgentId),
    QueueRemoved(QueueId),
    Cleared,
}

#[derive(Debug, Clone)]
struct AgentEntry {
    view: BoardAgent,
    /// The queue slots that count this agent.
    members: Vec<usize>,
    deadline: Option<Instant>,
    /// The state its level was last evaluated in.
    evaluated: AgentStatus,
    dirty: bool,
}

#[derive(Debug, Clone)]
struct QueueEntry {
    view: BoardQueue,
    deadline: Option<Instant>,
    dirty: bool,
}

/// The supervisor's board. See the module documentation.
#[derive(Debug, Clone)]
pub struct Board {
    config: BoardConfig,
    agents: Vec<Option<AgentEntry>>,
    agent_index: HashMap<AgentId, usize>,
    free_agents: Vec<usize>,
    queues: Vec<Option<QueueEntry>>,
    queue_index: HashMap<QueueId, usize>,
    free_queues: Vec<usize>,
    timers: BTreeSet<(Instant, Slot)>,
    alerts: VecDeque<Alert>,
    alerts_dropped: u64,
    changes: VecDeque<Pending>,
    ignored: u64,
}

impl Default for Board {
    fn default() -> Board {
        Board::new(BoardConfig::default())
    }
}

impl Board {
    /// An empty board.
    pub fn new(config: BoardConfig) -> Board {
        Board {
            config,
            agents: Vec::new(),
            agent_index: HashMap::new(),
            free_agents: Vec::new(),
            queues: Vec::new(),
            queue_index: HashMap::new(),
            free_queues: Vec::new(),
            timers: BTreeSet::new(),
            alerts: VecDeque::new(),
            alerts_dropped: 0,
            changes: VecDeque::new(),
            ignored: 0,
        }
    }

    /// Its configuration.
    pub fn config(&self) -> &BoardConfig {
        &self.config
    }

    /// The agent `id`.
    pub fn agent(&self, id: &str) -> Option<&BoardAgent> {
        let slot = *self.agent_index.get(id)?;
        self.agents.get(slot)?.as_ref().map(|e| &e.view)
    }

    /// The queue `id`.
    pub fn queue(&self, id: &str) -> Option<&BoardQueue> {
        let slot = *self.queue_index.get(id)?;
        self.queues.get(slot)?.as_ref().map(|e| &e.view)
    }

    /// Every agent, in the order they appeared.
    pub fn agents(&self) -> impl Iterator<Item = &BoardAgent> + '_ {
        self.agents.iter().flatten().map(|e| &e.view)
    }

    /// Every queue, in the order they appeared.
    pub fn queues(&self) -> impl Iterator<Item = &BoardQueue> + '_ {
        self.queues.iter().flatten().map(|e| &e.view)
    }

    /// How many agents.
    pub fn agent_count(&self) -> usize {
        self.agent_index.len()
    }

    /// How many queues.
    pub fn queue_count(&self) -> usize {
        self.queue_index.len()
    }

    /// The agents `supervisor` is in the call of, and how.
    pub fn listened_by<'a>(
        &'a self,
        supervisor: &'a str,
    ) -> impl Iterator<Item = (&'a BoardAgent, ListenMode)> + 'a {
        self.agents()
            .filter_map(move |a| a.listened_by(supervisor).map(|mode| (a, mode)))
    }

    /// Updates that made no sense (a call leaving a queue it was never seen in is still
    /// counted; a listener stopping who never started is not).
    pub fn ignored(&self) -> u64 {
        self.ignored
    }

    /// Alerts dropped because nobody polled them.
    pub fn alerts_dropped(&self) -> u64 {
        self.alerts_dropped
    }

    /// New thresholds, applied at `now` (alerts follow at once).
    pub fn set_thresholds(&mut self, now: Instant, thresholds: Thresholds) {
        self.config.thresholds = thresholds;
        for slot in 0..self.agents.len() {
            if self.agents[slot].is_some() {
                self.evaluate(now, Slot::Agent(slot));
            }
        }
        for slot in 0..self.queues.len() {
            if self.queues[slot].is_some() {
                self.evaluate(now, Slot::Queue(slot));
            }
        }
    }

    /// The next alert, oldest first.
    pub fn poll_alert(&mut self) -> Option<Alert> {
        self.alerts.pop_front()
    }

    /// The next agent or queue that changed since the last poll, each once.
    pub fn poll_change(&mut self) -> Option<Change> {
        while let Some(pending) = self.changes.pop_front() {
            match pending {
                Pending::Slot(Slot::Agent(slot)) => {
                    if let Some(entry) = self.agents.get_mut(slot).and_then(Option::as_mut) {
                        if entry.dirty {
                            entry.dirty = false;
                            return Some(Change::Agent(entry.view.id.clone()));
                        }
                    }
                }
                Pending::Slot(Slot::Queue(slot)) => {
                    if let Some(entry) = self.queues.get_mut(slot).and_then(Option::as_mut) {
                        if entry.dirty {
                            entry.dirty = false;
                            return Some(Change::Queue(entry.view.id.clone()));
                        }
                    }
                }
                Pending::AgentRemoved(id) => return Some(Change::AgentRemoved(id)),
                Pending::QueueRemoved(id) => return Some(Change::QueueRemoved(id)),
                Pending::Cleared => return Some(Change::Cleared),
            }
        }
        None
    }

    /// When [`Board::handle_timeout`] should next be called: the next time a threshold is
    /// crossed with nothing reported.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timers.first().map(|(at, _)| *at)
    }

    /// Raises the alerts that time raised up to `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        while let Some(&(at, slot)) = self.timers.first() {
            if at > now {
                break;
            }
            self.timers.pop_first();
            match slot {
                Slot::Agent(s) => {
                    if let Some(e) = self.agents.get_mut(s).and_then(Option::as_mut) {
                        e.deadline = None;
                    }
                }
                Slot::Queue(s) => {
                    if let Some(e) = self.queues.get_mut(s).and_then(Option::as_mut) {
                        e.deadline = None;
                    }
                }
            }
            self.evaluate(now, slot);
        }
    }

    /// Applies one update that arrived at `now`.
    pub fn apply(&mut self, now: Instant, update: BoardUpdate) {
        match update {
            BoardUpdate::Agent(info) => self.agent_info(now, info),
            BoardUpdate::AgentRemoved(id) => self.remove_agent(id.as_str()),
            BoardUpdate::AgentState {
                agent,
                state,
                reason,
                since,
            } => self.agent_state(now, agent, state, reason, since),
            BoardUpdate::AgentCall { agent, call } => {
                let slot = self.agent_slot(now, agent);
                if let Some(entry) = self.agent_entry(slot) {
                    if entry.view.call != call {
                        entry.view.call = call;
                        self.touch(Slot::Agent(slot));
                    }
                }
            }
            BoardUpdate::Listening {
                agent,
                supervisor,
                mode,
            } => self.listening(now, agent, supervisor, mode),
            BoardUpdate::Queue(info) => self.queue_info(now, info),
            BoardUpdate::QueueRemoved(id) => self.remove_queue(id.as_str()),
            BoardUpdate::CallQueued { queue, call, since } => {
                self.call_queued(now, queue, call, since.unwrap_or(now));
            }
            BoardUpdate::CallDequeued {
                queue,
                call,
                outcome,
            } => self.call_dequeued(now, queue, &call, outcome),
            BoardUpdate::QueueFigures(figures) => {
                let slot = self.queue_slot(now, figures.queue.clone());
                if let Some(entry) = self.queue_entry(slot) {
                    let before = entry.view.reported.clone();
                    entry.view.reported.merge(now, &figures);
                    if entry.view.reported != before {
                        self.touch(Slot::Queue(slot));
                        self.evaluate(now, Slot::Queue(slot));
                    }
                }
            }
            BoardUpdate::ResetCounters => {
                for slot in 0..self.queues.len() {
                    if let Some(entry) = self.queue_entry(slot) {
                        let q = &mut entry.view;
                        q.handled = 0;
                        q.abandoned = 0;
                        q.in_target = 0;
                        q.offered = 0;
                        q.reported.handled = None;
                        q.reported.abandoned = None;
                        q.reported.service_level = None;
                        self.touch(Slot::Queue(slot));
                    }
                }
            }
            BoardUpdate::Clear => {
                let config = self.config.clone();
                *self = Board::new(config);
                self.changes.push_back(Pending::Cleared);
            }
        }
    }

    fn agent_entry(&mut self, slot: usize) -> Option<&mut AgentEntry> {
        self.agents.get_mut(slot).and_then(Option::as_mut)
    }

    fn queue_entry(&mut self, slot: usize) -> Option<&mut QueueEntry> {
        self.queues.get_mut(slot).and_then(Option::as_mut)
    }

    /// Marks a slot for the next [`Board::poll_change`].
    fn touch(&mut self, slot: Slot) {
        let dirty = match slot {
            Slot::Agent(s) => self.agent_entry(s).map(|e| &mut e.dirty),
            Slot::Queue(s) => self.queue_entry(s).map(|e| &mut e.dirty),
        };
        if let Some(dirty) = dirty {
            if !*dirty {
                *dirty = true;
                self.changes.push_back(Pending::Slot(slot));
            }
        }
    }

    /// The slot of agent `id`, created (logged out since `now`) if new.
    fn agent_slot(&mut self, now: Instant, id: AgentId) -> usize {
        if let Some(&slot) = self.agent_index.get(&id) {
            return slot;
        }
        let entry = AgentEntry {
            view: view::BoardAgent::new(id.clone(), now),
            members: Vec::new(),
            deadline: None,
            evaluated: AgentStatus::LoggedOut,
            dirty: false,
        };
        let slot = match self.free_agents.pop() {
            Some(slot) => {
                self.agents[slot] = Some(entry);
                slot
            }
            None => {
                self.agents.push(Some(entry));
                self.agents.len() - 1
            }
        };
        self.agent_index.insert(id, slot);
        self.touch(Slot::Agent(slot));
        slot
    }

    /// The slot of queue `id`, created if new (no agent serves it until it has groups, or
    /// an agent names it).
    fn queue_slot(&mut self, now: Instant, id: QueueId) -> usize {
        if let Some(&slot) = self.queue_index.get(&id) {
            return slot;
        }
        let entry = QueueEntry {
            view: view::BoardQueue::new(id.clone(), self.config.target),
            deadline: None,
            dirty: false,
        };
        let slot = match self.free_queues.pop() {
            Some(slot) => {
                self.queues[slot] = Some(entry);
                slot
            }
            None => {
                self.queues.push(Some(entry));
                self.queues.len() - 1
            }
        };
        self.queue_index.insert(id, slot);
        self.touch(Slot::Queue(slot));
        // An agent may already name it among its queues.
        self.refresh_all_memberships();
        self.evaluate(now, Slot::Queue(slot));
        slot
    }

    fn agent_info(&mut self, now: Instant, info: AgentInfo) {
        let slot = self.agent_slot(now, info.id);
        let Some(entry) = self.agent_entry(slot) else {
            return;
        };
        let view = &mut entry.view;
        let mut changed = false;
        let mut membership = false;
        if let Some(name) = info.name {
            changed |= view.name.as_ref() != Some(&name);
            view.name = Some(name);
        }
        if let Some(groups) = info.groups {
            if view.groups != groups {
                view.groups = groups;
                changed = true;
                membership = true;
            }
        }
        if let Some(queues) = info.queues {
            if view.queues != queues {
                view.queues = queues;
                changed = true;
                membership = true;
            }
        }
        if let Some(skills) = info.skills {
            changed |= view.skills != skills;
            view.skills = skills;
        }
        if membership {
            self.refresh_membership(slot);
        }
        if changed {
            self.touch(Slot::Agent(slot));
        }
    }

    fn agent_state(
        &mut self,
        now: Instant,
        id: AgentId,
        state: AgentStatus,
        reason: Option<String>,
        since: Option<Instant>,
    ) {
        let slot = self.agent_slot(now, id);
        let Some(entry) = self.agent_entry(slot) else {
            return;
        };
        let view = &mut entry.view;
        let old = view.state;
        let new_since = match since {
            Some(since) => since,
            None if old == state => view.since,
            None => now,
        };
        if old == state && view.since == new_since && view.reason == reason {
            return;
        }
        view.state = state;
        view.since = new_since;
        view.reason = reason;
        if old != state {
            let members = entry.members.clone();
            for q in members {
                if let Some(queue) = self.queue_entry(q) {
                    *queue.view.counts.slot(old) -= 1;
                    *queue.view.counts.slot(state) += 1;
                    self.touch(Slot::Queue(q));
                }
            }
        }
        self.touch(Slot::Agent(slot));
        self.evaluate(now, Slot::Agent(slot));
    }

    fn listening(
        &mut self,
        now: Instant,
        agent: AgentId,
        supervisor: AgentId,
        mode: Option<ListenMode>,
    ) {
        let slot = self.agent_slot(now, agent);
        let Some(entry) = self.agent_entry(slot) else {
            return;
        };
        let listeners = &mut entry.view.listeners;
        let at = listeners.iter().position(|l| l.supervisor == supervisor);
        match (at, mode) {
            (Some(i), Some(mode)) if listeners[i].mode == mode => return,
            (Some(i), Some(mode)) => listeners[i].mode = mode,
            (None, Some(mode)) => listeners.push(Listener { supervisor, mode }),
            (Some(i), None) => {
                listeners.remove(i);
            }
            (None, None) => {
                self.ignored += 1;
                return;
            }
        }
        self.touch(Slot::Agent(slot));
    }

    fn queue_info(&mut self, now: Instant, info: QueueInfo) {
        let slot = self.queue_slot(now, info.id);
        let Some(entry) = self.queue_entry(slot) else {
            return;
        };
        let view = &mut entry.view;
        let mut changed = false;
        let mut membership = false;
        if let Some(name) = info.name {
            changed |= view.name.as_ref() != Some(&name);
            view.name = Some(name);
        }
        if let Some(kind) = info.kind {
            changed |= view.kind != kind;
            view.kind = kind;
        }
        if let Some(target) = info.target {
            changed |= view.target != target;
            view.target = target;
        }
        if let Some(groups) = info.groups {
            if view.groups != groups {
                view.groups = groups;
                changed = true;
                membership = true;
            }
        }
        if membership {
            self.refresh_all_memberships();
        }
        if changed {
            self.touch(Slot::Queue(slot));
        }
    }

    fn call_queued(&mut self, now: Instant, queue: QueueId, call: CallRef, since: Instant) {
        let slot = self.queue_slot(now, queue);
        let Some(entry) = self.queue_entry(slot) else {
            return;
        };
        let q = &mut entry.view;
        if let Some(previous) = q.waiting_since.insert(call.clone(), since) {
            if previous == since {
                return;
            }
            q.waiting.remove(&(previous, call.clone()));
        }
        q.waiting.insert((since, call));
        self.touch(Slot::Queue(slot));
        self.evaluate(now, Slot::Queue(slot));
    }

    fn call_dequeued(
        &mut self,
        now: Instant,
        queue: QueueId,
        call: &CallRef,
        outcome: QueueOutcome,
    ) {
        let slot = self.queue_slot(now, queue);
        let Some(entry) = self.queue_entry(slot) else {
            return;
        };
        let q = &mut entry.view;
        let since = q.waiting_since.remove(call);
        if let Some(since) = since {
            q.waiting.remove(&(since, call.clone()));
        }
        let waited = since.map(|since| now.saturating_duration_since(since));
        let target = q.target;
        match outcome {
            QueueOutcome::Answered => {
                q.handled += 1;
                if let Some(waited) = waited {
                    q.offered += 1;
                    if waited <= target {
                        q.in_target += 1;
                    }
                }
            }
            QueueOutcome::Abandoned => {
                q.abandoned += 1;
                if waited.is_some_and(|w| w > target) {
                    q.offered += 1;
                }
            }
            QueueOutcome::Overflowed => {}
        }
        if since.is_none() {
            self.ignored += 1;
        }
        self.touch(Slot::Queue(slot));
        self.evaluate(now, Slot::Queue(slot));
    }

    fn remove_agent(&mut self, id: &str) {
        let Some(slot) = self.agent_index.remove(id) else {
            self.ignored += 1;
            return;
        };
        let Some(entry) = self.agents.get_mut(slot).and_then(Option::take) else {
            return;
        };
        for q in entry.members {
            if let Some(queue) = self.queue_entry(q) {
                *queue.view.counts.slot(entry.view.state) -= 1;
                self.touch(Slot::Queue(q));
            }
        }
        if let Some(deadline) = entry.deadline {
            self.timers.remove(&(deadline, Slot::Agent(slot)));
        }
        self.free_agents.push(slot);
        self.changes.push_back(Pending::AgentRemoved(entry.view.id));
    }

    fn remove_queue(&mut self, id: &str) {
        let Some(slot) = self.queue_index.remove(id) else {
            self.ignored += 1;
            return;
        };
        let Some(entry) = self.queues.get_mut(slot).and_then(Option::take) else {
            return;
        };
        if let Some(deadline) = entry.deadline {
            self.timers.remove(&(deadline, Slot::Queue(slot)));
        }
        for agent in self.agents.iter_mut().flatten() {
            agent.members.retain(|&q| q != slot);
        }
        self.free_queues.push(slot);
        self.changes.push_back(Pending::QueueRemoved(entry.view.id));
    }

    /// Whether the agent in `agent` serves the queue `queue`.
    fn serves(agent: &BoardAgent, queue: &BoardQueue) -> bool {
        agent.queues.contains(&queue.id) || queue.groups.iter().any(|g| agent.groups.contains(g))
    }

    /// Recomputes which queues count the agent in `slot`, and their counts.
    fn refresh_membership(&mut self, slot: usize) {
        let Some(entry) = self.agents.get(slot).and_then(Option::as_ref) else {
            return;
        };
        let members: Vec<usize> = self
            .queues
            .iter()
            .enumerate()
            .filter_map(|(q, queue)| {
                queue
                    .as_ref()
                    .filter(|queue| Self::serves(&entry.view, &queue.view))
                    .map(|_| q)
            })
            .collect();
        if members == entry.members {
            return;
        }
        let state = entry.view.state;
        let old = entry.members.clone();
        for &q in old.iter().filter(|q| !members.contains(q)) {
            if let Some(queue) = self.queue_entry(q) {
                *queue.view.counts.slot(state) -= 1;
                self.touch(Slot::Queue(q));
            }
        }
        for &q in members.iter().filter(|q| !old.contains(q)) {
            if let Some(queue) = self.queue_entry(q) {
                *queue.view.counts.slot(state) += 1;
                self.touch(Slot::Queue(q));
            }
        }
        if let Some(entry) = self.agent_entry(slot) {
            entry.members = members;
        }
    }

    fn refresh_all_memberships(&mut self) {
        for slot in 0..self.agents.len() {
            self.refresh_membership(slot);
        }
    }

    /// Recomputes the alert level of `slot` at `now`, raises or clears its alert, and sets
    /// its next deadline.
    fn evaluate(&mut self, now: Instant, slot: Slot) {
        let thresholds = &self.config.thresholds;
        let (old_deadline, deadline, alert) = match slot {
            Slot::Agent(s) => {
                let Some(entry) = self.agents.get_mut(s).and_then(Option::as_mut) else {
                    return;
                };
                let view = &mut entry.view;
                let threshold = thresholds.agent(view.state);
                let level = threshold.level(now.saturating_duration_since(view.since));
                let changed = level != view.level
                    || (level != Level::Normal && view.state != entry.evaluated);
                view.level = level;
                entry.evaluated = view.state;
                let alert = changed.then(|| Alert {
                    subject: Subject::Agent(entry.view.id.clone()),
                    level,
                    cause: AlertCause::State(entry.view.state),
                    since: entry.view.since,
                });
                let deadline = threshold.next(entry.view.since, level);
                let old = std::mem::replace(&mut entry.deadline, deadline);
                (old, deadline, alert)
            }
            Slot::Queue(s) => {
                let Some(entry) = self.queues.get_mut(s).and_then(Option::as_mut) else {
                    return;
                };
                let view = &mut entry.view;
                let oldest = view.oldest_since();
                let wait_level = oldest.map_or(Level::Normal, |since| {
                    thresholds
                        .longest_wait
                        .level(now.saturating_duration_since(since))
                });
                let count_level = thresholds.waiting_calls.level(view.waiting());
                let (level, cause) = if count_level > wait_level {
                    (count_level, AlertCause::WaitingCalls)
                } else {
                    (wait_level, AlertCause::LongestWait)
                };
                let changed =
                    level != view.level || (level != Level::Normal && cause != view.cause);
                view.level = level;
                view.cause = cause;
                let alert = changed.then(|| Alert {
                    subject: Subject::Queue(view.id.clone()),
                    level,
                    cause,
                    since: match cause {
                        AlertCause::LongestWait => oldest.unwrap_or(now),
                        _ => now,
                    },
                });
                let deadline =
                    oldest.and_then(|since| thresholds.longest_wait.next(since, wait_level));
                let old = std::mem::replace(&mut entry.deadline, deadline);
                (old, deadline, alert)
            }
        };
        if old_deadline != deadline {
            if let Some(old) = old_deadline {
                self.timers.remove(&(old, slot));
            }
            if let Some(new) = deadline {
                self.timers.insert((new, slot));
            }
        }
        if let Some(alert) = alert {
            if self.alerts.len() >= ALERT_CAPACITY {
                self.alerts.pop_front();
                self.alerts_dropped += 1;
            }
            self.alerts.push_back(alert);
            self.touch(slot);
        }
    }
}
