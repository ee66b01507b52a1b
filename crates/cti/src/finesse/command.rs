//! The connector's commands: JMS messages to the connector's queue, with the JMS type
//! `<COMMAND>#<agent_login_id>` and a comma-separated body (over STOMP: a `SEND` to
//! `/queue/connector.command` whose `type` header is the JMS type).
//!
//! Names and field orders are the spec's (`shared/specs/finesse-jms-connector.txt`),
//! misspellings included (`GETSKILLGROPU`, `SHCEDULECALLBACK`, `CANCELSHCEDULECALLBACK`,
//! `Conferencecall`). The base commands the spec cuts off come from the connector's public
//! documentation and a public client of it; docs/decisions.md, "Finesse connector (issue 13)",
//! gives the source and reading of each.
//!
//! Decoding is tolerant: command names match ASCII case-insensitively, the agent id is
//! trimmed (the spec writes `<agent_login_id >`), the last field takes the rest of the body
//! (commas included), empty fields stay empty strings (the connector answers them with its
//! `MISSING_*` errors), and a body with too few fields is [`DecodeError::MissingField`].

use super::error::{DecodeError, EncodeError};

/// How a mobile agent's phone is connected (`<connection_mode>`: `true` = call by call,
/// `false` = nailed connection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConnectionMode {
    /// `true`: the system calls the agent for each call.
    CallByCall,
    /// `false`: one call stays up for the whole session.
    Nailed,
}

impl ConnectionMode {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionMode::CallByCall => "true",
            ConnectionMode::Nailed => "false",
        }
    }

    /// Reads `true`/`false` (case-insensitive); anything else is call by call only if it
    /// says so, i.e. nailed.
    pub fn parse(text: &str) -> ConnectionMode {
        if text.trim().eq_ignore_ascii_case("true") {
            ConnectionMode::CallByCall
        } else {
            ConnectionMode::Nailed
        }
    }
}

/// The connector's reason-code lists, each asked for by a command of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonList {
    /// `reasoncodenotready`: reasons for Not Ready.
    NotReady,
    /// `reasoncodelogout`: reasons for a logout.
    Logout,
    /// `wrapupreasoncode`: wrap-up reasons.
    WrapUp,
}

impl ReasonList {
    /// Every list.
    pub const ALL: [ReasonList; 3] = [ReasonList::NotReady, ReasonList::Logout, ReasonList::WrapUp];

