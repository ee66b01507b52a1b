//! The host bridge: the handshake on `window`, then commands and events over the host's
//! private `MessagePort` (`docs/embed.md`).
//!
//! [`HostBridge`] lives at App level, across sign-in and sign-out. Its entry points take
//! plain values (the origin, whether the sender is the parent, the data, the port), so the
//! browser tests drive it exactly as the window listener of [`use_host_bridge`] does. The
//! signed-in console plugs in through [`use_host_console`]: its notifications become host
//! events, and host commands go through [`ConsoleState::send_then`], the path of a click.

use cti::embed::protocol::CommandId;
use cti::embed::{
    command_intent, negotiate, Command, ErrorCode, HostEvent, HostEvents, HostMessage, Origin,
    OriginAllowList, WidgetMessage,
};
use cti::machine::Notification;
use cti::model::Desk;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, MessagePort};

use super::hooks::{parent_of, parent_origin, report_violation};
use super::js::{to_js, to_value};
use crate::console::{capitalize, ConsoleState, NotificationListener, SendFailure};
use crate::transport::ConnectionState;

/// Bounds on what the bridge remembers about ignored messages: a hostile page must not make
/// it grow without end.
const MAX_IGNORED: usize = 100;
const MAX_REPORTED_ORIGINS: usize = 32;

/// A message the bridge ignored on `window`, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredMessage {
    /// `MessageEvent.origin`.
    pub origin: String,
    /// Why, as logged and reported.
    pub reason: &'static str,
}

/// Why a message of ours on `window` is ignored (the texts are logged and reported).
const ORIGIN_NOT_ALLOWED: &str = "origin not allowed";
const NOT_FROM_PARENT: &str = "not from the parent window";
const NO_PORT: &str = "no port";
const MALFORMED_HELLO: &str = "malformed hello";
const COMMAND_ON_WINDOW: &str = "commands must use the private channel";
const UNEXPECTED_ON_WINDOW: &str = "only a hello goes on window";

/// The host's end, once a handshake succeeded. Dropping it (a new handshake, the bridge
/// disposed) closes the port first, so the browser never calls the dropped listener.
struct HostPort {
    port: MessagePort,
    /// Kept alive as long as the port is ours (fields drop after `Drop::drop` closed it).
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for HostPort {
    fn drop(&mut self) {
        self.port.set_onmessage(None);
        self.port.close();
    }
}

/// The signed-in console, as the bridge drives it.
#[derive(Clone)]
struct AttachedConsole {
    console: ConsoleState,
    login: String,
}

struct Bridge {
    page_origin: String,
    /// `None` until the gateway's configuration has loaded: handshakes wait (the SDK retries).
    allowed: Option<OriginAllowList>,
    port: Option<HostPort>,
    console: Option<AttachedConsole>,
    events: HostEvents,
    /// `connectionLost` was sent and the channel has not recovered since.
    connection_lost: bool,
    ignored: Vec<IgnoredMessage>,
    // Bounded lists, not sets: a few entries, and less code in the wasm.
    warned: Vec<(String, &'static str)>,
    reported: Vec<String>,
}

/// The bridge between the host page and the widget. Cheap to copy.
#[derive(Clone, Copy)]
pub struct HostBridge {
    inner: StoredValue<Bridge, LocalStorage>,
}

impl std::fmt::Debug for HostBridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HostBridge")
    }
}

impl HostBridge {
    /// A bridge for a page of `page_origin`, with no allow-list yet (every handshake waits
    /// for [`HostBridge::set_allowed_origins`]).
    pub fn new(page_origin: &str) -> HostBridge {
        HostBridge {
            inner: StoredValue::new_local(Bridge {
                page_origin: page_origin.to_owned(),
                allowed: None,
                port: None,
                console: None,
                events: HostEvents::new(),
                connection_lost: false,
                ignored: Vec::new(),
                warned: Vec::new(),
                reported: Vec::new(),
            }),
        }
    }

