//! Golden event traces of the main contact-centre flows, driven on the simulator in virtual
//! time. These traces are the contract with the widget (AMBIG-95): each line is one published
//! event, `login EventName callRef-alias details`, call references renamed c1, c2... in order
//! of appearance.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

use std::collections::HashMap;

use cti::o2g::event::Event;
use cti::o2g::telephony::{Call, Leg, Participant, RecordingAction};
use gateway::fronts::o2g::sim::{SimReply, SimRequest, Simulator};
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};

const ALICE: &str = "oxe70120";
const BRUNO: &str = "oxe70121";
const MARC: &str = "oxe70140";
const SOPHIE: &str = "oxe70130";

/// A simulator on the default scenario, bots filtered, no random traffic.
fn simulator(bots: &[&str]) -> Simulator {
    let mut scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
    scenario.bots.retain(|b| bots.contains(&b.number.as_str()));
    scenario.traffic.calls_per_minute = 0.0;
    Simulator::new(scenario, 0)
}

/// Records events as golden lines, for the logins watched.
struct Tracer {
    aliases: HashMap<String, String>,
    watched: Vec<&'static str>,
}

impl Tracer {
    fn new(watched: &[&'static str]) -> Tracer {
        Tracer {
            aliases: HashMap::new(),
            watched: watched.to_vec(),
        }
    }

    fn alias(&mut self, reference: &str) -> String {
        let next = format!("c{}", self.aliases.len() + 1);
        self.aliases
            .entry(reference.to_owned())
            .or_insert(next)
            .clone()
    }

    fn legs(legs: &[Leg]) -> String {
        legs.iter()
            .map(|l| format!("{}:{}", l.device_id, json(&l.state)))
            .collect::<Vec<_>>()
            .join(",")
    }

    fn parties(participants: &[Participant]) -> String {
        participants
            .iter()
            .map(|p| {
                p.identity
                    .as_ref()
                    .and_then(|i| i.id.phone_number.clone())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    fn drain(&mut self, sim: &mut Simulator) -> Vec<String> {
        let mut lines = Vec::new();
        while let Some((login, event)) = sim.poll_event() {
            if !self.watched.contains(&login.as_str()) {
                continue;
            }
            assert_eq!(
                event.login_name(),
                Some(login.as_str()),
                "addressed to its login"
            );
            let detail = match &event {
                Event::OnCallCreated(e) => {
                    let acd = e
                        .call_data
                        .as_ref()
                        .and_then(|d| d.acd_call_data.as_ref())
                        .and_then(|a| a.pilot_number.clone())
                        .map(|p| format!(" pilot={p}"))
                        .unwrap_or_default();
                    format!(
                        "{} cause={} legs={} with={}{acd}",
                        self.alias(&e.call_ref),
                        json(&e.cause),
                        Self::legs(&e.legs),
                        Self::parties(&e.participants)
                    )
                }
                Event::OnCallModified(e) => {
                    let previous = e
                        .previous_call_ref
                        .as_ref()
                        .map(|p| format!(" previous={}", self.alias(p)))
                        .unwrap_or_default();
                    let mut parts = vec![format!(
                        "{}{previous} cause={}",
                        self.alias(&e.call_ref),
                        json(&e.cause)
                    )];
                    if !e.modified_legs.is_empty() {
                        parts.push(format!("legs={}", Self::legs(&e.modified_legs)));
                    }
                    if !e.added_legs.is_empty() {
                        parts.push(format!("+legs={}", Self::legs(&e.added_legs)));
                    }
                    if !e.added_participants.is_empty() {
                        parts.push(format!("+with={}", Self::parties(&e.added_participants)));
                    }
                    if !e.removed_participant_ids.is_empty() {
                        parts.push(format!("-with={}", e.removed_participant_ids.len()));
                    }
                    if let Some(record) = e.call_data.as_ref().and_then(|d| d.record_state) {
                        parts.push(format!("record={}", json(&Some(record))));
                    }
                    parts.join(" ")
                }
                Event::OnCallRemoved(e) => {
                    let destination = e
                        .new_destination
                        .as_ref()
                        .map(|d| format!(" to={d}"))
                        .unwrap_or_default();
                    format!(
                        "{} cause={}{destination}",
                        self.alias(&e.call_ref),
                        json(&e.cause)
                    )
                }
                Event::OnUserStateModified(e) => json(&Some(e.state)),
                Event::OnAgentStateChanged(e) => {
                    let reason = e
                        .state
                        .withdraw_reason
                        .map(|r| format!(" reason={r}"))
                        .unwrap_or_default();
                    format!(
                        "{} {}{reason}",
                        json(&Some(e.state.main_state)),
                        json(&e.state.sub_state)
                    )
                }
                Event::OnComRecordCreated(e) => {
                    let owner = &e.record.participants[0];
                    format!(
                        "{} {} answered={}",
                        self.alias(&e.record.com_ref),
                        json(&owner.role),
                        owner.answered.unwrap_or_default()
                    )
                }
                Event::OnEventSummaryUpdated(e) => format!(
                    "missed={} voice={}",
                    e.event_summary.missed_calls_nb.unwrap_or_default(),
                    e.event_summary.voice_messages_nb.unwrap_or_default()
                ),
                Event::OnSupervisorHelpRequested(e) => e.agent_number.clone().unwrap_or_default(),
                Event::OnSupervisorHelpCancelled(e) => e.agent_number.clone().unwrap_or_default(),
                _ => String::new(),
            };
            lines.push(
                format!("{login} {} {detail}", event.name())
                    .trim_end()
                    .to_owned(),
            );
        }
        lines
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "-".to_owned())
}

fn ok(sim: &mut Simulator, now: u64, login: &str, request: SimRequest) -> SimReply {
    sim.handle_request(now, login, request)
        .unwrap_or_else(|e| panic!("{login} at {now}: {e}"))
}

fn make_call(sim: &mut Simulator, now: u64, login: &str, device: &str, callee: &str) -> String {
    match ok(
        sim,
        now,
        login,
        SimRequest::MakeCall {
            device: device.into(),
            callee: callee.into(),
        },
    ) {
        SimReply::Created(reference) => reference,
        other => panic!("{other:?}"),
    }
}

fn log_on_ready(sim: &mut Simulator, now: u64, login: &str, device: &str, group: &str) {
    ok(
        sim,
        now,
        login,
        SimRequest::LogOn {
            device: device.into(),
            group: Some(group.into()),
        },
    );
    ok(sim, now, login, SimRequest::Ready);
}

fn assert_trace(actual: &[String], expected: &str) {
    let expected: Vec<&str> = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if actual != expected {
        panic!(
            "trace differs.\n--- actual ---\n{}\n--- expected ---\n{}",
            actual.join("\n"),
            expected.join("\n")
        );
    }
}

fn calls_of(sim: &mut Simulator, now: u64, login: &str) -> Vec<Call> {
    match ok(sim, now, login, SimRequest::GetCalls) {
        SimReply::Calls(calls) => calls.calls,
        other => panic!("{other:?}"),
    }
}

#[test]
fn acd_call_consult_colleague_transfer_wrap_up_ready() {
    let mut sim = simulator(&["70150"]);
    let mut trace = Tracer::new(&[ALICE, "oxe70150"]);
    log_on_ready(&mut sim, 0, ALICE, "71120", "60122");
    let c1 = sim
        .inject_call(1_000, "60142", Some("+33612345678"))
        .expect("inject");
    ok(
        &mut sim,
        3_000,
        ALICE,
        SimRequest::Answer {
            call: c1.clone(),
            device: "71120".into(),
        },
    );
    let c2 = make_call(&mut sim, 20_000, ALICE, "71120", "70150");
    sim.advance(23_000);
    ok(
        &mut sim,
        30_000,
        ALICE,
        SimRequest::Transfer {
            active: c2,
            held: c1,
        },
    );
    sim.advance(49_999);
    let before_ready = trace.drain(&mut sim);
    sim.advance(50_000);
    let mut lines = before_ready;
    lines.extend(trace.drain(&mut sim));
    assert_trace(&lines, "
        oxe70120 OnAgentStateChanged LOG_ON PAUSE
        oxe70120 OnAgentStateChanged LOG_ON READY
        oxe70120 OnCallCreated c1 cause=DISTRIBUTED legs=71120:RINGING_INCOMING with=+33612345678 pilot=60142
        oxe70120 OnUserStateModified BUSY
        oxe70120 OnAgentStateChanged LOG_ON BUSY
        oxe70120 OnCallModified c1 cause=- legs=71120:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=71120:HELD
        oxe70120 OnCallCreated c2 cause=- legs=71120:RINGING_OUTGOING with=70150
        oxe70150 OnCallCreated c2 cause=- legs=70150:RINGING_INCOMING with=70120
        oxe70150 OnUserStateModified BUSY
        oxe70120 OnCallModified c1 cause=-
        oxe70120 OnCallModified c2 cause=- legs=71120:ACTIVE
        oxe70150 OnCallModified c2 cause=- legs=70150:ACTIVE
        oxe70120 OnCallRemoved c1 cause=TRANSFERRED
        oxe70120 OnCallRemoved c2 cause=TRANSFERRED
        oxe70120 OnUserStateModified FREE
        oxe70120 OnAgentStateChanged LOG_ON WRAPUP
        oxe70120 OnComRecordCreated c2 CALLER answered=true
        oxe70120 OnComRecordCreated c1 CALLEE answered=true
        oxe70150 OnCallModified c1 previous=c2 cause=TRANSFERRED +with=+33612345678 -with=1
        oxe70120 OnAgentStateChanged LOG_ON READY
    ");
}

#[test]
fn internal_call_hold_retrieve_dtmf_recording_release() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE, BRUNO]);
    let c1 = make_call(&mut sim, 0, ALICE, "70120", "70121");
    ok(
        &mut sim,
        2_000,
        BRUNO,
        SimRequest::Answer {
            call: c1.clone(),
            device: "70121".into(),
        },
    );
    ok(
        &mut sim,
        3_000,
        ALICE,
        SimRequest::Hold {
            call: c1.clone(),
            device: "70120".into(),
        },
    );
    ok(
        &mut sim,
        4_000,
        ALICE,
        SimRequest::Retrieve {
            call: c1.clone(),
            device: "70120".into(),
        },
    );
    ok(
        &mut sim,
        5_000,
        ALICE,
        SimRequest::SendDtmf {
            call: c1.clone(),
            device: "70120".into(),
            digits: "12#".into(),
        },
    );
    for action in [
        RecordingAction::Start,
        RecordingAction::Pause,
        RecordingAction::Resume,
        RecordingAction::Stop,
    ] {
        ok(
            &mut sim,
            6_000,
            ALICE,
            SimRequest::Recording {
                call: c1.clone(),
                action,
            },
        );
    }
    ok(&mut sim, 9_000, BRUNO, SimRequest::Release { call: c1 });
    assert_trace(
        &trace.drain(&mut sim),
        "
        oxe70120 OnCallCreated c1 cause=- legs=70120:RINGING_OUTGOING with=70121
        oxe70120 OnUserStateModified BUSY
        oxe70121 OnCallCreated c1 cause=- legs=70121:RINGING_INCOMING with=70120
        oxe70121 OnUserStateModified BUSY
        oxe70121 OnCallModified c1 cause=- legs=70121:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=70120:HELD
        oxe70120 OnCallModified c1 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c1 cause=- record=RECORDING
        oxe70121 OnCallModified c1 cause=- record=RECORDING
        oxe70120 OnCallModified c1 cause=- record=PAUSED
        oxe70121 OnCallModified c1 cause=- record=PAUSED
        oxe70120 OnCallModified c1 cause=- record=RECORDING
        oxe70121 OnCallModified c1 cause=- record=RECORDING
        oxe70120 OnCallModified c1 cause=-
        oxe70121 OnCallModified c1 cause=-
        oxe70121 OnCallRemoved c1 cause=CLEARED
        oxe70121 OnUserStateModified FREE
        oxe70121 OnComRecordCreated c1 CALLEE answered=true
        oxe70120 OnCallRemoved c1 cause=CLEARED
        oxe70120 OnUserStateModified FREE
        oxe70120 OnComRecordCreated c1 CALLER answered=true
    ",
    );
}

#[test]
fn conference_then_one_party_leaves() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE, BRUNO, MARC]);
    let c1 = make_call(&mut sim, 0, ALICE, "70120", "70121");
    ok(
        &mut sim,
        1_000,
        BRUNO,
        SimRequest::Answer {
            call: c1.clone(),
            device: "70121".into(),
        },
    );
    let c2 = make_call(&mut sim, 2_000, ALICE, "70120", "70140");
    ok(
        &mut sim,
        3_000,
        MARC,
        SimRequest::Answer {
            call: c2.clone(),
            device: "70140".into(),
        },
    );
    ok(
        &mut sim,
        4_000,
        ALICE,
        SimRequest::Merge {
            active: c2,
            held: c1.clone(),
        },
    );
    let conference = calls_of(&mut sim, 4_000, ALICE);
    assert_eq!(conference.len(), 1);
    assert_eq!(conference[0].participants.len(), 2);
    ok(
        &mut sim,
        5_000,
        MARC,
        SimRequest::DropMe { call: c1.clone() },
    );
    ok(&mut sim, 6_000, ALICE, SimRequest::Release { call: c1 });
    assert_trace(
        &trace.drain(&mut sim),
        "
        oxe70120 OnCallCreated c1 cause=- legs=70120:RINGING_OUTGOING with=70121
        oxe70120 OnUserStateModified BUSY
        oxe70121 OnCallCreated c1 cause=- legs=70121:RINGING_INCOMING with=70120
        oxe70121 OnUserStateModified BUSY
        oxe70121 OnCallModified c1 cause=- legs=70121:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=70120:HELD
        oxe70120 OnCallCreated c2 cause=- legs=70120:RINGING_OUTGOING with=70140
        oxe70140 OnCallCreated c2 cause=- legs=70140:RINGING_INCOMING with=70120
        oxe70140 OnUserStateModified BUSY
        oxe70140 OnCallModified c2 cause=- legs=70140:ACTIVE
        oxe70120 OnCallModified c1 cause=-
        oxe70120 OnCallModified c2 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c1 previous=c2 cause=CONFERENCED legs=70120:ACTIVE +with=70140
        oxe70140 OnCallModified c1 previous=c2 cause=CONFERENCED +with=70120,70121 -with=1
        oxe70121 OnCallModified c1 cause=CONFERENCED +with=70140
        oxe70140 OnCallRemoved c1 cause=PARTICIPANT_LEFT
        oxe70140 OnUserStateModified FREE
        oxe70140 OnComRecordCreated c1 CALLEE answered=true
        oxe70120 OnCallModified c1 cause=PARTICIPANT_LEFT -with=1
        oxe70121 OnCallModified c1 cause=PARTICIPANT_LEFT -with=1
        oxe70120 OnCallRemoved c1 cause=CLEARED
        oxe70120 OnUserStateModified FREE
        oxe70120 OnComRecordCreated c1 CALLER answered=true
        oxe70121 OnCallRemoved c1 cause=CLEARED
        oxe70121 OnUserStateModified FREE
        oxe70121 OnComRecordCreated c1 CALLEE answered=true
    ",
    );
}

