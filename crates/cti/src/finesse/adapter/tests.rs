//! The adapter's own rules; the whole flow through a `Session` is in
//! `crates/cti/tests/finesse_session.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::machine::Config;
use crate::model::{CallRef, ReasonId};

fn adapter() -> FinesseAdapter {
    let mut config = FinesseConfig::new("1001", "secret");
    config.extension = Some("2001".into());
    FinesseAdapter::new(config)
}

fn outputs(adapter: &mut FinesseAdapter) -> Vec<AdapterOutput> {
    std::iter::from_fn(|| adapter.poll_output()).collect()
}

/// The SENDs queued, as (type, body).
fn sends(outputs: &[AdapterOutput]) -> Vec<(String, String)> {
    outputs
        .iter()
        .filter_map(|o| match o {
            AdapterOutput::Transmit(Transmit {
                payload: Payload::Frame(text),
                ..
            }) => crate::stomp::decode_all(text.as_bytes(), crate::stomp::Limits::default())
                .ok()
                .and_then(|f| f.into_iter().next()),
            _ => None,
        })
        .filter(|f| f.command == crate::stomp::Command::Send)
        .map(|f| {
            (
                f.get("type").unwrap_or_default().to_owned(),
                f.body_text().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_supported_intent_has_its_command() {
    let call = CallRef::new("d-1");
    let cases = [
        (
            Intent::LogOn {
                device: " 2001 ".into(),
                group: Some("ignored".into()),
            },
            "Login#1001",
            "secret,2001",
        ),
        (Intent::LogOff, "Logout#1001", ""),
        (Intent::GoReady, "MakeReady#1001", ""),
        (Intent::Pause, "MakeNotReady#1001", ""),
        (
            Intent::Withdraw {
                reason: ReasonId::new("11"),
            },
            "MakeNotReadyWithReason#1001",
            "11",
        ),
        (
            Intent::MakeCall {
                to: "0611223344".into(),
            },
            "MakeCall#1001",
            "0611223344",
        ),
        (
            Intent::Answer { call: call.clone() },
            "AnswerCall#1001",
            "d-1",
        ),
        (
            Intent::HangUp { call: call.clone() },
            "ReleaseCall#1001",
            "d-1",
        ),
        (Intent::Hold { call: call.clone() }, "HoldCall#1001", "d-1"),
        (
            Intent::Retrieve { call: call.clone() },
            "RetrieveCall#1001",
            "d-1",
        ),
        (
            Intent::BlindTransfer {
                call,
                to: "2002".into(),
            },
            "TransferCall#1001",
            "2002,d-1",
        ),
    ];
    assert_eq!(cases.len(), SUPPORTED.len());
    for (intent, jms_type, body) in cases {
        assert!(SUPPORTED.contains(&intent.kind()));
        let command = command_for(&intent, "secret").unwrap();
        let (t, b) = CommandMessage::new("1001", command).encode().unwrap();
        assert_eq!((t.as_str(), b.as_str()), (jms_type, body), "{intent:?}");
    }
    assert!(matches!(
        command_for(&Intent::WrapUp, "x"),
        Err(Refusal::NotSupported { .. })
    ));
}

#[test]
fn without_a_session_an_intent_fails_unreachable() {
    let mut adapter = adapter();
    let machine = Machine::new(Instant::ZERO, Config::default());
    adapter
        .send(Instant::ZERO, &machine, IntentId(1), Intent::GoReady)
        .unwrap();
    assert!(matches!(
        outputs(&mut adapter).as_slice(),
        [AdapterOutput::Outcome {
            result: Err(Failure::Unreachable(_)),
            ..
        }]
    ));
    let desk = Desk::new(Instant::ZERO);
    adapter.handle_received(Instant::ZERO, &desk, b"MESSAGE\n\n\0");
    assert!(matches!(
        outputs(&mut adapter).as_slice(),
        [AdapterOutput::Warning(Warning::UndecodableEvent { .. })]
    ));
}

#[test]
fn without_receipts_the_outcome_comes_when_queued() {
    let mut config = FinesseConfig::new("1001", "secret");
    config.receipts = false;
    let mut adapter = FinesseAdapter::new(config);
    let desk = Desk::new(Instant::ZERO);
    adapter.resync(Instant::ZERO, &desk);
    adapter.handle_received(Instant::ZERO, &desk, b"CONNECTED\nversion:1.2\n\n\0");
    outputs(&mut adapter);
    let machine = Machine::new(Instant::ZERO, Config::default());
    adapter
        .send(Instant::ZERO, &machine, IntentId(7), Intent::GoReady)
        .unwrap();
    let out = outputs(&mut adapter);
    assert_eq!(sends(&out), [("MakeReady#1001".to_owned(), String::new())]);
    assert!(out.contains(&AdapterOutput::Outcome {
        intent: IntentId(7),
        result: Ok(())
    }));
}

#[test]
fn connector_commands_keep_callbacks_and_previews() {
    let mut adapter = adapter();
    let desk = Desk::new(Instant::ZERO);
    adapter.resync(Instant::ZERO, &desk);
    adapter.handle_received(Instant::ZERO, &desk, b"CONNECTED\nversion:1.2\n\n\0");
    let offer = "MESSAGE\ndestination:/topic/connector.event.1001\n\n1001#DialogStatus#d-200#ALERTING#OUTBOUND_PREVIEW#8000#061##\0";
    adapter.handle_received(Instant::ZERO, &desk, offer.as_bytes());
    assert_eq!(adapter.preview_offers().len(), 1);
    outputs(&mut adapter);
    let schedule = Command::ScheduleCallback {
        target_media_address: "2001".into(),
        dialog_id: "d-100".into(),
        callback_time: "2026-12-01T15:30:00".into(),
        callback_number: "0611223344".into(),
    };
    assert!(adapter.command(Instant::ZERO, schedule).unwrap().is_some());
    adapter
        .command(
            Instant::ZERO,
            Command::AcceptOutboundPreview {
                dialog_id: "d-200".into(),
                action: "ACCEPT".into(),
            },
        )
        .unwrap();
    assert_eq!(adapter.callbacks().len(), 1);
    assert!(adapter.preview_offers().is_empty());
    assert_eq!(
        sends(&outputs(&mut adapter)),
        [
            (
                "SHCEDULECALLBACK#1001".to_owned(),
                "2001,d-100,2026-12-01T15:30:00,0611223344".to_owned()
            ),
            (
                "AcceptOutboundPreview#1001".to_owned(),
                "d-200,ACCEPT".to_owned()
            ),
        ]
    );
    adapter
        .command(
            Instant::ZERO,
            Command::CancelScheduledCallback {
                target_media_address: "2001".into(),
                dialog_id: "d-100".into(),
            },
        )
        .unwrap();
    assert!(adapter.callbacks().is_empty());
    assert!(adapter
        .command(
            Instant::ZERO,
            Command::TransferCall {
                extension: "1,2".into(),
                dialog_id: "d".into()
            }
        )
        .is_err());
}
