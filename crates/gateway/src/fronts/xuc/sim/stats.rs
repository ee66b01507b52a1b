//! `AgentStatistics` that count the world's time: how long each agent was ready, paused
//! (withdrawals and out of group included) and in wrap-up, since the world began, and when it
//! last logged in and out.

use cti::xuc::agent::{AgentStatistics, Statistic};
use cti::xuc::wire::Id;
use serde_json::json;

use crate::clock::{iso8601, Millis};
use crate::world::{Activity, AgentSim};

/// What the totals count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bucket {
    Ready,
    Paused,
    Wrapup,
}

fn bucket_of(agent: &AgentSim) -> Option<Bucket> {
    match agent.logged.as_ref()?.activity {
        Activity::Ready => Some(Bucket::Ready),
        Activity::Pause | Activity::Withdraw(_) | Activity::OutOfGroup => Some(Bucket::Paused),
        Activity::WrapUp { .. } => Some(Bucket::Wrapup),
        Activity::Busy => None,
    }
}

/// One agent's counters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    ready_ms: Millis,
    paused_ms: Millis,
    wrapup_ms: Millis,
    current: Option<(Bucket, Millis)>,
    logged: bool,
    login_at: Option<Millis>,
    logout_at: Option<Millis>,
}

impl Stats {
    /// Brings the counters to `agent` as it is at `now`; whether anything changed.
    pub fn update(&mut self, agent: &AgentSim, now: Millis) -> bool {
        let bucket = bucket_of(agent);
        let logged = agent.logged.is_some();
        let mut changed = false;
        if logged != self.logged {
            if logged {
                self.login_at = Some(now);
            } else {
                self.logout_at = Some(now);
            }
            self.logged = logged;
            changed = true;
        }
        if self.current.map(|(b, _)| b) != bucket {
            self.close(now);
            self.current = bucket.map(|b| (b, now));
            changed = true;
        }
        changed
    }

    fn close(&mut self, now: Millis) {
        if let Some((bucket, since)) = self.current.take() {
            *self.total(bucket) += now.saturating_sub(since);
        }
    }

    fn total(&mut self, bucket: Bucket) -> &mut Millis {
        match bucket {
            Bucket::Ready => &mut self.ready_ms,
            Bucket::Paused => &mut self.paused_ms,
            Bucket::Wrapup => &mut self.wrapup_ms,
        }
    }

    /// The statistics of agent `id` at `now`, dates from `epoch_unix_ms`.
    pub fn statistics(&self, id: i64, now: Millis, epoch_unix_ms: u64) -> AgentStatistics {
        let mut totals = self.clone();
        totals.close(now);
        let secs = |ms: Millis| json!(ms / 1000);
        let date = |at: Option<Millis>| {
            at.map_or(json!(null), |at| {
                json!(iso8601(epoch_unix_ms.saturating_add(at)))
            })
        };
        let stat = |name: &str, value| Statistic {
            name: name.to_owned(),
            value,
        };
        AgentStatistics {
            id: Id(id),
            statistics: vec![
                stat("AgentPausedTotalTime", secs(totals.paused_ms)),
                stat("AgentWrapupTotalTime", secs(totals.wrapup_ms)),
                stat("AgentReadyTotalTime", secs(totals.ready_ms)),
                stat("LoginDateTime", date(self.login_at)),
                stat("LogoutDateTime", date(self.logout_at)),
            ],
        }
    }
}
