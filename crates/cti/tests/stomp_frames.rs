//! STOMP 1.2 frame vectors: the STOMP 1.2 specification's own examples
//! (<https://stomp.github.io/stomp-specification-1.2.html>), header escaping, `content-length`
//! bodies holding NUL, heart-beat EOLs, split and batched input; the rejections; the client
//! connection (CONNECT, heart-beats, receipts, ERROR, DISCONNECT) and the server-side check.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use core::time::Duration;

use cti::model::Instant;
use cti::stomp::{
    decode_all, encode, error_frame, negotiate_version, validate_client_frame, ClientConfig,
    ClientConnection, ClientEvent, ClientState, Command, Frame, FrameDecoder, FrameProblem,
    HeartBeat, Inbound, Item, Limits, ServerFrames, StompError,
};

fn frame(command: Command, headers: &[(&str, &str)], body: &[u8]) -> Frame {
    let mut frame = Frame::new(command).body(body.to_vec());
    for (name, value) in headers {
        frame = frame.header(*name, *value);
    }
    frame
}

/// The specification's examples, with `^@` written as NUL: the wire text and the frame.
fn spec_examples() -> Vec<(&'static str, Vec<u8>, Frame)> {
    vec![
        (
            "CONNECT (Connecting)",
            b"CONNECT\naccept-version:1.2\nhost:stomp.github.org\n\n\0".to_vec(),
            frame(
                Command::Connect,
                &[("accept-version", "1.2"), ("host", "stomp.github.org")],
                b"",
            ),
        ),
        (
            "CONNECTED (Connecting)",
            b"CONNECTED\nversion:1.2\n\n\0".to_vec(),
            frame(Command::Connected, &[("version", "1.2")], b""),
        ),
        (
            "CONNECT with heart-beat (Heart-beating)",
            b"CONNECT\naccept-version:1.2\nhost:stomp.github.org\nheart-beat:4000,5000\n\n\0"
                .to_vec(),
            frame(
                Command::Connect,
                &[
                    ("accept-version", "1.2"),
                    ("host", "stomp.github.org"),
                    ("heart-beat", "4000,5000"),
                ],
                b"",
            ),
        ),
        (
            "SEND (SEND)",
            b"SEND\ndestination:/queue/a\ncontent-type:text/plain\n\nhello queue a\n\0".to_vec(),
            frame(
                Command::Send,
                &[("destination", "/queue/a"), ("content-type", "text/plain")],
                b"hello queue a\n",
            ),
        ),
        (
            "SUBSCRIBE (SUBSCRIBE)",
            b"SUBSCRIBE\nid:0\ndestination:/queue/foo\nack:client\n\n\0".to_vec(),
            frame(
                Command::Subscribe,
                &[("id", "0"), ("destination", "/queue/foo"), ("ack", "client")],
                b"",
            ),
        ),
        (
            "UNSUBSCRIBE (UNSUBSCRIBE)",
            b"UNSUBSCRIBE\nid:0\n\n\0".to_vec(),
            frame(Command::Unsubscribe, &[("id", "0")], b""),
        ),
        (
            "ACK (ACK)",
            b"ACK\nid:12345\ntransaction:tx1\n\n\0".to_vec(),
            frame(Command::Ack, &[("id", "12345"), ("transaction", "tx1")], b""),
        ),
        (
            "NACK (NACK)",
            b"NACK\nid:12345\ntransaction:tx1\n\n\0".to_vec(),
            frame(Command::Nack, &[("id", "12345"), ("transaction", "tx1")], b""),
        ),
        (
            "BEGIN (BEGIN)",
            b"BEGIN\ntransaction:tx1\n\n\0".to_vec(),
            frame(Command::Begin, &[("transaction", "tx1")], b""),
        ),
        (
            "COMMIT (COMMIT)",
            b"COMMIT\ntransaction:tx1\n\n\0".to_vec(),
            frame(Command::Commit, &[("transaction", "tx1")], b""),
        ),
        (
            "ABORT (ABORT)",
            b"ABORT\ntransaction:tx1\n\n\0".to_vec(),
            frame(Command::Abort, &[("transaction", "tx1")], b""),
        ),
        (
            "DISCONNECT (Graceful Disconnect)",
            b"DISCONNECT\nreceipt:77\n\n\0".to_vec(),
            frame(Command::Disconnect, &[("receipt", "77")], b""),
        ),
        (
            "RECEIPT (Graceful Disconnect)",
            b"RECEIPT\nreceipt-id:77\n\n\0".to_vec(),
            frame(Command::Receipt, &[("receipt-id", "77")], b""),
        ),
        (
            "MESSAGE (MESSAGE)",
            b"MESSAGE\nsubscription:0\nmessage-id:007\ndestination:/queue/a\ncontent-type:text/plain\n\nhello queue a\0".to_vec(),
            frame(
                Command::Message,
                &[
                    ("subscription", "0"),
                    ("message-id", "007"),
                    ("destination", "/queue/a"),
                    ("content-type", "text/plain"),
                ],
                b"hello queue a",
            ),
        ),
    ]
}

