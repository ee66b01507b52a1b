//! Shared harness of the gateway's integration tests: the whole `app(state)` on a manual clock,
//! driven in process with `tower::ServiceExt::oneshot`, plus the events and states the
//! subscription, channel and proxy tests publish and expect.
// Test helpers, not tests, so clippy.toml's allowance for tests does not reach them; and not
// every test file uses every helper.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use cti::o2g::comlog::ComHistoryRecords;
use cti::o2g::event::{decode_event, Event};
use cti::o2g::subscription::Subscription;
use cti::o2g::{decode, ErrorType, RestErrorInfo};
use gateway::clock::Clock;
use gateway::events::HubConfig;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::{app, AppState};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

/// The `Host` in-process requests carry: the origin of the URLs the gateway hands out.
pub const HOST: &str = "gw.test:8080";

/// A keep-alive after this much real silence in tests (60 s in production).
pub const TEST_KEEPALIVE: Duration = Duration::from_millis(300);

/// The keep-alive line every channel sends.
pub const KEEPALIVE: &str = r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#;

/// A gateway state in simulator mode on a manual clock: the default scenario without traffic,
/// seed 0, keep-alives after [`TEST_KEEPALIVE`].
pub fn state() -> AppState {
    state_with(|_| {}, Some(0.0))
}

/// [`state`] with the scenario adjusted by `edit` and a traffic rate override (`None` keeps
/// the scenario's).
pub fn state_with(edit: impl FnOnce(&mut Scenario), calls_per_minute: Option<f64>) -> AppState {
    let mut scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    edit(&mut scenario);
    let hub = HubConfig {
        keepalive_idle: TEST_KEEPALIVE,
        ..HubConfig::default()
    };
    AppState::with_hub(scenario, Clock::manual(), "/nonexistent-dist".into(), hub).with_simulator(
        0,
        calls_per_minute,
        1.0,
    )
}

/// The gateway under test.
pub struct Harness {
    pub router: Router,
    pub state: AppState,
    pub clock: Clock,
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as an O2G error.
    pub fn error(&self) -> RestErrorInfo {
        decode("RestErrorInfo", &self.body).expect("errors are RestErrorInfo")
    }

    /// The error's type.
    pub fn error_kind(&self) -> ErrorType {
        self.error().kind()
    }

    /// The body as `T`.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.text()))
    }

    /// The body of a `200` as a Subscription.
    pub fn subscription(&self) -> Subscription {
        self.assert_status(StatusCode::OK);
        decode("Subscription", &self.body).expect("Subscription")
    }

    /// The body as text, for failure messages.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts a status, showing the body when it differs.
    pub fn assert_status(&self, status: StatusCode) -> &Reply {
        assert_eq!(self.status, status, "body: {}", self.text());
        self
    }

    /// Reads a whole response.
    pub async fn read(response: axum::response::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }
}

impl Harness {
    /// The gateway of [`state`].
    pub fn new() -> Harness {
        Harness::on(state())
    }

    /// The gateway of [`state_with`].
    pub fn with(edit: impl FnOnce(&mut Scenario), calls_per_minute: Option<f64>) -> Harness {
        Harness::on(state_with(edit, calls_per_minute))
    }

    /// The gateway of any state.
    pub fn on(state: AppState) -> Harness {
        Harness {
            router: app(state.clone()),
            clock: state.clock.clone(),
            state,
        }
    }

    /// Moves virtual time and lets the simulator catch up.
    pub fn advance(&self, ms: u64) {
        self.clock.advance(Duration::from_millis(ms));
        if let Some(sim) = self.state.simulator() {
            sim.tick(self.state.now());
        }
    }

