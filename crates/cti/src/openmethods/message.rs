//! Requests, responses and events of the UCCX report resource.

use serde_json::{json, Map, Value};

use super::team::{team_from, team_to, text};
use super::{DecodeError, CALL_JOURNEY, TEAM_STATUS_BEGIN, TEAM_STATUS_END};
use crate::report::journey::{format_duration, parse_duration};
use crate::report::{CallJourney, DeviceType, JourneyStep, TeamChange};

/// A request to the report resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `report.calljourney`: the journey of the call `CallId`.
    CallJourney {
        /// The UCCX id of the call.
        call_id: String,
    },
    /// `report.teamstatus.begin`: start the team status events for `agentId`.
    TeamStatusBegin {
        /// The UCCX id of the agent (a supervisor) asking.
        agent_id: String,
    },
    /// `report.teamstatus.end`: stop them.
    TeamStatusEnd {
        /// The UCCX id of the agent.
        agent_id: String,
    },
}

impl Request {
    /// Its `command`.
    pub fn command(&self) -> &'static str {
        match self {
            Request::CallJourney { .. } => CALL_JOURNEY,
            Request::TeamStatusBegin { .. } => TEAM_STATUS_BEGIN,
            Request::TeamStatusEnd { .. } => TEAM_STATUS_END,
        }
    }
}

/// A failure, as the spec's failure response carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The command that failed (as the request named it).
    pub command: String,
    /// The error code.
    pub code: String,
    /// The error message.
    pub message: String,
    /// A stack trace, if applicable.
    pub context: Option<String>,
    /// The original request, as it came.
    pub original: Value,
}

/// A response of the report resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// The journey asked for.
    CallJourney(CallJourney),
    /// The team status report started.
    TeamStatusBegun,
    /// The team status report ended.
    TeamStatusEnded,
    /// A request failed.
    Failure(Failure),
}

/// A team status event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamEvent {
    /// The agent the report is for.
    pub agent_id: String,
    /// What changed.
    pub change: TeamChange,
}

impl TeamEvent {
    /// The event's `name`.
    pub fn name(&self) -> &'static str {
        match self.change {
            TeamChange::TeamChanged(_) => "report.teamstatus.teamchanged",
            TeamChange::TeamRemoved(_) => "report.teamstatus.teamremoved",
            TeamChange::TeamAdded(_) => "report.teamstatus.teamadded",
            TeamChange::MembersAdded(_) => "report.teamstatus.memberadded",
            TeamChange::MembersStatusChanged(_) => "report.teamstatus.memberstatuschanged",
            TeamChange::MembersRemoved(_) => "report.teamstatus.memberremoved",
        }
    }
}

/// What the report resource sends: a response or an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerMessage {
    /// A response to a request.
    Response(Response),
    /// A team status event.
    Event(TeamEvent),
}

fn object(bytes: &[u8]) -> Result<Map<String, Value>, DecodeError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(DecodeError::NotJson(format!("a JSON {}", kind(&other)))),
        Err(e) => Err(DecodeError::NotJson(e.to_string())),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn data_of<'a>(
    message: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a Map<String, Value>, DecodeError> {
    message
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| DecodeError::MissingField {
            message: name.to_owned(),
            field: "data",
        })
}

/// Reads a request.
pub fn decode_request(bytes: &[u8]) -> Result<Request, DecodeError> {
    let message = object(bytes)?;
    let command = text(&message, "command").ok_or(DecodeError::NoCommand)?;
    request_of(&command, &message)
}

fn request_of(command: &str, message: &Map<String, Value>) -> Result<Request, DecodeError> {
    match command {
        CALL_JOURNEY => Ok(Request::CallJourney {
            call_id: data_field(message, command, "CallId", "data.CallId")?,
        }),
        TEAM_STATUS_BEGIN => Ok(Request::TeamStatusBegin {
            agent_id: data_field(message, command, "agentId", "data.agentId")?,
        }),
        TEAM_STATUS_END => Ok(Request::TeamStatusEnd {
            agent_id: data_field(message, command, "agentId", "data.agentId")?,
        }),
        other => Err(DecodeError::UnknownCommand(other.to_owned())),
    }
}

/// `data.<field>` of `message`, a string (`path` names it in errors).
fn data_field(
    message: &Map<String, Value>,
    command: &str,
    field: &str,
    path: &'static str,
) -> Result<String, DecodeError> {
    text(data_of(message, command)?, field).ok_or_else(|| DecodeError::MissingField {
        message: command.to_owned(),
        field: path,
    })
}

/// Writes a request.
pub fn encode_request(request: &Request) -> String {
    let data = match request {
        Request::CallJourney { call_id } => json!({ "CallId": call_id }),
        Request::TeamStatusBegin { agent_id } | Request::TeamStatusEnd { agent_id } => {
            json!({ "agentId": agent_id })
        }
    };
    json!({ "command": request.command(), "data": data }).to_string()
}

