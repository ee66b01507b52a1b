//! The contact-centre agent: logged out, or logged on to a device in a group and doing one
//! thing at a time (ready, paused, withdrawn, wrapping up, busy or out of group).
//!
//! Each state is its own struct and a transition consumes it, so a state that does not exist
//! (a wrap-up without a log-on, a `since` from a previous state) cannot be built.

use core::time::Duration;

use super::profile::ReasonId;
use super::time::Instant;

/// The agent's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agent {
    /// Not logged on to the contact centre (or never told otherwise).
    LoggedOut(LoggedOut),
    /// Logged on to a device, in a group or not.
    LoggedOn(LoggedOn),
}

/// Not logged on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedOut {
    /// When the agent logged off (or when we started, if never logged on).
    pub since: Instant,
}

/// Logged on to a contact-centre device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedOn {
    /// The device the agent is logged on to (O2G: the pro-ACD set).
    pub device: Option<String>,
    /// The processing group (team) the agent works in, if any.
    pub group: Option<String>,
    /// When the agent logged on.
    pub since: Instant,
    /// What the agent is doing now.
    pub activity: Activity,
}

/// What a logged-on agent is doing. Each variant carries the time it began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    /// Available for the next call.
    Ready(Ready),
    /// On a short pause.
    Paused(Paused),
    /// Withdrawn from distribution, for a reason.
    Withdrawn(Withdrawn),
    /// Finishing the work of the last call.
    WrapUp(WrapUp),
    /// Handling a call.
    Busy(Busy),
    /// Logged on but outside the group (e.g. a supervisor before entering it).
    OutOfGroup(OutOfGroup),
    /// A state the vendor reported that we do not know.
    Unknown(UnknownActivity),
}

/// Available for calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ready {
    /// When the agent became ready.
    pub since: Instant,
}

/// On pause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paused {
    /// When the pause began.
    pub since: Instant,
}

/// Withdrawn from distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    /// When the withdrawal began.
    pub since: Instant,
    /// The reason given, from the agent's list of reasons.
    pub reason: Option<ReasonId>,
}

/// Wrapping up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapUp {
    /// When the wrap-up began.
    pub since: Instant,
    /// Which kind of work is being wrapped up.
    pub kind: WrapUpKind,
}

/// Handling a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// When the agent became busy.
    pub since: Instant,
}

/// Outside the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfGroup {
    /// When the agent left (or logged on outside) the group.
    pub since: Instant,
}

/// A state we do not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownActivity {
    /// When it began.
    pub since: Instant,
    /// The vendor's name for it, for logs.
    pub raw: String,
}

/// The kind of work being wrapped up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WrapUpKind {
    /// After a call.
    Call,
    /// Entering the transaction code of the last call.
    TransactionCode,
    /// After an instant-messaging contact.
    InstantMessage,
    /// After an e-mail.
    Email,
    /// After an e-mail; a call may interrupt it.
    EmailInterruptible,
    /// After an outbound campaign call.
    Outbound,
    /// After a callback.
    Callback,
}

/// The agent's state without its data: what notifications and the UI compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgentStatus {
    /// Logged out.
    LoggedOut,
    /// Ready.
    Ready,
    /// Paused.
    Paused,
    /// Withdrawn.
    Withdrawn,
    /// Wrapping up.
    WrapUp,
    /// Busy on a call.
    Busy,
    /// Logged on outside the group.
    OutOfGroup,
    /// Logged on, doing something we do not know.
    Unknown,
}

/// A vendor's report of the agent's state, normalized: the input of [`Agent::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentReport {
    /// The agent is logged out.
    LoggedOut,
    /// The agent is logged on.
    LoggedOn {
        /// The device, when the report names it.
        device: Option<String>,
        /// The group, when the report names it.
        group: Option<String>,
        /// What the agent is doing.
        activity: ActivityReport,
    },
}

/// What a report says a logged-on agent is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityReport {
    /// Ready.
    Ready,
    /// Paused.
    Paused,
    /// Withdrawn, with the reason if given.
    Withdrawn(Option<ReasonId>),
    /// Wrapping up.
    WrapUp(WrapUpKind),
    /// Busy.
    Busy,
    /// Out of group.
    OutOfGroup,
    /// Something we do not know, by the vendor's name.
    Unknown(String),
}

impl Agent {
    /// A logged-out agent, as we assume before the first report.
    pub fn new(now: Instant) -> Agent {
        Agent::LoggedOut(LoggedOut { since: now })
    }

