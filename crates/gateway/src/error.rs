//! The gateway's errors in its own terms. Each front renders them in its protocol's shape at
//! its edge (O2G: an HTTP status and a `RestErrorInfo`, `fronts/o2g/error.rs`); the gateway's
//! own endpoints (embedding, scenario API, assets) answer in the O2G shape the widget reads.

use crate::world::WorldError;

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No session cookie, an unknown credential, or an expired session (AMBIG-7).
    InvalidSession,
    /// Bad login or password when authenticating (AMBIG-90).
    BadCredentials,
    /// A body, query or value that does not fit.
    BadParameter,
    /// The user may not do this: rights, or a second session on one credential.
    NotAllowed,
    /// No such resource.
    NotFound,
    /// The user's or the call's current state does not allow the request.
    NotExpected,
    /// The resource exists but not with this method.
    MethodNotAllowed,
    /// In proxy mode, the upstream cannot be reached or did not answer.
    Unavailable,
    /// A body larger than the route's largest legal one (413).
    TooLarge,
    /// Too many attempts: sign-ins, injected calls (429, with `Retry-After`).
    Throttled,
}

/// The largest body a REST route reads. O2G's and XuC's largest legal bodies (a call with
/// associated data, a directory search, a subscription filter) take well under 2 KiB; 16 KiB
/// leaves room without letting a flood of stalled 2 MiB bodies (axum's default) hold memory.
pub const REST_BODY_LIMIT: usize = 16 * 1024;

/// How long a REST body may take to arrive: a legal one is a single small packet, so a body
/// still trickling in after this is a connection held open on purpose.
pub const REST_BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// An error answered to an HTTP client: what went wrong, and a message for humans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    kind: ErrorKind,
    inner_message: String,
}

impl AppError {
    /// An error of `kind`.
    pub fn new(kind: ErrorKind, inner_message: impl Into<String>) -> AppError {
        AppError {
            kind,
            inner_message: inner_message.into(),
        }
    }

    /// No cookie, an unknown credential, or an expired session (AMBIG-7).
    pub fn invalid_session(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::InvalidSession, inner_message)
    }

    /// A body or query that does not fit the representation.
    pub fn bad_parameter(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::BadParameter, inner_message)
    }

    /// Rights, or a second session on one credential.
    pub fn not_allowed(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::NotAllowed, inner_message)
    }

    /// Bad Basic credentials on `/authenticate` (AMBIG-90).
    pub fn bad_credentials() -> AppError {
        AppError::new(ErrorKind::BadCredentials, "Bad login or password")
    }

    /// No such resource.
    pub fn not_found(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::NotFound, inner_message)
    }

    /// The user's or the call's current state does not allow the request (see
    /// docs/decisions.md, "Simulator").
    pub fn not_expected(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::NotExpected, inner_message)
    }

    /// The resource exists but not with this method.
    pub fn method_not_allowed() -> AppError {
        AppError::new(ErrorKind::MethodNotAllowed, "Method Not Allowed")
    }

    /// In proxy mode, the upstream cannot be reached or did not answer.
    pub fn upstream_unavailable(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::Unavailable, inner_message)
    }

    /// A body larger than the route reads ([`REST_BODY_LIMIT`] for the REST APIs).
    pub fn too_large() -> AppError {
        AppError::new(
            ErrorKind::TooLarge,
            "The body is larger than this resource accepts",
        )
    }

    /// Too many attempts for now (429; the caller adds `Retry-After`).
    pub fn throttled(inner_message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::Throttled, inner_message)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message for humans.
    pub fn message(&self) -> &str {
        &self.inner_message
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.inner_message)
    }
}

impl std::error::Error for AppError {}

impl From<WorldError> for AppError {
    fn from(error: WorldError) -> AppError {
        let kind = match &error {
            WorldError::NotExpected(_) => ErrorKind::NotExpected,
            WorldError::BadParameter(_) => ErrorKind::BadParameter,
            WorldError::NotFound(_) => ErrorKind::NotFound,
            WorldError::NotAllowed(_) => ErrorKind::NotAllowed,
        };
        AppError::new(kind, error.to_string())
    }
}

/// The answer to a path nobody serves.
pub async fn unknown_resource(uri: axum::http::Uri) -> AppError {
    AppError::not_found(format!("No resource at {}", uri.path()))
}