/// The ERROR example of the specification; its `content-length:170` does not count its own
/// body (which is 171 bytes), so the vector is repaired to the body's real length.
fn spec_error_example() -> (Vec<u8>, Frame) {
    let body = "The message:\n-----\nMESSAGE\ndestined:/queue/a\nreceipt:message-12345\n\nHello queue a!\n-----\nDid not contain a destination header, which is REQUIRED\nfor message propagation.\n";
    let wire = format!(
        "ERROR\nreceipt-id:message-12345\ncontent-type:text/plain\ncontent-length:{}\nmessage:malformed frame received\n\n{body}\0",
        body.len()
    );
    let frame = frame(
        Command::Error,
        &[
            ("receipt-id", "message-12345"),
            ("content-type", "text/plain"),
            ("content-length", &body.len().to_string()),
            ("message", "malformed frame received"),
        ],
        body.as_bytes(),
    );
    (wire.into_bytes(), frame)
}

#[test]
fn the_specifications_examples_decode_and_encode_to_themselves() {
    let mut examples = spec_examples();
    let (wire, expected) = spec_error_example();
    examples.push(("ERROR (ERROR)", wire, expected));
    for (name, wire, expected) in examples {
        let frames = decode_all(&wire, Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(frames, vec![expected.clone()], "{name}");
        assert_eq!(encode(&expected), wire, "{name}: encoding");
    }
}

#[test]
fn header_values_are_escaped_except_in_connect_and_connected() {
    let send = frame(
        Command::Send,
        &[("destination", "/queue/a"), ("x-note", "a:b\\c\r\nd")],
        b"",
    );
    let wire = encode(&send);
    assert_eq!(
        wire,
        b"SEND\ndestination:/queue/a\nx-note:a\\cb\\\\c\\r\\nd\n\n\0".to_vec()
    );
    assert_eq!(decode_all(&wire, Limits::default()).unwrap(), vec![send]);
    // CONNECT and CONNECTED are not unescaped: a backslash is a backslash there.
    let connect = b"CONNECT\naccept-version:1.2\nlogin:dom\\ain\npasscode:a:b\n\n\0";
    let decoded = decode_all(connect, Limits::default()).unwrap();
    assert_eq!(decoded[0].get("login"), Some("dom\\ain"));
    assert_eq!(decoded[0].get("passcode"), Some("a:b"));
    assert_eq!(encode(&decoded[0]), connect.to_vec());
    // The first of repeated headers counts.
    let repeated = decode_all(b"MESSAGE\nfoo:World\nfoo:Hello\n\n\0", Limits::default()).unwrap();
    assert_eq!(repeated[0].get("foo"), Some("World"));
}

#[test]
fn an_undefined_escape_is_fatal() {
    for wire in [
        &b"SEND\ndestination:/q\\t\n\n\0"[..],
        b"SEND\ndestination:/q\\\n\n\0",
    ] {
        assert!(matches!(
            decode_all(wire, Limits::default()),
            Err(StompError::InvalidEscape(_))
        ));
    }
}

#[test]
fn content_length_carries_a_body_holding_nul() {
    let body = b"a\0b\0\0c".to_vec();
    let send = frame(Command::Send, &[("destination", "/queue/a")], &body);
    let wire = encode(&send);
    assert!(wire.starts_with(b"SEND\ndestination:/queue/a\ncontent-length:6\n\n"));
    let decoded = decode_all(&wire, Limits::default()).unwrap();
    assert_eq!(decoded[0].body, body);
    // A text body gets no content-length (ActiveMQ would make it a bytes message).
    let text = encode(&frame(Command::Send, &[("destination", "/q")], b"hi"));
    assert_eq!(text, b"SEND\ndestination:/q\n\nhi\0".to_vec());
    // A stated content-length is corrected to the body's.
    let stated = encode(&frame(
        Command::Send,
        &[("destination", "/q"), ("content-length", "99")],
        b"hi",
    ));
    assert_eq!(
        stated,
        b"SEND\ndestination:/q\ncontent-length:2\n\nhi\0".to_vec()
    );
}

#[test]
fn heart_beats_and_crlf_between_frames() {
    let wire = b"\n\r\nRECEIPT\r\nreceipt-id:1\r\n\r\n\0\n\nRECEIPT\nreceipt-id:2\n\n\0\r\n";
    let mut decoder = FrameDecoder::default();
    decoder.push(wire);
    let items: Vec<Item> = std::iter::from_fn(|| decoder.next_item())
        .map(Result::unwrap)
        .collect();
    let beats = items.iter().filter(|i| **i == Item::HeartBeat).count();
    assert_eq!(beats, 5);
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|i| match i {
            Item::Frame(f) => f.get("receipt-id"),
            Item::HeartBeat => None,
        })
        .collect();
    assert_eq!(ids, ["1", "2"]);
}

