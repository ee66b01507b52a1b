//! What an adapter tells the machine, in the neutral model's terms: the one input every
//! vendor's events, snapshots and answers reduce to.

use crate::model::{Agent, HelpAsk, HelpRequest};
use crate::model::{
    AgentProfile, AgentReport, CallRef, Cause, DeviceCapabilities, DirectorySearch, HistoryUpdate,
    Instant, Reason, Routing, Skill, UserPresence, WrapUpPolicy,
};
use crate::model::{AgentStatistics, CallbackPeriod, CallbackRequest, QueueMembership, ScreenPop};

use super::calls::{self, CallUpdate};
use super::memory::Restore;
use super::{Machine, Notification};

/// One change to the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Update {
    /// A call was created or modified.
    Call(Box<CallUpdate>),
    /// A call ended for the user.
    CallRemoved {
        /// The call.
        call: CallRef,
        /// Why, when the backend said.
        cause: Option<Cause>,
    },
    /// Every call, from a snapshot (after a reconnection).
    CallsSnapshot(Vec<CallUpdate>),
    /// Device capabilities: merged by device, or (`replace`) replacing the known ones.
    Devices {
        /// Forget the devices not listed.
        replace: bool,
        /// The devices reported.
        devices: Vec<DeviceCapabilities>,
    },
    /// Whether the user's phone is in use.
    Presence(UserPresence),
    /// A complete report of the agent's state.
    Agent(AgentReport),
    /// The agent's skills, all of them.
    Skills(Vec<Skill>),
    /// The agent asked a supervisor for help.
    HelpRequested {
        /// The supervisor, when the backend named them.
        supervisor: Option<String>,
    },
    /// The help request was cancelled or rejected.
    HelpCancelled,
    /// (Supervisor) an agent asks for help.
    HelpAsked {
        /// The agent.
        agent: String,
    },
    /// (Supervisor) an agent's request for help is over (withdrawn, refused, answered,
    /// dismissed).
    HelpAskEnded {
        /// The agent.
        agent: String,
    },
    /// The agent's configuration.
    Profile(AgentProfile),
    /// The reasons the agent may give now, all of them.
    Reasons(Vec<Reason>),
    /// Forward and do-not-disturb.
    Routing(Routing),
    /// The call history changed.
    History(HistoryUpdate),
    /// The count of missed calls.
    MissedCalls(u32),
    /// The user's name, to show.
    UserName(String),
    /// The directory search moved on.
    Directory(DirectorySearch),
    /// The dispositions and wrap-up time of the agent's group.
    WrapUpPolicy(WrapUpPolicy),
    /// Every callback request the user may work on (kept by due date and period).
    Callbacks(Vec<CallbackRequest>),
    /// The periods a callback may be rescheduled in.
    CallbackPeriods(Vec<CallbackPeriod>),
    /// Every queue the agent belongs to or may join.
    Queues(Vec<QueueMembership>),
    /// The agent's statistics of the day.
    Statistics(AgentStatistics),
    /// A screen pop arrived (for a call, or the next one).
    ScreenPop(ScreenPop),
}

impl Machine {
    /// Applies one change from the backend's adapter.
    pub fn apply(&mut self, now: Instant, update: Update) {
        let restores = match update {
            Update::Call(_) => Some(Restore::Calls { last: false }),
            Update::CallsSnapshot(_) => Some(Restore::Calls { last: true }),
            Update::Agent(_) => Some(Restore::Agent),
            _ => None,
        };
        self.apply_inner(now, update);
        if let Some(restore) = restores {
            self.restore_times(restore);
        }
    }

