//! The event hub: subscriptions, their bounded queues, and the fan-out of published events.
//!
//! The hub knows no protocol: a front names its events' [`Encoding`] (which events a
//! subscription's filter selects, and the line each becomes), and the hub queues the encoded
//! lines. Each front has its own hub, so a subscription only ever carries its front's events.
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

use rand::RngCore;
use tokio::sync::Notify;

use super::subscription::{Encoding, Queue, Subscription};
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
    /// Subscriptions one login may have at once (issue 17, defect 6); one more closes the
    /// oldest, those without a channel first. Each has at most one channel, so this also
    /// bounds a login's channels.
    pub max_per_login: usize,
    /// A channel whose queue stays full this long is evicted (issue 17, defect 8).
    pub stuck_after: Duration,
}

impl Default for HubConfig {
    fn default() -> Self {
        HubConfig {
            queue_capacity: 1024,
            keepalive_idle: Duration::from_secs(60),
            grace: MINUTE_MS,
            max_per_login: 16,
            stuck_after: Duration::from_secs(10),
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

#[derive(Debug)]
struct Index<E: Encoding> {
    by_id: HashMap<String, Arc<Subscription<E>>>,
    by_login: HashMap<String, Vec<Arc<Subscription<E>>>>,
    /// Subscription ids of each session, so that ending a session costs O(its subscriptions).
    by_credential: HashMap<String, Vec<String>>,
}

// Written out: a derive would ask `E: Default` of the encoding itself.
impl<E: Encoding> Default for Index<E> {
    fn default() -> Self {
        Index {
            by_id: HashMap::new(),
            by_login: HashMap::new(),
            by_credential: HashMap::new(),
        }
    }
}

/// Fans a front's events (of the encoding `E`) out to its subscriptions.
#[derive(Debug)]
pub struct EventHub<E: Encoding> {
    config: HubConfig,
    index: RwLock<Index<E>>,
    metrics: Metrics,
}

impl<E: Encoding> Default for EventHub<E> {
    fn default() -> Self {
        EventHub::new(HubConfig::default())
    }
}

impl<E: Encoding> EventHub<E> {
    /// A hub with these tunables.
    pub fn new(config: HubConfig) -> EventHub<E> {
        EventHub {
            config,
            index: RwLock::new(Index::default()),
            metrics: Metrics::default(),
        }
    }

    /// Its tunables.
    pub fn config(&self) -> &HubConfig {
        &self.config
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Index<E>> {
        self.index
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Index<E>> {
        self.index
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Publishes an event concerning the user `login` (`oxe70120`). Never blocks and never
    /// fails: a slow or absent consumer must not stall the simulator. Costs O(subscriptions of
    /// `login`); the event is encoded once, and only if someone wants it.
    pub fn publish(&self, login: &str, event: E::Event) {
        self.metrics.published.fetch_add(1, Ordering::Relaxed);
        let index = self.read();
        let Some(subscriptions) = index.by_login.get(login) else {
            return;
        };
        let mut encoded: Option<Arc<str>> = None;
        for subscription in subscriptions {
            if !subscription.accepts(&event) {
                continue;
            }
            let line = encoded.get_or_insert_with(|| Arc::from(E::encode(&event)));
            if let Some(dropped) =
                subscription.push(line, self.config.queue_capacity, self.config.stuck_after)
            {
                self.metrics.dropped.fetch_add(dropped, Ordering::Relaxed);
            }
        }
    }

    /// Creates a subscription of the session `credential` (user `login`).
    pub fn subscribe(
        &self,
        credential: &str,
        login: &str,
        filter: E::Filter,
        timeout_minutes: u32,
        now: Millis,
    ) -> Arc<Subscription<E>> {
        let mut raw = [0u8; 16];
        rand::rng().fill_bytes(&mut raw);
        let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let subscription =
            Self::new_subscription(&id, credential, login, filter, timeout_minutes, now);
        for old in self.over_cap(login) {
            tracing::info!(%login, "subscription closed: the login opened too many");
            self.remove(&old);
        }
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

    /// Ids of the subscriptions of `login` to close so that one more fits under
    /// `max_per_login`: those without a channel first, oldest first.
    fn over_cap(&self, login: &str) -> Vec<String> {
        let index = self.read();
        let Some(list) = index.by_login.get(login) else {
            return Vec::new();
        };
        let excess = (list.len() + 1).saturating_sub(self.config.max_per_login.max(1));
        let mut order: Vec<&Arc<Subscription<E>>> = list.iter().collect();
        // Stable: within each group, the order of creation.
        order.sort_by_key(|subscription| subscription.has_channel());
        order
            .into_iter()
            .take(excess)
            .map(|subscription| subscription.id.clone())
            .collect()
    }

    /// Creates the local twin of an upstream subscription `id` (proxy mode). It is fed by
    /// [`EventHub::push_line`] only, never by `publish`: the upstream already filtered.
    /// Its timeout is the upstream's business, so it has none here.
    pub fn bridged(&self, id: &str, credential: &str, now: Millis) -> Arc<Subscription<E>> {
        let subscription = Self::new_subscription(id, credential, "", E::Filter::default(), 0, now);
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

    /// Queues one event line, already encoded and selected (by an upstream, in proxy mode).
    /// False when the subscription is closed.
    pub fn push_line(&self, subscription: &Subscription<E>, line: Arc<str>) -> bool {
        self.metrics.published.fetch_add(1, Ordering::Relaxed);
        match subscription.push(&line, self.config.queue_capacity, self.config.stuck_after) {
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
        filter: E::Filter,
        timeout_minutes: u32,
        now: Millis,
    ) -> Arc<Subscription<E>> {
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
                full_since: None,
                evicted: None,
            }),
            notify: Notify::new(),
        })
    }

    /// The live subscription `id`, unless its grace period is over at `now` (then it is
    /// closed on the spot).
    pub fn get(&self, id: &str, now: Millis) -> Option<Arc<Subscription<E>>> {
        let subscription = self.read().by_id.get(id).cloned()?;
        if subscription.expired(now, self.config.grace) {
            self.remove(id);
            return None;
        }
        Some(subscription)
    }

    /// The most recent subscription of a session (the target of `PUT /subscriptions`).
    pub fn latest_of_session(&self, credential: &str, login: &str) -> Option<Arc<Subscription<E>>> {
        self.read()
            .by_login
            .get(login)?
            .iter()
            .rev()
            .find(|s| s.credential == credential)
            .cloned()
    }

    /// Replaces the filter of a subscription.
    pub fn set_filter(&self, subscription: &Subscription<E>, filter: E::Filter) {
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
    use crate::events::Take;

    /// A protocol of the tests: an event is a name and a number, a filter the names it takes.
    #[derive(Debug)]
    struct Named;

    impl Encoding for Named {
        type Event = (&'static str, u32);
        type Filter = Vec<&'static str>;
        fn accepts(filter: &Self::Filter, event: &Self::Event) -> bool {
            filter.contains(&event.0)
        }
        fn encode((name, seq): &Self::Event) -> String {
            format!(r#"{{"eventName":"{name}","seq":{seq}}}"#)
        }
    }

    fn event(name: &'static str, _login: &str, seq: u32) -> (&'static str, u32) {
        (name, seq)
    }

    fn selecting() -> Vec<&'static str> {
        vec!["OnUserInfoChanged"]
    }

    fn hub(capacity: usize) -> EventHub<Named> {
        EventHub::new(HubConfig {
            queue_capacity: capacity,
            ..HubConfig::default()
        })
    }

    #[test]
    fn events_queue_per_login_and_filter_and_drop_oldest_when_full() {
        let hub = hub(2);
        let s = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
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
        let s = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
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
    fn a_login_keeps_at_most_its_cap_of_subscriptions_dropping_idle_ones_first() {
        let hub = EventHub::<Named>::new(HubConfig {
            max_per_login: 3,
            ..HubConfig::default()
        });
        let watched = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
        watched.attach().expect("attaches");
        let idle = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
        let newer: Vec<_> = (0..3)
            .map(|_| hub.subscribe("c2", "oxe1", selecting(), 0, 0))
            .collect();
        assert_eq!(hub.metrics().subscriptions, 3);
        assert!(idle.is_closed(), "without a channel, it went first");
        assert!(
            newer[0].is_closed(),
            "then the oldest other one without a channel"
        );
        assert!(
            !watched.is_closed() && !newer[2].is_closed(),
            "a watched one stays"
        );
        hub.subscribe("c3", "oxe2", selecting(), 0, 0);
        assert_eq!(
            hub.metrics().subscriptions,
            4,
            "another login is not counted"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_channel_whose_queue_stays_full_is_evicted_and_the_next_one_takes_over() {
        let hub = EventHub::<Named>::new(HubConfig {
            queue_capacity: 2,
            stuck_after: Duration::from_secs(5),
            ..HubConfig::default()
        });
        let s = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
        let stuck = s.attach().expect("attaches");
        for seq in 0..3 {
            hub.publish("oxe1", event("OnUserInfoChanged", "oxe1", seq));
        }
        tokio::time::advance(Duration::from_secs(4)).await;
        hub.publish("oxe1", event("OnUserInfoChanged", "oxe1", 3));
        assert!(!s.evicted(stuck), "full for 4 s only");
        tokio::time::advance(Duration::from_secs(2)).await;
        hub.publish("oxe1", event("OnUserInfoChanged", "oxe1", 4));
        assert!(s.evicted(stuck));
        assert!(matches!(s.take(stuck), Take::Closed));
        // The subscription lives on: a new channel gets the newest events.
        let next = s.attach().expect("attaches");
        let Take::Events(events) = s.take(next) else {
            panic!("events expected")
        };
        assert!(events[events.len() - 1].contains(r#""seq":4"#));
        // A reader that keeps up is never evicted, however long it runs.
        for seq in 5..50 {
            tokio::time::advance(Duration::from_secs(1)).await;
            hub.publish("oxe1", event("OnUserInfoChanged", "oxe1", seq));
            let _ = s.take(next);
        }
        assert!(!s.evicted(next));
    }

    #[test]
    fn subscriptions_without_a_channel_expire_after_the_grace_period() {
        let hub = hub(8);
        let never_opened = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
        let open = hub.subscribe("c1", "oxe1", selecting(), 0, 0);
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
