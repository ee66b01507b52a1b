//! Proxy mode: the gateway in front of a real O2G (`--upstream`).
//!
//! `/api/rest/**` is forwarded as is (method, headers with the cookies, body streamed both
//! ways); only the URLs O2G hands out (authenticate, sessions, subscriptions and the
//! discovery descriptor) are rewritten to point at this gateway, so the browser never talks to
//! the PBX directly and needs no CORS. An accepted subscription is bridged: the gateway opens
//! the upstream chunk channel itself and feeds a local subscription of the same id, which the
//! widget reads through this gateway's WebSocket or chunk channel with the usual semantics.
//!
//! The upstream may be `http://` or `https://` (see [`UpstreamTrust`] for its certificate).

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use cti::o2g::subscription::{Subscription, SubscriptionState};
use http_body_util::BodyExt;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use crate::error::AppError;
use crate::events::{EventHub, Subscription as LocalSubscription};
use crate::o2g::origin_of;
use crate::state::AppState;

mod tls;
pub use tls::UpstreamTrust;

/// How long the upstream may take to answer a request's headers.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest body we buffer to rewrite its URLs.
const MAX_REWRITTEN_BODY: usize = 1024 * 1024;
/// Largest single event on the upstream channel.
const MAX_EVENT_BYTES: usize = 1024 * 1024;
/// Headers that describe one hop, never forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];
/// Fields whose value is a URL of the O2G server, to be replaced by ours.
const URL_FIELDS: [&str; 6] = [
    "publicUrl",
    "internalUrl",
    "publicBaseUrl",
    "privateBaseUrl",
    "publicPollingUrl",
    "privatePollingUrl",
];

/// Why an upstream base URL cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// Not a URL.
    #[error("upstream {0:?} is not a URL")]
    Invalid(String),
    /// A scheme other than http or https.
    #[error("upstream {0:?}: only http:// and https:// upstreams are supported")]
    Scheme(String),
    /// A path or query after the authority.
    #[error("upstream {0:?}: give only scheme, host and port (e.g. https://o2g.example:443); O2G serves its API at /api/rest, a path prefix is not supported")]
    Path(String),
    /// The `--upstream-ca` file cannot be used.
    #[error("upstream CA file {path}: {reason}")]
    Ca {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The TLS client cannot be set up.
    #[error("upstream TLS: {0}")]
    Tls(String),
}

