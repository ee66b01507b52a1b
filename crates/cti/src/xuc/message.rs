//! Server → client frames: `{"msgType": "<name>", "ctiMessage": <payload>}`, one enum tagged by
//! `msgType`. Unknown message types are kept whole, so that a newer server never breaks the
//! desk and the simulator can re-emit anything.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::agent::{AgentDirectory, AgentError, AgentListen, AgentState, AgentStatistics};
use super::auth::{LoggedOn, LoggedOnError, RightProfile};
use super::callback::{
    CallbackList, CallbackRequestUpdated, CallbackStarted, CallbackTaken, CallbackUuid,
};
use super::codec::DecodeError;
use super::config::{AgentConfig, AgentGroup, AgentListEntry, QueueMember};
use super::phone::{CurrentCallsPhoneEvents, PhoneEvent};
use super::sheet::Sheet;
use super::wire::OneOrMany;

/// A message whose `msgType` we do not model, kept whole.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnknownMessage {
    /// The `msgType`.
    pub msg_type: String,
    /// The `ctiMessage`, when there was one.
    pub cti_message: Option<Value>,
}

macro_rules! messages {
    ($($(#[$meta:meta])* $variant:ident($payload:ty)),* $(,)?) => {
        /// One frame from the XuC server.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum ServerMessage {
            $($(#[$meta])* $variant($payload),)*
            /// A `msgType` we do not model (the answer to a ping, queue statistics, ...).
            Unknown(UnknownMessage),
        }

        /// Every `msgType` [`ServerMessage`] models.
        pub const KNOWN_MESSAGE_TYPES: &[&str] = &[$(stringify!($variant)),*];

        impl ServerMessage {
            /// The `msgType`.
            pub fn msg_type(&self) -> &str {
                match self {
                    $(ServerMessage::$variant(_) => stringify!($variant),)*
                    ServerMessage::Unknown(unknown) => &unknown.msg_type,
                }
            }

            /// The payload of a modelled `msgType`, or `None` for another name.
            fn from_payload(name: &str, payload: Value) -> Option<Result<ServerMessage, serde_json::Error>> {
                Some(match name {
                    $(stringify!($variant) => <$payload>::deserialize(payload).map(ServerMessage::$variant),)*
                    _ => return None,
                })
            }
        }

        impl Serialize for ServerMessage {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("msgType", self.msg_type())?;
                match self {
                    $(ServerMessage::$variant(payload) => map.serialize_entry("ctiMessage", payload)?,)*
                    ServerMessage::Unknown(unknown) => {
                        if let Some(payload) = &unknown.cti_message {
                            map.serialize_entry("ctiMessage", payload)?;
                        }
                    }
                }
                map.end()
            }
        }
    };
}

messages! {
    /// The socket is logged on: subscribe now.
    LoggedOn(LoggedOn),
    /// The token was refused; the socket closes.
    LoggedOnError(LoggedOnError),
    /// The user's rights, at connection.
    RightProfile(RightProfile),
    /// A screen pop for a call.
    Sheet(Sheet),
    /// An agent's state.
    AgentStateEvent(AgentState),
    /// An agent command failed.
    AgentError(AgentError),
    /// Answer to `getAgentDirectory`.
    AgentDirectory(AgentDirectory),
    /// The agent's configuration and queue memberships.
    AgentConfig(AgentConfig),
    /// Answer to `getList` of `agent`.
    AgentList(Vec<AgentListEntry>),
    /// A supervisor listens to the agent, or stopped.
    AgentListen(AgentListen),
    /// Answer to `getList` of `agentgroup`.
    AgentGroupList(Vec<AgentGroup>),
    /// An agent's statistics.
    AgentStatistics(AgentStatistics),
    /// A queue membership changed.
    QueueMember(QueueMember),
    /// Answer to `getCallbackLists`.
    CallbackLists(OneOrMany<CallbackList>),
    /// A request was taken.
    CallbackTaken(CallbackTaken),
    /// A request's call was placed.
    CallbackStarted(CallbackStarted),
    /// A request was closed.
    CallbackClotured(CallbackUuid),
    /// A request was released.
    CallbackReleased(CallbackUuid),
    /// A request was rescheduled.
    CallbackRequestUpdated(CallbackRequestUpdated),
    /// One of the user's calls changed.
    PhoneEvent(PhoneEvent),
    /// Answer to `getCurrentCallsPhoneEvents`.
    CurrentCallsPhoneEvents(CurrentCallsPhoneEvents),
}

impl ServerMessage {
    /// Decodes a message from an already-parsed JSON value.
    pub fn from_value(value: Value) -> Result<ServerMessage, DecodeError> {
        let Value::Object(mut map) = value else {
            return Err(DecodeError::shape(
                "message",
                "a message must be a JSON object",
            ));
        };
        let name = match map.remove("msgType") {
            Some(Value::String(name)) => name,
            Some(_) => return Err(DecodeError::shape("message", "msgType must be a string")),
            None => return Err(DecodeError::shape("message", "missing field `msgType`")),
        };
        let payload = map.remove("ctiMessage");
        match ServerMessage::from_payload(&name, payload.clone().unwrap_or(Value::Null)) {
            None => Ok(ServerMessage::Unknown(UnknownMessage {
                msg_type: name,
                cti_message: payload,
            })),
            Some(Ok(message)) => Ok(message),
            Some(Err(error)) => Err(DecodeError::Shape {
                what: "message",
                message: format!("{name}: {error}"),
            }),
        }
    }
}

/// Decodes one frame of the socket. Not JSON → [`DecodeError::Syntax`]; JSON without a string
/// `msgType`, or a modelled message whose payload has the wrong shape →
/// [`DecodeError::Shape`]. An unknown `msgType` is not an error.
pub fn decode_message(bytes: &[u8]) -> Result<ServerMessage, DecodeError> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::from_json("message", &e))?;
    ServerMessage::from_value(value)
}

/// Encodes a message as the server sends it.
pub fn encode_message(message: &ServerMessage) -> String {
    super::codec::encode(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_message_round_trips_and_an_unknown_one_is_kept() {
        let frame = br#"{"msgType":"CallbackClotured","ctiMessage":{"uuid":"a9"}}"#;
        let message = decode_message(frame).expect("decodes");
        assert_eq!(message.msg_type(), "CallbackClotured");
        assert_eq!(encode_message(&message).as_bytes(), frame);
        let pong = br#"{"msgType":"QueueStatistics","ctiMessage":{"counters":[],"queueId":3}}"#;
        let message = decode_message(pong).expect("unknown is not an error");
        assert!(matches!(message, ServerMessage::Unknown(_)));
        assert_eq!(encode_message(&message).as_bytes(), pong);
        let bare = decode_message(br#"{"msgType":"Pong"}"#).expect("no payload");
        assert_eq!(encode_message(&bare), r#"{"msgType":"Pong"}"#);
    }

    #[test]
    fn syntax_and_shape_are_told_apart() {
        assert!(matches!(
            decode_message(b"{\"msgType\":"),
            Err(DecodeError::Syntax { .. })
        ));
        for bad in [
            &b"[]"[..],
            b"{}",
            br#"{"msgType":1}"#,
            br#"{"msgType":"AgentConfig"}"#,
        ] {
            assert!(matches!(
                decode_message(bad),
                Err(DecodeError::Shape { .. })
            ));
        }
    }
}
