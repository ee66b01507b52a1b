//! After-call work through `app(state)` (issue 11): the group's transaction codes (agentdesk's
//! extension resource), the code and notes sent with `sendaccountinfo` during the call or in
//! its wrap-up, kept with the agent's comlog record (tag/value extensions) and announced with
//! `OnComRecordModified`; Extend is wrapping up again.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{Method, StatusCode};
use common::{take_events, Harness};
use cti::o2g::agent::TransactionCodes;
use cti::o2g::comlog::ComHistoryRecords;
use cti::o2g::ErrorType;

/// The default scenario without bots or traffic: only the tests' users take calls.
fn harness() -> Harness {
    Harness::with(|s| s.bots.clear(), Some(0.0))
}

async fn send_account_info(h: &Harness, credential: &str, call: &str, body: &str) -> StatusCode {
    h.call(
        Method::POST,
        &format!("/telephony/calls/{call}/sendaccountinfo"),
        credential,
        Some(body),
    )
    .await
    .status
}

async fn release(h: &Harness, credential: &str, call: &str) {
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{call}"),
        credential,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

/// The extensions of Alice's record of `call`, as name=value.
async fn extensions(h: &Harness, credential: &str, call: &str) -> Vec<String> {
    let log: ComHistoryRecords = h
        .call(Method::GET, "/comlog/records", credential, None)
        .await
        .json();
    let record = log
        .com_history_records
        .iter()
        .find(|r| r.com_ref == call)
        .expect("record of the call");
    record
        .extensions
        .iter()
        .map(|pair| format!("{}={}", pair.name, pair.value))
        .collect()
}

#[tokio::test]
async fn a_group_lists_its_transaction_codes_and_wrap_up_time() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let reply = h
        .call(
            Method::GET,
            "/acd/agent/transactionCodes?pgNumber=60121",
            &alice,
            None,
        )
        .await;
    reply.assert_status(StatusCode::OK);
    let codes: TransactionCodes = reply.json();
    assert_eq!(codes.pg_number.as_deref(), Some("60121"));
    assert_eq!(codes.wrap_up_time, Some(15));
    let listed: Vec<(&str, Option<&str>)> = codes
        .transaction_codes
        .iter()
        .map(|c| (c.code.as_str(), c.label.as_deref()))
        .collect();
    assert_eq!(listed[0], ("11", Some("Sale")));
    assert_eq!(listed.len(), 4);
    let unknown = h
        .call(
            Method::GET,
            "/acd/agent/transactionCodes?pgNumber=69999",
            &alice,
            None,
        )
        .await;
    assert_eq!(unknown.error_kind(), ErrorType::NotFound);
    let missing = h
        .call(Method::GET, "/acd/agent/transactionCodes", &alice, None)
        .await;
    assert_eq!(missing.error_kind(), ErrorType::BadParameter);
}

#[tokio::test]
async fn the_code_and_notes_given_in_wrap_up_are_kept_with_the_record_and_announced() {
    let h = harness();
    let (alice, subscription) = h.watched("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let call = h.inject("60141", "+33612345601").await;
    h.answer(&alice, &call, "71120").await;
    h.advance(5_000);
    release(&h, &alice, &call).await;
    assert_eq!(h.agent_state("oxe70120").await, "WRAPUP");
    take_events(&h, &subscription);
    assert_eq!(
        send_account_info(
            &h,
            &alice,
            &call,
            r#"{"deviceId":"71120","accountInfo":"12","notes":"Wants a quote by Friday"}"#
        )
        .await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        extensions(&h, &alice, &call).await,
        ["transactionCode=12", "notes=Wants a quote by Friday"]
    );
    let events = take_events(&h, &subscription);
    let modified = events
        .iter()
        .find(|e| e["eventName"] == "OnComRecordModified")
        .expect("the record's change is announced");
    assert_eq!(modified["record"]["comRef"], call.as_str());
    assert_eq!(modified["record"]["extensions"][0]["value"], "12");
    // Extend: wrapping up again restarts the group's 15 s.
    h.advance(10_000);
    h.call(Method::POST, "/acd/agent/wrapUp", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.advance(10_000);
    assert_eq!(h.agent_state("oxe70120").await, "WRAPUP", "extended");
    h.advance(6_000);
    assert_eq!(h.agent_state("oxe70120").await, "READY");
}

#[tokio::test]
async fn a_code_given_during_the_call_is_written_with_the_record() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let call = h.inject("60141", "+33612345601").await;
    h.answer(&alice, &call, "71120").await;
    assert_eq!(
        send_account_info(
            &h,
            &alice,
            &call,
            r#"{"deviceId":"71120","accountInfo":"11"}"#
        )
        .await,
        StatusCode::NO_CONTENT
    );
    release(&h, &alice, &call).await;
    assert_eq!(extensions(&h, &alice, &call).await, ["transactionCode=11"]);
}

#[tokio::test]
async fn bad_codes_unknown_calls_and_plain_users_are_refused_in_o2g_shape() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let call = h.inject("60141", "+33612345601").await;
    h.answer(&alice, &call, "71120").await;
    let letters = h
        .call(
            Method::POST,
            &format!("/telephony/calls/{call}/sendaccountinfo"),
            &alice,
            Some(r#"{"accountInfo":"A1"}"#),
        )
        .await;
    assert_eq!(letters.error_kind(), ErrorType::BadParameter);
    let unknown = h
        .call(
            Method::POST,
            "/telephony/calls/nope/sendaccountinfo",
            &alice,
            Some(r#"{"accountInfo":"11"}"#),
        )
        .await;
    assert_eq!(unknown.error_kind(), ErrorType::NotFound);
    let plain = h
        .call(
            Method::POST,
            &format!("/telephony/calls/{call}/sendaccountinfo"),
            &marc,
            Some(r#"{"accountInfo":"11"}"#),
        )
        .await;
    assert_eq!(plain.error_kind(), ErrorType::NotAllowed);
}

#[tokio::test]
async fn a_customer_calling_is_named_as_the_scenario_lists_them() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let call = h.inject("60141", "+33612345601").await;
    let reply = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            &alice,
            None,
        )
        .await;
    reply.assert_status(StatusCode::OK);
    let call: serde_json::Value = reply.json();
    let identity = &call["participants"][0]["identity"];
    assert_eq!(identity["displayName"], "Élodie Martin");
    assert_eq!(identity["id"]["phoneNumber"], "+33612345601");
    // The pilot the customer dialled, by its name.
    let initial = &call["callData"]["initialCalled"];
    assert_eq!(initial["id"]["phoneNumber"], "60141");
    assert_eq!(initial["displayName"], "Sales line");
    // A number no directory knows stays a number.
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let unknown = h.inject("60141", "+33699999999").await;
    let reply = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{unknown}"),
            &alice,
            None,
        )
        .await;
    let unknown: serde_json::Value = reply.json();
    assert_eq!(
        unknown["participants"][0]["identity"]["displayName"],
        "+33699999999"
    );
}
