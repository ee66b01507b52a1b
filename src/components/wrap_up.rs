//! After-call work: the outcome (disposition) of the last contact-centre call, the agent's
//! notes, and the wrap-up countdown with "More time". Saved, it goes to the backend (kept with
//! the call's history record) and to the host page.

use cti::model::{AfterCallWork, DispositionId, Intent, MAX_NOTES_LENGTH};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::format::{clock_text, party_name};
use crate::i18n::{use_i18n, Msg};

/// The after-call work of the last contact-centre call, while it is not saved.
#[component]
pub fn AfterCallPanel(console: ConsoleState) -> impl IntoView {
    let work = Memo::new(move |_| console.session.with(|s| s.desk().after_call().cloned()));
    // A form per call: a new call's work starts blank.
    move || {
        work.get()
            .map(|work| view! { <AfterCallForm console=console work=work /> })
    }
}

/// The form of one call's after-call work.
#[component]
fn AfterCallForm(console: ConsoleState, work: AfterCallWork) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<DispositionId>);
    let notes = RwSignal::new(String::new());
    let dispositions = Memo::new(move |_| {
        console
            .session
            .with(|s| s.desk().wrap_up_policy().dispositions.clone())
    });
    let call = StoredValue::new(work.call.clone());
    let save = move |tracked: bool| Intent::SaveAfterCallWork {
        call: call.get_value(),
        disposition: if tracked {
            chosen.get()
        } else {
            chosen.get_untracked()
        },
        notes: if tracked {
            notes.get()
        } else {
            notes.get_untracked()
        },
    };
    let remaining = move || {
        let now = console.clock.get();
        console.session.with(|s| s.machine().wrap_up_remaining(now))
    };
    let party = party_name(&work.party).unwrap_or_else(|| i18n.t(Msg::Anonymous).to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        console.send(save(false));
    };
    view! {
        <section class="after-call card-section" aria-labelledby="after-call-title" data-testid="after-call">
            <h2 id="after-call-title">{move || i18n.t(Msg::AfterCallWork)}" · "{party}</h2>
            {move || remaining().map(|left| view! {
                <p class="wrap-up-countdown" role="timer" data-testid="wrap-up-countdown">
                    {i18n.t(Msg::WrapUpEndsIn)}" "<time>{clock_text(left)}</time>" "
                    <button type="button" class="small" data-testid="extend-wrap-up"
                        disabled=move || !console.allows(Intent::ExtendWrapUp)
                        on:click=move |_| console.send(Intent::ExtendWrapUp)>{move || i18n.t(Msg::ExtendWrapUp)}</button>
                </p>
            })}
            <form on:submit=submit>
                <Show when=move || !dispositions.with(Vec::is_empty)>
                    <label for="after-call-disposition">{move || i18n.t(Msg::Disposition)}</label>
                    <select id="after-call-disposition" data-testid="disposition" required
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            chosen.set((!value.is_empty()).then(|| DispositionId::new(value)));
                        }>
                        <option value="" selected=move || chosen.with(Option::is_none)>
                            {move || i18n.t(Msg::ChooseDisposition)}</option>
                        <For each=move || dispositions.get() key=|d| d.id.clone() let:d>
                            <option value=d.id.to_string()
                                selected={
                                    let id = d.id.clone();
                                    move || chosen.with(|c| c.as_ref() == Some(&id))
                                }>{d.label.clone()}</option>
                        </For>
                    </select>
                </Show>
                <label for="after-call-notes">{move || i18n.t(Msg::Notes)}</label>
                <textarea id="after-call-notes" data-testid="after-call-notes" rows="3"
                    maxlength=MAX_NOTES_LENGTH.to_string()
                    prop:value=move || notes.get()
                    on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary" data-testid="save-after-call"
                    disabled=move || !console.allows(save(true))>{move || i18n.t(Msg::SaveAfterCall)}</button>
            </form>
        </section>
    }
}
