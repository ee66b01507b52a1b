//! O2G as ALE's own client libraries speak it (issue 11, "O2G fidelity"): the chunk channel
//! opened with POST, the opening `OnChannelInformation`, the session's service list, `/users`
//! and `/logins`, record ids as numeric strings.

// Helpers outside #[test] functions may also expect: a failed step is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, StatusCode};
use common::{event, line, Harness, KEEPALIVE};
use cti::o2g::comlog::ComHistoryRecord;
use cti::o2g::session::SessionInfo;
use cti::o2g::user::{DeviceType, LoginsResponse, User};
use cti::o2g::ErrorType;
use futures_util::StreamExt;
use gateway::clock::Clock;
use gateway::events::HubConfig;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::AppState;
use http_body_util::BodyExt;
use tokio_tungstenite::tungstenite::Message;

/// A gateway whose keep-alives come after the production minute of silence, so that anything
/// the channel says at once is not an idle keep-alive.
fn production_keepalive() -> Harness {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    let hub = HubConfig {
        keepalive_idle: Duration::from_secs(60),
        ..HubConfig::default()
    };
    let state = AppState::with_hub(scenario, Clock::manual(), "/nonexistent-dist".into(), hub)
        .with_simulator(0, Some(0.0), 1.0);
    Harness::on(state)
}

/// The next `\n`-terminated line of a streamed body, `buffer` keeping what follows it
/// (panics after `within`).
async fn next_line(body: &mut Body, buffer: &mut Vec<u8>, within: Duration) -> String {
    loop {
        if let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            return String::from_utf8(line[..end].to_vec()).expect("utf-8");
        }
        let frame = tokio::time::timeout(within, body.frame())
            .await
            .expect("the channel spoke in time")
            .expect("the channel is open")
            .expect("frame");
        if let Ok(data) = frame.into_data() {
            buffer.extend_from_slice(&data);
        }
    }
}

