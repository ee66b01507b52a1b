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
use gateway::fronts::o2g::sim::Simulator;
use gateway::scenario::{Scenario, ScenarioError, DEFAULT_SCENARIO};
use gateway::sessions::CookieMode;
use gateway::{app, demo_app, AppState};
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
        "'self' https://crm.example.com http://127.0.0.1:8081 http://localhost:8081"
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
    ];
    for body in &cases {
        let reply = report(&h, body).await;
        reply.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(reply.error_kind(), ErrorType::BadParameter, "{body}");
    }
    // Over the report's size limit: 413, still a REST error.
    let padded = json!({"origin": "https://a.test", "reason": "r", "pad": "y".repeat(5000)});
    let reply = report(&h, &padded.to_string()).await;
    reply.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error_kind(), ErrorType::BadParameter);
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

// ---------------------------------------------------------------------------------------------
// The host SDK, on both listeners.

const SDK_JS: &[u8] = include_bytes!("../assets/sdk/agentdesk.js");
const SDK_DTS: &[u8] = include_bytes!("../assets/sdk/agentdesk.d.ts");

/// The listeners of a gateway on 8080 with its demo on 8081.
fn with_demo() -> Listeners {
    Listeners {
        main: "127.0.0.1:8080".parse().expect("addr"),
        demo: Some("127.0.0.1:8081".parse().expect("addr")),
    }
}

