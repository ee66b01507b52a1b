//! The XuC front over real HTTP and WebSocket: sign-in and token check, the socket's
//! greeting, heartbeat and errors, agent login rules and states, an ACD call at a XuC agent,
//! and calls between a XuC agent and an O2G agent in the one simulated centre.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test code

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{serve_over_tcp, Harness};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

const LOGIN: &str = "/xuc/api/2.0/auth/login";
const CHECK: &str = "/xuc/api/2.0/auth/check";

/// A gateway without bots or traffic: every ACD call goes to the humans.
fn harness() -> Harness {
    Harness::with(|s| s.bots.clear(), Some(0.0))
}

/// A [`harness`] served over TCP, and `login`'s socket on it.
async fn started(login: &str) -> (Harness, SocketAddr, Xuc) {
    let h = harness();
    let addr = serve_over_tcp(h.router.clone()).await;
    let xuc = Xuc::signed_in(&h, addr, login).await;
    (h, addr, xuc)
}

async fn sign_in(h: &Harness, login: &str, password: &str) -> common::Reply {
    let body = json!({ "login": login, "password": password }).to_string();
    h.plain(Method::POST, LOGIN, Some(&body)).await
}

/// The token of `login` (password: the number's last 4 digits, as for O2G).
async fn token(h: &Harness, login: &str) -> String {
    let reply = sign_in(h, login, &login[login.len() - 4..]).await;
    reply.assert_status(StatusCode::OK);
    let body: Value = reply.json();
    body["token"].as_str().expect("token").to_owned()
}

async fn check(h: &Harness, token: &str) -> common::Reply {
    let request = Request::get(CHECK)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    h.send(request).await
}

struct Xuc {
    ws: Socket,
}

impl Xuc {
    async fn open(addr: SocketAddr, token: &str) -> Xuc {
        let url = format!("ws://{addr}/xuc/api/2.0/cti?token={token}");
        let (ws, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("upgrade");
        Xuc { ws }
    }

    /// Opens a socket for `login` and reads its greeting (`LoggedOn`, `RightProfile`).
    async fn signed_in(h: &Harness, addr: SocketAddr, login: &str) -> Xuc {
        let token = token(h, login).await;
        let mut xuc = Xuc::open(addr, &token).await;
        assert_eq!(xuc.next().await.expect("a frame")["msgType"], "LoggedOn");
        assert_eq!(
            xuc.next().await.expect("a frame")["msgType"],
            "RightProfile"
        );
        xuc
    }

    async fn next(&mut self) -> Option<Value> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(3), self.ws.next())
                .await
                .expect("a frame within 3 s")?;
            match frame.ok()? {
                Message::Text(text) => {
                    return Some(serde_json::from_str(&text).expect("every frame is JSON"))
                }
                Message::Close(_) => return None,
                _ => {}
            }
        }
    }

    async fn send(&mut self, frame: Value) {
        self.send_text(&frame.to_string()).await;
    }

    async fn send_text(&mut self, text: &str) {
        self.ws
            .send(Message::Text(text.to_owned().into()))
            .await
            .expect("sent");
    }

    async fn command(&mut self, command: &str, fields: Value) {
        let mut frame = json!({ "claz": "web", "command": command });
        if let (Some(frame), Some(fields)) = (frame.as_object_mut(), fields.as_object()) {
            frame.extend(fields.clone());
        }
        self.send(frame).await;
    }

    /// Reads frames until one matches, skipping the others.
    async fn until(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        let mut seen = Vec::new();
        while let Some(frame) = self.next().await {
            if matches(&frame) {
                return frame;
            }
            seen.push(frame);
        }
        panic!("no {what}; saw {seen:#?}");
    }

    async fn message(&mut self, msg_type: &str) -> Value {
        self.until(msg_type, |f| f["msgType"] == msg_type).await["ctiMessage"].clone()
    }

    async fn agent_state(&mut self, name: &str) -> Value {
        self.until(name, |f| {
            f["msgType"] == "AgentStateEvent" && f["ctiMessage"]["name"] == name
        })
        .await["ctiMessage"]
            .clone()
    }

    async fn phone_event(&mut self, event: &str) -> Value {
        self.until(event, |f| {
            f["msgType"] == "PhoneEvent" && f["ctiMessage"]["eventType"] == event
        })
        .await["ctiMessage"]
            .clone()
    }

    /// `agentLogin` on the user's own line, until `AgentReady`.
    async fn agent_login(&mut self, number: &str) -> Value {
        self.command("agentLogin", json!({ "agentphonenumber": number }))
            .await;
        self.agent_state("AgentReady").await
    }
}

#[tokio::test]
async fn sign_in_checks_credentials_and_tokens_expire() {
    let h = harness();
    let reply = sign_in(&h, "oxe70120", "0120").await;
    reply.assert_status(StatusCode::OK);
    let body: Value = reply.json();
    assert_eq!(body["login"], "oxe70120");
    assert_eq!(body["TTL"], 3600);
    let token = body["token"].as_str().expect("token").to_owned();
    assert!(
        token.len() >= 20
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "URL-safe: {token}"
    );

    let wrong = sign_in(&h, "oxe70120", "9999").await;
    wrong.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json::<Value>()["error"], "InvalidCredentials");
    let unknown = sign_in(&h, "nobody", "0120").await;
    assert_eq!(unknown.json::<Value>()["error"], "InvalidCredentials");
    let garbled = h.plain(Method::POST, LOGIN, Some("{\"login\":")).await;
    garbled.assert_status(StatusCode::BAD_REQUEST);
    let error: Value = garbled.json();
    assert_eq!(error["error"], "InvalidJson");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));

    let checked = check(&h, &token).await;
    checked.assert_status(StatusCode::OK);
    assert_eq!(checked.json::<Value>()["login"], "oxe70120");
    let bogus = check(&h, "not-a-token").await;
    bogus.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(bogus.json::<Value>()["error"], "InvalidCredentials");

    // A check restarts the time to live; an hour and a second without one ends it.
    h.advance(3_000_000);
    check(&h, &token).await.assert_status(StatusCode::OK);
    h.advance(3_000_000);
    check(&h, &token).await.assert_status(StatusCode::OK);
    h.advance(3_601_000);
    let expired = check(&h, &token).await;
    expired.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(expired.json::<Value>()["error"], "TokenExpired");
}

#[tokio::test]
async fn the_socket_greets_answers_pings_and_survives_bad_commands() {
    let h = harness();
    let addr = serve_over_tcp(h.router.clone()).await;

    let mut refused = Xuc::open(addr, "bogus").await;
    let error = refused.next().await.expect("LoggedOnError");
    assert_eq!(
        error,
        json!({"msgType": "LoggedOnError", "ctiMessage": {"Error": "loggedOnFailed"}})
    );
    assert!(refused.next().await.is_none(), "then the socket closes");

    let token = token(&h, "oxe70120").await;
    let mut alice = Xuc::open(addr, &token).await;
    assert_eq!(alice.next().await.expect("first")["msgType"], "LoggedOn");
    let profile = alice.next().await.expect("second");
    assert_eq!(profile["msgType"], "RightProfile");
    assert_eq!(profile["ctiMessage"]["profile"], "NoRight");

    alice.send(json!({"claz": "ping"})).await;
    let pong = alice.next().await.expect("an answer to the ping");
    assert!(pong["msgType"].is_string(), "{pong}");

    for bad in [
        "not json",
        r#"{"claz":"web","command":"noSuchCommand"}"#,
        r#"{"claz":"web","command":"agentLogin"}"#,
        r#"{"claz":"web"}"#,
        r#"[1,2]"#,
    ] {
        alice.send_text(bad).await;
        let error = alice.next().await.expect("an answer");
        assert_eq!(error["msgType"], "AgentError", "{bad}: {error}");
    }
    alice.send(json!({"claz": "ping"})).await;
    assert!(alice.next().await.expect("still open")["msgType"].is_string());

    let sophie = token_for_profile(&h, addr, "oxe70130").await;
    assert_eq!(sophie, "Supervisor");
}

