//! What the O2G codec refuses, and how: not JSON is `DecodeError::Syntax`, JSON of the wrong
//! shape is `DecodeError::Shape`, and nothing panics. New enum values, by contrast, are
//! tolerated (they degrade one field, never the whole event).

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::o2g::agent::{AgentState, AgentSubState, LoggOnAgentRequest};
use cti::o2g::subscription::Subscription;
use cti::o2g::telephony::{
    CallCause, DeviceState, Leg, MakeCallRequest, MediaState, Participant, ReconnectRequest,
};
use cti::o2g::{decode, decode_event, DecodeError, Event};

fn is_syntax(r: Result<Event, DecodeError>) -> bool {
    matches!(r, Err(DecodeError::Syntax { .. }))
}

fn is_shape(r: Result<Event, DecodeError>) -> bool {
    matches!(r, Err(DecodeError::Shape { .. }))
}

#[test]
fn non_json_is_a_syntax_error() {
    for input in [
        &b""[..],
        b"<html>502 Bad Gateway</html>",
        b"{\"eventName\":",
        b"{'eventName':'x'}",
        b"\xff\xfe",
        b"{\"a\":1,}",
    ] {
        assert!(
            is_syntax(decode_event(input)),
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
    let err = decode_event(b"{\"eventName\":\"OnCallCreated\",").expect_err("truncated");
    assert!(err.to_string().contains("invalid JSON"), "{err}");
}

#[test]
fn json_that_is_not_an_event_object_is_a_shape_error() {
    for input in [
        &b"[]"[..],
        b"42",
        b"\"OnCallCreated\"",
        b"null",
        b"{}",
        b"{\"eventName\":7}",
        b"{\"eventName\":null}",
    ] {
        assert!(
            is_shape(decode_event(input)),
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn missing_required_fields_are_shape_errors_naming_the_field() {
    let cases: [(&[u8], &str); 4] = [
        (
            br#"{"eventName":"OnCallCreated","loginName":"oxe1"}"#,
            "callRef",
        ),
        (
            br#"{"eventName":"OnCallModified","loginName":"oxe1"}"#,
            "callRef",
        ),
        (
            br#"{"eventName":"OnAgentStateChanged","loginName":"oxe1"}"#,
            "state",
        ),
        (
            br#"{"eventName":"OnUserStateModified","loginName":"oxe1"}"#,
            "state",
        ),
    ];
    for (input, field) in cases {
        let err = decode_event(input).expect_err("required field");
        assert!(
            matches!(err, DecodeError::Shape { .. }) && err.to_string().contains(field),
            "{err}"
        );
    }
    assert!(decode::<AgentState>("AgentState", br#"{"subState":"READY"}"#).is_err());
    assert!(decode::<Leg>("Leg", br#"{"state":"ACTIVE"}"#).is_err());
    assert!(decode::<Participant>("Participant", br#"{"anonymous":true}"#).is_err());
    assert!(decode::<DeviceState>("DeviceState", br#"{"deviceId":"1"}"#).is_err());
    assert!(decode::<MakeCallRequest>("MakeCallRequest", br#"{"callee":"1"}"#).is_err());
    assert!(decode::<ReconnectRequest>("ReconnectRequest", br#"{"deviceId":"1"}"#).is_err());
    assert!(
        decode::<LoggOnAgentRequest>("LoggOnAgentRequest", br#"{"pgGroupNumber":"1"}"#).is_err()
    );
    assert!(decode::<Subscription>("Subscription", br#"{"subscriptionId":"1"}"#).is_err());
}

#[test]
fn wrong_types_are_shape_errors() {
    let cases: [&[u8]; 7] = [
        br#"{"eventName":"OnCallCreated","loginName":"oxe1","callRef":7}"#,
        br#"{"eventName":"OnCallCreated","callRef":"c","legs":"60113"}"#,
        br#"{"eventName":"OnCallCreated","callRef":"c","legs":[{"deviceId":"1","ringingRemote":"yes"}]}"#,
        br#"{"eventName":"OnCallCreated","callRef":"c","callData":{"acdCallData":{"queueData":{"waitingTime":"soon"}}}}"#,
        br#"{"eventName":"OnCallCreated","callRef":"c","callData":{"acdCallData":{"callInfo":{"queueWaitingTime":99999999999}}}}"#,
        br#"{"eventName":"OnEventSummaryUpdated","eventSummary":{"missedCallsNb":-1}}"#,
        br#"{"eventName":"OnUserStateModified","state":true}"#,
    ];
    for input in cases {
        assert!(
            is_shape(decode_event(input)),
            "{}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn new_enum_values_degrade_a_field_not_the_event() {
    let event = decode_event(
        br#"{"eventName":"OnCallCreated","loginName":"oxe1","callRef":"c","cause":"QUANTUM_TUNNELLED",
            "legs":[{"deviceId":"1","state":"RINGING_SIDEWAYS"}]}"#,
    )
    .expect("tolerated");
    let Event::OnCallCreated(call) = event else {
        panic!("wrong variant")
    };
    assert_eq!(call.cause, Some(CallCause::Unknown));
    assert_eq!(call.legs[0].state, Some(MediaState::Unknown));
    let state: AgentState = decode(
        "AgentState",
        br#"{"mainState":"LOG_ON","subState":"TRAINING"}"#,
    )
    .expect("tolerated");
    assert_eq!(state.sub_state, Some(AgentSubState::Unrecognized));
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    let event = decode_event(
        br#"{"eventName":"OnCallRemoved","loginName":"oxe1","callRef":"c","futureField":{"x":[1,2]},"cause":"CLEARED"}"#,
    )
    .expect("ignored");
    assert_eq!(event.name(), "OnCallRemoved");
}

#[test]
fn null_optional_fields_read_as_absent() {
    let event = decode_event(
        br#"{"eventName":"OnCallModified","loginName":"oxe1","callRef":"c","cause":null,"callData":null,
            "deviceCapabilities":null,"modifiedLegs":null,"removedParticipantIds":null,"loginName":null}"#,
    )
    .expect("nulls tolerated");
    let Event::OnCallModified(m) = event else {
        panic!("wrong variant")
    };
    assert_eq!(
        (m.cause, m.call_data, m.device_capabilities),
        (None, None, None)
    );
    assert!(
        m.modified_legs.is_empty()
            && m.removed_participant_ids.is_empty()
            && m.login_name.is_empty()
    );
    let groups: cti::o2g::telephony::HuntingGroupResult =
        decode("HuntingGroupResult", br#"{"hgList":null,"currentHg":null}"#)
            .expect("L5266: may be null");
    assert!(groups.hg_list.is_empty());
}
