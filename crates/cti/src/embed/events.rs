//! What a host hears: the Machine's notifications, reduced to the events a CRM acts on (a
//! screen pop on ringing, a call log at the end).
//!
//! [`HostEvents`] remembers who is on each announced call, so that `callEnded` still names the
//! caller after the call has left the desk, and follows the gateway's renames.

use serde_json::{json, Value};

use super::protocol::{ErrorCode, PROTOCOL_VERSION};
use crate::machine::Notification;
use crate::model::{
    AcdData, AfterCallRecord, AgentStatus, Call, CallRef, CallState, Cause, Desk, Direction, Party,
};

/// A call as a host sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallInfo {
    /// The gateway's reference.
    pub call: CallRef,
    /// The other party.
    pub party: Party,
}

/// An event for the host.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HostEvent {
    /// The handshake is done; the state as it is now.
    Ready(Value),
    /// Someone signed in or out, or the session ended.
    SessionChanged {
        /// Whether a session is open.
        signed_in: bool,
        /// Who, when signed in.
        login: Option<String>,
    },
    /// The agent's state changed.
    AgentStateChanged {
        /// Before.
        from: AgentStatus,
        /// Now.
        to: AgentStatus,
    },
    /// An incoming call rings.
    CallRinging {
        /// The call and the caller.
        call: CallInfo,
        /// Queue data, for a call the contact centre distributed.
        acd: Option<AcdData>,
    },
    /// An outgoing call started.
    CallDialing(CallInfo),
    /// A call was answered.
    CallAnswered(CallInfo),
    /// A call ended.
    CallEnded {
        /// The call and the other party.
        call: CallInfo,
        /// Whether it was ever answered.
        answered: bool,
        /// Talk time in whole seconds, 0 if never answered.
        duration_seconds: u64,
        /// Why, when the gateway said.
        cause: Option<Cause>,
    },
    /// The agent saved the after-call work of a call: its disposition and notes.
    AfterCallWork(AfterCallRecord),
    /// The contact centre popped what it knows of a caller: the page to open and the fields.
    ScreenPop {
        /// The call it is for, when known.
        call: Option<CallRef>,
        /// The page to open (`http:` or `https:`), when there is one.
        url: Option<String>,
        /// The fields, in order: name and value.
        fields: Vec<(String, String)>,
    },
    /// A failure no command waits on.
    Error {
        /// What kind.
        code: ErrorCode,
        /// What exactly.
        message: String,
    },
}

impl HostEvent {
    /// The event's name on the wire.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Ready(_) => "ready",
            HostEvent::SessionChanged { .. } => "sessionChanged",
            HostEvent::AgentStateChanged { .. } => "agentStateChanged",
            HostEvent::CallRinging { .. } => "callRinging",
            HostEvent::CallDialing(_) => "callDialing",
            HostEvent::CallAnswered(_) => "callAnswered",
            HostEvent::CallEnded { .. } => "callEnded",
            HostEvent::AfterCallWork(_) => "afterCallWork",
            HostEvent::ScreenPop { .. } => "screenPop",
            HostEvent::Error { .. } => "error",
        }
    }

    /// The event's `data`.
    pub fn data(&self) -> Value {
        match self {
            HostEvent::Ready(state) => state.clone(),
            HostEvent::SessionChanged { signed_in, login } => {
                json!({"signedIn": signed_in, "login": login})
            }
            HostEvent::AgentStateChanged { from, to } => {
                json!({"from": status_name(*from), "to": status_name(*to)})
            }
            HostEvent::CallRinging { call, acd } => {
                let mut data = call_value(call);
                data["acd"] = acd.as_ref().map_or(Value::Null, acd_value);
                data
            }
            HostEvent::CallDialing(call) | HostEvent::CallAnswered(call) => call_value(call),
            HostEvent::CallEnded {
                call,
                answered,
                duration_seconds,
                cause,
            } => {
                let mut data = call_value(call);
                data["answered"] = json!(answered);
                data["durationSeconds"] = json!(duration_seconds);
                data["cause"] = cause.map_or(Value::Null, |c| json!(cause_name(c)));
                data
            }
            HostEvent::AfterCallWork(record) => {
                let mut data = json!({
                    "callRef": record.call.as_str(),
                    "number": record.party.number,
                    "name": record.party.name,
                    "notes": record.notes,
                });
                data["disposition"] = record.disposition.as_ref().map_or(
                    Value::Null,
                    |d| json!({"code": d.id.as_str(), "label": d.label}),
                );
                data
            }
            HostEvent::ScreenPop { call, url, fields } => {
                let fields: Vec<Value> = fields
                    .iter()
                    .map(|(name, value)| json!({"name": name, "value": value}))
                    .collect();
                json!({"callRef": call.as_ref().map(CallRef::as_str), "url": url, "fields": fields})
            }
            HostEvent::Error { code, message } => {
                json!({"code": code.as_str(), "message": message})
            }
        }
    }
}

fn call_value(call: &CallInfo) -> Value {
    json!({"callRef": call.call.as_str(), "number": call.party.number, "name": call.party.name})
}

fn acd_value(acd: &AcdData) -> Value {
    json!({
        "pilot": acd.pilot,
        "agentGroup": acd.agent_group,
        "queueWaitingSeconds": acd.queue_waiting.map(|d| d.as_secs()),
        "globalWaitingSeconds": acd.global_waiting.map(|d| d.as_secs()),
    })
}