async fn token_for_profile(h: &Harness, addr: SocketAddr, login: &str) -> String {
    let token = token(h, login).await;
    let mut xuc = Xuc::open(addr, &token).await;
    xuc.next().await.expect("LoggedOn");
    let profile = xuc.next().await.expect("RightProfile");
    profile["ctiMessage"]["profile"]
        .as_str()
        .expect("profile")
        .to_owned()
}

#[tokio::test]
async fn lists_and_configuration_name_every_agent() {
    let (_h, _addr, mut alice) = started("oxe70120").await;

    alice
        .command("getList", json!({"objectType": "agent"}))
        .await;
    let agents = alice.message("AgentList").await;
    let agents = agents.as_array().expect("a list");
    let numbers: Vec<&str> = agents.iter().filter_map(|a| a["number"].as_str()).collect();
    for number in ["70120", "70121", "70122", "70123", "70130"] {
        assert!(numbers.contains(&number), "{number} in {numbers:?}");
    }
    let alice_entry = agents
        .iter()
        .find(|a| a["number"] == "70120")
        .expect("Alice");
    assert_eq!(alice_entry["firstName"], "Alice");
    assert_eq!(alice_entry["lastName"], "Martin");
    assert!(alice_entry["id"].is_i64());

    alice
        .command("getList", json!({"objectType": "agentgroup"}))
        .await;
    let groups = alice.message("AgentGroupList").await;
    assert_eq!(groups[0]["name"], "Sales");

    alice
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let config = alice.message("AgentConfig").await;
    assert_eq!(config["id"], alice_entry["id"]);
    assert_eq!(config["number"], "70120");
    assert_eq!(config["member"].as_array().map(Vec::len), Some(2));

    alice.command("getAgentDirectory", json!({})).await;
    let directory = alice.message("AgentDirectory").await;
    let mine = directory["directory"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["agent"]["number"] == "70120")
        .expect("Alice's entry")
        .clone();
    assert_eq!(mine["agentState"]["name"], "AgentLoggedOut");
}

#[tokio::test]
async fn agent_login_rules_pause_with_a_reason_and_back_to_ready() {
    let (h, _addr, mut alice) = started("oxe70120").await;

    alice
        .command("agentLogin", json!({"agentphonenumber": "99999"}))
        .await;
    let unknown = alice.message("AgentError").await;
    assert_eq!(unknown["Error"], "PhoneNumberUnknown");

    let ready = alice.agent_login("70120").await;
    assert_eq!(ready["phoneNb"], "70120");
    assert_eq!(h.agent_state("oxe70120").await, "READY");

    alice
        .command("agentLogin", json!({"agentphonenumber": "70121"}))
        .await;
    let elsewhere = alice.message("AgentError").await;
    assert_eq!(elsewhere["Error"], "LoggedInOnAnotherPhone");
    assert_eq!(elsewhere["phoneNb"], "70120");
    assert_eq!(elsewhere["RequestedNb"], "70121");

    alice
        .command("pauseAgent", json!({"reason": "Lunch"}))
        .await;
    let paused = alice.agent_state("AgentOnPause").await;
    assert_eq!(paused["cause"], "Lunch");
    assert_eq!(h.agent_state("oxe70120").await, "WITHDRAW");

    alice.command("unpauseAgent", json!({})).await;
    alice.agent_state("AgentReady").await;

    alice.command("pauseAgent", json!({})).await;
    let paused = alice.agent_state("AgentOnPause").await;
    assert_eq!(paused["cause"], "");
    assert_eq!(h.agent_state("oxe70120").await, "PAUSE");

    alice
        .command("pauseAgent", json!({"reason": "Holidays"}))
        .await;
    assert!(alice.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("Holidays")));

    alice.command("agentLogout", json!({})).await;
    alice.agent_state("AgentLoggedOut").await;
    assert_eq!(h.agent_state("oxe70120").await, "LOG_OFF");
}

#[tokio::test]
async fn an_acd_call_rings_at_a_xuc_agent_with_its_sheet_and_is_answered_and_hung_up() {
    let (h, _addr, mut bruno) = started("oxe70121").await;
    bruno.agent_login("70121").await;

    h.inject("60141", "+33612345601").await;
    let ringing = bruno.phone_event("EventRinging").await;
    assert_eq!(ringing["DN"], "70121");
    assert_eq!(ringing["otherDN"], "+33612345601");
    assert_eq!(ringing["otherDName"], "Élodie Martin");
    assert_eq!(ringing["queueName"], "Sales line");
    assert_eq!(ringing["callDirection"], "Incoming");
    let unique_id = ringing["uniqueId"].as_str().expect("uniqueId").to_owned();
    let sheet = bruno.message("Sheet").await;
    assert_eq!(sheet["channel"], unique_id.as_str());
    let info = &sheet["payload"]["profile"]["user"]["sheetInfo"];
    assert!(info
        .as_array()
        .expect("fields")
        .iter()
        .any(|f| f["value"] == "Boulangerie Martin"));
    let state = bruno.agent_state("AgentRinging").await;
    assert_eq!(state["acd"], true);

    bruno
        .command("answer", json!({"uniqueId": unique_id}))
        .await;
    let established = bruno.phone_event("EventEstablished").await;
    assert_eq!(established["uniqueId"], unique_id.as_str());
    let on_call = bruno.agent_state("AgentOnCall").await;
    assert_eq!(on_call["acd"], true);
    assert_eq!(on_call["direction"], "Incoming");
    assert_eq!(on_call["callType"], "External");

    bruno.command("getCurrentCallsPhoneEvents", json!({})).await;
    let current = bruno.message("CurrentCallsPhoneEvents").await;
    assert_eq!(current["events"][0]["uniqueId"], unique_id.as_str());

    bruno
        .command("hangup", json!({"uniqueId": unique_id}))
        .await;
    let released = bruno.phone_event("EventReleased").await;
    assert_eq!(released["uniqueId"], unique_id.as_str());
    bruno.agent_state("AgentOnWrapup").await;
    h.advance(16_000);
    bruno.agent_state("AgentReady").await;
}

