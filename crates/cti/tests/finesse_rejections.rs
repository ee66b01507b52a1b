//! What the Finesse connector codec refuses, and how; and what it tolerates (one test per
//! reading decided in docs/decisions.md, "Finesse connector (issue 13)").

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::finesse::{
    decode_event, encode_event, AgentState, AgentStateEvent, Command, CommandMessage, DecodeError,
    EncodeError, ErrorName, Event, EventMessage, Listing, ReasonCode, ReasonList,
};

fn command(jms_type: &str, body: &str) -> Result<CommandMessage, DecodeError> {
    CommandMessage::decode(jms_type, body)
}

#[test]
fn a_type_without_agent_or_with_an_unknown_command_is_refused_naming_the_agent() {
    assert!(matches!(
        command("GetState", ""),
        Err(DecodeError::NotACommandType(_))
    ));
    let unknown = command("FOO#1001", "x").unwrap_err();
    assert_eq!(
        unknown,
        DecodeError::UnknownCommand {
            name: "FOO".into(),
            agent: "1001".into()
        }
    );
    assert_eq!(
        unknown.agent(),
        Some("1001"),
        "the error goes to the agent's topic"
    );
}

#[test]
fn too_few_fields_name_the_first_missing_one() {
    let cases = [
        ("Login#1001", "", "agent_password"),
        ("Login#1001", "secret", "agent_extension"),
        (
            "MOBILEAGENTLOGIN#1001",
            "secret,2001,0611",
            "connection_mode",
        ),
        ("TransferCall#1001", "2002", "Dialog_ID"),
        (
            "SHCEDULECALLBACK#1001",
            "2001,d-1,2026-12-01",
            "callbackNumber",
        ),
        ("RECLASSIFYCALL#1001", "2001", "dialog_id"),
        ("MakeNotReadyWithReason#1001", "", "reason_code"),
        ("AnswerCall#1001", "", "dialog_id"),
        ("MakeCall#1001", "", "dialed_number"),
    ];
    for (jms_type, body, field) in cases {
        match command(jms_type, body) {
            Err(DecodeError::MissingField {
                field: missing,
                agent,
                ..
            }) => {
                assert_eq!(
                    (missing, agent.as_str()),
                    (field, "1001"),
                    "{jms_type} {body:?}"
                );
            }
            other => panic!("{jms_type} {body:?}: {other:?}"),
        }
    }
}

#[test]
fn names_match_in_any_case_agents_are_trimmed_and_the_last_field_keeps_its_commas() {
    let c = command("conferenceCall#1001 ", "2002,d-1").unwrap();
    assert_eq!(c.agent_login_id, "1001");
    assert!(matches!(c.command, Command::ConferenceCall { .. }));
    assert_eq!(
        c.jms_type(),
        "Conferencecall#1001",
        "written as the spec spells it"
    );
    let r = command("RECLASSIFYCALL#1001", "2001,d-1,a,b,c").unwrap();
    assert!(matches!(r.command, Command::ReclassifyCall { ref value, .. } if value == "a,b,c"));
    // Empty fields stay empty: the connector answers them with MISSING_*.
    let l = command("Login#1001", ",").unwrap();
    assert_eq!(
        l.command,
        Command::Login {
            password: String::new(),
            extension: String::new()
        }
    );
    // The string parameter of reject/close may be omitted.
    let p = command("RejectOutboundPreview#1001", "d-2").unwrap();
    assert!(
        matches!(p.command, Command::RejectOutboundPreview { ref action, .. } if action == "REJECT")
    );
    // The three lists.
    for list in ReasonList::ALL {
        let c = command(&format!("{}#1001", list.as_str().to_uppercase()), "").unwrap();
        assert_eq!(c.command, Command::ReasonCodes(list));
    }
}

#[test]
fn what_cannot_be_written_is_refused_not_garbled() {
    let transfer = CommandMessage::new(
        "1001",
        Command::TransferCall {
            extension: "20,02".into(),
            dialog_id: "d-1".into(),
        },
    );
    assert!(matches!(
        transfer.encode(),
        Err(EncodeError::Delimiter { .. })
    ));
    let spaced = CommandMessage::new(" 1001", Command::GetState);
    assert!(spaced.encode().is_err(), "would read back trimmed");
    let number = CommandMessage::new(
        "1001",
        Command::MakeCall {
            number: "1,2".into(),
            from_extension: None,
        },
    );
    assert!(
        number.encode().is_err(),
        "would read back as extension 1, number 2"
    );

    let mut state = AgentStateEvent::new(AgentState::Ready, ReasonCode::Empty);
    state.full_name = "A#B".into();
    let message = EventMessage {
        login_id: "1001".into(),
        event: Event::State(state.clone()),
    };
    assert!(encode_event(&message).is_err(), "# before the last field");
    state.full_name.clear();
    state.login_name = "a#b".into();
    let message = EventMessage {
        login_id: "1001".into(),
        event: Event::State(state),
    };
    let text = encode_event(&message).unwrap();
    assert_eq!(
        decode_event(text.as_bytes()).unwrap(),
        message,
        "# in the last field"
    );
}

