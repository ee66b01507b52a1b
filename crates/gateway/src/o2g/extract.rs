//! Extractors that turn protocol mistakes into O2G errors instead of axum's plain-text ones.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{COOKIE, HOST};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

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

/// A JSON body; a malformed one is BAD_PARAMETER with the parser's reason.
#[derive(Debug, Clone)]
pub struct O2gJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for O2gJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(O2gJson(value)),
            Err(rejection) => Err(AppError::bad_parameter(describe(&rejection))),
        }
    }
}

fn describe(rejection: &JsonRejection) -> String {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            "Expected Content-Type: application/json".to_owned()
        }
        other => other.body_text(),
    }
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