    /// The response to `request`, unread (for streamed bodies).
    pub async fn response(&self, request: Request<Body>) -> axum::response::Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible")
    }

    /// The response to `request`, read whole.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        Reply::read(self.response(request).await).await
    }

    /// `GET /api/rest/authenticate` with Basic credentials.
    pub async fn authenticate(&self, login: &str, password: &str) -> Reply {
        let request = Request::get("/api/rest/authenticate?version=1.0")
            .header(header::HOST, HOST)
            .header(header::AUTHORIZATION, basic_authorization(login, password))
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// A request with the session cookie among others; `path` may be relative to
    /// `/api/rest/1.0`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        credential: &str,
        body: Option<&str>,
    ) -> Reply {
        let uri = if path.starts_with("/api/") {
            path.to_owned()
        } else {
            format!("/api/rest/1.0{path}")
        };
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, HOST)
            .header(header::COOKIE, format!("other=1; AlcUserId={credential}"));
        self.send(with_json_body(request, body)).await
    }

    /// A request without cookie (the scenario API).
    pub async fn plain(&self, method: Method, path: &str, body: Option<&str>) -> Reply {
        let request = Request::builder().method(method).uri(path);
        self.send(with_json_body(request, body)).await
    }

    /// Authenticates `login` (`oxe` + number; the password is the number's last 4 digits)
    /// and opens its session; returns the credential.
    pub async fn sign_in(&self, login: &str) -> String {
        let password = &login[login.len() - 4..];
        let reply = self.authenticate(login, password).await;
        reply.assert_status(StatusCode::OK);
        let auth: AuthenticationResponse =
            decode("AuthenticationResponse", &reply.body).expect("auth body");
        self.call(
            Method::POST,
            "/sessions",
            &auth.credential,
            Some(r#"{"applicationName":"tests"}"#),
        )
        .await
        .assert_status(StatusCode::OK);
        auth.credential
    }

    /// `POST /subscriptions` with `body`.
    pub async fn subscribe(&self, credential: &str, body: &str) -> Reply {
        self.call(Method::POST, "/subscriptions", credential, Some(body))
            .await
    }

    /// Signs `login` in and subscribes it to the agent console packages with timeout 0;
    /// returns the credential and the subscription id.
    pub async fn subscribed(&self, login: &str) -> (String, String) {
        let credential = self.sign_in(login).await;
        let body = format!(
            r#"{{"filter":{{"selectors":[{{"ids":["{login}"],"names":["telephony"]}},{{"ids":["{login}"],"names":["agent"]}},{{"names":["user"]}}]}},"version":"1.0","timeout":0}}"#
        );
        let subscription = self.subscribe(&credential, &body).await.subscription();
        (credential, subscription.subscription_id.expect("id"))
    }
}

/// The events queued for subscription `id` since the last call, as JSON, oldest first:
/// taken the way a channel takes them, by a channel attached on the first call and never
/// closed (so that the subscription outlives long advances of the clock).
pub fn take_events(h: &Harness, id: &str) -> Vec<serde_json::Value> {
    let subscription = h
        .state
        .events
        .get(id, h.clock.now())
        .expect("live subscription");
    let generation = if subscription.has_channel() {
        subscription.attach_count()
    } else {
        subscription.attach().expect("open subscription")
    };
    let lines = match subscription.take(generation) {
        gateway::events::Take::Events(lines) => lines,
        _ => Vec::new(),
    };
    lines
        .iter()
        .map(|line| serde_json::from_str(line).expect("events are JSON"))
        .collect()
}

/// `(eventName, the value of `field`)` of each event, to compare flows briefly.
pub fn names_with(events: &[serde_json::Value], field: &str) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| {
            let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
            (
                text(&e["eventName"]).unwrap_or_default(),
                text(&e[field]).unwrap_or_default(),
            )
        })
        .collect()
}

