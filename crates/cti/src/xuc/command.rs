//! Client → server frames: `{"claz":"web","command":"<name>", ...}` and the heartbeat
//! `{"claz":"ping"}`. Field names are XuC's own, not uniform (`agentid` for agent commands,
//! `agentId` for queue membership): each is written exactly as the official client writes it;
//! on input both `agentid` spellings are read. Optional fields are absent, never `null`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::callback::CallbackStatus;
use super::codec::DecodeError;
use super::wire::{text_or_number, Id};

/// The agent an agent command is for (`agentid`; read as `agentId` too); absent: the user's
/// own agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgentTarget {
    /// The agent.
    #[serde(
        rename = "agentid",
        alias = "agentId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    agent_id: Option<Id>,
}

impl AgentTarget {
    /// The agent `agent_id`, or (`None`) the user's own.
    pub fn new(agent_id: Option<Id>) -> AgentTarget {
        AgentTarget { agent_id }
    }

    /// The agent named, or (`None`) the user's own.
    pub fn agent_id(&self) -> Option<Id> {
        self.agent_id
    }
}

/// The call a phone command is for (`uniqueId`); absent: the current call.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CallTarget {
    /// The user's channel in the call.
    #[serde(rename = "uniqueId", default, skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
}

impl CallTarget {
    /// The call whose channel is `unique_id`.
    pub fn call(unique_id: impl Into<String>) -> CallTarget {
        CallTarget {
            unique_id: Some(unique_id.into()),
        }
    }
}

/// A callback request a command is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackRef {
    /// The request.
    pub uuid: String,
}

/// What a command's `request` of `findCallbackRequest` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallbackSearch {
    /// The filters, as the client builds them.
    #[serde(default)]
    pub filters: Value,
    /// The first result.
    #[serde(deserialize_with = "crate::lenient::int_or_string")]
    pub offset: i64,
    /// How many results.
    #[serde(deserialize_with = "crate::lenient::int_or_string")]
    pub limit: i64,
}

