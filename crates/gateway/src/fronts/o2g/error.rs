//! The gateway's errors in O2G's shape: an HTTP status and a `RestErrorInfo` body, exactly as
//! O2G answers (the widget and the SDK read them).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use cti::o2g::{encode, ErrorType, RestErrorInfo};

use crate::error::{AppError, ErrorKind};

/// The HTTP status and O2G error type of each kind of error.
fn o2g_shape(kind: ErrorKind) -> (StatusCode, ErrorType) {
    match kind {
        ErrorKind::InvalidSession => (StatusCode::FORBIDDEN, ErrorType::InvalidSession),
        ErrorKind::BadCredentials => (StatusCode::UNAUTHORIZED, ErrorType::NotAllowed),
        ErrorKind::BadParameter => (StatusCode::BAD_REQUEST, ErrorType::BadParameter),
        ErrorKind::NotAllowed => (StatusCode::FORBIDDEN, ErrorType::NotAllowed),
        ErrorKind::NotFound => (StatusCode::NOT_FOUND, ErrorType::NotFound),
        // 403, as O2G refuses; 400 stays BAD_PARAMETER's (docs/decisions.md, "Simulator").
        ErrorKind::NotExpected => (StatusCode::FORBIDDEN, ErrorType::NotExpected),
        ErrorKind::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, ErrorType::NotSupported),
        ErrorKind::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, ErrorType::NotReady),
        ErrorKind::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorType::BadParameter),
        ErrorKind::Throttled => (StatusCode::TOO_MANY_REQUESTS, ErrorType::NotAllowed),
    }
}

impl AppError {
    /// The HTTP status O2G answers it with.
    pub fn status(&self) -> StatusCode {
        o2g_shape(self.kind()).0
    }

    /// The O2G body.
    pub fn body(&self) -> RestErrorInfo {
        let (status, kind) = o2g_shape(self.kind());
        RestErrorInfo::new(kind, status.as_u16(), self.message().to_owned())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = encode(&self.body());
        (
            self.status(),
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}
