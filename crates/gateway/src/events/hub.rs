//! The event hub: subscriptions, their bounded queues, and the fan-out of published events.
//!
//! Locking: one `RwLock` over the index (subscription id → subscription, login → its
//! subscriptions), write-locked only to add or remove a subscription; `publish` takes it for
//! reading, so publishers run in parallel. Each subscription has its own small `Mutex` over its
//! queue; nothing awaits while holding any of these locks.
//!
//! Slow consumers: a queue holds at most `HubConfig::queue_capacity` events; beyond that the
//! OLDEST event is dropped and counted (drop-oldest). The publisher therefore never blocks and
//! never fails, and a client that falls that far behind resynchronises from a state snapshot
//! (`OnTelephonyState`, `GET` of the state resources) when it notices the gap.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use cti::o2g::event::{encode_event, Event};
use rand::RngCore;
use tokio::sync::Notify;

use super::filter::EventFilter;
use crate::clock::Millis;

/// One minute: the grace period of L2142/L2145 and the subscription timeout unit.
pub const MINUTE_MS: Millis = 60_000;

/// Tunables of event delivery.
#[derive(Debug, Clone)]
pub struct HubConfig {
    /// Events kept per subscription while its consumer is slow or away.
    pub queue_capacity: usize,
    /// Real time without any message after which a channel sends a keep-alive (AMBIG-20).
    pub keepalive_idle: Duration,
    /// Clock time a subscription survives without an open channel (L2142, L2145).
    pub grace: Millis,
}

impl Default for HubConfig {
    fn default() -> Self {
        HubConfig {
            queue_capacity: 1024,
            keepalive_idle: Duration::from_secs(60),
            grace: MINUTE_MS,
        }
    }
}

/// Counters of the hub since start.
#[derive(Debug, Default)]
struct Metrics {
    published: AtomicU64,
    delivered: AtomicU64,
    dropped: AtomicU64,
}

/// A snapshot of the hub's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HubMetrics {
    /// Events handed to `publish`.
    pub published: u64,
    /// Event copies written to a channel (keep-alives not counted).
    pub delivered: u64,
    /// Event copies dropped from a full queue or with a deleted subscription.
    pub dropped: u64,
    /// Live subscriptions.
    pub subscriptions: usize,
}

/// The subscriptions of one session, as the scenario API reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionSubscriptions {
    /// Live subscriptions.
    pub subscriptions: usize,
    /// Those with a channel attached now.
    pub channels: usize,
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
struct Queue {
    events: VecDeque<Arc<str>>,
    /// Bumped by every channel that attaches; a channel with an older number is superseded.
    generation: u64,
    /// Whether a channel is attached now.
    attached: bool,
    /// When the subscription was created or its last channel went away.
    detached_since: Millis,
    closed: bool,
}

