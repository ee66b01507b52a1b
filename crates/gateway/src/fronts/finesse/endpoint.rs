//! The built-in STOMP endpoint, `ws(s)://<gateway>/stomp` (subprotocols `v12.stomp`,
//! `v11.stomp`): the simulator's broker edge, for the connector's destinations only. It is no
//! general broker: a session authenticates as a demo user (`CONNECT` `login`/`passcode`),
//! may subscribe to its own topic `/topic/connector.event.<login>` and send commands to
//! `/queue/connector.command` (JMS type in the `type` header), nothing else.
//!
//! Bad input: a frame that is not STOMP, or not a frame a client may send here, gets an
//! `ERROR` frame and the connection closes (STOMP 1.2); a command the connector refuses gets
//! its `Error` event on the agent's topic and the connection goes on. Nothing a connection
//! does or suffers changes the agent's state but its commands.

use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use cti::stomp::frame::headers as h;
use cti::stomp::{
    connected_frame, encode, error_frame, negotiate, negotiate_version, Command, Frame, HeartBeat,
    Inbound, Limits, Negotiated, ServerFrames,
};
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::hub::Published;
use super::{COMMAND_DESTINATION, EVENT_TOPIC_PREFIX};
use crate::fronts::o2g::extract::origin_of;
use crate::sim_driver::SimHandle;
use crate::state::AppState;

/// The path of the endpoint.
pub const PATH: &str = "/stomp";

/// The WebSocket subprotocols offered, best first (`v10.stomp` is accepted on the socket, but
/// `CONNECT` must then offer 1.1 or 1.2).
pub const SUBPROTOCOLS: [&str; 3] = ["v12.stomp", "v11.stomp", "v10.stomp"];

/// The largest frame (and WebSocket message) read: the connector's commands are a few hundred
/// bytes.
pub const MAX_FRAME_BYTES: usize = 64 << 10;

/// What the endpoint offers in `heart-beat`: it can send every 10 s and wants to hear from the
/// client every 10 s.
pub const HEART_BEAT: HeartBeat = HeartBeat {
    send_ms: 10_000,
    receive_ms: 10_000,
};

/// A client silent for this many agreed intervals is gone.
const SILENCE_FACTOR: u32 = 3;

/// A connection that does not `CONNECT` within this is closed.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

fn limits() -> Limits {
    Limits {
        max_frame_bytes: MAX_FRAME_BYTES,
        max_line_bytes: 8 << 10,
        max_headers: 64,
    }
}

/// `GET /stomp`: the upgrade, for the gateway's own pages and the origins allowed to embed
/// the widget (or a client that is no browser and sends no `Origin`).
pub async fn socket(
    State(state): State<AppState>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let own = origin_of(&headers);
        if !origin.eq_ignore_ascii_case(&own) && !state.embed.allow_list().allows(origin) {
            tracing::warn!(%origin, "STOMP upgrade from another origin refused");
            return (
                StatusCode::FORBIDDEN,
                format!("A page of {origin} may not open the connector's endpoint"),
            )
                .into_response();
        }
    }
    let Some(sim) = state.simulator().cloned() else {
        return (StatusCode::NOT_FOUND, "No simulated connector here").into_response();
    };
    upgrade
        .protocols(SUBPROTOCOLS)
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| serve(state, sim, socket))
}

/// One client connection.
struct Session {
    state: AppState,
    sim: SimHandle,
    frames: ServerFrames,
    login: Option<String>,
    /// The client's subscriptions: (id, destination). All are to its own topic.
    subscriptions: Vec<String>,
    events: Option<(u64, mpsc::Receiver<Published>)>,
    heart_beat: Negotiated,
    last_in: Instant,
    last_out: Instant,
    opened: Instant,
    next_message: u64,
    open: bool,
}

async fn serve(state: AppState, sim: SimHandle, socket: WebSocket) {
    let now = Instant::now();
    let mut session = Session {
        state,
        sim,
        frames: ServerFrames::new(limits()),
        login: None,
        subscriptions: Vec::new(),
        events: None,
        heart_beat: Negotiated::default(),
        last_in: now,
        last_out: now,
        opened: now,
        next_message: 0,
        open: true,
    };
    session.run(socket).await;
    if let (Some(login), Some((id, _))) = (&session.login, &session.events) {
        session.sim.finesse_hub().unsubscribe(login, *id);
    }
    tracing::info!(
        login = session.login.as_deref().unwrap_or("-"),
        "STOMP connection closed"
    );
}