/// The O2G server the gateway fronts.
#[derive(Clone)]
pub struct Upstream {
    /// Scheme and authority, e.g. `https://o2g.example:8443`.
    origin: String,
    /// `Host` header to send.
    host: HeaderValue,
    client: Client<HttpsConnector<HttpConnector>, Body>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Upstream {
    /// The upstream the options name, if any (`--upstream`, `--upstream-ca`,
    /// `--upstream-insecure`).
    pub fn from_config(config: &crate::config::Config) -> Result<Option<Upstream>, UpstreamError> {
        let Some(base) = &config.upstream else {
            return Ok(None);
        };
        let trust = if config.upstream_insecure {
            UpstreamTrust::Insecure
        } else if let Some(path) = &config.upstream_ca {
            UpstreamTrust::ca_file(path)?
        } else {
            UpstreamTrust::PublicRoots
        };
        Upstream::new(base, &trust).map(Some)
    }

    /// An upstream at `base` (`http[s]://host[:port][/]`); `trust` applies to `https://`.
    pub fn new(base: &str, trust: &UpstreamTrust) -> Result<Upstream, UpstreamError> {
        let uri: Uri = base
            .parse()
            .map_err(|_| UpstreamError::Invalid(base.to_owned()))?;
        let scheme = match uri.scheme_str() {
            Some(scheme @ ("http" | "https")) => scheme,
            Some(_) => return Err(UpstreamError::Scheme(base.to_owned())),
            None => return Err(UpstreamError::Invalid(base.to_owned())),
        };
        // Refused rather than honoured: O2G's own URLs (and every rewrite here) assume the API
        // at the root, and a prefix silently dropped would send requests to the wrong place.
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(UpstreamError::Path(base.to_owned()));
        }
        let authority = uri
            .authority()
            .ok_or_else(|| UpstreamError::Invalid(base.to_owned()))?;
        let host = HeaderValue::from_str(authority.as_str())
            .map_err(|_| UpstreamError::Invalid(base.to_owned()))?;
        if scheme == "https" && matches!(trust, UpstreamTrust::Insecure) {
            tracing::warn!(
                upstream = %base,
                "UPSTREAM CERTIFICATE NOT VERIFIED (--upstream-insecure): anyone on the network path can impersonate the O2G server and read credentials; lab use only"
            );
        }
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(Duration::from_secs(5)));
        http.set_nodelay(true);
        // The TLS layer needs the TCP connector to accept https:// URIs too.
        http.enforce_http(false);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(trust.client_config()?)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(60))
            .build(connector);
        Ok(Upstream {
            origin: format!("{scheme}://{authority}"),
            host,
            client,
        })
    }

    /// Its origin, `http[s]://host:port`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    async fn send(
        &self,
        method: Method,
        path_and_query: &str,
        headers: &HeaderMap,
        body: Body,
    ) -> Result<hyper::Response<hyper::body::Incoming>, AppError> {
        let uri: Uri = format!("{}{path_and_query}", self.origin)
            .parse()
            .map_err(|_| AppError::bad_parameter("The request path cannot be forwarded"))?;
        let mut request = hyper::Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let forwarded = request.headers_mut();
        copy_end_to_end(headers, forwarded);
        forwarded.insert(header::HOST, self.host.clone());
        match tokio::time::timeout(REQUEST_TIMEOUT, self.client.request(request)).await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(error)) => {
                tracing::warn!(upstream = %self.origin, error = ?error, "upstream unreachable");
                Err(AppError::upstream_unavailable(unreachable_message(
                    &self.origin,
                    &error,
                )))
            }
            Err(_) => Err(AppError::upstream_unavailable(format!(
                "The O2G server {} did not answer in time",
                self.origin
            ))),
        }
    }
}

/// Why the upstream cannot be reached, in words an operator can act on: a certificate
/// problem names the option that fixes it.
fn unreachable_message(origin: &str, error: &(dyn std::error::Error + 'static)) -> String {
    match tls::tls_failure(error) {
        Some(rustls::Error::InvalidCertificate(reason)) => format!(
            "The O2G server {origin} presented a TLS certificate this gateway does not trust ({reason:?}); start the gateway with --upstream-ca <its CA's PEM file>"
        ),
        Some(tls) => format!("The O2G server {origin} cannot be reached: TLS failed ({tls})"),
        None => format!("The O2G server {origin} cannot be reached"),
    }
}

fn copy_end_to_end(from: &HeaderMap, to: &mut HeaderMap) {
    for (name, value) in from {
        if name != header::HOST && !HOP_BY_HOP.contains(&name.as_str()) {
            to.append(name.clone(), value.clone());
        }
    }
}

/// Whether the response to this request carries URLs to rewrite.
fn carries_urls(method: &Method, path: &str) -> bool {
    match path.trim_end_matches('/') {
        "/api/rest" | "/api/rest/authenticate" | "/api/rest/1.0/sessions" => {
            method == Method::GET || method == Method::POST
        }
        "/api/rest/1.0/subscriptions" => method == Method::POST,
        _ => false,
    }
}

/// Any `/api/rest/**` request in proxy mode.
pub async fn forward(State(state): State<AppState>, request: Request) -> Response {
    let Some(upstream) = state.upstream.clone() else {
        return AppError::not_found("Not in proxy mode").into_response();
    };
    match forward_to(&state, &upstream, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn forward_to(
    state: &AppState,
    upstream: &Upstream,
    request: Request,
) -> Result<Response, AppError> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or(path.clone(), |p| p.as_str().to_owned());
    let our_origin = origin_of(&parts.headers);
    let credential = crate::o2g::credential_of(&parts.headers);
    let response = upstream
        .send(parts.method.clone(), &path_and_query, &parts.headers, body)
        .await?;
    let (mut head, incoming) = response.into_parts();
    head.headers.retain_end_to_end();
    if head.status.is_success() {
        after_success(state, &parts.method, &path, credential.as_deref());
    }
    if !(head.status == StatusCode::OK && carries_urls(&parts.method, &path)) {
        return Ok(Response::from_parts(head, Body::new(incoming)));
    }
    let bytes = collect_limited(Body::new(incoming), MAX_REWRITTEN_BODY)
        .await
        .map_err(|()| AppError::upstream_unavailable("The O2G server's answer was cut short"))?;
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        // Not JSON after all: pass it on untouched.
        return Ok(Response::from_parts(head, Body::from(bytes)));
    };
    rewrite_urls(&mut value, &our_origin);
    if path.trim_end_matches('/') == "/api/rest/1.0/subscriptions" {
        bridge_if_accepted(state, upstream, &value, &bytes, &parts.headers, credential);
    }
    let body = serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec());
    head.headers.remove(header::CONTENT_LENGTH);
    Ok(Response::from_parts(head, Body::from(body)))
}

