//! O2G's configuration, routing, history and directory bodies as neutral model values, read
//! by hand (see `json`) with the field names and lenient readings of the wire types in
//! `crate::o2g::{agent, routing, comlog, directory, event_summary}`.

use crate::machine::Update;
use crate::model::{
    AgentProfile, Contact, Direction, ForwardTarget, HistoryEntry, Reason, ReasonId, Role, Routing,
};
use crate::model::{Disposition, DispositionId, WrapUpPolicy};

use super::events::{party, skills};
use super::json::{Obj, Read};
use super::Queue;

/// `GET /acd/agent/config`: the skills, then the devices and groups.
pub(super) fn agent_config(out: &mut Queue, mut config: Obj) -> Read<()> {
    let role = match config.req_name("type")?.as_str() {
        "SUPERVISOR" => Role::Supervisor,
        _ => Role::Agent,
    };
    // `opt_non_empty`: a blank device is none.
    let default_device = config.opt_str("proacd")?.filter(|s| !s.trim().is_empty());
    let (groups, preferred_group) = match config.opt_obj("processingGroups", "ProcessingGroups")? {
        Some(mut groups) => {
            let preferred = groups.opt_str("preferred")?;
            (groups.strs("groups")?, preferred.filter(|g| !g.is_empty()))
        }
        None => (Vec::new(), None),
    };
    if let Some(skills) = config.opt_obj("skills", "AgentSkills")? {
        out.update(Update::Skills(self::skills(skills)?));
    }
    out.update(Update::Profile(AgentProfile {
        name: None,
        default_device,
        groups,
        preferred_group,
        role,
    }));
    Ok(())
}

/// `GET /acd/agent/withdrawReasons`: O2G's index is the reason's id.
pub(super) fn reasons(mut reasons: Obj) -> Read<Vec<Reason>> {
    reasons.objs("reasons", "WithdrawReason", |mut reason| {
        let id = reason.req_int::<i32>("index")?.to_string();
        Ok(Reason {
            label: reason.opt_str("label")?.unwrap_or_else(|| id.clone()),
            id: ReasonId::new(id),
        })
    })
}

/// `GET /acd/agent/transactionCodes` (agentdesk's extension): the group's codes as
/// dispositions, and its wrap-up time.
pub(super) fn transaction_codes(mut body: Obj) -> Read<WrapUpPolicy> {
    let dispositions = body.objs("transactionCodes", "TransactionCode", |mut code| {
        let id = code.req_str("code")?;
        Ok(Disposition {
            label: code.opt_str("label")?.unwrap_or_else(|| id.clone()),
            id: DispositionId::new(id),
        })
    })?;
    let duration = body
        .opt_int::<i32>("wrapUpTime")?
        .and_then(|seconds| u64::try_from(seconds).ok())
        .map(core::time::Duration::from_secs);
    Ok(WrapUpPolicy {
        dispositions,
        duration,
    })
}

/// `GET /routing/state` or `OnRoutingStateChanged`: DND, and the first destination of the
/// first forward route that has one.
pub(super) fn routing(mut state: Obj) -> Read<Routing> {
    let routes = state.objs("forwardRoutes", "ForwardRoute", |mut route| {
        route.objs("destinations", "Destination", |mut d| d.opt_str("number"))
    })?;
    let forward = routes
        .into_iter()
        .find(|destinations| !destinations.is_empty())
        .and_then(|destinations| destinations.into_iter().next())
        .map(|number| match number {
            Some(number) => ForwardTarget::Number(number),
            None => ForwardTarget::Voicemail,
        });
    let dnd = match state.opt_obj("dndState", "DndState")? {
        Some(mut dnd) => dnd.bool_or_false("activate")?,
        None => false,
    };
    Ok(Routing { dnd, forward })
}

/// `ComHistoryRecords`: every record as an entry.
pub(super) fn history(mut records: Obj) -> Read<Vec<HistoryEntry>> {
    records.objs("comHistoryRecords", "ComHistoryRecord", history_entry)
}

