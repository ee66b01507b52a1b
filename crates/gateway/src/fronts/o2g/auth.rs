//! `GET /api/rest` and `GET /api/rest/authenticate?version=1.0`.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::header::{AUTHORIZATION, SET_COOKIE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cti::o2g::auth::{
    parse_basic_authorization, AuthenticationResponse, ProductVersion, RoxeRestApiDescriptor,
    ServerInfo, Version,
};
use cti::o2g::API_VERSION;

use super::extract::origin_of;
use crate::error::AppError;
use crate::resilience::{retry_after, ClientAddr};
use crate::state::AppState;

/// The discovery descriptor, in the long form of L46-66 (AMBIG-5).
pub async fn descriptor(headers: HeaderMap) -> Json<RoxeRestApiDescriptor> {
    let authenticate = format!(
        "{}/api/rest/authenticate?version={API_VERSION}",
        origin_of(&headers)
    );
    Json(RoxeRestApiDescriptor {
        server_info: Some(ServerInfo {
            product_name: "agentdesk O2G gateway".into(),
            product_type: "O2G".into(),
            product_version: Some(ProductVersion {
                major: Some("2.7".into()),
                minor: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ha_mode: Some(false),
        }),
        versions: vec![Version {
            id: API_VERSION.into(),
            status: "CURRENT".into(),
            public_url: authenticate.clone(),
            internal_url: authenticate,
        }],
        custo_features: Vec::new(),
    })
}

/// Basic authentication; answers the credential in the body and in the `AlcUserId` cookie.
pub async fn authenticate(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    match query.get("version").map(String::as_str) {
        Some(API_VERSION) => {}
        Some(other) => {
            return Err(AppError::bad_parameter(format!(
                "Unsupported version {other:?}; use 1.0"
            )))
        }
        None => {
            return Err(AppError::bad_parameter(
                "The version query parameter is mandatory",
            ))
        }
    }
    let (login, password) = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(parse_basic_authorization)
        .ok_or_else(AppError::bad_credentials)?;
    // Counted before the password is checked: a throttled client learns nothing.
    if let Err(throttled) = state.resilience.sign_in.attempt(&login, client) {
        tracing::warn!(%login, %client, retry_after = throttled.retry_after_secs, "O2G sign-in throttled");
        let message = format!(
            "Too many sign-in attempts: retry in {} s",
            throttled.retry_after_secs
        );
        return Ok(retry_after(throttled, AppError::throttled(message)));
    }
    let user = state
        .logins
        .check(&login, &password)
        .ok_or_else(AppError::bad_credentials)?;
    let login_name = user.login_name();
    let credential = state
        .sessions
        .issue(&login_name, state.now_unix_ms() / 1000, state.now());
    let sessions_url = format!("{}/api/rest/1.0/sessions", origin_of(&headers));
    let body = AuthenticationResponse {
        credential: credential.clone(),
        public_url: sessions_url.clone(),
        internal_url: sessions_url,
        login_name: Some(login_name),
        expired: Some(false),
    };
    // HttpOnly/SameSite: see docs/decisions.md ("The credential cookie", "Embedding").
    let cookie = state.cookie_mode.set_cookie(&credential);
    Ok(([(SET_COOKIE, cookie)], Json(body)).into_response())
}
