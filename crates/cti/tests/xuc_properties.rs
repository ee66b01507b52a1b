//! Properties of `Session<XucAdapter>`: arbitrary frames (well-formed XuC messages of every
//! kind, mangled ones, garbage) and intents never panic and keep the desk's invariants: a call
//! reference appears once, a phone event leaves its call present (or gone, when released), a
//! snapshot leaves exactly its calls, and every intent sent has exactly one outcome.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cti::machine::Config;
use cti::model::{CallRef, Instant, Intent, ReasonId, RecordingControl};
use cti::session::{Input, Output, Session};
use cti::xuc::{XucAdapter, XucConfig};
use proptest::prelude::*;
use serde_json::{json, Value};

const REFS: [&str; 4] = ["1.1", "2.2", "3.3", "4.4"];
const PHONE: [&str; 6] = [
    "EventDialing",
    "EventRinging",
    "EventEstablished",
    "EventOnHold",
    "EventReleased",
    "EventFailure",
];
const STATES: [&str; 10] = [
    "AgentLogin",
    "AgentReady",
    "AgentOnPause",
    "AgentOnWrapup",
    "AgentRinging",
    "AgentDialing",
    "AgentOnCall",
    "AgentLoggedOut",
    "AgentOnBreak",
    "",
];

#[derive(Debug, Clone)]
enum Expect {
    Nothing,
    Present(String),
    Gone(String),
    Exactly(Vec<String>),
}

fn reference() -> impl Strategy<Value = String> {
    prop::sample::select(&REFS[..]).prop_map(str::to_owned)
}

fn phone_event() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&PHONE[..]),
        reference(),
        prop::option::of("[0-9]{0,6}"),
        prop::option::of("[a-z]{0,3}"),
    )
        .prop_map(|(kind, r, other, queue)| {
            let mut event = json!({"eventType": kind, "DN": "1000", "uniqueId": r, "linkedId": r});
            if let Some(other) = other {
                event["otherDN"] = json!(other);
            }
            if let Some(queue) = queue {
                event["queueName"] = json!(queue);
            }
            event
        })
}

fn frame() -> impl Strategy<Value = (String, Expect)> {
    let message =
        |kind: &str, payload: Value| json!({"msgType": kind, "ctiMessage": payload}).to_string();
    prop_oneof![
        phone_event().prop_map(move |event| {
            let r = event["uniqueId"].as_str().unwrap_or_default().to_owned();
            let expect = match event["eventType"].as_str() {
                Some("EventReleased") => Expect::Gone(r),
                Some("EventFailure") => Expect::Nothing,
                _ => Expect::Present(r),
            };
            (message("PhoneEvent", event), expect)
        }),
        prop::collection::vec(phone_event(), 0..4).prop_map(move |events| {
            let mut refs: Vec<String> = Vec::new();
            for event in &events {
                let r = event["uniqueId"].as_str().unwrap_or_default().to_owned();
                refs.retain(|known| *known != r);
                if !matches!(event["eventType"].as_str(), Some("EventReleased" | "EventFailure")) {
                    refs.push(r);
                }
            }
            (message("CurrentCallsPhoneEvents", json!({"events": events})), Expect::Exactly(refs))
        }),
        (
            prop::sample::select(&STATES[..]),
            prop_oneof![Just(json!(19)), Just(json!("19")), Just(json!(8))],
            prop::option::of(prop::sample::select(&["", "lunch", "training", "available"][..])),
            prop::option::of(prop::sample::select(&["ACTIVE", "PAUSED", "DISABLED", "X"][..])),
        )
            .prop_map(move |(name, id, cause, monitor)| {
                let mut state = json!({"name": name, "agentId": id, "phoneNb": "1000", "since": 0, "queues": [1]});
                if let Some(cause) = cause {
                    state["cause"] = json!(cause);
                }
                if let Some(monitor) = monitor {
                    state["monitorState"] = json!(monitor);
                }
                (message("AgentStateEvent", state), Expect::Nothing)
            }),
        prop::sample::select(
            &[
                r#"{"msgType":"LoggedOn","ctiMessage":{}}"#,
                r#"{"msgType":"LoggedOnError","ctiMessage":{"Error":"loggedOnTimeout"}}"#,
                r#"{"msgType":"RightProfile","ctiMessage":{"profile":"Supervisor","rights":[]}}"#,
                r#"{"msgType":"AgentConfig","ctiMessage":{"id":19,"firstname":"Jack","member":[{"queue_id":1,"penalty":1}]}}"#,
                r#"{"msgType":"AgentError","ctiMessage":{"Error":"PhoneNumberUnknown"}}"#,
                r#"{"msgType":"Sheet","ctiMessage":{"payload":{"profile":{"user":{"sheetInfo":[{"name":"popupUrl","value":"http://x","type":"url","order":1}]}}}}}"#,
                r#"{"msgType":"QueueMember","ctiMessage":{"agentId":19,"queueId":2,"penalty":-1}}"#,
                r#"{"msgType":"CallbackLists","ctiMessage":[{"uuid":"l","callbacks":[{"uuid":"a","agentId":null}]}]}"#,
                r#"{"msgType":"CallbackTaken","ctiMessage":{"uuid":"a","agentId":19}}"#,
                r#"{"msgType":"CallbackClotured","ctiMessage":{"uuid":"a"}}"#,
                r#"{"msgType":"AgentStatistics","ctiMessage":{"id":19,"statistics":[{"name":"AgentReadyTotalTime","value":3}]}}"#,
                r#"{"msgType":"AgentDirectory","ctiMessage":{"directory":[{"agent":{"id":19},"agentState":{"name":"AgentReady","agentId":19,"phoneNb":"1000"}}]}}"#,
                r#"{"msgType":"Pong"}"#,
                r#"{"msgType":"PhoneEvent","ctiMessage":{"eventType":"EventRinging"}}"#,
                r#"{"msgType":"AgentStateEvent""#,
                "pong",
                "",
            ][..],
        )
        .prop_map(|text| (text.to_owned(), Expect::Nothing)),
        ".{0,40}".prop_map(|text| (text, Expect::Nothing)),
    ]
}

