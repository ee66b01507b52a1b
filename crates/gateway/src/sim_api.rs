//! The scenario API for demos and tests (`/api/sim/...`, plain JSON, not O2G): inject a call
//! on a pilot, list live calls, agents and sessions, advance a manual clock.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::error::AppError;
use crate::json::JsonBody;
use crate::resilience::retry_after;
use crate::sim_driver::SimHandle;
use crate::state::AppState;
use crate::world::{LiveAgent, LiveCall};

/// Body of `POST /api/sim/calls`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectCall {
    /// The pilot dialled.
    pub pilot: String,
    /// The caller's number (random when absent).
    #[serde(default)]
    pub caller: Option<String>,
}

/// Answer of `POST /api/sim/calls`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Injected {
    /// The new call.
    pub call_ref: String,
}

/// Body of `POST /api/sim/advance`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    /// Milliseconds to move the manual clock by.
    pub ms: u64,
}

/// Body of `POST /api/sim/xuc/link`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XucLink {
    /// Up (`true`) or cut.
    pub up: bool,
}

/// Answer of `POST /api/sim/advance`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Advanced {
    /// The clock after the move, in ms since start.
    pub now: u64,
}

/// One open session in `GET /api/sim/sessions`: who, since when, and what it subscribed;
/// never its credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveSession {
    /// The login it belongs to.
    pub login: String,
    /// When it was opened, in Unix milliseconds.
    pub opened_at: u64,
    /// Seconds before it expires unless used.
    pub remaining_seconds: u32,
    /// Its live event subscriptions.
    pub subscriptions: usize,
    /// How many of those have a channel open now.
    pub channels: usize,
}

/// The scenario API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/sim/calls", get(calls).post(inject))
        .route("/api/sim/agents", get(agents))
        .route("/api/sim/sessions", get(sessions))
        .route("/api/sim/advance", post(advance))
        .route("/api/sim/xuc/link", post(xuc_link))
}

/// Cuts or restores the XuC front's link to the CTI server: while it is cut, new XuC sockets
/// get `loggedOnTimeout` after the logged-on timeout.
async fn xuc_link(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<XucLink>,
) -> Result<StatusCode, AppError> {
    simulator(&state)?.xuc_hub().set_link(body.up);
    Ok(StatusCode::NO_CONTENT)
}

/// The middleware in front of `/api/sim/*`: the switch and the token, before any body.
pub async fn gate(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match state.resilience.sim_api.admit(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            tracing::warn!(path = %request.uri().path(), "scenario API request refused");
            refusal.into_response()
        }
    }
}

/// The simulator; the scenario API is only routed in simulator mode.
fn simulator(state: &AppState) -> Result<&SimHandle, AppError> {
    state
        .simulator()
        .ok_or_else(|| AppError::not_found("No simulator in proxy mode"))
}

async fn inject(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<InjectCall>,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    // Injected calls are a demo's and a test's: a few a second at most (issue 17, defect 5).
    if let Err(throttled) = state.resilience.injected_calls.attempt() {
        tracing::warn!(
            retry_after = throttled.retry_after_secs,
            "scenario API: injected call throttled"
        );
        let message = format!(
            "Too many injected calls: retry in {} s",
            throttled.retry_after_secs
        );
        return Ok(retry_after(throttled, AppError::throttled(message)));
    }
    let call_ref =
        simulator(&state)?.inject_call(state.now(), &body.pilot, body.caller.as_deref())?;
    Ok((StatusCode::CREATED, Json(Injected { call_ref })).into_response())
}

async fn calls(State(state): State<AppState>) -> Result<Json<Vec<LiveCall>>, AppError> {
    let sim = simulator(&state)?;
    sim.tick(state.now());
    Ok(Json(sim.live_calls()))
}

async fn agents(State(state): State<AppState>) -> Result<Json<Vec<LiveAgent>>, AppError> {
    let sim = simulator(&state)?;
    sim.tick(state.now());
    Ok(Json(sim.live_agents()))
}

/// Every open session, oldest first; e2e tests check that a reloaded host page leaves no
/// session or subscription behind.
async fn sessions(State(state): State<AppState>) -> Json<Vec<LiveSession>> {
    let now = state.now();
    // Sessions are listed first and the hub asked afterwards: the two locks are never held
    // together here.
    let mut open = state.sessions.open_sessions(now);
    open.sort_by(|a, b| (a.session.opened_at, &a.login).cmp(&(b.session.opened_at, &b.login)));
    let live = open
        .into_iter()
        .map(|entry| {
            let counts = state.events.session_subscriptions(&entry.credential, now);
            LiveSession {
                opened_at: state.epoch_unix_ms.saturating_add(entry.session.opened_at),
                remaining_seconds: entry.session.remaining_secs(now),
                login: entry.login,
                subscriptions: counts.subscriptions,
                channels: counts.channels,
            }
        })
        .collect();
    Json(live)
}

async fn advance(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<Advance>,
) -> Result<Json<Advanced>, AppError> {
    if !matches!(state.clock, Clock::Manual(_)) {
        return Err(AppError::not_expected(
            "The gateway runs on the real clock; start it with --manual-clock to advance time",
        ));
    }
    // At most a day per request: enough for any test, and no overflow.
    if body.ms > 86_400_000 {
        return Err(AppError::bad_parameter("ms must be at most 86400000"));
    }
    let sim = simulator(&state)?;
    state.clock.advance(Duration::from_millis(body.ms));
    sim.tick(state.now());
    Ok(Json(Advanced { now: state.now() }))
}
