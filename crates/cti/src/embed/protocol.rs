//! The host ↔ widget message protocol (`docs/embed.md`): plain objects with the protocol
//! version in `agentdesk` and a `type`.
//!
//! Messages arrive as JavaScript values; the widget converts them to [`serde_json::Value`]
//! and [`HostMessage::from_value`] checks every field by hand, so that each malformed message
//! gets a precise [`ProtocolError`] (with the command's `id` when it had one, to answer it).

use serde_json::{json, Map, Value};

use super::events::HostEvent;
use crate::model::CallRef;

/// The protocol version this widget speaks best.
pub const PROTOCOL_VERSION: u32 = 1;

/// Every protocol version this widget speaks.
pub const SUPPORTED_VERSIONS: &[u32] = &[1];

/// The version to use with a host offering `offered`: the highest one both speak.
pub fn negotiate(offered: &[u32]) -> Option<u32> {
    offered
        .iter()
        .copied()
        .filter(|v| SUPPORTED_VERSIONS.contains(v))
        .max()
}

/// A host's command.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Command {
    /// Call a number.
    Dial {
        /// The number, as the host wrote it.
        number: String,
    },
    /// Answer a call (the first ringing one when not named).
    Answer {
        /// The call, when named.
        call: Option<CallRef>,
    },
    /// Hang up a call (the active one, or the only one, when not named).
    HangUp {
        /// The call, when named.
        call: Option<CallRef>,
    },
    /// Hold a call (the active one when not named).
    Hold {
        /// The call, when named.
        call: Option<CallRef>,
    },
    /// Retrieve a call (the held one when not named).
    Retrieve {
        /// The call, when named.
        call: Option<CallRef>,
    },
    /// Become ready.
    SetReady,
    /// Pause, or withdraw for a reason.
    SetPause {
        /// The withdraw reason's label or 1-based index; none: a plain pause.
        reason: Option<String>,
    },
    /// Report the current state.
    GetState,
}

impl Command {
    /// The command's name on the wire.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Dial { .. } => "dial",
            Command::Answer { .. } => "answer",
            Command::HangUp { .. } => "hangUp",
            Command::Hold { .. } => "hold",
            Command::Retrieve { .. } => "retrieve",
            Command::SetReady => "setReady",
            Command::SetPause { .. } => "setPause",
            Command::GetState => "getState",
        }
    }
}

/// A command's identifier, chosen by the host and echoed in the result.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandId(Value);

impl CommandId {
    /// An identifier the host sent in `id` (a number, or a non-empty string of at most 200
    /// characters); `None` for anything else. For answering a message the protocol reader
    /// did not take as a command (a `hello` on the port).
    pub fn from_value(id: &Value) -> Option<CommandId> {
        command_id_of(id).ok()
    }

    /// The identifier as the host sent it.
    pub fn as_value(&self) -> &Value {
        &self.0
    }
}

/// What a host sends.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HostMessage {
    /// The handshake (on `window`, with a `MessagePort`).
    Hello {
        /// The protocol versions the host speaks.
        versions: Vec<u32>,
        /// The SDK's version, for the log.
        sdk: Option<String>,
    },
    /// A command (on the port).
    Command {
        /// Echoed in the result.
        id: CommandId,
        /// What to do.
        command: Command,
    },
}

/// Why a result failed, as the host reads it (`error.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Not a well-formed message or command.
    BadMessage,
    /// Not a command this widget knows.
    UnknownCommand,
    /// A protocol version this widget does not speak.
    UnsupportedVersion,
    /// Nobody is signed in.
    NotSignedIn,
    /// The state machine refused it now.
    Refused,
    /// `setPause` named a reason the group does not have.
    UnknownReason,
    /// The gateway answered with an error.
    GatewayRejected,
    /// The gateway could not be reached.
    Unreachable,
    /// The session ended (an `error` event, not a result).
    SessionLost,
    /// The event channel is down (an `error` event, not a result).
    ConnectionLost,
}

impl ErrorCode {
    /// The code on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadMessage => "badMessage",
            ErrorCode::UnknownCommand => "unknownCommand",
            ErrorCode::UnsupportedVersion => "unsupportedVersion",
            ErrorCode::NotSignedIn => "notSignedIn",
            ErrorCode::Refused => "refused",
            ErrorCode::UnknownReason => "unknownReason",
            ErrorCode::GatewayRejected => "gatewayRejected",
            ErrorCode::Unreachable => "unreachable",
            ErrorCode::SessionLost => "sessionLost",
            ErrorCode::ConnectionLost => "connectionLost",
        }
    }
}

