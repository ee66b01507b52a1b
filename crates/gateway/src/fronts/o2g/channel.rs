//! The notification channels of a subscription: the HTTP chunk channel of O2G
//! (`GET` or `POST /OTEvents?subscriptionId=`) and its WebSocket twin for the widget
//! (`GET /OTEvents/ws?subscriptionId=`). Both carry the same JSON objects, one per line
//! (chunk) or one per text message (WebSocket); see docs/protocol-o2g.md.
//!
//! A subscription has at most one channel: opening another supersedes (ends) the first, so a
//! reconnecting client takes over without waiting for the server to notice the old socket
//! died. Events queue while no channel is open and are delivered when one opens, as long as
//! the subscription lives (one minute without a channel, L2142/L2145).
//!
//! Every channel starts with an `OnChannelInformation`: ALE's client libraries resolve their
//! subscribe call on the first one, so it must not wait for a minute of silence.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cti::o2g::event::{encode_event, Event};
use cti::o2g::subscription::OnChannelInformation;
use tokio::time::Instant;

use super::extract::Credential;
use super::filter::O2gEvents;
use crate::clock::{Clock, Millis};
use crate::error::AppError;
use crate::events::{Subscription, Take, MINUTE_MS};
use crate::resilience::shutdown::{RESTART_CLOSE_CODE, RESTART_TEXT};
use crate::state::AppState;

/// Query of both channel URLs.
const SUBSCRIPTION_ID: &str = "subscriptionId";

/// Why an evicted channel ends: its last line (chunk) or its close reason (WebSocket).
pub const EVICTED_TEXT: &str =
    "closed: this channel fell too far behind; reopen it and read the state again";

/// WebSocket close code of an evicted channel: Try Again Later.
pub const EVICTED_CLOSE_CODE: u16 = 1013;

/// The last line of an evicted chunk channel.
pub fn evicted_line() -> String {
    encode_event(&Event::OnChannelInformation(OnChannelInformation {
        text: Some(EVICTED_TEXT.to_owned()),
    }))
}

/// Time given to a close frame to leave.
const CLOSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// The keep-alive object of L2122, exactly (AMBIG-22).
pub fn keepalive_line() -> String {
    encode_event(&Event::OnChannelInformation(
        OnChannelInformation::keepalive(),
    ))
}

/// The reading end of a subscription, for the lifetime of one channel.
pub struct Consumer {
    state: AppState,
    subscription: Arc<Subscription<O2gEvents>>,
    generation: u64,
    pending: VecDeque<Arc<str>>,
    /// Last time anything (event or keep-alive) was written, in real time.
    last_sent: Instant,
    /// The opening `OnChannelInformation` is still to be written.
    greeting: bool,
    /// Last event (not keep-alive) written, on the gateway clock, for the `timeout`.
    last_event: Millis,
}

/// One message of a channel.
pub enum Outgoing {
    /// An event, as its JSON object.
    Event(Arc<str>),
    /// A keep-alive.
    Keepalive,
}

impl Consumer {
    /// Attaches a channel to subscription `id` of the session `credential`.
    pub fn open(state: &AppState, id: &str, credential: &str) -> Result<Consumer, AppError> {
        let now = state.now();
        let subscription = owned_subscription(state, id, credential)?;
        let generation = subscription.attach().ok_or_else(|| unknown(id))?;
        Ok(Consumer {
            state: state.clone(),
            subscription,
            generation,
            pending: VecDeque::new(),
            last_sent: Instant::now(),
            greeting: true,
            last_event: now,
        })
    }

    /// Whether this channel was evicted for leaving its queue full (issue 17, defect 8).
    pub fn evicted(&self) -> bool {
        self.subscription.evicted(self.generation)
    }

    /// The number of this channel's attachment (a newer channel supersedes it).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn clock(&self) -> &Clock {
        &self.state.clock
    }

    /// The next message, or `None` when the channel must end (subscription deleted, taken
    /// over by another channel, or its `timeout` elapsed without events). Cancel-safe:
    /// taken events wait in `pending` if the caller drops the future.
    pub async fn next(&mut self) -> Option<Outgoing> {
        if std::mem::take(&mut self.greeting) {
            self.last_sent = Instant::now();
            return Some(Outgoing::Keepalive);
        }
        loop {
            if let Some(event) = self.pending.pop_front() {
                self.last_sent = Instant::now();
                self.last_event = self.clock().now();
                self.state.events.delivered(1);
                return Some(Outgoing::Event(event));
            }
            let changed = self.subscription.changed();
            tokio::pin!(changed);
            // Register before looking, so a push between the look and the wait still wakes us.
            changed.as_mut().enable();
            match self.subscription.take(self.generation) {
                Take::Events(events) => {
                    self.pending.extend(events);
                    continue;
                }
                Take::Closed => return None,
                Take::Empty => {}
            }
            let timeout = u64::from(self.subscription.timeout_minutes()) * MINUTE_MS;
            if timeout > 0 && self.clock().now().saturating_sub(self.last_event) >= timeout {
                // No activity for the subscription's timeout: the server closes the channel
                // (L2117); the client resubscribes or reopens within the grace period.
                return None;
            }
            let keepalive_at = self.last_sent + self.state.events.config().keepalive_idle;
            tokio::select! {
                () = &mut changed => {}
                // The gateway stops: the channel ends, the client reconnects elsewhere or later.
                () = self.state.resilience.shutdown.stopping() => return None,
                () = tokio::time::sleep_until(keepalive_at) => {
                    self.last_sent = Instant::now();
                    return Some(Outgoing::Keepalive);
                }
            }
        }
    }
}

impl Drop for Consumer {
    fn drop(&mut self) {
        // The grace period starts when the channel goes away, whatever the reason.
        self.subscription
            .detach(self.generation, self.state.clock.now());
    }
}

