//! What each user sees of the world, in O2G wire types: the views the O2G front diffs into
//! events (`diff.rs`) and answers reads with (`reads.rs`).

use std::collections::BTreeMap;

use cti::o2g::agent::{AgentMainState, AgentState, AgentSubState};
use cti::o2g::event_summary::EventSummary;
use cti::o2g::telephony::{
    AcdCallData, AcdCallInfo, Call, CallCapabilities, CallCause, CallData, DeviceCapabilities,
    Identifier, Leg, LegCapabilities, MainType, MediaState, Participant, ParticipantType,
    PartyInfo, QueueData, RecordState, TelephonicState, UserState,
};

use crate::world::{
    Activity, AgentSim, Cause, Centre, Endpoint, LegState, Party, Recording, SimCall, Supervision,
};

/// Everything a user can observe, to diff.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct UserView {
    pub(super) calls: BTreeMap<String, Call>,
    pub(super) busy: bool,
    pub(super) agent: Option<AgentState>,
    pub(super) summary: EventSummary,
}

fn on(flag: bool) -> Option<bool> {
    flag.then_some(true)
}

/// The O2G media state of a leg.
pub(super) fn media_state(state: LegState) -> MediaState {
    match state {
        LegState::Calling => MediaState::RingingOutgoing,
        LegState::Ringing => MediaState::RingingIncoming,
        LegState::Active => MediaState::Active,
        LegState::Held => MediaState::Held,
        LegState::Releasing => MediaState::Releasing,
    }
}

/// The O2G cause of a step.
pub(super) fn call_cause(cause: Cause) -> CallCause {
    match cause {
        Cause::Cleared => CallCause::Cleared,
        Cause::ParticipantLeft => CallCause::ParticipantLeft,
        Cause::Transferred => CallCause::Transferred,
        Cause::Conferenced => CallCause::Conferenced,
        Cause::DoNotDisturb => CallCause::DoNotDisturb,
        Cause::Forwarded => CallCause::Forwarded,
        Cause::Redirected => CallCause::Redirected,
        Cause::Distributed => CallCause::Distributed,
        Cause::Abandoned => CallCause::Abandoned,
        Cause::NotAnswered => CallCause::NotAnswered,
        Cause::SupervisorIntrusion => CallCause::SupervisorIntrusion,
        Cause::SupervisorRestrictIntrusion => CallCause::SupervisorRestrictIntrusion,
        Cause::SupervisorListening => CallCause::SupervisorListening,
    }
}

fn record_state(recording: Recording) -> RecordState {
    match recording {
        Recording::On => RecordState::Recording,
        Recording::Paused => RecordState::Paused,
    }
}

/// Every user's and bot's view.
pub(super) fn world_view(world: &Centre<'_>) -> BTreeMap<String, UserView> {
    world
        .logins()
        .map(|login| (login.clone(), user_view(world, login)))
        .collect()
}

fn user_view(world: &Centre<'_>, login: &str) -> UserView {
    let calls: BTreeMap<String, Call> = world
        .calls()
        .filter_map(|call| call_view(world, login, call).map(|v| (call.reference.clone(), v)))
        .collect();
    UserView {
        busy: !calls.is_empty(),
        calls,
        agent: world.agent(login).map(agent_state_of),
        summary: super::reads::event_summary(world, login),
    }
}

/// The O2G `AgentState` of an agent.
pub(super) fn agent_state_of(agent: &AgentSim) -> AgentState {
    match &agent.logged {
        None => AgentState {
            main_state: AgentMainState::LogOff,
            sub_state: None,
            pro_acd_device_number: None,
            pg_number: None,
            withdraw_reason: None,
            withdrawn: None,
        },
        Some(logged) => {
            let (sub_state, withdraw_reason) = match logged.activity {
                Activity::Ready => (AgentSubState::Ready, None),
                Activity::Pause => (AgentSubState::Pause, None),
                Activity::Withdraw(reason) => (AgentSubState::Withdraw, Some(reason)),
                Activity::WrapUp { .. } => (AgentSubState::Wrapup, None),
                Activity::Busy => (AgentSubState::Busy, None),
                Activity::OutOfGroup => (AgentSubState::OutOfPg, None),
            };
            AgentState {
                main_state: AgentMainState::LogOn,
                sub_state: Some(sub_state),
                pro_acd_device_number: Some(logged.device.clone()),
                pg_number: logged.group.clone(),
                withdraw_reason,
                withdrawn: None,
            }
        }
    }
}

