//! The Finesse connector driver: one WebSocket to a STOMP endpoint (the gateway's built-in
//! `ws(s)://<gateway>/stomp`) carrying the connector's commands and the agent's events;
//! `cti::finesse`'s adapter speaks STOMP on it (CONNECT with the agent's login and password,
//! SUBSCRIBE to its topic, SEND to the command queue). Sign-in opens a first STOMP session to
//! check the credentials, so that a wrong password is told on the form.

use std::rc::Rc;

use cti::adapter::Adapter;
use cti::finesse::{FinesseAdapter, FinesseConfig};
use cti::stomp::{encode, Command, Frame, FrameDecoder, Item};
use cti::transmit::Payload;
use futures::channel::mpsc;
use futures::future::LocalBoxFuture;
use futures::{FutureExt, StreamExt};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::socket::SocketLink;
use super::{Backend, Driver, DriverHandle, Liveness, Reply, SignedInDriver};
use crate::transport::{ApiError, ChannelHandlers, ChannelStop};

/// The backend id of the Finesse connector.
pub const BACKEND: &str = "finesse";

/// The built-in endpoint's path on the gateway.
pub const STOMP_PATH: &str = "/stomp";

/// The connector's way in: a STOMP session that must open with these credentials.
#[derive(Debug, Clone, Copy, Default)]
pub struct FinesseBackend;

/// `ws(s)://host[:port]/stomp` of an `http(s)://` gateway.
fn socket_url(gateway: &str) -> String {
    let origin = if let Some(rest) = gateway.strip_prefix("https://") {
        format!("wss://{rest}")
    } else if let Some(rest) = gateway.strip_prefix("http://") {
        format!("ws://{rest}")
    } else {
        gateway.to_owned()
    };
    format!("{}{STOMP_PATH}", origin.trim_end_matches('/'))
}

impl Backend for FinesseBackend {
    fn id(&self) -> &'static str {
        BACKEND
    }

    fn sign_in(
        &self,
        gateway: String,
        login: String,
        password: String,
        _time_to_live: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<SignedInDriver, ApiError>> {
        async move {
            let url = socket_url(&gateway);
            check_credentials(&url, &login, &password).await?;
            let driver = DriverHandle::new(FinesseDriver {
                url,
                login: login.clone(),
                password: Rc::new(password),
                link: SocketLink::default(),
            });
            Ok(SignedInDriver { driver, login })
        }
        .boxed_local()
    }

    /// The connector keeps no session in a cookie: a reload signs in again.
    fn resume(&self, _gateway: String) -> LocalBoxFuture<'static, Option<SignedInDriver>> {
        async { None }.boxed_local()
    }
}

/// What a socket said.
enum Signal {
    Open,
    Text(String),
    Closed,
}

/// Opens a STOMP session with the credentials and closes it: `CONNECTED` is a yes, `ERROR`
/// a refusal with the endpoint's words.
async fn check_credentials(url: &str, login: &str, password: &str) -> Result<(), ApiError> {
    let unreachable = || ApiError::Unreachable {
        url: url.to_owned(),
    };
    let socket = web_sys::WebSocket::new_with_str_sequence(
        url,
        &js_sys::Array::of2(
            &JsValue::from_str("v12.stomp"),
            &JsValue::from_str("v11.stomp"),
        ),
    )
    .map_err(|_| unreachable())?;
    let (tx, mut rx) = mpsc::unbounded::<Signal>();
    let sender = |signal: fn(JsValue) -> Signal| {
        let tx = tx.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let _ = tx.unbounded_send(signal(event));
        })
    };
    let on_open = sender(|_| Signal::Open);
    let on_message = sender(|event| {
        event
            .dyn_into::<web_sys::MessageEvent>()
            .ok()
            .and_then(|m| m.data().as_string())
            .map_or(Signal::Text(String::new()), Signal::Text)
    });
    let on_close = sender(|_| Signal::Closed);
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    socket.set_onerror(Some(on_close.as_ref().unchecked_ref()));
    let mut decoder = FrameDecoder::default();
    let mut outcome = Err(unreachable());
    while let Some(signal) = rx.next().await {
        match signal {
            Signal::Open => {
                let connect = Frame::new(Command::Connect)
                    .header("accept-version", "1.2")
                    .header("host", "/")
                    .header("login", login)
                    .header("passcode", password)
                    .header("heart-beat", "0,0");
                let text = String::from_utf8_lossy(&encode(&connect)).into_owned();
                if socket.send_with_str(&text).is_err() {
                    break;
                }
            }
            Signal::Text(text) => {
                decoder.push(text.as_bytes());
                match decoder.next_item() {
                    Some(Ok(Item::Frame(frame))) if frame.command == Command::Connected => {
                        let bye = encode(&Frame::new(Command::Disconnect));
                        let _ = socket.send_with_str(&String::from_utf8_lossy(&bye));
                        outcome = Ok(());
                        break;
                    }
                    Some(Ok(Item::Frame(frame))) if frame.command == Command::Error => {
                        let message = frame.get("message").unwrap_or("refused").to_owned();
                        outcome = Err(ApiError::Refused(if message == "access refused" {
                            "Wrong login or password".to_owned()
                        } else {
                            message
                        }));
                        break;
                    }
                    _ => {}
                }
            }
            Signal::Closed => break,
        }
    }
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onclose(None);
    socket.set_onerror(None);
    let _ = socket.close();
    outcome
}

/// The Finesse driver of one agent.
#[derive(Debug, Clone)]
pub struct FinesseDriver {
    url: String,
    login: String,
    password: Rc<String>,
    /// The running socket's handle, to send frames on.
    link: SocketLink,
}

impl Driver for FinesseDriver {
    fn backend(&self) -> &'static str {
        BACKEND
    }

    /// The adapter, its STOMP session authenticated as the agent (the endpoint's users are
    /// the connector's agents).
    fn adapter(&self) -> Box<dyn Adapter> {
        let mut config = FinesseConfig::new(self.login.clone(), (*self.password).clone());
        config.stomp.login = Some(self.login.clone());
        config.stomp.passcode = Some((*self.password).clone());
        Box::new(FinesseAdapter::new(config))
    }

    fn transmit(&self, payload: Payload) -> LocalBoxFuture<'static, Reply> {
        let reply = self.link.send(payload, "the connector");
        async move { reply }.boxed_local()
    }

    fn run_events(
        &self,
        handlers: ChannelHandlers,
        stop: Rc<ChannelStop>,
    ) -> LocalBoxFuture<'static, ()> {
        let url = self.url.clone();
        let link = self.link.clone();
        async move { link.run(move || url.clone(), handlers, stop).await }.boxed_local()
    }

    /// STOMP heart-beats keep the session; there is nothing else to keep alive.
    fn keepalive(&self) -> LocalBoxFuture<'static, Liveness> {
        async { Liveness::Alive }.boxed_local()
    }

    fn leave_on_exit(&self, _subscription: &str) {
        self.link.close();
    }

    fn sign_out(&self, _subscription: Option<String>) -> LocalBoxFuture<'static, Option<String>> {
        self.link.stop();
        async { None }.boxed_local()
    }
}
