//! One test per refusal, and the exact paths and bodies of the spec.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::machine::{CallUpdate, Config, Machine, Update, UpdateKind};
use crate::model::{
    ActivityReport, AgentReport, CallLevelCapabilities, DeviceLeg, Instant, LegCapabilities,
    Participant, Party,
};
use crate::model::{CallRef, ReasonId, RecordingControl};
use crate::model::{CallState, Recording};
use crate::transmit::Method;

const NOW: Instant = Instant::ZERO;

fn machine() -> Machine {
    Machine::new(
        NOW,
        Config {
            device: Some("60113".into()),
            ..Config::default()
        },
    )
}

fn logged_on(activity: ActivityReport) -> Machine {
    let mut m = machine();
    m.apply(
        NOW,
        Update::Agent(AgentReport::LoggedOn {
            device: Some("60113".into()),
            group: Some("60121".into()),
            activity,
        }),
    );
    m
}

fn all_leg() -> LegCapabilities {
    LegCapabilities {
        answer: true,
        drop: true,
        hold: true,
        retrieve: true,
        reconnect: true,
        mute: true,
        unmute: true,
        send_dtmf: true,
        switch_device: true,
    }
}

fn all_call() -> CallLevelCapabilities {
    CallLevelCapabilities {
        transfer: true,
        blind_transfer: true,
        merge: true,
        redirect: true,
        drop_me: true,
        terminate: true,
        start_record: true,
        stop_record: true,
        pause_record: true,
        resume_record: true,
        ..CallLevelCapabilities::default()
    }
}

fn add_call(
    m: &mut Machine,
    reference: &str,
    state: CallState,
    leg: LegCapabilities,
    call: CallLevelCapabilities,
) {
    let mut update = CallUpdate::new(CallRef::from(reference), UpdateKind::Created);
    update.legs.replace = Some(vec![DeviceLeg {
        device: "60113".into(),
        state,
        ringing_remote: false,
        capabilities: Some(leg),
    }]);
    update.call_capabilities = Some(call);
    update.participants.replace = Some(vec![Participant {
        id: "p1".into(),
        party: Party::default(),
        state: None,
        anonymous: false,
    }]);
    m.apply(NOW, Update::Call(Box::new(update)));
}

fn req(m: &Machine, intent: Intent) -> Result<HttpRequest, Refusal> {
    request_for(m.desk(), m.config(), &RequestContext::default(), intent)
}

fn c(reference: &str) -> CallRef {
    CallRef::from(reference)
}

#[test]
fn no_such_call() {
    let m = machine();
    assert_eq!(
        req(&m, Intent::Answer { call: c("x") }),
        Err(Refusal::NoSuchCall { call: c("x") })
    );
    assert_eq!(
        req(&m, Intent::HangUp { call: c("x") }),
        Err(Refusal::NoSuchCall { call: c("x") })
    );
}

#[test]
fn not_allowed_by_capabilities() {
    let mut m = machine();
    add_call(
        &mut m,
        "c1",
        CallState::RingingIn,
        LegCapabilities::default(),
        CallLevelCapabilities::default(),
    );
    assert_eq!(
        req(&m, Intent::Answer { call: c("c1") }),
        Err(Refusal::NotAllowedByCapabilities { what: "answer" })
    );
}

#[test]
fn wrong_call_state() {
    let mut m = machine();
    add_call(&mut m, "c1", CallState::RingingIn, all_leg(), all_call());
    assert!(matches!(
        req(&m, Intent::Hold { call: c("c1") }),
        Err(Refusal::WrongCallState { .. })
    ));
}

#[test]
fn same_call() {
    let mut m = machine();
    add_call(&mut m, "c1", CallState::Active, all_leg(), all_call());
    assert_eq!(
        req(
            &m,
            Intent::Transfer {
                active: c("c1"),
                held: c("c1")
            }
        ),
        Err(Refusal::SameCall { what: "transfer" })
    );
}

#[test]
fn missing_counterpart() {
    let mut m = machine();
    add_call(&mut m, "c1", CallState::Held, all_leg(), all_call());
    assert_eq!(
        req(&m, Intent::Alternate { held: c("c1") }),
        Err(Refusal::MissingCounterpart { what: "alternate" })
    );
}

#[test]
fn agent_not_logged_on() {
    let m = machine();
    for intent in [
        Intent::GoReady,
        Intent::Pause,
        Intent::WrapUp,
        Intent::LogOff,
        Intent::RequestHelp,
    ] {
        assert_eq!(req(&m, intent), Err(Refusal::AgentNotLoggedOn));
    }
}

#[test]
fn already_in_state() {
    let m = logged_on(ActivityReport::Ready);
    assert_eq!(
        req(&m, Intent::GoReady),
        Err(Refusal::AlreadyInState { state: "ready" })
    );
    let device = "60113".to_owned();
    assert_eq!(
        req(
            &m,
            Intent::LogOn {
                device,
                group: None
            }
        ),
        Err(Refusal::AlreadyInState { state: "logged on" })
    );
    let mut m = machine();
    add_call(&mut m, "c1", CallState::Held, all_leg(), all_call());
    assert_eq!(
        req(&m, Intent::Hold { call: c("c1") }),
        Err(Refusal::AlreadyInState { state: "on hold" })
    );
    let stop = Intent::Record {
        call: c("c1"),
        control: RecordingControl::Stop,
    };
    assert_eq!(
        req(&m, stop),
        Err(Refusal::AlreadyInState {
            state: "not recording"
        })
    );
}

#[test]
fn invalid_number() {
    let m = machine();
    assert_eq!(
        req(
            &m,
            Intent::MakeCall {
                to: "call me".into()
            }
        ),
        Err(Refusal::InvalidNumber {
            number: "call me".into()
        })
    );
}

#[test]
fn invalid_digits() {
    let mut m = machine();
    add_call(&mut m, "c1", CallState::Active, all_leg(), all_call());
    assert_eq!(
        req(
            &m,
            Intent::SendDtmf {
                call: c("c1"),
                digits: "12x".into()
            }
        ),
        Err(Refusal::InvalidDigits {
            digits: "12x".into()
        })
    );
}

