//! The agent's side: the status bar, log on, the state buttons, skills, supervisor help.

use cti::model::{Intent, ReasonId};
use leptos::prelude::*;

use crate::console::ConsoleState;
use crate::format::{agent_status_class, agent_status_msg, clock_text};
use crate::i18n::{use_i18n, Msg};

/// The agent's state, the time in it, the group; the wrap-up time left when limited.
#[component]
pub fn StatusBar(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let status = Memo::new(move |_| console.session.with(|m| m.status()));
    let elapsed = move || {
        let now = console.clock.get();
        console.session.with(|m| clock_text(m.time_in_state(now)))
    };
    let place = move || {
        console.session.with(|m| {
            m.desk().agent().logged_on().map(|on| {
                let device = on.device.clone().unwrap_or_default();
                match &on.group {
                    Some(group) => format!("{device} · {group}"),
                    None => device,
                }
            })
        })
    };
    let help = move || console.session.with(|m| m.desk().help().is_some());
    // The reason of a withdrawal, by its label in the agent's list.
    let reason = move || {
        console.session.with(|s| {
            let desk = s.desk();
            match desk.agent().logged_on().map(|on| &on.activity) {
                Some(cti::model::Activity::Withdrawn(w)) => {
                    let id = w.reason.as_ref()?;
                    Some(
                        desk.reasons()
                            .iter()
                            .find(|r| &r.id == id)
                            .map_or_else(|| id.to_string(), |r| r.label.clone()),
                    )
                }
                _ => None,
            }
        })
    };
    let plain_user = Memo::new(move |_| console.session.with(|s| s.desk().is_plain_user()));
    view! {
        <section class="status-bar" aria-label=move || i18n.t(Msg::AgentState) data-testid="status-bar"
            hidden=move || plain_user.get()>
            <span class=move || agent_status_class(status.get()) data-testid="agent-status">
                {move || i18n.t(agent_status_msg(status.get()))}
            </span>
            {move || reason().map(|r| view! { <span class="reason" data-testid="agent-reason">{r}</span> })}
            <time class="timer" data-testid="agent-timer" aria-live="off">{elapsed}</time>
            <span class="place" data-testid="agent-place">{place}</span>
            <Show when=help>
                <span class="badge">{move || i18n.t(Msg::HelpPending)}</span>
            </Show>
        </section>
    }
}

/// Log on when logged off; otherwise the state buttons, skills and help.
#[component]
pub fn AgentPanel(console: ConsoleState) -> impl IntoView {
    let logged_on = Memo::new(move |_| {
        console
            .session
            .with(|m| m.desk().agent().logged_on().is_some())
    });
    // The log-on form once the backend said the user is an agent: a plain user (no ACD role)
    // has nothing to log on to.
    let may_log_on = Memo::new(move |_| {
        console
            .session
            .with(|s| s.desk().profile().is_some_and(|p| p.role.is_agent()))
    });
    view! {
        <Show when=move || logged_on.get()
            fallback=move || view! { <Show when=move || may_log_on.get()><LogOnForm console=console /></Show> }>
            <AgentControls console=console />
            <SkillList console=console />
        </Show>
    }
}

