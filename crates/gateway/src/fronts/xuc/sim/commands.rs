//! XuC commands on the world: each becomes neutral [`Command`]s of the user, or is answered
//! from the world's state; what the requester is answered directly comes back as messages
//! (the changes themselves reach everyone through [`XucFront`]'s diff).

use cti::xuc::agent::{AgentDirectory, AgentError, AgentErrorKind, AgentSummary, DirectoryEntry};
use cti::xuc::callback::CallbackStarted;
use cti::xuc::command::{CallTarget, CallbackRef, Command as Xuc};
use cti::xuc::config::{AgentConfig, AgentGroup, QueueMembership};
use cti::xuc::message::{ServerMessage, UnknownMessage};
use cti::xuc::phone::CurrentCallsPhoneEvents;
use cti::xuc::wire::{Id, OneOrMany};
use serde_json::json;

use super::callbacks;
use super::defaults;
use super::presented::Presentation;
use super::view::{self, Ids};
use super::XucFront;
use crate::clock::Millis;
use crate::world::{
    Acted, AgentSim, Centre, Command, Front, LegState, RecordingAction, World, WorldError,
};
use crate::world::{Part, Step};

/// The answer to a ping: any frame with a `msgType` resets the client's count.
pub fn pong() -> ServerMessage {
    ServerMessage::Unknown(UnknownMessage {
        msg_type: "pong".to_owned(),
        cti_message: Some(json!({})),
    })
}

/// An `AgentError` saying `message` (the protocol's error for a command it refuses).
pub fn agent_error(message: impl Into<String>) -> ServerMessage {
    ServerMessage::AgentError(AgentError {
        error: AgentErrorKind::Other(message.into()),
        phone_nb: None,
        requested_nb: None,
    })
}

fn refused(error: WorldError) -> ServerMessage {
    agent_error(error.to_string())
}

/// Handles one XuC command of `login` at `now` on `world`; answers what the requester is told
/// directly. Never fails: a refusal is an `AgentError`.
pub fn handle<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    command: Xuc,
) -> Vec<ServerMessage> {
    world.advance(now);
    match run(world, now, login, command) {
        Ok(messages) => messages,
        Err(error) => vec![refused(error)],
    }
}

