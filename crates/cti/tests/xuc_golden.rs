//! XuC golden vectors: every JSON example of the XuC agent API spec, extracted by
//! `tests/golden/xuc/extract.py` into `tests/golden/xuc/vectors/` and listed in
//! `tests/golden/xuc/manifest.tsv` (repairs and substitutions in its notes and README).
//!
//! Each vector must decode as the message its row names (never as `Unknown`); decode → encode
//! must give the same JSON value, and decode → encode → decode must be a fixed point.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::xuc::message::KNOWN_MESSAGE_TYPES;
use cti::xuc::{decode_command, decode_message, encode_command, encode_message, ServerMessage};
use serde_json::{json, Value};

const MANIFEST: &str = include_str!("golden/xuc/manifest.tsv");

struct Row<'a> {
    start: &'a str,
    kind: &'a str,
    form: &'a str,
    file: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 8, "malformed manifest row {l:?}");
            assert_eq!(c[5], "exact", "every XuC vector is exact: {l:?}");
            Row {
                start: c[0],
                kind: c[2],
                form: c[3],
                file: c[6],
            }
        })
        .collect()
}

fn vector(file: &str) -> Value {
    let path = format!(
        "{}/tests/golden/xuc/vectors/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Decodes a whole frame as `kind`, and checks the round trip.
fn check_message(kind: &str, frame: &Value) -> Result<(), String> {
    let bytes = frame.to_string();
    let first = decode_message(bytes.as_bytes()).map_err(|e| format!("decode: {e}"))?;
    if matches!(first, ServerMessage::Unknown(_)) || first.msg_type() != kind {
        return Err(format!("decoded as {} ({first:?})", first.msg_type()));
    }
    let encoded = encode_message(&first);
    let again: Value = serde_json::from_str(&encoded).map_err(|e| e.to_string())?;
    if again != *frame {
        return Err(format!(
            "encoding differs:\n  vector:  {frame}\n  encoded: {again}"
        ));
    }
    let second =
        decode_message(encoded.as_bytes()).map_err(|e| format!("re-decode of {encoded}: {e}"))?;
    if first != second {
        return Err(format!("not a fixed point:\n  {first:?}\n  {second:?}"));
    }
    Ok(())
}

/// The `variables` of a command, inside the command that carries them.
fn check_variables(variables: &Value) -> Result<(), String> {
    let frame = json!({
        "claz": "web", "command": "dialFromQueue", "destination": "0230210082", "queueId": 1,
        "callerIdName": "Sales", "callerIdNumber": "3000", "variables": variables,
    });
    let command = decode_command(frame.to_string().as_bytes()).map_err(|e| e.to_string())?;
    let again: Value =
        serde_json::from_str(&encode_command(&command)).map_err(|e| e.to_string())?;
    if again == frame {
        Ok(())
    } else {
        Err(format!("encoding differs:\n  {frame}\n  {again}"))
    }
}

fn check(row: &Row<'_>) -> Result<(), String> {
    let value = vector(row.file);
    match (row.kind, row.form) {
        ("Variables", _) => check_variables(&value),
        (kind, "message") => check_message(kind, &value),
        (kind, "payload") => check_message(kind, &json!({ "msgType": kind, "ctiMessage": value })),
        (_, form) => Err(format!("unknown form {form}")),
    }
}

#[test]
fn every_golden_vector_decodes_and_round_trips() {
    let rows = rows();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            check(row)
                .err()
                .map(|e| format!("L{} {} ({}): {e}", row.start, row.kind, row.file))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} golden vector(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(rows.len(), 27, "every example of the spec has a row");
}

#[test]
fn every_message_type_the_spec_shows_is_modelled() {
    for row in rows().iter().filter(|r| r.kind != "Variables") {
        assert!(KNOWN_MESSAGE_TYPES.contains(&row.kind), "{}", row.kind);
    }
}

#[test]
fn manifest_and_vector_directory_agree() {
    let dir = format!("{}/tests/golden/xuc/vectors", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("vectors directory")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = rows().iter().map(|r| r.file.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_server_may_send_the_callback_lists_as_an_array() {
    let one = vector("L330-351.json");
    let frame = json!({ "msgType": "CallbackLists", "ctiMessage": [one.clone(), one] });
    check_message("CallbackLists", &frame).expect("array form");
    let Ok(ServerMessage::CallbackLists(lists)) = decode_message(frame.to_string().as_bytes())
    else {
        panic!("CallbackLists");
    };
    assert_eq!(lists.items().len(), 2);
}
