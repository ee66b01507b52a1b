//! The toast region: announced to screen readers as it changes.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::toasts::Toasts;

/// The messages of `toasts`, newest last, each with a Dismiss button.
#[component]
pub fn ToastRegion(toasts: Toasts) -> impl IntoView {
    let i18n = use_i18n();
    let items = toasts.items();
    view! {
        <div class="toasts" role="log" aria-live="assertive" aria-relevant="additions" data-testid="toasts">
            <For each=move || items.get() key=|toast| toast.id let:toast>
                <div class="toast" data-testid="toast">
                    <span class="toast-text">{toast.text.clone()}</span>
                    <button type="button" class="icon" aria-label=move || i18n.t(Msg::Dismiss)
                        on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
