//! The normalized, vendor-neutral model of an agent's desk: the agent state, the calls, the
//! devices, and around them the profile, routing, history and directory. Every vendor's
//! adapter maps into these types, so names are those of a contact centre, not of a vendor.

pub mod agent;
pub mod call;
pub mod desk;
pub mod device;
pub mod directory;
pub mod history;
pub mod intent;
pub mod profile;
pub mod routing;
pub mod time;
pub mod work;
pub mod wrap_up;

pub use agent::{
    Activity, ActivityReport, Agent, AgentReport, AgentStatus, LoggedOn, LoggedOut, WrapUpKind,
};
pub use call::{
    AcdData, Call, CallCapabilities, CallLevelCapabilities, CallRef, CallState, Cause, DeviceLeg,
    Direction, LegCapabilities, Participant, Party, Recording,
};
pub use desk::{Desk, HelpAsk, HelpRequest, Skill};
pub use device::{DeviceCapabilities, UserPresence};
pub use directory::{Contact, DirectorySearch};
pub use history::{HistoryEntry, HistoryUpdate};
pub use intent::{Capabilities, Intent, IntentKind, RecordingControl, Refusal};
pub use profile::{AgentProfile, Reason, ReasonId, Role};
pub use routing::{ForwardTarget, Routing};
pub use time::Instant;
pub use work::{
    AgentStatistics, CallbackOutcome, CallbackPeriod, CallbackRequest, CallbackTaker,
    QueueMembership, ScreenPop,
};
pub use wrap_up::{
    AfterCallRecord, AfterCallWork, Disposition, DispositionId, WrapUpPolicy, MAX_NOTES_LENGTH,
};