    /// The state without its data.
    pub fn status(&self) -> AgentStatus {
        match self {
            Agent::LoggedOut(_) => AgentStatus::LoggedOut,
            Agent::LoggedOn(on) => on.activity.status(),
        }
    }

    /// When the current state began (the activity's start when logged on).
    pub fn since(&self) -> Instant {
        match self {
            Agent::LoggedOut(out) => out.since,
            Agent::LoggedOn(on) => on.activity.since(),
        }
    }

    /// Time spent in the current state.
    pub fn time_in_state(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since())
    }

    /// The logged-on state, if logged on.
    pub fn logged_on(&self) -> Option<&LoggedOn> {
        match self {
            Agent::LoggedOn(on) => Some(on),
            Agent::LoggedOut(_) => None,
        }
    }

    /// Moves to the reported state. Reporting the current state again changes nothing, so
    /// a repeated or snapshot report never resets a `since`.
    pub fn apply(self, now: Instant, report: AgentReport) -> Agent {
        match (self, report) {
            (Agent::LoggedOut(out), AgentReport::LoggedOut) => Agent::LoggedOut(out),
            (Agent::LoggedOn(on), AgentReport::LoggedOut) => Agent::LoggedOut(on.log_off(now)),
            (
                Agent::LoggedOut(out),
                AgentReport::LoggedOn {
                    device,
                    group,
                    activity,
                },
            ) => Agent::LoggedOn(out.log_on(now, device, group, activity)),
            (
                Agent::LoggedOn(on),
                AgentReport::LoggedOn {
                    device,
                    group,
                    activity,
                },
            ) => Agent::LoggedOn(on.relocate(device, group).switch(now, activity)),
        }
    }
}

impl Agent {
    /// The same state, known to have begun earlier: `since` for the current state (logged
    /// out, or the activity), `logged_on` for the log-on. Times later than the known ones are
    /// kept, so a stale memory never moves a state into the future.
    pub fn backdated(self, since: Instant, logged_on: Option<Instant>) -> Agent {
        match self {
            Agent::LoggedOut(out) => Agent::LoggedOut(LoggedOut {
                since: out.since.min(since),
            }),
            Agent::LoggedOn(on) => Agent::LoggedOn(LoggedOn {
                since: logged_on.map_or(on.since, |at| on.since.min(at)),
                activity: on.activity.backdated(since),
                ..on
            }),
        }
    }
}

impl LoggedOut {
    /// Logs on to `device` in `group`, starting `activity` now.
    pub fn log_on(
        self,
        now: Instant,
        device: Option<String>,
        group: Option<String>,
        activity: ActivityReport,
    ) -> LoggedOn {
        LoggedOn {
            device,
            group,
            since: now,
            activity: Activity::start(now, activity),
        }
    }
}

impl LoggedOn {
    /// Logs off now.
    pub fn log_off(self, now: Instant) -> LoggedOut {
        LoggedOut { since: now }
    }

    /// Takes the device and group of a report; a report that omits them keeps ours.
    pub fn relocate(self, device: Option<String>, group: Option<String>) -> LoggedOn {
        LoggedOn {
            device: device.or(self.device),
            group: group.or(self.group),
            ..self
        }
    }

    /// Switches to the reported activity; the same activity keeps its `since`.
    pub fn switch(self, now: Instant, report: ActivityReport) -> LoggedOn {
        let activity = if self.activity.matches(&report) {
            self.activity
        } else {
            Activity::start(now, report)
        };
        LoggedOn { activity, ..self }
    }
}

impl Activity {
    /// The activity a report describes, beginning `now`.
    pub fn start(now: Instant, report: ActivityReport) -> Activity {
        let since = now;
        match report {
            ActivityReport::Ready => Activity::Ready(Ready { since }),
            ActivityReport::Paused => Activity::Paused(Paused { since }),
            ActivityReport::Withdrawn(reason) => Activity::Withdrawn(Withdrawn { since, reason }),
            ActivityReport::WrapUp(kind) => Activity::WrapUp(WrapUp { since, kind }),
            ActivityReport::Busy => Activity::Busy(Busy { since }),
            ActivityReport::OutOfGroup => Activity::OutOfGroup(OutOfGroup { since }),
            ActivityReport::Unknown(raw) => Activity::Unknown(UnknownActivity { since, raw }),
        }
    }