/// A message the widget could not take.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ProtocolError {
    /// The command's id, when the message got that far: then the host gets a result.
    pub id: Option<CommandId>,
    /// What kind of failure.
    pub code: ErrorCode,
    /// What exactly, for a developer.
    pub message: String,
}

impl ProtocolError {
    fn new(id: Option<&CommandId>, code: ErrorCode, message: impl Into<String>) -> Self {
        ProtocolError {
            id: id.cloned(),
            code,
            message: message.into(),
        }
    }
}

impl HostMessage {
    /// Whether `value` is meant for us at all (has `agentdesk` and `type`): other libraries
    /// on a host page post messages too, and those are not errors.
    pub fn is_ours(value: &Value) -> bool {
        value.get("agentdesk").is_some() && value.get("type").is_some()
    }

    /// Reads a host's message.
    pub fn from_value(value: &Value) -> Result<HostMessage, ProtocolError> {
        let object = value
            .as_object()
            .ok_or_else(|| ProtocolError::new(None, ErrorCode::BadMessage, "not an object"))?;
        let version = object
            .get("agentdesk")
            .and_then(Value::as_u64)
            .ok_or_else(|| {
                ProtocolError::new(
                    None,
                    ErrorCode::BadMessage,
                    "`agentdesk` (the protocol version) must be a positive integer",
                )
            })?;
        let kind = string_field(object, "type", None)?;
        match kind {
            // A hello's own envelope may be newer: its `versions` list is what counts.
            "hello" => hello(object),
            "command" => {
                let id = command_id(object)?;
                if !SUPPORTED_VERSIONS.iter().any(|v| u64::from(*v) == version) {
                    return Err(ProtocolError::new(
                        Some(&id),
                        ErrorCode::UnsupportedVersion,
                        format!("protocol version {version} is not spoken here (1 is)"),
                    ));
                }
                let command = command(object, &id)?;
                Ok(HostMessage::Command { id, command })
            }
            other => Err(ProtocolError::new(
                object
                    .get("id")
                    .and_then(|v| command_id_of(v).ok())
                    .as_ref(),
                ErrorCode::BadMessage,
                format!("unknown message type `{other}`"),
            )),
        }
    }
}

fn hello(object: &Map<String, Value>) -> Result<HostMessage, ProtocolError> {
    let bad = |message: &str| ProtocolError::new(None, ErrorCode::BadMessage, message);
    let versions = object
        .get("versions")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("`versions` must be an array of protocol versions"))?
        .iter()
        .map(|v| v.as_u64().and_then(|v| u32::try_from(v).ok()))
        .collect::<Option<Vec<u32>>>()
        .ok_or_else(|| bad("`versions` must hold positive integers"))?;
    let sdk = object.get("sdk").and_then(Value::as_str).map(str::to_owned);
    Ok(HostMessage::Hello { versions, sdk })
}

fn command_id(object: &Map<String, Value>) -> Result<CommandId, ProtocolError> {
    let id = object.get("id").ok_or_else(|| {
        ProtocolError::new(None, ErrorCode::BadMessage, "a command needs an `id`")
    })?;
    command_id_of(id)
}

fn command_id_of(id: &Value) -> Result<CommandId, ProtocolError> {
    match id {
        Value::Number(_) => Ok(CommandId(id.clone())),
        Value::String(s) if !s.is_empty() && s.len() <= 200 => Ok(CommandId(id.clone())),
        _ => Err(ProtocolError::new(
            None,
            ErrorCode::BadMessage,
            "`id` must be a number or a non-empty string of at most 200 characters",
        )),
    }
}

fn command(object: &Map<String, Value>, id: &CommandId) -> Result<Command, ProtocolError> {
    let name = string_field(object, "command", Some(id))?;
    let call = || optional_string(object, "callRef", id).map(|c| c.map(CallRef::new));
    Ok(match name {
        "dial" => Command::Dial {
            number: string_field(object, "number", Some(id))?.to_owned(),
        },
        "answer" => Command::Answer { call: call()? },
        "hangUp" => Command::HangUp { call: call()? },
        "hold" => Command::Hold { call: call()? },
        "retrieve" => Command::Retrieve { call: call()? },
        "setReady" => Command::SetReady,
        "setPause" => Command::SetPause {
            reason: optional_string(object, "reason", id)?,
        },
        "getState" => Command::GetState,
        other => {
            return Err(ProtocolError::new(
                Some(id),
                ErrorCode::UnknownCommand,
                format!("unknown command `{other}`"),
            ))
        }
    })
}

fn string_field<'a>(
    object: &'a Map<String, Value>,
    field: &str,
    id: Option<&CommandId>,
) -> Result<&'a str, ProtocolError> {
    object
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ProtocolError::new(
                id,
                ErrorCode::BadMessage,
                format!("`{field}` must be a non-empty string"),
            )
        })
}

