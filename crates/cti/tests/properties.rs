//! Properties: random event sequences never panic and keep the desk's invariants; sending
//! never panics, whatever the intent and the state; the guard and the O2G encoder agree.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::time::Duration;

use cti::adapter::Answer;
use cti::machine::Config;
use cti::model::{CallRef, Instant, Intent, ReasonId, RecordingControl, Refusal};
use cti::o2g::adapter::{encode_intent, RequestContext};
use cti::o2g::{O2gAdapter, O2gConfig};
use cti::session::{Input, Output, Session};
use proptest::prelude::*;
use serde_json::{json, Value};

const REFS: [&str; 5] = ["c0", "c1", "c2", "c3", "c4"];
const MEDIA: [&str; 10] = [
    "UNKNOWN",
    "OFF_HOOK",
    "IDLE",
    "RELEASING",
    "DIALING",
    "HELD",
    "RINGING_INCOMING",
    "RINGING_OUTGOING",
    "ACTIVE",
    "BOGUS",
];
const SUBSTATES: [&str; 14] = [
    "READY",
    "OUT_OF_PG",
    "BUSY",
    "TRANSACTION_CODE_INPUT",
    "WRAPUP",
    "PAUSE",
    "WITHDRAW",
    "WRAPUP_IM",
    "WRAPUP_EMAIL",
    "WRAPUP_EMAIL_INTERRUPTIBLE",
    "WRAPUP_OUTBOUND",
    "WRAPUP_CALLBACK",
    "IDLE",
    "SOMETHING",
];
const MAIN: [&str; 6] = [
    "LOG_ON",
    "LOG_OFF",
    "LOGGED_ON",
    "LOGGED_OFF",
    "UNKNOWN",
    "ERROR",
];
const CAPS: [&str; 12] = [
    "answer",
    "drop",
    "hold",
    "retrieve",
    "reconnect",
    "sendDtmf",
    "transfer",
    "merge",
    "terminate",
    "dropMe",
    "redirect",
    "startRecord",
];

fn reference() -> impl Strategy<Value = String> {
    prop::sample::select(&REFS[..]).prop_map(str::to_owned)
}

fn capabilities() -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(&CAPS[..]), any::<bool>()), 0..6).prop_map(
        |pairs| {
            Value::Object(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), Value::Bool(v)))
                    .collect(),
            )
        },
    )
}

fn leg() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["60113", "60199"][..]),
        prop::sample::select(&MEDIA[..]),
        prop::option::of(capabilities()),
    )
        .prop_map(|(device, state, caps)| {
            let mut leg = json!({ "deviceId": device, "state": state });
            if let Some(caps) = caps {
                leg["capabilities"] = caps;
            }
            leg
        })
}

fn participant() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["p1", "p2", "p3"][..]),
        "[0-9]{0,6}",
        prop::option::of(prop::sample::select(&MEDIA[..])),
    )
        .prop_map(|(id, number, state)| {
            let mut p =
                json!({ "participantId": id, "identity": { "id": { "phoneNumber": number } } });
            if let Some(state) = state {
                p["state"] = json!(state);
            }
            p
        })
}

fn call_data() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&MEDIA[..]),
        capabilities(),
        any::<bool>(),
        prop::option::of(0i64..600),
    )
        .prop_map(|(state, caps, recording, wait)| {
            let mut data = json!({ "state": state, "capabilities": caps });
            if recording {
                data["recordState"] = json!("RECORDING");
            }
            if let Some(wait) = wait {
                data["acdCallData"] =
                    json!({ "pilotNumber": "60141", "callInfo": { "queueWaitingTime": wait } });
            }
            data
        })
}

/// What an event does to the call references, to check it afterwards.
#[derive(Debug, Clone)]
enum Expect {
    Nothing,
    Present(String),
    Gone(String),
    Renamed { gone: String, present: String },
    Exactly(Vec<String>),
}

