//! The gateway is stopping: long-lived channels (WebSocket, chunked) end and tell their
//! clients to reconnect (close code 1012, Service Restart).

use tokio::sync::watch;

/// A one-way switch from running to stopping, which any number of channels wait on.
#[derive(Debug)]
pub struct Shutdown {
    stopping: watch::Sender<bool>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown {
            stopping: watch::Sender::new(false),
        }
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

    /// Resolves once the gateway is stopping.
    pub async fn stopping(&self) {
        let mut seen = self.stopping.subscribe();
        let _ = seen.wait_for(|stopping| *stopping).await;
    }
}