    /// The allow-list from the gateway's `allowedOrigins`, plus the page's own origin. An
    /// entry the widget cannot read is skipped with a warning (the others still work).
    pub fn set_allowed_origins(&self, entries: &[String]) {
        let readable = entries.iter().map(String::as_str).filter(|entry| {
            OriginAllowList::parse([*entry])
                .map_err(|error| leptos::logging::warn!("agentdesk: {error}"))
                .is_ok()
        });
        let mut list = OriginAllowList::parse(readable).unwrap_or_default();
        self.inner.update_value(|b| {
            if let Ok(own) = Origin::parse(&b.page_origin) {
                list.allow(own);
            }
            b.allowed = Some(list);
        });
    }

    /// Whether the allow-list has loaded.
    pub fn is_configured(&self) -> bool {
        self.inner
            .try_with_value(|b| b.allowed.is_some())
            .unwrap_or(false)
    }

    /// Whether a host holds the private channel.
    pub fn is_connected(&self) -> bool {
        self.inner
            .try_with_value(|b| b.port.is_some())
            .unwrap_or(false)
    }

    /// The messages ignored on `window` so far (the first hundred).
    pub fn ignored(&self) -> Vec<IgnoredMessage> {
        self.inner
            .try_with_value(|b| b.ignored.clone())
            .unwrap_or_default()
    }

    /// The origins reported to the gateway so far.
    pub fn reported_origins(&self) -> Vec<String> {
        self.inner
            .try_with_value(|b| b.reported.to_vec())
            .unwrap_or_default()
    }

    /// A `message` event on `window`: `origin` is `event.origin`, `from_parent` whether
    /// `event.source` is the parent window of a framed page, `port` the first transferred
    /// port. Only a well-formed `hello` from the allowed parent with a port is taken; other
    /// messages of ours are ignored, logged and reported, and never answered; messages that
    /// are not ours (other libraries') are ignored silently.
    pub fn handle_window_message(
        &self,
        origin: &str,
        from_parent: bool,
        data: JsValue,
        port: Option<MessagePort>,
    ) {
        let Some(value) = to_value(&data) else {
            return;
        };
        if !HostMessage::is_ours(&value) {
            return;
        }
        let allowed = self
            .inner
            .try_with_value(|b| b.allowed.as_ref().map(|list| list.allows(origin)));
        let Some(Some(allowed)) = allowed else {
            // Not configured yet (or unmounted): the SDK sends its hello again shortly.
            return;
        };
        if !allowed {
            return self.ignore(origin, ORIGIN_NOT_ALLOWED);
        }
        if !from_parent {
            return self.ignore(origin, NOT_FROM_PARENT);
        }
        let kind = value.get("type").and_then(Value::as_str);
        match (HostMessage::from_value(&value), port) {
            (Ok(HostMessage::Hello { versions, .. }), Some(port)) => {
                self.handshake(port, &versions)
            }
            (Ok(HostMessage::Hello { .. }), None) => self.ignore(origin, NO_PORT),
            (Err(_), _) if kind == Some("hello") => self.ignore(origin, MALFORMED_HELLO),
            (Ok(HostMessage::Command { .. }), _) => self.ignore(origin, COMMAND_ON_WINDOW),
            (Err(_), _) if kind == Some("command") => self.ignore(origin, COMMAND_ON_WINDOW),
            _ => self.ignore(origin, UNEXPECTED_ON_WINDOW),
        }
    }

    /// Logs (once per origin and reason) and reports (once per origin) an ignored message.
    fn ignore(&self, origin: &str, reason: &'static str) {
        let first = self.inner.try_update_value(|b| {
            if b.ignored.len() < MAX_IGNORED {
                b.ignored.push(IgnoredMessage {
                    origin: origin.to_owned(),
                    reason,
                });
            }
            let warn = b.warned.len() < MAX_IGNORED
                && !b.warned.iter().any(|(o, r)| o == origin && *r == reason);
            if warn {
                b.warned.push((origin.to_owned(), reason));
            }
            let report =
                b.reported.len() < MAX_REPORTED_ORIGINS && !b.reported.iter().any(|o| o == origin);
            if report {
                b.reported.push(origin.to_owned());
            }
            (warn, report)
        });
        let Some((warn, report)) = first else {
            return;
        };
        if warn {
            leptos::logging::warn!("agentdesk: ignored a message from {origin}: {reason}");
        }
        if report {
            report_violation(origin, reason);
        }
    }

