//! Forward and do-not-disturb.

use cti::model::{ForwardTarget, Intent};
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
            .session
            .with(|s| s.desk().routing().is_some_and(|r| r.dnd))
    };
    let forward = move || {
        console.session.with(|s| {
            Some(match s.desk().routing()?.forward.as_ref()? {
                ForwardTarget::Number(number) => number.clone(),
                ForwardTarget::Voicemail => i18n.t(Msg::Voicemail).to_owned(),
            })
        })
    };
    let set_forward = move |_| {
        let number = forward_to.get_untracked().trim().to_owned();
        // An empty field forwards to voice mail; anything typed is a number (the guard says
        // when it cannot be dialled).
        let to = if number.is_empty() {
            ForwardTarget::Voicemail
        } else {
            ForwardTarget::Number(number)
        };
        console.send(Intent::SetForward { to: Some(to) });
    };

    view! {
        <section class="routing" aria-labelledby="routing-title">
            <h2 id="routing-title">{move || i18n.t(Msg::Routing)}</h2>
            <label class="switch">
                <input type="checkbox" role="switch" data-testid="dnd" prop:checked=dnd
                    on:change=move |ev| console.send(Intent::SetDnd { on: event_target_checked(&ev) }) />
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
                    on:click=move |_| console.send(Intent::SetForward { to: None })>{move || i18n.t(Msg::CancelForward)}</button>
            </div>
        </section>
    }
}
