//! The `team` object of the team status events, and its members.

use serde_json::{json, Map, Value};

use super::DecodeError;
use crate::report::team::{MemberStatus, MemberType, Team, TeamMember};

/// A string field of `object`, when present and a string.
pub(super) fn text(object: &Map<String, Value>, field: &str) -> Option<String> {
    object.get(field).and_then(Value::as_str).map(str::to_owned)
}

/// Reads a `team` object of the event `event`.
pub(super) fn team_from(event: &str, value: &Value) -> Result<Team, DecodeError> {
    let missing = |field| DecodeError::MissingField {
        message: event.to_owned(),
        field,
    };
    let team = value.as_object().ok_or_else(|| missing("data.team"))?;
    let members = match team.get("members") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(members)) => members
            .iter()
            .map(|m| member_from(event, m))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(missing("data.team.members")),
    };
    Ok(Team {
        id: text(team, "teamId").ok_or_else(|| missing("data.team.teamId"))?,
        name: text(team, "teamName").ok_or_else(|| missing("data.team.teamName"))?,
        members,
    })
}

fn member_from(event: &str, value: &Value) -> Result<TeamMember, DecodeError> {
    let missing = |field| DecodeError::MissingField {
        message: event.to_owned(),
        field,
    };
    let member = value
        .as_object()
        .ok_or_else(|| missing("data.team.members"))?;
    Ok(TeamMember {
        id: text(member, "memberId").ok_or_else(|| missing("data.team.members.memberId"))?,
        member_type: text(member, "memberType")
            .map(|t| MemberType::from_wire(&t))
            .transpose()?,
        name: text(member, "memberName"),
        status: text(member, "status")
            .map(|s| MemberStatus::from_wire(&s))
            .transpose()?,
        reason: text(member, "reason"),
    })
}

/// Writes a `team` object; `with_members` false for the events that carry none.
pub(super) fn team_to(team: &Team, with_members: bool) -> Value {
    let mut object = Map::new();
    object.insert("teamId".into(), json!(team.id));
    object.insert("teamName".into(), json!(team.name));
    if with_members {
        let members: Vec<Value> = team.members.iter().map(member_to).collect();
        object.insert("members".into(), Value::Array(members));
    }
    Value::Object(object)
}

fn member_to(member: &TeamMember) -> Value {
    let mut object = Map::new();
    object.insert("memberId".into(), json!(member.id));
    if let Some(t) = member.member_type {
        object.insert("memberType".into(), json!(t.as_str()));
    }
    if let Some(name) = &member.name {
        object.insert("memberName".into(), json!(name));
    }
    if let Some(status) = member.status {
        object.insert("status".into(), json!(status.as_str()));
    }
    if let Some(reason) = &member.reason {
        object.insert("reason".into(), json!(reason));
    }
    Value::Object(object)
}
