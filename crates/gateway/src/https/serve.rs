//! The https listener: TLS handshake (rustls), then HTTP/1.1 with upgrades (WebSocket
//! channels become wss) through the same router and listener limits as plain http
//! (`server.rs`).

use std::future::Future;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::Router;
use rustls::ServerConfig;
use tokio::net::TcpListener;

use crate::resilience::edge::ServedOverHttps;
use crate::server::{self, Limits};

/// Tells the handlers the request came over https, so that the URLs they hand out
/// (`privateBaseUrl`, polling URLs, …) say https and the cookie is `Secure`
/// (`resilience/edge.rs` turns the mark into `X-Forwarded-Proto`). The listener knows; a
/// client-sent value is overwritten.
async fn mark_https(mut request: Request) -> Request {
    request
        .headers_mut()
        .insert("x-forwarded-proto", HeaderValue::from_static("https"));
    request.extensions_mut().insert(ServedOverHttps);
    request
}

/// `router` as served over TLS: every request marked as having come over https.
pub fn over_https(router: Router) -> Router {
    router.layer(axum::middleware::map_request(mark_https))
}

/// Serves `router` over TLS on `listener` with the default limits until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    config: Arc<ServerConfig>,
    shutdown: impl Future<Output = ()>,
) {
    server::serve(
        listener,
        over_https(router),
        Some(config),
        Limits::default(),
        shutdown,
    )
    .await;
}