#[tokio::test]
async fn a_xuc_agent_and_an_o2g_agent_call_each_other_in_one_centre() {
    let (h, _addr, mut alice) = started("oxe70120").await;
    let bruno = h.sign_in("oxe70121").await;

    // XuC → O2G.
    alice.command("dial", json!({"destination": "70121"})).await;
    let dialing = alice.phone_event("EventDialing").await;
    assert_eq!(dialing["otherDN"], "70121");
    assert_eq!(dialing["callDirection"], "Outgoing");
    let call = dialing["uniqueId"].as_str().expect("uniqueId").to_owned();
    h.answer(&bruno, &call, "70121").await;
    let established = alice.phone_event("EventEstablished").await;
    assert_eq!(established["otherDName"], "Bruno Petit");
    alice.command("hold", json!({"uniqueId": call})).await;
    alice.phone_event("EventOnHold").await;
    alice.command("hold", json!({"uniqueId": call})).await;
    alice.phone_event("EventEstablished").await;
    h.call(
        Method::POST,
        &format!("/telephony/calls/{call}/dropme"),
        &bruno,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    alice.phone_event("EventReleased").await;

    // O2G → XuC.
    let call = h.dial(&bruno, "70121", "70120").await;
    let ringing = alice.phone_event("EventRinging").await;
    assert_eq!(ringing["uniqueId"], call.as_str());
    assert_eq!(ringing["otherDN"], "70121");
    assert_eq!(ringing["callDirection"], "Incoming");
    alice.command("answer", json!({})).await;
    alice.phone_event("EventEstablished").await;
    let calls: Vec<Value> = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["status"], "talking");
    alice.command("hangup", json!({})).await;
    alice.phone_event("EventReleased").await;
    let calls: Vec<Value> = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    assert!(calls.is_empty(), "{calls:?}");
}

/// The live calls of the scenario API: (reference, status, parties).
async fn live_calls(h: &Harness) -> Vec<(String, String, Vec<String>)> {
    let calls: Vec<Value> = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    calls
        .iter()
        .map(|c| {
            let parties = c["parties"]
                .as_array()
                .expect("parties")
                .iter()
                .map(|p| p.as_str().expect("number").to_owned())
                .collect();
            (
                c["callRef"].as_str().expect("ref").to_owned(),
                c["status"].as_str().expect("status").to_owned(),
                parties,
            )
        })
        .collect()
}

/// Alice (XuC) in conversation with Marc (O2G); the call's reference.
async fn alice_talking_to_marc(h: &Harness, alice: &mut Xuc, marc: &str) -> String {
    alice.command("dial", json!({"destination": "70140"})).await;
    let call = alice.phone_event("EventDialing").await["uniqueId"]
        .as_str()
        .expect("uniqueId")
        .to_owned();
    h.answer(marc, &call, "70140").await;
    alice.phone_event("EventEstablished").await;
    call
}

/// Alice (XuC) consults Bruno (O2G, 70121), who answers; the consultation's reference.
async fn consult_bruno(h: &Harness, alice: &mut Xuc, bruno: &str) -> String {
    alice
        .command("attendedTransfer", json!({"destination": "70121"}))
        .await;
    let second = alice.phone_event("EventDialing").await["uniqueId"]
        .as_str()
        .expect("uniqueId")
        .to_owned();
    h.answer(bruno, &second, "70121").await;
    alice.phone_event("EventEstablished").await;
    second
}

#[tokio::test]
async fn a_xuc_agent_consults_transfers_cancels_conferences_and_sends_dtmf() {
    let (h, addr, mut alice) = started("oxe70120").await;
    let marc = h.sign_in("oxe70140").await;
    let bruno = h.sign_in("oxe70121").await;

    // Attended transfer: Marc ends up with Bruno.
    let first = alice_talking_to_marc(&h, &mut alice, &marc).await;
    alice.command("sendDtmf", json!({"key": "5"})).await;
    alice
        .command("attendedTransfer", json!({"destination": "70121"}))
        .await;
    let held = alice.phone_event("EventOnHold").await;
    assert_eq!(held["uniqueId"], first.as_str());
    let consult = alice.phone_event("EventDialing").await;
    let second = consult["uniqueId"].as_str().expect("uniqueId").to_owned();
    assert_ne!(second, first, "a consultation is a second channel");
    h.answer(&bruno, &second, "70121").await;
    alice.phone_event("EventEstablished").await;
    alice.command("completeTransfer", json!({})).await;
    alice.phone_event("EventReleased").await;
    let calls = live_calls(&h).await;
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].1, "talking");
    let mut parties = calls[0].2.clone();
    parties.sort();
    assert_eq!(parties, ["70121", "70140"]);
    h.call(
        Method::POST,
        &format!("/telephony/calls/{}/dropme", calls[0].0),
        &marc,
        None,
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);

    // Cancelled: Alice is back with Marc.
    let first = alice_talking_to_marc(&h, &mut alice, &marc).await;
    consult_bruno(&h, &mut alice, &bruno).await;
    alice.command("cancelTransfer", json!({})).await;
    let back = alice
        .until("Marc back", |f| {
            f["msgType"] == "PhoneEvent"
                && f["ctiMessage"]["uniqueId"] == first.as_str()
                && f["ctiMessage"]["eventType"] == "EventEstablished"
        })
        .await;
    assert_eq!(back["ctiMessage"]["otherDN"], "70140");
    assert_eq!(live_calls(&h).await.len(), 1);

    // Conference: one call of three.
    consult_bruno(&h, &mut alice, &bruno).await;
    alice.command("conference", json!({})).await;
    alice.phone_event("EventReleased").await;
    let calls = live_calls(&h).await;
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].2.len(), 3, "{calls:?}");
    alice.command("hangup", json!({})).await;

    // Direct transfer: Marc rings at Bruno, Alice is out. A fresh socket, so that no release
    // of the conference is read for the transfer's.
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;
    h.call(
        Method::POST,
        &format!("/telephony/calls/{}/dropme", live_calls(&h).await[0].0),
        &marc,
        None,
    )
    .await;
    let _ = alice_talking_to_marc(&h, &mut alice, &marc).await;
    alice
        .command("directTransfer", json!({"destination": "70121"}))
        .await;
    alice.phone_event("EventReleased").await;
    let calls = live_calls(&h).await;
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(calls[0].2.contains(&"70121".to_owned()), "{calls:?}");
    assert!(!calls[0].2.contains(&"70120".to_owned()), "{calls:?}");
}

#[tokio::test]
async fn a_supervisor_sees_every_agent_change_state() {
    let (h, addr, mut sophie) = started("oxe70130").await;
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;
    let ready = alice.agent_login("70120").await;
    let seen = sophie.agent_state("AgentReady").await;
    assert_eq!(seen["agentId"], ready["agentId"]);
    // An O2G agent too.
    let bruno = h.sign_in("oxe70121").await;
    h.log_on_ready(&bruno, "71121", "60121").await;
    let seen = sophie.agent_state("AgentReady").await;
    assert_eq!(seen["phoneNb"], "70121");
    // An agent is not told of others.
    alice
        .command("getList", json!({"objectType": "agentgroup"}))
        .await;
    let next = alice.next().await.expect("the list");
    assert_eq!(next["msgType"], "AgentGroupList", "{next}");
}

/// The id of queue `name` in an `AgentConfig`'s memberships.
fn queue_of(config: &Value, name: &str) -> Value {
    config["member"]
        .as_array()
        .expect("member")
        .iter()
        .find(|m| m["queue_name"] == name)
        .expect("the queue")["queue_id"]
        .clone()
}

