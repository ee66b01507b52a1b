//! `GET /api/backends`: what the sign-in form offers.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{header, Method, StatusCode};
use common::{state, Harness};
use gateway::fronts::{self, FRONTS};
use serde_json::{json, Value};

#[tokio::test]
async fn the_simulated_centre_offers_every_front_and_a_pin_offers_one() {
    let h = Harness::new();
    let reply = h.plain(Method::GET, "/api/backends", None).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(
        reply
            .headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
    let body: Value = reply.json();
    let ids: Vec<&str> = body["backends"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|b| b["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, FRONTS.iter().map(|f| f.id).collect::<Vec<_>>());
    assert_eq!(body["default"], json!(FRONTS[0].id));

    let pinned = Harness::on(state().pinning(fronts::front("o2g")));
    let body: Value = pinned
        .plain(Method::GET, "/api/backends", None)
        .await
        .json();
    assert_eq!(
        body,
        json!({"backends": [{"id": "o2g", "name": "ALE OmniPCX Open Gateway"}], "default": "o2g"})
    );
}
