//! Stable-Rust stand-in for the libFuzzer targets `crates/cti/fuzz/fuzz_targets/stomp_decode.rs`
//! and `finesse_decode.rs`: replays their seed corpora plus thousands of deterministic
//! mutations (bit flips, truncations, deletions, delimiter insertions, splices) through the
//! same checks. Nothing may panic; what decodes and encodes must read back unchanged.
//!
//! Seed names: `golden_*` = the golden vectors (must decode), `spec_*`/`trace_*` = frames of
//! the STOMP specification and of the connector's flow (must decode), `mut_*` = malformed
//! inputs (any outcome).

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::panic::{catch_unwind, AssertUnwindSafe};

#[path = "common/mutation.rs"]
mod mutation;
use mutation::Rng;

use cti::finesse::{decode_event, encode_event, CommandMessage};
use cti::model::Instant;
use cti::stomp::{
    decode_all, encode, ClientConfig, ClientConnection, FrameDecoder, Item, Limits, ServerFrames,
};

const MUTATIONS: usize = 4000;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    mutation::corpus_of(target)
}

const TOKENS: [&[u8]; 14] = [
    b"#",
    b",",
    b":",
    b"|",
    b"\n",
    b"\r\n",
    b"\0",
    b"\\",
    b"\\c",
    b"content-length:",
    b"DialogId:",
    b"TotalNumberOfTeams:",
    b"-1",
    b"\xff",
];

fn mutate(rng: &mut Rng, seeds: &[(String, Vec<u8>)]) -> Vec<u8> {
    mutation::mutate(rng, seeds, &TOKENS, 3)
}

/// The `finesse_decode` target's checks; `Ok(true)` when something decoded.
fn finesse(data: &[u8]) -> Result<bool, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut decoded = false;
        if let Ok(event) = decode_event(data) {
            decoded = true;
            if let Ok(text) = encode_event(&event) {
                if decode_event(text.as_bytes()) != Ok(event.clone()) {
                    return Err(format!("event round trip of {text:?}"));
                }
            }
        }
        if let Ok(text) = core::str::from_utf8(data) {
            let (jms_type, body) = text.split_once('\n').unwrap_or((text, ""));
            if let Ok(command) = CommandMessage::decode(jms_type, body) {
                decoded = true;
                if let Ok((t, b)) = command.encode() {
                    if CommandMessage::decode(&t, &b) != Ok(command) {
                        return Err(format!("command round trip of {t:?} {b:?}"));
                    }
                }
            }
        }
        Ok(decoded)
    }))
    .map_err(|_| format!("panic on {:?}", String::from_utf8_lossy(data)))?
}

/// The `stomp_decode` target's checks; `Ok(frames)` decoded.
fn stomp(data: &[u8]) -> Result<usize, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let (cut, data) = match data.split_first() {
            Some((first, rest)) => (usize::from(*first).min(rest.len()), rest),
            None => (0, data),
        };
        let limits = Limits {
            max_frame_bytes: 4096,
            max_line_bytes: 512,
            max_headers: 16,
        };
        let mut decoder = FrameDecoder::new(limits);
        let mut frames = 0;
        for piece in [&data[..cut], &data[cut..]] {
            decoder.push(piece);
            while let Some(item) = decoder.next_item() {
                if let Ok(Item::Frame(frame)) = item {
                    frames += 1;
                    let again = decode_all(&encode(&frame), Limits::default());
                    if again != Ok(vec![frame.clone()]) {
                        return Err(format!("frame round trip of {frame:?}"));
                    }
                }
            }
        }
        let mut server = ServerFrames::new(limits);
        server.push(data);
        while server.next_inbound().is_some() {}
        let mut client = ClientConnection::new(Instant::ZERO, ClientConfig::default());
        client.handle_input(Instant::ZERO, data);
        while client.poll_event().is_some() {}
        Ok(frames)
    }))
    .map_err(|_| format!("panic on {:?}", String::from_utf8_lossy(data)))?
}

/// Every seed passes its target's checks; `golden_`, `spec_` and `trace_` seeds decode.
fn seeds_behave(target: &str, at_least: usize, check: fn(&[u8]) -> Result<usize, String>) {
    let seeds = corpus(target);
    assert!(seeds.len() >= at_least, "the {target} corpus went missing");
    for (name, data) in &seeds {
        let decoded = check(data).unwrap_or_else(|e| panic!("{name}: {e}"));
        if ["golden_", "spec_", "trace_"]
            .iter()
            .any(|p| name.starts_with(p))
        {
            assert!(decoded > 0, "{name} must decode");
        }
    }
}

fn finesse_count(data: &[u8]) -> Result<usize, String> {
    finesse(data).map(usize::from)
}

#[test]
fn seeds_behave_as_their_names_say() {
    seeds_behave("finesse_decode", 80, finesse_count);
    seeds_behave("stomp_decode", 10, stomp);
}

#[test]
fn thousands_of_mutations_never_panic() {
    for (target, check) in [
        (
            "finesse_decode",
            (|d: &[u8]| finesse(d).map(usize::from)) as fn(&[u8]) -> Result<usize, String>,
        ),
        ("stomp_decode", stomp),
    ] {
        let seeds = corpus(target);
        mutation::replay(target, &seeds, MUTATIONS, MUTATIONS / 20, mutate, |data| {
            check(data).map(|decoded| decoded > 0)
        });
    }
}

#[test]
fn pathological_inputs_are_errors_not_panics() {
    let many_hashes = "#".repeat(100_000);
    let long_field = format!("1001#State#READY#{}", "x".repeat(1 << 20));
    let many_entries = format!("1001#QueueList#{}", "a:1|".repeat(50_000));
    for input in [
        many_hashes.as_str(),
        long_field.as_str(),
        many_entries.as_str(),
    ] {
        finesse(input.as_bytes()).unwrap();
    }
    let deep_headers = format!("SEND\n{}\n\0", "a:b\n".repeat(10_000));
    assert_eq!(stomp(deep_headers.as_bytes()), Ok(0));
    let endless = vec![b'A'; 1 << 20];
    assert_eq!(stomp(&endless), Ok(0));
    let beats = vec![b'\n'; 1 << 16];
    assert_eq!(stomp(&beats), Ok(0));
}
