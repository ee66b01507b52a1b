//! Callback lists as XuC shows them: a list per scenario list (`cbl-<n>`), on the queue of its
//! pilot, its open requests by due date; the preferred periods (`period-<n>`); and who is told
//! of a list's changes (the agents of the pilot's group).

use cti::xuc::callback::{CallbackList, CallbackRequest, PreferredPeriod};
use cti::xuc::wire::{Id, Nullable};

use super::view::{self, Ids};
use crate::world::{CallbackSim, Centre};

/// The id of preferred period `index` (from 0).
fn period_uuid(index: usize) -> String {
    format!("period-{}", index + 1)
}

/// The name of the period of id `uuid`.
pub fn period_name(world: &Centre<'_>, uuid: &str) -> Option<String> {
    let periods = &world.scenario().callback_periods;
    (0..periods.len())
        .find(|&i| period_uuid(i) == uuid)
        .map(|i| periods[i].name.clone())
}

/// Every preferred period.
pub fn periods(world: &Centre<'_>) -> Vec<PreferredPeriod> {
    world
        .scenario()
        .callback_periods
        .iter()
        .enumerate()
        .map(|(i, p)| PreferredPeriod {
            uuid: period_uuid(i),
            name: Some(p.name.clone()),
            default: Some(p.default),
            period_start: Some(p.start.clone()),
            period_end: Some(p.end.clone()),
        })
        .collect()
}

fn text(value: Option<&String>) -> Nullable<String> {
    value.map_or(Nullable::Null, |v| Nullable::Value(v.clone()))
}

/// A request as XuC shows it.
pub fn request(world: &Centre<'_>, ids: &Ids, callback: &CallbackSim) -> CallbackRequest {
    let list = &world.scenario().callbacks[callback.list];
    let def = &list.requests[callback.request];
    let period = callback.period.as_ref().and_then(|name| {
        let index = world
            .scenario()
            .callback_periods
            .iter()
            .position(|p| &p.name == name)?;
        periods(world).into_iter().nth(index)
    });
    CallbackRequest {
        uuid: callback.uuid.clone(),
        list_uuid: Some(list_uuid(callback.list)),
        phone_number: Nullable::Value(def.number.clone()),
        mobile_phone_number: Nullable::Null,
        first_name: Nullable::Value(def.first_name.clone()),
        last_name: Nullable::Value(def.last_name.clone()),
        company: text(def.company.as_ref()),
        description: text(def.description.as_ref()),
        agent_id: callback.taken_by.as_ref().map_or(Nullable::Null, |login| {
            Nullable::Value(Id(ids.agent_id(login)))
        }),
        due_date: Nullable::Value(callback.due_date.clone()),
        preferred_period: period.map_or(Nullable::Null, Nullable::Value),
        voice_message_ref: Nullable::Null,
    }
}

/// The id of list `index` (from 0).
pub fn list_uuid(index: usize) -> String {
    format!("cbl-{}", index + 1)
}

/// Every list with its open requests, by due date.
pub fn lists(world: &Centre<'_>, ids: &Ids) -> Vec<CallbackList> {
    world
        .scenario()
        .callbacks
        .iter()
        .enumerate()
        .map(|(l, list)| {
            let mut open: Vec<&CallbackSim> = world.callbacks().filter(|c| c.list == l).collect();
            open.sort_by(|a, b| (&a.due_date, &a.uuid).cmp(&(&b.due_date, &b.uuid)));
            CallbackList {
                uuid: list_uuid(l),
                name: Some(list.name.clone()),
                queue_id: view::queue_id(world, &list.pilot).map(Id),
                callbacks: open.into_iter().map(|c| request(world, ids, c)).collect(),
            }
        })
        .collect()
}

/// The users told of list `index`'s changes: the agents (not bots) of its pilot's group.
pub fn audience(world: &Centre<'_>, index: usize) -> Vec<String> {
    let Some(list) = world.scenario().callbacks.get(index) else {
        return Vec::new();
    };
    let Some(pilot) = world
        .scenario()
        .pilots
        .iter()
        .find(|p| p.number == list.pilot)
    else {
        return Vec::new();
    };
    world
        .agents()
        .filter(|a| !a.bot && a.groups.contains(&pilot.group))
        .map(|a| a.login.clone())
        .collect()
}
