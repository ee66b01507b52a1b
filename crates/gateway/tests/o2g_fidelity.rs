//! O2G as ALE's own client libraries speak it (issue 11, "O2G fidelity"): the chunk channel
//! opened with POST, the opening `OnChannelInformation`, the session's service list, `/users`
//! and `/logins`, record ids as numeric strings.

// Helpers outside #[test] functions may also expect: a failed step is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{event, line, Harness, KEEPALIVE};
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

/// The first `\n`-terminated line of a streamed body (panics after `within`).
async fn first_line(body: &mut Body, within: Duration) -> String {
    let mut buffer = Vec::new();
    loop {
        if let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            return String::from_utf8(buffer[..end].to_vec()).expect("utf-8");
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
    let response = h
        .response(
            Request::builder()
                .method(method)
                .uri(format!("/OTEvents?subscriptionId={id}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.into_body()
}

#[tokio::test]
async fn the_chunk_channel_opens_with_post_as_alcs_client_does() {
    let h = Harness::new();
    let (_, id) = h.subscribed("oxe70120").await;
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    let mut body = open_chunk(&h, Method::POST, &id).await;
    assert_eq!(
        first_line(&mut body, Duration::from_secs(5)).await,
        KEEPALIVE
    );
    let mut rest = Vec::new();
    while !rest.contains(&b'\n') {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("in time")
            .expect("open")
            .expect("frame");
        if let Ok(data) = frame.into_data() {
            rest.extend_from_slice(&data);
        }
    }
    let text = String::from_utf8(rest).expect("utf-8");
    assert!(text.contains(&line("oxe70120", 1)), "{text}");
}

#[tokio::test]
async fn a_chunk_channel_says_on_channel_information_as_it_opens() {
    let h = production_keepalive();
    let (_, id) = h.subscribed("oxe70120").await;
    for method in [Method::GET, Method::POST] {
        let started = Instant::now();
        let mut body = open_chunk(&h, method.clone(), &id).await;
        let first = first_line(&mut body, Duration::from_secs(2)).await;
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
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
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
