//! The contract between the widget and the gateway: the widget's own session
//! (`cti::session::Session` with the O2G adapter) drives `app(state)` exactly as the console
//! does: every transmit it makes, intents and chores alike (snapshots after a (re)connection,
//! the group's withdraw reasons, routing read back, history, directory polling), is sent to the
//! gateway and its answer fed back; every intent the console uses, in a state that allows it,
//! ends in a successful outcome, and no chore fails.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::Harness;
use cti::adapter::{Answer, IntentId};
use cti::machine::{Config, Warning};
use cti::model::{CallRef, ForwardTarget, Instant, Intent, ReasonId, RecordingControl};
use cti::o2g::{O2gAdapter, O2gConfig};
use cti::session::{Input, Output, Session};
use cti::transmit::Payload;

struct Console<'h> {
    h: &'h Harness,
    credential: String,
    session: Session<O2gAdapter>,
    now: u64,
    /// Requests sent, `METHOD path?query`, for the checks on chores.
    sent: Vec<String>,
}

impl Console<'_> {
    fn now(&mut self) -> Instant {
        self.now += 1;
        Instant::from_millis(self.now)
    }

    /// As after a (re)connection: the adapter's snapshots, and what they lead to.
    async fn sync(&mut self) {
        let now = self.now();
        self.session.handle(now, Input::Connected);
        let outcomes = self.pump().await;
        assert!(outcomes.is_empty(), "{outcomes:?}");
    }

    /// Carries every transmit to the gateway and feeds its answer back, timers included,
    /// until the session has nothing left to send; returns the outcomes of intents.
    async fn pump(&mut self) -> Vec<(IntentId, Result<(), cti::adapter::Failure>)> {
        let mut outcomes = Vec::new();
        loop {
            let mut transmits = Vec::new();
            while let Some(output) = self.session.poll_output() {
                match output {
                    Output::Transmit(transmit) => transmits.push(transmit),
                    Output::Outcome { intent, result } => outcomes.push((intent, result)),
                    Output::Warning(warning @ Warning::RequestFailed { .. }) => {
                        panic!("a chore failed: {warning:?}")
                    }
                    Output::SessionLost => panic!("session lost"),
                    _ => {}
                }
            }
            if transmits.is_empty() {
                match self.session.poll_timeout() {
                    Some(at) => {
                        self.now = self.now.max(at.as_millis());
                        self.session.handle(at, Input::Timeout);
                        continue;
                    }
                    None => return outcomes,
                }
            }
            for transmit in transmits {
                let Payload::Http(request) = transmit.payload else {
                    panic!("O2G sends no frames");
                };
                self.sent.push(format!(
                    "{} {}",
                    request.method.as_str(),
                    request.path_and_query()
                ));
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
                let now = self.now();
                let answer = Answer::Response {
                    status: reply.status.as_u16(),
                    body: &reply.body,
                };
                self.session.handle(
                    now,
                    Input::Answer {
                        id: transmit.id,
                        answer,
                    },
                );
            }
        }
    }

    /// Sends the intent through the session, asserts its outcome is a success, then resyncs.
    async fn intent(&mut self, intent: Intent) {
        let now = self.now();
        let id = self
            .session
            .send(now, intent.clone())
            .unwrap_or_else(|refusal| panic!("{intent:?} refused: {refusal:?}"));
        let outcomes = self.pump().await;
        assert_eq!(outcomes, [(id, Ok(()))], "{intent:?}");
        self.sync().await;
    }

    fn calls(&self) -> Vec<CallRef> {
        self.session
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
        device: Some("70120".into()),
        ..Config::default()
    };
    let adapter = O2gAdapter::new(O2gConfig {
        login_name: Some("oxe70120".into()),
        act_as_administrator: false,
    });
    let mut c = Console {
        h: &h,
        credential: alice,
        session: Session::new(Instant::ZERO, config, adapter),
        now: 0,
        sent: Vec::new(),
    };
    c.sync().await;
    for chore in [
        "GET /api/rest/1.0/telephony/state",
        "GET /api/rest/1.0/acd/agent/state",
        "GET /api/rest/1.0/acd/agent/config",
        "GET /api/rest/1.0/eventSummary",
        "GET /api/rest/1.0/routing/state",
        "GET /api/rest/1.0/comlog/records",
    ] {
        assert!(c.sent.iter().any(|s| s == chore), "{chore}: {:?}", c.sent);
    }
    assert!(
        c.session.desk().profile().is_some(),
        "the agent configuration became the profile"
    );
    for intent in [
        Intent::LogOn {
            device: "71120".into(),
            group: Some("60121".into()),
        },
        Intent::ActivateSkills { skills: vec![1] },
        Intent::DeactivateSkills { skills: vec![1] },
        Intent::GoReady,
        Intent::Pause,
        Intent::Withdraw {
            reason: ReasonId::new("1"),
        },
        Intent::WrapUp,
        Intent::GoReady,
        Intent::RequestHelp,
    ] {
        c.intent(intent).await;
    }
    assert!(
        c.sent
            .iter()
            .any(|s| s == "GET /api/rest/1.0/acd/agent/withdrawReasons?pgNumber=60121"),
        "the group's reasons are read once logged on: {:?}",
        c.sent
    );
    assert!(!c.session.desk().reasons().is_empty());
    // The help state comes from the event, which the widget gets on its channel.
    let now = c.now();
    c.session.handle(
        now,
        Input::Received(
            br#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe70120","agentNumber":"70130"}"#,
        ),
    );
    c.intent(Intent::CancelHelp).await;

    // Routing, history and the directory, as the console's panels use them.
    c.intent(Intent::SetDnd { on: true }).await;
    assert!(c.session.desk().routing().is_some_and(|r| r.dnd));
    c.intent(Intent::SetDnd { on: false }).await;
    c.intent(Intent::SetForward {
        to: Some(ForwardTarget::Number("70140".into())),
    })
    .await;
    assert_eq!(
        c.session.desk().routing().and_then(|r| r.forward.clone()),
        Some(ForwardTarget::Number("70140".into()))
    );
    c.intent(Intent::SetForward {
        to: Some(ForwardTarget::Voicemail),
    })
    .await;
    c.intent(Intent::SetForward { to: None }).await;
    c.intent(Intent::RefreshHistory).await;
    c.intent(Intent::SearchDirectory { name: "Pet".into() })
        .await;
    let directory = c.session.desk().directory();
    assert!(!directory.is_searching());
    assert!(
        directory
            .contacts()
            .iter()
            .any(|contact| contact.number.as_deref() == Some("70121")),
        "{directory:?}"
    );

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
    assert!(
        c.calls().is_empty(),
        "the agent left the conference: {:?}",
        c.calls()
    );
    // The customer and the colleague stay connected (issue 11, defect 1): Marc still talks
    // to the customer, then hangs up himself.
    let marcs = h.call(Method::GET, "/telephony/calls", &marc, None).await;
    let marcs: cti::o2g::telephony::Calls = marcs.json();
    let call = marcs.calls.first().expect("Marc is still in the call");
    assert!(
        call.participants.iter().any(|p| p
            .identity
            .as_ref()
            .and_then(|i| i.id.phone_number.as_deref())
            == Some("+33600000000")),
        "with the customer: {call:?}"
    );
    h.call(
        Method::DELETE,
        &format!("/telephony/calls/{}", call.call_ref),
        &marc,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
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

/// The widget's own sign-in steps (`cti::o2g::sign_in`), sent as they are, open a session on
/// the gateway; a wrong password ends them with the gateway's refusal; resuming with the
/// cookie finds the session again.
#[tokio::test]
async fn the_sign_in_steps_open_and_resume_a_session_on_the_gateway() {
    use cti::o2g::sign_in::{SignInFailure, SignInSteps};
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    async fn carry(
        h: &Harness,
        mut steps: SignInSteps,
        cookie: &mut Option<String>,
    ) -> SignInSteps {
        while let Some(request) = steps.poll_transmit() {
            let mut builder = Request::builder()
                .method(request.method.as_str())
                .uri(request.path_and_query())
                .header(header::HOST, "gw.test:8080");
            for (name, value) in &request.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            if let Some(cookie) = cookie.as_deref() {
                builder = builder.header(header::COOKIE, cookie);
            }
            if request.body.is_some() {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
            }
            let reply = h
                .send(
                    builder
                        .body(request.body.clone().map(Body::from).unwrap_or_default())
                        .expect("request"),
                )
                .await;
            // The browser keeps the cookie the gateway sets.
            if let Some(set) = reply.headers.get(header::SET_COOKIE) {
                let pair = set
                    .to_str()
                    .expect("ascii")
                    .split(';')
                    .next()
                    .expect("pair");
                *cookie = Some(pair.to_owned());
            }
            steps.handle_answer(Answer::Response {
                status: reply.status.as_u16(),
                body: &reply.body,
            });
        }
        steps
    }
    let mut cookie = None;
    let steps = carry(
        &h,
        SignInSteps::sign_in("oxe70120", "0120", Some(600)),
        &mut cookie,
    )
    .await;
    let signed = steps.outcome().cloned().expect("over").expect("signed in");
    assert_eq!(signed.login, "oxe70120");
    assert_eq!(signed.time_to_live, Some(600));
    let resumed = carry(&h, SignInSteps::resume(), &mut cookie).await;
    assert!(matches!(resumed.outcome(), Some(Ok(s)) if s.login == "oxe70120"));

    let mut none = None;
    let refused = carry(
        &h,
        SignInSteps::sign_in("oxe70120", "9999", None),
        &mut none,
    )
    .await;
    assert!(matches!(
        refused.outcome(),
        Some(Err(SignInFailure::Rejected { status: 401, .. }))
    ));
    let nothing = carry(&h, SignInSteps::resume(), &mut none).await;
    assert_eq!(nothing.outcome(), Some(&Err(SignInFailure::NoSession)));
}
