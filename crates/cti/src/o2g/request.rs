//! Agent intents into exact O2G HTTP requests (paths, query, bodies per the spec), or a typed
//! refusal when the desk's state or capabilities do not allow the intent.
//!
//! Path semantics follow AMBIG-29: `alternate` and `reconnect` are posted on the **held**
//! call; `transfer` and `merge` on the **active** call with the held one in the body.

mod agent;
mod calls;
#[cfg(test)]
mod tests;

use crate::model::intent::is_dialable;
use crate::model::{Activity, Call, CallRef, Desk, LoggedOn};

pub use crate::model::{Intent, RecordingControl, Refusal};

use agent::{agent_action, enter_group, exit_group, log_on, skills_request, withdraw};
use calls::{
    alternate, answer, blind_transfer, cancel_consult, consult, hang_up, hold, make_call, record,
    redirect, retrieve, send_dtmf, two_calls, TwoCallOp,
};

/// The HTTP methods O2G uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request for the host to send, relative to the gateway's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The path, from `/api/rest/1.0/...`, with call references percent-encoded.
    pub path: String,
    /// Query parameters, not yet encoded.
    pub query: Vec<(String, String)>,
    /// The JSON body (`Content-Type: application/json`), if any.
    pub body: Option<String>,
}

impl HttpRequest {
    fn new(method: Method, path: impl Into<String>) -> HttpRequest {
        HttpRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
        }
    }

    fn with_body(mut self, body: String) -> HttpRequest {
        self.body = Some(body);
        self
    }

    fn with_query(mut self, name: &str, value: &str) -> HttpRequest {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The path and the percent-encoded query, ready to append to the gateway's origin.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (index, (name, value)) in self.query.iter().enumerate() {
            out.push(if index == 0 { '?' } else { '&' });
            out.push_str(&percent_encode(name));
            out.push('=');
            out.push_str(&percent_encode(value));
        }
        out
    }
}

/// What the builder needs besides the desk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestContext<'a> {
    /// Sent as `loginName` on every request; only for administrator sessions (L2587-2593).
    pub login_name: Option<&'a str>,
    /// The user's own device, for calls placed while not logged on to a pro-ACD device.
    pub device: Option<&'a str>,
}

const CALLS: &str = "/api/rest/1.0/telephony/calls";
const TELEPHONY_STATE: &str = "/api/rest/1.0/telephony/state";
const TELEPHONY_SNAPSHOT: &str = "/api/rest/1.0/telephony/state/snapshot";
const AGENT: &str = "/api/rest/1.0/acd/agent";

