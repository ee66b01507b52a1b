//! The O2G answers to reads, computed from the world as it is: calls, devices, agent
//! configuration and state, event summary, communication log, routing, directory.

use cti::o2g::agent::{
    AgentConfig, AgentSkill, AgentSkills, AgentType, ProcessingGroups, TransactionCode,
    TransactionCodes, WithdrawReason, WithdrawReasons,
};
use cti::o2g::comlog::{
    ComHistoryRecord, ComHistoryRecords, ComParticipant, MediaType, Reason, Role, TagValuePair,
};
use cti::o2g::directory::{Attribute, Contact, Criterion, Operand, Operation};
use cti::o2g::event_summary::EventSummary;
use cti::o2g::routing::{
    Destination, DestinationType, DndState, ForwardRoute, ForwardType, PresentationRoute,
    RoutingCapabilities, RoutingState,
};
use cti::o2g::telephony::{
    DeviceState, DeviceStates, Identifier, Legs, OperationalState, Participants,
};

use super::request::{ComlogFilter, SimReply, SimRequest};
use super::view::{agent_state_of, call_view, party_info, telephonic_state};
use crate::clock::{iso8601, Millis};
use crate::world::{
    AgentSim, Centre, EndReason, Forward, ForwardTo, ForwardWhen, HistoryEntry, HistoryFilter,
    Side, Skill, WorldError,
};

/// The agent behind `login`, or NOT_ALLOWED.
pub(super) fn agent<'a>(world: &Centre<'a>, login: &str) -> Result<&'a AgentSim, WorldError> {
    world
        .agent(login)
        .ok_or_else(|| WorldError::NotAllowed(format!("{login} is not an ACD agent")))
}

/// The answer to a read request of `login`; `epoch` is the Unix time (ms) of the world's
/// time 0, to write dates.
pub(super) fn read(
    world: &Centre<'_>,
    epoch: u64,
    login: &str,
    request: SimRequest,
) -> Result<SimReply, WorldError> {
    let find_call = |call: &str| {
        world
            .call(call)
            .and_then(|c| call_view(world, login, c))
            .ok_or_else(|| WorldError::NotFound(format!("No call {call}")))
    };
    Ok(match request {
        SimRequest::GetCalls => SimReply::Calls(cti::o2g::telephony::Calls {
            calls: telephonic_state(world, login).calls,
        }),
        SimRequest::GetCall { call } => SimReply::Call(Box::new(find_call(&call)?)),
        SimRequest::GetParticipants { call } => SimReply::Participants(Participants {
            participants: find_call(&call)?.participants,
        }),
        SimRequest::GetParticipant { call, participant } => SimReply::Participant(
            find_call(&call)?
                .participants
                .into_iter()
                .find(|p| p.participant_id == participant)
                .ok_or_else(|| WorldError::NotFound(format!("No participant {participant}")))?,
        ),
        SimRequest::GetLegs { call } => SimReply::Legs(Legs {
            legs: find_call(&call)?.legs,
        }),
        SimRequest::GetLeg { call, leg } => SimReply::Leg(
            find_call(&call)?
                .legs
                .into_iter()
                .find(|l| l.device_id == leg)
                .ok_or_else(|| WorldError::NotFound(format!("No leg {leg}")))?,
        ),
        SimRequest::GetDevices => SimReply::DeviceStates(DeviceStates {
            device_states: world
                .devices_of(login)
                .into_iter()
                .map(|device_id| DeviceState {
                    device_id,
                    state: OperationalState::InService,
                    cause: None,
                })
                .collect(),
        }),
        SimRequest::GetDevice { device } => {
            if !world.devices_of(login).contains(&device) {
                return Err(WorldError::NotFound(format!("No device {device}")));
            }
            SimReply::DeviceState(DeviceState {
                device_id: device,
                state: OperationalState::InService,
                cause: None,
            })
        }
        SimRequest::GetTelephonyState => SimReply::TelephonicState(telephonic_state(world, login)),
        SimRequest::AgentConfig => SimReply::AgentConfig(agent_config(world, login)?),
        SimRequest::TransactionCodes(group) => {
            SimReply::TransactionCodes(transaction_codes(world, group.as_deref())?)
        }
        SimRequest::WithdrawReasons(group) => {
            SimReply::WithdrawReasons(withdraw_reasons(world, group.as_deref())?)
        }
        SimRequest::AgentState => SimReply::AgentState(agent_state_of(agent(world, login)?)),
        SimRequest::EventSummary => SimReply::EventSummary(event_summary(world, login)),
        SimRequest::ComRecords(filter) => {
            let all = world.history(login, &history_filter(&filter, epoch));
            let total = all.len();
            let page: Vec<ComHistoryRecord> = all
                .into_iter()
                .skip(filter.offset)
                .take(if filter.limit == 0 {
                    usize::MAX
                } else {
                    filter.limit
                })
                .map(|entry| com_record(world, epoch, entry))
                .collect();
            SimReply::ComRecords(ComHistoryRecords {
                com_history_records: page,
                offset: i32::try_from(filter.offset).ok(),
                limit: i32::try_from(filter.limit).ok(),
                total_count: i32::try_from(total).ok(),
            })
        }
        SimRequest::ComRecord(id) => SimReply::ComRecord(Box::new(
            world
                .services(login)
                .and_then(|s| s.history.iter().find(|r| r.id == id))
                .map(|entry| com_record(world, epoch, entry))
                .ok_or_else(|| WorldError::NotFound(format!("No record {id}")))?,
        )),
        SimRequest::RoutingCapabilities => SimReply::RoutingCapabilities(RoutingCapabilities {
            presentation_route: Some(false),
            forward_route: Some(true),
            overflow_route: Some(false),
            dnd: Some(true),
        }),
        SimRequest::RoutingState => SimReply::RoutingState(routing_state(world, login)),
        SimRequest::GetDnd => SimReply::Dnd(DndState {
            activate: world.services(login).is_some_and(|s| s.dnd),
        }),
        SimRequest::GetForward => SimReply::Forward(
            world
                .services(login)
                .and_then(|s| s.forward.as_ref())
                .map(forward_route)
                .unwrap_or_default(),
        ),
        _ => return Err(WorldError::NotExpected("Not a read request".into())),
    })
}