/// The `TelephonicState` of a user.
pub(super) fn telephonic_state(world: &Centre<'_>, login: &str) -> TelephonicState {
    let view = user_view(world, login);
    TelephonicState {
        calls: view.calls.into_values().collect(),
        device_capabilities: device_capabilities(world, login),
        user_state: Some(if view.busy {
            UserState::Busy
        } else {
            UserState::Free
        }),
    }
}

pub(super) fn device_capabilities(world: &Centre<'_>, login: &str) -> Vec<DeviceCapabilities> {
    world
        .devices_of(login)
        .into_iter()
        .map(|device_id| DeviceCapabilities {
            device_id,
            make_call: Some(true),
            make_business_call: Some(false),
            make_private_call: Some(false),
            un_park_call: Some(false),
        })
        .collect()
}

/// The call as `login` sees it, if `login` is a party.
pub(super) fn call_view(world: &Centre<'_>, login: &str, call: &SimCall) -> Option<Call> {
    let mine: Vec<&Party> = call
        .parties
        .iter()
        .filter(|p| p.endpoint.login() == Some(login))
        .collect();
    let first = mine.first()?;
    let conference = call.real_parties() >= 3;
    let legs = mine
        .iter()
        .map(|party| Leg {
            device_id: party.endpoint.number().to_owned(),
            state: Some(media_state(party.state)),
            ringing_remote: on(party.state == LegState::Calling),
            capabilities: Some(leg_capabilities(world, login, call, party)),
        })
        .collect();
    let participants = call
        .parties
        .iter()
        .filter(|p| p.endpoint.login() != Some(login))
        .filter(|p| !p.supervising || sees_supervisor(world, login, p))
        .map(|party| Participant {
            participant_id: party.id.clone(),
            identity: Some(party_info(world, &party.endpoint)),
            anonymous: Some(false),
            undroppable: None,
            state: conference.then_some(media_state(party.state)),
        })
        .collect();
    let call_data = CallData {
        // A pilot dialled is named as the PBX names it: the caller context says "Sales line".
        initial_called: Some(PartyInfo {
            id: Identifier {
                phone_number: Some(call.initial_called.clone()),
                ..Identifier::default()
            },
            display_name: world
                .scenario()
                .pilots
                .iter()
                .find(|pilot| pilot.number == call.initial_called)
                .map(|pilot| pilot.name.clone()),
            ..PartyInfo::default()
        }),
        device_call: Some(false),
        anonymous: Some(false),
        call_uuid: Some(format!("sim-{}", call.reference)),
        state: Some(media_state(first.state)),
        record_state: call.record.map(record_state),
        capabilities: Some(call_capabilities(world, login, call, first)),
        acd_call_data: call.acd.as_ref().map(|acd| {
            let waited = acd.distributed_at.map(|at| {
                i32::try_from(at.saturating_sub(acd.queued_at) / 1000).unwrap_or(i32::MAX)
            });
            AcdCallData {
                call_info: Some(AcdCallInfo {
                    queue_waiting_time: waited,
                    global_waiting_time: waited,
                    agent_group: Some(acd.group.clone()),
                    local: Some(true),
                }),
                queue_data: Some(QueueData {
                    waiting_time: waited,
                    saturated: Some(false),
                }),
                pilot_number: Some(acd.pilot.clone()),
                rsi_number: None,
                supervised_transfer: Some(false),
                pilot_transfer_info: None,
            }
        }),
        ..CallData::default()
    };
    Some(Call {
        call_ref: call.reference.clone(),
        call_data: Some(call_data),
        legs,
        participants,
    })
}

/// A supervisor in a call shows only to the agent it supervises, and not when it listens
/// discreetly; the customer never sees it.
fn sees_supervisor(world: &Centre<'_>, login: &str, supervisor: &Party) -> bool {
    let Some(viewer) = world.agent(login) else {
        return false;
    };
    supervisor
        .endpoint
        .login()
        .and_then(|s| world.agent(s))
        .and_then(|s| s.supervising.as_ref())
        .is_some_and(|(agent, mode)| *agent == viewer.number && *mode != Supervision::Discrete)
}

