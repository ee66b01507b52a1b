//! A JSON body extractor whose rejections are the gateway's errors (BAD_PARAMETER with the
//! parser's reason) instead of axum's plain-text ones.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON body; a malformed one is BAD_PARAMETER with the parser's reason.
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(value)| JsonBody(value))
            .map_err(|rejection| refusal(rejection.status(), describe(&rejection)))
    }
}

/// A body axum could not read: too large (413), else one that does not fit (BAD_PARAMETER).
fn refusal(status: StatusCode, reason: String) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::too_large()
    } else {
        AppError::bad_parameter(reason)
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

/// A raw body (for requests whose body is optional or decoded by the cti codec), read up to
/// the route's limit; a larger one is the gateway's 413, not axum's plain-text one.
#[derive(Debug, Clone)]
pub struct BodyBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for BodyBytes {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(BodyBytes)
            .map_err(|rejection| refusal(rejection.status(), rejection.body_text()))
    }
}