fn intent() -> impl Strategy<Value = Intent> {
    let call = || prop_oneof![reference(), ".{0,4}"].prop_map(CallRef::new);
    let number = || prop_oneof!["[0-9]{1,6}", ".{0,8}"];
    prop_oneof![
        number().prop_map(|to| Intent::MakeCall { to }),
        call().prop_map(|call| Intent::Answer { call }),
        call().prop_map(|call| Intent::HangUp { call }),
        call().prop_map(|call| Intent::Hold { call }),
        call().prop_map(|call| Intent::Retrieve { call }),
        (call(), number()).prop_map(|(call, to)| Intent::Consult { call, to }),
        (call(), call()).prop_map(|(held, consult)| Intent::CancelConsult { held, consult }),
        (call(), call()).prop_map(|(active, held)| Intent::Transfer { active, held }),
        (call(), number()).prop_map(|(call, to)| Intent::BlindTransfer { call, to }),
        (call(), call()).prop_map(|(active, held)| Intent::Merge { active, held }),
        (call(), "[0-9#*]{0,4}").prop_map(|(call, digits)| Intent::SendDtmf { call, digits }),
        (
            call(),
            prop::sample::select(
                &[
                    RecordingControl::Start,
                    RecordingControl::Pause,
                    RecordingControl::Resume
                ][..]
            )
        )
            .prop_map(|(call, control)| Intent::Record { call, control }),
        Just(Intent::GoReady),
        Just(Intent::Pause),
        prop::sample::select(&["lunch", "nap"][..]).prop_map(|r| Intent::Withdraw {
            reason: ReasonId::new(r)
        }),
        Just(Intent::WrapUp),
        number().prop_map(|device| Intent::LogOn {
            device,
            group: None
        }),
        Just(Intent::LogOff),
        Just(Intent::RequestHelp),
    ]
}

fn session() -> Session<XucAdapter> {
    let adapter = XucAdapter::new(XucConfig {
        agent_id: None,
        phone_number: Some("1000".into()),
        pause_reasons: Vec::new(),
    });
    let config = Config {
        device: Some("1000".into()),
        wrap_up_limit: None,
    };
    Session::new(Instant::ZERO, config, adapter)
}

fn check(s: &Session<XucAdapter>, expect: &Expect) {
    let calls = s.desk().calls();
    for (i, call) in calls.iter().enumerate() {
        assert!(
            calls[i + 1..].iter().all(|o| o.reference != call.reference),
            "{} twice",
            call.reference
        );
    }
    let has = |r: &str| s.desk().call(&CallRef::new(r)).is_some();
    match expect {
        Expect::Nothing => {}
        Expect::Present(r) => assert!(has(r), "{r} should be present"),
        Expect::Gone(r) => assert!(!has(r), "{r} should be gone"),
        Expect::Exactly(refs) => {
            let got: Vec<&str> = calls.iter().map(|c| c.reference.as_str()).collect();
            assert_eq!(got, refs.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_frames_and_intents_keep_the_invariants(
        steps in prop::collection::vec((frame(), 0u64..60_000, prop::collection::vec(intent(), 0..3), any::<u8>()), 1..40)
    ) {
        let mut s = session();
        s.handle(Instant::ZERO, Input::Connected);
        let mut sent = 0usize;
        let mut outcomes = 0usize;
        for ((text, expect), at, intents, pick) in steps {
            let now = Instant::from_millis(at); // time may even go backwards
            s.handle(now, Input::Received(text.as_bytes()));
            check(&s, &expect);
            for intent in intents {
                if s.send(now, intent).is_ok() {
                    sent += 1;
                }
            }
            if pick % 7 == 0 {
                s.handle(now, Input::Connected);
            }
            s.handle(now, Input::Timeout);
            while let Some(output) = s.poll_output() {
                if let Output::Outcome { result, .. } = output {
                    prop_assert!(result.is_ok());
                    outcomes += 1;
                }
            }
            check(&s, &Expect::Nothing);
        }
        prop_assert_eq!(sent, outcomes, "one outcome per intent sent");
    }
}
