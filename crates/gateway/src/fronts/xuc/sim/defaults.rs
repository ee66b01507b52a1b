//! Users' default queue membership (XuC's `membership.js`): what a supervisor keeps per user,
//! and applies to set the user's queues in one go.
//!
//! The user is named by its agent id (the simulator has one id per person); a membership is
//! `[{"queueId", "penalty"}]`, ids as numbers or numeric strings (docs/decisions.md, "XuC:
//! default membership").

use std::collections::BTreeMap;

use cti::xuc::message::{ServerMessage, UnknownMessage};
use cti::xuc::wire::Id;
use serde::Deserialize;
use serde_json::{json, Value};

use super::commands::pilot_of;
use super::XucFront;
use crate::clock::Millis;
use crate::world::{Command, Front, Part, World, WorldError};

/// One queue of a default membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct DefaultQueue {
    /// The queue.
    #[serde(rename = "queueId")]
    pub queue_id: Id,
    /// Its penalty (0 first).
    pub penalty: u32,
}

/// Every user's default membership, by agent id.
#[derive(Debug, Default)]
pub struct DefaultMemberships(BTreeMap<i64, Vec<DefaultQueue>>);

/// The answer to `getUserDefaultMembership`: `UserQueueDefaultMembership {userId, membership}`.
pub fn answer<W: Front + Part<XucFront>>(
    world: &World<W>,
    login: &str,
    Id(user): Id,
) -> Result<ServerMessage, WorldError> {
    let front = world.front().part();
    let owner = front
        .ids()
        .login
        .get(&user)
        .ok_or_else(|| WorldError::NotFound(format!("no user {user}")))?;
    if owner != login {
        supervisor(world, login)?;
    }
    let membership: Vec<Value> = front
        .defaults
        .0
        .get(&user)
        .into_iter()
        .flatten()
        .map(|q| json!({"queueId": q.queue_id.0, "penalty": q.penalty}))
        .collect();
    Ok(ServerMessage::Unknown(UnknownMessage {
        msg_type: "UserQueueDefaultMembership".to_owned(),
        cti_message: Some(json!({"userId": user, "membership": membership})),
    }))
}

/// `setUserDefaultMembership` / `setUsersDefaultMembership`: a supervisor keeps `membership`
/// for each of `users` (every queue must exist; the whole command is refused otherwise).
pub fn set<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    login: &str,
    users: &[Id],
    membership: Value,
) -> Result<(), WorldError> {
    supervisor(world, login)?;
    let queues: Vec<DefaultQueue> = serde_json::from_value(membership).map_err(|e| {
        WorldError::BadParameter(format!(
            "membership must be a list of {{queueId, penalty}}: {e}"
        ))
    })?;
    for queue in &queues {
        pilot_of(world, queue.queue_id)?;
    }
    for Id(user) in users {
        if !world.front().part().ids().login.contains_key(user) {
            return Err(WorldError::NotFound(format!("no user {user}")));
        }
    }
    let defaults = &mut world.front_mut().part_mut().defaults.0;
    for Id(user) in users {
        defaults.insert(*user, queues.clone());
    }
    Ok(())
}

/// `applyUsersDefaultMembership`: each user's queues become its default membership, on the
/// pilots its groups serve (a queue in the default outside them is skipped); a user without
/// a default is left as it is.
pub fn apply<W: Front + Part<XucFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    users: &[Id],
) -> Result<(), WorldError> {
    supervisor(world, login)?;
    let mut commands = Vec::new();
    for Id(user) in users {
        let front = world.front().part();
        let agent = front
            .ids()
            .login
            .get(user)
            .cloned()
            .ok_or_else(|| WorldError::NotFound(format!("no user {user}")))?;
        let Some(default) = front.defaults.0.get(user) else {
            continue;
        };
        let wanted: Vec<(String, u32)> = default
            .iter()
            .filter_map(|q| Some((pilot_of(world, q.queue_id).ok()?, q.penalty)))
            .collect();
        let centre = world.centre();
        let groups = centre
            .agent(&agent)
            .map(|a| a.groups.clone())
            .unwrap_or_default();
        for pilot in world.scenario().pilots.iter() {
            if !groups.contains(&pilot.group) {
                continue;
            }
            let penalty = wanted
                .iter()
                .find(|(number, _)| *number == pilot.number)
                .map(|&(_, penalty)| penalty);
            commands.push(Command::SetMembership {
                agent: agent.clone(),
                pilot: pilot.number.clone(),
                penalty,
            });
        }
    }
    for command in commands {
        world.act(now, login, command)?;
    }
    Ok(())
}

/// `login`, when it is a supervisor; else the command is not its to send.
fn supervisor<W: Front>(world: &World<W>, login: &str) -> Result<(), WorldError> {
    match world.centre().agent(login) {
        Some(agent) if agent.supervisor => Ok(()),
        _ => Err(WorldError::NotAllowed(format!(
            "{login} is not a supervisor: default memberships are a supervisor's"
        ))),
    }
}