impl Harness {
    /// Signs `login` in and subscribes it to every package a console reads (telephony, agent,
    /// event summary, comlog, routing); returns the credential and the subscription id.
    pub async fn watched(&self, login: &str) -> (String, String) {
        let credential = self.sign_in(login).await;
        let selectors: Vec<String> = [
            "telephony",
            "agent",
            "eventSummary",
            "unifiedComLog",
            "routingManagement",
        ]
        .iter()
        .map(|name| format!(r#"{{"ids":["{login}"],"names":["{name}"]}}"#))
        .collect();
        let body = format!(
            r#"{{"filter":{{"selectors":[{}]}},"version":"1.0","timeout":0}}"#,
            selectors.join(",")
        );
        let subscription = self.subscribe(&credential, &body).await.subscription();
        (credential, subscription.subscription_id.expect("id"))
    }

    /// Logs the agent on `device` in `group` (PAUSE).
    pub async fn log_on(&self, credential: &str, device: &str, group: &str) {
        let body = format!(r#"{{"proAcdDeviceNumber":"{device}","pgGroupNumber":"{group}"}}"#);
        self.call(Method::POST, "/acd/agent/logon", credential, Some(&body))
            .await
            .assert_status(StatusCode::NO_CONTENT);
    }

    /// Logs the agent on `device` in `group` and makes it ready.
    pub async fn log_on_ready(&self, credential: &str, device: &str, group: &str) {
        self.log_on(credential, device, group).await;
        self.call(Method::POST, "/acd/agent/ready", credential, None)
            .await
            .assert_status(StatusCode::NO_CONTENT);
    }

    /// The agent's state as the scenario API lists it (`READY`, `PAUSE`, `LOG_OFF`...).
    pub async fn agent_state(&self, login: &str) -> String {
        let agents: Vec<serde_json::Value> = self
            .plain(Method::GET, "/api/sim/agents", None)
            .await
            .json();
        agents
            .iter()
            .find(|a| a["login"] == login)
            .and_then(|a| a["state"].as_str())
            .expect("listed agent")
            .to_owned()
    }

    /// Places an external call on `pilot` from `caller`; its reference.
    pub async fn inject(&self, pilot: &str, caller: &str) -> String {
        let body = format!(r#"{{"pilot":"{pilot}","caller":"{caller}"}}"#);
        let reply = self
            .plain(Method::POST, "/api/sim/calls", Some(&body))
            .await;
        reply.assert_status(StatusCode::CREATED);
        let created: serde_json::Value = reply.json();
        created["callRef"].as_str().expect("callRef").to_owned()
    }

    /// `POST /telephony/calls` from `device` to `callee`; the new call's reference.
    pub async fn dial(&self, credential: &str, device: &str, callee: &str) -> String {
        let body = format!(r#"{{"deviceId":"{device}","callee":"{callee}"}}"#);
        let reply = self
            .call(Method::POST, "/telephony/calls", credential, Some(&body))
            .await;
        reply.assert_status(StatusCode::CREATED);
        reply.json()
    }

    /// Answers `call` on `device`.
    pub async fn answer(&self, credential: &str, call: &str, device: &str) {
        let body = format!(r#"{{"deviceId":"{device}"}}"#);
        let path = format!("/telephony/calls/{call}/answer");
        self.call(Method::POST, &path, credential, Some(&body))
            .await
            .assert_status(StatusCode::NO_CONTENT);
    }
}

/// A call from Marc (70140, signed in as `marc`) to Alice (70120) left unanswered: the id of
/// the record it leaves in Alice's comlog (newest first).
pub async fn missed_call_record(h: &Harness, alice: &str, marc: &str) -> i64 {
    h.call(
        Method::POST,
        "/telephony/calls",
        marc,
        Some(r#"{"deviceId":"70140","callee":"70120"}"#),
    )
    .await
    .assert_status(StatusCode::CREATED);
    h.advance(31_000);
    let records: ComHistoryRecords = h
        .call(Method::GET, "/comlog/records", alice, None)
        .await
        .json();
    records.com_history_records[0].record_id.expect("an id")
}

/// A listener on a free local port, and its address.
pub async fn local_listener() -> (tokio::net::TcpListener, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    (listener, addr)
}

/// Serves `router` over real TCP (WebSockets, the proxy) on a free local port.
pub async fn serve_over_tcp(router: Router) -> SocketAddr {
    let (listener, addr) = local_listener().await;
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// `request` with `body` as JSON, or empty.
fn with_json_body(mut request: axum::http::request::Builder, body: Option<&str>) -> Request<Body> {
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    request
        .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_default())
        .expect("request")
}

/// `OnUserInfoChanged` (package `user`) for `login`, numbered `seq`. The cti crate does not
/// model it, so it round-trips whole, `seq` included.
pub fn event(login: &str, seq: u64) -> Event {
    decode_event(line(login, seq).as_bytes()).expect("event")
}

/// The line the channels write for `event(login, seq)`.
pub fn line(login: &str, seq: u64) -> String {
    format!(r#"{{"eventName":"OnUserInfoChanged","loginName":"{login}","seq":{seq}}}"#)
}

/// An `OnUserStateModified` (package `telephony`).
pub fn user_state(login: &str) -> Event {
    decode_event(
        format!(r#"{{"eventName":"OnUserStateModified","loginName":"{login}","state":"BUSY"}}"#)
            .as_bytes(),
    )
    .expect("event")
}

impl Harness {
    /// `AlcUserId=<credential>` of the session that owns subscription `id`: channels need the
    /// session's cookie as well as the id (issue 17, defect 7).
    pub fn owner_cookie(&self, id: &str) -> String {
        let now = self.clock.now();
        let subscription = self.state.events.get(id, now).expect("live subscription");
        let owner = self
            .state
            .sessions
            .open_sessions(now)
            .into_iter()
            .find(|entry| subscription.belongs_to(&entry.credential))
            .expect("an open session owns it");
        format!("AlcUserId={}", owner.credential)
    }

    /// `method /OTEvents?subscriptionId=<id>` with its owner's cookie.
    pub fn channel_request(&self, method: Method, id: &str) -> Request<Body> {
        Request::builder()
            .method(method)
            .uri(format!("/OTEvents?subscriptionId={id}"))
            .header(header::COOKIE, self.owner_cookie(id))
            .body(Body::empty())
            .expect("request")
    }
}

/// A WebSocket handshake request for `url` carrying `cookie`.
pub fn ws_request(
    url: &str,
    cookie: &str,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = url.into_client_request().expect("a WebSocket URL");
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().expect("a cookie header"));
    request
}