    /// The same activity, begun at `since` if that is earlier.
    fn backdated(self, since: Instant) -> Activity {
        let at = |s: Instant| s.min(since);
        match self {
            Activity::Ready(s) => Activity::Ready(Ready { since: at(s.since) }),
            Activity::Paused(s) => Activity::Paused(Paused { since: at(s.since) }),
            Activity::Withdrawn(s) => Activity::Withdrawn(Withdrawn {
                since: at(s.since),
                ..s
            }),
            Activity::WrapUp(s) => Activity::WrapUp(WrapUp {
                since: at(s.since),
                ..s
            }),
            Activity::Busy(s) => Activity::Busy(Busy { since: at(s.since) }),
            Activity::OutOfGroup(s) => Activity::OutOfGroup(OutOfGroup { since: at(s.since) }),
            Activity::Unknown(s) => Activity::Unknown(UnknownActivity {
                since: at(s.since),
                ..s
            }),
        }
    }

    /// When the activity began.
    pub fn since(&self) -> Instant {
        match self {
            Activity::Ready(s) => s.since,
            Activity::Paused(s) => s.since,
            Activity::Withdrawn(s) => s.since,
            Activity::WrapUp(s) => s.since,
            Activity::Busy(s) => s.since,
            Activity::OutOfGroup(s) => s.since,
            Activity::Unknown(s) => s.since,
        }
    }

    /// The activity without its data.
    pub fn status(&self) -> AgentStatus {
        match self {
            Activity::Ready(_) => AgentStatus::Ready,
            Activity::Paused(_) => AgentStatus::Paused,
            Activity::Withdrawn(_) => AgentStatus::Withdrawn,
            Activity::WrapUp(_) => AgentStatus::WrapUp,
            Activity::Busy(_) => AgentStatus::Busy,
            Activity::OutOfGroup(_) => AgentStatus::OutOfGroup,
            Activity::Unknown(_) => AgentStatus::Unknown,
        }
    }

    /// Whether `report` describes this very activity (same reason, same kind, same name).
    fn matches(&self, report: &ActivityReport) -> bool {
        match (self, report) {
            (Activity::Ready(_), ActivityReport::Ready)
            | (Activity::Paused(_), ActivityReport::Paused)
            | (Activity::Busy(_), ActivityReport::Busy)
            | (Activity::OutOfGroup(_), ActivityReport::OutOfGroup) => true,
            (Activity::Withdrawn(w), ActivityReport::Withdrawn(reason)) => w.reason == *reason,
            (Activity::WrapUp(w), ActivityReport::WrapUp(kind)) => w.kind == *kind,
            (Activity::Unknown(u), ActivityReport::Unknown(raw)) => u.raw == *raw,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(activity: ActivityReport) -> AgentReport {
        AgentReport::LoggedOn {
            device: Some("60113".into()),
            group: Some("60121".into()),
            activity,
        }
    }

    #[test]
    fn repeated_reports_keep_since_and_changes_reset_it() {
        let t = Instant::from_millis;
        let agent = Agent::new(t(0)).apply(t(10), on(ActivityReport::Ready));
        assert_eq!(agent.status(), AgentStatus::Ready);
        let agent = agent.apply(t(20), on(ActivityReport::Ready));
        assert_eq!(agent.since(), t(10));
        let agent = agent.apply(
            t(30),
            on(ActivityReport::Withdrawn(Some(ReasonId::new("2")))),
        );
        let agent = agent.apply(
            t(40),
            on(ActivityReport::Withdrawn(Some(ReasonId::new("3")))),
        );
        assert_eq!(agent.since(), t(40), "another reason is another withdrawal");
        let logged_on_since = agent.logged_on().map(|on| on.since);
        assert_eq!(logged_on_since, Some(t(10)));
        let agent = agent.apply(t(50), AgentReport::LoggedOut);
        assert_eq!(
            (agent.status(), agent.since()),
            (AgentStatus::LoggedOut, t(50))
        );
        assert_eq!(agent.time_in_state(t(80)), Duration::from_millis(30));
    }

    #[test]
    fn a_report_without_device_keeps_the_known_one() {
        let t = Instant::from_millis;
        let agent = Agent::new(t(0)).apply(t(1), on(ActivityReport::Ready));
        let agent = agent.apply(
            t(2),
            AgentReport::LoggedOn {
                device: None,
                group: None,
                activity: ActivityReport::Busy,
            },
        );
        let on = agent.logged_on().cloned();
        assert_eq!(
            on.as_ref().and_then(|on| on.device.as_deref()),
            Some("60113")
        );
        assert_eq!(
            on.as_ref().and_then(|on| on.group.as_deref()),
            Some("60121")
        );
    }
}
