//! The notification channels: HTTP chunk (in process, reading the streamed body) and
//! WebSocket (a real server on port 0).

// Helpers outside #[test] functions may also expect: a failed step is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{event, line, Harness, KEEPALIVE};
use cti::o2g::ErrorType;
use futures_util::{SinkExt, StreamExt};
use http_body_util::BodyExt;
use tokio_tungstenite::tungstenite::Message;

/// Reads a chunked body line by line, whatever the chunk boundaries.
struct Lines {
    body: Body,
    buffer: Vec<u8>,
}

impl Lines {
    /// The next line, `None` at the end of the stream; panics after `within` of silence.
    async fn next_within(&mut self, within: Duration) -> Option<String> {
        loop {
            if let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                return Some(String::from_utf8(line[..end].to_vec()).expect("utf-8"));
            }
            let frame = tokio::time::timeout(within, self.body.frame())
                .await
                .expect("the channel said something in time");
            match frame {
                None => return None,
                Some(frame) => {
                    if let Ok(data) = frame.expect("frame").into_data() {
                        self.buffer.extend_from_slice(&data);
                    }
                }
            }
        }
    }

    async fn next(&mut self) -> Option<String> {
        self.next_within(Duration::from_secs(5)).await
    }
}

async fn open_chunk(h: &Harness, id: &str) -> Lines {
    let response = h.response(h.channel_request(Method::GET, id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).expect("type"),
        "application/json"
    );
    let mut lines = Lines {
        body: response.into_body(),
        buffer: Vec::new(),
    };
    assert_eq!(
        lines.next().await.as_deref(),
        Some(KEEPALIVE),
        "a channel opens with OnChannelInformation"
    );
    lines
}

#[tokio::test]
async fn chunk_channel_delivers_events_queued_before_it_opened_then_live_ones() {
    let h = Harness::new();
    let (_, id) = h.subscribed("oxe70120").await;
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    h.state.events.publish("oxe70121", event("oxe70121", 99));
    h.state.events.publish("oxe70120", event("oxe70120", 2));
    let mut lines = open_chunk(&h, &id).await;
    assert_eq!(lines.next().await, Some(line("oxe70120", 1)));
    assert_eq!(lines.next().await, Some(line("oxe70120", 2)));
    h.state
        .events
        .publish("oxe70120", common::user_state("oxe70120"));
    let live = lines.next().await.expect("live event");
    let value: serde_json::Value = serde_json::from_str(&live).expect("one JSON object");
    assert_eq!(value["eventName"], "OnUserStateModified");
    let metrics = h.state.events.metrics();
    assert_eq!((metrics.published, metrics.delivered), (4, 3));
}

#[tokio::test]
async fn chunk_channel_sends_the_exact_keepalive_after_idle() {
    let h = Harness::new();
    let (_, id) = h.subscribed("oxe70120").await;
    let mut lines = open_chunk(&h, &id).await;
    let started = std::time::Instant::now();
    assert_eq!(lines.next().await.as_deref(), Some(KEEPALIVE));
    assert!(started.elapsed() >= common::TEST_KEEPALIVE - Duration::from_millis(20));
    assert_eq!(lines.next().await.as_deref(), Some(KEEPALIVE));
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    assert_eq!(lines.next().await, Some(line("oxe70120", 1)));
}

