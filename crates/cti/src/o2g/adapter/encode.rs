//! Intents as exact O2G HTTP requests (paths, query, bodies per the spec). The guard
//! (`machine::guard`) has already checked states, capabilities and arguments; what is left
//! here is which resource, which call goes in the path and which body, plus O2G's own limits
//! (withdraw reasons are indexes 1 to 9).
//!
//! Path semantics follow AMBIG-29: `alternate` and `reconnect` are posted on the **held**
//! call; `transfer` and `merge` on the **active** call with the held one in the body.

use crate::machine::guard::{self, call_device, dial_device, dialable, VOICEMAIL};
use crate::machine::Config;
use crate::model::{Call, CallRef, Desk, ForwardTarget, Intent, RecordingControl, Refusal};
use crate::o2g::agent::{
    AgentSkillActivation, IntrusionMode, IntrusionRequest, LoggOnAgentRequest, PgRequest,
    WithdrawAgentRequest,
};
use crate::o2g::comlog::RECORDS_PATH;
use crate::o2g::directory::{Attribute, Criterion, SearchRequest, SEARCH_PATH};
use crate::o2g::encode;
use crate::o2g::routing::{
    Destination, ForwardRoute, SetForwardRouteRequest, DND_PATH, FORWARD_ROUTE_PATH,
};
use crate::o2g::telephony::{
    AlternateRequest, AnswerRequest, BlindTransferRequest, HoldRequest, MakeCallRequest,
    MergeRequest, ReconnectRequest, RecordingAction, RedirectRequest, RetrieveRequest,
    SendAccountInfoRequest, SendDtmfRequest, TransferRequest,
};
use crate::transmit::{percent_encode, HttpRequest, Method};

const CALLS: &str = "/api/rest/1.0/telephony/calls";
pub(super) const AGENT: &str = "/api/rest/1.0/acd/agent";

/// How many contacts a directory search asks for.
const DIRECTORY_LIMIT: i32 = 20;

/// What the builder needs besides the desk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestContext<'a> {
    /// Sent as `loginName` on every request; only for administrator sessions (L2587-2593).
    pub login_name: Option<&'a str>,
}

/// The request that carries out `intent`, when the guard allows it: the whole path from
/// intent to wire, for tests and contract checks.
pub fn request_for(
    desk: &Desk,
    config: &Config,
    context: &RequestContext<'_>,
    intent: Intent,
) -> Result<HttpRequest, Refusal> {
    guard::check(desk, config, &intent)?;
    encode_intent(desk, config, context, intent)
}