fn agent_config(world: &Centre<'_>, login: &str) -> Result<AgentConfig, WorldError> {
    let agent = agent(world, login)?;
    Ok(AgentConfig {
        agent_type: if agent.supervisor {
            AgentType::Supervisor
        } else {
            AgentType::Agent
        },
        proacd: agent.pro_acd.clone(),
        processing_groups: Some(ProcessingGroups {
            preferred: agent.groups.first().cloned(),
            groups: agent.groups.clone(),
        }),
        skills: Some(agent_skills(&agent.skills)),
        self_assign: Some(true),
        headset: Some(false),
        help: Some(agent.supervisor),
        multiline: Some(false),
    })
}

/// Skills as O2G lists them.
pub(super) fn agent_skills(skills: &[Skill]) -> AgentSkills {
    AgentSkills {
        skills: skills
            .iter()
            .map(|skill| AgentSkill {
                number: Some(skill.number),
                level: Some(skill.level),
                active: Some(skill.active),
            })
            .collect(),
    }
}

/// The mandatory `pgNumber` of a group's read.
fn pg_number(group: Option<&str>) -> Result<&str, WorldError> {
    group
        .filter(|g| !g.trim().is_empty())
        .ok_or_else(|| WorldError::BadParameter("pgNumber is mandatory".into()))
}

/// The transaction codes of a processing group, from the scenario (agentdesk extension).
fn transaction_codes(
    world: &Centre<'_>,
    group: Option<&str>,
) -> Result<TransactionCodes, WorldError> {
    let group = pg_number(group)?;
    let definition = world
        .scenario()
        .processing_groups
        .iter()
        .find(|g| g.number == group)
        .ok_or_else(|| WorldError::NotFound(format!("No processing group {group}")))?;
    Ok(TransactionCodes {
        pg_number: Some(group.to_owned()),
        wrap_up_time: i32::try_from(definition.wrap_up_ms / 1000).ok(),
        transaction_codes: definition
            .transaction_codes
            .iter()
            .map(|code| TransactionCode {
                code: code.code.clone(),
                label: Some(code.label.clone()),
            })
            .collect(),
    })
}