pub(super) fn party_info(world: &Centre<'_>, endpoint: &Endpoint) -> PartyInfo {
    match endpoint {
        Endpoint::Device { login, number } => {
            let (phone, first, last) = world
                .person(login)
                .unwrap_or_else(|| (number.clone(), String::new(), String::new()));
            PartyInfo {
                id: Identifier {
                    login_name: Some(login.clone()),
                    phone_number: Some(phone),
                    ..Identifier::default()
                },
                display_name: Some(format!("{first} {last}").trim().to_owned()),
                first_name: Some(first),
                last_name: Some(last),
                party_type: Some(ParticipantType {
                    main: MainType::User,
                    sub_type: None,
                }),
            }
        }
        // The PBX names a caller it finds in its directory (here: the scenario's customers),
        // as OXE does from its external directory; anyone else is their number.
        Endpoint::External { number } => PartyInfo {
            id: Identifier {
                phone_number: Some(number.clone()),
                ..Identifier::default()
            },
            display_name: Some(
                world
                    .scenario()
                    .customers
                    .iter()
                    .find(|customer| customer.number == *number)
                    .map_or_else(|| number.clone(), |customer| customer.name.clone()),
            ),
            first_name: None,
            last_name: None,
            party_type: Some(ParticipantType {
                main: MainType::External,
                sub_type: Some("public".to_owned()),
            }),
        },
    }
}

/// The states of `login`'s legs in its other calls.
fn other_states(world: &Centre<'_>, login: &str, call: &SimCall) -> Vec<LegState> {
    world
        .calls()
        .filter(|other| other.reference != call.reference)
        .flat_map(|other| other.parties.iter())
        .filter(|p| p.endpoint.login() == Some(login))
        .map(|p| p.state)
        .collect()
}

fn leg_capabilities(
    world: &Centre<'_>,
    login: &str,
    call: &SimCall,
    party: &Party,
) -> LegCapabilities {
    let others = other_states(world, login, call);
    // A failed enquiry too: reconnect ends it and takes the held call back.
    let other_live = others.iter().any(|s| {
        matches!(
            s,
            LegState::Active | LegState::Calling | LegState::Releasing
        )
    });
    let state = party.state;
    LegCapabilities {
        answer: on(state == LegState::Ringing),
        drop: Some(true),
        hold: on(state == LegState::Active && !party.supervising),
        retrieve: on(state == LegState::Held),
        reconnect: on(state == LegState::Held && other_live),
        mute: on(state == LegState::Active),
        un_mute: on(state == LegState::Active),
        send_dtmf: on(state == LegState::Active),
        switch_device: Some(false),
    }
}

fn call_capabilities(
    world: &Centre<'_>,
    login: &str,
    call: &SimCall,
    party: &Party,
) -> CallCapabilities {
    let others = other_states(world, login, call);
    let other_held = others.contains(&LegState::Held);
    let other_active = others.contains(&LegState::Active);
    let state = party.state;
    let talking = state == LegState::Active && !party.supervising;
    let two_calls = match state {
        LegState::Active | LegState::Calling => other_held,
        LegState::Held => other_active,
        _ => false,
    };
    let connected = matches!(state, LegState::Active | LegState::Held);
    CallCapabilities {
        transfer: on(two_calls && !party.supervising),
        merge: on(two_calls && state != LegState::Calling && !party.supervising),
        blind_transfer: on(connected && !party.supervising),
        redirect: on(state == LegState::Ringing),
        redirect_to_voice_mail: on(state == LegState::Ringing),
        drop_me: Some(true),
        terminate: on(!party.supervising),
        reject: on(state == LegState::Ringing),
        start_record: on(talking && call.record.is_none()),
        stop_record: on(talking && call.record.is_some()),
        pause_record: on(talking && call.record == Some(Recording::On)),
        resume_record: on(talking && call.record == Some(Recording::Paused)),
        ..CallCapabilities::default()
    }
}
