//! What the connector codec refuses, and the connector's documented error names.

use core::fmt;

/// Why bytes are not a connector command or event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The message is not UTF-8 text.
    #[error("the message is not UTF-8 text")]
    NotText,
    /// An event without the `<login_id>#<EventName>` start.
    #[error("not a connector event (no `<login_id>#<EventName>`): {0:?}")]
    NotAnEvent(String),
    /// A JMS type without the `<COMMAND>#<agent_login_id>` form.
    #[error("not a connector JMS type (no `<COMMAND>#<agent_login_id>`): {0:?}")]
    NotACommandType(String),
    /// A JMS type naming no command of the connector.
    #[error("unknown command {name:?} for agent {agent:?}")]
    UnknownCommand {
        /// The name before `#`.
        name: String,
        /// The agent after `#`.
        agent: String,
    },
    /// A command body with fewer fields than the command takes.
    #[error("{command} of agent {agent:?} lacks its field {field}")]
    MissingField {
        /// The command, by its JMS name.
        command: &'static str,
        /// The agent after `#`.
        agent: String,
        /// The first missing field, by the spec's name.
        field: &'static str,
    },
    /// An event lacks a field it cannot do without.
    #[error("{event} event lacks its field {field}")]
    MissingEventField {
        /// The event.
        event: &'static str,
        /// The field, by the spec's name.
        field: &'static str,
    },
}

impl DecodeError {
    /// The agent a refused command was for, when its JMS type named one: the connector
    /// answers it on the agent's topic.
    pub fn agent(&self) -> Option<&str> {
        match self {
            DecodeError::UnknownCommand { agent, .. } | DecodeError::MissingField { agent, .. } => {
                Some(agent)
            }
            _ => None,
        }
    }
}

/// Why a value cannot be written in the connector's delimited form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A field holds a delimiter where the format has no way to carry it (a `#` before the
    /// last field of an event, a `,` before the last field of a command body, a `|` in a
    /// list entry): the encoding would read back differently.
    #[error("{what} cannot carry {value:?}: it holds a delimiter of the format")]
    Delimiter {
        /// Which message.
        what: &'static str,
        /// The offending text, shortened.
        value: String,
    },
}

/// The connector's documented error names (Mobile Agent Login, "Possible Error(s)"), and any
/// other it may send.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorName {
    /// `MISSING_EXTENSION`.
    MissingExtension,
    /// `WRONG_EXTENSION`.
    WrongExtension,
    /// `LICENSES_EXCEEDED`.
    LicensesExceeded,
    /// `MISSING_PASSWORD`.
    MissingPassword,
    /// `USER_NOT_FOUND`.
    UserNotFound,
    /// `GENERAL_ERROR`: the connector's fallback.
    GeneralError,
    /// `CF_GENERIC_UNSPECIFIED` (a CTI failure passed on).
    CfGenericUnspecified,
    /// `CF_INVALID_LOGON_DEVICE_SPECIFIED`.
    CfInvalidLogonDeviceSpecified,
    /// `CF_RESOURCE_BUSY`.
    CfResourceBusy,
    /// Any other name, as written.
    Other(String),
}

impl ErrorName {
    /// Every documented name.
    pub const DOCUMENTED: [ErrorName; 9] = [
        ErrorName::MissingExtension,
        ErrorName::WrongExtension,
        ErrorName::LicensesExceeded,
        ErrorName::MissingPassword,
        ErrorName::UserNotFound,
        ErrorName::GeneralError,
        ErrorName::CfGenericUnspecified,
        ErrorName::CfInvalidLogonDeviceSpecified,
        ErrorName::CfResourceBusy,
    ];

    /// The name on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorName::MissingExtension => "MISSING_EXTENSION",
            ErrorName::WrongExtension => "WRONG_EXTENSION",
            ErrorName::LicensesExceeded => "LICENSES_EXCEEDED",
            ErrorName::MissingPassword => "MISSING_PASSWORD",
            ErrorName::UserNotFound => "USER_NOT_FOUND",
            ErrorName::GeneralError => "GENERAL_ERROR",
            ErrorName::CfGenericUnspecified => "CF_GENERIC_UNSPECIFIED",
            ErrorName::CfInvalidLogonDeviceSpecified => "CF_INVALID_LOGON_DEVICE_SPECIFIED",
            ErrorName::CfResourceBusy => "CF_RESOURCE_BUSY",
            ErrorName::Other(name) => name,
        }
    }

    /// The name of a wire value (exact; anything else is [`ErrorName::Other`]).
    pub fn parse(text: &str) -> ErrorName {
        ErrorName::DOCUMENTED
            .into_iter()
            .find(|name| name.as_str() == text)
            .unwrap_or_else(|| ErrorName::Other(text.to_owned()))
    }

    /// Words for the agent.
    pub fn describe(&self) -> &str {
        match self {
            ErrorName::MissingExtension => "No extension was given",
            ErrorName::WrongExtension => "The extension is not the agent's",
            ErrorName::LicensesExceeded => "No licence is free",
            ErrorName::MissingPassword => "No password was given",
            ErrorName::UserNotFound => "The agent is unknown",
            ErrorName::GeneralError => "The connector refused the request",
            ErrorName::CfGenericUnspecified => "The contact centre refused the request",
            ErrorName::CfInvalidLogonDeviceSpecified => "The device cannot be logged on to",
            ErrorName::CfResourceBusy => "The device is busy",
            ErrorName::Other(name) => name,
        }
    }
}

impl fmt::Display for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
