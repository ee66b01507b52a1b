//! The event channel: a subscription, then its events over a WebSocket, or over the chunk
//! channel (a streaming GET) when WebSockets do not get through; reconnection with backoff.
//!
//! The loop knows nothing about what events mean: it hands each JSON object to `on_event`
//! and calls `on_open` on every (re)connection so that the caller resyncs from snapshots.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use cti::o2g::subscription::SubscriptionState;
use cti::o2g::JsonObjectSplitter;
use futures::channel::mpsc;
use futures::StreamExt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{ApiError, O2gClient};
use crate::browser::sleep;
use crate::drivers::reconnect::{Attempt, Reconnect};

/// How the widget is connected to the gateway's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// Subscribing and opening the channel for the first time.
    Connecting,
    /// Events arrive.
    Connected(ChannelKind),
    /// The channel dropped; the next attempt comes after a backoff.
    Reconnecting {
        /// Consecutive failed attempts.
        attempt: u32,
    },
    /// No channel (signed out, or stopped).
    Offline,
}

/// Which channel carries the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelKind {
    /// `ws(s)://.../OTEvents/ws?subscriptionId=`.
    WebSocket,
    /// `GET /OTEvents?subscriptionId=` read as a stream.
    Chunked,
}

/// Receives each event's JSON.
pub type EventSink = Rc<dyn Fn(&[u8])>;

/// What the channel calls back into.
#[derive(Clone)]
pub struct ChannelHandlers {
    /// One JSON object (an O2G event), as received.
    pub on_event: EventSink,
    /// The channel (re)opened: resync now.
    pub on_open: Rc<dyn Fn()>,
    /// The connection state changed.
    pub on_state: Rc<dyn Fn(ConnectionState)>,
    /// The subscription was (re)created: its id, for the sign-out to delete.
    pub on_subscription: Rc<dyn Fn(Option<String>)>,
    /// The gateway says the session is gone: the loop has ended.
    pub on_session_lost: Rc<dyn Fn()>,
}

/// Stops a running channel: closes its socket or aborts its stream, and ends the loop.
#[derive(Debug, Default)]
pub struct ChannelStop {
    stopped: Cell<bool>,
    socket: RefCell<Option<web_sys::WebSocket>>,
    stream: RefCell<Option<web_sys::AbortController>>,
}

impl ChannelStop {
    /// Ends the loop at its next step; closes what is open now.
    pub fn stop(&self) {
        self.stopped.set(true);
        self.drop_connection();
    }

    /// Closes the open socket or stream, as if the network had dropped it (the loop
    /// reconnects). Used by the "cut the channel" test hook.
    pub fn drop_connection(&self) {
        if let Some(socket) = self.socket.borrow_mut().take() {
            let _ = socket.close();
        }
        if let Some(controller) = self.stream.borrow_mut().take() {
            controller.abort();
        }
    }

    /// The open socket, to send on (socket protocols send their commands there).
    pub fn socket(&self) -> Option<web_sys::WebSocket> {
        self.socket.borrow().clone()
    }

    /// Whether [`ChannelStop::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.stopped.get()
    }
}

/// How one connection attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// It was open, then closed: reconnect soon.
    Dropped,
    /// It never opened: count a failure.
    NeverOpened,
    /// The gateway no longer knows the subscription: subscribe again.
    SubscriptionGone,
    /// The session is gone: stop.
    SessionGone,
}

