//! A STOMP 1.2 client connection as a sans-IO state machine, in the quinn/str0m manner: the
//! host feeds bytes with [`ClientConnection::handle_input`], drains
//! [`ClientConnection::poll_transmit`] (bytes to write) and [`ClientConnection::poll_event`],
//! and calls [`ClientConnection::handle_timeout`] at [`ClientConnection::poll_timeout`].
//!
//! It sends `CONNECT` first and holds every other frame until `CONNECTED` (a pipelining
//! client may confuse a server that still authenticates), negotiates heart-beats, sends an
//! EOL when it has been quiet for the agreed interval and declares the server silent after
//! [`ClientConfig::silence_factor`] intervals without a byte. `ERROR` and undecodable input
//! close it (STOMP: the server closes after `ERROR`).

use std::collections::VecDeque;

use core::time::Duration;

use super::codec::{encode, FrameDecoder, Item, Limits, StompError, HEARTBEAT};
use super::frame::{headers, Command, Frame};
use super::heartbeat::{negotiate, HeartBeat, Negotiated};
use crate::model::Instant;

/// The STOMP version this client speaks.
pub const VERSION: &str = "1.2";

/// How a client connection is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The `host` header: the broker's virtual host (RabbitMQ: `/`).
    pub host: String,
    /// The broker login, if it asks for one.
    pub login: Option<String>,
    /// The broker passcode.
    pub passcode: Option<String>,
    /// What we offer in `heart-beat`.
    pub heart_beat: HeartBeat,
    /// Bounds on received frames.
    pub limits: Limits,
    /// Intervals without a byte from the server before it counts as silent.
    pub silence_factor: u32,
    /// How long to wait for `CONNECTED`.
    pub connect_timeout: Duration,
}

impl Default for ClientConfig {
    fn default() -> ClientConfig {
        ClientConfig {
            host: "/".to_owned(),
            login: None,
            passcode: None,
            heart_beat: HeartBeat {
                send_ms: 10_000,
                receive_ms: 10_000,
            },
            limits: Limits::default(),
            silence_factor: 2,
            connect_timeout: Duration::from_secs(10),
        }
    }
}

/// Where the connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientState {
    /// `CONNECT` sent, waiting for `CONNECTED`.
    Connecting,
    /// The session is open.
    Connected,
    /// `DISCONNECT` sent, waiting for its receipt.
    Disconnecting,
    /// Over: nothing more is sent or read.
    Closed,
}

/// A subscription's `id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubscriptionId(pub String);

/// A `receipt` asked for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReceiptId(pub String);

/// What the connection tells its host.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent {
    /// `CONNECTED`: the session is open.
    Connected {
        /// The version the server chose (`1.0` when it did not say).
        version: String,
        /// The server's `session` header.
        session: Option<String>,
        /// The heart-beats agreed on.
        heart_beat: Negotiated,
    },
    /// A `MESSAGE` of one of our subscriptions.
    Message {
        /// Its `subscription` header.
        subscription: Option<SubscriptionId>,
        /// Its `destination` header.
        destination: Option<String>,
        /// The frame, headers and body.
        frame: Frame,
    },
    /// A `RECEIPT` for a frame we asked one for.
    Receipt(ReceiptId),
    /// An `ERROR` frame; the connection is closed.
    Error {
        /// Its `message` header.
        message: String,
        /// Its `receipt-id`: the frame it is about, when the server said.
        receipt: Option<ReceiptId>,
        /// Its body, as text.
        detail: String,
    },
    /// The server sent something that is not STOMP, or a client frame; closed.
    ProtocolError(StompError),
    /// Nothing came from the server for too long (or no `CONNECTED`); closed.
    ServerSilent,
    /// The receipt of our `DISCONNECT` came: closed cleanly.
    Disconnected,
}

/// One STOMP client connection.
#[derive(Debug, Clone)]
pub struct ClientConnection {
    config: ClientConfig,
    state: ClientState,
    decoder: FrameDecoder,
    transmits: VecDeque<Vec<u8>>,
    held: VecDeque<Frame>,
    events: VecDeque<ClientEvent>,
    next_subscription: u64,
    next_receipt: u64,
    subscriptions: Vec<(SubscriptionId, String)>,
    receipts: Vec<ReceiptId>,
    disconnect_receipt: Option<ReceiptId>,
    heart_beat: Negotiated,
    started: Instant,
    last_sent: Instant,
    last_received: Instant,
}

