//! The edge middleware (`resilience/edge.rs` says why): forwarded headers believed only from
//! trusted proxies, the public URL otherwise, `Secure` cookies over https.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::resilience::edge::ServedOverHttps;
use crate::resilience::ClientAddr;
use crate::state::AppState;

const FORWARDED_PROTO: &str = "x-forwarded-proto";
const FORWARDED_HOST: &str = "x-forwarded-host";

/// The middleware.
pub async fn normalise(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let edge = &state.resilience.edge;
    let ClientAddr(client) = ClientAddr::from_extensions(request.extensions());
    let over_tls = request.extensions().get::<ServedOverHttps>().is_some();
    let headers = request.headers_mut();
    let trusted = edge.trusted_proxies.contains(&client);
    let forwarded_proto = headers
        .get(FORWARDED_PROTO)
        .and_then(|v| v.to_str().ok())
        .filter(|p| matches!(*p, "http" | "https"))
        .map(str::to_owned);
    let forwarded_host = headers.get(FORWARDED_HOST).cloned();
    headers.remove(FORWARDED_PROTO);
    headers.remove(FORWARDED_HOST);
    let mut scheme = if over_tls { "https" } else { "http" }.to_owned();
    match (&edge.public_url, trusted) {
        (_, true) => {
            if let Some(proto) = forwarded_proto {
                scheme = proto;
            }
            if let Some(host) = forwarded_host {
                headers.insert(header::HOST, host);
            }
        }
        (Some((public_scheme, authority)), false) => {
            scheme.clone_from(public_scheme);
            if let Ok(host) = HeaderValue::from_str(authority) {
                headers.insert(header::HOST, host);
            }
        }
        (None, false) => {}
    }
    let https = scheme == "https";
    if let Ok(value) = HeaderValue::from_str(&scheme) {
        headers.insert(FORWARDED_PROTO, value);
    }
    let mut response = next.run(request).await;
    if https {
        secure_cookies(&mut response);
    }
    response
}

/// Adds `Secure` to every cookie set over https that lacks it.
fn secure_cookies(response: &mut Response) {
    let cookies: Vec<HeaderValue> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    if cookies.is_empty() {
        return;
    }
    response.headers_mut().remove(header::SET_COOKIE);
    for cookie in cookies {
        let text = cookie.to_str().unwrap_or_default();
        let secure = text
            .split(';')
            .any(|attribute| attribute.trim().eq_ignore_ascii_case("secure"));
        let value = if secure || text.is_empty() {
            cookie
        } else {
            HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(cookie)
        };
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
