//! Embedding the widget in a CRM: the allow-list and its CSP, the embed endpoints, the host
//! SDK, the demo listener, the scenario's customers, the sessions view and the cookie modes.
// clippy.toml's allowance for tests does not reach the helpers outside `#[test]` functions.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use gateway::scenario::{Scenario, ScenarioError, DEFAULT_SCENARIO};
use gateway::sim::Simulator;

// ---------------------------------------------------------------------------------------------
// Customers in the scenario, and the traffic that draws callers from them.

/// A minimal scenario with `customers` (a JSON array) and one pilot.
fn with_customers(customers: &str) -> String {
    format!(
        r#"{{"name":"x","users":[],"processingGroups":[{{"number":"2","name":"g"}}],
            "pilots":[{{"number":"3","name":"p","group":"2"}}],"customers":{customers}}}"#
    )
}

#[test]
fn customers_are_parsed_with_their_optional_fields() {
    let scenario = Scenario::parse(&with_customers(
        r#"[{"id":"c1","name":"Élodie Martin","company":"Boulangerie Martin","number":"+33612345601",
             "email":"e@example.fr","city":"Lyon","tier":"gold"},
            {"id":"c2","name":"Sofia Rossi","number":"0478123403"}]"#,
    ))
    .expect("valid customers");
    assert_eq!(scenario.customers.len(), 2);
    assert_eq!(
        scenario.customers[0].company.as_deref(),
        Some("Boulangerie Martin")
    );
    assert_eq!(scenario.customers[1].company, None);
    // Scenarios without customers still parse.
    let none = Scenario::parse(r#"{"name":"x","users":[]}"#).expect("no customers");
    assert!(none.customers.is_empty());
}

#[test]
fn bad_customers_are_refused_with_a_reason() {
    for (customers, expected) in [
        (r#"[{"id":"","name":"a","number":"1"}]"#, "the id is empty"),
        (
            r#"[{"id":"c1","name":" ","number":"1"}]"#,
            "the name is empty",
        ),
        (
            r#"[{"id":"c1","name":"a","number":""}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"+"}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"06 12 34"}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"++336"}]"#,
            "the number must be digits",
        ),
        (
            r#"[{"id":"c1","name":"a","number":"12345678901234567890123"}]"#,
            "at most 20",
        ),
    ] {
        let error = Scenario::parse(&with_customers(customers)).expect_err(customers);
        assert!(
            matches!(error, ScenarioError::BadCustomer { .. }),
            "{customers}: {error}"
        );
        assert!(error.to_string().contains(expected), "{customers}: {error}");
    }
    let twice = with_customers(
        r#"[{"id":"c1","name":"a","number":"1"},{"id":"c1","name":"b","number":"2"}]"#,
    );
    let error = Scenario::parse(&twice).expect_err("duplicate id");
    assert!(matches!(error, ScenarioError::DuplicateCustomer(ref id) if id == "c1"));
    assert!(error.to_string().contains("c1"), "{error}");
    let missing_number = with_customers(r#"[{"id":"c1","name":"a"}]"#);
    assert!(matches!(
        Scenario::parse(&missing_number),
        Err(ScenarioError::Json(_))
    ));
}

#[test]
fn the_shipped_scenarios_have_customers() {
    let default = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    assert!(default.customers.len() >= 10);
    assert!(default.customers.iter().any(|c| !c.number.starts_with('+')));
    let e2e = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../e2e/scenario.json"
    ))
    .expect("e2e scenario");
    let e2e = Scenario::parse(&e2e).expect("e2e scenario parses");
    let numbers: Vec<(&str, &str)> = e2e
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.number.as_str()))
        .collect();
    for expected in [
        ("c01", "+33612345601"),
        ("c02", "+33612345602"),
        ("c03", "0478123403"),
    ] {
        assert!(numbers.contains(&expected), "{expected:?} in {numbers:?}");
    }
}

/// The callers of the calls the traffic generator makes in 20 minutes: nobody answers and
/// nobody gives up, so every call is still queued and shows its caller.
fn generated_callers(scenario: &Scenario, seed: u64) -> Vec<String> {
    let mut scenario = scenario.clone();
    scenario.bots.clear();
    scenario.traffic.calls_per_minute = 6.0;
    scenario.traffic.patience_ms = 10 * 3_600_000;
    let mut sim = Simulator::new(scenario, seed);
    sim.advance(20 * 60_000);
    // Call references are fixed-width and listed in order: the list is in arrival order.
    sim.live_calls()
        .into_iter()
        .map(|c| c.parties.first().cloned().expect("the caller"))
        .collect()
}

#[test]
fn generated_callers_are_mostly_customers_and_the_same_for_a_seed() {
    let scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    let known: Vec<&str> = scenario
        .customers
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    let callers = generated_callers(&scenario, 42);
    assert!(callers.len() >= 60, "{} calls", callers.len());
    let from_customers = callers
        .iter()
        .filter(|c| known.contains(&c.as_str()))
        .count();
    let share = from_customers as f64 / callers.len() as f64;
    assert!(
        (0.65..=0.95).contains(&share),
        "{from_customers} of {}",
        callers.len()
    );
    // The others are random mobiles.
    assert!(callers
        .iter()
        .filter(|c| !known.contains(&c.as_str()))
        .all(|c| c.starts_with("+336") && c.len() == 12));
    // Several customers are drawn, not one.
    let mut distinct: Vec<&String> = callers
        .iter()
        .filter(|c| known.contains(&c.as_str()))
        .collect();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() >= 6, "{distinct:?}");
    assert_eq!(callers, generated_callers(&scenario, 42), "deterministic");
    assert_ne!(callers, generated_callers(&scenario, 43));
}

#[test]
fn without_customers_every_caller_is_random() {
    let mut scenario = Scenario::parse(DEFAULT_SCENARIO).expect("default scenario");
    scenario.customers.clear();
    let callers = generated_callers(&scenario, 42);
    assert!(!callers.is_empty());
    assert!(callers.iter().all(|c| c.starts_with("+336")), "{callers:?}");
}
