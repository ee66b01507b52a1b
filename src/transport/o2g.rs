//! The O2G REST calls the widget makes, over fetch.
//!
//! Cookies carry the session (`AlcUserId`), so every request is sent with credentials; the
//! browser keeps the cookie, the widget never stores it.

use cti::o2g::encode;
use cti::o2g::session::{KEEPALIVE_PATH, SESSIONS_PATH};
use cti::o2g::subscription::{Package, Subscription, SubscriptionRequest, SUBSCRIPTIONS_PATH};
use cti::transmit::{percent_encode, HttpRequest, Method};
use gloo_net::http::{Request, RequestBuilder, Response};
use web_sys::RequestCredentials;

use super::ApiError;

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

    /// `DELETE /api/rest/1.0/sessions`.
    pub async fn close_session(&self) -> Result<(), ApiError> {
        let response = self
            .send(Request::delete(&self.url(SESSIONS_PATH)), None)
            .await?;
        expect_success(response).await.map(drop)
    }

    /// `POST /api/rest/1.0/sessions/keepalive`: resets the session's idle timer.
    pub async fn keepalive(&self) -> Result<(), ApiError> {
        self.send_request(&HttpRequest::new(Method::Post, KEEPALIVE_PATH))
            .await
            .map(drop)
    }

    /// `POST /api/rest/1.0/subscriptions` for the agent console's packages of `login`.
    pub async fn subscribe(&self, login: &str) -> Result<Subscription, ApiError> {
        let body = encode(&SubscriptionRequest::for_user(
            login,
            &Package::AGENT_CONSOLE,
        ));
        let request = HttpRequest::new(Method::Post, SUBSCRIPTIONS_PATH).with_body(body);
        let answer = self.send_request(&request).await?;
        crate::transport::decode("Subscription", &answer)
            .map_err(|error| ApiError::from_decode(200, error))
    }

    /// `DELETE /api/rest/1.0/subscriptions/{id}`.
    pub async fn unsubscribe(&self, subscription_id: &str) -> Result<(), ApiError> {
        let path = format!("{SUBSCRIPTIONS_PATH}/{}", percent_encode(subscription_id));
        let response = self.send(Request::delete(&self.url(&path)), None).await?;
        expect_success(response).await.map(drop)
    }

    /// `DELETE /api/rest/1.0/subscriptions/{id}` while the page unloads: a `keepalive` fetch,
    /// which the browser completes after the page is gone. Fire-and-forget.
    pub fn unsubscribe_on_exit(&self, subscription_id: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let path = format!("{SUBSCRIPTIONS_PATH}/{}", percent_encode(subscription_id));
        let init = web_sys::RequestInit::new();
        init.set_method("DELETE");
        // Include, like every other request: same-origin when the gateway serves the page,
        // and still the cookie when the agent typed another gateway.
        init.set_credentials(RequestCredentials::Include);
        // web-sys has no setter for `keepalive` yet.
        let _ = js_sys::Reflect::set(
            &init,
            &wasm_bindgen::JsValue::from_str("keepalive"),
            &wasm_bindgen::JsValue::TRUE,
        );
        let promise = window.fetch_with_str_and_init(&self.url(&path), &init);
        // The page is going away: nobody is left to hear the answer or a failure.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }

    /// The WebSocket event channel of a subscription: `ws(s)://<gateway>/OTEvents/ws?subscriptionId=`.
    pub fn websocket_url(&self, subscription_id: &str) -> String {
        let origin = if let Some(rest) = self.base.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = self.base.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            self.base.clone()
        };
        format!(
            "{origin}/OTEvents/ws?subscriptionId={}",
            percent_encode(subscription_id)
        )
    }

    /// An absolute URL for a gateway-given URL that may be relative (`/OTEvents?...`).
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            url.to_owned()
        } else {
            self.url(url)
        }
    }

    /// Sends a request built by `cti`; returns the answer's body, or the error it carries.
    pub async fn send_request(&self, request: &HttpRequest) -> Result<Vec<u8>, ApiError> {
        let (status, body) = self.exchange_raw(request).await?;
        if (200..300).contains(&status) {
            Ok(body)
        } else {
            Err(ApiError::from_answer(status, &body))
        }
    }

    /// Sends a request built by an adapter; any answer (error statuses too) is the adapter's
    /// to read, only a failure to reach the gateway is an error here.
    pub async fn exchange_raw(&self, request: &HttpRequest) -> Result<(u16, Vec<u8>), ApiError> {
        let url = self.url(&request.path_and_query());
        let builder = match request.method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Delete => Request::delete(&url),
        };
        let builder = request
            .headers
            .iter()
            .fold(builder, |b, (name, value)| b.header(name, value));
        let response = self.send(builder, request.body.clone()).await?;
        let status = response.status();
        let body = response.binary().await.unwrap_or_default();
        Ok((status, body))
    }

    /// Opens a streaming GET (the chunk channel) that `signal` can abort.
    pub async fn open_stream(
        &self,
        url: &str,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<Response, ApiError> {
        let response = self
            .send(Request::get(&self.absolute(url)).abort_signal(signal), None)
            .await?;
        if response.ok() {
            Ok(response)
        } else {
            let status = response.status();
            let bytes = response.binary().await.unwrap_or_default();
            Err(ApiError::from_answer(status, &bytes))
        }
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