#[tokio::test]
async fn queue_membership_and_penalties_change_who_takes_the_calls() {
    let (h, addr, mut bruno) = started("oxe70121").await;
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;
    // Bruno is ready first: the longest idle, he would take the next call.
    bruno.agent_login("70121").await;
    h.advance(1_000);
    alice.agent_login("70120").await;
    alice
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let config = alice.message("AgentConfig").await;
    let alice_id = config["id"].clone();
    let sales = queue_of(&config, "Sales line");
    assert_eq!(
        config["member"][0]["penalty"], 0,
        "every membership starts at 0"
    );
    bruno
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let bruno_id = bruno.message("AgentConfig").await["id"].clone();

    // A penalty puts Bruno behind Alice.
    bruno
        .command(
            "setAgentQueue",
            json!({"agentId": bruno_id, "queueId": sales, "penalty": 5}),
        )
        .await;
    let member = bruno.message("QueueMember").await;
    assert_eq!(
        member,
        json!({"agentId": bruno_id, "queueId": sales, "penalty": 5})
    );
    bruno
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let config = bruno.message("AgentConfig").await;
    assert!(config["member"]
        .as_array()
        .expect("member")
        .iter()
        .any(|m| m["queue_id"] == sales && m["penalty"] == 5));
    let first = h.inject("60141", "+33612345603").await;
    let ringing = alice.phone_event("EventRinging").await;
    assert_eq!(ringing["uniqueId"], first.as_str());
    alice.command("answer", json!({"uniqueId": first})).await;
    alice.phone_event("EventEstablished").await;
    alice.command("hangup", json!({"uniqueId": first})).await;
    alice.phone_event("EventReleased").await;
    h.advance(16_000);
    alice.agent_state("AgentReady").await;

    // Alice leaves the queue (as numeric strings, as the client may send ids): Bruno again.
    alice
        .command(
            "removeAgentFromQueue",
            json!({"agentId": alice_id.to_string(), "queueId": sales.to_string()}),
        )
        .await;
    assert_eq!(alice.message("QueueMember").await["penalty"], -1);
    let second = h.inject("60141", "+33612345603").await;
    assert_eq!(
        bruno.phone_event("EventRinging").await["uniqueId"],
        second.as_str()
    );

    // Only one's own queues, unless a supervisor; a negative penalty or unknown queue is refused.
    alice
        .command(
            "setAgentQueue",
            json!({"agentId": bruno_id, "queueId": sales, "penalty": 0}),
        )
        .await;
    alice.message("AgentError").await;
    for bad in [
        json!({"agentId": alice_id, "queueId": sales, "penalty": -2}),
        json!({"agentId": alice_id, "queueId": 99, "penalty": 1}),
    ] {
        alice.command("setAgentQueue", bad).await;
        alice.message("AgentError").await;
    }
    let mut sophie = Xuc::signed_in(&h, addr, "oxe70130").await;
    sophie
        .command(
            "setAgentQueue",
            json!({"agentId": alice_id, "queueId": sales, "penalty": 1}),
        )
        .await;
    assert_eq!(sophie.message("QueueMember").await["penalty"], 1);
    assert_eq!(alice.message("QueueMember").await["penalty"], 1);
}

#[tokio::test]
async fn a_supervisor_is_told_only_of_the_agents_of_its_groups() {
    // Sophie supervises Support (60122) only; Bruno is in Sales (60121) only, Chloé in Support.
    let h = Harness::with(
        |s| {
            s.bots.clear();
            if let Some(sophie) = s.users.iter_mut().find(|u| u.number == "70130") {
                sophie.groups = vec!["60122".into()];
            }
        },
        Some(0.0),
    );
    let addr = serve_over_tcp(h.router.clone()).await;
    let mut sophie = Xuc::signed_in(&h, addr, "oxe70130").await;
    let mut bruno = Xuc::signed_in(&h, addr, "oxe70121").await;
    let mut chloe = Xuc::signed_in(&h, addr, "oxe70122").await;
    bruno.agent_login("70121").await;
    chloe.agent_login("70122").await;
    let seen = sophie.message("AgentStateEvent").await;
    assert_eq!(seen["phoneNb"], "70122", "Chloé's, not Bruno's: {seen}");
    assert_eq!(seen["name"], "AgentReady");
}

fn statistic(stats: &Value, name: &str) -> Value {
    stats["statistics"]
        .as_array()
        .expect("statistics")
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {stats}"))["value"]
        .clone()
}

#[tokio::test]
async fn agent_statistics_count_the_time_in_each_state() {
    let (h, _addr, mut bruno) = started("oxe70121").await;
    bruno.command("subscribeToAgentStats", json!({})).await;
    let stats = bruno.message("AgentStatistics").await;
    assert_eq!(statistic(&stats, "AgentReadyTotalTime"), 0);
    assert_eq!(statistic(&stats, "LoginDateTime"), Value::Null);

    let ready = bruno.agent_login("70121").await;
    let stats = bruno.message("AgentStatistics").await;
    assert_eq!(stats["id"], ready["agentId"]);
    assert!(statistic(&stats, "LoginDateTime").is_string(), "{stats}");

    h.advance(10_000);
    bruno
        .command("pauseAgent", json!({"reason": "Lunch"}))
        .await;
    let stats = bruno.message("AgentStatistics").await;
    assert_eq!(statistic(&stats, "AgentReadyTotalTime"), 10);
    h.advance(5_000);
    // Asked again: the running pause counts up to now.
    bruno.command("subscribeToAgentStats", json!({})).await;
    let stats = bruno.message("AgentStatistics").await;
    assert_eq!(statistic(&stats, "AgentPausedTotalTime"), 5);
    assert_eq!(statistic(&stats, "AgentReadyTotalTime"), 10);
    assert_eq!(statistic(&stats, "AgentWrapupTotalTime"), 0);
}