fn run<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    command: Xuc,
) -> Result<Vec<ServerMessage>, WorldError> {
    let act =
        |world: &mut World<W>, command: Command| world.act(now, login, command).map(|_| Vec::new());
    match command {
        Xuc::Ping => Ok(vec![pong()]),
        Xuc::AgentLogin {
            phone_number,
            agent_id,
        } => agent_login(world, now, login, &phone_number, agent_id),
        Xuc::AgentLogout(_) => act(world, Command::LogOff),
        Xuc::PauseAgent { reason, .. } => {
            let reason = reason.filter(|r| !r.is_empty());
            let command = match reason {
                None => Command::Pause,
                Some(reason) => {
                    Command::Withdraw(Some(reason_number(&world.centre(), login, &reason)?))
                }
            };
            act(world, command)
        }
        Xuc::UnpauseAgent(_) => act(world, Command::Ready),
        Xuc::ListenAgent(target) => {
            let command = listen(world, login, target.agent_id())?;
            act(world, command)
        }
        Xuc::MonitorPause(target) => {
            monitor(world, now, login, target.agent_id(), RecordingAction::Pause)
        }
        Xuc::MonitorUnpause(target) => monitor(
            world,
            now,
            login,
            target.agent_id(),
            RecordingAction::Resume,
        ),
        Xuc::SetAgentQueue {
            agent_id,
            queue_id,
            penalty,
        } => {
            let penalty = u32::try_from(penalty)
                .map_err(|_| WorldError::BadParameter(format!("penalty {penalty} is negative")))?;
            act(world, membership(world, agent_id, queue_id, Some(penalty))?)
        }
        Xuc::RemoveAgentFromQueue { agent_id, queue_id } => {
            act(world, membership(world, agent_id, queue_id, None)?)
        }
        Xuc::GetList { object_type } => Ok(vec![list(world, login, &object_type)?]),
        Xuc::GetConfig { object_type } if object_type == "agent" => {
            let centre = world.centre();
            Ok(agent_config(&centre, world.front().part().ids(), login)
                .into_iter()
                .collect())
        }
        Xuc::GetConfig { object_type } => Err(WorldError::BadParameter(format!(
            "no configuration of {object_type:?}"
        ))),
        Xuc::GetAgentDirectory => Ok(vec![directory(world)]),
        Xuc::SubscribeToAgentStats => Ok(world
            .front_mut()
            .part_mut()
            .subscribe_to_stats(login, now)
            .into_iter()
            .collect()),
        Xuc::GetCallbackLists => {
            let lists = callbacks::lists(&world.centre(), world.front().part().ids());
            Ok(vec![ServerMessage::CallbackLists(OneOrMany::Many(lists))])
        }
        Xuc::GetCallbackPreferredPeriods => {
            let periods = callbacks::periods(&world.centre());
            Ok(vec![ServerMessage::Unknown(UnknownMessage {
                // The name XuC's official client listens for (its `callback.js`).
                msg_type: "PreferredCallbackPeriodList".to_owned(),
                cti_message: Some(json!(periods)),
            })])
        }
        Xuc::TakeCallback(CallbackRef { uuid }) => act(world, Command::TakeCallback(uuid)),
        Xuc::ReleaseCallback(CallbackRef { uuid }) => act(world, Command::ReleaseCallback(uuid)),
        Xuc::StartCallback { uuid, number } => {
            let command = Command::StartCallback {
                uuid: uuid.clone(),
                number,
            };
            match world.act(now, login, command)? {
                Acted::CallbackStarted { ticket, .. } => {
                    Ok(vec![ServerMessage::CallbackStarted(CallbackStarted {
                        request_uuid: uuid,
                        ticket_uuid: ticket,
                    })])
                }
                _ => Ok(Vec::new()),
            }
        }
        Xuc::UpdateCallbackTicket {
            uuid,
            status,
            due_date,
            period_uuid,
            ..
        } => {
            if status.closes() {
                return act(world, Command::CloseCallback(uuid));
            }
            let period = match period_uuid {
                Some(id) => {
                    Some(callbacks::period_name(&world.centre(), &id).ok_or_else(|| {
                        WorldError::BadParameter(format!("no preferred period {id}"))
                    })?)
                }
                None => None,
            };
            act(
                world,
                Command::RescheduleCallback {
                    ticket: uuid,
                    due_date,
                    period,
                },
            )
        }
        Xuc::GetCurrentCallsPhoneEvents => Ok(vec![ServerMessage::CurrentCallsPhoneEvents(
            CurrentCallsPhoneEvents {
                events: world.front().part().calls_of(login),
            },
        )]),
        Xuc::Dial { destination, .. } => {
            let device = line_device(&world.centre(), login)?;
            act(
                world,
                Command::MakeCall {
                    device,
                    callee: destination,
                },
            )
        }
        Xuc::AttendedTransfer { destination, .. } => {
            let (_, device) = leg(&world.centre(), login, None, &[LegState::Active])?;
            act(
                world,
                Command::MakeCall {
                    device,
                    callee: destination,
                },
            )
        }
        Xuc::Answer(target) => match target.unique_id {
            Some(call) => {
                let (call, device) =
                    leg(&world.centre(), login, Some(&call), &[LegState::Ringing])?;
                act(world, Command::Answer { call, device })
            }
            None => act(world, Command::AnswerRinging { device: None }),
        },
        Xuc::Hangup(CallTarget { unique_id }) => match unique_id {
            Some(call) => {
                let (call, _) = leg(&world.centre(), login, Some(&call), &[])?;
                act(world, Command::DropMe { call })
            }
            None => act(world, Command::DropCurrent),
        },
        Xuc::Hold(CallTarget { unique_id }) => {
            let centre = world.centre();
            let states = [LegState::Active, LegState::Held];
            let (call, device) = leg(&centre, login, unique_id.as_deref(), &states)?;
            let held = centre
                .call(&call)
                .and_then(|c| c.party_on(&device).map(|i| c.parties[i].state))
                == Some(LegState::Held);
            act(
                world,
                if held {
                    Command::Retrieve { call, device }
                } else {
                    Command::Hold { call, device }
                },
            )
        }
        Xuc::CompleteTransfer => {
            let (active, held) = active_and_held(&world.centre(), login)?;
            act(world, Command::Transfer { active, held })
        }
        Xuc::Conference => {
            let (active, held) = active_and_held(&world.centre(), login)?;
            act(world, Command::Merge { active, held })
        }
        Xuc::CancelTransfer => {
            let centre = world.centre();
            let (enquiry, device) =
                leg(&centre, login, None, &[LegState::Active, LegState::Calling])?;
            let (held, _) = leg(&centre, login, None, &[LegState::Held])?;
            act(
                world,
                Command::Reconnect {
                    held,
                    device,
                    enquiry,
                },
            )
        }
        Xuc::DirectTransfer { destination } => {
            let (call, _) = leg(&world.centre(), login, None, &[LegState::Active])?;
            act(
                world,
                Command::BlindTransfer {
                    call,
                    to: destination,
                },
            )
        }
        Xuc::SendDtmf { key } => {
            let (call, device) = leg(&world.centre(), login, None, &[LegState::Active])?;
            act(
                world,
                Command::SendDtmf {
                    call,
                    device,
                    digits: key,
                },
            )
        }
        Xuc::DialFromQueue {
            destination,
            queue_id,
            caller_id_name,
            caller_id_number,
            variables,
        } => {
            let presentation =
                Presentation::new(destination, caller_id_name, caller_id_number, variables);
            dial_from_queue(world, now, login, queue_id, presentation)
        }
        Xuc::SetData { variables } => set_data(world, login, variables),
        Xuc::FindCallbackRequest { id, request } => {
            let response = callbacks::find(&world.centre(), world.front().part().ids(), &request)
                .map_err(WorldError::BadParameter)?;
            Ok(vec![ServerMessage::Unknown(UnknownMessage {
                msg_type: "FindCallbackResponseWithId".to_owned(),
                cti_message: Some(json!({ "id": id, "response": response })),
            })])
        }
        Xuc::GetUserDefaultMembership { user_id } => {
            Ok(vec![defaults::answer(world, login, user_id)?])
        }
        Xuc::SetUserDefaultMembership {
            user_id,
            membership,
        } => defaults::set(world, login, &[user_id], membership).map(|()| Vec::new()),
        Xuc::SetUsersDefaultMembership {
            user_ids,
            membership,
        } => defaults::set(world, login, &user_ids, membership).map(|()| Vec::new()),
        Xuc::ApplyUsersDefaultMembership { user_ids } => {
            defaults::apply(world, now, login, &user_ids).map(|()| Vec::new())
        }
        Xuc::Unknown(unknown) => Err(WorldError::BadParameter(format!(
            "unknown command {:?}",
            unknown.command
        ))),
        other => Err(WorldError::NotExpected(format!(
            "{} is not simulated yet",
            other.name()
        ))),
    }
}

