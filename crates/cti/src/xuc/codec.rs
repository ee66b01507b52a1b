//! Decoding and encoding of XuC JSON: one error type, one helper each way.

use serde::{de::DeserializeOwned, Serialize};

/// The server (or, for the simulator, the client) sent something we cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not JSON at all (truncated, binary, HTML).
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the first offending character.
        line: usize,
        /// 1-based column of the first offending character.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// JSON, but not of the documented shape (no `msgType`, a missing field, a wrong type).
    #[error("a {what} of an unexpected shape: {message}")]
    Shape {
        /// What we expected, e.g. `AgentStateEvent`.
        what: &'static str,
        /// Which field was wrong, and how.
        message: String,
    },
}

impl DecodeError {
    /// Classifies a serde_json error: bad JSON is `Syntax`, the wrong shape is `Shape`.
    pub fn from_json(what: &'static str, error: &serde_json::Error) -> DecodeError {
        if error.is_syntax() || error.is_eof() {
            DecodeError::Syntax {
                line: error.line(),
                column: error.column(),
                message: error.to_string(),
            }
        } else {
            DecodeError::Shape {
                what,
                message: error.to_string(),
            }
        }
    }

    /// A shape error from a message.
    pub(crate) fn shape(what: &'static str, message: impl ToString) -> DecodeError {
        DecodeError::Shape {
            what,
            message: message.to_string(),
        }
    }
}

/// Decodes one XuC JSON value (a REST body, a message payload), naming it in the error.
/// Goes through a `serde_json::Value`, as messages must (their type depends on `msgType`),
/// so that the widget carries one deserializer per type.
pub fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, DecodeError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::from_json(what, &e))?;
    T::deserialize(value).map_err(|e| DecodeError::shape(what, e))
}

/// Encodes a XuC value.
pub fn encode<T: Serialize>(value: &T) -> String {
    // Our wire types hold strings, numbers, booleans, sequences and string-keyed maps, for
    // which serde_json cannot fail; an empty object is still JSON if it ever did.
    serde_json::to_string(value).unwrap_or_else(|_| String::from("{}"))
}
