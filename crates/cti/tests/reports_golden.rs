//! Golden vectors of the two report specs: every JSON example of
//! `shared/specs/vonage-agent-activity-api.txt` (verbatim, diff debris included) and every
//! message template of `shared/specs/openmethods-uccx-reports.txt` (made concrete), listed in
//! `tests/golden/reports/manifest.tsv` (written by `tests/golden/reports/generate.py`).
//!
//! Each vector decodes as its kind; decode → encode → decode is a fixed point; the encoding
//! equals the vector as JSON (the Vonage page once its debris is read as the new value).

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::openmethods::{self, Request, Response, ServerMessage};
use cti::report::{
    ActivityKind, DeviceType, Direction, InteractionCategory, InteractionStatus, MemberStatus,
    MemberType, PresenceCategory, TeamChange,
};
use cti::vonage;
use serde_json::Value;

const MANIFEST: &str = include_str!("golden/reports/manifest.tsv");

struct Row {
    spec: String,
    kind: String,
    status: String,
    file: String,
}

fn rows() -> Vec<Row> {
    MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 7, "malformed manifest row {l:?}");
            Row {
                spec: c[2].into(),
                kind: c[3].into(),
                status: c[4].into(),
                file: c[5].into(),
            }
        })
        .collect()
}

fn vector(file: &str) -> String {
    let path = format!(
        "{}/tests/golden/reports/vectors/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn check_vonage(row: &Row, text: &str) {
    let expected = value(&vonage::repair_diff_debris(text));
    let encoded = match row.kind.as_str() {
        "page" => {
            let page = vonage::decode_page(text.as_bytes()).expect("decodes");
            let encoded = vonage::encode_page(&page);
            assert_eq!(vonage::decode_page(encoded.as_bytes()), Ok(page));
            encoded
        }
        "item" => {
            let item = vonage::decode_item(text.as_bytes()).expect("decodes");
            let encoded = vonage::encode_item(&item);
            assert_eq!(vonage::decode_item(encoded.as_bytes()), Ok(item));
            encoded
        }
        "error" => vonage::encode_error(&vonage::decode_error(text.as_bytes()).expect("decodes")),
        other => panic!("unknown kind {other}"),
    };
    assert_eq!(value(&encoded), expected, "{}", row.file);
    if row.status == "debris" {
        assert!(text.contains("null\""), "{} lost its debris", row.file);
    }
}

fn check_openmethods(row: &Row, text: &str) {
    let encoded = match row.kind.as_str() {
        "request" => {
            let request = openmethods::decode_request(text.as_bytes()).expect("decodes");
            let encoded = openmethods::encode_request(&request);
            assert_eq!(openmethods::decode_request(encoded.as_bytes()), Ok(request));
            encoded
        }
        "response" | "event" => {
            let message = openmethods::decode_server(text.as_bytes()).expect("decodes");
            assert_eq!(
                matches!(message, ServerMessage::Event(_)),
                row.kind == "event",
                "{}",
                row.file
            );
            let encoded = openmethods::encode_server(&message);
            assert_eq!(openmethods::decode_server(encoded.as_bytes()), Ok(message));
            encoded
        }
        other => panic!("unknown kind {other}"),
    };
    assert_eq!(value(&encoded), value(text), "{}", row.file);
}

#[test]
fn every_vector_decodes_and_encodes_back() {
    let rows = rows();
    assert_eq!(rows.iter().filter(|r| r.spec == "vonage").count(), 3);
    assert_eq!(rows.iter().filter(|r| r.spec == "openmethods").count(), 17);
    for row in &rows {
        let text = vector(&row.file);
        match row.spec.as_str() {
            "vonage" => check_vonage(row, &text),
            "openmethods" => check_openmethods(row, &text),
            other => panic!("unknown spec {other}"),
        }
    }
}

#[test]
fn manifest_and_vector_directory_agree() {
    let dir = format!(
        "{}/tests/golden/reports/vectors",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = rows().into_iter().map(|r| r.file).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn the_vonage_page_reads_as_the_spec_describes_it() {
    let page = vonage::decode_page(vector("vonage_L029-148.json").as_bytes()).unwrap();
    assert_eq!(
        (
            page.meta.page,
            page.meta.count,
            page.meta.page_count,
            page.meta.total_count
        ),
        (1, 6, 1, 6)
    );
    assert_eq!(
        page.up_to,
        cti::iso8601::parse_iso8601("2019-12-19T15:49:39.389Z")
    );
    let kinds: Vec<&str> = page.items.iter().map(|a| a.kind.type_name()).collect();
    assert_eq!(
        kinds,
        [
            "Presence",
            "Presence",
            "Workload",
            "Interaction",
            "Interaction",
            "Interaction"
        ]
    );
    // Logged Out for 9523 ms, then Ready since 15:47:16.600: 077 + 9523 = 16.600.
    assert_eq!(page.items[0].end(), Some(page.items[1].start));
    let ActivityKind::Presence(ready) = &page.items[1].kind else {
        panic!("presence")
    };
    assert_eq!(ready.category, PresenceCategory::Ready);
    assert!(ready.eligible_for_routing);
    assert_eq!(page.items[1].duration, None, "ongoing presence");
    let phases: Vec<(InteractionCategory, Direction, Option<&str>)> = page.items[3..]
        .iter()
        .map(|a| match &a.kind {
            ActivityKind::Interaction(i) => (i.category, i.direction, i.channel.as_deref()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        phases.iter().map(|p| p.0).collect::<Vec<_>>(),
        [
            InteractionCategory::Ringing,
            InteractionCategory::Connected,
            InteractionCategory::Wrap
        ]
    );
    assert!(phases
        .iter()
        .all(|p| p.1 == Direction::Inbound && p.2 == Some("6a6d57c3-2105-42e3-86fe-411a3496a28f")));
    // Ringing, Connected and Wrap follow each other without a gap.
    assert_eq!(page.items[3].end(), Some(page.items[4].start));
    assert_eq!(page.items[4].end(), Some(page.items[5].start));
    // The workload of one call lasts until the wrap starts.
    assert_eq!(page.items[2].end(), Some(page.items[5].start));

    let item = vonage::decode_item(vector("vonage_L155-175.json").as_bytes()).unwrap();
    let ActivityKind::Interaction(email) = &item.kind else {
        panic!("interaction")
    };
    assert_eq!(email.status, InteractionStatus::Ongoing);
    assert_eq!(email.medium, "Email");
    assert_eq!(
        vonage::decode_error(vector("vonage_L019-021.json").as_bytes()).unwrap(),
        vonage::WINDOW_EXCEEDED
    );
}

#[test]
fn the_openmethods_messages_read_as_the_spec_describes_them() {
    assert_eq!(
        openmethods::decode_request(vector("openmethods_L021-027.json").as_bytes()),
        Ok(Request::CallJourney {
            call_id: "16777301".into()
        })
    );
    let Ok(ServerMessage::Response(Response::CallJourney(journey))) =
        openmethods::decode_server(vector("openmethods_variant_journey.json").as_bytes())
    else {
        panic!("a journey")
    };
    let types: Vec<&DeviceType> = journey.steps.iter().map(|s| &s.device_type).collect();
    assert_eq!(
        types,
        [
            &DeviceType::Pilot,
            &DeviceType::Queue,
            &DeviceType::AgentSet,
            &DeviceType::Extension
        ]
    );
    assert_eq!(journey.steps[3].duration, Some(3_723_000));
    let Ok(ServerMessage::Response(Response::Failure(failure))) =
        openmethods::decode_server(vector("openmethods_L079-090.json").as_bytes())
    else {
        panic!("a failure")
    };
    assert_eq!(failure.command, "report.teamstatus.begin");
    assert_eq!(failure.original["data"]["agentId"], "sup1");
    let Ok(ServerMessage::Event(event)) =
        openmethods::decode_server(vector("openmethods_variant_members.json").as_bytes())
    else {
        panic!("an event")
    };
    let TeamChange::MembersStatusChanged(team) = &event.change else {
        panic!("{event:?}")
    };
    let members: Vec<(Option<MemberType>, Option<MemberStatus>)> = team
        .members
        .iter()
        .map(|m| (m.member_type, m.status))
        .collect();
    assert_eq!(
        members,
        [
            (Some(MemberType::Supervisor), Some(MemberStatus::NotReady)),
            (
                Some(MemberType::TeamLead),
                Some(MemberStatus::AfterCallWork)
            ),
            (Some(MemberType::Agent), Some(MemberStatus::Ready)),
        ]
    );
    let Ok(ServerMessage::Event(removed)) =
        openmethods::decode_server(vector("openmethods_L230-248.json").as_bytes())
    else {
        panic!("an event")
    };
    assert_eq!(removed.change.team().members[0].status, None);
}
