//! Contact-centre agent intents (`/acd/agent/...`, spec L12271-13402).

use super::{dialable, logged_on, HttpRequest, Method, AGENT};
use crate::model::{Activity, Desk, Refusal};
use crate::o2g::agent::{
    AgentSkillActivation, LoggOnAgentRequest, PgRequest, WithdrawAgentRequest,
};
use crate::o2g::encode;

pub(super) fn agent_action(
    desk: &Desk,
    resource: &str,
    already: impl Fn(&Activity) -> bool,
    state: &'static str,
) -> Result<HttpRequest, Refusal> {
    let on = logged_on(desk)?;
    if already(&on.activity) {
        return Err(Refusal::AlreadyInState { state });
    }
    Ok(HttpRequest::new(
        Method::Post,
        format!("{AGENT}/{resource}"),
    ))
}

pub(super) fn withdraw(desk: &Desk, reason: u32) -> Result<HttpRequest, Refusal> {
    let on = logged_on(desk)?;
    // Reasons are indexed 1..=N with N <= 9 (L13384-13392).
    if !(1..=9).contains(&reason) {
        return Err(Refusal::InvalidArgument {
            what: "withdraw reason (1 to 9)",
        });
    }
    if matches!(&on.activity, Activity::Withdrawn(w) if w.reason == Some(reason)) {
        return Err(Refusal::AlreadyInState {
            state: "withdrawn for this reason",
        });
    }
    let reason_index = i32::try_from(reason).ok();
    Ok(HttpRequest::new(Method::Post, format!("{AGENT}/withdraw"))
        .with_body(encode(&WithdrawAgentRequest { reason_index })))
}

pub(super) fn log_on(
    desk: &Desk,
    pro_acd: String,
    group: Option<String>,
) -> Result<HttpRequest, Refusal> {
    if desk.agent().logged_on().is_some() {
        return Err(Refusal::AlreadyInState { state: "logged on" });
    }
    let body = LoggOnAgentRequest {
        pro_acd_device_number: dialable(pro_acd)?,
        pg_group_number: group.map(dialable).transpose()?,
        headset: None,
    };
    Ok(HttpRequest::new(Method::Post, format!("{AGENT}/logon")).with_body(encode(&body)))
}

pub(super) fn enter_group(desk: &Desk, group: String) -> Result<HttpRequest, Refusal> {
    let on = logged_on(desk)?;
    let group = dialable(group)?;
    if on.group.as_deref() == Some(group.as_str())
        && !matches!(on.activity, Activity::OutOfGroup(_))
    {
        return Err(Refusal::AlreadyInState {
            state: "in the group",
        });
    }
    let body = PgRequest {
        pg_group_number: Some(group),
    };
    Ok(HttpRequest::new(Method::Post, format!("{AGENT}/enterPG")).with_body(encode(&body)))
}

/// An empty group would log the agent off (AMBIG-77): we never send one.
pub(super) fn exit_group(desk: &Desk, group: Option<String>) -> Result<HttpRequest, Refusal> {
    let on = logged_on(desk)?;
    let group = group
        .or_else(|| on.group.clone())
        .ok_or(Refusal::InvalidArgument {
            what: "processing group",
        })?;
    let body = PgRequest {
        pg_group_number: Some(dialable(group)?),
    };
    Ok(HttpRequest::new(Method::Post, format!("{AGENT}/exitPG")).with_body(encode(&body)))
}

pub(super) fn skills_request(action: &str, skills: Vec<u32>) -> Result<HttpRequest, Refusal> {
    let skills: Vec<i32> = skills
        .into_iter()
        .map(i32::try_from)
        .collect::<Result<_, _>>()
        .map_err(|_| Refusal::InvalidArgument {
            what: "skill number",
        })?;
    if skills.is_empty() {
        return Err(Refusal::InvalidArgument {
            what: "skill list (empty)",
        });
    }
    let path = format!("{AGENT}/config/skills/{action}");
    Ok(HttpRequest::new(Method::Post, path).with_body(encode(&AgentSkillActivation { skills })))
}
