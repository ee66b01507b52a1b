//! The contract between the widget's XuC driver and the gateway's XuC front: the widget's
//! own session (`cti::session::Session` with the XuC adapter) signs in over REST, opens the
//! socket and carries every frame it transmits to the gateway and every frame the gateway
//! sends back to it, as the driver will. Every intent of an agent's shift ends in the desk
//! state the front's events say, and no chore (the subscriptions after `LoggedOn`) fails.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use common::{serve_over_tcp, Harness};
use cti::machine::{Config, Warning};
use cti::model::{AgentStatus, CallState, Instant, Intent, Reason, ReasonId};
use cti::session::{Input, Output, Session};
use cti::transmit::Payload;
use cti::xuc::{XucAdapter, XucConfig};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

struct Console {
    ws: Socket,
    session: Session<XucAdapter>,
    now: u64,
    /// Frames sent, as JSON text.
    sent: Vec<String>,
    /// Requests the front refused (`AgentError` → `Warning::RequestFailed`).
    failures: Vec<String>,
}

impl Console {
    fn now(&mut self) -> Instant {
        self.now += 1;
        Instant::from_millis(self.now)
    }

    /// Sends what the session transmits and feeds it what arrives, until 300 ms pass with
    /// neither.
    async fn pump(&mut self) {
        loop {
            let mut sent_any = false;
            while let Some(output) = self.session.poll_output() {
                match output {
                    Output::Transmit(transmit) => {
                        let Payload::Frame(text) = transmit.payload else {
                            panic!("XuC sends frames only");
                        };
                        self.ws
                            .send(Message::Text(text.clone().into()))
                            .await
                            .expect("sent");
                        self.sent.push(text);
                        sent_any = true;
                    }
                    Output::Outcome { result, .. } => assert_eq!(result, Ok(())),
                    Output::Warning(Warning::RequestFailed { what, message }) => {
                        self.failures.push(format!("{what}: {message}"));
                    }
                    Output::SessionLost => panic!("session lost"),
                    _ => {}
                }
            }
            let wait = if sent_any { 1_000 } else { 300 };
            match tokio::time::timeout(Duration::from_millis(wait), self.ws.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => {
                    let now = self.now();
                    self.session.handle(now, Input::Received(text.as_bytes()));
                }
                Ok(Some(Ok(_))) => {}
                Ok(other) => panic!("socket ended: {other:?}"),
                Err(_) if !sent_any => return,
                Err(_) => {}
            }
        }
    }

    async fn intent(&mut self, intent: Intent) {
        let now = self.now();
        self.session
            .send(now, intent.clone())
            .unwrap_or_else(|refusal| panic!("{intent:?} refused: {refusal:?}"));
        self.pump().await;
        assert!(self.failures.is_empty(), "{intent:?}: {:?}", self.failures);
    }

    fn status(&self) -> AgentStatus {
        self.session.status()
    }

    fn only_call_state(&self) -> Option<CallState> {
        let calls = self.session.desk().calls();
        assert!(calls.len() <= 1, "{calls:?}");
        calls.first().map(|c| c.state)
    }
}

