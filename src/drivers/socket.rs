//! What the socket backends' drivers (XuC, the Finesse connector) share: one WebSocket for
//! commands and events, kept open by the shared reconnection policy, closed on exit.

use std::cell::RefCell;
use std::rc::Rc;

use cti::transmit::Payload;

use super::reconnect::{Attempt, Reconnect};
use super::Reply;
use crate::browser::sleep;
use crate::transport::{run_socket, ChannelHandlers, ChannelStop, ConnectionState};

/// The driver's current socket run, shared by its clones.
#[derive(Debug, Clone, Default)]
pub struct SocketLink(Rc<RefCell<Option<Rc<ChannelStop>>>>);

impl SocketLink {
    /// Sends a frame on the open socket; `peer` names the other end in the failure.
    pub fn send(&self, payload: Payload, peer: &str) -> Reply {
        let Payload::Frame(text) = payload else {
            return Reply::Unreachable(format!("Only text frames go to {peer}."));
        };
        let socket = self.0.borrow().as_ref().and_then(|stop| stop.socket());
        match socket.map(|s| s.send_with_str(&text)) {
            Some(Ok(())) => Reply::Sent,
            _ => Reply::Unreachable(format!("Not connected to {peer}.")),
        }
    }

    /// Runs sockets at `url()` until `stop`, reconnecting after the shared policy's waits.
    pub async fn run(
        &self,
        url: impl Fn() -> String,
        handlers: ChannelHandlers,
        stop: Rc<ChannelStop>,
    ) {
        self.0.replace(Some(Rc::clone(&stop)));
        let mut policy = Reconnect::default();
        (handlers.on_state)(ConnectionState::Connecting);
        while !stop.is_stopped() {
            let opened = run_socket(&url(), &handlers, &stop).await;
            let wait = policy.after(if opened {
                Attempt::Dropped
            } else {
                Attempt::NeverOpened
            });
            if stop.is_stopped() {
                break;
            }
            (handlers.on_state)(ConnectionState::Reconnecting {
                attempt: policy.failures(),
            });
            sleep(wait).await;
        }
        (handlers.on_state)(ConnectionState::Offline);
    }

    /// Closes the socket as the page goes (the server ends the session's socket state).
    pub fn close(&self) {
        if let Some(socket) = self.0.borrow().as_ref().and_then(|stop| stop.socket()) {
            let _ = socket.close();
        }
    }

    /// Stops the run for good (sign-out).
    pub fn stop(&self) {
        if let Some(stop) = self.0.borrow().as_ref() {
            stop.stop();
        }
    }
}
