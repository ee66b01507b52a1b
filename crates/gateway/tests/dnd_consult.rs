//! Calling a colleague on do-not-disturb, through `app(state)` (issue 11, defect 9): the
//! caller's call fails visibly (RELEASING, cause DO_NOT_DISTURB), and hanging it up leaves the
//! held customer call untouched.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{Method, StatusCode};
use common::{names_with, take_events, Harness};
use cti::o2g::comlog::{ComHistoryRecords, Reason, Role};
use cti::o2g::telephony::{Calls, MediaState};

async fn calls_of(h: &Harness, credential: &str) -> Calls {
    h.call(Method::GET, "/telephony/calls", credential, None)
        .await
        .json()
}

fn leg_state(calls: &Calls, call: &str) -> Option<MediaState> {
    calls
        .calls
        .iter()
        .find(|c| c.call_ref == call)
        .and_then(|c| c.legs[0].state)
}

#[tokio::test]
async fn consulting_a_colleague_on_dnd_fails_visibly_and_hanging_up_keeps_the_customer() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let (alice, watching_alice) = h.watched("oxe70120").await;
    let (bruno, watching_bruno) = h.watched("oxe70121").await;
    h.call(Method::POST, "/routing/dnd", &bruno, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.log_on_ready(&alice, "71120", "60121").await;
    let customer = h.inject("60141", "+33612345678").await;
    h.answer(&alice, &customer, "71120").await;
    take_events(&h, &watching_alice);
    take_events(&h, &watching_bruno);

    // The consultation: created (201), the customer held, the enquiry failed.
    let enquiry = h.dial(&alice, "71120", "70121").await;
    let calls = calls_of(&h, &alice).await;
    assert_eq!(leg_state(&calls, &customer), Some(MediaState::Held));
    assert_eq!(leg_state(&calls, &enquiry), Some(MediaState::Releasing));
    let failed = calls
        .calls
        .iter()
        .find(|c| c.call_ref == enquiry)
        .expect("the failed call");
    let capabilities = failed.legs[0].capabilities.as_ref().expect("capabilities");
    assert_eq!(capabilities.drop, Some(true));
    assert_eq!(capabilities.answer, None);
    let events = take_events(&h, &watching_alice);
    let created = events
        .iter()
        .find(|e| e["eventName"] == "OnCallCreated")
        .expect("OnCallCreated of the enquiry");
    assert_eq!(created["callRef"], enquiry.as_str());
    assert_eq!(created["cause"], "DO_NOT_DISTURB");
    assert_eq!(created["legs"][0]["state"], "RELEASING");
    assert_eq!(
        created["callData"]["initialCalled"]["id"]["phoneNumber"],
        "70121"
    );
    assert!(
        take_events(&h, &watching_bruno).is_empty(),
        "Bruno is not disturbed"
    );

    // Hanging up the failed enquiry releases it alone.
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{enquiry}"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let calls = calls_of(&h, &alice).await;
    assert_eq!(calls.calls.len(), 1);
    assert_eq!(leg_state(&calls, &customer), Some(MediaState::Held));
    let events = take_events(&h, &watching_alice);
    let removed: Vec<(String, String)> = names_with(&events, "callRef")
        .into_iter()
        .filter(|(name, _)| name == "OnCallRemoved")
        .collect();
    assert_eq!(removed, vec![("OnCallRemoved".to_owned(), enquiry.clone())]);
    // The customer call only changes capabilities (no reconnect without an enquiry).
    for event in events.iter().filter(|e| e["callRef"] == customer.as_str()) {
        assert_eq!(event["eventName"], "OnCallModified");
        assert!(event["removedParticipantIds"].is_null(), "{event}");
        assert!(event["modifiedLegs"]
            .as_array()
            .is_none_or(|legs| legs.iter().all(|l| l["state"] == "HELD")));
    }
    // The customer is still there to take back.
    h.call(
        Method::POST,
        &format!("/telephony/calls/{customer}/retrieve"),
        &alice,
        Some(r#"{"deviceId":"71120"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let calls = calls_of(&h, &alice).await;
    assert_eq!(leg_state(&calls, &customer), Some(MediaState::Active));
    assert_eq!(h.agent_state("oxe70120").await, "BUSY");

    // Alice's record of the attempt: she called, nobody answered, the callee was busy.
    let log: ComHistoryRecords = h
        .call(Method::GET, "/comlog/records?role=CALLER", &alice, None)
        .await
        .json();
    let owner = &log.com_history_records[0].participants[0];
    assert_eq!(owner.role, Some(Role::Caller));
    assert_eq!(owner.answered, Some(false));
    assert_eq!(owner.reason, Some(Reason::Busy));
}

#[tokio::test]
async fn a_failed_call_nobody_hangs_up_is_released_after_the_no_answer_delay() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let bruno = h.sign_in("oxe70121").await;
    let marc = h.sign_in("oxe70140").await;
    h.call(Method::POST, "/routing/dnd", &bruno, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let failed = h.dial(&marc, "70140", "70121").await;
    // A plain call: the busy tone lasts the scenario's no-answer delay (30 s).
    h.advance(29_000);
    assert_eq!(
        leg_state(&calls_of(&h, &marc).await, &failed),
        Some(MediaState::Releasing)
    );
    h.advance(1_000);
    assert!(calls_of(&h, &marc).await.calls.is_empty());
}

#[tokio::test]
async fn reconnect_ends_a_failed_enquiry_and_takes_the_held_call_back() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let alice = h.sign_in("oxe70120").await;
    let bruno = h.sign_in("oxe70121").await;
    let marc = h.sign_in("oxe70140").await;
    h.call(Method::POST, "/routing/dnd", &bruno, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let first = h.dial(&marc, "70140", "70120").await;
    h.answer(&alice, &first, "70120").await;
    let enquiry = h.dial(&alice, "70120", "70121").await;
    let calls = calls_of(&h, &alice).await;
    let held = calls
        .calls
        .iter()
        .find(|c| c.call_ref == first)
        .expect("held call");
    let reconnect = held.legs[0].capabilities.as_ref().and_then(|c| c.reconnect);
    assert_eq!(reconnect, Some(true), "offered beside a failed enquiry");
    h.call(
        Method::POST,
        &format!("/telephony/calls/{first}/reconnect"),
        &alice,
        Some(&format!(
            r#"{{"deviceId":"70120","enquiryCallRef":"{enquiry}"}}"#
        )),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let calls = calls_of(&h, &alice).await;
    assert_eq!(calls.calls.len(), 1);
    assert_eq!(leg_state(&calls, &first), Some(MediaState::Active));
}
