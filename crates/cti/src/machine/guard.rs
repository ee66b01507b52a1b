//! Whether the desk allows an intent now, whatever the backend: the call exists and is in the
//! right state, the gateway's capabilities for it allow the operation, the agent is logged on,
//! the arguments are well formed. Adapters only encode what the guard let through, and use
//! the helpers here to pick the device a request acts on.
//!
//! The guard reads the desk only, so a button can be enabled from it on every render without
//! encoding a request.

use crate::model::intent::{is_dtmf, normalize_number};
use crate::model::work::{is_date, MAX_PENALTY};
use crate::model::{
    Activity, Call, CallRef, CallState, CallbackRequest, CallbackTaker, Desk, DispositionId,
    ForwardTarget, Intent, LoggedOn, QueueMembership, Recording, RecordingControl, Refusal,
    MAX_NOTES_LENGTH,
};

use super::Config;

/// `Ok` when `intent` may be carried out now, else why not.
pub fn check(desk: &Desk, config: &Config, intent: &Intent) -> Result<(), Refusal> {
    if desk.is_plain_user() && intent.kind().is_agent_operation() {
        return Err(Refusal::NotAnAgent);
    }
    match intent {
        Intent::MakeCall { to } => {
            dialable(to)?;
            let device = dial_device(desk, config)?;
            if let Some(capabilities) = desk.devices().iter().find(|d| d.device == device) {
                allowed(capabilities.make_call, "make a call")?;
            }
            Ok(())
        }
        Intent::Answer { call } => {
            let call = find(desk, call)?;
            if call.is_active() {
                return Err(Refusal::AlreadyInState { state: "answered" });
            }
            allowed(call.capabilities.answer, "answer")?;
            call_device(desk, call).map(drop)
        }
        Intent::HangUp { call } => allowed(find(desk, call)?.capabilities.hang_up, "hang up"),
        Intent::Hold { call } => {
            let call = find(desk, call)?;
            if call.is_held() {
                return Err(Refusal::AlreadyInState { state: "on hold" });
            }
            in_state(call, call.is_active(), "active", "hold")?;
            allowed(call.capabilities.hold, "hold")?;
            call_device(desk, call).map(drop)
        }
        Intent::Retrieve { call } => {
            let call = find(desk, call)?;
            if call.is_active() {
                return Err(Refusal::AlreadyInState { state: "active" });
            }
            in_state(call, call.is_held(), "on hold", "retrieve")?;
            allowed(call.capabilities.retrieve, "retrieve")?;
            call_device(desk, call).map(drop)
        }
        Intent::Alternate { held } => alternate(desk, held),
        Intent::Consult { call, to } => {
            let call = find(desk, call)?;
            dialable(to)?;
            let ok = call.is_active() || call.is_held();
            in_state(call, ok, "active or on hold", "consult")?;
            if call.is_active() {
                allowed(call.capabilities.hold, "consult (hold the call)")?;
            }
            call_device(desk, call).map(drop)
        }
        Intent::CancelConsult { held, consult } => cancel_consult(desk, held, consult),
        Intent::Transfer { active, held } => two_calls(desk, active, held, TwoCalls::Transfer),
        Intent::Merge { active, held } => two_calls(desk, active, held, TwoCalls::Merge),
        Intent::BlindTransfer { call, to } => {
            let call = find(desk, call)?;
            dialable(to)?;
            allowed(call.capabilities.blind_transfer, "transfer blindly")
        }
        Intent::Redirect { call, to } => {
            let call = find(desk, call)?;
            if to != VOICEMAIL {
                dialable(to)?;
            }
            allowed(call.capabilities.redirect, "redirect")
        }
        Intent::DropParticipant { call, participant } => {
            let call = find(desk, call)?;
            in_state(call, call.is_conference(), "a conference", "drop a party")?;
            if !call.participants.iter().any(|p| p.id == *participant) {
                return Err(Refusal::InvalidArgument {
                    what: "participant (not in the call)",
                });
            }
            Ok(())
        }
        Intent::SendDtmf { call, digits } => {
            let call = find(desk, call)?;
            if !is_dtmf(digits) {
                return Err(Refusal::InvalidDigits {
                    digits: digits.clone(),
                });
            }
            allowed(call.capabilities.send_dtmf, "send DTMF")?;
            call_device(desk, call).map(drop)
        }
        Intent::Record { call, control } => record(find(desk, call)?, *control),
        Intent::GoReady => activity(desk, |a| matches!(a, Activity::Ready(_)), "ready"),
        Intent::Pause => activity(desk, |a| matches!(a, Activity::Paused(_)), "paused"),
        Intent::WrapUp => activity(desk, |a| matches!(a, Activity::WrapUp(_)), "wrapping up"),
        Intent::ExtendWrapUp => match logged_on(desk)?.activity {
            Activity::WrapUp(_) => Ok(()),
            _ => Err(Refusal::NotWrappingUp),
        },
        Intent::SaveAfterCallWork {
            call,
            disposition,
            notes,
        } => after_call_work(desk, call, disposition.as_ref(), notes),
        Intent::Withdraw { reason } => {
            let on = logged_on(desk)?;
            let known = desk.reasons();
            if !known.is_empty() && !known.iter().any(|r| r.id == *reason) {
                return Err(Refusal::InvalidArgument {
                    what: "withdraw reason",
                });
            }
            if matches!(&on.activity, Activity::Withdrawn(w) if w.reason.as_ref() == Some(reason)) {
                return Err(Refusal::AlreadyInState {
                    state: "withdrawn for this reason",
                });
            }
            Ok(())
        }
        Intent::LogOn { device, group } => {
            if desk.agent().logged_on().is_some() {
                return Err(Refusal::AlreadyInState { state: "logged on" });
            }
            dialable(device)?;
            // A group is the backend's to check (O2G: a processing group's number; XuC: a
            // queue the server picks); an empty one is no group.
            if group.as_deref().is_some_and(|g| g.trim().is_empty()) {
                return Err(Refusal::InvalidArgument { what: "group" });
            }
            Ok(())
        }
        Intent::LogOff => logged_on(desk).map(drop),
        Intent::EnterGroup { group } => {
            let on = logged_on(desk)?;
            let group = dialable(group)?;
            if on.group.as_deref() == Some(group.as_str())
                && !matches!(on.activity, Activity::OutOfGroup(_))
            {
                return Err(Refusal::AlreadyInState {
                    state: "in the group",
                });
            }
            Ok(())
        }
        Intent::ExitGroup { group } => exit_group(desk, group.as_deref()).map(drop),
        Intent::ActivateSkills { skills } | Intent::DeactivateSkills { skills } => {
            if skills.is_empty() {
                return Err(Refusal::InvalidArgument {
                    what: "skill list (empty)",
                });
            }
            Ok(())
        }
        Intent::RequestHelp => {
            logged_on(desk)?;
            if desk.help().is_some() {
                return Err(Refusal::AlreadyInState {
                    state: "waiting for help",
                });
            }
            Ok(())
        }
        Intent::CancelHelp => desk.help().map(drop).ok_or(Refusal::NoHelpPending),
        Intent::AnswerHelp { agent } | Intent::RefuseHelp { agent } => {
            if desk.help_asks().iter().any(|ask| ask.agent == *agent) {
                Ok(())
            } else {
                Err(Refusal::NoHelpPending)
            }
        }
        Intent::SetDnd { on } => {
            if desk.routing().is_some_and(|r| r.dnd == *on) {
                let state = if *on {
                    "in do-not-disturb"
                } else {
                    "out of do-not-disturb"
                };
                return Err(Refusal::AlreadyInState { state });
            }
            Ok(())
        }
        Intent::SetForward { to } => match to {
            Some(ForwardTarget::Number(number)) => dialable(number).map(drop),
            Some(ForwardTarget::Voicemail) | None => Ok(()),
        },
        Intent::RefreshHistory => Ok(()),
        Intent::SearchDirectory { name } => {
            if name.trim().is_empty() {
                return Err(Refusal::InvalidArgument {
                    what: "name to search",
                });
            }
            Ok(())
        }
        Intent::TakeCallback { request } => match &callback(desk, request)?.taken {
            None => Ok(()),
            Some(CallbackTaker::Me) => Err(Refusal::AlreadyInState {
                state: "holding this callback",
            }),
            Some(CallbackTaker::Other(_)) => Err(Refusal::WrongCallbackState {
                expected: "free (another agent holds it)",
            }),
        },
        Intent::ReleaseCallback { request } => mine(desk, request).map(drop),
        Intent::StartCallback { request, number } => {
            let request = mine(desk, request)?;
            let number = dialable(number)?;
            let known = [&request.number, &request.mobile]
                .into_iter()
                .flatten()
                .any(|n| dialable(n).is_ok_and(|n| n == number));
            if !known {
                return Err(Refusal::InvalidArgument {
                    what: "number (not one of the request's)",
                });
            }
            Ok(())
        }
        Intent::CloseCallback { request, .. } => called(desk, request),
        Intent::RescheduleCallback {
            request,
            due,
            period,
            ..
        } => {
            called(desk, request)?;
            if !is_date(due) {
                return Err(Refusal::InvalidArgument {
                    what: "day (YYYY-MM-DD)",
                });
            }
            let periods = desk.callback_periods();
            if !periods.is_empty() && !periods.iter().any(|p| p.id == *period) {
                return Err(Refusal::InvalidArgument {
                    what: "callback period",
                });
            }
            Ok(())
        }
        Intent::JoinQueue { queue, penalty } => {
            if *penalty > MAX_PENALTY {
                return Err(Refusal::InvalidArgument { what: "penalty" });
            }
            if known_queue(desk, queue)?.is_some_and(|q| q.penalty == Some(*penalty)) {
                return Err(Refusal::AlreadyInState {
                    state: "in the queue with this penalty",
                });
            }
            Ok(())
        }
        Intent::LeaveQueue { queue } => match known_queue(desk, queue)? {
            Some(QueueMembership { penalty: None, .. }) => Err(Refusal::AlreadyInState {
                state: "out of the queue",
            }),
            _ => Ok(()),
        },
        Intent::RefreshStatistics => Ok(()),
    }
}

