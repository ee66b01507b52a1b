//! The supervisor's O2G resources, served by the simulator: Call Center Real Time
//! (`/acd/rti/...`, L14635-15665), pilot monitoring (`/acd/pilotmonitoring/...`,
//! L14341-14634), Call Center Management's pilots (`/acd/{nodeId}/pilots...`,
//! L13403-14340) and a pilot's transfer information (`/telephony/pilots/.../transferInfo`,
//! L4480-4515).
//!
//! The spec reserves the contact-centre services to an administrator session (digest §5);
//! the gateway has none, so a supervisor's user session is given them, and anyone else is
//! refused with 403 `NOT_ALLOWED` (docs/decisions.md, "O2G supervisor resources").

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use cti::o2g::encode;
use cti::o2g::pilot::Pilots;
use cti::o2g::rti::RtiContext;
use cti::o2g::telephony::PilotQueryParam;
use serde::Serialize;

use super::extract::Credential;
use super::sim::{RtiKind, Simulator};
use super::simulated::{body, optional_body};
use super::users::NODE_ID;
use crate::error::AppError;
use crate::json::BodyBytes;
use crate::sim_driver::Sim;
use crate::state::AppState;
use crate::world::WorldError;

type Reply = Result<Response, AppError>;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    const B: &str = "/api/rest/1.0";
    Router::new()
        .route(&format!("{B}/acd/rti"), get(rti_all))
        .route(&format!("{B}/acd/rti/snapshot"), post(rti_snapshot))
        .route(
            &format!("{B}/acd/rti/ctx"),
            get(rti_context)
                .post(rti_start)
                .put(rti_update)
                .delete(rti_stop),
        )
        .route(&format!("{B}/acd/rti/{{kind}}"), get(rti_kind))
        .route(
            &format!("{B}/acd/pilotmonitoring/{{pilot}}"),
            post(monitoring).delete(monitoring),
        )
        .route(
            &format!("{B}/acd/pilotmonitoring/{{node}}/{{pilot}}"),
            post(monitoring_on_node).delete(monitoring_on_node),
        )
        .route(&format!("{B}/acd/{{node}}/pilots"), get(pilots))
        .route(
            &format!("{B}/acd/{{node}}/pilots/{{pilot}}"),
            get(pilot).post(pilot_with_params),
        )
        .route(
            &format!("{B}/telephony/pilots/{{node}}/{{pilot}}/transferInfo"),
            post(transfer_info),
        )
}

/// Checks the session (resetting its time-to-live) and runs `f` on the simulator as its
/// user, publishing what it caused.
fn with_sim<T>(
    state: &AppState,
    credential: &str,
    f: impl FnOnce(&mut Sim, &str) -> Result<T, WorldError>,
) -> Result<T, AppError> {
    let (login, _) = state.sessions.touch(credential, state.now())?;
    let sim = state
        .simulator()
        .ok_or_else(|| AppError::not_found("No simulator in proxy mode"))?;
    Ok(sim.supervise(state.now(), |s| f(s, &login))?)
}

fn json<T: Serialize>(value: &T) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        encode(value),
    )
        .into_response()
}

fn done(result: Result<(), AppError>) -> Reply {
    result.map(|()| StatusCode::NO_CONTENT.into_response())
}

/// The node of the simulated PBX only (`GET /pbxs` would list `"1"`).
fn check_node(node: &str) -> Result<(), AppError> {
    if node == NODE_ID {
        Ok(())
    } else {
        Err(AppError::not_found(format!("No PBX node {node}")))
    }
}

/// `GET /acd/rti`: every RTI object.
async fn rti_all(State(state): State<AppState>, Credential(credential): Credential) -> Reply {
    with_sim(&state, &credential, |s, login| {
        s.rti_identifiers(login, None)
    })
    .map(|ids| json(&ids))
}

/// `GET /acd/rti/{agents,pilots,queues,pgAgents,pgOthers}`.
async fn rti_kind(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path(kind): Path<String>,
) -> Reply {
    let kind = match kind.as_str() {
        "agents" => RtiKind::Agent,
        "pilots" => RtiKind::Pilot,
        "queues" => RtiKind::Queue,
        "pgAgents" => RtiKind::PgAgent,
        "pgOthers" => RtiKind::PgOther,
        _ => return Err(AppError::not_found(format!("No RTI resource {kind}"))),
    };
    with_sim(&state, &credential, |s, login| {
        s.rti_identifiers(login, Some(kind))
    })
    .map(|ids| json(&ids))
}

