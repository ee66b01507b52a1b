//! The embed bridge on a real flow: O2G events through the Machine, notifications turned into
//! the host's events, host commands turned into intents the Machine accepts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cti::embed::{command_intent, Command, HostEvent, HostEvents, WidgetMessage};
use cti::model::{CallState, Intent, Reason, ReasonId};
use serde_json::{json, Value};

mod common;
use common::*;

/// Every host event the notifications since the last call produce, as the host receives them.
fn host_events(m: &mut Machine, events: &mut HostEvents) -> Vec<Value> {
    drain(m)
        .iter()
        .filter_map(|n| events.translate(m.desk(), n))
        .map(|e| WidgetMessage::Event(e).to_value())
        .collect()
}

#[test]
fn an_acd_call_pops_then_logs_with_the_callers_identity() {
    let mut m = machine();
    let mut events = HostEvents::new();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    let changed = host_events(&mut m, &mut events);
    assert!(
        changed.iter().any(|e| e["event"] == "agentStateChanged"),
        "{changed:?}"
    );

    ringing_acd_call(&mut m, 10, "c1");
    feed(&mut m, 10, agent("LOG_ON", Some("BUSY")));
    let heard = host_events(&mut m, &mut events);
    assert_eq!(
        heard[0],
        json!({"agentdesk": 1, "type": "event", "event": "callRinging", "data": {
            "callRef": "c1", "number": "0612345678", "name": "Alice Martin",
            "acd": {"pilot": "60141", "agentGroup": "60121", "queueWaitingSeconds": 42, "globalWaitingSeconds": 50},
        }})
    );
    assert_eq!(
        heard[1]["data"],
        json!({"from": "ready", "to": "busy"}),
        "{heard:?}"
    );

    // The host answers: the ringing call is the one meant, and the Machine accepts it.
    let answer = command_intent(m.desk(), &[], &Command::Answer { call: None })
        .unwrap()
        .unwrap();
    assert_eq!(answer, Intent::Answer { call: c("c1") });
    assert!(m.request(t(11), answer).is_ok());
    feed(
        &mut m,
        12,
        modified(
            "c1",
            json!({"callData": {"state": "ACTIVE", "capabilities": caps(&["terminate", "dropMe"])},
                   "modifiedLegs": [leg("ACTIVE", &["drop", "hold"])]}),
        ),
    );
    let answered = host_events(&mut m, &mut events);
    assert_eq!(answered[0]["event"], "callAnswered");
    assert_eq!(answered[0]["data"]["name"], "Alice Martin");
    assert_eq!(m.desk().calls()[0].state, CallState::Active);

    // Hold and hang up pick the active call.
    let hold = command_intent(m.desk(), &[], &Command::Hold { call: None }).unwrap();
    assert_eq!(hold, Some(Intent::Hold { call: c("c1") }));
    let hang_up = command_intent(m.desk(), &[], &Command::HangUp { call: None }).unwrap();
    assert_eq!(hang_up, Some(Intent::HangUp { call: c("c1") }));

    feed(&mut m, 137, removed("c1", "CLEARED"));
    let ended = host_events(&mut m, &mut events);
    let ended = ended.iter().find(|e| e["event"] == "callEnded").unwrap();
    assert_eq!(
        ended["data"],
        json!({"callRef": "c1", "number": "0612345678", "name": "Alice Martin",
               "answered": true, "durationSeconds": 125, "cause": "cleared"})
    );
}

#[test]
fn commands_without_a_fitting_call_are_refused_before_the_machine() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    for command in [
        Command::Answer { call: None },
        Command::Hold { call: None },
        Command::Retrieve { call: None },
        Command::HangUp { call: None },
    ] {
        let error = command_intent(m.desk(), &[], &command).expect_err("no call");
        assert_eq!(error.code().as_str(), "refused", "{command:?}");
    }
    let reasons = [Reason {
        id: ReasonId::new("3"),
        label: "Back office".into(),
    }];
    let withdraw = command_intent(
        m.desk(),
        &reasons,
        &Command::SetPause {
            reason: Some("back office".into()),
        },
    );
    assert_eq!(
        withdraw,
        Ok(Some(Intent::Withdraw {
            reason: ReasonId::new("3")
        }))
    );
    assert_eq!(
        command_intent(m.desk(), &reasons, &Command::SetPause { reason: None }),
        Ok(Some(Intent::Pause))
    );
    assert_eq!(
        command_intent(
            m.desk(),
            &[],
            &Command::Dial {
                number: "+33 6 12".into()
            }
        ),
        Ok(Some(Intent::MakeCall {
            to: "+33612".into()
        }))
    );
    assert_eq!(command_intent(m.desk(), &[], &Command::GetState), Ok(None));
}