/// Runs the channel until `stop` is called or the session is lost.
pub async fn run_channel(
    client: O2gClient,
    login: String,
    handlers: ChannelHandlers,
    stop: Rc<ChannelStop>,
) {
    let mut policy = Reconnect::default();
    let mut subscription: Option<(String, String)> = None;
    (handlers.on_state)(ConnectionState::Connecting);
    while !stop.is_stopped() {
        let outcome = match &subscription {
            None => match client.subscribe(&login).await {
                Ok(s) if s.status == SubscriptionState::Accepted => {
                    let polling = s.polling_url().map(str::to_owned);
                    match (s.subscription_id, polling) {
                        (Some(id), polling) => {
                            let polling =
                                polling.unwrap_or_else(|| format!("/OTEvents?subscriptionId={id}"));
                            (handlers.on_subscription)(Some(id.clone()));
                            subscription = Some((id, polling));
                            continue;
                        }
                        (None, _) => Outcome::NeverOpened,
                    }
                }
                Ok(_) => Outcome::NeverOpened,
                Err(error) if error.is_invalid_session() => Outcome::SessionGone,
                Err(_) => Outcome::NeverOpened,
            },
            Some((id, polling)) => {
                // The WebSocket first; the chunk channel when it keeps failing.
                if policy.use_main_transport() {
                    run_websocket(&client.websocket_url(id), &handlers, &stop).await
                } else {
                    run_chunked(&client, polling, &handlers, &stop).await
                }
            }
        };
        let wait = match outcome {
            Outcome::Dropped => policy.after(Attempt::Dropped),
            Outcome::NeverOpened => policy.after(Attempt::NeverOpened),
            Outcome::SubscriptionGone => {
                subscription = None;
                (handlers.on_subscription)(None);
                policy.after(Attempt::NeverOpened)
            }
            Outcome::SessionGone => {
                (handlers.on_state)(ConnectionState::Offline);
                (handlers.on_session_lost)();
                return;
            }
        };
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

enum SocketSignal {
    Open,
    Text(String),
    Closed,
}

async fn run_websocket(url: &str, handlers: &ChannelHandlers, stop: &ChannelStop) -> Outcome {
    if run_socket(url, handlers, stop).await {
        Outcome::Dropped
    } else {
        Outcome::NeverOpened
    }
}

/// Runs one WebSocket until it closes: `on_open` when it opens, each text message to
/// `on_event`; `true` when it was open at some point. Any backend's socket, O2G's event
/// channel as a socket protocol's command-and-event socket.
pub async fn run_socket(url: &str, handlers: &ChannelHandlers, stop: &ChannelStop) -> bool {
    let Ok(socket) = web_sys::WebSocket::new(url) else {
        return false;
    };
    let (tx, mut rx) = mpsc::unbounded::<SocketSignal>();
    let sender = |signal: fn(JsValue) -> SocketSignal| {
        let tx = tx.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let _ = tx.unbounded_send(signal(event));
        })
    };
    let on_open = sender(|_| SocketSignal::Open);
    let on_message = sender(|event| {
        let text = event
            .dyn_into::<web_sys::MessageEvent>()
            .ok()
            .and_then(|m| m.data().as_string());
        text.map_or(SocketSignal::Text(String::new()), SocketSignal::Text)
    });
    let on_close = sender(|_| SocketSignal::Closed);
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    socket.set_onerror(Some(on_close.as_ref().unchecked_ref()));
    stop.socket.replace(Some(socket.clone()));
    if stop.is_stopped() {
        let _ = socket.close();
    }
    let mut opened = false;
    while let Some(signal) = rx.next().await {
        match signal {
            SocketSignal::Open => {
                opened = true;
                (handlers.on_state)(ConnectionState::Connected(ChannelKind::WebSocket));
                (handlers.on_open)();
            }
            SocketSignal::Text(text) => (handlers.on_event)(text.as_bytes()),
            SocketSignal::Closed => break,
        }
    }
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onclose(None);
    socket.set_onerror(None);
    let _ = socket.close();
    stop.socket.replace(None);
    opened
}

async fn run_chunked(
    client: &O2gClient,
    polling_url: &str,
    handlers: &ChannelHandlers,
    stop: &ChannelStop,
) -> Outcome {
    let controller = web_sys::AbortController::new().ok();
    stop.stream.replace(controller.clone());
    let signal = controller.as_ref().map(|c| c.signal());
    let response = match client.open_stream(polling_url, signal.as_ref()).await {
        Ok(response) => response,
        Err(error) if error.is_invalid_session() => return Outcome::SessionGone,
        Err(ApiError::Rejected { .. }) => return Outcome::SubscriptionGone,
        Err(_) => return Outcome::NeverOpened,
    };
    (handlers.on_state)(ConnectionState::Connected(ChannelKind::Chunked));
    (handlers.on_open)();
    let Some(body) = response.body() else {
        return Outcome::Dropped;
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut splitter = JsonObjectSplitter::new();
    while !stop.is_stopped() {
        let Ok(chunk) = wasm_bindgen_futures::JsFuture::from(reader.read()).await else {
            break;
        };
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = js_sys::Reflect::get(&chunk, &JsValue::from_str("value")) else {
            break;
        };
        let bytes = js_sys::Uint8Array::new(&value).to_vec();
        // Stray bytes and oversized objects are skipped; the channel carries on.
        for object in splitter.push(&bytes).into_iter().flatten() {
            (handlers.on_event)(&object);
        }
    }
    stop.stream.replace(None);
    Outcome::Dropped
}
