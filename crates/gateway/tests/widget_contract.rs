//! The contract between the widget and the gateway: every intent the console uses, built by
//! `cti::machine::Machine::request` in a state that allows it, is answered 2xx by `app(state)`.
//! The machine learns the state the way the widget does at start-up: `GET /telephony/state` and
//! `GET /acd/agent/state`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{Harness, Reply};
use cti::machine::{Config, Machine};
use cti::model::{CallRef, Instant, Intent, RecordingControl};
use cti::o2g::agent::{AgentState, OnSupervisorHelpRequested};
use cti::o2g::event::Event;
use cti::o2g::telephony::TelephonicState;

struct Console<'h> {
    h: &'h Harness,
    credential: String,
    machine: Machine,
    now: u64,
}

impl Console<'_> {
    async fn sync(&mut self) {
        self.now += 1;
        let now = Instant::from_millis(self.now);
        let state = self
            .h
            .call(Method::GET, "/telephony/state", &self.credential, None)
            .await;
        state.assert_status(StatusCode::OK);
        let state: TelephonicState = state.json();
        self.machine.handle_telephony_state(now, state);
        let agent = self
            .h
            .call(Method::GET, "/acd/agent/state", &self.credential, None)
            .await;
        agent.assert_status(StatusCode::OK);
        let agent: AgentState = agent.json();
        self.machine.handle_agent_state(now, agent);
    }

    /// Builds the intent's request, sends it, asserts 2xx, then resyncs.
    async fn intent(&mut self, intent: Intent) -> Reply {
        let request = self
            .machine
            .request(Instant::from_millis(self.now), intent.clone())
            .unwrap_or_else(|refusal| panic!("{intent:?} refused: {refusal:?}"));
        let mut builder = Request::builder()
            .method(request.method.as_str())
            .uri(request.path_and_query())
            .header(header::HOST, "gw.test:8080")
            .header(header::COOKIE, format!("AlcUserId={}", self.credential));
        if request.body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        let reply = self
            .h
            .send(
                builder
                    .body(request.body.clone().map(Body::from).unwrap_or_default())
                    .expect("request"),
            )
            .await;
        assert!(
            reply.status.is_success(),
            "{intent:?} → {} {}: {} {}",
            request.method.as_str(),
            request.path_and_query(),
            reply.status,
            String::from_utf8_lossy(&reply.body)
        );
        self.sync().await;
        reply
    }

    fn calls(&self) -> Vec<CallRef> {
        self.machine
            .desk()
            .calls()
            .iter()
            .map(|c| c.reference.clone())
            .collect()
    }

    fn only_call(&self) -> CallRef {
        let calls = self.calls();
        assert_eq!(calls.len(), 1, "{calls:?}");
        calls[0].clone()
    }

    fn new_call(&self, before: &[CallRef]) -> CallRef {
        self.calls()
            .into_iter()
            .find(|c| !before.contains(c))
            .expect("a new call")
    }
}