    fn apply_inner(&mut self, now: Instant, update: Update) {
        match update {
            Update::Call(update) => {
                calls::apply_update(&mut self.desk, &mut self.out, now, *update);
            }
            Update::CallRemoved { call, cause } => {
                calls::remove(&mut self.desk, &mut self.out, now, &call, cause);
            }
            Update::CallsSnapshot(calls) => {
                calls::replace_all(&mut self.desk, &mut self.out, now, calls);
            }
            Update::Devices { replace, devices } => self.update_devices(replace, devices),
            Update::Presence(presence) => self.desk.presence = presence,
            Update::Agent(report) => self.apply_agent_report(now, report),
            Update::Skills(skills) => {
                self.desk.skills = skills;
                self.out.notify(Notification::SkillsChanged);
            }
            Update::HelpRequested { supervisor } => {
                self.desk.help = Some(HelpRequest {
                    supervisor: supervisor.clone(),
                });
                self.out.notify(Notification::HelpRequested { supervisor });
            }
            Update::HelpCancelled => {
                self.desk.help = None;
                self.out.notify(Notification::HelpCancelled);
            }
            Update::HelpAsked { agent } => {
                if !self.desk.help_asks.iter().any(|ask| ask.agent == agent) {
                    self.desk.help_asks.push(HelpAsk {
                        agent: agent.clone(),
                    });
                    self.out.notify(Notification::HelpAsked { agent });
                }
            }
            Update::HelpAskEnded { agent } => self.desk.help_asks.retain(|ask| ask.agent != agent),
            Update::Profile(profile) => self.desk.profile = Some(profile),
            Update::Reasons(reasons) => self.desk.reasons = reasons,
            Update::Routing(routing) => self.desk.routing = Some(routing),
            Update::History(HistoryUpdate::Replace(mut entries)) => {
                // RFC 3339 dates sort as text; newest first, undated last.
                entries.sort_by(|a, b| b.began.cmp(&a.began));
                self.desk.history = entries;
            }
            Update::History(HistoryUpdate::Added(entry)) => {
                self.desk.history.retain(|known| known.id != entry.id);
                self.desk.history.insert(0, entry);
            }
            Update::MissedCalls(count) => self.desk.missed_calls = Some(count),
            Update::UserName(name) => self.desk.user_name = Some(name),
            Update::Directory(search) => self.desk.directory = search,
            Update::WrapUpPolicy(policy) => self.desk.wrap_up_policy = policy,
            Update::Callbacks(mut requests) => {
                requests.sort_by(|a, b| a.order().cmp(&b.order()));
                self.desk.callbacks = requests;
            }
            Update::CallbackPeriods(periods) => self.desk.callback_periods = periods,
            Update::Queues(queues) => self.desk.queues = queues,
            Update::Statistics(statistics) => self.desk.statistics = Some(statistics),
            Update::ScreenPop(pop) => {
                self.desk.screen_pop = Some(pop.clone());
                self.out.notify(Notification::ScreenPop(pop));
            }
        }
    }

    /// Applies a report of the agent's state. Reports are complete, so one from a snapshot
    /// replaces the state as any other does.
    fn apply_agent_report(&mut self, now: Instant, report: AgentReport) {
        let from = self.desk.agent.status();
        let agent = core::mem::replace(&mut self.desk.agent, Agent::new(now));
        self.desk.agent = agent.apply(now, report);
        let to = self.desk.agent.status();
        if from != to {
            self.out
                .notify(Notification::AgentStateChanged { from, to });
        }
    }

    /// Merges device capabilities by device (after forgetting the others, for a snapshot).
    fn update_devices(&mut self, replace: bool, devices: Vec<DeviceCapabilities>) {
        if replace {
            self.desk.devices.clear();
        }
        let mut changed = false;
        for device in devices {
            match self
                .desk
                .devices
                .iter_mut()
                .find(|d| d.device == device.device)
            {
                Some(existing) if *existing == device => {}
                Some(existing) => {
                    *existing = device;
                    changed = true;
                }
                None => {
                    self.desk.devices.push(device);
                    changed = true;
                }
            }
        }
        if changed {
            self.out.notify(Notification::DevicesChanged);
        }
    }
}
