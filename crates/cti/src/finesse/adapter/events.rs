//! Connector events as neutral updates: the only place that maps the connector's state and
//! dialog names onto the model.

use crate::machine::{CallUpdate, Update, UpdateKind};
use crate::model::{
    ActivityReport, AgentProfile, AgentReport, CallRef, CallState, Cause, Desk, DeviceLeg,
    Participant, Party, Reason, ReasonId, Role, WrapUpKind,
};

use crate::finesse::event::{AgentInfo, AgentState, AgentStateEvent, DialogState, ReasonCodes};

/// The agent's state as a neutral report: LOGOUT is logged out; READY ready; NOT_READY with a
/// reason code withdrawn for it, without one (`-1`, empty) paused; reserved, talking and
/// hold busy; WORK and WORK_READY wrap-up; anything else unknown by its name.
pub(super) fn agent_report(state: &AgentStateEvent) -> AgentReport {
    let activity = match &state.state {
        AgentState::Logout => return AgentReport::LoggedOut,
        AgentState::Ready => ActivityReport::Ready,
        AgentState::NotReady => match state.reason_code.code() {
            Some(code) => ActivityReport::Withdrawn(Some(ReasonId::new(code))),
            None => ActivityReport::Paused,
        },
        AgentState::Reserved
        | AgentState::ReservedOutbound
        | AgentState::ReservedOutboundPreview
        | AgentState::Talking
        | AgentState::Hold => ActivityReport::Busy,
        AgentState::Work | AgentState::WorkReady => ActivityReport::WrapUp(WrapUpKind::Call),
        other => ActivityReport::Unknown(other.as_str().to_owned()),
    };
    let extension = state.extension.trim();
    AgentReport::LoggedOn {
        device: (!extension.is_empty()).then(|| extension.to_owned()),
        group: None,
        activity,
    }
}

/// The agent's profile: the full name (else first and last), the configured extension, the
/// supervisor's teams (else the agent's team) as groups.
pub(super) fn profile(info: &AgentInfo, extension: Option<&str>) -> AgentProfile {
    let name = Some(info.full_name.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .or_else(|| {
            let joined = format!("{} {}", info.first_name.trim(), info.last_name.trim());
            let joined = joined.trim();
            (!joined.is_empty()).then(|| joined.to_owned())
        });
    let team = Some(info.team_id.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let groups = match &info.teams {
        Some(teams) => teams.teams.iter().map(|t| t.id.clone()).collect(),
        None => team.iter().cloned().collect(),
    };
    AgentProfile {
        name,
        default_device: extension.map(str::to_owned),
        groups,
        preferred_group: team,
        role: if info.is_supervisor {
            Role::Supervisor
        } else {
            Role::Agent
        },
    }
}

/// A reason-code list as reasons (id = the code, label = the connector's label).
pub(super) fn reasons(codes: &ReasonCodes) -> Vec<Reason> {
    codes
        .pairs()
        .into_iter()
        .filter(|(code, _)| !code.trim().is_empty())
        .map(|(code, label)| Reason {
            id: ReasonId::new(code.trim()),
            label: label.trim().to_owned(),
        })
        .collect()
}

/// Which way a dialog goes, for its ringing state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    In,
    Out,
}

/// A dialog's state in the model.
pub(super) fn call_state(state: &DialogState, way: Way) -> CallState {
    match state {
        DialogState::Initiating | DialogState::Initiated => CallState::Dialing,
        DialogState::Alerting => match way {
            Way::In => CallState::RingingIn,
            Way::Out => CallState::RingingOut,
        },
        DialogState::Active | DialogState::Accepted => CallState::Active,
        DialogState::Held => CallState::Held,
        DialogState::Failed | DialogState::Dropped => CallState::Releasing,
        DialogState::Other(_) => CallState::Unknown,
    }
}

/// Why a dialog ended.
pub(super) fn end_cause(state: &DialogState) -> Cause {
    match state {
        DialogState::Failed => Cause::Other,
        _ => Cause::Cleared,
    }
}

/// An update of one dialog: created when the desk does not know it, else modified; our
/// extension's leg in `state`, and the other party when named.
pub(super) fn dialog_update(
    desk: &Desk,
    dialog_id: &str,
    state: CallState,
    address: &str,
    extension: Option<&str>,
) -> CallUpdate {
    let reference = CallRef::new(dialog_id);
    let known = desk.call(&reference).is_some();
    let kind = if known {
        UpdateKind::Modified
    } else {
        UpdateKind::Created
    };
    let mut update = CallUpdate::new(reference, kind);
    update.call_state = Some(state);
    if let Some(device) = extension.filter(|e| !e.is_empty()) {
        let leg = DeviceLeg {
            device: device.to_owned(),
            state,
            ringing_remote: state == CallState::RingingOut,
            capabilities: None,
        };
        if known {
            update.legs.modified = vec![leg];
        } else {
            update.legs.replace = Some(vec![leg]);
        }
    }
    let address = address.trim();
    if !address.is_empty() {
        let participant = Participant {
            id: address.to_owned(),
            party: Party {
                name: None,
                number: Some(address.to_owned()),
            },
            state: None,
            anonymous: false,
        };
        if known {
            update.participants.modified = vec![participant];
        } else {
            update.participants.replace = Some(vec![participant]);
        }
    } else if !known {
        update.participants.replace = Some(Vec::new());
    }
    update
}

/// The removal of a dialog the desk knows; `None` for one it does not (a dropped preview
/// offer, a repeated drop).
pub(super) fn dialog_removed(desk: &Desk, dialog_id: &str, state: &DialogState) -> Option<Update> {
    let reference = CallRef::new(dialog_id);
    desk.call(&reference).map(|_| Update::CallRemoved {
        call: reference,
        cause: Some(end_cause(state)),
    })
}
