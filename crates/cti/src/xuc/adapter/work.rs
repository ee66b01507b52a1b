//! XuC's contact-centre work as the neutral desk shows it: callback requests and their
//! periods, queue memberships with penalties, the agent's statistics, the screen pop; and the
//! intents that act on them as XuC commands.

use core::time::Duration;

use serde_json::Value;

use crate::machine::guard::dialable;
use crate::model::{
    AgentStatistics, CallbackOutcome, CallbackPeriod, CallbackRequest, CallbackTaker, Instant,
    Intent, QueueMembership, Refusal,
};
use crate::xuc::callback::{CallbackStatus, PreferredPeriod};
use crate::xuc::command::{CallbackRef, Command};
use crate::xuc::wire::{Id, Nullable};

use super::extras::XucExtras;

fn value<T: Clone>(field: &Nullable<T>) -> Option<T> {
    match field {
        Nullable::Value(value) => Some(value.clone()),
        Nullable::Absent | Nullable::Null => None,
    }
}

fn text(field: &Nullable<String>) -> Option<String> {
    value(field).filter(|t| !t.trim().is_empty())
}

/// A preferred period in the neutral model.
pub(super) fn period(period: &PreferredPeriod) -> CallbackPeriod {
    CallbackPeriod {
        id: period.uuid.clone(),
        name: period.name.clone().unwrap_or_else(|| period.uuid.clone()),
        start: period.period_start.clone(),
        end: period.period_end.clone(),
        default: period.default.unwrap_or(false),
    }
}