async fn assert_serves_the_sdk(router: &axum::Router) {
    for (path, bytes, kind) in [
        (
            "/sdk/agentdesk.js",
            SDK_JS,
            "text/javascript; charset=utf-8",
        ),
        (
            "/sdk/agentdesk.d.ts",
            SDK_DTS,
            "application/typescript; charset=utf-8",
        ),
    ] {
        let reply = get(router, path, &[("origin", "https://crm.example.com")]).await;
        reply.assert_status(StatusCode::OK);
        assert_eq!(reply.headers[header::CONTENT_TYPE], kind, "{path}");
        assert_eq!(reply.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        assert_eq!(reply.headers[header::CACHE_CONTROL], "no-cache");
        assert_eq!(reply.body, bytes, "{path}");
        // Revalidation costs no body.
        let tag = reply.headers[header::ETAG]
            .to_str()
            .expect("etag")
            .to_owned();
        let again = get(router, path, &[("if-none-match", &tag)]).await;
        again.assert_status(StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
    }
    let missing = get(router, "/sdk/other.js", &[]).await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(missing.error_kind(), ErrorType::NotFound);
}

#[tokio::test]
async fn the_sdk_is_served_to_any_origin_on_both_listeners() {
    let state = embed_state("sdk", &[], with_demo());
    assert_serves_the_sdk(&app(state.clone())).await;
    assert_serves_the_sdk(&demo_app(state)).await;
}

// ---------------------------------------------------------------------------------------------
// The demo listener.

fn demo() -> axum::Router {
    demo_app(embed_state("demo", &[], with_demo()))
}

#[tokio::test]
async fn demo_pages_are_the_embedded_files_with_their_types() {
    let router = demo();
    for (path, bytes, kind) in [
        (
            "/",
            &include_bytes!("../assets/demo/index.html")[..],
            "text/html; charset=utf-8",
        ),
        (
            "/crm",
            include_bytes!("../assets/demo/crm.html"),
            "text/html; charset=utf-8",
        ),
        (
            "/embed-api",
            include_bytes!("../assets/demo/embed-api.html"),
            "text/html; charset=utf-8",
        ),
        (
            "/demo.css",
            include_bytes!("../assets/demo/demo.css"),
            "text/css; charset=utf-8",
        ),
        (
            "/crm.js",
            include_bytes!("../assets/demo/crm.js"),
            "text/javascript; charset=utf-8",
        ),
        (
            "/embed-api.js",
            include_bytes!("../assets/demo/embed-api.js"),
            "text/javascript; charset=utf-8",
        ),
        (
            "/landing.js",
            include_bytes!("../assets/demo/landing.js"),
            "text/javascript; charset=utf-8",
        ),
    ] {
        let reply = get(&router, path, &[("host", "127.0.0.1:8081")]).await;
        reply.assert_status(StatusCode::OK);
        assert_eq!(reply.headers[header::CONTENT_TYPE], kind, "{path}");
        assert_eq!(reply.body, bytes, "{path}");
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            reply.headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
    }
}

#[tokio::test]
async fn demo_pages_may_load_scripts_and_frames_from_the_widget_only() {
    let router = demo();
    for (host, widget) in [
        ("127.0.0.1:8081", "http://127.0.0.1:8080"),
        ("localhost:8081", "http://localhost:8080"),
    ] {
        let reply = get(&router, "/crm", &[("host", host)]).await;
        assert_eq!(
            reply.headers[header::CONTENT_SECURITY_POLICY],
            format!(
                "default-src 'self'; script-src 'self' {widget}; frame-src {widget}; \
                 style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'"
            )
            .as_str()
        );
    }
}

#[tokio::test]
async fn env_js_names_the_widget_under_the_host_name_the_browser_used() {
    let router = demo();
    let reply = get(&router, "/env.js", &[("host", "localhost:1234")]).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(
        reply.text(),
        "export const WIDGET_ORIGIN = \"http://localhost:8080\";\n"
    );
    let v6 = get(&router, "/env.js", &[("host", "[::1]:8081")]).await;
    assert_eq!(
        v6.text(),
        "export const WIDGET_ORIGIN = \"http://[::1]:8080\";\n"
    );
}

#[tokio::test]
async fn a_hostile_host_header_is_never_reflected() {
    let router = demo();
    for host in [
        "evil\";alert(1);//",
        "a.test:80/</script>",
        "x y",
        "[::1]\"",
        "localhost:notaport",
    ] {
        let reply = get(&router, "/env.js", &[("host", host)]).await;
        reply.assert_status(StatusCode::OK);
        // The main listener's own address instead.
        assert_eq!(
            reply.text(),
            "export const WIDGET_ORIGIN = \"http://127.0.0.1:8080\";\n",
            "{host}"
        );
        let page = get(&router, "/", &[("host", host)]).await;
        let csp = page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii");
        assert!(csp.contains("frame-src http://127.0.0.1:8080;"), "{csp}");
    }
    // No Host at all (HTTP/1.0): the same.
    let reply = get(&router, "/env.js", &[]).await;
    assert!(reply.text().contains("http://127.0.0.1:8080"));
}

#[tokio::test]
async fn customers_json_lists_the_scenario_customers() {
    let reply = get(&demo(), "/customers.json", &[]).await;
    reply.assert_status(StatusCode::OK);
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/json");
    let customers: Value = reply.json();
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    assert_eq!(
        customers,
        serde_json::to_value(&scenario.customers).expect("json")
    );
    assert_eq!(
        customers[0],
        json!({"id": "c01", "name": "Élodie Martin", "company": "Boulangerie Martin",
               "number": "+33612345601", "email": "elodie@boulangerie-martin.fr",
               "city": "Lyon", "tier": "gold"})
    );
    // Absent fields are left out rather than null.
    let sofia = customers[5].as_object().expect("object");
    assert!(!sofia.contains_key("company"), "{sofia:?}");
}

#[tokio::test]
async fn the_demo_serves_nothing_else() {
    let router = demo();
    for path in [
        "/nothing",
        "/api/rest",
        "/api/embed/config",
        "/embed",
        "/demo",
        "/crm/",
        "/a/b",
        "/sdk/",
        "/..%2fsrc%2fmain.rs",
    ] {
        let reply = get(&router, path, &[]).await;
        reply.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(reply.error_kind(), ErrorType::NotFound, "{path}");
    }
    let post = router
        .clone()
        .oneshot(Request::post("/crm").body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn demo_on_the_main_listener_redirects_to_the_demo_listener() {
    let router = app(embed_state("redirect", &[], with_demo()));
    for path in ["/demo", "/demo/"] {
        let reply = get(&router, path, &[("host", "localhost:8080")]).await;
        reply.assert_status(StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(reply.headers[header::LOCATION], "http://localhost:8081/");
    }
    let reply = get(&router, "/demo", &[("host", "bad host")]).await;
    assert_eq!(reply.headers[header::LOCATION], "http://127.0.0.1:8081/");
    // Without a demo listener: a clear 404.
    let h = Harness::new();
    let reply = h.plain(Method::GET, "/demo", None).await;
    reply.assert_status(StatusCode::NOT_FOUND);
    let message = reply.error().inner_message.unwrap_or_default();
    assert!(message.contains("--demo-addr"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// The binary: both listeners announced, wired to each other, stopped by Ctrl-C.

/// `GET path` over plain TCP with `Host: host`; the status line's code, the headers' text and
/// the body.
fn http_get(addr: &str, host: &str, path: &str) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let (head, body) = response.split_once("\r\n\r\n").expect("a response");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status");
    (status, head.to_ascii_lowercase(), body.to_owned())
}

/// The next line the child printed, within 20 s.
fn next_line(lines: &std::sync::mpsc::Receiver<String>) -> String {
    lines
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the gateway printed a line in time")
}

#[test]
fn the_binary_announces_both_listeners_and_stops_on_ctrl_c() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_gateway"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--demo-addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent-dist",
            "--manual-clock",
        ])
        .env("RUST_LOG", "error")
        .env_remove("AGENTDESK_EMBED_ORIGINS")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the gateway starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let main_line = next_line(&lines);
    let demo_line = next_line(&lines);
    let main = main_line
        .strip_prefix("agentdesk gateway listening on http://")
        .unwrap_or_else(|| panic!("{main_line}"))
        .to_owned();
    let demo = demo_line
        .strip_prefix("agentdesk demo listening on http://")
        .unwrap_or_else(|| panic!("{demo_line}"))
        .to_owned();
    let port = |addr: &str| -> u16 {
        addr.rsplit_once(':')
            .and_then(|(_, port)| port.parse().ok())
            .expect("a port")
    };
    let (main_port, demo_port) = (port(&main), port(&demo));
    assert!(main_port != 0 && demo_port != 0 && main_port != demo_port);

    // The demo's origins are allowed to embed the widget.
    let (status, _, body) = http_get(&main, &main, "/api/embed/config");
    assert_eq!(status, 200, "{body}");
    let config: EmbedConfig = serde_json::from_str(&body).expect("config");
    for origin in [
        format!("http://127.0.0.1:{demo_port}"),
        format!("http://localhost:{demo_port}"),
    ] {
        assert!(config.allowed_origins.contains(&origin), "{origin}: {body}");
    }
    // The demo points at the widget, under the browser's host name.
    let (status, _, body) = http_get(&demo, &format!("localhost:{demo_port}"), "/env.js");
    assert_eq!(status, 200);
    assert_eq!(
        body,
        format!("export const WIDGET_ORIGIN = \"http://localhost:{main_port}\";\n")
    );
    let (status, head, _) = http_get(&demo, &demo, "/crm");
    assert_eq!(status, 200);
    assert!(
        head.contains(&format!("frame-src http://127.0.0.1:{main_port};")),
        "{head}"
    );
    // And the gateway's /demo leads there.
    let (status, head, _) = http_get(&main, &main, "/demo");
    assert_eq!(status, 307);
    assert!(
        head.contains(&format!("location: http://127.0.0.1:{demo_port}/")),
        "{head}"
    );

    // Ctrl-C (SIGINT to the child we started) stops both listeners and the process.
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the gateway did not stop on SIGINT");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(std::net::TcpStream::connect(&demo).is_err(), "demo closed");
}

#[test]
fn the_binary_refuses_a_bad_embed_origin_naming_it() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gateway"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent-dist",
            "--embed-origin",
            "https://ok.example.com,crm.example.com",
        ])
        .env("RUST_LOG", "error")
        .output()
        .expect("the gateway runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`crm.example.com`"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing was announced");
}

// ---------------------------------------------------------------------------------------------
// The sessions view of the scenario API.

async fn sim_sessions(h: &Harness) -> (Vec<Value>, String) {
    let reply = h.plain(Method::GET, "/api/sim/sessions", None).await;
    reply.assert_status(StatusCode::OK);
    (reply.json(), reply.text())
}

#[tokio::test]
async fn sim_sessions_lists_open_sessions_with_their_subscriptions_and_channels() {
    let h = Harness::new();
    assert!(sim_sessions(&h).await.0.is_empty());
    // A bare credential is not a session.
    h.authenticate("oxe70121", "0121")
        .await
        .assert_status(StatusCode::OK);
    assert!(sim_sessions(&h).await.0.is_empty());

    let (credential, id) = h.subscribed("oxe70120").await;
    let (listed, text) = sim_sessions(&h).await;
    assert_eq!(listed.len(), 1, "{text}");
    let alice = &listed[0];
    assert_eq!(alice["login"], "oxe70120");
    assert_eq!(alice["remainingSeconds"], 1800);
    assert_eq!(
        (alice["subscriptions"].as_u64(), alice["channels"].as_u64()),
        (Some(1), Some(0))
    );
    let opened_at = alice["openedAt"].as_u64().expect("Unix ms");
    assert!(opened_at > 1_600_000_000_000, "{opened_at}");
    // The credential is never shown.
    assert!(!text.contains(&credential), "{text}");
    assert_eq!(
        alice.as_object().map(|o| o.len()),
        Some(5),
        "login, openedAt, remainingSeconds, subscriptions, channels: {text}"
    );

    // A channel is counted while it is open.
    let channel = h
        .response(h.channel_request(axum::http::Method::GET, &id))
        .await;
    assert_eq!(channel.status(), StatusCode::OK);
    assert_eq!(sim_sessions(&h).await.0[0]["channels"], 1);
    drop(channel);
    assert_eq!(sim_sessions(&h).await.0[0]["channels"], 0);
    assert_eq!(sim_sessions(&h).await.0[0]["subscriptions"], 1);

    // Time counts down; a second session is listed after the first.
    h.advance(60_000);
    h.sign_in("oxe70121").await;
    let (listed, _) = sim_sessions(&h).await;
    let logins: Vec<&str> = listed.iter().filter_map(|s| s["login"].as_str()).collect();
    assert_eq!(logins, ["oxe70120", "oxe70121"]);
    assert_eq!(listed[0]["remainingSeconds"], 1740);
    assert_eq!(listed[1]["subscriptions"], 0);

    // Closing a session takes it and its subscriptions away.
    h.call(Method::DELETE, "/sessions", &credential, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let (listed, _) = sim_sessions(&h).await;
    let logins: Vec<&str> = listed.iter().filter_map(|s| s["login"].as_str()).collect();
    assert_eq!(logins, ["oxe70121"]);
    assert_eq!(h.state.events.metrics().subscriptions, 0);
    // And an expired one is not listed, purged or not.
    h.advance(1_800_001);
    assert!(sim_sessions(&h).await.0.is_empty());
}

// ---------------------------------------------------------------------------------------------
// The session cookie's modes.

async fn set_cookie(router: &axum::Router) -> String {
    let authorization = cti::o2g::auth::basic_authorization("oxe70120", "0120");
    let reply = get(
        router,
        "/api/rest/authenticate?version=1.0",
        &[("authorization", &authorization)],
    )
    .await;
    reply.assert_status(StatusCode::OK);
    reply.headers[header::SET_COOKIE]
        .to_str()
        .expect("ascii")
        .to_owned()
}

#[tokio::test]
async fn the_session_cookie_is_strict_unless_cross_site_embedding_is_asked_for() {
    let strict = set_cookie(&app(common::state())).await;
    assert!(strict.starts_with("AlcUserId="), "{strict}");
    assert!(
        strict.ends_with("; Path=/; HttpOnly; SameSite=Strict"),
        "{strict}"
    );
    let cross = set_cookie(&app(common::state().with_cookie_mode(CookieMode::CrossSite))).await;
    assert!(
        cross.ends_with("; Path=/; HttpOnly; SameSite=None; Secure; Partitioned"),
        "{cross}"
    );
}
