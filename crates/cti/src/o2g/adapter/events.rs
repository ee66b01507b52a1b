//! O2G events and snapshots into neutral updates: the only place that maps O2G's telephony
//! and agent names onto the model. Read by hand from a `serde_json::Value` (see `json`); the
//! field names, defaults and lenient readings are those of the wire types in
//! `crate::o2g::{telephony, agent, comlog, routing, event_summary}`.

use core::time::Duration;

use crate::machine::{CallUpdate, ListDelta, Update, UpdateKind, Warning};
use crate::model::{
    AcdData, ActivityReport, AgentReport, CallLevelCapabilities, CallRef, CallState, Cause,
    DeviceCapabilities, DeviceLeg, HistoryUpdate, LegCapabilities, Participant, Party, ReasonId,
    Recording, Skill, UserPresence, WrapUpKind,
};
use crate::o2g::agent::AgentMainState;
use crate::o2g::event::KNOWN_EVENT_NAMES;
use crate::o2g::DecodeError;

use super::json::{each, parse, Json, Obj, Read, Shape};
use super::records;
use super::{Decoded, Next, Queue};

/// Decodes one event of the channel into what the adapter does with it. Not JSON, not an
/// object, no `eventName`, or a field the adapter maps of the wrong shape → the error
/// `crate::o2g::decode_event` gives. Events that change nothing on the desk (keep-alives,
/// device states, unknown names) are read no further than their name.
pub(super) fn event(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let Json::Object(entries) = parse("Event", bytes)? else {
        return Err(Shape::custom("an event must be a JSON object").into_error("Event"));
    };
    let mut e = Obj::new(Json::Object(entries), "Event").map_err(|s| s.into_error("Event"))?;
    let name = match e.remove("eventName") {
        Some(Json::Str(name)) => name,
        Some(_) => return Err(Shape::custom("eventName must be a string").into_error("Event")),
        None => {
            return Err(Shape::custom("missing field `eventName`").into_error("Event"));
        }
    };
    let mut decoded = Decoded::default();
    if KNOWN_EVENT_NAMES.contains(&&*name) {
        known(&mut decoded, &name, &mut e).map_err(|s| s.into_error("Event"))?;
    }
    Ok(decoded)
}

