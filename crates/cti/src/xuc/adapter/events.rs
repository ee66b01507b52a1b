//! XuC messages into neutral updates: the only place that maps XuC's agent states and phone
//! events onto the model.

use serde_json::{Map, Value};

use crate::machine::{CallUpdate, Update, UpdateKind, Warning};
use crate::model::{
    AcdData, ActivityReport, AgentProfile, AgentReport, CallRef, CallState, Cause, Desk, DeviceLeg,
    Participant, Party, ReasonId, Recording, Role, ScreenPop, WrapUpKind,
};
use crate::xuc::agent::{AgentState, AgentStateName, MonitorState};
use crate::xuc::auth::{ProfileName, RightProfile};
use crate::xuc::config::AgentConfig;
use crate::xuc::phone::{PhoneEvent, PhoneEventType};
use crate::xuc::sheet::Sheet;

use super::Queue;

/// The agent's state as a neutral report. A pause with a cause is a withdrawal for that
/// reason; without one, a plain pause.
pub(super) fn agent_report(out: &mut Queue, state: &AgentState) -> AgentReport {
    let on = |activity| AgentReport::LoggedOn {
        device: state.phone_nb.clone().filter(|nb| !nb.is_empty()),
        group: None,
        activity,
    };
    match &state.name {
        AgentStateName::AgentLoggedOut => AgentReport::LoggedOut,
        // `AgentLogin` is deprecated: agents now go from logged out straight to ready.
        AgentStateName::AgentLogin | AgentStateName::AgentReady => on(ActivityReport::Ready),
        AgentStateName::AgentOnPause => match state.cause.as_deref().filter(|c| !c.is_empty()) {
            Some(cause) => on(ActivityReport::Withdrawn(Some(ReasonId::new(cause)))),
            None => on(ActivityReport::Paused),
        },
        AgentStateName::AgentOnWrapup => on(ActivityReport::WrapUp(WrapUpKind::Call)),
        AgentStateName::AgentRinging
        | AgentStateName::AgentDialing
        | AgentStateName::AgentOnCall => on(ActivityReport::Busy),
        AgentStateName::Other(raw) => {
            out.warn(Warning::UnknownAgentState { raw: raw.clone() });
            on(ActivityReport::Unknown(raw.clone()))
        }
    }
}

/// The recording of the agent's active calls, from `AgentOnCall`'s `monitorState`.
pub(super) fn recording(out: &mut Queue, desk: &Desk, monitor: &MonitorState) {
    let recording = match monitor {
        MonitorState::Active => Recording::On,
        MonitorState::Paused => Recording::Paused,
        MonitorState::Disabled => Recording::Off,
        MonitorState::Other(_) => return,
    };
    for call in desk.calls().iter().filter(|call| call.is_active()) {
        if call.recording != recording {
            let mut update = CallUpdate::new(call.reference.clone(), UpdateKind::Modified);
            update.recording = Some(recording);
            out.update(Update::Call(Box::new(update)));
        }
    }
}

/// The call state of a phone event; `None` for a release or an unknown type.
fn call_state(event: &PhoneEvent) -> Option<CallState> {
    Some(match event.event_type {
        PhoneEventType::EventDialing => CallState::Dialing,
        PhoneEventType::EventRinging => CallState::RingingIn,
        PhoneEventType::EventEstablished => CallState::Active,
        PhoneEventType::EventOnHold => CallState::Held,
        PhoneEventType::EventReleased | PhoneEventType::Other(_) => return None,
    })
}

/// A phone event as a call update: the call is the user's channel (`uniqueId`), with one leg
/// (the user's line, `DN`) and the other party (`otherDN`, `otherDName`; an event that leaves
/// them empty keeps the known ones). `attached` is a screen pop waiting for the call.
pub(super) fn phone_event(
    out: &mut Queue,
    desk: &Desk,
    event: &PhoneEvent,
    attached: &mut Option<String>,
) {
    let reference = CallRef::new(event.unique_id.clone());
    if event.event_type == PhoneEventType::EventReleased {
        out.update(Update::CallRemoved {
            call: reference,
            cause: Some(Cause::Cleared),
        });
        return;
    }
    let Some(state) = call_state(event) else {
        out.warn(Warning::UndecodableEvent {
            message: format!(
                "PhoneEvent of an unknown eventType {}",
                event.event_type.as_str()
            ),
        });
        return;
    };
    let kind = if desk.call(&reference).is_some() {
        UpdateKind::Modified
    } else {
        UpdateKind::Created
    };
    let mut update = call_update(reference, kind, state, event);
    if kind == UpdateKind::Created {
        update.associated_data = attached.take();
    }
    out.update(Update::Call(Box::new(update)));
}

