//! The current calls, each with its state, timer, parties, ACD data and controls.

use cti::model::{CallRef, Intent, RecordingControl};
use leptos::prelude::*;

use super::TransferPicker;
use crate::console::ConsoleState;
use crate::format::{call_state_msg, clock_text, party_name};
use crate::i18n::{use_i18n, Msg};

/// Every current call, keyed by reference: an update re-renders only what changed in it.
#[component]
pub fn CallList(console: ConsoleState) -> impl IntoView {
    let i18n = use_i18n();
    let references = Memo::new(move |_| {
        console.session.with(|m| {
            m.desk()
                .calls()
                .iter()
                .map(|c| c.reference.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="calls" aria-labelledby="calls-title">
            <h2 id="calls-title">{move || i18n.t(Msg::Calls)}</h2>
            <Show when=move || references.with(Vec::is_empty)>
                <p class="empty">{move || i18n.t(Msg::NoCalls)}</p>
            </Show>
            <ul class="call-list" data-testid="call-list">
                <For each=move || references.get() key=|r| r.clone() let:reference>
                    <CallItem console=console reference=reference />
                </For>
            </ul>
        </section>
    }
}

/// Another held call to pair with `call` for a transfer or a conference.
fn held_counterpart(console: &ConsoleState, call: &CallRef) -> Option<CallRef> {
    console.session.with(|m| {
        m.desk()
            .calls()
            .iter()
            .find(|c| c.reference != *call && c.is_held())
            .map(|c| c.reference.clone())
    })
}

/// What a call's button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallAction {
    /// Answer it.
    Answer,
    /// Hang it up.
    HangUp,
    /// Put it on hold.
    Hold,
    /// Take it back.
    Retrieve,
    /// Swap to it (a held call) from the active one.
    Alternate,
    /// Connect it with the held call and leave.
    Transfer,
    /// Join it and the held call.
    Merge,
    /// Call the number in the dial field while it waits.
    Consult,
    /// Transfer it to the number in the dial field.
    BlindTransfer,
    /// Deflect it (ringing) to the number in the dial field.
    Redirect,
    /// Send the dial field's digits as tones.
    SendDtmf,
    /// Control its recording.
    Record(RecordingControl),
}

impl CallAction {
    /// Whether the action uses up the number in the dial field (cleared once it is done).
    pub fn consumes_number(self) -> bool {
        matches!(
            self,
            CallAction::Consult
                | CallAction::BlindTransfer
                | CallAction::Redirect
                | CallAction::SendDtmf
        )
    }

    /// The intent for `call`; `number` is the dial field, `held` another held call.
    pub fn intent(self, call: &CallRef, number: String, held: Option<CallRef>) -> Intent {
        let call = call.clone();
        let held = || held.clone().unwrap_or_else(|| call.clone());
        match self {
            CallAction::Answer => Intent::Answer { call },
            CallAction::HangUp => Intent::HangUp { call },
            CallAction::Hold => Intent::Hold { call },
            CallAction::Retrieve => Intent::Retrieve { call },
            CallAction::Alternate => Intent::Alternate { held: call },
            CallAction::Transfer => Intent::Transfer {
                held: held(),
                active: call,
            },
            CallAction::Merge => Intent::Merge {
                held: held(),
                active: call,
            },
            CallAction::Consult => Intent::Consult { call, to: number },
            CallAction::BlindTransfer => Intent::BlindTransfer { call, to: number },
            CallAction::Redirect => Intent::Redirect { call, to: number },
            CallAction::SendDtmf => Intent::SendDtmf {
                call,
                digits: number,
            },
            CallAction::Record(control) => Intent::Record { call, control },
        }
    }
}

/// One call. It reads its own entry of the Machine by reference, so it stays in place (and
/// keeps focus) while its state changes.
#[component]
pub fn CallItem(console: ConsoleState, reference: CallRef) -> impl IntoView {
    let i18n = use_i18n();
    let lookup = reference.clone();
    let call = Memo::new(move |_| console.session.with(|m| m.desk().call(&lookup).cloned()));
    // A call being released says why, when the backend said (the callee is on
    // do-not-disturb, busy, unreachable): the caller is not left guessing.
    let state = move || {
        call.with(|c| {
            c.as_ref()
                .map(|c| match (c.state, c.cause.and_then(failure_msg)) {
                    (cti::model::CallState::Releasing, Some(why)) => i18n.t(why),
                    _ => i18n.t(call_state_msg(c.state)),
                })
        })
    };
    // The total handle time, from the call's start: hold and retrieve do not reset it. A held
    // call also says how long it has waited.
    let timer = move || {
        let now = console.clock.get();
        call.with(|c| c.as_ref().map(|c| clock_text(c.handle_time(now))))
    };
    let held_for = move || {
        let now = console.clock.get();
        call.with(|c| {
            c.as_ref()
                .filter(|c| c.is_held())
                .map(|c| clock_text(c.time_in_state(now)))
        })
    };
    let remote = move || {
        call.with(|c| {
            c.as_ref()
                .and_then(|c| party_name(&c.remote))
                .unwrap_or_else(|| i18n.t(Msg::Anonymous).to_owned())
        })
    };
    let number = move || {
        call.with(|c| {
            c.as_ref()
                .and_then(|c| c.remote.number.clone())
                .filter(|n| Some(n) != c.as_ref().and_then(|c| c.remote.name.as_ref()))
        })
    };
    let acd = move || {
        call.with(|c| {
            let c = c.as_ref()?;
            let acd = c.acd.clone()?;
            // The pilot by its name when the backend named the number the caller dialled.
            let pilot = acd.pilot.map(|p| {
                let name = c
                    .called
                    .as_ref()
                    .filter(|called| called.number.as_deref() == Some(p.as_str()))
                    .and_then(|called| called.name.clone())
                    .unwrap_or(p);
                format!("{} {name}", i18n.t(Msg::Pilot))
            });
            let wait = acd
                .queue_waiting
                .map(|w| format!("{} {}", i18n.t(Msg::QueueWait), clock_text(w)));
            Some(
                [pilot, wait]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
            )
        })
    };
    // Data an IVR or a CRM attached to the call: the caller's context, as the contact
    // centre passes it on.
    let attached = move || {
        call.with(|c| {
            c.as_ref()?
                .associated_data
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(readable_data)
        })
    };
    let recording = move || {
        call.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.recording != cti::model::Recording::Off)
        })
    };
    let state_class = move || {
        call.with(|c| match c.as_ref().map(|c| c.state) {
            Some(cti::model::CallState::RingingIn) => "call ringing",
            Some(cti::model::CallState::Held) => "call held",
            Some(cti::model::CallState::Active) => "call active",
            _ => "call",
        })
    };

    let reference = StoredValue::new(reference);
    let intent = move |action: CallAction, tracked: bool| {
        let number = if tracked {
            console.number.get()
        } else {
            console.number.get_untracked()
        };
        reference.with_value(|r| action.intent(r, number, held_counterpart(&console, r)))
    };
    // Enabled exactly when the Machine would send the intent.
    let button = move |action: CallAction, msg: Msg, testid: &'static str| {
        view! {
            <button type="button" data-testid=testid
                disabled=move || !console.allows(intent(action, true))
                on:click=move |_| {
                    // A number the action consumed leaves the field once the gateway took it.
                    let number = console.number;
                    let consumes = action.consumes_number();
                    console.send_then(intent(action, false), move |outcome| {
                        if consumes && outcome.is_ok() {
                            let _ = number.try_set(String::new());
                        }
                    });
                }>{move || i18n.t(msg)}</button>
        }
    };
    view! {
        <li class=state_class data-testid="call" data-call-ref=move || reference.with_value(|r| r.to_string())>
            <div class="call-head">
                <span class="call-state" data-testid="call-state">{state}</span>
                <time class="timer" data-testid="call-timer">{timer}</time>
                {move || held_for().map(|held| view! {
                    <span class="held-for" data-testid="held-for">{i18n.t(Msg::HeldFor)}" "{held}</span>
                })}
                <Show when=recording>
                    <span class="badge rec">{move || i18n.t(Msg::Recording)}</span>
                </Show>
            </div>
            <div class="call-party">
                <strong data-testid="call-remote">{remote}</strong>
                <span class="number" data-testid="call-number">{number}</span>
            </div>
            <div class="call-acd" data-testid="call-acd">{acd}</div>
            {move || attached().map(|data| view! {
                <div class="call-data" data-testid="call-data">{i18n.t(Msg::CallData)}": "{data}</div>
            })}
            <ConferenceParties console=console call=call />
            <div class="call-controls" role="group" aria-label=remote>
                {button(CallAction::Answer, Msg::Answer, "answer")}
                {button(CallAction::HangUp, Msg::HangUp, "hang-up")}
                {button(CallAction::Hold, Msg::Hold, "hold")}
                {button(CallAction::Retrieve, Msg::Retrieve, "retrieve")}
                {button(CallAction::Alternate, Msg::Alternate, "alternate")}
                {button(CallAction::Transfer, Msg::Transfer, "transfer")}
                {button(CallAction::Merge, Msg::Merge, "merge")}
            </div>
            <div class="call-controls secondary" role="group" aria-label=remote>
                <TransferPicker console=console call=reference.get_value() />
                {button(CallAction::Consult, Msg::Consult, "consult")}
                {button(CallAction::BlindTransfer, Msg::BlindTransfer, "blind-transfer")}
                {button(CallAction::Redirect, Msg::Redirect, "redirect")}
                {button(CallAction::SendDtmf, Msg::SendTones, "send-dtmf")}
            </div>
            <div class="call-controls recording" role="group" aria-label=move || i18n.t(Msg::Recording)>
                {button(CallAction::Record(RecordingControl::Start), Msg::RecordStart, "record-start")}
                {button(CallAction::Record(RecordingControl::Pause), Msg::RecordPause, "record-pause")}
                {button(CallAction::Record(RecordingControl::Resume), Msg::RecordResume, "record-resume")}
                {button(CallAction::Record(RecordingControl::Stop), Msg::RecordStop, "record-stop")}
            </div>
        </li>
    }
}