    /// The command (and list) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonList::NotReady => "reasoncodenotready",
            ReasonList::Logout => "reasoncodelogout",
            ReasonList::WrapUp => "wrapupreasoncode",
        }
    }

    /// The list of a name (case-insensitive).
    pub fn parse(text: &str) -> Option<ReasonList> {
        ReasonList::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// One command of the connector, without the agent of its JMS type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Command {
    /// `Hello#<client_id>`, no body: is the connector in service? (answered by `IN_SERVICE`
    /// or `OUT_OF_SERVICE`). The id after `#` is the client's, as for every command.
    Hello,
    /// `Beat#<agent_login_id>`, no body: the client is alive.
    Beat,
    /// `Connect#<agent_login_id>`, body `<client_id>,<agent_password>`: binds the client to
    /// the agent. A body of the password alone is read too.
    Connect {
        /// The client's id (its topic name in the public client), may be empty.
        client_id: String,
        /// The agent's password.
        password: String,
    },
    /// `Login#<agent_login_id>`, body `<agent_password>,<agent_extension>`.
    Login {
        /// The agent's password.
        password: String,
        /// The extension to log on to.
        extension: String,
    },
    /// `MOBILEAGENTLOGIN#<agent_login_Id>`,
    /// body `<agent_password>,<agent_extension>,<dialNumber>,<connection_mode>`.
    MobileAgentLogin {
        /// The agent's password.
        password: String,
        /// The agent's extension.
        extension: String,
        /// The number the system calls to reach the mobile agent.
        dial_number: String,
        /// Call by call or nailed.
        mode: ConnectionMode,
    },
    /// `Logout#<agent_login_id>`, body `<reason_code>` (optional, from `reasoncodelogout`).
    Logout {
        /// The logout reason code; empty for none.
        reason_code: String,
    },
    /// `MakeReady#<agent_login_id>`, no body.
    MakeReady,
    /// `MakeNotReady#<agent_login_id>`, no body.
    MakeNotReady,
    /// `MakeNotReadyWithReason#<agent_login_id>`, body `<reason_code>`.
    MakeNotReadyWithReason {
        /// A code of `reasoncodenotready`.
        reason_code: String,
    },
    /// `GetState#<agent_login_id>`, no body: the connector answers with `State`.
    GetState,
    /// `MakeCall#<agent_login_id>`, body `<dialed_number>` (a body
    /// `<agent_extension>,<dialed_number>` is read too).
    MakeCall {
        /// The number to call.
        number: String,
        /// The extension to call from, when the body names it.
        from_extension: Option<String>,
    },
    /// `AnswerCall#<agent_login_id>`, body `<dialog_id>`.
    AnswerCall {
        /// The ringing dialog.
        dialog_id: String,
    },
    /// `HoldCall#<agent_login_id>`, body `<dialog_id>`.
    HoldCall {
        /// The active dialog.
        dialog_id: String,
    },
    /// `RetrieveCall#<agent_login_id>`, body `<dialog_id>`.
    RetrieveCall {
        /// The held dialog.
        dialog_id: String,
    },
    /// `ReleaseCall#<agent_login_id>`, body `<dialog_id>`.
    ReleaseCall {
        /// The dialog to drop.
        dialog_id: String,
    },
    /// `TransferCall#<agent_login_Id>`, body `<Agent_Extension>,<Dialog_ID>`: the main call
    /// to the second agent's extension.
    TransferCall {
        /// The second agent's extension.
        extension: String,
        /// The main call's dialog.
        dialog_id: String,
    },
    /// `Conferencecall#<agent_login_Id>`, body `<Agent_Extension>,<Dialog_ID>`.
    ConferenceCall {
        /// The second agent's extension.
        extension: String,
        /// The main call's dialog.
        dialog_id: String,
    },
    /// `AcceptOutboundPreview#<agent_login_id>`, body `<dialog_id>,<ACCEPT>`: not in the
    /// spec's seed, written by analogy with reject and close (docs/decisions.md).
    AcceptOutboundPreview {
        /// The preview dialog.
        dialog_id: String,
        /// The string parameter, `ACCEPT`.
        action: String,
    },
    /// `RejectOutboundPreview#<agent_login_id>`, body `<dialog_id>,<REJECT>`.
    RejectOutboundPreview {
        /// The preview dialog.
        dialog_id: String,
        /// The string parameter, `REJECT`.
        action: String,
    },
    /// `CloseOutboundPreview#<agent_login_id>`, body `<dialog_id>,<CLOSE>`.
    CloseOutboundPreview {
        /// The preview dialog.
        dialog_id: String,
        /// The string parameter, `CLOSE`.
        action: String,
    },
    /// `GETSKILLGROPU#<agent_login_id>`, no body.
    GetSkillGroup,
    /// `GETSUPERVISOR#<agent_login_id>`, no body.
    GetSupervisor,
    /// `SHCEDULECALLBACK#<agent_login_id>`,
    /// body `<targetMediaAddress>,<dialog_id>,<callbackTime>,<callbackNumber>`.
    ScheduleCallback {
        /// The requesting agent's extension.
        target_media_address: String,
        /// The dialog.
        dialog_id: String,
        /// When to call back, as the client writes it.
        callback_time: String,
        /// The number to call back.
        callback_number: String,
    },
    /// `UPDATECALLBACK#<agent_login_id>`, same body as [`Command::ScheduleCallback`].
    UpdateCallback {
        /// The requesting agent's extension.
        target_media_address: String,
        /// The dialog.
        dialog_id: String,
        /// When to call back.
        callback_time: String,
        /// The number to call back.
        callback_number: String,
    },
    /// `CANCELSHCEDULECALLBACK#<agent_login_id>`, body `<targetMediaAddress>,<dialog_id>`.
    CancelScheduledCallback {
        /// The requesting agent's extension.
        target_media_address: String,
        /// The dialog.
        dialog_id: String,
    },
    /// `RECLASSIFYCALL#<agent_login_id>`, body `<targetMediaAddress>,<dialog_id>,<Value>`.
    ReclassifyCall {
        /// The requesting agent's extension.
        target_media_address: String,
        /// The dialog.
        dialog_id: String,
        /// The reclassification value.
        value: String,
    },
    /// `reasoncodenotready#…`, `reasoncodelogout#…`, `wrapupreasoncode#…`, no body: the
    /// connector answers with `ReasonCodes`.
    ReasonCodes(ReasonList),
}

