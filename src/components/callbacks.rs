//! Callback requests: customers waiting to be called back, by due date and period. An agent
//! takes one (the others see it taken at once), calls it, then closes it with how it went or
//! reschedules it for another day; or releases it untouched.

use cti::model::{CallbackOutcome, CallbackRequest, CallbackTaker, Intent};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::i18n::{use_i18n, Msg};

/// The callback requests of the agent's lists.
#[component]
pub fn CallbacksPanel(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let ids = Memo::new(move |_| {
        console.session.with(|s| {
            s.desk()
                .callbacks()
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="callbacks" aria-labelledby="callbacks-title" data-testid="callbacks">
            <h2 id="callbacks-title">{move || i18n.t(Msg::Callbacks)}</h2>
            <Show when=move || !ids.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || i18n.t(Msg::NoCallbacks)}</p> }>
                <ul class="callback-list">
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <CallbackItem console=console id=id />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// When a request is due: its day, and its period with its hours.
fn due_text(request: &CallbackRequest) -> String {
    let mut text = request.due.clone().unwrap_or_default();
    if let Some(period) = &request.period {
        let hours = match (&period.start, &period.end) {
            (Some(start), Some(end)) => format!(" ({}–{})", short_time(start), short_time(end)),
            _ => String::new(),
        };
        text = format!("{text} · {}{hours}", period.name);
    }
    text
}

/// `08:00:00` as `08:00`.
fn short_time(time: &str) -> &str {
    time.get(..5).unwrap_or(time)
}

/// One request, its state and what the agent may do with it.
#[component]
fn CallbackItem(console: ConsoleState, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let key = StoredValue::new(id);
    let request = Memo::new(move |_| {
        console
            .session
            .with(|s| key.with_value(|id| s.desk().callback(id).cloned()))
    });
    let field = move |f: fn(&CallbackRequest) -> Option<String>| {
        move || request.with(|r| r.as_ref().and_then(f))
    };
    let taken = move || {
        request.with(|r| match r.as_ref().and_then(|r| r.taken.clone()) {
            Some(CallbackTaker::Me) => Some(i18n.t(Msg::TakenByYou).to_owned()),
            Some(CallbackTaker::Other(who)) => Some(format!("{} {who}", i18n.t(Msg::TakenBy))),
            None => None,
        })
    };
    let mine = move || request.with(|r| r.as_ref().is_some_and(CallbackRequest::is_mine));
    let called = move || request.with(|r| r.as_ref().is_some_and(|r| r.is_mine() && r.called));
    let request_id = move || key.get_value();
    let button = move |msg: Msg, testid: &'static str, intent: fn(String) -> Intent| {
        view! {
            <button type="button" class="small" data-testid=testid
                disabled=move || !console.allows(intent(request_id()))
                on:click=move |_| console.send(intent(request_id()))>{move || i18n.t(msg)}</button>
        }
    };
    // Each of the request's numbers may be called.
    let numbers = move || {
        request.with(|r| {
            r.as_ref()
                .map(|r| {
                    [r.number.clone(), r.mobile.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let call_buttons = move || {
        numbers()
            .into_iter()
            .map(|number| {
                let shown = number.clone();
                let intent = move || Intent::StartCallback {
                    request: request_id(),
                    number: number.clone(),
                };
                let send = intent.clone();
                view! {
                    <button type="button" class="small" data-testid="callback-call"
                        disabled=move || !console.allows(intent())
                        on:click=move |_| console.send(send())>
                        {move || i18n.t(Msg::CallBack)}" "{shown.clone()}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <li class="callback" class:mine=mine data-testid="callback" data-callback-id=request_id>
            <div class="callback-head">
                <strong data-testid="callback-name">{field(|r| r.name.clone().or_else(|| r.number.clone()))}</strong>
                {move || field(|r| r.company.clone())().map(|c| view! { <span class="company">" · "{c}</span> })}
                <span class="due" data-testid="callback-due">{move || request.with(|r| r.as_ref().map(due_text))}</span>
            </div>
            <div class="callback-facts">
                <span class="number">{field(|r| r.number.clone())}</span>
                <span class="list">{field(|r| Some(r.list.clone()))}</span>
                {move || taken().map(|t| view! { <span class="badge" data-testid="callback-taken">{t}</span> })}
            </div>
            {move || field(|r| r.description.clone())().map(|d| view! { <p class="description">{d}</p> })}
            <div class="callback-controls" role="group">
                {button(Msg::TakeCallback, "callback-take", |request| Intent::TakeCallback { request })}
                <Show when=mine>{call_buttons}</Show>
                {button(Msg::ReleaseCallback, "callback-release", |request| Intent::ReleaseCallback { request })}
            </div>
            <Show when=called>
                <CallbackOutcomeForm console=console id=key.get_value() />
            </Show>
        </li>
    }
}

/// After the call: close with an outcome and a comment, or reschedule for another day.
#[component]
fn CallbackOutcomeForm(console: ConsoleState, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let key = StoredValue::new(id);
    let outcome = RwSignal::new(CallbackOutcome::Answered);
    let comment = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let chosen_period = RwSignal::new(None::<String>);
    let periods = move || {
        console
            .session
            .with(|s| s.desk().callback_periods().to_vec())
    };
    let period = move || {
        chosen_period.get().or_else(|| {
            let periods = periods();
            periods
                .iter()
                .find(|p| p.default)
                .or(periods.first())
                .map(|p| p.id.clone())
        })
    };
    let close = move || Intent::CloseCallback {
        request: key.get_value(),
        outcome: outcome.get(),
        comment: comment.get().trim().to_owned(),
    };
    let reschedule = move || Intent::RescheduleCallback {
        request: key.get_value(),
        due: due.get(),
        period: period().unwrap_or_default(),
        comment: comment.get().trim().to_owned(),
    };
    let outcome_option = move |value: CallbackOutcome, code: &'static str, msg: Msg| {
        view! { <option value=code selected=move || outcome.get() == value>{move || i18n.t(msg)}</option> }
    };
    view! {
        <div class="callback-outcome" data-testid="callback-outcome">
            <label>{move || i18n.t(Msg::CallbackOutcome)}
                <select data-testid="callback-status" on:change=move |ev| outcome.set(match event_target_value(&ev).as_str() {
                    "noAnswer" => CallbackOutcome::NoAnswer,
                    "fax" => CallbackOutcome::Fax,
                    _ => CallbackOutcome::Answered,
                })>
                    {outcome_option(CallbackOutcome::Answered, "answered", Msg::OutcomeAnswered)}
                    {outcome_option(CallbackOutcome::NoAnswer, "noAnswer", Msg::OutcomeNoAnswer)}
                    {outcome_option(CallbackOutcome::Fax, "fax", Msg::OutcomeFax)}
                </select>
            </label>
            <label>{move || i18n.t(Msg::CallbackComment)}
                <input type="text" data-testid="callback-comment" prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev)) />
            </label>
            <button type="button" class="small primary" data-testid="callback-close"
                disabled=move || !console.allows(close()) on:click=move |_| console.send(close())>
                {move || i18n.t(Msg::CloseCallback)}
            </button>
            <label>{move || i18n.t(Msg::RescheduleDay)}
                <input type="date" data-testid="callback-day" prop:value=move || due.get()
                    on:input=move |ev| due.set(event_target_value(&ev)) />
            </label>
            <label>{move || i18n.t(Msg::ReschedulePeriod)}
                <select data-testid="callback-period" on:change=move |ev| chosen_period.set(Some(event_target_value(&ev)))>
                    {move || periods().into_iter().map(|p| {
                        let id = p.id.clone();
                        let selected = move || period().as_deref() == Some(id.as_str());
                        view! { <option value=p.id.clone() selected=selected>{p.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="small" data-testid="callback-reschedule"
                disabled=move || !console.allows(reschedule()) on:click=move |_| console.send(reschedule())>
                {move || i18n.t(Msg::Reschedule)}
            </button>
        </div>
    }
}
