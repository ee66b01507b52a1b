//! `GET /api/backends`: what the sign-in form offers.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{header, Method, StatusCode};
use common::{state, Harness};
use gateway::fronts::{self, FRONTS};
use gateway::web::Console;
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
        json!({"backends": [{"id": "o2g", "name": "ALE OmniPCX Open Gateway", "console": "/"}], "default": "o2g"})
    );
}

/// One build per backend: each backend names the page of its console, its own when the
/// gateway serves one (`--console xuc=dist-xuc`), else the main one.
#[tokio::test]
async fn each_backend_names_its_console() {
    let console = |spec: &str| Console::parse(spec).expect("a console");
    let h = Harness::on(state().with_consoles(vec![
        console("xuc=dist-xuc"),
        console("finesse=dist-finesse"),
        console("embed=dist-embed"),
    ]));
    let body: Value = h.plain(Method::GET, "/api/backends", None).await.json();
    let consoles: Vec<(&str, &str)> = body["backends"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|b| {
            (
                b["id"].as_str().expect("id"),
                b["console"].as_str().expect("console"),
            )
        })
        .collect();
    assert_eq!(
        consoles,
        [("o2g", "/"), ("xuc", "/xuc/"), ("finesse", "/finesse/")]
    );
}

#[test]
fn a_console_is_an_id_and_a_folder() {
    let xuc = Console::parse("xuc=dist-xuc").expect("well formed");
    assert_eq!((xuc.id.as_str(), xuc.path()), ("xuc", "/xuc/".to_owned()));
    assert_eq!(xuc.dist_dir, std::path::PathBuf::from("dist-xuc"));
    for bad in ["xuc", "=dist", "xuc=", "../x=dist", "XuC=dist", "x/y=dist"] {
        assert!(Console::parse(bad).is_err(), "{bad} is refused");
    }
}
