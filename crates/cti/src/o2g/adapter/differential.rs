//! Differential tests: the lean path (O2G JSON read by hand) against the former serde path
//! (`oracle`), on every golden O2G event vector, the golden snapshot bodies, every name of
//! every enum the adapter maps, the documented lenient variants, and thousands of mutations of
//! the fuzz corpus. Both adapters get the same inputs; their outputs must be equal.
//!
//! Only the wording of a shape error may differ (both say it in serde's words, but the first
//! bad field each meets need not be the same): warnings are compared by kind, and syntax errors
//! (one parser for both) word for word in their own test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde::Serialize;
use serde_json::{json, Value};

use super::*;
#[path = "../../../tests/common/mutation.rs"]
mod mutation;
use crate::machine::{Config, Machine};
use crate::model::Intent;
use crate::o2g::agent::{AgentMainState, AgentSubState, AgentType};
use crate::o2g::comlog::Role as ComRole;
use crate::o2g::directory::ResultCode;
use crate::o2g::telephony::{CallCause, MediaState, RecordState, UserState};
use mutation::Rng;

const NOW: Instant = Instant::ZERO;
const ME: &str = "oxe60113";

fn manifest_dir() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

/// The golden vectors of a representation (`tests/golden/manifest.tsv`).
fn golden(kind: &str) -> Vec<(String, Vec<u8>)> {
    let manifest =
        std::fs::read_to_string(format!("{}/tests/golden/manifest.tsv", manifest_dir())).unwrap();
    manifest
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() > 5 && c[2] == kind && c[3] != "skipped")
        .map(|c| {
            let path = format!("{}/tests/golden/vectors/{}", manifest_dir(), c[5]);
            (c[5].to_owned(), std::fs::read(&path).unwrap())
        })
        .collect()
}

fn golden_json(kind: &str) -> Vec<Value> {
    golden(kind)
        .into_iter()
        .map(|(_, bytes)| serde_json::from_slice(&bytes).unwrap())
        .collect()
}

/// Outputs with the wording of shape errors left out (see the module's comment).
fn normalized(outputs: Vec<AdapterOutput>) -> Vec<AdapterOutput> {
    outputs
        .into_iter()
        .map(|output| match output {
            AdapterOutput::Warning(Warning::UndecodableEvent { .. }) => {
                AdapterOutput::Warning(Warning::UndecodableEvent {
                    message: String::new(),
                })
            }
            AdapterOutput::Warning(Warning::RequestFailed { what, message })
                if message.starts_with("The gateway sent an unexpected answer") =>
            {
                AdapterOutput::Warning(Warning::RequestFailed {
                    what,
                    message: String::new(),
                })
            }
            other => other,
        })
        .collect()
}

fn drain(adapter: &mut O2gAdapter) -> Vec<AdapterOutput> {
    std::iter::from_fn(|| adapter.poll_output()).collect()
}

/// The lean adapter and its oracle, fed alike.
struct Pair {
    lean: O2gAdapter,
    oracle: O2gAdapter,
    machine: Machine,
}

impl Pair {
    fn new(login: Option<&str>) -> Pair {
        let config = O2gConfig {
            login_name: login.map(str::to_owned),
            act_as_administrator: false,
        };
        Pair {
            lean: O2gAdapter::new(config.clone()),
            oracle: O2gAdapter::with_serde_oracle(config),
            machine: Machine::new(NOW, Config::default()),
        }
    }

    /// Runs `step` on both and returns the lean adapter's outputs once they agree.
    fn both(&mut self, what: &str, step: impl Fn(&mut O2gAdapter, &Machine)) -> Vec<AdapterOutput> {
        step(&mut self.lean, &self.machine);
        step(&mut self.oracle, &self.machine);
        let lean = normalized(drain(&mut self.lean));
        let oracle = normalized(drain(&mut self.oracle));
        assert_eq!(lean, oracle, "{what}");
        for output in &lean {
            if let AdapterOutput::Update(update) = output {
                self.machine.apply(NOW, update.clone());
            }
        }
        lean
    }