#[test]
fn redirect_then_no_answer_is_a_missed_call() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE, BRUNO, MARC]);
    let c1 = make_call(&mut sim, 0, MARC, "70140", "70120");
    ok(
        &mut sim,
        1_000,
        ALICE,
        SimRequest::Redirect {
            call: c1,
            to: "70121".into(),
        },
    );
    sim.advance(31_000);
    assert_trace(
        &trace.drain(&mut sim),
        "
        oxe70140 OnCallCreated c1 cause=- legs=70140:RINGING_OUTGOING with=70120
        oxe70140 OnUserStateModified BUSY
        oxe70120 OnCallCreated c1 cause=- legs=70120:RINGING_INCOMING with=70140
        oxe70120 OnUserStateModified BUSY
        oxe70120 OnCallRemoved c1 cause=REDIRECTED to=70121
        oxe70120 OnUserStateModified FREE
        oxe70120 OnComRecordCreated c1 CALLEE answered=false
        oxe70121 OnCallCreated c1 cause=REDIRECTED legs=70121:RINGING_INCOMING with=70140
        oxe70121 OnUserStateModified BUSY
        oxe70140 OnCallModified c1 cause=REDIRECTED +with=70121 -with=1
        oxe70121 OnCallRemoved c1 cause=NOT_ANSWERED
        oxe70121 OnUserStateModified FREE
        oxe70121 OnEventSummaryUpdated missed=1 voice=0
        oxe70121 OnComRecordCreated c1 CALLEE answered=false
        oxe70140 OnCallRemoved c1 cause=NOT_ANSWERED
        oxe70140 OnUserStateModified FREE
        oxe70140 OnComRecordCreated c1 CALLER answered=false
    ",
    );
}