trait RetainEndToEnd {
    fn retain_end_to_end(&mut self);
}

impl RetainEndToEnd for HeaderMap {
    fn retain_end_to_end(&mut self) {
        for name in HOP_BY_HOP {
            self.remove(HeaderName::from_static(name));
        }
    }
}

/// Local consequences of what the upstream accepted.
fn after_success(state: &AppState, method: &Method, path: &str, credential: Option<&str>) {
    let Some(credential) = credential else {
        return;
    };
    if method != Method::DELETE {
        return;
    }
    let path = path.trim_end_matches('/');
    if path == "/api/rest/1.0/sessions" {
        state.events.drop_session(credential);
    } else if let Some(id) = path.strip_prefix("/api/rest/1.0/subscriptions/") {
        state.events.unsubscribe(credential, id);
    }
}

async fn collect_limited(body: Body, limit: usize) -> Result<Bytes, ()> {
    let limited = http_body_util::Limited::new(body, limit);
    limited
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .map_err(|_| ())
}

/// Points every URL field at `our_origin`, keeping its path and query.
pub fn rewrite_urls(value: &mut Value, our_origin: &str) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                match field {
                    Value::String(url) if URL_FIELDS.contains(&key.as_str()) => {
                        if let Some(rewritten) = rehome(url, our_origin) {
                            *url = rewritten;
                        }
                    }
                    other => rewrite_urls(other, our_origin),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_urls(item, our_origin);
            }
        }
        _ => {}
    }
}

fn rehome(url: &str, our_origin: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    uri.authority()?;
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    Some(format!("{our_origin}{path}"))
}

/// Starts feeding a local subscription from the upstream channel of an accepted one.
fn bridge_if_accepted(
    state: &AppState,
    upstream: &Upstream,
    rewritten: &Value,
    original: &[u8],
    headers: &HeaderMap,
    credential: Option<String>,
) {
    let Ok(accepted) = serde_json::from_value::<Subscription>(rewritten.clone()) else {
        return;
    };
    let (Some(id), SubscriptionState::Accepted) = (&accepted.subscription_id, accepted.status)
    else {
        return;
    };
    // The upstream's own URL, before rewriting, is where its events come from.
    let upstream_url = serde_json::from_slice::<Subscription>(original)
        .ok()
        .and_then(|s| s.polling_url().map(str::to_owned))
        .and_then(|url| rehome(&url, upstream.origin()))
        .unwrap_or_else(|| format!("{}/OTEvents?subscriptionId={id}", upstream.origin()));
    let local = state
        .events
        .bridged(id, credential.as_deref().unwrap_or_default(), state.now());
    let cookies = headers.get(header::COOKIE).cloned();
    tokio::spawn(bridge(
        Arc::clone(&state.events),
        upstream.clone(),
        upstream_url,
        cookies,
        local,
    ));
}

