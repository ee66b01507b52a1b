//! Reports, vendor-neutral: what the agents did over time and where calls went.
//!
//! - [`activity`]: agent activities (the Vonage model, the richest of the specs): a presence
//!   timeline per agent, interaction activities per call leg, workload items, and the
//!   direction rules of a leg.
//! - [`journey`]: a call's journey through devices (pilot, queue, agent set, transfer target)
//!   with the time spent at each (the UCCX call journey report).
//! - [`team`]: the status of a supervisor's teams and their members, and the changes that
//!   keep it current (the UCCX team status report).
//!
//! Times are Unix milliseconds (UTC); durations are milliseconds. Vendor codecs
//! ([`crate::vonage`], [`crate::openmethods`]) translate to and from these types.

pub mod activity;
pub mod journey;
pub mod team;

pub use activity::{
    ActivityKind, ActivityReason, AgentActivity, Direction, Interaction, InteractionCategory,
    InteractionStatus, LegOrigin, Presence, PresenceCategory, Workload,
};
pub use journey::{CallJourney, DeviceType, JourneyStep};
pub use team::{MemberStatus, MemberType, Team, TeamBoard, TeamChange, TeamMember};
