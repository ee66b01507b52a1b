//! The agent/call state machine: gateway events in, normalized state and notifications out.
//!
//! Sans-IO in the manner of quinn-proto: the host feeds inputs with `handle_*(now, ..)`,
//! drains outputs with `poll_*()`, and asks `poll_timeout()` when to call
//! `handle_timeout(now)`. Nothing here reads a clock or touches the network; `request()`
//! only *builds* the HTTP request for the host to send.

mod calls;
mod o2g_events;
mod output;

use core::time::Duration;

use crate::model::{
    Activity, Agent, AgentReport, AgentStatus, CallRef, Cause, Desk, Instant, Intent, Refusal,
};
use crate::o2g::request::{HttpRequest, RequestContext};

pub use calls::{CallUpdate, ListDelta, UpdateKind};
pub use output::{Notification, Warning};

use output::Outputs;

/// How a machine is set up for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The user's login name. When set, events about other users are ignored (they reach an
    /// administrator session subscribed for several users).
    pub login_name: Option<String>,
    /// Send `loginName` on every request: needed when the session is an administrator's.
    pub act_as_administrator: bool,
    /// The user's own device, to place calls from when not logged on to a contact-centre device.
    pub device: Option<String>,
    /// How long a wrap-up may last before [`Notification::WrapUpElapsed`]; `None` = no timer.
    pub wrap_up_limit: Option<Duration>,
}

/// One agent's desk, kept in step with the gateway.
#[derive(Debug, Clone)]
pub struct Machine {
    config: Config,
    desk: Desk,
    out: Outputs,
    /// The start of the wrap-up for which `WrapUpElapsed` was already announced.
    wrap_up_announced: Option<Instant>,
}

impl Machine {
    /// A machine knowing nothing yet: agent logged out, no call. Feed it a snapshot first.
    pub fn new(now: Instant, config: Config) -> Machine {
        Machine {
            config,
            desk: Desk::new(now),
            out: Outputs::default(),
            wrap_up_announced: None,
        }
    }

    /// The current state.
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Builds the request that carries out `intent`, or says why the current state does not
    /// allow it. Nothing changes until the gateway's events confirm the outcome.
    pub fn request(&self, now: Instant, intent: Intent) -> Result<HttpRequest, Refusal> {
        // Time is part of the signature so that time-based refusals can come without
        // breaking callers; no rule needs it yet.
        let _ = now;
        let context = RequestContext {
            login_name: self
                .config
                .login_name
                .as_deref()
                .filter(|_| self.config.act_as_administrator),
            device: self.config.device.as_deref(),
        };
        crate::o2g::request::build(&self.desk, &context, intent)
    }

    /// Applies a created or modified call (any vendor).
    pub fn apply_call_update(&mut self, now: Instant, update: CallUpdate) {
        calls::apply_update(&mut self.desk, &mut self.out, now, update);
    }

    /// Applies the end of a call (any vendor).
    pub fn apply_call_removed(&mut self, now: Instant, call: &CallRef, cause: Option<Cause>) {
        calls::remove(&mut self.desk, &mut self.out, now, call, cause);
    }

    /// Replaces every call with a snapshot (any vendor), e.g. after a reconnection.
    pub fn apply_calls_snapshot(&mut self, now: Instant, calls: Vec<CallUpdate>) {
        calls::replace_all(&mut self.desk, &mut self.out, now, calls);
    }

    /// Applies a report of the agent's state (any vendor). Reports are complete, so one from
    /// a snapshot replaces the state as any other does.
    pub fn apply_agent_report(&mut self, now: Instant, report: AgentReport) {
        let from = self.desk.agent.status();
        let agent = core::mem::replace(&mut self.desk.agent, Agent::new(now));
        self.desk.agent = agent.apply(now, report);
        let to = self.desk.agent.status();
        if from != to {
            self.out
                .notify(Notification::AgentStateChanged { from, to });
        }
    }