/// A comlog record from the user's side: the owner is the participant with a role; the other
/// party is another one.
pub(super) fn history_entry(mut record: Obj) -> Read<HistoryEntry> {
    struct Side {
        role: Option<String>,
        answered: Option<bool>,
        party: crate::model::Party,
    }
    let record_id = record.opt_int::<i64>("recordId")?;
    let com_ref = record.str_or_empty_aliased("comRef", "comref")?;
    let began = record.opt_str("beginDate")?;
    let mut participants = record.objs("participants", "ComParticipant", |mut p| {
        Ok(Side {
            role: p.opt_name("role")?,
            answered: p.opt_bool("answered")?,
            party: party(p.obj_or_default("identity", "PartyInfo")?)?,
        })
    })?;
    // agentdesk's gateway writes the after-call work in the record's tag/value extensions
    // (L8199, "for evolution of this element").
    let mut disposition = None;
    let mut notes = None;
    for (name, value) in record.objs("extensions", "TagValuePair", |mut pair| {
        Ok((pair.str_or_empty("name")?, pair.str_or_empty("value")?))
    })? {
        let value = Some(value).filter(|v| !v.is_empty());
        match name.as_str() {
            EXTENSION_TRANSACTION_CODE => disposition = value,
            EXTENSION_NOTES => notes = value,
            _ => {}
        }
    }
    let owner = participants.iter().find(|p| p.role.is_some());
    let incoming = owner.is_some_and(|p| p.role.as_deref() == Some("CALLEE"));
    // Only an explicit `false` is a call not answered (older records omit the flag).
    let answered = owner.is_none_or(|p| p.answered != Some(false));
    let id = record_id.map_or(com_ref, |id| id.to_string());
    // The first participant stands in when every one has a role (a call to oneself).
    let other = participants
        .iter()
        .position(|p| p.role.is_none())
        .or((!participants.is_empty()).then_some(0));
    let party = other
        .map(|index| participants.swap_remove(index).party)
        .unwrap_or_default();
    Ok(HistoryEntry {
        id,
        party,
        direction: if incoming {
            Direction::Incoming
        } else {
            Direction::Outgoing
        },
        answered,
        began,
        disposition,
        notes,
    })
}

/// The extension naming the record's transaction code (agentdesk's gateway).
pub(crate) const EXTENSION_TRANSACTION_CODE: &str = "transactionCode";
/// The extension holding the agent's after-call notes (agentdesk's gateway).
pub(crate) const EXTENSION_NOTES: &str = "notes";

/// `EventSummary`: the missed calls (0 when not given).
pub(super) fn missed_calls(mut summary: Obj) -> Read<u32> {
    Ok(summary.opt_int::<u32>("missedCallsNb")?.unwrap_or(0))
}

/// `SearchResult`: the contacts found, and whether the search is over (`FINISH`, `TIMEOUT`
/// or a code not in the spec; `OK` and `NOK` mean "more may come").
pub(super) fn search_result(mut result: Obj) -> Read<(Vec<Contact>, bool)> {
    let finished = result
        .opt_name("resultCode")?
        .is_some_and(|code| code != "OK" && code != "NOK");
    let elements = result.objs("resultElements", "ResultElement", |mut element| {
        element.objs("contacts", "Contact", contact)
    })?;
    Ok((elements.into_iter().flatten().collect(), finished))
}

/// A directory contact.
fn contact(mut contact: Obj) -> Read<Contact> {
    let number = match contact.opt_obj("id", "Identifier")? {
        Some(mut id) => id.opt_str("phoneNumber")?,
        None => None,
    };
    let name = [contact.opt_str("firstName")?, contact.opt_str("lastName")?]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Contact { name, number })
}

/// The profile of a user the gateway says is no contact-centre agent.
pub(super) fn plain_user() -> AgentProfile {
    AgentProfile {
        role: Role::User,
        ..AgentProfile::default()
    }
}

/// `User`: the name to show, first and last (`None` when the account has neither).
pub(super) fn user_name(mut user: Obj) -> Read<Option<String>> {
    let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let first = non_empty(user.opt_str("firstName")?);
    let last = non_empty(user.opt_str("lastName")?);
    Ok(match (first, last) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        (first, last) => first.or(last),
    })
}
