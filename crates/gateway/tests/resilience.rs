//! Issue 17, "Resilience and security", the gateway side: each test here failed on the
//! gateway before its fix. Bodies and sessions, sign-in throttling, timeouts and caps, the
//! scenario API's switch, per-login caps, the event channel's authorisation, stuck readers,
//! reflected headers, cookies and CSP, frame limits, shutdown and request logs.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Harness;
use gateway::resilience::throttle::LOGIN_BURST;

/// A body that sends its first bytes, then nothing: a connection of the stalled-body flood.
fn stalled_body() -> Body {
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(
        axum::body::Bytes::from_static(b"{\"deviceId\":"),
    )]);
    Body::from_stream(futures_util::StreamExt::chain(
        first,
        futures_util::stream::pending(),
    ))
}

// ---------------------------------------------------------------- defect 1: session first

#[tokio::test(start_paused = true)]
async fn a_body_without_a_live_credential_is_refused_before_it_is_read() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    for cookie in ["AlcUserId=made-up", "other=1"] {
        let request = Request::post("/api/rest/1.0/telephony/calls")
            .header(header::HOST, common::HOST)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, "4000")
            .body(stalled_body())
            .expect("request");
        let started = tokio::time::Instant::now();
        // Before: the handler waited for the body (until the 10 s body timeout) and only then
        // looked at the session. Now the headers alone are enough to refuse it.
        let refused = h.send(request).await;
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{cookie}: the body was waited for ({:?})",
            started.elapsed()
        );
        refused.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(
            refused.error_kind(),
            cti::o2g::ErrorType::InvalidSession,
            "{cookie}"
        );
    }
    // A credential that has no session yet still opens one (POST /sessions has a body).
    h.sign_in("oxe70120").await;
}

// ---------------------------------------------------------------- defect 2: sign-in limits

/// A request from `client`, as the listener would mark it.
fn from(client: [u8; 4], mut request: Request<Body>) -> Request<Body> {
    let peer = std::net::SocketAddr::from((client, 40_000));
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    request
}

fn o2g_sign_in(code: &str) -> Request<Body> {
    Request::get("/api/rest/authenticate?version=1.0")
        .header(header::HOST, common::HOST)
        .header(
            header::AUTHORIZATION,
            cti::o2g::auth::basic_authorization("oxe70120", code),
        )
        .body(Body::empty())
        .expect("request")
}

const ATTACKER: [u8; 4] = [192, 0, 2, 66];
const DESK: [u8; 4] = [192, 0, 2, 10];

#[tokio::test]
async fn ten_thousand_o2g_codes_are_throttled_and_the_agent_still_signs_in_from_the_desk() {
    let h = Harness::new();
    let (mut throttled, mut answered) = (0, 0);
    for code in 0..10_000 {
        let reply = h
            .send(from(ATTACKER, o2g_sign_in(&format!("{code:04}"))))
            .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            throttled += 1;
            if throttled == 1 {
                let retry: u64 = reply.headers[header::RETRY_AFTER]
                    .to_str()
                    .expect("text")
                    .parse()
                    .expect("seconds");
                assert!((1..=60).contains(&retry), "Retry-After {retry}");
                assert_eq!(reply.error_kind(), cti::o2g::ErrorType::NotAllowed);
            }
        } else {
            answered += 1;
        }
    }
    // Before: every code was checked, and the right one (0120) got in at try 121.
    assert!(
        answered <= LOGIN_BURST as usize,
        "{answered} codes were checked"
    );
    assert_eq!(throttled + answered, 10_000);
    // The right code from the attacker's address is throttled like any other.
    let reply = h.send(from(ATTACKER, o2g_sign_in("0120"))).await;
    reply.assert_status(StatusCode::TOO_MANY_REQUESTS);
    // The agent, from the desk, signs in.
    h.send(from(DESK, o2g_sign_in("0120")))
        .await
        .assert_status(StatusCode::OK);
}

fn xuc_sign_in(code: &str) -> Request<Body> {
    Request::post(cti::xuc::auth::LOGIN_PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(format!(
            r#"{{"login":"oxe70120","password":"{code}"}}"#
        )))
        .expect("request")
}