#[test]
fn input_split_anywhere_or_batched_gives_the_same_frames() {
    let mut wire = Vec::new();
    let mut expected = Vec::new();
    for (_, bytes, frame) in spec_examples() {
        wire.extend_from_slice(&bytes);
        wire.push(b'\n');
        expected.push(frame);
    }
    let binary = frame(
        Command::Message,
        &[("destination", "/t"), ("content-length", "3")],
        b"x\0y",
    );
    wire.extend_from_slice(&encode(&binary));
    expected.push(binary);
    // Batched: one push.
    assert_eq!(decode_all(&wire, Limits::default()).unwrap(), expected);
    // Split at every chunk size from 1 to 17 bytes.
    for chunk in 1..=17 {
        let mut decoder = FrameDecoder::default();
        let mut frames = Vec::new();
        for piece in wire.chunks(chunk) {
            decoder.push(piece);
            while let Some(item) = decoder.next_item() {
                if let Item::Frame(frame) = item.unwrap() {
                    frames.push(frame);
                }
            }
        }
        assert_eq!(frames, expected, "chunks of {chunk}");
        assert!(!decoder.has_partial_frame());
    }
}

#[test]
fn bad_frames_are_clear_errors() {
    let limits = Limits {
        max_frame_bytes: 256,
        max_line_bytes: 64,
        max_headers: 4,
    };
    type Check = fn(&StompError) -> bool;
    let cases: Vec<(&[u8], Check)> = vec![
        (b"HELLO\n\n\0", |e| {
            matches!(e, StompError::UnknownCommand(_))
        }),
        (b"send\n\n\0", |e| {
            matches!(e, StompError::UnknownCommand(_))
        }),
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", |e| {
            matches!(e, StompError::UnknownCommand(_))
        }),
        (b"SEND\ndestination\n\n\0", |e| {
            matches!(e, StompError::HeaderWithoutColon(_))
        }),
        (b"SEND\n:x\n\n\0", |e| {
            matches!(e, StompError::EmptyHeaderName(_))
        }),
        (b"SEND\ncontent-length:abc\n\n\0", |e| {
            matches!(e, StompError::InvalidContentLength(_))
        }),
        (b"SEND\ncontent-length:-1\n\n\0", |e| {
            matches!(e, StompError::InvalidContentLength(_))
        }),
        (b"SEND\ncontent-length:2\n\nabc\0", |e| {
            matches!(e, StompError::MissingNul(2))
        }),
        (b"SEND\ncontent-length:99999999999999999999999\n\n\0", |e| {
            matches!(e, StompError::FrameTooLarge(_))
        }),
        (b"SEND\na:1\nb:2\nc:3\nd:4\ne:5\n\n\0", |e| {
            matches!(e, StompError::TooManyHeaders(4))
        }),
        (b"\rSEND\n\n\0", |e| {
            matches!(e, StompError::StrayCarriageReturn)
        }),
        (b"SEND\n\xff:x\n\n\0", |e| {
            matches!(e, StompError::NotUtf8(_))
        }),
        (b"SEND\ndestination:/q\n\nno NUL at the end", |e| {
            matches!(e, StompError::Truncated)
        }),
    ];
    for (wire, check) in cases {
        let error = decode_all(wire, limits).expect_err(&String::from_utf8_lossy(wire));
        assert!(
            check(&error),
            "{:?}: {error}",
            String::from_utf8_lossy(wire)
        );
    }
    let long_line = [b"SEND\nx:".to_vec(), vec![b'a'; 100], b"\n\n\0".to_vec()].concat();
    assert!(matches!(
        decode_all(&long_line, limits),
        Err(StompError::LineTooLong(64))
    ));
    let big_body = [b"SEND\n\n".to_vec(), vec![b'a'; 300], b"\0".to_vec()].concat();
    assert!(matches!(
        decode_all(&big_body, limits),
        Err(StompError::FrameTooLarge(256))
    ));
}

