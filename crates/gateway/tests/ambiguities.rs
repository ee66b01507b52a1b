//! One test per documented O2G ambiguity whose decision lives in the gateway (digest §8,
//! `docs/ambiguities.md`): each asserts the exact status, body field or header of the
//! decision recorded in `docs/decisions.md`. Driven in process on the simulator harness.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::Harness;
use cti::o2g::auth::AuthenticationResponse;
use cti::o2g::comlog::ComHistoryRecords;
use cti::o2g::session::SessionInfo;
use cti::o2g::subscription::{Subscription, SubscriptionState};
use cti::o2g::telephony::Call;
use cti::o2g::{decode, ErrorType};
use gateway::clock::Clock;
use gateway::events::HubConfig;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::{app, AppState};
use http_body_util::BodyExt;
use tower::ServiceExt;

const USER_SUBSCRIPTION: &str =
    r#"{"filter":{"selectors":[{"names":["telephony"]}]},"version":"1.0","timeout":0}"#;

/// `POST /telephony/calls`; the new callRef.
async fn make_call(h: &Harness, credential: &str, from: &str, to: &str) -> String {
    let reply = h
        .call(
            Method::POST,
            "/telephony/calls",
            credential,
            Some(&format!(r#"{{"deviceId":"{from}","callee":"{to}"}}"#)),
        )
        .await;
    reply.assert_status(StatusCode::CREATED);
    reply.json()
}

/// Alice (70120) called by Marc (70140), answered: the call reference.
async fn answered_call(h: &Harness, alice: &str, marc: &str) -> String {
    let call = make_call(h, marc, "70140", "70120").await;
    h.call(
        Method::POST,
        &format!("/telephony/calls/{call}/answer"),
        alice,
        Some(r#"{"deviceId":"70120"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    call
}

async fn subscribe(h: &Harness, credential: &str, body: &str) -> Subscription {
    let reply = h
        .call(Method::POST, "/subscriptions", credential, Some(body))
        .await;
    reply.assert_status(StatusCode::OK);
    decode("Subscription", &reply.body).expect("a Subscription")
}

async fn unacknowledged(h: &Harness, alice: &str) -> Option<i32> {
    let records: ComHistoryRecords = h
        .call(
            Method::GET,
            "/comlog/records?unacknowledged=true",
            alice,
            None,
        )
        .await
        .json();
    records.total_count
}

async fn participants(h: &Harness, credential: &str, call: &str) -> usize {
    let seen: Call = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            credential,
            None,
        )
        .await
        .json();
    seen.participants.len()
}

fn assert_invalid_session(reply: &common::Reply, what: &str) {
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{what}");
    let error = reply.error();
    assert_eq!(error.kind(), ErrorType::InvalidSession, "{what}");
    assert_eq!(error.code, Some(1001), "{what}");
}

/// Opens the chunk channel of `id` and returns its streamed body.
async fn open_channel(h: &Harness, id: &str) -> (axum::http::HeaderMap, Body) {
    let response = h
        .router
        .clone()
        .oneshot(h.channel_request(axum::http::Method::GET, id))
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    (headers, response.into_body())
}

/// The next `\n`-terminated line of a channel (panics after 5 s of silence).
async fn next_line(body: &mut Body, buffer: &mut Vec<u8>) -> String {
    loop {
        if let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            return String::from_utf8(line[..end].to_vec()).expect("utf-8");
        }
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("the channel spoke in time")
            .expect("the channel is open")
            .expect("a frame");
        if let Ok(data) = frame.into_data() {
            buffer.extend_from_slice(&data);
        }
    }
}

#[tokio::test]
async fn ambig_4_no_jsessionid_is_set_or_required() {
    let h = Harness::new();
    let auth = h.authenticate("oxe70120", "0120").await;
    auth.assert_status(StatusCode::OK);
    let cookies: Vec<&str> = auth
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().expect("ascii"))
        .collect();
    assert!(cookies.iter().any(|c| c.starts_with("AlcUserId=")));
    assert!(
        !cookies.iter().any(|c| c.contains("JSESSIONID")),
        "{cookies:?}"
    );
    let credential: AuthenticationResponse =
        decode("AuthenticationResponse", &auth.body).expect("auth");
    // The harness sends `other=1; AlcUserId=...`: no JSESSIONID at all.
    let opened = h
        .call(
            Method::POST,
            "/sessions",
            &credential.credential,
            Some(r#"{"applicationName":"tests"}"#),
        )
        .await;
    opened.assert_status(StatusCode::OK);
    assert!(opened.headers.get(header::SET_COOKIE).is_none());
    h.call(
        Method::GET,
        "/telephony/calls",
        &credential.credential,
        None,
    )
    .await
    .assert_status(StatusCode::OK);
    // A stray JSESSIONID (a browser may send one from a real O2G) changes nothing.
    let request = Request::get("/api/rest/1.0/telephony/calls")
        .header(header::HOST, "gw.test:8080")
        .header(
            header::COOKIE,
            format!("JSESSIONID=stale; AlcUserId={}", credential.credential),
        )
        .body(Body::empty())
        .expect("request");
    h.send(request).await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn ambig_7_unknown_or_expired_sessions_are_403_invalid_session_everywhere() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    h.call(Method::DELETE, "/sessions", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    // Closed: DELETE again (the spec's 403 "already closed") and keepalive alike.
    for (method, path) in [
        (Method::DELETE, "/sessions"),
        (Method::POST, "/sessions/keepalive"),
        (Method::GET, "/sessions"),
        (Method::GET, "/telephony/calls"),
        (Method::POST, "/subscriptions"),
        (Method::GET, "/acd/agent/state"),
    ] {
        let reply = h
            .call(method.clone(), path, &alice, Some(USER_SUBSCRIPTION))
            .await;
        assert_invalid_session(&reply, &format!("closed: {method} {path}"));
    }
    // Never opened (the spec's 500 "doesn't exist" on DELETE).
    let reply = h.call(Method::DELETE, "/sessions", "forged", None).await;
    assert_invalid_session(&reply, "unknown DELETE");
    // Expired.
    let bruno = h.sign_in("oxe70121").await;
    h.advance(1_801_000);
    let reply = h
        .call(Method::POST, "/sessions/keepalive", &bruno, None)
        .await;
    assert_invalid_session(&reply, "expired keepalive");
    let reply = h.call(Method::DELETE, "/sessions", &bruno, None).await;
    assert_invalid_session(&reply, "expired DELETE");
}

#[tokio::test]
async fn ambig_8_keepalive_is_204_without_a_body() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let reply = h
        .call(Method::POST, "/sessions/keepalive", &alice, None)
        .await;
    reply.assert_status(StatusCode::NO_CONTENT);
    assert!(reply.body.is_empty(), "no SessionTokenInfo");
}

#[tokio::test]
async fn ambig_9_time_to_live_is_honoured_clamped_and_defaults_to_1800() {
    let h = Harness::new();
    let open = |login: &'static str, body: &'static str| {
        let h = &h;
        async move {
            let auth = h.authenticate(&format!("oxe{login}"), &login[1..]).await;
            let auth: AuthenticationResponse =
                decode("AuthenticationResponse", &auth.body).expect("auth");
            let reply = h
                .call(Method::POST, "/sessions", &auth.credential, Some(body))
                .await;
            reply.assert_status(StatusCode::OK);
            let info: SessionInfo = decode("SessionInfo", &reply.body).expect("SessionInfo");
            (auth.credential, info.time_to_live)
        }
    };
    let (short, ttl) = open("70120", r#"{"applicationName":"t","timeToLive":120}"#).await;
    assert_eq!(ttl, Some(120));
    let (_, ttl) = open("70121", r#"{"applicationName":"t","timeToLive":5}"#).await;
    assert_eq!(ttl, Some(60), "clamped up");
    let (_, ttl) = open("70140", r#"{"applicationName":"t","timeToLive":999999}"#).await;
    assert_eq!(ttl, Some(1800), "clamped down to the spec's 30 minutes");
    let (default, ttl) = open("70130", r#"{"applicationName":"t"}"#).await;
    assert_eq!(ttl, Some(1800));

    h.advance(119_000);
    h.call(Method::GET, "/sessions", &short, None)
        .await
        .assert_status(StatusCode::OK);
    h.advance(121_000);
    assert_invalid_session(
        &h.call(Method::GET, "/sessions", &short, None).await,
        "120 s without a request",
    );
    h.call(Method::GET, "/sessions", &default, None)
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn ambig_10_second_session_on_one_credential_is_403_until_reauthenticated() {
    let h = Harness::new();
    let first = h.sign_in("oxe70120").await;
    let again = h
        .call(
            Method::POST,
            "/sessions",
            &first,
            Some(r#"{"applicationName":"tests"}"#),
        )
        .await;
    again.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(again.error_kind(), ErrorType::NotAllowed);
    // The first session is untouched; a new authentication opens a second one.
    h.call(Method::GET, "/sessions", &first, None)
        .await
        .assert_status(StatusCode::OK);
    let second = h.sign_in("oxe70120").await;
    assert_ne!(second, first);
}

#[tokio::test]
async fn ambig_11_authorization_daughter_header_is_ignored() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    for authorization in ["Bearer daughter-session", "Basic b3hlNzAxMjE6MDEyMQ=="] {
        // With the session cookie: the header changes nothing (not even the user).
        let request = Request::get("/api/rest/1.0/sessions")
            .header(header::HOST, "gw.test:8080")
            .header(header::COOKIE, format!("AlcUserId={alice}"))
            .header(header::AUTHORIZATION, authorization)
            .body(Body::empty())
            .expect("request");
        let reply = h.send(request).await;
        reply.assert_status(StatusCode::OK);
        let info: SessionInfo = decode("SessionInfo", &reply.body).expect("SessionInfo");
        assert_eq!(info.login.as_deref(), Some("oxe70120"), "{authorization}");
        // Without it: the header alone opens nothing.
        let request = Request::get("/api/rest/1.0/telephony/calls")
            .header(header::HOST, "gw.test:8080")
            .header(header::AUTHORIZATION, authorization)
            .body(Body::empty())
            .expect("request");
        assert_invalid_session(&h.send(request).await, authorization);
    }
}

#[tokio::test]
async fn ambig_13_timeout_is_0_or_2_to_60_minutes_else_400() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    for timeout in ["0", "2", "10", "60"] {
        let body = format!(
            r#"{{"filter":{{"selectors":[{{"names":["telephony"]}}]}},"version":"1.0","timeout":{timeout}}}"#
        );
        let subscription = subscribe(&h, &alice, &body).await;
        assert_eq!(
            subscription.status,
            SubscriptionState::Accepted,
            "{timeout}"
        );
    }
    let absent = subscribe(
        &h,
        &alice,
        r#"{"filter":{"selectors":[{"names":["telephony"]}]},"version":"1.0"}"#,
    )
    .await;
    assert_eq!(absent.status, SubscriptionState::Accepted, "default 10");
    for timeout in ["1", "61", "-1"] {
        let body = format!(
            r#"{{"filter":{{"selectors":[{{"names":["telephony"]}}]}},"version":"1.0","timeout":{timeout}}}"#
        );
        let reply = h
            .call(Method::POST, "/subscriptions", &alice, Some(&body))
            .await;
        reply.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(reply.error_kind(), ErrorType::BadParameter, "{timeout}");
    }
}

#[tokio::test]
async fn ambig_14_unknown_selector_fields_of_the_example_are_ignored() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    // L2211: `families` and `origins` are in no table.
    let subscription = subscribe(
        &h,
        &alice,
        r#"{"filter":{"selectors":[{"ids":["oxe70120"],"names":["telephony"],"families":["x"],"origins":["y"]}]},"version":"1.0"}"#,
    )
    .await;
    assert_eq!(subscription.status, SubscriptionState::Accepted);
}

#[tokio::test]
async fn ambig_15_reserved_session_id_is_ignored() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    // L2214 sends it; L2389 says "DO NOT USE": any value is accepted and ignored.
    let subscription = subscribe(
        &h,
        &alice,
        r#"{"filter":{"selectors":[{"names":["telephony"]}]},"sessionId":"not-ours","version":"1.0"}"#,
    )
    .await;
    assert_eq!(subscription.status, SubscriptionState::Accepted);
}

#[tokio::test]
async fn ambig_16_selector_ids_default_to_the_own_login_others_are_refused() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    for body in [
        r#"{"filter":{"selectors":[{"names":["telephony"]}]},"version":"1.0"}"#,
        r#"{"filter":{"selectors":[{"ids":["oxe70120"],"names":["telephony"]}]},"version":"1.0"}"#,
    ] {
        assert_eq!(
            subscribe(&h, &alice, body).await.status,
            SubscriptionState::Accepted,
            "{body}"
        );
    }
    for body in [
        r#"{"filter":{"selectors":[{"ids":["oxe70121"],"names":["telephony"]}]},"version":"1.0"}"#,
        r#"{"filter":{"selectors":[{"ids":["*"],"names":["telephony"]}]},"version":"1.0"}"#,
    ] {
        let subscription = subscribe(&h, &alice, body).await;
        assert_eq!(subscription.status, SubscriptionState::Refused, "{body}");
        assert!(subscription.message.is_some(), "the reason is given");
    }
}

#[tokio::test]
async fn ambig_17_put_subscriptions_takes_a_bare_filter_for_the_latest_subscription() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let none = h
        .call(
            Method::PUT,
            "/subscriptions",
            &alice,
            Some(r#"{"selectors":[{"names":["telephony"]}]}"#),
        )
        .await;
    none.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(none.error_kind(), ErrorType::NotFound);
    subscribe(&h, &alice, USER_SUBSCRIPTION).await;
    let put = h
        .call(
            Method::PUT,
            "/subscriptions",
            &alice,
            Some(r#"{"selectors":[{"names":["eventSummary"]}]}"#),
        )
        .await;
    put.assert_status(StatusCode::NO_CONTENT);
    assert!(put.body.is_empty());
    let refused = h
        .call(
            Method::PUT,
            "/subscriptions",
            &alice,
            Some(r#"{"selectors":[{"ids":["oxe70121"],"names":["telephony"]}]}"#),
        )
        .await;
    refused.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(refused.error_kind(), ErrorType::BadParameter);
}

#[tokio::test]
async fn ambig_18_webhook_subscriptions_are_refused() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let subscription = subscribe(
        &h,
        &alice,
        r#"{"filter":{"selectors":[{"names":["telephony"]}]},"version":"1.0","webHookUrl":"https://app.example/hook"}"#,
    )
    .await;
    assert_eq!(subscription.status, SubscriptionState::Refused);
    assert!(subscription.subscription_id.is_none());
    assert!(subscription
        .message
        .as_deref()
        .is_some_and(|m| m.contains("Webhook")));
}

#[tokio::test]
async fn ambig_19_chunk_channel_is_get_or_post_json_one_object_per_line() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let id = subscribe(&h, &alice, USER_SUBSCRIPTION)
        .await
        .subscription_id
        .expect("id");
    let (headers, mut body) = open_channel(&h, &id).await;
    assert_eq!(
        headers.get(header::CONTENT_TYPE).expect("type"),
        "application/json"
    );
    let mut buffer = Vec::new();
    assert_eq!(
        next_line(&mut body, &mut buffer).await,
        r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#,
        "the channel opens with OnChannelInformation"
    );
    make_call(&h, &marc, "70140", "70120").await;
    let line = next_line(&mut body, &mut buffer).await;
    let event: serde_json::Value = serde_json::from_str(&line).expect("one JSON object");
    assert_eq!(event["eventName"], "OnCallCreated", "{line}");
    assert_eq!(event["loginName"], "oxe70120");
    assert!(
        !line.contains(": ") && !line.contains(", "),
        "compact: {line}"
    );
    assert_eq!(
        serde_json::to_string(&event).expect("json").len(),
        line.len(),
        "nothing but the object on its line"
    );
    // POST opens the same channel (ALE's client libraries use it); it takes over.
    let post = h.response(h.channel_request(Method::POST, &id)).await;
    assert_eq!(post.status(), StatusCode::OK);
}

#[tokio::test]
async fn ambig_20_keepalives_are_sent_whatever_the_timeout() {
    let clock = Clock::manual();
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    let state = AppState::with_hub(
        scenario,
        clock.clone(),
        "/nonexistent-dist".into(),
        HubConfig {
            keepalive_idle: Duration::from_millis(100),
            ..HubConfig::default()
        },
    )
    .with_simulator(0, Some(0.0), 1.0);
    let h = Harness {
        router: app(state.clone()),
        clock,
        state,
    };
    let alice = h.sign_in("oxe70120").await;
    for timeout in [0, 10] {
        let body = format!(
            r#"{{"filter":{{"selectors":[{{"names":["eventSummary"]}}]}},"version":"1.0","timeout":{timeout}}}"#
        );
        let id = subscribe(&h, &alice, &body)
            .await
            .subscription_id
            .expect("id");
        let (_, mut channel) = open_channel(&h, &id).await;
        let mut buffer = Vec::new();
        // AMBIG-22: exactly this object, as the channel opens and then after idle.
        for _ in 0..2 {
            assert_eq!(
                next_line(&mut channel, &mut buffer).await,
                r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#,
                "timeout {timeout}"
            );
        }
    }
}

#[tokio::test]
async fn ambig_21_polling_url_is_same_origin_and_the_channel_needs_the_session() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let mut request = Request::post("/api/rest/1.0/subscriptions")
        .header(header::HOST, "desk.example")
        .header(header::COOKIE, format!("AlcUserId={alice}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(USER_SUBSCRIPTION))
        .expect("request");
    // As the gateway's own TLS listener marks it (a client's X-Forwarded-Proto no longer
    // counts, issue 17).
    request
        .extensions_mut()
        .insert(gateway::resilience::edge::ServedOverHttps);
    let reply = h.send(request).await;
    reply.assert_status(StatusCode::OK);
    let subscription: Subscription = decode("Subscription", &reply.body).expect("Subscription");
    let id = subscription.subscription_id.expect("id");
    let url = format!("https://desk.example/OTEvents?subscriptionId={id}");
    assert_eq!(
        subscription.public_polling_url.as_deref(),
        Some(url.as_str())
    );
    assert_eq!(
        subscription.private_polling_url.as_deref(),
        Some(url.as_str())
    );
    // open_channel sends the owner's cookie and asserts 200 (without it: 403, issue 17).
    let (headers, _channel) = open_channel(&h, &id).await;
    assert_eq!(
        headers.get(header::CONTENT_TYPE).expect("type"),
        "application/json"
    );
}

#[tokio::test]
async fn ambig_26_make_call_is_201_with_location_and_the_call_ref_as_json_string() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let reply = h
        .call(
            Method::POST,
            "/telephony/calls",
            &alice,
            Some(r#"{"deviceId":"70120","callee":"70121"}"#),
        )
        .await;
    reply.assert_status(StatusCode::CREATED);
    let text = String::from_utf8(reply.body.clone()).expect("utf-8");
    assert!(text.starts_with('"') && text.ends_with('"'), "{text}");
    let call_ref: String = reply.json();
    let location = reply
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("Location");
    assert_eq!(
        location,
        format!("http://gw.test:8080/api/rest/1.0/telephony/calls/{call_ref}")
    );
    assert_eq!(location.rsplit('/').next(), Some(call_ref.as_str()));
}

#[tokio::test]
async fn ambig_27_basic_call_location_is_under_basic_call() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let reply = h
        .call(
            Method::POST,
            "/telephony/basicCall",
            &alice,
            Some(r#"{"deviceId":"70120","callee":"70121"}"#),
        )
        .await;
    reply.assert_status(StatusCode::CREATED);
    let call_ref: String = reply.json();
    assert_eq!(
        reply
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some(format!("http://gw.test:8080/api/rest/1.0/telephony/basicCall/{call_ref}").as_str())
    );
    // The reference itself is the ordinary one.
    h.call(
        Method::GET,
        &format!("/telephony/calls/{call_ref}"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn ambig_31_undocumented_bodies_may_be_absent_empty_or_optional() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    // basicCall/answer: an optional {deviceId}.
    make_call(&h, &marc, "70140", "70120").await;
    h.call(
        Method::POST,
        "/telephony/basicCall/answer",
        &alice,
        Some(r#"{"deviceId":"70120"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    // recording: the action is in the query, an empty body with a JSON content type is fine.
    let calls: cti::o2g::telephony::Calls = h
        .call(Method::GET, "/telephony/calls", &alice, None)
        .await
        .json();
    let call = calls.calls[0].call_ref.clone();
    h.call(
        Method::POST,
        &format!("/telephony/calls/{call}/recording?action=start"),
        &alice,
        Some(""),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    // dropme: no body at all.
    h.call(
        Method::POST,
        &format!("/telephony/calls/{call}/dropme"),
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    // basicCall/answer: no body at all.
    make_call(&h, &marc, "70140", "70120").await;
    h.call(Method::POST, "/telephony/basicCall/answer", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.call(
        Method::POST,
        "/telephony/basicCall/dropme",
        &alice,
        Some(""),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn ambig_35_two_party_participants_carry_no_state() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let call = answered_call(&h, &alice, &marc).await;
    let reply = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            &alice,
            None,
        )
        .await;
    let raw: serde_json::Value = reply.json();
    let participants = raw["participants"].as_array().expect("participants");
    assert_eq!(participants.len(), 1);
    assert!(participants[0].get("state").is_none(), "{raw}");
    let call: Call = reply.json();
    assert!(call.participants[0].state.is_none());
}

#[tokio::test]
async fn ambig_49_forward_route_resource_takes_a_wrapped_route() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    h.call(
        Method::POST,
        "/routing/forwardroute",
        &alice,
        Some(r#"{"forwardRoute":{"destinations":[{"type":"NUMBER","number":"70121"}]}}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let raw: serde_json::Value = h
        .call(Method::GET, "/routing/forwardroute", &alice, None)
        .await
        .json();
    assert_eq!(raw["destinations"][0]["number"], "70121", "{raw}");
    // The `POST /routing` shape (a `forwardRoutes` list) is not this resource's body.
    let wrong = h
        .call(
            Method::POST,
            "/routing/forwardroute",
            &alice,
            Some(r#"{"forwardRoutes":[{"destinations":[{"type":"NUMBER","number":"70121"}]}]}"#),
        )
        .await;
    wrong.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(wrong.error_kind(), ErrorType::BadParameter);
}

#[tokio::test]
async fn ambig_53_comlog_acknowledge_by_put_or_post_with_record_ids() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let id = common::missed_call_record(&h, &alice, &marc).await;
    assert_eq!(unacknowledged(&h, &alice).await, Some(1));
    let body = format!(r#"{{"recordIds":[{id}]}}"#);
    h.call(
        Method::PUT,
        "/comlog/records?acknowledge=true",
        &alice,
        Some(&body),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(unacknowledged(&h, &alice).await, Some(0));
    h.call(
        Method::POST,
        "/comlog/records?acknowledge=false",
        &alice,
        Some(&body),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        unacknowledged(&h, &alice).await,
        Some(1),
        "POST unacknowledged it"
    );
    h.call(
        Method::POST,
        "/comlog/records?acknowledge=true",
        &alice,
        Some(&body),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(unacknowledged(&h, &alice).await, Some(0));
}

#[tokio::test]
async fn ambig_54_comlog_flags_parse_true_false_strings() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    common::missed_call_record(&h, &alice, &marc).await;
    let count = |query: &'static str| {
        let h = &h;
        let alice = &alice;
        async move {
            let reply = h
                .call(
                    Method::GET,
                    &format!("/comlog/records?{query}"),
                    alice,
                    None,
                )
                .await;
            reply.assert_status(StatusCode::OK);
            let records: ComHistoryRecords = reply.json();
            records.com_history_records.len()
        }
    };
    assert_eq!(count("unanswered=true").await, 1);
    assert_eq!(count("unanswered=TRUE").await, 1);
    // `=false` lifts the restriction (the flag asks for "only unanswered"), so the L7906
    // example titled "Get all unanswered" with `unanswered=false` gets every record.
    assert_eq!(count("unanswered=false").await, 1);
    assert_eq!(count("unanswered=False").await, 1);
    let bad = h
        .call(Method::GET, "/comlog/records?unanswered=yes", &alice, None)
        .await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_kind(), ErrorType::BadParameter);
    // The same strings on DELETE, where the flags are typed string (L8037-8041).
    let bad = h
        .call(
            Method::DELETE,
            "/comlog/records?unanswered=yes",
            &alice,
            None,
        )
        .await;
    assert_eq!(bad.error_kind(), ErrorType::BadParameter);
    h.call(
        Method::DELETE,
        "/comlog/records?unanswered=TRUE",
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(count("unanswered=false").await, 0, "deleted");
}

#[tokio::test]
async fn ambig_57_comlog_limit_zero_or_absent_means_all() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    common::missed_call_record(&h, &alice, &marc).await;
    common::missed_call_record(&h, &alice, &marc).await;
    for (query, expected) in [("", 2), ("?limit=0", 2), ("?limit=1", 1)] {
        let records: ComHistoryRecords = h
            .call(
                Method::GET,
                &format!("/comlog/records{query}"),
                &alice,
                None,
            )
            .await
            .json();
        assert_eq!(records.com_history_records.len(), expected, "{query}");
    }
}

#[tokio::test]
async fn ambig_60_value_less_flags_mean_true() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let id = common::missed_call_record(&h, &alice, &marc).await;
    let ids = |query: &'static str| {
        let h = &h;
        let alice = &alice;
        async move {
            let records: ComHistoryRecords = h
                .call(
                    Method::GET,
                    &format!("/comlog/records?{query}"),
                    alice,
                    None,
                )
                .await
                .json();
            records
                .com_history_records
                .iter()
                .filter_map(|r| r.record_id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(ids("unacknowledged").await, vec![id]);
    assert_eq!(ids("unacknowledged=true").await, vec![id]);
    h.call(
        Method::PUT,
        "/comlog/records?acknowledge",
        &alice,
        Some(&format!(r#"{{"recordIds":[{id}]}}"#)),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert!(
        ids("unacknowledged").await.is_empty(),
        "value-less acknowledge"
    );
    assert_eq!(ids("unacknowledged=false").await, vec![id]);
}

#[tokio::test]
async fn ambig_70_intrusion_mode_is_case_insensitive() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let alice = h.sign_in("oxe70120").await;
    let sophie = h.sign_in("oxe70130").await;
    let marc = h.sign_in("oxe70140").await;
    let call = answered_call(&h, &alice, &marc).await;
    h.call(
        Method::POST,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"agentNumber":"70120","mode":"restricted"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        participants(&h, &alice, &call).await,
        2,
        "the supervisor joined"
    );
    h.call(
        Method::PUT,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"mode":"Normal"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let bad = h
        .call(
            Method::PUT,
            "/acd/agent/intrusion",
            &sophie,
            Some(r#"{"mode":"loud"}"#),
        )
        .await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    h.call(
        Method::PUT,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"mode":"stop"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        participants(&h, &alice, &call).await,
        1,
        "the supervisor left"
    );
}

#[tokio::test]
async fn ambig_78_eventing_is_not_a_package() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let subscription = subscribe(
        &h,
        &alice,
        r#"{"filter":{"selectors":[{"names":["eventing"]}]},"version":"1.0"}"#,
    )
    .await;
    assert_eq!(subscription.status, SubscriptionState::Refused);
    // Intrusion is seen through `telephony` (participants of the agent's call).
    let telephony = subscribe(&h, &alice, USER_SUBSCRIPTION).await;
    assert_eq!(telephony.status, SubscriptionState::Accepted);
}

#[tokio::test]
async fn ambig_89_methods_are_fixed_and_a_wrong_one_is_405_rest_error_info() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    for (method, path) in [
        (Method::PUT, "/sessions"),
        (Method::GET, "/sessions/keepalive"),
        (Method::PATCH, "/comlog/records"),
    ] {
        let reply = h.call(method.clone(), path, &alice, None).await;
        reply.assert_status(StatusCode::METHOD_NOT_ALLOWED);
        assert!(reply.error().help_message.is_some() || reply.error().code.is_some());
    }
}

#[tokio::test]
async fn ambig_90_401_only_for_bad_basic_credentials() {
    let h = Harness::new();
    let bad = h.authenticate("oxe70120", "wrong").await;
    bad.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(bad.error_kind(), ErrorType::NotAllowed);
    let unknown = h.authenticate("nobody", "0000").await;
    unknown.assert_status(StatusCode::UNAUTHORIZED);
    // Session and rights problems are 403, even where the spec lists 401 (L2637, L12332).
    let forged = h
        .call(Method::GET, "/telephony/calls", "forged", None)
        .await;
    forged.assert_status(StatusCode::FORBIDDEN);
    let forged = h
        .call(Method::GET, "/acd/agent/state", "forged", None)
        .await;
    forged.assert_status(StatusCode::FORBIDDEN);
    let marc = h.sign_in("oxe70140").await;
    let plain_user = h.call(Method::GET, "/acd/agent/config", &marc, None).await;
    plain_user.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(plain_user.error_kind(), ErrorType::NotAllowed);
}

#[tokio::test]
async fn ambig_91_no_body_on_204() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let call = answered_call(&h, &alice, &marc).await;
    let mut replies = vec![
        h.call(Method::POST, "/sessions/keepalive", &alice, None)
            .await,
        h.call(
            Method::POST,
            &format!("/telephony/calls/{call}/hold"),
            &alice,
            Some(r#"{"deviceId":"70120"}"#),
        )
        .await,
        h.call(Method::POST, "/routing/dnd", &alice, None).await,
    ];
    replies.push(h.call(Method::DELETE, "/sessions", &alice, None).await);
    for (i, reply) in replies.iter().enumerate() {
        reply.assert_status(StatusCode::NO_CONTENT);
        assert!(reply.body.is_empty(), "reply {i}");
    }
}

#[tokio::test]
async fn ambig_92_login_name_is_accepted_on_user_resources() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let call = make_call(&h, &marc, "70140", "70120").await;
    // `answer` and `hold` do not list it (L3174-3182); a user session may still send it.
    for (method, path, body) in [
        (
            Method::POST,
            format!("/telephony/calls/{call}/answer?loginName=oxe70120"),
            Some(r#"{"deviceId":"70120"}"#),
        ),
        (
            Method::POST,
            format!("/telephony/calls/{call}/hold?loginName=oxe70120"),
            Some(r#"{"deviceId":"70120"}"#),
        ),
        (
            Method::GET,
            "/telephony/calls?loginName=oxe70120".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/eventSummary?loginName=oxe70120".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/routing/dnd?loginName=oxe70120".to_owned(),
            None,
        ),
    ] {
        let reply = h.call(method, &path, &alice, body).await;
        assert!(reply.status.is_success(), "{path}: {}", reply.status);
    }
}

#[tokio::test]
async fn ambig_93_a_device_of_another_user_is_403_not_allowed() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let call = answered_call(&h, &alice, &marc).await;
    for (path, body) in [
        (
            "/telephony/calls".to_owned(),
            r#"{"deviceId":"70121","callee":"70140"}"#,
        ),
        (
            format!("/telephony/calls/{call}/hold"),
            r#"{"deviceId":"70140"}"#,
        ),
    ] {
        let reply = h.call(Method::POST, &path, &alice, Some(body)).await;
        reply.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(reply.error_kind(), ErrorType::NotAllowed, "{path}");
    }
    // The call is untouched: Alice's leg is still active.
    let seen: Call = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            &alice,
            None,
        )
        .await
        .json();
    assert_eq!(
        seen.legs[0].state,
        Some(cti::o2g::telephony::MediaState::Active)
    );
}

#[tokio::test]
async fn ambig_76_skill_activation_takes_the_table_object_or_a_bare_list() {
    let h = Harness::new();
    let alice = h.sign_in("oxe70120").await;
    h.call(
        Method::POST,
        "/acd/agent/logon",
        &alice,
        Some(r#"{"proAcdDeviceNumber":"71120","pgGroupNumber":"60121"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    for body in [r#"{"skills":[1,2]}"#, "[1,2]"] {
        h.call(
            Method::POST,
            "/acd/agent/config/skills/deactivate",
            &alice,
            Some(body),
        )
        .await
        .assert_status(StatusCode::NO_CONTENT);
    }
    // Both readings are really read: an unknown skill is refused in either.
    for body in [r#"{"skills":[100]}"#, "[100]"] {
        let reply = h
            .call(
                Method::POST,
                "/acd/agent/config/skills/activate",
                &alice,
                Some(body),
            )
            .await;
        reply.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(reply.error_kind(), ErrorType::BadParameter, "{body}");
    }
    let garbage = h
        .call(
            Method::POST,
            "/acd/agent/config/skills/activate",
            &alice,
            Some(r#""1,2""#),
        )
        .await;
    assert_eq!(garbage.error_kind(), ErrorType::BadParameter);
}
