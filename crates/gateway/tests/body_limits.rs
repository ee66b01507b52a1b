//! Bodies are read only up to the largest legal one (issue 17, defect 1): a larger one is a
//! 413 in the front's own error shape, and a legal one still passes.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::Harness;
use gateway::error::REST_BODY_LIMIT;

/// A call request padded with associated data to `size` bytes.
fn call_of_size(size: usize) -> String {
    let head = r#"{"deviceId":"70120","callee":"70140","associatedData":""#;
    let tail = r#""}"#;
    let pad = "a".repeat(size - head.len() - tail.len());
    format!("{head}{pad}{tail}")
}

#[tokio::test]
async fn an_o2g_body_over_the_limit_is_a_413_rest_error_info() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let alice = h.sign_in("oxe70120").await;

    let too_big = call_of_size(REST_BODY_LIMIT + 1);
    let refused = h
        .call(Method::POST, "/telephony/calls", &alice, Some(&too_big))
        .await;
    refused.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.error_kind(), cti::o2g::ErrorType::BadParameter);

    // The same request at a legal size is not refused for its size.
    let legal = call_of_size(1024);
    let reply = h
        .call(Method::POST, "/telephony/calls", &alice, Some(&legal))
        .await;
    assert_ne!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.text()
    );
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_the_body_is_read() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    // 2 MiB announced, as the stalled-body flood did; the scenario API needs no session.
    let request = Request::post("/api/sim/calls")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, "2097152")
        .body(Body::from(vec![b' '; 2 * 1024 * 1024]))
        .expect("request");
    let refused = h.send(request).await;
    refused.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.error_kind(), cti::o2g::ErrorType::BadParameter);
}

#[tokio::test]
async fn a_xuc_login_over_the_limit_is_a_413_in_xucs_shape() {
    let h = Harness::new();
    let body = format!(
        r#"{{"login":"bob","password":"{}"}}"#,
        "p".repeat(REST_BODY_LIMIT)
    );
    let request = Request::post(cti::xuc::auth::LOGIN_PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .expect("request");
    let refused = h.send(request).await;
    refused.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    let error: serde_json::Value = refused.json();
    assert_eq!(error["error"], "InvalidJson", "{error}");
}

#[tokio::test(start_paused = true)]
async fn a_body_that_stalls_is_dropped_after_the_timeout() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    // A first chunk, then nothing: the stalled-body flood's connection.
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(
        axum::body::Bytes::from_static(b"{\"pilot\":"),
    )]);
    let stalled = futures_util::StreamExt::chain(first, futures_util::stream::pending());
    let request = Request::post("/api/sim/calls")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, "4000")
        .body(Body::from_stream(stalled))
        .expect("request");
    let started = tokio::time::Instant::now();
    // Without the timeout the gateway would wait forever; the test gives up at three times it.
    let refused = tokio::time::timeout(gateway::error::REST_BODY_TIMEOUT * 3, h.send(request))
        .await
        .expect("the gateway still waits for the stalled body");
    assert!(started.elapsed() >= gateway::error::REST_BODY_TIMEOUT);
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "{}",
        refused.text()
    );
    assert_eq!(refused.error_kind(), cti::o2g::ErrorType::BadParameter);
}