#[test]
fn an_endless_frame_is_refused_before_memory_grows() {
    let limits = Limits {
        max_frame_bytes: 4096,
        ..Limits::default()
    };
    let mut decoder = FrameDecoder::new(limits);
    decoder.push(b"SEND\ndestination:/q\n\n");
    let mut refused = false;
    for _ in 0..100 {
        decoder.push(&[b'x'; 100]);
        if let Some(Err(StompError::FrameTooLarge(_))) = decoder.next_item() {
            refused = true;
            break;
        }
    }
    assert!(refused);
    assert!(decoder.is_failed());
    decoder.push(b"RECEIPT\n\n\0");
    assert_eq!(decoder.next_item(), None, "nothing after an error");
}

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn drain(client: &mut ClientConnection) -> Vec<Vec<u8>> {
    std::iter::from_fn(|| client.poll_transmit()).collect()
}

fn events(client: &mut ClientConnection) -> Vec<ClientEvent> {
    std::iter::from_fn(|| client.poll_event()).collect()
}

fn decode_one(bytes: &[u8]) -> Frame {
    decode_all(bytes, Limits::default()).unwrap().remove(0)
}

#[test]
fn the_client_connects_first_and_holds_frames_until_connected() {
    let config = ClientConfig {
        login: Some("guest".into()),
        passcode: Some("guest".into()),
        ..ClientConfig::default()
    };
    let mut client = ClientConnection::new(t(0), config);
    let sub = client.subscribe(t(0), "/topic/connector.event.1001");
    let receipt = client
        .send(
            t(0),
            "/queue/connector.command",
            &[("type", "GetState#1001")],
            "",
            true,
        )
        .unwrap();
    let sent = drain(&mut client);
    assert_eq!(sent.len(), 1, "only CONNECT before CONNECTED");
    let connect = decode_one(&sent[0]);
    assert_eq!(connect.command, Command::Connect);
    assert_eq!(connect.get("accept-version"), Some("1.2"));
    assert_eq!(connect.get("host"), Some("/"));
    assert_eq!(connect.get("login"), Some("guest"));
    assert_eq!(connect.get("heart-beat"), Some("10000,10000"));

    client.handle_input(
        t(5),
        b"CONNECTED\nversion:1.2\nsession:s1\nheart-beat:5000,20000\n\n\0",
    );
    assert_eq!(client.state(), ClientState::Connected);
    let connected = events(&mut client);
    assert!(matches!(&connected[0], ClientEvent::Connected { version, .. } if version == "1.2"));
    let sent: Vec<Frame> = drain(&mut client).iter().map(|b| decode_one(b)).collect();
    assert_eq!(sent[0].command, Command::Subscribe);
    assert_eq!(sent[0].get("id"), Some(sub.0.as_str()));
    assert_eq!(
        sent[0].get("destination"),
        Some("/topic/connector.event.1001")
    );
    assert_eq!(sent[1].command, Command::Send);
    assert_eq!(sent[1].get("type"), Some("GetState#1001"));
    assert_eq!(sent[1].get("receipt"), Some(receipt.0.as_str()));

    // Heart-beats: we send every max(10 s, 20 s) = 20 s; the server every max(5 s, 10 s).
    assert_eq!(client.heart_beat().send, Some(Duration::from_secs(20)));
    assert_eq!(client.heart_beat().receive, Some(Duration::from_secs(10)));
    client.handle_input(t(15_000), b"\n");
    client.handle_timeout(t(20_005));
    assert_eq!(drain(&mut client), vec![b"\n".to_vec()]);

    // A receipt is matched once; an unknown one is ignored.
    let ack = format!("RECEIPT\nreceipt-id:{}\n\n\0", receipt.0);
    client.handle_input(t(21_000), ack.as_bytes());
    client.handle_input(t(21_000), b"RECEIPT\nreceipt-id:nope\n\n\0");
    assert_eq!(events(&mut client), vec![ClientEvent::Receipt(receipt)]);

    // Silence: two intervals (20 s) after the last byte, the server counts as gone.
    assert_eq!(client.poll_timeout(), Some(t(40_005).min(t(41_000))));
    client.handle_timeout(t(41_000));
    assert_eq!(events(&mut client), vec![ClientEvent::ServerSilent]);
    assert_eq!(client.state(), ClientState::Closed);
    assert_eq!(client.poll_timeout(), None);
}

