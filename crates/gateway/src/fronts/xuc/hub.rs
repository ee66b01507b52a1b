//! The XuC front's outbox: each open socket of a login receives the messages addressed to
//! that login, as JSON text frames. A login without a socket is told nothing (XuC keeps no
//! events for a client that is not connected; a new socket reads the state again).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use cti::xuc::message::{encode_message, ServerMessage};
use tokio::sync::{mpsc, watch};

/// Frames waiting for one socket; beyond this a socket too slow to read loses frames.
pub const SOCKET_QUEUE: usize = 4096;

/// The sockets of each login: (socket id, its frames).
type Sockets = HashMap<String, Vec<(u64, mpsc::Sender<Arc<str>>)>>;

/// How long a new socket waits for the CTI link before `loggedOnTimeout` (XuC's default).
pub const LOGGED_ON_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a socket may stay silent before the server closes it: three of the client's 5 s
/// heartbeat intervals (docs/decisions.md, "XuC: the server's heartbeat timeout").
pub const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(15);

/// The close code of a socket silent for too long: 1001 (going away), as a proxy's idle
/// timeout closes it, so that the client reconnects.
pub const HEARTBEAT_CLOSE_CODE: u16 = 1001;

/// The open XuC sockets by login, and the state of the front's link to the CTI server.
#[derive(Debug)]
pub struct XucHub {
    sockets: Mutex<Sockets>,
    next: AtomicU64,
    published: AtomicU64,
    /// Whether the link to the CTI server (the simulated centre) is up: while it is down,
    /// new sockets wait for it, then get `loggedOnTimeout`.
    link: watch::Sender<bool>,
    /// How long they wait, in ms.
    logged_on_timeout_ms: AtomicU64,
    /// How long a socket may stay silent, in ms.
    heartbeat_timeout_ms: AtomicU64,
}

impl Default for XucHub {
    fn default() -> XucHub {
        XucHub {
            sockets: Mutex::default(),
            next: AtomicU64::default(),
            published: AtomicU64::default(),
            link: watch::channel(true).0,
            logged_on_timeout_ms: AtomicU64::new(
                u64::try_from(LOGGED_ON_TIMEOUT.as_millis()).unwrap_or(u64::MAX),
            ),
            heartbeat_timeout_ms: AtomicU64::new(
                u64::try_from(HEARTBEAT_TIMEOUT.as_millis()).unwrap_or(u64::MAX),
            ),
        }
    }
}

impl XucHub {
    fn lock(&self) -> MutexGuard<'_, Sockets> {
        self.sockets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Cuts (`false`) or restores the link to the CTI server: a fault to simulate.
    pub fn set_link(&self, up: bool) {
        self.link.send_replace(up);
    }

    /// Whether the link to the CTI server is up.
    pub fn link_up(&self) -> bool {
        *self.link.borrow()
    }

    /// Sets how long a new socket waits for the link (tests shorten XuC's 10 s).
    pub fn set_logged_on_timeout(&self, timeout: Duration) {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        self.logged_on_timeout_ms.store(ms, Ordering::Relaxed);
    }

    /// Sets how long a socket may stay silent before it is closed (tests shorten the 15 s).
    pub fn set_heartbeat_timeout(&self, timeout: Duration) {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        self.heartbeat_timeout_ms.store(ms, Ordering::Relaxed);
    }

    /// How long a socket may stay silent before it is closed.
    pub fn heartbeat_timeout(&self) -> Duration {
        Duration::from_millis(self.heartbeat_timeout_ms.load(Ordering::Relaxed))
    }

    /// Waits until the link is up, at most the logged-on timeout; whether it is.
    pub async fn wait_for_link(&self) -> bool {
        let timeout = Duration::from_millis(self.logged_on_timeout_ms.load(Ordering::Relaxed));
        let mut link = self.link.subscribe();
        let waited = tokio::time::timeout(timeout, link.wait_for(|up| *up)).await;
        waited.is_ok_and(|up| up.is_ok())
    }

    /// A socket of `login` opens: its id and the frames it is to send.
    pub fn subscribe(&self, login: &str) -> (u64, mpsc::Receiver<Arc<str>>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = mpsc::channel(SOCKET_QUEUE);
        self.lock()
            .entry(login.to_owned())
            .or_default()
            .push((id, sender));
        (id, receiver)
    }

    /// The socket `id` of `login` closed.
    pub fn unsubscribe(&self, login: &str, id: u64) {
        let mut sockets = self.lock();
        if let Some(list) = sockets.get_mut(login) {
            list.retain(|(other, _)| *other != id);
            if list.is_empty() {
                sockets.remove(login);
            }
        }
    }

    /// Sends `message` to every socket of `login`.
    pub fn publish(&self, login: &str, message: &ServerMessage) {
        let mut sockets = self.lock();
        let Some(list) = sockets.get_mut(login) else {
            return;
        };
        let frame: Arc<str> = encode_message(message).into();
        list.retain(|(_, sender)| match sender.try_send(Arc::clone(&frame)) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                tracing::warn!(%login, "XuC socket too slow: a frame was dropped");
                true
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        });
        self.published.fetch_add(1, Ordering::Relaxed);
    }

    /// Messages published to at least one socket so far.
    pub fn published(&self) -> u64 {
        self.published.load(Ordering::Relaxed)
    }
}