/// Reads a response or an event.
pub fn decode_server(bytes: &[u8]) -> Result<ServerMessage, DecodeError> {
    let message = object(bytes)?;
    if let Some(name) = text(&message, "name") {
        return event_of(&name, &message).map(ServerMessage::Event);
    }
    let command = text(&message, "command").ok_or(DecodeError::NoCommand)?;
    let missing = |field| DecodeError::MissingField {
        message: command.clone(),
        field,
    };
    let result = text(&message, "result").ok_or_else(|| missing("result"))?;
    match result.as_str() {
        "failure" => {
            let failure = message
                .get("failure")
                .and_then(Value::as_object)
                .ok_or_else(|| missing("failure"))?;
            Ok(ServerMessage::Response(Response::Failure(Failure {
                code: text(failure, "code").ok_or_else(|| missing("failure.code"))?,
                message: text(failure, "message").ok_or_else(|| missing("failure.message"))?,
                context: text(failure, "context"),
                original: message.get("original").cloned().unwrap_or(Value::Null),
                command,
            })))
        }
        "success" => match command.as_str() {
            CALL_JOURNEY => {
                journey_of(&message).map(|j| ServerMessage::Response(Response::CallJourney(j)))
            }
            TEAM_STATUS_BEGIN => Ok(ServerMessage::Response(Response::TeamStatusBegun)),
            TEAM_STATUS_END => Ok(ServerMessage::Response(Response::TeamStatusEnded)),
            other => Err(DecodeError::UnknownCommand(other.to_owned())),
        },
        other => Err(DecodeError::UnknownResult(other.to_owned())),
    }
}

fn journey_of(message: &Map<String, Value>) -> Result<CallJourney, DecodeError> {
    let missing = |field| DecodeError::MissingField {
        message: CALL_JOURNEY.to_owned(),
        field,
    };
    let steps = data_of(message, CALL_JOURNEY)?
        .get("CallJourney")
        .and_then(Value::as_array)
        .ok_or_else(|| missing("data.CallJourney"))?;
    let steps = steps
        .iter()
        .map(|step| {
            let step = step
                .as_object()
                .ok_or_else(|| missing("data.CallJourney"))?;
            let duration =
                text(step, "Duration").ok_or_else(|| missing("data.CallJourney.Duration"))?;
            Ok(JourneyStep {
                call_id: text(step, "CallId").ok_or_else(|| missing("data.CallJourney.CallId"))?,
                device: text(step, "Device").ok_or_else(|| missing("data.CallJourney.Device"))?,
                device_type: DeviceType::from_wire(
                    &text(step, "DeviceType")
                        .ok_or_else(|| missing("data.CallJourney.DeviceType"))?,
                ),
                description: text(step, "Description").unwrap_or_default(),
                start: None,
                duration: Some(
                    parse_duration(&duration).ok_or(DecodeError::BadDuration(duration))?,
                ),
            })
        })
        .collect::<Result<Vec<_>, DecodeError>>()?;
    Ok(CallJourney {
        // The response does not repeat the request's id: the first step's is the call's.
        call_id: steps.first().map(|s| s.call_id.clone()).unwrap_or_default(),
        steps,
    })
}

fn event_of(name: &str, message: &Map<String, Value>) -> Result<TeamEvent, DecodeError> {
    let make: fn(crate::report::Team) -> TeamChange = match name {
        "report.teamstatus.teamchanged" => TeamChange::TeamChanged,
        "report.teamstatus.teamremoved" => TeamChange::TeamRemoved,
        "report.teamstatus.teamadded" => TeamChange::TeamAdded,
        "report.teamstatus.memberadded" => TeamChange::MembersAdded,
        "report.teamstatus.memberstatuschanged" => TeamChange::MembersStatusChanged,
        "report.teamstatus.memberremoved" => TeamChange::MembersRemoved,
        other => return Err(DecodeError::UnknownEvent(other.to_owned())),
    };
    let data = data_of(message, name)?;
    let agent_id = text(data, "agentId").ok_or_else(|| DecodeError::MissingField {
        message: name.to_owned(),
        field: "data.agentId",
    })?;
    let team = data.get("team").ok_or_else(|| DecodeError::MissingField {
        message: name.to_owned(),
        field: "data.team",
    })?;
    Ok(TeamEvent {
        agent_id,
        change: make(team_from(name, team)?),
    })
}

/// Writes a response or an event. A journey step still going on (no duration) is written
/// with the time spent so far, which the caller fills in; `00:00:00` if it did not.
pub fn encode_server(message: &ServerMessage) -> String {
    let value = match message {
        ServerMessage::Event(event) => {
            let with_members = !matches!(
                event.change,
                TeamChange::TeamChanged(_) | TeamChange::TeamRemoved(_)
            );
            json!({
                "name": event.name(),
                "data": {
                    "agentId": event.agent_id,
                    "team": team_to(event.change.team(), with_members),
                }
            })
        }
        ServerMessage::Response(Response::Failure(failure)) => {
            let mut body = Map::new();
            body.insert("code".into(), json!(failure.code));
            body.insert("message".into(), json!(failure.message));
            if let Some(context) = &failure.context {
                body.insert("context".into(), json!(context));
            }
            json!({
                "command": failure.command,
                "result": "failure",
                "failure": body,
                "original": failure.original,
            })
        }
        ServerMessage::Response(Response::CallJourney(journey)) => {
            let steps: Vec<Value> = journey
                .steps
                .iter()
                .map(|s| {
                    json!({
                        "CallId": s.call_id,
                        "Device": s.device,
                        "DeviceType": s.device_type.as_str(),
                        "Description": s.description,
                        "Duration": format_duration(s.duration.unwrap_or(0)),
                    })
                })
                .collect();
            json!({
                "command": CALL_JOURNEY,
                "result": "success",
                "data": { "CallJourney": steps },
            })
        }
        ServerMessage::Response(Response::TeamStatusBegun) => {
            json!({ "command": TEAM_STATUS_BEGIN, "result": "success", "data": {} })
        }
        ServerMessage::Response(Response::TeamStatusEnded) => {
            json!({ "command": TEAM_STATUS_END, "result": "success", "data": {} })
        }
    };
    value.to_string()
}
