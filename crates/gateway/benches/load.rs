//! Load benchmark of event delivery: N sessions, each with a subscription and a WebSocket
//! channel, receiving events published at a controlled rate. Not a timed test: it prints.
//!
//! ```text
//! cargo bench -p gateway --bench load                      # 5000 sessions, 10 s, 20 000 ev/s
//! LOAD_SESSIONS=1000 LOAD_RATE=5000 LOAD_SECS=5 cargo bench -p gateway --bench load
//! LOAD_CHANNEL=chunk cargo bench -p gateway --bench load   # HTTP chunk channel instead
//! ```
//!
//! The gateway and its clients run in this one process on loopback (two sockets per session,
//! so the open-files soft limit is raised to the hard limit). Sessions are opened through the
//! real API (`authenticate`, `POST /sessions`, `POST /subscriptions`) in process; channels go
//! over TCP. Each event carries its publication time (`sentUs`, µs since start) and the client
//! measures delivery latency on receipt. Memory per session is the growth of this process's RSS
//! (server AND client side) from before the sessions to after they are all connected, over N.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use cti::o2g::auth::{basic_authorization, AuthenticationResponse};
use cti::o2g::event::decode_event;
use cti::o2g::subscription::Subscription;
use futures_util::StreamExt;
use gateway::clock::Clock;
use gateway::events::HubConfig;
use gateway::scenario::Scenario;
use gateway::{app, AppState};
use http_body_util::BodyExt;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tower::ServiceExt;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

async fn call(router: &axum::Router, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let body = response.into_body().collect().await.expect("body");
    (status, body.to_bytes().to_vec())
}

/// Signs user `i` in and subscribes it; returns its subscription id and session cookie.
async fn open_session(router: &axum::Router, i: usize) -> (String, String) {
    let login = format!("oxe{}", 200_000 + i);
    let password = &login[login.len() - 4..];
    let (status, body) = call(
        router,
        Request::get("/api/rest/authenticate?version=1.0")
            .header(header::HOST, "bench")
            .header(header::AUTHORIZATION, basic_authorization(&login, password))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let auth: AuthenticationResponse = serde_json::from_slice(&body).unwrap();
    let cookie = format!("AlcUserId={}", auth.credential);
    let (status, _) = call(
        router,
        Request::post("/api/rest/1.0/sessions")
            .header(header::HOST, "bench")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"applicationName":"load"}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let subscribe = format!(
        r#"{{"filter":{{"selectors":[{{"ids":["{login}"],"names":["user"]}}]}},"version":"1.0","timeout":0}}"#
    );
    let (status, body) = call(
        router,
        Request::post("/api/rest/1.0/subscriptions")
            .header(header::HOST, "bench")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(subscribe))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let subscription: Subscription = serde_json::from_slice(&body).unwrap();
    (subscription.subscription_id.expect("accepted"), cookie)
}

/// What one client saw.
#[derive(Default)]
struct Seen {
    latencies_us: Vec<u32>,
}

fn latency_of(text: &str, start: Instant) -> Option<u32> {
    // `"sentUs":<n>` is the last field of the bench event.
    let at = text.find("\"sentUs\":")? + "\"sentUs\":".len();
    let digits: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let sent: u64 = digits.parse().ok()?;
    let now = u64::try_from(start.elapsed().as_micros()).ok()?;
    u32::try_from(now.saturating_sub(sent)).ok()
}

async fn websocket_client(
    url: String,
    cookie: String,
    start: Instant,
    stop: Arc<tokio::sync::Notify>,
    connected: tokio::sync::oneshot::Sender<()>,
) -> Seen {
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0);
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
            url.as_str(),
        )
        .expect("url");
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().expect("cookie"));
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(request, Some(config), true)
        .await
        .expect("upgrade");
    let _ = connected.send(());
    let mut seen = Seen::default();
    let stopped = stop.notified();
    tokio::pin!(stopped);
    loop {
        tokio::select! {
            () = &mut stopped => break,
            message = ws.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    if let Some(latency) = latency_of(text.as_str(), start) {
                        seen.latencies_us.push(latency);
                    }
                }
                Some(Ok(_)) => {}
                _ => break,
            },
        }
    }
    seen
}

async fn chunk_client(
    addr: std::net::SocketAddr,
    id: String,
    cookie: String,
    start: Instant,
    stop: Arc<tokio::sync::Notify>,
    connected: tokio::sync::oneshot::Sender<()>,
) -> Seen {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).ok();
    let request = format!(
        "GET /OTEvents?subscriptionId={id} HTTP/1.1\r\nHost: bench\r\nCookie: {cookie}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let _ = connected.send(());
    let mut reader = BufReader::with_capacity(4 * 1024, stream);
    let mut line = String::new();
    let mut seen = Seen::default();
    let stopped = stop.notified();
    tokio::pin!(stopped);
    loop {
        line.clear();
        tokio::select! {
            () = &mut stopped => break,
            read = reader.read_line(&mut line) => match read {
                Ok(0) | Err(_) => break,
                // Chunk-size lines and headers carry no `sentUs`; event lines do.
                Ok(_) => {
                    if let Some(latency) = latency_of(&line, start) {
                        seen.latencies_us.push(latency);
                    }
                }
            },
        }
    }
    seen
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[rank.min(sorted.len() - 1)]) / 1000.0
}

