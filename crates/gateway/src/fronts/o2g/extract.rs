//! What O2G requests carry besides their body: the session cookie, and the origin the
//! client reached us at (for the URLs O2G hands out).

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, HOST};
use axum::http::request::Parts;

use crate::error::AppError;

/// The `AlcUserId` cookie. Its absence is INVALID_SESSION, as for an unknown value.
#[derive(Debug, Clone)]
pub struct Credential(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Credential {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        credential_of(&parts.headers)
            .map(Credential)
            .ok_or_else(|| AppError::invalid_session("No AlcUserId cookie"))
    }
}

/// The value of the `AlcUserId` cookie, if the request has one.
pub fn credential_of(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == cti::o2g::SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// `http://host[:port]` of the request, as the client reached us.
pub fn origin_of(parts: &axum::http::HeaderMap) -> String {
    let host = parts
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = parts
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|p| *p == "https" || *p == "http")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}