/// `agentLogin`, by the spec's rules: on the user's own line (its number, or its pro-ACD
/// set) the agent logs on its set, in its preferred group, ready; on another agent's line it
/// takes the line over (the agent logged there is logged off); an unknown line is
/// `PhoneNumberUnknown`; logged in already, the same line repeats the state and another is
/// `LoggedInOnAnotherPhone` with both numbers.
fn agent_login<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    phone_number: &str,
    agent_id: Option<Id>,
) -> Result<Vec<ServerMessage>, WorldError> {
    let centre = world.centre();
    if let Some(Id(id)) = agent_id {
        if id != world.front().part().ids().agent_id(login) {
            return Err(WorldError::NotAllowed(format!(
                "agent {id} is not the agent of {login}"
            )));
        }
    }
    let Some(agent) = centre.agent(login) else {
        return Err(WorldError::NotAllowed(format!("{login} is not an agent")));
    };
    let own = phone_number == agent.number || agent.pro_acd.as_deref() == Some(phone_number);
    let set = view::set_of_line(&centre, phone_number);
    if !own && set.is_none() && centre.login_of_number(phone_number).is_none() {
        return Ok(vec![ServerMessage::AgentError(AgentError {
            error: AgentErrorKind::PhoneNumberUnknown,
            phone_nb: None,
            requested_nb: Some(phone_number.to_owned()),
        })]);
    }
    if let Some(logged) = &agent.logged {
        let line = view::line_of_device(&centre, &logged.device);
        let same = phone_number == line
            || phone_number == logged.device
            || set.as_deref() == Some(logged.device.as_str());
        if same {
            // Logged in on this line already: XuC tells the state again.
            let state = world.front().part().agent_state(&centre, login);
            return Ok(state.into_iter().collect());
        }
        return Ok(vec![ServerMessage::AgentError(AgentError {
            error: AgentErrorKind::LoggedInOnAnotherPhone,
            phone_nb: Some(line),
            requested_nb: Some(phone_number.to_owned()),
        })]);
    }
    let (device, take_over) = if own {
        let device = if agent.supervisor && agent.pro_acd.is_none() {
            agent.number.clone()
        } else {
            agent
                .pro_acd
                .clone()
                .ok_or_else(|| WorldError::NotAllowed(format!("{login} has no agent set")))?
        };
        (device, false)
    } else {
        let set = set.ok_or_else(|| {
            WorldError::NotAllowed(format!("{phone_number} is not an agent's line"))
        })?;
        (set, true)
    };
    let group = agent.groups.first().cloned();
    world.act(
        now,
        login,
        Command::LogOn {
            device,
            group,
            ready: true,
            take_over,
        },
    )?;
    Ok(Vec::new())
}

