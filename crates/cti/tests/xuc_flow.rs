//! A whole XuC agent shift through `Session<XucAdapter>`, from spec-shaped frames: sign-in on
//! the socket, log on, pause with a reason, ready, an ACD call (screen pop, ringing, answered,
//! recording paused, hung up), wrap-up, ready, log off; the frames sent at each step and the
//! desk after each event.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::adapter::Failure;
use cti::machine::{Config, Notification, Warning};
use cti::model::{
    AgentStatus, CallRef, CallState, Instant, Intent, Reason, ReasonId, Recording,
    RecordingControl, Refusal, Role,
};
use cti::session::{Input, Output, Session};
use cti::transmit::Payload;
use cti::xuc::{Id, XucAdapter, XucConfig};
use serde_json::{json, Value};

/// What the host saw in one drain.
#[derive(Debug, Default)]
struct Drained {
    frames: Vec<Value>,
    outcomes: Vec<Result<(), Failure>>,
    notifications: Vec<Notification>,
    warnings: Vec<Warning>,
    session_lost: bool,
}

fn drain(session: &mut Session<XucAdapter>) -> Drained {
    let mut seen = Drained::default();
    while let Some(output) = session.poll_output() {
        match output {
            Output::Transmit(transmit) => match transmit.payload {
                Payload::Frame(text) => seen.frames.push(serde_json::from_str(&text).unwrap()),
                other => panic!("XuC sends frames only, not {other:?}"),
            },
            Output::Outcome { result, .. } => seen.outcomes.push(result),
            Output::Notification(n) => seen.notifications.push(n),
            Output::Warning(w) => seen.warnings.push(w),
            Output::SessionLost => seen.session_lost = true,
            _ => {}
        }
    }
    seen
}

fn receive(session: &mut Session<XucAdapter>, at: u64, frame: Value) -> Drained {
    let bytes = frame.to_string();
    session.handle(Instant::from_millis(at), Input::Received(bytes.as_bytes()));
    drain(session)
}

fn send(session: &mut Session<XucAdapter>, at: u64, intent: Intent) -> Drained {
    session
        .send(Instant::from_millis(at), intent)
        .unwrap_or_else(|refusal| panic!("refused: {refusal}"));
    let seen = drain(session);
    assert_eq!(
        seen.outcomes,
        [Ok(())],
        "one Ok outcome per intent, once queued"
    );
    seen
}

fn state(name: &str, extra: Value) -> Value {
    let mut state =
        json!({"name": name, "agentId": 19, "phoneNb": "1000", "since": 0, "queues": [1, 2]});
    if let (Value::Object(state), Value::Object(extra)) = (&mut state, extra) {
        state.extend(extra);
    }
    json!({"msgType": "AgentStateEvent", "ctiMessage": state})
}

fn phone(event: &str, extra: Value) -> Value {
    let mut payload = json!({"eventType": event, "DN": "1000", "linkedId": "1469709757.74", "uniqueId": "1469709960.78"});
    if let (Value::Object(payload), Value::Object(extra)) = (&mut payload, extra) {
        payload.extend(extra);
    }
    json!({"msgType": "PhoneEvent", "ctiMessage": payload})
}

fn session() -> Session<XucAdapter> {
    let adapter = XucAdapter::new(XucConfig {
        agent_id: None,
        phone_number: Some("1000".into()),
        pause_reasons: vec![
            Reason {
                id: ReasonId::new("lunch"),
                label: "Lunch".into(),
            },
            Reason {
                id: ReasonId::new("training"),
                label: "Training".into(),
            },
        ],
    });
    let config = Config {
        device: Some("1000".into()),
        wrap_up_limit: None,
    };
    Session::new(Instant::ZERO, config, adapter)
}

const CALL: &str = "1469709960.78";

