//! Stable-Rust stand-in for the libFuzzer targets `crates/cti/fuzz/fuzz_targets/vonage_decode.rs`
//! and `openmethods_decode.rs`: replays their seed corpora plus thousands of deterministic
//! mutations (`common/mutation.rs`) through the same checks. Nothing may panic; what decodes
//! must encode and read back unchanged.
//!
//! Seed names: `golden_*` = the golden vectors, `spec_*` = other messages the specs allow
//! (both must decode), `mut_*` = malformed inputs (any outcome).

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::panic::{catch_unwind, AssertUnwindSafe};

#[path = "common/mutation.rs"]
mod mutation;
use mutation::Rng;

use cti::{openmethods, vonage};

const MUTATIONS: usize = 4000;

const TOKENS: [&[u8]; 16] = [
    b"null",
    b"null\"",
    b"\"",
    b",",
    b":",
    b"{",
    b"}",
    b"[",
    b"]",
    b"-1",
    b"\"Ringing\"",
    b"\"Presence\"",
    b"\"ACW\"",
    b"\"report.teamstatus.teamadded\"",
    b"\"2019-02-30T25:61:61.999Z\"",
    b"\\u0000",
];

fn mutate(rng: &mut Rng, seeds: &[(String, Vec<u8>)]) -> Vec<u8> {
    mutation::mutate(rng, seeds, &TOKENS, 3)
}

fn guarded(data: &[u8], check: impl FnOnce() -> Result<bool, String>) -> Result<bool, String> {
    catch_unwind(AssertUnwindSafe(check))
        .map_err(|_| format!("panic on {:?}", String::from_utf8_lossy(data)))?
}

/// The `vonage_decode` target's checks; `Ok(true)` when something decoded.
fn vonage_checks(data: &[u8]) -> Result<bool, String> {
    guarded(data, || {
        let mut decoded = false;
        if let Ok(page) = vonage::decode_page(data) {
            decoded = true;
            let text = vonage::encode_page(&page);
            if vonage::decode_page(text.as_bytes()) != Ok(page) {
                return Err(format!("page round trip of {text}"));
            }
        }
        if let Ok(item) = vonage::decode_item(data) {
            decoded = true;
            let text = vonage::encode_item(&item);
            if vonage::decode_item(text.as_bytes()) != Ok(item) {
                return Err(format!("item round trip of {text}"));
            }
        }
        if let Ok(message) = vonage::decode_error(data) {
            decoded = true;
            if vonage::decode_error(vonage::encode_error(&message).as_bytes()) != Ok(message) {
                return Err("error round trip".into());
            }
        }
        Ok(decoded)
    })
}

/// The `openmethods_decode` target's checks.
fn openmethods_checks(data: &[u8]) -> Result<bool, String> {
    guarded(data, || {
        let mut decoded = false;
        if let Ok(request) = openmethods::decode_request(data) {
            decoded = true;
            let text = openmethods::encode_request(&request);
            if openmethods::decode_request(text.as_bytes()) != Ok(request) {
                return Err(format!("request round trip of {text}"));
            }
        }
        if let Ok(message) = openmethods::decode_server(data) {
            decoded = true;
            let text = openmethods::encode_server(&message);
            if openmethods::decode_server(text.as_bytes()) != Ok(message) {
                return Err(format!("server message round trip of {text}"));
            }
        }
        Ok(decoded)
    })
}

type Check = fn(&[u8]) -> Result<bool, String>;

const TARGETS: [(&str, usize, Check); 2] = [
    ("vonage_decode", 8, vonage_checks),
    ("openmethods_decode", 20, openmethods_checks),
];

#[test]
fn seeds_behave_as_their_names_say() {
    for (target, at_least, check) in TARGETS {
        let seeds = mutation::corpus_of(target);
        assert!(seeds.len() >= at_least, "the {target} corpus went missing");
        for (name, data) in &seeds {
            let decoded = check(data).unwrap_or_else(|e| panic!("{name}: {e}"));
            if name.starts_with("golden_") || name.starts_with("spec_") {
                assert!(decoded, "{target}/{name} must decode");
            }
        }
    }
}

#[test]
fn thousands_of_mutations_never_panic_and_round_trip() {
    for (target, _, check) in TARGETS {
        let seeds = mutation::corpus_of(target);
        mutation::replay(target, &seeds, MUTATIONS, MUTATIONS / 50, mutate, check);
    }
}

#[test]
fn pathological_inputs_are_errors_not_panics() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nulls = format!("{{\"a\": {}\"x\"}}", "null".repeat(50_000));
    let many = format!(
        "{{\"meta\":{{\"page\":1,\"count\":1,\"pageCount\":1,\"totalCount\":1}},\"items\":[{}]}}",
        vec!["{}"; 20_000].join(",")
    );
    for input in [deep.as_str(), nulls.as_str(), many.as_str()] {
        vonage_checks(input.as_bytes()).unwrap();
        openmethods_checks(input.as_bytes()).unwrap();
    }
}