    fn event(&mut self, what: &str, bytes: &[u8]) -> Vec<AdapterOutput> {
        self.both(what, |a, m| a.handle_received(NOW, m.desk(), bytes))
    }

    /// Answers the pending request whose path ends with `path` (sent by the last step).
    fn answer(
        &mut self,
        what: &str,
        sent: &[AdapterOutput],
        path: &str,
        body: &[u8],
    ) -> Vec<AdapterOutput> {
        let id = sent
            .iter()
            .find_map(|output| match output {
                AdapterOutput::Transmit(Transmit {
                    id,
                    payload: Payload::Http(request),
                }) if request.path.ends_with(path) => Some(*id),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{what}: no request to {path}"));
        self.both(what, |a, m| {
            a.handle_answer(NOW, m.desk(), id, Answer::Response { status: 200, body })
        })
    }

    /// A snapshot answered with `body` after a resync.
    fn snapshot(&mut self, what: &str, path: &str, body: &[u8]) -> Vec<AdapterOutput> {
        let sent = self.both("resync", |a, m| a.resync(NOW, m.desk()));
        self.answer(what, &sent, path, body)
    }

    /// A withdraw-reasons body, after an agent snapshot that names a group.
    fn reasons(&mut self, what: &str, body: &[u8]) {
        let state = json!({ "mainState": "LOG_ON", "pgNumber": "60121" }).to_string();
        let sent = self.snapshot("agent state", "/acd/agent/state", state.as_bytes());
        self.answer(what, &sent, "/withdrawReasons", body);
    }

    /// A directory search whose first poll is answered with `body`.
    fn directory(&mut self, what: &str, body: &[u8]) {
        let sent = self.both("search", |a, m| {
            let intent = Intent::SearchDirectory { name: "Mar".into() };
            a.send(NOW, m, IntentId(1), intent).unwrap();
        });
        let polled = self.answer("search accepted", &sent, "/directory/search", b"");
        self.answer(what, &polled, "/directory/search", body);
    }
}

/// Every body a snapshot path is answered with, by path.
const SNAPSHOTS: [(&str, &str); 6] = [
    ("TelephonicState", "/telephony/state"),
    ("AgentState", "/acd/agent/state"),
    ("AgentConfig", "/acd/agent/config"),
    ("EventSummary", "/eventSummary"),
    ("RoutingState", "/routing/state"),
    ("ComHistoryRecords", "/comlog/records"),
];

fn snapshot_everywhere(what: &str, body: &[u8]) {
    for (_, path) in SNAPSHOTS {
        Pair::new(None).snapshot(&format!("{what} as {path}"), path, body);
    }
    Pair::new(None).reasons(&format!("{what} as WithdrawReasons"), body);
    Pair::new(None).directory(&format!("{what} as SearchResult"), body);
}

#[test]
fn every_golden_event_vector_gives_the_same_outputs() {
    let events = golden("Event");
    assert!(events.len() >= 10, "the event vectors went missing");
    for login in [None, Some(ME), Some("oxe99999")] {
        // Each alone, then all in a row on one desk.
        for (file, bytes) in &events {
            Pair::new(login).event(file, bytes);
        }
        let mut pair = Pair::new(login);
        for (file, bytes) in &events {
            pair.event(file, bytes);
        }
    }
}

#[test]
fn every_golden_snapshot_body_gives_the_same_outputs() {
    let mut count = 0;
    for (kind, path) in SNAPSHOTS {
        for (file, bytes) in golden(kind) {
            let outputs = Pair::new(None).snapshot(&file, path, &bytes);
            assert!(
                !outputs
                    .iter()
                    .any(|o| matches!(o, AdapterOutput::Warning(Warning::RequestFailed { .. }))),
                "{file} must decode"
            );
            count += 1;
        }
    }
    for (file, bytes) in golden("WithdrawReasons") {
        Pair::new(None).reasons(&file, &bytes);
        count += 1;
    }
    for (file, bytes) in golden("SearchResult") {
        Pair::new(None).directory(&file, &bytes);
        count += 1;
    }
    assert!(count >= 14, "the snapshot vectors went missing ({count})");
}

/// The golden vectors of the parts (a call, a leg, a record...) placed in the bodies that carry
/// them.
#[test]
fn golden_parts_in_their_bodies_give_the_same_outputs() {
    let mut bodies: Vec<(&str, Value)> = Vec::new();
    let call_with = |data: Value| json!({ "calls": [{ "callRef": "c1", "callData": data }] });
    for call in golden_json("Call") {
        bodies.push(("TelephonicState", json!({ "calls": [call] })));
    }
    for calls in golden_json("Calls") {
        bodies.push(("TelephonicState", calls));
    }
    for data in golden_json("CallData") {
        bodies.push(("TelephonicState", call_with(data)));
    }
    for acd in golden_json("AcdCallData") {
        bodies.push(("TelephonicState", call_with(json!({ "acdCallData": acd }))));
    }
    for info in golden_json("AcdCallInfo") {
        let data = json!({ "acdCallData": { "callInfo": info } });
        bodies.push(("TelephonicState", call_with(data)));
    }
    for info in golden_json("PilotTransferInfo") {
        let data = json!({ "acdCallData": { "pilotTransferInfo": info } });
        bodies.push(("TelephonicState", call_with(data)));
    }
    for caps in golden_json("CallCapabilities") {
        bodies.push((
            "TelephonicState",
            call_with(json!({ "capabilities": caps })),
        ));
    }
    for leg in golden_json("Leg") {
        let body = json!({ "calls": [{ "callRef": "c1", "legs": [leg] }] });
        bodies.push(("TelephonicState", body));
    }
    for legs in golden_json("Legs") {
        let mut call = legs;
        call["callRef"] = json!("c1");
        bodies.push(("TelephonicState", json!({ "calls": [call] })));
    }
    for participant in golden_json("Participant") {
        let body = json!({ "calls": [{ "callRef": "c1", "participants": [participant] }] });
        bodies.push(("TelephonicState", body));
    }
    for participants in golden_json("Participants") {
        let mut call = participants;
        call["callRef"] = json!("c1");
        bodies.push(("TelephonicState", json!({ "calls": [call] })));
    }
    for party in golden_json("PartyInfo") {
        let participant = json!({ "participantId": "p1", "identity": party });
        let body = json!({ "calls": [{ "callRef": "c1", "participants": [participant] }] });
        bodies.push(("TelephonicState", body));
    }
    for skills in golden_json("AgentSkills") {
        bodies.push(("AgentConfig", json!({ "type": "AGENT", "skills": skills })));
    }
    for record in golden_json("ComHistoryRecord") {
        bodies.push((
            "ComHistoryRecords",
            json!({ "comHistoryRecords": [record] }),
        ));
    }
    for participant in golden_json("ComParticipant") {
        let record = json!({ "comRef": "r1", "participants": [participant] });
        bodies.push((
            "ComHistoryRecords",
            json!({ "comHistoryRecords": [record] }),
        ));
    }
    for route in golden_json("ForwardRoute") {
        bodies.push(("RoutingState", json!({ "forwardRoutes": [route] })));
    }
    for destination in golden_json("Destination") {
        let route = json!({ "destinations": [destination] });
        bodies.push(("RoutingState", json!({ "forwardRoutes": [route] })));
    }
    for dnd in golden_json("DndState") {
        bodies.push(("RoutingState", json!({ "dndState": dnd })));
    }
    for element in golden_json("ResultElement") {
        bodies.push((
            "SearchResult",
            json!({ "resultCode": "OK", "resultElements": [element] }),
        ));
    }
    assert!(bodies.len() >= 20, "the part vectors went missing");
    for (kind, body) in bodies {
        let bytes = body.to_string();
        let what = format!("{kind} {bytes}");
        match kind {
            "SearchResult" => Pair::new(None).directory(&what, bytes.as_bytes()),
            _ => {
                let path = SNAPSHOTS.iter().find(|(k, _)| *k == kind).unwrap().1;
                Pair::new(None).snapshot(&what, path, bytes.as_bytes());
            }
        }
    }
}

fn wire_name(value: impl Serialize) -> String {
    match serde_json::to_value(value).unwrap() {
        Value::String(name) => name,
        other => panic!("{other} is no enum name"),
    }
}

#[test]
fn every_enum_name_maps_the_same() {
    use MediaState as M;
    let media = [
        M::OffHook,
        M::Idle,
        M::Releasing,
        M::Dialing,
        M::Held,
        M::RingingIncoming,
        M::RingingOutgoing,
        M::Active,
        M::Unknown,
    ]
    .map(wire_name);
    use CallCause as C;
    let causes = [
        C::Abandoned,
        C::AllTrunkBusy,
        C::Busy,
        C::Cleared,
        C::ParticipantLeft,
        C::Conferenced,
        C::InvalidNumber,
        C::DestinationNotObtainable,
        C::DoNotDisturb,
        C::Forwarded,
        C::NotAnswered,
        C::PickedUp,
        C::Parked,
        C::Redirected,
        C::Overflown,
        C::Transferred,
        C::CampOn,
        C::PickedUpTandem,
        C::CallBack,
        C::Recall,
        C::Distributed,
        C::AcdEnterDistribution,
        C::ResourcesNotAvailable,
        C::SupervisorListening,
        C::SupervisorIntrusion,
        C::SupervisorRestrictIntrusion,
        C::NoAvailableAgent,
        C::Lockout,
        C::Unknown,
    ]
    .map(wire_name);
    let records = [
        RecordState::Paused,
        RecordState::Recording,
        RecordState::Unrecognized,
    ]
    .map(wire_name);
    let users = [UserState::Free, UserState::Busy, UserState::Unknown].map(wire_name);
    use AgentMainState as A;
    let mains = [A::LogOn, A::LogOff, A::Error, A::Unknown].map(wire_name);
    use AgentSubState as S;
    let subs = [
        S::Ready,
        S::OutOfPg,
        S::Busy,
        S::TransactionCodeInput,
        S::Wrapup,
        S::Pause,
        S::Withdraw,
        S::WrapupIm,
        S::WrapupEmail,
        S::WrapupEmailInterruptible,
        S::WrapupOutbound,
        S::WrapupCallback,
        S::Unrecognized,
    ]
    .map(wire_name);
    let types = [
        AgentType::Agent,
        AgentType::Supervisor,
        AgentType::Unrecognized,
    ]
    .map(wire_name);
    let roles = [ComRole::Caller, ComRole::Callee, ComRole::Unknown].map(wire_name);
    let codes = [
        ResultCode::Ok,
        ResultCode::Nok,
        ResultCode::Finish,
        ResultCode::Timeout,
        ResultCode::Unrecognized,
    ]
    .map(wire_name);
    let other = |names: &[String]| {
        let mut all = names.to_vec();
        all.extend([
            "NOT_IN_THE_SPEC".to_owned(),
            String::new(),
            "active".to_owned(),
        ]);
        all
    };

    for name in other(&media) {
        let leg = json!({ "deviceId": "60113", "state": name });
        let event = json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1",
            "callData": { "state": name }, "legs": [leg],
            "participants": [{ "participantId": "p1", "state": name }] });
        Pair::new(None).event(&name, event.to_string().as_bytes());
    }
    for name in other(&causes) {
        let event = json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": "c1", "cause": name });
        Pair::new(None).event(&name, event.to_string().as_bytes());
    }
    for name in other(&records) {
        let body = json!({ "calls": [{ "callRef": "c1", "callData": { "recordState": name } }] });
        Pair::new(None).snapshot(&name, "/telephony/state", body.to_string().as_bytes());
    }
    for name in other(&users) {
        let event = json!({ "eventName": "OnUserStateModified", "loginName": ME, "state": name });
        Pair::new(None).event(&name, event.to_string().as_bytes());
    }
    let mut mains = other(&mains);
    mains.extend(["LOGGED_ON".to_owned(), "LOGGED_OFF".to_owned()]);
    for main in mains {
        for sub in other(&subs).into_iter().map(Some).chain([None]) {
            let state = json!({ "mainState": main, "subState": sub, "pgNumber": "60121",
                "withdrawReason": 2, "withdrawn": "true" });
            let event =
                json!({ "eventName": "OnAgentStateChanged", "loginName": ME, "state": state });
            let mut pair = Pair::new(None);
            pair.event(&format!("{main} {sub:?}"), event.to_string().as_bytes());
            pair.snapshot(
                &format!("{main} {sub:?}"),
                "/acd/agent/state",
                state.to_string().as_bytes(),
            );
        }
    }
    for name in other(&types) {
        let body = json!({ "type": name, "proacd": " " });
        Pair::new(None).snapshot(&name, "/acd/agent/config", body.to_string().as_bytes());
    }
    for role in other(&roles) {
        for answered in [json!(false), json!("FALSE"), json!(null), json!(true)] {
            let record = json!({ "recordId": "12", "participants": [
                { "role": role, "answered": answered, "identity": { "displayName": "Me" } },
                { "identity": { "id": { "phoneNumber": "0612" }, "firstName": "Al", "lastName": " " } }] });
            let event =
                json!({ "eventName": "OnComRecordCreated", "loginName": ME, "record": record });
            Pair::new(None).event(&role, event.to_string().as_bytes());
        }
    }
    for code in other(&codes) {
        let body = json!({ "resultCode": code, "resultElements": [{ "contacts": [
            { "id": { "phoneNumber": "60114" }, "firstName": "Bob" }, { "lastName": "Durand", "id": null }] }] });
        Pair::new(None).directory(&code, body.to_string().as_bytes());
    }
}