#[test]
fn a_whole_agent_shift() {
    let mut s = session();

    // The socket opens: the heartbeat starts, the reasons are offered, nothing is sent yet.
    s.handle(Instant::ZERO, Input::Connected);
    let seen = drain(&mut s);
    assert!(seen.frames.is_empty(), "subscriptions wait for LoggedOn");
    assert_eq!(s.desk().reasons().len(), 2);
    assert_eq!(s.poll_timeout(), Some(Instant::from_millis(5_000)));

    // LoggedOn: what the official client asks for.
    let seen = receive(&mut s, 10, json!({"msgType": "LoggedOn", "ctiMessage": {}}));
    let commands: Vec<&str> = seen
        .frames
        .iter()
        .map(|f| f["command"].as_str().unwrap())
        .collect();
    assert_eq!(
        commands,
        [
            "getList",
            "getList",
            "getList",
            "getConfig",
            "getAgentDirectory",
            "subscribeToAgentStats",
            "getCallbackLists",
            "getCallbackPreferredPeriods",
            "getCurrentCallsPhoneEvents"
        ]
    );
    assert_eq!(
        seen.frames[0],
        json!({"claz": "web", "command": "getList", "objectType": "agent"})
    );
    assert!(s.adapter().is_logged_on());

    // Rights, configuration (the agent id is learned), and the state snapshot.
    receive(
        &mut s,
        20,
        json!({"msgType":"RightProfile","ctiMessage":{"profile":"NoRight","rights":[]}}),
    );
    receive(
        &mut s,
        30,
        json!({"msgType": "AgentConfig", "ctiMessage": {"id": 19, "firstname": "Jack", "lastname": "Flash", "number": "2501", "context": "default",
            "member": [{"queue_name": "queue1", "queue_id": 1, "penalty": 1}, {"queue_name": "queue2", "queue_id": 2, "penalty": 2}], "numgroup": 1, "userid": 1}}),
    );
    assert_eq!(s.adapter().agent_id(), Some(Id(19)));
    let profile = s.desk().profile().expect("profile");
    assert_eq!(profile.name.as_deref(), Some("Jack Flash"));
    assert_eq!(profile.groups, ["queue1", "queue2"]);
    assert_eq!(profile.default_device.as_deref(), Some("1000"));
    assert_eq!(profile.role, Role::Agent);
    let penalties: Vec<i64> = s
        .adapter()
        .extras()
        .membership()
        .map(|m| m.penalty)
        .collect();
    assert_eq!(penalties, [1, 2]);
    receive(
        &mut s,
        40,
        json!({"msgType": "AgentDirectory", "ctiMessage": {"directory": [
            {"agent": {"id": 8, "firstName": "bj", "number": "2000"}, "agentState": {"agentId": 8, "name": "AgentReady", "phoneNb": "1001"}},
            {"agent": {"id": 19, "firstName": "Jack", "number": "2501"}, "agentState": {"agentId": 19, "name": "AgentLoggedOut", "phoneNb": ""}}]}}),
    );
    assert_eq!(
        s.status(),
        AgentStatus::LoggedOut,
        "only the user's own agent counts"
    );

    // Log on: the user's line.
    let seen = send(
        &mut s,
        50,
        Intent::LogOn {
            device: "1000".into(),
            group: None,
        },
    );
    assert_eq!(
        seen.frames,
        [
            json!({"claz": "web", "command": "agentLogin", "agentphonenumber": "1000", "agentid": 19})
        ]
    );
    receive(
        &mut s,
        60,
        state("AgentReady", json!({"cause": "available"})),
    );
    assert_eq!(s.status(), AgentStatus::Ready);

    // Pause with a reason: a withdrawal for that reason.
    let lunch = ReasonId::new("lunch");
    let seen = send(
        &mut s,
        70,
        Intent::Withdraw {
            reason: lunch.clone(),
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "pauseAgent", "agentid": 19, "reason": "lunch"})]
    );
    receive(&mut s, 80, state("AgentOnPause", json!({"cause": "lunch"})));
    assert_eq!(s.status(), AgentStatus::Withdrawn);
    assert_eq!(
        s.send(
            Instant::from_millis(85),
            Intent::Withdraw {
                reason: ReasonId::new("nap")
            }
        ),
        Err(Refusal::InvalidArgument {
            what: "withdraw reason"
        }),
        "the offered reasons only"
    );

    // Ready again.
    let seen = send(&mut s, 90, Intent::GoReady);
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "unpauseAgent", "agentid": 19})]
    );
    receive(&mut s, 100, state("AgentReady", json!({})));
    assert_eq!(s.status(), AgentStatus::Ready);

    // An ACD call: the screen pop may come first, then the phone rings.
    receive(
        &mut s,
        110,
        json!({"msgType": "Sheet", "ctiMessage": {"timenow": 1, "compressed": true, "serial": "xml",
            "payload": {"profile": {"user": {"sheetInfo": [{"value": "http://crm/?c=42", "name": "popupUrl", "order": 10, "type": "url"}]}}},
            "channel": "SIP/1k4yj2-00000013"}}),
    );
    let seen = receive(
        &mut s,
        120,
        phone(
            "EventRinging",
            json!({"otherDN": "0427466347", "otherDName": "Bruce Wail", "queueName": "bluesky", "callDirection": "Incoming"}),
        ),
    );
    assert!(seen.notifications.iter().any(|n| matches!(n, Notification::CallRinging { caller, .. } if caller.number.as_deref() == Some("0427466347"))));
    receive(&mut s, 125, state("AgentRinging", json!({})));
    assert_eq!(s.status(), AgentStatus::Busy);
    let call = s
        .desk()
        .call(&CallRef::new(CALL))
        .expect("ringing call")
        .clone();
    assert_eq!(call.state, CallState::RingingIn);
    assert_eq!(call.remote.name.as_deref(), Some("Bruce Wail"));
    assert_eq!(
        call.acd.as_ref().and_then(|a| a.agent_group.as_deref()),
        Some("bluesky")
    );
    let popped: Value =
        serde_json::from_str(call.associated_data.as_deref().expect("screen pop")).unwrap();
    assert_eq!(popped["popupUrl"], "http://crm/?c=42");
    assert_eq!(
        s.send(Instant::from_millis(126), Intent::Pause),
        Err(Refusal::DuringCall),
        "the state waits for the end of the call"
    );

    // Answered; the recording runs.
    let seen = send(
        &mut s,
        130,
        Intent::Answer {
            call: CallRef::new(CALL),
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "answer", "uniqueId": CALL})]
    );
    receive(
        &mut s,
        140,
        phone("EventEstablished", json!({"otherDN": ""})),
    );
    receive(
        &mut s,
        145,
        state(
            "AgentOnCall",
            json!({"acd": true, "direction": "Incoming", "callType": "External", "monitorState": "ACTIVE"}),
        ),
    );
    let call = s.desk().call(&CallRef::new(CALL)).expect("call").clone();
    assert_eq!(call.state, CallState::Active);
    assert_eq!(
        call.remote.number.as_deref(),
        Some("0427466347"),
        "an empty otherDN keeps the known one"
    );
    assert_eq!(call.recording, Recording::On);

    // Recording paused; DTMF sent key by key.
    let seen = send(
        &mut s,
        150,
        Intent::Record {
            call: CallRef::new(CALL),
            control: RecordingControl::Pause,
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "monitorPause", "agentid": 19})]
    );
    receive(
        &mut s,
        155,
        state("AgentOnCall", json!({"monitorState": "PAUSED"})),
    );
    assert_eq!(
        s.desk().call(&CallRef::new(CALL)).map(|c| c.recording),
        Some(Recording::Paused)
    );
    let seen = send(
        &mut s,
        160,
        Intent::SendDtmf {
            call: CallRef::new(CALL),
            digits: "1#".into(),
        },
    );
    assert_eq!(
        seen.frames,
        [
            json!({"claz": "web", "command": "sendDtmf", "key": "1"}),
            json!({"claz": "web", "command": "sendDtmf", "key": "#"})
        ]
    );

    // Hung up, wrap-up, ready.
    let seen = send(
        &mut s,
        170,
        Intent::HangUp {
            call: CallRef::new(CALL),
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "hangup", "uniqueId": CALL})]
    );
    let seen = receive(&mut s, 180, phone("EventReleased", json!({})));
    assert!(seen
        .notifications
        .iter()
        .any(|n| matches!(n, Notification::CallEnded { answered: true, .. })));
    assert!(s.desk().calls().is_empty());
    receive(&mut s, 190, state("AgentOnWrapup", json!({})));
    assert_eq!(s.status(), AgentStatus::WrapUp);
    send(&mut s, 200, Intent::GoReady);
    receive(&mut s, 210, state("AgentReady", json!({})));

    // The heartbeat, and any frame answers it.
    s.handle(Instant::from_millis(5_000), Input::Timeout);
    let seen = drain(&mut s);
    assert_eq!(seen.frames, [json!({"claz": "ping"})]);
    assert_eq!(s.adapter().missed_pings(), 1);
    receive(&mut s, 5_010, json!({"msgType": "Pong"}));
    assert_eq!(s.adapter().missed_pings(), 0);
    assert_eq!(s.poll_timeout(), Some(Instant::from_millis(10_000)));

    // Log off.
    let seen = send(&mut s, 6_000, Intent::LogOff);
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "agentLogout", "agentid": 19})]
    );
    receive(
        &mut s,
        6_010,
        state("AgentLoggedOut", json!({"phoneNb": ""})),
    );
    assert_eq!(s.status(), AgentStatus::LoggedOut);
    assert_eq!(s.warning_count(), 0, "a clean shift warns of nothing");
}

