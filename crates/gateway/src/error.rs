//! The one error type of the gateway's HTTP layer, answered in O2G's `RestErrorInfo` shape.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use cti::o2g::{encode, ErrorType, RestErrorInfo};

/// An error answered to an HTTP client: an HTTP status and an O2G error type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    status: StatusCode,
    kind: ErrorType,
    inner_message: String,
}

impl AppError {
    /// Any error of the O2G table.
    pub fn new(status: StatusCode, kind: ErrorType, inner_message: impl Into<String>) -> AppError {
        AppError {
            status,
            kind,
            inner_message: inner_message.into(),
        }
    }

    /// 403 + INVALID_SESSION: no cookie, an unknown credential, or an expired session (AMBIG-7).
    pub fn invalid_session(inner_message: impl Into<String>) -> AppError {
        AppError::new(
            StatusCode::FORBIDDEN,
            ErrorType::InvalidSession,
            inner_message,
        )
    }

    /// 400 + BAD_PARAMETER: a body or query that does not fit the representation.
    pub fn bad_parameter(inner_message: impl Into<String>) -> AppError {
        AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorType::BadParameter,
            inner_message,
        )
    }

    /// 403 + NOT_ALLOWED: rights, or a second session on one credential.
    pub fn not_allowed(inner_message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, ErrorType::NotAllowed, inner_message)
    }

    /// 401 + NOT_ALLOWED: bad Basic credentials on `/authenticate` (AMBIG-90).
    pub fn bad_credentials() -> AppError {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            ErrorType::NotAllowed,
            "Bad login or password",
        )
    }

    /// 404 + NOT_FOUND: no such resource.
    pub fn not_found(inner_message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, ErrorType::NotFound, inner_message)
    }

    /// 403 + NOT_EXPECTED: the user's or the call's current state does not allow the request
    /// (see docs/decisions.md, "Simulator": 403, as O2G refuses, 400 staying BAD_PARAMETER's).
    pub fn not_expected(inner_message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, ErrorType::NotExpected, inner_message)
    }

    /// 405 + NOT_SUPPORTED: the resource exists but not with this method.
    pub fn method_not_allowed() -> AppError {
        AppError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorType::NotSupported,
            "Method Not Allowed",
        )
    }

    /// 503 + NOT_READY: in proxy mode, the O2G server cannot be reached or did not answer.
    pub fn upstream_unavailable(inner_message: impl Into<String>) -> AppError {
        AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorType::NotReady,
            inner_message,
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The O2G body.
    pub fn body(&self) -> RestErrorInfo {
        RestErrorInfo::new(self.kind, self.status.as_u16(), self.inner_message.clone())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = encode(&self.body());
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?}: {}", self.status, self.kind, self.inner_message)
    }
}

impl std::error::Error for AppError {}

impl From<crate::sim::SimError> for AppError {
    fn from(error: crate::sim::SimError) -> AppError {
        use crate::sim::SimError;
        match error {
            SimError::NotExpected(message) => AppError::not_expected(message),
            SimError::BadParameter(message) => AppError::bad_parameter(message),
            SimError::NotFound(message) => AppError::not_found(message),
            SimError::NotAllowed(message) => AppError::not_allowed(message),
        }
    }
}
