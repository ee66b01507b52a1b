//! The OpenMethods Interaction Processor's UCCX report resource
//! (`shared/specs/openmethods-uccx-reports.txt`): JSON requests (`command` + `data`), their
//! responses (`result` `success` with `data`, or `failure` with `failure` and `original`), and
//! the team status events (`name` + `data`).
//!
//! Requests: [`Request`] (`report.calljourney`, `report.teamstatus.begin`/`end`). Answers and
//! events: [`ServerMessage`]. Both decode from bytes and encode to text; the neutral forms
//! are [`crate::report::CallJourney`] and [`crate::report::TeamChange`]. Services "are free
//! to expand on the structures", so fields the spec does not name are ignored on input.

mod error;
mod message;
mod team;

pub use error::DecodeError;
pub use message::{
    decode_request, decode_server, encode_request, encode_server, Failure, Request, Response,
    ServerMessage, TeamEvent,
};

/// The resource type of the UCCX report server.
pub const RESOURCE_TYPE: &str = "com.openmethods.iserver.processor.reporting.uccx";

/// The call journey report.
pub const CALL_JOURNEY: &str = "report.calljourney";
/// Starts the team status report.
pub const TEAM_STATUS_BEGIN: &str = "report.teamstatus.begin";
/// Ends the team status report.
pub const TEAM_STATUS_END: &str = "report.teamstatus.end";