#[test]
fn what_xuc_cannot_do_is_refused_before_the_wire() {
    let mut s = session();
    s.handle(Instant::ZERO, Input::Connected);
    receive(&mut s, 1, state("AgentReady", json!({})));
    for intent in [
        Intent::WrapUp,
        Intent::RequestHelp,
        Intent::SetDnd { on: true },
        Intent::EnterGroup { group: "1".into() },
        Intent::RefreshHistory,
        Intent::SearchDirectory { name: "bob".into() },
    ] {
        assert!(
            matches!(s.allows(&intent), Err(Refusal::NotSupported { .. })),
            "{intent:?}"
        );
    }
}

#[test]
fn a_refused_login_warns_and_a_refused_token_loses_the_session() {
    let mut s = session();
    s.handle(Instant::ZERO, Input::Connected);
    drain(&mut s);
    let seen = receive(
        &mut s,
        1,
        json!({"msgType": "AgentError", "ctiMessage": {"Error": "LoggedInOnAnotherPhone", "phoneNb": "1002", "RequestedNb": "1001"}}),
    );
    assert!(matches!(
        seen.warnings.as_slice(),
        [Warning::RequestFailed { message, .. }] if message.contains("1002")
    ));
    let seen = receive(
        &mut s,
        2,
        json!({"msgType": "LoggedOnError", "ctiMessage": {"Error": "loggedOnFailed"}}),
    );
    assert!(seen.session_lost);
    let seen = receive(&mut s, 3, json!("not a frame"));
    assert!(matches!(
        seen.warnings.as_slice(),
        [Warning::UndecodableEvent { .. }]
    ));
}