#[test]
fn the_state_lists_calls_and_the_agent() {
    let mut m = machine();
    feed(&mut m, 0, agent("LOG_ON", Some("READY")));
    ringing_acd_call(&mut m, 5, "c7");
    let state = HostEvents::state(Some(m.desk()), Some("oxe60113"));
    assert_eq!(state["signedIn"], true);
    assert_eq!(state["login"], "oxe60113");
    assert_eq!(
        state["calls"],
        json!([{"callRef": "c7", "state": "ringingIn", "direction": "incoming",
                "number": "0612345678", "name": "Alice Martin"}])
    );
    let signed_out = HostEvents::state(None, None);
    assert_eq!(
        signed_out,
        json!({"version": 1, "signedIn": false, "login": null, "agentState": "loggedOut", "calls": []})
    );
    let ready = WidgetMessage::Event(HostEvent::Ready(state)).to_value();
    assert_eq!(ready["event"], "ready");
}

#[test]
fn saved_after_call_work_reaches_the_host_with_its_disposition_and_notes() {
    use cti::machine::Update;
    use cti::model::{Disposition, DispositionId, WrapUpPolicy};
    let mut m = machine();
    let mut events = HostEvents::new();
    m.apply(
        t(0),
        Update::WrapUpPolicy(WrapUpPolicy {
            dispositions: vec![Disposition {
                id: DispositionId::new("11"),
                label: "Sale".into(),
            }],
            duration: None,
        }),
    );
    ringing_acd_call(&mut m, 10, "c1");
    feed(
        &mut m,
        12,
        modified(
            "c1",
            json!({"callData": {"state": "ACTIVE"}, "modifiedLegs": [leg("ACTIVE", &["drop"])]}),
        ),
    );
    feed(&mut m, 40, removed("c1", "CLEARED"));
    host_events(&mut m, &mut events);
    assert!(m.desk().after_call().is_some());
    let save = Intent::SaveAfterCallWork {
        call: c("c1"),
        disposition: Some(DispositionId::new("11")),
        notes: "Wants a quote".into(),
    };
    m.send(t(41), save).unwrap();
    let id = std::iter::from_fn(|| m.poll_output())
        .find_map(|o| match o {
            cti::session::Output::Transmit(transmit) => Some(transmit.id),
            _ => None,
        })
        .unwrap();
    let answer = cti::adapter::Answer::Response {
        status: 204,
        body: b"",
    };
    m.handle(t(42), cti::session::Input::Answer { id, answer });
    let heard = host_events(&mut m, &mut events);
    assert_eq!(
        heard,
        [
            json!({"agentdesk": 1, "type": "event", "event": "afterCallWork", "data": {
                "callRef": "c1", "number": "0612345678", "name": "Alice Martin",
                "disposition": {"code": "11", "label": "Sale"}, "notes": "Wants a quote",
            }})
        ]
    );
}

/// A XuC `Sheet` reaches the host as `screenPop`: its call, its page and its fields in order.
#[test]
fn a_xuc_sheet_is_a_screen_pop_for_the_host() {
    use cti::model::Instant;
    use cti::session::{Input, Output, Session};
    use cti::xuc::{XucAdapter, XucConfig};

    let mut session = Session::new(
        Instant::ZERO,
        cti::machine::Config::default(),
        XucAdapter::new(XucConfig::default()),
    );
    let mut events = HostEvents::new();
    let mut heard = Vec::new();
    for frame in [
        json!({"msgType": "PhoneEvent", "ctiMessage": {"eventType": "EventRinging", "DN": "70121",
            "otherDN": "+33612345602", "otherDName": "Karim Haddad", "uniqueId": "c9",
            "linkedId": "c9", "queueName": "Sales line"}}),
        json!({"msgType": "Sheet", "ctiMessage": {"compressed": false, "serial": "xml",
            "channel": "c9", "payload": {"profile": {"user": {"sheetInfo": [
                {"name": "Company", "value": "Haddad Transports", "type": "text", "order": 2},
                {"name": "Name", "value": "Karim Haddad", "type": "title", "order": 1},
                {"name": "popupUrl", "value": "https://crm.example.com/customers?number=%2B33612345602",
                    "type": "url", "order": 3}]}}}}}),
    ] {
        session.handle(Instant::ZERO, Input::Received(frame.to_string().as_bytes()));
        while let Some(output) = session.poll_output() {
            if let Output::Notification(n) = output {
                if let Some(event) = events.translate(session.desk(), &n) {
                    heard.push(WidgetMessage::Event(event).to_value());
                }
            }
        }
    }
    let pop = heard
        .iter()
        .find(|e| e["event"] == "screenPop")
        .expect("a screenPop");
    assert_eq!(
        pop["data"],
        json!({"callRef": "c9",
            "url": "https://crm.example.com/customers?number=%2B33612345602",
            "fields": [{"name": "Name", "value": "Karim Haddad"},
                {"name": "Company", "value": "Haddad Transports"}]})
    );
    assert!(matches!(
        events.translate(
            session.desk(),
            &cti::machine::Notification::ScreenPop(cti::model::ScreenPop::new(
                None,
                Some("javascript:alert(1)".into()),
                Vec::new()
            ))
        ),
        Some(HostEvent::ScreenPop { url: None, .. })
    ));
}
