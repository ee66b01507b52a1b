//! The client-credentials token endpoint, `POST /Auth/connect/token`.

use std::collections::HashMap;

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;

use super::token::{SCOPE, TOKEN_TTL_SECS};
use super::StatsState;

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        axum::Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// `client_id`/`client_secret` from the form, or from HTTP Basic (RFC 6749 §2.3.1).
fn credentials(headers: &HeaderMap, form: &HashMap<String, String>) -> Option<(String, String)> {
    if let (Some(id), Some(secret)) = (form.get("client_id"), form.get("client_secret")) {
        return Some((id.clone(), secret.clone()));
    }
    let basic = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// `POST /Auth/connect/token`.
pub async fn issue(
    State(state): State<StatsState>,
    headers: HeaderMap,
    form: Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be application/x-www-form-urlencoded",
        );
    };
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let Some((id, secret)) = credentials(&headers, &form) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "client_id and client_secret are required",
        );
    };
    let known = state
        .tokens
        .clients
        .iter()
        .any(|c| c.id == id && c.secret == secret);
    if !known {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "unknown client_id or wrong client_secret",
        );
    }
    if form
        .get("scope")
        .is_some_and(|scope| !scope.split(' ').all(|s| s == SCOPE))
    {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "the only scope is stats",
        );
    }
    let token = state.tokens.issue(&id, state.clock.now());
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(json!({
            "access_token": token,
            "expires_in": TOKEN_TTL_SECS,
            "token_type": "Bearer",
            "scope": SCOPE,
        })),
    )
        .into_response()
}