#[test]
fn an_error_frame_closes_the_connection_and_names_its_receipt() {
    let mut client = ClientConnection::new(t(0), ClientConfig::default());
    client.handle_input(t(1), b"CONNECTED\nversion:1.2\n\n\0");
    let receipt = client.send(t(1), "/queue/x", &[], "body", true).unwrap();
    drain(&mut client);
    let error = format!(
        "ERROR\nmessage:no such queue\nreceipt-id:{}\n\nthe queue /queue/x does not exist\0",
        receipt.0
    );
    client.handle_input(t(2), error.as_bytes());
    let got = events(&mut client);
    assert!(
        matches!(&got[1], ClientEvent::Error { message, receipt: Some(r), detail }
        if message == "no such queue" && *r == receipt && detail.contains("does not exist"))
    );
    assert_eq!(client.state(), ClientState::Closed);
    assert_eq!(client.send(t(3), "/queue/x", &[], "", true), None);
}

#[test]
fn garbage_from_the_server_is_a_protocol_error() {
    let mut client = ClientConnection::new(t(0), ClientConfig::default());
    client.handle_input(t(1), b"HTTP/1.1 400 Bad Request\r\n\r\n");
    assert!(matches!(
        events(&mut client).as_slice(),
        [ClientEvent::ProtocolError(StompError::UnknownCommand(_))]
    ));
    assert_eq!(client.state(), ClientState::Closed);
    // No CONNECTED in time.
    let mut late = ClientConnection::new(t(0), ClientConfig::default());
    assert_eq!(late.poll_timeout(), Some(t(10_000)));
    late.handle_timeout(t(10_000));
    assert_eq!(events(&mut late), vec![ClientEvent::ServerSilent]);
}

