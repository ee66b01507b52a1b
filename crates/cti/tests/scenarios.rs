//! Whole agent flows, driven by realistic O2G event JSON decoded through `decode_event`.
//!
//! The spec has no concrete event instances (digest §7, AMBIG-95): these traces follow the
//! schemas and the inferred choreography of digest §7.9, with the agent `oxe60113` on pro-ACD
//! set `60113`, processing group `60121` and pilot `60141`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::time::Duration;

use cti::machine::{Notification, Warning};
use cti::model::{
    Activity, AgentStatus, CallState, Cause, Direction, Intent, ReasonId, Recording,
    RecordingControl, UserPresence, WrapUpKind,
};
use cti::o2g::agent::AgentState;
use cti::transmit::Method;
use serde_json::json;

mod common;
use common::*;

#[test]
fn acd_call_consult_transfer_wrap_up_ready() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_OFF", None));
    assert_eq!(m.status(), AgentStatus::LoggedOut);

    let logon = m
        .request(
            t(1),
            Intent::LogOn {
                device: SET.into(),
                group: Some("60121".into()),
            },
        )
        .unwrap();
    assert_eq!(
        (logon.method, logon.path.as_str()),
        (Method::Post, "/api/rest/1.0/acd/agent/logon")
    );
    assert_eq!(
        logon.body.as_deref(),
        Some(r#"{"proAcdDeviceNumber":"60113","pgGroupNumber":"60121"}"#)
    );
    feed(&mut m, 2, agent("LOG_ON", Some("WITHDRAW")));
    assert_eq!(m.status(), AgentStatus::Withdrawn);

    let ready = m.request(t(3), Intent::GoReady).unwrap();
    assert_eq!(ready.path, "/api/rest/1.0/acd/agent/ready");
    feed(&mut m, 4, agent("LOG_ON", Some("READY")));
    assert_eq!(m.time_in_state(t(10)), Duration::from_secs(6));
    drain(&mut m);

    // The ACD call rings, with the pilot and queue data for the screen pop.
    ringing_acd_call(&mut m, 10, "c1");
    feed(
        &mut m,
        10,
        json!({ "eventName": "OnUserStateModified", "loginName": ME, "state": "BUSY" }),
    );
    feed(&mut m, 10, agent("LOG_ON", Some("BUSY")));
    let notes = drain(&mut m);
    let Some(Notification::CallRinging { call, caller, acd }) = notes.first() else {
        panic!("{notes:?}")
    };
    assert_eq!(call, &c("c1"));
    assert_eq!(
        (caller.name.as_deref(), caller.number.as_deref()),
        (Some("Alice Martin"), Some("0612345678"))
    );
    let acd = acd.as_ref().unwrap();
    assert_eq!(acd.pilot.as_deref(), Some("60141"));
    assert_eq!(acd.queue_waiting, Some(Duration::from_secs(42)));
    assert_eq!(acd.global_waiting, Some(Duration::from_secs(50)));
    assert!(notes.contains(&Notification::AgentStateChanged {
        from: AgentStatus::Ready,
        to: AgentStatus::Busy
    }));
    assert_eq!(m.desk().presence(), UserPresence::Busy);
    assert_eq!(
        m.desk().call(&c("c1")).unwrap().direction,
        Direction::Incoming
    );

    // Answer.
    let answer = m.request(t(12), Intent::Answer { call: c("c1") }).unwrap();
    assert_eq!(answer.path, "/api/rest/1.0/telephony/calls/c1/answer");
    assert_eq!(answer.body.as_deref(), Some(r#"{"deviceId":"60113"}"#));
    feed(
        &mut m,
        12,
        modified(
            "c1",
            json!({ "modifiedLegs": [leg("ACTIVE", &["drop", "hold", "sendDtmf"])],
                    "callData": { "state": "ACTIVE", "capabilities": caps(&["transfer", "blindTransfer", "merge", "terminate", "startRecord"]),
                                  "acdCallData": { "pilotNumber": "60141" } } }),
        ),
    );
    assert_eq!(
        drain(&mut m),
        vec![Notification::CallAnswered { call: c("c1") }]
    );
    assert!(
        m.request(t(12), Intent::Answer { call: c("c1") }).is_err(),
        "already answered"
    );

    // Consult a colleague: one make-call from the active call's device.
    let consult = m
        .request(
            t(20),
            Intent::Consult {
                call: c("c1"),
                to: "60114".into(),
            },
        )
        .unwrap();
    assert_eq!(
        (consult.method, consult.path.as_str()),
        (Method::Post, "/api/rest/1.0/telephony/calls")
    );
    assert_eq!(
        consult.body.as_deref(),
        Some(r#"{"deviceId":"60113","callee":"60114"}"#)
    );
    feed(
        &mut m,
        20,
        modified(
            "c1",
            json!({ "modifiedLegs": [leg("HELD", &["retrieve", "reconnect", "drop"])] }),
        ),
    );
    feed(
        &mut m,
        20,
        created(
            "c2",
            json!({ "state": "DIALING" }),
            json!([leg("DIALING", &["drop"])]),
            json!([party("p2", "60114", "Bob Durand")]),
        ),
    );
    feed(
        &mut m,
        21,
        modified(
            "c2",
            json!({ "modifiedLegs": [{ "deviceId": SET, "state": "RINGING_OUTGOING", "ringingRemote": true }] }),
        ),
    );
    feed(
        &mut m,
        23,
        modified(
            "c2",
            json!({ "modifiedLegs": [leg("ACTIVE", &["drop", "hold"])], "callData": { "state": "ACTIVE", "capabilities": caps(&["transfer", "merge", "terminate"]) } }),
        ),
    );
    let notes = drain(&mut m);
    assert_eq!(notes[0], Notification::CallHeld { call: c("c1") });
    assert!(
        matches!(&notes[1], Notification::CallDialing { call, callee } if *call == c("c2") && callee.number.as_deref() == Some("60114"))
    );
    assert_eq!(
        notes.last(),
        Some(&Notification::CallAnswered { call: c("c2") })
    );
    assert_eq!(
        m.desk()
            .call(&c("c1"))
            .unwrap()
            .acd
            .as_ref()
            .and_then(|a| a.queue_waiting),
        Some(Duration::from_secs(42)),
        "ACD data is sticky"
    );
    check(&m);

    // Transfer: posted on the active call, the held one in the body (AMBIG-29).
    let transfer = m
        .request(
            t(30),
            Intent::Transfer {
                active: c("c2"),
                held: c("c1"),
            },
        )
        .unwrap();
    assert_eq!(transfer.path, "/api/rest/1.0/telephony/calls/c2/transfer");
    assert_eq!(transfer.body.as_deref(), Some(r#"{"heldCallRef":"c1"}"#));
    feed(&mut m, 31, removed("c2", "TRANSFERRED"));
    feed(&mut m, 31, removed("c1", "TRANSFERRED"));
    let notes = drain(&mut m);
    assert_eq!(
        notes,
        vec![
            Notification::CallEnded {
                call: c("c2"),
                cause: Some(Cause::Transferred),
                duration: Duration::from_secs(8),
                answered: true
            },
            Notification::CallEnded {
                call: c("c1"),
                cause: Some(Cause::Transferred),
                duration: Duration::from_secs(19),
                answered: true
            },
        ]
    );
    assert!(m.desk().calls().is_empty());

    // Wrap-up, timed by `now`.
    feed(&mut m, 32, agent("LOG_ON", Some("WRAPUP")));
    assert!(
        matches!(m.desk().agent().logged_on().map(|on| &on.activity), Some(Activity::WrapUp(w)) if w.kind == WrapUpKind::Call)
    );
    assert_eq!(m.poll_timeout(), Some(t(62)));
    assert_eq!(m.wrap_up_remaining(t(42)), Some(Duration::from_secs(20)));
    m.handle_timeout(t(50));
    assert!(
        !drain(&mut m).contains(&Notification::WrapUpElapsed),
        "not yet"
    );
    m.handle_timeout(t(62));
    assert!(drain(&mut m).contains(&Notification::WrapUpElapsed));
    assert_eq!(m.poll_timeout(), None, "announced once");
    assert_eq!(m.wrap_up_remaining(t(70)), Some(Duration::ZERO));

    let ready = m.request(t(63), Intent::GoReady).unwrap();
    assert_eq!(ready.path, "/api/rest/1.0/acd/agent/ready");
    feed(&mut m, 64, agent("LOG_ON", Some("READY")));
    assert_eq!(
        drain(&mut m),
        vec![Notification::AgentStateChanged {
            from: AgentStatus::WrapUp,
            to: AgentStatus::Ready
        }]
    );
    assert_eq!(m.warning_count(), 0);
}

#[test]
fn outgoing_call_hold_retrieve_hang_up() {
    let mut m = machine();
    let call = m
        .request(
            t(0),
            Intent::MakeCall {
                to: "0123456789".into(),
            },
        )
        .unwrap();
    assert_eq!(
        call.body.as_deref(),
        Some(r#"{"deviceId":"60113","callee":"0123456789"}"#)
    );
    feed(
        &mut m,
        1,
        created(
            "o1",
            json!({ "state": "DIALING" }),
            json!([leg("DIALING", &["drop"])]),
            json!([]),
        ),
    );
    feed(
        &mut m,
        2,
        modified(
            "o1",
            json!({ "modifiedLegs": [leg("RINGING_OUTGOING", &["drop"])], "addedParticipants": [party("p1", "0123456789", "")] }),
        ),
    );
    feed(
        &mut m,
        5,
        modified(
            "o1",
            json!({ "modifiedLegs": [leg("ACTIVE", &["drop", "hold", "sendDtmf"])], "callData": { "state": "ACTIVE", "capabilities": caps(&["terminate"]) } }),
        ),
    );
    assert_eq!(
        m.desk().call(&c("o1")).unwrap().direction,
        Direction::Outgoing
    );

    let dtmf = m
        .request(
            t(6),
            Intent::SendDtmf {
                call: c("o1"),
                digits: "12#".into(),
            },
        )
        .unwrap();
    assert_eq!(
        (dtmf.path.as_str(), dtmf.body.as_deref()),
        (
            "/api/rest/1.0/telephony/calls/o1/sendDtmf",
            Some(r#"{"deviceId":"60113","number":"12#"}"#)
        )
    );

    let hold = m.request(t(10), Intent::Hold { call: c("o1") }).unwrap();
    assert_eq!(
        (hold.path.as_str(), hold.body.as_deref()),
        (
            "/api/rest/1.0/telephony/calls/o1/hold",
            Some(r#"{"deviceId":"60113"}"#)
        )
    );
    feed(
        &mut m,
        10,
        modified(
            "o1",
            json!({ "modifiedLegs": [leg("HELD", &["retrieve", "drop"])], "callData": { "state": "HELD" } }),
        ),
    );
    assert!(m.request(t(11), Intent::Hold { call: c("o1") }).is_err());

    let retrieve = m
        .request(t(15), Intent::Retrieve { call: c("o1") })
        .unwrap();
    assert_eq!(retrieve.path, "/api/rest/1.0/telephony/calls/o1/retrieve");
    feed(
        &mut m,
        15,
        modified(
            "o1",
            json!({ "modifiedLegs": [leg("ACTIVE", &["drop", "hold"])], "callData": { "state": "ACTIVE" } }),
        ),
    );

    let hang_up = m.request(t(20), Intent::HangUp { call: c("o1") }).unwrap();
    assert_eq!(
        (hang_up.method, hang_up.path.as_str()),
        (Method::Delete, "/api/rest/1.0/telephony/calls/o1")
    );
    feed(&mut m, 20, removed("o1", "CLEARED"));
    let notes = drain(&mut m);
    let expected = [
        Notification::CallAnswered { call: c("o1") },
        Notification::CallHeld { call: c("o1") },
        Notification::CallRetrieved { call: c("o1") },
        Notification::CallEnded {
            call: c("o1"),
            cause: Some(Cause::Cleared),
            duration: Duration::from_secs(15),
            answered: true,
        },
    ];
    for note in expected {
        assert!(notes.contains(&note), "{note:?} missing from {notes:?}");
    }
    assert!(matches!(notes[0], Notification::CallDialing { .. }));
    assert_eq!(m.warning_count(), 0);
}

#[test]
fn conference_by_merge_then_leave() {
    let mut m = machine();
    active_call(&mut m, 0, "c1", "0611111111");
    feed(
        &mut m,
        5,
        modified(
            "c1",
            json!({ "modifiedLegs": [leg("HELD", &["retrieve"])] }),
        ),
    );
    active_call(&mut m, 6, "c2", "60114");
    let merge = m
        .request(
            t(10),
            Intent::Merge {
                active: c("c2"),
                held: c("c1"),
            },
        )
        .unwrap();
    assert_eq!(
        (merge.path.as_str(), merge.body.as_deref()),
        (
            "/api/rest/1.0/telephony/calls/c2/merge",
            Some(r#"{"heldCallRef":"c1"}"#)
        )
    );
    drain(&mut m);

    // The conference continues under c2; c1 is gone without an OnCallRemoved.
    feed(
        &mut m,
        11,
        modified(
            "c2",
            json!({ "previousCallRef": "c1", "cause": "CONFERENCED",
                    "addedParticipants": [party("p-0611111111", "0611111111", "")],
                    "callData": { "state": "ACTIVE", "capabilities": caps(&["dropMe", "startRecord"]) } }),
        ),
    );
    let notes = drain(&mut m);
    assert_eq!(
        notes[0],
        Notification::CallReplaced {
            old: c("c1"),
            new: c("c2")
        }
    );
    assert_eq!(m.desk().calls().len(), 1);
    let conf = m.desk().call(&c("c2")).unwrap();
    assert!(conf.is_conference());
    assert_eq!(conf.participants.len(), 2);

    let record = m
        .request(
            t(12),
            Intent::Record {
                call: c("c2"),
                control: RecordingControl::Start,
            },
        )
        .unwrap();
    assert_eq!(
        record.path_and_query(),
        "/api/rest/1.0/telephony/calls/c2/recording?action=start"
    );
    assert_eq!(record.body, None);
    feed(
        &mut m,
        12,
        modified(
            "c2",
            json!({ "callData": { "state": "ACTIVE", "recordState": "RECORDING", "capabilities": caps(&["dropMe", "stopRecord", "pauseRecord"]) } }),
        ),
    );
    assert_eq!(m.desk().call(&c("c2")).unwrap().recording, Recording::On);

    // We may not end it for all: hang-up leaves it (AMBIG-39).
    let leave = m.request(t(20), Intent::HangUp { call: c("c2") }).unwrap();
    assert_eq!(
        (leave.method, leave.path.as_str()),
        (Method::Post, "/api/rest/1.0/telephony/calls/c2/dropme")
    );
    feed(&mut m, 21, removed("c2", "CLEARED"));
    check(&m);
    assert!(m.desk().calls().is_empty());
    assert_eq!(m.warning_count(), 0);
}

#[test]
fn blind_transfer() {
    let mut m = machine();
    active_call(&mut m, 0, "c1", "0611111111");
    let r = m
        .request(
            t(3),
            Intent::BlindTransfer {
                call: c("c1"),
                to: "60200".into(),
            },
        )
        .unwrap();
    assert_eq!(
        (r.path.as_str(), r.body.as_deref()),
        (
            "/api/rest/1.0/telephony/calls/c1/blindtransfer",
            Some(r#"{"transferTo":"60200"}"#)
        )
    );
    feed(
        &mut m,
        4,
        json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": "c1", "cause": "TRANSFERRED", "newDestination": "60200" }),
    );
    assert!(drain(&mut m).contains(&Notification::CallEnded {
        call: c("c1"),
        cause: Some(Cause::Transferred),
        duration: Duration::from_secs(4),
        answered: true
    }));
}

#[test]
fn redirect_a_ringing_call() {
    let mut m = machine();
    ringing_acd_call(&mut m, 0, "r1");
    let r = m
        .request(
            t(1),
            Intent::Redirect {
                call: c("r1"),
                to: "60115".into(),
            },
        )
        .unwrap();
    assert_eq!(
        (r.path.as_str(), r.body.as_deref()),
        (
            "/api/rest/1.0/telephony/calls/r1/redirect",
            Some(r#"{"redirectTo":"60115"}"#)
        )
    );
    assert!(m
        .request(
            t(1),
            Intent::Redirect {
                call: c("r1"),
                to: "VOICEMAIL".into()
            }
        )
        .is_ok());
    feed(
        &mut m,
        2,
        json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": "r1", "cause": "REDIRECTED", "newDestination": "60115" }),
    );
    assert!(drain(&mut m).contains(&Notification::CallEnded {
        call: c("r1"),
        cause: Some(Cause::Redirected),
        duration: Duration::ZERO,
        answered: false
    }));
}

#[test]
fn caller_abandons_while_ringing() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    ringing_acd_call(&mut m, 5, "a1");
    feed(&mut m, 5, agent("LOG_ON", Some("BUSY")));
    feed(&mut m, 9, removed("a1", "ABANDONED"));
    feed(&mut m, 9, agent("LOG_ON", Some("READY")));
    let notes = drain(&mut m);
    assert!(notes.contains(&Notification::CallEnded {
        call: c("a1"),
        cause: Some(Cause::Abandoned),
        duration: Duration::ZERO,
        answered: false
    }));
    assert_eq!(
        notes.last(),
        Some(&Notification::AgentStateChanged {
            from: AgentStatus::Busy,
            to: AgentStatus::Ready
        })
    );
    assert!(m.desk().calls().is_empty());
}

#[test]
fn resync_from_snapshots_mid_call() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    ringing_acd_call(&mut m, 1, "c1");
    feed(
        &mut m,
        2,
        modified(
            "c1",
            json!({ "modifiedLegs": [leg("ACTIVE", &["drop", "hold"])] }),
        ),
    );
    ringing_acd_call(&mut m, 3, "c9");
    drain(&mut m);

    // The channel dropped; meanwhile c9 went away and a held call c5 appeared.
    feed(
        &mut m,
        60,
        json!({ "eventName": "OnTelephonyState", "loginName": ME, "state": {
            "calls": [
                { "callRef": "c1", "callData": { "state": "ACTIVE", "capabilities": caps(&["terminate"]) },
                  "legs": [leg("ACTIVE", &["drop", "hold"])], "participants": [party("p1", "0612345678", "Alice Martin")] },
                { "callRef": "c5", "callData": { "state": "HELD" },
                  "legs": [leg("HELD", &["retrieve"])], "participants": [party("p5", "60300", "")] }
            ],
            "deviceCapabilities": [{ "deviceId": SET, "makeCall": true, "makeBusinessCall": false, "makePrivateCall": false, "unParkCall": false }],
            "userState": "BUSY" } }),
    );
    let notes = drain(&mut m);
    assert!(notes.contains(&Notification::CallEnded {
        call: c("c9"),
        cause: None,
        duration: Duration::ZERO,
        answered: false
    }));
    assert!(notes.contains(&Notification::CallHeld { call: c("c5") }));
    assert!(notes.contains(&Notification::CallUpdated { call: c("c1") }));
    assert_eq!(notes.last(), Some(&Notification::Resynced));
    let c1 = m.desk().call(&c("c1")).unwrap();
    assert_eq!(c1.answered, Some(t(2)), "history survives the resync");
    assert_eq!(c1.talk_time(t(62)), Duration::from_secs(60));
    assert_eq!(m.desk().calls().len(), 2);
    assert!(m.desk().devices()[0].make_call);

    // GET /acd/agent/state, exactly as the spec example writes it (AMBIG-67).
    let body = br#"{"mainState":"LOGGED_ON","subState":"IDLE","proAcdDeviceNumber":"1002","pgGroupNumber":"5001"}"#;
    let _: AgentState = cti::o2g::decode("AgentState", body).unwrap();
    m.answer_snapshot(t(61), "/acd/agent/state", body);
    let on = m.desk().agent().logged_on().unwrap();
    assert_eq!(
        (on.device.as_deref(), on.group.as_deref()),
        (Some("1002"), Some("5001"))
    );
    assert_eq!(m.status(), AgentStatus::Unknown);
    assert!(matches!(
        m.poll_warning(),
        Some(Warning::UnknownAgentState { .. })
    ));
}

#[test]
fn renamed_calls_and_contradictions_are_tolerated() {
    let mut m = machine();
    active_call(&mut m, 0, "c1", "0611111111");
    feed(
        &mut m,
        1,
        modified("c1", json!({ "replacedByCallRef": "c7" })),
    );
    assert!(m.desk().call(&c("c1")).is_none());
    assert_eq!(m.desk().call(&c("c7")).unwrap().answered, Some(t(0)));
    assert!(drain(&mut m).contains(&Notification::CallReplaced {
        old: c("c1"),
        new: c("c7")
    }));

    // A delta for a call never created: upserted, and reported as the gateway's fault.
    feed(
        &mut m,
        2,
        modified(
            "ghost",
            json!({ "modifiedLegs": [leg("ACTIVE", &["drop"])] }),
        ),
    );
    assert!(m.desk().call(&c("ghost")).is_some());
    feed(&mut m, 3, removed("nobody", "CLEARED"));
    feed(
        &mut m,
        3,
        json!({ "eventName": "OnSomethingNew", "loginName": ME, "x": 1 }),
    );
    feed(
        &mut m,
        3,
        json!({ "eventName": "OnChannelInformation", "text": "keepalive" }),
    );
    // Another user's event (administrator subscriptions) is not ours.
    feed(
        &mut m,
        3,
        json!({ "eventName": "OnCallRemoved", "loginName": "oxe99999", "callRef": "c7" }),
    );
    m.handle_event_bytes(t(4), b"{not json");
    assert!(m.desk().call(&c("c7")).is_some());
    let warnings: Vec<Warning> = std::iter::from_fn(|| m.poll_warning()).collect();
    assert!(matches!(warnings[0], Warning::UnknownCallModified { .. }));
    assert!(matches!(warnings[1], Warning::UnknownCallRemoved { .. }));
    assert!(matches!(warnings[2], Warning::UndecodableEvent { .. }));
    assert_eq!(warnings.len(), 3);
    check(&m);
}

#[test]
fn help_request_round_trip() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    assert_eq!(
        m.request(t(1), Intent::RequestHelp).unwrap().path,
        "/api/rest/1.0/acd/agent/supervisorHelp"
    );
    feed(
        &mut m,
        1,
        json!({ "eventName": "OnSupervisorHelpRequested", "loginName": ME, "agentNumber": "60200" }),
    );
    let cancel = m.request(t(2), Intent::CancelHelp).unwrap();
    assert_eq!(
        (cancel.method, cancel.path_and_query().as_str()),
        (
            Method::Delete,
            "/api/rest/1.0/acd/agent/supervisorHelp?other=60200"
        )
    );
    feed(
        &mut m,
        3,
        json!({ "eventName": "OnSupervisorHelpCancelled", "loginName": ME, "agentNumber": "60200" }),
    );
    assert!(m.desk().help().is_none());
}

#[test]
fn withdraw_pause_and_log_off() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    let w = m
        .request(
            t(1),
            Intent::Withdraw {
                reason: ReasonId::new("3"),
            },
        )
        .unwrap();
    assert_eq!(w.body.as_deref(), Some(r#"{"reasonIndex":3}"#));
    feed(
        &mut m,
        1,
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
        "state": { "mainState": "LOG_ON", "subState": "WITHDRAW", "withdrawReason": "3", "proAcdDeviceNumber": SET, "pgNumber": "60121" } }),
    );
    assert!(
        matches!(m.desk().agent().logged_on().map(|on| &on.activity), Some(Activity::Withdrawn(w)) if w.reason == Some(ReasonId::new("3")))
    );
    assert_eq!(
        m.request(t(2), Intent::Pause).unwrap().path,
        "/api/rest/1.0/acd/agent/pause"
    );
    feed(&mut m, 2, agent("LOG_ON", Some("PAUSE")));
    assert_eq!(
        m.request(t(3), Intent::LogOff).unwrap().path,
        "/api/rest/1.0/acd/agent/logoff"
    );
    feed(&mut m, 3, agent("LOG_OFF", None));
    assert_eq!(m.status(), AgentStatus::LoggedOut);
    assert!(m.request(t(4), Intent::GoReady).is_err());
    assert_eq!(m.desk().agent().since(), t(3));
    let _ = CallState::Active;
}

#[test]
fn timers_survive_a_reload_when_the_host_remembers_them() {
    use cti::machine::Remembered;
    // Before the reload: logged on and ready at 5 s, a call from 10 s, answered at 12 s.
    let mut before = machine();
    feed(&mut before, 5, agent("LOG_ON", Some("READY")));
    active_call(&mut before, 10, "c1", "0612345678");
    let remembered = Remembered::of(before.desk());

    // After it, at 60 s: a fresh desk learns the same state from snapshots.
    let mut after = machine();
    after.remember(remembered);
    feed(&mut after, 60, agent("LOG_ON", Some("READY")));
    active_call(&mut after, 60, "c1", "0612345678");
    assert_eq!(
        after.time_in_state(t(70)),
        Duration::from_secs(65),
        "ready since 5 s"
    );
    let call = after.desk().call(&c("c1")).unwrap();
    assert_eq!(call.created, t(10), "the call's handle time goes on");
    assert_eq!(call.time_in_state(t(70)), Duration::from_secs(60));

    // A state that changed meanwhile starts now; a call not found again is forgotten.
    let mut changed = machine();
    changed.remember(Remembered::of(before.desk()));
    feed(&mut changed, 60, agent("LOG_ON", Some("PAUSE")));
    assert_eq!(changed.time_in_state(t(70)), Duration::from_secs(10));
    feed(&mut changed, 61, agent("LOG_ON", Some("READY")));
    assert_eq!(
        changed.time_in_state(t(70)),
        Duration::from_secs(9),
        "used up by the first report"
    );
}
