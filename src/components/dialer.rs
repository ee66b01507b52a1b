//! The number field and the dial pad: type or click a number, Enter or Call to dial it. The
//! same field feeds consult, blind transfer, redirect and tones (see the call controls).

use cti::model::intent::{normalize_number, NumberProblem};
use cti::model::Intent;
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// The keys of the pad, in reading order.
const PAD: [char; 12] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/// The number field, the pad, and Call. `folded_pad` puts the pad behind a disclosure (the
/// compact layout: a CRM dials by click, the agent types).
#[component]
pub fn Dialer(console: ConsoleState, #[prop(optional)] folded_pad: bool) -> impl IntoView {
    let i18n = use_i18n();
    let number = console.number;
    let make_call = move |tracked: bool| Intent::MakeCall {
        to: if tracked {
            number.get()
        } else {
            number.get_untracked()
        }
        .trim()
        .to_owned(),
    };
    // Letters or an over-long number are said as they are typed, not left as a silently
    // disabled button.
    let problem = Memo::new(move |_| match normalize_number(&number.get()) {
        Err(NumberProblem::NotDialable(bad)) => Some(
            i18n.t(Msg::NumberNotDialable)
                .replace("{}", &bad.to_string()),
        ),
        Err(NumberProblem::TooLong) => Some(i18n.t(Msg::NumberTooLong).to_owned()),
        Ok(_) | Err(NumberProblem::Empty) | Err(_) => None,
    });
    let dial = move || {
        let intent = make_call(false);
        if console.allows(intent.clone()) {
            console.send(intent);
            number.set(String::new());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            dial();
        }
    };
    view! {
        <section class="dialer" aria-labelledby="dialer-title">
            <h2 id="dialer-title" class="sr-only">{move || i18n.t(Msg::DialPad)}</h2>
            <div class="number-row">
                <label for="dial-number" class="sr-only">{move || i18n.t(Msg::Number)}</label>
                <input id="dial-number" type="tel" inputmode="tel" autocomplete="off"
                    placeholder=move || i18n.t(Msg::Number)
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    aria-describedby="dial-number-problem"
                    prop:value=move || number.get()
                    on:input=move |ev| number.set(event_target_value(&ev))
                    on:keydown=on_key />
                <button type="button" class="primary" data-testid="make-call"
                    disabled=move || !console.allows(make_call(true)) on:click=move |_| dial()>
                    {move || i18n.t(Msg::Call)}
                </button>
            </div>
            <p id="dial-number-problem" class="field-problem" role="alert" data-testid="number-problem">
                {move || problem.get()}
            </p>
            {if folded_pad {
                view! {
                    <details class="pad-fold">
                        <summary>{move || i18n.t(Msg::DialPad)}</summary>
                        {pad(console)}
                    </details>
                }.into_any()
            } else {
                pad(console).into_any()
            }}
        </section>
    }
}

/// The twelve keys; each appends to the number field.
fn pad(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let number = console.number;
    view! {
        <div class="pad" role="group" aria-label=move || i18n.t(Msg::DialPad)>
            {PAD.into_iter().map(|key| view! {
                <button type="button" class="key" aria-label=key.to_string()
                    on:click=move |_| number.update(|n| n.push(key))>{key.to_string()}</button>
            }).collect_view()}
        </div>
    }
}
