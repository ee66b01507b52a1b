//! Call-control intents (`/telephony/calls/...`, spec L2612-3700).

use super::{
    allowed, call_device, call_path, dialable, find, in_state, post_call, HttpRequest, Method,
    CALLS,
};
use super::{RecordingControl, RequestContext};
use crate::model::intent::is_dtmf;
use crate::model::{CallRef, CallState, Desk, Recording, Refusal};
use crate::o2g::encode;
use crate::o2g::telephony::{
    AlternateRequest, AnswerRequest, BlindTransferRequest, HoldRequest, MakeCallRequest,
    MergeRequest, ReconnectRequest, RecordingAction, RedirectRequest, RetrieveRequest,
    SendDtmfRequest, TransferRequest,
};

pub(super) fn make_call(
    desk: &Desk,
    context: &RequestContext<'_>,
    to: String,
) -> Result<HttpRequest, Refusal> {
    let to = dialable(to)?;
    // An agent calls from the pro-ACD set it is logged on to; anyone else from their own.
    let device = desk
        .agent()
        .logged_on()
        .and_then(|on| on.device.as_deref())
        .or(context.device)
        .or_else(|| {
            desk.devices()
                .iter()
                .find(|d| d.make_call)
                .map(|d| d.device.as_str())
        })
        .ok_or(Refusal::NoDevice)?;
    if let Some(capabilities) = desk.devices().iter().find(|d| d.device == device) {
        allowed(capabilities.make_call, "make a call")?;
    }
    Ok(HttpRequest::new(Method::Post, CALLS).with_body(encode(&MakeCallRequest::new(device, to))))
}

pub(super) fn answer(desk: &Desk, reference: &CallRef) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    if call.is_active() {
        return Err(Refusal::AlreadyInState { state: "answered" });
    }
    allowed(call.capabilities.answer, "answer")?;
    Ok(post_call(
        reference,
        "answer",
        encode(&AnswerRequest::new(call_device(desk, call)?)),
    ))
}

/// AMBIG-39: ending the call for everyone (`DELETE`) when the gateway allows it or when
/// nobody would stay behind; leaving it (`dropme`) in a conference we may not end.
pub(super) fn hang_up(desk: &Desk, reference: &CallRef) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    allowed(call.capabilities.hang_up, "hang up")?;
    if call.capabilities.end_for_all || !call.is_conference() || !call.capabilities.leave {
        Ok(HttpRequest::new(Method::Delete, call_path(reference, "")))
    } else {
        Ok(HttpRequest::new(
            Method::Post,
            call_path(reference, "dropme"),
        ))
    }
}

pub(super) fn hold(desk: &Desk, reference: &CallRef) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    if call.is_held() {
        return Err(Refusal::AlreadyInState { state: "on hold" });
    }
    in_state(call, call.is_active(), "active", "hold")?;
    allowed(call.capabilities.hold, "hold")?;
    Ok(post_call(
        reference,
        "hold",
        encode(&HoldRequest::new(call_device(desk, call)?)),
    ))
}

pub(super) fn retrieve(desk: &Desk, reference: &CallRef) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    if call.is_active() {
        return Err(Refusal::AlreadyInState { state: "active" });
    }
    in_state(call, call.is_held(), "on hold", "retrieve")?;
    allowed(call.capabilities.retrieve, "retrieve")?;
    Ok(post_call(
        reference,
        "retrieve",
        encode(&RetrieveRequest::new(call_device(desk, call)?)),
    ))
}

/// O2G has no capability for alternate: it needs a held call and another active one.
pub(super) fn alternate(desk: &Desk, held: &CallRef) -> Result<HttpRequest, Refusal> {
    let call = find(desk, held)?;
    in_state(call, call.is_held(), "on hold", "alternate")?;
    if !desk
        .calls()
        .iter()
        .any(|other| other.reference != *held && other.is_active())
    {
        return Err(Refusal::MissingCounterpart { what: "alternate" });
    }
    Ok(post_call(
        held,
        "alternate",
        encode(&AlternateRequest::new(call_device(desk, call)?)),
    ))
}

/// A consultation is a make-call from the device of an active call: the PBX holds the first
/// call itself and links both as an enquiry (decisions.md, "Consult is one request").
pub(super) fn consult(
    desk: &Desk,
    reference: &CallRef,
    to: String,
) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    let to = dialable(to)?;
    in_state(
        call,
        call.is_active() || call.is_held(),
        "active or on hold",
        "consult",
    )?;
    if call.is_active() {
        allowed(call.capabilities.hold, "consult (hold the call)")?;
    }
    let device = call_device(desk, call)?;
    Ok(HttpRequest::new(Method::Post, CALLS).with_body(encode(&MakeCallRequest::new(device, to))))
}

