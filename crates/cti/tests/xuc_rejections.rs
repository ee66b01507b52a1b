//! What the XuC codec refuses, and how: not JSON is `DecodeError::Syntax`, JSON of the wrong
//! shape is `DecodeError::Shape` naming what was wrong, and nothing panics. New values, by
//! contrast, are tolerated: an unknown `msgType` or `command` is kept whole, an unknown enum
//! value is kept as `Other`, ids may be numeric strings.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::xuc::agent::{AgentStateName, MonitorState};
use cti::xuc::command::KNOWN_COMMANDS;
use cti::xuc::{decode_command, decode_message, Command, DecodeError, Id, ServerMessage};

fn shape_message(bytes: &[u8]) -> String {
    match decode_message(bytes) {
        Err(DecodeError::Shape { message, .. }) => message,
        other => panic!("{}: {other:?}", String::from_utf8_lossy(bytes)),
    }
}

#[test]
fn non_json_is_a_syntax_error() {
    for input in [
        &b""[..],
        b"<html>502</html>",
        b"{\"msgType\":",
        b"{'msgType':'LoggedOn'}",
        b"\xff\xfe",
        b"{\"msgType\":\"LoggedOn\",}",
        b"pong",
    ] {
        assert!(
            matches!(decode_message(input), Err(DecodeError::Syntax { .. })),
            "{:?}",
            String::from_utf8_lossy(input)
        );
        assert!(matches!(
            decode_command(input),
            Err(DecodeError::Syntax { .. })
        ));
    }
}

#[test]
fn json_that_is_not_a_frame_is_a_shape_error() {
    for input in [
        &b"[]"[..],
        b"42",
        b"\"LoggedOn\"",
        b"null",
        b"{}",
        b"{\"ctiMessage\":{}}",
        b"{\"msgType\":7}",
        b"{\"msgType\":null}",
    ] {
        shape_message(input);
    }
}

#[test]
fn a_modelled_message_missing_what_it_cannot_do_without_names_it() {
    let cases: [(&[u8], &str); 7] = [
        (
            br#"{"msgType":"AgentStateEvent","ctiMessage":{"agentId":19}}"#,
            "name",
        ),
        (
            br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady"}}"#,
            "agentId",
        ),
        (
            br#"{"msgType":"PhoneEvent","ctiMessage":{"eventType":"EventRinging"}}"#,
            "uniqueId",
        ),
        (
            br#"{"msgType":"AgentConfig","ctiMessage":{"firstname":"Jack"}}"#,
            "id",
        ),
        (
            br#"{"msgType":"CallbackTaken","ctiMessage":{"uuid":"a9"}}"#,
            "agentId",
        ),
        (
            br#"{"msgType":"QueueMember","ctiMessage":{"agentId":1,"queueId":2}}"#,
            "penalty",
        ),
        (br#"{"msgType":"AgentError","ctiMessage":{}}"#, "Error"),
    ];
    for (input, field) in cases {
        let message = shape_message(input);
        assert!(message.contains(field), "{message} should name {field}");
    }
}

#[test]
fn wrong_types_are_shape_errors() {
    for input in [
        &br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady","agentId":"nineteen"}}"#[..],
        br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady","agentId":1.5}}"#,
        br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":7,"agentId":19}}"#,
        br#"{"msgType":"AgentList","ctiMessage":{"id":1}}"#,
        br#"{"msgType":"AgentListen","ctiMessage":{"started":"yes","agentId":22}}"#,
        br#"{"msgType":"CallbackLists","ctiMessage":"none"}"#,
        br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady","agentId":99999999999999999999}}"#,
    ] {
        shape_message(input);
    }
}

#[test]
fn new_values_are_tolerated_not_refused() {
    let state = decode_message(
        br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentOnCall","agentId":"19","monitorState":"SUSPENDED","extra":1}}"#,
    )
    .expect("tolerated");
    let ServerMessage::AgentStateEvent(state) = state else {
        panic!("AgentStateEvent");
    };
    assert_eq!(state.agent_id, Id(19));
    assert_eq!(
        state.monitor_state,
        Some(MonitorState::Other("SUSPENDED".into()))
    );
    let deprecated = decode_message(
        br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentLogin","agentid":19}}"#,
    )
    .expect("deprecated state, lower-case id");
    assert!(matches!(
        deprecated,
        ServerMessage::AgentStateEvent(s) if s.name == AgentStateName::AgentLogin
    ));
    let unknown = decode_message(br#"{"msgType":"QueueStatistics","ctiMessage":[1,2]}"#);
    assert!(matches!(unknown, Ok(ServerMessage::Unknown(_))));
    let nulls = decode_message(
        br#"{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady","agentId":1,"phoneNb":null,"queues":null}}"#,
    );
    assert!(nulls.is_ok(), "null reads as absent: {nulls:?}");
}

#[test]
fn commands_need_their_claz_command_and_fields() {
    for input in [
        &br#"{"command":"agentLogin","agentphonenumber":"1000"}"#[..],
        br#"{"claz":"WEB","command":"agentLogin"}"#,
        br#"{"claz":7}"#,
        br#"{"claz":"web"}"#,
        br#"{"claz":"web","command":null}"#,
        br#"{"claz":"web","command":"agentLogin"}"#,
        br#"{"claz":"web","command":"setAgentQueue","agentId":1,"queueId":2}"#,
        br#"{"claz":"web","command":"setAgentQueue","agentId":1,"queueId":2,"penalty":"low"}"#,
        br#"{"claz":"web","command":"takeCallback"}"#,
        br#"{"claz":"web","command":"updateCallbackTicket","uuid":"a9","status":3}"#,
        br#"{"claz":"web","command":"findCallbackRequest","id":1,"request":{"filters":[]}}"#,
        b"[]",
    ] {
        assert!(
            matches!(decode_command(input), Err(DecodeError::Shape { .. })),
            "{}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn commands_are_read_as_the_client_sends_them() {
    let login = decode_command(
        br#"{"claz":"web","command":"agentLogin","agentphonenumber":1000,"agentId":"19"}"#,
    )
    .expect("a number for the line, a string for the id, camel-case agentId");
    assert_eq!(
        login,
        Command::AgentLogin {
            phone_number: "1000".into(),
            agent_id: Some(Id(19))
        }
    );
    let ping = decode_command(br#"{"claz":"ping"}"#).expect("heartbeat");
    assert_eq!(ping, Command::Ping);
    let unknown = decode_command(br#"{"claz":"web","command":"teleport"}"#).expect("kept");
    assert!(matches!(unknown, Command::Unknown(_)));
    assert!(!KNOWN_COMMANDS.contains(&"teleport"));
}

#[test]
fn pathological_inputs_are_errors_not_panics() {
    let deep = "[".repeat(100_000);
    let deep_object = "{\"a\":".repeat(100_000);
    for input in [deep.as_str(), deep_object.as_str(), "\u{0}", " "] {
        assert!(decode_message(input.as_bytes()).is_err());
        assert!(decode_command(input.as_bytes()).is_err());
    }
}