impl ClientConnection {
    /// A connection on a freshly opened transport: `CONNECT` is queued.
    pub fn new(now: Instant, config: ClientConfig) -> ClientConnection {
        let mut connect = Frame::new(Command::Connect)
            .header(headers::ACCEPT_VERSION, VERSION)
            .header(headers::HOST, config.host.clone());
        if let Some(login) = &config.login {
            connect = connect.header(headers::LOGIN, login.clone());
        }
        if let Some(passcode) = &config.passcode {
            connect = connect.header(headers::PASSCODE, passcode.clone());
        }
        connect = connect.header(headers::HEART_BEAT, config.heart_beat.header_value());
        let mut connection = ClientConnection {
            decoder: FrameDecoder::new(config.limits),
            config,
            state: ClientState::Connecting,
            transmits: VecDeque::new(),
            held: VecDeque::new(),
            events: VecDeque::new(),
            next_subscription: 0,
            next_receipt: 0,
            subscriptions: Vec::new(),
            receipts: Vec::new(),
            disconnect_receipt: None,
            heart_beat: Negotiated::default(),
            started: now,
            last_sent: now,
            last_received: now,
        };
        connection.write(now, &connect);
        connection
    }

    /// Where the connection stands.
    pub fn state(&self) -> ClientState {
        self.state
    }

    /// The heart-beats agreed on (none before `CONNECTED`).
    pub fn heart_beat(&self) -> Negotiated {
        self.heart_beat
    }

    /// The subscriptions open (or asked for), with their destinations.
    pub fn subscriptions(&self) -> &[(SubscriptionId, String)] {
        &self.subscriptions
    }

    /// Receipts asked for and not come yet.
    pub fn pending_receipts(&self) -> &[ReceiptId] {
        &self.receipts
    }

    /// Subscribes to `destination` (`ack:auto`).
    pub fn subscribe(&mut self, now: Instant, destination: &str) -> SubscriptionId {
        self.next_subscription += 1;
        let id = SubscriptionId(format!("sub-{}", self.next_subscription));
        let frame = Frame::new(Command::Subscribe)
            .header(headers::ID, id.0.clone())
            .header(headers::DESTINATION, destination)
            .header(headers::ACK, "auto");
        self.subscriptions
            .push((id.clone(), destination.to_owned()));
        self.queue(now, frame);
        id
    }

    /// Ends a subscription.
    pub fn unsubscribe(&mut self, now: Instant, id: &SubscriptionId) {
        self.subscriptions.retain(|(known, _)| known != id);
        let frame = Frame::new(Command::Unsubscribe).header(headers::ID, id.0.clone());
        self.queue(now, frame);
    }

    /// Sends `body` to `destination` with `extra` headers (e.g. `type`), asking for a receipt
    /// when `receipt` is set. `None` when no receipt was asked or the connection is over.
    pub fn send(
        &mut self,
        now: Instant,
        destination: &str,
        extra: &[(&str, &str)],
        body: &str,
        receipt: bool,
    ) -> Option<ReceiptId> {
        let mut frame = Frame::new(Command::Send).header(headers::DESTINATION, destination);
        for (name, value) in extra {
            frame = frame.header(*name, *value);
        }
        let id = receipt.then(|| self.receipt_id());
        if let Some(id) = &id {
            frame = frame.header(headers::RECEIPT, id.0.clone());
        }
        frame.body = body.as_bytes().to_vec();
        if !self.queue(now, frame) {
            return None;
        }
        if let Some(id) = &id {
            self.receipts.push(id.clone());
        }
        id
    }

    /// Sends `DISCONNECT` asking for a receipt; the connection closes when it comes.
    pub fn disconnect(&mut self, now: Instant) -> Option<ReceiptId> {
        match self.state {
            ClientState::Connected => {}
            ClientState::Connecting => {
                self.close();
                return None;
            }
            ClientState::Disconnecting | ClientState::Closed => return None,
        }
        let id = self.receipt_id();
        let frame = Frame::new(Command::Disconnect).header(headers::RECEIPT, id.0.clone());
        self.write(now, &frame);
        self.state = ClientState::Disconnecting;
        self.disconnect_receipt = Some(id.clone());
        Some(id)
    }