/// `listenAgent`: a supervisor listens to an agent of its groups (the same agent again stops
/// listening: XuC's client stops by hanging up, which the simulator has no call for).
fn listen<W: Front + Part<XucFront>>(
    world: &World<W>,
    login: &str,
    agent_id: Option<Id>,
) -> Result<Command, WorldError> {
    let centre = world.centre();
    let me = centre
        .agent(login)
        .filter(|a| a.supervisor)
        .ok_or_else(|| WorldError::NotAllowed(format!("{login} is not a supervisor")))?;
    let id = agent_id.ok_or_else(|| WorldError::BadParameter("agentid is missing".into()))?;
    let agent = supervised(&centre, world.front().part().ids(), me, id)?;
    Ok(if me.listening.as_deref() == Some(agent.number.as_str()) {
        Command::StopListening
    } else {
        Command::StartListening(agent.number.clone())
    })
}

/// `dialFromQueue`: a call from queue `queue_id` to an outside number, taken by a free agent
/// of the queue (it waits in the queue, as XuC's does, when none is free); the agent is shown
/// the command's caller id and variables. An inside number is refused: the world's queue
/// calls come from outside.
fn dial_from_queue<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    queue_id: Id,
    presentation: Presentation,
) -> Result<Vec<ServerMessage>, WorldError> {
    if !world.is_user(login) {
        return Err(WorldError::NotAllowed(format!(
            "{login} is not a user of the PBX"
        )));
    }
    let pilot = pilot_of(world, queue_id)?;
    let destination = presentation.destination.clone();
    if world.centre().login_of_number(&destination).is_some() {
        return Err(WorldError::BadParameter(format!(
            "{destination} is a line of the PBX: dialFromQueue calls outside numbers"
        )));
    }
    world
        .front_mut()
        .part_mut()
        .presented_mut()
        .expect(pilot.clone(), presentation);
    let placed = world.inject_call(now, &pilot, Some(&destination));
    world
        .front_mut()
        .part_mut()
        .presented_mut()
        .placed(placed.as_deref().ok());
    placed.map(|_| Vec::new())
}

