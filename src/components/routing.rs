//! Forward and do-not-disturb.

use cti::o2g::routing::Destination;
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// A DND switch; the current forward with a way to set or cancel it.
#[component]
pub fn RoutingPanel(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let forward_to = RwSignal::new(String::new());
    let dnd = move || {
        console
            .routing
            .with(|r| r.as_ref().is_some_and(|r| r.dnd()))
    };
    let forward = move || {
        console.routing.with(|r| {
            let route = r.as_ref()?.forward()?;
            let destination = route.destinations.first()?;
            Some(
                destination
                    .number
                    .clone()
                    .unwrap_or_else(|| i18n.t(Msg::Voicemail).to_owned()),
            )
        })
    };
    let set_forward = move |_| {
        let number = forward_to.get_untracked().trim().to_owned();
        if cti::model::intent::is_dialable(&number) {
            console.set_forward(Some(Destination::number(number)));
        } else {
            console.set_forward(Some(Destination::voicemail()));
        }
    };
    view! {
        <section class="routing" aria-labelledby="routing-title">
            <h2 id="routing-title">{move || i18n.t(Msg::Routing)}</h2>
            <label class="switch">
                <input type="checkbox" role="switch" data-testid="dnd" prop:checked=dnd
                    on:change=move |ev| console.set_dnd(event_target_checked(&ev)) />
                {move || i18n.t(Msg::Dnd)}
            </label>
            <p data-testid="forward-state">
                {move || forward().map(|to| format!("{} {to}", i18n.t(Msg::ForwardedTo)))}
            </p>
            <div class="number-row">
                <label for="forward-to" class="sr-only">{move || i18n.t(Msg::ForwardTo)}</label>
                <input id="forward-to" type="tel" placeholder=move || i18n.t(Msg::ForwardTo)
                    prop:value=move || forward_to.get() on:input=move |ev| forward_to.set(event_target_value(&ev)) />
                <button type="button" on:click=set_forward>{move || i18n.t(Msg::Forward)}</button>
                <button type="button" disabled=move || forward().is_none()
                    on:click=move |_| console.set_forward(None)>{move || i18n.t(Msg::CancelForward)}</button>
            </div>
        </section>
    }
}
