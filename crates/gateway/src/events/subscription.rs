//! One subscription: its filter, its bounded queue, and the channel attached to it; and the
//! [`Encoding`] that is all the hub knows of a front's protocol.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::Notify;

use crate::clock::Millis;

/// How a front's events are selected and written: the hub's only knowledge of a protocol.
pub trait Encoding: 'static {
    /// An event as the front publishes it.
    type Event;
    /// What a subscription selects events with; the default selects nothing (a bridged
    /// subscription, fed lines already selected upstream).
    type Filter: Default + std::fmt::Debug + Send + Sync;
    /// Whether `filter` selects `event`.
    fn accepts(filter: &Self::Filter, event: &Self::Event) -> bool;
    /// The line a channel writes for `event`.
    fn encode(event: &Self::Event) -> String;
}

/// What a subscription's consumer finds when it looks at its queue.
#[derive(Debug)]
pub enum Take {
    /// Events to send, oldest first.
    Events(Vec<Arc<str>>),
    /// Nothing yet; wait for the notification.
    Empty,
    /// The subscription is gone or another channel took it over: end this channel.
    Closed,
}

#[derive(Debug)]
pub(super) struct Queue {
    pub(super) events: VecDeque<Arc<str>>,
    /// Bumped by every channel that attaches; a channel with an older number is superseded.
    pub(super) generation: u64,
    /// Whether a channel is attached now.
    pub(super) attached: bool,
    /// When the subscription was created or its last channel went away.
    pub(super) detached_since: Millis,
    pub(super) closed: bool,
    /// Since when the queue has been full with a channel attached that takes nothing.
    pub(super) full_since: Option<tokio::time::Instant>,
    /// The channel generation evicted for staying full (issue 17, defect 8).
    pub(super) evicted: Option<u64>,
}

/// One subscription, selecting events of the encoding `E`.
#[derive(Debug)]
pub struct Subscription<E: Encoding> {
    pub(super) id: String,
    pub(super) credential: String,
    pub(super) login: String,
    /// Minutes without events after which the server closes the channel; 0 = never.
    pub(super) timeout_minutes: u32,
    pub(super) filter: RwLock<E::Filter>,
    pub(super) queue: Mutex<Queue>,
    pub(super) notify: Notify,
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every critical section is a few field writes that cannot panic half-way.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<E: Encoding> Subscription<E> {
    /// Its identifier.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether the session `credential` owns it.
    pub fn belongs_to(&self, credential: &str) -> bool {
        self.credential == credential
    }

    /// The login whose events it receives.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The subscription `timeout`, in minutes (0 = none).
    pub fn timeout_minutes(&self) -> u32 {
        self.timeout_minutes
    }

    /// How many channels attached to it so far.
    pub fn attach_count(&self) -> u64 {
        lock(&self.queue).generation
    }

    /// Whether it was deleted, expired or ended with its session.
    pub fn is_closed(&self) -> bool {
        lock(&self.queue).closed
    }

    pub(super) fn accepts(&self, event: &E::Event) -> bool {
        E::accepts(
            &self
                .filter
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            event,
        )
    }

    /// Queues one event; returns how many were dropped to make room (0 or 1), or `None`
    /// when the subscription is closed. A channel whose queue has stayed full for
    /// `stuck_after` is evicted: its reader is stuck, and holding events for it only loses
    /// them one by one; it ends with a reason, and the client resyncs when it reconnects.
    pub(super) fn push(
        &self,
        event: &Arc<str>,
        capacity: usize,
        stuck_after: std::time::Duration,
    ) -> Option<u64> {
        let mut queue = lock(&self.queue);
        if queue.closed {
            return None;
        }
        let mut dropped = 0;
        while queue.events.len() >= capacity.max(1) {
            queue.events.pop_front();
            dropped += 1;
        }
        let mut evicted = false;
        if dropped > 0 && queue.attached && queue.evicted != Some(queue.generation) {
            let now = tokio::time::Instant::now();
            let since = *queue.full_since.get_or_insert(now);
            if now.duration_since(since) >= stuck_after {
                queue.evicted = Some(queue.generation);
                queue.full_since = None;
                evicted = true;
            }
        }
        queue.events.push_back(Arc::clone(event));
        drop(queue);
        if evicted {
            // Wake the evicted channel wherever it waits.
            self.notify.notify_waiters();
        }
        self.notify.notify_one();
        Some(dropped)
    }

    /// Attaches a new channel, superseding any other; returns its generation.
    pub fn attach(&self) -> Option<u64> {
        let mut queue = lock(&self.queue);
        if queue.closed {
            return None;
        }
        queue.generation += 1;
        queue.attached = true;
        queue.full_since = None;
        let generation = queue.generation;
        drop(queue);
        // Wake a superseded channel so that it ends now rather than at its next keep-alive.
        self.notify.notify_waiters();
        Some(generation)
    }

    /// The channel of `generation` went away at `now`.
    pub fn detach(&self, generation: u64, now: Millis) {
        let mut queue = lock(&self.queue);
        if queue.generation == generation && queue.attached {
            queue.attached = false;
            queue.detached_since = now;
        }
    }

    /// Takes the queued events for the channel of `generation`.
    pub fn take(&self, generation: u64) -> Take {
        let mut queue = lock(&self.queue);
        if queue.closed || queue.generation != generation || queue.evicted == Some(generation) {
            return Take::Closed;
        }
        if queue.events.is_empty() {
            return Take::Empty;
        }
        queue.full_since = None;
        Take::Events(queue.events.drain(..).collect())
    }

    /// Whether the channel of `generation` was evicted for leaving its queue full.
    pub fn evicted(&self, generation: u64) -> bool {
        lock(&self.queue).evicted == Some(generation)
    }

    /// Waits until something may have changed (an event, a close, a takeover).
    pub(crate) fn changed(&self) -> tokio::sync::futures::Notified<'_> {
        self.notify.notified()
    }

    /// Whether a channel is attached now.
    pub fn has_channel(&self) -> bool {
        lock(&self.queue).attached
    }

    /// Whether it has had no channel for longer than `grace` at `now`.
    pub(super) fn expired(&self, now: Millis, grace: Millis) -> bool {
        let queue = lock(&self.queue);
        !queue.attached && now.saturating_sub(queue.detached_since) > grace
    }

    /// Closes it; returns how many queued events were dropped.
    pub(super) fn close(&self) -> usize {
        let mut queue = lock(&self.queue);
        queue.closed = true;
        let dropped = queue.events.len();
        queue.events = VecDeque::new();
        drop(queue);
        self.notify.notify_waiters();
        self.notify.notify_one();
        dropped
    }
}
