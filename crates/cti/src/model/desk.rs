//! Everything an agent's desk shows at one moment: the agent, the calls, the devices.

use super::agent::Agent;
use super::call::{Call, CallRef};
use super::device::{DeviceCapabilities, UserPresence};
use super::directory::DirectorySearch;
use super::history::HistoryEntry;
use super::profile::{AgentProfile, Reason};
use super::routing::Routing;
use super::time::Instant;
use super::work::{AgentStatistics, CallbackPeriod, CallbackRequest, QueueMembership, ScreenPop};
use super::wrap_up::{AfterCallWork, WrapUpPolicy};

/// A contact-centre skill of the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Skill {
    /// The skill's number.
    pub number: u32,
    /// The agent's level in it.
    pub level: u32,
    /// Whether it is currently active.
    pub active: bool,
}

/// A request for supervisor help that has not been answered or cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRequest {
    /// The supervisor asked, when the gateway named them.
    pub supervisor: Option<String>,
}

/// An agent asking this supervisor for help.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HelpAsk {
    /// The agent's number, as the backend names them.
    pub agent: String,
}

/// The state of one agent's desk. Read-only outside the crate: the state machine is the only
/// writer, which is what keeps its invariants (a call reference appears once; a removed call
/// is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub(crate) agent: Agent,
    pub(crate) calls: Vec<Call>,
    pub(crate) devices: Vec<DeviceCapabilities>,
    pub(crate) presence: UserPresence,
    pub(crate) skills: Vec<Skill>,
    pub(crate) help: Option<HelpRequest>,
    pub(crate) profile: Option<AgentProfile>,
    pub(crate) reasons: Vec<Reason>,
    pub(crate) routing: Option<Routing>,
    pub(crate) history: Vec<HistoryEntry>,
    pub(crate) missed_calls: Option<u32>,
    pub(crate) directory: DirectorySearch,
    pub(crate) help_asks: Vec<HelpAsk>,
    pub(crate) user_name: Option<String>,
    pub(crate) wrap_up_policy: WrapUpPolicy,
    pub(crate) after_call: Option<AfterCallWork>,
    /// When the agent last extended the current wrap-up (its time restarts then).
    pub(crate) wrap_up_extended: Option<Instant>,
    pub(crate) callbacks: Vec<CallbackRequest>,
    pub(crate) callback_periods: Vec<CallbackPeriod>,
    pub(crate) queues: Vec<QueueMembership>,
    pub(crate) statistics: Option<AgentStatistics>,
    pub(crate) screen_pop: Option<ScreenPop>,
}

impl Desk {
    /// An empty desk: agent logged out, no call, nothing known about the devices.
    pub fn new(now: Instant) -> Desk {
        Desk {
            agent: Agent::new(now),
            calls: Vec::new(),
            devices: Vec::new(),
            presence: UserPresence::Unknown,
            skills: Vec::new(),
            help: None,
            profile: None,
            reasons: Vec::new(),
            routing: None,
            history: Vec::new(),
            missed_calls: None,
            directory: DirectorySearch::Idle,
            help_asks: Vec::new(),
            user_name: None,
            wrap_up_policy: WrapUpPolicy::default(),
            after_call: None,
            wrap_up_extended: None,
            callbacks: Vec::new(),
            callback_periods: Vec::new(),
            queues: Vec::new(),
            statistics: None,
            screen_pop: None,
        }
    }

    /// The agent's state.
    pub fn agent(&self) -> &Agent {
        &self.agent
    }

    /// The current calls, oldest first. Each reference appears once.
    pub fn calls(&self) -> &[Call] {
        &self.calls
    }

    /// The call with this reference.
    pub fn call(&self, reference: &CallRef) -> Option<&Call> {
        self.calls.iter().find(|call| call.reference == *reference)
    }

    /// The capabilities of the user's devices, as last reported.
    pub fn devices(&self) -> &[DeviceCapabilities] {
        &self.devices
    }

    /// Whether the user's phone is in use, as the gateway summarizes it.
    pub fn presence(&self) -> UserPresence {
        self.presence
    }

    /// The agent's skills, as last reported.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// The pending request for supervisor help, if any.
    pub fn help(&self) -> Option<&HelpRequest> {
        self.help.as_ref()
    }

    /// The agent's configuration, once the backend reported it.
    pub fn profile(&self) -> Option<&AgentProfile> {
        self.profile.as_ref()
    }

    /// Whether the user has no contact-centre role (a plain user: calls only), as far as
    /// the backend said.
    pub fn is_plain_user(&self) -> bool {
        self.profile.as_ref().is_some_and(|p| !p.role.is_agent())
    }

    /// The reasons the agent may give for a withdrawal (for the current group, where reasons
    /// depend on it).
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// Forward and do-not-disturb, once reported.
    pub fn routing(&self) -> Option<&Routing> {
        self.routing.as_ref()
    }

    /// The call history, newest first.
    pub fn history(&self) -> &[HistoryEntry] {
        &self.history
    }

    /// Unanswered calls the backend counts as missed, once reported.
    pub fn missed_calls(&self) -> Option<u32> {
        self.missed_calls
    }

    /// The user's name, once the backend said.
    pub fn user_name(&self) -> Option<&str> {
        self.user_name.as_deref()
    }

    /// Agents asking this supervisor for help, oldest first.
    pub fn help_asks(&self) -> &[HelpAsk] {
        &self.help_asks
    }

    /// The dispositions and wrap-up time of the agent's group, as the backend said.
    pub fn wrap_up_policy(&self) -> &WrapUpPolicy {
        &self.wrap_up_policy
    }

    /// The after-call work of the last contact-centre call, until it is saved.
    pub fn after_call(&self) -> Option<&AfterCallWork> {
        self.after_call.as_ref()
    }

    /// The last directory search.
    pub fn directory(&self) -> &DirectorySearch {
        &self.directory
    }

    /// The callback requests the user may work on, by due date and period.
    pub fn callbacks(&self) -> &[CallbackRequest] {
        &self.callbacks
    }

    /// The callback request with this id.
    pub fn callback(&self, id: &str) -> Option<&CallbackRequest> {
        self.callbacks.iter().find(|request| request.id == id)
    }

    /// The periods a callback may be rescheduled in.
    pub fn callback_periods(&self) -> &[CallbackPeriod] {
        &self.callback_periods
    }

    /// The queues the agent belongs to or may join, with the penalty in each.
    pub fn queues(&self) -> &[QueueMembership] {
        &self.queues
    }

    /// The agent's statistics of the day, once reported.
    pub fn statistics(&self) -> Option<&AgentStatistics> {
        self.statistics.as_ref()
    }

    /// The last screen pop.
    pub fn screen_pop(&self) -> Option<&ScreenPop> {
        self.screen_pop.as_ref()
    }
}
