//! O2G events as the gateway sends them, for feeding a console in the browser tests.

use agentdesk::console::ConsoleState;
use serde_json::{json, Value};

/// The agent the events are for.
pub const ME: &str = "oxe60113";
/// The agent's pro-ACD set.
pub const SET: &str = "60113";

pub fn caps(names: &[&str]) -> Value {
    Value::Object(
        names
            .iter()
            .map(|n| ((*n).to_owned(), Value::Bool(true)))
            .collect(),
    )
}

pub fn leg(state: &str, capabilities: &[&str]) -> Value {
    json!({ "deviceId": SET, "state": state, "capabilities": caps(capabilities) })
}

pub fn party(id: &str, number: &str, name: &str) -> Value {
    json!({ "participantId": id, "identity": { "id": { "phoneNumber": number }, "displayName": name,
            "type": { "main": "EXTERNAL", "subType": "public" } } })
}

/// The agent logged on in group 60121, in `sub` state when given.
pub fn agent(sub: Option<&str>) -> Value {
    let mut state =
        json!({ "mainState": "LOG_ON", "proAcdDeviceNumber": SET, "pgNumber": "60121" });
    if let Some(sub) = sub {
        state["subState"] = json!(sub);
    }
    json!({ "eventName": "OnAgentStateChanged", "loginName": ME, "state": state })
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
    json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": call, "cause": "NORMALCLEARING" })
}

/// Gives the console one event, as its channel would.
pub fn feed(console: &ConsoleState, event: Value) {
    console.handle_event_bytes(event.to_string().as_bytes());
}
