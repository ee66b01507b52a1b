//! Times remembered from before a reload: O2G's events and snapshots carry no start times,
//! so a host that keeps the desk's times (the widget: in the tab's session storage) hands
//! them back, and the calls and the agent state found again keep their timers.

use crate::model::{AgentStatus, CallRef, CallState, Desk, Instant};

/// When a call began, as remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallTimes {
    /// The call.
    pub call: CallRef,
    /// When it was first heard of.
    pub created: Instant,
    /// When it was first answered.
    pub answered: Option<Instant>,
    /// Its state then.
    pub state: CallState,
    /// When it entered that state.
    pub since: Instant,
}

/// When the agent's state began, as remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentTimes {
    /// The state.
    pub status: AgentStatus,
    /// When it began.
    pub since: Instant,
    /// When the agent logged on, if it was.
    pub logged_on: Option<Instant>,
}

/// What a host remembers of a desk's times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remembered {
    /// The calls.
    pub calls: Vec<CallTimes>,
    /// The agent.
    pub agent: Option<AgentTimes>,
}

impl Remembered {
    /// The times of `desk`, to keep.
    pub fn of(desk: &Desk) -> Remembered {
        let agent = desk.agent();
        Remembered {
            calls: desk
                .calls()
                .iter()
                .map(|call| CallTimes {
                    call: call.reference.clone(),
                    created: call.created,
                    answered: call.answered,
                    state: call.state,
                    since: call.since,
                })
                .collect(),
            agent: Some(AgentTimes {
                status: agent.status(),
                since: agent.since(),
                logged_on: agent.logged_on().map(|on| on.since),
            }),
        }
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty() && self.agent.is_none()
    }
}

/// What an update may find again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Restore {
    /// Calls; `last` when the update listed every call (a snapshot): the rest is stale.
    Calls {
        /// Whether the memory of calls not found is dropped.
        last: bool,
    },
    /// The agent's state, first reported: found again or not, the memory is used up.
    Agent,
}

impl Remembered {
    /// A line-based text form, for a host's storage: `agent <status> <since> <logged_on|->`
    /// and `call <since> <created> <answered|-> <state> <ref>` (the reference last: it may
    /// hold spaces).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(agent) = self.agent {
            out.push_str(&format!(
                "agent {} {} {}\n",
                status_code(agent.status),
                agent.since.as_millis(),
                optional(agent.logged_on)
            ));
        }
        for call in &self.calls {
            out.push_str(&format!(
                "call {} {} {} {} {}\n",
                call.since.as_millis(),
                call.created.as_millis(),
                optional(call.answered),
                state_code(call.state),
                call.call.as_str().replace('\n', " ")
            ));
        }
        out
    }

    /// Reads [`Remembered::to_text`]; lines it cannot read are skipped (storage is the
    /// user's to tamper with).
    pub fn from_text(text: &str) -> Remembered {
        let mut remembered = Remembered::default();
        for line in text.lines() {
            let mut fields = line.splitn(6, ' ');
            match fields.next() {
                Some("agent") => {
                    let status = fields.next().and_then(status_of);
                    let since = fields.next().and_then(instant);
                    let logged_on = fields.next().map(instant);
                    if let (Some(status), Some(since), Some(logged_on)) = (status, since, logged_on)
                    {
                        remembered.agent = Some(AgentTimes {
                            status,
                            since,
                            logged_on,
                        });
                    }
                }
                Some("call") => {
                    let since = fields.next().and_then(instant);
                    let created = fields.next().and_then(instant);
                    let answered = fields.next().map(instant);
                    let state = fields.next().and_then(state_of);
                    let reference = fields.next().filter(|r| !r.is_empty());
                    if let (Some(since), Some(created), Some(answered), Some(state), Some(r)) =
                        (since, created, answered, state, reference)
                    {
                        remembered.calls.push(CallTimes {
                            call: CallRef::new(r),
                            created,
                            answered,
                            state,
                            since,
                        });
                    }
                }
                _ => {}
            }
        }
        remembered
    }
}

fn optional(at: Option<Instant>) -> String {
    at.map_or_else(|| "-".to_owned(), |at| at.as_millis().to_string())
}

fn instant(field: &str) -> Option<Instant> {
    field.parse().ok().map(Instant::from_millis)
}

const STATUSES: [(AgentStatus, &str); 8] = [
    (AgentStatus::LoggedOut, "logged-out"),
    (AgentStatus::Ready, "ready"),
    (AgentStatus::Paused, "paused"),
    (AgentStatus::Withdrawn, "withdrawn"),
    (AgentStatus::WrapUp, "wrap-up"),
    (AgentStatus::Busy, "busy"),
    (AgentStatus::OutOfGroup, "out-of-group"),
    (AgentStatus::Unknown, "unknown"),
];

const STATES: [(CallState, &str); 8] = [
    (CallState::Dialing, "dialing"),
    (CallState::RingingIn, "ringing-in"),
    (CallState::RingingOut, "ringing-out"),
    (CallState::Queued, "queued"),
    (CallState::Active, "active"),
    (CallState::Held, "held"),
    (CallState::Releasing, "releasing"),
    (CallState::Unknown, "unknown"),
];

fn status_code(status: AgentStatus) -> &'static str {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("unknown", |(_, code)| code)
}

fn status_of(code: &str) -> Option<AgentStatus> {
    STATUSES.iter().find(|(_, c)| *c == code).map(|(s, _)| *s)
}

fn state_code(state: CallState) -> &'static str {
    STATES
        .iter()
        .find(|(s, _)| *s == state)
        .map_or("unknown", |(_, code)| code)
}

fn state_of(code: &str) -> Option<CallState> {
    STATES.iter().find(|(_, c)| *c == code).map(|(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_round_trips_and_skips_what_it_cannot_read() {
        let remembered = Remembered {
            calls: vec![CallTimes {
                call: CallRef::new("a ref with spaces"),
                created: Instant::from_millis(1_700_000_000_000),
                answered: None,
                state: CallState::Held,
                since: Instant::from_millis(1_700_000_060_000),
            }],
            agent: Some(AgentTimes {
                status: AgentStatus::WrapUp,
                since: Instant::from_millis(5),
                logged_on: Some(Instant::from_millis(1)),
            }),
        };
        let text = remembered.to_text();
        assert_eq!(Remembered::from_text(&text), remembered);
        let tampered = format!("{text}call x y\nagent nap 1 -\ngarbage\n");
        assert_eq!(Remembered::from_text(&tampered), remembered);
        assert!(Remembered::from_text("").is_empty());
    }
}