/// The variants `docs/decisions.md` and `docs/ambiguities.md` document, and their near misses.
#[test]
fn lenient_readings_and_their_near_misses_give_the_same_outputs() {
    let events = [
        // Booleans and integers as strings, `null` lists, aliases.
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1", "cause": null,
            "callData": { "state": "RINGING_INCOMING", "associatedData": "x", "recordState": null,
                "capabilities": { "transfer": "TRUE", "merge": "false", "dropMe": null, "redirectToVoiceMail": true },
                "acdCallData": { "rsiNumber": "6000", "supervisedTransfer": "true",
                    "callInfo": { "queueWaitingTime": "42", "globalWaitingTime": " 50 ", "agentGroup": "60121" },
                    "queueData": { "waitingTime": 3, "saturated": "true" },
                    "pilotTransferInfo": { "transferPossible": "false" } } },
            "legs": null, "participants": [{ "participantId": "p1", "anonymous": "true",
                "identity": { "id": null, "firstName": "Ann", "lastName": "Lee" } }],
            "deviceCapabilities": [{ "deviceId": "60113", "makeCall": "true", "unParkCall": false }] }),
        json!({ "eventName": "OnCallModified", "loginName": null, "callRef": "c1",
            "previousCallRef": "c0", "replacedByCallRef": null, "addedLegs": null,
            "modifiedLegs": [{ "deviceId": "60113", "state": "HELD", "ringingRemote": "false",
                "capabilities": { "retrieve": "true", "unMute": "TRUE" } }],
            "removedLegs": [{ "deviceId": "60114" }], "removedParticipantIds": ["p1"],
            "modifiedParticipants": null, "deviceCapabilities": null,
            "callData": { "associateData": "a" } }),
        json!({ "eventName": "OnCallModified", "callRef": "c1",
            "callData": { "associateData": "a", "associatedData": "b" } }),
        json!({ "eventName": "OnCallRemoved", "loginName": ME, "callRef": "c1", "deviceCapabilities": [] }),
        json!({ "eventName": "OnTelephonyState", "loginName": ME, "state": null }),
        json!({ "eventName": "OnTelephonyState", "loginName": ME,
            "state": { "calls": null, "deviceCapabilities": null, "userState": "BUSY" } }),
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
            "state": { "mainState": "LOGGED_ON", "pgGroupNumber": "60121", "withdrawReason": "3", "subState": "WITHDRAW" } }),
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
            "state": { "mainState": "LOG_ON", "pgNumber": "1", "pgGroupNumber": "2" } }),
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
            "state": { "mainState": "LOG_ON", "withdrawReason": -4, "withdrawn": true } }),
        json!({ "eventName": "OnAgentSkillChanged", "loginName": ME,
            "skills": { "skills": [{ "number": "3", "level": "2", "active": "true" }, { "number": -1 }, { "level": 1 }] } }),
        json!({ "eventName": "OnAgentSkillChanged", "loginName": ME, "skills": null }),
        json!({ "eventName": "OnAgentSkillChanged", "loginName": ME, "skills": { "skills": null } }),
        json!({ "eventName": "OnSupervisorHelpRequested", "loginName": ME, "agentNumber": null }),
        json!({ "eventName": "OnSupervisorHelpCancelled", "loginName": ME }),
        json!({ "eventName": "OnEventSummaryUpdated", "loginName": ME, "eventSummary": { "missedCallsNb": "7" } }),
        json!({ "eventName": "OnEventSummaryUpdated", "loginName": ME, "eventSummary": null }),
        json!({ "eventName": "OnEventSummaryUpdated", "loginName": ME, "eventSummary": { "missedCallsNb": -1 } }),
        json!({ "eventName": "OnRoutingStateChanged", "loginName": ME, "routingState": { "dndState": { "activate": "TRUE" },
            "forwardRoutes": [{ "destinations": null }, { "destinations": [{ "type": "VOICEMAIL" }, { "type": "NUMBER", "number": "1" }] }] } }),
        json!({ "eventName": "OnRoutingStateChanged", "loginName": ME, "routingState": { "dndState": { "activate": null } } }),
        json!({ "eventName": "OnRoutingStateChanged", "loginName": ME, "routingState": { "dndState": {} } }),
        json!({ "eventName": "OnComRecordCreated", "loginName": ME, "record": { "comref": "r9", "participants": null } }),
        json!({ "eventName": "OnComRecordCreated", "loginName": ME, "record": null }),
        json!({ "eventName": "OnComRecordCreated", "loginName": ME, "record": { "recordId": 1.5 } }),
        json!({ "eventName": "OnComRecordsDeleted", "loginName": ME, "recordIds": [1] }),
        json!({ "eventName": "OnComRecordsAck", "loginName": "oxe99999" }),
        // Wrong shapes of mapped fields.
        json!({ "eventName": "OnCallCreated", "loginName": ME }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": null }),
        json!({ "eventName": "OnCallCreated", "loginName": 5, "callRef": "c1" }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1", "legs": {} }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1", "legs": [{}] }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1", "cause": 3 }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1", "callData": { "capabilities": { "merge": "yes" } } }),
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c1", "callData": { "acdCallData": { "callInfo": { "queueWaitingTime": 3_000_000_000_u64 } } } }),
        json!({ "eventName": "OnUserStateModified", "loginName": ME }),
        json!({ "eventName": "OnUserStateModified", "loginName": ME, "state": null }),
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME }),
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME, "state": {} }),
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME, "state": "LOG_ON" }),
        json!({ "eventName": "OnSomethingNew", "loginName": 5 }),
        json!({ "eventName": 5 }),
        json!({ "loginName": ME }),
        json!([1, 2]),
        json!("OnCallCreated"),
    ];
    for login in [None, Some(ME)] {
        let mut pair = Pair::new(login);
        for event in &events {
            let bytes = event.to_string();
            pair.event(&bytes, bytes.as_bytes());
        }
    }
    // Not JSON: the same message, word for word (one parser).
    for bytes in [
        &b"{not json"[..],
        b"",
        b"<html>",
        b"{\"eventName\":",
        b"\xff",
        b"{\"a\":\"\xff\"}",
    ] {
        let machine = Machine::new(NOW, Config::default());
        let mut lean = O2gAdapter::new(O2gConfig::default());
        let mut oracle = O2gAdapter::with_serde_oracle(O2gConfig::default());
        lean.handle_received(NOW, machine.desk(), bytes);
        oracle.handle_received(NOW, machine.desk(), bytes);
        let lean = drain(&mut lean);
        assert_eq!(lean, drain(&mut oracle));
        assert!(matches!(
            &lean[..],
            [AdapterOutput::Warning(Warning::UndecodableEvent { message })] if message.contains("invalid JSON")
        ));
    }

    let bodies = [
        json!({ "mainState": "LOG_OFF" }),
        json!({ "mainState": "LOG_ON", "pgNumber": null }),
        json!({ "type": "SUPERVISOR", "proacd": "60113", "processingGroups": { "preferred": "", "groups": null },
            "skills": { "skills": [{ "number": 1, "active": "false" }] } }),
        json!({ "type": "AGENT", "processingGroups": null, "skills": null }),
        json!({ "proacd": "60113" }),
        json!({ "number": "2", "reasons": [{ "index": "1", "label": "Lunch" }, { "index": 2 }] }),
        json!({ "reasons": null }),
        json!({ "reasons": [{ "label": "no index" }] }),
        json!({ "missedCallsNb": "12" }),
        json!({ "missedCallsNb": null }),
        json!({ "missedCallsNb": true }),
        json!({ "comHistoryRecords": null, "totalCount": "0" }),
        json!({ "comHistoryRecords": [{ "recordId": "5", "comRef": "a", "comref": "b" }] }),
        json!({ "comHistoryRecords": [{ "recordId": "x" }] }),
        json!({ "forwardRoutes": null, "dndState": null }),
        json!({ "forwardRoutes": {}, "dndState": null }),
        json!({ "resultCode": "FINISH", "resultElements": null }),
        json!({ "resultCode": 7 }),
        json!({ "resultElements": [{ "contacts": null }, { "contacts": [{ "id": { "phoneNumber": 5 } }] }] }),
        json!({ "calls": [{ "callRef": "c1" }], "userState": "FREE" }),
        json!({ "calls": [{}] }),
        json!({ "deviceCapabilities": [{ "deviceId": "60113", "makeBusinessCall": "TRUE", "makePrivateCall": null }] }),
        json!({}),
        json!(null),
        json!("text"),
    ];
    for body in bodies {
        snapshot_everywhere(&body.to_string(), body.to_string().as_bytes());
    }
    for body in [&b"<html>"[..], b"", b"{\"a\":"] {
        snapshot_everywhere("bad JSON", body);
    }
}