/// Reads the upstream chunk channel into `local` until either side closes.
async fn bridge(
    hub: Arc<EventHub>,
    upstream: Upstream,
    url: String,
    cookies: Option<HeaderValue>,
    local: Arc<LocalSubscription>,
) {
    let path = url
        .strip_prefix(upstream.origin())
        .unwrap_or("/OTEvents")
        .to_owned();
    let mut headers = HeaderMap::new();
    if let Some(cookies) = cookies {
        headers.insert(header::COOKIE, cookies);
    }
    let outcome = match upstream
        .send(Method::GET, &path, &headers, Body::empty())
        .await
    {
        Ok(response) if response.status() == StatusCode::OK => {
            pump_upstream(&hub, response.into_body(), &local).await
        }
        Ok(response) => format!("upstream channel answered {}", response.status()),
        Err(error) => error.to_string(),
    };
    tracing::info!(subscription = %local.id(), %outcome, "upstream channel bridge ended");
    // Without its source the local subscription is dead: its channel ends and the client
    // subscribes again, as after a server-side timeout (L2117).
    hub.close(local.id());
}

async fn pump_upstream(
    hub: &EventHub,
    mut body: hyper::body::Incoming,
    local: &LocalSubscription,
) -> String {
    let mut splitter = cti::o2g::JsonObjectSplitter::with_limit(MAX_EVENT_BYTES);
    let mut check = tokio::time::interval(Duration::from_secs(5));
    loop {
        tokio::select! {
            frame = body.frame() => match frame {
                None => return "upstream channel closed".to_owned(),
                Some(Err(error)) => return format!("upstream channel failed: {error}"),
                Some(Ok(frame)) => {
                    let Ok(data) = frame.into_data() else { continue };
                    for object in splitter.push(&data) {
                        match object {
                            Ok(object) => {
                                if !hub.push_line(local, object) {
                                    return "local subscription closed".to_owned();
                                }
                            }
                            Err(error) => return format!("upstream channel garbled: {error}"),
                        }
                    }
                }
            },
            _ = check.tick() => {
                if local.is_closed() {
                    return "local subscription closed".to_owned();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_handed_out_by_o2g_are_rehomed_keeping_path_and_query() {
        let mut value = serde_json::json!({
            "publicPollingUrl": "https://public.server:8016/OTEvents?subscriptionId=42",
            "privatePollingUrl": "https://server:8016/OTEvents?subscriptionId=42",
            "versions": [{"publicUrl": "https://o2g/api/rest/authenticate?version=1.0"}],
            "loginName": "https://not-a-url-field",
            "publicBaseUrl": "",
        });
        rewrite_urls(&mut value, "http://gw:8080");
        assert_eq!(
            value["publicPollingUrl"],
            "http://gw:8080/OTEvents?subscriptionId=42"
        );
        assert_eq!(
            value["privatePollingUrl"],
            "http://gw:8080/OTEvents?subscriptionId=42"
        );
        assert_eq!(
            value["versions"][0]["publicUrl"],
            "http://gw:8080/api/rest/authenticate?version=1.0"
        );
        assert_eq!(value["loginName"], "https://not-a-url-field");
        assert_eq!(value["publicBaseUrl"], "", "not a URL: left alone");
    }

    #[test]
    fn only_responses_carrying_urls_are_buffered() {
        assert!(carries_urls(&Method::POST, "/api/rest/1.0/subscriptions"));
        assert!(!carries_urls(&Method::PUT, "/api/rest/1.0/subscriptions"));
        assert!(carries_urls(&Method::GET, "/api/rest/authenticate"));
        assert!(!carries_urls(&Method::GET, "/api/rest/1.0/telephony/calls"));
    }
}