    /// Bytes received from the server.
    pub fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        if self.state == ClientState::Closed {
            return;
        }
        if !bytes.is_empty() {
            self.last_received = now;
        }
        self.decoder.push(bytes);
        while let Some(item) = self.decoder.next_item() {
            match item {
                Ok(Item::HeartBeat) => {}
                Ok(Item::Frame(frame)) => self.handle_frame(now, frame),
                Err(error) => {
                    self.events.push_back(ClientEvent::ProtocolError(error));
                    self.close();
                }
            }
            if self.state == ClientState::Closed {
                break;
            }
        }
    }

    /// The next bytes to write, oldest first (one frame or one heart-beat EOL each).
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.transmits.pop_front()
    }

    /// The next event, oldest first.
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }

    /// When [`ClientConnection::handle_timeout`] should next be called.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self.state {
            ClientState::Connecting => {
                Some(self.started.saturating_add(self.config.connect_timeout))
            }
            ClientState::Connected | ClientState::Disconnecting => {
                let send = self
                    .heart_beat
                    .send
                    .map(|every| self.last_sent.saturating_add(every));
                let receive = self.silence_deadline();
                match (send, receive) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            ClientState::Closed => None,
        }
    }

    /// Lets the timers fire: a heart-beat to send, a silent server to give up on.
    pub fn handle_timeout(&mut self, now: Instant) {
        match self.state {
            ClientState::Connecting => {
                if now >= self.started.saturating_add(self.config.connect_timeout) {
                    self.events.push_back(ClientEvent::ServerSilent);
                    self.close();
                }
            }
            ClientState::Connected | ClientState::Disconnecting => {
                if self.silence_deadline().is_some_and(|at| now >= at) {
                    self.events.push_back(ClientEvent::ServerSilent);
                    self.close();
                    return;
                }
                if let Some(every) = self.heart_beat.send {
                    if now >= self.last_sent.saturating_add(every) {
                        self.transmits.push_back(HEARTBEAT.to_vec());
                        self.last_sent = now;
                    }
                }
            }
            ClientState::Closed => {}
        }
    }

    fn silence_deadline(&self) -> Option<Instant> {
        self.heart_beat.receive.map(|every| {
            self.last_received
                .saturating_add(every.saturating_mul(self.config.silence_factor.max(1)))
        })
    }

    fn receipt_id(&mut self) -> ReceiptId {
        self.next_receipt += 1;
        ReceiptId(format!("rcpt-{}", self.next_receipt))
    }

    /// Sends `frame` now, or holds it until `CONNECTED`. `false` once the connection is over.
    fn queue(&mut self, now: Instant, frame: Frame) -> bool {
        match self.state {
            ClientState::Connecting => {
                self.held.push_back(frame);
                true
            }
            ClientState::Connected => {
                self.write(now, &frame);
                true
            }
            ClientState::Disconnecting | ClientState::Closed => false,
        }
    }

    fn write(&mut self, now: Instant, frame: &Frame) {
        self.transmits.push_back(encode(frame));
        self.last_sent = now;
    }

    fn close(&mut self) {
        self.state = ClientState::Closed;
        self.held.clear();
    }

    fn handle_frame(&mut self, now: Instant, frame: Frame) {
        match frame.command {
            Command::Connected if self.state == ClientState::Connecting => {
                let version = frame.get(headers::VERSION).unwrap_or("1.0").to_owned();
                let theirs = frame
                    .get(headers::HEART_BEAT)
                    .and_then(HeartBeat::parse)
                    .unwrap_or(HeartBeat::NONE);
                self.heart_beat = negotiate(self.config.heart_beat, theirs);
                self.state = ClientState::Connected;
                self.events.push_back(ClientEvent::Connected {
                    version,
                    session: frame.get(headers::SESSION).map(str::to_owned),
                    heart_beat: self.heart_beat,
                });
                while let Some(held) = self.held.pop_front() {
                    self.write(now, &held);
                }
            }
            Command::Message => {
                self.events.push_back(ClientEvent::Message {
                    subscription: frame
                        .get(headers::SUBSCRIPTION)
                        .map(|s| SubscriptionId(s.to_owned())),
                    destination: frame.get(headers::DESTINATION).map(str::to_owned),
                    frame,
                });
            }
            Command::Receipt => {
                let id = ReceiptId(
                    frame
                        .get(headers::RECEIPT_ID)
                        .unwrap_or_default()
                        .to_owned(),
                );
                if self.disconnect_receipt.as_ref() == Some(&id) {
                    self.events.push_back(ClientEvent::Disconnected);
                    self.close();
                } else if let Some(index) = self.receipts.iter().position(|r| *r == id) {
                    self.receipts.remove(index);
                    self.events.push_back(ClientEvent::Receipt(id));
                }
            }
            Command::Error => {
                let receipt = frame
                    .get(headers::RECEIPT_ID)
                    .map(|r| ReceiptId(r.to_owned()));
                if let Some(id) = &receipt {
                    self.receipts.retain(|r| r != id);
                }
                self.events.push_back(ClientEvent::Error {
                    message: frame.get(headers::MESSAGE).unwrap_or_default().to_owned(),
                    receipt,
                    detail: String::from_utf8_lossy(&frame.body).into_owned(),
                });
                self.close();
            }
            other => {
                self.events
                    .push_back(ClientEvent::ProtocolError(StompError::UnknownCommand(
                        format!("{other} from the server"),
                    )));
                self.close();
            }
        }
    }
}
