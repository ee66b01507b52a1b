//! Golden vectors: every JSON example of the O2G reference for the parts we model, extracted
//! by `tests/golden/extract.py` into `tests/golden/vectors/` and listed, with the skipped ones
//! and their reasons, in `tests/golden/manifest.tsv`.
//!
//! Each vector must decode; decode → encode → decode must be a fixed point; and for vectors in
//! the representation-table form (`check = exact`) the encoding must equal the vector.

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::fmt::Debug;

use cti::o2g::{
    agent, auth, comlog, decode, decode_event, directory, encode, error, event_summary,
};
use cti::o2g::{pilot, routing, rti, session, subscription, telephony, user, Event};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

const MANIFEST: &str = include_str!("golden/manifest.tsv");

struct Row<'a> {
    start: &'a str,
    kind: &'a str,
    status: &'a str,
    check: &'a str,
    file: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    MANIFEST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 7, "malformed manifest row {l:?}");
            Row {
                start: c[0],
                kind: c[2],
                status: c[3],
                check: c[4],
                file: c[5],
            }
        })
        .collect()
}

fn vector(file: &str) -> Vec<u8> {
    let path = format!("{}/tests/golden/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn same_json(original: &[u8], encoded: &str) -> Result<(), String> {
    let a: Value = serde_json::from_slice(original).map_err(|e| e.to_string())?;
    let b: Value = serde_json::from_str(encoded).map_err(|e| e.to_string())?;
    if a == b {
        Ok(())
    } else {
        Err(format!(
            "encoding differs from the table form:\n  vector:  {a}\n  encoded: {b}"
        ))
    }
}

fn check<T>(what: &'static str, bytes: &[u8], exact: bool) -> Result<(), String>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let first: T = decode(what, bytes).map_err(|e| format!("decode: {e}"))?;
    let encoded = encode(&first);
    let second: T =
        decode(what, encoded.as_bytes()).map_err(|e| format!("re-decode of {encoded}: {e}"))?;
    if first != second {
        return Err(format!("not a fixed point:\n  {first:?}\n  {second:?}"));
    }
    if exact {
        same_json(bytes, &encoded)?;
    }
    Ok(())
}

fn check_event(bytes: &[u8], exact: bool) -> Result<(), String> {
    let first = decode_event(bytes).map_err(|e| format!("decode: {e}"))?;
    if matches!(first, Event::Unknown(_)) {
        return Err(format!("{} decoded as Unknown", first.name()));
    }
    let encoded = cti::o2g::encode_event(&first);
    let second =
        decode_event(encoded.as_bytes()).map_err(|e| format!("re-decode of {encoded}: {e}"))?;
    if first != second {
        return Err(format!("not a fixed point:\n  {first:?}\n  {second:?}"));
    }
    if exact {
        same_json(bytes, &encoded)?;
    }
    Ok(())
}

/// Decodes `bytes` as the type the manifest names.
fn dispatch(kind: &str, bytes: &[u8], exact: bool) -> Result<(), String> {
    macro_rules! types {
        ($($name:literal => $ty:ty),* $(,)?) => {
            match kind {
                "Event" => check_event(bytes, exact),
                $($name => check::<$ty>($name, bytes, exact),)*
                other => Err(format!("the manifest names an unknown type {other}")),
            }
        };
    }
    types! {
        "RoxeRestApiDescriptor" => auth::RoxeRestApiDescriptor,
        "AuthenticationResponse" => auth::AuthenticationResponse,
        "RestErrorInfo" => error::RestErrorInfo,
        "RoutingErrorInfo" => error::RoutingErrorInfo,
        "TelephonyErrorInfo" => error::TelephonyErrorInfo,
        "UserPreferencesErrorInfo" => error::UserPreferencesErrorInfo,
        "SessionRequest" => session::SessionRequest,
        "SessionInfo" => session::SessionInfo,
        "SessionTokenInfo" => session::SessionTokenInfo,
        "SupervisedAccount" => session::SupervisedAccount,
        "Filter" => subscription::Filter,
        "Subscription" => subscription::Subscription,
        "SubscriptionRequest" => subscription::SubscriptionRequest,
        "MakeCallRequest" => telephony::MakeCallRequest,
        "MakeBasicCallRequest" => telephony::MakeBasicCallRequest,
        "SendAssociatedDataRequest" => telephony::SendAssociatedDataRequest,
        "SwitchDeviceRequest" => telephony::SwitchDeviceRequest,
        "ReconnectRequest" => telephony::ReconnectRequest,
        "RedirectRequest" => telephony::RedirectRequest,
        "SendAccountInfoRequest" => telephony::SendAccountInfoRequest,
        "DsLogOnRequest" => telephony::DsLogOnRequest,
        "UnParkRequest" => telephony::UnParkRequest,
        "MiniMessageRequest" => telephony::MiniMessageRequest,
        "MiniMessage" => telephony::MiniMessage,
        "HuntingGroupStatus" => telephony::HuntingGroupStatus,
        "HuntingGroupResult" => telephony::HuntingGroupResult,
        "PilotQueryParam" => telephony::PilotQueryParam,
        "PilotTransferCapa" => telephony::PilotTransferCapa,
        "PilotTransferInfo" => telephony::PilotTransferInfo,
        "TelephonicState" => telephony::TelephonicState,
        "Call" => telephony::Call,
        "Calls" => telephony::Calls,
        "CallData" => telephony::CallData,
        "CallCapabilities" => telephony::CallCapabilities,
        "AcdCallData" => telephony::AcdCallData,
        "AcdCallInfo" => telephony::AcdCallInfo,
        "AcdCallParam" => telephony::AcdCallParam,
        "AcrSkill" => telephony::AcrSkill,
        "AcrSkills" => telephony::AcrSkills,
        "Callback" => telephony::Callback,
        "Callbacks" => telephony::Callbacks,
        "DeviceState" => telephony::DeviceState,
        "DeviceStates" => telephony::DeviceStates,
        "Leg" => telephony::Leg,
        "Legs" => telephony::Legs,
        "Participant" => telephony::Participant,
        "Participants" => telephony::Participants,
        "ParticipantType" => telephony::ParticipantType,
        "PartyInfo" => telephony::PartyInfo,
        "TrunkIdentification" => telephony::TrunkIdentification,
        "Criterion" => directory::Criterion,
        "ResultElement" => directory::ResultElement,
        "SearchRequest" => directory::SearchRequest,
        "SearchByDtmfRequest" => directory::SearchByDtmfRequest,
        "SearchResult" => directory::SearchResult,
        "RoutingCapabilities" => routing::RoutingCapabilities,
        "SetRoutesRequest" => routing::SetRoutesRequest,
        "DndState" => routing::DndState,
        "Destination" => routing::Destination,
        "ForwardRoute" => routing::ForwardRoute,
        "OverflowRoute" => routing::OverflowRoute,
        "PresentationRoute" => routing::PresentationRoute,
        "RoutingState" => routing::RoutingState,
        "SetForwardRouteRequest" => routing::SetForwardRouteRequest,
        "SetOverflowRoutesRequest" => routing::SetOverflowRoutesRequest,
        "ComHistoryRecord" => comlog::ComHistoryRecord,
        "ComHistoryRecords" => comlog::ComHistoryRecords,
        "ComHistoryRecordIds" => comlog::ComHistoryRecordIds,
        "UpdateComRecordsRequest" => comlog::UpdateComRecordsRequest,
        "ComParticipant" => comlog::ComParticipant,
        "EventSummary" => event_summary::EventSummary,
        "AgentConfig" => agent::AgentConfig,
        "AgentSkills" => agent::AgentSkills,
        "AgentState" => agent::AgentState,
        "AgentSkillActivation" => agent::AgentSkillActivation,
        "PgRequest" => agent::PgRequest,
        "IntrusionRequest" => agent::IntrusionRequest,
        "ChangeIntrusionModeRequest" => agent::ChangeIntrusionModeRequest,
        "LoggOnAgentRequest" => agent::LoggOnAgentRequest,
        "PermanentListeningRequest" => agent::PermanentListeningRequest,
        "WithdrawAgentRequest" => agent::WithdrawAgentRequest,
        "WithdrawReasons" => agent::WithdrawReasons,
        "User" => user::User,
        "Device" => user::Device,
        "Voicemail" => user::Voicemail,
        "LoginsResponse" => user::LoginsResponse,
        "Pilot" => pilot::Pilot,
        "Pilots" => pilot::Pilots,
        "PilotRule" => pilot::PilotRule,
        "PilotRules" => pilot::PilotRules,
        "CallDataPilot" => pilot::CallDataPilot,
        "RtiContext" => rti::RtiContext,
        "RtiFilter" => rti::RtiFilter,
        "RtiObjectFilter" => rti::RtiObjectFilter,
        "RtiIdentifiers" => rti::RtiIdentifiers,
        "RtiObjectIdentifier" => rti::RtiObjectIdentifier,
    }
}

#[test]
fn every_golden_vector_decodes_and_round_trips() {
    let rows = rows();
    let mut failures = Vec::new();
    let mut decoded = 0;
    for row in rows.iter().filter(|r| r.status != "skipped") {
        let bytes = vector(row.file);
        match dispatch(row.kind, &bytes, row.check == "exact") {
            Ok(()) => decoded += 1,
            Err(e) => failures.push(format!("L{} {} ({}): {e}", row.start, row.kind, row.file)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden vector(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        decoded >= 150,
        "only {decoded} vectors: did the extraction lose some?"
    );
}

#[test]
fn manifest_and_vector_directory_agree() {
    let rows = rows();
    let dir = format!("{}/tests/golden/vectors", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("vectors directory")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = rows
        .iter()
        .filter(|r| r.status != "skipped")
        .map(|r| r.file.to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    for row in rows.iter().filter(|r| r.status == "skipped") {
        assert_eq!(row.file, "-", "a skipped row has no file");
    }
}
