//! Decoding and encoding of O2G JSON bodies.

use serde::{de::DeserializeOwned, Serialize};

/// The gateway sent a body we cannot read. Always the gateway's fault, never the caller's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not JSON at all (truncated, HTML error page, ...).
    #[error("the gateway sent invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the first offending character.
        line: usize,
        /// 1-based column of the first offending character.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The body is JSON but not of the documented shape (missing field, wrong type, ...).
    #[error("the gateway sent a {what} of an unexpected shape: {message}")]
    Shape {
        /// The representation we expected, e.g. `SessionInfo`.
        what: &'static str,
        /// Which field was wrong, and how.
        message: String,
    },
}

impl DecodeError {
    /// Classifies a serde_json error: bad JSON is `Syntax`, JSON of the wrong shape (or too
    /// deeply nested) is `Shape`.
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
}

/// Decodes one O2G representation, naming it in the error.
///
/// Natively the bytes are parsed straight into `T`. In wasm they go through a
/// `serde_json::Value`: events must (their type depends on `eventName`), so every type already
/// has a deserializer for `Value`, and a second one for the byte reader would only grow the
/// widget (see `docs/decisions.md`, Build and serving).
pub fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, DecodeError> {
    #[cfg(not(target_arch = "wasm32"))]
    let decoded = serde_json::from_slice(bytes);
    #[cfg(target_arch = "wasm32")]
    let decoded = serde_json::from_slice::<serde_json::Value>(bytes).and_then(T::deserialize);
    decoded.map_err(|e| DecodeError::from_json(what, &e))
}

/// Encodes a representation in the representation-table form.
pub fn encode<T: Serialize>(value: &T) -> String {
    // Our wire types hold only strings, numbers, booleans, sequences and string-keyed maps,
    // for which serde_json cannot fail; an empty object is still a valid body if it ever did.
    serde_json::to_string(value).unwrap_or_else(|_| String::from("{}"))
}