async fn answer_as(h: &Harness, credential: &str, device: &str) {
    let calls = h
        .call(Method::GET, "/telephony/calls", credential, None)
        .await;
    let calls: cti::o2g::telephony::Calls = calls.json();
    let ringing = calls
        .calls
        .iter()
        .find(|c| {
            c.legs
                .iter()
                .any(|l| l.state == Some(cti::o2g::telephony::MediaState::RingingIncoming))
        })
        .expect("a ringing call");
    h.call(
        Method::POST,
        &format!("/telephony/calls/{}/answer", ringing.call_ref),
        credential,
        Some(&format!(r#"{{"deviceId":"{device}"}}"#)),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

async fn inject(h: &Harness) {
    h.plain(
        Method::POST,
        "/api/sim/calls",
        Some(r#"{"pilot":"60141","caller":"+33600000000"}"#),
    )
    .await
    .assert_status(StatusCode::CREATED);
}

#[tokio::test]
async fn every_console_intent_is_accepted_in_a_state_that_allows_it() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let alice = h.sign_in("oxe70120").await;
    let bruno = h.sign_in("oxe70121").await;
    let marc = h.sign_in("oxe70140").await;
    let config = Config {
        login_name: Some("oxe70120".into()),
        device: Some("70120".into()),
        ..Config::default()
    };
    let mut c = Console {
        h: &h,
        credential: alice,
        machine: Machine::new(Instant::ZERO, config),
        now: 0,
    };
    c.sync().await;
    for intent in [
        Intent::FetchAgentConfig,
        Intent::FetchWithdrawReasons {
            group: Some("60121".into()),
        },
        Intent::FetchAgentState,
        Intent::RequestAgentSnapshot,
        Intent::FetchTelephonyState,
        Intent::RequestTelephonySnapshot,
        Intent::LogOn {
            pro_acd: "71120".into(),
            group: Some("60121".into()),
        },
        Intent::ActivateSkills { skills: vec![1] },
        Intent::DeactivateSkills { skills: vec![1] },
        Intent::GoReady,
        Intent::Pause,
        Intent::Withdraw { reason: 1 },
        Intent::WrapUp,
        Intent::GoReady,
        Intent::RequestHelp,
    ] {
        c.intent(intent).await;
    }
    // The help state comes from the event, which the widget gets on its channel.
    c.machine.handle_event(
        Instant::from_millis(c.now),
        Event::OnSupervisorHelpRequested(OnSupervisorHelpRequested {
            login_name: "oxe70120".into(),
            agent_number: Some("70130".into()),
        }),
    );
    c.intent(Intent::CancelHelp).await;

    // An ACD call: answer, hold, retrieve, DTMF, recording, consult, alternate, cancel the
    // consultation, consult again, conference, hang up.
    inject(&h).await;
    c.sync().await;
    let c1 = c.only_call();
    c.intent(Intent::Answer { call: c1.clone() }).await;
    c.intent(Intent::Hold { call: c1.clone() }).await;
    c.intent(Intent::Retrieve { call: c1.clone() }).await;
    c.intent(Intent::SendDtmf {
        call: c1.clone(),
        digits: "12#".into(),
    })
    .await;
    for control in [
        RecordingControl::Start,
        RecordingControl::Pause,
        RecordingControl::Resume,
        RecordingControl::Stop,
    ] {
        c.intent(Intent::Record {
            call: c1.clone(),
            control,
        })
        .await;
    }
    let before = c.calls();
    c.intent(Intent::Consult {
        call: c1.clone(),
        to: "70121".into(),
    })
    .await;
    let c2 = c.new_call(&before);
    answer_as(&h, &bruno, "70121").await;
    c.sync().await;
    c.intent(Intent::Alternate { held: c1.clone() }).await;
    c.intent(Intent::Alternate { held: c2.clone() }).await;
    c.intent(Intent::CancelConsult {
        held: c1.clone(),
        consult: c2,
    })
    .await;
    let before = c.calls();
    c.intent(Intent::Consult {
        call: c1.clone(),
        to: "70140".into(),
    })
    .await;
    let c3 = c.new_call(&before);
    answer_as(&h, &marc, "70140").await;
    c.sync().await;
    c.intent(Intent::Merge {
        active: c3,
        held: c1.clone(),
    })
    .await;
    c.intent(Intent::HangUp { call: c1 }).await;
    c.intent(Intent::GoReady).await;

    // A second ACD call: consult and transfer.
    inject(&h).await;
    c.sync().await;
    let c4 = c.only_call();
    c.intent(Intent::Answer { call: c4.clone() }).await;
    let before = c.calls();
    c.intent(Intent::Consult {
        call: c4.clone(),
        to: "70121".into(),
    })
    .await;
    let c5 = c.new_call(&before);
    answer_as(&h, &bruno, "70121").await;
    c.sync().await;
    c.intent(Intent::Transfer {
        active: c5,
        held: c4,
    })
    .await;
    assert!(c.calls().is_empty());
    c.intent(Intent::GoReady).await;

    // A third: blind transfer.
    inject(&h).await;
    c.sync().await;
    let c6 = c.only_call();
    c.intent(Intent::Answer { call: c6.clone() }).await;
    c.intent(Intent::BlindTransfer {
        call: c6,
        to: "70140".into(),
    })
    .await;
    c.intent(Intent::Pause).await;

    // Plain calls: dial and hang up; a call to Alice redirected.
    c.intent(Intent::MakeCall { to: "70140".into() }).await;
    let c7 = c.only_call();
    c.intent(Intent::HangUp { call: c7 }).await;
    h.call(
        Method::POST,
        "/telephony/calls",
        &marc,
        Some(r#"{"deviceId":"70140","callee":"70120"}"#),
    )
    .await
    .assert_status(StatusCode::CREATED);
    c.sync().await;
    let c8 = c.only_call();
    c.intent(Intent::Redirect {
        call: c8,
        to: "70121".into(),
    })
    .await;

    c.intent(Intent::ExitGroup { group: None }).await;
    c.intent(Intent::EnterGroup {
        group: "60121".into(),
    })
    .await;
    c.intent(Intent::LogOff).await;
}