/// A modelled event's payload.
fn known(d: &mut Decoded, name: &str, e: &mut Obj) -> Read<()> {
    // `loginName` is read through `nullable::or_default` in every modelled event but the
    // keep-alive, which has none.
    if name != "OnChannelInformation" {
        d.login = Some(e.str_or_empty("loginName")?).filter(|login| !login.is_empty());
    }
    let out = &mut d.out;
    match name {
        "OnCallCreated" => {
            let reference = e.req_str("callRef")?;
            let cause = e.opt_name("cause")?;
            let data = e.opt_obj("callData", "CallData")?;
            let legs = e.objs("legs", "Leg", leg)?;
            let participants = e.objs("participants", "Participant", participant)?;
            devices(out, false, e.opt_list("deviceCapabilities")?)?;
            let mut update = CallUpdate::new(CallRef::new(reference), UpdateKind::Created);
            update.cause = cause.as_deref().map(cause_of);
            if let Some(data) = data {
                call_data(&mut update, data)?;
            }
            update.legs.replace = Some(legs);
            update.participants.replace = Some(participants);
            out.update(Update::Call(Box::new(update)));
        }
        "OnCallModified" => {
            let reference = e.req_str("callRef")?;
            let mut update = CallUpdate::new(CallRef::new(reference), UpdateKind::Modified);
            update.cause = e.opt_name("cause")?.as_deref().map(cause_of);
            update.previous = e.opt_str("previousCallRef")?.map(CallRef::new);
            update.replaced_by = e.opt_str("replacedByCallRef")?.map(CallRef::new);
            let data = e.opt_obj("callData", "CallData")?;
            update.legs = ListDelta {
                replace: None,
                added: e.objs("addedLegs", "Leg", leg)?,
                modified: e.objs("modifiedLegs", "Leg", leg)?,
                removed: e.objs("removedLegs", "Leg", |mut l| l.req_str("deviceId"))?,
            };
            update.participants = ListDelta {
                replace: None,
                added: e.objs("addedParticipants", "Participant", participant)?,
                modified: e.objs("modifiedParticipants", "Participant", participant)?,
                removed: e.strs("removedParticipantIds")?,
            };
            if let Some(data) = data {
                call_data(&mut update, data)?;
            }
            devices(out, false, e.opt_list("deviceCapabilities")?)?;
            out.update(Update::Call(Box::new(update)));
        }
        "OnCallRemoved" => {
            let call = CallRef::new(e.req_str("callRef")?);
            let cause = e.opt_name("cause")?.as_deref().map(cause_of);
            devices(out, false, e.opt_list("deviceCapabilities")?)?;
            out.update(Update::CallRemoved { call, cause });
        }
        "OnTelephonyState" => match e.opt_obj("state", "TelephonicState")? {
            Some(state) => telephony_state(out, state)?,
            None => out.warn(Warning::IncompleteSnapshot {
                what: "OnTelephonyState without state",
            }),
        },
        "OnUserStateModified" => {
            let state = e.req_name("state")?;
            out.update(Update::Presence(presence(&state)));
        }
        "OnAgentStateChanged" => {
            let state = e.req_obj("state", "AgentState")?;
            d.next = agent_state(out, state, false)?;
        }
        "OnAgentSkillChanged" => {
            let skills = e.obj_or_default("skills", "AgentSkills")?;
            out.update(Update::Skills(self::skills(skills)?));
        }
        "OnSupervisorHelpRequested" => {
            let supervisor = e.opt_str("agentNumber")?;
            out.update(Update::HelpRequested { supervisor });
        }
        "OnSupervisorHelpCancelled" => {
            d.help_other = e.opt_str("agentNumber")?;
            out.update(Update::HelpCancelled);
        }
        "OnEventSummaryUpdated" => {
            let summary = e.obj_or_default("eventSummary", "EventSummary")?;
            out.update(Update::MissedCalls(records::missed_calls(summary)?));
        }
        "OnRoutingStateChanged" => {
            let state = e.obj_or_default("routingState", "RoutingState")?;
            out.update(Update::Routing(records::routing(state)?));
        }
        "OnComRecordCreated" => {
            let record = e.obj_or_default("record", "ComHistoryRecord")?;
            let entry = records::history_entry(record)?;
            out.update(Update::History(HistoryUpdate::Added(entry)));
        }
        "OnComRecordModified" | "OnComRecordsDeleted" | "OnComRecordsAck" | "OnComRecordsUnAck" => {
            d.next = Next::ReadHistory
        }
        // Keep-alives, device and hunting-group states: nothing on the desk.
        _ => {}
    }
    Ok(())
}

/// Replaces calls, device capabilities and presence with a telephony snapshot (the body of
/// `GET /telephony/state`, or `OnTelephonyState`).
pub(super) fn telephony_state(out: &mut Queue, mut state: Obj) -> Read<()> {
    let snapshot = state.objs("calls", "Call", |mut call| {
        let reference = call.req_str("callRef")?;
        let mut update = CallUpdate::new(CallRef::new(reference), UpdateKind::Created);
        if let Some(data) = call.opt_obj("callData", "CallData")? {
            call_data(&mut update, data)?;
        }
        update.legs.replace = Some(call.objs("legs", "Leg", leg)?);
        update.participants.replace =
            Some(call.objs("participants", "Participant", participant)?);
        Ok(update)
    })?;
    devices(out, true, Some(state.list("deviceCapabilities")?))?;
    let presence = state.opt_name("userState")?;
    out.update(Update::Presence(
        presence.as_deref().map(self::presence).unwrap_or_default(),
    ));
    out.update(Update::CallsSnapshot(snapshot));
    Ok(())
}

