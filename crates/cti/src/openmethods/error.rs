//! What the report codec refuses.

use crate::report::activity::UnknownName;

/// Why bytes are not a report request, response or event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not a JSON object.
    #[error("not a JSON object: {0}")]
    NotJson(String),
    /// A request or response without `command`, or an event without `name`.
    #[error("the message has neither a command nor an event name")]
    NoCommand,
    /// A command the report resource does not have.
    #[error("unknown command {0:?}")]
    UnknownCommand(String),
    /// An event name the report resource does not send.
    #[error("unknown event {0:?}")]
    UnknownEvent(String),
    /// A `result` other than `success` or `failure`.
    #[error("unknown result {0:?}")]
    UnknownResult(String),
    /// A field the message cannot do without is missing or not of its type.
    #[error("{message} needs {field}")]
    MissingField {
        /// The command or event.
        message: String,
        /// The field, by the spec's name (dotted path).
        field: &'static str,
    },
    /// A member type or status the spec does not list.
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
    /// A `Duration` that is no time value.
    #[error("Duration {0:?} is not a time value (HH:MM:SS)")]
    BadDuration(String),
}
