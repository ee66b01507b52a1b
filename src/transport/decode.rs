//! Decoding REST bodies the way events are decoded: bytes → `serde_json::Value` → type.
//!
//! Events must go through `Value` (their type depends on `eventName`), so every payload type
//! already has a `Deserialize` instance for `Value`. Decoding REST bodies straight from bytes
//! would compile a second instance of the same (large) types for the byte reader: going
//! through `Value` keeps one, which matters for the wasm size budget.

use cti::o2g::DecodeError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes one O2G representation, naming it in the error (as `cti::o2g::decode`).
pub fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, DecodeError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| DecodeError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    T::deserialize(value).map_err(|e| DecodeError::Shape {
        what,
        message: e.to_string(),
    })
}
