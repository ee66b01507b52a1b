//! `/routing` forward and DND (L6838-7780), served by the simulator.

use crate::json::BodyBytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use cti::o2g::routing::SetForwardRouteRequest;

use super::extract::Credential;
use super::sim::SimRequest;
use super::simulated::{body, respond};
use crate::error::AppError;
use crate::state::AppState;

type Reply = Result<Response, AppError>;

/// `GET /routing`.
pub async fn routing(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::RoutingCapabilities,
    )
}

/// `GET /routing/state`.
pub async fn routing_state(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::RoutingState)
}

/// `POST /routing/state/snapshot`.
pub async fn routing_snapshot(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::RoutingSnapshot)
}

/// `GET /routing/dnd`.
pub async fn dnd(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::GetDnd)
}

/// `POST /routing/dnd`: DND on.
pub async fn dnd_on(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::SetDnd(true))
}

/// `DELETE /routing/dnd`: DND off.
pub async fn dnd_off(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::SetDnd(false))
}

/// `GET /routing/forwardroute`.
pub async fn forward(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::GetForward)
}

/// `POST /routing/forwardroute` with `{"forwardRoute": ...}`.
pub async fn set_forward(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let route = body::<SetForwardRouteRequest>(&bytes)?
        .forward_route
        .ok_or_else(|| AppError::bad_parameter("forwardRoute is mandatory"))?;
    respond(&state, &credential, &headers, SimRequest::SetForward(route))
}

/// `DELETE /routing/forwardroute`.
pub async fn cancel_forward(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::CancelForward)
}