/// `setData`: attaches `variables` (`USR_` prefixed) to every current call of the user; the
/// call's phone events carry them as `userData`, told at once to each XuC user in it.
fn set_data<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    login: &str,
    variables: serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<ServerMessage>, WorldError> {
    let calls: Vec<String> = world
        .centre()
        .calls()
        .filter(|c| {
            c.parties
                .iter()
                .any(|p| !p.supervising && p.endpoint.login() == Some(login))
        })
        .map(|c| c.reference.clone())
        .collect();
    if calls.is_empty() {
        return Err(WorldError::NotExpected(format!(
            "{login} has no call to attach data to"
        )));
    }
    world.with_front(|front, centre| {
        let xuc = front.part_mut();
        for call in &calls {
            xuc.presented_mut().attach(call, variables.clone());
        }
        // The world did not change: only the XuC front tells the calls again.
        xuc.step(centre, &Step::default());
    });
    Ok(Vec::new())
}

/// The pilot of queue `queue_id` (queues are numbered from 1 in the scenario's order).
pub(super) fn pilot_of<W: Front>(world: &World<W>, Id(queue_id): Id) -> Result<String, WorldError> {
    queue_id
        .checked_sub(1)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| world.scenario().pilots.get(i))
        .map(|p| p.number.clone())
        .ok_or_else(|| WorldError::NotFound(format!("no queue {queue_id}")))
}

/// Agent `id`, if it is in a group of supervisor `me`.
fn supervised<'c>(
    centre: &Centre<'c>,
    ids: &Ids,
    me: &AgentSim,
    Id(id): Id,
) -> Result<&'c AgentSim, WorldError> {
    let agent = ids
        .login
        .get(&id)
        .and_then(|l| centre.agent(l))
        .ok_or_else(|| WorldError::NotFound(format!("no agent {id}")))?;
    if !agent.groups.iter().any(|g| me.groups.contains(g)) {
        return Err(WorldError::NotAllowed(format!(
            "agent {id} is not in a group of {}",
            me.login
        )));
    }
    Ok(agent)
}

/// `monitorPause`/`monitorUnpause`: pauses or resumes the recording of the call agent
/// `agent_id` (the user's own when absent) answered from a queue; the agent itself or a
/// supervisor of its groups may. The world's recording changes, as the agent's own request
/// would (it is carried out as the agent's), and `AgentOnCall`'s `monitorState` follows.
fn monitor<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    agent_id: Option<Id>,
    action: RecordingAction,
) -> Result<Vec<ServerMessage>, WorldError> {
    let centre = world.centre();
    let ids = world.front().part().ids();
    let agent = match agent_id {
        Some(id) if id.0 != ids.agent_id(login) => {
            let me = centre
                .agent(login)
                .filter(|a| a.supervisor)
                .ok_or_else(|| WorldError::NotAllowed(format!("{login} is not a supervisor")))?;
            supervised(&centre, ids, me, id)?.login.clone()
        }
        _ => login.to_owned(),
    };
    let (call, _) = leg(&centre, &agent, None, &[LegState::Active])?;
    if centre.call(&call).is_none_or(|c| c.acd.is_none()) {
        return Err(WorldError::NotExpected(
            "only the recording of a call answered from a queue can be paused".into(),
        ));
    }
    world.act(now, &agent, Command::Recording { call, action })?;
    Ok(Vec::new())
}

