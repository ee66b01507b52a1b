//! One test per refusal, and the exact paths and bodies of the spec.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::machine::{CallUpdate, Config, Machine, UpdateKind};
use crate::model::{
    ActivityReport, AgentReport, CallLevelCapabilities, DeviceLeg, Instant, LegCapabilities,
    Participant, Party,
};
use crate::model::{CallState, Recording};

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
    m.apply_agent_report(
        NOW,
        AgentReport::LoggedOn {
            device: Some("60113".into()),
            group: Some("60121".into()),
            activity,
        },
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
    m.apply_call_update(NOW, update);
}

fn req(m: &Machine, intent: Intent) -> Result<HttpRequest, Refusal> {
    m.request(NOW, intent)
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
    let pro_acd = "60113".to_owned();
    assert_eq!(
        req(
            &m,
            Intent::LogOn {
                pro_acd,
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
        req(&m, Intent::Withdraw { reason: 0 }),
        Err(Refusal::InvalidArgument { .. })
    ));
    assert!(matches!(
        req(&m, Intent::ActivateSkills { skills: vec![] }),
        Err(Refusal::InvalidArgument { .. })
    ));
    let m = machine();
    assert!(matches!(
        req(&m, Intent::FetchWithdrawReasons { group: None }),
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

    let r = ok(Intent::Withdraw { reason: 2 });
    assert_eq!(
        (r.path.as_str(), r.body.as_deref()),
        (
            "/api/rest/1.0/acd/agent/withdraw",
            Some(r#"{"reasonIndex":2}"#)
        )
    );

    let r = ok(Intent::FetchWithdrawReasons { group: None });
    assert_eq!(
        r.path_and_query(),
        "/api/rest/1.0/acd/agent/withdrawReasons?pgNumber=60121"
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
    m.apply_call_update(NOW, update);
    let r = req(&m, Intent::HangUp { call: c("conf") }).unwrap();
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/api/rest/1.0/telephony/calls/conf/dropme")
    );
}

#[test]
fn admin_sessions_name_the_user_and_references_are_encoded() {
    let config = Config {
        login_name: Some("oxe60113".into()),
        act_as_administrator: true,
        device: Some("60113".into()),
        ..Config::default()
    };
    let mut m = Machine::new(NOW, config);
    add_call(&mut m, "a/b c", CallState::Active, all_leg(), all_call());
    let r = req(&m, Intent::Hold { call: c("a/b c") }).unwrap();
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
        m.apply_call_update(NOW, update);
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
fn ambig_39_hang_up_is_delete_unless_a_conference_we_may_only_leave() {
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
        m.apply_call_update(NOW, update);
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
    // A conference with `terminate`: DELETE ends it for everyone.
    assert_eq!(hang_up(all_call(), 2), delete);
    // A conference without `terminate` but with `dropMe`: leave it.
    assert_eq!(hang_up(only_drop_me, 2), drop_me);
    // A conference offering neither: DELETE (the leg's `drop`).
    assert_eq!(hang_up(CallLevelCapabilities::default(), 2), delete);
}

#[test]
fn ambig_71_cancel_help_names_the_supervisor_in_other() {
    let mut m = logged_on(ActivityReport::Ready);
    m.handle_event_bytes(
        NOW,
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
    m.handle_event_bytes(
        NOW,
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