#[tokio::test]
async fn deleting_the_subscription_or_closing_the_session_ends_the_stream() {
    let h = Harness::new();
    let (credential, id) = h.subscribed("oxe70120").await;
    let mut lines = open_chunk(&h, &id).await;
    let deleted = h
        .call(
            Method::DELETE,
            &format!("/api/rest/1.0/subscriptions/{id}"),
            &credential,
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(lines.next().await, None);

    let (credential, id) = h.subscribed("oxe70121").await;
    let mut lines = open_chunk(&h, &id).await;
    let cookie = h.owner_cookie(&id);
    h.call(Method::DELETE, "/api/rest/1.0/sessions", &credential, None)
        .await;
    assert_eq!(lines.next().await, None);
    let gone = h
        .send(
            Request::get(format!("/OTEvents?subscriptionId={id}"))
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.error().kind(), ErrorType::NotFound);
}

#[tokio::test]
async fn a_closed_channel_may_reopen_within_a_minute_and_gets_what_was_queued() {
    let h = Harness::new();
    let (_, id) = h.subscribed("oxe70120").await;
    let cookie = h.owner_cookie(&id);
    let lines = open_chunk(&h, &id).await;
    drop(lines);
    h.clock.advance(Duration::from_secs(59));
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    assert_eq!(h.state.events.sweep(h.clock.now()), 0);
    let mut lines = open_chunk(&h, &id).await;
    assert_eq!(lines.next().await, Some(line("oxe70120", 1)));
    drop(lines);
    // A minute and a bit without a channel: the subscription is closed (L2142, L2145).
    h.clock.advance(Duration::from_millis(60_001));
    let gone = h
        .send(
            Request::get(format!("/OTEvents?subscriptionId={id}"))
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_subscription_never_opened_is_swept_after_a_minute() {
    let h = Harness::new();
    let (_, _id) = h.subscribed("oxe70120").await;
    h.clock.advance(Duration::from_secs(60));
    assert_eq!(h.state.events.sweep(h.clock.now()), 0);
    h.clock.advance(Duration::from_secs(1));
    assert_eq!(h.state.events.sweep(h.clock.now()), 1);
    assert_eq!(h.state.events.metrics().subscriptions, 0);
}

#[tokio::test]
async fn a_timeout_subscription_is_closed_by_the_server_after_that_many_idle_minutes() {
    let h = Harness::new();
    let credential = h.sign_in("oxe70120").await;
    let subscription = h
        .subscribe(&credential, r#"{"version":"1.0","timeout":2}"#)
        .await
        .subscription();
    let id = subscription.subscription_id.expect("id");
    let mut lines = open_chunk(&h, &id).await;
    h.clock.advance(Duration::from_secs(119));
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    assert_eq!(lines.next().await, Some(line("oxe70120", 1)), "activity");
    h.clock.advance(Duration::from_secs(120));
    // Keep-alives are not activity: the stream ends at the next wake-up.
    loop {
        match lines.next().await.as_deref() {
            Some(KEEPALIVE) => continue,
            None => break,
            Some(other) => panic!("unexpected {other}"),
        }
    }
    // Closed channel, not a closed subscription: reopening within the minute works.
    let _reopened = open_chunk(&h, &id).await;
}

#[tokio::test]
async fn a_second_channel_takes_over_from_the_first() {
    let h = Harness::new();
    let (_, id) = h.subscribed("oxe70120").await;
    let mut first = open_chunk(&h, &id).await;
    let mut second = open_chunk(&h, &id).await;
    assert_eq!(first.next().await, None, "superseded");
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    assert_eq!(second.next().await, Some(line("oxe70120", 1)));
}

#[tokio::test]
async fn bad_channel_requests_are_rest_errors() {
    let h = Harness::new();
    let credential = h.sign_in("oxe70121").await;
    for (uri, status) in [
        ("/OTEvents", StatusCode::BAD_REQUEST),
        ("/OTEvents?subscriptionId=", StatusCode::BAD_REQUEST),
        ("/OTEvents?subscriptionId=nope", StatusCode::NOT_FOUND),
        ("/OTEvents/ws?subscriptionId=nope", StatusCode::NOT_FOUND),
        ("/OTEvents/ws", StatusCode::BAD_REQUEST),
    ] {
        let request = Request::get(uri)
            .header(header::COOKIE, format!("AlcUserId={credential}"))
            .body(Body::empty())
            .expect("request");
        let reply = h.send(request).await;
        assert_eq!(reply.status, status, "{uri}");
        assert!(reply.error().code.is_some());
    }
    // A known subscription but no upgrade headers: still a RestErrorInfo.
    let (_, id) = h.subscribed("oxe70120").await;
    let plain = h
        .send(
            Request::get(format!("/OTEvents/ws?subscriptionId={id}"))
                .header(header::COOKIE, h.owner_cookie(&id))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(plain.status, StatusCode::BAD_REQUEST);
    assert_eq!(plain.error().kind(), ErrorType::BadParameter);
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn next_text(ws: &mut Ws) -> Option<String> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a message in time");
        match message {
            Some(Ok(Message::Text(text))) => return Some(text.to_string()),
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => {}
        }
    }
}

/// Opens a WebSocket channel and reads its opening `OnChannelInformation`.
async fn connect_ws(url: &str, cookie: &str) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(common::ws_request(url, cookie))
        .await
        .expect("upgrade");
    assert_eq!(
        next_text(&mut ws).await.as_deref(),
        Some(KEEPALIVE),
        "greeting"
    );
    ws
}

#[tokio::test]
async fn websocket_delivers_the_same_objects_with_queueing_and_reconnection() {
    let h = Harness::new();
    let addr = common::serve_over_tcp(h.router.clone()).await;
    let (credential, id) = h.subscribed("oxe70120").await;
    h.state.events.publish("oxe70120", event("oxe70120", 1));
    let url = format!("ws://{addr}/OTEvents/ws?subscriptionId={id}");
    let mut ws = connect_ws(&url, &h.owner_cookie(&id)).await;
    assert_eq!(
        next_text(&mut ws).await,
        Some(line("oxe70120", 1)),
        "queued"
    );
    h.state.events.publish("oxe70120", event("oxe70120", 2));
    assert_eq!(next_text(&mut ws).await, Some(line("oxe70120", 2)), "live");
    assert_eq!(next_text(&mut ws).await.as_deref(), Some(KEEPALIVE));
    // Away for a while: events wait for the reconnection.
    ws.close(None).await.expect("close");
    drop(ws);
    tokio::time::sleep(Duration::from_millis(50)).await;
    h.state.events.publish("oxe70120", event("oxe70120", 3));
    h.clock.advance(Duration::from_secs(30));
    let cookie = h.owner_cookie(&id);
    let mut ws = connect_ws(&url, &cookie).await;
    assert_eq!(next_text(&mut ws).await, Some(line("oxe70120", 3)));
    // Deleting the subscription closes the socket.
    h.call(
        Method::DELETE,
        &format!("/api/rest/1.0/subscriptions/{id}"),
        &credential,
        None,
    )
    .await;
    assert_eq!(next_text(&mut ws).await, None);
    let refused = tokio_tungstenite::connect_async(common::ws_request(&url, &cookie)).await;
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
        }
        other => panic!("expected a 404 handshake, got {:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn websocket_and_chunk_channels_can_serve_many_users_at_once() {
    let h = Harness::new();
    let addr = common::serve_over_tcp(h.router.clone()).await;
    let mut sockets = Vec::new();
    for login in ["oxe70120", "oxe70121", "oxe70122", "oxe70123"] {
        let (_, id) = h.subscribed(login).await;
        let url = format!("ws://{addr}/OTEvents/ws?subscriptionId={id}");
        let ws = connect_ws(&url, &h.owner_cookie(&id)).await;
        sockets.push((login, ws));
    }
    for (seq, (login, _)) in sockets.iter().enumerate() {
        h.state.events.publish(login, event(login, seq as u64));
    }
    for (seq, (login, ws)) in sockets.iter_mut().enumerate() {
        assert_eq!(next_text(ws).await, Some(line(login, seq as u64)));
    }
    // A ping is answered and does not disturb the channel.
    let (login, ws) = &mut sockets[0];
    ws.send(Message::Ping(vec![1, 2].into()))
        .await
        .expect("ping");
    h.state.events.publish(login, event(login, 7));
    assert_eq!(next_text(ws).await, Some(line(login, 7)));
}