fn callback<'d>(desk: &'d Desk, request: &str) -> Result<&'d CallbackRequest, Refusal> {
    desk.callback(request).ok_or(Refusal::InvalidArgument {
        what: "callback request (not in the list)",
    })
}

/// A callback request the user holds.
fn mine<'d>(desk: &'d Desk, request: &str) -> Result<&'d CallbackRequest, Refusal> {
    let request = callback(desk, request)?;
    if request.is_mine() {
        Ok(request)
    } else {
        Err(Refusal::WrongCallbackState {
            expected: "taken by you",
        })
    }
}

/// A callback request the user holds and called: its outcome can be given.
fn called(desk: &Desk, request: &str) -> Result<(), Refusal> {
    if mine(desk, request)?.called {
        Ok(())
    } else {
        Err(Refusal::WrongCallbackState {
            expected: "called back first",
        })
    }
}

/// The queue of this id; `None` when the desk lists no queue (the backend checks).
fn known_queue<'d>(desk: &'d Desk, queue: &str) -> Result<Option<&'d QueueMembership>, Refusal> {
    if desk.queues().is_empty() {
        return Ok(None);
    }
    desk.queues()
        .iter()
        .find(|q| q.queue == queue)
        .map(Some)
        .ok_or(Refusal::InvalidArgument { what: "queue" })
}

