//! O2G event builders and an O2G session for the agent `oxe60113` on pro-ACD set `60113`,
//! shared by the flow tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::time::Duration;

use cti::adapter::Answer;
use cti::machine::{Config, Notification, Warning};
use cti::model::{CallRef, Instant, Intent, Refusal};
use cti::o2g::adapter::{request_for, RequestContext};
use cti::o2g::event::decode_event;
use cti::o2g::{O2gAdapter, O2gConfig};
use cti::session::{Input, Output, Session};
use cti::transmit::{HttpRequest, Payload, Transmit};
use serde_json::{json, Value};

/// The desk under test: the neutral machine behind the O2G adapter, with the warnings that
/// draining notifications set aside.
pub struct Machine {
    session: Session<O2gAdapter>,
    warnings: std::collections::VecDeque<Warning>,
}

impl std::ops::Deref for Machine {
    type Target = Session<O2gAdapter>;
    fn deref(&self) -> &Self::Target {
        &self.session
    }
}

impl std::ops::DerefMut for Machine {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.session
    }
}

impl Machine {
    /// The next warning, oldest first.
    pub fn poll_warning(&mut self) -> Option<Warning> {
        drain(self);
        self.warnings.pop_front()
    }

    /// Feeds raw bytes of the event channel.
    pub fn handle_event_bytes(&mut self, now: Instant, bytes: &[u8]) {
        self.handle(now, Input::Received(bytes));
    }

    /// Answers the snapshot request whose path ends with `path` with `body`, as after a
    /// reconnection (the other snapshots stay unanswered).
    pub fn answer_snapshot(&mut self, now: Instant, path: &str, body: &[u8]) {
        self.handle(now, Input::Connected);
        let mut id = None;
        while let Some(output) = self.session.poll_output() {
            match output {
                Output::Transmit(Transmit {
                    id: transmit,
                    payload: Payload::Http(request),
                }) if request.path.ends_with(path) => id = Some(transmit),
                Output::Warning(warning) => self.warnings.push_back(warning),
                _ => {}
            }
        }
        let id = id.unwrap_or_else(|| panic!("no snapshot request for {path}"));
        let answer = Answer::Response { status: 200, body };
        self.handle(now, Input::Answer { id, answer });
    }
}

/// What the flow tests ask of a session besides its own methods.
pub trait SessionExt {
    /// The request `intent` becomes now, or the guard's refusal; changes nothing.
    fn request(&self, now: Instant, intent: Intent) -> Result<HttpRequest, Refusal>;
    /// Time the agent has spent in the current state.
    fn time_in_state(&self, now: Instant) -> Duration;
    /// Wrap-up time left.
    fn wrap_up_remaining(&self, now: Instant) -> Option<Duration>;
    /// Lets timers fire.
    fn handle_timeout(&mut self, now: Instant);
}

impl SessionExt for Machine {
    fn request(&self, _now: Instant, intent: Intent) -> Result<HttpRequest, Refusal> {
        self.allows(&intent)?;
        let context = RequestContext::default();
        request_for(self.desk(), self.machine().config(), &context, intent)
    }

    fn time_in_state(&self, now: Instant) -> Duration {
        self.machine().time_in_state(now)
    }

    fn wrap_up_remaining(&self, now: Instant) -> Option<Duration> {
        self.machine().wrap_up_remaining(now)
    }

    fn handle_timeout(&mut self, now: Instant) {
        self.handle(now, Input::Timeout);
    }
}

pub const ME: &str = "oxe60113";
pub const SET: &str = "60113";

pub fn t(seconds: u64) -> Instant {
    Instant::from_millis(seconds * 1000)
}

pub fn machine() -> Machine {
    let config = Config {
        device: Some(SET.into()),
        wrap_up_limit: Some(Duration::from_secs(30)),
    };
    let adapter = O2gAdapter::new(O2gConfig {
        login_name: Some(ME.into()),
        act_as_administrator: false,
    });
    Machine {
        session: Session::new(t(0), config, adapter),
        warnings: Default::default(),
    }
}

/// Encodes, checks it decodes with the real decoder, feeds the bytes.
pub fn feed(m: &mut Machine, at: u64, event: Value) {
    let bytes = event.to_string();
    decode_event(bytes.as_bytes()).unwrap_or_else(|e| panic!("{e}: {bytes}"));
    m.handle(t(at), Input::Received(bytes.as_bytes()));
}

/// The notifications waiting (transmits and warnings are dropped).
pub fn drain(m: &mut Machine) -> Vec<Notification> {
    let mut notifications = Vec::new();
    while let Some(output) = m.session.poll_output() {
        match output {
            Output::Notification(notification) => notifications.push(notification),
            Output::Warning(warning) => m.warnings.push_back(warning),
            _ => {}
        }
    }
    notifications
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