/// One subscription.
#[derive(Debug)]
pub struct Subscription {
    id: String,
    credential: String,
    login: String,
    /// Minutes without events after which the server closes the channel; 0 = never.
    timeout_minutes: u32,
    filter: RwLock<EventFilter>,
    queue: Mutex<Queue>,
    notify: Notify,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every critical section is a few field writes that cannot panic half-way.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Subscription {
    /// Its identifier.
    pub fn id(&self) -> &str {
        &self.id
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

    fn accepts(&self, event_name: &str) -> bool {
        self.filter
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .accepts(event_name)
    }

    /// Queues one event; returns how many were dropped to make room (0 or 1), or `None`
    /// when the subscription is closed.
    fn push(&self, event: &Arc<str>, capacity: usize) -> Option<u64> {
        let mut queue = lock(&self.queue);
        if queue.closed {
            return None;
        }
        let mut dropped = 0;
        while queue.events.len() >= capacity.max(1) {
            queue.events.pop_front();
            dropped += 1;
        }
        queue.events.push_back(Arc::clone(event));
        drop(queue);
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
        if queue.closed || queue.generation != generation {
            return Take::Closed;
        }
        if queue.events.is_empty() {
            return Take::Empty;
        }
        Take::Events(queue.events.drain(..).collect())
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
    fn expired(&self, now: Millis, grace: Millis) -> bool {
        let queue = lock(&self.queue);
        !queue.attached && now.saturating_sub(queue.detached_since) > grace
    }

    /// Closes it; returns how many queued events were dropped.
    fn close(&self) -> usize {
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

#[derive(Debug, Default)]
struct Index {
    by_id: HashMap<String, Arc<Subscription>>,
    by_login: HashMap<String, Vec<Arc<Subscription>>>,
    /// Subscription ids of each session, so that ending a session costs O(its subscriptions).
    by_credential: HashMap<String, Vec<String>>,
}

/// Fans events out to subscriptions.
#[derive(Debug, Default)]
pub struct EventHub {
    config: HubConfig,
    index: RwLock<Index>,
    metrics: Metrics,
}

impl EventHub {
    /// A hub with these tunables.
    pub fn new(config: HubConfig) -> EventHub {
        EventHub {
            config,
            ..EventHub::default()
        }
    }

    /// Its tunables.
    pub fn config(&self) -> &HubConfig {
        &self.config
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Index> {
        self.index
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Index> {
        self.index
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Publishes an event concerning the user `login` (an O2G login name, `oxe70120`).
    /// Never blocks and never fails: a slow or absent consumer must not stall the simulator.
    /// Costs O(subscriptions of `login`); the event is serialised once, and only if someone
    /// wants it.
    pub fn publish(&self, login: &str, event: Event) {
        self.metrics.published.fetch_add(1, Ordering::Relaxed);
        let index = self.read();
        let Some(subscriptions) = index.by_login.get(login) else {
            return;
        };
        let mut encoded: Option<Arc<str>> = None;
        for subscription in subscriptions {
            if !subscription.accepts(event.name()) {
                continue;
            }
            let line = encoded.get_or_insert_with(|| Arc::from(encode_event(&event)));
            if let Some(dropped) = subscription.push(line, self.config.queue_capacity) {
                self.metrics.dropped.fetch_add(dropped, Ordering::Relaxed);
            }
        }
    }

    /// Creates a subscription of the session `credential` (user `login`).
    pub fn subscribe(
        &self,
        credential: &str,
        login: &str,
        filter: EventFilter,
        timeout_minutes: u32,
        now: Millis,
    ) -> Arc<Subscription> {
        let mut raw = [0u8; 16];
        rand::rng().fill_bytes(&mut raw);
        let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let subscription =
            Self::new_subscription(&id, credential, login, filter, timeout_minutes, now);
        let mut index = self.write();
        index
            .by_credential
            .entry(credential.to_owned())
            .or_default()
            .push(id.clone());
        index.by_id.insert(id, Arc::clone(&subscription));
        index
            .by_login
            .entry(login.to_owned())
            .or_default()
            .push(Arc::clone(&subscription));
        subscription
    }

    /// Creates the local twin of an upstream subscription `id` (proxy mode). It is fed by
    /// [`EventHub::push_line`] only, never by `publish`: the upstream already filtered.
    /// Its timeout is the upstream's business, so it has none here.
    pub fn bridged(&self, id: &str, credential: &str, now: Millis) -> Arc<Subscription> {
        let subscription =
            Self::new_subscription(id, credential, "", EventFilter::default(), 0, now);
        let mut index = self.write();
        let previous = index.by_id.insert(id.to_owned(), Arc::clone(&subscription));
        let ids = index
            .by_credential
            .entry(credential.to_owned())
            .or_default();
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_owned());
        }
        drop(index);
        if let Some(previous) = previous {
            previous.close();
        }
        subscription
    }

    /// Queues one event object read from an upstream channel; keep-alives are skipped (our
    /// channels make their own). False when the subscription is closed.
    pub fn push_line(&self, subscription: &Subscription, object: Vec<u8>) -> bool {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&object) else {
            return !subscription.is_closed();
        };
        if value.get("eventName").and_then(serde_json::Value::as_str)
            == Some(cti::o2g::subscription::CHANNEL_INFORMATION)
        {
            return !subscription.is_closed();
        }
        self.metrics.published.fetch_add(1, Ordering::Relaxed);
        // Re-serialised compact, so that an object spread over lines upstream stays one line.
        let line: Arc<str> = Arc::from(value.to_string());
        match subscription.push(&line, self.config.queue_capacity) {
            Some(dropped) => {
                self.metrics.dropped.fetch_add(dropped, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// Closes subscription `id` whoever owns it; false if there was none.
    pub fn close(&self, id: &str) -> bool {
        self.remove(id)
    }

    fn new_subscription(
        id: &str,
        credential: &str,
        login: &str,
        filter: EventFilter,
        timeout_minutes: u32,
        now: Millis,
    ) -> Arc<Subscription> {
        Arc::new(Subscription {
            id: id.to_owned(),
            credential: credential.to_owned(),
            login: login.to_owned(),
            timeout_minutes,
            filter: RwLock::new(filter),
            queue: Mutex::new(Queue {
                events: VecDeque::new(),
                generation: 0,
                attached: false,
                detached_since: now,
                closed: false,
            }),
            notify: Notify::new(),
        })
    }

    /// The live subscription `id`, unless its grace period is over at `now` (then it is
    /// closed on the spot).
    pub fn get(&self, id: &str, now: Millis) -> Option<Arc<Subscription>> {
        let subscription = self.read().by_id.get(id).cloned()?;
        if subscription.expired(now, self.config.grace) {
            self.remove(id);
            return None;
        }
        Some(subscription)
    }

    /// The most recent subscription of a session (the target of `PUT /subscriptions`).
    pub fn latest_of_session(&self, credential: &str, login: &str) -> Option<Arc<Subscription>> {
        self.read()
            .by_login
            .get(login)?
            .iter()
            .rev()
            .find(|s| s.credential == credential)
            .cloned()
    }

    /// Replaces the filter of a subscription.
    pub fn set_filter(&self, subscription: &Subscription, filter: EventFilter) {
        *subscription
            .filter
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = filter;
    }

    /// Deletes subscription `id` if the session `credential` owns it; false if there is no
    /// such subscription of that session.
    pub fn unsubscribe(&self, credential: &str, id: &str) -> bool {
        let owned = self
            .read()
            .by_id
            .get(id)
            .is_some_and(|s| s.credential == credential);
        owned && self.remove(id)
    }

    /// Drops every subscription of a session that closed or expired.
    pub fn drop_session(&self, credential: &str) {
        let ids = self
            .read()
            .by_credential
            .get(credential)
            .cloned()
            .unwrap_or_default();
        for id in ids {
            self.remove(&id);
        }
    }

    /// How many live subscriptions the session `credential` has at `now`, and how many of
    /// them have a channel attached (one past its grace period is not counted: it is dead,
    /// only not swept yet).
    pub fn session_subscriptions(&self, credential: &str, now: Millis) -> SessionSubscriptions {
        let index = self.read();
        let mut counts = SessionSubscriptions::default();
        let ids = index.by_credential.get(credential).into_iter().flatten();
        for subscription in ids.filter_map(|id| index.by_id.get(id)) {
            if subscription.is_closed() || subscription.expired(now, self.config.grace) {
                continue;
            }
            counts.subscriptions += 1;
            if subscription.has_channel() {
                counts.channels += 1;
            }
        }
        counts
    }

    /// Closes every subscription left without a channel for longer than the grace period;
    /// returns how many.
    pub fn sweep(&self, now: Millis) -> usize {
        let expired: Vec<String> = self
            .read()
            .by_id
            .values()
            .filter(|s| s.expired(now, self.config.grace))
            .map(|s| s.id.clone())
            .collect();
        expired.iter().filter(|id| self.remove(id)).count()
    }

    fn remove(&self, id: &str) -> bool {
        let mut index = self.write();
        let Some(subscription) = index.by_id.remove(id) else {
            return false;
        };
        // A bridged twin has no login entry; `retain` then finds nothing, which is fine.
        if let Some(list) = index.by_login.get_mut(&subscription.login) {
            list.retain(|s| s.id != id);
            if list.is_empty() {
                index.by_login.remove(&subscription.login);
            }
        }
        if let Some(ids) = index.by_credential.get_mut(&subscription.credential) {
            ids.retain(|known| known != id);
            if ids.is_empty() {
                index.by_credential.remove(&subscription.credential);
            }
        }
        drop(index);
        let dropped = subscription.close();
        self.metrics
            .dropped
            .fetch_add(dropped as u64, Ordering::Relaxed);
        true
    }

    /// Counts `n` event copies written to a channel.
    pub(crate) fn delivered(&self, n: usize) {
        self.metrics
            .delivered
            .fetch_add(n as u64, Ordering::Relaxed);
    }

    /// How many events were published since start.
    pub fn published(&self) -> u64 {
        self.metrics.published.load(Ordering::Relaxed)
    }

    /// The counters now.
    pub fn metrics(&self) -> HubMetrics {
        HubMetrics {
            published: self.metrics.published.load(Ordering::Relaxed),
            delivered: self.metrics.delivered.load(Ordering::Relaxed),
            dropped: self.metrics.dropped.load(Ordering::Relaxed),
            subscriptions: self.read().by_id.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cti::o2g::event::decode_event;

    fn event(name: &str, login: &str, seq: u32) -> Event {
        let json = format!(r#"{{"eventName":"{name}","loginName":"{login}","seq":{seq}}}"#);
        decode_event(json.as_bytes()).expect("event")
    }

    fn hub(capacity: usize) -> EventHub {
        EventHub::new(HubConfig {
            queue_capacity: capacity,
            ..HubConfig::default()
        })
    }

    #[test]
    fn events_queue_per_login_and_filter_and_drop_oldest_when_full() {
        let hub = hub(2);
        let s = hub.subscribe("c1", "oxe1", EventFilter::all_user_events(), 0, 0);
        let generation = s.attach().expect("attaches");
        hub.publish("oxe2", event("OnUserInfoChanged", "oxe2", 0));
        hub.publish("oxe1", event("OnPbxLoaded", "oxe1", 0));
        for seq in 1..=3 {
            hub.publish("oxe1", event("OnUserInfoChanged", "oxe1", seq));
        }
        let Take::Events(events) = s.take(generation) else {
            panic!("events expected")
        };
        assert_eq!(events.len(), 2);
        assert!(events[0].contains(r#""seq":2"#), "oldest dropped");
        let m = hub.metrics();
        assert_eq!((m.published, m.dropped, m.subscriptions), (5, 1, 1));
    }

    #[test]
    fn a_new_channel_supersedes_the_old_and_removal_closes() {
        let hub = hub(8);
        let s = hub.subscribe("c1", "oxe1", EventFilter::all_user_events(), 0, 0);
        let old = s.attach().expect("attaches");
        let new = s.attach().expect("attaches");
        assert!(matches!(s.take(old), Take::Closed));
        assert!(matches!(s.take(new), Take::Empty));
        assert!(!hub.unsubscribe("other-session", s.id()));
        hub.drop_session("c1");
        assert!(matches!(s.take(new), Take::Closed));
        assert!(hub.get(s.id(), 0).is_none());
    }

    #[test]
    fn subscriptions_without_a_channel_expire_after_the_grace_period() {
        let hub = hub(8);
        let never_opened = hub.subscribe("c1", "oxe1", EventFilter::all_user_events(), 0, 0);
        let open = hub.subscribe("c1", "oxe1", EventFilter::all_user_events(), 0, 0);
        let generation = open.attach().expect("attaches");
        assert_eq!(
            hub.sweep(MINUTE_MS),
            0,
            "exactly one minute is still within"
        );
        assert_eq!(hub.sweep(MINUTE_MS + 1), 1);
        assert!(hub.get(never_opened.id(), MINUTE_MS + 1).is_none());
        open.detach(generation, 2 * MINUTE_MS);
        assert!(hub.get(open.id(), 3 * MINUTE_MS).is_some());
        assert!(hub.get(open.id(), 3 * MINUTE_MS + 1).is_none());
    }
}
