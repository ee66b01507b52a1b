//! Issue 17, "Resilience and security", the gateway side: each test here failed on the
//! gateway before its fix. Bodies and sessions, sign-in throttling, timeouts and caps, the
//! scenario API's switch, per-login caps, the event channel's authorisation, stuck readers,
//! reflected headers, cookies and CSP, frame limits, shutdown and request logs.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Harness;

/// A body that sends its first bytes, then nothing: a connection of the stalled-body flood.
fn stalled_body() -> Body {
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(
        axum::body::Bytes::from_static(b"{\"deviceId\":"),
    )]);
    Body::from_stream(futures_util::StreamExt::chain(
        first,
        futures_util::stream::pending(),
    ))
}

// ---------------------------------------------------------------- defect 1: session first

#[tokio::test(start_paused = true)]
async fn a_body_without_a_live_credential_is_refused_before_it_is_read() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    for cookie in ["AlcUserId=made-up", "other=1"] {
        let request = Request::post("/api/rest/1.0/telephony/calls")
            .header(header::HOST, common::HOST)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, "4000")
            .body(stalled_body())
            .expect("request");
        let started = tokio::time::Instant::now();
        // Before: the handler waited for the body (until the 10 s body timeout) and only then
        // looked at the session. Now the headers alone are enough to refuse it.
        let refused = h.send(request).await;
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{cookie}: the body was waited for ({:?})",
            started.elapsed()
        );
        refused.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(
            refused.error_kind(),
            cti::o2g::ErrorType::InvalidSession,
            "{cookie}"
        );
    }
    // A credential that has no session yet still opens one (POST /sessions has a body).
    h.sign_in("oxe70120").await;
}
