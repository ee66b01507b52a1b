//! Events per second for decode + apply of a realistic O2G event mix, on one core.
//!
//! `cargo bench -p cti --bench events`. Plain harness (no criterion): benches may read the
//! clock, the core may not, so time is measured here and passed in as `cti::model::Instant`.

use std::hint::black_box;
use std::time::{Duration, Instant as Clock};

use cti::machine::Config;
use cti::model::Instant;
use cti::o2g::event::decode_event;
use cti::o2g::{O2gAdapter, O2gConfig};
use cti::session::{Input, Session};
use serde_json::json;

const ME: &str = "oxe60113";

/// One ACD call handled end to end, with a consultation and a transfer: 14 events, the mix an
/// agent's channel carries (call deltas dominate, agent changes and keep-alives around them).
fn call_cycle(n: usize) -> Vec<String> {
    let c1 = format!("{n:016x}");
    let c2 = format!("{:016x}", n + 1_000_000);
    let leg = |state: &str, caps: serde_json::Value| json!({ "deviceId": "60113", "state": state, "capabilities": caps });
    let agent = |sub: &str| {
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
                "state": { "mainState": "LOG_ON", "subState": sub, "proAcdDeviceNumber": "60113", "pgNumber": "60121" } })
    };
    let events = vec![
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": c1, "cause": "DISTRIBUTED",
                "callData": { "state": "RINGING_INCOMING", "capabilities": { "redirect": true, "terminate": true },
                              "acdCallData": { "pilotNumber": "60141",
                                  "callInfo": { "queueWaitingTime": 42, "globalWaitingTime": 50, "agentGroup": "60121", "local": true },
                                  "queueData": { "waitingTime": 42, "saturated": false } } },
                "legs": [leg("RINGING_INCOMING", json!({ "answer": true, "drop": true }))],
                "participants": [{ "participantId": "p1", "identity": { "id": { "phoneNumber": "0612345678" }, "displayName": "Alice Martin",
                                   "type": { "main": "EXTERNAL", "subType": "public" } } }] }),
        json!({ "eventName": "OnUserStateModified", "loginName": ME, "state": "BUSY" }),
        agent("BUSY"),
        json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": c1,
                "modifiedLegs": [leg("ACTIVE", json!({ "drop": true, "hold": true, "sendDtmf": true }))],
                "callData": { "state": "ACTIVE", "capabilities": { "transfer": true, "blindTransfer": true, "merge": true, "terminate": true } } }),
        json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": c1,
                "modifiedLegs": [leg("HELD", json!({ "retrieve": true, "reconnect": true }))] }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": c2, "callData": { "state": "DIALING" },
                "legs": [leg("DIALING", json!({ "drop": true }))],
                "participants": [{ "participantId": "p2", "identity": { "id": { "phoneNumber": "60114", "loginName": "oxe60114" },
                                   "firstName": "Bob", "lastName": "Durand" } }] }),
        json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": c2,
                "modifiedLegs": [{ "deviceId": "60113", "state": "RINGING_OUTGOING", "ringingRemote": true }] }),
        json!({ "eventName": "OnCallModified", "loginName": ME, "callRef": c2,
                "modifiedLegs": [leg("ACTIVE", json!({ "drop": true, "hold": true }))],
                "callData": { "state": "ACTIVE", "capabilities": { "transfer": true, "merge": true } } }),
        json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": c2, "cause": "TRANSFERRED" }),
        json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": c1, "cause": "TRANSFERRED" }),
        json!({ "eventName": "OnUserStateModified", "loginName": ME, "state": "FREE" }),
        agent("WRAPUP"),
        json!({ "eventName": "OnChannelInformation", "text": "keepalive" }),
        agent("READY"),
    ];
    events.into_iter().map(|event| event.to_string()).collect()
}

fn run(label: &str, events: &[String], mut step: impl FnMut(u64, &str)) {
    let started = Clock::now();
    let mut count: u64 = 0;
    // At least one second and three rounds, so the figure is stable.
    while started.elapsed() < Duration::from_secs(1) || count < 3 * events.len() as u64 {
        for event in events {
            step(count, event);
            count += 1;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let per_second = count as f64 / elapsed;
    println!("{label:<28} {count:>10} events in {elapsed:.2} s = {per_second:>12.0} events/s ({:.0} ns/event)", 1e9 / per_second);
}

fn main() {
    let events: Vec<String> = (0..64).flat_map(|n| call_cycle(n * 2)).collect();
    let bytes: u64 = events.iter().map(|e| e.len() as u64).sum();
    println!(
        "event mix: {} events, {} bytes on average",
        events.len(),
        bytes / events.len() as u64
    );

    let config = Config {
        device: Some("60113".into()),
        ..Config::default()
    };
    let session = || {
        let adapter = O2gAdapter::new(O2gConfig {
            login_name: Some(ME.into()),
            act_as_administrator: false,
        });
        Session::new(Instant::ZERO, config.clone(), adapter)
    };

    run("decode only", &events, |_, event| {
        black_box(decode_event(black_box(event.as_bytes())).ok());
    });

    // The whole path a host runs: bytes into the O2G adapter, neutral updates into the
    // machine, outputs drained.
    let mut machine = session();
    run("decode + apply", &events, |n, event| {
        machine.handle(Instant::from_millis(n), Input::Received(event.as_bytes()));
        while machine.poll_output().is_some() {}
    });
    assert!(
        machine.desk().calls().is_empty(),
        "every cycle ends with no call"
    );
    assert_eq!(machine.warning_count(), 0, "the mix is consistent");
}
