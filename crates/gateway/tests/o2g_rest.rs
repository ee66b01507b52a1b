//! Contract and error-path tests of the O2G resources served by the simulator, built from the
//! spec's request and response examples, driven in process.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{header, Method, StatusCode};
use common::Harness;
use cti::o2g::agent::{
    AgentConfig, AgentMainState, AgentState, AgentSubState, AgentType, WithdrawReasons,
};
use cti::o2g::comlog::ComHistoryRecords;
use cti::o2g::directory::{ResultCode, SearchResult};
use cti::o2g::event_summary::EventSummary;
use cti::o2g::routing::{DndState, ForwardRoute, ForwardType, RoutingCapabilities, RoutingState};
use cti::o2g::telephony::{
    Call, Calls, DeviceStates, Legs, MediaState, Participants, TelephonicState, UserState,
};
use cti::o2g::ErrorType;

async fn make_call(h: &Harness, credential: &str, body: &str) -> String {
    let reply = h
        .call(Method::POST, "/telephony/calls", credential, Some(body))
        .await;
    reply.assert_status(StatusCode::CREATED);
    let call_ref: String = reply.json();
    let location = reply
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("Location");
    assert_eq!(
        location,
        format!("http://gw.test:8080/api/rest/1.0/telephony/calls/{call_ref}"),
        "AMBIG-26"
    );
    call_ref
}