fn call_update(
    reference: CallRef,
    kind: UpdateKind,
    state: CallState,
    event: &PhoneEvent,
) -> CallUpdate {
    let mut update = CallUpdate::new(reference, kind);
    update.call_state = Some(state);
    update.legs.replace = Some(vec![DeviceLeg {
        device: event.dn.clone().unwrap_or_default(),
        state,
        ringing_remote: false,
        capabilities: None,
    }]);
    let other = Party {
        name: event.other_name().map(str::to_owned),
        number: event.other_number().map(str::to_owned),
    };
    if !other.is_unknown() {
        update.participants.replace = Some(vec![Participant {
            id: "other".to_owned(),
            party: other,
            state: None,
            anonymous: false,
        }]);
    } else if kind == UpdateKind::Created {
        update.participants.replace = Some(Vec::new());
    }
    update.acd = event.queue().map(|queue| AcdData {
        agent_group: Some(queue.to_owned()),
        ..AcdData::default()
    });
    update
}

/// `CurrentCallsPhoneEvents` as a snapshot of every call.
pub(super) fn snapshot(events: &[PhoneEvent]) -> Update {
    let mut calls: Vec<CallUpdate> = Vec::new();
    for event in events {
        // The last event of a call wins: a later release removes it.
        let reference = CallRef::new(event.unique_id.clone());
        calls.retain(|known| known.reference != reference);
        if let Some(state) = call_state(event) {
            calls.push(call_update(reference, UpdateKind::Created, state, event));
        }
    }
    Update::CallsSnapshot(calls)
}

/// A screen pop as the call's attached data: a JSON object of its fields by `order`, plus
/// the `channel`.
pub(super) fn sheet_data(sheet: &Sheet) -> String {
    let mut fields = Map::new();
    for field in sheet.fields() {
        fields.insert(field.name, Value::String(field.value));
    }
    if let Some(channel) = &sheet.channel {
        fields
            .entry("channel")
            .or_insert_with(|| Value::String(channel.clone()));
    }
    Value::Object(fields).to_string()
}

/// Attaches a screen pop to the call it is for: the newest ringing call, else the newest call;
/// with no call yet, it waits for the next one (`attached`).
/// Also the neutral screen pop, for the host page and the console's link.
pub(super) fn sheet(out: &mut Queue, desk: &Desk, sheet: &Sheet, attached: &mut Option<String>) {
    let data = sheet_data(sheet);
    let target = desk
        .calls()
        .iter()
        .rev()
        .find(|call| call.state == CallState::RingingIn)
        .or_else(|| desk.calls().last());
    let call = target.map(|call| call.reference.clone());
    match target {
        Some(call) => {
            let mut update = CallUpdate::new(call.reference.clone(), UpdateKind::Modified);
            update.associated_data = Some(data);
            out.update(Update::Call(Box::new(update)));
        }
        None => *attached = Some(data),
    }
    let fields = sheet
        .fields()
        .into_iter()
        .filter(|field| field.kind != "url")
        .map(|field| (field.name, field.value))
        .collect();
    out.update(Update::ScreenPop(ScreenPop::new(call, sheet.url(), fields)));
}

/// The agent's profile from its configuration and rights.
pub(super) fn profile(
    config: Option<&AgentConfig>,
    rights: Option<&RightProfile>,
    default_device: Option<&str>,
) -> AgentProfile {
    let role = match rights.map(|r| &r.profile) {
        Some(ProfileName::Supervisor | ProfileName::Admin) => Role::Supervisor,
        _ => Role::Agent,
    };
    AgentProfile {
        name: config.and_then(AgentConfig::full_name),
        default_device: default_device.map(str::to_owned),
        groups: config
            .map(|c| {
                c.member
                    .iter()
                    .map(|m| {
                        m.queue_name
                            .clone()
                            .unwrap_or_else(|| m.queue_id.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        preferred_group: None,
        role,
    }
}
