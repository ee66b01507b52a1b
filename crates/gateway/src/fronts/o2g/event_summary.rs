//! `GET /eventSummary` (L8644-8746), served by the simulator.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::extract::Credential;
use super::sim::SimRequest;
use super::simulated::respond;
use crate::error::AppError;
use crate::state::AppState;

type Reply = Result<Response, AppError>;

/// `GET /eventSummary`.
pub async fn event_summary(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::EventSummary)
}