fn unknown(id: &str) -> AppError {
    AppError::not_found(format!(
        "No subscription {id:?} of this session (closed or never created): subscribe again"
    ))
}

/// The live subscription `id` if the session `credential` owns it (issue 17, defect 7: the
/// id alone, which travels in URLs, is not enough). Another session's looks unknown.
fn owned_subscription(
    state: &AppState,
    id: &str,
    credential: &str,
) -> Result<Arc<Subscription<O2gEvents>>, AppError> {
    state
        .events
        .get(id, state.now())
        .filter(|subscription| subscription.belongs_to(credential))
        .ok_or_else(|| unknown(id))
}

fn subscription_id(query: &HashMap<String, String>) -> Result<&str, AppError> {
    query
        .get(SUBSCRIPTION_ID)
        .map(String::as_str)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| AppError::bad_parameter("The subscriptionId query parameter is mandatory"))
}

/// `GET` (or `POST`) `/OTEvents?subscriptionId=<id>`: the HTTP chunk channel,
/// newline-delimited JSON.
pub async fn chunk(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    credential: Result<Credential, AppError>,
) -> Result<Response, AppError> {
    let id = subscription_id(&query)?;
    let Credential(credential) = credential?;
    let consumer = Consumer::open(&state, id, &credential)?;
    let keepalive: Bytes = format!("{}\n", keepalive_line()).into();
    let lines = futures_util::stream::unfold(Some(consumer), move |consumer| {
        let keepalive = keepalive.clone();
        async move {
            let mut consumer = consumer?;
            let Some(outgoing) = consumer.next().await else {
                // Evicted: say why, then end (the consumer goes, detaching the channel).
                let evicted = consumer.evicted();
                drop(consumer);
                return evicted.then(|| {
                    let line = Bytes::from(format!("{}\n", evicted_line()));
                    (Ok(line), None)
                });
            };
            let line = match outgoing {
                Outgoing::Event(event) => {
                    let mut line = String::with_capacity(event.len() + 1);
                    line.push_str(&event);
                    line.push('\n');
                    Bytes::from(line)
                }
                Outgoing::Keepalive => keepalive,
            };
            Some((Ok::<_, std::convert::Infallible>(line), Some(consumer)))
        }
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache, no-store"),
        ],
        Body::from_stream(lines),
    )
        .into_response())
}

/// `GET /OTEvents/ws?subscriptionId=<id>`: the same events, one WebSocket text message each.
pub async fn websocket(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: axum::http::HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    // Check before upgrading so that a bad id is an HTTP error the client can read. A page of
    // another origin may not open it (browsers send the session cookie with a cross-origin
    // upgrade of the same site, and WebSockets have no CORS).
    let id = subscription_id(&query)?.to_owned();
    if let Some(origin) = crate::csrf::foreign_origin(&state, &headers) {
        tracing::warn!(%origin, "event channel refused: foreign origin");
        return Err(AppError::not_allowed(format!(
            "A page of {origin} may not open this channel"
        )));
    }
    let credential = super::credential_of(&headers)
        .ok_or_else(|| AppError::invalid_session("No AlcUserId cookie"))?;
    owned_subscription(&state, &id, &credential)?;
    let upgrade = upgrade.map_err(|rejection| {
        AppError::bad_parameter(format!("A WebSocket upgrade is expected: {rejection}"))
    })?;
    // Small buffers: the server only writes short messages and reads nothing but control
    // frames, and thousands of idle sockets must stay cheap.
    Ok(upgrade
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(64 * 1024)
        .on_upgrade(move |socket| pump(state, id, credential, socket)))
}

async fn pump(state: AppState, id: String, credential: String, mut socket: WebSocket) {
    let _open = state.resilience.shutdown.channel();
    let Ok(mut consumer) = Consumer::open(&state, &id, &credential) else {
        let _ = socket.send(Message::Close(None)).await;
        return;
    };
    let keepalive: axum::extract::ws::Utf8Bytes = keepalive_line().into();
    loop {
        tokio::select! {
            outgoing = consumer.next() => {
                let message = match outgoing {
                    Some(Outgoing::Event(event)) => Message::Text(event.as_ref().into()),
                    Some(Outgoing::Keepalive) => Message::Text(keepalive.clone()),
                    None => {
                        let frame = if state.resilience.shutdown.is_stopping() {
                            Some(CloseFrame {
                                code: RESTART_CLOSE_CODE,
                                reason: RESTART_TEXT.into(),
                            })
                        } else {
                            consumer.evicted().then(|| CloseFrame {
                                code: EVICTED_CLOSE_CODE,
                                reason: EVICTED_TEXT.into(),
                            })
                        };
                        let close = socket.send(Message::Close(frame));
                        let _ = tokio::time::timeout(CLOSE_TIMEOUT, close).await;
                        break;
                    }
                };
                // A reader that takes nothing for this long is stuck: let it go.
                let stuck_after = state.events.config().stuck_after;
                match tokio::time::timeout(stuck_after, socket.send(message)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) => break,
                    Err(_) => {
                        tracing::info!("event channel dropped: its reader takes nothing");
                        break;
                    }
                }
            }
            incoming = socket.recv() => match incoming {
                // Pings are answered by the library; clients have nothing else to say.
                Some(Ok(Message::Close(_))) | None => break,
                // An oversize frame is told (1009), not just dropped.
                Some(Err(error)) => {
                    if let Some(frame) = crate::resilience::close_for(error) {
                        let close = socket.send(Message::Close(Some(frame)));
                        let _ = tokio::time::timeout(CLOSE_TIMEOUT, close).await;
                    }
                    break;
                }
                Some(Ok(_)) => {}
            },
        }
    }
}