const TOKENS: [&[u8]; 14] = [
    b"null",
    b"true",
    b"\"true\"",
    b"\"x\"",
    b"-1",
    b"\"7\"",
    b"1.5",
    b"[]",
    b"{}",
    b",",
    b"\"LOGGED_ON\"",
    b"\"eventName\":\"OnCallModified\"",
    b"\"callRef\":\"c\",",
    b"\xff",
];

/// The fuzz corpus and mutations of it (bit flips, truncations, deletions, token insertions,
/// splices). Where the oracle decodes an event, the lean path must give the same outputs; where
/// it does not, the lean path warns too, unless the only bad field is one the adapter does not
/// map (then it may read the event: documented in docs/decisions.md, Weight).
#[test]
fn mutations_of_the_fuzz_corpus_agree_wherever_the_oracle_decodes() {
    let dir = format!("{}/fuzz/corpus/decode_event", manifest_dir());
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 30, "the seed corpus went missing");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut agreed, mut decoded, mut lenient) = (0, 0, 0);
    for round in 0..8000 {
        let data = match seeds.get(round) {
            Some((_, seed)) => seed.clone(),
            None => mutation::mutate(&mut rng, &seeds, &TOKENS, 2),
        };
        let machine = Machine::new(NOW, Config::default());
        let mut lean = O2gAdapter::new(O2gConfig::default());
        let mut oracle = O2gAdapter::with_serde_oracle(O2gConfig::default());
        lean.handle_received(NOW, machine.desk(), &data);
        oracle.handle_received(NOW, machine.desk(), &data);
        let lean = normalized(drain(&mut lean));
        let oracle = normalized(drain(&mut oracle));
        let oracle_failed = matches!(
            &oracle[..],
            [AdapterOutput::Warning(Warning::UndecodableEvent { .. })]
        );
        if lean == oracle {
            agreed += 1;
            decoded += usize::from(!oracle_failed);
        } else {
            assert!(
                oracle_failed,
                "the oracle decoded {:?} and the lean path disagrees:\n  lean:   {lean:?}\n  oracle: {oracle:?}",
                String::from_utf8_lossy(&data)
            );
            lenient += 1;
        }
    }
    // Most agree; the oracle decodes a good share; the lean path reads few that it rejects.
    assert!(decoded > 500, "only {decoded} mutated inputs decoded");
    eprintln!("{agreed} agreed ({decoded} decoded), {lenient} read by the lean path alone");
    assert!(
        lenient * 20 < agreed,
        "{lenient} lenient readings for {agreed} agreements"
    );
}

