//! The listener (issue 17, defect 4 and operations): accepts at most `max_connections` at a
//! time, gives each connection `head_timeout` to deliver a complete request head (when it
//! opens and again after each response, so an idle keep-alive connection closes then too),
//! tells every handler the client's address (`ConnectInfo`), and on shutdown stops
//! accepting, asks open connections to finish, and returns within `drain_timeout`.
//! Plain http and https (a rustls acceptor) share it; WebSocket upgrades leave it.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use rustls::ServerConfig;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// A client that opens a TLS connection and says nothing does not hold a task for long.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The listener's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time a connection has to deliver a whole request head, from its opening or from its
    /// previous response: partial heads and idle keep-alive connections are closed after it.
    pub head_timeout: Duration,
    /// Connections served at once; the next ones wait in the kernel's backlog.
    pub max_connections: usize,
    /// On shutdown, time given to open requests before the listener returns anyway.
    pub drain_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            head_timeout: Duration::from_secs(10),
            max_connections: 8192,
            drain_timeout: Duration::from_secs(10),
        }
    }
}

/// Serves `router` on `listener` (over TLS with `tls`) until `shutdown` resolves, then drains.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<Arc<ServerConfig>>,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = tls.map(TlsAcceptor::from);
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // Connections watch this to start their graceful shutdown; the listener waits until every
    // clone of `drained` is gone.
    let (stopping, stop_seen) = watch::channel(false);
    let (drained, mut all_drained) = tokio::sync::mpsc::channel::<()>(1);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let (tcp, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, typically: let some close before retrying.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let connection = Connection {
            router: router.clone(),
            peer,
            head_timeout: limits.head_timeout,
            stop: stop_seen.clone(),
        };
        let acceptor = acceptor.clone();
        let drained = drained.clone();
        tokio::spawn(async move {
            match acceptor {
                None => connection.serve(tcp).await,
                Some(acceptor) => {
                    if let Some(tls) = handshake(&acceptor, tcp).await {
                        connection.serve(tls).await;
                    }
                }
            }
            drop((slot, drained));
        });
    }
    drop(listener);
    let _ = stopping.send(true);
    drop(drained);
    // Every connection gone, or the drain time over: the process may exit.
    let _ = tokio::time::timeout(limits.drain_timeout, all_drained.recv()).await;
}

async fn handshake(
    acceptor: &TlsAcceptor,
    tcp: TcpStream,
) -> Option<tokio_rustls::server::TlsStream<TcpStream>> {
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
        Ok(Ok(tls)) => Some(tls),
        // A client that does not trust the certificate aborts the handshake.
        Ok(Err(error)) => {
            tracing::debug!(%error, "TLS handshake failed");
            None
        }
        Err(_) => None,
    }
}

/// One accepted connection.
struct Connection {
    router: Router,
    peer: SocketAddr,
    head_timeout: Duration,
    stop: watch::Receiver<bool>,
}

impl Connection {
    async fn serve<IO>(mut self, io: IO)
    where
        IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let (router, peer) = (self.router, self.peer);
        let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(self.head_timeout);
        let connection = builder
            .serve_connection(TokioIo::new(io), service)
            .with_upgrades();
        tokio::pin!(connection);
        let stopped = async {
            while !*self.stop.borrow_and_update() {
                if self.stop.changed().await.is_err() {
                    break;
                }
            }
        };
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended");
                }
                return;
            }
            () = stopped => {}
        }
        // Shutting down: finish the request in flight, take no other.
        connection.as_mut().graceful_shutdown();
        if let Err(error) = connection.await {
            tracing::debug!(%error, "connection ended while draining");
        }
    }
}
