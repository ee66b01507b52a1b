//! The Vonage Contact Centre agent-activity API onto the world's history
//! (`shared/specs/vonage-agent-activity-api.txt`, docs/protocol-reports.md):
//!
//! - `POST /Auth/connect/token`: client credentials (`grant_type=client_credentials`,
//!   `client_id`, `client_secret`, `scope=stats`) for a bearer token of 7200 s (`auth.rs`,
//!   [`token`]).
//! - `GET /stats/agent-activities`: presence, workload and interaction activities of a
//!   window of at most 31 days, sorted and paged ([`activities`]).
//!
//! Errors are the API's `{"message": …}` body (the token endpoint answers OAuth's
//! `{"error": …}`). Served only when the simulated world keeps history.

mod activities;
mod auth;
pub mod token;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::clock::Clock;
use crate::history::HistoryStore;
use crate::sim_driver::SimHandle;

pub use token::{ApiClient, StatsTokens, DEMO_CLIENT, TOKEN_TTL_SECS};

/// What the report routes share.
#[derive(Clone)]
pub struct StatsState {
    /// The world (its agents, its time).
    pub sim: SimHandle,
    /// Its history.
    pub history: Arc<Mutex<HistoryStore>>,
    /// The gateway's clock.
    pub clock: Clock,
    /// Unix ms of the world's time 0.
    pub epoch_unix_ms: u64,
    /// The API clients allowed, and the tokens issued.
    pub tokens: Arc<StatsTokens>,
}

impl StatsState {
    /// Now, in the history's time (Unix ms).
    pub fn now(&self) -> u64 {
        self.epoch_unix_ms
            .saturating_add(self.sim.sim_time(self.clock.now()))
    }
}

/// The report routes, when the world keeps history (none otherwise).
pub fn routes(state: &crate::state::AppState) -> Option<Router> {
    let sim = state.simulator()?.clone();
    let history = sim.history()?.clone();
    let stats = StatsState {
        sim,
        history,
        clock: state.clock.clone(),
        epoch_unix_ms: state.epoch_unix_ms,
        tokens: state.stats_tokens.clone(),
    };
    Some(
        Router::new()
            .route("/Auth/connect/token", post(auth::issue))
            .route("/stats/agent-activities", get(activities::list))
            .with_state(stats)
            // Bodies as on every REST route (issue 17): small, and only while they come.
            .layer(axum::extract::DefaultBodyLimit::max(
                crate::error::REST_BODY_LIMIT,
            ))
            .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
                crate::error::REST_BODY_TIMEOUT,
            )),
    )
}

/// An error of the stats API: its status and `{"message": …}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What is wrong, naming the parameter.
    pub message: String,
}

impl StatsError {
    /// A 400 saying `message`.
    pub fn bad_request(message: impl Into<String>) -> StatsError {
        StatsError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl IntoResponse for StatsError {
    fn into_response(self) -> Response {
        (
            self.status,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            cti::vonage::encode_error(&self.message),
        )
            .into_response()
    }
}