#[test]
fn disconnect_waits_for_its_receipt() {
    let mut client = ClientConnection::new(t(0), ClientConfig::default());
    client.handle_input(t(1), b"CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
    assert_eq!(client.poll_timeout(), None, "no heart-beats agreed");
    drain(&mut client);
    let receipt = client.disconnect(t(2)).unwrap();
    let sent = drain(&mut client);
    let frame = decode_one(&sent[0]);
    assert_eq!(frame.command, Command::Disconnect);
    assert_eq!(frame.get("receipt"), Some(receipt.0.as_str()));
    assert_eq!(client.state(), ClientState::Disconnecting);
    let answer = format!("RECEIPT\nreceipt-id:{}\n\n\0", receipt.0);
    client.handle_input(t(3), answer.as_bytes());
    assert!(events(&mut client).contains(&ClientEvent::Disconnected));
    assert_eq!(client.state(), ClientState::Closed);
}

#[test]
fn the_server_side_rejects_what_is_not_a_client_frame_then_closes() {
    let mut server = ServerFrames::default();
    server.push(b"CONNECT\naccept-version:1.1,1.2\nhost:/\n\n\0\nSEND\ndestination:/queue/connector.command\ntype:GetState#1001\n\n\0");
    assert!(
        matches!(server.next_inbound(), Some(Inbound::Frame(f)) if f.command == Command::Connect)
    );
    assert_eq!(server.next_inbound(), Some(Inbound::HeartBeat));
    assert!(
        matches!(server.next_inbound(), Some(Inbound::Frame(f)) if f.get("type") == Some("GetState#1001"))
    );
    assert_eq!(server.next_inbound(), None);

    server.push(b"hello, this is not STOMP\n\n\0");
    match server.next_inbound() {
        Some(Inbound::Reject { error, bytes }) => {
            assert_eq!(error.command, Command::Error);
            assert_eq!(error.get("message"), Some("malformed frame"));
            assert!(error.body_text().unwrap().contains("unknown STOMP command"));
            assert_eq!(decode_one(&bytes), error);
        }
        other => panic!("{other:?}"),
    }
    assert!(server.is_closed());
    server.push(b"SEND\ndestination:/q\n\n\0");
    assert_eq!(server.next_inbound(), None);

    // A well-formed frame that a client may not send, with the receipt it asked for.
    let mut server = ServerFrames::default();
    server.push(b"SUBSCRIBE\ndestination:/topic/x\nreceipt:r9\n\n\0");
    match server.next_inbound() {
        Some(Inbound::Reject { error, .. }) => {
            assert_eq!(error.get("receipt-id"), Some("r9"));
            assert!(error.body_text().unwrap().contains("id header"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn client_frame_validation() {
    let ok = |f: Frame| validate_client_frame(&f);
    assert_eq!(
        ok(frame(Command::Message, &[], b"")),
        Err(FrameProblem::NotAClientFrame(Command::Message))
    );
    assert_eq!(
        ok(frame(Command::Send, &[], b"")),
        Err(FrameProblem::MissingHeader {
            command: Command::Send,
            header: "destination"
        })
    );
    assert_eq!(
        ok(frame(Command::Connect, &[("accept-version", "1.0")], b"")),
        Err(FrameProblem::UnsupportedVersion("1.0".into()))
    );
    assert_eq!(
        ok(frame(Command::Unsubscribe, &[("id", "1")], b"x")),
        Err(FrameProblem::UnexpectedBody(Command::Unsubscribe))
    );
    assert_eq!(
        ok(frame(Command::Stomp, &[("accept-version", "1.2")], b"")),
        Ok(())
    );
    assert_eq!(negotiate_version(Some("1.0,1.1")), Some("1.1"));
    assert_eq!(negotiate_version(Some("1.1, 1.2")), Some("1.2"));
    assert_eq!(negotiate_version(None), None);
    let error = error_frame("bad", Some("7"), "detail");
    assert_eq!(
        encode(&error),
        b"ERROR\nmessage:bad\nreceipt-id:7\ncontent-type:text/plain\n\ndetail\0".to_vec()
    );
    assert_eq!(HeartBeat::parse("0,0"), Some(HeartBeat::NONE));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..16)) {
            let mut decoder = FrameDecoder::new(Limits { max_frame_bytes: 512, max_line_bytes: 128, max_headers: 8 });
            for chunk in &chunks {
                decoder.push(chunk);
                while let Some(item) = decoder.next_item() {
                    if let Ok(Item::Frame(frame)) = item {
                        // What decodes re-encodes to something that decodes the same.
                        let again = decode_all(&encode(&frame), Limits::default());
                        prop_assert_eq!(again, Ok(vec![frame]));
                    }
                }
            }
            let mut server = ServerFrames::default();
            let mut client = ClientConnection::new(Instant::ZERO, ClientConfig::default());
            for chunk in &chunks {
                server.push(chunk);
                while server.next_inbound().is_some() {}
                client.handle_input(Instant::ZERO, chunk);
                while client.poll_event().is_some() {}
            }
        }

        #[test]
        fn frames_survive_encode_and_any_split(
            name in "[a-z-]{1,12}",
            value in "\\PC{0,20}",
            body in proptest::collection::vec(any::<u8>(), 0..40),
            cut in 0usize..200,
        ) {
            let mut frame = Frame::new(Command::Message).header(name, value).body(body);
            let wire = encode(&frame);
            if frame.body.contains(&0) {
                let length = frame.body.len().to_string();
                frame = frame.header("content-length", length);
            }
            let cut = cut.min(wire.len());
            let mut decoder = FrameDecoder::default();
            decoder.push(&wire[..cut]);
            let mut got = Vec::new();
            while let Some(item) = decoder.next_item() { got.push(item); }
            decoder.push(&wire[cut..]);
            while let Some(item) = decoder.next_item() { got.push(item); }
            prop_assert_eq!(got, vec![Ok(Item::Frame(frame))]);
        }
    }
}
