//! The call history (comlog) with the missed-call counter (event summary).

use cti::model::Intent;
use cti::o2g::comlog::{ComHistoryRecord, ComParticipant, Role};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// What one history line shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// Key.
    pub id: String,
    /// The other party's name or number.
    pub party: String,
    /// The number to call back.
    pub number: Option<String>,
    /// Incoming (the user was called).
    pub incoming: bool,
    /// Incoming and never answered.
    pub missed: bool,
    /// When, as the gateway wrote it.
    pub when: String,
}

impl HistoryLine {
    /// Reads a record: the owner is the participant with a role; the party is another one.
    pub fn from_record(record: &ComHistoryRecord) -> HistoryLine {
        let owner = record.participants.iter().find(|p| p.role.is_some());
        let other = record
            .participants
            .iter()
            .find(|p| p.role.is_none())
            .or(record.participants.first());
        let incoming = owner.is_some_and(|p| p.role == Some(Role::Callee));
        let party = other.map(participant_name).unwrap_or_default();
        HistoryLine {
            id: record
                .record_id
                .map(|id| id.to_string())
                .unwrap_or_else(|| record.com_ref.clone()),
            number: other.and_then(|p| p.identity.id.phone_number.clone()),
            party,
            incoming,
            missed: incoming && owner.is_some_and(|p| p.answered == Some(false)),
            when: record.begin_date.clone().unwrap_or_default(),
        }
    }
}

fn participant_name(p: &ComParticipant) -> String {
    let identity = &p.identity;
    identity
        .display_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| {
            let full = [
                identity.first_name.as_deref(),
                identity.last_name.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            (!full.is_empty()).then_some(full)
        })
        .or_else(|| identity.id.phone_number.clone())
        .unwrap_or_default()
}

/// The missed-call counter, then the history with Call back.
#[component]
pub fn CallHistory(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let missed = move || {
        console
            .summary
            .with(|s| s.as_ref().and_then(|s| s.missed_calls_nb))
            .unwrap_or(0)
    };
    let lines = move || {
        console
            .history
            .with(|h| h.iter().map(HistoryLine::from_record).collect::<Vec<_>>())
    };
    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">
                {move || i18n.t(Msg::History)}
                <span class="badge missed" data-testid="missed-count" hidden=move || missed() == 0
                    aria-label=move || format!("{} {}", missed(), i18n.t(Msg::MissedCalls))>{missed}</span>
                <button type="button" class="small" on:click=move |_| console.fetch_history()>
                    {move || i18n.t(Msg::Refresh)}</button>
            </h2>
            <ul class="history-list" data-testid="history">
                <For each=lines key=|line| line.id.clone() let:line>
                    <li class:missed=line.missed>
                        <span class="direction">{move || i18n.t(if line.missed { Msg::Missed } else if line.incoming { Msg::Incoming } else { Msg::Outgoing })}</span>
                        " "<strong>{line.party.clone()}</strong>" "<time>{line.when.clone()}</time>
                        {line.number.clone().map(|number| {
                            let to = number.clone();
                            view! {
                                <button type="button" class="small" aria-label=move || format!("{} {number}", i18n.t(Msg::Call))
                                    on:click=move |_| console.send(Intent::MakeCall { to: to.clone() })>{move || i18n.t(Msg::Call)}</button>
                            }
                        })}
                    </li>
                </For>
            </ul>
        </section>
    }
}
