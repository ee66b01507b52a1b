//! The https listener: TLS handshake (rustls), then HTTP/1.1 with upgrades (WebSocket
//! channels become wss) through the same router as plain http.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::Router;
use rustls::ServerConfig;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// A client that opens a connection and says nothing does not hold a task for long.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Tells the handlers the request came over https, so that the URLs they hand out
/// (`privateBaseUrl`, polling URLs, …) say https. The listener knows; a client-sent value is
/// overwritten.
async fn mark_https(mut request: Request) -> Request {
    request
        .headers_mut()
        .insert("x-forwarded-proto", HeaderValue::from_static("https"));
    request
}

/// Serves `router` over TLS on `listener` until `shutdown` resolves. Connections already open
/// then end with the process.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    config: Arc<ServerConfig>,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = TlsAcceptor::from(config);
    let router = router.layer(axum::middleware::map_request(mark_https));
    tokio::pin!(shutdown);
    loop {
        let tcp = tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                Err(error) => {
                    // Out of file descriptors, typically: let some close before retrying.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let acceptor = acceptor.clone();
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let tls = match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                Ok(Ok(tls)) => tls,
                // A client that does not trust the certificate aborts the handshake.
                Ok(Err(error)) => {
                    tracing::debug!(%error, "TLS handshake failed");
                    return;
                }
                Err(_) => return,
            };
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                .with_upgrades();
            if let Err(error) = connection.await {
                tracing::debug!(%error, "https connection ended");
            }
        });
    }
}