#[tokio::test]
async fn callbacks_are_taken_called_closed_rescheduled_and_released_in_sight_of_the_list() {
    let (h, addr, mut bruno) = started("oxe70121").await;
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;
    // Chloé serves Support only: she is not told of the Sales list.
    let mut chloe = Xuc::signed_in(&h, addr, "oxe70122").await;

    bruno.command("getCallbackLists", json!({})).await;
    let lists = bruno.message("CallbackLists").await;
    let sales = lists
        .as_array()
        .expect("lists")
        .iter()
        .find(|l| l["name"] == "Sales callbacks")
        .expect("Sales callbacks")
        .clone();
    let requests = sales["callbacks"].as_array().expect("requests");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["lastName"], "Rossi");
    assert_eq!(requests[0]["dueDate"], "2026-12-01");
    assert_eq!(requests[0]["preferredPeriod"]["name"], "Morning");
    let rossi = requests[0]["uuid"].as_str().expect("uuid").to_owned();
    let dubois = requests[1]["uuid"].as_str().expect("uuid").to_owned();
    bruno
        .command("getCallbackPreferredPeriods", json!({}))
        .await;
    let periods = bruno.message("PreferredCallbackPeriodList").await;
    let afternoon = periods
        .as_array()
        .expect("periods")
        .iter()
        .find(|p| p["name"] == "Afternoon")
        .expect("Afternoon")["uuid"]
        .clone();

    // Taken: everyone of the list sees it; nobody else may take it.
    bruno.command("takeCallback", json!({"uuid": rossi})).await;
    let taken = alice.message("CallbackTaken").await;
    assert_eq!(taken["uuid"], rossi.as_str());
    alice.command("takeCallback", json!({"uuid": rossi})).await;
    alice.message("AgentError").await;
    chloe.command("takeCallback", json!({"uuid": rossi})).await;
    chloe.message("AgentError").await;

    // Called: a real call; closed as answered.
    bruno
        .command(
            "startCallback",
            json!({"uuid": rossi, "number": "0478123403"}),
        )
        .await;
    let started = bruno.message("CallbackStarted").await;
    assert_eq!(started["requestUuid"], rossi.as_str());
    let ticket = started["ticketUuid"].clone();
    let dialing = bruno.phone_event("EventDialing").await;
    assert_eq!(dialing["otherDN"], "0478123403");
    assert_eq!(live_calls(&h).await.len(), 1);
    bruno.command("hangup", json!({})).await;
    bruno
        .command(
            "updateCallbackTicket",
            json!({"uuid": ticket, "status": "Answered", "comment": "Quote sent"}),
        )
        .await;
    assert_eq!(
        alice.message("CallbackClotured").await["uuid"],
        rossi.as_str()
    );

    // Rescheduled: back in the list, unassigned, on its new day and period.
    bruno.command("takeCallback", json!({"uuid": dubois})).await;
    bruno
        .command(
            "startCallback",
            json!({"uuid": dubois, "number": "0478123406"}),
        )
        .await;
    let ticket = bruno.message("CallbackStarted").await["ticketUuid"].clone();
    bruno.command("hangup", json!({})).await;
    bruno
        .command(
            "updateCallbackTicket",
            json!({"uuid": ticket, "status": "Callback", "comment": "No answer",
                   "dueDate": "2026-12-03", "periodUuid": afternoon}),
        )
        .await;
    assert_eq!(
        alice.message("CallbackReleased").await["uuid"],
        dubois.as_str()
    );
    let updated = alice.message("CallbackRequestUpdated").await;
    assert_eq!(updated["request"]["dueDate"], "2026-12-03");
    assert_eq!(updated["request"]["preferredPeriod"]["name"], "Afternoon");

    // Released without a call.
    alice.command("takeCallback", json!({"uuid": dubois})).await;
    assert_eq!(
        bruno.message("CallbackTaken").await["uuid"],
        dubois.as_str()
    );
    alice
        .command("releaseCallback", json!({"uuid": dubois}))
        .await;
    assert_eq!(
        bruno.message("CallbackReleased").await["uuid"],
        dubois.as_str()
    );

    bruno.command("getCallbackLists", json!({})).await;
    let lists = bruno.message("CallbackLists").await;
    let left: Vec<&Value> = lists
        .as_array()
        .expect("lists")
        .iter()
        .flat_map(|l| l["callbacks"].as_array().expect("requests"))
        .collect();
    assert_eq!(left.len(), 2, "Rossi's is closed: {left:?}");
    // Chloé was told nothing of Sales.
    chloe.send(json!({"claz": "ping"})).await;
    let next = chloe
        .until("no Sales news", |f| f["msgType"] != "AgentError")
        .await;
    assert_eq!(next["msgType"], "pong", "{next}");
}

// ---- Issue 12, the front's remaining rules ----

/// Point 0: the README's demo users sign in to O2G and to XuC with the same login and
/// password.
#[tokio::test]
async fn every_demo_user_signs_in_to_every_backend() {
    let h = harness();
    for (login, password) in [
        ("oxe70120", "0120"),
        ("oxe70121", "0121"),
        ("oxe70122", "0122"),
        ("oxe70123", "0123"),
        ("oxe70130", "0130"),
        ("oxe70140", "0140"),
    ] {
        h.authenticate(login, password)
            .await
            .assert_status(StatusCode::OK);
        let xuc = sign_in(&h, login, password).await;
        xuc.assert_status(StatusCode::OK);
        assert_eq!(xuc.json::<Value>()["login"], login);
    }
}

/// Point 0: `getList` of `agent` names every agent (users and bots; Marc, a plain user, is
/// none) with its id, names and number, the ids all different.
#[tokio::test]
async fn the_agent_list_names_every_agent_with_its_number() {
    let h = Harness::new();
    let addr = serve_over_tcp(h.router.clone()).await;
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;
    alice
        .command("getList", json!({"objectType": "agent"}))
        .await;
    let agents = alice.message("AgentList").await;
    let agents = agents.as_array().expect("a list");
    let mut listed: Vec<(i64, &str, &str, &str)> = agents
        .iter()
        .map(|a| {
            (
                a["id"].as_i64().expect("id"),
                a["firstName"].as_str().expect("first name"),
                a["lastName"].as_str().expect("last name"),
                a["number"].as_str().expect("number"),
            )
        })
        .collect();
    listed.sort_unstable();
    let numbers: Vec<&str> = listed.iter().map(|a| a.3).collect();
    assert_eq!(
        numbers,
        ["70120", "70121", "70122", "70123", "70130", "70150", "70151", "70152", "70153"]
    );
    let mut ids: Vec<i64> = listed.iter().map(|a| a.0).collect();
    ids.dedup();
    assert_eq!(ids.len(), 9, "one id each: {listed:?}");
    assert_eq!((listed[4].1, listed[4].2), ("Sophie", "Laurent"));
    assert_eq!((listed[5].1, listed[5].2), ("Emma", "Roux"));
}

/// Point 2: a supervisor's profile filters `AgentList`, `AgentGroupList` (and `QueueList`)
/// to its groups; an agent's does not.
#[tokio::test]
async fn a_supervisors_lists_hold_only_its_groups() {
    let h = Harness::with(
        |s| {
            if let Some(sophie) = s.users.iter_mut().find(|u| u.number == "70130") {
                sophie.groups = vec!["60122".into()];
            }
        },
        Some(0.0),
    );
    let addr = serve_over_tcp(h.router.clone()).await;
    let mut sophie = Xuc::signed_in(&h, addr, "oxe70130").await;
    sophie
        .command("getList", json!({"objectType": "agent"}))
        .await;
    let agents = sophie.message("AgentList").await;
    let mut numbers: Vec<&str> = agents
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["number"].as_str())
        .collect();
    numbers.sort_unstable();
    // Support (60122): Alice, Chloé, David, Sophie herself, and the bots Léa and Louis.
    assert_eq!(
        numbers,
        ["70120", "70122", "70123", "70130", "70152", "70153"]
    );
    sophie
        .command("getList", json!({"objectType": "agentgroup"}))
        .await;
    assert_eq!(
        sophie.message("AgentGroupList").await,
        json!([{"id": 2, "name": "Support"}])
    );
    sophie
        .command("getList", json!({"objectType": "queue"}))
        .await;
    let queues = sophie.message("QueueList").await;
    assert_eq!(queues.as_array().map(Vec::len), Some(1));
    assert_eq!(queues[0]["number"], "60142");

    let mut bruno = Xuc::signed_in(&h, addr, "oxe70121").await;
    bruno
        .command("getList", json!({"objectType": "agentgroup"}))
        .await;
    assert_eq!(
        bruno
            .message("AgentGroupList")
            .await
            .as_array()
            .map(Vec::len),
        Some(2),
        "an agent's profile has no filter"
    );
}