/// The one reading the lean path drops on purpose: serde's derived structs also accept a JSON
/// array, field by field in declaration order, so `[]` was an empty telephony snapshot that
/// wiped every call. An O2G body is an object; anything else is an unexpected answer.
#[test]
fn a_struct_written_as_an_array_is_no_longer_read() {
    let machine = Machine::new(NOW, Config::default());
    let mut lean = O2gAdapter::new(O2gConfig::default());
    lean.resync(NOW, machine.desk());
    let id = match lean.poll_output() {
        Some(AdapterOutput::Transmit(Transmit { id, .. })) => id,
        other => panic!("{other:?}"),
    };
    drain(&mut lean);
    let answer = Answer::Response {
        status: 200,
        body: b"[]",
    };
    lean.handle_answer(NOW, machine.desk(), id, answer);
    assert_eq!(
        drain(&mut lean),
        [AdapterOutput::Warning(Warning::RequestFailed {
            what: "TelephonicState",
            message: "The gateway sent an unexpected answer (200): the gateway sent a \
                      TelephonicState of an unexpected shape: invalid type: sequence, expected \
                      struct TelephonicState"
                .into()
        })]
    );
}

#[test]
fn the_user_s_own_account_gives_the_same_name_both_ways() {
    let users = golden("User");
    assert!(!users.is_empty(), "the User vectors went missing");
    let path = format!("/users/{ME}");
    for (file, bytes) in &users {
        Pair::new(Some(ME)).snapshot(file, &path, bytes);
    }
    for body in [
        r#"{"firstName":"Alice","lastName":"Martin","loginName":"oxe60113"}"#,
        r#"{"lastName":"Martin"}"#,
        r#"{"firstName":" ","lastName":null}"#,
        r#"{}"#,
        // (A struct written as an array is the documented difference: only the lean path
        // calls it unexpected.)
        r#"{"firstName":12}"#,
    ] {
        Pair::new(Some(ME)).snapshot(body, &path, body.as_bytes());
    }
}