/// Builds the request for `intent`, or refuses it.
pub fn build(
    desk: &Desk,
    context: &RequestContext<'_>,
    intent: Intent,
) -> Result<HttpRequest, Refusal> {
    let request = match intent {
        Intent::MakeCall { to } => make_call(desk, context, to)?,
        Intent::Answer { call } => answer(desk, &call)?,
        Intent::HangUp { call } => hang_up(desk, &call)?,
        Intent::Hold { call } => hold(desk, &call)?,
        Intent::Retrieve { call } => retrieve(desk, &call)?,
        Intent::Alternate { held } => alternate(desk, &held)?,
        Intent::Consult { call, to } => consult(desk, &call, to)?,
        Intent::CancelConsult { held, consult } => cancel_consult(desk, &held, &consult)?,
        Intent::Transfer { active, held } => two_calls(desk, &active, &held, TwoCallOp::Transfer)?,
        Intent::Merge { active, held } => two_calls(desk, &active, &held, TwoCallOp::Merge)?,
        Intent::BlindTransfer { call, to } => blind_transfer(desk, &call, to)?,
        Intent::Redirect { call, to } => redirect(desk, &call, to)?,
        Intent::SendDtmf { call, digits } => send_dtmf(desk, &call, digits)?,
        Intent::Record { call, control } => record(desk, &call, control)?,
        Intent::GoReady => {
            agent_action(desk, "ready", |a| matches!(a, Activity::Ready(_)), "ready")?
        }
        Intent::Pause => agent_action(
            desk,
            "pause",
            |a| matches!(a, Activity::Paused(_)),
            "paused",
        )?,
        Intent::WrapUp => agent_action(
            desk,
            "wrapUp",
            |a| matches!(a, Activity::WrapUp(_)),
            "wrapping up",
        )?,
        Intent::Withdraw { reason } => withdraw(desk, reason)?,
        Intent::LogOn { pro_acd, group } => log_on(desk, pro_acd, group)?,
        Intent::LogOff => {
            logged_on(desk)?;
            HttpRequest::new(Method::Post, format!("{AGENT}/logoff"))
        }
        Intent::EnterGroup { group } => enter_group(desk, group)?,
        Intent::ExitGroup { group } => exit_group(desk, group)?,
        Intent::ActivateSkills { skills } => skills_request("activate", skills)?,
        Intent::DeactivateSkills { skills } => skills_request("deactivate", skills)?,
        Intent::RequestHelp => {
            logged_on(desk)?;
            if desk.help().is_some() {
                return Err(Refusal::AlreadyInState {
                    state: "waiting for help",
                });
            }
            HttpRequest::new(Method::Post, format!("{AGENT}/supervisorHelp"))
        }
        Intent::CancelHelp => {
            let help = desk.help().ok_or(Refusal::NoHelpPending)?;
            let request = HttpRequest::new(Method::Delete, format!("{AGENT}/supervisorHelp"));
            match help.supervisor.as_deref() {
                // `other` = the supervisor's number when the agent cancels (AMBIG-71).
                Some(supervisor) => request.with_query("other", supervisor),
                None => request,
            }
        }
        Intent::FetchTelephonyState => HttpRequest::new(Method::Get, TELEPHONY_STATE),
        Intent::RequestTelephonySnapshot => HttpRequest::new(Method::Post, TELEPHONY_SNAPSHOT),
        Intent::FetchAgentState => HttpRequest::new(Method::Get, format!("{AGENT}/state")),
        Intent::RequestAgentSnapshot => {
            HttpRequest::new(Method::Post, format!("{AGENT}/state/snapshot"))
        }
        Intent::FetchAgentConfig => HttpRequest::new(Method::Get, format!("{AGENT}/config")),
        Intent::FetchWithdrawReasons { group } => {
            let group = group.or_else(|| desk.agent().logged_on().and_then(|on| on.group.clone()));
            let group = group.ok_or(Refusal::InvalidArgument {
                what: "processing group",
            })?;
            HttpRequest::new(Method::Get, format!("{AGENT}/withdrawReasons"))
                .with_query("pgNumber", &group)
        }
    };
    Ok(match context.login_name {
        Some(login) => request.with_query("loginName", login),
        None => request,
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

fn dialable(number: String) -> Result<String, Refusal> {
    if is_dialable(&number) {
        Ok(number.trim().to_owned())
    } else {
        Err(Refusal::InvalidNumber { number })
    }
}

fn logged_on(desk: &Desk) -> Result<&LoggedOn, Refusal> {
    desk.agent().logged_on().ok_or(Refusal::AgentNotLoggedOn)
}

/// The device that handles `call`: its own leg, else the agent's pro-ACD device.
fn call_device<'d>(desk: &'d Desk, call: &'d Call) -> Result<&'d str, Refusal> {
    call.device()
        .or_else(|| desk.agent().logged_on().and_then(|on| on.device.as_deref()))
        .ok_or(Refusal::NoDevice)
}

fn call_path(call: &CallRef, action: &str) -> String {
    let reference = percent_encode(call.as_str());
    if action.is_empty() {
        format!("{CALLS}/{reference}")
    } else {
        format!("{CALLS}/{reference}/{action}")
    }
}

fn post_call(call: &CallRef, action: &str, body: String) -> HttpRequest {
    HttpRequest::new(Method::Post, call_path(call, action)).with_body(body)
}

/// Percent-encodes everything but RFC 3986 unreserved characters: call references are opaque
/// and may hold anything.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";
