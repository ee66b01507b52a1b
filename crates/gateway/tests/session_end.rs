//! A session that ends without the agent logging off, through `app(state)` (issue 11, defect
//! 2, the gateway's part): when a user's last session is closed or expires, a logged-on agent
//! stops taking ACD calls (PAUSE), stays logged on, and a call in progress is not cut.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{Method, StatusCode};
use common::Harness;

fn harness() -> Harness {
    Harness::with(|s| s.bots.clear(), Some(0.0))
}

async fn close(h: &Harness, credential: &str) {
    h.call(Method::DELETE, "/sessions", credential, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
}

fn call_status(h: &Harness, call: &str) -> Option<&'static str> {
    h.state
        .simulator()
        .unwrap()
        .live_calls()
        .into_iter()
        .find(|c| c.call_ref == call)
        .map(|c| c.status)
}

#[tokio::test]
async fn closing_the_last_session_of_a_ready_agent_pauses_it() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let second_window = h.sign_in("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    // Another window of the same user is still there: nothing changes.
    close(&h, &second_window).await;
    assert_eq!(h.agent_state("oxe70120").await, "READY");
    close(&h, &alice).await;
    assert_eq!(h.agent_state("oxe70120").await, "PAUSE");
    // An ACD call now waits in the queue instead of ringing on an empty desk.
    let call = h.inject("60141", "+33612345678").await;
    assert_eq!(call_status(&h, &call), Some("queued"));
    // Signing in again finds the agent logged on, paused, free to go ready.
    let back = h.sign_in("oxe70120").await;
    h.call(Method::POST, "/acd/agent/ready", &back, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(call_status(&h, &call), Some("ringing"));
}

#[tokio::test]
async fn an_expired_session_pauses_a_ready_agent_and_one_in_wrap_up() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let bruno = h.sign_in("oxe70121").await;
    let marc = h.sign_in("oxe70140").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    h.log_on_ready(&bruno, "71121", "60121").await;
    // Bruno takes a call and hangs up: wrap-up, which would end in READY.
    let call = h.inject("60141", "+33612345678").await;
    let ringing_at = if h.agent_state("oxe70120").await == "BUSY" {
        (&alice, "71120", "oxe70120")
    } else {
        (&bruno, "71121", "oxe70121")
    };
    h.answer(ringing_at.0, &call, ringing_at.1).await;
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{call}"),
        ringing_at.0,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(h.agent_state(ringing_at.2).await, "WRAPUP");
    // Marc keeps his session alive; the agents' expire (30 min without a request).
    for _ in 0..31 {
        h.advance(60_000);
        h.call(Method::POST, "/sessions/keepalive", &marc, None)
            .await
            .assert_status(StatusCode::NO_CONTENT);
    }
    assert_eq!(h.state.sessions.purge(h.clock.now()), 2);
    assert_eq!(h.agent_state("oxe70120").await, "PAUSE");
    assert_eq!(h.agent_state("oxe70121").await, "PAUSE");
    // Plain users are not agents: nothing to change for Marc's own session end.
    close(&h, &marc).await;
}

#[tokio::test]
async fn a_call_in_progress_goes_on_and_the_agent_pauses_when_it_ends() {
    let h = harness();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    // Marc calls the Sales pilot; the call is distributed to Alice, who answers.
    let call = h.dial(&marc, "70140", "60141").await;
    h.answer(&alice, &call, "71120").await;
    close(&h, &alice).await;
    assert_eq!(call_status(&h, &call), Some("talking"), "not cut");
    assert_eq!(h.agent_state("oxe70120").await, "BUSY");
    // Marc hangs up: no wrap-up into READY, PAUSE at once.
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{call}"),
        &marc,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(h.agent_state("oxe70120").await, "PAUSE");
    h.advance(60_000);
    assert_eq!(h.agent_state("oxe70120").await, "PAUSE");
}