async fn console(h: &Harness, login: &str, number: &str) -> Console {
    let addr = serve_over_tcp(h.router.clone()).await;
    let body = format!(r#"{{"login":"{login}","password":"{}"}}"#, &number[1..]);
    let reply = h
        .plain(Method::POST, cti::xuc::auth::LOGIN_PATH, Some(&body))
        .await;
    reply.assert_status(StatusCode::OK);
    let token: cti::xuc::auth::AuthToken = reply.json();
    let url = format!(
        "ws://{addr}{}?token={}",
        cti::xuc::auth::SOCKET_PATH,
        token.token
    );
    let (ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("upgrade");
    let reasons = ["Lunch", "Meeting"]
        .iter()
        .map(|r| Reason {
            id: ReasonId::new(*r),
            label: (*r).to_owned(),
        })
        .collect();
    let adapter = XucAdapter::new(XucConfig {
        agent_id: None,
        phone_number: Some(number.to_owned()),
        pause_reasons: reasons,
    });
    let config = Config {
        device: Some(number.to_owned()),
        ..Config::default()
    };
    let mut c = Console {
        ws,
        session: Session::new(Instant::ZERO, config, adapter),
        now: 0,
        sent: Vec::new(),
        failures: Vec::new(),
    };
    let now = c.now();
    c.session.handle(now, Input::Connected);
    c.pump().await;
    c
}

#[tokio::test]
async fn a_xuc_agent_shift_through_the_widget_session() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let mut c = console(&h, "oxe70121", "70121").await;
    assert!(c.session.adapter().is_logged_on(), "LoggedOn arrived");
    for chore in [
        "getList",
        "getConfig",
        "getAgentDirectory",
        "getCurrentCallsPhoneEvents",
    ] {
        assert!(
            c.sent.iter().any(|s| s.contains(chore)),
            "{chore}: {:?}",
            c.sent
        );
    }
    assert!(c.failures.is_empty(), "chores: {:?}", c.failures);
    let profile = c
        .session
        .desk()
        .profile()
        .expect("AgentConfig became the profile");
    assert_eq!(profile.name.as_deref(), Some("Bruno Petit"));
    assert_eq!(c.status(), AgentStatus::LoggedOut);

    c.intent(Intent::LogOn {
        device: "70121".into(),
        group: None,
    })
    .await;
    assert_eq!(c.status(), AgentStatus::Ready);
    c.intent(Intent::Withdraw {
        reason: ReasonId::new("Lunch"),
    })
    .await;
    assert_eq!(c.status(), AgentStatus::Withdrawn);
    assert_eq!(h.agent_state("oxe70121").await, "WITHDRAW");
    c.intent(Intent::GoReady).await;
    assert_eq!(c.status(), AgentStatus::Ready);

    // An ACD call: rings with its screen pop, answered, hung up, wrap-up, ready again.
    h.inject("60141", "+33612345602").await;
    c.pump().await;
    assert_eq!(c.only_call_state(), Some(CallState::RingingIn));
    let call = c.session.desk().calls()[0].clone();
    assert!(
        call.associated_data
            .as_deref()
            .is_some_and(|d| d.contains("Haddad Transports")),
        "{:?}",
        call.associated_data
    );
    c.intent(Intent::Answer {
        call: call.reference.clone(),
    })
    .await;
    assert_eq!(c.only_call_state(), Some(CallState::Active));
    assert_eq!(c.status(), AgentStatus::Busy);
    c.intent(Intent::Hold {
        call: call.reference.clone(),
    })
    .await;
    assert_eq!(c.only_call_state(), Some(CallState::Held));
    c.intent(Intent::Retrieve {
        call: call.reference.clone(),
    })
    .await;
    assert_eq!(c.only_call_state(), Some(CallState::Active));
    c.intent(Intent::HangUp {
        call: call.reference.clone(),
    })
    .await;
    assert_eq!(c.only_call_state(), None);
    assert_eq!(c.status(), AgentStatus::WrapUp);
    h.advance(16_000);
    c.pump().await;
    assert_eq!(c.status(), AgentStatus::Ready);

    // A call out to an O2G user, who answers.
    let marc = h.sign_in("oxe70140").await;
    c.intent(Intent::MakeCall { to: "70140".into() }).await;
    let out = c.session.desk().calls()[0].reference.clone();
    h.answer(&marc, out.as_str(), "70140").await;
    c.pump().await;
    assert_eq!(c.only_call_state(), Some(CallState::Active));
    c.intent(Intent::HangUp { call: out }).await;
    assert_eq!(c.only_call_state(), None);

    // The heartbeat: the ping the adapter sends is answered.
    let at = c.session.poll_timeout().expect("a ping is due");
    c.now = c.now.max(at.as_millis());
    c.session.handle(at, Input::Timeout);
    c.pump().await;
    assert!(c.sent.iter().any(|s| s.contains("ping")), "{:?}", c.sent);
    assert_eq!(c.session.adapter().missed_pings(), 0);

    c.intent(Intent::LogOff).await;
    assert_eq!(c.status(), AgentStatus::LoggedOut);
}

/// The work panels' contract: callbacks, queue membership, statistics and the screen pop,
/// from the widget's session against the front.
#[tokio::test]
async fn callbacks_queues_statistics_and_screen_pop_through_the_widget_session() {
    use cti::model::{CallbackOutcome, CallbackTaker};

    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let mut c = console(&h, "oxe70120", "70120").await;
    assert!(c.failures.is_empty(), "chores: {:?}", c.failures);
    let desk = c.session.desk();
    let names: Vec<String> = desk
        .callbacks()
        .iter()
        .filter_map(|r| r.name.clone())
        .collect();
    assert_eq!(
        names,
        ["Sofia Rossi", "Camille Roussel", "Nathalie Dubois"],
        "by due date, then period"
    );
    assert_eq!(desk.callback_periods().len(), 2);
    let queues: Vec<(String, Option<u32>)> = desk
        .queues()
        .iter()
        .map(|q| (q.name.clone(), q.penalty))
        .collect();
    assert_eq!(
        queues,
        [
            ("Sales line".to_owned(), Some(0)),
            ("Support line".to_owned(), Some(0))
        ]
    );
    assert!(desk.statistics().is_some(), "subscribed to the statistics");

    // A callback taken, called, closed.
    let sofia = desk.callbacks()[0].id.clone();
    c.intent(Intent::TakeCallback {
        request: sofia.clone(),
    })
    .await;
    let taken = c.session.desk().callback(&sofia).expect("listed").clone();
    assert_eq!(taken.taken, Some(CallbackTaker::Me));
    c.intent(Intent::StartCallback {
        request: sofia.clone(),
        number: taken.number.clone().expect("a number"),
    })
    .await;
    assert!(c.session.desk().callback(&sofia).is_some_and(|r| r.called));
    let call = c.session.desk().calls()[0].reference.clone();
    c.intent(Intent::HangUp { call }).await;
    c.intent(Intent::CloseCallback {
        request: sofia.clone(),
        outcome: CallbackOutcome::Answered,
        comment: "Quote sent".into(),
    })
    .await;
    assert!(c.session.desk().callback(&sofia).is_none(), "closed");

    // Queues: a penalty changed, a queue left.
    c.intent(Intent::JoinQueue {
        queue: "1".into(),
        penalty: 3,
    })
    .await;
    c.intent(Intent::LeaveQueue { queue: "2".into() }).await;
    let penalties: Vec<Option<u32>> = c
        .session
        .desk()
        .queues()
        .iter()
        .map(|q| q.penalty)
        .collect();
    assert_eq!(penalties, [Some(3), None]);

    // Statistics follow the agent's state; the screen pop comes with an ACD call.
    c.intent(Intent::LogOn {
        device: "70120".into(),
        group: None,
    })
    .await;
    assert!(c
        .session
        .desk()
        .statistics()
        .is_some_and(|s| s.logged_in_at.is_some()));
    h.inject("60141", "+33612345601").await;
    c.pump().await;
    let pop = c.session.desk().screen_pop().expect("a screen pop").clone();
    assert_eq!(
        pop.url.as_deref(),
        Some("https://crm.example.com/customers?number=%2B33612345601")
    );
    assert_eq!(
        pop.call,
        Some(c.session.desk().calls()[0].reference.clone())
    );
    assert!(pop
        .fields
        .contains(&("Company".to_owned(), "Boulangerie Martin".to_owned())));
}