impl Session {
    async fn run(&mut self, mut socket: WebSocket) {
        while self.open {
            let deadline = self.deadline();
            let events = &mut self.events;
            let event = async {
                match events {
                    Some((_, receiver)) => receiver.recv().await,
                    None => std::future::pending().await,
                }
            };
            let mut out = Vec::new();
            tokio::select! {
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => self.input(text.as_bytes(), &mut out),
                    Some(Ok(Message::Binary(bytes))) => self.input(&bytes, &mut out),
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => self.open = false,
                    Some(Ok(_)) => self.last_in = Instant::now(),
                },
                event = event => match event {
                    Some((_, text)) => self.deliver(&text, &mut out),
                    None => self.events = None,
                },
                () = tokio::time::sleep_until(deadline) => self.timeout(&mut out),
            }
            for bytes in out {
                self.last_out = Instant::now();
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                if socket.send(Message::Text(text.into())).await.is_err() {
                    self.open = false;
                    break;
                }
            }
        }
        let _ = socket.send(Message::Close(None)).await;
    }

    /// When the next timer is due: a heart-beat to send, a silent client, no `CONNECT`.
    fn deadline(&self) -> Instant {
        let Some(_) = &self.login else {
            return self.opened + CONNECT_TIMEOUT;
        };
        let send = self.heart_beat.send.map(|every| self.last_out + every);
        let receive = self
            .heart_beat
            .receive
            .map(|every| self.last_in + every * SILENCE_FACTOR);
        match (send, receive) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a
                .or(b)
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600)),
        }
    }

    fn timeout(&mut self, out: &mut Vec<Vec<u8>>) {
        let now = Instant::now();
        if self.login.is_none() {
            if now >= self.opened + CONNECT_TIMEOUT {
                self.reject(
                    out,
                    "no CONNECT",
                    None,
                    "The connection did not CONNECT in time",
                );
            }
            return;
        }
        if let Some(every) = self.heart_beat.receive {
            if now >= self.last_in + every * SILENCE_FACTOR {
                tracing::info!(login = ?self.login, "STOMP client silent: closed");
                self.open = false;
                return;
            }
        }
        if let Some(every) = self.heart_beat.send {
            if now >= self.last_out + every {
                out.push(b"\n".to_vec());
            }
        }
    }

    fn input(&mut self, bytes: &[u8], out: &mut Vec<Vec<u8>>) {
        self.last_in = Instant::now();
        self.frames.push(bytes);
        while self.open {
            match self.frames.next_inbound() {
                None => break,
                Some(Inbound::HeartBeat) => {}
                Some(Inbound::Reject { error, bytes }) => {
                    tracing::info!(login = ?self.login, message = ?error.get(h::MESSAGE), "not STOMP: ERROR and close");
                    out.push(bytes);
                    self.open = false;
                }
                Some(Inbound::Frame(frame)) => self.frame(frame, out),
            }
        }
    }

    /// Sends an `ERROR` and closes.
    fn reject(
        &mut self,
        out: &mut Vec<Vec<u8>>,
        message: &str,
        receipt: Option<&str>,
        detail: &str,
    ) {
        tracing::info!(login = ?self.login, %message, %detail, "STOMP ERROR");
        out.push(encode(&error_frame(message, receipt, detail)));
        self.open = false;
    }

    fn receipt(out: &mut Vec<Vec<u8>>, frame: &Frame) {
        if let Some(receipt) = frame.get(h::RECEIPT) {
            out.push(encode(
                &Frame::new(Command::Receipt).header(h::RECEIPT_ID, receipt),
            ));
        }
    }

    fn frame(&mut self, frame: Frame, out: &mut Vec<Vec<u8>>) {
        let receipt = frame.get(h::RECEIPT).map(str::to_owned);
        let Some(login) = self.login.clone() else {
            return self.connect(&frame, out);
        };
        match frame.command {
            Command::Connect | Command::Stomp => {
                self.reject(
                    out,
                    "already connected",
                    receipt.as_deref(),
                    "CONNECT was sent twice",
                );
            }
            Command::Subscribe => {
                let destination = frame.get(h::DESTINATION).unwrap_or_default();
                if destination != format!("{EVENT_TOPIC_PREFIX}{login}") {
                    return self.reject(
                        out,
                        "access refused",
                        receipt.as_deref(),
                        &format!("{login} may subscribe to {EVENT_TOPIC_PREFIX}{login} only, not {destination}"),
                    );
                }
                let id = frame.get(h::ID).unwrap_or_default().to_owned();
                if !self.subscriptions.contains(&id) {
                    self.subscriptions.push(id);
                }
                if self.events.is_none() {
                    self.events = Some(self.sim.finesse_hub().subscribe(&login));
                }
                Self::receipt(out, &frame);
            }
            Command::Unsubscribe => {
                let id = frame.get(h::ID).unwrap_or_default();
                self.subscriptions.retain(|s| s != id);
                if self.subscriptions.is_empty() {
                    if let Some((id, _)) = self.events.take() {
                        self.sim.finesse_hub().unsubscribe(&login, id);
                    }
                }
                Self::receipt(out, &frame);
            }
            Command::Send => {
                let destination = frame.get(h::DESTINATION).unwrap_or_default();
                if destination != COMMAND_DESTINATION {
                    return self.reject(
                        out,
                        "access refused",
                        receipt.as_deref(),
                        &format!("commands go to {COMMAND_DESTINATION}, not {destination}"),
                    );
                }
                let jms_type = frame.get(h::TYPE).unwrap_or_default();
                let body = String::from_utf8_lossy(&frame.body);
                self.sim
                    .finesse_command(self.state.now(), Some(&login), jms_type, &body);
                Self::receipt(out, &frame);
            }
            Command::Disconnect => {
                Self::receipt(out, &frame);
                self.open = false;
            }
            // Acknowledgements and transactions mean nothing here (every subscription is
            // `ack:auto`, every SEND is carried out at once).
            _ => Self::receipt(out, &frame),
        }
    }

    /// The first frame: `CONNECT` (or `STOMP`) as a demo user.
    fn connect(&mut self, frame: &Frame, out: &mut Vec<Vec<u8>>) {
        let receipt = frame.get(h::RECEIPT);
        if !matches!(frame.command, Command::Connect | Command::Stomp) {
            return self.reject(
                out,
                "not connected",
                receipt,
                &format!("{} before CONNECT", frame.command),
            );
        }
        let login = frame.get(h::LOGIN).unwrap_or_default().trim().to_owned();
        let passcode = frame.get(h::PASSCODE).unwrap_or_default();
        if self.state.logins.check(&login, passcode).is_none() {
            return self.reject(
                out,
                "access refused",
                receipt,
                "Unknown login or wrong passcode (the demo users' login and password)",
            );
        }
        let Some(version) = negotiate_version(frame.get(h::ACCEPT_VERSION)) else {
            return self.reject(out, "unsupported version", receipt, "STOMP 1.2 or 1.1 only");
        };
        let theirs = frame
            .get(h::HEART_BEAT)
            .and_then(HeartBeat::parse)
            .unwrap_or(HeartBeat::NONE);
        self.heart_beat = negotiate(HEART_BEAT, theirs);
        let session = format!("agentdesk-{}", rand::random::<u32>());
        out.push(encode(&connected_frame(version, &session, HEART_BEAT)));
        tracing::info!(%login, %version, "STOMP session opened");
        self.login = Some(login);
    }

    fn deliver(&mut self, text: &str, out: &mut Vec<Vec<u8>>) {
        let Some(login) = &self.login else {
            return;
        };
        let destination = format!("{EVENT_TOPIC_PREFIX}{login}");
        for id in &self.subscriptions {
            self.next_message += 1;
            let frame = Frame::new(Command::Message)
                .header(h::SUBSCRIPTION, id.clone())
                .header(h::MESSAGE_ID, format!("m-{}", self.next_message))
                .header(h::DESTINATION, destination.clone())
                .header(h::CONTENT_TYPE, "text/plain")
                .header(h::CONTENT_LENGTH, text.len().to_string())
                .body(text.as_bytes().to_vec());
            out.push(encode(&frame));
        }
    }
}