fn withdraw_reasons(
    world: &Centre<'_>,
    group: Option<&str>,
) -> Result<WithdrawReasons, WorldError> {
    let group = pg_number(group)?;
    let labels = world
        .withdraw_reasons(group)
        .ok_or_else(|| WorldError::NotFound(format!("No processing group {group}")))?;
    let reasons: Vec<WithdrawReason> = labels
        .iter()
        .zip(1..)
        .map(|(label, index)| WithdrawReason {
            index,
            label: Some(label.clone()),
        })
        .collect();
    Ok(WithdrawReasons {
        number: i32::try_from(reasons.len()).unwrap_or(9),
        reasons,
    })
}

/// agentdesk's after-call work in a record's tag/value extensions (L8199).
fn after_call_extensions(entry: &HistoryEntry) -> Vec<TagValuePair> {
    [
        ("transactionCode", &entry.transaction_code),
        ("notes", &entry.notes),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        value.as_ref().map(|value| TagValuePair {
            name: name.to_owned(),
            value: value.clone(),
        })
    })
    .collect()
}

/// Counters of a user: missed calls are its unanswered, unacknowledged incoming records.
pub(super) fn event_summary(world: &Centre<'_>, login: &str) -> EventSummary {
    let services = world.services(login);
    let missed = services.map_or(0, |s| s.missed_calls());
    let voice = services.map_or(0, |s| s.voice_messages);
    let missed = u32::try_from(missed).unwrap_or(u32::MAX);
    EventSummary {
        missed_calls_nb: Some(missed),
        voice_messages_nb: Some(voice),
        call_back_requests_nb: Some(0),
        fax_nb: Some(0),
        new_text_nb: Some(0),
        old_text_nb: Some(0),
        event_waiting: Some(missed > 0 || voice > 0),
    }
}

/// Everyone of the world, as directory contacts.
pub(super) fn directory(world: &Centre<'_>) -> Vec<Contact> {
    let people = world
        .people()
        .into_iter()
        .map(|(login, number, first, last)| Contact {
            id: Some(Identifier {
                login_name: Some(login),
                phone_number: Some(number),
                ..Identifier::default()
            }),
            first_name: Some(first),
            last_name: Some(last),
        });
    // The PBX's directory names its pilots too (a queue to transfer a caller to): a name and
    // a number, no login.
    let pilots = world.scenario().pilots.iter().map(|pilot| Contact {
        id: Some(Identifier {
            phone_number: Some(pilot.number.clone()),
            ..Identifier::default()
        }),
        first_name: None,
        last_name: Some(pilot.name.clone()),
    });
    people.chain(pilots).collect()
}

pub(super) fn routing_state(world: &Centre<'_>, login: &str) -> RoutingState {
    let services = world.services(login);
    let office = world.person(login).map(|p| p.0);
    RoutingState {
        presentation_routes: vec![PresentationRoute {
            destinations: vec![Destination {
                destination_type: DestinationType::Office,
                device_id: office.clone(),
                number: office.clone(),
                selected: Some(true),
            }],
        }],
        forward_routes: services
            .and_then(|s| s.forward.as_ref())
            .map(forward_route)
            .into_iter()
            .collect(),
        overflow_routes: Vec::new(),
        dnd_state: Some(DndState {
            activate: services.is_some_and(|s| s.dnd),
        }),
        current_device_id: office,
    }
}

/// The world's history filter of an O2G comlog filter (paging is the front's); `epoch` (Unix
/// ms of the world's time 0) turns its dates into world time.
pub(super) fn history_filter(filter: &ComlogFilter, epoch: u64) -> HistoryFilter {
    // A date before the world began is its time 0 (`beforeDate` then selects nothing).
    let world_time = |unix_ms: u64| unix_ms.saturating_sub(epoch);
    HistoryFilter {
        ids: filter.record_ids.clone(),
        unanswered: filter.unanswered,
        unacknowledged: filter.unacknowledged,
        after: filter.after.map(world_time),
        before: filter.before.map(world_time),
        side: filter.role.and_then(|role| match role {
            Role::Caller => Some(Side::Caller),
            Role::Callee => Some(Side::Callee),
            Role::Unknown => None,
        }),
        remote: filter.remote_party.clone(),
    }
}

