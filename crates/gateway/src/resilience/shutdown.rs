//! The gateway is stopping: long-lived channels (WebSocket, chunked) end and tell their
//! clients to reconnect (close code 1012, Service Restart).

use tokio::sync::watch;

/// WebSocket close code when the gateway stops: Service Restart (the client reconnects).
pub const RESTART_CLOSE_CODE: u16 = 1012;

/// The close reason when the gateway stops.
pub const RESTART_TEXT: &str = "the gateway is stopping: reconnect";

/// A one-way switch from running to stopping, which any number of channels wait on; and the
/// count of channels still open, which the process waits on before it exits.
#[derive(Debug)]
pub struct Shutdown {
    stopping: watch::Sender<bool>,
    open: std::sync::Arc<watch::Sender<usize>>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown {
            stopping: watch::Sender::new(false),
            open: std::sync::Arc::new(watch::Sender::new(0)),
        }
    }
}

/// An open long-lived channel (upgraded sockets leave the listener's own count).
#[derive(Debug)]
pub struct OpenChannel {
    open: std::sync::Arc<watch::Sender<usize>>,
}

impl Drop for OpenChannel {
    fn drop(&mut self) {
        self.open
            .send_modify(|count| *count = count.saturating_sub(1));
    }
}

impl Shutdown {
    /// Tells every channel to end.
    pub fn begin(&self) {
        self.stopping.send_replace(true);
    }

    /// Whether the gateway is stopping.
    pub fn is_stopping(&self) -> bool {
        *self.stopping.borrow()
    }

    /// Counts a channel open until the guard is dropped.
    pub fn channel(&self) -> OpenChannel {
        self.open.send_modify(|count| *count += 1);
        OpenChannel {
            open: std::sync::Arc::clone(&self.open),
        }
    }

    /// Waits until every counted channel has closed, or `limit` has passed.
    pub async fn drained(&self, limit: std::time::Duration) {
        let mut open = self.open.subscribe();
        let _ = tokio::time::timeout(limit, open.wait_for(|count| *count == 0)).await;
    }

    /// Resolves once the gateway is stopping.
    pub async fn stopping(&self) {
        let mut seen = self.stopping.subscribe();
        let _ = seen.wait_for(|stopping| *stopping).await;
    }
}
