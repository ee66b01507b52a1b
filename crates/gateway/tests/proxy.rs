//! Proxy mode, end to end over real TCP: a gateway in proxy mode in front of a second gateway
//! in simulator mode standing in for O2G.

// Helpers outside #[test] functions may also expect: a failed step is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use clap::Parser;
use common::{event, line, serve_over_tcp, Reply, KEEPALIVE};
use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use cti::o2g::session::SessionInfo;
use cti::o2g::subscription::{Subscription, SubscriptionState};
use cti::o2g::{decode, ErrorType};
use futures_util::StreamExt;
use gateway::config::Config;
use gateway::proxy::{Upstream, UpstreamTrust};
use gateway::{app, AppState};
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio_tungstenite::tungstenite::Message;

struct Pair {
    upstream: AppState,
    proxy: AppState,
    proxy_addr: SocketAddr,
}

async fn pair() -> Pair {
    let upstream = common::state();
    let upstream_addr = serve_over_tcp(app(upstream.clone())).await;
    let proxy = common::state().proxying(
        Upstream::new(
            &format!("http://{upstream_addr}"),
            &UpstreamTrust::PublicRoots,
        )
        .expect("upstream URL"),
    );
    let proxy_addr = serve_over_tcp(app(proxy.clone())).await;
    Pair {
        upstream,
        proxy,
        proxy_addr,
    }
}

async fn http(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(header::HeaderName, String)],
    body: Option<&str>,
) -> Reply {
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let mut request = Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path}"));
    for (name, value) in headers {
        request = request.header(name, value);
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let request = request
        .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_default())
        .expect("request");
    let response = client.request(request).await.expect("response");
    Reply::read(response.map(Body::new)).await
}