/// The name of agent `id`, from `AgentList`; its id when the list does not have it.
fn agent_name(extras: &XucExtras, id: Id) -> String {
    extras
        .agents()
        .iter()
        .find(|a| a.id == id)
        .map(|a| {
            [a.first_name.as_deref(), a.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// Every callback request of every list, as the user may work on it.
pub(super) fn callbacks(extras: &XucExtras, me: Option<Id>) -> Vec<CallbackRequest> {
    extras
        .callbacks()
        .iter()
        .flat_map(|list| {
            let list_name = list.name.clone().unwrap_or_else(|| list.uuid.clone());
            list.callbacks.iter().map(move |request| {
                let taken = value(&request.agent_id).map(|agent| {
                    if Some(agent) == me {
                        CallbackTaker::Me
                    } else {
                        CallbackTaker::Other(agent_name(extras, agent))
                    }
                });
                let name = [text(&request.first_name), text(&request.last_name)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                CallbackRequest {
                    id: request.uuid.clone(),
                    list: list_name.clone(),
                    name: Some(name).filter(|n| !n.is_empty()),
                    company: text(&request.company),
                    number: text(&request.phone_number),
                    mobile: text(&request.mobile_phone_number),
                    description: text(&request.description),
                    due: text(&request.due_date),
                    period: value(&request.preferred_period).map(|p| period(&p)),
                    called: taken == Some(CallbackTaker::Me)
                        && extras.ticket(&request.uuid).is_some(),
                    taken,
                }
            })
        })
        .collect()
}

/// The periods to reschedule in: the server's list, else those the requests name.
pub(super) fn periods(extras: &XucExtras) -> Vec<CallbackPeriod> {
    if !extras.periods().is_empty() {
        return extras.periods().iter().map(period).collect();
    }
    let mut seen: Vec<CallbackPeriod> = Vec::new();
    for request in extras.callbacks().iter().flat_map(|l| l.callbacks.iter()) {
        if let Some(p) = value(&request.preferred_period) {
            if !seen.iter().any(|known| known.id == p.uuid) {
                seen.push(period(&p));
            }
        }
    }
    seen
}

/// Every queue known (`QueueList`, and those of the configuration), with the agent's penalty.
pub(super) fn queues(extras: &XucExtras) -> Vec<QueueMembership> {
    let mut queues: Vec<QueueMembership> = extras
        .queues()
        .iter()
        .map(|queue| QueueMembership {
            queue: queue.id.to_string(),
            name: queue.name.clone(),
            number: queue.number.clone(),
            penalty: extras.penalty(queue.id),
        })
        .collect();
    for member in extras.membership() {
        if !queues
            .iter()
            .any(|q| q.queue == member.queue_id.to_string())
        {
            queues.push(QueueMembership {
                queue: member.queue_id.to_string(),
                name: member
                    .queue_name
                    .clone()
                    .unwrap_or_else(|| member.queue_id.to_string()),
                number: None,
                penalty: u32::try_from(member.penalty).ok(),
            });
        }
    }
    queues
}

fn seconds(value: Option<&Value>) -> Duration {
    Duration::from_secs(value.and_then(Value::as_u64).unwrap_or(0))
}

fn date(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .filter(|d| !d.trim().is_empty())
        .map(str::to_owned)
}

/// The agent's statistics of the day, true at `now`.
pub(super) fn statistics(extras: &XucExtras, now: Instant) -> AgentStatistics {
    let stats = extras.statistics();
    AgentStatistics {
        ready: seconds(stats.get("AgentReadyTotalTime")),
        paused: seconds(stats.get("AgentPausedTotalTime")),
        wrap_up: seconds(stats.get("AgentWrapupTotalTime")),
        logged_in_at: date(stats.get("LoginDateTime")),
        logged_out_at: date(stats.get("LogoutDateTime")),
        reported_at: now,
    }
}

fn queue_id(queue: &str) -> Result<Id, Refusal> {
    queue
        .trim()
        .parse::<i64>()
        .map(Id)
        .map_err(|_| Refusal::InvalidArgument { what: "queue" })
}

fn agent(me: Option<Id>) -> Result<Id, Refusal> {
    me.ok_or(Refusal::InvalidArgument {
        what: "agent (XuC has not said which agent you are yet)",
    })
}

fn comment(text: String) -> Option<String> {
    Some(text).filter(|c| !c.trim().is_empty())
}

fn ticket(extras: &XucExtras, request: &str) -> Result<String, Refusal> {
    extras
        .ticket(request)
        .map(str::to_owned)
        .ok_or(Refusal::WrongCallbackState {
            expected: "called back first",
        })
}

/// The command of a callback, queue or statistics intent; `None` for any other intent.
pub(super) fn command(
    extras: &XucExtras,
    me: Option<Id>,
    intent: &Intent,
) -> Option<Result<Command, Refusal>> {
    let uuid = |request: &String| CallbackRef {
        uuid: request.clone(),
    };
    Some(match intent.clone() {
        Intent::TakeCallback { request } => Ok(Command::TakeCallback(uuid(&request))),
        Intent::ReleaseCallback { request } => Ok(Command::ReleaseCallback(uuid(&request))),
        Intent::StartCallback { request, number } => {
            dialable(&number).map(|number| Command::StartCallback {
                uuid: request,
                number,
            })
        }
        Intent::CloseCallback {
            request,
            outcome,
            comment: note,
        } => ticket(extras, &request).map(|ticket| {
            let status = match outcome {
                CallbackOutcome::Answered => CallbackStatus::Answered,
                CallbackOutcome::NoAnswer => CallbackStatus::NoAnswer,
                CallbackOutcome::Fax => CallbackStatus::Fax,
            };
            Command::update_callback_ticket(ticket, status, comment(note), None)
        }),
        Intent::RescheduleCallback {
            request,
            due,
            period,
            comment: note,
        } => ticket(extras, &request).map(|ticket| {
            Command::update_callback_ticket(
                ticket,
                CallbackStatus::Callback,
                comment(note),
                Some((due, period)),
            )
        }),
        Intent::JoinQueue { queue, penalty } => (|| {
            Ok(Command::SetAgentQueue {
                agent_id: agent(me)?,
                queue_id: queue_id(&queue)?,
                penalty: i64::from(penalty),
            })
        })(),
        Intent::LeaveQueue { queue } => (|| {
            Ok(Command::RemoveAgentFromQueue {
                agent_id: agent(me)?,
                queue_id: queue_id(&queue)?,
            })
        })(),
        Intent::RefreshStatistics => Ok(Command::SubscribeToAgentStats),
        _ => return None,
    })
}
