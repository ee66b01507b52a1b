//! The Finesse front on the world alone: it changes nothing of what O2G tells, and tells the
//! agents that spoke to the connector their own events in the connector's format.

use super::*;
use crate::fronts::o2g::sim::Simulator;
use crate::fronts::xuc::sim::XucFront;
use crate::scenario::{Scenario, DEFAULT_SCENARIO};

/// An hour of the default scenario's traffic, as O2G events (encoded).
fn o2g_trace<X: Front>(sim: &mut Simulator<X>, before: impl Fn(&mut Simulator<X>)) -> Vec<String> {
    before(sim);
    let mut trace = Vec::new();
    for minute in 1..=60 {
        sim.advance(minute * 60_000);
        while let Some((login, event)) = sim.poll_event() {
            trace.push(format!("{login} {}", cti::o2g::event::encode_event(&event)));
        }
    }
    trace
}

#[test]
fn the_finesse_front_changes_nothing_of_the_o2g_trace_and_tells_its_own() {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
    let alone = o2g_trace(&mut Simulator::new(scenario.clone(), 7), |_| {});
    let mut all =
        Simulator::with_front(scenario, 7, (XucFront::default(), FinesseFront::default()));
    // A supervisor speaks to the connector: it is told its team and queues as they change.
    let trace = o2g_trace(&mut all, |sim| {
        commands::handle(
            sim.world_mut(),
            0,
            None,
            "Connect#oxe70130",
            "oxe70130,0130",
        );
    });
    assert_eq!(trace, alone);
    assert!(!alone.is_empty());
    let finesse: &mut FinesseFront = all.world_mut().front_mut().part_mut();
    let told: Vec<(String, String)> = std::iter::from_fn(|| finesse.poll_event()).collect();
    assert!(
        told.iter().all(|(login, _)| login == "oxe70130"),
        "{told:?}"
    );
    for (login, text) in &told {
        let message = cti::finesse::decode_event(text.as_bytes()).expect("events decode");
        assert_eq!(&message.login_id, login);
    }
    let teams = told
        .iter()
        .filter(|(_, text)| text.contains("#TeamUsersList#"))
        .count();
    assert!(teams > 1, "the bots' states change the team: {told:?}");
}

#[test]
fn commands_that_name_no_agent_are_dropped_and_others_answered_on_the_agents_topic() {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("scenario");
    let mut sim =
        Simulator::with_front(scenario, 0, (XucFront::default(), FinesseFront::default()));
    commands::handle(sim.world_mut(), 0, None, "no type at all", "");
    commands::handle(sim.world_mut(), 0, None, "Login#oxe70120", "0120");
    let finesse: &mut FinesseFront = sim.world_mut().front_mut().part_mut();
    let told: Vec<(String, String)> = std::iter::from_fn(|| finesse.poll_event()).collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "oxe70120");
    assert!(
        told[0].1.starts_with("oxe70120#Error#MISSING_EXTENSION#"),
        "{told:?}"
    );
}
