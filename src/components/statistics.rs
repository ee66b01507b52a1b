//! The agent's day in figures: time ready, paused and in wrap-up, the state the agent is in
//! counted up to now, and since when the agent is logged in.

use cti::model::Instant;
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::format::{clock_text, local_date_time};
use crate::i18n::{use_i18n, Msg};

/// Milliseconds since the Unix epoch of an RFC 3339 date, when it is one.
fn unix_ms(rfc3339: &str) -> Option<u64> {
    let ms = js_sys::Date::parse(rfc3339);
    // A date after 1970 and before the year 285 616: a whole number of milliseconds.
    (ms.is_finite() && ms >= 0.0).then_some(ms as u64)
}

/// The agent's statistics of the day.
#[component]
pub fn StatisticsPanel(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let reported = move || console.session.with(|s| s.desk().statistics().is_some());
    let totals = move || {
        let now = console.clock.get();
        console.session.with(|s| {
            s.desk()
                .statistics()
                .map(|stats| stats.totals_at(now, s.status()))
        })
    };
    let row = move |msg: Msg,
                    testid: &'static str,
                    pick: fn(
        (
            core::time::Duration,
            core::time::Duration,
            core::time::Duration,
        ),
    ) -> core::time::Duration| {
        view! {
            <dt>{move || i18n.t(msg)}</dt>
            <dd data-testid=testid>{move || totals().map(|t| clock_text(pick(t)))}</dd>
        }
    };
    // Since when the agent is logged in (the last log-in, unless a log-out came after it),
    // and for how long, on the console's clock (Unix milliseconds in the browser).
    let since = move || {
        let now = console.clock.get();
        console.session.with(|s| {
            let stats = s.desk().statistics()?;
            let login = stats.logged_in_at.as_deref()?;
            let logged_out_after = stats
                .logged_out_at
                .as_deref()
                .and_then(unix_ms)
                .zip(unix_ms(login))
                .is_some_and(|(out, at)| out >= at);
            if logged_out_after || s.desk().agent().logged_on().is_none() {
                return None;
            }
            let elapsed = unix_ms(login)
                .map(|at| now.saturating_duration_since(Instant::from_millis(at)))
                .map(clock_text)
                .unwrap_or_default();
            Some((local_date_time(login, i18n.lang().code()), elapsed))
        })
    };
    view! {
        <section class="statistics" aria-labelledby="statistics-title" data-testid="statistics">
            <h2 id="statistics-title">{move || i18n.t(Msg::StatisticsToday)}</h2>
            <Show when=reported fallback=move || view! { <p class="empty">{move || i18n.t(Msg::NoStatistics)}</p> }>
                <dl class="figures">
                    {row(Msg::ReadyTotal, "stat-ready", |t| t.0)}
                    {row(Msg::PausedTotal, "stat-paused", |t| t.1)}
                    {row(Msg::WrapUpTotal, "stat-wrap-up", |t| t.2)}
                </dl>
                {move || since().map(|(at, elapsed)| view! {
                    <p class="since" data-testid="stat-since">
                        {move || i18n.t(Msg::LoggedInSince)}" "{at}" · "<time data-testid="stat-since-elapsed">{elapsed}</time>
                    </p>
                })}
            </Show>
        </section>
    }
}