    /// Lets timers fire: call it at (or after) [`Machine::poll_timeout`].
    pub fn handle_timeout(&mut self, now: Instant) {
        if let Some((since, deadline)) = self.wrap_up_deadline() {
            if now >= deadline {
                self.wrap_up_announced = Some(since);
                self.out.notify(Notification::WrapUpElapsed);
            }
        }
    }

    /// When [`Machine::handle_timeout`] should next be called, if a timer runs.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.wrap_up_deadline().map(|(_, deadline)| deadline)
    }

    /// The next change for the UI, oldest first.
    pub fn poll_notification(&mut self) -> Option<Notification> {
        self.out.report_drops();
        self.out.notifications.pop()
    }

    /// The next gateway misbehaviour that was tolerated, oldest first.
    pub fn poll_warning(&mut self) -> Option<Warning> {
        self.out.report_drops();
        self.out.warnings.pop()
    }

    /// How many warnings were raised since the start, polled or not.
    pub fn warning_count(&self) -> u64 {
        self.out.warning_count
    }

    /// Time the agent has spent in the current state.
    pub fn time_in_state(&self, now: Instant) -> Duration {
        self.desk.agent.time_in_state(now)
    }

    /// Wrap-up time left, when wrapping up with a configured limit.
    pub fn wrap_up_remaining(&self, now: Instant) -> Option<Duration> {
        let (since, _) = self.wrap_up_window()?;
        let limit = self.config.wrap_up_limit?;
        Some(limit.saturating_sub(now.saturating_duration_since(since)))
    }

    /// The agent's status, e.g. for a colour in the UI.
    pub fn status(&self) -> AgentStatus {
        self.desk.agent.status()
    }

    /// The current wrap-up's start and deadline, when a limit is configured.
    fn wrap_up_window(&self) -> Option<(Instant, Instant)> {
        let limit = self.config.wrap_up_limit?;
        match self.desk.agent.logged_on().map(|on| &on.activity) {
            Some(Activity::WrapUp(wrap_up)) => {
                Some((wrap_up.since, wrap_up.since.saturating_add(limit)))
            }
            _ => None,
        }
    }

    /// The wrap-up window, unless its end was already announced.
    fn wrap_up_deadline(&self) -> Option<(Instant, Instant)> {
        self.wrap_up_window()
            .filter(|(since, _)| self.wrap_up_announced != Some(*since))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActivityReport;

    fn on(activity: ActivityReport) -> AgentReport {
        AgentReport::LoggedOn {
            device: Some("60113".into()),
            group: None,
            activity,
        }
    }

    #[test]
    fn no_limit_no_timer() {
        let mut m = Machine::new(Instant::ZERO, Config::default());
        m.apply_agent_report(
            Instant::ZERO,
            on(ActivityReport::WrapUp(crate::model::WrapUpKind::Call)),
        );
        assert_eq!(m.poll_timeout(), None);
        assert_eq!(m.wrap_up_remaining(Instant::from_millis(5)), None);
    }

    #[test]
    fn a_new_wrap_up_rearms_the_timer() {
        let config = Config {
            wrap_up_limit: Some(Duration::from_secs(10)),
            ..Config::default()
        };
        let mut m = Machine::new(Instant::ZERO, config);
        let wrap_up = || on(ActivityReport::WrapUp(crate::model::WrapUpKind::Call));
        m.apply_agent_report(Instant::ZERO, wrap_up());
        m.handle_timeout(Instant::from_millis(10_000));
        assert_eq!(m.poll_timeout(), None);
        m.apply_agent_report(Instant::from_millis(11_000), on(ActivityReport::Ready));
        m.apply_agent_report(Instant::from_millis(12_000), wrap_up());
        assert_eq!(m.poll_timeout(), Some(Instant::from_millis(22_000)));
        let notes: Vec<_> = std::iter::from_fn(|| m.poll_notification()).collect();
        assert_eq!(
            notes
                .iter()
                .filter(|n| **n == Notification::WrapUpElapsed)
                .count(),
            1
        );
    }
}
