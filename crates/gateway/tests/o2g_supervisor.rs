//! The supervisor's O2G resources through `app(state)` (issue 14): Call Center Real Time
//! (identifiers, context, snapshot, partial events), pilot monitoring and its events, the
//! management of pilots, a pilot's transfer information, and subscriptions to the `rti` and
//! `pilot` packages keyed by ACD numbers.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{Method, StatusCode};
use common::{take_events, Harness};
use cti::o2g::ErrorType;
use serde_json::{json, Value};

/// A quiet centre: no bots, no traffic.
fn quiet() -> Harness {
    Harness::with(|s| s.bots.clear(), Some(0.0))
}

/// Signs `login` in and subscribes it to `selectors`; the credential and subscription id.
async fn subscribed_to(h: &Harness, login: &str, selectors: Value) -> (String, String) {
    let credential = h.sign_in(login).await;
    let body = json!({ "filter": { "selectors": selectors }, "version": "1.0", "timeout": 0 });
    let subscription = h
        .subscribe(&credential, &body.to_string())
        .await
        .subscription();
    assert!(
        subscription.message.is_none(),
        "refused: {:?}",
        subscription.message
    );
    (credential, subscription.subscription_id.expect("accepted"))
}

fn named<'a>(events: &'a [Value], name: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["eventName"] == name).collect()
}

fn numbers(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|o| o["number"].as_str().expect("number").to_owned())
        .collect()
}

