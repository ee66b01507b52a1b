//! Texts computed from the model for display: timers, parties, state names.

use core::time::Duration;

use cti::model::{AgentStatus, CallState, Party};

use crate::i18n::Msg;

/// `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock_text(duration: Duration) -> String {
    let secs = duration.as_secs();
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The name to show for a party: its name, else its number.
pub fn party_name(party: &Party) -> Option<String> {
    party
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| party.number.clone())
}

/// The label of a call state.
pub fn call_state_msg(state: CallState) -> Msg {
    match state {
        CallState::Dialing => Msg::StateDialing,
        CallState::RingingIn => Msg::StateRingingIn,
        CallState::RingingOut => Msg::StateRingingOut,
        CallState::Queued => Msg::StateQueued,
        CallState::Active => Msg::StateActive,
        CallState::Held => Msg::StateHeld,
        CallState::Releasing => Msg::StateReleasing,
        _ => Msg::Unknown,
    }
}

/// The label of an agent status.
pub fn agent_status_msg(status: AgentStatus) -> Msg {
    match status {
        AgentStatus::LoggedOut => Msg::LoggedOut,
        AgentStatus::Ready => Msg::Ready,
        AgentStatus::Paused => Msg::Paused,
        AgentStatus::Withdrawn => Msg::Withdrawn,
        AgentStatus::WrapUp => Msg::WrapUp,
        AgentStatus::Busy => Msg::Busy,
        AgentStatus::OutOfGroup => Msg::OutOfGroup,
        _ => Msg::Unknown,
    }
}

/// A CSS class for an agent status (its colour).
pub fn agent_status_class(status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::LoggedOut => "status logged-out",
        AgentStatus::Ready => "status ready",
        AgentStatus::Paused | AgentStatus::Withdrawn => "status away",
        AgentStatus::WrapUp => "status wrap-up",
        AgentStatus::Busy => "status busy",
        _ => "status unknown",
    }
}

/// An RFC 3339 date as the agent reads it: local date and time in the agent's language
/// (`1 Dec 2026, 09:05` / `1 déc. 2026, 09:05`); the text as given when it is not a date.
pub fn local_date_time(rfc3339: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(lang, &options).into()
}