#[test]
fn transaction_codes_and_after_call_record_extensions_read_the_same() {
    for body in [
        r#"{"pgNumber":"60121","wrapUpTime":15,"transactionCodes":[{"code":"11","label":"Sale"},{"code":"12"}]}"#,
        r#"{"transactionCodes":null,"wrapUpTime":"20"}"#,
        r#"{"transactionCodes":[{"label":"no code"}]}"#,
        r#"{"wrapUpTime":-4}"#,
        "{}",
    ] {
        let mut pair = Pair::new(None);
        let state = json!({ "mainState": "LOG_ON", "pgNumber": "60121" }).to_string();
        let sent = pair.snapshot("agent state", "/acd/agent/state", state.as_bytes());
        pair.answer(body, &sent, "/transactionCodes", body.as_bytes());
    }
    for extensions in [
        json!([{ "name": "transactionCode", "value": "11" }, { "name": "notes", "value": "Wants a quote" }]),
        json!([{ "name": "notes", "value": null }, { "name": "other" }]),
        json!([{ "name": "notes", "value": "a" }, { "name": "notes", "value": "" }]),
        json!(null),
        json!([{ "value": 3 }]),
    ] {
        let record = json!({ "recordId": 1, "comRef": "c1", "extensions": extensions });
        let body = json!({ "comHistoryRecords": [record] }).to_string();
        Pair::new(None).snapshot(&body, "/comlog/records", body.as_bytes());
    }
}
