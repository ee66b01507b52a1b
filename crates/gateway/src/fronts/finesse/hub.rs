//! The connector's topics: each agent's events go to every subscriber of
//! `/topic/connector.event.<agent_login_id>` on the built-in endpoint, and to every tap (the
//! bridge to a real broker, which publishes them there). A topic without a subscriber drops
//! its events, as a JMS topic does: a new subscriber reads the state again (`GetState`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;

/// Events waiting for one subscriber; beyond this a subscriber too slow to read loses some.
pub const QUEUE: usize = 4096;

/// One event on its way: the agent whose topic it is on, and its text.
pub type Published = (Arc<str>, Arc<str>);

#[derive(Debug, Default)]
struct Inner {
    topics: HashMap<String, Vec<(u64, mpsc::Sender<Published>)>>,
    taps: Vec<(u64, mpsc::Sender<Published>)>,
}

/// The subscribers of the agents' topics.
#[derive(Debug, Default)]
pub struct FinesseHub {
    inner: Mutex<Inner>,
    next: AtomicU64,
    published: AtomicU64,
}

fn deliver(list: &mut Vec<(u64, mpsc::Sender<Published>)>, event: &Published) {
    list.retain(|(_, sender)| match sender.try_send(event.clone()) {
        Ok(()) => true,
        Err(mpsc::error::TrySendError::Full(_)) => {
            tracing::warn!(topic = %event.0, "Finesse subscriber too slow: an event was dropped");
            true
        }
        Err(mpsc::error::TrySendError::Closed(_)) => false,
    });
}

impl FinesseHub {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Subscribes to `login`'s topic: the subscription's id and its events.
    pub fn subscribe(&self, login: &str) -> (u64, mpsc::Receiver<Published>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = mpsc::channel(QUEUE);
        self.lock()
            .topics
            .entry(login.to_owned())
            .or_default()
            .push((id, sender));
        (id, receiver)
    }

    /// Ends the subscription `id` to `login`'s topic.
    pub fn unsubscribe(&self, login: &str, id: u64) {
        let mut inner = self.lock();
        if let Some(list) = inner.topics.get_mut(login) {
            list.retain(|(other, _)| *other != id);
            if list.is_empty() {
                inner.topics.remove(login);
            }
        }
    }

    /// Every topic's events (the bridge to a broker).
    pub fn tap(&self) -> mpsc::Receiver<Published> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = mpsc::channel(QUEUE);
        self.lock().taps.push((id, sender));
        receiver
    }

    /// Publishes `text` on `login`'s topic.
    pub fn publish(&self, login: &str, text: &str) {
        let event: Published = (Arc::from(login), Arc::from(text));
        let mut inner = self.lock();
        deliver(&mut inner.taps, &event);
        if let Some(list) = inner.topics.get_mut(login) {
            deliver(list, &event);
        }
        self.published.fetch_add(1, Ordering::Relaxed);
    }

    /// Events published so far.
    pub fn published(&self) -> u64 {
        self.published.load(Ordering::Relaxed)
    }
}