/// Encodes an intent the guard allowed.
pub fn encode_intent(
    desk: &Desk,
    config: &Config,
    context: &RequestContext<'_>,
    intent: Intent,
) -> Result<HttpRequest, Refusal> {
    let request = match intent {
        Intent::MakeCall { to } => {
            let device = dial_device(desk, config)?;
            HttpRequest::new(Method::Post, CALLS)
                .with_body(encode(&MakeCallRequest::new(device, dialable(&to)?)))
        }
        // A consultation is a make-call from the device of an active call: the PBX holds the
        // first call itself and links both as an enquiry (decisions.md, "Consult is one
        // request").
        Intent::Consult { call, to } => {
            let device = call_device(desk, find(desk, &call)?)?;
            HttpRequest::new(Method::Post, CALLS)
                .with_body(encode(&MakeCallRequest::new(device, dialable(&to)?)))
        }
        Intent::Answer { call } => {
            let device = call_device(desk, find(desk, &call)?)?;
            post_call(&call, "answer", encode(&AnswerRequest::new(device)))
        }
        Intent::HangUp { call } => hang_up(find(desk, &call)?),
        Intent::Hold { call } => {
            let device = call_device(desk, find(desk, &call)?)?;
            post_call(&call, "hold", encode(&HoldRequest::new(device)))
        }
        Intent::Retrieve { call } => {
            let device = call_device(desk, find(desk, &call)?)?;
            post_call(&call, "retrieve", encode(&RetrieveRequest::new(device)))
        }
        Intent::Alternate { held } => {
            let device = call_device(desk, find(desk, &held)?)?;
            post_call(&held, "alternate", encode(&AlternateRequest::new(device)))
        }
        Intent::CancelConsult { held, consult } => {
            let body = ReconnectRequest {
                device_id: call_device(desk, find(desk, &held)?)?.to_owned(),
                enquiry_call_ref: consult.to_string(),
            };
            post_call(&held, "reconnect", encode(&body))
        }
        Intent::Transfer { active, held } => post_call(
            &active,
            "transfer",
            encode(&TransferRequest {
                held_call_ref: held.to_string(),
            }),
        ),
        Intent::Merge { active, held } => post_call(
            &active,
            "merge",
            encode(&MergeRequest {
                held_call_ref: held.to_string(),
            }),
        ),
        Intent::BlindTransfer { call, to } => post_call(
            &call,
            "blindtransfer",
            encode(&BlindTransferRequest {
                transfer_to: dialable(&to)?,
                anonymous: None,
            }),
        ),
        Intent::Redirect { call, to } => {
            let redirect_to = if to == VOICEMAIL { to } else { dialable(&to)? };
            post_call(
                &call,
                "redirect",
                encode(&RedirectRequest {
                    redirect_to,
                    anonymous: None,
                }),
            )
        }
        Intent::SendDtmf { call, digits } => {
            let body = SendDtmfRequest {
                device_id: call_device(desk, find(desk, &call)?)?.to_owned(),
                number: digits,
            };
            post_call(&call, "sendDtmf", encode(&body))
        }
        // O2G has no resource to drop one participant (only `dropme`, to leave): the adapter
        // declares it unsupported, so the session never gets here.
        Intent::DropParticipant { .. } => {
            return Err(Refusal::NotSupported {
                what: "drop a party from a conference",
            })
        }
        // No body: the action travels in the mandatory query parameter (L3482, AMBIG-33).
        Intent::Record { call, control } => {
            HttpRequest::new(Method::Post, call_path(&call, "recording"))
                .with_query("action", recording_action(control).as_str())
        }
        Intent::GoReady => agent_post("ready"),
        Intent::Pause => agent_post("pause"),
        Intent::WrapUp => agent_post("wrapUp"),
        // O2G has no "extend": wrapping up again restarts the group's wrap-up time.
        Intent::ExtendWrapUp => agent_post("wrapUp"),
        // The disposition is the CCD transaction code, sent "at the end of the call"
        // (L3625-3663) on the call's reference; the notes ride along as agentdesk's
        // extension field (the adapter settles a save without a code itself).
        Intent::SaveAfterCallWork {
            call,
            disposition,
            notes,
        } => {
            let code = disposition.ok_or(Refusal::InvalidArgument {
                what: "disposition (O2G sends a transaction code)",
            })?;
            let body = SendAccountInfoRequest {
                device_id: Some(dial_device(desk, config)?.to_owned()),
                account_info: code.as_str().to_owned(),
                notes: Some(notes).filter(|n| !n.trim().is_empty()),
            };
            post_call(&call, "sendaccountinfo", encode(&body))
        }
        Intent::Withdraw { reason } => {
            // Reasons are indexed 1..=N with N <= 9 (L13384-13392).
            let reason_index = reason
                .as_str()
                .parse::<i32>()
                .ok()
                .filter(|index| (1..=9).contains(index))
                .ok_or(Refusal::InvalidArgument {
                    what: "withdraw reason (1 to 9)",
                })?;
            agent_post("withdraw").with_body(encode(&WithdrawAgentRequest {
                reason_index: Some(reason_index),
            }))
        }
        Intent::LogOn { device, group } => {
            agent_post("logon").with_body(encode(&LoggOnAgentRequest {
                pro_acd_device_number: dialable(&device)?,
                pg_group_number: group.as_deref().map(dialable).transpose()?,
                headset: None,
            }))
        }
        Intent::LogOff => agent_post("logoff"),
        Intent::EnterGroup { group } => agent_post("enterPG").with_body(encode(&PgRequest {
            pg_group_number: Some(dialable(&group)?),
        })),
        // An empty group would log the agent off (AMBIG-77): we never send one.
        Intent::ExitGroup { group } => {
            let group = guard::exit_group(desk, group.as_deref())?;
            agent_post("exitPG").with_body(encode(&PgRequest {
                pg_group_number: Some(dialable(group)?),
            }))
        }
        Intent::ActivateSkills { skills } => skills_request("activate", skills)?,
        Intent::DeactivateSkills { skills } => skills_request("deactivate", skills)?,
        Intent::RequestHelp => agent_post("supervisorHelp"),
        Intent::CancelHelp => {
            let request = HttpRequest::new(Method::Delete, format!("{AGENT}/supervisorHelp"));
            match desk.help().and_then(|help| help.supervisor.as_deref()) {
                // `other` = the supervisor's number when the agent cancels (AMBIG-71).
                Some(supervisor) => request.with_query("other", supervisor),
                None => request,
            }
        }
        // Help is answered by joining the agent's call (a full intrusion, L12526).
        Intent::AnswerHelp { agent } => {
            agent_post("intrusion").with_body(encode(&IntrusionRequest {
                agent_number: agent,
                mode: Some(IntrusionMode::Normal),
            }))
        }
        // The supervisor's refusal names the agent in `other` (AMBIG-71).
        Intent::RefuseHelp { agent } => {
            HttpRequest::new(Method::Delete, format!("{AGENT}/supervisorHelp"))
                .with_query("other", &agent)
        }
        Intent::SetDnd { on } => {
            HttpRequest::new(if on { Method::Post } else { Method::Delete }, DND_PATH)
        }
        Intent::SetForward { to: None } => HttpRequest::new(Method::Delete, FORWARD_ROUTE_PATH),
        Intent::SetForward { to: Some(target) } => {
            let destination = match target {
                ForwardTarget::Number(number) => Destination::number(dialable(&number)?),
                ForwardTarget::Voicemail => Destination::voicemail(),
            };
            let body = SetForwardRouteRequest {
                forward_route: Some(ForwardRoute {
                    forward_type: None,
                    destinations: vec![destination],
                }),
            };
            HttpRequest::new(Method::Post, FORWARD_ROUTE_PATH).with_body(encode(&body))
        }
        Intent::RefreshHistory => HttpRequest::get(RECORDS_PATH),
        Intent::SearchDirectory { name } => {
            let name = name.trim().to_owned();
            let request = SearchRequest {
                limit: Some(DIRECTORY_LIMIT),
                filter: Criterion::any(vec![
                    Criterion::begins_with(Attribute::LastName, name.clone()),
                    Criterion::begins_with(Attribute::FirstName, name),
                ]),
            };
            HttpRequest::new(Method::Post, SEARCH_PATH).with_body(encode(&request))
        }
        other => {
            return Err(Refusal::NotSupported {
                what: other.kind().describe(),
            })
        }
    };
    Ok(with_login(request, context))
}