/// The membership of agent `agent_id` in queue `queue_id` set to `penalty`, as a command.
fn membership<W: Front + Part<XucFront>>(
    world: &World<W>,
    Id(agent_id): Id,
    queue_id: Id,
    penalty: Option<u32>,
) -> Result<Command, WorldError> {
    let agent = world
        .front()
        .part()
        .ids()
        .login
        .get(&agent_id)
        .cloned()
        .ok_or_else(|| WorldError::NotFound(format!("no agent {agent_id}")))?;
    let pilot = pilot_of(world, queue_id)?;
    Ok(Command::SetMembership {
        agent,
        pilot,
        penalty,
    })
}

/// The number (from 1) of the pause reason `reason` in the agent's group.
fn reason_number(world: &Centre<'_>, login: &str, reason: &str) -> Result<i32, WorldError> {
    let group = world
        .agent(login)
        .and_then(|a| a.logged.as_ref())
        .and_then(|l| l.group.clone())
        .ok_or_else(|| WorldError::NotExpected(format!("{login} is not logged in a group")))?;
    let reasons = world.withdraw_reasons(&group).unwrap_or(&[]);
    reasons
        .iter()
        .position(|r| r == reason)
        .and_then(|i| i32::try_from(i + 1).ok())
        .ok_or_else(|| {
            WorldError::BadParameter(format!(
                "unknown pause reason {reason:?} (the group's: {})",
                reasons.join(", ")
            ))
        })
}

/// The device a new call of `login` starts from: the one in conversation, else its line.
fn line_device(world: &Centre<'_>, login: &str) -> Result<String, WorldError> {
    if let Ok((_, device)) = leg(world, login, None, &[LegState::Active]) {
        return Ok(device);
    }
    world
        .person(login)
        .map(|p| p.0)
        .ok_or_else(|| WorldError::NotAllowed(format!("{login} has no line")))
}

/// The call (`unique_id`, or the first) where `login` has a leg in one of `states` (any, when
/// empty), and the device of that leg.
fn leg(
    world: &Centre<'_>,
    login: &str,
    unique_id: Option<&str>,
    states: &[LegState],
) -> Result<(String, String), WorldError> {
    world
        .calls()
        .filter(|c| unique_id.is_none_or(|id| c.reference == id))
        .find_map(|c| {
            c.parties
                .iter()
                .find(|p| {
                    !p.supervising
                        && p.endpoint.login() == Some(login)
                        && (states.is_empty() || states.contains(&p.state))
                })
                .map(|p| (c.reference.clone(), p.endpoint.number().to_owned()))
        })
        .ok_or_else(|| match unique_id {
            Some(id) => WorldError::NotFound(format!("no call {id} of {login} in that state")),
            None => WorldError::NotExpected(format!("{login} has no call in that state")),
        })
}

fn active_and_held(world: &Centre<'_>, login: &str) -> Result<(String, String), WorldError> {
    let (active, _) = leg(world, login, None, &[LegState::Active, LegState::Calling])?;
    let (held, _) = leg(world, login, None, &[LegState::Held])?;
    Ok((active, held))
}

fn summary(world: &Centre<'_>, ids: &Ids, login: &str) -> Option<AgentSummary> {
    let (number, first, last) = world.person(login)?;
    let group = world
        .agent(login)
        .and_then(|a| a.groups.first())
        .and_then(|g| view::group_id(world, g));
    Some(AgentSummary {
        id: Id(ids.agent_id(login)),
        first_name: Some(first),
        last_name: Some(last),
        number: Some(number),
        context: Some("default".to_owned()),
        group_id: group.map(Id),
    })
}

