//! The call history (comlog) with the missed-call counter (event summary).

use cti::model::{Direction, Disposition, HistoryEntry, Intent};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::format::{local_date_time, party_name};
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
    /// When, as the backend wrote it.
    pub when: String,
    /// The outcome the agent gave the call (its label when the desk knows it), once saved.
    pub outcome: Option<String>,
    /// The agent's notes on the call.
    pub notes: Option<String>,
}

impl HistoryLine {
    /// The line of one history entry; `dispositions` name the outcome codes.
    pub fn from_entry(entry: &HistoryEntry, dispositions: &[Disposition]) -> HistoryLine {
        HistoryLine {
            id: entry.id.clone(),
            party: party_name(&entry.party).unwrap_or_default(),
            number: entry.party.number.clone(),
            incoming: entry.direction == Direction::Incoming,
            missed: entry.is_missed(),
            when: entry.began.clone().unwrap_or_default(),
            outcome: entry.disposition.as_ref().map(|code| {
                dispositions
                    .iter()
                    .find(|d| d.id.as_str() == code)
                    .map_or_else(|| code.clone(), |d| d.label.clone())
            }),
            notes: entry.notes.clone(),
        }
    }
}

/// The missed-call counter, then the history with Call back.
#[component]
pub fn CallHistory(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let missed = move || {
        console
            .session
            .with(|s| s.desk().missed_calls())
            .unwrap_or(0)
    };
    let lines = move || {
        console.session.with(|s| {
            let desk = s.desk();
            let dispositions = &desk.wrap_up_policy().dispositions;
            desk.history()
                .iter()
                .map(|entry| HistoryLine::from_entry(entry, dispositions))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">
                {move || i18n.t(Msg::History)}
                <span class="badge missed" data-testid="missed-count" hidden=move || missed() == 0
                    aria-label=move || format!("{} {}", missed(), i18n.t(Msg::MissedCalls))>{missed}</span>
                <button type="button" class="small" on:click=move |_| console.send(Intent::RefreshHistory)>
                    {move || i18n.t(Msg::Refresh)}</button>
            </h2>
            <ul class="history-list" data-testid="history">
                <For each=lines key=|line| (line.id.clone(), line.outcome.clone(), line.notes.clone()) let:line>
                    <li class:missed=line.missed>
                        <span class="direction">{move || i18n.t(if line.missed { Msg::Missed } else if line.incoming { Msg::Incoming } else { Msg::Outgoing })}</span>
                        " "<strong>{line.party.clone()}</strong>" "<time datetime=line.when.clone() data-testid="history-when">{
                            let when = line.when.clone();
                            move || local_date_time(&when, i18n.lang().code())
                        }</time>
                        {line.outcome.clone().map(|outcome| view! {
                            " "<span class="badge outcome" data-testid="history-outcome">{outcome}</span>
                        })}
                        {line.notes.clone().map(|notes| view! {
                            <span class="notes" data-testid="history-notes">{notes}</span>
                        })}
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