fn optional_string(
    object: &Map<String, Value>,
    field: &str,
    id: &CommandId,
) -> Result<Option<String>, ProtocolError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(_) => Err(ProtocolError::new(
            Some(id),
            ErrorCode::BadMessage,
            format!("`{field}` must be a string when given"),
        )),
    }
}

/// What the widget sends.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WidgetMessage {
    /// On `window`, to the parent: the widget listens (a hint; the host retries anyway).
    Loaded,
    /// The handshake succeeded, in this version.
    Welcome {
        /// The negotiated protocol version.
        version: u32,
        /// The widget's version.
        widget: String,
    },
    /// The handshake failed: no version in common.
    Reject,
    /// A command's outcome.
    Result {
        /// The command's id.
        id: CommandId,
        /// Data on success (for `getState`), or the failure.
        outcome: Result<Option<Value>, (ErrorCode, String)>,
    },
    /// Something happened.
    Event(HostEvent),
}

impl WidgetMessage {
    /// The failure answer to a message that could not be read, when it had an id.
    pub fn for_protocol_error(error: &ProtocolError) -> Option<WidgetMessage> {
        error.id.clone().map(|id| WidgetMessage::Result {
            id,
            outcome: Err((error.code, error.message.clone())),
        })
    }

    /// The message as a plain object.
    pub fn to_value(&self) -> Value {
        let version = PROTOCOL_VERSION;
        match self {
            WidgetMessage::Loaded => json!({"agentdesk": version, "type": "loaded"}),
            WidgetMessage::Welcome {
                version: negotiated,
                widget,
            } => {
                json!({"agentdesk": version, "type": "welcome", "version": negotiated, "widget": widget})
            }
            WidgetMessage::Reject => json!({
                "agentdesk": version, "type": "reject", "reason": ErrorCode::UnsupportedVersion.as_str(),
                "supported": SUPPORTED_VERSIONS,
            }),
            WidgetMessage::Result { id, outcome } => match outcome {
                Ok(None) => json!({"agentdesk": version, "type": "result", "id": id.0, "ok": true}),
                Ok(Some(data)) => {
                    json!({"agentdesk": version, "type": "result", "id": id.0, "ok": true, "data": data})
                }
                Err((code, message)) => json!({
                    "agentdesk": version, "type": "result", "id": id.0, "ok": false,
                    "error": {"code": code.as_str(), "message": message},
                }),
            },
            WidgetMessage::Event(event) => json!({
                "agentdesk": version, "type": "event", "event": event.name(), "data": event.data(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: Value) -> Result<HostMessage, ProtocolError> {
        HostMessage::from_value(&value)
    }

    #[test]
    fn negotiation_picks_the_highest_common_version() {
        assert_eq!(negotiate(&[1]), Some(1));
        assert_eq!(negotiate(&[3, 1, 2]), Some(1));
        assert_eq!(negotiate(&[2, 3]), None);
        assert_eq!(negotiate(&[]), None);
    }

    #[test]
    fn hello_is_read_whatever_its_envelope_version() {
        let hello =
            read(json!({"agentdesk": 2, "type": "hello", "versions": [1, 2], "sdk": "2.0.0"}))
                .expect("hello");
        assert_eq!(
            hello,
            HostMessage::Hello {
                versions: vec![1, 2],
                sdk: Some("2.0.0".into())
            }
        );
        let error = read(json!({"agentdesk": 1, "type": "hello"})).expect_err("no versions");
        assert_eq!(error.code, ErrorCode::BadMessage);
        assert!(read(json!({"agentdesk": 1, "type": "hello", "versions": [-1]})).is_err());
    }

    #[test]
    fn every_command_is_read() {
        let cases = [
            (
                json!({"command": "dial", "number": "70121"}),
                Command::Dial {
                    number: "70121".into(),
                },
            ),
            (json!({"command": "answer"}), Command::Answer { call: None }),
            (
                json!({"command": "answer", "callRef": "c1"}),
                Command::Answer {
                    call: Some("c1".into()),
                },
            ),
            (
                json!({"command": "hangUp", "callRef": null}),
                Command::HangUp { call: None },
            ),
            (json!({"command": "hold"}), Command::Hold { call: None }),
            (
                json!({"command": "retrieve", "callRef": "c2"}),
                Command::Retrieve {
                    call: Some("c2".into()),
                },
            ),
            (
                json!({"command": "setReady", "extra": true}),
                Command::SetReady,
            ),
            (
                json!({"command": "setPause"}),
                Command::SetPause { reason: None },
            ),
            (
                json!({"command": "setPause", "reason": " Lunch "}),
                Command::SetPause {
                    reason: Some("Lunch".into()),
                },
            ),
            (json!({"command": "getState"}), Command::GetState),
        ];
        for (mut fields, expected) in cases {
            let object = fields.as_object_mut().expect("object");
            object.insert("agentdesk".into(), json!(1));
            object.insert("type".into(), json!("command"));
            object.insert("id".into(), json!("a-1"));
            match read(fields.clone()).expect("command") {
                HostMessage::Command { id, command } => {
                    assert_eq!(id.as_value(), &json!("a-1"));
                    assert_eq!(command, expected);
                    assert_eq!(fields["command"], command.name());
                }
                other => panic!("not a command: {other:?}"),
            }
        }
    }

    #[test]
    fn malformed_commands_keep_their_id_for_the_answer() {
        let cases = [
            (
                json!({"agentdesk": 1, "type": "command", "id": 4, "command": "dial"}),
                ErrorCode::BadMessage,
            ),
            (
                json!({"agentdesk": 1, "type": "command", "id": 4, "command": "dial", "number": 70121}),
                ErrorCode::BadMessage,
            ),
            (
                json!({"agentdesk": 1, "type": "command", "id": 4, "command": "fly"}),
                ErrorCode::UnknownCommand,
            ),
            (
                json!({"agentdesk": 2, "type": "command", "id": 4, "command": "setReady"}),
                ErrorCode::UnsupportedVersion,
            ),
            (
                json!({"agentdesk": 1, "type": "command", "id": 4, "command": "hold", "callRef": 3}),
                ErrorCode::BadMessage,
            ),
            (
                json!({"agentdesk": 1, "type": "command", "id": 4}),
                ErrorCode::BadMessage,
            ),
        ];
        for (value, code) in cases {
            let error = read(value.clone()).expect_err("malformed");
            assert_eq!(error.code, code, "{value}");
            let answer = WidgetMessage::for_protocol_error(&error)
                .expect("answerable")
                .to_value();
            assert_eq!(answer["id"], json!(4));
            assert_eq!(answer["ok"], json!(false));
            assert_eq!(answer["error"]["code"], json!(code.as_str()));
        }
    }

    #[test]
    fn messages_without_an_id_or_envelope_get_no_answer() {
        for value in [
            json!(null),
            json!("hello"),
            json!([1]),
            json!({"type": "hello", "versions": [1]}),
            json!({"agentdesk": "1", "type": "hello", "versions": [1]}),
            json!({"agentdesk": 1, "type": "command", "command": "dial", "number": "1"}),
            json!({"agentdesk": 1, "type": "command", "id": {}, "command": "setReady"}),
            json!({"agentdesk": 1, "type": "command", "id": "", "command": "setReady"}),
            json!({"agentdesk": 1, "type": "welcome"}),
        ] {
            let error = read(value.clone()).expect_err("refused");
            assert!(
                WidgetMessage::for_protocol_error(&error).is_none(),
                "{value}"
            );
        }
        assert!(!HostMessage::is_ours(&json!({"source": "react-devtools"})));
        assert!(CommandId::from_value(&json!(3)).is_some());
        assert!(CommandId::from_value(&json!("a")).is_some());
        assert!(CommandId::from_value(&json!("")).is_none());
        assert!(CommandId::from_value(&json!({})).is_none());
        assert!(HostMessage::is_ours(&json!({"agentdesk": 1, "type": "x"})));
    }

    #[test]
    fn widget_messages_have_the_documented_shape() {
        assert_eq!(
            WidgetMessage::Loaded.to_value(),
            json!({"agentdesk": 1, "type": "loaded"})
        );
        assert_eq!(
            WidgetMessage::Welcome {
                version: 1,
                widget: "0.1.0".into()
            }
            .to_value(),
            json!({"agentdesk": 1, "type": "welcome", "version": 1, "widget": "0.1.0"})
        );
        assert_eq!(
            WidgetMessage::Reject.to_value(),
            json!({"agentdesk": 1, "type": "reject", "reason": "unsupportedVersion", "supported": [1]})
        );
        let id = CommandId(json!(7));
        assert_eq!(
            WidgetMessage::Result {
                id: id.clone(),
                outcome: Ok(None)
            }
            .to_value(),
            json!({"agentdesk": 1, "type": "result", "id": 7, "ok": true})
        );
        assert_eq!(
            WidgetMessage::Result {
                id,
                outcome: Err((ErrorCode::Refused, "no call".into()))
            }
            .to_value(),
            json!({"agentdesk": 1, "type": "result", "id": 7, "ok": false, "error": {"code": "refused", "message": "no call"}})
        );
    }
}