/// The agent state (the body of `GET /acd/agent/state`, or `OnAgentStateChanged`'s): its
/// report when the gateway knows it (else a warning), and the group to follow.
pub(super) fn agent_state(out: &mut Queue, mut state: Obj, always: bool) -> Read<Next> {
    let main = match state.req_name("mainState")?.as_str() {
        "LOG_ON" | "LOGGED_ON" => AgentMainState::LogOn,
        "LOG_OFF" | "LOGGED_OFF" => AgentMainState::LogOff,
        "ERROR" => AgentMainState::Error,
        _ => AgentMainState::Unknown,
    };
    let sub = state.opt_name("subState")?;
    let device = state.opt_str("proAcdDeviceNumber")?;
    let group = state.opt_str_aliased("pgNumber", "pgGroupNumber")?;
    let reason = state.opt_int::<i32>("withdrawReason")?;
    let withdrawn = state.opt_bool("withdrawn")?;
    match main {
        AgentMainState::LogOff => out.update(Update::Agent(AgentReport::LoggedOut)),
        AgentMainState::LogOn => {
            let activity = activity(out, sub.as_deref(), reason, withdrawn);
            out.update(Update::Agent(AgentReport::LoggedOn {
                device,
                group: group.clone(),
                activity,
            }));
        }
        // The gateway does not know either: keep what we know rather than guess.
        AgentMainState::Unknown | AgentMainState::Error => {
            let raw = format!("mainState {main:?}");
            out.warn(Warning::UnknownAgentState { raw });
        }
    }
    Ok(Next::FollowGroup {
        main,
        group,
        always,
    })
}

fn activity(
    out: &mut Queue,
    sub: Option<&str>,
    reason: Option<i32>,
    withdrawn: Option<bool>,
) -> ActivityReport {
    let reason = reason
        .and_then(|r| u32::try_from(r).ok())
        .map(|r| ReasonId::new(r.to_string()));
    let wrap_up = ActivityReport::WrapUp;
    match sub {
        Some("READY") => ActivityReport::Ready,
        Some("OUT_OF_PG") => ActivityReport::OutOfGroup,
        Some("BUSY") => ActivityReport::Busy,
        Some("TRANSACTION_CODE_INPUT") => wrap_up(WrapUpKind::TransactionCode),
        Some("WRAPUP") => wrap_up(WrapUpKind::Call),
        Some("WRAPUP_IM") => wrap_up(WrapUpKind::InstantMessage),
        Some("WRAPUP_EMAIL") => wrap_up(WrapUpKind::Email),
        Some("WRAPUP_EMAIL_INTERRUPTIBLE") => wrap_up(WrapUpKind::EmailInterruptible),
        Some("WRAPUP_OUTBOUND") => wrap_up(WrapUpKind::Outbound),
        Some("WRAPUP_CALLBACK") => wrap_up(WrapUpKind::Callback),
        Some("PAUSE") => ActivityReport::Paused,
        Some("WITHDRAW") => ActivityReport::Withdrawn(reason),
        // `withdrawn` flags an initial withdrawal (L13209) when no sub-state is given.
        None if withdrawn == Some(true) => ActivityReport::Withdrawn(reason),
        None => ActivityReport::Unknown(String::new()),
        Some(_) => {
            out.warn(Warning::UnknownAgentState {
                raw: "subState not in the spec".into(),
            });
            ActivityReport::Unknown("unrecognized".into())
        }
    }
}

/// The agent's skills (`AgentSkills`), those with a usable number.
pub(super) fn skills(mut skills: Obj) -> Read<Vec<Skill>> {
    let all = skills.objs("skills", "AgentSkill", |mut s| {
        let number = s.opt_int::<i32>("number")?;
        let level = s.opt_int::<i32>("level")?;
        let active = s.flag("active")?;
        Ok(number
            .and_then(|n| u32::try_from(n).ok())
            .map(|number| Skill {
                number,
                level: level.and_then(|l| u32::try_from(l).ok()).unwrap_or(0),
                active,
            }))
    })?;
    Ok(all.into_iter().flatten().collect())
}

