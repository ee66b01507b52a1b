//! Supervisor help routed between an agent and its supervisor, through `app(state)` (issue
//! 11, defect 4): each side's event names the other, the supervisor refuses or answers (joins
//! the call), and a request never outlives the agent's presence.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

mod common;

use axum::http::{Method, StatusCode};
use common::{names_with, take_events, Harness, Reply};
use cti::o2g::ErrorType;

const HELP: &str = "/acd/agent/supervisorHelp";

fn help_events(events: &[serde_json::Value]) -> Vec<(String, String)> {
    names_with(events, "agentNumber")
        .into_iter()
        .filter(|(name, _)| name.starts_with("OnSupervisorHelp"))
        .collect()
}

fn pair(name: &str, number: &str) -> (String, String) {
    (name.to_owned(), number.to_owned())
}

/// `DELETE /acd/agent/supervisorHelp` with `query`: the supervisor refuses, or the agent
/// cancels.
async fn refuse(h: &Harness, credential: &str, query: &str) -> Reply {
    h.call(Method::DELETE, &format!("{HELP}{query}"), credential, None)
        .await
}

async fn ask(h: &Harness, agent: &str) {
    h.call(Method::POST, HELP, agent, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_supervisor_sees_who_asks_and_refuses_with_or_without_naming_the_agent() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let (alice, watching_alice) = h.watched("oxe70120").await;
    let (sophie, watching_sophie) = h.watched("oxe70130").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    take_events(&h, &watching_alice);

    ask(&h, &alice).await;
    // Each side is told the other's number (AMBIG-72).
    assert_eq!(
        help_events(&take_events(&h, &watching_alice)),
        vec![pair("OnSupervisorHelpRequested", "70130")]
    );
    assert_eq!(
        help_events(&take_events(&h, &watching_sophie)),
        vec![pair("OnSupervisorHelpRequested", "70120")]
    );
    // The supervisor refuses, naming the agent (L13006-13011): the agent is told.
    refuse(&h, &sophie, "?other=70120")
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        help_events(&take_events(&h, &watching_alice)),
        vec![pair("OnSupervisorHelpCancelled", "70130")]
    );
    assert_eq!(
        help_events(&take_events(&h, &watching_sophie)),
        vec![pair("OnSupervisorHelpCancelled", "70120")]
    );
    // Refusing again: nobody asks.
    let again = refuse(&h, &sophie, "?other=70120").await;
    assert_eq!(again.error_kind(), ErrorType::NotExpected);

    // Without `other`, the one agent asking is the one refused.
    ask(&h, &alice).await;
    take_events(&h, &watching_alice);
    take_events(&h, &watching_sophie);
    refuse(&h, &sophie, "")
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        help_events(&take_events(&h, &watching_alice)),
        vec![pair("OnSupervisorHelpCancelled", "70130")]
    );

    // The agent cancels: the supervisor is told.
    ask(&h, &alice).await;
    take_events(&h, &watching_sophie);
    refuse(&h, &alice, "?other=70130")
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        help_events(&take_events(&h, &watching_sophie)),
        vec![pair("OnSupervisorHelpCancelled", "70120")]
    );
}

#[tokio::test]
async fn the_supervisor_answers_by_joining_the_agents_call() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let (alice, watching_alice) = h.watched("oxe70120").await;
    let (sophie, watching_sophie) = h.watched("oxe70130").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    let customer = h.inject("60141", "+33612345678").await;
    h.answer(&alice, &customer, "71120").await;
    ask(&h, &alice).await;
    take_events(&h, &watching_alice);
    take_events(&h, &watching_sophie);

    // POST /acd/agent/intrusion (L12524-12566) answers the request: the supervisor joins.
    h.call(
        Method::POST,
        "/acd/agent/intrusion",
        &sophie,
        Some(r#"{"agentNumber":"70120","mode":"NORMAL"}"#),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    let sophie_events = take_events(&h, &watching_sophie);
    let joined = sophie_events
        .iter()
        .find(|e| e["eventName"] == "OnCallCreated")
        .expect("the supervisor is in the call");
    assert_eq!(joined["callRef"], customer.as_str());
    assert_eq!(joined["cause"], "SUPERVISOR_INTRUSION");
    // The request is over on both sides.
    assert_eq!(
        help_events(&sophie_events),
        vec![pair("OnSupervisorHelpCancelled", "70120")]
    );
    let alice_events = take_events(&h, &watching_alice);
    assert_eq!(
        help_events(&alice_events),
        vec![pair("OnSupervisorHelpCancelled", "70130")]
    );
    assert!(alice_events
        .iter()
        .any(|e| e["eventName"] == "OnCallModified" && e["cause"] == "SUPERVISOR_INTRUSION"));
    // Nothing left to refuse.
    let refused = refuse(&h, &sophie, "?other=70120").await;
    assert_eq!(refused.error_kind(), ErrorType::NotExpected);
}

#[tokio::test]
async fn a_request_ends_when_the_agent_logs_off_and_nobody_asks_help_of_itself() {
    let h = Harness::with(|s| s.bots.clear(), Some(0.0));
    let (alice, _) = h.watched("oxe70120").await;
    let (sophie, watching_sophie) = h.watched("oxe70130").await;
    h.log_on_ready(&alice, "71120", "60121").await;
    ask(&h, &alice).await;
    take_events(&h, &watching_sophie);
    h.call(Method::POST, "/acd/agent/logoff", &alice, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(
        help_events(&take_events(&h, &watching_sophie)),
        vec![pair("OnSupervisorHelpCancelled", "70120")]
    );

    // The supervisor of the group, logged on in it, has nobody above to ask.
    h.log_on_ready(&sophie, "70130", "60121").await;
    let own = h.call(Method::POST, HELP, &sophie, None).await;
    assert_eq!(own.error_kind(), ErrorType::NotExpected);
    assert!(help_events(&take_events(&h, &watching_sophie)).is_empty());
}