/// Point 2: an agent not logged on takes over another agent's line: it logs on the set of
/// that line, and the agent who was there is logged off. Its state shows the line it took.
#[tokio::test]
async fn an_agent_takes_over_another_agents_line() {
    let h = harness();
    let addr = serve_over_tcp(h.router.clone()).await;
    let mut bruno = Xuc::signed_in(&h, addr, "oxe70121").await;
    let mut david = Xuc::signed_in(&h, addr, "oxe70123").await;
    bruno.agent_login("70121").await;
    assert_eq!(h.agent_state("oxe70121").await, "READY");

    david
        .command("agentLogin", json!({"agentphonenumber": "70121"}))
        .await;
    let ready = david.agent_state("AgentReady").await;
    assert_eq!(ready["phoneNb"], "70121", "David is on Bruno's line");
    bruno.agent_state("AgentLoggedOut").await;
    assert_eq!(h.agent_state("oxe70121").await, "LOG_OFF");
    assert_eq!(h.agent_state("oxe70123").await, "READY");

    // An ACD call for David rings on the line he took.
    h.inject("60141", "+33612345601").await;
    let ringing = david.phone_event("EventRinging").await;
    assert_eq!(ringing["DN"], "70121");

    // Logged in, David asking for his own line is elsewhere: both numbers.
    david
        .command("agentLogin", json!({"agentphonenumber": "70123"}))
        .await;
    let elsewhere = david.message("AgentError").await;
    assert_eq!(elsewhere["Error"], "LoggedInOnAnotherPhone");
    assert_eq!(elsewhere["phoneNb"], "70121");
    assert_eq!(elsewhere["RequestedNb"], "70123");

    // A line that is no agent's (Marc's phone) cannot be taken; an unknown one is unknown.
    bruno
        .command("agentLogin", json!({"agentphonenumber": "70140"}))
        .await;
    let refused = bruno.message("AgentError").await;
    assert!(
        refused["Error"]
            .as_str()
            .is_some_and(|e| e.contains("not an agent's line")),
        "{refused}"
    );
    bruno
        .command("agentLogin", json!({"agentphonenumber": "71199"}))
        .await;
    assert_eq!(
        bruno.message("AgentError").await["Error"],
        "PhoneNumberUnknown"
    );
}

/// Sophie (supervisor) in Bruno's group, both signed in, Bruno logged in ready (no bots, no
/// traffic; `edit` changes the scenario further); Bruno's agent id.
async fn sophie_supervising_bruno(
    edit: impl FnOnce(&mut gateway::scenario::Scenario),
) -> (Harness, SocketAddr, Xuc, Xuc, Value) {
    let h = Harness::with(
        |s| {
            s.bots.clear();
            if let Some(sophie) = s.users.iter_mut().find(|u| u.number == "70130") {
                sophie.groups = vec!["60121".into()];
            }
            edit(s);
        },
        Some(0.0),
    );
    let addr = serve_over_tcp(h.router.clone()).await;
    let sophie = Xuc::signed_in(&h, addr, "oxe70130").await;
    let mut bruno = Xuc::signed_in(&h, addr, "oxe70121").await;
    bruno.agent_login("70121").await;
    bruno
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let bruno_id = bruno.message("AgentConfig").await["id"].clone();
    (h, addr, sophie, bruno, bruno_id)
}

/// Point 2: `listenAgent` by a supervisor: `AgentListen` started, to the agent and to the
/// supervisor; the same command again stops. Only a supervisor, only its groups' agents.
#[tokio::test]
async fn a_supervisor_listens_to_an_agent_of_its_groups() {
    let (h, addr, mut sophie, mut bruno, bruno_id) = sophie_supervising_bruno(|_| {}).await;

    sophie
        .command("listenAgent", json!({"agentid": bruno_id}))
        .await;
    let heard = json!({"started": true, "phoneNumber": "70121", "agentId": bruno_id});
    assert_eq!(sophie.message("AgentListen").await, heard);
    assert_eq!(bruno.message("AgentListen").await, heard);
    sophie
        .command("listenAgent", json!({"agentid": bruno_id}))
        .await;
    assert_eq!(sophie.message("AgentListen").await["started"], false);
    assert_eq!(bruno.message("AgentListen").await["started"], false);

    // Chloé is in Support only; Bruno is no supervisor.
    let mut chloe = Xuc::signed_in(&h, addr, "oxe70122").await;
    chloe
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let chloe_id = chloe.message("AgentConfig").await["id"].clone();
    sophie
        .command("listenAgent", json!({"agentid": chloe_id}))
        .await;
    assert!(sophie.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("not in a group")));
    bruno
        .command("listenAgent", json!({"agentid": chloe_id}))
        .await;
    assert!(bruno.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("not a supervisor")));
}