/// Device capabilities by device; `None` means "unchanged" (L5502).
fn devices(out: &mut Queue, replace: bool, capabilities: Option<Vec<Json<'_>>>) -> Read<()> {
    let Some(capabilities) = capabilities else {
        return Ok(());
    };
    let devices = each(capabilities, "DeviceCapabilities", |mut c| {
        Ok(DeviceCapabilities {
            device: c.req_str("deviceId")?,
            make_call: c.flag("makeCall")?,
            make_business_call: c.flag("makeBusinessCall")?,
            make_private_call: c.flag("makePrivateCall")?,
            unpark: c.flag("unParkCall")?,
        })
    })?;
    out.update(Update::Devices { replace, devices });
    Ok(())
}

/// A present `callData` restates the call data; what it omits is "absent" except the ACD data
/// and attached data, which we keep (decisions.md, "Sticky ACD data").
fn call_data(update: &mut CallUpdate, mut data: Obj) -> Read<()> {
    update.call_state = data.opt_name("state")?.as_deref().map(call_state);
    update.call_capabilities = data
        .opt_obj("capabilities", "CallCapabilities")?
        .map(call_capabilities)
        .transpose()?;
    update.acd = data
        .opt_obj("acdCallData", "AcdCallData")?
        .map(acd)
        .transpose()?;
    // recordState is only present while recording (AMBIG-33): absent means off.
    update.recording = Some(match data.opt_name("recordState")?.as_deref() {
        None => Recording::Off,
        Some("PAUSED") => Recording::Paused,
        Some(_) => Recording::On,
    });
    update.associated_data = data.opt_str_aliased("associateData", "associatedData")?;
    update.called = data
        .opt_obj("initialCalled", "PartyInfo")?
        .map(party)
        .transpose()?
        .filter(|party| !party.is_unknown());
    Ok(())
}

/// `MediaState`; an unknown name is `UNKNOWN`.
fn call_state(state: &str) -> CallState {
    match state {
        "DIALING" | "OFF_HOOK" => CallState::Dialing,
        "RINGING_INCOMING" => CallState::RingingIn,
        "RINGING_OUTGOING" => CallState::RingingOut,
        "ACTIVE" => CallState::Active,
        "HELD" => CallState::Held,
        "RELEASING" | "IDLE" => CallState::Releasing,
        _ => CallState::Unknown,
    }
}

/// `CallCause`.
fn cause_of(cause: &str) -> Cause {
    match cause {
        "ABANDONED" => Cause::Abandoned,
        "BUSY" | "ALL_TRUNK_BUSY" | "CAMP_ON" => Cause::Busy,
        "DO_NOT_DISTURB" => Cause::DoNotDisturb,
        "CLEARED" => Cause::Cleared,
        "NOT_ANSWERED" => Cause::NotAnswered,
        "TRANSFERRED" => Cause::Transferred,
        "CONFERENCED" => Cause::Conferenced,
        "FORWARDED" | "REDIRECTED" | "PICKED_UP" | "PICKED_UP_TANDEM" | "OVERFLOWN" | "PARKED" => {
            Cause::Redirected
        }
        "PARTICIPANT_LEFT" => Cause::ParticipantLeft,
        "INVALID_NUMBER" | "DESTINATION_NOT_OBTAINABLE" => Cause::InvalidNumber,
        "DISTRIBUTED" | "ACD_ENTER_DISTRIBUTION" => Cause::Distributed,
        "SUPERVISOR_LISTENING" | "SUPERVISOR_INTRUSION" | "SUPERVISOR_RESTRICT_INTRUSION" => {
            Cause::Supervisor
        }
        _ => Cause::Other,
    }
}