#[test]
fn invalid_argument() {
    let m = logged_on(ActivityReport::Ready);
    assert!(matches!(
        req(
            &m,
            Intent::Withdraw {
                reason: ReasonId::new("0")
            }
        ),
        Err(Refusal::InvalidArgument { .. })
    ));
    assert!(matches!(
        req(&m, Intent::ActivateSkills { skills: vec![] }),
        Err(Refusal::InvalidArgument { .. })
    ));
}

#[test]
fn no_device() {
    let m = Machine::new(NOW, Config::default());
    assert_eq!(
        req(&m, Intent::MakeCall { to: "60114".into() }),
        Err(Refusal::NoDevice)
    );
}

#[test]
fn no_help_pending() {
    let m = logged_on(ActivityReport::Ready);
    assert_eq!(req(&m, Intent::CancelHelp), Err(Refusal::NoHelpPending));
}

#[test]
fn exact_paths_and_bodies() {
    let mut m = logged_on(ActivityReport::Busy);
    add_call(&mut m, "held1", CallState::Held, all_leg(), all_call());
    add_call(&mut m, "act2", CallState::Active, all_leg(), all_call());
    let ok = |intent| req(&m, intent).unwrap();

    let r = ok(Intent::Alternate { held: c("held1") });
    assert_eq!(
        (r.method, r.path.as_str()),
        (
            Method::Post,
            "/api/rest/1.0/telephony/calls/held1/alternate"
        )
    );
    assert_eq!(r.body.as_deref(), Some(r#"{"deviceId":"60113"}"#));

    let r = ok(Intent::Transfer {
        active: c("act2"),
        held: c("held1"),
    });
    assert_eq!(r.path, "/api/rest/1.0/telephony/calls/act2/transfer");
    assert_eq!(r.body.as_deref(), Some(r#"{"heldCallRef":"held1"}"#));

    let r = ok(Intent::Merge {
        active: c("act2"),
        held: c("held1"),
    });
    assert_eq!(r.path, "/api/rest/1.0/telephony/calls/act2/merge");

    let r = ok(Intent::CancelConsult {
        held: c("held1"),
        consult: c("act2"),
    });
    assert_eq!(r.path, "/api/rest/1.0/telephony/calls/held1/reconnect");
    assert_eq!(
        r.body.as_deref(),
        Some(r#"{"deviceId":"60113","enquiryCallRef":"act2"}"#)
    );

    let r = ok(Intent::HangUp { call: c("act2") });
    assert_eq!(
        (r.method, r.path.as_str(), r.body),
        (Method::Delete, "/api/rest/1.0/telephony/calls/act2", None)
    );

    let r = ok(Intent::Record {
        call: c("act2"),
        control: RecordingControl::Start,
    });
    assert_eq!(
        r.path_and_query(),
        "/api/rest/1.0/telephony/calls/act2/recording?action=start"
    );

    let r = ok(Intent::Withdraw {
        reason: ReasonId::new("2"),
    });
    assert_eq!(
        (r.path.as_str(), r.body.as_deref()),
        (
            "/api/rest/1.0/acd/agent/withdraw",
            Some(r#"{"reasonIndex":2}"#)
        )
    );
}

#[test]
fn hang_up_leaves_a_conference_it_may_not_end() {
    let mut m = machine();
    let caps = CallLevelCapabilities {
        drop_me: true,
        ..CallLevelCapabilities::default()
    };
    add_call(&mut m, "conf", CallState::Active, all_leg(), caps);
    let mut update = CallUpdate::new(c("conf"), UpdateKind::Modified);
    update.participants.added = vec![Participant {
        id: "p2".into(),
        party: Party::default(),
        state: None,
        anonymous: false,
    }];
    m.apply(NOW, Update::Call(Box::new(update)));
    let r = req(&m, Intent::HangUp { call: c("conf") }).unwrap();
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/api/rest/1.0/telephony/calls/conf/dropme")
    );
}

#[test]
fn admin_sessions_name_the_user_and_references_are_encoded() {
    let mut m = machine();
    add_call(&mut m, "a/b c", CallState::Active, all_leg(), all_call());
    let context = RequestContext {
        login_name: Some("oxe60113"),
    };
    let intent = Intent::Hold { call: c("a/b c") };
    let r = request_for(m.desk(), m.config(), &context, intent).unwrap();
    assert_eq!(
        r.path_and_query(),
        "/api/rest/1.0/telephony/calls/a%2Fb%20c/hold?loginName=oxe60113"
    );
}

// One test per ambiguity whose decision lives in the request builder (docs/ambiguities.md).

#[test]
fn ambig_29_path_call_ref_is_the_held_call_for_alternate_and_reconnect_the_active_for_transfer_and_merge(
) {
    let mut m = logged_on(ActivityReport::Busy);
    add_call(&mut m, "H", CallState::Held, all_leg(), all_call());
    add_call(&mut m, "A", CallState::Active, all_leg(), all_call());
    let path_body = |intent| {
        let r = req(&m, intent).unwrap();
        (r.method, r.path, r.body)
    };
    let call = |reference: &str, action: &str| {
        format!("/api/rest/1.0/telephony/calls/{reference}/{action}")
    };
    assert_eq!(
        path_body(Intent::Alternate { held: c("H") }),
        (
            Method::Post,
            call("H", "alternate"),
            Some(r#"{"deviceId":"60113"}"#.to_owned())
        )
    );
    assert_eq!(
        path_body(Intent::CancelConsult {
            held: c("H"),
            consult: c("A"),
        }),
        (
            Method::Post,
            call("H", "reconnect"),
            Some(r#"{"deviceId":"60113","enquiryCallRef":"A"}"#.to_owned())
        ),
        "reconnect: path = held, body = the call to cancel"
    );
    for (intent, action) in [
        (
            Intent::Transfer {
                active: c("A"),
                held: c("H"),
            },
            "transfer",
        ),
        (
            Intent::Merge {
                active: c("A"),
                held: c("H"),
            },
            "merge",
        ),
    ] {
        assert_eq!(
            path_body(intent),
            (
                Method::Post,
                call("A", action),
                Some(r#"{"heldCallRef":"H"}"#.to_owned())
            ),
            "{action}: path = active, body = held"
        );
    }
    // The builder does not swap roles: alternate on the active call is refused.
    assert!(req(&m, Intent::Alternate { held: c("A") }).is_err());
}

#[test]
fn ambig_33_recording_action_is_a_lowercase_query_and_there_is_no_body() {
    for (recording, control, action) in [
        (Recording::Off, RecordingControl::Start, "start"),
        (Recording::On, RecordingControl::Stop, "stop"),
        (Recording::On, RecordingControl::Pause, "pause"),
        (Recording::Paused, RecordingControl::Resume, "resume"),
    ] {
        let mut m = machine();
        add_call(&mut m, "r", CallState::Active, all_leg(), all_call());
        let mut update = CallUpdate::new(c("r"), UpdateKind::Modified);
        update.recording = Some(recording);
        m.apply(NOW, Update::Call(Box::new(update)));
        let r = req(
            &m,
            Intent::Record {
                call: c("r"),
                control,
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::Post);
        assert_eq!(
            r.path_and_query(),
            format!("/api/rest/1.0/telephony/calls/r/recording?action={action}")
        );
        assert_eq!(r.body, None, "{action}");
    }
}

#[test]
fn ambig_39_hang_up_leaves_a_conference_whenever_it_may() {
    let hang_up = |call_caps: CallLevelCapabilities, others: usize| {
        let mut m = machine();
        add_call(&mut m, "x", CallState::Active, all_leg(), call_caps);
        let mut update = CallUpdate::new(c("x"), UpdateKind::Modified);
        update.participants.added = (2..=others)
            .map(|i| Participant {
                id: format!("p{i}"),
                party: Party::default(),
                state: None,
                anonymous: false,
            })
            .collect();
        m.apply(NOW, Update::Call(Box::new(update)));
        req(&m, Intent::HangUp { call: c("x") }).map(|r| (r.method, r.path))
    };
    let delete = Ok((Method::Delete, "/api/rest/1.0/telephony/calls/x".to_owned()));
    let drop_me = Ok((
        Method::Post,
        "/api/rest/1.0/telephony/calls/x/dropme".to_owned(),
    ));
    let only_drop_me = CallLevelCapabilities {
        drop_me: true,
        ..CallLevelCapabilities::default()
    };
    // Two parties: DELETE, even without `terminate`.
    assert_eq!(hang_up(only_drop_me, 1), delete);
    // A conference with `terminate` and `dropMe`: leave it, the others stay connected
    // (DELETE would release everyone).
    assert_eq!(hang_up(all_call(), 2), drop_me);
    // A conference without `terminate` but with `dropMe`: leave it.
    assert_eq!(hang_up(only_drop_me, 2), drop_me);
    // A conference we may only end: DELETE.
    let only_terminate = CallLevelCapabilities {
        terminate: true,
        ..CallLevelCapabilities::default()
    };
    assert_eq!(hang_up(only_terminate, 2), delete);
    // A conference offering neither: DELETE (the leg's `drop`).
    assert_eq!(hang_up(CallLevelCapabilities::default(), 2), delete);
}

#[test]
fn ambig_71_cancel_help_names_the_supervisor_in_other() {
    let mut m = logged_on(ActivityReport::Ready);
    feed(
        &mut m,
        br#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe60113","agentNumber":"60200"}"#,
    );
    let r = req(&m, Intent::CancelHelp).unwrap();
    assert_eq!(
        (r.method, r.path_and_query()),
        (
            Method::Delete,
            "/api/rest/1.0/acd/agent/supervisorHelp?other=60200".to_owned()
        )
    );
    // An event without the supervisor's number: no `other`.
    let mut m = logged_on(ActivityReport::Ready);
    feed(
        &mut m,
        br#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe60113"}"#,
    );
    let r = req(&m, Intent::CancelHelp).unwrap();
    assert_eq!(r.path_and_query(), "/api/rest/1.0/acd/agent/supervisorHelp");
}

#[test]
fn ambig_76_skill_activation_sends_the_table_object_not_a_bare_list() {
    let m = logged_on(ActivityReport::Ready);
    let r = req(&m, Intent::ActivateSkills { skills: vec![1, 3] }).unwrap();
    assert_eq!(
        (r.method, r.path.as_str(), r.body.as_deref()),
        (
            Method::Post,
            "/api/rest/1.0/acd/agent/config/skills/activate",
            Some(r#"{"skills":[1,3]}"#)
        )
    );
    let r = req(&m, Intent::DeactivateSkills { skills: vec![2] }).unwrap();
    assert_eq!(r.path, "/api/rest/1.0/acd/agent/config/skills/deactivate");
}

/// Runs `bytes` through an adapter and applies its updates to `m`.
fn feed(m: &mut Machine, bytes: &[u8]) {
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.handle_received(NOW, m.desk(), bytes);
    while let Some(output) = adapter.poll_output() {
        if let AdapterOutput::Update(update) = output {
            m.apply(NOW, update);
        }
    }
}

// The adapter's chores: what it sends by itself, and what answers become.

fn drain(adapter: &mut O2gAdapter) -> Vec<AdapterOutput> {
    std::iter::from_fn(|| adapter.poll_output()).collect()
}

fn requests(outputs: &[AdapterOutput]) -> Vec<(TransmitId, String)> {
    outputs
        .iter()
        .filter_map(|output| match output {
            AdapterOutput::Transmit(Transmit {
                id,
                payload: Payload::Http(request),
            }) => Some((
                *id,
                format!("{} {}", request.method.as_str(), request.path_and_query()),
            )),
            _ => None,
        })
        .collect()
}

fn ok_answer(body: &str) -> Answer<'_> {
    Answer::Response {
        status: 200,
        body: body.as_bytes(),
    }
}

#[test]
fn resync_reads_every_snapshot_in_order() {
    let m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.resync(NOW, m.desk());
    let sent: Vec<String> = requests(&drain(&mut adapter))
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    assert_eq!(
        sent,
        [
            "GET /api/rest/1.0/telephony/state",
            "GET /api/rest/1.0/acd/agent/state",
            "GET /api/rest/1.0/acd/agent/config",
            "GET /api/rest/1.0/eventSummary",
            "GET /api/rest/1.0/routing/state",
            "GET /api/rest/1.0/comlog/records",
        ]
    );
}

#[test]
fn an_administrator_session_names_the_user_on_chores_too() {
    let m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig {
        login_name: Some("oxe60113".into()),
        act_as_administrator: true,
    });
    adapter.resync(NOW, m.desk());
    let sent = requests(&drain(&mut adapter));
    assert!(
        sent.iter().all(|(_, r)| r.ends_with("?loginName=oxe60113")),
        "{sent:?}"
    );
}

#[test]
fn the_group_s_withdraw_reasons_are_read_when_the_group_changes() {
    let mut m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    let event = br#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_ON","subState":"READY","proAcdDeviceNumber":"60113","pgNumber":"60121"}}"#;
    adapter.handle_received(NOW, m.desk(), event);
    let outputs = drain(&mut adapter);
    let sent = requests(&outputs);
    assert_eq!(
        sent.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>(),
        [
            "GET /api/rest/1.0/acd/agent/withdrawReasons?pgNumber=60121",
            "GET /api/rest/1.0/acd/agent/transactionCodes?pgNumber=60121"
        ]
    );
    for output in outputs {
        if let AdapterOutput::Update(update) = output {
            m.apply(NOW, update);
        }
    }
    // The same group again: nothing to read.
    adapter.handle_received(NOW, m.desk(), event);
    assert!(requests(&drain(&mut adapter)).is_empty());
    // The answer becomes the desk's reasons, with O2G's index as the id.
    let (id, _) = sent[0].clone();
    adapter.handle_answer(
        NOW,
        m.desk(),
        id,
        ok_answer(r#"{"number":2,"reasons":[{"index":1,"label":"Lunch"},{"index":"2"}]}"#),
    );
    for output in drain(&mut adapter) {
        if let AdapterOutput::Update(update) = output {
            m.apply(NOW, update);
        }
    }
    let reasons: Vec<(&str, &str)> = m
        .desk()
        .reasons()
        .iter()
        .map(|r| (r.id.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(reasons, [("1", "Lunch"), ("2", "2")]);
    // Logged off: no reasons, nothing read.
    let off = br#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_OFF"}}"#;
    adapter.handle_received(NOW, m.desk(), off);
    let outputs = drain(&mut adapter);
    assert!(requests(&outputs).is_empty());
    assert!(outputs.contains(&AdapterOutput::Update(Update::Reasons(Vec::new()))));
}

#[test]
fn answers_become_outcomes_and_an_invalid_session_is_lost() {
    let m = logged_on(ActivityReport::Ready);
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.send(NOW, &m, IntentId(1), Intent::Pause).unwrap();
    adapter.send(NOW, &m, IntentId(2), Intent::WrapUp).unwrap();
    adapter.send(NOW, &m, IntentId(3), Intent::LogOff).unwrap();
    let sent = requests(&drain(&mut adapter));
    adapter.handle_answer(
        NOW,
        m.desk(),
        sent[0].0,
        Answer::Response {
            status: 204,
            body: b"",
        },
    );
    let refused =
        br#"{"httpStatus":"FORBIDDEN","code":1002,"helpMessage":"Not yours","type":"NOT_ALLOWED"}"#;
    adapter.handle_answer(
        NOW,
        m.desk(),
        sent[1].0,
        Answer::Response {
            status: 403,
            body: refused,
        },
    );
    let lost = br#"{"httpStatus":"FORBIDDEN","code":1005,"type":"INVALID_SESSION"}"#;
    adapter.handle_answer(
        NOW,
        m.desk(),
        sent[2].0,
        Answer::Response {
            status: 403,
            body: lost,
        },
    );
    let outputs = drain(&mut adapter);
    assert_eq!(
        outputs[0],
        AdapterOutput::Outcome {
            intent: IntentId(1),
            result: Ok(())
        }
    );
    assert_eq!(
        outputs[1],
        AdapterOutput::Outcome {
            intent: IntentId(2),
            result: Err(Failure::Rejected("Not yours".into()))
        }
    );
    assert_eq!(outputs[2], AdapterOutput::SessionLost);
    assert!(matches!(
        &outputs[3],
        AdapterOutput::Outcome {
            intent: IntentId(3),
            result: Err(Failure::Rejected(_))
        }
    ));
    // An answer nobody asked for is ignored.
    adapter.handle_answer(NOW, m.desk(), TransmitId(99), ok_answer("{}"));
    assert!(drain(&mut adapter).is_empty());
}

#[test]
fn a_chore_that_fails_or_answers_garbage_is_a_warning() {
    let m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.resync(NOW, m.desk());
    let sent = requests(&drain(&mut adapter));
    adapter.handle_answer(NOW, m.desk(), sent[0].0, ok_answer("<html>"));
    adapter.handle_answer(
        NOW,
        m.desk(),
        sent[1].0,
        Answer::Unreachable {
            message: "Cannot reach the gateway.",
        },
    );
    let outputs = drain(&mut adapter);
    assert!(matches!(
        &outputs[0],
        AdapterOutput::Warning(Warning::RequestFailed { what: "TelephonicState", message }) if message.contains("unexpected answer (200)")
    ));
    assert_eq!(
        outputs[1],
        AdapterOutput::Warning(Warning::RequestFailed {
            what: "AgentState",
            message: "Cannot reach the gateway.".into()
        })
    );
}

#[test]
fn dnd_and_forward_read_the_routing_back_and_history_refreshes_replace_it() {
    let m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter
        .send(NOW, &m, IntentId(1), Intent::SetDnd { on: true })
        .unwrap();
    let sent = requests(&drain(&mut adapter));
    assert_eq!(sent[0].1, "POST /api/rest/1.0/routing/dnd");
    adapter.handle_answer(
        NOW,
        m.desk(),
        sent[0].0,
        Answer::Response {
            status: 204,
            body: b"",
        },
    );
    let sent = requests(&drain(&mut adapter));
    assert_eq!(sent[0].1, "GET /api/rest/1.0/routing/state");
    let routing = r#"{"forwardRoutes":[{"destinations":[{"type":"NUMBER","number":"70140"}]}],"dndState":{"activate":true}}"#;
    adapter.handle_answer(NOW, m.desk(), sent[0].0, ok_answer(routing));
    assert!(
        drain(&mut adapter).contains(&AdapterOutput::Update(Update::Routing(
            crate::model::Routing {
                dnd: true,
                forward: Some(crate::model::ForwardTarget::Number("70140".into())),
            }
        )))
    );

    adapter
        .send(NOW, &m, IntentId(2), Intent::RefreshHistory)
        .unwrap();
    let sent = requests(&drain(&mut adapter));
    let records = r#"{"comHistoryRecords":[{"recordId":7,"comRef":"c7","participants":[{"role":"CALLEE","answered":false,"identity":{"id":{"phoneNumber":"70120"}}},{"identity":{"id":{"phoneNumber":"0612345678"},"displayName":"Karim"}}],"beginDate":"2026-12-01T09:00:00Z"}]}"#;
    adapter.handle_answer(NOW, m.desk(), sent[0].0, ok_answer(records));
    let outputs = drain(&mut adapter);
    let entry = outputs.iter().find_map(|o| match o {
        AdapterOutput::Update(Update::History(HistoryUpdate::Replace(entries))) => {
            entries.first().cloned()
        }
        _ => None,
    });
    let entry = entry.expect("history replaced");
    assert!(entry.is_missed());
    assert_eq!(entry.party.name.as_deref(), Some("Karim"));
    assert_eq!(entry.party.number.as_deref(), Some("0612345678"));
    assert_eq!(entry.id, "7");
}

#[test]
fn a_directory_search_polls_until_the_result_is_final() {
    let m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    let intent = Intent::SearchDirectory {
        name: " Mar ".into(),
    };
    adapter.send(NOW, &m, IntentId(1), intent).unwrap();
    let outputs = drain(&mut adapter);
    assert!(outputs.contains(&AdapterOutput::Update(Update::Directory(
        DirectorySearch::Searching {
            query: "Mar".into(),
            found: Vec::new()
        }
    ))));
    let sent = requests(&outputs);
    assert_eq!(sent[0].1, "POST /api/rest/1.0/directory/search");
    adapter.handle_answer(
        NOW,
        m.desk(),
        sent[0].0,
        Answer::Response {
            status: 204,
            body: b"",
        },
    );
    let sent = requests(&drain(&mut adapter));
    assert_eq!(sent[0].1, "GET /api/rest/1.0/directory/search");
    let partial = r#"{"resultCode":"OK","resultElements":[{"contacts":[{"firstName":"Alice","lastName":"Martin","id":{"phoneNumber":"70120"}}]}]}"#;
    adapter.handle_answer(NOW, m.desk(), sent[0].0, ok_answer(partial));
    drain(&mut adapter);
    let due = adapter.poll_timeout().expect("a poll is due");
    assert_eq!(due, NOW.saturating_add(DIRECTORY_POLL_INTERVAL));
    adapter.handle_timeout(NOW, m.desk());
    assert!(requests(&drain(&mut adapter)).is_empty(), "not yet");
    adapter.handle_timeout(due, m.desk());
    let sent = requests(&drain(&mut adapter));
    assert_eq!(sent.len(), 1);
    adapter.handle_answer(
        due,
        m.desk(),
        sent[0].0,
        ok_answer(r#"{"resultCode":"FINISH"}"#),
    );
    let done = DirectorySearch::Done {
        query: "Mar".into(),
        found: vec![crate::model::Contact {
            name: "Alice Martin".into(),
            number: Some("70120".into()),
        }],
    };
    assert!(drain(&mut adapter).contains(&AdapterOutput::Update(Update::Directory(done))));
    assert_eq!(adapter.poll_timeout(), None);
}

#[test]
fn a_user_the_gateway_says_is_no_agent_gets_a_plain_user_s_desk_and_no_error() {
    let mut m = machine();
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.resync(NOW, m.desk());
    let sent = requests(&drain(&mut adapter));
    let refused = br#"{"httpStatus":"FORBIDDEN","code":1002,"type":"NOT_ALLOWED","helpMessage":"oxe70140 is not an ACD agent"}"#;
    for (id, request) in &sent {
        if request.contains("/acd/agent/") {
            adapter.handle_answer(
                NOW,
                m.desk(),
                *id,
                Answer::Response {
                    status: 403,
                    body: refused,
                },
            );
        }
    }
    let outputs = drain(&mut adapter);
    assert!(
        !outputs
            .iter()
            .any(|o| matches!(o, AdapterOutput::Warning(_))),
        "no error to show: {outputs:?}"
    );
    for output in outputs {
        if let AdapterOutput::Update(update) = output {
            m.apply(NOW, update);
        }
    }
    assert!(m.desk().is_plain_user());
    let device = "70140".to_owned();
    assert_eq!(
        req(
            &m,
            Intent::LogOn {
                device,
                group: None
            }
        ),
        Err(Refusal::NotAnAgent)
    );
    assert_eq!(req(&m, Intent::GoReady), Err(Refusal::NotAnAgent));
    assert!(
        req(&m, Intent::MakeCall { to: "70120".into() }).is_ok(),
        "calls are still theirs"
    );
}

#[test]
fn help_events_reach_a_supervisor_as_agents_asking_and_an_agent_as_its_own_request() {
    use crate::model::{AgentProfile, Role};
    let apply_all = |m: &mut Machine, adapter: &mut O2gAdapter| {
        for output in drain(adapter) {
            if let AdapterOutput::Update(update) = output {
                m.apply(NOW, update);
            }
        }
    };
    // The supervisor: the event names the agent who asks.
    let mut m = machine();
    m.apply(
        NOW,
        Update::Profile(AgentProfile {
            role: Role::Supervisor,
            ..AgentProfile::default()
        }),
    );
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.handle_received(
        NOW,
        m.desk(),
        br#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe70130","agentNumber":"70120"}"#,
    );
    apply_all(&mut m, &mut adapter);
    assert_eq!(m.desk().help_asks().len(), 1);
    assert_eq!(m.desk().help_asks()[0].agent, "70120");
    assert!(
        m.desk().help().is_none(),
        "not the supervisor's own request"
    );
    adapter.handle_received(
        NOW,
        m.desk(),
        br#"{"eventName":"OnSupervisorHelpCancelled","loginName":"oxe70130","agentNumber":"70120"}"#,
    );
    apply_all(&mut m, &mut adapter);
    assert!(m.desk().help_asks().is_empty());

    // The agent who asked: its own request, naming the supervisor.
    let mut m = logged_on(ActivityReport::Ready);
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter
        .send(NOW, &m, IntentId(1), Intent::RequestHelp)
        .unwrap();
    drain(&mut adapter);
    adapter.handle_received(
        NOW,
        m.desk(),
        br#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe60113","agentNumber":"70130"}"#,
    );
    apply_all(&mut m, &mut adapter);
    assert_eq!(
        m.desk().help().and_then(|h| h.supervisor.as_deref()),
        Some("70130")
    );
    assert!(m.desk().help_asks().is_empty());
}

#[test]
fn a_call_refused_by_do_not_disturb_says_so_and_names_whom_it_called() {
    let mut m = machine();
    feed(
        &mut m,
        br#"{"eventName":"OnCallCreated","loginName":"oxe60113","callRef":"c9","cause":"DO_NOT_DISTURB",
            "callData":{"state":"RELEASING","initialCalled":{"id":{"phoneNumber":"70121"},"displayName":"Bruno Petit"}},
            "legs":[{"deviceId":"60113","state":"RELEASING","capabilities":{"drop":true}}],"participants":[]}"#,
    );
    let call = m.desk().call(&c("c9")).unwrap();
    assert_eq!(call.state, CallState::Releasing);
    assert_eq!(call.cause, Some(crate::model::Cause::DoNotDisturb));
    assert_eq!(call.remote.name.as_deref(), Some("Bruno Petit"));
    assert_eq!(call.remote.number.as_deref(), Some("70121"));
}

// Snapshots answered after a newer event (issue 11, item 6): the event wins.

/// A session on the O2G adapter, resynced, with the transmits of the resync by path.
fn resynced_session() -> (
    crate::session::Session<O2gAdapter>,
    BTreeMap<String, TransmitId>,
) {
    use crate::session::{Input, Output, Session};
    let mut session = Session::new(
        NOW,
        Config {
            device: Some("60113".into()),
            ..Config::default()
        },
        O2gAdapter::new(O2gConfig {
            login_name: Some("oxe60113".into()),
            act_as_administrator: false,
        }),
    );
    session.handle(NOW, Input::Connected);
    let mut sent = BTreeMap::new();
    while let Some(output) = session.poll_output() {
        if let Output::Transmit(Transmit {
            id,
            payload: Payload::Http(request),
        }) = output
        {
            sent.insert(request.path.clone(), id);
        }
    }
    (session, sent)
}

fn answer(session: &mut crate::session::Session<O2gAdapter>, id: TransmitId, body: &str) {
    session.handle(
        NOW,
        crate::session::Input::Answer {
            id,
            answer: ok_answer(body),
        },
    );
    while session.poll_output().is_some() {}
}

fn event(session: &mut crate::session::Session<O2gAdapter>, body: &str) {
    session.handle(NOW, crate::session::Input::Received(body.as_bytes()));
    while session.poll_output().is_some() {}
}

#[test]
fn an_agent_state_snapshot_answered_after_a_newer_event_does_not_undo_it() {
    use crate::model::AgentStatus;
    let (mut session, sent) = resynced_session();
    // The gateway read the state (PAUSE) for the snapshot, then another session made the
    // agent ready: the event overtakes the snapshot's answer.
    event(
        &mut session,
        r#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_ON","subState":"READY","proAcdDeviceNumber":"60113","pgNumber":"60121"}}"#,
    );
    assert_eq!(session.status(), AgentStatus::Ready);
    answer(
        &mut session,
        sent["/api/rest/1.0/acd/agent/state"],
        r#"{"mainState":"LOG_ON","subState":"PAUSE","proAcdDeviceNumber":"60113","pgNumber":"60121"}"#,
    );
    assert_eq!(
        session.status(),
        AgentStatus::Ready,
        "the snapshot read before the event must not overwrite it"
    );
}

#[test]
fn a_snapshot_answered_with_no_event_in_between_applies() {
    use crate::model::AgentStatus;
    let (mut session, sent) = resynced_session();
    answer(
        &mut session,
        sent["/api/rest/1.0/acd/agent/state"],
        r#"{"mainState":"LOG_ON","subState":"PAUSE","proAcdDeviceNumber":"60113","pgNumber":"60121"}"#,
    );
    assert_eq!(session.status(), AgentStatus::Paused);
    // An event about something else (routing) does not make the agent snapshot stale.
    let (mut session, sent) = resynced_session();
    event(
        &mut session,
        r#"{"eventName":"OnRoutingStateChanged","loginName":"oxe60113","routingState":{}}"#,
    );
    answer(
        &mut session,
        sent["/api/rest/1.0/acd/agent/state"],
        r#"{"mainState":"LOG_ON","subState":"PAUSE","proAcdDeviceNumber":"60113","pgNumber":"60121"}"#,
    );
    assert_eq!(session.status(), AgentStatus::Paused);
}

#[test]
fn a_telephony_snapshot_answered_after_newer_call_events_is_read_again() {
    use crate::session::Output;
    let (mut session, sent) = resynced_session();
    // A call arrives while the snapshot (read before it: no call) is on its way.
    event(
        &mut session,
        r#"{"eventName":"OnCallCreated","loginName":"oxe60113","callRef":"c1","legs":[{"deviceId":"60113","state":"RINGING_INCOMING","capabilities":{"answer":true}}],"participants":[]}"#,
    );
    session.handle(
        NOW,
        crate::session::Input::Answer {
            id: sent["/api/rest/1.0/telephony/state"],
            answer: ok_answer(r#"{"calls":[],"deviceStates":[]}"#),
        },
    );
    let again: Vec<TransmitId> = std::iter::from_fn(|| session.poll_output())
        .filter_map(|o| match o {
            Output::Transmit(Transmit {
                id,
                payload: Payload::Http(request),
            }) if request.path == "/api/rest/1.0/telephony/state" => Some(id),
            _ => None,
        })
        .collect();
    assert!(
        session.desk().call(&c("c1")).is_some(),
        "the stale snapshot must not remove the call the event created"
    );
    assert_eq!(again.len(), 1, "the snapshot is read again");
    // The second reading, with no event in between, is the truth.
    answer(&mut session, again[0], r#"{"calls":[],"deviceStates":[]}"#);
    assert!(session.desk().call(&c("c1")).is_none());
}

#[test]
fn a_removed_call_does_not_come_back_with_a_stale_snapshot() {
    let (mut session, sent) = resynced_session();
    event(
        &mut session,
        r#"{"eventName":"OnCallCreated","loginName":"oxe60113","callRef":"c1","legs":[{"deviceId":"60113","state":"ACTIVE"}],"participants":[]}"#,
    );
    event(
        &mut session,
        r#"{"eventName":"OnCallRemoved","loginName":"oxe60113","callRef":"c1","cause":"CLEARED"}"#,
    );
    let stale = r#"{"calls":[{"callRef":"c1","legs":[{"deviceId":"60113","state":"ACTIVE"}],"participants":[]}],"deviceStates":[]}"#;
    answer(&mut session, sent["/api/rest/1.0/telephony/state"], stale);
    assert!(session.desk().call(&c("c1")).is_none());
}

#[test]
fn a_snapshot_overtaken_again_and_again_leaves_the_desk_to_the_events() {
    use crate::session::Output;
    let (mut session, sent) = resynced_session();
    let ready = r#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_ON","subState":"READY","proAcdDeviceNumber":"60113","pgNumber":"60121"}}"#;
    let paused = r#"{"mainState":"LOG_ON","subState":"PAUSE","proAcdDeviceNumber":"60113","pgNumber":"60121"}"#;
    let mut id = sent["/api/rest/1.0/acd/agent/state"];
    let mut reads = 0;
    loop {
        event(&mut session, ready);
        session.handle(
            NOW,
            crate::session::Input::Answer {
                id,
                answer: ok_answer(paused),
            },
        );
        let again = std::iter::from_fn(|| session.poll_output()).find_map(|o| match o {
            Output::Transmit(Transmit {
                id,
                payload: Payload::Http(request),
            }) if request.path == "/api/rest/1.0/acd/agent/state" => Some(id),
            _ => None,
        });
        match again {
            Some(next) => {
                reads += 1;
                id = next;
            }
            None => break,
        }
    }
    assert_eq!(reads, STALE_SNAPSHOT_RETRIES);
    assert_eq!(session.status(), crate::model::AgentStatus::Ready);
}

// After-call work (issue 11): dispositions are the group's transaction codes, saved with
// `sendaccountinfo`; the wrap-up counts down from the group's time and Extend restarts it.

fn transmits(session: &mut crate::session::Session<O2gAdapter>) -> Vec<(TransmitId, HttpRequest)> {
    std::iter::from_fn(|| session.poll_output())
        .filter_map(|o| match o {
            crate::session::Output::Transmit(Transmit {
                id,
                payload: Payload::Http(request),
            }) => Some((id, request)),
            _ => None,
        })
        .collect()
}

#[test]
fn after_call_work_is_the_transaction_code_and_notes_of_the_call_and_the_host_hears_it() {
    use crate::machine::Notification;
    use crate::model::{Disposition, DispositionId};
    use crate::session::{Input, Output};
    use core::time::Duration;
    let (mut session, _) = resynced_session();
    session.handle(
        NOW,
        Input::Received(br#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_ON","subState":"READY","proAcdDeviceNumber":"60113","pgNumber":"60121"}}"#),
    );
    let sent = transmits(&mut session);
    let codes = sent
        .iter()
        .find(|(_, r)| r.path == "/api/rest/1.0/acd/agent/transactionCodes")
        .expect("the group's codes are read with its reasons");
    assert_eq!(codes.1.query, [("pgNumber".to_owned(), "60121".to_owned())]);
    answer(
        &mut session,
        codes.0,
        r#"{"pgNumber":"60121","wrapUpTime":15,"transactionCodes":[{"code":"11","label":"Sale"},{"code":"12","label":"Complaint"}]}"#,
    );
    assert_eq!(session.desk().wrap_up_policy().dispositions.len(), 2);
    // An ACD call, answered, then over: its after-call work waits.
    event(
        &mut session,
        r#"{"eventName":"OnCallCreated","loginName":"oxe60113","callRef":"c1","callData":{"acdCallData":{"pilotNumber":"60141"}},"legs":[{"deviceId":"60113","state":"ACTIVE"}],"participants":[{"participantId":"p1","identity":{"id":{"phoneNumber":"0612345603"}}}]}"#,
    );
    assert!(session.desk().after_call().is_none(), "not before the end");
    event(
        &mut session,
        r#"{"eventName":"OnCallRemoved","loginName":"oxe60113","callRef":"c1","cause":"CLEARED"}"#,
    );
    let work = session
        .desk()
        .after_call()
        .expect("after-call work")
        .clone();
    assert_eq!(work.call, c("c1"));
    assert_eq!(work.party.number.as_deref(), Some("0612345603"));
    let save = |disposition: Option<&str>, notes: &str| Intent::SaveAfterCallWork {
        call: c("c1"),
        disposition: disposition.map(DispositionId::new),
        notes: notes.into(),
    };
    assert!(matches!(
        session.allows(&save(None, "")),
        Err(Refusal::InvalidArgument { .. })
    ));
    assert!(matches!(
        session.allows(&save(Some("99"), "")),
        Err(Refusal::InvalidArgument { .. })
    ));
    assert!(matches!(
        session.allows(&save(Some("11"), &"x".repeat(2001))),
        Err(Refusal::InvalidArgument { .. })
    ));
    let id = session
        .send(NOW, save(Some("11"), "Wants a quote"))
        .unwrap();
    let sent = transmits(&mut session);
    assert_eq!(sent.len(), 1);
    let (transmit, request) = &sent[0];
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.path,
        "/api/rest/1.0/telephony/calls/c1/sendaccountinfo"
    );
    assert_eq!(
        request.body.as_deref(),
        Some(r#"{"deviceId":"60113","accountInfo":"11","notes":"Wants a quote"}"#)
    );
    session.handle(
        NOW,
        Input::Answer {
            id: *transmit,
            answer: Answer::Response {
                status: 204,
                body: b"",
            },
        },
    );
    let outputs: Vec<Output> = std::iter::from_fn(|| session.poll_output()).collect();
    assert!(outputs.contains(&Output::Outcome {
        intent: id,
        result: Ok(())
    }));
    let saved = outputs.iter().find_map(|o| match o {
        Output::Notification(Notification::AfterCallWorkSaved(record)) => Some(record.clone()),
        _ => None,
    });
    let saved = saved.expect("the host hears the saved work");
    assert_eq!(
        saved.disposition,
        Some(Disposition {
            id: DispositionId::new("11"),
            label: "Sale".into()
        })
    );
    assert_eq!(saved.notes, "Wants a quote");
    assert_eq!(saved.party.number.as_deref(), Some("0612345603"));
    assert!(
        session.desk().after_call().is_none(),
        "saved: no longer pending"
    );
    assert_eq!(
        session.allows(&save(Some("11"), "")),
        Err(Refusal::NoAfterCallWork { call: c("c1") })
    );

    // Wrap-up: 15 s from the group, counted down; Extend restarts it.
    assert_eq!(
        session.allows(&Intent::ExtendWrapUp),
        Err(Refusal::NotWrappingUp)
    );
    event(
        &mut session,
        r#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_ON","subState":"WRAPUP","proAcdDeviceNumber":"60113","pgNumber":"60121"}}"#,
    );
    let at = |ms| Instant::from_millis(ms);
    assert_eq!(
        session.machine().wrap_up_remaining(at(5_000)),
        Some(Duration::from_secs(10))
    );
    let extend = session.send(at(10_000), Intent::ExtendWrapUp).unwrap();
    let sent = transmits(&mut session);
    assert_eq!(sent[0].1.path, "/api/rest/1.0/acd/agent/wrapUp");
    session.handle(
        at(10_000),
        Input::Answer {
            id: sent[0].0,
            answer: Answer::Response {
                status: 204,
                body: b"",
            },
        },
    );
    assert!(std::iter::from_fn(|| session.poll_output()).any(|o| o
        == Output::Outcome {
            intent: extend,
            result: Ok(())
        }));
    assert_eq!(
        session.machine().wrap_up_remaining(at(12_000)),
        Some(Duration::from_secs(13))
    );
}

#[test]
fn without_codes_after_call_notes_are_settled_without_a_request() {
    use crate::session::Output;
    let (mut session, _) = resynced_session();
    event(
        &mut session,
        r#"{"eventName":"OnCallCreated","loginName":"oxe60113","callRef":"c1","callData":{"acdCallData":{"pilotNumber":"60141"}},"legs":[{"deviceId":"60113","state":"ACTIVE"}],"participants":[]}"#,
    );
    event(
        &mut session,
        r#"{"eventName":"OnCallRemoved","loginName":"oxe60113","callRef":"c1"}"#,
    );
    let id = session
        .send(
            NOW,
            Intent::SaveAfterCallWork {
                call: c("c1"),
                disposition: None,
                notes: "Called about an invoice".into(),
            },
        )
        .unwrap();
    let outputs: Vec<Output> = std::iter::from_fn(|| session.poll_output()).collect();
    assert!(!outputs.iter().any(|o| matches!(o, Output::Transmit(_))));
    assert!(outputs.contains(&Output::Outcome {
        intent: id,
        result: Ok(())
    }));
    assert!(session.desk().after_call().is_none());
}

#[test]
fn a_gateway_without_transaction_codes_offers_none_and_says_nothing() {
    let (mut session, _) = resynced_session();
    session.handle(
        NOW,
        crate::session::Input::Received(br#"{"eventName":"OnAgentStateChanged","loginName":"oxe60113","state":{"mainState":"LOG_ON","subState":"READY","proAcdDeviceNumber":"60113","pgNumber":"60121"}}"#),
    );
    let sent = transmits(&mut session);
    let codes = sent
        .iter()
        .find(|(_, r)| r.path.ends_with("/transactionCodes"))
        .unwrap();
    session.handle(
        NOW,
        crate::session::Input::Answer {
            id: codes.0,
            answer: Answer::Response {
                status: 404,
                body: br#"{"httpStatus":"NOT_FOUND","code":1003,"type":"NOT_FOUND","helpMessage":"no such resource"}"#,
            },
        },
    );
    let outputs: Vec<_> = std::iter::from_fn(|| session.poll_output()).collect();
    assert!(
        !outputs
            .iter()
            .any(|o| matches!(o, crate::session::Output::Warning(_))),
        "{outputs:?}"
    );
    assert!(session.desk().wrap_up_policy().dispositions.is_empty());
}