/// `getList`: `agent`, `agentgroup` or `queue`. A supervisor's profile filters them to its
/// groups (the spec's "Supervisor Profile"): the agents of its groups, its groups, their
/// queues; everyone else gets every agent, group and queue.
fn list<W: Front + Part<XucFront>>(
    world: &World<W>,
    login: &str,
    object_type: &str,
) -> Result<ServerMessage, WorldError> {
    let centre = world.centre();
    let ids = world.front().part().ids();
    let profile: Option<&[String]> = centre
        .agent(login)
        .filter(|a| a.supervisor)
        .map(|a| a.groups.as_slice());
    let in_profile = |group: &String| profile.is_none_or(|groups| groups.contains(group));
    match object_type {
        "agent" => Ok(ServerMessage::AgentList(
            centre
                .agents()
                .filter(|a| profile.is_none() || a.groups.iter().any(in_profile))
                .filter_map(|a| summary(&centre, ids, &a.login))
                .collect(),
        )),
        "agentgroup" => Ok(ServerMessage::AgentGroupList(
            centre
                .scenario()
                .processing_groups
                .iter()
                .filter(|g| in_profile(&g.number))
                .filter_map(|g| {
                    Some(AgentGroup {
                        id: Id(view::group_id(&centre, &g.number)?),
                        name: g.name.clone(),
                    })
                })
                .collect(),
        )),
        "queue" => {
            let queues: Vec<_> = centre
                .scenario()
                .pilots
                .iter()
                .filter(|p| in_profile(&p.group))
                .filter_map(|p| {
                    let id = view::queue_id(&centre, &p.number)?;
                    Some(json!({"id": id, "name": p.name, "displayName": p.name, "number": p.number}))
                })
                .collect();
            Ok(ServerMessage::Unknown(UnknownMessage {
                msg_type: "QueueList".to_owned(),
                cti_message: Some(json!(queues)),
            }))
        }
        other => Err(WorldError::BadParameter(format!(
            "no list of {other:?} (agent, agentgroup, queue)"
        ))),
    }
}

/// `getConfig` `agent`: the user's own agent, its queues with penalty 0.
fn agent_config(world: &Centre<'_>, ids: &Ids, login: &str) -> Option<ServerMessage> {
    let agent = world.agent(login)?;
    let (number, first, last) = world.person(login)?;
    let id = ids.agent_id(login);
    let member = view::queues_of(world, agent)
        .into_iter()
        .filter_map(|(pilot, penalty)| {
            let queue_id = view::queue_id(world, &pilot)?;
            let name = world
                .scenario()
                .pilots
                .iter()
                .find(|p| p.number == pilot)
                .map(|p| p.name.clone());
            Some(QueueMembership {
                queue_name: name,
                queue_id: Id(queue_id),
                interface: Some(format!("Agent/{number}")),
                penalty: Some(i64::from(penalty)),
                commented: Some(0),
                usertype: Some("agent".to_owned()),
                userid: Some(Id(id)),
                channel: Some("Agent".to_owned()),
                category: Some("queue".to_owned()),
                position: Some(0),
            })
        })
        .collect();
    Some(ServerMessage::AgentConfig(AgentConfig {
        id: Id(id),
        firstname: Some(first),
        lastname: Some(last),
        number: Some(number),
        context: Some("default".to_owned()),
        member,
        numgroup: agent
            .groups
            .first()
            .and_then(|g| view::group_id(world, g))
            .map(Id),
        userid: Some(Id(id)),
    }))
}

/// `getAgentDirectory`: every agent and its state.
fn directory<W: Front + Part<XucFront>>(world: &World<W>) -> ServerMessage {
    let centre = world.centre();
    let front = &world.front().part();
    let directory = centre
        .agents()
        .filter_map(|a| {
            let agent = summary(&centre, front.ids(), &a.login)?;
            let ServerMessage::AgentStateEvent(agent_state) =
                front.agent_state(&centre, &a.login)?
            else {
                return None;
            };
            Some(DirectoryEntry { agent, agent_state })
        })
        .collect();
    ServerMessage::AgentDirectory(AgentDirectory { directory })
}
