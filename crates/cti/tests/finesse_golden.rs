//! Golden vectors of the Finesse connector: every message example of
//! `shared/specs/finesse-jms-connector.txt` (placeholders substituted), and the base commands
//! and events the spec cuts off as docs/decisions.md decides them, listed with their spec
//! lines, status and check in `tests/golden/finesse/manifest.tsv` (written by
//! `tests/golden/finesse/generate.py`).
//!
//! Each vector must decode as the type the manifest names; decode → encode → decode must be
//! a fixed point; `exact` vectors must encode to themselves.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::finesse::{decode_event, encode_event, CommandMessage};

const MANIFEST: &str = include_str!("golden/finesse/manifest.tsv");

struct Row<'a> {
    start: &'a str,
    kind: &'a str,
    ty: &'a str,
    status: &'a str,
    check: &'a str,
    file: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 7, "malformed manifest row {l:?}");
            Row {
                start: c[0],
                kind: c[2],
                ty: c[3],
                status: c[4],
                check: c[5],
                file: c[6],
            }
        })
        .collect()
}

fn vector(file: &str) -> String {
    let path = format!(
        "{}/tests/golden/finesse/vectors/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The variant name of a command or event, as the manifest writes it.
fn variant(value: &impl std::fmt::Debug) -> String {
    let debug = format!("{value:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn check_command(row: &Row, text: &str) -> Result<(), String> {
    let (jms_type, body) = text
        .split_once('\n')
        .ok_or("a command vector is `type\\nbody`")?;
    let first = CommandMessage::decode(jms_type, body).map_err(|e| format!("decode: {e}"))?;
    if variant(&first.command) != row.ty {
        return Err(format!("decoded as {:?}", first.command));
    }
    let (t, b) = first.encode().map_err(|e| format!("encode: {e}"))?;
    let second = CommandMessage::decode(&t, &b).map_err(|e| format!("re-decode: {e}"))?;
    if first != second {
        return Err(format!("not a fixed point: {first:?} / {second:?}"));
    }
    if row.check == "exact" && (t != jms_type || b != body) {
        return Err(format!("encoded {t:?} {b:?}, vector {jms_type:?} {body:?}"));
    }
    Ok(())
}

fn check_event(row: &Row, text: &str) -> Result<(), String> {
    let first = decode_event(text.as_bytes()).map_err(|e| format!("decode: {e}"))?;
    if variant(&first.event) != row.ty {
        return Err(format!("decoded as {:?}", first.event));
    }
    let encoded = encode_event(&first).map_err(|e| format!("encode: {e}"))?;
    let second = decode_event(encoded.as_bytes()).map_err(|e| format!("re-decode: {e}"))?;
    if first != second {
        return Err(format!("not a fixed point: {first:?} / {second:?}"));
    }
    if row.check == "exact" && encoded != text {
        return Err(format!("encoded {encoded:?}, vector {text:?}"));
    }
    Ok(())
}

#[test]
fn every_vector_decodes_and_round_trips() {
    let mut failures = Vec::new();
    let rows = rows();
    for row in &rows {
        let text = vector(row.file);
        let result = match row.kind {
            "command" => check_command(row, &text),
            "event" => check_event(row, &text),
            other => Err(format!("unknown kind {other}")),
        };
        if let Err(e) = result {
            failures.push(format!(
                "{} (L{}, {}): {e}",
                row.file, row.start, row.status
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows.len() >= 70, "the manifest went missing");
}

#[test]
fn manifest_and_vector_directory_agree() {
    let dir = format!(
        "{}/tests/golden/finesse/vectors",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = rows().iter().map(|r| r.file.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

/// Every `JMS-Type`/`JMS-Body` example of the spec has a vector at its line.
#[test]
fn every_example_of_the_spec_has_a_vector() {
    let Ok(spec) = std::fs::read_to_string("/work/shared/specs/finesse-jms-connector.txt") else {
        return; // The spec is outside the repository; the manifest still lists its lines.
    };
    let rows = rows();
    for (index, line) in spec.lines().enumerate() {
        if line.starts_with("JMS-Type") {
            let body_line = index + 2;
            let covered = rows
                .iter()
                .any(|r| r.start == (index + 1).to_string() || r.start == body_line.to_string());
            assert!(covered, "spec line {}: {line}", index + 1);
        }
    }
    for event in [
        "AgentInfo",
        "State",
        "QueueList",
        "TeamUsersList",
        "Phonebooks",
        "PhonebookContacts",
        "TeamPhoneBooks",
    ] {
        assert!(rows.iter().any(|r| r.ty == event), "{event}");
    }
}