/// `POST /acd/rti/ctx`: creates or replaces the context (body) and activates it, or
/// activates the stored one (no body).
async fn rti_start(
    State(state): State<AppState>,
    Credential(credential): Credential,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let context: Option<RtiContext> = optional_body(&bytes)?;
    done(with_sim(&state, &credential, |s, login| {
        s.rti_start(login, context)
    }))
}

/// `PUT /acd/rti/ctx`.
async fn rti_update(
    State(state): State<AppState>,
    Credential(credential): Credential,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let context: RtiContext = body(&bytes)?;
    done(with_sim(&state, &credential, |s, login| {
        s.rti_update(login, context)
    }))
}

/// `GET /acd/rti/ctx[?extended=true]`.
async fn rti_context(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Query(query): Query<HashMap<String, String>>,
) -> Reply {
    let extended = match query.get("extended").map(String::as_str) {
        None | Some("false") => false,
        Some("true" | "") => true,
        Some(other) => {
            return Err(AppError::bad_parameter(format!(
                "extended must be true or false, not {other:?}"
            )))
        }
    };
    with_sim(&state, &credential, |s, login| {
        s.rti_context(login, extended)
    })
    .map(|c| json(&c))
}

/// `DELETE /acd/rti/ctx`.
async fn rti_stop(State(state): State<AppState>, Credential(credential): Credential) -> Reply {
    done(with_sim(&state, &credential, |s, login| s.rti_stop(login)))
}

/// `POST /acd/rti/snapshot`.
async fn rti_snapshot(State(state): State<AppState>, Credential(credential): Credential) -> Reply {
    done(with_sim(&state, &credential, |s, login| {
        s.rti_snapshot(login)
    }))
}

/// `POST` (start) or `DELETE` (stop) `/acd/pilotmonitoring/{pilotNumber}` (since 2.7.2).
async fn monitoring(
    State(state): State<AppState>,
    Credential(credential): Credential,
    method: Method,
    Path(pilot): Path<String>,
) -> Reply {
    let on = method == Method::POST;
    done(with_sim(&state, &credential, |s, login| {
        s.monitor_pilot(login, &pilot, on)
    }))
}

/// The same on a node: `/acd/pilotmonitoring/{nodeId}/{pilotNumber}` (deprecated, still
/// served).
async fn monitoring_on_node(
    State(state): State<AppState>,
    Credential(credential): Credential,
    method: Method,
    Path((node, pilot)): Path<(String, String)>,
) -> Reply {
    check_node(&node)?;
    monitoring(State(state), Credential(credential), method, Path(pilot)).await
}

/// `GET /acd/{nodeId}/pilots`.
async fn pilots(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path(node): Path<String>,
) -> Reply {
    check_node(&node)?;
    with_sim(&state, &credential, |s, login| s.pilots(login))
        .map(|pilot_list| json(&Pilots { pilot_list }))
}

/// `GET /acd/{nodeId}/pilots/{pilotNumber}`.
async fn pilot(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path((node, number)): Path<(String, String)>,
) -> Reply {
    check_node(&node)?;
    with_sim(&state, &credential, |s, login| s.pilot(login, &number)).map(|p| json(&p))
}

/// `POST /acd/{nodeId}/pilots/{pilotNumber}` with `PilotQueryParam` (since 2.7.4): the
/// simulated pilots have no skill rules, so the parameters change nothing.
async fn pilot_with_params(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path((node, number)): Path<(String, String)>,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    check_node(&node)?;
    let _params: Option<PilotQueryParam> = optional_body::<PilotQueryParam>(&bytes)?;
    with_sim(&state, &credential, |s, login| s.pilot(login, &number)).map(|p| json(&p))
}

/// `POST /telephony/pilots/{nodeId}/{pilotNumber}/transferInfo` (any user).
async fn transfer_info(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path((node, number)): Path<(String, String)>,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    check_node(&node)?;
    let _params: Option<PilotQueryParam> = optional_body(&bytes)?;
    with_sim(&state, &credential, |s: &mut Simulator<_>, _| {
        s.transfer_info(&number)
    })
    .map(|capa| json(&capa))
}
