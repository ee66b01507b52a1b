//! Embedding the widget in a CRM: the allow-list and its CSP, the embed endpoints, the host
//! SDK, the demo listener, the scenario's customers, the sessions view and the cookie modes.
// clippy.toml's allowance for tests does not reach the helpers outside `#[test]` functions.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{Harness, Reply};
use cti::embed::OriginAllowList;
use cti::o2g::ErrorType;
use gateway::clock::Clock;
use gateway::embed::{EmbedConfig, EmbedPolicy, Listeners};
use gateway::events::HubConfig;
use gateway::scenario::{Scenario, ScenarioError, DEFAULT_SCENARIO};
use gateway::sim::Simulator;
use gateway::{app, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

/// A built widget of one page, in its own temporary folder (`name` keeps tests apart). The
/// name is fixed, so runs rewrite the same few bytes rather than leave folders behind.
fn dist(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agentdesk-embed-test-{name}"));
    std::fs::create_dir_all(&dir).expect("temp dist");
    std::fs::write(dir.join("index.html"), "<html><body>widget</body></html>").expect("index");
    dir
}

/// The gateway's state serving the widget of [`dist`], with this allow-list and listeners.
fn embed_state(name: &str, origins: &[&str], listeners: Listeners) -> AppState {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    let list = OriginAllowList::parse(origins.iter().copied()).expect("allow-list");
    AppState::with_hub(scenario, Clock::manual(), dist(name), HubConfig::default())
        .with_simulator(0, Some(0.0), 1.0)
        .embedding(EmbedPolicy::new(list, listeners))
}

/// The reply of `router` to `GET path` with these headers.
async fn get(router: &axum::Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    Reply::read(response).await
}

/// The `frame-ancestors` directive of a response's CSP.
fn frame_ancestors(reply: &Reply) -> String {
    let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii");
    csp.split(';')
        .map(str::trim)
        .find_map(|directive| directive.strip_prefix("frame-ancestors "))
        .unwrap_or_else(|| panic!("no frame-ancestors in {csp}"))
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// The allow-list: frame-ancestors and /api/embed/config.

#[tokio::test]
async fn widget_pages_may_be_framed_by_the_gateway_only_by_default() {
    let router = app(embed_state("default", &[], Listeners::default()));
    for path in ["/", "/embed", "/embed?embed=1&theme=dark"] {
        let reply = get(&router, path, &[]).await;
        reply.assert_status(StatusCode::OK);
        assert_eq!(frame_ancestors(&reply), "'self'", "{path}");
        // frame-ancestors supersedes it; two framing policies could only disagree.
        assert!(reply.headers.get("x-frame-options").is_none());
    }
}

#[tokio::test]
async fn widget_pages_may_be_framed_by_exactly_the_allowed_origins() {
    let router = app(embed_state(
        "configured",
        &[
            "https://CRM.example.com:443",
            "https://*.example.org",
            "http://127.0.0.1:9001",
        ],
        Listeners::default(),
    ));
    let reply = get(&router, "/embed", &[]).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(
        frame_ancestors(&reply),
        "'self' https://crm.example.com https://*.example.org http://127.0.0.1:9001"
    );
    assert!(reply.headers.get("x-frame-options").is_none());
}

#[tokio::test]
async fn the_demo_listener_is_allowed_to_frame_the_widget() {
    let listeners = Listeners {
        main: "127.0.0.1:8080".parse().expect("addr"),
        demo: Some("127.0.0.1:8081".parse().expect("addr")),
    };
    let router = app(embed_state(
        "demo-allowed",
        &["https://crm.example.com"],
        listeners,
    ));
    let reply = get(&router, "/embed", &[]).await;
    assert_eq!(
        frame_ancestors(&reply),
        "'self' https://crm.example.com http://127.0.0.1:8081 http://localhost:8081 http://[::1]:8081"
    );
}

#[tokio::test]
async fn embed_config_lists_the_protocol_version_and_the_allowed_origins() {
    let router = app(embed_state(
        "config",
        &["https://*.example.org", "http://127.0.0.1:8081/"],
        Listeners::default(),
    ));
    let reply = get(&router, "/api/embed/config", &[]).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/json");
    let body: Value = reply.json();
    assert_eq!(
        body,
        json!({"protocolVersion": 1, "allowedOrigins": ["https://*.example.org", "http://127.0.0.1:8081"]})
    );
    let config: EmbedConfig = reply.json();
    assert_eq!(config.protocol_version, cti::embed::PROTOCOL_VERSION);
    // Empty by default: only the widget's own origin, which it knows.
    let h = Harness::new();
    let body: Value = h.plain(Method::GET, "/api/embed/config", None).await.json();
    assert_eq!(body["allowedOrigins"], json!([]));
}

#[tokio::test]
async fn unknown_embed_resources_and_methods_are_rest_errors() {
    let h = Harness::new();
    let reply = h.plain(Method::GET, "/api/embed/nothing", None).await;
    reply.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(reply.error_kind(), ErrorType::NotFound);
    let reply = h.plain(Method::POST, "/api/embed/config", Some("{}")).await;
    reply.assert_status(StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.error_kind(), ErrorType::NotSupported);
}

// ---------------------------------------------------------------------------------------------
// Violations reported by the widget.

async fn report(h: &Harness, body: &str) -> Reply {
    h.plain(Method::POST, "/api/embed/violations", Some(body))
        .await
}

async fn violations(h: &Harness) -> Value {
    let reply = h.plain(Method::GET, "/api/embed/violations", None).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    reply.json()
}

#[tokio::test]
async fn violations_are_accepted_and_counted_per_origin() {
    let h = Harness::new();
    assert_eq!(violations(&h).await, json!([]));
    for reason in ["origin not allowed", "not from the parent"] {
        let reply = report(
            &h,
            &json!({"origin": "https://evil.test", "reason": reason}).to_string(),
        )
        .await;
        reply.assert_status(StatusCode::NO_CONTENT);
        assert!(reply.body.is_empty());
    }
    // Unknown fields are ignored (a newer widget may say more); "null" is an origin browsers
    // report for sandboxed frames.
    report(
        &h,
        r#"{"origin":"null","reason":"origin not allowed","at":12}"#,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        violations(&h).await,
        json!([
            {"origin": "https://evil.test", "count": 2, "lastReason": "not from the parent"},
            {"origin": "null", "count": 1, "lastReason": "origin not allowed"},
        ])
    );
}

#[tokio::test]
async fn the_violation_log_keeps_a_bounded_number_of_origins() {
    let h = Harness::new();
    for i in 0..300 {
        report(
            &h,
            &json!({"origin": format!("https://o{i}.test"), "reason": "r"}).to_string(),
        )
        .await
        .assert_status(StatusCode::NO_CONTENT);
    }
    let listed = violations(&h).await;
    let listed = listed.as_array().expect("a list");
    assert_eq!(listed.len(), gateway::embed::violations::MAX_ORIGINS);
    // The least recent went first.
    assert!(listed.iter().any(|v| v["origin"] == "https://o299.test"));
    assert!(!listed.iter().any(|v| v["origin"] == "https://o0.test"));
}

#[tokio::test]
async fn bad_violation_reports_are_rest_errors() {
    let h = Harness::new();
    let long = "x".repeat(201);
    let cases = [
        String::new(),
        "not json".to_owned(),
        "[]".to_owned(),
        r#"{"origin":"https://a.test"}"#.to_owned(),
        r#"{"reason":"r"}"#.to_owned(),
        r#"{"origin":1,"reason":"r"}"#.to_owned(),
        r#"{"origin":"https://a.test","reason":""}"#.to_owned(),
        json!({"origin": long, "reason": "r"}).to_string(),
        json!({"origin": "https://a.test", "reason": long}).to_string(),
        json!({"origin": "https://a.test
forged log line", "reason": "r"})
        .to_string(),
        json!({"origin": "https://a.test", "reason": "r", "pad": "y".repeat(5000)}).to_string(),
    ];
    for body in &cases {
        let reply = report(&h, body).await;
        reply.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(reply.error_kind(), ErrorType::BadParameter, "{body}");
    }
    // 200 characters is fine, counted in characters rather than bytes.
    let ok = json!({"origin": "é".repeat(200), "reason": "r"}).to_string();
    report(&h, &ok).await.assert_status(StatusCode::NO_CONTENT);
    // Not JSON by content type either.
    let text = Request::post("/api/embed/violations")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"origin":"a","reason":"r"}"#))
        .expect("request");
    let reply = h.send(text).await;
    reply.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(violations(&h).await.as_array().map(Vec::len), Some(1));
}

// ---------------------------------------------------------------------------------------------
// Customers in the scenario, and the traffic that draws callers from them.

/// A minimal scenario with `customers` (a JSON array) and one pilot.
fn with_customers(customers: &str) -> String {
    format!(
        r#"{{"name":"x","users":[],"processingGroups":[{{"number":"2","name":"g"}}],
            "pilots":[{{"number":"3","name":"p","group":"2"}}],"customers":{customers}}}"#
    )
}

#[test]
fn customers_are_parsed_with_their_optional_fields() {
    let scenario = Scenario::parse(&with_customers(
        r#"[{"id":"c1","name":"Élodie Martin","company":"Boulangerie Martin","number":"+33612345601",
             "email":"e@example.fr","city":"Lyon","tier":"gold"},
            {"id":"c2","name":"Sofia Rossi","number":"0478123403"}]"#,
    ))
    .expect("valid customers");
    assert_eq!(scenario.customers.len(), 2);
    assert_eq!(
        scenario.customers[0].company.as_deref(),
        Some("Boulangerie Martin")
    );
    assert_eq!(scenario.customers[1].company, None);
    // Scenarios without customers still parse.
    let none = Scenario::parse(r#"{"name":"x","users":[]}"#).expect("no customers");
    assert!(none.customers.is_empty());
}

