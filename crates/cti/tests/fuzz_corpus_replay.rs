//! Stable-Rust stand-in for the libFuzzer targets `crates/cti/fuzz/fuzz_targets/decode_event.rs`
//! and `adapter_bytes.rs`: replays the seed corpus plus a few thousand deterministic mutations
//! of it (bit flips, truncations, deletions, insertions of JSON tokens, splices) through
//! `decode_event`, and through the O2G adapter as an event and as every snapshot's answer.
//! Nothing may panic; whatever decodes must survive encode -> decode; an event the adapter
//! cannot read is one warning and nothing else.
//!
//! Seed names: `golden_*` = the event vectors of `tests/golden/` (must decode), `trace_*` =
//! hand-written realistic events (must decode; `trace_unknown_*` as `Event::Unknown`), `mut_*` =
//! hand-made malformed inputs, `found_*` = inputs kept from a libFuzzer run (any outcome).

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::panic::{catch_unwind, AssertUnwindSafe};

#[path = "common/mutation.rs"]
mod mutation;
use mutation::Rng;

use cti::adapter::{Adapter, AdapterOutput, Answer};
use cti::machine::{Config, Machine, Warning};
use cti::model::Instant;
use cti::o2g::{decode_event, encode_event, Event, O2gAdapter, O2gConfig};

/// Mutations per run; enough to cover every seed many times while staying well under a second.
const MUTATIONS: usize = 6000;

fn corpus() -> Vec<(String, Vec<u8>)> {
    corpus_of("decode_event")
}

fn corpus_of(target: &str) -> Vec<(String, Vec<u8>)> {
    mutation::corpus_of(target)
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
    b"\"x\"",
    b"-1",
    b"1e999",
    b"\\u0000",
    b"\"eventName\":\"OnCallModified\"",
    b"{\"a\":[[[[[[",
    b"\xff",
];

fn mutate(rng: &mut Rng, seeds: &[(String, Vec<u8>)]) -> Vec<u8> {
    mutation::mutate(rng, seeds, &TOKENS, 3)
}

/// Decodes, and checks the round trip of whatever decodes. `Err` describes a violation.
fn exercise(data: &[u8]) -> Result<Option<Event>, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| decode_event(data)));
    let Ok(decoded) = outcome else {
        return Err(format!(
            "decode_event panicked on {:?}",
            String::from_utf8_lossy(data)
        ));
    };
    let Ok(event) = decoded else { return Ok(None) };
    let encoded = encode_event(&event);
    match decode_event(encoded.as_bytes()) {
        Ok(again) if matches!(event, Event::Unknown(_)) && again.name() == event.name() => {
            Ok(Some(event))
        }
        Ok(again) if again == event => Ok(Some(event)),
        Ok(again) => Err(format!(
            "round trip changed the event:\n  {event:?}\n  {again:?}"
        )),
        Err(e) => Err(format!("our own encoding {encoded} does not decode: {e}")),
    }
}

#[test]
fn every_seed_behaves_as_its_name_says() {
    let seeds = corpus();
    assert!(seeds.len() >= 30, "the seed corpus went missing");
    for (name, data) in &seeds {
        let outcome = exercise(data).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("golden_") || name.starts_with("trace_") {
            let event = outcome.unwrap_or_else(|| panic!("{name} must decode"));
            assert_eq!(
                matches!(event, Event::Unknown(_)),
                name.starts_with("trace_unknown"),
                "{name}"
            );
        }
    }
}

#[test]
fn thousands_of_mutations_never_panic() {
    mutation::replay(
        "o2g",
        &corpus(),
        MUTATIONS,
        MUTATIONS / 50,
        mutate,
        |data| exercise(data).map(|decoded| decoded.is_some()),
    );
}

#[test]
fn pathological_inputs_are_errors_not_panics() {
    let deep_array = "[".repeat(100_000);
    let deep_object = "{\"a\":".repeat(100_000);
    let long_string = format!(
        "{{\"eventName\":\"OnUserStateModified\",\"loginName\":\"{}\",\"state\":\"FREE\"}}",
        "x".repeat(1 << 20)
    );
    for input in [
        deep_array.as_str(),
        deep_object.as_str(),
        "",
        " ",
        "\u{0}",
        "{\"eventName\":\"\"}",
    ] {
        assert!(
            exercise(input.as_bytes()).is_ok(),
            "{:?}",
            &input[..input.len().min(20)]
        );
    }
    assert!(matches!(
        exercise(long_string.as_bytes()),
        Ok(Some(Event::OnUserStateModified(_)))
    ));
}

/// What `fuzz_targets/adapter_bytes.rs` does with one input: the adapter reads it as an event,
/// then as the answer to every chore of a resync. `Err` describes a violation; `Ok(true)`: the
/// event was read.
fn exercise_adapter(data: &[u8]) -> Result<bool, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let machine = Machine::new(Instant::ZERO, Config::default());
        let mut adapter = O2gAdapter::new(O2gConfig::default());
        adapter.handle_received(Instant::ZERO, machine.desk(), data);
        let outputs: Vec<AdapterOutput> = std::iter::from_fn(|| adapter.poll_output()).collect();
        let undecodable = outputs
            .iter()
            .any(|o| matches!(o, AdapterOutput::Warning(Warning::UndecodableEvent { .. })));
        adapter.resync(Instant::ZERO, machine.desk());
        let chores: Vec<_> = std::iter::from_fn(|| adapter.poll_output())
            .filter_map(|o| match o {
                AdapterOutput::Transmit(t) => Some(t.id),
                _ => None,
            })
            .collect();
        for id in chores {
            let answer = Answer::Response {
                status: 200,
                body: data,
            };
            adapter.handle_answer(Instant::ZERO, machine.desk(), id, answer);
            while adapter.poll_output().is_some() {}
        }
        (undecodable, outputs.len())
    }));
    match outcome {
        Err(_) => Err(format!(
            "the adapter panicked on {:?}",
            String::from_utf8_lossy(data)
        )),
        Ok((true, count)) if count != 1 => Err(format!(
            "an undecodable event gave {count} outputs: {:?}",
            String::from_utf8_lossy(data)
        )),
        Ok((undecodable, _)) => Ok(!undecodable),
    }
}

#[test]
fn the_adapter_reads_every_seed_and_mutation_without_panicking() {
    let events = corpus();
    let bodies = corpus_of("adapter_bytes");
    assert!(bodies.len() >= 10, "the adapter's seed corpus went missing");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut violations = Vec::new();
    let mut read = 0;
    for (name, data) in events.iter().chain(&bodies) {
        match exercise_adapter(data) {
            // The event seeds that must decode must be read: they are events, the adapter's
            // seeds are snapshot bodies (answers).
            Ok(false) if events.iter().any(|(n, _)| n == name) => assert!(
                !name.starts_with("golden_") && !name.starts_with("trace_"),
                "{name} must be read"
            ),
            Ok(_) => {}
            Err(e) => violations.push(e),
        }
    }
    let seeds: Vec<(String, Vec<u8>)> = events.into_iter().chain(bodies).collect();
    for _ in 0..MUTATIONS {
        match exercise_adapter(&mutate(&mut rng, &seeds)) {
            Ok(true) => read += 1,
            Ok(false) => {}
            Err(e) => violations.push(e),
        }
    }
    assert!(
        violations.is_empty(),
        "{} violation(s), first: {}",
        violations.len(),
        violations[0]
    );
    assert!(
        read > MUTATIONS / 50,
        "only {read} mutated events were read"
    );
    for input in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
        assert!(exercise_adapter(input.as_bytes()).is_ok());
    }
}