/// Point 2: while the CTI link is down, a good token waits for it, then gets
/// `loggedOnTimeout` and the socket closes; back up, the socket logs on.
#[tokio::test]
async fn a_socket_waiting_too_long_for_the_cti_link_gets_logged_on_timeout() {
    let h = harness();
    let addr = serve_over_tcp(h.router.clone()).await;
    let sim = h.state.simulator().expect("simulator");
    sim.xuc_hub()
        .set_logged_on_timeout(Duration::from_millis(200));
    let cut = h
        .plain(Method::POST, "/api/sim/xuc/link", Some(r#"{"up":false}"#))
        .await;
    cut.assert_status(StatusCode::NO_CONTENT);
    let token = token(&h, "oxe70120").await;
    let mut late = Xuc::open(addr, &token).await;
    assert_eq!(
        late.next().await.expect("LoggedOnError"),
        json!({"msgType": "LoggedOnError", "ctiMessage": {"Error": "loggedOnTimeout"}})
    );
    assert!(late.next().await.is_none(), "then the socket closes");

    // A link back within the wait logs the socket on.
    sim.xuc_hub().set_logged_on_timeout(Duration::from_secs(5));
    let mut waiting = Xuc::open(addr, &token).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    h.plain(Method::POST, "/api/sim/xuc/link", Some(r#"{"up":true}"#))
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        waiting.next().await.expect("a frame")["msgType"],
        "LoggedOn"
    );
}

/// The sheet of an ACD call carries the scenario's page for the caller.
#[tokio::test]
async fn the_sheet_links_to_the_callers_page() {
    let (h, _addr, mut bruno) = started("oxe70121").await;
    bruno.agent_login("70121").await;
    h.inject("60141", "+33612345601").await;
    let sheet = bruno.message("Sheet").await;
    let info = sheet["payload"]["profile"]["user"]["sheetInfo"]
        .as_array()
        .expect("fields")
        .clone();
    let url = info
        .iter()
        .find(|f| f["type"] == "url")
        .expect("a url field");
    assert_eq!(
        url["value"],
        "https://crm.example.com/customers?number=%2B33612345601"
    );
    assert!(info
        .iter()
        .any(|f| f["name"] == "Name" && f["value"] == "Élodie Martin"));
}

/// Bad input: whatever arrives, the answer is an `AgentError` and the socket stays open.
#[tokio::test]
async fn malformed_commands_get_an_agent_error_never_a_closed_socket() {
    let (_h, _addr, mut alice) = started("oxe70120").await;
    for bad in [
        r#"{"claz":"web","command":"setAgentQueue","agentId":"x","queueId":1,"penalty":1}"#,
        r#"{"claz":"web","command":"setAgentQueue","agentId":1,"queueId":1,"penalty":-3}"#,
        r#"{"claz":"web","command":"takeCallback"}"#,
        r#"{"claz":"web","command":"takeCallback","uuid":"cb-9-9"}"#,
        r#"{"claz":"web","command":"updateCallbackTicket","uuid":"nope","status":"Answered"}"#,
        r#"{"claz":"web","command":"listenAgent","agentid":1}"#,
        r#"{"claz":"web","command":"getList","objectType":"planets"}"#,
        r#"{"claz":"web","command":42}"#,
        r#"{"claz":"web","command":"dial","destination":{"nested":true}}"#,
        "\u{0}\u{1}",
        "{",
        "",
    ] {
        alice.send_text(bad).await;
        let error = alice.next().await.expect("an answer");
        assert_eq!(error["msgType"], "AgentError", "{bad}: {error}");
        assert!(error["ctiMessage"]["Error"].is_string(), "{bad}: {error}");
    }
    alice.send(json!({"claz": "ping"})).await;
    assert_eq!(alice.next().await.expect("still open")["msgType"], "pong");
}

/// Issue 12: a client that stops talking (its pings every 5 s stop) is closed by the server
/// after the heartbeat timeout, 1001 "heartbeat timeout"; one that keeps pinging stays open.
#[tokio::test]
async fn a_socket_silent_past_the_heartbeat_timeout_is_closed() {
    let h = harness();
    let addr = serve_over_tcp(h.router.clone()).await;
    let sim = h.state.simulator().expect("simulator");
    assert_eq!(sim.xuc_hub().heartbeat_timeout(), Duration::from_secs(15));
    sim.xuc_hub()
        .set_heartbeat_timeout(Duration::from_millis(400));
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;

    // Pinging well within the timeout, for three timeouts: still open.
    for _ in 0..12 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        alice.send(json!({"claz": "ping"})).await;
        assert!(alice.next().await.expect("a pong")["msgType"].is_string());
    }

    // Silent: closed by the server, with its reason.
    let started = std::time::Instant::now();
    let close = loop {
        let frame = tokio::time::timeout(Duration::from_secs(3), alice.ws.next())
            .await
            .expect("closed within 3 s");
        match frame {
            Some(Ok(Message::Close(close))) => break close,
            Some(Ok(_)) => {}
            other => panic!("a close frame, not {other:?}"),
        }
    };
    let close = close.expect("a close code");
    assert_eq!(u16::from(close.code), 1001);
    assert_eq!(close.reason.as_str(), "heartbeat timeout");
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "not before the timeout: {:?}",
        started.elapsed()
    );
}

/// Issue 12: `dialFromQueue` places a real call from the queue to the destination; a free
/// agent of the queue takes it, shown the command's caller id and `USR_` variables as an
/// outgoing call; its sheet is the destination's. A bad queue or an inside number is an
/// `AgentError`.
#[tokio::test]
async fn dial_from_queue_calls_the_destination_through_a_free_agent_with_the_caller_id() {
    let (h, addr, mut bruno) = started("oxe70121").await;
    bruno.agent_login("70121").await;
    bruno
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let sales = queue_of(&bruno.message("AgentConfig").await, "Sales line");
    let mut alice = Xuc::signed_in(&h, addr, "oxe70120").await;

    alice
        .command(
            "dialFromQueue",
            json!({
                "destination": "+33612345601",
                "queueId": sales,
                "callerIdName": "Acme Sales",
                "callerIdNumber": "0800123456",
                "variables": {"campaign": "renewals"}
            }),
        )
        .await;
    let ringing = bruno.phone_event("EventRinging").await;
    assert_eq!(ringing["DN"], "70121");
    assert_eq!(ringing["otherDN"], "0800123456");
    assert_eq!(ringing["otherDName"], "Acme Sales");
    assert_eq!(ringing["queueName"], "Sales line");
    assert_eq!(ringing["callDirection"], "Outgoing");
    assert_eq!(ringing["userData"], json!({"USR_campaign": "renewals"}));
    let unique_id = ringing["uniqueId"].as_str().expect("uniqueId").to_owned();
    let sheet = bruno.message("Sheet").await;
    assert!(
        sheet["payload"]["profile"]["user"]["sheetInfo"]
            .as_array()
            .expect("fields")
            .iter()
            .any(|f| f["value"] == "Boulangerie Martin"),
        "the destination's record: {sheet}"
    );
    // A real call of the world, between the destination and Bruno's set.
    let calls = live_calls(&h).await;
    let call = calls
        .iter()
        .find(|(reference, _, _)| *reference == unique_id)
        .expect("the call in the world");
    assert!(call.2.contains(&"+33612345601".to_owned()), "{calls:?}");

    bruno
        .command("answer", json!({"uniqueId": unique_id}))
        .await;
    let established = bruno.phone_event("EventEstablished").await;
    assert_eq!(established["otherDN"], "0800123456");
    assert_eq!(established["userData"]["USR_campaign"], "renewals");
    let on_call = bruno.agent_state("AgentOnCall").await;
    assert_eq!(on_call["acd"], true);
    assert_eq!(on_call["direction"], "Outgoing");

    for (queue, destination) in [(json!(99), "+33612345602"), (sales, "70140")] {
        alice
            .command(
                "dialFromQueue",
                json!({"destination": destination, "queueId": queue}),
            )
            .await;
        let error = alice.message("AgentError").await;
        assert!(error["Error"].is_string(), "{error}");
    }
    assert_eq!(
        live_calls(&h).await.len(),
        1,
        "no call for a refused command"
    );
}

/// Issue 12: `monitorPause`/`monitorUnpause` pause and resume the recording of an agent's
/// queue call (a pilot that records its calls), by a supervisor of its groups or by the agent
/// itself; `AgentOnCall`'s `monitorState` follows (`ACTIVE`, `PAUSED`). Pausing twice, a
/// call not from a queue, or an agent of another group is an `AgentError`.
#[tokio::test]
async fn monitor_pause_and_unpause_change_the_recording_of_an_agents_queue_call() {
    let (h, addr, mut sophie, mut bruno, bruno_id) = sophie_supervising_bruno(|s| {
        if let Some(sales) = s.pilots.iter_mut().find(|p| p.number == "60141") {
            sales.recorded = true;
        }
    })
    .await;

    // No call: nothing to pause.
    sophie
        .command("monitorPause", json!({"agentid": bruno_id}))
        .await;
    sophie.message("AgentError").await;

    h.inject("60141", "+33612345601").await;
    let unique_id = bruno.phone_event("EventRinging").await["uniqueId"].clone();
    bruno
        .command("answer", json!({"uniqueId": unique_id}))
        .await;
    let on_call = bruno.agent_state("AgentOnCall").await;
    assert_eq!(on_call["monitorState"], "ACTIVE");

    let monitor_state = |state: Value| state["monitorState"].clone();
    sophie
        .command("monitorPause", json!({"agentid": bruno_id}))
        .await;
    let paused = bruno
        .until("PAUSED", |f| {
            f["msgType"] == "AgentStateEvent" && f["ctiMessage"]["monitorState"] == "PAUSED"
        })
        .await;
    assert_eq!(paused["ctiMessage"]["name"], "AgentOnCall");
    // The supervisor is told too.
    sophie
        .until("Bruno's PAUSED", |f| {
            f["msgType"] == "AgentStateEvent"
                && f["ctiMessage"]["agentId"] == bruno_id
                && f["ctiMessage"]["monitorState"] == "PAUSED"
        })
        .await;
    sophie
        .command("monitorPause", json!({"agentid": bruno_id}))
        .await;
    assert!(sophie.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("paused")));

    sophie
        .command("monitorUnpause", json!({"agentid": bruno_id}))
        .await;
    assert_eq!(
        monitor_state(bruno.agent_state("AgentOnCall").await),
        "ACTIVE"
    );
    // The agent itself may too.
    bruno.command("monitorPause", json!({})).await;
    assert_eq!(
        monitor_state(bruno.agent_state("AgentOnCall").await),
        "PAUSED"
    );

    // Chloé is no supervisor of Bruno.
    let mut chloe = Xuc::signed_in(&h, addr, "oxe70122").await;
    chloe
        .command("monitorUnpause", json!({"agentid": bruno_id}))
        .await;
    assert!(chloe.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("not a supervisor")));
}