#[test]
fn bad_customers_are_refused_with_a_reason() {
    for (customers, expected) in [
        (r#"[{"id":"","name":"a","number":"1"}]"#, "the id is empty"),
        (
            r#"[{"id":"c1","name":" ","number":"1"}]"#,
            "the name is empty",
        ),
        (
            r#"[{"id":"c1","name":"a","number":""}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"+"}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"06 12 34"}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"++336"}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"12345678901234567890123"}]"#,
            "at most 20",
        ),
    ] {
        let error = Scenario::parse(&with_customers(customers)).expect_err(customers);
        assert!(
            matches!(error, ScenarioError::BadCustomer { .. }),
            "{customers}: {error}"
        );
        assert!(error.to_string().contains(expected), "{customers}: {error}");
    }
    let twice = with_customers(
        r#"[{"id":"c1","name":"a","number":"1"},{"id":"c1","name":"b","number":"2"}]"#,
    );
    let error = Scenario::parse(&twice).expect_err("duplicate id");
    assert!(matches!(error, ScenarioError::DuplicateCustomer(ref id) if id == "c1"));
    assert!(error.to_string().contains("c1"), "{error}");
    let missing_number = with_customers(r#"[{"id":"c1","name":"a"}]"#);
    assert!(matches!(
        Scenario::parse(&missing_number),
        Err(ScenarioError::Json(_))
    ));
}

#[test]
fn the_shipped_scenarios_have_customers() {
    let default = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    assert!(default.customers.len() >= 10);
    assert!(default.customers.iter().any(|c| !c.number.starts_with('+')));
    let e2e = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../e2e/scenario.json"
    ))
    .expect("e2e scenario");
    let e2e = Scenario::parse(&e2e).expect("e2e scenario parses");
    let numbers: Vec<(&str, &str)> = e2e
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.number.as_str()))
        .collect();
    for expected in [
        ("c01", "+33612345601"),
        ("c02", "+33612345602"),
        ("c03", "0478123403"),
    ] {
        assert!(numbers.contains(&expected), "{expected:?} in {numbers:?}");
    }
}