/// The documented keyword for the user's voice mail as a redirect destination (O2G L3517;
/// other backends map it to their own).
pub const VOICEMAIL: &str = "VOICEMAIL";

/// The device to place a new call from: the one the agent is logged on to, else the user's
/// own, else the first device that may make calls.
pub fn dial_device<'d>(desk: &'d Desk, config: &'d Config) -> Result<&'d str, Refusal> {
    desk.agent()
        .logged_on()
        .and_then(|on| on.device.as_deref())
        .or(config.device.as_deref())
        .or_else(|| {
            desk.devices()
                .iter()
                .find(|d| d.make_call)
                .map(|d| d.device.as_str())
        })
        .ok_or(Refusal::NoDevice)
}

/// The device that handles `call`: its own leg, else the agent's logged-on device.
pub fn call_device<'d>(desk: &'d Desk, call: &'d Call) -> Result<&'d str, Refusal> {
    call.device()
        .or_else(|| desk.agent().logged_on().and_then(|on| on.device.as_deref()))
        .ok_or(Refusal::NoDevice)
}

/// The group an exit leaves: the one named, else the current one.
pub fn exit_group<'d>(desk: &'d Desk, group: Option<&'d str>) -> Result<&'d str, Refusal> {
    let on = logged_on(desk)?;
    let group = group
        .or(on.group.as_deref())
        .ok_or(Refusal::InvalidArgument {
            what: "processing group",
        })?;
    dialable(group)?;
    Ok(group)
}

/// The number as dialled ([`normalize_number`]), when it can be.
pub fn dialable(number: &str) -> Result<String, Refusal> {
    normalize_number(number).map_err(|_| Refusal::InvalidNumber {
        number: number.to_owned(),
    })
}

fn find<'d>(desk: &'d Desk, reference: &CallRef) -> Result<&'d Call, Refusal> {
    desk.call(reference).ok_or_else(|| Refusal::NoSuchCall {
        call: reference.clone(),
    })
}

fn allowed(capability: bool, what: &'static str) -> Result<(), Refusal> {
    if capability {
        Ok(())
    } else {
        Err(Refusal::NotAllowedByCapabilities { what })
    }
}

fn in_state(
    call: &Call,
    ok: bool,
    expected: &'static str,
    what: &'static str,
) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(Refusal::WrongCallState {
            call: call.reference.clone(),
            expected,
            what,
        })
    }
}

