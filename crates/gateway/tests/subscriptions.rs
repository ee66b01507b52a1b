//! `/api/rest/1.0/subscriptions`: the spec's request/response examples (L2187-2268), selector
//! rules, filter updates, deletion, and the tie between sessions and subscriptions.

// Helpers outside #[test] functions may also expect: a failed step is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::{Method, StatusCode};
use common::{event, Harness};
use cti::o2g::subscription::SubscriptionState;
use cti::o2g::ErrorType;
use gateway::events::Take;

#[tokio::test]
async fn spec_example_two_packages_is_accepted_with_same_origin_polling_urls() {
    // L2187-2205, with userA = the session's own login.
    let h = Harness::new();
    let credential = h.sign_in("oxe70120").await;
    let reply = h
        .subscribe(
            &credential,
            r#"{"filter":{"selectors":[{"ids":["oxe70120"],"names":["telephony"]},{"ids":["oxe70120"],"names":["eventSummary"]}]},"version":"1.0"}"#,
        )
        .await;
    let subscription = reply.subscription();
    assert_eq!(subscription.status, SubscriptionState::Accepted);
    let id = subscription.subscription_id.clone().expect("an id");
    let url = format!("http://gw.test:8080/OTEvents?subscriptionId={id}");
    assert_eq!(
        subscription.public_polling_url.as_deref(),
        Some(url.as_str())
    );
    assert_eq!(
        subscription.private_polling_url.as_deref(),
        Some(url.as_str())
    );
    assert_eq!(subscription.mode.as_deref(), Some("CHUNK"));
    assert_eq!(subscription.format.as_deref(), Some("JSON"));
    assert!(reply.text().contains(r#""status":"ACCEPTED""#));
}

#[tokio::test]
async fn spec_examples_for_administrators_are_refused_to_a_user_session() {
    let h = Harness::new();
    let credential = h.sign_in("oxe70120").await;
    let examples = [
        // All users (L2207-2217), with the undocumented families/origins and sessionId.
        r#"{"filter":{"selectors":[{"ids":["*"],"names":["telephony"],"families":[],"origins":[]}]},"sessionId":"x","version":"1.0","timeout":60}"#,
        // System (L2219-2228).
        r#"{"filter":{"selectors":[{"names":["system"]}]},"version":"1.0"}"#,
        // PBX management (L2230-2239).
        r#"{"filter":{"selectors":[{"names":["pbxManagement"]}]},"version":"1.0"}"#,
        // Pilot and RSI (L2258-2268).
        r#"{"filter":{"selectors":[{"ids":["60141"],"names":["pilot"]},{"ids":["65000"],"names":["rsi"]}]},"version":"1.0"}"#,
        // Webhook (L2241-2256).
        r#"{"filter":{"selectors":[{"ids":["oxe70120"],"names":["telephony"]}]},"version":"1.0","webHookUrl":"https://172.25.152.114:8091/webHookOTEvent"}"#,
        // Someone else's login.
        r#"{"filter":{"selectors":[{"ids":["oxe70121"],"names":["telephony"]}]},"version":"1.0"}"#,
        // Two packages in one selector (L2106).
        r#"{"filter":{"selectors":[{"names":["OnCallCreated","OnAgentStateChanged"]}]},"version":"1.0"}"#,
    ];
    for body in examples {
        let subscription = h.subscribe(&credential, body).await.subscription();
        assert_eq!(subscription.status, SubscriptionState::Refused, "{body}");
        assert!(subscription.subscription_id.is_none());
        assert!(subscription.message.is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(h.state.events.metrics().subscriptions, 0);
}

#[tokio::test]
async fn bad_timeout_version_or_body_is_bad_parameter_and_no_session_is_invalid_session() {
    let h = Harness::new();
    let credential = h.sign_in("oxe70120").await;
    for body in [
        r#"{"version":"1.0","timeout":1}"#,
        r#"{"version":"1.0","timeout":61}"#,
        r#"{"version":"2.0"}"#,
        r#"{"version":"1.0","timeout":"soon"}"#,
        r#"{"filter":"#,
    ] {
        let reply = h.subscribe(&credential, body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.error().kind(), ErrorType::BadParameter);
    }
    for body in [
        r#"{"version":"1.0","timeout":0}"#,
        r#"{"version":"1.0","timeout":2}"#,
        r#"{"version":"1.0","timeout":"60"}"#,
        r#"{"version":"1.0"}"#,
    ] {
        let subscription = h.subscribe(&credential, body).await.subscription();
        assert_eq!(subscription.status, SubscriptionState::Accepted, "{body}");
    }
    let nobody = h
        .subscribe("not-a-credential", r#"{"version":"1.0"}"#)
        .await;
    assert_eq!(nobody.status, StatusCode::FORBIDDEN);
    assert_eq!(nobody.error().kind(), ErrorType::InvalidSession);
}

#[tokio::test]
async fn missing_ids_default_to_the_session_login_and_events_are_filtered() {
    let h = Harness::new();
    let credential = h.sign_in("oxe70120").await;
    let subscription = h
        .subscribe(
            &credential,
            r#"{"filter":{"selectors":[{"names":["OnUserInfoChanged"]}]},"version":"1.0","timeout":0}"#,
        )
        .await
        .subscription();
    let id = subscription.subscription_id.expect("id");
    let live = h.state.events.get(&id, h.clock.now()).expect("live");
    assert_eq!(live.login(), "oxe70120");
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    h.state.events.publish("oxe70121", event("oxe70121", 2));
    h.state
        .events
        .publish("oxe70120", common::user_state("oxe70120"));
    let generation = live_generation(&h, &id);
    let Take::Events(events) = live.take(generation) else {
        panic!("one event expected")
    };
    assert_eq!(events.len(), 1);
    assert_eq!(&*events[0], common::line("oxe70120", 1));
}

/// Attaches a channel the way the channel handlers do, for looking at the queue directly.
fn live_generation(h: &Harness, id: &str) -> u64 {
    let cookie = h.owner_cookie(id);
    let credential = cookie.trim_start_matches("AlcUserId=");
    let consumer =
        gateway::fronts::o2g::channel::Consumer::open(&h.state, id, credential).expect("opens");
    // Leak the consumer's attachment on purpose: dropping it would only detach.
    let generation = consumer.generation();
    std::mem::forget(consumer);
    generation
}

#[tokio::test]
async fn put_replaces_the_filter_of_the_latest_subscription() {
    let h = Harness::new();
    let (credential, id) = h.subscribed("oxe70120").await;
    let put = h
        .call(
            Method::PUT,
            "/api/rest/1.0/subscriptions",
            &credential,
            Some(r#"{"selectors":[{"ids":["oxe70120"],"names":["telephony"]}]}"#),
        )
        .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT, "{}", put.text());
    assert!(put.body.is_empty());
    let live = h.state.events.get(&id, h.clock.now()).expect("live");
    let generation = live_generation(&h, &id);
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    assert!(
        matches!(live.take(generation), Take::Empty),
        "user no longer selected"
    );
    h.state
        .events
        .publish("oxe70120", common::user_state("oxe70120"));
    assert!(matches!(live.take(generation), Take::Events(e) if e.len() == 1));
    let refused = h
        .call(
            Method::PUT,
            "/api/rest/1.0/subscriptions",
            &credential,
            Some(r#"{"selectors":[{"ids":["*"],"names":["telephony"]}]}"#),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let other = h.sign_in("oxe70121").await;
    let none = h
        .call(
            Method::PUT,
            "/api/rest/1.0/subscriptions",
            &other,
            Some(r#"{"selectors":[{"names":["telephony"]}]}"#),
        )
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    assert_eq!(none.error().kind(), ErrorType::NotFound);
}

#[tokio::test]
async fn delete_is_204_once_then_404_and_only_for_the_owner() {
    let h = Harness::new();
    let (credential, id) = h.subscribed("oxe70120").await;
    let stranger = h.sign_in("oxe70121").await;
    let path = format!("/api/rest/1.0/subscriptions/{id}");
    let not_yours = h.call(Method::DELETE, &path, &stranger, None).await;
    assert_eq!(not_yours.status, StatusCode::NOT_FOUND);
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    let deleted = h.call(Method::DELETE, &path, &credential, None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(h.state.events.metrics().dropped, 1, "its queued event went");
    let again = h.call(Method::DELETE, &path, &credential, None).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(again.error().kind(), ErrorType::NotFound);
}

#[tokio::test]
async fn closing_or_expiring_a_session_drops_its_subscriptions() {
    let h = Harness::new();
    let (closing, _) = h.subscribed("oxe70120").await;
    let (_expiring, _) = h.subscribed("oxe70121").await;
    let (_staying, _) = h.subscribed("oxe70122").await;
    assert_eq!(h.state.events.metrics().subscriptions, 3);
    let closed = h
        .call(Method::DELETE, "/api/rest/1.0/sessions", &closing, None)
        .await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT);
    assert_eq!(h.state.events.metrics().subscriptions, 2);
    // Past the 30-minute time-to-live, the purge ends both other sessions.
    h.clock.advance(std::time::Duration::from_secs(31 * 60));
    assert_eq!(h.state.sessions.purge(h.clock.now()), 2);
    assert_eq!(h.state.events.metrics().subscriptions, 0);
}