/// The callers of the calls the traffic generator makes in 20 minutes: nobody answers and
/// nobody gives up, so every call is still queued and shows its caller.
fn generated_callers(scenario: &Scenario, seed: u64) -> Vec<String> {
    let mut scenario = scenario.clone();
    scenario.bots.clear();
    scenario.traffic.calls_per_minute = 6.0;
    scenario.traffic.patience_ms = 10 * 3_600_000;
    let mut sim = Simulator::new(scenario, seed);
    sim.advance(20 * 60_000);
    // Call references are fixed-width and listed in order: the list is in arrival order.
    sim.live_calls()
        .into_iter()
        .map(|c| c.parties.first().cloned().expect("the caller"))
        .collect()
}

#[test]
fn generated_callers_are_mostly_customers_and_the_same_for_a_seed() {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    let known: Vec<&str> = scenario
        .customers
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    let callers = generated_callers(&scenario, 42);
    assert!(callers.len() >= 60, "{} calls", callers.len());
    let from_customers = callers
        .iter()
        .filter(|c| known.contains(&c.as_str()))
        .count();
    let share = from_customers as f64 / callers.len() as f64;
    assert!(
        (0.65..=0.95).contains(&share),
        "{from_customers} of {}",
        callers.len()
    );
    // The others are random mobiles.
    assert!(callers
        .iter()
        .filter(|c| !known.contains(&c.as_str()))
        .all(|c| c.starts_with("+336") && c.len() == 12));
    // Several customers are drawn, not one.
    let mut distinct: Vec<&String> = callers
        .iter()
        .filter(|c| known.contains(&c.as_str()))
        .collect();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() >= 6, "{distinct:?}");
    assert_eq!(callers, generated_callers(&scenario, 42), "deterministic");
    assert_ne!(callers, generated_callers(&scenario, 43));
}

#[test]
fn without_customers_every_caller_is_random() {
    let mut scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    scenario.customers.clear();
    let callers = generated_callers(&scenario, 42);
    assert!(!callers.is_empty());
    assert!(callers.iter().all(|c| c.starts_with("+336")), "{callers:?}");
}
