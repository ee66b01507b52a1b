//! What the report codecs refuse, and that they say why: the Vonage agent-activity JSON and
//! the OpenMethods UCCX report messages.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::openmethods::{self, DecodeError as OmError};
use cti::vonage::{self, DecodeError};
use serde_json::{json, Value};

fn ringing() -> Value {
    json!({
        "agentId": "01", "type": "Interaction", "category": "Ringing", "name": null,
        "eligibleForRouting": null, "start": "2019-12-19T15:47:31.289Z", "status": "Completed",
        "duration": 4547, "reason": null,
        "interaction": {"guid": "g", "medium": "Phone", "mediumManager": "VCC", "direction": "Inbound"},
        "channel": {"guid": null}, "workload": null
    })
}

fn with(mut item: Value, field: &str, new: Value) -> Vec<u8> {
    item[field] = new;
    item.to_string().into_bytes()
}

#[test]
fn vonage_items_that_break_the_spec_are_refused_with_the_field_named() {
    assert!(vonage::decode_item(ringing().to_string().as_bytes()).is_ok());
    let refused = |bytes: Vec<u8>| vonage::decode_item(&bytes).unwrap_err().to_string();
    assert!(refused(with(ringing(), "type", json!("Chat"))).contains("activity type"));
    assert!(refused(with(ringing(), "category", json!("Talking"))).contains("interaction category"));
    // A presence category on an interaction is not an interaction category.
    assert!(refused(with(ringing(), "category", json!("Ready"))).contains("\"Ready\""));
    assert!(refused(with(ringing(), "status", json!("Done"))).contains("interaction status"));
    assert!(refused(with(ringing(), "status", Value::Null)).contains("status"));
    assert!(refused(with(ringing(), "start", json!("19/12/2019"))).contains("start"));
    assert!(refused(with(ringing(), "duration", json!(-1))).contains("not an agent-activity"));
    assert!(refused(with(ringing(), "interaction", Value::Null)).contains("interaction"));
    assert_eq!(
        vonage::decode_item(&with(ringing(), "reason", json!("NoAnswer"))),
        Err(DecodeError::ReasonNotAllowed {
            reason: "NoAnswer",
            category: "Ringing"
        })
    );
    assert!(refused(with(ringing(), "reason", json!("Sleepy"))).contains("activity reason"));
    let mut direction = ringing();
    direction["interaction"]["direction"] = json!("inbound");
    assert!(refused(direction.to_string().into_bytes()).contains("direction"));
    let presence = json!({"agentId": "01", "type": "Presence", "category": "Away", "name": null,
        "eligibleForRouting": false, "start": "2019-12-19T15:47:07.077Z"});
    assert!(refused(presence.to_string().into_bytes()).contains("needs name"));
    let workload =
        json!({"agentId": "01", "type": "Workload", "start": "2019-12-19T15:47:07.077Z"});
    assert!(refused(workload.to_string().into_bytes()).contains("needs workload"));
    for junk in [&b""[..], b"[]", b"{", b"\xff\xfe", b"null"] {
        assert!(vonage::decode_item(junk).is_err());
        assert!(vonage::decode_page(junk).is_err());
    }
    let page = json!({"meta": {"page": 1, "count": 0, "pageCount": 0, "totalCount": 0},
        "items": [], "upTo": "soon"});
    assert!(matches!(
        vonage::decode_page(page.to_string().as_bytes()),
        Err(DecodeError::BadDate { field: "upTo", .. })
    ));
}

#[test]
fn vonage_input_is_tolerant_where_the_spec_is() {
    // The channel guid: null today, a string tomorrow; a channel left out altogether.
    for channel in [json!({"guid": null}), json!({"guid": "c"}), Value::Null] {
        assert!(vonage::decode_item(&with(ringing(), "channel", channel)).is_ok());
    }
    // Fields a newer API version adds are ignored; dates without milliseconds read.
    let mut item = ringing();
    item["extra"] = json!(1);
    item["start"] = json!("2019-12-19T15:47:31Z");
    assert!(vonage::decode_item(item.to_string().as_bytes()).is_ok());
}

#[test]
fn openmethods_messages_that_break_the_spec_are_refused() {
    let request = |v: Value| openmethods::decode_request(v.to_string().as_bytes());
    assert_eq!(
        request(json!({"command": "report.agentstats", "data": {}})),
        Err(OmError::UnknownCommand("report.agentstats".into()))
    );
    assert_eq!(
        request(json!({"command": "report.calljourney", "data": {"callId": "1"}})),
        Err(OmError::MissingField {
            message: "report.calljourney".into(),
            field: "data.CallId"
        })
    );
    assert!(matches!(
        request(json!({"command": "report.teamstatus.begin"})),
        Err(OmError::MissingField { field: "data", .. })
    ));
    assert_eq!(request(json!({"data": {}})), Err(OmError::NoCommand));
    assert!(matches!(
        openmethods::decode_request(b"[1]"),
        Err(OmError::NotJson(_))
    ));
    let server = |v: Value| openmethods::decode_server(v.to_string().as_bytes());
    assert_eq!(
        server(json!({"command": "report.calljourney", "result": "maybe"})),
        Err(OmError::UnknownResult("maybe".into()))
    );
    assert!(matches!(
        server(json!({"command": "report.calljourney", "result": "failure"})),
        Err(OmError::MissingField {
            field: "failure",
            ..
        })
    ));
    let step = |duration: &str| {
        json!({"command": "report.calljourney", "result": "success", "data": {"CallJourney": [
            {"CallId": "1", "Device": "3000", "DeviceType": "Pilot", "Description": "", "Duration": duration}
        ]}})
    };
    assert!(server(step("00:00:04")).is_ok());
    assert_eq!(
        server(step("four seconds")),
        Err(OmError::BadDuration("four seconds".into()))
    );
    let event = |status: &str, member_type: &str| {
        json!({"name": "report.teamstatus.memberstatuschanged", "data": {"agentId": "sup1",
        "team": {"teamId": "7", "teamName": "Sales", "members": [
            {"memberId": "a", "memberType": member_type, "memberName": "A", "status": status}
        ]}}})
    };
    assert!(server(event("ready", "Agent")).is_ok());
    assert!(server(event("Ready", "Agent"))
        .unwrap_err()
        .to_string()
        .contains("member status"));
    assert!(server(event("ACW", "Boss"))
        .unwrap_err()
        .to_string()
        .contains("member type"));
    assert_eq!(
        server(json!({"name": "report.teamstatus.teamexploded", "data": {}})),
        Err(OmError::UnknownEvent(
            "report.teamstatus.teamexploded".into()
        ))
    );
    assert!(matches!(
        server(json!({"name": "report.teamstatus.teamadded", "data": {"agentId": "sup1"}})),
        Err(OmError::MissingField {
            field: "data.team",
            ..
        })
    ));
    assert!(matches!(
        server(
            json!({"name": "report.teamstatus.memberremoved", "data": {"agentId": "sup1",
            "team": {"teamId": "7", "teamName": "Sales", "members": [{"memberName": "A"}]}}})
        ),
        Err(OmError::MissingField {
            field: "data.team.members.memberId",
            ..
        })
    ));
}