/// A command with the agent (or, for `Hello`, the client) of its JMS type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CommandMessage {
    /// `<agent_login_id>` after `#`.
    pub agent_login_id: String,
    /// The command.
    pub command: Command,
}

/// Every command name, as the spec writes it, with its body's field names.
pub const COMMANDS: [(&str, &[&str]); 29] = [
    ("Hello", &[]),
    ("Beat", &[]),
    ("Connect", &["client_id", "agent_password"]),
    ("Login", &["agent_password", "agent_extension"]),
    (
        "MOBILEAGENTLOGIN",
        &[
            "agent_password",
            "agent_extension",
            "dialNumber",
            "connection_mode",
        ],
    ),
    ("Logout", &["reason_code"]),
    ("MakeReady", &[]),
    ("MakeNotReady", &[]),
    ("MakeNotReadyWithReason", &["reason_code"]),
    ("GetState", &[]),
    ("MakeCall", &["dialed_number"]),
    ("AnswerCall", &["dialog_id"]),
    ("HoldCall", &["dialog_id"]),
    ("RetrieveCall", &["dialog_id"]),
    ("ReleaseCall", &["dialog_id"]),
    ("TransferCall", &["Agent_Extension", "Dialog_ID"]),
    ("Conferencecall", &["Agent_Extension", "Dialog_ID"]),
    ("AcceptOutboundPreview", &["dialog_id", "ACCEPT"]),
    ("RejectOutboundPreview", &["dialog_id", "REJECT"]),
    ("CloseOutboundPreview", &["dialog_id", "CLOSE"]),
    ("GETSKILLGROPU", &[]),
    ("GETSUPERVISOR", &[]),
    (
        "SHCEDULECALLBACK",
        &[
            "targetMediaAddress",
            "dialog_id",
            "callbackTime",
            "callbackNumber",
        ],
    ),
    (
        "UPDATECALLBACK",
        &[
            "targetMediaAddress",
            "dialog_id",
            "callbackTime",
            "callbackNumber",
        ],
    ),
    (
        "CANCELSHCEDULECALLBACK",
        &["targetMediaAddress", "dialog_id"],
    ),
    (
        "RECLASSIFYCALL",
        &["targetMediaAddress", "dialog_id", "Value"],
    ),
    ("reasoncodenotready", &[]),
    ("reasoncodelogout", &[]),
    ("wrapupreasoncode", &[]),
];

impl Command {
    /// The name before `#` in the JMS type, as the spec writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Hello => "Hello",
            Command::Beat => "Beat",
            Command::Connect { .. } => "Connect",
            Command::Login { .. } => "Login",
            Command::MobileAgentLogin { .. } => "MOBILEAGENTLOGIN",
            Command::Logout { .. } => "Logout",
            Command::MakeReady => "MakeReady",
            Command::MakeNotReady => "MakeNotReady",
            Command::MakeNotReadyWithReason { .. } => "MakeNotReadyWithReason",
            Command::GetState => "GetState",
            Command::MakeCall { .. } => "MakeCall",
            Command::AnswerCall { .. } => "AnswerCall",
            Command::HoldCall { .. } => "HoldCall",
            Command::RetrieveCall { .. } => "RetrieveCall",
            Command::ReleaseCall { .. } => "ReleaseCall",
            Command::TransferCall { .. } => "TransferCall",
            Command::ConferenceCall { .. } => "Conferencecall",
            Command::AcceptOutboundPreview { .. } => "AcceptOutboundPreview",
            Command::RejectOutboundPreview { .. } => "RejectOutboundPreview",
            Command::CloseOutboundPreview { .. } => "CloseOutboundPreview",
            Command::GetSkillGroup => "GETSKILLGROPU",
            Command::GetSupervisor => "GETSUPERVISOR",
            Command::ScheduleCallback { .. } => "SHCEDULECALLBACK",
            Command::UpdateCallback { .. } => "UPDATECALLBACK",
            Command::CancelScheduledCallback { .. } => "CANCELSHCEDULECALLBACK",
            Command::ReclassifyCall { .. } => "RECLASSIFYCALL",
            Command::ReasonCodes(list) => list.as_str(),
        }
    }

    /// The body's fields, in order.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Command::Hello
            | Command::Beat
            | Command::MakeReady
            | Command::MakeNotReady
            | Command::GetState
            | Command::GetSkillGroup
            | Command::GetSupervisor
            | Command::ReasonCodes(_) => Vec::new(),
            Command::Connect {
                client_id,
                password,
            } => vec![client_id, password],
            Command::Login {
                password,
                extension,
            } => vec![password, extension],
            Command::MobileAgentLogin {
                password,
                extension,
                dial_number,
                mode,
            } => vec![password, extension, dial_number, mode.as_str()],
            Command::Logout { reason_code } => vec![reason_code],
            Command::MakeNotReadyWithReason { reason_code } => vec![reason_code],
            Command::MakeCall {
                number,
                from_extension,
            } => match from_extension {
                Some(from) => vec![from, number],
                None => vec![number],
            },
            Command::AnswerCall { dialog_id }
            | Command::HoldCall { dialog_id }
            | Command::RetrieveCall { dialog_id }
            | Command::ReleaseCall { dialog_id } => vec![dialog_id],
            Command::TransferCall {
                extension,
                dialog_id,
            }
            | Command::ConferenceCall {
                extension,
                dialog_id,
            } => vec![extension, dialog_id],
            Command::AcceptOutboundPreview { dialog_id, action }
            | Command::RejectOutboundPreview { dialog_id, action }
            | Command::CloseOutboundPreview { dialog_id, action } => vec![dialog_id, action],
            Command::ScheduleCallback {
                target_media_address,
                dialog_id,
                callback_time,
                callback_number,
            }
            | Command::UpdateCallback {
                target_media_address,
                dialog_id,
                callback_time,
                callback_number,
            } => vec![
                target_media_address,
                dialog_id,
                callback_time,
                callback_number,
            ],
            Command::CancelScheduledCallback {
                target_media_address,
                dialog_id,
            } => vec![target_media_address, dialog_id],
            Command::ReclassifyCall {
                target_media_address,
                dialog_id,
                value,
            } => vec![target_media_address, dialog_id, value],
        }
    }
}

