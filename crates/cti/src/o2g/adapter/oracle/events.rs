//! The former serde path (kept as the differential tests' oracle): O2G events and snapshots,
//! decoded into the wire types, then into neutral updates.

use core::time::Duration;

use crate::machine::{CallUpdate, ListDelta, Update, UpdateKind, Warning};
use crate::model::{
    AcdData, ActivityReport, AgentReport, CallLevelCapabilities, CallRef, CallState, Cause,
    DeviceCapabilities, DeviceLeg, LegCapabilities, Participant, Party, ReasonId, Recording, Skill,
    UserPresence, WrapUpKind,
};
use crate::o2g::agent::{AgentMainState, AgentSkills, AgentState, AgentSubState};
use crate::o2g::event::Event;
use crate::o2g::telephony::{
    self as tel, CallCause, MediaState, RecordState, TelephonicState, UserState,
};

use super::super::Queue;

/// Applies one O2G event about the user. Events that carry no agent or call state (comlog,
/// routing, keep-alives, unknown names) are the caller's to handle.
pub(super) fn call_or_agent_event(out: &mut Queue, event: Event) {
    match event {
        Event::OnCallCreated(e) => {
            devices(out, false, e.device_capabilities);
            let mut update = CallUpdate::new(CallRef::new(e.call_ref), UpdateKind::Created);
            update.cause = e.cause.map(cause);
            if let Some(data) = e.call_data {
                apply_call_data(&mut update, data);
            }
            update.legs.replace = Some(e.legs.into_iter().map(leg).collect());
            update.participants.replace =
                Some(e.participants.into_iter().map(participant).collect());
            out.update(Update::Call(Box::new(update)));
        }
        Event::OnCallModified(e) => {
            devices(out, false, e.device_capabilities);
            let mut update = CallUpdate::new(CallRef::new(e.call_ref), UpdateKind::Modified);
            update.previous = e.previous_call_ref.map(CallRef::new);
            update.replaced_by = e.replaced_by_call_ref.map(CallRef::new);
            update.cause = e.cause.map(cause);
            if let Some(data) = e.call_data {
                apply_call_data(&mut update, data);
            }
            update.legs = ListDelta {
                replace: None,
                added: e.added_legs.into_iter().map(leg).collect(),
                modified: e.modified_legs.into_iter().map(leg).collect(),
                removed: e
                    .removed_legs
                    .into_iter()
                    .map(|leg| leg.device_id)
                    .collect(),
            };
            update.participants = ListDelta {
                replace: None,
                added: e.added_participants.into_iter().map(participant).collect(),
                modified: e
                    .modified_participants
                    .into_iter()
                    .map(participant)
                    .collect(),
                removed: e.removed_participant_ids,
            };
            out.update(Update::Call(Box::new(update)));
        }
        Event::OnCallRemoved(e) => {
            devices(out, false, e.device_capabilities);
            out.update(Update::CallRemoved {
                call: CallRef::new(e.call_ref),
                cause: e.cause.map(cause),
            });
        }
        Event::OnTelephonyState(e) => match e.state {
            Some(state) => telephony_state(out, state),
            None => out.warn(Warning::IncompleteSnapshot {
                what: "OnTelephonyState without state",
            }),
        },
        Event::OnUserStateModified(e) => out.update(Update::Presence(presence(e.state))),
        Event::OnAgentStateChanged(e) => agent_state(out, e.state),
        Event::OnAgentSkillChanged(e) => out.update(Update::Skills(skills(e.skills))),
        Event::OnSupervisorHelpRequested(e) => out.update(Update::HelpRequested {
            supervisor: e.agent_number,
        }),
        Event::OnSupervisorHelpCancelled(_) => out.update(Update::HelpCancelled),
        _ => {}
    }
}

/// Replaces calls, device capabilities and presence with a telephony snapshot (the body of
/// `GET /telephony/state`, or `OnTelephonyState`).
pub(super) fn telephony_state(out: &mut Queue, state: TelephonicState) {
    let snapshot = state
        .calls
        .into_iter()
        .map(|call| {
            let mut update = CallUpdate::new(CallRef::new(call.call_ref), UpdateKind::Created);
            if let Some(data) = call.call_data {
                apply_call_data(&mut update, data);
            }
            update.legs.replace = Some(call.legs.into_iter().map(leg).collect());
            update.participants.replace =
                Some(call.participants.into_iter().map(participant).collect());
            update
        })
        .collect();
    devices(out, true, Some(state.device_capabilities));
    out.update(Update::Presence(
        state.user_state.map(presence).unwrap_or_default(),
    ));
    out.update(Update::CallsSnapshot(snapshot));
}