#[test]
fn events_that_are_not_events() {
    assert_eq!(decode_event(b"\xff#State"), Err(DecodeError::NotText));
    for input in [&b""[..], b"1001", b"1001#", b"<html>", b"#"] {
        assert!(
            matches!(decode_event(input), Err(DecodeError::NotAnEvent(_))),
            "{input:?}"
        );
    }
    assert!(matches!(
        decode_event(b"1001#State#"),
        Err(DecodeError::MissingEventField {
            field: "agent_current_state",
            ..
        })
    ));
    assert!(matches!(
        decode_event(b"1001#InboundCall#ACTIVE"),
        Err(DecodeError::MissingEventField {
            field: "dialog_id",
            ..
        })
    ));
}

#[test]
fn unknown_events_and_values_are_kept() {
    for text in ["1001#Whatever#a#b", "1001#Whatever", "1001#Whatever#"] {
        let e = decode_event(text.as_bytes()).unwrap();
        assert!(matches!(e.event, Event::Unknown { .. }));
        assert_eq!(encode_event(&e).unwrap(), text);
    }
    let e = decode_event(b"1001#State#ON_BREAK#").unwrap();
    assert!(
        matches!(e.event, Event::State(ref s) if s.state == AgentState::Other("ON_BREAK".into()))
    );
    let e = decode_event(b"1001#Error#SOMETHING_NEW#text").unwrap();
    assert!(
        matches!(e.event, Event::Error(ref x) if x.name == ErrorName::Other("SOMETHING_NEW".into()))
    );
}

#[test]
fn the_reason_code_rules_of_state() {
    let reason = |text: &str| match decode_event(text.as_bytes()).unwrap().event {
        Event::State(s) => s.reason_code,
        other => panic!("{other:?}"),
    };
    assert_eq!(reason("1#State#NOT_READY#-1"), ReasonCode::Unset);
    assert_eq!(reason("1#State#READY#"), ReasonCode::Empty);
    assert_eq!(
        reason("1#State#READY"),
        ReasonCode::Empty,
        "missing reads as empty"
    );
    assert_eq!(
        reason("1#State#NOT_READY#11"),
        ReasonCode::Code("11".into())
    );
}

#[test]
fn lists_tolerate_hash_separators_trailing_commas_and_commas_in_values() {
    let e = decode_event(b"1#Phonebooks#name:A,type:GLOBAL,id:1#name:B,type:TEAM,id:2,").unwrap();
    match e.event {
        Event::Phonebooks(Listing::Found(books)) => {
            assert_eq!(books.len(), 2);
            assert_eq!(books[1].name(), Some("B"));
            assert_eq!(books[1].id(), Some("2"));
        }
        other => panic!("{other:?}"),
    }
    let e = decode_event(b"1#phonebookcontacts#nocontactfound").unwrap();
    assert_eq!(e.event, Event::PhonebookContacts(Listing::NotFound));
    let e = decode_event(b"1#NewInboundCall#061#8000#d-9").unwrap();
    assert!(
        matches!(e.event, Event::NewInboundCall(ref c) if c.dialog_id == "d-9"),
        "DialogId: prefix optional"
    );
    let e = decode_event(b"1#InboundCall#ACTIVE#DialogId:d-9#061").unwrap();
    assert!(matches!(e.event, Event::InboundCall(ref c) if c.dialog_id == "d-9"));
}

#[test]
fn team_entries_in_every_separator() {
    for teams in [
        "5000:Sales|5001:Support",
        "5000,Sales|5001,Support",
        "5000=Sales|5001=Support",
        "5000Sales|5001Support",
    ] {
        let text =
            format!("2#AgentInfo#B#D#true#REQUIRED#TotalNumberOfTeams:2#{teams}#5000#B D#bd");
        match decode_event(text.as_bytes()).unwrap().event {
            Event::AgentInfo(info) => {
                let t = info.teams.unwrap();
                assert_eq!(t.count, "2");
                assert_eq!(
                    t.teams
                        .iter()
                        .map(|t| (t.id.as_str(), t.name.as_str()))
                        .collect::<Vec<_>>(),
                    [("5000", "Sales"), ("5001", "Support")],
                    "{teams}"
                );
                assert!(info.is_supervisor);
                assert_eq!(info.team_id, "5000");
            }
            other => panic!("{other:?}"),
        }
    }
}