/// Authenticates through the proxy; returns the cookie header the browser would send.
async fn sign_in(addr: SocketAddr) -> (String, String) {
    let auth = http(
        addr,
        Method::GET,
        "/api/rest/authenticate?version=1.0",
        &[(
            header::AUTHORIZATION,
            basic_authorization("oxe70120", "0120"),
        )],
        None,
    )
    .await;
    assert_eq!(auth.status, StatusCode::OK);
    let body: AuthenticationResponse =
        decode("AuthenticationResponse", &auth.body).expect("auth body");
    assert_eq!(
        body.public_url,
        format!("http://{addr}/api/rest/1.0/sessions"),
        "rewritten to the proxy"
    );
    let set_cookie = auth
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("Set-Cookie passed back");
    assert!(set_cookie.starts_with(&format!("AlcUserId={}", body.credential)));
    let cookie = format!("AlcUserId={}", body.credential);
    let session = http(
        addr,
        Method::POST,
        "/api/rest/1.0/sessions",
        &[(header::COOKIE, cookie.clone())],
        Some(r#"{"applicationName":"proxy-test"}"#),
    )
    .await;
    assert_eq!(session.status, StatusCode::OK);
    let info: SessionInfo = decode("SessionInfo", &session.body).expect("session");
    assert_eq!(
        info.public_base_url.as_deref(),
        Some(format!("http://{addr}/api/rest/1.0").as_str())
    );
    assert_eq!(info.private_base_url, format!("http://{addr}/api/rest/1.0"));
    (cookie, body.credential)
}

async fn subscribe(addr: SocketAddr, cookie: &str) -> String {
    let reply = http(
        addr,
        Method::POST,
        "/api/rest/1.0/subscriptions",
        &[(header::COOKIE, cookie.to_owned())],
        Some(r#"{"filter":{"selectors":[{"ids":["oxe70120"],"names":["user"]}]},"version":"1.0","timeout":0}"#),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let subscription: Subscription = decode("Subscription", &reply.body).expect("subscription");
    assert_eq!(subscription.status, SubscriptionState::Accepted);
    let id = subscription.subscription_id.clone().expect("id");
    assert_eq!(
        subscription.polling_url(),
        Some(format!("http://{addr}/OTEvents?subscriptionId={id}").as_str())
    );
    id
}

async fn next_text(
    ws: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
) -> Option<String> {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a message in time")
        {
            Some(Ok(Message::Text(text))) if text.as_str() != KEEPALIVE => {
                return Some(text.to_string())
            }
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => {}
        }
    }
}

/// Waits until the upstream has attached its channel for `id` (the bridge opened it).
async fn upstream_channel_open(upstream: &AppState, id: &str) {
    for _ in 0..100 {
        if upstream
            .events
            .get(id, upstream.now())
            .is_some_and(|s| s.attach_count() > 0)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the proxy never opened the upstream channel");
}

#[tokio::test]
async fn events_published_upstream_reach_the_proxy_websocket() {
    let p = pair().await;
    let (cookie, credential) = sign_in(p.proxy_addr).await;
    let id = subscribe(p.proxy_addr, &cookie).await;
    upstream_channel_open(&p.upstream, &id).await;
    // Published before the widget connects: queued at the proxy.
    p.upstream.events.publish("oxe70120", event("oxe70120", 1));
    let url = format!("ws://{}/OTEvents/ws?subscriptionId={id}", p.proxy_addr);
    let (mut ws, _) = tokio_tungstenite::connect_async(common::ws_request(&url, &cookie))
        .await
        .expect("upgrade");
    assert_eq!(next_text(&mut ws).await, Some(line("oxe70120", 1)));
    p.upstream.events.publish("oxe70120", event("oxe70120", 2));
    p.upstream.events.publish("oxe70121", event("oxe70121", 3));
    p.upstream.events.publish("oxe70120", event("oxe70120", 4));
    assert_eq!(next_text(&mut ws).await, Some(line("oxe70120", 2)));
    assert_eq!(next_text(&mut ws).await, Some(line("oxe70120", 4)));
    // Upstream keep-alives are not relayed as events; the proxy makes its own.
    assert!(p.proxy.events.metrics().published >= 2);
    // DELETE through the proxy closes both ends.
    let deleted = http(
        p.proxy_addr,
        Method::DELETE,
        &format!("/api/rest/1.0/subscriptions/{id}"),
        &[(header::COOKIE, cookie.clone())],
        None,
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(next_text(&mut ws).await, None);
    assert!(p.proxy.events.get(&id, p.proxy.now()).is_none());
    assert!(p.upstream.events.get(&id, p.upstream.now()).is_none());
    let _ = credential;
}

#[tokio::test]
async fn closing_the_session_through_the_proxy_ends_the_bridged_channel() {
    let p = pair().await;
    let (cookie, _) = sign_in(p.proxy_addr).await;
    let id = subscribe(p.proxy_addr, &cookie).await;
    let url = format!("ws://{}/OTEvents/ws?subscriptionId={id}", p.proxy_addr);
    let (mut ws, _) = tokio_tungstenite::connect_async(common::ws_request(&url, &cookie))
        .await
        .expect("upgrade");
    upstream_channel_open(&p.upstream, &id).await;
    let closed = http(
        p.proxy_addr,
        Method::DELETE,
        "/api/rest/1.0/sessions",
        &[(header::COOKIE, cookie.clone())],
        None,
    )
    .await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT);
    assert_eq!(next_text(&mut ws).await, None);
    // Afterwards the upstream answers INVALID_SESSION, passed through as is.
    let after = http(
        p.proxy_addr,
        Method::GET,
        "/api/rest/1.0/sessions",
        &[(header::COOKIE, cookie)],
        None,
    )
    .await;
    assert_eq!(after.status, StatusCode::FORBIDDEN);
    assert_eq!(after.error().kind(), ErrorType::InvalidSession);
}

#[tokio::test]
async fn the_proxy_chunk_channel_carries_upstream_events_too() {
    let p = pair().await;
    let (cookie, _) = sign_in(p.proxy_addr).await;
    let id = subscribe(p.proxy_addr, &cookie).await;
    upstream_channel_open(&p.upstream, &id).await;
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let response = client
        .request(
            Request::get(format!(
                "http://{}/OTEvents?subscriptionId={id}",
                p.proxy_addr
            ))
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("request"),
        )
        .await
        .expect("channel");
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    p.upstream.events.publish("oxe70120", event("oxe70120", 9));
    let mut buffer = Vec::new();
    // The opening OnChannelInformation, then the event.
    while buffer.iter().filter(|b| **b == b'\n').count() < 2 {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("in time")
            .expect("open")
            .expect("frame");
        if let Ok(data) = frame.into_data() {
            buffer.extend_from_slice(&data);
        }
    }
    let text = String::from_utf8(buffer).expect("utf-8");
    assert!(text.lines().any(|l| l == line("oxe70120", 9)), "{text}");
}

#[tokio::test]
async fn upstream_errors_pass_through_and_a_dead_upstream_is_503() {
    let p = pair().await;
    let wrong = http(
        p.proxy_addr,
        Method::GET,
        "/api/rest/authenticate?version=1.0",
        &[(
            header::AUTHORIZATION,
            basic_authorization("oxe70120", "9999"),
        )],
        None,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error().kind(), ErrorType::NotAllowed);
    let no_cookie = http(
        p.proxy_addr,
        Method::POST,
        "/api/rest/1.0/subscriptions",
        &[],
        Some(r#"{"version":"1.0"}"#),
    )
    .await;
    assert_eq!(no_cookie.status, StatusCode::FORBIDDEN);
    assert_eq!(no_cookie.error().kind(), ErrorType::InvalidSession);
    let unknown = http(
        p.proxy_addr,
        Method::GET,
        "/api/rest/1.0/nothing",
        &[],
        None,
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // An upstream nobody listens on.
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let dead = common::state().proxying(
        Upstream::new(
            &format!("http://{closed_port}"),
            &UpstreamTrust::PublicRoots,
        )
        .expect("upstream URL"),
    );
    let dead_addr = serve_over_tcp(app(dead)).await;
    let reply = http(dead_addr, Method::GET, "/api/rest", &[], None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.error().kind(), ErrorType::NotReady);
    let trust = UpstreamTrust::PublicRoots;
    assert!(Upstream::new("https://o2g.example", &trust).is_ok());
    assert!(Upstream::new("ftp://o2g.example", &trust).is_err());
    assert!(Upstream::new("not a url", &trust).is_err());
    // A path prefix is refused, not silently dropped.
    let prefixed = Upstream::new("https://o2g.example/o2g", &trust).expect_err("prefix");
    assert!(prefixed.to_string().contains("path prefix"), "{prefixed}");
    assert!(Upstream::new("https://o2g.example:8443/", &trust).is_ok());
}

/// A simulator-mode gateway served over TLS with a certificate of a fresh private CA;
/// returns its address and the CA's PEM.
async fn serve_tls(state: AppState) -> (SocketAddr, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};

    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).expect("CA certificate");
    let key = KeyPair::generate().expect("server key");
    let certificate = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .expect("server params")
        .signed_by(&key, &ca, &ca_key)
        .expect("server certificate");
    // Through PEM files, as `--tls-cert`/`--tls-key` take them.
    let dir = std::env::temp_dir().join(format!("agentdesk-proxy-tls-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).expect("dir");
    let (cert_path, key_path) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert_path, certificate.pem()).expect("cert.pem");
    std::fs::write(&key_path, key.serialize_pem()).expect("key.pem");
    let tls = gateway::https::from_pem_files(&cert_path, &key_path).expect("server TLS");
    let _ = std::fs::remove_dir_all(&dir);
    let (listener, addr) = common::local_listener().await;
    tokio::spawn(gateway::https::serve(
        listener,
        app(state),
        tls.config,
        std::future::pending(),
    ));
    (addr, ca.pem())
}

/// Distinguishes the temporary folders of tests running at once.
fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A proxy gateway built from command-line options, as `main` builds it.
async fn proxy_from_options(args: &[&str]) -> SocketAddr {
    let config = Config::try_parse_from(std::iter::once("gateway").chain(args.iter().copied()))
        .expect("options");
    let upstream = Upstream::from_config(&config)
        .expect("upstream options")
        .expect("proxy mode");
    serve_over_tcp(app(common::state().proxying(upstream))).await
}

/// Sign-in, session, subscription through the proxy, then an upstream event on its WebSocket.
async fn assert_upstream_events_reach_the_websocket(upstream: &AppState, proxy_addr: SocketAddr) {
    let (cookie, _) = sign_in(proxy_addr).await;
    let id = subscribe(proxy_addr, &cookie).await;
    upstream_channel_open(upstream, &id).await;
    let url = format!("ws://{proxy_addr}/OTEvents/ws?subscriptionId={id}");
    let (mut ws, _) = tokio_tungstenite::connect_async(common::ws_request(&url, &cookie))
        .await
        .expect("upgrade");
    upstream.events.publish("oxe70120", event("oxe70120", 7));
    assert_eq!(next_text(&mut ws).await, Some(line("oxe70120", 7)));
}

#[tokio::test]
async fn an_https_upstream_with_a_private_ca_carries_the_whole_flow() {
    let upstream = common::state();
    let (upstream_addr, ca_pem) = serve_tls(upstream.clone()).await;
    let ca_file = std::env::temp_dir().join(format!(
        "agentdesk-proxy-ca-{}-{}.pem",
        std::process::id(),
        upstream_addr.port()
    ));
    std::fs::write(&ca_file, ca_pem).expect("CA file");
    let proxy_addr = proxy_from_options(&[
        "--upstream",
        &format!("https://{upstream_addr}"),
        "--upstream-ca",
        ca_file.to_str().expect("UTF-8 path"),
    ])
    .await;
    assert_upstream_events_reach_the_websocket(&upstream, proxy_addr).await;
    let _ = std::fs::remove_file(ca_file);
}

#[tokio::test]
async fn an_untrusted_upstream_certificate_is_a_503_naming_the_fix() {
    let (upstream_addr, _) = serve_tls(common::state()).await;
    // Only the public roots: the private CA is unknown.
    let proxy_addr = proxy_from_options(&["--upstream", &format!("https://{upstream_addr}")]).await;
    let reply = http(proxy_addr, Method::GET, "/api/rest", &[], None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let error = reply.error();
    assert_eq!(error.kind(), ErrorType::NotReady);
    let message = error.inner_message.unwrap_or_default();
    assert!(
        message.contains("does not trust") && message.contains("--upstream-ca"),
        "{message}"
    );
}

#[tokio::test]
async fn an_insecure_proxy_accepts_any_upstream_certificate() {
    let upstream = common::state();
    let (upstream_addr, _) = serve_tls(upstream.clone()).await;
    let proxy_addr = proxy_from_options(&[
        "--upstream",
        &format!("https://{upstream_addr}"),
        "--upstream-insecure",
    ])
    .await;
    assert_upstream_events_reach_the_websocket(&upstream, proxy_addr).await;
}

#[test]
fn a_ca_and_insecure_together_are_refused() {
    assert!(Config::try_parse_from([
        "gateway",
        "--upstream",
        "https://o2g",
        "--upstream-ca",
        "ca.pem",
        "--upstream-insecure",
    ])
    .is_err());
}

#[tokio::test]
async fn proxy_mode_builds_no_simulator_and_serves_no_scenario_api() {
    let upstream =
        Upstream::new("http://127.0.0.1:9", &UpstreamTrust::PublicRoots).expect("upstream URL");
    let scenario = gateway::scenario::Scenario::parse(gateway::scenario::DEFAULT_SCENARIO)
        .expect("default scenario");
    let state = AppState::proxy(
        scenario,
        gateway::clock::Clock::manual(),
        "/nonexistent-dist".into(),
        gateway::events::HubConfig::default(),
        upstream,
    );
    assert!(state.simulator().is_none(), "no simulator in proxy mode");
    assert!(state.upstream().is_some());
    let addr = serve_over_tcp(app(state)).await;
    let reply = http(addr, Method::GET, "/api/sim/calls", &[], None).await;
    assert_eq!(
        reply.status,
        StatusCode::NOT_FOUND,
        "the scenario API is not routed"
    );
    // The sign-in form is offered the one protocol the proxy forwards.
    let reply = http(addr, Method::GET, "/api/backends", &[], None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_slice(&reply.body).expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({"backends": [{"id": "o2g", "name": "ALE OmniPCX Open Gateway", "console": "/"}], "default": "o2g"})
    );
}
