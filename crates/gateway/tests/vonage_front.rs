//! The Vonage agent-activity front (issue 15, point 3) through `app(state)`: the
//! client-credentials token, the bearer check, the window rule with the spec's exact
//! message, `include` semantics, filters, sorting, paging and `accept`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use cti::report::ActivityKind;
use cti::vonage::{decode_page, ActivityPage, MEDIA_TYPE, WINDOW_EXCEEDED};
use gateway::clock::{iso8601, Clock};
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::{app, AppState};
use serde_json::Value;
use tower::ServiceExt;

const HOUR: u64 = 3_600_000;

struct Api {
    state: AppState,
    _dir: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)))
    }
    fn message(&self) -> String {
        self.json()["message"].as_str().unwrap().to_owned()
    }
}

impl Api {
    /// The default scenario's bots at work for two hours of a manual clock.
    fn new() -> Api {
        let dir = tempfile::tempdir().unwrap();
        let scenario = Scenario::parse(DEFAULT_SCENARIO).unwrap();
        let state = AppState::new(scenario, Clock::manual(), dir.path().join("dist"))
            .with_simulator(3, Some(4.0), 1.0);
        let (state, _) = state.with_history(dir.path(), 0, 3).unwrap();
        let api = Api { state, _dir: dir };
        api.run(2 * HOUR);
        api
    }

    /// Runs the world for `ms` more, minute by minute (as the gateway's ticker would).
    fn run(&self, ms: u64) {
        for _ in 0..ms / 60_000 {
            self.state
                .clock
                .advance(std::time::Duration::from_millis(60_000));
            self.state.simulator().unwrap().tick(self.state.clock.now());
        }
    }

    fn epoch(&self) -> u64 {
        self.state.epoch_unix_ms
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        let response = app(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = axum::body::to_bytes(response.into_body(), 1 << 26)
            .await
            .unwrap()
            .to_vec();
        Reply {
            status,
            content_type,
            body,
        }
    }

    async fn token_with(&self, form: &str) -> Reply {
        self.send(
            Request::post("/Auth/connect/token")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form.to_owned()))
                .unwrap(),
        )
        .await
    }

    async fn token(&self) -> String {
        let reply = self
            .token_with("grant_type=client_credentials&client_id=reports-demo&client_secret=reports-demo-secret&scope=stats")
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["access_token"].as_str().unwrap().to_owned()
    }

    async fn get(&self, token: Option<&str>, query: &str) -> Reply {
        let mut request = Request::get(format!("/stats/agent-activities?{query}"))
            .header(header::ACCEPT, MEDIA_TYPE);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    async fn page(&self, token: &str, query: &str) -> ActivityPage {
        let reply = self.get(Some(token), query).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        assert_eq!(reply.content_type, MEDIA_TYPE);
        decode_page(&reply.body).unwrap()
    }

    fn window(&self, from_h: u64, to_h: u64) -> String {
        format!(
            "start={}&end={}",
            iso8601(self.epoch() + from_h * HOUR),
            iso8601(self.epoch() + to_h * HOUR)
        )
    }
}