#[test]
fn a_consultation_transfers_or_is_cancelled() {
    let mut s = session();
    s.handle(Instant::ZERO, Input::Connected);
    receive(&mut s, 1, json!({"msgType": "LoggedOn"}));
    receive(&mut s, 2, state("AgentReady", json!({})));
    receive(
        &mut s,
        3,
        phone("EventEstablished", json!({"otherDN": "0427466347"})),
    );
    let seen = send(
        &mut s,
        4,
        Intent::Consult {
            call: CallRef::new(CALL),
            to: "1002".into(),
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "attendedTransfer", "destination": "1002"})]
    );
    receive(&mut s, 5, phone("EventOnHold", json!({})));
    receive(
        &mut s,
        6,
        json!({"msgType": "PhoneEvent", "ctiMessage": {"eventType": "EventDialing", "DN": "1000", "otherDN": "1002", "uniqueId": "2.2", "linkedId": "2.2"}}),
    );
    receive(
        &mut s,
        7,
        json!({"msgType": "PhoneEvent", "ctiMessage": {"eventType": "EventEstablished", "DN": "1000", "otherDN": "1002", "uniqueId": "2.2", "linkedId": "2.2"}}),
    );
    let held = CallRef::new(CALL);
    let consult = CallRef::new("2.2");
    assert!(s
        .allows(&Intent::CancelConsult {
            held: held.clone(),
            consult: consult.clone()
        })
        .is_ok());
    let seen = send(
        &mut s,
        8,
        Intent::Transfer {
            active: consult,
            held,
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "completeTransfer"})]
    );
    let seen = send(
        &mut s,
        9,
        Intent::BlindTransfer {
            call: CallRef::new("2.2"),
            to: "1003".into(),
        },
    );
    assert_eq!(
        seen.frames,
        [json!({"claz": "web", "command": "directTransfer", "destination": "1003"})]
    );
}
