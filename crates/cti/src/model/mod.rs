//! The normalized, vendor-neutral model of an agent's desk: the agent state, the calls and
//! the devices. O2G is mapped into it today; XiVO XuC, Cisco Finesse, OpenMethods and Vonage
//! will map into the same types, so names are those of a contact centre, not of a vendor.

pub mod agent;
pub mod call;
pub mod desk;
pub mod device;
pub mod intent;
pub mod time;

pub use agent::{
    Activity, ActivityReport, Agent, AgentReport, AgentStatus, LoggedOn, LoggedOut, WrapUpKind,
};
pub use call::{
    AcdData, Call, CallCapabilities, CallLevelCapabilities, CallRef, CallState, Cause, DeviceLeg,
    Direction, LegCapabilities, Participant, Party, Recording,
};
pub use desk::{Desk, HelpRequest, Skill};
pub use device::{DeviceCapabilities, UserPresence};
pub use intent::{Intent, RecordingControl, Refusal};
pub use time::Instant;