/// The pro-ACD device and the processing group, from the agent configuration.
#[component]
pub fn LogOnForm(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let typed_device = RwSignal::new(None::<String>);
    let chosen_group = RwSignal::new(None::<String>);
    let profile = move || {
        console
            .session
            .with(|s| s.desk().profile().cloned().unwrap_or_default())
    };
    let device = move || {
        typed_device
            .get()
            .unwrap_or_else(|| profile().default_device.unwrap_or_default())
    };
    let groups = move || profile().groups;
    let group = move || {
        chosen_group
            .get()
            .or_else(|| profile().default_group().map(str::to_owned))
            .filter(|g| !g.is_empty())
    };
    let intent = move || Intent::LogOn {
        device: device().trim().to_owned(),
        group: group(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        console.send(intent());
    };
    view! {
        <form class="log-on card-section" on:submit=submit aria-labelledby="log-on-title" data-testid="log-on">
            <h2 id="log-on-title">{move || i18n.t(Msg::LogOnTitle)}</h2>
            <label for="log-on-device">{move || i18n.t(Msg::ProAcdDevice)}</label>
            <input id="log-on-device" inputmode="tel" autocomplete="off" prop:value=device
                on:input=move |ev| typed_device.set(Some(event_target_value(&ev))) />
            <label for="log-on-group">{move || i18n.t(Msg::Group)}</label>
            <select id="log-on-group" on:change=move |ev| chosen_group.set(Some(event_target_value(&ev)))>
                <option value="" selected=move || group().is_none()>{move || i18n.t(Msg::NoGroup)}</option>
                {move || groups().into_iter().map(|g| {
                    let value = g.clone();
                    let selected = move || group().as_deref() == Some(value.as_str());
                    view! { <option value=g.clone() selected=selected>{g.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="primary" disabled=move || !console.allows(intent())>
                {move || i18n.t(Msg::LogOn)}
            </button>
        </form>
    }
}

/// Ready, Pause, Wrap-up, Withdraw (with a reason), Log off, supervisor help.
#[component]
fn AgentControls(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(None::<ReasonId>);
    let reasons = move || console.session.with(|s| s.desk().reasons().to_vec());
    let selected_reason = move || {
        reason
            .get()
            .filter(|chosen| reasons().iter().any(|r| r.id == *chosen))
            .or_else(|| reasons().first().map(|r| r.id.clone()))
    };
    let withdraw = move || selected_reason().map(|reason| Intent::Withdraw { reason });
    let help_pending = move || console.session.with(|m| m.desk().help().is_some());
    let button = move |msg: Msg, intent: Intent, testid: &'static str| {
        let check = intent.clone();
        view! {
            <button type="button" data-testid=testid disabled=move || !console.allows(check.clone())
                on:click=move |_| console.send(intent.clone())>{move || i18n.t(msg)}</button>
        }
    };
    // A state change asked during a call waits for its end (Finesse's pending Not Ready).
    let state_button = move |msg: Msg, intent: Intent, testid: &'static str| {
        let check = intent.clone();
        view! {
            <button type="button" data-testid=testid disabled=move || !console.allows_or_defers(check.clone())
                on:click=move |_| console.send_or_defer(intent.clone())>{move || i18n.t(msg)}</button>
        }
    };
    let deferred = move || {
        console.session.with(|s| {
            s.deferred().map(|intent| match intent {
                Intent::Pause => i18n.t(Msg::PauseAfterCall).to_owned(),
                Intent::Withdraw { .. } => i18n.t(Msg::WithdrawAfterCall).to_owned(),
                Intent::WrapUp => i18n.t(Msg::WrapUpAfterCall).to_owned(),
                _ => i18n.t(Msg::ReadyAfterCall).to_owned(),
            })
        })
    };
    view! {
        <div class="agent-controls" role="group" aria-label=move || i18n.t(Msg::AgentState)>
            {state_button(Msg::GoReady, Intent::GoReady, "go-ready")}
            {state_button(Msg::Pause, Intent::Pause, "pause")}
            {state_button(Msg::EnterWrapUp, Intent::WrapUp, "wrap-up")}
            <span class="withdraw">
                <label class="sr-only" for="withdraw-reason">{move || i18n.t(Msg::WithdrawReason)}</label>
                <select id="withdraw-reason" on:change=move |ev| reason.set(Some(ReasonId::new(event_target_value(&ev))))>
                    <For each=reasons key=|r| r.id.clone() let:r>
                        <option value=r.id.to_string()
                            selected={
                                let id = r.id.clone();
                                move || selected_reason().as_ref() == Some(&id)
                            }>
                            {r.label.clone()}
                        </option>
                    </For>
                </select>
                <button type="button" data-testid="withdraw"
                    disabled=move || !withdraw().is_some_and(|intent| console.allows_or_defers(intent))
                    on:click=move |_| if let Some(intent) = withdraw() { console.send_or_defer(intent) }>{move || i18n.t(Msg::Withdraw)}</button>
            </span>
            {button(Msg::LogOff, Intent::LogOff, "log-off")}
            {move || deferred().map(|text| view! {
                <span class="badge pending" role="status" data-testid="deferred">
                    {text}" "
                    <button type="button" class="small" data-testid="cancel-deferred"
                        on:click=move |_| console.cancel_deferred()>{move || i18n.t(Msg::Cancel)}</button>
                </span>
            })}
            <Show when=help_pending fallback=move || button(Msg::RequestHelp, Intent::RequestHelp, "request-help")>
                {button(Msg::CancelHelp, Intent::CancelHelp, "cancel-help")}
            </Show>
        </div>
    }
}

/// Each skill with a switch to activate or deactivate it.
#[component]
fn SkillList(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let skills = move || console.session.with(|m| m.desk().skills().to_vec());
    let toggle = move |number: u32, active: bool| {
        let skills = vec![number];
        console.send(if active {
            Intent::DeactivateSkills { skills }
        } else {
            Intent::ActivateSkills { skills }
        });
    };
    view! {
        <Show when=move || !skills().is_empty()>
            <fieldset class="skills">
                <legend>{move || i18n.t(Msg::Skills)}</legend>
                <For each=skills key=|s| (s.number, s.active, s.level) let:skill>
                    <label class="skill">
                        <input type="checkbox" role="switch" checked=skill.active
                            on:change=move |_| toggle(skill.number, skill.active) />
                        {move || format!("{} {} ({})", i18n.t(Msg::Skill), skill.number, skill.level)}
                    </label>
                </For>
            </fieldset>
        </Show>
    }
}

/// (Supervisor) the agents asking for help: join their call, refuse (they are told), or
/// dismiss from this list.
#[component]
pub fn HelpAsks(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let asks = move || console.session.with(|s| s.desk().help_asks().to_vec());
    view! {
        <Show when=move || !asks().is_empty()>
            <section class="help-asks card-section" role="region" aria-labelledby="help-asks-title"
                data-testid="help-asks">
                <h2 id="help-asks-title">{move || i18n.t(Msg::HelpAsks)}</h2>
                <ul>
                    <For each=asks key=|ask| ask.agent.clone() let:ask>
                        {
                            let agent = ask.agent.clone();
                            let answer = Intent::AnswerHelp { agent: agent.clone() };
                            let refuse = Intent::RefuseHelp { agent: agent.clone() };
                            let (answer_check, refuse_check) = (answer.clone(), refuse.clone());
                            let dismissed = agent.clone();
                            view! {
                                <li data-testid="help-ask">
                                    <span>{format!("{} {agent}", i18n.t(Msg::HelpAskedBy))}</span>
                                    <button type="button" class="primary small" data-testid="answer-help"
                                        disabled=move || !console.allows(answer_check.clone())
                                        on:click=move |_| console.send(answer.clone())>{move || i18n.t(Msg::JoinCall)}</button>
                                    <button type="button" class="small" data-testid="refuse-help"
                                        disabled=move || !console.allows(refuse_check.clone())
                                        on:click=move |_| console.send(refuse.clone())>{move || i18n.t(Msg::Refuse)}</button>
                                    <button type="button" class="small" data-testid="dismiss-help"
                                        on:click=move |_| console.apply(cti::machine::Update::HelpAskEnded { agent: dismissed.clone() })>
                                        {move || i18n.t(Msg::Dismiss)}</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}