/// A command with a `command` we do not model, kept whole (the simulator answers it with an
/// `AgentError`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnknownCommand {
    /// The `command`.
    pub command: String,
    /// Every other field, verbatim.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// One frame from the client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Command {
    /// The heartbeat, `{"claz":"ping"}`, every 5 s.
    #[serde(skip)]
    Ping,

    // --- Agent (spec "Agent Methods") ---
    /// Log an agent on a line.
    AgentLogin {
        /// The line.
        #[serde(rename = "agentphonenumber", deserialize_with = "text_or_number")]
        phone_number: String,
        /// The agent; absent: the user's own agent.
        #[serde(
            rename = "agentid",
            alias = "agentId",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        agent_id: Option<Id>,
    },
    /// Log an agent off.
    AgentLogout(AgentTarget),
    /// Pause an agent, with a reason or not.
    PauseAgent {
        /// The agent; absent: the user's own agent.
        #[serde(
            rename = "agentid",
            alias = "agentId",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        agent_id: Option<Id>,
        /// The kind of pause.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Make an agent ready.
    UnpauseAgent(AgentTarget),
    /// Listen to an agent (supervisor).
    ListenAgent(AgentTarget),
    /// Pause the recording of the agent's call.
    MonitorPause(AgentTarget),
    /// Resume the recording of the agent's call.
    MonitorUnpause(AgentTarget),
    /// Add an agent to a queue, or change its penalty.
    SetAgentQueue {
        /// The agent.
        #[serde(rename = "agentId", alias = "agentid")]
        agent_id: Id,
        /// The queue.
        #[serde(rename = "queueId")]
        queue_id: Id,
        /// The penalty.
        #[serde(deserialize_with = "crate::lenient::int_or_string")]
        penalty: i64,
    },
    /// Remove an agent from a queue.
    RemoveAgentFromQueue {
        /// The agent.
        #[serde(rename = "agentId", alias = "agentid")]
        agent_id: Id,
        /// The queue.
        #[serde(rename = "queueId")]
        queue_id: Id,
    },
    /// Call `destination` from a free agent of a queue.
    DialFromQueue {
        /// The number to call.
        #[serde(deserialize_with = "text_or_number")]
        destination: String,
        /// The queue.
        #[serde(rename = "queueId")]
        queue_id: Id,
        /// The caller id's name, on both sides.
        #[serde(
            rename = "callerIdName",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        caller_id_name: Option<String>,
        /// The caller id's number, on both sides.
        #[serde(
            rename = "callerIdNumber",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        caller_id_number: Option<String>,
        /// Variables attached to the call (`USR_` prefixed by the server).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        variables: Option<Map<String, Value>>,
    },
    /// Subscribe to the agent statistics (current values first).
    SubscribeToAgentStats,
    /// List objects of a type: `agent`, `agentgroup`, `queue`, ...
    GetList {
        /// The type.
        #[serde(rename = "objectType")]
        object_type: String,
    },
    /// The agents and their states.
    GetAgentDirectory,
    /// The configuration of objects of a type (`agent`: an `AgentConfig` per agent).
    GetConfig {
        /// The type.
        #[serde(rename = "objectType")]
        object_type: String,
    },

    // --- Phone (XuC's phone API) ---
    /// Call a number.
    Dial {
        /// The number.
        #[serde(deserialize_with = "text_or_number")]
        destination: String,
        /// Variables attached to the call.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        variables: Option<Map<String, Value>>,
    },
    /// Answer the ringing call.
    Answer(CallTarget),
    /// Hang up.
    Hangup(CallTarget),
    /// Put the call on hold, or take it back (a toggle).
    Hold(CallTarget),
    /// Transfer the current call without consulting.
    DirectTransfer {
        /// Where to.
        #[serde(deserialize_with = "text_or_number")]
        destination: String,
    },
    /// Hold the current call and call `destination` to consult.
    AttendedTransfer {
        /// Who to consult.
        #[serde(deserialize_with = "text_or_number")]
        destination: String,
        /// The device to consult from (WebRTC or desk phone), when the user has several.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        device: Option<String>,
    },
    /// Connect the held and the consulted party.
    CompleteTransfer,
    /// End the consultation and go back to the held call.
    CancelTransfer,
    /// Join the held and the consulted party in a conference.
    Conference,
    /// Send one DTMF key.
    SendDtmf {
        /// The key.
        key: String,
    },
    /// Attach variables to the current calls.
    SetData {
        /// The variables.
        variables: Map<String, Value>,
    },
    /// The last event of each current call, as `CurrentCallsPhoneEvents`.
    GetCurrentCallsPhoneEvents,

    // --- Callbacks (callback.js) ---
    /// The callback lists, and subscribe to their events.
    GetCallbackLists,
    /// Reserve a request.
    TakeCallback(CallbackRef),
    /// Give a taken request back.
    ReleaseCallback(CallbackRef),
    /// Call a taken request.
    StartCallback {
        /// The request.
        uuid: String,
        /// The number to call.
        #[serde(deserialize_with = "text_or_number")]
        number: String,
    },
    /// Ring the user's device to play the customer's message.
    ListenCallbackMessage {
        /// The message.
        #[serde(rename = "voiceMessageRef")]
        voice_message_ref: String,
    },
    /// Close (`NoAnswer`, `Answered`, `Fax`) or reschedule (`Callback`) a request; build it with
    /// [`Command::update_callback_ticket`], which sends `dueDate` and `periodUuid` together.
    UpdateCallbackTicket {
        /// The request.
        uuid: String,
        /// The outcome.
        status: CallbackStatus,
        /// The agent's comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// The new due date, `YYYY-MM-DD`.
        #[serde(rename = "dueDate", default, skip_serializing_if = "Option::is_none")]
        due_date: Option<String>,
        /// The new preferred period.
        #[serde(
            rename = "periodUuid",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        period_uuid: Option<String>,
    },
    /// Search callback requests.
    FindCallbackRequest {
        /// The search, echoed in the answer.
        id: Id,
        /// What to find.
        request: CallbackSearch,
    },
    /// The preferred periods.
    GetCallbackPreferredPeriods,

    // --- Default queue membership of users (membership.js) ---
    /// A user's default membership.
    GetUserDefaultMembership {
        /// The user.
        #[serde(rename = "userId")]
        user_id: Id,
    },
    /// Set a user's default membership.
    SetUserDefaultMembership {
        /// The user.
        #[serde(rename = "userId")]
        user_id: Id,
        /// The memberships (queue and penalty each).
        membership: Value,
    },
    /// Set several users' default membership.
    SetUsersDefaultMembership {
        /// The users.
        #[serde(rename = "userIds")]
        user_ids: Vec<Id>,
        /// The memberships.
        membership: Value,
    },
    /// Apply their default membership to users.
    ApplyUsersDefaultMembership {
        /// The users.
        #[serde(rename = "userIds")]
        user_ids: Vec<Id>,
    },

    /// A `command` we do not model (encoded by [`encode_command`], never by serde's derive:
    /// an untagged fallback would swallow a modelled command with a missing field).
    #[serde(skip)]
    Unknown(UnknownCommand),
}

