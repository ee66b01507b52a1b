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
use serde_json::Value;

use crate::error::AppError;
use crate::events::Subscription as LocalSubscription;
use crate::fronts::o2g::extract::{credential_of, origin_of};
use crate::fronts::o2g::filter::{O2gEvents, O2gHub};
use crate::state::AppState;

mod tls;
pub mod upstream;

pub use tls::UpstreamTrust;
use upstream::HOP_BY_HOP;
pub use upstream::{Upstream, UpstreamError};

/// Largest body we buffer to rewrite its URLs.
const MAX_REWRITTEN_BODY: usize = 1024 * 1024;
/// Largest single event on the upstream channel.
const MAX_EVENT_BYTES: usize = 1024 * 1024;
/// Fields whose value is a URL of the O2G server, to be replaced by ours.
const URL_FIELDS: [&str; 6] = [
    "publicUrl",
    "internalUrl",
    "publicBaseUrl",
    "privateBaseUrl",
    "publicPollingUrl",
    "privatePollingUrl",
];

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
    let Some(upstream) = state.upstream().cloned() else {
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
    let credential = credential_of(&parts.headers);
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
    hub: Arc<O2gHub>,
    upstream: Upstream,
    url: String,
    cookies: Option<HeaderValue>,
    local: Arc<LocalSubscription<O2gEvents>>,
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
    tracing::info!(%outcome, "upstream channel bridge ended");
    // Without its source the local subscription is dead: its channel ends and the client
    // subscribes again, as after a server-side timeout (L2117).
    hub.close(local.id());
}

async fn pump_upstream(
    hub: &O2gHub,
    mut body: hyper::body::Incoming,
    local: &LocalSubscription<O2gEvents>,
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
                                if !push_object(hub, local, &object) {
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

/// Queues one event object read from the upstream channel; keep-alives are skipped (our
/// channels make their own). False when the subscription is closed.
fn push_object(hub: &O2gHub, local: &LocalSubscription<O2gEvents>, object: &[u8]) -> bool {
    let Ok(value) = serde_json::from_slice::<Value>(object) else {
        return !local.is_closed();
    };
    if value.get("eventName").and_then(Value::as_str)
        == Some(cti::o2g::subscription::CHANNEL_INFORMATION)
    {
        return !local.is_closed();
    }
    // Re-serialised compact, so that an object spread over lines upstream stays one line.
    hub.push_line(local, Arc::from(value.to_string()))
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
