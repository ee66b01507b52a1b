//! The XuC front's outbox: each open socket of a login receives the messages addressed to
//! that login, as JSON text frames. A login without a socket is told nothing (XuC keeps no
//! events for a client that is not connected; a new socket reads the state again).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use cti::xuc::message::{encode_message, ServerMessage};
use tokio::sync::mpsc;

/// Frames waiting for one socket; beyond this a socket too slow to read loses frames.
pub const SOCKET_QUEUE: usize = 4096;

/// The sockets of each login: (socket id, its frames).
type Sockets = HashMap<String, Vec<(u64, mpsc::Sender<Arc<str>>)>>;

/// The open XuC sockets by login.
#[derive(Debug, Default)]
pub struct XucHub {
    sockets: Mutex<Sockets>,
    next: AtomicU64,
    published: AtomicU64,
}

impl XucHub {
    fn lock(&self) -> MutexGuard<'_, Sockets> {
        self.sockets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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