/// Opens the chunk channel of `id` with `method` and returns its streamed body.
async fn open_chunk(h: &Harness, method: Method, id: &str) -> Body {
    let response = h.response(h.channel_request(method, id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.into_body()
}

#[tokio::test]
async fn the_chunk_channel_opens_with_post_as_alcs_client_does() {
    let h = Harness::new();
    let (_, id) = h.subscribed("oxe70120").await;
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    let mut body = open_chunk(&h, Method::POST, &id).await;
    let mut buffer = Vec::new();
    let within = Duration::from_secs(5);
    assert_eq!(next_line(&mut body, &mut buffer, within).await, KEEPALIVE);
    assert_eq!(
        next_line(&mut body, &mut buffer, within).await,
        line("oxe70120", 1)
    );
}

#[tokio::test]
async fn a_chunk_channel_says_on_channel_information_as_it_opens() {
    let h = production_keepalive();
    let (_, id) = h.subscribed("oxe70120").await;
    for method in [Method::GET, Method::POST] {
        let started = Instant::now();
        let mut body = open_chunk(&h, method.clone(), &id).await;
        let first = next_line(&mut body, &mut Vec::new(), Duration::from_secs(2)).await;
        assert_eq!(first, KEEPALIVE, "{method}");
        let took = started.elapsed();
        assert!(took < Duration::from_secs(1), "{method}: {took:?}");
        eprintln!("{method} /OTEvents: first OnChannelInformation after {took:?}");
    }
}

#[tokio::test]
async fn a_websocket_channel_says_on_channel_information_as_it_opens() {
    let h = production_keepalive();
    let addr = common::serve_over_tcp(h.router.clone()).await;
    let (_, id) = h.subscribed("oxe70120").await;
    let started = Instant::now();
    let url = format!("ws://{addr}/OTEvents/ws?subscriptionId={id}");
    let (mut ws, _) =
        tokio_tungstenite::connect_async(common::ws_request(&url, &h.owner_cookie(&id)))
            .await
            .expect("upgrade");
    let first = tokio::time::timeout(Duration::from_secs(2), ws.next())
        .await
        .expect("a message in time");
    let took = started.elapsed();
    match first {
        Some(Ok(Message::Text(text))) => assert_eq!(text.as_str(), KEEPALIVE),
        other => panic!("expected the greeting, got {other:?}"),
    }
    assert!(took < Duration::from_secs(1), "{took:?}");
    eprintln!("WebSocket: first OnChannelInformation after {took:?} (connect included)");
}

/// The session's services, as `POST /sessions` and `GET /sessions` give them.
async fn session_services(h: &Harness, credential: &str) -> Vec<(String, String)> {
    let info: SessionInfo = h
        .call(Method::GET, "/sessions", credential, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    info.services
        .into_iter()
        .map(|s| (s.service_name, s.relative_url))
        .collect()
}

#[tokio::test]
async fn the_session_lists_every_service_served_under_the_names_clients_look_up() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let services = session_services(&h, &alice).await;
    // The spec's user-session example (L780-831), then the contact-centre services.
    let mut expected: Vec<(String, String)> = cti::o2g::session::user_services()
        .into_iter()
        .map(|s| (s.service_name, s.relative_url))
        .collect();
    expected.push(("AcdAgent".into(), "/acd/agent".into()));
    expected.push(("AcdRealtime".into(), "/acd/rti".into()));
    expected.push(("AcdPilotMonitoring".into(), "/acd/pilotmonitoring".into()));
    expected.push(("AcdManagement".into(), "/acd".into()));
    assert_eq!(expected.len(), 14);
    assert_eq!(services, expected);
    // A client that finds its URLs by name, as ALE's libraries do (lower-cased), reaches
    // every service: a known resource under each answers, none is an unknown resource.
    let url = |name: &str| {
        services
            .iter()
            .find(|(n, _)| n.to_lowercase() == name)
            .map(|(_, u)| u.clone())
            .unwrap_or_else(|| panic!("no service {name}"))
    };
    for (name, below) in [
        ("users", "/oxe70120"),
        ("telephony", ""),
        ("logins", ""),
        ("devices", ""),
        ("state", ""),
        ("eventsummary", ""),
        ("routing", ""),
        ("comlog", ""),
        ("acdagent", "/state"),
        ("acdagent", "/config"),
    ] {
        let path = format!("{}{below}", url(name));
        let reply = h.call(Method::GET, &path, &alice, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{name}: GET {path}");
    }
    // The directory and subscriptions are POSTed to; their resources exist.
    let search = h
        .call(
            Method::POST,
            &format!("{}/search", url("directory")),
            &alice,
            Some(r#"{"filter":{"field":"LASTNAME","operation":"BEGINS_WITH","value":"a"}}"#),
        )
        .await;
    assert_ne!(search.status, StatusCode::NOT_FOUND, "directory search");
    let subscribe = h
        .call(
            Method::POST,
            &url("subscriptions"),
            &alice,
            Some(r#"{"version":"1.0"}"#),
        )
        .await;
    assert_eq!(subscribe.status, StatusCode::OK, "subscribe");
}

#[tokio::test]
async fn a_user_reads_its_own_account_with_devices_and_others_without() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let own: User = h
        .call(Method::GET, "/users/oxe70120", &alice, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(own.login_name.as_deref(), Some("oxe70120"));
    assert_eq!(own.company_phone.as_deref(), Some("70120"));
    assert_eq!(own.first_name.as_deref(), Some("Alice"));
    assert!(own.last_name.is_some());
    assert_eq!(own.node_id.as_deref(), Some(gateway::fronts::o2g::NODE_ID));
    assert_eq!(own.devices.len(), 1);
    assert_eq!(own.devices[0].device_type, Some(DeviceType::Deskphone));
    assert_eq!(own.devices[0].id.as_deref(), Some("70120"));

    // Someone else: names, number and node, no devices (L1649-1653).
    let other: User = h
        .call(Method::GET, "/users/oxe70121", &alice, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(other.login_name.as_deref(), Some("oxe70121"));
    assert!(other.devices.is_empty());
    let by_phone: User = h
        .call(Method::GET, "/users?companyPhone=70121", &alice, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(by_phone, other);

    // Errors are RestErrorInfo.
    let unknown = h.call(Method::GET, "/users/oxe99999", &alice, None).await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(unknown.error_kind(), ErrorType::NotFound);
    let no_criterion = h.call(Method::GET, "/users", &alice, None).await;
    no_criterion.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(no_criterion.error_kind(), ErrorType::BadParameter);
    let no_session = h.call(Method::GET, "/users/oxe70120", "nope", None).await;
    assert_eq!(no_session.error_kind(), ErrorType::InvalidSession);
}

#[tokio::test]
async fn logins_gives_a_user_its_own_login_and_refuses_the_administrator_criteria() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let logins: LoginsResponse = h
        .call(Method::GET, "/logins", &alice, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(logins.login_names, ["oxe70120"]);
    for query in [
        "nodeIds=1",
        "onlyACD",
        "onlyWithExtLogin",
        "nodeIds=5,7&onlyACD",
    ] {
        let refused = h
            .call(Method::GET, &format!("/logins?{query}"), &alice, None)
            .await;
        refused.assert_status(StatusCode::FORBIDDEN);
        let error = refused.error();
        assert_eq!(error.kind(), ErrorType::NotAllowed, "{query}");
        assert_eq!(error.code, Some(1002), "{query}");
    }
}

async fn acknowledged(h: &Harness, alice: &str, id: i64) -> Option<bool> {
    let record: ComHistoryRecord = h
        .call(Method::GET, &format!("/comlog/records/{id}"), alice, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    record.acknowledged
}

#[tokio::test]
async fn record_ids_may_be_numeric_strings_in_the_comlog_bodies() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let id = common::missed_call_record(&h, &alice, &marc).await;
    assert_eq!(acknowledged(&h, &alice, id).await, Some(false));
    let as_string = format!(r#"{{"recordIds":["{id}"]}}"#);
    for (method, ack) in [
        (Method::PUT, true),
        (Method::POST, false),
        (Method::POST, true),
    ] {
        h.call(
            method.clone(),
            &format!("/comlog/records?acknowledge={ack}"),
            &alice,
            Some(&as_string),
        )
        .await
        .assert_status(StatusCode::NO_CONTENT);
        assert_eq!(
            acknowledged(&h, &alice, id).await,
            Some(ack),
            "{method} {ack}"
        );
    }
    // Not a number: BAD_PARAMETER in RestErrorInfo form.
    let garbage = h
        .call(
            Method::PUT,
            "/comlog/records?acknowledge=true",
            &alice,
            Some(r#"{"recordIds":["twelve"]}"#),
        )
        .await;
    garbage.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(garbage.error_kind(), ErrorType::BadParameter);
    // Query and path ids are strings by nature, with or without spaces after commas.
    h.call(
        Method::DELETE,
        &format!("/comlog/records?recordIdList={id},%20{id}"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let gone = h
        .call(Method::GET, &format!("/comlog/records/{id}"), &alice, None)
        .await;
    assert_eq!(gone.error_kind(), ErrorType::NotFound);
}
