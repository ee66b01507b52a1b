//! The agent's contact-centre work beyond calls: callback requests to work through, the
//! queues the agent belongs to (with a penalty: calls go to the lowest first), the agent's
//! statistics of the day, and the screen pop of a distributed call. Each backend that has
//! them fills them; a backend that has not leaves them empty, and its capabilities say so.

use core::time::Duration;

use super::agent::AgentStatus;
use super::call::CallRef;
use super::time::Instant;

/// A preferred period to call a customer back in (a morning, an afternoon).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallbackPeriod {
    /// The backend's id.
    pub id: String,
    /// Its name, e.g. `Morning`.
    pub name: String,
    /// Its start, `HH:MM[:SS]`, when known.
    pub start: Option<String>,
    /// Its end, `HH:MM[:SS]`, when known.
    pub end: Option<String>,
    /// Whether it is the period chosen when none is.
    pub default: bool,
}

/// Who holds a callback request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CallbackTaker {
    /// The user.
    Me,
    /// Another agent, by name (or id when the backend gave no name).
    Other(String),
}

/// A customer waiting to be called back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackRequest {
    /// The backend's id.
    pub id: String,
    /// The list (queue) it was left on.
    pub list: String,
    /// The customer's name.
    pub name: Option<String>,
    /// The customer's company.
    pub company: Option<String>,
    /// The number to call.
    pub number: Option<String>,
    /// A second number (mobile).
    pub mobile: Option<String>,
    /// What the customer asked for.
    pub description: Option<String>,
    /// The day to call, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// The part of the day to call in.
    pub period: Option<CallbackPeriod>,
    /// Who took it, when someone did.
    pub taken: Option<CallbackTaker>,
    /// The user called it back (its outcome can be given).
    pub called: bool,
}

impl CallbackRequest {
    /// Whether the user holds it.
    pub fn is_mine(&self) -> bool {
        self.taken == Some(CallbackTaker::Me)
    }

    /// The order of a list: by due date (undated last), then by the period's start, then by id.
    pub fn order(&self) -> (bool, &str, &str, &str) {
        (
            self.due.is_none(),
            self.due.as_deref().unwrap_or(""),
            self.period
                .as_ref()
                .and_then(|p| p.start.as_deref())
                .unwrap_or(""),
            &self.id,
        )
    }
}

/// How a called-back request ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallbackOutcome {
    /// The customer answered: done.
    Answered,
    /// Nobody answered: closed anyway.
    NoAnswer,
    /// A fax answered: closed.
    Fax,
}

/// The agent's membership of one queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueMembership {
    /// The backend's id of the queue.
    pub queue: String,
    /// Its name.
    pub name: String,
    /// Its number, when it has one.
    pub number: Option<String>,
    /// The agent's penalty in it (calls go to the lowest first), or `None`: not a member.
    pub penalty: Option<u32>,
}

/// The highest penalty the guard lets through: a backend's own limit may be lower.
pub const MAX_PENALTY: u32 = 1000;

/// The agent's totals of the day, as the backend last counted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentStatistics {
    /// Time ready for calls.
    pub ready: Duration,
    /// Time paused or withdrawn.
    pub paused: Duration,
    /// Time in wrap-up.
    pub wrap_up: Duration,
    /// The last log-on, as the backend wrote it (RFC 3339).
    pub logged_in_at: Option<String>,
    /// The last log-off, as the backend wrote it (RFC 3339).
    pub logged_out_at: Option<String>,
    /// When these totals were true (the time they were received).
    pub reported_at: Instant,
}

impl AgentStatistics {
    /// The totals at `now`, the state the agent is in counted up to now: ready, paused and
    /// wrap-up time.
    pub fn totals_at(&self, now: Instant, status: AgentStatus) -> (Duration, Duration, Duration) {
        let running = now.saturating_duration_since(self.reported_at);
        let (mut ready, mut paused, mut wrap_up) = (self.ready, self.paused, self.wrap_up);
        match status {
            AgentStatus::Ready => ready += running,
            AgentStatus::Paused | AgentStatus::Withdrawn | AgentStatus::OutOfGroup => {
                paused += running;
            }
            AgentStatus::WrapUp => wrap_up += running,
            _ => {}
        }
        (ready, paused, wrap_up)
    }
}

/// The screen pop of a call: what the contact centre knows of the caller, and the page to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenPop {
    /// The call it is for, when known.
    pub call: Option<CallRef>,
    /// A page to open (only `http:` and `https:` addresses are kept).
    pub url: Option<String>,
    /// Its fields, in order: name and value.
    pub fields: Vec<(String, String)>,
}

impl ScreenPop {
    /// A screen pop; a `url` that is not `http:` or `https:` (a `javascript:` one) is dropped.
    pub fn new(
        call: Option<CallRef>,
        url: Option<String>,
        fields: Vec<(String, String)>,
    ) -> ScreenPop {
        ScreenPop {
            call,
            url: url.filter(|u| is_web_address(u)),
            fields,
        }
    }
}

/// Whether `url` is an absolute `http:` or `https:` address.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_control)
}

/// Whether `date` is a calendar date written `YYYY-MM-DD`.
pub fn is_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    let digits = |range: core::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (bytes[5] - b'0') * 10 + (bytes[6] - b'0');
    let day = (bytes[8] - b'0') * 10 + (bytes[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_pop() {
        let pop = |url: &str| ScreenPop::new(None, Some(url.to_owned()), Vec::new()).url;
        assert_eq!(
            pop("https://crm.example.com/c?n=1").as_deref(),
            Some("https://crm.example.com/c?n=1")
        );
        assert!(pop("HTTP://crm.example.com").is_some());
        assert_eq!(pop("javascript:alert(1)"), None);
        assert_eq!(pop("data:text/html,hi"), None);
        assert_eq!(pop("/relative"), None);
        assert_eq!(pop("https://a\nb"), None);
    }

    #[test]
    fn dates_are_checked_by_shape() {
        assert!(is_date("2026-12-01"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-12-1"));
        assert!(!is_date("tomorrow"));
        assert!(!is_date("2026-12-00"));
    }

    #[test]
    fn the_running_state_counts_up_to_now() {
        let stats = AgentStatistics {
            ready: Duration::from_secs(60),
            paused: Duration::from_secs(30),
            wrap_up: Duration::from_secs(10),
            logged_in_at: None,
            logged_out_at: None,
            reported_at: Instant::from_millis(1_000),
        };
        let now = Instant::from_millis(6_000);
        assert_eq!(
            stats.totals_at(now, AgentStatus::Ready),
            (
                Duration::from_secs(65),
                Duration::from_secs(30),
                Duration::from_secs(10)
            )
        );
        assert_eq!(
            stats.totals_at(now, AgentStatus::Withdrawn).1,
            Duration::from_secs(35)
        );
        assert_eq!(
            stats.totals_at(now, AgentStatus::WrapUp).2,
            Duration::from_secs(15)
        );
        assert_eq!(
            stats.totals_at(now, AgentStatus::Busy),
            (
                Duration::from_secs(60),
                Duration::from_secs(30),
                Duration::from_secs(10)
            )
        );
    }
}
