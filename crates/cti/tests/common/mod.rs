//! O2G event builders and a Machine for the agent `oxe60113` on pro-ACD set `60113`, shared
//! by the flow tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::time::Duration;

use cti::machine::{Config, Machine, Notification};
use cti::model::{CallRef, Instant};
use cti::o2g::event::decode_event;
use serde_json::{json, Value};

pub const ME: &str = "oxe60113";
pub const SET: &str = "60113";

pub fn t(seconds: u64) -> Instant {
    Instant::from_millis(seconds * 1000)
}

pub fn machine() -> Machine {
    let config = Config {
        login_name: Some(ME.into()),
        device: Some(SET.into()),
        wrap_up_limit: Some(Duration::from_secs(30)),
        ..Config::default()
    };
    Machine::new(t(0), config)
}

/// Encodes, decodes through the real decoder, applies.
pub fn feed(m: &mut Machine, at: u64, event: Value) {
    let bytes = event.to_string();
    let decoded = decode_event(bytes.as_bytes()).unwrap_or_else(|e| panic!("{e}: {bytes}"));
    m.handle_event(t(at), decoded);
}

pub fn drain(m: &mut Machine) -> Vec<Notification> {
    std::iter::from_fn(|| m.poll_notification()).collect()
}

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

pub fn agent(main: &str, sub: Option<&str>) -> Value {
    let mut state = json!({ "mainState": main, "proAcdDeviceNumber": SET, "pgNumber": "60121" });
    if let Some(sub) = sub {
        state["subState"] = json!(sub);
    }
    json!({ "eventName": "OnAgentStateChanged", "loginName": ME, "state": state })
}

pub fn created(call: &str, call_data: Value, legs: Value, participants: Value) -> Value {
    json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": call, "callData": call_data,
            "legs": legs, "participants": participants })
}

pub fn modified(call: &str, fields: Value) -> Value {
    let mut event = json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": call });
    if let (Value::Object(event), Value::Object(fields)) = (&mut event, fields) {
        event.extend(fields);
    }
    event
}

pub fn removed(call: &str, cause: &str) -> Value {
    json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": call, "cause": cause })
}

pub fn c(reference: &str) -> CallRef {
    CallRef::from(reference)
}

/// Invariants that must hold after every step.
pub fn check(m: &Machine) {
    let calls = m.desk().calls();
    for (i, call) in calls.iter().enumerate() {
        assert!(
            calls[i + 1..].iter().all(|o| o.reference != call.reference),
            "duplicate {}",
            call.reference
        );
    }
}

pub fn ringing_acd_call(m: &mut Machine, at: u64, call: &str) {
    feed(
        m,
        at,
        created(
            call,
            json!({ "state": "RINGING_INCOMING", "capabilities": caps(&["redirect", "terminate"]),
                    "acdCallData": { "pilotNumber": "60141",
                        "callInfo": { "queueWaitingTime": 42, "globalWaitingTime": 50, "agentGroup": "60121", "local": true },
                        "queueData": { "waitingTime": 42, "saturated": false } } }),
            json!([leg("RINGING_INCOMING", &["answer", "drop"])]),
            json!([party("p1", "0612345678", "Alice Martin")]),
        ),
    );
}

pub fn active_call(m: &mut Machine, at: u64, call: &str, number: &str) {
    feed(
        m,
        at,
        created(
            call,
            json!({ "state": "ACTIVE", "capabilities": caps(&["transfer", "blindTransfer", "merge", "terminate", "dropMe", "startRecord"]) }),
            json!([leg("ACTIVE", &["drop", "hold", "sendDtmf"])]),
            json!([party(&format!("p-{number}"), number, "")]),
        ),
    );
}
