//! The agent/call state machine: neutral [`Update`]s in, the desk and notifications out; and
//! the [`guard`] that decides from the desk alone whether an intent is allowed.
//!
//! Sans-IO in the manner of quinn-proto: the host feeds inputs with `apply(now, ..)`,
//! drains outputs with `poll_*()`, and asks `poll_timeout()` when to call
//! `handle_timeout(now)`. Nothing here reads a clock, touches the network or knows a vendor:
//! each backend's adapter turns its wire into [`Update`]s (see [`crate::session`]).

mod calls;
pub mod guard;
mod memory;
mod output;
mod update;

use core::time::Duration;

use crate::model::{Activity, AgentStatus, Desk, Instant, Intent, Refusal};

pub use calls::{CallUpdate, ListDelta, UpdateKind};
pub use memory::{AgentTimes, CallTimes, Remembered};
pub use output::{Notification, Warning};
pub use update::Update;

use output::Outputs;

/// How a machine is set up for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
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
    /// Times from before a reload, waiting for the calls and state they belong to.
    remembered: Remembered,
}

impl Machine {
    /// A machine knowing nothing yet: agent logged out, no call. Feed it a snapshot first.
    pub fn new(now: Instant, config: Config) -> Machine {
        Machine {
            config,
            desk: Desk::new(now),
            out: Outputs::default(),
            wrap_up_announced: None,
            remembered: Remembered::default(),
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

    /// Whether the desk allows `intent` now ([`guard::check`]); the backend's support is
    /// the session's to check.
    pub fn check(&self, intent: &Intent) -> Result<(), Refusal> {
        guard::check(&self.desk, &self.config, intent)
    }

    /// Times from before a reload: a call found again with the same reference, and the agent
    /// found in the same state, keep them (each is used once, by the first report after).
    pub fn remember(&mut self, remembered: Remembered) {
        self.remembered = remembered;
    }

    /// Applies the remembered times to what the last update created or restated.
    fn restore_times(&mut self, restore: memory::Restore) {
        let remembered = &mut self.remembered;
        match restore {
            memory::Restore::Calls { last } => {
                for call in &mut self.desk.calls {
                    let Some(index) = remembered
                        .calls
                        .iter()
                        .position(|t| t.call == call.reference)
                    else {
                        continue;
                    };
                    let times = remembered.calls.swap_remove(index);
                    call.created = call.created.min(times.created);
                    call.answered = match (call.answered, times.answered) {
                        (Some(now), Some(then)) => Some(now.min(then)),
                        (now, then) => now.or(then),
                    };
                    if call.state == times.state {
                        call.since = call.since.min(times.since);
                    }
                }
                if last {
                    remembered.calls.clear();
                }
            }
            memory::Restore::Agent => {
                if let Some(agent) = remembered.agent.take() {
                    if self.desk.agent.status() == agent.status {
                        let current = core::mem::replace(
                            &mut self.desk.agent,
                            crate::model::Agent::new(agent.since),
                        );
                        self.desk.agent = current.backdated(agent.since, agent.logged_on);
                    }
                }
            }
        }
    }

    /// Records a misbehaviour of the backend that an adapter tolerated.
    pub fn warn(&mut self, warning: Warning) {
        self.out.warn(warning);
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

    /// Wrap-up time left, when wrapping up with a known limit (the group's wrap-up time as
    /// the backend said, else the configured one).
    pub fn wrap_up_remaining(&self, now: Instant) -> Option<Duration> {
        let (_, deadline) = self.wrap_up_window()?;
        Some(deadline.saturating_duration_since(now))
    }

    /// The backend took the after-call work of `call`: it is no longer pending, and the
    /// host hears it ([`Notification::AfterCallWorkSaved`]).
    pub fn after_call_work_saved(
        &mut self,
        call: &crate::model::CallRef,
        disposition: Option<&crate::model::DispositionId>,
        notes: &str,
    ) {
        let Some(work) = self.desk.after_call.take_if(|work| work.call == *call) else {
            return;
        };
        let disposition = disposition.map(|id| {
            self.desk
                .wrap_up_policy
                .dispositions
                .iter()
                .find(|d| d.id == *id)
                .cloned()
                .unwrap_or_else(|| crate::model::Disposition {
                    id: id.clone(),
                    label: id.to_string(),
                })
        });
        self.out.notify(Notification::AfterCallWorkSaved(
            crate::model::AfterCallRecord {
                call: work.call,
                party: work.party,
                disposition,
                notes: notes.to_owned(),
            },
        ));
    }

    /// The backend extended the wrap-up: its time starts again now.
    pub fn wrap_up_extended(&mut self, now: Instant) {
        self.desk.wrap_up_extended = Some(now);
    }

    /// The agent's status, e.g. for a colour in the UI.
    pub fn status(&self) -> AgentStatus {
        self.desk.agent.status()
    }

    /// The current wrap-up's start (its last extension) and deadline, when a limit is known.
    fn wrap_up_window(&self) -> Option<(Instant, Instant)> {
        let limit = self
            .desk
            .wrap_up_policy
            .duration
            .or(self.config.wrap_up_limit)?;
        match self.desk.agent.logged_on().map(|on| &on.activity) {
            Some(Activity::WrapUp(wrap_up)) => {
                let start = self
                    .desk
                    .wrap_up_extended
                    .filter(|at| *at > wrap_up.since)
                    .unwrap_or(wrap_up.since);
                Some((start, start.saturating_add(limit)))
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
    use crate::model::{ActivityReport, AgentReport};

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
        m.apply(
            Instant::ZERO,
            Update::Agent(on(ActivityReport::WrapUp(crate::model::WrapUpKind::Call))),
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
        let wrap_up = || Update::Agent(on(ActivityReport::WrapUp(crate::model::WrapUpKind::Call)));
        m.apply(Instant::ZERO, wrap_up());
        m.handle_timeout(Instant::from_millis(10_000));
        assert_eq!(m.poll_timeout(), None);
        m.apply(
            Instant::from_millis(11_000),
            Update::Agent(on(ActivityReport::Ready)),
        );
        m.apply(Instant::from_millis(12_000), wrap_up());
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
