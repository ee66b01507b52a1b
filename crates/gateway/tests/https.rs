//! The gateway serving https itself (issue 11, point 18): a real server on port 0 with a
//! self-signed certificate, a rustls client trusting exactly that certificate, one REST call
//! and one WebSocket channel over wss carrying an event.

// Helpers outside #[test] functions may also expect: a failed step is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{event, line, Harness, KEEPALIVE};
use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use futures_util::StreamExt;
use gateway::app;
use gateway::https::{self, ServerTls};
use http_body_util::BodyExt;
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// `h`'s gateway served over https with a fresh self-signed certificate.
async fn serve_https(h: &Harness) -> (SocketAddr, ServerTls) {
    let tls = https::self_signed(&https::local_names("127.0.0.1:0".parse().expect("addr")))
        .expect("certificate");
    let (listener, addr) = common::local_listener().await;
    let router = app(h.state.clone());
    let config = tls.config.clone();
    tokio::spawn(https::serve(
        listener,
        router,
        config,
        std::future::pending(),
    ));
    (addr, tls)
}

/// A TLS client trusting only `certificate`.
fn trusting(certificate: &rustls::pki_types::CertificateDer<'static>) -> TlsConnector {
    let mut roots = RootCertStore::empty();
    roots.add(certificate.clone()).expect("trust anchor");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    TlsConnector::from(Arc::new(config))
}

/// A TLS connection to `addr` as `localhost`, trusting only `tls`'s certificate.
async fn connect(addr: SocketAddr, tls: &ServerTls) -> TlsStream<TcpStream> {
    let tcp = TcpStream::connect(addr).await.expect("tcp");
    let name = ServerName::try_from("localhost").expect("name");
    trusting(&tls.certificate)
        .connect(name, tcp)
        .await
        .expect("TLS handshake with the self-signed certificate")
}

async fn next_text(ws: &mut WebSocketStream<TlsStream<TcpStream>>) -> String {
    match tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .expect("a message in time")
    {
        Some(Ok(Message::Text(text))) => text.to_string(),
        other => panic!("expected a text message, got {other:?}"),
    }
}

#[tokio::test]
async fn rest_and_wss_work_over_the_gateways_own_tls() {
    let h = Harness::new();
    let (addr, tls) = serve_https(&h).await;

    // One REST call: authenticate; the URLs handed out say https.
    let stream = connect(addr, &tls).await;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("http/1.1 over TLS");
    tokio::spawn(connection);
    let request = Request::get("/api/rest/authenticate?version=1.0")
        .header(header::HOST, format!("localhost:{}", addr.port()))
        .header(
            header::AUTHORIZATION,
            basic_authorization("oxe70120", "0120"),
        )
        .body(Body::empty())
        .expect("request");
    let response = sender.send_request(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let auth: AuthenticationResponse = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        auth.public_url,
        format!("https://localhost:{}/api/rest/1.0/sessions", addr.port())
    );

    // One WebSocket channel over wss carrying an event.
    let (_, id) = h.subscribed("oxe70120").await;
    let stream = connect(addr, &tls).await;
    let url = format!(
        "wss://localhost:{}/OTEvents/ws?subscriptionId={id}",
        addr.port()
    );
    let request = common::ws_request(&url, &h.owner_cookie(&id));
    let (mut ws, _) = tokio_tungstenite::client_async(request, stream)
        .await
        .expect("WebSocket upgrade over TLS");
    assert_eq!(next_text(&mut ws).await, KEEPALIVE);
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    assert_eq!(next_text(&mut ws).await, line("oxe70120", 1));
}

#[tokio::test]
async fn a_client_that_does_not_trust_the_certificate_is_refused() {
    let h = Harness::new();
    let (addr, tls) = serve_https(&h).await;
    let stranger = https::self_signed(&["localhost".to_owned()]).expect("another certificate");
    let tcp = TcpStream::connect(addr).await.expect("tcp");
    let refused = trusting(&stranger.certificate)
        .connect(ServerName::try_from("localhost").expect("name"), tcp)
        .await;
    assert!(refused.is_err());
    // The server is unharmed: a trusting client still gets through.
    let _trusted = connect(addr, &tls).await;
}

#[test]
fn the_binary_announces_an_https_url_and_the_self_signed_fingerprint() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_gateway"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent-dist",
            "--manual-clock",
            "--tls-self-signed",
        ])
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the gateway starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok);
    let url_line = lines.next().expect("the URL line");
    let fingerprint_line = lines.next().expect("the fingerprint line");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        url_line.starts_with("agentdesk gateway listening on https://127.0.0.1:"),
        "{url_line}"
    );
    let fingerprint = fingerprint_line
        .strip_prefix("agentdesk TLS certificate SHA-256 ")
        .unwrap_or_else(|| panic!("{fingerprint_line}"));
    assert_eq!(fingerprint.split(':').count(), 32, "{fingerprint}");
}