#[tokio::test]
async fn make_call_answers_201_with_location_and_the_call_is_readable_everywhere() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let bruno = h.sign_in("oxe70121").await;
    // L2689-2697, with the scenario's numbers.
    let call_ref = make_call(
        &h,
        &alice,
        r#"{"deviceId":"70120","callee":"70121","autoAnswer":true}"#,
    )
    .await;

    let calls: Calls = h
        .call(Method::GET, "/telephony/calls", &alice, None)
        .await
        .json();
    assert_eq!(calls.calls.len(), 1);
    assert_eq!(calls.calls[0].call_ref, call_ref);
    let call: Call = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call_ref}"),
            &bruno,
            None,
        )
        .await
        .json();
    assert_eq!(call.legs[0].device_id, "70121");
    assert_eq!(call.legs[0].state, Some(MediaState::RingingIncoming));
    let answer_capability = call.legs[0].capabilities.as_ref().and_then(|c| c.answer);
    assert_eq!(answer_capability, Some(true));

    let participants: Participants = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call_ref}/participants"),
            &bruno,
            None,
        )
        .await
        .json();
    assert_eq!(participants.participants.len(), 1);
    let id = participants.participants[0].participant_id.clone();
    let alice_party = participants.participants[0]
        .identity
        .as_ref()
        .expect("identity");
    assert_eq!(alice_party.id.login_name.as_deref(), Some("oxe70120"));
    h.call(
        Method::GET,
        &format!("/telephony/calls/{call_ref}/participants/{id}"),
        &bruno,
        None,
    )
    .await
    .assert_status(StatusCode::OK);
    let legs: Legs = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call_ref}/deviceLegs"),
            &alice,
            None,
        )
        .await
        .json();
    assert_eq!(legs.legs[0].state, Some(MediaState::RingingOutgoing));
    h.call(
        Method::GET,
        &format!("/telephony/calls/{call_ref}/deviceLegs/70120"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::OK);

    let devices: DeviceStates = h
        .call(Method::GET, "/telephony/devices", &alice, None)
        .await
        .json();
    assert_eq!(devices.device_states[0].device_id, "70120");
    let state: TelephonicState = h
        .call(Method::GET, "/telephony/state", &alice, None)
        .await
        .json();
    assert_eq!(state.user_state, Some(UserState::Busy));
    assert_eq!(state.device_capabilities[0].make_call, Some(true));
    h.call(Method::POST, "/telephony/state/snapshot", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);

    // Answer, then answering again is NOT_EXPECTED.
    let answer = format!("/telephony/calls/{call_ref}/answer");
    h.call(
        Method::POST,
        &answer,
        &bruno,
        Some(r#"{"deviceId":"70121"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let again = h
        .call(
            Method::POST,
            &answer,
            &bruno,
            Some(r#"{"deviceId":"70121"}"#),
        )
        .await;
    again.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(again.error_kind(), ErrorType::NotExpected);
    assert_eq!(again.error().code, Some(1004));

    // Recording per L3502, then an unknown action.
    let recording = format!("/telephony/calls/{call_ref}/recording?action=start");
    h.call(Method::POST, &recording, &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let twice = h.call(Method::POST, &recording, &alice, None).await;
    assert_eq!(twice.error_kind(), ErrorType::NotExpected);
    let bad = h
        .call(
            Method::POST,
            &format!("/telephony/calls/{call_ref}/recording?action=rewind"),
            &alice,
            None,
        )
        .await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(bad.error().code, Some(1006));

    // DELETE releases everybody.
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{call_ref}"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let calls: Calls = h
        .call(Method::GET, "/telephony/calls", &bruno, None)
        .await
        .json();
    assert!(calls.calls.is_empty());
}

#[tokio::test]
async fn basic_call_make_answer_dropme() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let made = h
        .call(
            Method::POST,
            "/telephony/basicCall",
            &alice,
            Some(r#"{"deviceId":"70120","callee":"70140"}"#),
        )
        .await;
    made.assert_status(StatusCode::CREATED);
    let call_ref: String = made.json();
    assert_eq!(
        made.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some(format!("http://gw.test:8080/api/rest/1.0/telephony/basicCall/{call_ref}").as_str()),
        "L2542"
    );
    // No body, as AMBIG-31 allows.
    h.call(Method::POST, "/telephony/basicCall/answer", &marc, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.call(Method::POST, "/telephony/basicCall/dropme", &marc, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let again = h
        .call(Method::POST, "/telephony/basicCall/dropme", &marc, None)
        .await;
    assert_eq!(again.error_kind(), ErrorType::NotExpected);
}

#[tokio::test]
async fn bad_bodies_are_bad_parameter_and_foreign_devices_not_allowed() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    for body in [
        "{",
        "[]",
        r#"{"callee":"70121"}"#,
        r#"{"deviceId":"70120"}"#,
        r#"{"deviceId":"70120","callee":"hello"}"#,
    ] {
        let reply = h
            .call(Method::POST, "/telephony/calls", &alice, Some(body))
            .await;
        reply.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(reply.error_kind(), ErrorType::BadParameter, "{body}");
    }
    let foreign = h
        .call(
            Method::POST,
            "/telephony/calls",
            &alice,
            Some(r#"{"deviceId":"70121","callee":"70140"}"#),
        )
        .await;
    foreign.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(foreign.error_kind(), ErrorType::NotAllowed, "AMBIG-93");
    let unknown = h
        .call(
            Method::POST,
            "/telephony/calls/nope/hold",
            &alice,
            Some(r#"{"deviceId":"70120"}"#),
        )
        .await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(unknown.error().code, Some(1003));
    let action = h
        .call(Method::POST, "/telephony/calls/nope/fly", &alice, None)
        .await;
    action.assert_status(StatusCode::NOT_FOUND);
    let dtmf = make_call(&h, &alice, r#"{"deviceId":"70120","callee":"0123456789"}"#).await;
    let reply = h
        .call(
            Method::POST,
            &format!("/telephony/calls/{dtmf}/sendDtmf"),
            &alice,
            Some(r#"{"deviceId":"70120","number":"12x"}"#),
        )
        .await;
    assert_eq!(reply.error_kind(), ErrorType::BadParameter);
}

#[tokio::test]
async fn requests_without_a_valid_session_are_invalid_session() {
    let h = Harness::new();
    for (method, path) in [
        (Method::GET, "/telephony/calls"),
        (Method::POST, "/acd/agent/ready"),
        (Method::GET, "/eventSummary"),
        (Method::GET, "/routing/dnd"),
        (Method::GET, "/comlog/records"),
    ] {
        let reply = h.call(method, path, "forged", None).await;
        reply.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(reply.error().code, Some(1001), "{path}");
    }
}

#[tokio::test]
async fn agent_lifecycle_per_the_spec_examples() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let config: AgentConfig = h
        .call(Method::GET, "/acd/agent/config", &alice, None)
        .await
        .json();
    assert_eq!(config.agent_type, AgentType::Agent);
    assert_eq!(config.proacd.as_deref(), Some("71120"));
    let groups = config.processing_groups.expect("groups");
    assert_eq!(groups.preferred.as_deref(), Some("60121"));

    let reasons: WithdrawReasons = h
        .call(
            Method::GET,
            "/acd/agent/withdrawReasons?pgNumber=60121",
            &alice,
            None,
        )
        .await
        .json();
    assert_eq!(reasons.number, 5);
    assert_eq!(reasons.reasons[0].index, 1);
    assert_eq!(reasons.reasons[0].label.as_deref(), Some("Lunch"));
    let missing = h
        .call(Method::GET, "/acd/agent/withdrawReasons", &alice, None)
        .await;
    assert_eq!(missing.error_kind(), ErrorType::BadParameter);
    let unknown = h
        .call(
            Method::GET,
            "/acd/agent/withdrawReasons?pgNumber=1",
            &alice,
            None,
        )
        .await;
    unknown.assert_status(StatusCode::NOT_FOUND);

    // Ready while logged off: NOT_EXPECTED.
    let early = h.call(Method::POST, "/acd/agent/ready", &alice, None).await;
    early.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(early.error_kind(), ErrorType::NotExpected);

    // L12647-12697.
    h.call(
        Method::POST,
        "/acd/agent/logon",
        &alice,
        Some(r#"{"proAcdDeviceNumber":"71120","pgGroupNumber":"60121"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let twice = h
        .call(
            Method::POST,
            "/acd/agent/logon",
            &alice,
            Some(r#"{"proAcdDeviceNumber":"71120","pgGroupNumber":"60121"}"#),
        )
        .await;
    assert_eq!(twice.error_kind(), ErrorType::NotExpected);
    h.call(Method::POST, "/acd/agent/ready", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let state: AgentState = h
        .call(Method::GET, "/acd/agent/state", &alice, None)
        .await
        .json();
    assert_eq!(state.main_state, AgentMainState::LogOn);
    assert_eq!(state.sub_state, Some(AgentSubState::Ready));
    assert_eq!(state.pg_number.as_deref(), Some("60121"));
    let raw = h.call(Method::GET, "/acd/agent/state", &alice, None).await;
    assert_eq!(
        String::from_utf8_lossy(&raw.body),
        r#"{"mainState":"LOG_ON","subState":"READY","proAcdDeviceNumber":"71120","pgNumber":"60121"}"#,
        "the representation-table form (AMBIG-67)"
    );

    // The example's string index (L13050, AMBIG-68), then an index out of range.
    h.call(
        Method::POST,
        "/acd/agent/withdraw",
        &alice,
        Some(r#"{"reasonIndex":"1"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let out = h
        .call(
            Method::POST,
            "/acd/agent/withdraw",
            &alice,
            Some(r#"{"reasonIndex":12}"#),
        )
        .await;
    assert_eq!(out.error_kind(), ErrorType::BadParameter);
    // L12350-12430.
    h.call(
        Method::POST,
        "/acd/agent/config/skills/activate",
        &alice,
        Some(r#"{"skills":[1,2]}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let skill = h
        .call(
            Method::POST,
            "/acd/agent/config/skills/deactivate",
            &alice,
            Some(r#"{"skills":[100]}"#),
        )
        .await;
    assert_eq!(skill.error_kind(), ErrorType::BadParameter);
    for action in ["pause", "wrapUp", "ready"] {
        h.call(Method::POST, &format!("/acd/agent/{action}"), &alice, None)
            .await
            .assert_status(StatusCode::NO_CONTENT);
    }
    h.call(Method::POST, "/acd/agent/state/snapshot", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    // Help: request, cancel (AMBIG-71), cancel again is NOT_EXPECTED.
    h.call(Method::POST, "/acd/agent/supervisorHelp", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.call(
        Method::DELETE,
        "/acd/agent/supervisorHelp?other=70130",
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let none = h
        .call(
            Method::DELETE,
            "/acd/agent/supervisorHelp?other=70130",
            &alice,
            None,
        )
        .await;
    assert_eq!(none.error_kind(), ErrorType::NotExpected);
    // exitPG with the group, enterPG back (L12431-12523), logoff.
    h.call(
        Method::POST,
        "/acd/agent/exitPG",
        &alice,
        Some(r#"{"pgGroupNumber":"60121"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    h.call(
        Method::POST,
        "/acd/agent/enterPG",
        &alice,
        Some(r#"{"pgGroupNumber":"60122"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    h.call(Method::POST, "/acd/agent/logoff", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let off: AgentState = h
        .call(Method::GET, "/acd/agent/state", &alice, None)
        .await
        .json();
    assert_eq!(off.main_state, AgentMainState::LogOff);
}

#[tokio::test]
async fn plain_users_are_not_agents() {
    let h = Harness::new();
    let marc = h.sign_in("oxe70140").await;
    let reply = h.call(Method::GET, "/acd/agent/config", &marc, None).await;
    reply.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(reply.error_kind(), ErrorType::NotAllowed);
}

#[tokio::test]
async fn supervisor_intrudes_changes_mode_and_leaves() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let alice = h.sign_in("oxe70120").await;
    let sophie = h.sign_in("oxe70130").await;
    let marc = h.sign_in("oxe70140").await;
    let no_call = h
        .call(
            Method::POST,
            "/acd/agent/intrusion",
            &sophie,
            Some(r#"{"agentNumber":"70120","mode":"restricted"}"#),
        )
        .await;
    assert_eq!(no_call.error_kind(), ErrorType::NotExpected);
    let call = make_call(&h, &marc, r#"{"deviceId":"70140","callee":"70120"}"#).await;
    h.call(
        Method::POST,
        &format!("/telephony/calls/{call}/answer"),
        &alice,
        Some(r#"{"deviceId":"70120"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    // L12562: lower-case mode accepted (AMBIG-70).
    h.call(
        Method::POST,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"agentNumber":"70120","mode":"restricted"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let seen: Call = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            &alice,
            None,
        )
        .await
        .json();
    assert_eq!(seen.participants.len(), 2, "the supervisor joined");
    h.call(
        Method::PUT,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"mode":"DISCRETE"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    h.call(
        Method::PUT,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"mode":"STOP"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let seen: Call = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            &alice,
            None,
        )
        .await
        .json();
    assert_eq!(seen.participants.len(), 1);
    let agent_cannot = h
        .call(
            Method::POST,
            "/acd/agent/permanentListening",
            &alice,
            Some(r#"{"agentNumber":"70121"}"#),
        )
        .await;
    assert_eq!(agent_cannot.error_kind(), ErrorType::NotAllowed);
    h.call(
        Method::POST,
        "/acd/agent/permanentListening",
        &sophie,
        Some(r#"{"agentNumber":"70121"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    h.call(
        Method::DELETE,
        "/acd/agent/permanentListening",
        &sophie,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn missed_call_shows_in_comlog_and_event_summary_until_acknowledged() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let empty: EventSummary = h
        .call(Method::GET, "/eventSummary", &alice, None)
        .await
        .json();
    assert_eq!(empty.missed_calls_nb, Some(0));
    make_call(&h, &marc, r#"{"deviceId":"70140","callee":"70120"}"#).await;
    h.advance(31_000);
    let summary: EventSummary = h
        .call(Method::GET, "/eventSummary", &alice, None)
        .await
        .json();
    assert_eq!(summary.missed_calls_nb, Some(1));
    assert_eq!(summary.event_waiting, Some(true));

    let records: ComHistoryRecords = h
        .call(
            Method::GET,
            "/comlog/records?unacknowledged=true",
            &alice,
            None,
        )
        .await
        .json();
    assert_eq!(records.total_count, Some(1));
    let record = &records.com_history_records[0];
    assert_eq!(record.participants[0].answered, Some(false));
    let id = record.record_id.expect("id");
    h.call(Method::GET, &format!("/comlog/records/{id}"), &alice, None)
        .await
        .assert_status(StatusCode::OK);
    // AMBIG-53: PUT ?acknowledge=true with recordIds.
    h.call(
        Method::PUT,
        "/comlog/records?acknowledge=true",
        &alice,
        Some(&format!(r#"{{"recordIds":[{id}]}}"#)),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let summary: EventSummary = h
        .call(Method::GET, "/eventSummary", &alice, None)
        .await
        .json();
    assert_eq!(summary.missed_calls_nb, Some(0));
    h.call(
        Method::DELETE,
        &format!("/comlog/records/{id}"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let gone = h
        .call(Method::GET, &format!("/comlog/records/{id}"), &alice, None)
        .await;
    gone.assert_status(StatusCode::NOT_FOUND);
    let bad = h
        .call(Method::GET, "/comlog/records?limit=many", &alice, None)
        .await;
    assert_eq!(bad.error_kind(), ErrorType::BadParameter);
}

#[tokio::test]
async fn routing_dnd_and_forward_per_the_spec_examples() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let caps: RoutingCapabilities = h.call(Method::GET, "/routing", &alice, None).await.json();
    assert_eq!(caps.dnd, Some(true));
    h.call(Method::POST, "/routing/dnd", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let dnd: DndState = h
        .call(Method::GET, "/routing/dnd", &alice, None)
        .await
        .json();
    assert!(dnd.activate);
    // A call to a user in DND fails: the caller hears the busy tone (RELEASING) until it
    // hangs up (issue 11, tests/sim_defects_dnd.rs).
    let failed = make_call(&h, &marc, r#"{"deviceId":"70140","callee":"70120"}"#).await;
    let calls: Calls = h
        .call(Method::GET, "/telephony/calls", &marc, None)
        .await
        .json();
    assert_eq!(calls.calls.len(), 1);
    assert_eq!(calls.calls[0].legs[0].state, Some(MediaState::Releasing));
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{failed}"),
        &marc,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    h.call(Method::DELETE, "/routing/dnd", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);

    // L7276-7287.
    h.call(
        Method::POST,
        "/routing/forwardroute",
        &alice,
        Some(r#"{"forwardRoute":{"forwardType":"BUSY","destinations":[{"type":"NUMBER","number":"32539"}]}}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let forward: ForwardRoute = h
        .call(Method::GET, "/routing/forwardroute", &alice, None)
        .await
        .json();
    assert_eq!(forward.forward_type, Some(ForwardType::Busy));
    // L7230-7239: immediate to voicemail; a call then leaves a message.
    h.call(
        Method::POST,
        "/routing/forwardroute",
        &alice,
        Some(r#"{"forwardRoute":{"destinations":[{"type":"VOICEMAIL"}]}}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    make_call(&h, &marc, r#"{"deviceId":"70140","callee":"70120"}"#).await;
    let summary: EventSummary = h
        .call(Method::GET, "/eventSummary", &alice, None)
        .await
        .json();
    assert_eq!(summary.voice_messages_nb, Some(1));
    let state: RoutingState = h
        .call(Method::GET, "/routing/state", &alice, None)
        .await
        .json();
    assert_eq!(state.forward_routes.len(), 1);
    h.call(Method::POST, "/routing/state/snapshot", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.call(Method::DELETE, "/routing/forwardroute", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let bad = h
        .call(
            Method::POST,
            "/routing/forwardroute",
            &alice,
            Some(r#"{"forwardRoute":{"destinations":[]}}"#),
        )
        .await;
    assert_eq!(bad.error_kind(), ErrorType::BadParameter);
}

#[tokio::test]
async fn directory_search_in_three_steps() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    // L6716-6739's AND example, with the scenario's names.
    h.call(
        Method::POST,
        "/directory/search",
        &alice,
        Some(r#"{"filter":{"operation":"AND","operand":[{"field":"firstName","operation":"BEGIN_WITH","operand":"bru"},{"field":"lastName","operation":"BEGIN_WITH","operand":"pet"}]}}"#),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let first: SearchResult = h
        .call(Method::GET, "/directory/search", &alice, None)
        .await
        .json();
    assert_eq!(first.result_code, Some(ResultCode::Ok));
    let contact = &first.result_elements[0].contacts[0];
    assert_eq!(contact.last_name.as_deref(), Some("Petit"));
    let then: SearchResult = h
        .call(Method::GET, "/directory/search", &alice, None)
        .await
        .json();
    assert_eq!(then.result_code, Some(ResultCode::Finish));
    h.call(Method::DELETE, "/directory/search", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let none = h.call(Method::GET, "/directory/search", &alice, None).await;
    assert_eq!(none.error_kind(), ErrorType::NotExpected);
}

#[tokio::test]
async fn the_directory_names_the_pilots_to_transfer_a_caller_to() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    h.call(
        Method::POST,
        "/directory/search",
        &alice,
        Some(r#"{"filter":{"field":"lastName","operation":"BEGIN_WITH","operand":"support"}}"#),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let found: SearchResult = h
        .call(Method::GET, "/directory/search", &alice, None)
        .await
        .json();
    let contact = &found.result_elements[0].contacts[0];
    assert_eq!(contact.last_name.as_deref(), Some("Support line"));
    let id = contact.id.as_ref().expect("a number to call");
    assert_eq!(id.phone_number.as_deref(), Some("60142"));
    assert_eq!(id.login_name, None, "a pilot is nobody's login");
}

#[tokio::test]
async fn scenario_api_injects_lists_and_advances() {
    let h = Harness::with(|s| s.bots.retain(|b| b.number == "70150"), Some(0.0));
    let injected = h
        .plain(
            Method::POST,
            "/api/sim/calls",
            Some(r#"{"pilot":"60141","caller":"+33699999999"}"#),
        )
        .await;
    injected.assert_status(StatusCode::CREATED);
    let calls: serde_json::Value = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    assert_eq!(calls[0]["status"], "ringing", "Emma rings: {calls}");
    let agents: serde_json::Value = h.plain(Method::GET, "/api/sim/agents", None).await.json();
    let emma = agents
        .as_array()
        .and_then(|a| a.iter().find(|x| x["number"] == "70150"))
        .expect("Emma");
    assert_eq!(emma["state"], "BUSY");
    let advanced: serde_json::Value = h
        .plain(Method::POST, "/api/sim/advance", Some(r#"{"ms":3000}"#))
        .await
        .json();
    assert_eq!(advanced["now"], 3000);
    let calls: serde_json::Value = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    assert_eq!(calls[0]["status"], "talking");
    let unknown = h
        .plain(Method::POST, "/api/sim/calls", Some(r#"{"pilot":"1"}"#))
        .await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    let bad = h
        .plain(Method::POST, "/api/sim/advance", Some(r#"{"ms":-1}"#))
        .await;
    bad.assert_status(StatusCode::BAD_REQUEST);
}