fn event() -> impl Strategy<Value = (Value, Expect)> {
    let login = "oxe60113";
    prop_oneof![
        (reference(), call_data(), prop::collection::vec(leg(), 0..3), prop::collection::vec(participant(), 0..3)).prop_map(
            move |(r, data, legs, parts)| {
                let event = json!({ "eventName": "OnCallCreated", "loginName": login, "callRef": r, "callData": data, "legs": legs, "participants": parts });
                (event, Expect::Present(r))
            }
        ),
        (
            reference(),
            prop::option::of(reference()),
            prop::option::of(reference()),
            prop::option::of(call_data()),
            prop::collection::vec(leg(), 0..2),
            prop::collection::vec(participant(), 0..2),
            prop::collection::vec(prop::sample::select(&["p1", "p2", "p3"][..]), 0..2),
        )
            .prop_map(move |(r, previous, replaced_by, data, legs, parts, gone)| {
                let mut event = json!({ "eventName": "OnCallModified", "loginName": login, "callRef": r,
                    "modifiedLegs": legs, "addedParticipants": parts, "removedParticipantIds": gone });
                if let Some(data) = data {
                    event["callData"] = data;
                }
                let mut expect = Expect::Present(r.clone());
                if let Some(p) = previous.filter(|p| *p != r) {
                    event["previousCallRef"] = json!(p);
                    expect = Expect::Renamed { gone: p, present: r.clone() };
                }
                if let Some(b) = replaced_by.filter(|b| *b != r) {
                    event["replacedByCallRef"] = json!(b);
                    // The call ends up under `b`; `previous` (if any) is gone too.
                    expect = match expect {
                        Expect::Renamed { gone, .. } if gone != b => Expect::Renamed { gone: r.clone(), present: b },
                        _ => Expect::Renamed { gone: r.clone(), present: b },
                    };
                }
                (event, expect)
            }),
        (reference(), prop::sample::select(&["CLEARED", "ABANDONED", "TRANSFERRED", "NEW_CAUSE"][..])).prop_map(
            move |(r, cause)| {
                (json!({ "eventName": "OnCallRemoved", "loginName": login, "callRef": r, "cause": cause }), Expect::Gone(r))
            }
        ),
        prop::collection::vec((reference(), call_data(), prop::collection::vec(leg(), 0..2)), 0..4).prop_map(move |calls| {
            let mut refs: Vec<String> = Vec::new();
            // A reference listed twice: the later entry wins, in the later position.
            for (r, _, _) in &calls {
                refs.retain(|known| known != r);
                refs.push(r.clone());
            }
            let calls: Vec<Value> =
                calls.into_iter().map(|(r, data, legs)| json!({ "callRef": r, "callData": data, "legs": legs })).collect();
            let event = json!({ "eventName": "OnTelephonyState", "loginName": login,
                "state": { "calls": calls, "deviceCapabilities": [{ "deviceId": "60113", "makeCall": true }], "userState": "BUSY" } });
            (event, Expect::Exactly(refs))
        }),
        (prop::sample::select(&MAIN[..]), prop::option::of(prop::sample::select(&SUBSTATES[..])), prop::option::of(0i64..12))
            .prop_map(move |(main, sub, reason)| {
                let mut state = json!({ "mainState": main, "proAcdDeviceNumber": "60113", "pgNumber": "60121" });
                if let Some(sub) = sub {
                    state["subState"] = json!(sub);
                }
                if let Some(reason) = reason {
                    state["withdrawReason"] = json!(reason);
                }
                (json!({ "eventName": "OnAgentStateChanged", "loginName": login, "state": state }), Expect::Nothing)
            }),
        prop::sample::select(
            &[
                r#"{"eventName":"OnUserStateModified","loginName":"oxe60113","state":"FREE"}"#,
                r#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe60113","agentNumber":"60200"}"#,
                r#"{"eventName":"OnSupervisorHelpCancelled","loginName":"oxe60113"}"#,
                r#"{"eventName":"OnAgentSkillChanged","loginName":"oxe60113","skills":{"skills":[{"number":1,"level":2,"active":true}]}}"#,
                r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#,
                r#"{"eventName":"OnBrandNew","loginName":"oxe60113"}"#,
                r#"{"eventName":"OnCallRemoved","loginName":"someone-else","callRef":"c1"}"#,
                r#"{"eventName":"OnTelephonyState","loginName":"oxe60113"}"#,
            ][..]
        )
        .prop_map(|text| (serde_json::from_str::<Value>(text).unwrap_or(Value::Null), Expect::Nothing)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,8}",
        "[0-9*#A-D+() ]{0,12}",
        ".{0,12}",
        Just("VOICEMAIL".to_owned())
    ]
}

fn call_ref() -> impl Strategy<Value = CallRef> {
    prop_oneof![reference(), ".{0,6}"].prop_map(CallRef::new)
}