fn main() {
    let sessions: usize = env_or("LOAD_SESSIONS", 5000);
    let rate: u64 = env_or("LOAD_RATE", 20_000);
    let secs: u64 = env_or("LOAD_SECS", 10);
    let channel: String = env_or("LOAD_CHANNEL", "ws".to_owned());
    let workers: usize = env_or("LOAD_THREADS", 2);
    // Two sockets per session live in this process, plus some slack.
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) if limit < (2 * sessions + 256) as u64 => {
            eprintln!("warning: open-files limit {limit} is too low for {sessions} sessions")
        }
        Ok(_) => {}
        Err(error) => eprintln!("warning: cannot raise the open-files limit: {error}"),
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(sessions, rate, secs, &channel));
}

async fn run(sessions: usize, rate: u64, secs: u64, channel: &str) {
    let state = AppState::with_hub(
        Scenario::synthetic(sessions),
        Clock::system(),
        "/nonexistent-dist".into(),
        HubConfig::default(),
    );
    let router = app(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(axum::serve(listener, router.clone()).into_future());
    println!("load: {sessions} sessions over {channel} on {addr}, {rate} events/s for {secs} s");

    let rss_before = rss_kib();
    let setup = Instant::now();
    let mut ids = Vec::with_capacity(sessions);
    for i in 0..sessions {
        ids.push(open_session(&router, i).await);
    }
    let start = Instant::now();
    let stop = Arc::new(tokio::sync::Notify::new());
    let mut clients = Vec::with_capacity(sessions);
    // Connect in waves so that the accept backlog never overflows.
    for wave in ids.chunks(256) {
        let mut waits = Vec::with_capacity(wave.len());
        for (id, cookie) in wave {
            let (connected, wait) = tokio::sync::oneshot::channel();
            let stop = Arc::clone(&stop);
            let client = if channel == "chunk" {
                tokio::spawn(chunk_client(
                    addr,
                    id.clone(),
                    cookie.clone(),
                    start,
                    stop,
                    connected,
                ))
            } else {
                let url = format!("ws://{addr}/OTEvents/ws?subscriptionId={id}");
                tokio::spawn(websocket_client(
                    url,
                    cookie.clone(),
                    start,
                    stop,
                    connected,
                ))
            };
            clients.push(client);
            waits.push(wait);
        }
        for wait in waits {
            wait.await.expect("client connected");
        }
    }
    // Let the server side of the last channels attach.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = rss_kib();
    let held = state.sessions.open_count(state.now());
    println!(
        "setup: {held} sessions and {} subscriptions held, channels open, in {:.1} s",
        state.events.metrics().subscriptions,
        setup.elapsed().as_secs_f64()
    );

    // Publish in 10 ms ticks, round-robin over the logins.
    let logins: Vec<String> = (0..sessions)
        .map(|i| format!("oxe{}", 200_000 + i))
        .collect();
    let per_tick = (rate / 100).max(1);
    let ticks = secs * 100;
    let publisher_state = state.clone();
    let publish_start = Instant::now();
    let publisher = tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_millis(10));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
        let mut next = 0usize;
        for _ in 0..ticks {
            every.tick().await;
            for _ in 0..per_tick {
                let login = &logins[next % logins.len()];
                next += 1;
                let sent = start.elapsed().as_micros();
                let json = format!(
                    r#"{{"eventName":"OnUserInfoChanged","loginName":"{login}","sentUs":{sent}}}"#
                );
                let event = decode_event(json.as_bytes()).expect("bench event");
                publisher_state.events.publish(login, event);
            }
        }
    });
    publisher.await.expect("publisher");
    let published_for = publish_start.elapsed();
    // Drain: wait until delivery stops growing.
    let mut last = 0;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let delivered = state.events.metrics().delivered;
        if delivered == last {
            break;
        }
        last = delivered;
    }
    let drained_for = publish_start.elapsed();
    stop.notify_waiters();
    let mut latencies = Vec::new();
    for client in clients {
        latencies.extend(client.await.expect("client").latencies_us);
    }
    latencies.sort_unstable();
    let metrics = state.events.metrics();
    let received = latencies.len() as f64;
    println!(
        "events: published {} delivered {} dropped {} received by clients {}",
        metrics.published,
        metrics.delivered,
        metrics.dropped,
        latencies.len()
    );
    println!(
        "throughput: {:.0} events/s delivered (received / {:.1} s of publishing+drain; publishing took {:.1} s)",
        received / drained_for.as_secs_f64(),
        drained_for.as_secs_f64(),
        published_for.as_secs_f64()
    );
    println!(
        "latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0)
    );
    let per_session = (rss_after.saturating_sub(rss_before)) as f64 / sessions.max(1) as f64;
    println!(
        "memory: RSS {rss_before} KiB -> {rss_after} KiB, {per_session:.1} KiB per session (server + in-process client)"
    );
}