/// The agent state as a neutral report (the body of `GET /acd/agent/state`, or
/// `OnAgentStateChanged`); `None` when the gateway does not know either (a warning says so).
pub(super) fn agent_report(out: &mut Queue, state: AgentState) -> Option<AgentReport> {
    match state.main_state {
        AgentMainState::LogOff => Some(AgentReport::LoggedOut),
        AgentMainState::LogOn => Some(AgentReport::LoggedOn {
            device: state.pro_acd_device_number,
            group: state.pg_number,
            activity: activity(out, state.sub_state, state.withdraw_reason, state.withdrawn),
        }),
        // The gateway does not know either: keep what we know rather than guess.
        AgentMainState::Unknown | AgentMainState::Error => {
            let raw = format!("mainState {:?}", state.main_state);
            out.warn(Warning::UnknownAgentState { raw });
            None
        }
    }
}

fn agent_state(out: &mut Queue, state: AgentState) {
    if let Some(report) = agent_report(out, state) {
        out.update(Update::Agent(report));
    }
}

fn activity(
    out: &mut Queue,
    sub: Option<AgentSubState>,
    reason: Option<i32>,
    withdrawn: Option<bool>,
) -> ActivityReport {
    let reason = reason
        .and_then(|r| u32::try_from(r).ok())
        .map(|r| ReasonId::new(r.to_string()));
    match sub {
        Some(AgentSubState::Ready) => ActivityReport::Ready,
        Some(AgentSubState::OutOfPg) => ActivityReport::OutOfGroup,
        Some(AgentSubState::Busy) => ActivityReport::Busy,
        Some(AgentSubState::TransactionCodeInput) => {
            ActivityReport::WrapUp(WrapUpKind::TransactionCode)
        }
        Some(AgentSubState::Wrapup) => ActivityReport::WrapUp(WrapUpKind::Call),
        Some(AgentSubState::WrapupIm) => ActivityReport::WrapUp(WrapUpKind::InstantMessage),
        Some(AgentSubState::WrapupEmail) => ActivityReport::WrapUp(WrapUpKind::Email),
        Some(AgentSubState::WrapupEmailInterruptible) => {
            ActivityReport::WrapUp(WrapUpKind::EmailInterruptible)
        }
        Some(AgentSubState::WrapupOutbound) => ActivityReport::WrapUp(WrapUpKind::Outbound),
        Some(AgentSubState::WrapupCallback) => ActivityReport::WrapUp(WrapUpKind::Callback),
        Some(AgentSubState::Pause) => ActivityReport::Paused,
        Some(AgentSubState::Withdraw) => ActivityReport::Withdrawn(reason),
        // `withdrawn` flags an initial withdrawal (L13209) when no sub-state is given.
        None if withdrawn == Some(true) => ActivityReport::Withdrawn(reason),
        None => ActivityReport::Unknown(String::new()),
        Some(AgentSubState::Unrecognized) => {
            out.warn(Warning::UnknownAgentState {
                raw: "subState not in the spec".into(),
            });
            ActivityReport::Unknown("unrecognized".into())
        }
    }
}

/// The agent's skills, those with a usable number.
pub(super) fn skills(skills: AgentSkills) -> Vec<Skill> {
    skills
        .skills
        .into_iter()
        .filter_map(|s| {
            Some(Skill {
                number: u32::try_from(s.number?).ok()?,
                level: s.level.and_then(|l| u32::try_from(l).ok()).unwrap_or(0),
                active: s.active.unwrap_or(false),
            })
        })
        .collect()
}

/// Device capabilities by device; `None` means "unchanged" (L5502).
fn devices(out: &mut Queue, replace: bool, capabilities: Option<Vec<tel::DeviceCapabilities>>) {
    let Some(capabilities) = capabilities else {
        return;
    };
    let devices = capabilities
        .into_iter()
        .map(|c| DeviceCapabilities {
            device: c.device_id,
            make_call: c.make_call.unwrap_or(false),
            make_business_call: c.make_business_call.unwrap_or(false),
            make_private_call: c.make_private_call.unwrap_or(false),
            unpark: c.un_park_call.unwrap_or(false),
        })
        .collect();
    out.update(Update::Devices { replace, devices });
}

/// A present `callData` restates the call data; what it omits is "absent" except the ACD data
/// and attached data, which we keep (decisions.md, "Sticky ACD data").
fn apply_call_data(update: &mut CallUpdate, data: tel::CallData) {
    update.call_state = data.state.map(call_state);
    update.call_capabilities = data.capabilities.map(call_capabilities);
    update.acd = data.acd_call_data.map(acd);
    // recordState is only present while recording (AMBIG-33): absent means off.
    update.recording = Some(match data.record_state {
        None => Recording::Off,
        Some(RecordState::Paused) => Recording::Paused,
        Some(RecordState::Recording | RecordState::Unrecognized) => Recording::On,
    });
    update.associated_data = data.associate_data;
    update.called = data
        .initial_called
        .map(party)
        .filter(|party| !party.is_unknown());
}