/// A history entry as an O2G communication record (L8184-8248), its dates in UTC from the
/// world's time `epoch` (Unix ms).
pub(super) fn com_record(world: &Centre<'_>, epoch: u64, entry: &HistoryEntry) -> ComHistoryRecord {
    let date = |at: Millis| iso8601(epoch.saturating_add(at));
    let owner = ComParticipant {
        role: Some(match entry.side {
            Side::Caller => Role::Caller,
            Side::Callee => Role::Callee,
        }),
        answered: Some(entry.answered),
        identity: party_info(world, &entry.endpoint),
        anonymous: Some(false),
        initial_called: None,
        reason: Some(reason(entry.reason)),
        leg: Some(entry.endpoint.number().to_owned()),
    };
    let others = entry.others.iter().map(|endpoint| ComParticipant {
        role: None,
        answered: None,
        identity: party_info(world, endpoint),
        anonymous: Some(false),
        initial_called: None,
        reason: None,
        leg: None,
    });
    ComHistoryRecord {
        record_id: Some(entry.id),
        com_ref: entry.call.clone(),
        acknowledged: Some(entry.acknowledged),
        participants: std::iter::once(owner).chain(others).collect(),
        begin_date: Some(date(entry.began)),
        end_date: Some(date(entry.ended)),
        conv_date: entry.answered_at.map(date),
        hold_duration: None,
        transferred_by: None,
        associated_data: None,
        medias: vec![MediaType::Audio],
        extensions: after_call_extensions(entry),
    }
}

fn reason(reason: EndReason) -> Reason {
    match reason {
        EndReason::Normal => Reason::Normal,
        EndReason::Busy => Reason::Busy,
        EndReason::Voicemail => Reason::Voicemail,
        EndReason::Transferred => Reason::Transferred,
        EndReason::Conferenced => Reason::Conferenced,
        EndReason::Redirected => Reason::Redirected,
        EndReason::Abandoned => Reason::Abandoned,
        EndReason::NotAnswered => Reason::Unknown,
    }
}

/// A forward as O2G shows it.
pub(super) fn forward_route(forward: &Forward) -> ForwardRoute {
    let forward_type = match forward.when {
        ForwardWhen::Always => None,
        ForwardWhen::Busy => Some(ForwardType::Busy),
        ForwardWhen::NoAnswer => Some(ForwardType::NoAnswer),
        ForwardWhen::BusyOrNoAnswer => Some(ForwardType::BusyNoAnswer),
        ForwardWhen::Other => Some(ForwardType::Unrecognized),
    };
    let destination = match &forward.to {
        ForwardTo::Voicemail => Destination::voicemail(),
        ForwardTo::Number(number) => Destination {
            destination_type: DestinationType::Number,
            device_id: None,
            number: Some(number.clone()),
            selected: None,
        },
    };
    ForwardRoute {
        forward_type,
        destinations: vec![destination],
    }
}

/// Whether a directory contact matches a criterion (L6716-6739).
pub(super) fn matches(criterion: &Criterion, contact: &Contact) -> bool {
    match (&criterion.operation, &criterion.operand) {
        (Operation::And, Operand::Criteria(all)) => all.iter().all(|c| matches(c, contact)),
        (Operation::Or, Operand::Criteria(any)) => any.iter().any(|c| matches(c, contact)),
        (operation, Operand::Text(text)) => {
            let id = contact.id.as_ref();
            let value = match criterion.field {
                Some(Attribute::LastName) => contact.last_name.as_deref(),
                Some(Attribute::FirstName) => contact.first_name.as_deref(),
                Some(Attribute::PhoneNumber) => id.and_then(|i| i.phone_number.as_deref()),
                Some(Attribute::LoginName) => id.and_then(|i| i.login_name.as_deref()),
                _ => None,
            };
            let (Some(value), text) = (value.map(str::to_lowercase), text.to_lowercase()) else {
                return false;
            };
            match operation {
                Operation::EqualIgnoreCase => value == text,
                Operation::BeginWith => value.starts_with(&text),
                Operation::Contain => value.contains(&text),
                Operation::EndWith => value.ends_with(&text),
                _ => false,
            }
        }
        _ => false,
    }
}
