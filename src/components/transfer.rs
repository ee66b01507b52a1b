//! Transfer without typing first: a panel on an active call lists colleagues from the
//! directory (searched by name) and takes a number, each with two explicit choices: consult
//! first (the call waits on hold, then Transfer on the consultation completes it), or
//! transfer now (blind).

use cti::model::intent::normalize_number;
use cti::model::{CallRef, Contact, Intent};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// The "Transfer…" disclosure of one call.
#[component]
pub fn TransferPicker(console: ConsoleState, call: CallRef) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let call = StoredValue::new(call);
    let consult = move |to: String| Intent::Consult {
        call: call.get_value(),
        to,
    };
    let blind = move |to: String| Intent::BlindTransfer {
        call: call.get_value(),
        to,
    };
    let can_transfer =
        move || console.allows(consult("0".into())) || console.allows(blind("0".into()));
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = query.get_untracked().trim().to_owned();
        if !name.is_empty() {
            console.send(Intent::SearchDirectory { name });
        }
    };
    let contacts = move || {
        console
            .session
            .with(|s| s.desk().directory().contacts().to_vec())
    };
    // The two choices for one destination; done, the panel closes.
    let choices = move |to: String| {
        let (c, b) = (to.clone(), to);
        view! {
            <button type="button" class="small" data-testid="transfer-consult"
                disabled={let c = c.clone(); move || !console.allows(consult(c.clone()))}
                on:click=move |_| { console.send(consult(c.clone())); open.set(false); }>
                {move || i18n.t(Msg::Consult)}</button>
            <button type="button" class="small" data-testid="transfer-now"
                disabled={let b = b.clone(); move || !console.allows(blind(b.clone()))}
                on:click=move |_| { console.send(blind(b.clone())); open.set(false); }>
                {move || i18n.t(Msg::TransferNow)}</button>
        }
    };
    view! {
        <button type="button" data-testid="transfer-to" aria-expanded=move || open.get().to_string()
            disabled=move || !can_transfer() on:click=move |_| open.update(|o| *o = !*o)>
            {move || i18n.t(Msg::TransferTo)}
        </button>
        <Show when=move || open.get()>
            <div class="transfer-picker" role="group" aria-label=move || i18n.t(Msg::TransferTo)
                data-testid="transfer-picker">
                <form class="number-row" role="search" on:submit=search>
                    <label class="sr-only" for="transfer-query">{move || i18n.t(Msg::SearchName)}</label>
                    <input id="transfer-query" type="search" placeholder=move || i18n.t(Msg::ColleagueOrNumber)
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                    <button type="submit" class="small">{move || i18n.t(Msg::Search)}</button>
                </form>
                // A typed number is a destination too.
                {move || {
                    normalize_number(&query.get()).ok().map(|number| view! {
                        <div class="transfer-target" data-testid="transfer-number">
                            <span class="number">{number.clone()}</span>
                            {choices(number)}
                        </div>
                    })
                }}
                <ul class="transfer-targets" data-testid="transfer-colleagues">
                    <For each=contacts key=|c: &Contact| (c.name.clone(), c.number.clone()) let:contact>
                        {contact.number.clone().map(|number| view! {
                            <li class="transfer-target" data-testid="transfer-colleague">
                                <span>{contact.name.clone()}</span>" "<span class="number">{number.clone()}</span>
                                {choices(number)}
                            </li>
                        })}
                    </For>
                </ul>
            </div>
        </Show>
    }
}
