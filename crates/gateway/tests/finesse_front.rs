//! The Finesse connector front over the built-in STOMP endpoint (`ws://…/stomp`), on a
//! server on port 0: authentication, destinations and the `Origin` check; an agent's shift
//! (login, reason codes, not ready with a reason, ready, an ACD call answered, held,
//! retrieved and transferred to a second agent's extension, logout); conference; lists
//! (skill groups, supervisors, queues, team users, phone books); outbound preview offers
//! accepted, rejected and closed on the world's callback requests; personal callbacks
//! scheduled, updated, cancelled and coming back at their time; mobile agents; bad input.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test code

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::Method;
use common::{serve_over_tcp, Harness};
use cti::finesse::{
    decode_event, AgentState, DialogState, ErrorName, Event, EventMessage, ReasonCode,
};
use cti::stomp::{encode, Command, Frame, FrameDecoder, Item};
use futures_util::{SinkExt, StreamExt};
use gateway::clock::iso8601;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

const ALICE: &str = "oxe70120";
const BRUNO: &str = "oxe70121";
const SOPHIE: &str = "oxe70130";

/// A gateway without bots or traffic: every ACD call goes to the humans.
fn harness() -> Harness {
    Harness::with(|s| s.bots.clear(), Some(0.0))
}

/// One STOMP client of the endpoint.
struct Stomp {
    ws: Socket,
    decoder: FrameDecoder,
    login: String,
    receipts: u32,
}

impl Stomp {
    async fn open(addr: SocketAddr) -> Socket {
        let mut request = format!("ws://{addr}/stomp").into_client_request().unwrap();
        request
            .headers_mut()
            .insert("Sec-WebSocket-Protocol", "v12.stomp".parse().unwrap());
        let (ws, response) = tokio_tungstenite::connect_async(request)
            .await
            .expect("upgrade");
        assert_eq!(
            response
                .headers()
                .get("sec-websocket-protocol")
                .map(|v| v.to_str().unwrap()),
            Some("v12.stomp")
        );
        ws
    }

    /// Connects as `login` (password: the number's last 4 digits) and subscribes to its
    /// topic.
    async fn connected(addr: SocketAddr, login: &str) -> Stomp {
        let mut stomp = Stomp {
            ws: Stomp::open(addr).await,
            decoder: FrameDecoder::default(),
            login: login.to_owned(),
            receipts: 0,
        };
        stomp
            .frame(
                Frame::new(Command::Connect)
                    .header("accept-version", "1.1,1.2")
                    .header("host", "/")
                    .header("login", login)
                    .header("passcode", &login[login.len() - 4..])
                    .header("heart-beat", "0,0"),
            )
            .await;
        let connected = stomp.next().await.expect("CONNECTED");
        assert_eq!(connected.command, Command::Connected, "{connected:?}");
        assert_eq!(connected.get("version"), Some("1.2"));
        stomp.receipts += 1;
        let receipt = format!("sub-{}", stomp.receipts);
        stomp
            .frame(
                Frame::new(Command::Subscribe)
                    .header("id", "sub-0")
                    .header("destination", format!("/topic/connector.event.{login}"))
                    .header("receipt", receipt.clone()),
            )
            .await;
        let answer = stomp.next().await.expect("RECEIPT");
        assert_eq!(answer.command, Command::Receipt);
        assert_eq!(answer.get("receipt-id"), Some(receipt.as_str()));
        stomp
    }

    async fn raw(&mut self, text: &str) {
        self.ws
            .send(Message::Text(text.to_owned().into()))
            .await
            .expect("sent");
    }

    async fn frame(&mut self, frame: Frame) {
        let text = String::from_utf8(encode(&frame)).unwrap();
        self.raw(&text).await;
    }

    /// The next frame, `None` once the server closed.
    async fn next(&mut self) -> Option<Frame> {
        loop {
            while let Some(item) = self.decoder.next_item() {
                match item.expect("the server speaks STOMP") {
                    Item::Frame(frame) => return Some(frame),
                    Item::HeartBeat => {}
                }
            }
            let message = tokio::time::timeout(Duration::from_secs(3), self.ws.next())
                .await
                .expect("a frame within 3 s")?;
            match message.ok()? {
                Message::Text(text) => self.decoder.push(text.as_bytes()),
                Message::Binary(bytes) => self.decoder.push(&bytes),
                Message::Close(_) => return None,
                _ => {}
            }
        }
    }

