//! Stable-Rust stand-in for the libFuzzer target `crates/cti/fuzz/fuzz_targets/decode_event.rs`:
//! replays the seed corpus plus a few thousand deterministic mutations of it (bit flips,
//! truncations, deletions, insertions of JSON tokens, splices) through `decode_event`.
//! Nothing may panic; whatever decodes must survive encode -> decode.
//!
//! Seed names: `golden_*` = the event vectors of `tests/golden/` (must decode), `trace_*` =
//! hand-written realistic events (must decode; `trace_unknown_*` as `Event::Unknown`), `mut_*` =
//! hand-made malformed inputs, `found_*` = inputs kept from a libFuzzer run (any outcome).

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use cti::o2g::{decode_event, encode_event, Event};

/// Mutations per run; enough to cover every seed many times while staying well under a second.
const MUTATIONS: usize = 6000;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/fuzz/corpus/decode_event", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .map(|entry| {
            let path = entry.expect("dir entry").path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read(&path).expect("corpus file"))
        })
        .collect();
    files.sort();
    files
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
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
    let mut data = seeds[rng.below(seeds.len())].1.clone();
    for _ in 0..=rng.below(3) {
        let len = data.len();
        match rng.below(5) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.truncate(rng.below(len + 1)),
            2 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(16)).min(len);
                data.drain(from..to);
            }
            3 => {
                let at = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())].1;
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
        }
    }
    data
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
    let seeds = corpus();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut violations = Vec::new();
    let mut accepted = 0;
    for _ in 0..MUTATIONS {
        let data = mutate(&mut rng, &seeds);
        match exercise(&data) {
            Ok(Some(_)) => accepted += 1,
            Ok(None) => {}
            Err(e) => violations.push(e),
        }
    }
    assert!(
        violations.is_empty(),
        "{} violation(s), first: {}",
        violations.len(),
        violations[0]
    );
    // Sanity: the mutations are not so wild that nothing ever decodes.
    assert!(
        accepted > MUTATIONS / 50,
        "only {accepted} mutated inputs decoded"
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