/// Adds `loginName` for an administrator session.
pub(super) fn with_login(request: HttpRequest, context: &RequestContext<'_>) -> HttpRequest {
    match context.login_name {
        Some(login) => request.with_query("loginName", login),
        None => request,
    }
}

/// AMBIG-39: Hang up leaves a conference (`dropme`) whenever the gateway allows it, so the
/// others stay connected, even when it would also let us end the call for everyone
/// (`DELETE`: "all the parties are released"). `DELETE` only for a two-party call, or a
/// conference we may not leave.
fn hang_up(call: &Call) -> HttpRequest {
    let reference = &call.reference;
    if call.is_conference() && call.capabilities.leave {
        HttpRequest::new(Method::Post, call_path(reference, "dropme"))
    } else {
        HttpRequest::new(Method::Delete, call_path(reference, ""))
    }
}

fn recording_action(control: RecordingControl) -> RecordingAction {
    match control {
        RecordingControl::Start => RecordingAction::Start,
        RecordingControl::Stop => RecordingAction::Stop,
        RecordingControl::Pause => RecordingAction::Pause,
        RecordingControl::Resume => RecordingAction::Resume,
    }
}

fn skills_request(action: &str, skills: Vec<u32>) -> Result<HttpRequest, Refusal> {
    let skills: Vec<i32> = skills
        .into_iter()
        .map(i32::try_from)
        .collect::<Result<_, _>>()
        .map_err(|_| Refusal::InvalidArgument {
            what: "skill number",
        })?;
    let path = format!("{AGENT}/config/skills/{action}");
    Ok(HttpRequest::new(Method::Post, path).with_body(encode(&AgentSkillActivation { skills })))
}

fn agent_post(resource: &str) -> HttpRequest {
    HttpRequest::new(Method::Post, format!("{AGENT}/{resource}"))
}

fn find<'d>(desk: &'d Desk, reference: &CallRef) -> Result<&'d Call, Refusal> {
    desk.call(reference).ok_or_else(|| Refusal::NoSuchCall {
        call: reference.clone(),
    })
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