    /// A valid hello: negotiate, then take the port (closing any previous one), welcome the
    /// host and tell it the state.
    fn handshake(&self, port: MessagePort, versions: &[u32]) {
        let Some(version) = negotiate(versions) else {
            post(&port, &WidgetMessage::Reject);
            port.close();
            return;
        };
        let bridge = *self;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            bridge.handle_port_message(event.data());
        });
        // Setting onmessage also starts the port.
        port.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        let previous = self.inner.try_update_value(|b| {
            b.port.replace(HostPort {
                port: port.clone(),
                _listener: listener,
            })
        });
        match previous {
            // Dropping the previous port closes it.
            Some(previous) => drop(previous),
            // Unmounted meanwhile: nobody will serve this port.
            None => {
                port.close();
                return;
            }
        }
        post(
            &port,
            &WidgetMessage::Welcome {
                version,
                widget: env!("CARGO_PKG_VERSION").to_owned(),
            },
        );
        post(&port, &WidgetMessage::Event(HostEvent::Ready(self.state())));
    }

    /// `ready`'s and `getState`'s data.
    fn state(&self) -> Value {
        let state = self.attached().and_then(|a| {
            a.console
                .session
                .try_with_untracked(|m| HostEvents::state(Some(m.desk()), Some(&a.login)))
        });
        state.unwrap_or_else(|| HostEvents::state(None, None))
    }

    fn attached(&self) -> Option<AttachedConsole> {
        self.inner.try_with_value(|b| b.console.clone()).flatten()
    }

    fn current_port(&self) -> Option<MessagePort> {
        self.inner
            .try_with_value(|b| b.port.as_ref().map(|p| p.port.clone()))
            .flatten()
    }

    /// A message on the private channel: a command, answered on the same port.
    pub fn handle_port_message(&self, data: JsValue) {
        let Some(port) = self.current_port() else {
            return;
        };
        let Some(value) = to_value(&data) else {
            leptos::logging::warn!("agentdesk: ignored a message on the port: not JSON data");
            return;
        };
        match HostMessage::from_value(&value) {
            Ok(HostMessage::Command { id, command }) => self.run_command(port, id, command),
            Ok(HostMessage::Hello { .. }) => {
                let message = "a hello goes on window, with a new channel";
                match value.get("id").and_then(CommandId::from_value) {
                    Some(id) => post(&port, &failure(id, ErrorCode::BadMessage, message)),
                    None => leptos::logging::warn!("agentdesk: ignored on the port: {message}"),
                }
            }
            Ok(_) => {}
            Err(error) => match WidgetMessage::for_protocol_error(&error) {
                Some(answer) => post(&port, &answer),
                None => leptos::logging::warn!("agentdesk: ignored a message on the port: {error}"),
            },
        }
    }

    /// Carries out a command as the agent's button would, and answers it on `port`.
    fn run_command(&self, port: MessagePort, id: CommandId, command: Command) {
        if command == Command::GetState {
            let outcome = Ok(Some(self.state()));
            return post(&port, &WidgetMessage::Result { id, outcome });
        }
        let Some(AttachedConsole { console, .. }) = self.attached() else {
            return post(
                &port,
                &failure(
                    id,
                    ErrorCode::NotSignedIn,
                    "no agent is signed in in the widget",
                ),
            );
        };
        let intent = console
            .session
            .try_with_untracked(|m| command_intent(m.desk(), m.desk().reasons(), &command));
        match intent {
            None => post(
                &port,
                &failure(id, ErrorCode::NotSignedIn, "the console has closed"),
            ),
            Some(Err(error)) => {
                // The agent sees what the host asked for and why nothing happened.
                console.toasts.show(capitalize(&error.to_string()));
                post(&port, &failure(id, error.code(), error.to_string()));
            }
            Some(Ok(None)) => post(
                &port,
                &WidgetMessage::Result {
                    id,
                    outcome: Ok(Some(self.state())),
                },
            ),
            Some(Ok(Some(intent))) => console.send_then(intent, move |outcome| {
                let message = match outcome {
                    Ok(()) => WidgetMessage::Result {
                        id,
                        outcome: Ok(None),
                    },
                    Err(SendFailure::Refused(why)) => failure(id, ErrorCode::Refused, why),
                    Err(SendFailure::Rejected(why)) => failure(id, ErrorCode::GatewayRejected, why),
                    Err(SendFailure::Unreachable(why)) => failure(id, ErrorCode::Unreachable, why),
                };
                // On the port the command came on: a closed one (replaced since) drops it.
                post(&port, &message);
            }),
        }
    }

    /// Sends an event to the host, when one is connected.
    fn emit(&self, event: HostEvent) {
        if let Some(port) = self.current_port() {
            post(&port, &WidgetMessage::Event(event));
        }
    }

    /// The signed-in console: its notifications become host events, and commands drive it.
    pub fn attach_console(&self, console: ConsoleState, login: String) {
        self.inner.update_value(|b| {
            b.console = Some(AttachedConsole { console, login });
            b.events = HostEvents::new();
            b.connection_lost = false;
        });
        let bridge = *self;
        console.set_notification_listener(Some(NotificationListener::new(
            move |desk, notification| bridge.on_notification(desk, notification),
        )));
    }

    /// The console is gone (signed out, expired).
    pub fn detach_console(&self) {
        let attached = self.inner.try_update_value(|b| b.console.take()).flatten();
        if let Some(attached) = attached {
            attached.console.set_notification_listener(None);
        }
    }

    /// One notification the console drained; `desk` is the state after it. Translated even
    /// with no host connected, so that a later `callEnded` still names the caller.
    pub fn on_notification(&self, desk: &Desk, notification: &Notification) {
        let event = self
            .inner
            .try_update_value(|b| b.events.translate(desk, notification))
            .flatten();
        if let Some(event) = event {
            self.emit(event);
        }
    }

    /// Someone signed in (`login`) or out; `expired` when the gateway ended the session.
    pub fn session_changed(&self, login: Option<String>, expired: bool) {
        let signed_in = login.is_some();
        self.emit(HostEvent::SessionChanged { signed_in, login });
        if expired && !signed_in {
            self.emit(HostEvent::Error {
                code: ErrorCode::SessionLost,
                message: "the gateway ended the session; the agent must sign in again".into(),
            });
        }
    }

    /// The event channel's state: `connectionLost` once when it drops, again only after it
    /// has recovered.
    pub fn connection_changed(&self, state: ConnectionState) {
        let lost_now = self.inner.try_update_value(|b| match state {
            ConnectionState::Reconnecting { .. } if !b.connection_lost => {
                b.connection_lost = true;
                true
            }
            ConnectionState::Connected(_) => {
                b.connection_lost = false;
                false
            }
            _ => false,
        });
        if lost_now == Some(true) {
            self.emit(HostEvent::Error {
                code: ErrorCode::ConnectionLost,
                message: "the event channel dropped; reconnecting".into(),
            });
        }
    }

    /// Closes the host's channel (the widget is going away).
    pub fn close(&self) {
        // Dropping the port closes it.
        let _ = self.inner.try_update_value(|b| b.port.take());
    }

    /// Whether the bridge still exists (its owner, the App, may have been disposed).
    pub(super) fn is_alive(&self) -> bool {
        self.inner.try_with_value(|_| ()).is_some()
    }

    /// Tells the parent the widget listens, when its origin is known and allowed. Only a hint
    /// (the SDK retries its hello anyway); never sent to `"*"`.
    pub(super) fn announce_loaded(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(parent) = parent_of(&window) else {
            return;
        };
        let Some(origin) = parent_origin(&window) else {
            return;
        };
        let allowed = self
            .inner
            .try_with_value(|b| b.allowed.as_ref().is_some_and(|l| l.allows(&origin)))
            .unwrap_or(false);
        if allowed {
            let _ = parent.post_message(&to_js(&WidgetMessage::Loaded.to_value()), &origin);
        }
    }
}

fn failure(id: CommandId, code: ErrorCode, message: impl Into<String>) -> WidgetMessage {
    WidgetMessage::Result {
        id,
        outcome: Err((code, message.into())),
    }
}

fn post(port: &MessagePort, message: &WidgetMessage) {
    // A closed port drops messages silently; nothing else can fail here.
    let _ = port.post_message(&to_js(&message.to_value()));
}
