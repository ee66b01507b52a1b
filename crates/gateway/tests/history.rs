//! The communication log of the simulator, through `app(state)` (issue 11, defect 3): every
//! record names everyone who took part, dates are real UTC dates, the comlog filters apply,
//! and the missed-calls counter agrees with the unanswered incoming records.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{Method, StatusCode};
use common::{names_with, take_events, Harness};
use cti::o2g::comlog::{ComHistoryRecord, ComHistoryRecords, Role};
use cti::o2g::event_summary::EventSummary;
use cti::o2g::ErrorType;
use gateway::clock::{iso8601, parse_iso8601};

/// The default scenario without bots or traffic: only the tests' users take calls.
fn harness() -> Harness {
    Harness::with(|s| s.bots.clear(), Some(0.0))
}

async fn records(h: &Harness, credential: &str, query: &str) -> ComHistoryRecords {
    let reply = h
        .call(
            Method::GET,
            &format!("/comlog/records{query}"),
            credential,
            None,
        )
        .await;
    reply.assert_status(StatusCode::OK);
    reply.json()
}

/// The numbers of a record's participants other than its owner (the first).
fn others(record: &ComHistoryRecord) -> Vec<String> {
    record.participants[1..]
        .iter()
        .filter_map(|p| p.identity.id.phone_number.clone())
        .collect()
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

async fn missed_count(h: &Harness, credential: &str) -> u32 {
    let summary: EventSummary = h
        .call(Method::GET, "/eventSummary", credential, None)
        .await
        .json();
    summary.missed_calls_nb.expect("counted")
}

/// `PUT /comlog/records?acknowledge=` with `ids`.
async fn acknowledge(h: &Harness, credential: &str, ids: &[i64], ack: bool) {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    h.call(
        Method::PUT,
        &format!("/comlog/records?acknowledge={ack}"),
        credential,
        Some(&format!(r#"{{"recordIds":[{}]}}"#, ids.join(","))),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

/// The counter and the unanswered, unacknowledged records agree on `count`.
async fn assert_missed(h: &Harness, credential: &str, count: u32) {
    assert_eq!(missed_count(h, credential).await, count, "missedCallsNb");
    let listed = records(h, credential, "?unanswered=true&unacknowledged=true").await;
    assert_eq!(listed.total_count, i32::try_from(count).ok(), "listed");
}

#[tokio::test]
async fn records_name_the_other_party_even_when_it_left_first() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    // An answered ACD call released whole: the customer's party goes first.
    h.log_on_ready(&alice, "71120", "60121").await;
    let acd = h.inject("60141", "+33612345678").await;
    h.answer(&alice, &acd, "71120").await;
    h.advance(5_000);
    release(&h, &alice, &acd).await;
    // An internal call the caller releases: the caller's party goes first.
    h.call(Method::POST, "/acd/agent/pause", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let internal = h.dial(&marc, "70140", "70120").await;
    h.answer(&alice, &internal, "70120").await;
    release(&h, &marc, &internal).await;

    let alice_log = records(&h, &alice, "").await;
    assert_eq!(alice_log.total_count, Some(2));
    let by_call = |call: &str| {
        alice_log
            .com_history_records
            .iter()
            .find(|r| r.com_ref == call)
            .expect("record of the call")
    };
    let acd_record = by_call(&acd);
    assert_eq!(acd_record.participants[0].role, Some(Role::Callee));
    assert_eq!(
        acd_record.participants[0].identity.id.login_name.as_deref(),
        Some("oxe70120")
    );
    assert_eq!(
        others(acd_record),
        vec!["+33612345678"],
        "names the customer"
    );
    assert_eq!(
        others(by_call(&internal)),
        vec!["70140"],
        "names the caller"
    );
    // The caller's own record names Alice, as before.
    let marc_log = records(&h, &marc, "").await;
    assert_eq!(others(&marc_log.com_history_records[0]), vec!["70120"]);
}

#[tokio::test]
async fn dates_are_real_utc_dates_in_the_spec_format() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let started = h.state.now_unix_ms();
    let call = h.dial(&marc, "70140", "70120").await;
    h.advance(2_000);
    h.answer(&alice, &call, "70120").await;
    h.advance(60_000);
    release(&h, &alice, &call).await;
    let log = records(&h, &alice, "").await;
    let record = &log.com_history_records[0];
    let date = |text: &Option<String>| {
        let text = text.as_deref().expect("dated");
        // yyyy-MM-ddTHH:mm:ss.SSSZ (L7860, example 2013-05-16T18:17:14.489Z).
        assert_eq!(text.len(), 24, "{text}");
        assert!(text.ends_with('Z') && text.as_bytes()[10] == b'T', "{text}");
        parse_iso8601(text).expect("a date")
    };
    let (begin, conv, end) = (
        date(&record.begin_date),
        date(&record.conv_date),
        date(&record.end_date),
    );
    assert_eq!(begin, started, "{}", iso8601(begin));
    assert_eq!(conv - begin, 2_000);
    assert_eq!(end - conv, 60_000);
    assert!(
        iso8601(begin).as_str() > "2024",
        "not 1970: {}",
        iso8601(begin)
    );
}

#[tokio::test]
async fn after_before_role_and_remote_party_filter_get_and_delete() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    // 1. Marc calls Alice, answered (Alice CALLEE) from t=0 to t=10 s.
    let first = h.dial(&marc, "70140", "70120").await;
    h.answer(&alice, &first, "70120").await;
    h.advance(10_000);
    release(&h, &marc, &first).await;
    h.advance(50_000);
    let middle = h.state.now_unix_ms();
    h.advance(60_000);
    // 2. Alice calls Bruno, who does not answer (Alice CALLER) from t=120 s to t=150 s.
    let second = h.dial(&alice, "70120", "70121").await;
    h.advance(31_000);
    let log = records(&h, &alice, "").await;
    assert_eq!(log.total_count, Some(2));
    let date = |unix_ms: u64| iso8601(unix_ms);
    let refs = |log: ComHistoryRecords| -> Vec<String> {
        log.com_history_records
            .into_iter()
            .map(|r| r.com_ref)
            .collect()
    };

    let after = format!("?afterDate={}", date(middle));
    let before = format!("?beforeDate={}", date(middle));
    let expectations: [(&str, Vec<String>); 7] = [
        ("?role=CALLER", vec![second.clone()]),
        // Case-insensitive role.
        ("?role=callee", vec![first.clone()]),
        // remotePartyId: a number, or the login behind it.
        ("?remotePartyId=70140", vec![first.clone()]),
        ("?remotePartyId=oxe70121", vec![second.clone()]),
        ("?remotePartyId=70122", vec![]),
        // afterDate: not older than (the call still went on at or after it).
        (&after, vec![second.clone()]),
        // beforeDate: older than (begun before it).
        (&before, vec![first.clone()]),
    ];
    for (query, expected) in expectations {
        assert_eq!(refs(records(&h, &alice, query).await), expected, "{query}");
    }
    // Both, and with the other criteria: an empty window, then the whole day.
    let both = format!(
        "?afterDate={}&beforeDate={}",
        date(middle),
        date(middle + 1)
    );
    assert!(refs(records(&h, &alice, &both).await).is_empty());
    let day = format!(
        "?afterDate={}&beforeDate={}&role=CALLEE&remotePartyId=70140",
        date(middle - 3_600_000),
        date(middle + 3_600_000)
    );
    assert_eq!(refs(records(&h, &alice, &day).await), vec![first.clone()]);
    // The spec's example without milliseconds' digits is read too; nonsense is refused.
    let plain = format!("?afterDate={}", &date(middle)[..19]);
    assert_eq!(
        refs(records(&h, &alice, &plain).await),
        vec![second.clone()]
    );
    for bad in [
        "?afterDate=yesterday",
        "?beforeDate=2024-13-01T00:00:00Z",
        "?role=BOSS",
    ] {
        let reply = h
            .call(Method::GET, &format!("/comlog/records{bad}"), &alice, None)
            .await;
        assert_eq!(reply.error_kind(), ErrorType::BadParameter, "{bad}");
    }

    // DELETE takes the same filters.
    h.call(Method::DELETE, "/comlog/records?role=CALLER", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(refs(records(&h, &alice, "").await), vec![first]);
}

#[tokio::test]
async fn missed_calls_counter_agrees_with_unanswered_incoming_records() {
    let h = Harness::with(
        |s| {
            s.bots.clear();
            s.traffic.patience_ms = 20_000;
        },
        Some(0.0),
    );
    let (alice, subscription) = h.watched("oxe70120").await;
    take_events(&h, &subscription); // attaches a channel: the subscription lives on

    // A call abandoned while queued never rang at Alice: not her missed call.
    h.log_on(&alice, "71120", "60121").await;
    h.inject("60141", "+33600000001").await;
    h.advance(1_200_000); // within the session's 30 minutes
    assert!(h.state.simulator().unwrap().live_calls().is_empty());
    assert_missed(&h, &alice, 0).await;
    assert_eq!(records(&h, &alice, "").await.total_count, Some(0));

    // A call that rang at Alice and was abandoned there: her missed call, counted.
    h.call(Method::POST, "/acd/agent/ready", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.inject("60141", "+33600000002").await;
    h.advance(1_200_000); // within the session's 30 minutes
    assert_missed(&h, &alice, 1).await;
    let missed = records(&h, &alice, "?unanswered=true").await;
    let owner = &missed.com_history_records[0].participants[0];
    assert_eq!(
        (owner.role, owner.answered),
        (Some(Role::Callee), Some(false))
    );
    // An outgoing call nobody answered is no missed call (`unanswered`: missed calls, L7854).
    h.call(Method::POST, "/acd/agent/pause", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.dial(&alice, "70120", "70121").await;
    h.advance(31_000);
    assert_eq!(
        records(&h, &alice, "?unanswered=true").await.total_count,
        Some(1)
    );
    assert_missed(&h, &alice, 1).await;

    // Acknowledging the record takes the counter down, and says so.
    take_events(&h, &subscription);
    let id = missed.com_history_records[0].record_id.expect("id");
    acknowledge(&h, &alice, &[id], true).await;
    assert_missed(&h, &alice, 0).await;
    let events = take_events(&h, &subscription);
    let names: Vec<String> = names_with(&events, "loginName")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, vec!["OnEventSummaryUpdated", "OnComRecordsAck"]);
    assert_eq!(events[0]["eventSummary"]["missedCallsNb"], 0);
    // Un-acknowledging an answered or outgoing record never makes it a missed call.
    let all = records(&h, &alice, "").await;
    let ids: Vec<i64> = all
        .com_history_records
        .iter()
        .filter_map(|r| r.record_id)
        .collect();
    acknowledge(&h, &alice, &ids, false).await;
    assert_missed(&h, &alice, 1).await;

    // A call Alice misses from Chloé, then one she answers with Chloé: the answered call
    // takes that missed call off the counter (L8707-8710).
    let chloe = h.sign_in("oxe70122").await;
    let missed_call = h.dial(&chloe, "70122", "70120").await;
    h.advance(31_000);
    assert!(h
        .state
        .simulator()
        .unwrap()
        .live_calls()
        .iter()
        .all(|c| c.call_ref != missed_call));
    assert_missed(&h, &alice, 2).await;
    let answered = h.dial(&chloe, "70122", "70120").await;
    h.answer(&alice, &answered, "70120").await;
    release(&h, &alice, &answered).await;
    assert_missed(&h, &alice, 1).await;
}
