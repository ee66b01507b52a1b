//! A shift through `Session<FinesseAdapter>` against a scripted broker: the STOMP session
//! opens, the agent logs in, goes ready, not ready with a reason, takes a call (ringing,
//! answered, released) and logs out; the desk and every frame sent are checked. Plus the
//! failures (login refused, broker ERROR, silent broker) and arbitrary bytes.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::adapter::Failure;
use cti::finesse::adapter::SUPPORTED;
use cti::finesse::{FinesseAdapter, FinesseConfig};
use cti::machine::{Config, Notification, Warning};
use cti::model::{
    AgentStatus, CallRef, CallState, Capabilities, Instant, Intent, IntentKind, ReasonId, Refusal,
    Role,
};
use cti::session::{Input, Output, Session};
use cti::stomp::{decode_all, Command, Frame, Limits};
use cti::transmit::{Payload, Transmit};

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

/// The desk under test and what it sent, decoded.
struct Desk {
    session: Session<FinesseAdapter>,
    sent: Vec<Frame>,
    outputs: Vec<Output>,
    message_id: u32,
}

impl Desk {
    fn new() -> Desk {
        let mut config = FinesseConfig::new("1001", "secret");
        config.extension = Some("2001".into());
        config.stomp.login = Some("agentdesk".into());
        config.stomp.passcode = Some("broker-secret".into());
        Desk {
            session: Session::new(t(0), Config::default(), FinesseAdapter::new(config)),
            sent: Vec::new(),
            outputs: Vec::new(),
            message_id: 0,
        }
    }

    /// Drains the session: frames sent are decoded, the rest kept.
    fn drain(&mut self) -> Vec<Frame> {
        let mut fresh = Vec::new();
        while let Some(output) = self.session.poll_output() {
            match output {
                Output::Transmit(Transmit {
                    payload: Payload::Frame(text),
                    ..
                }) => {
                    if text == "\n" {
                        continue;
                    }
                    let frames = decode_all(text.as_bytes(), Limits::default())
                        .unwrap_or_else(|e| panic!("{text:?}: {e}"));
                    assert_eq!(frames.len(), 1, "one frame per transmit");
                    fresh.extend(frames);
                }
                other => self.outputs.push(other),
            }
        }
        self.sent.extend(fresh.clone());
        fresh
    }

    fn feed(&mut self, now: Instant, bytes: &[u8]) {
        self.session.handle(now, Input::Received(bytes));
    }

    /// Delivers a connector event on the agent's topic.
    fn event(&mut self, now: Instant, text: &str) {
        self.message_id += 1;
        let frame = format!(
            "MESSAGE\nsubscription:sub-1\nmessage-id:m{}\ndestination:/topic/connector.event.1001\ncontent-type:text/plain\n\n{text}\0",
            self.message_id
        );
        self.feed(now, frame.as_bytes());
    }

    /// Answers every receipt asked for in `frames`.
    fn receipts(&mut self, now: Instant, frames: &[Frame]) {
        for frame in frames {
            if let Some(receipt) = frame.get("receipt") {
                let answer = format!("RECEIPT\nreceipt-id:{receipt}\n\n\0");
                self.feed(now, answer.as_bytes());
            }
        }
    }

    /// Sends an intent, answers its receipt, and returns the SEND it made.
    fn intent(&mut self, now: Instant, intent: Intent) -> Frame {
        self.session
            .send(now, intent.clone())
            .unwrap_or_else(|r| panic!("{intent:?}: {r}"));
        let frames = self.drain();
        assert_eq!(frames.len(), 1, "{intent:?}: {frames:?}");
        self.receipts(now, &frames);
        self.drain();
        frames.into_iter().next().unwrap()
    }

    fn outcomes(&self) -> Vec<Result<(), Failure>> {
        self.outputs
            .iter()
            .filter_map(|o| match o {
                Output::Outcome { result, .. } => Some(result.clone()),
                _ => None,
            })
            .collect()
    }