#[test]
fn redirect_to_voicemail_counts_a_voice_message() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE, MARC]);
    let c1 = make_call(&mut sim, 0, MARC, "70140", "70120");
    ok(
        &mut sim,
        1_000,
        ALICE,
        SimRequest::Redirect {
            call: c1,
            to: "VOICEMAIL".into(),
        },
    );
    assert_trace(
        &trace.drain(&mut sim),
        "
        oxe70140 OnCallCreated c1 cause=- legs=70140:RINGING_OUTGOING with=70120
        oxe70140 OnUserStateModified BUSY
        oxe70120 OnCallCreated c1 cause=- legs=70120:RINGING_INCOMING with=70140
        oxe70120 OnUserStateModified BUSY
        oxe70120 OnCallRemoved c1 cause=REDIRECTED to=VOICEMAIL
        oxe70120 OnUserStateModified FREE
        oxe70120 OnEventSummaryUpdated missed=0 voice=1
        oxe70120 OnComRecordCreated c1 CALLEE answered=false
        oxe70140 OnCallRemoved c1 cause=REDIRECTED to=VOICEMAIL
        oxe70140 OnUserStateModified FREE
        oxe70140 OnComRecordCreated c1 CALLER answered=false
    ",
    );
}

#[test]
fn consult_cancelled_with_reconnect_and_alternate() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE]);
    let c1 = make_call(&mut sim, 0, ALICE, "70120", "70121");
    ok(
        &mut sim,
        1_000,
        BRUNO,
        SimRequest::Answer {
            call: c1.clone(),
            device: "70121".into(),
        },
    );
    let c2 = make_call(&mut sim, 2_000, ALICE, "70120", "70140");
    ok(
        &mut sim,
        3_000,
        MARC,
        SimRequest::Answer {
            call: c2.clone(),
            device: "70140".into(),
        },
    );
    ok(
        &mut sim,
        4_000,
        ALICE,
        SimRequest::Alternate {
            held: c1.clone(),
            device: "70120".into(),
        },
    );
    ok(
        &mut sim,
        5_000,
        ALICE,
        SimRequest::Reconnect {
            held: c2,
            device: "70120".into(),
            enquiry: c1,
        },
    );
    assert_trace(
        &trace.drain(&mut sim),
        "
        oxe70120 OnCallCreated c1 cause=- legs=70120:RINGING_OUTGOING with=70121
        oxe70120 OnUserStateModified BUSY
        oxe70120 OnCallModified c1 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=70120:HELD
        oxe70120 OnCallCreated c2 cause=- legs=70120:RINGING_OUTGOING with=70140
        oxe70120 OnCallModified c1 cause=-
        oxe70120 OnCallModified c2 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c1 cause=- legs=70120:ACTIVE
        oxe70120 OnCallModified c2 cause=- legs=70120:HELD
        oxe70120 OnCallModified c2 cause=CLEARED legs=70120:ACTIVE
        oxe70120 OnCallRemoved c1 cause=CLEARED
        oxe70120 OnComRecordCreated c1 CALLER answered=true
    ",
    );
}

