//! Queue membership: the queues the agent belongs to or may join, each with its penalty (the
//! contact centre offers a call to the lowest penalty first). Join, change the penalty, leave.

use cti::model::{Intent, QueueMembership};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// The agent's queues.
#[component]
pub fn QueuesPanel(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let ids = Memo::new(move |_| {
        console.session.with(|s| {
            s.desk()
                .queues()
                .iter()
                .map(|q| q.queue.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="queues" aria-labelledby="queues-title" data-testid="queues">
            <h2 id="queues-title">{move || i18n.t(Msg::Queues)}</h2>
            <Show when=move || !ids.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || i18n.t(Msg::NoQueues)}</p> }>
                <ul class="queue-list">
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <QueueItem console=console id=id />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// One queue: its name, the agent's penalty, and join / set / leave.
#[component]
fn QueueItem(console: ConsoleState, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let key = StoredValue::new(id);
    let queue = Memo::new(move |_| {
        console.session.with(|s| {
            key.with_value(|id| s.desk().queues().iter().find(|q| &q.queue == id).cloned())
        })
    });
    let member = move || queue.with(|q| q.as_ref().and_then(|q| q.penalty));
    let typed = RwSignal::new(None::<String>);
    // The penalty field shows the current one until the agent types.
    let penalty_text = move || {
        typed
            .get()
            .unwrap_or_else(|| member().unwrap_or(0).to_string())
    };
    let join = move || Intent::JoinQueue {
        queue: key.get_value(),
        // An unreadable penalty is out of range: the guard refuses it.
        penalty: penalty_text().trim().parse().unwrap_or(u32::MAX),
    };
    let leave = move || Intent::LeaveQueue {
        queue: key.get_value(),
    };
    let label = move || {
        queue.with(|q| {
            q.as_ref()
                .map(|QueueMembership { name, number, .. }| match number {
                    Some(number) => format!("{name} ({number})"),
                    None => name.clone(),
                })
                .unwrap_or_default()
        })
    };
    let field_id = move || format!("penalty-{}", key.get_value());
    view! {
        <li class="queue" class:member=move || member().is_some() data-testid="queue"
            data-queue-id=move || key.get_value()>
            <span class="queue-name" data-testid="queue-name">{label}</span>
            <span class="badge" data-testid="queue-penalty">
                {move || match member() {
                    Some(penalty) => format!("{} {penalty}", i18n.t(Msg::Penalty)),
                    None => i18n.t(Msg::NotMember).to_owned(),
                }}
            </span>
            <div class="number-row">
                <label class="sr-only" for=field_id>{move || i18n.t(Msg::Penalty)}</label>
                <input id=field_id type="number" min="0" inputmode="numeric" class="penalty"
                    data-testid="queue-penalty-input" prop:value=penalty_text
                    on:input=move |ev| typed.set(Some(event_target_value(&ev))) />
                <button type="button" class="small" data-testid="queue-join"
                    disabled=move || !console.allows(join())
                    on:click=move |_| { console.send(join()); typed.set(None); }>
                    {move || i18n.t(if member().is_some() { Msg::SetPenalty } else { Msg::JoinQueue })}
                </button>
                <button type="button" class="small" data-testid="queue-leave"
                    disabled=move || !console.allows(leave())
                    on:click=move |_| console.send(leave())>{move || i18n.t(Msg::LeaveQueue)}</button>
            </div>
        </li>
    }
}
