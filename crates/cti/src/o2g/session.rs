//! Session management (`/api/rest/1.0/sessions`, L665-1124).

use serde::{Deserialize, Serialize};

/// Path of the session resource.
pub const SESSIONS_PATH: &str = "/api/rest/1.0/sessions";
/// Path of the keep-alive resource.
pub const KEEPALIVE_PATH: &str = "/api/rest/1.0/sessions/keepalive";
/// The documented initial time-to-live of every session, in seconds.
pub const DEFAULT_TIME_TO_LIVE_SECS: u32 = 1800;

/// `SupervisedAccountType` (L1110-1115).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SupervisedAccountType {
    /// The id is a login name.
    LoginName,
    /// The id is a phone number.
    PhoneNumber,
}

/// `SupervisedAccount` (L1102-1109).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisedAccount {
    /// The identifier itself.
    pub id: String,
    /// What kind of identifier it is.
    #[serde(rename = "type")]
    pub account_type: SupervisedAccountType,
}

/// `SessionRequest` (L1073-1090), the body of `POST /sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRequest {
    /// Free application name (or an encrypted bypass token).
    pub application_name: String,
    /// Application address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_address: Option<String>,
    /// For a supervised session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervised_account: Option<SupervisedAccount>,
    /// Requested time-to-live in seconds (since 2.7.4).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_int_or_string"
    )]
    pub time_to_live: Option<u32>,
}

impl SessionRequest {
    /// A plain user session request for the named application.
    pub fn for_application(name: impl Into<String>) -> SessionRequest {
        SessionRequest {
            application_name: name.into(),
            application_address: None,
            supervised_account: None,
            time_to_live: None,
        }
    }

    /// The same request, asking for a session that expires after `secs` without keepalive.
    pub fn with_time_to_live(self, secs: u32) -> SessionRequest {
        SessionRequest {
            time_to_live: Some(secs),
            ..self
        }
    }
}

/// `Service` (L1031-1036).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// e.g. `"Telephony"`.
    pub service_name: String,
    /// Version of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_version: Option<String>,
    /// e.g. `"/telephony/calls"`. Declared `[1]`; tolerated when missing.
    #[serde(default)]
    pub relative_url: String,
}

/// `UserSession` (L1116-1124): another live session of the same user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSession {
    /// The session identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// Residual TTL in seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_int_or_string"
    )]
    pub time_to_live: Option<u32>,
}

/// `SessionInfo` (L1037-1071), the body of `POST` and `GET /sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// Opened by an administrator.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_bool_or_string"
    )]
    pub admin: Option<bool>,
    /// The O2G login of the user (since 2.7.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// TTL in seconds; a string in the admin examples (AMBIG-2).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_int_or_string"
    )]
    pub time_to_live: Option<u32>,
    /// Base URL from the internet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_base_url: Option<String>,
    /// Base URL from the intranet.
    pub private_base_url: String,
    /// Available services; `Services` in the admin examples (AMBIG-3).
    #[serde(default, alias = "Services", skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// Creation date (since 2.7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// Expiration of the secure token, if one was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<String>,
    /// Other live sessions of the user (since 2.7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_sessions: Vec<UserSession>,
}

/// `SessionTokenInfo` (L1092-1099): keep-alive answer for token sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionTokenInfo {
    /// Expiration date of the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<String>,
}

/// The services a user session offers, as the user example lists them (L780-831).
pub fn user_services() -> Vec<Service> {
    [
        ("Users", "/users"),
        ("Telephony", "/telephony/calls"),
        ("Logins", "/logins"),
        ("Devices", "/telephony/devices"),
        ("State", "/telephony/state"),
        ("Directory", "/directory"),
        ("EventSummary", "/eventSummary"),
        ("Routing", "/routing"),
        ("Subscriptions", "/subscriptions"),
        ("Comlog", "/comlog/records"),
    ]
    .into_iter()
    .map(|(name, url)| Service {
        service_name: name.into(),
        service_version: Some("1.0".into()),
        relative_url: url.into(),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::o2g::{decode, encode};

    #[test]
    fn session_request_example_round_trips() {
        let body = br#"{"applicationName":"TESTS_API","supervisedAccount":{"id":"oxe70020","type":"LOGIN_NAME"}}"#;
        let request: SessionRequest = decode("SessionRequest", body).expect("L829 decodes");
        assert_eq!(
            request.supervised_account.as_ref().map(|a| a.account_type),
            Some(SupervisedAccountType::LoginName)
        );
        assert_eq!(encode(&request).as_bytes(), body);
        assert_eq!(
            encode(&SessionRequest::for_application("TESTS_API")),
            r#"{"applicationName":"TESTS_API"}"#
        );
        assert_eq!(
            encode(&SessionRequest::for_application("agentdesk").with_time_to_live(120)),
            r#"{"applicationName":"agentdesk","timeToLive":120}"#
        );
    }

    #[test]
    fn user_and_admin_session_examples_decode_alike() {
        let user = br#"{"timeToLive":1800,"publicBaseUrl":"http://public-server/api/rest/1.0","privateBaseUrl":"https://server/api/rest/1.0",
            "services":[{"serviceName":"Users","serviceVersion":"1.0","relativeUrl":"/users"}]}"#;
        let admin = br#"{"admin":true,"timeToLive":"1800","publicBaseUrl":"http://public-server/api/rest/1.0","privateBaseUrl":"https://server/api/rest/1.0",
            "Services":[{"serviceName":"Users","serviceVersion":"1.0","relativeUrl":"/users"}]}"#;
        let user: SessionInfo = decode("SessionInfo", user).expect("user example decodes");
        let admin: SessionInfo = decode("SessionInfo", admin).expect("admin example decodes");
        assert_eq!(user.time_to_live, Some(1800));
        assert_eq!(
            SessionInfo {
                admin: None,
                ..admin.clone()
            },
            user
        );
        assert!(
            encode(&admin).contains(r#""timeToLive":1800"#),
            "we encode the table form"
        );
    }

    #[test]
    fn missing_private_base_url_is_a_shape_error() {
        let err = decode::<SessionInfo>("SessionInfo", br#"{"timeToLive":1800}"#)
            .expect_err("required field");
        assert!(err.to_string().contains("privateBaseUrl"), "{err}");
    }
}
