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
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(JsonBody(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::too_large())
            }
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

/// A raw body (for requests whose body is optional or decoded by the cti codec), read up to
/// the route's limit; a larger one is the gateway's 413, not axum's plain-text one.
#[derive(Debug, Clone)]
pub struct BodyBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for BodyBytes {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(BodyBytes(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::too_large())
            }
            Err(rejection) => Err(AppError::bad_parameter(rejection.body_text())),
        }
    }
}