fn intent() -> impl Strategy<Value = Intent> {
    let control = prop::sample::select(
        &[
            RecordingControl::Start,
            RecordingControl::Stop,
            RecordingControl::Pause,
            RecordingControl::Resume,
        ][..],
    );
    prop_oneof![
        text().prop_map(|to| Intent::MakeCall { to }),
        call_ref().prop_map(|call| Intent::Answer { call }),
        call_ref().prop_map(|call| Intent::HangUp { call }),
        call_ref().prop_map(|call| Intent::Hold { call }),
        call_ref().prop_map(|call| Intent::Retrieve { call }),
        call_ref().prop_map(|held| Intent::Alternate { held }),
        (call_ref(), text()).prop_map(|(call, to)| Intent::Consult { call, to }),
        (call_ref(), call_ref())
            .prop_map(|(held, consult)| Intent::CancelConsult { held, consult }),
        (call_ref(), call_ref()).prop_map(|(active, held)| Intent::Transfer { active, held }),
        (call_ref(), text()).prop_map(|(call, to)| Intent::BlindTransfer { call, to }),
        (call_ref(), call_ref()).prop_map(|(active, held)| Intent::Merge { active, held }),
        (call_ref(), text()).prop_map(|(call, to)| Intent::Redirect { call, to }),
        (call_ref(), text()).prop_map(|(call, digits)| Intent::SendDtmf { call, digits }),
        (call_ref(), control).prop_map(|(call, control)| Intent::Record { call, control }),
        Just(Intent::GoReady),
        Just(Intent::Pause),
        text().prop_map(|reason| Intent::Withdraw {
            reason: ReasonId::new(reason)
        }),
        Just(Intent::WrapUp),
        (text(), prop::option::of(text()))
            .prop_map(|(device, group)| Intent::LogOn { device, group }),
        Just(Intent::LogOff),
        text().prop_map(|group| Intent::EnterGroup { group }),
        prop::option::of(text()).prop_map(|group| Intent::ExitGroup { group }),
        prop::collection::vec(any::<u32>(), 0..3)
            .prop_map(|skills| Intent::ActivateSkills { skills }),
        prop::collection::vec(any::<u32>(), 0..3)
            .prop_map(|skills| Intent::DeactivateSkills { skills }),
        Just(Intent::RequestHelp),
        Just(Intent::CancelHelp),
        any::<bool>().prop_map(|on| Intent::SetDnd { on }),
        prop::option::of(text()).prop_map(|to| Intent::SetForward {
            to: to.map(cti::model::ForwardTarget::Number)
        }),
        Just(Intent::RefreshHistory),
        text().prop_map(|name| Intent::SearchDirectory { name }),
    ]
}

type Machine = Session<O2gAdapter>;

fn machine() -> Machine {
    let config = Config {
        device: Some("60113".into()),
        wrap_up_limit: Some(Duration::from_secs(20)),
    };
    let adapter = O2gAdapter::new(O2gConfig {
        login_name: Some("oxe60113".into()),
        act_as_administrator: false,
    });
    Session::new(Instant::ZERO, config, adapter)
}

/// Answers every transmit waiting with one of a few answers (success, refusal, garbage,
/// silence), draining everything else.
fn answer_all(m: &mut Machine, now: Instant, pick: u8) {
    let mut transmits = Vec::new();
    while let Some(output) = m.poll_output() {
        if let Output::Transmit(transmit) = output {
            transmits.push(transmit.id);
        }
    }
    for id in transmits {
        let answer = match pick % 4 {
            0 => Answer::Response {
                status: 204,
                body: b"",
            },
            1 => Answer::Response {
                status: 403,
                body: br#"{"code":1005,"type":"INVALID_SESSION"}"#,
            },
            2 => Answer::Response {
                status: 200,
                body: b"{not json",
            },
            _ => Answer::Unreachable { message: "down" },
        };
        m.handle(now, Input::Answer { id, answer });
    }
    while m.poll_output().is_some() {}
}

fn assert_unique(m: &Machine) {
    let calls = m.desk().calls();
    for (i, call) in calls.iter().enumerate() {
        assert!(
            calls[i + 1..].iter().all(|o| o.reference != call.reference),
            "{} twice",
            call.reference
        );
    }
}

