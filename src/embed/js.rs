//! Messages between JavaScript values and `serde_json::Value`, through the browser's JSON.
//!
//! The protocol reader (`cti::embed`) works on `serde_json::Value`. Going through
//! `JSON.stringify`/`JSON.parse` needs no extra crate in the wasm (serde_json is already
//! there), and a message the host can post is plain data by construction (structured clone).

use serde_json::Value;
use wasm_bindgen::JsValue;

/// Larger messages are refused unread: no command comes near, and a host must not make the
/// widget parse megabytes.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// A host's message as a JSON value; `None` when it is not JSON data (a cycle, a BigInt, a
/// function, `undefined`) or too large.
pub fn to_value(data: &JsValue) -> Option<Value> {
    // `undefined` and functions stringify to `undefined`, not to a string.
    let text = js_sys::JSON::stringify(data).ok()?.as_string()?;
    if text.len() > MAX_MESSAGE_BYTES {
        return None;
    }
    // From bytes: the one JSON reader the widget links (a second, for `&str`, costs kilobytes).
    serde_json::from_slice(text.as_bytes()).ok()
}

/// A message for the host, as a plain JavaScript object.
pub fn to_js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}
