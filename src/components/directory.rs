//! Directory search: a name, the matching contacts, Call on each. The backend's adapter runs
//! the search (O2G: a request, then polls until the result is final); results arrive in the
//! desk.

use cti::model::intent::normalize_number;
use cti::model::{DirectorySearch as Search, Intent};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// A search field and its results.
#[component]
pub fn DirectorySearch(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let search = move || console.session.with(|s| s.desk().directory().clone());
    let busy = move || search().is_searching();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = query.get_untracked().trim().to_owned();
        if !name.is_empty() && !busy() {
            console.send(Intent::SearchDirectory { name });
        }
    };
    let call = move |number: String| {
        console.number.set(number.clone());
        console.send(Intent::MakeCall { to: number });
    };
    view! {
        <section class="directory" aria-labelledby="directory-title">
            <h2 id="directory-title">{move || i18n.t(Msg::Directory)}</h2>
            <form class="number-row" role="search" on:submit=submit>
                <label for="directory-query" class="sr-only">{move || i18n.t(Msg::SearchName)}</label>
                <input id="directory-query" type="search" placeholder=move || i18n.t(Msg::SearchName)
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                <button type="submit" disabled=busy>{move || i18n.t(Msg::Search)}</button>
            </form>
            {move || {
                let found = match search() {
                    Search::Idle => return None,
                    Search::Searching { found, .. } | Search::Done { found, .. } => found,
                };
                Some(if found.is_empty() {
                view! { <p class="empty">{move || i18n.t(Msg::NoResults)}</p> }.into_any()
            } else {
                view! {
                    <ul class="results">
                        {found.into_iter().map(|contact| {
                            let name = contact.name.clone();
                            let number = contact.number.clone().unwrap_or_default();
                            let dial = number.clone();
                            let label = format!("{} {name}", i18n.t(Msg::Call));
                            view! {
                                <li>
                                    <span>{name}</span>" "<span class="number">{number.clone()}</span>
                                    <button type="button" class="small" aria-label=label
                                        disabled=normalize_number(&number).is_err()
                                        on:click=move |_| call(dial.clone())>{move || i18n.t(Msg::Call)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}}
        </section>
    }
}