    fn notifications(&self) -> Vec<Notification> {
        self.outputs
            .iter()
            .filter_map(|o| match o {
                Output::Notification(n) => Some(n.clone()),
                _ => None,
            })
            .collect()
    }

    fn warnings(&self) -> Vec<Warning> {
        self.outputs
            .iter()
            .filter_map(|o| match o {
                Output::Warning(w) => Some(w.clone()),
                _ => None,
            })
            .collect()
    }

    /// Opens the socket: CONNECT, then after CONNECTED the subscription and the chores.
    fn connect(&mut self, now: Instant) {
        self.session.handle(now, Input::Connected);
        let first = self.drain();
        assert_eq!(first.len(), 1, "only CONNECT before CONNECTED: {first:?}");
        let connect = &first[0];
        assert_eq!(connect.command, Command::Connect);
        assert_eq!(connect.get("accept-version"), Some("1.2"));
        assert_eq!(connect.get("login"), Some("agentdesk"));
        assert_eq!(connect.get("passcode"), Some("broker-secret"));
        assert_eq!(connect.get("heart-beat"), Some("10000,10000"));
        self.feed(
            now,
            b"CONNECTED\nversion:1.2\nsession:s-1\nheart-beat:10000,10000\nserver:test\n\n\0",
        );
        let frames = self.drain();
        assert_eq!(frames[0].command, Command::Subscribe);
        assert_eq!(
            frames[0].get("destination"),
            Some("/topic/connector.event.1001")
        );
        let sends: Vec<(&str, &str)> = frames[1..]
            .iter()
            .map(|f| {
                assert_eq!(f.command, Command::Send);
                assert_eq!(f.get("destination"), Some("/queue/connector.command"));
                assert_eq!(f.get("receipt"), None, "chores ask no receipt");
                assert_eq!(f.get("content-length"), None, "text messages for ActiveMQ");
                (f.get("type").unwrap(), f.body_text().unwrap())
            })
            .collect();
        assert_eq!(
            sends,
            [
                ("Hello#1001", ""),
                ("Connect#1001", "1001,secret"),
                ("GetState#1001", ""),
                ("reasoncodenotready#1001", ""),
                ("reasoncodelogout#1001", ""),
                ("wrapupreasoncode#1001", ""),
            ]
        );
    }
}

