//! `/telephony/...` call control (spec L2418-4593), served by the simulator.

use std::collections::HashMap;

use crate::json::BodyBytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use cti::o2g::telephony::{
    AlternateRequest, AnswerRequest, BlindTransferRequest, HoldRequest, MakeBasicCallRequest,
    MakeCallRequest, MergeRequest, ReconnectRequest, RecordingAction, RedirectRequest,
    RetrieveRequest, SendAccountInfoRequest, SendDtmfRequest, TransferRequest,
};

use super::extract::Credential;
use super::sim::SimRequest;
use super::simulated::{body, optional_body, respond};
use crate::error::AppError;
use crate::state::AppState;

type Reply = Result<Response, AppError>;

/// `POST /telephony/calls`: 201 + `Location` + the callRef (AMBIG-26).
pub async fn make_call(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let request: MakeCallRequest = body(&bytes)?;
    if request
        .acd_call
        .as_ref()
        .is_some_and(|acd| acd.call_to_supervisor == Some(true))
    {
        return Err(AppError::not_expected(
            "Calls to the supervisor are not simulated",
        ));
    }
    let callee = request
        .callee
        .ok_or_else(|| AppError::bad_parameter("callee is mandatory"))?;
    let request = SimRequest::MakeCall {
        device: request.device_id,
        callee,
    };
    respond(&state, &credential, &headers, request)
}

/// `POST /telephony/basicCall`.
pub async fn basic_make_call(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let request: MakeBasicCallRequest = body(&bytes)?;
    let request = SimRequest::MakeCall {
        device: request.device_id,
        callee: request.callee,
    };
    let mut response = respond(&state, &credential, &headers, request)?;
    // The basicCall Location points at `/telephony/basicCall/<callRef>` (L2542, AMBIG-27).
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.replacen("/telephony/calls/", "/telephony/basicCall/", 1))
        .and_then(|v| HeaderValue::from_str(&v).ok());
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `POST /telephony/basicCall/answer` with an optional `{deviceId}` (AMBIG-31).
pub async fn basic_answer(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let request: Option<AnswerRequest> = optional_body(&bytes)?;
    let request = SimRequest::BasicAnswer {
        device: request.map(|r| r.device_id),
    };
    respond(&state, &credential, &headers, request)
}

/// `POST /telephony/basicCall/dropme`.
pub async fn basic_drop_me(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::BasicDropMe)
}

/// `GET /telephony/calls`.
pub async fn calls(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::GetCalls)
}

/// `GET /telephony/calls/{callRef}`.
pub async fn call(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(call): Path<String>,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::GetCall { call })
}

/// `DELETE /telephony/calls/{callRef}`: releases every party.
pub async fn release(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(call): Path<String>,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::Release { call })
}

/// `GET /telephony/calls/{callRef}/participants|deviceLegs`.
pub async fn call_part(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path((call, part)): Path<(String, String)>,
) -> Reply {
    let request = match part.as_str() {
        "participants" => SimRequest::GetParticipants { call },
        "deviceLegs" => SimRequest::GetLegs { call },
        _ => return Err(AppError::not_found(format!("No resource {part} on a call"))),
    };
    respond(&state, &credential, &headers, request)
}

/// `GET /telephony/calls/{callRef}/participants/{id}` and `.../deviceLegs/{legId}`.
pub async fn call_part_item(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path((call, part, item)): Path<(String, String, String)>,
) -> Reply {
    let request = match part.as_str() {
        "participants" => SimRequest::GetParticipant {
            call,
            participant: item,
        },
        "deviceLegs" => SimRequest::GetLeg { call, leg: item },
        _ => return Err(AppError::not_found(format!("No resource {part} on a call"))),
    };
    respond(&state, &credential, &headers, request)
}

/// `POST /telephony/calls/{callRef}/{action}`: every call action, by name.
pub async fn call_action(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path((call, action)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let request = match action.as_str() {
        "answer" => SimRequest::Answer {
            call,
            device: body::<AnswerRequest>(&bytes)?.device_id,
        },
        "hold" => SimRequest::Hold {
            call,
            device: body::<HoldRequest>(&bytes)?.device_id,
        },
        "retrieve" => SimRequest::Retrieve {
            call,
            device: body::<RetrieveRequest>(&bytes)?.device_id,
        },
        // AMBIG-29: alternate and reconnect are posted on the held call.
        "alternate" => SimRequest::Alternate {
            held: call,
            device: body::<AlternateRequest>(&bytes)?.device_id,
        },
        "reconnect" => {
            let request: ReconnectRequest = body(&bytes)?;
            SimRequest::Reconnect {
                held: call,
                device: request.device_id,
                enquiry: request.enquiry_call_ref,
            }
        }
        // ... transfer and merge on the active call, the held one in the body.
        "transfer" => SimRequest::Transfer {
            active: call,
            held: body::<TransferRequest>(&bytes)?.held_call_ref,
        },
        "merge" => SimRequest::Merge {
            active: call,
            held: body::<MergeRequest>(&bytes)?.held_call_ref,
        },
        "blindtransfer" => SimRequest::BlindTransfer {
            call,
            to: body::<BlindTransferRequest>(&bytes)?.transfer_to,
        },
        "redirect" => SimRequest::Redirect {
            call,
            to: body::<RedirectRequest>(&bytes)?.redirect_to,
        },
        "dropme" => SimRequest::DropMe { call },
        "sendDtmf" => {
            let request: SendDtmfRequest = body(&bytes)?;
            SimRequest::SendDtmf {
                call,
                device: request.device_id,
                digits: request.number,
            }
        }
        "sendaccountinfo" => {
            let request: SendAccountInfoRequest = body(&bytes)?;
            SimRequest::SendAccountInfo {
                call,
                code: request.account_info,
                notes: request.notes,
            }
        }
        "recording" => {
            let action = match query.get("action").map(String::as_str) {
                Some("start") => RecordingAction::Start,
                Some("stop") => RecordingAction::Stop,
                Some("pause") => RecordingAction::Pause,
                Some("resume") => RecordingAction::Resume,
                Some(other) => {
                    return Err(AppError::bad_parameter(format!(
                        "action {other:?} is not start, stop, pause or resume"
                    )))
                }
                None => {
                    return Err(AppError::bad_parameter(
                        "The action query parameter is mandatory",
                    ))
                }
            };
            SimRequest::Recording { call, action }
        }
        _ => return Err(AppError::not_found(format!("No call action {action:?}"))),
    };
    respond(&state, &credential, &headers, request)
}

/// `GET /telephony/devices`.
pub async fn devices(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::GetDevices)
}

/// `GET /telephony/devices/{deviceId}`.
pub async fn device(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(device): Path<String>,
) -> Reply {
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::GetDevice { device },
    )
}

/// `GET /telephony/state`.
pub async fn telephony_state(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::GetTelephonyState)
}

/// `POST /telephony/state/snapshot`: 204, then `OnTelephonyState`.
pub async fn telephony_snapshot(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::TelephonySnapshot)
}