#[tokio::test]
async fn xuc_sign_ins_are_throttled_in_xucs_shape() {
    let h = Harness::new();
    let mut answered = 0;
    let mut last = None;
    for code in 0..2_000 {
        let reply = h
            .send(from(ATTACKER, xuc_sign_in(&format!("{code:04}"))))
            .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            last = Some(reply);
        } else {
            answered += 1;
        }
    }
    assert!(
        answered <= LOGIN_BURST as usize,
        "{answered} codes were checked"
    );
    let refused = last.expect("throttled");
    assert!(refused.headers.contains_key(header::RETRY_AFTER));
    let error: serde_json::Value = refused.json();
    assert!(
        error["error"].is_string() && error["message"].is_string(),
        "{error}"
    );
    h.send(from(DESK, xuc_sign_in("0120")))
        .await
        .assert_status(StatusCode::OK);
}

// ---------------------------------------------------------------- defect 4: timeouts, cap

mod listener {
    use std::net::SocketAddr;
    use std::time::Duration;

    use gateway::server::{serve, Limits};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    async fn start(limits: Limits) -> SocketAddr {
        let (listener, addr) = super::common::local_listener().await;
        let router = gateway::app(super::common::state());
        tokio::spawn(serve(
            listener,
            router,
            None,
            limits,
            std::future::pending::<()>(),
        ));
        addr
    }

    /// Reads until the server closes the connection; what it sent, or `None` if still open
    /// after `within`.
    async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
        let mut seen = Vec::new();
        let read = tokio::time::timeout(within, async {
            let mut buf = [0u8; 4096];
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
        })
        .await;
        read.ok().map(|()| seen)
    }

    const GET: &[u8] = b"GET /api/backends HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    #[tokio::test]
    async fn a_partial_head_and_an_idle_keep_alive_connection_are_closed() {
        let addr = start(Limits {
            head_timeout: Duration::from_millis(300),
            ..Limits::default()
        })
        .await;
        // Half a request head, then silence (before: still open after 150 s).
        let mut partial = TcpStream::connect(addr).await.expect("connect");
        partial
            .write_all(b"GET /api/backends HTTP/1.1\r\nHost: 1")
            .await
            .expect("write");
        assert!(
            closed_within(&mut partial, Duration::from_secs(3))
                .await
                .is_some(),
            "a partial head holds its connection"
        );
        // A whole request, answered, then nothing: the keep-alive connection closes.
        let mut idle = TcpStream::connect(addr).await.expect("connect");
        idle.write_all(GET).await.expect("write");
        let seen = closed_within(&mut idle, Duration::from_secs(3))
            .await
            .expect("an idle keep-alive connection stays open");
        assert!(seen.starts_with(b"HTTP/1.1 200"), "answered first");
    }

    #[tokio::test]
    async fn connections_past_the_cap_wait_for_a_free_slot() {
        let addr = start(Limits {
            head_timeout: Duration::from_secs(30),
            max_connections: 2,
            ..Limits::default()
        })
        .await;
        let first = TcpStream::connect(addr).await.expect("connect");
        let _second = TcpStream::connect(addr).await.expect("connect");
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut third = TcpStream::connect(addr).await.expect("kernel backlog");
        third.write_all(GET).await.expect("write");
        let mut buf = [0u8; 64];
        let early = tokio::time::timeout(Duration::from_millis(400), third.read(&mut buf)).await;
        assert!(early.is_err(), "served past the cap");
        drop(first);
        let n = tokio::time::timeout(Duration::from_secs(3), third.read(&mut buf))
            .await
            .expect("served once a slot is free")
            .expect("read");
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    }
}

// ---------------------------------------------------------------- defect 5: scenario API

mod scenario_api {
    use axum::body::Body;
    use axum::http::{header, Method, Request, StatusCode};
    use gateway::resilience::{Resilience, SimApiAccess};

    use super::common::{state, Harness};

