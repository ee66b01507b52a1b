//! `/directory/search` (L6496-6837), served by the simulator.

use crate::json::BodyBytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use cti::o2g::directory::SearchRequest;

use super::extract::Credential;
use super::sim::SimRequest;
use super::simulated::{body, respond};
use crate::error::AppError;
use crate::state::AppState;

type Reply = Result<Response, AppError>;

/// `POST /directory/search`: 201, results on `GET`.
pub async fn search(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let request: SearchRequest = body(&bytes)?;
    respond(&state, &credential, &headers, SimRequest::Search(request))
}

/// `GET /directory/search`.
pub async fn search_results(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::SearchResults)
}

/// `DELETE /directory/search`.
pub async fn cancel_search(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::CancelSearch)
}