fn call_state(state: MediaState) -> CallState {
    match state {
        MediaState::Dialing | MediaState::OffHook => CallState::Dialing,
        MediaState::RingingIncoming => CallState::RingingIn,
        MediaState::RingingOutgoing => CallState::RingingOut,
        MediaState::Active => CallState::Active,
        MediaState::Held => CallState::Held,
        MediaState::Releasing | MediaState::Idle => CallState::Releasing,
        MediaState::Unknown => CallState::Unknown,
    }
}

fn cause(cause: CallCause) -> Cause {
    match cause {
        CallCause::Abandoned => Cause::Abandoned,
        CallCause::Busy | CallCause::AllTrunkBusy | CallCause::CampOn => Cause::Busy,
        CallCause::DoNotDisturb => Cause::DoNotDisturb,
        CallCause::Cleared => Cause::Cleared,
        CallCause::NotAnswered => Cause::NotAnswered,
        CallCause::Transferred => Cause::Transferred,
        CallCause::Conferenced => Cause::Conferenced,
        CallCause::Forwarded
        | CallCause::Redirected
        | CallCause::PickedUp
        | CallCause::PickedUpTandem
        | CallCause::Overflown
        | CallCause::Parked => Cause::Redirected,
        CallCause::ParticipantLeft => Cause::ParticipantLeft,
        CallCause::InvalidNumber | CallCause::DestinationNotObtainable => Cause::InvalidNumber,
        CallCause::Distributed | CallCause::AcdEnterDistribution => Cause::Distributed,
        CallCause::SupervisorListening
        | CallCause::SupervisorIntrusion
        | CallCause::SupervisorRestrictIntrusion => Cause::Supervisor,
        _ => Cause::Other,
    }
}

fn leg(leg: tel::Leg) -> DeviceLeg {
    DeviceLeg {
        device: leg.device_id,
        state: leg.state.map(call_state).unwrap_or(CallState::Unknown),
        ringing_remote: leg.ringing_remote.unwrap_or(false),
        capabilities: leg.capabilities.map(|c| LegCapabilities {
            answer: c.answer.unwrap_or(false),
            drop: c.drop.unwrap_or(false),
            hold: c.hold.unwrap_or(false),
            retrieve: c.retrieve.unwrap_or(false),
            reconnect: c.reconnect.unwrap_or(false),
            mute: c.mute.unwrap_or(false),
            unmute: c.un_mute.unwrap_or(false),
            send_dtmf: c.send_dtmf.unwrap_or(false),
            switch_device: c.switch_device.unwrap_or(false),
        }),
    }
}

fn call_capabilities(c: tel::CallCapabilities) -> CallLevelCapabilities {
    CallLevelCapabilities {
        transfer: c.transfer.unwrap_or(false),
        blind_transfer: c.blind_transfer.unwrap_or(false),
        merge: c.merge.unwrap_or(false),
        redirect: c.redirect.unwrap_or(false),
        redirect_to_voicemail: c.redirect_to_voice_mail.unwrap_or(false),
        drop_me: c.drop_me.unwrap_or(false),
        terminate: c.terminate.unwrap_or(false),
        reject: c.reject.unwrap_or(false),
        park: c.park.unwrap_or(false),
        add_participant: c.add_participant.unwrap_or(false),
        start_record: c.start_record.unwrap_or(false),
        stop_record: c.stop_record.unwrap_or(false),
        pause_record: c.pause_record.unwrap_or(false),
        resume_record: c.resume_record.unwrap_or(false),
    }
}

fn participant(p: tel::Participant) -> Participant {
    let party = p.identity.map(party).unwrap_or_default();
    Participant {
        id: p.participant_id,
        party,
        state: p.state.map(call_state),
        anonymous: p.anonymous.unwrap_or(false),
    }
}

/// Display name first; else first and last name; the company number as the number.
pub(super) fn party(info: tel::PartyInfo) -> Party {
    let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let full_name = match (non_empty(info.first_name), non_empty(info.last_name)) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        (first, last) => first.or(last),
    };
    Party {
        name: non_empty(info.display_name).or(full_name),
        number: non_empty(info.id.phone_number),
    }
}

fn seconds(value: Option<i32>) -> Option<Duration> {
    value
        .and_then(|s| u64::try_from(s).ok())
        .map(Duration::from_secs)
}

fn acd(data: tel::AcdCallData) -> AcdData {
    let info = data.call_info.unwrap_or_default();
    let queue = data.queue_data.unwrap_or_default();
    AcdData {
        pilot: data.pilot_number.or(data.rsi_number),
        queue_waiting: seconds(info.queue_waiting_time.or(queue.waiting_time)),
        global_waiting: seconds(info.global_waiting_time),
        agent_group: info.agent_group,
        queue_saturated: queue.saturated,
        supervised_transfer: data.supervised_transfer,
        transfer_possible: data.pilot_transfer_info.and_then(|t| t.transfer_possible),
    }
}

fn presence(state: UserState) -> UserPresence {
    match state {
        UserState::Free => UserPresence::Free,
        UserState::Busy => UserPresence::Busy,
        UserState::Unknown => UserPresence::Unknown,
    }
}