/// Every `command` [`Command`] models (the heartbeat is `claz` `ping`, not a command).
pub const KNOWN_COMMANDS: &[&str] = &[
    "agentLogin",
    "agentLogout",
    "pauseAgent",
    "unpauseAgent",
    "listenAgent",
    "monitorPause",
    "monitorUnpause",
    "setAgentQueue",
    "removeAgentFromQueue",
    "dialFromQueue",
    "subscribeToAgentStats",
    "getList",
    "getAgentDirectory",
    "getConfig",
    "dial",
    "answer",
    "hangup",
    "hold",
    "directTransfer",
    "attendedTransfer",
    "completeTransfer",
    "cancelTransfer",
    "conference",
    "sendDtmf",
    "setData",
    "getCurrentCallsPhoneEvents",
    "getCallbackLists",
    "takeCallback",
    "releaseCallback",
    "startCallback",
    "listenCallbackMessage",
    "updateCallbackTicket",
    "findCallbackRequest",
    "getCallbackPreferredPeriods",
    "getUserDefaultMembership",
    "setUserDefaultMembership",
    "setUsersDefaultMembership",
    "applyUsersDefaultMembership",
];

impl Command {
    /// `updateCallbackTicket`, as the official client builds it: `dueDate` and `periodUuid`
    /// only when both are given.
    pub fn update_callback_ticket(
        uuid: impl Into<String>,
        status: CallbackStatus,
        comment: Option<String>,
        reschedule: Option<(String, String)>,
    ) -> Command {
        let (due_date, period_uuid) = reschedule.map_or((None, None), |(d, p)| (Some(d), Some(p)));
        Command::UpdateCallbackTicket {
            uuid: uuid.into(),
            status,
            comment,
            due_date,
            period_uuid,
        }
    }

    /// The `command` (`"ping"` for the heartbeat).
    pub fn name(&self) -> String {
        match self {
            Command::Ping => "ping".to_owned(),
            Command::Unknown(unknown) => unknown.command.clone(),
            other => serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("command").and_then(Value::as_str).map(str::to_owned))
                .unwrap_or_default(),
        }
    }

    /// Decodes a command from an already-parsed JSON value.
    pub fn from_value(value: Value) -> Result<Command, DecodeError> {
        let Value::Object(mut map) = value else {
            return Err(DecodeError::shape(
                "command",
                "a command must be a JSON object",
            ));
        };
        match map.remove("claz") {
            Some(Value::String(claz)) if claz == "ping" => return Ok(Command::Ping),
            Some(Value::String(claz)) if claz == "web" => {}
            Some(other) => {
                return Err(DecodeError::shape(
                    "command",
                    format!("unknown claz {other}"),
                ))
            }
            None => return Err(DecodeError::shape("command", "missing field `claz`")),
        }
        let name = match map.get("command") {
            Some(Value::String(name)) => name.clone(),
            Some(_) => return Err(DecodeError::shape("command", "command must be a string")),
            None => return Err(DecodeError::shape("command", "missing field `command`")),
        };
        if !KNOWN_COMMANDS.contains(&name.as_str()) {
            map.remove("command");
            return Ok(Command::Unknown(UnknownCommand {
                command: name,
                fields: map,
            }));
        }
        Command::deserialize(Value::Object(map)).map_err(|e| DecodeError::Shape {
            what: "command",
            message: format!("{name}: {e}"),
        })
    }
}

/// A web command with its `claz`, for encoding.
#[derive(Serialize)]
struct WebFrame<'a, T> {
    claz: &'static str,
    #[serde(flatten)]
    command: &'a T,
}

/// Decodes one frame the client sent (the simulator's side). Not JSON →
/// [`DecodeError::Syntax`]; no `claz`, no `command`, or a modelled command with a missing or
/// mistyped field → [`DecodeError::Shape`]; an unknown `command` is [`Command::Unknown`].
pub fn decode_command(bytes: &[u8]) -> Result<Command, DecodeError> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::from_json("command", &e))?;
    Command::from_value(value)
}