#[tokio::test]
async fn the_token_endpoint_takes_client_credentials_only() {
    let api = Api::new();
    let good = api
        .token_with("grant_type=client_credentials&client_id=reports-demo&client_secret=reports-demo-secret&scope=stats")
        .await;
    assert_eq!(good.status, StatusCode::OK);
    let body = good.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 7200);
    assert!(body["access_token"].as_str().unwrap().len() >= 32);
    for (form, error) in [
        ("grant_type=password&client_id=reports-demo&client_secret=reports-demo-secret", "unsupported_grant_type"),
        ("grant_type=client_credentials&client_id=reports-demo&client_secret=nope", "invalid_client"),
        ("grant_type=client_credentials", "invalid_client"),
        ("grant_type=client_credentials&client_id=reports-demo&client_secret=reports-demo-secret&scope=admin", "invalid_scope"),
    ] {
        let reply = api.token_with(form).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{form}");
        assert_eq!(reply.json()["error"], error, "{form}");
    }
    // HTTP Basic client authentication, as OAuth allows.
    use base64::Engine;
    let basic =
        base64::engine::general_purpose::STANDARD.encode("reports-demo:reports-demo-secret");
    let reply = api
        .send(
            Request::post("/Auth/connect/token")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::AUTHORIZATION, format!("Basic {basic}"))
                .body(Body::from("grant_type=client_credentials"))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn activities_need_a_valid_bearer_token() {
    let api = Api::new();
    let window = api.window(0, 1);
    let missing = api.get(None, &window).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert!(missing.message().contains("bearer token"));
    assert_eq!(
        api.get(Some("forged"), &window).await.status,
        StatusCode::UNAUTHORIZED
    );
    let token = api.token().await;
    assert_eq!(api.get(Some(&token), &window).await.status, StatusCode::OK);
    // The token lives 7200 s.
    api.state
        .clock
        .advance(std::time::Duration::from_secs(7201));
    assert_eq!(
        api.get(Some(&token), &window).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_parameters_get_a_message_naming_them_and_the_window_rule_is_exact() {
    let api = Api::new();
    let token = api.token().await;
    let start = api.epoch();
    let bad = |query: String, names: &'static str| (query, names);
    for (query, names) in [
        bad(String::new(), "start is required"),
        bad("start=yesterday".into(), "start is not"),
        bad(format!("start={}&end=soon", iso8601(start)), "end is not"),
        bad(
            format!("start={}&end={}", iso8601(start + HOUR), iso8601(start)),
            "end must not be before start",
        ),
        bad(
            format!("{}&include=Everything", api.window(0, 1)),
            "include must be",
        ),
        bad(format!("{}&type=Chat", api.window(0, 1)), "type must be"),
        bad(
            format!("{}&agentId=nobody", api.window(0, 1)),
            "agentId \"nobody\"",
        ),
        bad(
            format!("{}&pageSize=0", api.window(0, 1)),
            "pageSize must be",
        ),
        bad(format!("{}&page=x", api.window(0, 1)), "page must be"),
    ] {
        let reply = api.get(Some(&token), &query).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(
            reply.message().contains(names),
            "{query}: {}",
            reply.message()
        );
    }
    let day = 24 * HOUR;
    let over = format!(
        "start={}&end={}",
        iso8601(start),
        iso8601(start + 31 * day + 1)
    );
    let reply = api.get(Some(&token), &over).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.body,
        br#"{"message":"Request window size limit exceeded 31 days"}"#
    );
    assert_eq!(reply.message(), WINDOW_EXCEEDED);
    let exactly = format!("start={}&end={}", iso8601(start), iso8601(start + 31 * day));
    assert_eq!(api.get(Some(&token), &exactly).await.status, StatusCode::OK);
    // `end` defaults to now: a start 32 days ago is over the limit.
    let old = format!("start={}", iso8601(start + 2 * HOUR - 32 * day));
    assert_eq!(api.get(Some(&token), &old).await.message(), WINDOW_EXCEEDED);
    // An accept that excludes JSON.
    let reply = api
        .send(
            Request::get(format!("/stats/agent-activities?{}", api.window(0, 1)))
                .header(header::ACCEPT, "text/html")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE);
}

#[tokio::test]
async fn items_are_sorted_paged_filtered_and_ongoing_ones_have_no_duration() {
    let api = Api::new();
    let token = api.token().await;
    let all = api
        .page(&token, &format!("{}&pageSize=5000", api.window(0, 3)))
        .await;
    assert!(
        all.items.len() > 50,
        "two hours of bots: {}",
        all.items.len()
    );
    assert_eq!(all.meta.total_count as usize, all.items.len());
    assert_eq!((all.meta.page, all.meta.page_count), (1, 1));
    for pair in all.items.windows(2) {
        assert!(
            pair[0].report_order(&pair[1]).is_le(),
            "{:?} then {:?}",
            pair[0],
            pair[1]
        );
    }
    // The agents' current presences are ongoing: duration null on the wire.
    let ongoing = all
        .items
        .iter()
        .filter(|a| matches!(a.kind, ActivityKind::Presence(_)) && a.duration.is_none())
        .count();
    assert!(ongoing >= 4, "every agent has an open presence");
    // Paging: pages of 7 are the same items, in the same order.
    let mut paged = Vec::new();
    let pages = all.items.len().div_ceil(7);
    for page in 1..=pages {
        let reply = api
            .page(
                &token,
                &format!("{}&pageSize=7&page={page}", api.window(0, 3)),
            )
            .await;
        assert_eq!(reply.meta.page_count as usize, pages);
        assert_eq!(reply.meta.count as usize, reply.items.len());
        paged.extend(reply.items);
    }
    assert_eq!(paged, all.items);
    let beyond = api
        .page(
            &token,
            &format!("{}&pageSize=7&page={}", api.window(0, 3), pages + 1),
        )
        .await;
    assert!(beyond.items.is_empty());
    // Filters: one agent, one type.
    let agent = "oxe70150";
    let presence = api
        .page(
            &token,
            &format!("{}&agentId={agent}&type=Presence", api.window(0, 3)),
        )
        .await;
    assert!(!presence.items.is_empty());
    assert!(presence
        .items
        .iter()
        .all(|a| a.agent_id == agent && matches!(a.kind, ActivityKind::Presence(_))));
    let two_types = api
        .page(
            &token,
            &format!("{}&type=Presence,Workload", api.window(0, 3)),
        )
        .await;
    assert!(two_types
        .items
        .iter()
        .all(|a| !matches!(a.kind, ActivityKind::Interaction(_))));
    assert!(two_types
        .items
        .iter()
        .any(|a| matches!(a.kind, ActivityKind::Workload(_))));
}

#[tokio::test]
async fn include_selects_by_start_by_start_or_end_or_by_write() {
    let api = Api::new();
    let token = api.token().await;
    // From 30 min on: Started leaves out what began before and ended after 30 min.
    let half = format!(
        "start={}&end={}",
        iso8601(api.epoch() + HOUR / 2),
        iso8601(api.epoch() + 3 * HOUR)
    );
    let started = api.page(&token, &format!("{half}&pageSize=5000")).await;
    let either = api
        .page(
            &token,
            &format!("{half}&include=StartedOrEnded&pageSize=5000"),
        )
        .await;
    assert!(started
        .items
        .iter()
        .all(|a| a.start >= api.epoch() + HOUR / 2));
    let earlier: Vec<_> = either
        .items
        .iter()
        .filter(|a| a.start < api.epoch() + HOUR / 2)
        .collect();
    assert!(
        !earlier.is_empty(),
        "activities begun before the window, ended in it"
    );
    assert!(earlier
        .iter()
        .all(|a| a.end().unwrap() >= api.epoch() + HOUR / 2));
    assert_eq!(either.items.len(), started.items.len() + earlier.len());
    // Processed, polled from `upTo`: every activity shows up, ongoing ones included.
    let first = api
        .page(
            &token,
            &format!(
                "start={}&include=Processed&pageSize=5000",
                iso8601(api.epoch())
            ),
        )
        .await;
    assert_eq!(first.up_to, Some(api.epoch() + 2 * HOUR));
    api.run(10 * 60_000);
    let second = api
        .page(
            &token,
            &format!(
                "start={}&include=Processed&pageSize=5000",
                iso8601(first.up_to.unwrap())
            ),
        )
        .await;
    let seen = |a: &cti::report::AgentActivity| {
        first.items.iter().chain(&second.items).any(|b| {
            b.agent_id == a.agent_id && b.start == a.start && b.kind.rank() == a.kind.rank()
        })
    };
    let begun = api
        .page(&token, &format!("{}&pageSize=5000", api.window(0, 2)))
        .await;
    assert!(!begun.items.is_empty());
    assert!(begun.items.iter().all(seen), "a poller misses nothing");
    assert!(
        second.items.iter().any(|a| a.start < first.up_to.unwrap()),
        "changes to older activities come again"
    );
}
