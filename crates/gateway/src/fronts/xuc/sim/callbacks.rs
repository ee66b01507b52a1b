//! Callback lists as XuC shows them: a list per scenario list (`cbl-<n>`), on the queue of its
//! pilot, its open requests by due date; the preferred periods (`period-<n>`); and who is told
//! of a list's changes (the agents of the pilot's group).

use cti::xuc::callback::{CallbackList, CallbackRequest, PreferredPeriod};
use cti::xuc::command::CallbackSearch;
use cti::xuc::wire::{Id, Nullable};
use serde_json::{json, Value};

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

/// `findCallbackRequest`: the open requests of every list (by due date) that pass every
/// filter, `offset` and `limit` applied, as `{list, total}` (`total` before paging). A
/// filter is `{field, operator, value}` on a field of the request as XuC sends it
/// (`phoneNumber`, `company`, `listUuid`, `dueDate`, ...); operators `=`, `!=`, `like`
/// (`%` wildcards, case-insensitive), `<`, `<=`, `>`, `>=`, `is null`, `is not null`. An
/// object `{field: value}` is read as equalities; no filters, every request.
pub fn find(world: &Centre<'_>, ids: &Ids, search: &CallbackSearch) -> Result<Value, String> {
    let filters = filters_of(&search.filters)?;
    let mut open: Vec<&CallbackSim> = world.callbacks().collect();
    open.sort_by(|a, b| (&a.due_date, &a.uuid).cmp(&(&b.due_date, &b.uuid)));
    let mut found = Vec::new();
    for callback in open {
        let request = serde_json::to_value(request(world, ids, callback))
            .map_err(|error| format!("cannot show a request: {error}"))?;
        let mut passes = true;
        for filter in &filters {
            passes = passes && filter.passes(&request)?;
        }
        if passes {
            found.push(request);
        }
    }
    let total = found.len();
    let offset = usize::try_from(search.offset.max(0)).unwrap_or(usize::MAX);
    let limit = usize::try_from(search.limit.max(0)).unwrap_or(usize::MAX);
    let list: Vec<Value> = found.into_iter().skip(offset).take(limit).collect();
    Ok(json!({ "list": list, "total": total }))
}

/// One condition of a search.
struct Filter {
    field: String,
    operator: String,
    value: Value,
}

fn filters_of(filters: &Value) -> Result<Vec<Filter>, String> {
    match filters {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                let field = item
                    .get("field")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("a filter without a field: {item}"))?;
                let operator = item.get("operator").and_then(Value::as_str).unwrap_or("=");
                Ok(Filter {
                    field: field.to_owned(),
                    operator: operator.trim().to_lowercase(),
                    value: item.get("value").cloned().unwrap_or(Value::Null),
                })
            })
            .collect(),
        Value::Object(fields) => Ok(fields
            .iter()
            .map(|(field, value)| Filter {
                field: field.clone(),
                operator: "=".to_owned(),
                value: value.clone(),
            })
            .collect()),
        other => Err(format!("filters are a list, not {other}")),
    }
}

/// A field's value as text, for comparing (`None` for null or absent).
fn as_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

impl Filter {
    fn passes(&self, request: &Value) -> Result<bool, String> {
        let field = as_text(request.get(&self.field));
        let wanted = as_text(Some(&self.value));
        Ok(match (self.operator.as_str(), field, wanted) {
            ("is null" | "isnull", field, _) => field.is_none_or(|f| f.is_empty()),
            ("is not null" | "isnotnull", field, _) => field.is_some_and(|f| !f.is_empty()),
            (_, None, _) | (_, _, None) => false,
            ("=" | "==" | "eq", Some(f), Some(w)) => f == w,
            ("!=" | "<>" | "ne", Some(f), Some(w)) => f != w,
            ("like" | "ilike", Some(f), Some(w)) => like(&f, &w),
            ("<", Some(f), Some(w)) => f < w,
            ("<=", Some(f), Some(w)) => f <= w,
            (">", Some(f), Some(w)) => f > w,
            (">=", Some(f), Some(w)) => f >= w,
            (other, _, _) => return Err(format!("unknown filter operator {other:?}")),
        })
    }
}

/// SQL's `LIKE`, case-insensitive: `%` any run; without `%`, a part of the field.
fn like(field: &str, pattern: &str) -> bool {
    let field = field.to_lowercase();
    let pattern = pattern.to_lowercase();
    if !pattern.contains('%') {
        return field.contains(&pattern);
    }
    let parts: Vec<&str> = pattern.split('%').collect();
    let mut rest = field.as_str();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(after) = rest.strip_prefix(part) else {
                return false;
            };
            rest = after;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}