#[test]
fn supervisor_help_requested_then_cancelled() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE, SOPHIE]);
    log_on_ready(&mut sim, 0, ALICE, "71120", "60121");
    ok(&mut sim, 1_000, ALICE, SimRequest::RequestHelp);
    ok(
        &mut sim,
        2_000,
        ALICE,
        SimRequest::CancelHelp(Some("70130".into())),
    );
    ok(&mut sim, 3_000, ALICE, SimRequest::RequestHelp);
    ok(
        &mut sim,
        4_000,
        SOPHIE,
        SimRequest::CancelHelp(Some("70120".into())),
    );
    ok(&mut sim, 5_000, ALICE, SimRequest::Pause);
    ok(&mut sim, 6_000, ALICE, SimRequest::Withdraw(Some(2)));
    ok(&mut sim, 7_000, ALICE, SimRequest::LogOff);
    assert_trace(
        &trace.drain(&mut sim),
        "
        oxe70120 OnAgentStateChanged LOG_ON PAUSE
        oxe70120 OnAgentStateChanged LOG_ON READY
        oxe70120 OnSupervisorHelpRequested 70130
        oxe70130 OnSupervisorHelpRequested 70120
        oxe70120 OnSupervisorHelpCancelled 70130
        oxe70130 OnSupervisorHelpCancelled 70120
        oxe70120 OnSupervisorHelpRequested 70130
        oxe70130 OnSupervisorHelpRequested 70120
        oxe70130 OnSupervisorHelpCancelled 70120
        oxe70120 OnSupervisorHelpCancelled 70130
        oxe70120 OnAgentStateChanged LOG_ON PAUSE
        oxe70120 OnAgentStateChanged LOG_ON WITHDRAW reason=2
        oxe70120 OnAgentStateChanged LOG_OFF -
    ",
    );
}