/// The parties of a conference, each with Drop where the backend can drop one party.
#[component]
fn ConferenceParties(console: ConsoleState, call: Memo<Option<cti::model::Call>>) -> impl IntoView {
    let i18n = use_i18n();
    let parties = move || {
        call.with(|c| {
            c.as_ref()
                .filter(|c| c.is_conference())
                .map(|c| (c.reference.clone(), c.participants.clone()))
        })
    };
    let can_drop = move || {
        console.session.with(|s| {
            s.capabilities()
                .supports(cti::model::IntentKind::DropParticipant)
        })
    };
    move || {
        parties().map(|(reference, participants)| {
            view! {
                <ul class="parties" data-testid="parties" aria-label=move || i18n.t(Msg::Conference)>
                    {participants.into_iter().map(|p| {
                        let name = party_name(&p.party).unwrap_or_else(|| i18n.t(Msg::Anonymous).to_owned());
                        let drop = Intent::DropParticipant { call: reference.clone(), participant: p.id.clone() };
                        let check = drop.clone();
                        view! {
                            <li data-testid="party">
                                <span>{name}</span>
                                <Show when=can_drop>
                                    {
                                        let drop = drop.clone();
                                        let check = check.clone();
                                        view! {
                                            <button type="button" class="small" data-testid="drop-party"
                                                disabled=move || !console.allows(check.clone())
                                                on:click=move |_| console.send(drop.clone())>{move || i18n.t(Msg::DropParty)}</button>
                                        }
                                    }
                                </Show>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// Why a call failed, in words, for the causes an agent can act on.
fn failure_msg(cause: cti::model::Cause) -> Option<Msg> {
    use cti::model::Cause;
    match cause {
        Cause::DoNotDisturb => Some(Msg::FailedDnd),
        Cause::Busy => Some(Msg::FailedBusy),
        Cause::NotAnswered => Some(Msg::FailedNoAnswer),
        Cause::InvalidNumber => Some(Msg::FailedInvalid),
        _ => None,
    }
}

/// Attached data as the agent reads it: a JSON object of fields (a XuC screen pop) as
/// `name: value` pairs, anything else as given.
fn readable_data(data: &str) -> String {
    match serde_json::from_slice::<serde_json::Value>(data.as_bytes()) {
        Ok(serde_json::Value::Object(fields)) => fields
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("channel"))
            .map(|(name, value)| match value {
                serde_json::Value::String(text) => format!("{name}: {text}"),
                other => format!("{name}: {other}"),
            })
            .collect::<Vec<_>>()
            .join(" · "),
        _ => data.to_owned(),
    }
}