    /// Sends a connector command for this client's agent.
    async fn send(&mut self, command: &str, body: &str) {
        let jms_type = format!("{command}#{}", self.login);
        self.send_typed(&jms_type, body).await;
    }

    async fn send_typed(&mut self, jms_type: &str, body: &str) {
        self.frame(
            Frame::new(Command::Send)
                .header("destination", "/queue/connector.command")
                .header("type", jms_type)
                .body(body.as_bytes().to_vec()),
        )
        .await;
    }

    /// The next connector event, decoded.
    async fn event(&mut self) -> EventMessage {
        loop {
            let frame = self.next().await.expect("an event");
            if frame.command != Command::Message {
                continue;
            }
            assert_eq!(
                frame.get("destination").unwrap(),
                format!("/topic/connector.event.{}", self.login)
            );
            return decode_event(&frame.body).expect("events decode");
        }
    }

    /// Reads events until one matches, skipping the others.
    async fn until(&mut self, what: &str, matches: impl Fn(&Event) -> bool) -> Event {
        let mut seen = Vec::new();
        loop {
            let message = self.event().await;
            if matches(&message.event) {
                return message.event;
            }
            seen.push(message.event);
            assert!(seen.len() < 40, "no {what}; saw {seen:#?}");
        }
    }

    async fn state(&mut self, state: AgentState) -> cti::finesse::AgentStateEvent {
        match self
            .until(
                state.as_str(),
                |e| matches!(e, Event::State(s) if s.state == state),
            )
            .await
        {
            Event::State(s) => s,
            _ => unreachable!(),
        }
    }

    async fn error(&mut self) -> cti::finesse::ConnectorError {
        match self.until("Error", |e| matches!(e, Event::Error(_))).await {
            Event::Error(error) => error,
            _ => unreachable!(),
        }
    }

    /// `Connect` then `Login` on its directory number: not ready, `-1`.
    async fn logged_in(&mut self) {
        let password = self.login[self.login.len() - 4..].to_owned();
        let extension = self.login[3..].to_owned();
        self.send("Connect", &format!("{},{password}", self.login))
            .await;
        self.until("AgentInfo", |e| matches!(e, Event::AgentInfo(_)))
            .await;
        self.send("Login", &format!("{password},{extension}")).await;
        let state = self.state(AgentState::NotReady).await;
        assert_eq!(state.reason_code, ReasonCode::Unset);
        assert_eq!(state.extension, extension);
    }

    async fn ready(&mut self) {
        self.send("MakeReady", "").await;
        let state = self.state(AgentState::Ready).await;
        assert_eq!(state.reason_code, ReasonCode::Empty);
    }

    /// The id of the next call ringing at the agent.
    async fn ringing(&mut self) -> String {
        match self
            .until("NewInboundCall", |e| matches!(e, Event::NewInboundCall(_)))
            .await
        {
            Event::NewInboundCall(call) => call.dialog_id,
            _ => unreachable!(),
        }
    }
}

async fn started() -> (Harness, SocketAddr) {
    let h = harness();
    let addr = serve_over_tcp(h.router.clone()).await;
    (h, addr)
}

async fn inject(h: &Harness, pilot: &str, caller: &str) {
    let body = json!({"pilot": pilot, "caller": caller}).to_string();
    h.plain(Method::POST, "/api/sim/calls", Some(&body)).await;
}

fn call_status(event: &Event) -> Option<&cti::finesse::CallStatus> {
    match event {
        Event::InboundCall(s) | Event::OutboundCall(s) | Event::ConsultCall(s) => Some(s),
        _ => None,
    }
}

