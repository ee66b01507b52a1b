//! Signing in: the REST authentication (issue 12, from XuC's documentation), the socket's
//! `LoggedOn`/`LoggedOnError`, and the rights profile sent at connection.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::wire_enum;

/// `POST` here with [`LoginRequest`]: answers [`AuthToken`] or [`AuthError`].
pub const LOGIN_PATH: &str = "/xuc/api/2.0/auth/login";
/// `GET` here with `Authorization: Bearer <token>`: checks and refreshes a token.
pub const CHECK_PATH: &str = "/xuc/api/2.0/auth/check";
/// The events socket; the token goes in the `token` query parameter.
pub const SOCKET_PATH: &str = "/xuc/api/2.0/cti";

/// The body of a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    /// The user's login.
    pub login: String,
    /// The password.
    pub password: String,
}

/// A token, answered by a login or a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthToken {
    /// The user's login.
    pub login: String,
    /// The token, for the socket URL and `Authorization: Bearer`.
    pub token: String,
    /// Seconds the token lives.
    #[serde(rename = "TTL", deserialize_with = "crate::lenient::int_or_string")]
    pub ttl: i64,
}

wire_enum! {
    /// `error` of an authentication failure.
    AuthErrorKind {
        /// Wrong login or password.
        InvalidCredentials = "InvalidCredentials",
        /// The body was not the expected JSON.
        InvalidJson = "InvalidJson",
        /// Anything else.
        UnhandledError = "UnhandledError",
        /// The token is too old (check): the only case where clients drop it.
        TokenExpired = "TokenExpired",
    }
}

/// An authentication failure; clients show `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthError {
    /// The kind.
    pub error: AuthErrorKind,
    /// What to show.
    pub message: String,
}

/// The payload of `LoggedOn`: the first frame after a good token. Its content is not
/// documented; it is kept as sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LoggedOn(pub Value);

wire_enum! {
    /// `Error` of `LoggedOnError`.
    LoggedOnErrorKind {
        /// The token was refused.
        LoggedOnFailed = "loggedOnFailed",
        /// The login did not complete in time (10 s by default).
        LoggedOnTimeout = "loggedOnTimeout",
    }
}

/// The payload of `LoggedOnError`; the server closes the socket after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedOnError {
    /// Why.
    #[serde(rename = "Error")]
    pub error: LoggedOnErrorKind,
}

wire_enum! {
    /// `profile` of `RightProfile`. No profile behaves as `Admin`.
    ProfileName {
        /// Receives the events of its queues and groups only.
        Supervisor = "Supervisor",
        /// Receives everything, may do everything.
        Admin = "Admin",
        /// No supervision rights.
        NoRight = "NoRight",
    }
}

/// The payload of `RightProfile`, sent upon connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightProfile {
    /// The profile.
    pub profile: ProfileName,
    /// Extra rights: `recording`, `dissuasion`.
    #[serde(default)]
    pub rights: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_errors_decode() {
        let token: AuthToken =
            serde_json::from_str(r#"{"login":"jbond","token":"abc","TTL":"3600"}"#).expect("ok");
        assert_eq!(token.ttl, 3600);
        let error: AuthError =
            serde_json::from_str(r#"{"error":"TokenExpired","message":"too old"}"#).expect("ok");
        assert_eq!(error.error, AuthErrorKind::TokenExpired);
    }
}