/// The agent state's name on the wire.
pub fn status_name(status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::LoggedOut => "loggedOut",
        AgentStatus::Ready => "ready",
        AgentStatus::Paused => "paused",
        AgentStatus::Withdrawn => "withdrawn",
        AgentStatus::WrapUp => "wrapUp",
        AgentStatus::Busy => "busy",
        AgentStatus::OutOfGroup => "outOfGroup",
        AgentStatus::Unknown => "unknown",
    }
}

fn cause_name(cause: Cause) -> &'static str {
    match cause {
        Cause::Abandoned => "abandoned",
        Cause::Busy => "busy",
        Cause::Cleared => "cleared",
        Cause::NotAnswered => "notAnswered",
        Cause::Transferred => "transferred",
        Cause::Conferenced => "conferenced",
        Cause::Redirected => "redirected",
        Cause::ParticipantLeft => "participantLeft",
        Cause::InvalidNumber => "invalidNumber",
        Cause::Distributed => "distributed",
        Cause::Supervisor => "supervisor",
        _ => "other",
    }
}

fn state_name(state: CallState) -> &'static str {
    match state {
        CallState::Dialing => "dialing",
        CallState::RingingIn => "ringingIn",
        CallState::RingingOut => "ringingOut",
        CallState::Queued => "queued",
        CallState::Active => "active",
        CallState::Held => "held",
        CallState::Releasing => "releasing",
        _ => "unknown",
    }
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
        Direction::Unknown => "unknown",
    }
}

/// Turns notifications into host events, remembering each announced call's party.
#[derive(Debug, Clone, Default)]
pub struct HostEvents {
    /// A few calls at most: a list costs less code in the wasm than a map.
    parties: Vec<(CallRef, Party)>,
}

impl HostEvents {
    /// A translator that has announced nothing yet.
    pub fn new() -> HostEvents {
        HostEvents::default()
    }

    /// The host event for `notification`, if a host cares; `desk` is the state after it.
    pub fn translate(&mut self, desk: &Desk, notification: &Notification) -> Option<HostEvent> {
        match notification {
            Notification::CallRinging { call, caller, acd } => {
                self.remember(call, caller.clone());
                Some(HostEvent::CallRinging {
                    call: info(call, caller),
                    acd: acd.clone(),
                })
            }
            Notification::CallDialing { call, callee } => {
                let callee = known_party(callee, desk.call(call));
                self.remember(call, callee.clone());
                Some(HostEvent::CallDialing(info(call, &callee)))
            }
            Notification::CallAnswered { call } => {
                let party = self.party(desk, call);
                Some(HostEvent::CallAnswered(info(call, &party)))
            }
            Notification::CallReplaced { old, new } => {
                if let Some(party) = self.forget(old) {
                    self.remember(new, party);
                }
                None
            }
            Notification::CallEnded {
                call,
                cause,
                duration,
                answered,
            } => {
                let party = self.forget(call).unwrap_or_default();
                Some(HostEvent::CallEnded {
                    call: info(call, &party),
                    answered: *answered,
                    duration_seconds: duration.as_secs(),
                    cause: *cause,
                })
            }
            Notification::AgentStateChanged { from, to } => Some(HostEvent::AgentStateChanged {
                from: *from,
                to: *to,
            }),
            Notification::AfterCallWorkSaved(record) => {
                Some(HostEvent::AfterCallWork(record.clone()))
            }
            Notification::ScreenPop(pop) => Some(HostEvent::ScreenPop {
                call: pop.call.clone(),
                url: pop.url.clone(),
                fields: pop.fields.clone(),
            }),
            Notification::Resynced => {
                // Calls that vanished while we were away ended without us hearing it.
                self.parties.retain(|(call, _)| desk.call(call).is_some());
                None
            }
            _ => None,
        }
    }

    /// The party of a call: as announced, completed by what the desk knows now.
    fn party(&mut self, desk: &Desk, call: &CallRef) -> Party {
        let known = self.forget(call).unwrap_or_default();
        let party = known_party(&known, desk.call(call));
        self.remember(call, party.clone());
        party
    }

    fn remember(&mut self, call: &CallRef, party: Party) {
        self.forget(call);
        self.parties.push((call.clone(), party));
    }

    fn forget(&mut self, call: &CallRef) -> Option<Party> {
        let at = self.parties.iter().position(|(c, _)| c == call)?;
        Some(self.parties.swap_remove(at).1)
    }

    /// `ready`'s data (and `getState`'s): the protocol version, the session, the agent's
    /// state and the calls.
    pub fn state(desk: Option<&Desk>, login: Option<&str>) -> Value {
        let calls: Vec<Value> = desk
            .map(|d| d.calls().iter().map(call_state_value).collect())
            .unwrap_or_default();
        let agent_state = desk.map_or(AgentStatus::LoggedOut, |d| d.agent().status());
        json!({
            "version": PROTOCOL_VERSION,
            "signedIn": desk.is_some(),
            "login": login,
            "agentState": status_name(agent_state),
            "calls": calls,
        })
    }
}

fn call_state_value(call: &Call) -> Value {
    json!({
        "callRef": call.reference.as_str(),
        "state": state_name(call.state),
        "direction": direction_name(call.direction),
        "number": call.remote.number,
        "name": call.remote.name,
    })
}

/// `party`, with what the desk's call adds (a name the gateway sent later).
fn known_party(party: &Party, call: Option<&Call>) -> Party {
    let remote = call.map(|c| &c.remote);
    Party {
        name: party
            .name
            .clone()
            .or_else(|| remote.and_then(|r| r.name.clone())),
        number: party
            .number
            .clone()
            .or_else(|| remote.and_then(|r| r.number.clone())),
    }
}

fn info(call: &CallRef, party: &Party) -> CallInfo {
    CallInfo {
        call: call.clone(),
        party: party.clone(),
    }
}