impl CommandMessage {
    /// A command for `agent_login_id`.
    pub fn new(agent_login_id: impl Into<String>, command: Command) -> CommandMessage {
        CommandMessage {
            agent_login_id: agent_login_id.into(),
            command,
        }
    }

    /// The JMS type, `<COMMAND>#<agent_login_id>`.
    pub fn jms_type(&self) -> String {
        format!("{}#{}", self.command.name(), self.agent_login_id)
    }

    /// The body: the fields joined by commas (empty for commands without fields). Refused
    /// when it would not read back as this command (a comma in a field before the last, a
    /// `#` or surrounding spaces in the agent id).
    pub fn body(&self) -> Result<String, EncodeError> {
        let body = self.command.fields().join(",");
        match CommandMessage::decode(&self.jms_type(), &body) {
            Ok(again) if again == *self => Ok(body),
            _ => Err(EncodeError::Delimiter {
                what: self.command.name(),
                value: format!("{}: {}", self.agent_login_id, body)
                    .chars()
                    .take(60)
                    .collect(),
            }),
        }
    }

    /// The JMS type and body.
    pub fn encode(&self) -> Result<(String, String), EncodeError> {
        Ok((self.jms_type(), self.body()?))
    }

    /// Reads a command from its JMS type and body.
    pub fn decode(jms_type: &str, body: &str) -> Result<CommandMessage, DecodeError> {
        let Some((name, agent)) = jms_type.split_once('#') else {
            return Err(DecodeError::NotACommandType(
                jms_type.chars().take(80).collect(),
            ));
        };
        let name = name.trim();
        let agent = agent.trim().to_owned();
        let Some((canonical, field_names)) = COMMANDS
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .copied()
        else {
            return Err(DecodeError::UnknownCommand {
                name: name.chars().take(80).collect(),
                agent,
            });
        };
        let mut reader = Fields {
            parts: split_body(body, field_names.len()),
            next: 0,
            command: canonical,
            agent: &agent,
            names: field_names,
        };
        let command = match canonical {
            "Hello" => Command::Hello,
            "Beat" => Command::Beat,
            "Connect" => {
                // The password alone is read too.
                let mut parts = split_body(body, 2);
                let password = parts.pop().unwrap_or_default();
                Command::Connect {
                    client_id: parts.pop().unwrap_or_default(),
                    password,
                }
            }
            "Login" => Command::Login {
                password: reader.take()?,
                extension: reader.take()?,
            },
            "MOBILEAGENTLOGIN" => Command::MobileAgentLogin {
                password: reader.take()?,
                extension: reader.take()?,
                dial_number: reader.take()?,
                mode: ConnectionMode::parse(&reader.take()?),
            },
            "Logout" => Command::Logout {
                reason_code: reader.optional(),
            },
            "MakeReady" => Command::MakeReady,
            "MakeNotReady" => Command::MakeNotReady,
            "MakeNotReadyWithReason" => Command::MakeNotReadyWithReason {
                reason_code: reader.take()?,
            },
            "GetState" => Command::GetState,
            "MakeCall" => {
                let mut parts = split_body(body, 2);
                let number = parts.pop().unwrap_or_default();
                if number.is_empty() && parts.is_empty() && body.is_empty() {
                    return Err(reader.missing());
                }
                Command::MakeCall {
                    number,
                    from_extension: parts.pop(),
                }
            }
            "AnswerCall" => Command::AnswerCall {
                dialog_id: reader.take()?,
            },
            "HoldCall" => Command::HoldCall {
                dialog_id: reader.take()?,
            },
            "RetrieveCall" => Command::RetrieveCall {
                dialog_id: reader.take()?,
            },
            "ReleaseCall" => Command::ReleaseCall {
                dialog_id: reader.take()?,
            },
            "TransferCall" => Command::TransferCall {
                extension: reader.take()?,
                dialog_id: reader.take()?,
            },
            "Conferencecall" => Command::ConferenceCall {
                extension: reader.take()?,
                dialog_id: reader.take()?,
            },
            "AcceptOutboundPreview" => Command::AcceptOutboundPreview {
                dialog_id: reader.take()?,
                action: reader.optional_or("ACCEPT"),
            },
            "RejectOutboundPreview" => Command::RejectOutboundPreview {
                dialog_id: reader.take()?,
                action: reader.optional_or("REJECT"),
            },
            "CloseOutboundPreview" => Command::CloseOutboundPreview {
                dialog_id: reader.take()?,
                action: reader.optional_or("CLOSE"),
            },
            "GETSKILLGROPU" => Command::GetSkillGroup,
            "GETSUPERVISOR" => Command::GetSupervisor,
            "SHCEDULECALLBACK" => Command::ScheduleCallback {
                target_media_address: reader.take()?,
                dialog_id: reader.take()?,
                callback_time: reader.take()?,
                callback_number: reader.take()?,
            },
            "UPDATECALLBACK" => Command::UpdateCallback {
                target_media_address: reader.take()?,
                dialog_id: reader.take()?,
                callback_time: reader.take()?,
                callback_number: reader.take()?,
            },
            "CANCELSHCEDULECALLBACK" => Command::CancelScheduledCallback {
                target_media_address: reader.take()?,
                dialog_id: reader.take()?,
            },
            "RECLASSIFYCALL" => Command::ReclassifyCall {
                target_media_address: reader.take()?,
                dialog_id: reader.take()?,
                value: reader.take()?,
            },
            other => match ReasonList::parse(other) {
                Some(list) => Command::ReasonCodes(list),
                None => {
                    return Err(DecodeError::UnknownCommand {
                        name: other.to_owned(),
                        agent,
                    })
                }
            },
        };
        Ok(CommandMessage {
            agent_login_id: agent,
            command,
        })
    }
}

/// Splits a body into at most `n` fields, the last taking the rest; an empty body has no
/// field at all.
fn split_body(body: &str, n: usize) -> Vec<String> {
    if body.is_empty() || n == 0 {
        return Vec::new();
    }
    body.splitn(n, ',').map(str::to_owned).collect()
}

/// Reads a body's fields in order.
struct Fields<'a> {
    parts: Vec<String>,
    next: usize,
    command: &'static str,
    agent: &'a str,
    names: &'static [&'static str],
}

impl Fields<'_> {
    fn take(&mut self) -> Result<String, DecodeError> {
        match self.parts.get(self.next) {
            Some(part) => {
                self.next += 1;
                Ok(part.clone())
            }
            None => Err(self.missing()),
        }
    }

    fn optional(&mut self) -> String {
        self.take().unwrap_or_default()
    }

    fn optional_or(&mut self, default: &str) -> String {
        self.take().unwrap_or_else(|_| default.to_owned())
    }

    fn missing(&self) -> DecodeError {
        DecodeError::MissingField {
            command: self.command,
            agent: self.agent.to_owned(),
            field: self.names.get(self.next).copied().unwrap_or("body"),
        }
    }
}
