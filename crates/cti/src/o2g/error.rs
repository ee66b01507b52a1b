//! `RestErrorInfo`, the body of every O2G error response, and the error table (spec L312-398).

use serde::{Deserialize, Serialize};

/// The generic error types of the O2G error table, with their fixed code, help text and
/// retry hint. Decoding accepts unknown types as [`ErrorType::Unrecognized`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ErrorType {
    /// 1000: the server is still starting.
    NotReady,
    /// 1001: the session is unknown or expired; sign in again.
    InvalidSession,
    /// 1002: insufficient rights or bad credentials.
    NotAllowed,
    /// 1003: a missing or bad parameter designates nothing.
    NotFound,
    /// 1004: the request does not fit the user's current state.
    NotExpected,
    /// 1005: the operation is not supported.
    NotSupported,
    /// 1006: the request parameters are wrong.
    BadParameter,
    /// 1007: a general server problem.
    ServerProblem,
    /// A type this client does not know yet; the `code` and `helpMessage` still apply.
    #[serde(other)]
    Unrecognized,
}

impl ErrorType {
    /// Every documented type, in table order.
    pub const ALL: [ErrorType; 8] = [
        ErrorType::NotReady,
        ErrorType::InvalidSession,
        ErrorType::NotAllowed,
        ErrorType::NotFound,
        ErrorType::NotExpected,
        ErrorType::NotSupported,
        ErrorType::BadParameter,
        ErrorType::ServerProblem,
    ];

    /// The numeric code of the error table.
    pub fn code(self) -> Option<i32> {
        Some(match self {
            ErrorType::NotReady => 1000,
            ErrorType::InvalidSession => 1001,
            ErrorType::NotAllowed => 1002,
            ErrorType::NotFound => 1003,
            ErrorType::NotExpected => 1004,
            ErrorType::NotSupported => 1005,
            ErrorType::BadParameter => 1006,
            ErrorType::ServerProblem => 1007,
            ErrorType::Unrecognized => return None,
        })
    }

    /// The help message of the error table, verbatim (including its missing space after
    /// "state." in NOT_EXPECTED).
    pub fn help_message(self) -> &'static str {
        match self {
            ErrorType::NotReady => "The server is not yet available. Please retry later if the initialization is not finished.",
            ErrorType::InvalidSession => "No valid session found for the given identifier. Please logout and login with correct credentials.",
            ErrorType::NotAllowed => "The operation is not allowed, because of insufficient rights or bad credential. Please contact the installer to fix the problem.",
            ErrorType::NotFound => "Missing or bad parameter sent by a request on a service. Fix the problem and retry.",
            ErrorType::NotExpected => "The request can not be performed due to current user's state.Check the state or fix your request before sending it back.",
            ErrorType::NotSupported => "This operation is not supported. Please check the documentation.",
            ErrorType::BadParameter => "Request parameters are not correct. Please fix the problem and send the request back.",
            ErrorType::ServerProblem => "Server general problem. Please contact the installer to fix the problem.",
            ErrorType::Unrecognized => "The gateway reported an error.",
        }
    }

    /// Whether the table says the client may retry.
    pub fn can_retry(self) -> bool {
        matches!(
            self,
            ErrorType::NotReady
                | ErrorType::InvalidSession
                | ErrorType::NotFound
                | ErrorType::NotExpected
                | ErrorType::BadParameter
        )
    }

    /// The type for a numeric code, when the `type` field is absent.
    pub fn from_code(code: i32) -> ErrorType {
        ErrorType::ALL
            .into_iter()
            .find(|t| t.code() == Some(code))
            .unwrap_or(ErrorType::Unrecognized)
    }
}

/// The `httpStatus` field: declared an int (L356) but written as a Spring status name in every
/// example (`"FORBIDDEN"`). We encode the name and decode either (AMBIG-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum HttpStatus {
    /// The Spring `HttpStatus` name, e.g. `FORBIDDEN`.
    Name(String),
    /// The numeric status, e.g. 403.
    Code(u16),
}

impl HttpStatus {
    /// The Spring-style name of a numeric status, as the examples write it.
    pub fn from_code(code: u16) -> HttpStatus {
        let name = match code {
            200 => "OK",
            201 => "CREATED",
            204 => "NO_CONTENT",
            400 => "BAD_REQUEST",
            401 => "UNAUTHORIZED",
            403 => "FORBIDDEN",
            404 => "NOT_FOUND",
            405 => "METHOD_NOT_ALLOWED",
            409 => "CONFLICT",
            500 => "INTERNAL_SERVER_ERROR",
            503 => "SERVICE_UNAVAILABLE",
            _ => return HttpStatus::Code(code),
        };
        HttpStatus::Name(name.to_owned())
    }
}

