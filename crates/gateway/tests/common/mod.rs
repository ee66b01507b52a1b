//! Shared harness of the gateway's in-process tests: the whole `app(state)` on a manual clock,
//! driven with `tower::ServiceExt::oneshot`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code)] // test helpers

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use cti::o2g::{decode, ErrorType, RestErrorInfo};
use gateway::clock::Clock;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::{app, AppState};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

/// The gateway under test.
pub struct Harness {
    pub router: Router,
    pub clock: Clock,
    pub state: AppState,
}

/// A response.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
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
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{e}: {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// Asserts a status, showing the body when it differs.
    pub fn assert_status(&self, status: StatusCode) -> &Reply {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }
}

impl Harness {
    /// The default scenario without traffic, seed 0.
    pub fn new() -> Harness {
        Harness::with(|_| {}, Some(0.0))
    }

    /// A scenario adjusted by `edit`, with a traffic rate override.
    pub fn with(edit: impl FnOnce(&mut Scenario), calls_per_minute: Option<f64>) -> Harness {
        let clock = Clock::manual();
        let mut scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
        edit(&mut scenario);
        let state = AppState::new(scenario, clock.clone(), "/nonexistent-dist".into())
            .with_simulator(0, calls_per_minute, 1.0);
        Harness {
            router: app(state.clone()),
            clock,
            state,
        }
    }

    /// Moves virtual time.
    pub fn advance(&self, ms: u64) {
        self.clock.advance(Duration::from_millis(ms));
        self.state.sim.tick(self.state.now());
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
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

    pub async fn authenticate(&self, login: &str, password: &str) -> Reply {
        let request = Request::get("/api/rest/authenticate?version=1.0")
            .header(header::HOST, "gw.test:8080")
            .header(header::AUTHORIZATION, basic_authorization(login, password))
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// A request with the session cookie; `path` may be relative to `/api/rest/1.0`.
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
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "gw.test:8080")
            .header(header::COOKIE, format!("other=1; AlcUserId={credential}"));
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let request = request
            .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_default())
            .expect("request");
        self.send(request).await
    }

    /// A request without cookie (the scenario API).
    pub async fn plain(&self, method: Method, path: &str, body: Option<&str>) -> Reply {
        let mut request = Request::builder().method(method).uri(path);
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let request = request
            .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_default())
            .expect("request");
        self.send(request).await
    }

    /// Authenticates `oxe<number>` with its secret code and opens a session.
    pub async fn sign_in(&self, number: &str) -> String {
        let code = &number[number.len() - 4..];
        let reply = self.authenticate(&format!("oxe{number}"), code).await;
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
}