    fn inject(token: Option<&str>) -> Request<Body> {
        let mut request =
            Request::post("/api/sim/calls").header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        request
            .body(Body::from(r#"{"pilot":"60141"}"#))
            .expect("request")
    }

    #[tokio::test]
    async fn off_it_is_not_served_and_with_a_token_it_asks_for_it() {
        let off = Harness::on(state().with_resilience(Resilience::with_sim_api(SimApiAccess::Off)));
        for path in ["/api/sim/agents", "/api/sim/sessions", "/api/sim/calls"] {
            let reply = off.plain(Method::GET, path, None).await;
            reply.assert_status(StatusCode::NOT_FOUND);
        }
        off.send(inject(None))
            .await
            .assert_status(StatusCode::NOT_FOUND);

        let guarded = Harness::on(state().with_resilience(Resilience::with_sim_api(
            SimApiAccess::Token("s3cret".into()),
        )));
        guarded
            .plain(Method::GET, "/api/sim/agents", None)
            .await
            .assert_status(StatusCode::FORBIDDEN);
        guarded
            .send(inject(Some("guess")))
            .await
            .assert_status(StatusCode::FORBIDDEN);
        guarded
            .send(inject(Some("s3cret")))
            .await
            .assert_status(StatusCode::CREATED);
    }

    #[tokio::test]
    async fn injected_calls_are_rate_limited() {
        let h = Harness::new();
        let mut created = 0;
        let mut throttled = None;
        // Before: 5,000 injected calls in 11 s were all accepted.
        for _ in 0..500 {
            let reply = h.send(inject(None)).await;
            match reply.status {
                StatusCode::CREATED => created += 1,
                StatusCode::TOO_MANY_REQUESTS => throttled = Some(reply),
                other => panic!("{other}: {}", reply.text()),
            }
        }
        assert!(created < 100, "{created} calls injected");
        let refused = throttled.expect("throttled");
        assert!(refused.headers.contains_key(header::RETRY_AFTER));
        assert_eq!(refused.error_kind(), cti::o2g::ErrorType::NotAllowed);
    }
}

// ---------------------------------------------------------------- defect 6: per-login caps

mod per_login {
    use axum::http::{Method, StatusCode};
    use futures_util::StreamExt;
    use gateway::resilience::sockets::SOCKETS_PER_LOGIN;
    use gateway::sessions::SESSIONS_PER_LOGIN;

    use super::common::{serve_over_tcp, Harness};

    #[tokio::test]
    async fn sessions_and_subscriptions_of_one_login_are_capped() {
        let h = Harness::new();
        // Before: every sign-in kept its session for as long as it was used.
        let mut credentials = Vec::new();
        for _ in 0..SESSIONS_PER_LOGIN + 4 {
            credentials.push(h.sign_in("oxe70120").await);
            h.advance(1_000);
        }
        let listed: Vec<serde_json::Value> =
            h.plain(Method::GET, "/api/sim/sessions", None).await.json();
        let of_alice = listed.iter().filter(|s| s["login"] == "oxe70120").count();
        assert_eq!(of_alice, SESSIONS_PER_LOGIN);
        h.call(Method::GET, "/sessions", &credentials[0], None)
            .await
            .assert_status(StatusCode::FORBIDDEN);
        let newest = credentials.last().expect("signed in");
        h.call(Method::GET, "/sessions", newest, None)
            .await
            .assert_status(StatusCode::OK);
        let body = r#"{"version":"1.0","timeout":0}"#;
        for _ in 0..40 {
            h.subscribe(newest, body)
                .await
                .assert_status(StatusCode::OK);
        }
        let cap = h.state.events.config().max_per_login;
        assert_eq!(h.state.events.metrics().subscriptions, cap);
    }

    #[tokio::test]
    async fn xuc_sockets_of_one_login_are_capped() {
        let h = Harness::new();
        let addr = serve_over_tcp(h.router.clone()).await;
        let reply = h
            .plain(
                Method::POST,
                cti::xuc::auth::LOGIN_PATH,
                Some(r#"{"login":"oxe70120","password":"0120"}"#),
            )
            .await;
        let token: serde_json::Value = reply.json();
        let url = format!(
            "ws://{addr}/xuc/api/2.0/cti?token={}",
            token["token"].as_str().expect("token")
        );
        let mut open = Vec::new();
        let mut first_frames = Vec::new();
        for _ in 0..=SOCKETS_PER_LOGIN {
            let (mut ws, _) = tokio_tungstenite::connect_async(&url)
                .await
                .expect("upgrade");
            let frame = ws.next().await.expect("a frame").expect("frame");
            first_frames.push(frame.into_text().expect("text").to_string());
            open.push(ws);
        }
        let logged_on = first_frames
            .iter()
            .filter(|f| f.contains("\"LoggedOn\""))
            .count();
        assert_eq!(logged_on, SOCKETS_PER_LOGIN, "{first_frames:?}");
        assert!(first_frames[SOCKETS_PER_LOGIN].contains("LoggedOnError"));
        assert_eq!(
            h.state.resilience.sockets.held("oxe70120"),
            SOCKETS_PER_LOGIN
        );
        // A socket closed gives its slot back.
        let mut closed = open.remove(0);
        closed.close(None).await.expect("close");
        drop(closed);
        for _ in 0..50 {
            if h.state.resilience.sockets.held("oxe70120") < SOCKETS_PER_LOGIN {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(
            h.state.resilience.sockets.held("oxe70120"),
            SOCKETS_PER_LOGIN - 1
        );
    }
}

// ---------------------------------------------------------------- defect 7: the channel

mod channel {
    use std::sync::{Arc, Mutex};

    use axum::body::Body;
    use axum::http::{header, Method, Request, StatusCode};

    use super::common::Harness;

    fn chunk(id: &str, cookie: Option<&str>) -> Request<Body> {
        let mut request = Request::get(format!("/OTEvents?subscriptionId={id}"));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::empty()).expect("request")
    }

    fn upgrade(id: &str, cookie: &str, origin: &str) -> Request<Body> {
        Request::get(format!("/OTEvents/ws?subscriptionId={id}"))
            .header(header::HOST, super::common::HOST)
            .header(header::COOKIE, cookie)
            .header(header::ORIGIN, origin)
            .header(header::CONNECTION, "upgrade")
            .header(header::UPGRADE, "websocket")
            .header(header::SEC_WEBSOCKET_VERSION, "13")
            .header(header::SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==")
            .body(Body::empty())
            .expect("request")
    }

    #[tokio::test]
    async fn a_subscription_id_alone_opens_no_channel() {
        let h = Harness::new();
        let (_, id) = h.subscribed("oxe70120").await;
        let mallory = h.sign_in("oxe70121").await;
        // Before: the id alone was enough, whoever asked.
        let anonymous = h.send(chunk(&id, None)).await;
        anonymous.assert_status(StatusCode::FORBIDDEN);
        let other = format!("AlcUserId={mallory}");
        let stolen = h.send(chunk(&id, Some(&other))).await;
        stolen.assert_status(StatusCode::NOT_FOUND);
        let owner = h.owner_cookie(&id);
        let channel = h.response(chunk(&id, Some(&owner))).await;
        assert_eq!(channel.status(), StatusCode::OK);
        drop(channel);
        let foreign = h.send(upgrade(&id, &owner, "http://evil.test:8080")).await;
        foreign.assert_status(StatusCode::FORBIDDEN);
        let not_owner = h.send(upgrade(&id, &other, "http://gw.test:8080")).await;
        not_owner.assert_status(StatusCode::NOT_FOUND);
        // On an in-process request axum cannot upgrade, but every check passed to get there.
        let own = h.send(upgrade(&id, &owner, "http://gw.test:8080")).await;
        assert_ne!(own.status, StatusCode::FORBIDDEN, "{}", own.text());
        assert_ne!(own.status, StatusCode::NOT_FOUND, "{}", own.text());
    }

    /// Everything written to the log while `f` runs, at INFO and above.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("log").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn no_secret_is_logged_at_info() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        // Global, not scoped: tracing caches a call site's interest across threads, and the
        // tests running beside this one would otherwise hide events from a scoped collector.
        // Their own logs come in too, and must be as clean.
        tracing::subscriber::set_global_default(subscriber).expect("the only collector");

        let h = Harness::new();
        let (credential, id) = h.subscribed("oxe70120").await;
        let channel = h.response(h.channel_request(Method::GET, &id)).await;
        drop(channel);
        h.call(
            Method::DELETE,
            &format!("/subscriptions/{id}"),
            &credential,
            None,
        )
        .await
        .assert_status(StatusCode::NO_CONTENT);
        let xuc = h
            .plain(
                Method::POST,
                cti::xuc::auth::LOGIN_PATH,
                Some(r#"{"login":"oxe70121","password":"0121"}"#),
            )
            .await;
        let token: serde_json::Value = xuc.json();
        let token = token["token"].as_str().expect("token").to_owned();
        // The socket's URL carries the token; its request log must not.
        h.plain(
            Method::GET,
            &format!("{}?token={token}", cti::xuc::auth::SOCKET_PATH),
            None,
        )
        .await;
        h.call(Method::DELETE, "/sessions", &credential, None).await;

        let log = String::from_utf8(captured.0.lock().expect("log").clone()).expect("text");
        assert!(log.contains("subscribed"), "the log is captured: {log}");
        // Requests are logged (TraceLayer), by their route's template.
        assert!(
            log.contains("route=/api/rest/1.0/subscriptions/{subscription_id}"),
            "{log}"
        );
        assert!(log.contains("route=/OTEvents"), "{log}");
        for (what, secret) in [
            ("credential", credential.as_str()),
            ("subscription id", id.as_str()),
            ("XuC token", token.as_str()),
        ] {
            assert!(!log.contains(secret), "the {what} is in the log:\n{log}");
        }
    }
}

// ---------------------------------------------------------------- defect 8: stuck readers

mod stuck_reader {
    use std::time::Duration;

    use axum::http::{Method, StatusCode};
    use gateway::clock::Clock;
    use gateway::events::HubConfig;
    use gateway::fronts::o2g::channel::evicted_line;
    use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
    use gateway::AppState;
    use http_body_util::BodyExt;

    use super::common::{event, Harness, KEEPALIVE, TEST_KEEPALIVE};

    #[tokio::test(start_paused = true)]
    async fn a_channel_whose_queue_stays_full_is_closed_with_a_reason() {
        let hub = HubConfig {
            queue_capacity: 4,
            stuck_after: Duration::from_secs(5),
            keepalive_idle: TEST_KEEPALIVE,
            ..HubConfig::default()
        };
        let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
        let state = AppState::with_hub(scenario, Clock::manual(), "/nonexistent".into(), hub)
            .with_simulator(0, Some(0.0), 1.0);
        let h = Harness::on(state);
        let (_, id) = h.subscribed("oxe70120").await;
        // The reader opens its channel and then reads nothing.
        let stuck = h.response(h.channel_request(Method::GET, &id)).await;
        assert_eq!(stuck.status(), StatusCode::OK);
        for seq in 0..10 {
            h.state.events.publish("oxe70120", event("oxe70120", seq));
        }
        tokio::time::advance(Duration::from_secs(6)).await;
        h.state.events.publish("oxe70120", event("oxe70120", 10));
        // Before: the channel stayed attached forever, its queue dropping event after event.
        let body = tokio::time::timeout(Duration::from_secs(5), stuck.into_body().collect())
            .await
            .expect("the evicted channel ends")
            .expect("body")
            .to_bytes();
        let text = String::from_utf8(body.to_vec()).expect("text");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.first(), Some(&KEEPALIVE));
        assert_eq!(
            lines.last().copied(),
            Some(evicted_line().as_str()),
            "{text}"
        );
        // The subscription lives on: the client reopens and reads what is queued.
        let reopened = h.response(h.channel_request(Method::GET, &id)).await;
        assert_eq!(reopened.status(), StatusCode::OK);
    }
}

// ---------------------------------------------------------------- operations: SIGTERM

mod process {
    use std::io::{BufRead, BufReader};
    use std::net::SocketAddr;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use futures_util::StreamExt;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_tungstenite::tungstenite::Message;

    async fn exchange(addr: SocketAddr, request: String) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
        String::from_utf8_lossy(&answer).into_owned()
    }

    fn soft_and_hard_open_files(pid: u32) -> (String, String) {
        let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
        let line = limits
            .lines()
            .find(|l| l.starts_with("Max open files"))
            .expect("open files line");
        let fields: Vec<&str> = line.split_whitespace().collect();
        (fields[3].to_owned(), fields[4].to_owned())
    }

    /// The gateway binary, started with a soft open-files limit of 256; on SIGTERM it tells
    /// its WebSocket clients to reconnect (1012) and exits 0 within its drain time.
    #[tokio::test]
    // Waited for with `try_wait` until it exits (a failed assertion leaves it to the harness).
    #[allow(clippy::zombie_processes)]
    async fn the_binary_raises_its_descriptor_limit_and_stops_cleanly_on_sigterm() {
        let mut child = Command::new("sh")
            .args([
                "-c",
                "ulimit -Sn 256 && exec \"$0\" \"$@\"",
                env!("CARGO_BIN_EXE_gateway"),
                "--addr",
                "127.0.0.1:0",
                "--dist",
                "/nonexistent-dist",
                "--calls-per-minute",
                "0",
            ])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the gateway starts");
        let pid = child.id();
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let addr: SocketAddr = loop {
            let line = lines.next().expect("a line").expect("text");
            if let Some(url) = line.strip_prefix("agentdesk gateway listening on http://") {
                break url.trim().parse().expect("address");
            }
        };
        std::thread::spawn(move || for _ in lines {});
        // Before: the soft limit stayed at 256, and 400 idle connections starved it.
        let (soft, hard) = soft_and_hard_open_files(pid);
        assert_eq!(soft, hard, "the soft limit is raised to the hard one");

        use base64::Engine as _;
        let basic = base64::engine::general_purpose::STANDARD.encode("oxe70120:0120");
        let auth = exchange(
            addr,
            format!(
                "GET /api/rest/authenticate?version=1.0 HTTP/1.1\r\nHost: {addr}\r\n\
                 Authorization: Basic {basic}\r\nConnection: close\r\n\r\n"
            ),
        )
        .await;
        let credential = auth
            .split("\"credential\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("credential");
        let cookie = format!("AlcUserId={credential}");
        for (path, body) in [
            ("/api/rest/1.0/sessions", r#"{"applicationName":"sigterm"}"#),
            (
                "/api/rest/1.0/subscriptions",
                r#"{"version":"1.0","timeout":0}"#,
            ),
        ] {
            let answer = exchange(
                addr,
                format!(
                    "POST {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\
                     Content-Type: application/json\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                ),
            )
            .await;
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
            if path.ends_with("subscriptions") {
                let id = answer
                    .split("\"subscriptionId\":\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .expect("id")
                    .to_owned();
                let url = format!("ws://{addr}/OTEvents/ws?subscriptionId={id}");
                let (mut ws, _) =
                    tokio_tungstenite::connect_async(super::common::ws_request(&url, &cookie))
                        .await
                        .expect("upgrade");
                let greeting = ws.next().await.expect("greeting").expect("frame");
                assert!(greeting.is_text());
                let stopped = Instant::now();
                let status = Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status()
                    .expect("kill");
                assert!(status.success());
                // Before: SIGTERM killed the process on the spot, the socket just dropped.
                let close = tokio::time::timeout(Duration::from_secs(5), async {
                    loop {
                        match ws.next().await {
                            Some(Ok(Message::Close(frame))) => break frame,
                            Some(Ok(_)) => {}
                            other => panic!("no close frame: {other:?}"),
                        }
                    }
                })
                .await
                .expect("a close frame within 5 s")
                .expect("with a code");
                assert_eq!(u16::from(close.code), 1012);
                let exit = loop {
                    if let Some(exit) = child.try_wait().expect("wait") {
                        break exit;
                    }
                    assert!(stopped.elapsed() < Duration::from_secs(15), "still running");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                };
                assert!(exit.success(), "{exit:?}");
            }
        }
    }
}

// ---------------------------------------------------------------- defects 10, 11, 12

mod edge {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use futures_util::{SinkExt, StreamExt};
    use gateway::resilience::edge::Edge;
    use gateway::resilience::Resilience;
    use tokio_tungstenite::tungstenite::Message;

    use super::common::{serve_over_tcp, state, Harness};

    fn authenticate(host: &str, forwarded: &[(&str, &str)], peer: [u8; 4]) -> Request<Body> {
        let mut request = Request::get("/api/rest/authenticate?version=1.0")
            .header(header::HOST, host)
            .header(
                header::AUTHORIZATION,
                cti::o2g::auth::basic_authorization("oxe70120", "0120"),
            );
        for (name, value) in forwarded {
            request = request.header(*name, *value);
        }
        super::from(peer, request.body(Body::empty()).expect("request"))
    }

    fn public_url(reply: &super::common::Reply) -> String {
        let body: serde_json::Value = reply.json();
        body["publicUrl"].as_str().expect("publicUrl").to_owned()
    }

    const PROXY: [u8; 4] = [10, 0, 0, 7];
    const SPOOF: [(&str, &str); 2] = [
        ("x-forwarded-proto", "https"),
        ("x-forwarded-host", "evil.test"),
    ];

    #[tokio::test]
    async fn forwarded_headers_count_only_from_a_trusted_proxy() {
        let edge = Edge::new(None, vec![PROXY.into()]).expect("edge");
        let h = Harness::on(state().with_resilience(Resilience {
            edge,
            ..Resilience::default()
        }));
        // Before: anyone's X-Forwarded-Proto went into the URLs handed out.
        let spoofed = h
            .send(authenticate("gw.test:8080", &SPOOF, [192, 0, 2, 1]))
            .await;
        spoofed.assert_status(StatusCode::OK);
        assert_eq!(
            public_url(&spoofed),
            "http://gw.test:8080/api/rest/1.0/sessions"
        );
        let cookie = spoofed.headers[header::SET_COOKIE].to_str().expect("text");
        assert!(!cookie.contains("Secure"), "{cookie}");
        let proxied = h
            .send(authenticate(
                "10.0.0.7:8080",
                &[
                    ("x-forwarded-proto", "https"),
                    ("x-forwarded-host", "cti.example.com"),
                ],
                PROXY,
            ))
            .await;
        assert_eq!(
            public_url(&proxied),
            "https://cti.example.com/api/rest/1.0/sessions"
        );
        // Served over https, the session cookie is Secure.
        let cookie = proxied.headers[header::SET_COOKIE].to_str().expect("text");
        assert!(cookie.ends_with("; Secure"), "{cookie}");
    }

    #[tokio::test]
    async fn a_public_url_replaces_whatever_host_a_request_names() {
        let edge = Edge::new(Some("https://cti.example.com"), Vec::new()).expect("edge");
        let h = Harness::on(state().with_resilience(Resilience {
            edge,
            ..Resilience::default()
        }));
        let reply = h
            .send(authenticate("evil.test", &SPOOF, [192, 0, 2, 1]))
            .await;
        assert_eq!(
            public_url(&reply),
            "https://cti.example.com/api/rest/1.0/sessions"
        );
        assert!(Edge::new(Some("cti.example.com"), Vec::new()).is_err());
        assert!(Edge::new(Some("https://cti.example.com/path"), Vec::new()).is_err());
    }

    #[tokio::test]
    async fn an_oversize_websocket_frame_is_closed_with_1009() {
        let h = Harness::new();
        let addr = serve_over_tcp(h.router.clone()).await;
        let (_, id) = h.subscribed("oxe70120").await;
        let url = format!("ws://{addr}/OTEvents/ws?subscriptionId={id}");
        let (mut ws, _) =
            tokio_tungstenite::connect_async(super::common::ws_request(&url, &h.owner_cookie(&id)))
                .await
                .expect("upgrade");
        let _greeting = ws.next().await.expect("greeting");
        // Before: the gateway dropped the TCP connection without a word.
        ws.send(Message::text("x".repeat(200 * 1024)))
            .await
            .expect("sent");
        let close = tokio::time::timeout(std::time::Duration::from_secs(3), async {
            loop {
                match ws.next().await {
                    Some(Ok(Message::Close(frame))) => break frame,
                    Some(Ok(_)) => {}
                    other => panic!("no close frame: {other:?}"),
                }
            }
        })
        .await
        .expect("closed within 3 s")
        .expect("with a code");
        assert_eq!(u16::from(close.code), 1009);
    }
}
