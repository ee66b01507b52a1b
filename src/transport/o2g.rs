//! The O2G REST calls the widget makes, over fetch.
//!
//! Cookies carry the session (`AlcUserId`), so every request is sent with credentials; the
//! browser keeps the cookie, the widget never stores it.

use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use cti::o2g::session::{SessionInfo, SessionRequest, SESSIONS_PATH};
use cti::o2g::{encode, API_VERSION, AUTHENTICATE_PATH};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use web_sys::RequestCredentials;

use super::ApiError;

/// Application name announced when opening a session.
pub const APPLICATION_NAME: &str = "agentdesk";

/// Trims a typed gateway address to `scheme://host[:port][/prefix]`, without a trailing slash.
pub fn normalize_gateway_url(raw: &str) -> Result<String, ApiError> {
    let trimmed = raw.trim().trim_end_matches('/');
    let has_scheme = ["http://", "https://"].iter().any(|scheme| {
        trimmed.len() > scheme.len()
            && trimmed.is_char_boundary(scheme.len())
            && trimmed[..scheme.len()].eq_ignore_ascii_case(scheme)
    });
    if has_scheme && !trimmed.contains(char::is_whitespace) {
        Ok(trimmed.to_owned())
    } else {
        Err(ApiError::BadGatewayUrl)
    }
}

/// A client of one O2G gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct O2gClient {
    base: String,
}

impl O2gClient {
    /// A client of the gateway at `base` (already normalized).
    pub fn new(base: String) -> O2gClient {
        O2gClient { base }
    }

    /// The gateway's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET /api/rest/authenticate?version=1.0` with Basic auth.
    pub async fn authenticate(
        &self,
        login: &str,
        password: &str,
    ) -> Result<AuthenticationResponse, ApiError> {
        let url = format!("{}?version={API_VERSION}", self.url(AUTHENTICATE_PATH));
        let request =
            Request::get(&url).header("Authorization", &basic_authorization(login, password));
        self.exchange("AuthenticationResponse", request, None).await
    }

    /// `POST /api/rest/1.0/sessions`.
    pub async fn open_session(&self) -> Result<SessionInfo, ApiError> {
        let body = encode(&SessionRequest::for_application(APPLICATION_NAME));
        self.exchange(
            "SessionInfo",
            Request::post(&self.url(SESSIONS_PATH)),
            Some(body),
        )
        .await
    }

    /// `DELETE /api/rest/1.0/sessions`.
    pub async fn close_session(&self) -> Result<(), ApiError> {
        let response = self
            .send(Request::delete(&self.url(SESSIONS_PATH)), None)
            .await?;
        expect_success(response).await.map(drop)
    }

    async fn exchange<T: DeserializeOwned>(
        &self,
        what: &'static str,
        request: RequestBuilder,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let response = self.send(request, body).await?;
        let (status, bytes) = expect_success(response).await?;
        cti::o2g::decode(what, &bytes).map_err(|e| ApiError::from_decode(status, e))
    }

    async fn send(
        &self,
        request: RequestBuilder,
        body: Option<String>,
    ) -> Result<Response, ApiError> {
        let unreachable = || ApiError::Unreachable {
            url: self.base.clone(),
        };
        let request = request.credentials(RequestCredentials::Include);
        let request = match body {
            Some(json) => request
                .header("Content-Type", "application/json")
                .body(json),
            None => request.build(),
        }
        .map_err(|_| unreachable())?;
        request.send().await.map_err(|_| unreachable())
    }
}

/// The body of a 2xx answer, or the error a non-2xx answer carries.
async fn expect_success(response: Response) -> Result<(u16, Vec<u8>), ApiError> {
    let status = response.status();
    let bytes = response.binary().await.unwrap_or_default();
    if response.ok() {
        Ok((status, bytes))
    } else {
        Err(ApiError::from_answer(status, &bytes))
    }
}