#[tokio::test]
async fn rti_identifiers_answer_a_supervisor_and_refuse_an_agent() {
    let h = quiet();
    let sophie = h.sign_in("oxe70130").await;
    let all: Value = h
        .call(Method::GET, "/acd/rti", &sophie, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(
        numbers(&all["agents"]),
        ["70120", "70121", "70122", "70123", "70130"]
    );
    assert_eq!(
        all["agents"][0],
        json!({ "number": "70120", "name": "Martin", "firstName": "Alice" })
    );
    assert_eq!(numbers(&all["pilots"]), ["60141", "60142"]);
    assert_eq!(numbers(&all["queues"]), ["60141", "60142"]);
    assert_eq!(numbers(&all["pgAgents"]), ["60121", "60122"]);
    assert_eq!(all["pgAgents"][0]["name"], "Sales");
    assert_eq!(all["pgOthers"], json!([]));
    for (kind, field) in [
        ("agents", "agents"),
        ("pilots", "pilots"),
        ("queues", "queues"),
        ("pgAgents", "pgAgents"),
        ("pgOthers", "pgOthers"),
    ] {
        let one: Value = h
            .call(Method::GET, &format!("/acd/rti/{kind}"), &sophie, None)
            .await
            .assert_status(StatusCode::OK)
            .json();
        assert_eq!(one[field], all[field], "{kind}");
        let others: usize = ["agents", "pilots", "queues", "pgAgents"]
            .iter()
            .filter(|f| **f != field)
            .map(|f| one[*f].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(others, 0, "{kind} lists only its kind");
    }
    let unknown = h.call(Method::GET, "/acd/rti/nope", &sophie, None).await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(unknown.error_kind(), ErrorType::NotFound);
    let alice = h.sign_in("oxe70120").await;
    let refused = h.call(Method::GET, "/acd/rti", &alice, None).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(refused.error_kind(), ErrorType::NotAllowed);
}

#[tokio::test]
async fn an_rti_context_gives_a_snapshot_then_only_what_changed() {
    let h = quiet();
    // ALE's client subscribes to rti with ids ["*"] (L14648).
    let (sophie, watching) =
        subscribed_to(&h, "oxe70130", json!([{ "ids": ["*"], "names": ["rti"] }])).await;
    let snapshot = h
        .call(Method::POST, "/acd/rti/snapshot", &sophie, None)
        .await;
    assert_eq!(
        snapshot.error_kind(),
        ErrorType::NotExpected,
        "no context yet"
    );
    // The spec's example context (L14772-14795), on this centre's numbers.
    let context = json!({
        "obsPeriod": 60,
        "notifFrequency": 10,
        "filter": {
            "agentFilter": { "numbers": ["70120", "70121"],
                "attributes": ["AssociatedSet", "CurrentPG", "PhoneState", "ServiceState", "nbOfServedACDCalls"] },
            "pilotFilter": { "numbers": ["60141"], "attributes": ["State", "NbOfWaitingCalls", "NbOfRingingACDCalls"] },
            "queueFilter": { "numbers": ["*"], "attributes": ["NbOfWaitingCalls", "NbOfAgentsInDistribution"] },
            "pgAgentFilter": { "numbers": ["60121"], "attributes": ["ALL"] }
        }
    });
    h.call(
        Method::POST,
        "/acd/rti/ctx",
        &sophie,
        Some(&context.to_string()),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let stored: Value = h
        .call(Method::GET, "/acd/rti/ctx", &sophie, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(stored, context);
    let extended: Value = h
        .call(Method::GET, "/acd/rti/ctx?extended=true", &sophie, None)
        .await
        .json();
    assert_eq!(extended["active"], true);
    assert_eq!(
        extended["filter"]["queueFilter"]["numbers"],
        json!(["60141", "60142"])
    );
    assert_eq!(
        extended["filter"]["pgAgentFilter"]["attributes"]
            .as_array()
            .map(Vec::len),
        Some(19)
    );

    h.call(Method::POST, "/acd/rti/snapshot", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let events = take_events(&h, &watching);
    let agents = named(&events, "OnAgentRtiChanged");
    assert_eq!(agents.len(), 2, "the context's two agents");
    assert_eq!(
        *agents[0],
        json!({ "eventName": "OnAgentRtiChanged", "name": "Martin", "firstName": "Alice",
                "number": "70120", "type": "Normal", "serviceState": "LoggedOut",
                "phoneState": "LoggedOut", "nbOfServedACDCalls": 0, "currentPG": "",
                "associatedSet": "" })
    );
    assert_eq!(
        *named(&events, "OnPilotRtiChanged")[0],
        json!({ "eventName": "OnPilotRtiChanged", "name": "Sales line", "number": "60141",
                "state": "Opened", "nbOfWaitingCalls": 0, "nbOfRingingACDCalls": 0 })
    );
    assert_eq!(named(&events, "OnQueueRtiChanged").len(), 2);
    let group = named(&events, "OnPGAgentRtiChanged");
    assert_eq!(group.len(), 1);
    assert_eq!(group[0]["nbOfLoggedOnAgents"], 0);
    assert_eq!(group[0]["nbOfWidthdrawnAgents"], 0, "the table's spelling");

    // Alice logs on (paused), then is ready: each event holds what changed, and her
    // identity.
    let alice = h.sign_in("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let events = take_events(&h, &watching);
    let alice_events = named(&events, "OnAgentRtiChanged");
    assert_eq!(
        alice_events,
        [
            &json!({ "eventName": "OnAgentRtiChanged", "name": "Martin", "firstName": "Alice",
                    "number": "70120", "type": "Normal", "serviceState": "Assigned",
                    "phoneState": "Pause", "currentPG": "60121", "associatedSet": "71120" }),
            &json!({ "eventName": "OnAgentRtiChanged", "name": "Martin", "firstName": "Alice",
                    "number": "70120", "type": "Normal", "phoneState": "Idle" }),
        ]
    );
    // Merged, as a client does, the group's deltas say one agent logged on and idle.
    let mut group = serde_json::Map::new();
    for delta in named(&events, "OnPGAgentRtiChanged") {
        group.extend(delta.as_object().expect("object").clone());
    }
    assert_eq!(
        (&group["nbOfIdleAgents"], &group["nbOfLoggedOnAgents"]),
        (&json!(1), &json!(1))
    );
    assert!(
        group.get("state").is_none(),
        "unchanged attributes are left out"
    );
    // Chloé and her group are not in the context's filter.
    let chloe = h.sign_in("oxe70122").await;
    h.log_on_ready(&chloe, "71122", "60122").await;
    let events = take_events(&h, &watching);
    assert!(
        named(&events, "OnAgentRtiChanged").is_empty(),
        "70122 is not in the agent filter"
    );
    assert!(
        named(&events, "OnPGAgentRtiChanged").is_empty(),
        "60122 neither"
    );

    // A customer calls the Sales line: it rings at Alice.
    h.inject("60141", "0612345678").await;
    let events = take_events(&h, &watching);
    let alice_events = named(&events, "OnAgentRtiChanged");
    assert_eq!(
        alice_events.last().map(|e| &e["phoneState"]),
        Some(&json!("AcdRinging"))
    );
    let pilot = named(&events, "OnPilotRtiChanged");
    assert_eq!(
        pilot.last().map(|e| &e["nbOfRingingACDCalls"]),
        Some(&json!(1))
    );

    // Stopped: nothing more; a bad context is a 400.
    h.call(Method::DELETE, "/acd/rti/ctx", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let bruno = h.sign_in("oxe70121").await;
    h.log_on_ready(&bruno, "71121", "60121").await;
    assert!(take_events(&h, &watching).is_empty());
    let bad = h
        .call(
            Method::PUT,
            "/acd/rti/ctx",
            &sophie,
            Some(r#"{"obsPeriod":5}"#),
        )
        .await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_kind(), ErrorType::BadParameter);
    // The stored context comes back on a POST without body.
    h.call(Method::POST, "/acd/rti/ctx", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.call(Method::POST, "/acd/agent/pause", &bruno, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let events = take_events(&h, &watching);
    assert_eq!(
        named(&events, "OnAgentRtiChanged")
            .last()
            .map(|e| (&e["number"], &e["phoneState"])),
        Some((&json!("70121"), &json!("Pause")))
    );
}

#[tokio::test]
async fn a_monitored_pilot_tells_each_call_arriving_and_leaving() {
    let h = quiet();
    let (sophie, watching) = subscribed_to(
        &h,
        "oxe70130",
        json!([{ "ids": ["60141"], "names": ["pilot"] }]),
    )
    .await;
    h.call(Method::POST, "/acd/pilotmonitoring/60141", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    // Twice is no error (L14364); the deprecated form on the node too.
    h.call(Method::POST, "/acd/pilotmonitoring/1/60141", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.call(Method::POST, "/acd/pilotmonitoring/60142", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);

    let call = h.inject("60141", "0612345678").await;
    // Nobody is ready: it waits.
    let events = take_events(&h, &watching);
    assert_eq!(
        events,
        [
            json!({ "eventName": "OnPilotCallCreated", "pilot": "60141", "caller": "0612345678",
                    "callRef": call, "cause": "UNKNOWN" }),
            json!({ "eventName": "OnPilotCallQueued", "pilot": "60141", "caller": "0612345678",
                    "queue": "60141", "callRef": call, "cause": "ACD_ENTER_DISTRIBUTION",
                    "numberOfQueued": 1 }),
        ]
    );
    // Alice becomes ready: the call is distributed to her set.
    let alice = h.sign_in("oxe70120").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    assert_eq!(
        take_events(&h, &watching),
        [
            json!({ "eventName": "OnPilotCallRemoved", "pilot": "60141", "releasingDevice": "60141",
                 "newDestination": "71120", "callRef": call, "cause": "DISTRIBUTED" })
        ]
    );
    // 60142 is monitored but not selected by the subscription: nothing.
    h.inject("60142", "0612345679").await;
    assert!(take_events(&h, &watching).is_empty());
    // A caller who gives up is ABANDONED.
    h.call(Method::DELETE, "/acd/pilotmonitoring/60141", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    h.inject("60141", "0612345670").await;
    assert!(take_events(&h, &watching).is_empty(), "no longer monitored");

    for (path, status, kind) in [
        (
            "/acd/pilotmonitoring/60199",
            StatusCode::NOT_FOUND,
            ErrorType::NotFound,
        ),
        (
            "/acd/pilotmonitoring/2/60141",
            StatusCode::NOT_FOUND,
            ErrorType::NotFound,
        ),
    ] {
        let reply = h.call(Method::POST, path, &sophie, None).await;
        reply.assert_status(status);
        assert_eq!(reply.error_kind(), kind, "{path}");
    }
    let refused = h
        .call(Method::POST, "/acd/pilotmonitoring/60141", &alice, None)
        .await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(refused.error_kind(), ErrorType::NotAllowed);
}

#[tokio::test]
async fn an_abandoned_call_leaves_the_pilot_abandoned() {
    let h = quiet();
    let (sophie, watching) = subscribed_to(
        &h,
        "oxe70130",
        json!([{ "ids": ["*"], "names": ["OnPilotCallRemoved"] }]),
    )
    .await;
    h.call(Method::POST, "/acd/pilotmonitoring/60142", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let call = h.inject("60142", "0612345678").await;
    assert!(
        take_events(&h, &watching).is_empty(),
        "only removals selected"
    );
    // Patience is 60 s in the default scenario: well past it.
    h.advance(10 * 60_000);
    let removed = take_events(&h, &watching);
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert_eq!(removed[0]["callRef"], json!(call));
    assert_eq!(removed[0]["cause"], "ABANDONED");
}

#[tokio::test]
async fn pilots_of_the_node_and_a_pilots_transfer_information() {
    let h = quiet();
    let sophie = h.sign_in("oxe70130").await;
    let pilots: Value = h
        .call(Method::GET, "/acd/1/pilots", &sophie, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(numbers(&pilots["pilotList"]), ["60141", "60142"]);
    let sales = json!({
        "number": "60141", "name": "Sales line", "state": "Opened", "detailedState": "OPEN",
        "queueState": "s_Opened", "waitingTime": 60, "saturation": false,
        "rules": { "ruleList": [{ "ruleNumber": "0", "name": "RULE_PIL_0", "active": true }] },
        "possibleTransfer": true, "supervisedTransfer": false
    });
    assert_eq!(pilots["pilotList"][0], sales);
    let one: Value = h
        .call(Method::GET, "/acd/1/pilots/60141", &sophie, None)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(one, sales);
    let advanced: Value = h
        .call(
            Method::POST,
            "/acd/1/pilots/60141",
            &sophie,
            Some(
                r#"{"skills":{"skills":[{"skillNumber":1,"acrStatus":true,"expertEvalLevel":2}]}}"#,
            ),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(advanced, sales);
    for path in ["/acd/2/pilots", "/acd/1/pilots/60199"] {
        let reply = h.call(Method::GET, path, &sophie, None).await;
        reply.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(reply.error_kind(), ErrorType::NotFound, "{path}");
    }
    // An agent may ask before transferring a call to a pilot (AMBIG-34: both forms).
    let alice = h.sign_in("oxe70120").await;
    h.call(Method::GET, "/acd/1/pilots", &alice, None)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let info: Value = h
        .call(
            Method::POST,
            "/telephony/pilots/1/60142/transferInfo",
            &alice,
            Some(r#"{"agentNumber":"70120"}"#),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(
        info,
        json!({ "number": "60142", "waitingTime": 60, "saturation": false,
                "supervisedTransfer": false,
                "transferInfo": { "transferPossible": true, "pilotStatus": "OPEN" },
                "possibleTransfer": true, "queueState": "s_Opened",
                "rules": { "ruleList": [{ "ruleNumber": "0", "name": "RULE_PIL_0", "active": true }] } })
    );
    let decoded: cti::o2g::telephony::PilotTransferCapa =
        serde_json::from_value(info).expect("the client's type reads it");
    assert_eq!(decoded.is_transfer_possible(), Some(true));
    h.call(
        Method::POST,
        "/telephony/pilots/1/60199/transferInfo",
        &alice,
        None,
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn acd_package_ids_are_numbers_while_user_packages_keep_the_login() {
    let h = quiet();
    let alice = h.sign_in("oxe70120").await;
    // An agent may subscribe (no licence is taken, L2104): nothing flows until a
    // supervisor's context or monitoring, which it cannot have.
    for selectors in [
        json!([{ "ids": ["*"], "names": ["rti"] }]),
        json!([{ "ids": ["60141", "60142"], "names": ["pilot"] }, { "ids": ["oxe70120"], "names": ["agent"] }]),
    ] {
        let body = json!({ "filter": { "selectors": selectors }, "version": "1.0", "timeout": 0 });
        let s = h.subscribe(&alice, &body.to_string()).await.subscription();
        assert!(s.subscription_id.is_some(), "{selectors}: {:?}", s.message);
    }
    let body = json!({ "filter": { "selectors": [{ "ids": ["*"], "names": ["agent"] }] }, "version": "1.0" });
    let s = h.subscribe(&alice, &body.to_string()).await.subscription();
    assert!(s.subscription_id.is_none());
    assert!(s.message.unwrap_or_default().contains("own login"));
}

#[tokio::test]
async fn a_supervisor_finds_its_services_by_name() {
    let h = quiet();
    let sophie = h.sign_in("oxe70130").await;
    let info: cti::o2g::session::SessionInfo =
        h.call(Method::GET, "/sessions", &sophie, None).await.json();
    let url = |name: &str| {
        info.services
            .iter()
            .find(|s| s.service_name.to_lowercase() == name)
            .map(|s| s.relative_url.clone())
            .unwrap_or_else(|| panic!("no service {name}"))
    };
    for (method, path) in [
        (Method::GET, url("acdrealtime")),
        (Method::GET, format!("{}/agents", url("acdrealtime"))),
        (Method::POST, format!("{}/60141", url("acdpilotmonitoring"))),
        (Method::GET, format!("{}/1/pilots", url("acdmanagement"))),
    ] {
        let reply = h.call(method.clone(), &path, &sophie, None).await;
        assert!(
            reply.status.is_success(),
            "{method} {path}: {}",
            reply.status
        );
    }
}

#[tokio::test]
async fn the_o2g_feeder_builds_the_board_from_the_simulated_centre() {
    use cti::board::{Board, BoardConfig, QueueKind};
    use cti::model::{AgentStatus, Instant};
    use cti::o2g::O2gBoardFeeder;

    let h = quiet();
    let (sophie, watching) = subscribed_to(
        &h,
        "oxe70130",
        json!([{ "ids": ["*"], "names": ["rti"] }, { "ids": ["*"], "names": ["pilot"] }]),
    )
    .await;
    let all = json!({ "numbers": ["*"], "attributes": ["ALL"] });
    let context = json!({ "filter": { "agentFilter": all, "pilotFilter": all, "queueFilter": all, "pgAgentFilter": all } });
    h.call(
        Method::POST,
        "/acd/rti/ctx",
        &sophie,
        Some(&context.to_string()),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    for pilot in ["60141", "60142"] {
        h.call(
            Method::POST,
            &format!("/acd/pilotmonitoring/{pilot}"),
            &sophie,
            None,
        )
        .await
        .assert_status(StatusCode::NO_CONTENT);
    }
    let ids: cti::o2g::rti::RtiIdentifiers =
        h.call(Method::GET, "/acd/rti", &sophie, None).await.json();
    let mut feeder = O2gBoardFeeder::new();
    let mut board = Board::new(BoardConfig::default());
    feeder.handle_identifiers(&ids);
    h.call(Method::POST, "/acd/rti/snapshot", &sophie, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);

    let alice = h.sign_in("oxe70120").await;
    let bruno = h.sign_in("oxe70121").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    h.log_on_ready(&bruno, "71121", "60121").await;
    for caller in ["0612345601", "0612345602", "0612345603"] {
        h.inject("60141", caller).await;
    }
    h.call(Method::POST, "/acd/agent/pause", &bruno, None).await;
    for event in take_events(&h, &watching) {
        feeder
            .handle_received(Instant::ZERO, event.to_string().as_bytes())
            .expect("our own events decode");
    }
    while let Some(update) = feeder.poll_update() {
        board.apply(Instant::ZERO, update);
    }
    let state = |n: &str| board.agent(n).map(|a| a.state());
    assert_eq!(state("70120"), Some(AgentStatus::Busy), "ringing");
    assert_eq!(
        state("70121"),
        Some(AgentStatus::Busy),
        "a call rings before the pause"
    );
    assert_eq!(state("70122"), Some(AgentStatus::LoggedOut));
    assert_eq!(
        board.agent("70120").and_then(|a| a.name()),
        Some("Alice Martin")
    );
    assert_eq!(
        board.agent("70120").map(|a| a.groups().to_vec()),
        Some(vec!["60121".to_owned()])
    );
    let sales = board.queue("60141").expect("the sales pilot");
    assert_eq!(
        (sales.kind(), sales.name()),
        (QueueKind::Pilot, Some("Sales line"))
    );
    assert_eq!(sales.waiting(), 1, "three calls, two agents");
    assert_eq!(board.queue("60142").map(|q| q.waiting()), Some(0));
    assert_eq!(board.ignored(), 0);
}

/// The supervisors of the live call, as the scenario API lists them: (number, mode).
async fn supervisors_of(h: &Harness, call: &str) -> Vec<(String, String)> {
    let calls: Vec<Value> = h.plain(Method::GET, "/api/sim/calls", None).await.json();
    let call = calls
        .iter()
        .find(|c| c["callRef"] == call)
        .expect("the call is live");
    call.get("supervisors")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|s| {
                    (
                        s["number"].as_str().unwrap_or_default().to_owned(),
                        s["mode"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The numbers of the participants the agent sees in `call`.
async fn seen_by(h: &Harness, credential: &str, call: &str) -> Vec<String> {
    let seen: Value = h
        .call(
            Method::GET,
            &format!("/telephony/calls/{call}"),
            credential,
            None,
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    seen["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .map(|p| {
            p["identity"]["id"]["phoneNumber"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// `PUT /acd/agent/intrusion` with `mode`.
async fn change_mode(h: &Harness, supervisor: &str, mode: &str) {
    let body = format!(r#"{{"mode":"{mode}"}}"#);
    h.call(Method::PUT, "/acd/agent/intrusion", supervisor, Some(&body))
        .await
        .assert_status(StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_supervisor_listens_whispers_and_barges_on_an_agents_live_call() {
    let h = quiet();
    let (alice, watching_alice) = h.watched("oxe70120").await;
    let (sophie, watching_sophie) = h.watched("oxe70130").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let call = h.inject("60141", "0612345678").await;
    h.answer(&alice, &call, "71120").await;
    take_events(&h, &watching_alice);
    take_events(&h, &watching_sophie);

    // Listen (DISCRETE): in the call, heard and seen by nobody.
    h.call(
        Method::POST,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"agentNumber":"70120","mode":"DISCRETE"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        supervisors_of(&h, &call).await,
        [("70130".into(), "listen".into())]
    );
    assert_eq!(seen_by(&h, &alice, &call).await, ["0612345678"]);
    let sophie_sees = take_events(&h, &watching_sophie);
    assert_eq!(sophie_sees[0]["eventName"], "OnCallCreated");
    assert_eq!(sophie_sees[0]["cause"], "SUPERVISOR_LISTENING");
    assert!(
        take_events(&h, &watching_alice).is_empty(),
        "the agent is not told"
    );

    // Whisper (RESTRICTED): the agent now has the supervisor in its call.
    change_mode(&h, &sophie, "RESTRICTED").await;
    assert_eq!(
        supervisors_of(&h, &call).await,
        [("70130".into(), "whisper".into())]
    );
    assert_eq!(seen_by(&h, &alice, &call).await, ["0612345678", "70130"]);
    let alice_sees = take_events(&h, &watching_alice);
    assert_eq!(alice_sees[0]["eventName"], "OnCallModified");
    assert_eq!(alice_sees[0]["cause"], "SUPERVISOR_RESTRICT_INTRUSION");

    // Barge (NORMAL): heard by both; still one supervisor in the call.
    change_mode(&h, &sophie, "NORMAL").await;
    assert_eq!(
        supervisors_of(&h, &call).await,
        [("70130".into(), "barge".into())]
    );
    assert_eq!(seen_by(&h, &alice, &call).await, ["0612345678", "70130"]);

    // Stop: out of the call, which goes on.
    change_mode(&h, &sophie, "STOP").await;
    assert!(supervisors_of(&h, &call).await.is_empty());
    assert_eq!(seen_by(&h, &alice, &call).await, ["0612345678"]);
}