pub(super) fn cancel_consult(
    desk: &Desk,
    held: &CallRef,
    consult: &CallRef,
) -> Result<HttpRequest, Refusal> {
    if held == consult {
        return Err(Refusal::SameCall {
            what: "cancel the consultation",
        });
    }
    let call = find(desk, held)?;
    find(desk, consult)?;
    in_state(call, call.is_held(), "on hold", "cancel the consultation")?;
    allowed(call.capabilities.reconnect, "cancel the consultation")?;
    let body = ReconnectRequest {
        device_id: call_device(desk, call)?.to_owned(),
        enquiry_call_ref: consult.to_string(),
    };
    Ok(post_call(held, "reconnect", encode(&body)))
}

#[derive(Clone, Copy)]
pub(super) enum TwoCallOp {
    Transfer,
    Merge,
}

pub(super) fn two_calls(
    desk: &Desk,
    active: &CallRef,
    held: &CallRef,
    op: TwoCallOp,
) -> Result<HttpRequest, Refusal> {
    let what = match op {
        TwoCallOp::Transfer => "transfer",
        TwoCallOp::Merge => "merge",
    };
    if active == held {
        return Err(Refusal::SameCall { what });
    }
    let active_call = find(desk, active)?;
    let held_call = find(desk, held)?;
    // A transfer may complete while the consulted party still rings (semi-attended).
    let active_ok = match op {
        TwoCallOp::Transfer => {
            matches!(active_call.state, CallState::Active | CallState::RingingOut)
        }
        TwoCallOp::Merge => active_call.is_active(),
    };
    in_state(active_call, active_ok, "active", what)?;
    in_state(held_call, held_call.is_held(), "on hold", what)?;
    let held_call_ref = held.to_string();
    match op {
        TwoCallOp::Transfer => {
            allowed(
                active_call.capabilities.transfer || held_call.capabilities.transfer,
                what,
            )?;
            Ok(post_call(
                active,
                "transfer",
                encode(&TransferRequest { held_call_ref }),
            ))
        }
        TwoCallOp::Merge => {
            allowed(
                active_call.capabilities.merge || held_call.capabilities.merge,
                what,
            )?;
            Ok(post_call(
                active,
                "merge",
                encode(&MergeRequest { held_call_ref }),
            ))
        }
    }
}

pub(super) fn blind_transfer(
    desk: &Desk,
    reference: &CallRef,
    to: String,
) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    let transfer_to = dialable(to)?;
    allowed(call.capabilities.blind_transfer, "transfer blindly")?;
    Ok(post_call(
        reference,
        "blindtransfer",
        encode(&BlindTransferRequest {
            transfer_to,
            anonymous: None,
        }),
    ))
}

pub(super) fn redirect(
    desk: &Desk,
    reference: &CallRef,
    to: String,
) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    // `VOICEMAIL` is the documented keyword for the user's voice mail (L3517).
    let redirect_to = if to == "VOICEMAIL" { to } else { dialable(to)? };
    allowed(call.capabilities.redirect, "redirect")?;
    Ok(post_call(
        reference,
        "redirect",
        encode(&RedirectRequest {
            redirect_to,
            anonymous: None,
        }),
    ))
}

pub(super) fn send_dtmf(
    desk: &Desk,
    reference: &CallRef,
    digits: String,
) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    if !is_dtmf(&digits) {
        return Err(Refusal::InvalidDigits { digits });
    }
    allowed(call.capabilities.send_dtmf, "send DTMF")?;
    let body = SendDtmfRequest {
        device_id: call_device(desk, call)?.to_owned(),
        number: digits,
    };
    Ok(post_call(reference, "sendDtmf", encode(&body)))
}

pub(super) fn record(
    desk: &Desk,
    reference: &CallRef,
    control: RecordingControl,
) -> Result<HttpRequest, Refusal> {
    let call = find(desk, reference)?;
    let caps = call.capabilities;
    let (action, capability, already) = match control {
        RecordingControl::Start => (
            RecordingAction::Start,
            caps.start_record,
            call.recording != Recording::Off,
        ),
        RecordingControl::Stop => (
            RecordingAction::Stop,
            caps.stop_record,
            call.recording == Recording::Off,
        ),
        RecordingControl::Pause => (
            RecordingAction::Pause,
            caps.pause_record,
            call.recording == Recording::Paused,
        ),
        RecordingControl::Resume => (
            RecordingAction::Resume,
            caps.resume_record,
            call.recording == Recording::On,
        ),
    };
    if already {
        let state = match call.recording {
            Recording::Off => "not recording",
            Recording::On => "recording",
            Recording::Paused => "paused recording",
        };
        return Err(Refusal::AlreadyInState { state });
    }
    allowed(capability, "control the recording")?;
    // No body: the action travels in the mandatory query parameter (L3482, AMBIG-33).
    Ok(
        HttpRequest::new(Method::Post, call_path(reference, "recording"))
            .with_query("action", action.as_str()),
    )
}
