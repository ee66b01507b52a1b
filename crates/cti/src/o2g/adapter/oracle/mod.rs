//! The serde-based mapping the adapter used before it read O2G JSON by hand (docs/decisions.md,
//! Weight): the wire types' derived `Deserialize`, then the same mapping. Test-only: the
//! differential tests run it beside the lean path as their oracle; the widget never links it.
//!
//! Bodies go through a `serde_json::Value`, as they did in the widget (`crate::o2g::decode`
//! and `decode_event` in wasm): natively those parse bytes straight into the types, which
//! skips the UTF-8 check of ignored strings and words some shape errors as syntax errors.

mod events;
mod records;

use crate::machine::Update;
use crate::model::HistoryUpdate;
use crate::o2g::agent::{AgentConfig, AgentState, WithdrawReasons};
use crate::o2g::comlog::ComHistoryRecords;
use crate::o2g::directory::SearchResult;
use crate::o2g::event::Event;
use crate::o2g::event_summary::EventSummary;
use crate::o2g::routing::RoutingState;
use crate::o2g::telephony::TelephonicState;
use crate::o2g::DecodeError;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Decoded, Next, Pending};

/// One event, through `decode_event` and the wire types.
pub(super) fn event(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::from_json("Event", &e))?;
    let event = Event::from_value(value).map_err(|e| DecodeError::Shape {
        what: "Event",
        message: e.to_string(),
    })?;
    let mut d = Decoded {
        login: event.login_name().map(str::to_owned),
        ..Decoded::default()
    };
    match event {
        Event::OnChannelInformation(_) => {}
        Event::OnEventSummaryUpdated(e) => d.out.update(Update::MissedCalls(
            e.event_summary.missed_calls_nb.unwrap_or(0),
        )),
        Event::OnRoutingStateChanged(e) => {
            d.out
                .update(Update::Routing(records::routing(&e.routing_state)));
        }
        Event::OnComRecordCreated(e) => d.out.update(Update::History(HistoryUpdate::Added(
            records::history_entry(e.record),
        ))),
        Event::OnComRecordModified(_)
        | Event::OnComRecordsDeleted(_)
        | Event::OnComRecordsAck(_)
        | Event::OnComRecordsUnAck(_) => d.next = Next::ReadHistory,
        Event::OnAgentStateChanged(e) => {
            d.next = follow(&e.state, false);
            events::call_or_agent_event(&mut d.out, Event::OnAgentStateChanged(e));
        }
        Event::OnSupervisorHelpCancelled(e) => {
            d.help_other = e.agent_number.clone();
            events::call_or_agent_event(&mut d.out, Event::OnSupervisorHelpCancelled(e));
        }
        other => events::call_or_agent_event(&mut d.out, other),
    }
    Ok(d)
}

/// `crate::o2g::decode` as it runs in wasm.
fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice::<Value>(bytes)
        .and_then(T::deserialize)
        .map_err(|e| DecodeError::from_json(what, &e))
}

fn follow(state: &AgentState, always: bool) -> Next {
    Next::FollowGroup {
        main: state.main_state,
        group: state.pg_number.clone(),
        always,
    }
}

/// The 2xx answer to a chore, through `decode` and the wire types.
pub(super) fn answer(chore: &Pending, body: &[u8]) -> Result<Decoded, DecodeError> {
    let what = chore.describe();
    let mut d = Decoded::default();
    match chore {
        Pending::Intent { .. } => {}
        Pending::TelephonyState => {
            events::telephony_state(&mut d.out, decode::<TelephonicState>(what, body)?);
        }
        Pending::AgentState => {
            let state = decode::<AgentState>(what, body)?;
            d.next = follow(&state, true);
            if let Some(report) = events::agent_report(&mut d.out, state) {
                d.out.update(Update::Agent(report));
            }
        }
        Pending::AgentConfig => {
            let config = decode::<AgentConfig>(what, body)?;
            if let Some(skills) = config.skills.clone() {
                d.out.update(Update::Skills(events::skills(skills)));
            }
            d.out.update(Update::Profile(records::profile(&config)));
        }
        Pending::WithdrawReasons => {
            let reasons = decode::<WithdrawReasons>(what, body)?;
            d.out.update(Update::Reasons(records::reasons(reasons)));
        }
        Pending::TransactionCodes => {
            let codes = decode::<crate::o2g::agent::TransactionCodes>(what, body)?;
            let dispositions = codes
                .transaction_codes
                .into_iter()
                .map(|code| crate::model::Disposition {
                    label: code.label.unwrap_or_else(|| code.code.clone()),
                    id: crate::model::DispositionId::new(code.code),
                })
                .collect();
            let duration = codes
                .wrap_up_time
                .and_then(|seconds| u64::try_from(seconds).ok())
                .map(core::time::Duration::from_secs);
            d.out
                .update(Update::WrapUpPolicy(crate::model::WrapUpPolicy {
                    dispositions,
                    duration,
                }));
        }
        Pending::Routing => {
            let state = decode::<RoutingState>(what, body)?;
            d.out.update(Update::Routing(records::routing(&state)));
        }
        Pending::History => {
            let records = decode::<ComHistoryRecords>(what, body)?;
            let entries = records
                .com_history_records
                .into_iter()
                .map(records::history_entry)
                .collect();
            d.out
                .update(Update::History(HistoryUpdate::Replace(entries)));
        }
        Pending::EventSummary => {
            let summary = decode::<EventSummary>(what, body)?;
            d.out
                .update(Update::MissedCalls(summary.missed_calls_nb.unwrap_or(0)));
        }
        Pending::User => {
            let user = decode::<crate::o2g::user::User>(what, body)?;
            let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
            let name = match (non_empty(user.first_name), non_empty(user.last_name)) {
                (Some(first), Some(last)) => Some(format!("{first} {last}")),
                (first, last) => first.or(last),
            };
            if let Some(name) = name {
                d.out.update(Update::UserName(name));
            }
        }
        Pending::DirectoryPoll => {
            let result = decode::<SearchResult>(what, body)?;
            let found = result
                .result_elements
                .into_iter()
                .flat_map(|element| element.contacts.into_iter().map(records::contact))
                .collect();
            let finished = result.result_code.is_some_and(|code| code.is_final());
            d.next = Next::Search { found, finished };
        }
    }
    Ok(d)
}