fn logged_on(desk: &Desk) -> Result<&LoggedOn, Refusal> {
    desk.agent().logged_on().ok_or(Refusal::AgentNotLoggedOn)
}

fn activity(
    desk: &Desk,
    already: impl Fn(&Activity) -> bool,
    state: &'static str,
) -> Result<(), Refusal> {
    let on = logged_on(desk)?;
    if already(&on.activity) {
        return Err(Refusal::AlreadyInState { state });
    }
    not_during_a_call(on)
}

/// The agent's state does not change while a distributed call rings or is handled: the
/// change waits for the call's end (see `Session::defer`).
fn not_during_a_call(on: &LoggedOn) -> Result<(), Refusal> {
    if matches!(on.activity, Activity::Busy(_)) {
        Err(Refusal::DuringCall)
    } else {
        Ok(())
    }
}

/// After-call work is saved for the call that has some, with one of the dispositions
/// offered (one is needed when some are) and notes of a bearable length.
fn after_call_work(
    desk: &Desk,
    call: &CallRef,
    disposition: Option<&DispositionId>,
    notes: &str,
) -> Result<(), Refusal> {
    if desk.after_call().is_none_or(|work| work.call != *call) {
        return Err(Refusal::NoAfterCallWork { call: call.clone() });
    }
    let offered = &desk.wrap_up_policy().dispositions;
    match disposition {
        None if !offered.is_empty() => Err(Refusal::InvalidArgument {
            what: "disposition (choose one)",
        }),
        Some(id) if !offered.iter().any(|d| d.id == *id) => Err(Refusal::InvalidArgument {
            what: "disposition (not one offered)",
        }),
        _ if notes.chars().count() > MAX_NOTES_LENGTH => Err(Refusal::InvalidArgument {
            what: "notes (too long)",
        }),
        _ => Ok(()),
    }
}

/// Alternate needs a held call and another, active one (no capability names it).
fn alternate(desk: &Desk, held: &CallRef) -> Result<(), Refusal> {
    let call = find(desk, held)?;
    in_state(call, call.is_held(), "on hold", "alternate")?;
    if !desk
        .calls()
        .iter()
        .any(|other| other.reference != *held && other.is_active())
    {
        return Err(Refusal::MissingCounterpart { what: "alternate" });
    }
    call_device(desk, call).map(drop)
}

fn cancel_consult(desk: &Desk, held: &CallRef, consult: &CallRef) -> Result<(), Refusal> {
    if held == consult {
        return Err(Refusal::SameCall {
            what: "cancel the consultation",
        });
    }
    let call = find(desk, held)?;
    find(desk, consult)?;
    in_state(call, call.is_held(), "on hold", "cancel the consultation")?;
    allowed(call.capabilities.reconnect, "cancel the consultation")?;
    call_device(desk, call).map(drop)
}

#[derive(Clone, Copy)]
enum TwoCalls {
    Transfer,
    Merge,
}

fn two_calls(desk: &Desk, active: &CallRef, held: &CallRef, op: TwoCalls) -> Result<(), Refusal> {
    let what = match op {
        TwoCalls::Transfer => "transfer",
        TwoCalls::Merge => "merge",
    };
    if active == held {
        return Err(Refusal::SameCall { what });
    }
    let active_call = find(desk, active)?;
    let held_call = find(desk, held)?;
    // A transfer may complete while the consulted party still rings (semi-attended).
    let active_ok = match op {
        TwoCalls::Transfer => {
            matches!(active_call.state, CallState::Active | CallState::RingingOut)
        }
        TwoCalls::Merge => active_call.is_active(),
    };
    in_state(active_call, active_ok, "active", what)?;
    in_state(held_call, held_call.is_held(), "on hold", what)?;
    let capability = match op {
        TwoCalls::Transfer => active_call.capabilities.transfer || held_call.capabilities.transfer,
        TwoCalls::Merge => active_call.capabilities.merge || held_call.capabilities.merge,
    };
    allowed(capability, what)
}

fn record(call: &Call, control: RecordingControl) -> Result<(), Refusal> {
    let caps = call.capabilities;
    let (capability, already) = match control {
        RecordingControl::Start => (caps.start_record, call.recording != Recording::Off),
        RecordingControl::Stop => (caps.stop_record, call.recording == Recording::Off),
        RecordingControl::Pause => (caps.pause_record, call.recording == Recording::Paused),
        RecordingControl::Resume => (caps.resume_record, call.recording == Recording::On),
    };
    if already {
        let state = match call.recording {
            Recording::Off => "not recording",
            Recording::On => "recording",
            Recording::Paused => "paused recording",
        };
        return Err(Refusal::AlreadyInState { state });
    }
    allowed(capability, "control the recording")
}
