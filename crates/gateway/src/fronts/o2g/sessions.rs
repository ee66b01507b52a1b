//! `/api/rest/1.0/sessions`: open, read, keep alive and close (L665-1124).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use cti::o2g::session::{SessionInfo, SessionRequest};

use super::extract::{origin_of, Credential};
use super::services::services;
use crate::clock::iso8601;
use crate::error::AppError;
use crate::json::JsonBody;
use crate::sessions::OpenSession;
use crate::state::AppState;

fn session_info(
    state: &AppState,
    headers: &HeaderMap,
    login: String,
    session: &OpenSession,
) -> SessionInfo {
    let base = format!("{}/api/rest/1.0", origin_of(headers));
    SessionInfo {
        admin: Some(false),
        login: Some(login),
        time_to_live: Some(session.ttl_secs),
        public_base_url: Some(base.clone()),
        private_base_url: base,
        services: services(),
        creation_date: Some(iso8601(
            state.epoch_unix_ms.saturating_add(session.opened_at),
        )),
        expiration_date: None,
        other_sessions: Vec::new(),
    }
}

/// `POST /sessions`: opens the session of the cookie's credential.
pub async fn open(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    JsonBody(request): JsonBody<SessionRequest>,
) -> Result<Json<SessionInfo>, AppError> {
    if request.application_name.trim().is_empty() {
        return Err(AppError::bad_parameter("applicationName is mandatory"));
    }
    let (login, session) = state.sessions.open(
        &credential,
        &request.application_name,
        request.time_to_live,
        state.now(),
    )?;
    tracing::info!(%login, application = %request.application_name, "session opened");
    Ok(Json(session_info(&state, &headers, login, &session)))
}

/// `GET /sessions`: the session's information, with its remaining time-to-live.
pub async fn get(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
) -> Result<Json<SessionInfo>, AppError> {
    let (login, session) = state.sessions.touch(&credential, state.now())?;
    Ok(Json(session_info(&state, &headers, login, &session)))
}

/// `POST /sessions/keepalive`: restarts the time-to-live (204, AMBIG-8).
pub async fn keepalive(
    State(state): State<AppState>,
    Credential(credential): Credential,
) -> Result<StatusCode, AppError> {
    state.sessions.touch(&credential, state.now())?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /sessions`: closes the session and forgets the credential (204).
pub async fn close(
    State(state): State<AppState>,
    Credential(credential): Credential,
) -> Result<StatusCode, AppError> {
    let login = state.sessions.close(&credential, state.now())?;
    tracing::info!(%login, "session closed");
    Ok(StatusCode::NO_CONTENT)
}
