//! XuC's REST sign-in: `POST /xuc/api/2.0/auth/login` and `GET /xuc/api/2.0/auth/check`.
//! The demo users sign in with their O2G login (`oxe` + number) and secret code.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cti::xuc::auth::{AuthError, AuthErrorKind, AuthToken, LoginRequest};

use super::tokens::{TokenRefusal, TOKEN_TTL_SECS};
use crate::resilience::{retry_after, ClientAddr};
use crate::state::AppState;

fn refuse(status: StatusCode, error: AuthErrorKind, message: impl Into<String>) -> Response {
    let body = AuthError {
        error,
        message: message.into(),
    };
    (status, Json(body)).into_response()
}

fn token(login: String, token: String) -> Response {
    Json(AuthToken {
        login,
        token,
        ttl: i64::try_from(TOKEN_TTL_SECS).unwrap_or(i64::MAX),
    })
    .into_response()
}

/// `POST /xuc/api/2.0/auth/login` `{"login","password"}`: a token, or `InvalidJson` (400),
/// `InvalidCredentials` (401).
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            return refuse(
                rejection.status(),
                AuthErrorKind::InvalidJson,
                rejection.body_text(),
            )
        }
    };
    let request: LoginRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                AuthErrorKind::InvalidJson,
                format!("expected {{\"login\",\"password\"}}: {error}"),
            )
        }
    };
    // Counted before the password is checked: a throttled client learns nothing.
    if let Err(throttled) = state.resilience.sign_in.attempt(&request.login, client) {
        tracing::warn!(login = %request.login, %client, retry_after = throttled.retry_after_secs, "XuC sign-in throttled");
        let message = format!(
            "Too many sign-in attempts: retry in {} s",
            throttled.retry_after_secs
        );
        return retry_after(
            throttled,
            refuse(
                StatusCode::TOO_MANY_REQUESTS,
                AuthErrorKind::UnhandledError,
                message,
            ),
        );
    }
    if state
        .logins
        .check(&request.login, &request.password)
        .is_none()
    {
        return refuse(
            StatusCode::UNAUTHORIZED,
            AuthErrorKind::InvalidCredentials,
            "Invalid login or password",
        );
    }
    let issued = state.xuc_tokens.issue(&request.login, state.now());
    tracing::info!(login = %request.login, "XuC sign-in");
    token(request.login, issued)
}

/// `GET /xuc/api/2.0/auth/check` with `Authorization: Bearer <token>`: the same token, its
/// time to live restarted; `TokenExpired` (401) when too old, `InvalidCredentials` (401)
/// when unknown or absent.
pub async fn check(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(bearer) = bearer else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            AuthErrorKind::InvalidCredentials,
            "No bearer token",
        );
    };
    match state.xuc_tokens.check(bearer, state.now(), true) {
        Ok(login) => token(login, bearer.to_owned()),
        Err(TokenRefusal::Expired) => refuse(
            StatusCode::UNAUTHORIZED,
            AuthErrorKind::TokenExpired,
            "The token has expired: sign in again",
        ),
        Err(TokenRefusal::Unknown) => refuse(
            StatusCode::UNAUTHORIZED,
            AuthErrorKind::InvalidCredentials,
            "Unknown token",
        ),
    }
}
