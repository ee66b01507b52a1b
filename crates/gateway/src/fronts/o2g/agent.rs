//! `/acd/agent/...` (spec L12271-13402), served by the simulator.

use std::collections::HashMap;

use crate::json::BodyBytes;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use cti::o2g::agent::{
    AgentSkillActivation, ChangeIntrusionModeRequest, IntrusionMode, IntrusionRequest,
    LoggOnAgentRequest, PermanentListeningRequest, PgRequest, WithdrawAgentRequest,
};

use super::extract::Credential;
use super::sim::SimRequest;
use super::simulated::{body, optional_body, respond};
use crate::error::AppError;
use crate::state::AppState;

type Reply = Result<Response, AppError>;

/// `GET /acd/agent/{resource}`: config, state, withdrawReasons.
pub async fn read(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(resource): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Reply {
    let request = match resource.as_str() {
        "config" => SimRequest::AgentConfig,
        "state" => SimRequest::AgentState,
        "withdrawReasons" => SimRequest::WithdrawReasons(query.get("pgNumber").cloned()),
        // agentdesk's extension: O2G lists no transaction codes (docs/decisions.md).
        "transactionCodes" => SimRequest::TransactionCodes(query.get("pgNumber").cloned()),
        _ => return Err(AppError::not_found(format!("No agent resource {resource}"))),
    };
    respond(&state, &credential, &headers, request)
}

/// `POST /acd/agent/{action}`: every agent action, by name.
pub async fn action(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(action): Path<String>,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    dispatch(&state, &credential, &headers, &action, &bytes)
}

/// `POST /acd/agent/supervisorHelp`: asks the group's supervisor for help.
pub async fn request_help(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    dispatch(&state, &credential, &headers, "supervisorHelp", &bytes)
}

/// `POST /acd/agent/intrusion` (supervisor).
pub async fn intrude(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    dispatch(&state, &credential, &headers, "intrusion", &bytes)
}

/// `POST /acd/agent/permanentListening` (supervisor).
pub async fn start_listening(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    dispatch(&state, &credential, &headers, "permanentListening", &bytes)
}

fn dispatch(
    state: &AppState,
    credential: &str,
    headers: &HeaderMap,
    action: &str,
    bytes: &Bytes,
) -> Reply {
    let bytes = bytes.clone();
    let request = match action {
        "logon" => {
            let request: LoggOnAgentRequest = body(&bytes)?;
            SimRequest::LogOn {
                device: request.pro_acd_device_number,
                group: request.pg_group_number,
            }
        }
        "logoff" => SimRequest::LogOff,
        "enterPG" => SimRequest::EnterGroup(
            optional_body::<PgRequest>(&bytes)?.and_then(|r| r.pg_group_number),
        ),
        "exitPG" => SimRequest::ExitGroup(
            optional_body::<PgRequest>(&bytes)?.and_then(|r| r.pg_group_number),
        ),
        "ready" => SimRequest::Ready,
        "pause" => SimRequest::Pause,
        "wrapUp" => SimRequest::WrapUp,
        "withdraw" => SimRequest::Withdraw(body::<WithdrawAgentRequest>(&bytes)?.reason_index),
        "supervisorHelp" => SimRequest::RequestHelp,
        "intrusion" => {
            let request: IntrusionRequest = body(&bytes)?;
            if request.mode == Some(IntrusionMode::Unrecognized) {
                return Err(AppError::bad_parameter("Unknown intrusion mode"));
            }
            SimRequest::Intrusion {
                agent: request.agent_number,
                mode: request.mode,
            }
        }
        "permanentListening" => {
            SimRequest::StartListening(body::<PermanentListeningRequest>(&bytes)?.agent_number)
        }
        _ => return Err(AppError::not_found(format!("No agent action {action}"))),
    };
    respond(state, credential, headers, request)
}

/// `POST /acd/agent/state/snapshot`: 204, then `OnAgentStateChanged`.
pub async fn snapshot(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::AgentSnapshot)
}

/// `POST /acd/agent/config/skills/{activate|deactivate}`.
pub async fn skills(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(action): Path<String>,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let skills = body::<AgentSkillActivation>(&bytes)?.skills;
    let request = match action.as_str() {
        "activate" => SimRequest::ActivateSkills(skills),
        "deactivate" => SimRequest::DeactivateSkills(skills),
        _ => return Err(AppError::not_found(format!("No skills action {action}"))),
    };
    respond(&state, &credential, &headers, request)
}

/// `DELETE /acd/agent/supervisorHelp?other=`: the agent cancels, the supervisor rejects.
pub async fn cancel_help(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Reply {
    let other = query.get("other").filter(|o| !o.is_empty()).cloned();
    respond(&state, &credential, &headers, SimRequest::CancelHelp(other))
}

/// `PUT /acd/agent/intrusion`: change the mode, or stop.
pub async fn change_intrusion(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let request: ChangeIntrusionModeRequest = body(&bytes)?;
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::ChangeIntrusion(request.mode),
    )
}

/// `DELETE /acd/agent/permanentListening`.
pub async fn stop_listening(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Reply {
    respond(&state, &credential, &headers, SimRequest::StopListening)
}
