//! O2G events as the gateway sends them, for feeding a console in the browser tests.

use agentdesk::console::ConsoleState;
use serde_json::{json, Value};

// The core's builders of the same events (its flow tests use them), shared rather than copied.
#[path = "../../crates/cti/tests/common/mod.rs"]
mod core_events;
// Each test binary uses a subset of these.
#[allow(unused_imports)]
pub use core_events::{caps, leg, party, ME, SET};

/// The agent logged on in group 60121, in `sub` state when given.
pub fn agent(sub: Option<&str>) -> Value {
    core_events::agent("LOG_ON", sub)
}

/// An ACD call from Alice Martin (0612345678) ringing, with its pilot and queue data.
pub fn ringing_acd_call(call: &str) -> Value {
    ringing_acd_call_from(call, "Alice Martin")
}

/// An ACD call from `name` (0612345678) ringing, with its pilot and queue data.
pub fn ringing_acd_call_from(call: &str, name: &str) -> Value {
    json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": call,
        "callData": { "state": "RINGING_INCOMING", "capabilities": caps(&["redirect", "terminate"]),
            "acdCallData": { "pilotNumber": "60141",
                "callInfo": { "queueWaitingTime": 42, "globalWaitingTime": 50, "agentGroup": "60121", "local": true },
                "queueData": { "waitingTime": 42, "saturated": false } } },
        "legs": [leg("RINGING_INCOMING", &["answer", "drop"])],
        "participants": [party("p1", "0612345678", name)] })
}

pub fn answered(call: &str) -> Value {
    json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": call,
        "callData": { "state": "ACTIVE", "capabilities": caps(&["transfer", "blindTransfer", "terminate", "startRecord"]) },
        "modifiedLegs": [leg("ACTIVE", &["drop", "hold", "sendDtmf"])] })
}

pub fn held(call: &str) -> Value {
    json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": call,
        "modifiedLegs": [leg("HELD", &["retrieve", "reconnect", "drop"])] })
}

pub fn removed(call: &str) -> Value {
    core_events::removed(call, "NORMALCLEARING")
}

/// Gives the console one event, as its channel would.
pub fn feed(console: &ConsoleState, event: Value) {
    console.handle_event_bytes(event.to_string().as_bytes());
}
