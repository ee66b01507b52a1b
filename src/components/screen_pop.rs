//! The screen pop of the last distributed call: what the contact centre knows of the caller,
//! and a link to the customer's page.

use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// The last screen pop, when the contact centre sent one.
#[component]
pub fn ScreenPopCard(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let pop = Memo::new(move |_| console.session.with(|s| s.desk().screen_pop().cloned()));
    move || {
        pop.get().map(|pop| {
            let fields = pop
                .fields
                .into_iter()
                .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                .collect_view();
            view! {
                <section class="screen-pop" aria-labelledby="screen-pop-title" data-testid="screen-pop">
                    <h2 id="screen-pop-title">{move || i18n.t(Msg::ScreenPop)}</h2>
                    <dl class="figures">{fields}</dl>
                    {pop.url.map(|url| view! {
                        <a href=url target="_blank" rel="noopener noreferrer" data-testid="screen-pop-link">
                            {move || i18n.t(Msg::OpenScreenPop)}
                        </a>
                    })}
                </section>
            }
        })
    }
}