/// Extra details of a telephony error (L499-509). Enum values are kept as text so that a new
/// value from a newer gateway never turns an error report into a decode failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TelephonyErrorInfo {
    /// `TelephonyErrorType`, e.g. `INCOMPATIBLE_WITH_STATE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// `TelephonyErrorCause`, e.g. `INVALID_CONNECTION_STATE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_cause: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Extra details of a routing error (L439-451).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingErrorInfo {
    /// `RoutingErrorType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// `DestinationType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_type: Option<String>,
    /// `RoutingErrorCause`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_cause: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Extra details of a user-preferences error (L545-557).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPreferencesErrorInfo {
    /// `UNKNOWN | WRONG_VALUE | WRONG_NUMBER_FORMAT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// The parameter at fault, e.g. `GUI_LANGUAGE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

/// The body of every O2G error response. All fields are `[0..1]` in the spec.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestErrorInfo {
    /// The HTTP status, by name or number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<HttpStatus>,
    /// Error code 1000..=1007.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_int_or_string"
    )]
    pub code: Option<i32>,
    /// Human-readable help for the error type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_message: Option<String>,
    /// The generic error type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub error_type: Option<ErrorType>,
    /// Diagnostic text for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_message: Option<String>,
    /// Whether fixing the request may help.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub can_retry: Option<bool>,
    /// Routing details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<RoutingErrorInfo>,
    /// Telephony details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephony: Option<TelephonyErrorInfo>,
    /// User-preferences details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_preferences: Option<UserPreferencesErrorInfo>,
}

impl RestErrorInfo {
    /// A complete error of the table, as a gateway sends it.
    pub fn new(
        kind: ErrorType,
        http_status: u16,
        inner_message: impl Into<String>,
    ) -> RestErrorInfo {
        RestErrorInfo {
            http_status: Some(HttpStatus::from_code(http_status)),
            code: kind.code(),
            help_message: Some(kind.help_message().to_owned()),
            error_type: Some(kind),
            inner_message: Some(inner_message.into()),
            can_retry: Some(kind.can_retry()),
            ..RestErrorInfo::default()
        }
    }

    /// The error type, from `type` or else from `code`.
    pub fn kind(&self) -> ErrorType {
        match (self.error_type, self.code) {
            (Some(t), _) if t != ErrorType::Unrecognized => t,
            (_, Some(code)) => ErrorType::from_code(code),
            _ => ErrorType::Unrecognized,
        }
    }

    /// What to show the user: the help message, else the table's text for the type.
    pub fn user_message(&self) -> &str {
        match self.help_message.as_deref() {
            Some(text) if !text.trim().is_empty() => text,
            _ => self.kind().help_message(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::o2g::decode;

    #[test]
    fn table_codes_round_trip() {
        for kind in ErrorType::ALL {
            let code = kind.code().unwrap_or_default();
            assert_eq!(ErrorType::from_code(code), kind);
        }
        assert_eq!(ErrorType::from_code(42), ErrorType::Unrecognized);
    }

    #[test]
    fn spec_example_invalid_session_decodes() {
        // L330-338.
        let body = br#"{
            "httpStatus": "FORBIDDEN",
            "code": 1001,
            "helpMessage": "No valid session found for the given identifier. Please logout and login with correct credentials.",
            "type": "INVALID_SESSION",
            "innerMessage": "AlcChameleonException.BAD_FRAMEWORK_SESSION_IDENTIFIER",
            "canRetry": true
        }"#;
        let err: RestErrorInfo = decode("RestErrorInfo", body).expect("spec example decodes");
        assert_eq!(err.kind(), ErrorType::InvalidSession);
        assert_eq!(err.http_status, Some(HttpStatus::Name("FORBIDDEN".into())));
        assert_eq!(
            err,
            RestErrorInfo::new(
                ErrorType::InvalidSession,
                403,
                "AlcChameleonException.BAD_FRAMEWORK_SESSION_IDENTIFIER"
            )
        );
    }

    #[test]
    fn numeric_status_unknown_type_and_missing_type_are_tolerated() {
        let err: RestErrorInfo = decode(
            "RestErrorInfo",
            br#"{"httpStatus":403,"code":"1004","type":"SOMETHING_NEW"}"#,
        )
        .expect("decodes");
        assert_eq!(err.http_status, Some(HttpStatus::Code(403)));
        assert_eq!(err.kind(), ErrorType::NotExpected);
        assert_eq!(err.user_message(), ErrorType::NotExpected.help_message());
    }
}
