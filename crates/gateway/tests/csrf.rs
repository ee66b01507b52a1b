//! State-changing requests come from the widget's own origin (or an embedding one), with JSON.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Harness;

const CALL: &str = r#"{"deviceId":"70120","callee":"70140"}"#;

async fn post(
    h: &Harness,
    credential: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> common::Reply {
    let mut builder = Request::post("/api/rest/1.0/telephony/calls")
        .header(header::HOST, "gw.test:8080")
        .header(header::COOKIE, format!("AlcUserId={credential}"));
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    h.send(builder.body(Body::from(body.to_owned())).expect("request"))
        .await
}

#[tokio::test]
async fn another_origin_may_not_change_state_and_bodies_must_be_json() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let alice = h.sign_in("oxe70120").await;
    let json = ("content-type", "application/json");

    // A page of another origin, even of the same site: refused in O2G's shape.
    let refused = post(&h, &alice, &[("origin", "http://gw.test:9999"), json], CALL).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(refused.error_kind(), cti::o2g::ErrorType::NotAllowed);
    // No Origin, but the browser says another site sent it.
    let refused = post(&h, &alice, &[("sec-fetch-site", "same-site"), json], CALL).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    // A form post (no preflight) from the widget's own origin still needs JSON.
    let form = post(
        &h,
        &alice,
        &[
            ("origin", "http://gw.test:8080"),
            ("content-type", "text/plain"),
        ],
        CALL,
    )
    .await;
    form.assert_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // The widget's own pages, and clients that are not browsers: accepted.
    post(
        &h,
        &alice,
        &[
            ("origin", "http://gw.test:8080"),
            ("sec-fetch-site", "same-origin"),
            json,
        ],
        CALL,
    )
    .await
    .assert_status(StatusCode::CREATED);
    let bruno = h.sign_in("oxe70121").await;
    post(
        &h,
        &bruno,
        &[json],
        r#"{"deviceId":"70121","callee":"70140"}"#,
    )
    .await
    .assert_status(StatusCode::CREATED);
}

#[tokio::test]
async fn an_origin_allowed_to_embed_the_widget_may() {
    use gateway::embed::policy::{EmbedPolicy, Listeners};
    let allow = cti::embed::OriginAllowList::parse(["https://crm.example.com"]).expect("list");
    let listeners = Listeners {
        main: "127.0.0.1:8080".parse().unwrap(),
        demo: None,
    };
    let h = Harness::on(
        common::state_with(|s| s.bots.clear(), Some(0.0))
            .embedding(EmbedPolicy::new(allow, listeners)),
    );
    let alice = h.sign_in("oxe70120").await;
    post(
        &h,
        &alice,
        &[
            ("origin", "https://crm.example.com"),
            ("content-type", "application/json"),
        ],
        CALL,
    )
    .await
    .assert_status(StatusCode::CREATED);
    // Reading is not guarded (CORS keeps other origins from reading the answer).
    let get = Request::get("/api/rest/1.0/telephony/calls")
        .header(header::HOST, "gw.test:8080")
        .header(header::COOKIE, format!("AlcUserId={alice}"))
        .header("origin", "http://evil.test")
        .body(Body::empty())
        .unwrap();
    h.send(get).await.assert_status(StatusCode::OK);
}
