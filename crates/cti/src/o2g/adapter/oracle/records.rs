//! The former serde path (the differential tests' oracle): O2G bodies as neutral model values.

use crate::model::{
    AgentProfile, Contact, Direction, ForwardTarget, HistoryEntry, Reason, ReasonId, Role, Routing,
};
use crate::o2g::agent::{AgentConfig, AgentType, WithdrawReasons};
use crate::o2g::comlog::{ComHistoryRecord, Role as ComRole};
use crate::o2g::directory;
use crate::o2g::routing::RoutingState;

use super::events::party;

/// `GET /acd/agent/config`: the devices and groups (skills travel apart).
pub(super) fn profile(config: &AgentConfig) -> AgentProfile {
    let groups = config.processing_groups.clone().unwrap_or_default();
    AgentProfile {
        name: None,
        default_device: config.proacd.clone(),
        groups: groups.groups,
        preferred_group: groups.preferred.filter(|g| !g.is_empty()),
        role: match config.agent_type {
            AgentType::Supervisor => Role::Supervisor,
            AgentType::Agent | AgentType::Unrecognized => Role::Agent,
        },
    }
}

/// `GET /acd/agent/withdrawReasons`: O2G's index is the reason's id.
pub(super) fn reasons(reasons: WithdrawReasons) -> Vec<Reason> {
    reasons
        .reasons
        .into_iter()
        .map(|reason| {
            let id = reason.index.to_string();
            Reason {
                label: reason.label.unwrap_or_else(|| id.clone()),
                id: ReasonId::new(id),
            }
        })
        .collect()
}

/// `GET /routing/state` or `OnRoutingStateChanged`.
pub(super) fn routing(state: &RoutingState) -> Routing {
    let forward = state
        .forward()
        .and_then(|route| route.destinations.first())
        .map(|destination| match &destination.number {
            Some(number) => ForwardTarget::Number(number.clone()),
            None => ForwardTarget::Voicemail,
        });
    Routing {
        dnd: state.dnd(),
        forward,
    }
}

/// A comlog record from the user's side: the owner is the participant with a role; the other
/// party is another one.
pub(super) fn history_entry(record: ComHistoryRecord) -> HistoryEntry {
    let owner = record.participants.iter().find(|p| p.role.is_some());
    let incoming = owner.is_some_and(|p| p.role == Some(ComRole::Callee));
    // Only an explicit `false` is a call not answered (older records omit the flag).
    let answered = owner.is_none_or(|p| p.answered != Some(false));
    let id = record
        .record_id
        .map(|id| id.to_string())
        .unwrap_or_else(|| record.com_ref.clone());
    // The first participant stands in when every one has a role (a call to oneself).
    let other = record
        .participants
        .iter()
        .position(|p| p.role.is_none())
        .or((!record.participants.is_empty()).then_some(0));
    let extension = |name: &str| {
        record
            .extensions
            .iter()
            .rev()
            .find(|pair| pair.name == name)
            .map(|pair| pair.value.clone())
            .filter(|value| !value.is_empty())
    };
    let disposition = extension(super::super::records::EXTENSION_TRANSACTION_CODE);
    let notes = extension(super::super::records::EXTENSION_NOTES);
    let party = other
        .and_then(|index| record.participants.into_iter().nth(index))
        .map(|p| party(p.identity))
        .unwrap_or_default();
    HistoryEntry {
        id,
        party,
        direction: if incoming {
            Direction::Incoming
        } else {
            Direction::Outgoing
        },
        answered,
        began: record.begin_date,
        disposition,
        notes,
    }
}

/// A directory contact.
pub(super) fn contact(contact: directory::Contact) -> Contact {
    let name = [contact.first_name.as_deref(), contact.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Contact {
        name,
        number: contact.id.and_then(|id| id.phone_number),
    }
}