/// Encodes a command as the official client sends it.
pub fn encode_command(command: &Command) -> String {
    match command {
        Command::Ping => r#"{"claz":"ping"}"#.to_owned(),
        Command::Unknown(unknown) => super::codec::encode(&WebFrame {
            claz: "web",
            command: unknown,
        }),
        other => super::codec::encode(&WebFrame {
            claz: "web",
            command: other,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spellings_are_the_clients() {
        let login = Command::AgentLogin {
            phone_number: "1000".into(),
            agent_id: Some(Id(19)),
        };
        assert_eq!(
            encode_command(&login),
            r#"{"claz":"web","command":"agentLogin","agentphonenumber":"1000","agentid":19}"#
        );
        let queue = Command::SetAgentQueue {
            agent_id: Id(19),
            queue_id: Id(3),
            penalty: 2,
        };
        assert_eq!(
            encode_command(&queue),
            r#"{"claz":"web","command":"setAgentQueue","agentId":19,"queueId":3,"penalty":2}"#
        );
        assert_eq!(
            encode_command(&Command::PauseAgent {
                agent_id: None,
                reason: None
            }),
            r#"{"claz":"web","command":"pauseAgent"}"#,
            "absent, not null"
        );
        assert_eq!(encode_command(&Command::Ping), r#"{"claz":"ping"}"#);
    }

    #[test]
    fn both_agentid_spellings_and_string_ids_are_read() {
        let a = decode_command(br#"{"claz":"web","command":"agentLogout","agentId":"19"}"#);
        let b = decode_command(br#"{"claz":"web","command":"agentLogout","agentid":19}"#);
        assert_eq!(a, b);
        assert_eq!(
            a.expect("decodes"),
            Command::AgentLogout(AgentTarget::new(Some(Id(19))))
        );
        assert_eq!(
            decode_command(br#"{"claz":"web","command":"hangup"}"#),
            Ok(Command::Hangup(CallTarget::default())),
            "no uniqueId: the current call"
        );
        let queue = decode_command(
            br#"{"claz":"web","command":"setAgentQueue","agentid":"19","queueId":"3","penalty":"2"}"#,
        )
        .expect("decodes");
        assert_eq!(
            queue,
            Command::SetAgentQueue {
                agent_id: Id(19),
                queue_id: Id(3),
                penalty: 2
            }
        );
    }

    #[test]
    fn a_ticket_reschedules_only_with_both_date_and_period() {
        let closed = Command::update_callback_ticket(
            "a9",
            CallbackStatus::Answered,
            Some("done".into()),
            None,
        );
        assert_eq!(
            encode_command(&closed),
            r#"{"claz":"web","command":"updateCallbackTicket","uuid":"a9","status":"Answered","comment":"done"}"#
        );
        let moved = Command::update_callback_ticket(
            "a9",
            CallbackStatus::Callback,
            None,
            Some(("2016-08-01".into(), "p1".into())),
        );
        assert_eq!(
            encode_command(&moved),
            r#"{"claz":"web","command":"updateCallbackTicket","uuid":"a9","status":"Callback","dueDate":"2016-08-01","periodUuid":"p1"}"#
        );
    }

    #[test]
    fn unknown_commands_are_kept_and_bad_frames_refused() {
        let unknown =
            decode_command(br#"{"claz":"web","command":"flyToTheMoon","speed":3}"#).expect("kept");
        assert_eq!(unknown.name(), "flyToTheMoon");
        assert_eq!(
            encode_command(&unknown),
            r#"{"claz":"web","command":"flyToTheMoon","speed":3}"#
        );
        for bad in [
            &br#"{"command":"dial"}"#[..],
            br#"{"claz":"web"}"#,
            br#"{"claz":"web","command":"dial"}"#,
            br#"{"claz":"web","command":7}"#,
            br#"{"claz":"other","command":"dial"}"#,
        ] {
            assert!(
                matches!(decode_command(bad), Err(DecodeError::Shape { .. })),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn every_known_name_is_a_variant() {
        for name in KNOWN_COMMANDS {
            let frame = format!(r#"{{"claz":"web","command":"{name}"}}"#);
            // Commands without fields decode as themselves; the others fail on a missing
            // field, never as Unknown.
            if let Ok(command) = decode_command(frame.as_bytes()) {
                assert!(!matches!(command, Command::Unknown(_)), "{name}");
                assert_eq!(command.name(), *name);
            }
        }
    }
}
