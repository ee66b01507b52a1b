//! Directory search: a name, the matching contacts, Call on each.

use cti::model::Intent;
use cti::o2g::directory::{
    Attribute, Contact, Criterion, SearchRequest, SearchResult, SEARCH_PATH,
};
use cti::o2g::encode;
use cti::o2g::request::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::sleep;
use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};
use crate::transport::{get, with_body, ApiError, O2gClient};

/// Results are polled this many times at most (the gateway answers `NOK` until ready).
const MAX_POLLS: u32 = 20;

/// `POST /directory/search` then `GET` until a final result code.
async fn search(client: O2gClient, name: String) -> Result<Vec<Contact>, ApiError> {
    let request = SearchRequest {
        limit: Some(20),
        filter: Criterion::any(vec![
            Criterion::begins_with(Attribute::LastName, name.clone()),
            Criterion::begins_with(Attribute::FirstName, name),
        ]),
    };
    client
        .send_request(&with_body(
            Method::Post,
            SEARCH_PATH,
            Some(encode(&request)),
        ))
        .await?;
    let mut contacts = Vec::new();
    for _ in 0..MAX_POLLS {
        let result: SearchResult = client.fetch("SearchResult", &get(SEARCH_PATH)).await?;
        for element in result.result_elements {
            contacts.extend(element.contacts);
        }
        if result.result_code.is_some_and(|code| code.is_final()) {
            break;
        }
        sleep(250).await;
    }
    Ok(contacts)
}

fn contact_name(contact: &Contact) -> String {
    [contact.first_name.as_deref(), contact.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A search field and its results.
#[component]
pub fn DirectorySearch(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(None::<Vec<Contact>>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = query.get_untracked().trim().to_owned();
        let Some(client) = console.client() else {
            return;
        };
        if name.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match search(client, name).await {
                Ok(found) => {
                    let _ = results.try_set(Some(found));
                }
                Err(error) => console.report(&error),
            }
            let _ = busy.try_set(false);
        });
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
                <button type="submit" disabled=move || busy.get()>{move || i18n.t(Msg::Search)}</button>
            </form>
            {move || results.get().map(|found| if found.is_empty() {
                view! { <p class="empty">{move || i18n.t(Msg::NoResults)}</p> }.into_any()
            } else {
                view! {
                    <ul class="results">
                        {found.into_iter().map(|contact| {
                            let name = contact_name(&contact);
                            let number = contact.id.as_ref().and_then(|id| id.phone_number.clone()).unwrap_or_default();
                            let dial = number.clone();
                            let label = format!("{} {name}", i18n.t(Msg::Call));
                            view! {
                                <li>
                                    <span>{name}</span>" "<span class="number">{number.clone()}</span>
                                    <button type="button" class="small" aria-label=label
                                        disabled=!cti::model::intent::is_dialable(&number)
                                        on:click=move |_| call(dial.clone())>{move || i18n.t(Msg::Call)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