#[test]
fn traffic_generator_call_answered_released_wrap_up_times_out_to_ready() {
    let mut scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
    scenario.bots.clear();
    scenario.traffic.calls_per_minute = 2.0;
    scenario.traffic.patience_ms = 600_000;
    let mut sim = Simulator::new(scenario, 5);
    let mut trace = Tracer::new(&[ALICE]);
    log_on_ready(&mut sim, 0, ALICE, "71120", "60121");
    trace.drain(&mut sim);
    // Run minute by minute until a Sales call rings for Alice.
    let mut now = 0;
    let ringing = loop {
        now += 1_000;
        assert!(now < 3_600_000, "no call for Alice within an hour");
        sim.advance(now);
        let calls = calls_of(&mut sim, now, ALICE);
        if let Some(call) = calls.first() {
            break call.call_ref.clone();
        }
    };
    ok(
        &mut sim,
        now + 2_000,
        ALICE,
        SimRequest::Answer {
            call: ringing.clone(),
            device: "71120".into(),
        },
    );
    ok(
        &mut sim,
        now + 60_000,
        ALICE,
        SimRequest::DropMe { call: ringing },
    );
    sim.advance(now + 60_000 + 15_000);
    let lines = trace.drain(&mut sim);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split(' ').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        vec![
            "OnCallCreated",
            "OnUserStateModified",
            "OnAgentStateChanged",
            "OnCallModified",
            "OnCallRemoved",
            "OnUserStateModified",
            "OnAgentStateChanged",
            "OnComRecordCreated",
            "OnAgentStateChanged",
            // A call queued during the wrap-up is distributed as soon as Alice is ready.
            "OnCallCreated",
            "OnUserStateModified",
            "OnAgentStateChanged"
        ],
        "{lines:#?}"
    );
    assert!(lines[0].contains("pilot=60141"), "{}", lines[0]);
    assert!(lines[2].ends_with("LOG_ON BUSY"));
    assert!(lines[6].ends_with("LOG_ON WRAPUP"));
    assert!(lines[8].ends_with("LOG_ON READY"));
    assert!(lines[11].ends_with("LOG_ON BUSY"));
}