/// Issue 12: `setData` attaches variables (`USR_` prefixed) to the user's current calls:
/// its phone event is told again with them as `userData`, and the current calls show them.
/// Without a call, an `AgentError`.
#[tokio::test]
async fn set_data_attaches_variables_to_the_current_call() {
    let (h, _addr, mut bruno) = started("oxe70121").await;
    bruno.agent_login("70121").await;
    bruno
        .command("setData", json!({"variables": {"ticket": "42"}}))
        .await;
    assert!(bruno.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("no call")));

    h.inject("60141", "+33612345601").await;
    let unique_id = bruno.phone_event("EventRinging").await["uniqueId"].clone();
    bruno
        .command("answer", json!({"uniqueId": unique_id}))
        .await;
    let established = bruno.phone_event("EventEstablished").await;
    assert!(established.get("userData").is_none(), "{established}");

    bruno
        .command(
            "setData",
            json!({"variables": {"ticket": "42", "USR_topic": "billing"}}),
        )
        .await;
    let told = bruno.phone_event("EventEstablished").await;
    assert_eq!(told["uniqueId"], unique_id);
    assert_eq!(
        told["userData"],
        json!({"USR_ticket": "42", "USR_topic": "billing"})
    );
    bruno.command("getCurrentCallsPhoneEvents", json!({})).await;
    let current = bruno.message("CurrentCallsPhoneEvents").await;
    assert_eq!(current["events"][0]["userData"]["USR_ticket"], "42");
}

/// Issue 12: `findCallbackRequest` answers `FindCallbackResponseWithId` {id, response: {list,
/// total}} (xucmgt's reading): the open requests passing the filters, paged by `offset` and
/// `limit`; an unknown operator is an `AgentError`.
#[tokio::test]
async fn find_callback_request_filters_and_pages_the_open_requests() {
    let (_h, _addr, mut bruno) = started("oxe70121").await;
    let find = |id: i64, filters: Value, offset: i64, limit: i64| json!({"id": id, "request": {"filters": filters, "offset": offset, "limit": limit}});
    bruno
        .command("findCallbackRequest", find(1, json!([]), 0, 100))
        .await;
    let all = bruno.message("FindCallbackResponseWithId").await;
    assert_eq!(all["id"], 1);
    let total = all["response"]["total"].as_u64().expect("total");
    assert!(total >= 2, "{all}");
    assert_eq!(
        all["response"]["list"].as_array().map(Vec::len),
        usize::try_from(total).ok()
    );

    let rossi = json!([{"field": "lastName", "operator": "=", "value": "Rossi"}]);
    bruno
        .command("findCallbackRequest", find(2, rossi, 0, 100))
        .await;
    let found = bruno.message("FindCallbackResponseWithId").await;
    assert_eq!(found["id"], 2);
    assert_eq!(found["response"]["total"], 1);
    assert_eq!(found["response"]["list"][0]["lastName"], "Rossi");
    assert_eq!(found["response"]["list"][0]["dueDate"], "2026-12-01");

    let like = json!([{"field": "lastName", "operator": "like", "value": "%OSS%"}]);
    bruno
        .command("findCallbackRequest", find(3, like, 0, 100))
        .await;
    let found = bruno.message("FindCallbackResponseWithId").await;
    assert_eq!(found["response"]["list"][0]["lastName"], "Rossi");

    bruno
        .command("findCallbackRequest", find(4, json!([]), 1, 1))
        .await;
    let page = bruno.message("FindCallbackResponseWithId").await;
    assert_eq!(page["response"]["total"], total);
    assert_eq!(page["response"]["list"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["response"]["list"][0], all["response"]["list"][1]);

    let bad = json!([{"field": "lastName", "operator": "sounds like", "value": "x"}]);
    bruno
        .command("findCallbackRequest", find(5, bad, 0, 10))
        .await;
    assert!(bruno.message("AgentError").await["Error"]
        .as_str()
        .is_some_and(|e| e.contains("operator")));
}

/// Default queue membership (`membership.js`): a supervisor reads, sets and applies a user's
/// default; applying it changes the agent's queues (`QueueMember`); ids may be numeric
/// strings; an agent who is no supervisor is refused with `AgentError`.
#[tokio::test]
async fn a_supervisor_sets_and_applies_a_users_default_membership() {
    let (_h, _addr, mut sophie, mut bruno, bruno_id) = sophie_supervising_bruno(|_| {}).await;
    bruno
        .command("getConfig", json!({"objectType": "agent"}))
        .await;
    let sales = queue_of(&bruno.message("AgentConfig").await, "Sales line");

    sophie
        .command("getUserDefaultMembership", json!({"userId": bruno_id}))
        .await;
    assert_eq!(
        sophie.message("UserQueueDefaultMembership").await,
        json!({"userId": bruno_id, "membership": []})
    );

    let as_string = bruno_id.to_string();
    sophie
        .command(
            "setUserDefaultMembership",
            json!({"userId": as_string, "membership": [{"queueId": sales, "penalty": 3}]}),
        )
        .await;
    sophie
        .command("getUserDefaultMembership", json!({"userId": bruno_id}))
        .await;
    assert_eq!(
        sophie.message("UserQueueDefaultMembership").await,
        json!({"userId": bruno_id, "membership": [{"queueId": sales, "penalty": 3}]})
    );

    sophie
        .command(
            "applyUsersDefaultMembership",
            json!({"userIds": [bruno_id]}),
        )
        .await;
    assert_eq!(
        bruno.message("QueueMember").await,
        json!({"agentId": bruno_id, "queueId": sales, "penalty": 3})
    );

    // Bruno is no supervisor; an unknown queue is refused as well.
    bruno
        .command(
            "setUsersDefaultMembership",
            json!({"userIds": [bruno_id], "membership": []}),
        )
        .await;
    assert!(bruno.message("AgentError").await["Error"]
        .as_str()
        .is_some());
    sophie
        .command(
            "setUserDefaultMembership",
            json!({"userId": bruno_id, "membership": [{"queueId": 999, "penalty": 0}]}),
        )
        .await;
    sophie.message("AgentError").await;
}
