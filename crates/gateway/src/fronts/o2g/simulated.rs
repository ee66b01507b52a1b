//! The glue between O2G handlers and the simulator: session check, request, response.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use cti::o2g::encode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::extract::origin_of;
use super::sim::{SimReply, SimRequest};
use crate::error::AppError;
use crate::state::AppState;

/// Checks the session of `credential` (resetting its time-to-live) and runs `request` as its
/// user.
pub(super) fn run(
    state: &AppState,
    credential: &str,
    request: SimRequest,
) -> Result<SimReply, AppError> {
    let (login, _) = state.sessions.touch(credential, state.now())?;
    // The simulator's routes are only served in simulator mode.
    let sim = state
        .simulator()
        .ok_or_else(|| AppError::not_found("No simulator in proxy mode"))?;
    Ok(sim.request(state.now(), &login, request)?)
}

/// [`run`], answered as O2G does: 204 for actions, 200 + JSON for reads, 201 + `Location` +
/// the callRef as a JSON string for a new call (AMBIG-26).
pub(super) fn respond(
    state: &AppState,
    credential: &str,
    headers: &HeaderMap,
    request: SimRequest,
) -> Result<Response, AppError> {
    let reply = run(state, credential, request)?;
    Ok(match reply {
        SimReply::Done => StatusCode::NO_CONTENT.into_response(),
        SimReply::Created(call_ref) if call_ref.is_empty() => StatusCode::CREATED.into_response(),
        SimReply::Created(call_ref) => {
            let location = format!(
                "{}{}/{call_ref}",
                origin_of(headers),
                cti::o2g::telephony::CALLS_PATH
            );
            (
                StatusCode::CREATED,
                [
                    (header::LOCATION, location),
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                ],
                encode(&call_ref),
            )
                .into_response()
        }
        SimReply::Calls(v) => json(&v),
        SimReply::Call(v) => json(&v),
        SimReply::Participants(v) => json(&v),
        SimReply::Participant(v) => json(&v),
        SimReply::Legs(v) => json(&v),
        SimReply::Leg(v) => json(&v),
        SimReply::DeviceStates(v) => json(&v),
        SimReply::DeviceState(v) => json(&v),
        SimReply::TelephonicState(v) => json(&v),
        SimReply::AgentConfig(v) => json(&v),
        SimReply::AgentState(v) => json(&v),
        SimReply::WithdrawReasons(v) => json(&v),
        SimReply::TransactionCodes(v) => json(&v),
        SimReply::EventSummary(v) => json(&v),
        SimReply::ComRecords(v) => json(&v),
        SimReply::ComRecord(v) => json(&v),
        SimReply::RoutingCapabilities(v) => json(&v),
        SimReply::RoutingState(v) => json(&v),
        SimReply::Dnd(v) => json(&v),
        SimReply::Forward(v) => json(&v),
        SimReply::SearchResult(v) => json(&v),
    })
}

fn json<T: Serialize>(value: &T) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        encode(value),
    )
        .into_response()
}

/// A JSON body; BAD_PARAMETER with the parser's reason when it does not fit.
pub(super) fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(bytes)
        .map_err(|e| AppError::bad_parameter(format!("Bad request body: {e}")))
}

/// An optional JSON body: absent or empty is `None` (AMBIG-31).
pub(super) fn optional_body<T: DeserializeOwned>(bytes: &Bytes) -> Result<Option<T>, AppError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        body(bytes).map(Some)
    }
}