#[tokio::test]
async fn an_agents_shift_through_the_connector_with_a_transfer_to_a_second_agent() {
    let (h, addr) = started().await;
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.send("Hello", "").await;
    assert_eq!(alice.event().await.event, Event::InService);
    alice.send("Connect", &format!("{ALICE},0120")).await;
    let Event::AgentInfo(info) = alice.event().await.event else {
        panic!("AgentInfo first")
    };
    assert_eq!(
        (info.first_name.as_str(), info.last_name.as_str()),
        ("Alice", "Martin")
    );
    assert_eq!(info.team_id, "60121");
    assert!(!info.is_supervisor);
    let Event::Phonebooks(books) = alice.event().await.event else {
        panic!("phone books")
    };
    assert_eq!(books.entries().len(), 2);
    alice.send("Login", "0120,70120").await;
    let state = alice.state(AgentState::NotReady).await;
    assert_eq!(state.reason_code, ReasonCode::Unset);
    assert_eq!(state.extension, "70120");
    assert_eq!(state.full_name, "Alice Martin");

    alice.send("reasoncodenotready", "").await;
    let Event::ReasonCodes(codes) = alice
        .until("ReasonCodes", |e| matches!(e, Event::ReasonCodes(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(codes.list, "reasoncodenotready");
    assert_eq!(codes.labels[1], "Meeting");
    alice.send("MakeNotReadyWithReason", "2").await;
    let state = alice.state(AgentState::NotReady).await;
    assert_eq!(state.reason_code, ReasonCode::Code("2".into()));
    assert_eq!(state.reason_label, "Meeting");
    alice.ready().await;

    let mut bruno = Stomp::connected(addr, BRUNO).await;
    bruno.logged_in().await;

    inject(&h, "60141", "+33612345601").await;
    let dialog = alice.ringing().await;
    alice.state(AgentState::Reserved).await;
    alice.send("AnswerCall", &dialog).await;
    alice.state(AgentState::Talking).await;
    alice.send("HoldCall", &dialog).await;
    alice.state(AgentState::Hold).await;
    alice.send("RetrieveCall", &dialog).await;
    alice.state(AgentState::Talking).await;

    alice.send("TransferCall", &format!("70121,{dialog}")).await;
    let dropped = alice
        .until("the dialog dropped", |e| {
            call_status(e).is_some_and(|s| s.state == DialogState::Dropped)
        })
        .await;
    assert_eq!(call_status(&dropped).unwrap().dialog_id, dialog);
    alice.state(AgentState::WorkReady).await;
    let at_bruno = bruno.ringing().await;
    bruno.send("AnswerCall", &at_bruno).await;
    bruno.state(AgentState::Talking).await;
    bruno.send("ReleaseCall", &at_bruno).await;
    bruno.state(AgentState::NotReady).await;

    alice.send("Logout", "1").await;
    let state = alice.state(AgentState::Logout).await;
    assert_eq!(state.reason_code, ReasonCode::Code("1".into()));
    assert_eq!(state.reason_label, "End of shift");
    let agents: Value = h.plain(Method::GET, "/api/sim/agents", None).await.json();
    let alice_state = agents
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["login"] == ALICE)
        .unwrap();
    assert_eq!(alice_state["state"], "LOG_OFF");
}

#[tokio::test]
async fn bad_commands_get_the_connectors_error_and_the_connection_and_state_survive() {
    let (_h, addr) = started().await;
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.logged_in().await;
    alice.ready().await;

    alice.send("NoSuchCommand", "1,2").await;
    let error = alice.error().await;
    assert_eq!(error.name, ErrorName::GeneralError);
    assert!(error.message.contains("NoSuchCommand"), "{error:?}");
    alice.send("Login", "0120").await;
    assert_eq!(alice.error().await.name, ErrorName::MissingExtension);
    alice.send("TransferCall", "70121").await;
    assert_eq!(alice.error().await.name, ErrorName::GeneralError);
    alice.send("Login", "9999,70120").await;
    assert_eq!(alice.error().await.name, ErrorName::UserNotFound);
    alice.send("Login", "0120,70121").await;
    assert_eq!(alice.error().await.name, ErrorName::WrongExtension);
    alice.send("AnswerCall", "no-such-dialog").await;
    assert_eq!(alice.error().await.name, ErrorName::GeneralError);
    alice.send_typed("MakeReady", "").await;
    assert_eq!(alice.error().await.name, ErrorName::GeneralError);
    alice.send_typed(&format!("MakeReady#{BRUNO}"), "").await;
    let error = alice.error().await;
    assert!(error.message.contains("may not send commands"), "{error:?}");
    alice.send("MakeNotReadyWithReason", "42").await;
    assert_eq!(alice.error().await.name, ErrorName::CfGenericUnspecified);

    // The connection is still there, and the state is unchanged.
    alice.send("GetState", "").await;
    alice.state(AgentState::Ready).await;

    // Not STOMP: ERROR, then the server closes; the state survives for a new connection.
    alice.raw("this is not a STOMP frame\n\n\0").await;
    let error = alice.next().await.expect("ERROR");
    assert_eq!(error.command, Command::Error);
    assert_eq!(alice.next().await, None, "closed after ERROR");
    let mut again = Stomp::connected(addr, ALICE).await;
    again.send("GetState", "").await;
    let state = again.state(AgentState::Ready).await;
    assert_eq!(state.extension, "70120");
}

#[tokio::test]
async fn the_endpoint_serves_the_connectors_destinations_to_the_demo_users_only() {
    let (_h, addr) = started().await;
    // A wrong passcode.
    let mut ws = Stomp::open(addr).await;
    let connect = "CONNECT\naccept-version:1.2\nhost:/\nlogin:oxe70120\npasscode:nope\n\n\0";
    ws.send(Message::Text(connect.into())).await.unwrap();
    let mut stomp = Stomp {
        ws,
        decoder: FrameDecoder::default(),
        login: ALICE.into(),
        receipts: 0,
    };
    let error = stomp.next().await.expect("ERROR");
    assert_eq!(error.command, Command::Error);
    assert_eq!(error.get("message"), Some("access refused"));
    assert_eq!(stomp.next().await, None);

    // Someone else's topic, another destination.
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice
        .frame(
            Frame::new(Command::Subscribe)
                .header("id", "x")
                .header("destination", format!("/topic/connector.event.{BRUNO}")),
        )
        .await;
    assert_eq!(alice.next().await.unwrap().command, Command::Error);
    assert_eq!(alice.next().await, None);
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice
        .frame(
            Frame::new(Command::Send)
                .header("destination", "/queue/elsewhere")
                .body(b"x".to_vec()),
        )
        .await;
    assert_eq!(alice.next().await.unwrap().command, Command::Error);

    // A page of another origin may not open it; the gateway's own pages may.
    let mut request = format!("ws://{addr}/stomp").into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", "http://evil.example".parse().unwrap());
    assert!(tokio_tungstenite::connect_async(request).await.is_err());
    let mut request = format!("ws://{addr}/stomp").into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", format!("http://{addr}").parse().unwrap());
    assert!(tokio_tungstenite::connect_async(request).await.is_ok());

    // A frame past the limit ends the connection.
    let mut alice = Stomp::connected(addr, ALICE).await;
    let huge = format!(
        "SEND\ndestination:/queue/connector.command\ntype:Beat#{ALICE}\n\n{}\0",
        "x".repeat(100_000)
    );
    let _ = alice.ws.send(Message::Text(huge.into())).await;
    assert_eq!(alice.next().await.map(|f| f.command), None);
}

#[tokio::test]
async fn a_conference_joins_the_second_agent_when_it_answers() {
    let (h, addr) = started().await;
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.logged_in().await;
    alice.ready().await;
    let mut bruno = Stomp::connected(addr, BRUNO).await;
    bruno.logged_in().await;
    inject(&h, "60141", "+33612345602").await;
    let dialog = alice.ringing().await;
    alice.send("AnswerCall", &dialog).await;
    alice.state(AgentState::Talking).await;
    alice
        .send("Conferencecall", &format!("70121,{dialog}"))
        .await;
    let consult = alice
        .until("ConsultCall", |e| matches!(e, Event::ConsultCall(_)))
        .await;
    assert_eq!(call_status(&consult).unwrap().address, "70121");
    let at_bruno = bruno.ringing().await;
    bruno.send("AnswerCall", &at_bruno).await;
    bruno.state(AgentState::Talking).await;
    // Merged: one call with the customer, Alice and Bruno.
    let calls: Value = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    let calls = calls.as_array().unwrap();
    assert_eq!(calls.len(), 1, "{calls:?}");
    let parties = calls[0]["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 3, "{parties:?}");
}

#[tokio::test]
async fn lists_reflect_the_world() {
    let (h, addr) = started().await;
    let mut sophie = Stomp::connected(addr, SOPHIE).await;
    sophie.send("Connect", &format!("{SOPHIE},0130")).await;
    let Event::AgentInfo(info) = sophie.event().await.event else {
        panic!("AgentInfo")
    };
    assert!(info.is_supervisor);
    let teams = info.teams.expect("the supervisor form");
    assert_eq!(teams.count, "2");
    assert_eq!(teams.teams[0].name, "Sales");
    let Event::QueueList(queues) = sophie
        .until("QueueList", |e| matches!(e, Event::QueueList(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(queues.len(), 2);
    assert_eq!(queues[0].name(), Some("Sales line"));
    let Event::TeamUsersList(team) = sophie
        .until("TeamUsersList", |e| matches!(e, Event::TeamUsersList(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(team.len(), 4);

    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.logged_in().await;
    alice.ready().await;
    // Sophie sees Alice ready, in her team and in her queues.
    sophie
        .until("Alice ready in the team", |e| {
            matches!(e, Event::TeamUsersList(users) if users.iter().any(|u| u.login_id() == Some(ALICE) && u.state() == Some("READY")))
        })
        .await;
    inject(&h, "60141", "+33612345601").await;
    let _ = alice.ringing().await;
    alice.send("GETSKILLGROPU", "").await;
    let Event::SkillGroups(groups) = alice
        .until("SkillGroups", |e| matches!(e, Event::SkillGroups(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].get("name"), Some("Sales line"));
    alice.send("GETSUPERVISOR", "").await;
    let Event::Supervisors(supervisors) = alice
        .until("Supervisors", |e| matches!(e, Event::Supervisors(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(supervisors[0].login_id(), Some(SOPHIE));
    assert_eq!(supervisors[0].first_name(), Some("Sophie"));
}

#[tokio::test]
async fn preview_offers_are_the_callback_requests_accepted_rejected_or_closed() {
    let (h, addr) = started().await;
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.logged_in().await;
    alice.send("MakeReady", "").await;
    let offer = |e: &Event| matches!(e, Event::DialogStatus(d) if d.state == DialogState::Alerting && d.is_preview());
    let Event::DialogStatus(first) = alice.until("a preview offer", offer).await else {
        unreachable!()
    };
    assert_eq!(first.dialog_id, "preview-cb-1-1");
    assert_eq!(first.call_type, "OUTBOUND_PREVIEW");
    assert_eq!(first.to_address, "0478123403");
    assert_eq!(first.variables.get("BABuddyName"), Some("Sofia Rossi"));

    alice
        .send("RejectOutboundPreview", "preview-cb-1-1,REJECT")
        .await;
    let Event::DialogStatus(second) = alice.until("the next offer", offer).await else {
        unreachable!()
    };
    // By due date: the support list's request of the same day comes next.
    assert_eq!(second.dialog_id, "preview-cb-2-1");
    alice
        .send("CloseOutboundPreview", "preview-cb-2-1,CLOSE")
        .await;
    let Event::DialogStatus(third) = alice.until("the next offer", offer).await else {
        unreachable!()
    };
    assert_eq!(third.dialog_id, "preview-cb-1-2");
    alice
        .send("AcceptOutboundPreview", "preview-cb-1-2,ACCEPT")
        .await;
    let placed = alice
        .until("the call placed", |e| matches!(e, Event::OutboundCall(_)))
        .await;
    assert_eq!(call_status(&placed).unwrap().address, "0478123406");
    alice.state(AgentState::Talking).await;
    // The world: the closed and the accepted requests are done, the rejected one is open.
    let open: Vec<String> = h.state.simulator().unwrap().with(|sim| {
        sim.world()
            .centre()
            .callbacks()
            .map(|c| c.uuid.clone())
            .collect()
    });
    assert_eq!(open, ["cb-1-1"]);
}

#[tokio::test]
async fn a_scheduled_callback_comes_back_at_its_time() {
    let (h, addr) = started().await;
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.logged_in().await;
    // No preview campaign in the way: the requests are closed by someone else first.
    alice.send("MakeCall", "0612345678").await;
    let placed = alice
        .until("the call", |e| matches!(e, Event::OutboundCall(_)))
        .await;
    let dialog = call_status(&placed).unwrap().dialog_id.clone();
    let epoch = h.state.epoch_unix_ms;
    let at = iso8601(epoch + h.state.now() + 120_000);
    alice
        .send(
            "SHCEDULECALLBACK",
            &format!("70120,{dialog},{at},0612345679"),
        )
        .await;
    let Event::DialogStatus(scheduled) = alice
        .until("the scheduled callback", |e| {
            matches!(e, Event::DialogStatus(_))
        })
        .await
    else {
        unreachable!()
    };
    assert_eq!(scheduled.dialog_id, dialog);
    assert_eq!(
        scheduled.variables.get("callbackNumber"),
        Some("0612345679")
    );
    let later = iso8601(epoch + h.state.now() + 180_000);
    alice
        .send(
            "UPDATECALLBACK",
            &format!("70120,{dialog},{later},0612345680"),
        )
        .await;
    let Event::DialogStatus(updated) = alice
        .until("the updated callback", |e| {
            matches!(e, Event::DialogStatus(_))
        })
        .await
    else {
        unreachable!()
    };
    assert_eq!(updated.variables.get("callbackNumber"), Some("0612345680"));
    alice
        .send("UPDATECALLBACK", "70120,nope,2026-01-01T10:00,1")
        .await;
    assert_eq!(alice.error().await.name, ErrorName::GeneralError);
    alice
        .send("SHCEDULECALLBACK", &format!("70120,{dialog},tomorrow,1"))
        .await;
    assert_eq!(alice.error().await.name, ErrorName::GeneralError);
    alice
        .send("SHCEDULECALLBACK", &format!(",{dialog},{at},1"))
        .await;
    assert_eq!(alice.error().await.name, ErrorName::MissingExtension);
    alice.send("ReleaseCall", &dialog).await;
    alice.state(AgentState::NotReady).await;

    // Not due yet after two minutes; due after three: offered as a personal callback.
    h.advance(120_000);
    alice.send("GetState", "").await;
    alice.state(AgentState::NotReady).await;
    h.advance(61_000);
    let Event::DialogStatus(offer) = alice
        .until("the callback offer", |e| {
            matches!(e, Event::DialogStatus(d) if d.is_preview() && d.state == DialogState::Alerting)
        })
        .await
    else {
        unreachable!()
    };
    assert_eq!(offer.call_type, "OUTBOUND_PERSONAL_CALLBACK_PREVIEW");
    assert_eq!(offer.to_address, "0612345680");
    assert_eq!(
        offer.variables.get("originalDialogId"),
        Some(dialog.as_str())
    );
    alice
        .send(
            "AcceptOutboundPreview",
            &format!("{},ACCEPT", offer.dialog_id),
        )
        .await;
    let placed = alice
        .until("the call back", |e| matches!(e, Event::OutboundCall(_)))
        .await;
    assert_eq!(call_status(&placed).unwrap().address, "0612345680");

    // A cancelled one never comes back.
    let back = call_status(&placed).unwrap().dialog_id.clone();
    let at = iso8601(epoch + h.state.now() + 60_000);
    alice
        .send("SHCEDULECALLBACK", &format!("70120,{back},{at},0612345681"))
        .await;
    alice
        .until("scheduled", |e| matches!(e, Event::DialogStatus(_)))
        .await;
    alice
        .send("CANCELSHCEDULECALLBACK", &format!("70120,{back}"))
        .await;
    let Event::DialogStatus(cancelled) = alice
        .until("cancelled", |e| matches!(e, Event::DialogStatus(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(cancelled.variables.get("callbackTime"), Some(""));
    let scheduled = h.state.simulator().unwrap().with(|sim| {
        let finesse: &gateway::fronts::finesse::sim::FinesseFront =
            gateway::world::Part::part(sim.world().front());
        finesse.callbacks().len()
    });
    assert_eq!(scheduled, 0);
    alice
        .send("RECLASSIFYCALL", &format!("70120,{back},VOICE"))
        .await;
    let Event::DialogStatus(reclassified) = alice
        .until("reclassified", |e| matches!(e, Event::DialogStatus(_)))
        .await
    else {
        unreachable!()
    };
    assert_eq!(
        reclassified.variables.get("reclassification"),
        Some("VOICE")
    );
    alice
        .send("RECLASSIFYCALL", &format!("70120,{back},PIZZA"))
        .await;
    assert_eq!(alice.error().await.name, ErrorName::GeneralError);
}

#[tokio::test]
async fn mobile_agents_are_reached_on_their_phone() {
    let (h, addr) = started().await;
    let calls = |h: &Harness| {
        h.state
            .simulator()
            .unwrap()
            .live_calls()
            .into_iter()
            .map(|c| c.parties)
            .collect::<Vec<_>>()
    };
    // Nailed: the simulator calls the phone at login and keeps the call up, hidden.
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice
        .send("MOBILEAGENTLOGIN", "0120,70120,0611111111,false")
        .await;
    alice
        .until("AgentInfo", |e| matches!(e, Event::AgentInfo(_)))
        .await;
    alice.state(AgentState::NotReady).await;
    alice
        .until("DialogStatus", |e| matches!(e, Event::DialogStatus(_)))
        .await;
    assert_eq!(
        calls(&h),
        [vec!["70120".to_owned(), "0611111111".to_owned()]]
    );
    alice.send("Logout", "").await;
    alice.state(AgentState::Logout).await;
    assert!(calls(&h).is_empty(), "the connection ends with the session");

    // Call by call: each customer call rings the phone, answered when the phone answers.
    let mut bruno = Stomp::connected(addr, BRUNO).await;
    bruno
        .send("MOBILEAGENTLOGIN", "0121,70121,0622222222,true")
        .await;
    bruno.state(AgentState::NotReady).await;
    assert!(calls(&h).is_empty());
    bruno.ready().await;
    inject(&h, "60141", "+33612345601").await;
    let dialog = bruno.ringing().await;
    assert!(calls(&h)
        .iter()
        .any(|parties| parties.contains(&"0622222222".to_owned())));
    h.advance(6_000);
    let answered = bruno
        .until("answered through the phone", |e| {
            call_status(e).is_some_and(|s| s.state == DialogState::Active)
        })
        .await;
    assert_eq!(call_status(&answered).unwrap().dialog_id, dialog);
    bruno.send("ReleaseCall", &dialog).await;
    bruno.state(AgentState::WorkReady).await;
    assert!(
        calls(&h).is_empty(),
        "the phone's call ends with the customer's"
    );
    bruno
        .send("MOBILEAGENTLOGIN", "0121,70121,not a number,true")
        .await;
    assert_eq!(
        bruno.error().await.name,
        ErrorName::CfInvalidLogonDeviceSpecified
    );
}

#[tokio::test]
async fn an_o2g_user_and_a_finesse_agent_share_one_call() {
    let (h, addr) = started().await;
    let mut alice = Stomp::connected(addr, ALICE).await;
    alice.logged_in().await;
    let marc = h.sign_in("oxe70140").await;
    h.call(
        Method::POST,
        "/telephony/calls",
        &marc,
        Some(r#"{"deviceId":"70140","callee":"70120"}"#),
    )
    .await;
    let dialog = alice.ringing().await;
    alice.send("AnswerCall", &dialog).await;
    alice.state(AgentState::Talking).await;
    let calls = h.state.simulator().unwrap().live_calls();
    assert_eq!(calls[0].call_ref, dialog);
    assert_eq!(calls[0].status, "talking");
}
