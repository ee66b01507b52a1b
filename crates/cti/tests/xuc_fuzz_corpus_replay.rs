//! Stable-Rust stand-in for the libFuzzer target `crates/cti/fuzz/fuzz_targets/xuc_decode.rs`:
//! replays the seed corpus `fuzz/corpus/xuc_decode/` plus a few thousand deterministic
//! mutations of it (bit flips, truncations, deletions, insertions of JSON tokens, splices)
//! through `decode_message` and `decode_command`. Nothing may panic; whatever decodes must
//! survive encode -> decode unchanged.
//!
//! Seed names: `golden_*` = the spec's examples as frames (must decode as messages, or as a
//! command for the `variables` example), `trace_*` = hand-written frames of the wire (must
//! decode; `trace_cmd_*` as commands, `trace_*unknown*` as `Unknown`), `mut_*` = malformed.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::panic::{catch_unwind, AssertUnwindSafe};

#[path = "common/mutation.rs"]
mod mutation;
use mutation::Rng;

use cti::xuc::{
    decode_command, decode_message, encode_command, encode_message, Command, ServerMessage,
};

/// Mutations per run: every seed many times, well under a second.
const MUTATIONS: usize = 6000;

fn corpus() -> Vec<(String, Vec<u8>)> {
    mutation::corpus_of("xuc_decode")
}

const TOKENS: [&[u8]; 16] = [
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"null",
    b"true",
    b"\"19\"",
    b"-1",
    b"1e999",
    b"\\u0000",
    b"\"msgType\":\"PhoneEvent\"",
    b"\"claz\":\"web\",\"command\":\"hold\"",
    b"\xff",
];

fn mutate(rng: &mut Rng, seeds: &[(String, Vec<u8>)]) -> Vec<u8> {
    mutation::mutate(rng, seeds, &TOKENS, 3)
}

/// What decoded, if anything.
#[derive(Debug, Default)]
struct Outcome {
    message: Option<ServerMessage>,
    command: Option<Command>,
}

/// Decodes both ways, and checks the round trip of whatever decodes. `Err` describes a
/// violation.
fn exercise(data: &[u8]) -> Result<Outcome, String> {
    let shown = || String::from_utf8_lossy(data).into_owned();
    let message = catch_unwind(AssertUnwindSafe(|| decode_message(data)))
        .map_err(|_| format!("decode_message panicked on {:?}", shown()))?
        .ok();
    if let Some(message) = &message {
        let encoded = encode_message(message);
        match decode_message(encoded.as_bytes()) {
            Ok(again) if again == *message => {}
            Ok(again) => return Err(format!("round trip changed {message:?} into {again:?}")),
            Err(e) => return Err(format!("our own encoding {encoded} does not decode: {e}")),
        }
    }
    let command = catch_unwind(AssertUnwindSafe(|| decode_command(data)))
        .map_err(|_| format!("decode_command panicked on {:?}", shown()))?
        .ok();
    if let Some(command) = &command {
        let encoded = encode_command(command);
        match decode_command(encoded.as_bytes()) {
            Ok(again) if again == *command => {}
            Ok(again) => return Err(format!("round trip changed {command:?} into {again:?}")),
            Err(e) => return Err(format!("our own encoding {encoded} does not decode: {e}")),
        }
    }
    Ok(Outcome { message, command })
}

#[test]
fn every_seed_behaves_as_its_name_says() {
    let seeds = corpus();
    assert!(seeds.len() >= 50, "the seed corpus went missing");
    for (name, data) in &seeds {
        let outcome = exercise(data).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("trace_cmd_") || name == "golden_L094-097.json" {
            let command = outcome
                .command
                .unwrap_or_else(|| panic!("{name} must decode as a command"));
            assert_eq!(
                matches!(command, Command::Unknown(_)),
                name.contains("unknown"),
                "{name}"
            );
        } else if name.starts_with("golden_") || name.starts_with("trace_") {
            let message = outcome
                .message
                .unwrap_or_else(|| panic!("{name} must decode as a message"));
            assert_eq!(
                matches!(message, ServerMessage::Unknown(_)),
                name.contains("unknown"),
                "{name}"
            );
        } else {
            assert!(name.starts_with("mut_"), "unexpected seed {name}");
        }
    }
}

#[test]
fn thousands_of_mutations_never_panic() {
    mutation::replay(
        "xuc_decode",
        &corpus(),
        MUTATIONS,
        MUTATIONS / 50,
        mutate,
        |data| exercise(data).map(|outcome| outcome.message.is_some() || outcome.command.is_some()),
    );
}