fn assert_expectation(m: &Machine, expect: &Expect) {
    let has = |r: &str| m.desk().call(&CallRef::from(r)).is_some();
    match expect {
        Expect::Nothing => {}
        Expect::Present(r) => assert!(has(r), "{r} should be present"),
        Expect::Gone(r) => assert!(!has(r), "{r} should be gone"),
        Expect::Renamed { gone, present } => {
            assert!(!has(gone), "{gone} should be gone");
            assert!(has(present), "{present} should be present");
        }
        Expect::Exactly(refs) => {
            let got: Vec<&str> = m
                .desk()
                .calls()
                .iter()
                .map(|c| c.reference.as_str())
                .collect();
            assert_eq!(got, refs.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_event_sequences_keep_the_invariants(
        steps in prop::collection::vec((event(), 0u64..100_000, prop::collection::vec(intent(), 0..3), any::<u8>()), 1..40)
    ) {
        let mut m = machine();
        for ((event, expect), at, intents, pick) in steps {
            let now = Instant::from_millis(at);  // time may even go backwards
            let bytes = event.to_string();
            m.handle(now, Input::Received(bytes.as_bytes()));
            assert_unique(&m);
            assert_expectation(&m, &expect);
            for intent in intents {
                let _ = m.send(now, intent);
            }
            if pick % 5 == 0 {
                m.handle(now, Input::Connected);
            }
            answer_all(&mut m, now, pick);
            m.handle(now, Input::Timeout);
            let _ = m.poll_timeout();
            let _ = m.machine().wrap_up_remaining(now);
            assert_unique(&m);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(chunks in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..200), 1..20)) {
        let mut m = machine();
        for (i, bytes) in chunks.iter().enumerate() {
            m.handle(Instant::from_millis(i as u64), Input::Received(bytes));
        }
        assert_unique(&m);
    }

    #[test]
    fn mangled_events_never_panic(
        (event, _) in event(),
        cut in any::<prop::sample::Index>(),
        junk in ".{0,4}",
    ) {
        let mut m = machine();
        let text = event.to_string();
        let at = cut.index(text.len() + 1);
        let mangled = format!("{}{}{}", text.get(..at).unwrap_or(""), junk, text.get(at..).unwrap_or(""));
        m.handle(Instant::ZERO, Input::Received(mangled.as_bytes()));
        m.handle(Instant::ZERO, Input::Received(text.get(..at).unwrap_or("").as_bytes()));
        assert_unique(&m);
    }

    #[test]
    fn request_never_panics_in_any_state(
        events in prop::collection::vec(event(), 0..12),
        intents in prop::collection::vec(intent(), 1..20),
    ) {
        let mut m = machine();
        for (i, (event, _)) in events.into_iter().enumerate() {
            m.handle(Instant::from_millis(i as u64), Input::Received(event.to_string().as_bytes()));
        }
        for intent in intents {
            let allowed = m.allows(&intent);
            let encoded = encode_intent(m.desk(), m.machine().config(), &RequestContext::default(), intent.clone());
            let expect_sent = allowed.is_ok() && encoded.is_ok();
            match (allowed, encoded) {
                (Ok(()), Ok(request)) => {
                    prop_assert!(request.path.starts_with("/api/rest/1.0/"));
                    if let Some(body) = &request.body {
                        prop_assert!(serde_json::from_str::<Value>(body).is_ok(), "body is JSON: {}", body);
                    }
                }
                // O2G's own limit beyond the neutral guard: reasons are indexes 1 to 9.
                (Ok(()), Err(Refusal::InvalidArgument { .. })) if matches!(intent, Intent::Withdraw { .. } | Intent::ActivateSkills { .. } | Intent::DeactivateSkills { .. }) => {}
                // O2G's own limit beyond the neutral guard: a group is a processing group's number.
                (Ok(()), Err(Refusal::InvalidNumber { .. })) if matches!(intent, Intent::LogOn { group: Some(_), .. }) => {}
                (Ok(()), Err(refusal)) => prop_assert!(false, "the guard allowed {:?} but O2G refused: {}", intent, refusal),
                (Err(_), _) => {}
            }
            // Whatever the guard said, sending never panics and agrees with it.
            let sent = m.send(Instant::ZERO, intent);
            prop_assert_eq!(sent.is_ok(), expect_sent, "send agrees with the guard and the encoder");
        }
    }
}