#[test]
fn supervisor_intrusion_and_blind_transfer() {
    let mut sim = simulator(&[]);
    let mut trace = Tracer::new(&[ALICE, MARC, SOPHIE, BRUNO]);
    let c1 = make_call(&mut sim, 0, MARC, "70140", "70120");
    ok(
        &mut sim,
        1_000,
        ALICE,
        SimRequest::Answer {
            call: c1.clone(),
            device: "70120".into(),
        },
    );
    ok(
        &mut sim,
        2_000,
        SOPHIE,
        SimRequest::Intrusion {
            agent: "70120".into(),
            mode: Some(cti::o2g::agent::IntrusionMode::Restricted),
        },
    );
    ok(
        &mut sim,
        3_000,
        SOPHIE,
        SimRequest::ChangeIntrusion(cti::o2g::agent::IntrusionMode::Stop),
    );
    ok(
        &mut sim,
        4_000,
        ALICE,
        SimRequest::BlindTransfer {
            call: c1,
            to: "70121".into(),
        },
    );
    assert_trace(&trace.drain(&mut sim), "
        oxe70140 OnCallCreated c1 cause=- legs=70140:RINGING_OUTGOING with=70120
        oxe70140 OnUserStateModified BUSY
        oxe70120 OnCallCreated c1 cause=- legs=70120:RINGING_INCOMING with=70140
        oxe70120 OnUserStateModified BUSY
        oxe70120 OnCallModified c1 cause=- legs=70120:ACTIVE
        oxe70140 OnCallModified c1 cause=- legs=70140:ACTIVE
        oxe70130 OnCallCreated c1 cause=SUPERVISOR_RESTRICT_INTRUSION legs=70130:ACTIVE with=70140,70120
        oxe70130 OnUserStateModified BUSY
        oxe70120 OnCallModified c1 cause=SUPERVISOR_RESTRICT_INTRUSION +with=70130
        oxe70130 OnCallRemoved c1 cause=PARTICIPANT_LEFT
        oxe70130 OnUserStateModified FREE
        oxe70120 OnCallModified c1 cause=PARTICIPANT_LEFT -with=1
        oxe70120 OnCallRemoved c1 cause=TRANSFERRED to=70121
        oxe70120 OnUserStateModified FREE
        oxe70120 OnComRecordCreated c1 CALLEE answered=true
        oxe70121 OnCallCreated c1 cause=TRANSFERRED legs=70121:RINGING_INCOMING with=70140
        oxe70121 OnUserStateModified BUSY
        oxe70140 OnCallModified c1 cause=TRANSFERRED legs=70140:RINGING_OUTGOING +with=70121 -with=1
    ");
}
