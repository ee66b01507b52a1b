//! Helpers shared by the subscription, channel and proxy tests.
// Test helpers, not tests, so clippy.toml's allowance for tests does not reach them.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use cti::o2g::event::{decode_event, Event};
use cti::o2g::subscription::Subscription;
use cti::o2g::{decode, RestErrorInfo};
use gateway::clock::Clock;
use gateway::events::HubConfig;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::{app, AppState};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const HOST: &str = "gw.test:8080";

pub struct Harness {
    pub router: Router,
    pub state: AppState,
    pub clock: Clock,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn error(&self) -> RestErrorInfo {
        decode("RestErrorInfo", &self.body).expect("errors are RestErrorInfo")
    }

    pub fn subscription(&self) -> Subscription {
        assert_eq!(self.status, StatusCode::OK, "{}", self.text());
        decode("Subscription", &self.body).expect("Subscription")
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A keep-alive after this much real silence in tests.
pub const TEST_KEEPALIVE: Duration = Duration::from_millis(300);

pub fn state() -> AppState {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    AppState::with_hub(
        scenario,
        Clock::manual(),
        "/nonexistent-dist".into(),
        HubConfig {
            keepalive_idle: TEST_KEEPALIVE,
            ..HubConfig::default()
        },
    )
}

impl Harness {
    pub fn new() -> Harness {
        let state = state();
        Harness {
            router: app(state.clone()),
            clock: state.clock.clone(),
            state,
        }
    }

    pub async fn response(&self, request: Request<Body>) -> axum::response::Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible")
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.response(request).await;
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

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        credential: &str,
        body: Option<&str>,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, HOST)
            .header(header::COOKIE, format!("AlcUserId={credential}"));
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let request = request
            .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_default())
            .expect("request");
        self.send(request).await
    }

    /// Authenticates `login` (password = last 4 digits) and opens its session.
    pub async fn signed_in(&self, login: &str) -> String {
        let password = &login[login.len() - 4..];
        let reply = self
            .send(
                Request::get("/api/rest/authenticate?version=1.0")
                    .header(header::HOST, HOST)
                    .header(header::AUTHORIZATION, basic_authorization(login, password))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        let auth: AuthenticationResponse =
            decode("AuthenticationResponse", &reply.body).expect("auth body");
        let opened = self
            .call(
                Method::POST,
                "/api/rest/1.0/sessions",
                &auth.credential,
                Some(r#"{"applicationName":"tests"}"#),
            )
            .await;
        assert_eq!(opened.status, StatusCode::OK);
        auth.credential
    }

    pub async fn subscribe(&self, credential: &str, body: &str) -> Reply {
        self.call(
            Method::POST,
            "/api/rest/1.0/subscriptions",
            credential,
            Some(body),
        )
        .await
    }

    /// Signs `login` in and subscribes it to the agent console packages with timeout 0.
    pub async fn subscribed(&self, login: &str) -> (String, String) {
        let credential = self.signed_in(login).await;
        let body = format!(
            r#"{{"filter":{{"selectors":[{{"ids":["{login}"],"names":["telephony"]}},{{"ids":["{login}"],"names":["agent"]}},{{"names":["user"]}}]}},"version":"1.0","timeout":0}}"#
        );
        let subscription = self.subscribe(&credential, &body).await.subscription();
        (credential, subscription.subscription_id.expect("id"))
    }
}

/// `OnUserInfoChanged` (package `user`) for `login`, numbered `seq`. The cti crate does not
/// model it, so it round-trips whole, `seq` included.
pub fn event(login: &str, seq: u64) -> Event {
    decode_event(
        format!(r#"{{"eventName":"OnUserInfoChanged","loginName":"{login}","seq":{seq}}}"#)
            .as_bytes(),
    )
    .expect("event")
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

pub const KEEPALIVE: &str = r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#;