fn leg(mut leg: Obj) -> Read<DeviceLeg> {
    Ok(DeviceLeg {
        device: leg.req_str("deviceId")?,
        state: leg
            .opt_name("state")?
            .as_deref()
            .map_or(CallState::Unknown, call_state),
        ringing_remote: leg.flag("ringingRemote")?,
        capabilities: leg
            .opt_obj("capabilities", "LegCapabilities")?
            .map(|mut c| {
                Ok(LegCapabilities {
                    answer: c.flag("answer")?,
                    drop: c.flag("drop")?,
                    hold: c.flag("hold")?,
                    retrieve: c.flag("retrieve")?,
                    reconnect: c.flag("reconnect")?,
                    mute: c.flag("mute")?,
                    unmute: c.flag("unMute")?,
                    send_dtmf: c.flag("sendDtmf")?,
                    switch_device: c.flag("switchDevice")?,
                })
            })
            .transpose()?,
    })
}

fn call_capabilities(mut c: Obj) -> Read<CallLevelCapabilities> {
    Ok(CallLevelCapabilities {
        transfer: c.flag("transfer")?,
        blind_transfer: c.flag("blindTransfer")?,
        merge: c.flag("merge")?,
        redirect: c.flag("redirect")?,
        redirect_to_voicemail: c.flag("redirectToVoiceMail")?,
        drop_me: c.flag("dropMe")?,
        terminate: c.flag("terminate")?,
        reject: c.flag("reject")?,
        park: c.flag("park")?,
        add_participant: c.flag("addParticipant")?,
        start_record: c.flag("startRecord")?,
        stop_record: c.flag("stopRecord")?,
        pause_record: c.flag("pauseRecord")?,
        resume_record: c.flag("resumeRecord")?,
    })
}

fn participant(mut p: Obj) -> Read<Participant> {
    Ok(Participant {
        id: p.req_str("participantId")?,
        party: p
            .opt_obj("identity", "PartyInfo")?
            .map(party)
            .transpose()?
            .unwrap_or_default(),
        state: p.opt_name("state")?.as_deref().map(call_state),
        anonymous: p.flag("anonymous")?,
    })
}

/// A `PartyInfo`: display name first; else first and last name; the company number as the
/// number.
pub(super) fn party(mut info: Obj) -> Read<Party> {
    let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let number = info
        .obj_or_default("id", "Identifier")?
        .opt_str("phoneNumber")?;
    let first = non_empty(info.opt_str("firstName")?);
    let last = non_empty(info.opt_str("lastName")?);
    let display = non_empty(info.opt_str("displayName")?);
    let full_name = match (first, last) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        (first, last) => first.or(last),
    };
    Ok(Party {
        name: display.or(full_name),
        number: non_empty(number),
    })
}

fn seconds(value: Option<i32>) -> Option<Duration> {
    value
        .and_then(|s| u64::try_from(s).ok())
        .map(Duration::from_secs)
}

fn acd(mut data: Obj) -> Read<AcdData> {
    let mut info = data.opt_obj("callInfo", "AcdCallInfo")?.unwrap_or_default();
    let mut queue = data.opt_obj("queueData", "QueueData")?.unwrap_or_default();
    let pilot = data.opt_str("pilotNumber")?;
    let rsi = data.opt_str("rsiNumber")?;
    let queue_waiting = info.opt_int("queueWaitingTime")?;
    Ok(AcdData {
        pilot: pilot.or(rsi),
        queue_waiting: seconds(queue_waiting.or(queue.opt_int("waitingTime")?)),
        global_waiting: seconds(info.opt_int("globalWaitingTime")?),
        agent_group: info.opt_str("agentGroup")?,
        queue_saturated: queue.opt_bool("saturated")?,
        supervised_transfer: data.opt_bool("supervisedTransfer")?,
        transfer_possible: match data.opt_obj("pilotTransferInfo", "PilotTransferInfo")? {
            Some(mut transfer) => transfer.opt_bool("transferPossible")?,
            None => None,
        },
    })
}

/// `UserState`.
fn presence(state: &str) -> UserPresence {
    match state {
        "FREE" => UserPresence::Free,
        "BUSY" => UserPresence::Busy,
        _ => UserPresence::Unknown,
    }
}