#[test]
fn a_whole_shift() {
    let mut desk = Desk::new();
    assert_eq!(desk.session.capabilities(), Capabilities::of(&SUPPORTED));
    desk.connect(t(0));
    desk.event(t(10), "1001#IN_SERVICE");
    desk.event(
        t(10),
        "1001#State#LOGOUT#-1#2026-12-01 08:00:00##1764576000000#Alice Martin#1001###Alice Martin#amartin",
    );
    desk.event(
        t(10),
        "1001#ReasonCodes#reasoncodenotready#11,12#Lunch,Meeting",
    );
    desk.event(
        t(10),
        "1001#ReasonCodes#reasoncodelogout#32767#End of shift",
    );
    desk.event(
        t(10),
        "1001#AgentInfo#Alice#Martin#False#OPTIONAL#5000#Alice Martin#amartin",
    );
    desk.drain();
    assert_eq!(desk.session.status(), AgentStatus::LoggedOut);
    assert_eq!(desk.session.adapter().in_service(), Some(true));
    let reasons: Vec<(&str, &str)> = desk
        .session
        .desk()
        .reasons()
        .iter()
        .map(|r| (r.id.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(reasons, [("11", "Lunch"), ("12", "Meeting")]);
    let profile = desk.session.desk().profile().unwrap();
    assert_eq!(profile.name.as_deref(), Some("Alice Martin"));
    assert_eq!(profile.default_device.as_deref(), Some("2001"));
    assert_eq!(profile.groups, ["5000"]);
    assert_eq!(profile.role, Role::Agent);

    // Login: the outcome waits for the connector's State.
    let login = desk.intent(
        t(100),
        Intent::LogOn {
            device: "2001".into(),
            group: None,
        },
    );
    assert_eq!(login.get("type"), Some("Login#1001"));
    assert_eq!(login.body_text(), Some("secret,2001"));
    assert!(login.get("receipt").is_some());
    assert!(
        desk.outcomes().is_empty(),
        "the receipt alone does not log in"
    );
    desk.event(
        t(150),
        "1001#State#NOT_READY#-1#2026-12-01 09:00:00##1764579600000#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    desk.drain();
    assert_eq!(desk.outcomes(), [Ok(())]);
    assert_eq!(
        desk.session.status(),
        AgentStatus::Paused,
        "-1: no reason yet"
    );
    let on = desk.session.desk().agent().logged_on().cloned().unwrap();
    assert_eq!(on.device.as_deref(), Some("2001"));

    // Ready.
    let ready = desk.intent(t(200), Intent::GoReady);
    assert_eq!(ready.get("type"), Some("MakeReady#1001"));
    assert_eq!(ready.body_text(), Some(""));
    assert_eq!(desk.outcomes().len(), 2);
    desk.event(
        t(210),
        "1001#State#READY##t##1#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    desk.drain();
    assert_eq!(desk.session.status(), AgentStatus::Ready);

    // Not ready with a reason.
    let not_ready = desk.intent(
        t(300),
        Intent::Withdraw {
            reason: ReasonId::new("11"),
        },
    );
    assert_eq!(not_ready.get("type"), Some("MakeNotReadyWithReason#1001"));
    assert_eq!(not_ready.body_text(), Some("11"));
    desk.event(
        t(310),
        "1001#State#NOT_READY#11#t##1#Alice Martin#1001#2001#Lunch#Alice Martin#amartin",
    );
    desk.drain();
    assert_eq!(desk.session.status(), AgentStatus::Withdrawn);
    assert!(matches!(
        &desk.session.desk().agent().logged_on().unwrap().activity,
        cti::model::Activity::Withdrawn(w) if w.reason == Some(ReasonId::new("11"))
    ));
    assert_eq!(
        desk.session.send(
            t(311),
            Intent::Withdraw {
                reason: ReasonId::new("99")
            }
        ),
        Err(Refusal::InvalidArgument {
            what: "withdraw reason"
        }),
        "not one of the connector's reasons"
    );

    // Ready again, then a call rings, is answered and released.
    desk.intent(t(400), Intent::GoReady);
    desk.event(
        t(410),
        "1001#State#READY##t##1#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    desk.event(t(500), "1001#NewInboundCall#0611223344#8000#DialogId:d-100");
    desk.event(
        t(500),
        "1001#State#RESERVED##t##1#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    desk.drain();
    let call = desk
        .session
        .desk()
        .call(&CallRef::new("d-100"))
        .cloned()
        .unwrap();
    assert_eq!(call.state, CallState::RingingIn);
    assert_eq!(call.remote.number.as_deref(), Some("0611223344"));
    assert_eq!(call.device(), Some("2001"));
    assert!(call.capabilities.answer);
    assert_eq!(desk.session.status(), AgentStatus::Busy);
    assert!(desk.notifications().iter().any(|n| matches!(
        n,
        Notification::CallRinging { call, .. } if call.as_str() == "d-100"
    )));

    let answer = desk.intent(
        t(600),
        Intent::Answer {
            call: CallRef::new("d-100"),
        },
    );
    assert_eq!(answer.get("type"), Some("AnswerCall#1001"));
    assert_eq!(answer.body_text(), Some("d-100"));
    desk.event(t(610), "1001#InboundCall#ACTIVE#d-100#0611223344");
    desk.event(
        t(610),
        "1001#State#TALKING##t##1#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    desk.drain();
    let call = desk
        .session
        .desk()
        .call(&CallRef::new("d-100"))
        .cloned()
        .unwrap();
    assert_eq!(call.state, CallState::Active);
    assert!(call.answered.is_some());

    let hold = desk.intent(
        t(650),
        Intent::Hold {
            call: CallRef::new("d-100"),
        },
    );
    assert_eq!(hold.get("type"), Some("HoldCall#1001"));
    desk.event(t(660), "1001#InboundCall#HELD#d-100#0611223344");
    desk.drain();
    assert_eq!(desk.session.desk().calls()[0].state, CallState::Held);
    let retrieve = desk.intent(
        t(670),
        Intent::Retrieve {
            call: CallRef::new("d-100"),
        },
    );
    assert_eq!(retrieve.get("type"), Some("RetrieveCall#1001"));
    desk.event(t(680), "1001#InboundCall#ACTIVE#d-100#0611223344");

    let release = desk.intent(
        t(700),
        Intent::HangUp {
            call: CallRef::new("d-100"),
        },
    );
    assert_eq!(release.get("type"), Some("ReleaseCall#1001"));
    assert_eq!(release.body_text(), Some("d-100"));
    desk.event(t(710), "1001#InboundCall#DROPPED#d-100#0611223344");
    desk.event(
        t(710),
        "1001#State#WORK##t##1#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    desk.drain();
    assert!(desk.session.desk().calls().is_empty());
    assert_eq!(desk.session.status(), AgentStatus::WrapUp);
    assert!(desk
        .notifications()
        .iter()
        .any(|n| matches!(n, Notification::CallEnded { answered: true, .. })));

    // Logout.
    desk.event(
        t(800),
        "1001#State#NOT_READY#-1#t##1#Alice Martin#1001#2001##Alice Martin#amartin",
    );
    let logout = desk.intent(t(900), Intent::LogOff);
    assert_eq!(logout.get("type"), Some("Logout#1001"));
    assert_eq!(logout.body_text(), Some(""));
    desk.event(
        t(910),
        "1001#State#LOGOUT#-1#t##1#Alice Martin#1001###Alice Martin#amartin",
    );
    desk.drain();
    assert_eq!(desk.session.status(), AgentStatus::LoggedOut);
    assert!(desk.outcomes().iter().all(Result::is_ok));
    assert_eq!(desk.outcomes().len(), 9);
    assert!(desk.warnings().is_empty(), "{:?}", desk.warnings());

    // Every SEND went to the command queue with its JMS type in `type`.
    let types: Vec<&str> = desk
        .sent
        .iter()
        .filter(|f| f.command == Command::Send)
        .filter_map(|f| f.get("type"))
        .collect();
    assert_eq!(types.len(), 6 + 9);
}

#[test]
fn a_refused_login_fails_with_the_connectors_error() {
    let mut desk = Desk::new();
    desk.connect(t(0));
    desk.intent(
        t(10),
        Intent::LogOn {
            device: "2009".into(),
            group: None,
        },
    );
    desk.event(
        t(20),
        "1001#Error#WRONG_EXTENSION#Extension 2009 is not valid",
    );
    desk.drain();
    assert_eq!(
        desk.outcomes(),
        [Err(Failure::Rejected(
            "WRONG_EXTENSION: Extension 2009 is not valid".into()
        ))]
    );
    assert_eq!(desk.session.status(), AgentStatus::LoggedOut);
    assert_eq!(
        desk.session.adapter().last_error().map(|e| e.name.as_str()),
        Some("WRONG_EXTENSION")
    );
    // An error without a login waiting is a warning.
    desk.event(t(30), "1001#Error#GENERAL_ERROR#");
    desk.drain();
    assert!(matches!(
        desk.warnings().last(),
        Some(Warning::RequestFailed { message, .. }) if message.starts_with("GENERAL_ERROR")
    ));
}

#[test]
fn a_login_the_connector_never_answers_times_out() {
    let mut desk = Desk::new();
    desk.connect(t(0));
    desk.intent(
        t(10),
        Intent::LogOn {
            device: "2001".into(),
            group: None,
        },
    );
    let deadline = desk.session.poll_timeout().unwrap();
    assert!(deadline <= t(15_010));
    // Keep the broker alive meanwhile.
    desk.feed(t(9_000), b"\n");
    desk.session.handle(t(15_010), Input::Timeout);
    desk.drain();
    assert!(matches!(
        desk.outcomes().as_slice(),
        [Err(Failure::Unreachable(_))]
    ));
}

#[test]
fn a_broker_error_fails_the_intent_it_names_and_closes() {
    let mut desk = Desk::new();
    desk.connect(t(0));
    desk.event(t(1), "1001#State#READY##t##1#A#1001#2001##A#a");
    desk.session.send(t(2), Intent::Pause).unwrap();
    let frames = desk.drain();
    let receipt = frames[0].get("receipt").unwrap().to_owned();
    assert_eq!(frames[0].get("type"), Some("MakeNotReady#1001"));
    let error = format!("ERROR\nmessage:access refused\nreceipt-id:{receipt}\n\nno write access to /queue/connector.command\0");
    desk.feed(t(3), error.as_bytes());
    desk.drain();
    assert!(
        matches!(desk.outcomes().as_slice(), [Err(Failure::Rejected(m))] if m.contains("access refused"))
    );
    assert_eq!(
        desk.session.adapter().broker_state(),
        Some(cti::stomp::ClientState::Closed)
    );
    // Nothing can go until the host reconnects.
    desk.session.send(t(4), Intent::Pause).unwrap();
    desk.drain();
    assert!(matches!(
        desk.outcomes().last(),
        Some(Err(Failure::Unreachable(_)))
    ));
    // Reconnecting opens a new STOMP session and reloads the state.
    desk.connect(t(5));
}

#[test]
fn heart_beats_go_out_and_a_silent_broker_is_noticed() {
    let mut desk = Desk::new();
    desk.connect(t(0));
    // We send an EOL after 10 s of quiet.
    desk.feed(t(9_000), b"\n");
    assert_eq!(desk.session.poll_timeout(), Some(t(10_000)));
    desk.session.handle(t(10_000), Input::Timeout);
    let mut beats = 0;
    while let Some(output) = desk.session.poll_output() {
        if let Output::Transmit(Transmit {
            payload: Payload::Frame(text),
            ..
        }) = output
        {
            assert_eq!(text, "\n");
            beats += 1;
        }
    }
    assert_eq!(beats, 1);
    // Nothing from the broker for two intervals after its last byte (t = 9 s): silent.
    desk.session.handle(t(29_000), Input::Timeout);
    desk.drain();
    assert!(desk.warnings().iter().any(|w| matches!(
        w,
        Warning::RequestFailed {
            what: "heart-beat",
            ..
        }
    )));
}

#[test]
fn dialogs_previews_lists_and_other_agents() {
    let mut desk = Desk::new();
    desk.connect(t(0));
    desk.event(t(1), "1001#State#READY##t##1#A#1001#2001##A#a");
    // A preview offer is kept by the adapter, not a call.
    desk.event(
        t(2),
        "1001#DialogStatus#d-200#ALERTING#OUTBOUND_PREVIEW#8000#0611223366#BACampaign:Renewals",
    );
    desk.drain();
    assert!(desk.session.desk().calls().is_empty());
    let offers = desk.session.adapter().preview_offers();
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].variables.get("BACampaign"), Some("Renewals"));
    // Accepted: it becomes a call.
    desk.event(
        t(3),
        "1001#DialogStatus#d-200#ACTIVE#OUTBOUND_PREVIEW#8000#0611223366#",
    );
    desk.drain();
    assert!(desk.session.adapter().preview_offers().is_empty());
    let call = desk
        .session
        .desk()
        .call(&CallRef::new("d-200"))
        .cloned()
        .unwrap();
    assert_eq!(call.state, CallState::Active);
    assert_eq!(call.remote.number.as_deref(), Some("0611223366"));
    // A blind transfer is TransferCall to the second agent's extension.
    let transfer = desk.intent(
        t(4),
        Intent::BlindTransfer {
            call: CallRef::new("d-200"),
            to: "2002".into(),
        },
    );
    assert_eq!(transfer.get("type"), Some("TransferCall#1001"));
    assert_eq!(transfer.body_text(), Some("2002,d-200"));
    // An outbound call rings at the far end.
    desk.event(t(5), "1001#OutboundCall#ALERTING#d-300#0611223355");
    desk.drain();
    assert_eq!(
        desk.session
            .desk()
            .call(&CallRef::new("d-300"))
            .unwrap()
            .state,
        CallState::RingingOut
    );
    // Lists.
    desk.event(t(6), "1001#Phonebooks#name:Customers,type:GLOBAL,id:1");
    desk.event(t(6), "1001#PhonebookContacts#NoContactFound");
    desk.event(
        t(6),
        "1001#QueueList#queue_name:Sales,Number_of_CallsInQueue:3",
    );
    desk.drain();
    let adapter = desk.session.adapter();
    assert_eq!(
        adapter.phonebooks().unwrap().entries()[0].name(),
        Some("Customers")
    );
    assert_eq!(adapter.contacts(), Some(&cti::finesse::Listing::NotFound));
    assert_eq!(adapter.queues()[0].calls_waiting(), Some(3));
    // Another agent's events are not ours.
    desk.event(t(7), "1002#State#LOGOUT#-1");
    desk.drain();
    assert_eq!(
        desk.session.status(),
        AgentStatus::Ready,
        "another agent's state"
    );
    // A supervisor's AgentInfo.
    desk.event(
        t(8),
        "1001#AgentInfo#A#M#True#REQUIRED#TotalNumberOfTeams:2#5000:Sales|5001:Support#5000#A M#am",
    );
    desk.drain();
    let profile = desk.session.desk().profile().unwrap();
    assert_eq!(profile.role, Role::Supervisor);
    assert_eq!(profile.groups, ["5000", "5001"]);
    // Undecodable events are warnings.
    desk.event(t(9), "not an event");
    desk.drain();
    assert!(matches!(
        desk.warnings().last(),
        Some(Warning::UndecodableEvent { .. })
    ));
}

#[test]
fn unsupported_intents_are_refused_before_the_wire() {
    let mut desk = Desk::new();
    desk.connect(t(0));
    for kind in IntentKind::ALL {
        assert_eq!(
            desk.session.capabilities().supports(kind),
            SUPPORTED.contains(&kind),
            "{kind:?}"
        );
    }
    assert!(matches!(
        desk.session.send(t(1), Intent::WrapUp),
        Err(Refusal::NotSupported { .. })
    ));
    assert!(desk.drain().is_empty());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..80), 0..12)) {
            let mut desk = Desk::new();
            desk.session.handle(t(0), Input::Connected);
            desk.session.handle(t(0), Input::Received(b"CONNECTED\nversion:1.2\n\n\0"));
            for (i, chunk) in chunks.iter().enumerate() {
                desk.session.handle(t(i as u64), Input::Received(chunk));
                while desk.session.poll_output().is_some() {}
            }
            // And as connector events inside well-formed MESSAGE frames.
            let mut desk = Desk::new();
            desk.connect(t(0));
            for chunk in &chunks {
                let mut frame = b"MESSAGE\ndestination:/topic/connector.event.1001\n\n".to_vec();
                frame.extend(chunk.iter().map(|b| if *b == 0 { b'#' } else { *b }));
                frame.push(0);
                desk.feed(t(1), &frame);
                while desk.session.poll_output().is_some() {}
            }
        }

        #[test]
        fn arbitrary_connector_events_never_panic(
            events in proptest::collection::vec("1001#(State|NewInboundCall|InboundCall|OutboundCall|ConsultCall|DialogStatus|AgentInfo|ReasonCodes|Error)#[A-Z_a-z0-9:,#|-]{0,40}", 0..20)
        ) {
            let mut desk = Desk::new();
            desk.connect(t(0));
            for (i, event) in events.iter().enumerate() {
                desk.event(t(i as u64), event);
                while desk.session.poll_output().is_some() {}
            }
        }
    }
}
