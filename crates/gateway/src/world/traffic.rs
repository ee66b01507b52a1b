//! The traffic generator and the simulated people: external callers who arrive on pilots and
//! give up after their patience, external callees and colleague bots who answer and hang up.

use super::model::{
    AcdInfo, Cause, EndReason, Endpoint, LegState, Party, Recording, Side, SimCall, Timer,
};
use super::{Front, World};

/// Shortest patience and handle time: nobody gives up or hangs up within 5 s.
const FLOOR_MS: u64 = 5_000;

/// Share of generated callers who are known customers: most calls pop a CRM record, some are
/// strangers the agent must handle without one.
const KNOWN_CALLER_SHARE: f64 = 0.8;

impl<F: Front> World<F> {
    /// Schedules the next external arrival (Poisson process over all pilots).
    pub(super) fn schedule_next_arrival(&mut self) {
        if self.calls_per_minute <= 0.0 || self.scenario.pilots.is_empty() {
            return;
        }
        if self
            .timers
            .iter()
            .any(|std::cmp::Reverse((_, _, t))| *t == Timer::NextArrival)
        {
            return;
        }
        let mean_ms = (60_000.0 / self.calls_per_minute).max(1.0);
        let gap = self.exponential(mean_ms as u64, 1);
        self.schedule(self.now.saturating_add(gap), Timer::NextArrival);
    }

    pub(super) fn next_arrival(&mut self) {
        if self.calls_per_minute <= 0.0 || self.scenario.pilots.is_empty() {
            return;
        }
        let pick = self.random_unit();
        let count = self.scenario.pilots.len();
        let index = ((pick * count as f64) as usize).min(count - 1);
        let pilot = self.scenario.pilots[index].number.clone();
        self.external_arrival(&pilot, None);
        self.schedule_next_arrival();
    }

    /// The processing group a pilot queues for.
    pub(super) fn group_of_pilot(&self, pilot: &str) -> String {
        self.scenario
            .pilots
            .iter()
            .find(|p| p.number == pilot)
            .map(|p| p.group.clone())
            .unwrap_or_default()
    }

    /// An external caller dials `pilot`; returns the new call's reference.
    pub(super) fn external_arrival(&mut self, pilot: &str, caller: Option<String>) -> String {
        let caller = caller.unwrap_or_else(|| self.random_caller());
        let group = self.group_of_pilot(pilot);
        let recorded = self
            .scenario
            .pilots
            .iter()
            .any(|p| p.number == pilot && p.recorded);
        let patience = self.exponential(self.scenario.traffic.patience_ms, FLOOR_MS);
        let reference = self.new_reference();
        self.next_party += 1;
        let party = Party {
            id: format!("p{}", self.next_party),
            endpoint: Endpoint::External { number: caller },
            state: LegState::Calling,
            side: Side::Caller,
            joined_at: self.now,
            answered_at: None,
            supervising: false,
        };
        let abandon_at = self.now.saturating_add(patience);
        self.calls.insert(
            reference.clone(),
            SimCall {
                reference: reference.clone(),
                parties: vec![party],
                left: Vec::new(),
                acd: Some(AcdInfo {
                    pilot: pilot.to_owned(),
                    group,
                    queued_at: self.now,
                    abandon_at,
                    distributed_at: None,
                    agent: None,
                    answered_at: None,
                }),
                record: recorded.then_some(Recording::On),
                initial_called: pilot.to_owned(),
                created_at: self.now,
            },
        );
        self.schedule(
            abandon_at,
            Timer::Abandon {
                call: reference.clone(),
            },
        );
        self.distribute();
        reference
    }

    /// A caller's number: a scenario customer's most of the time, else a random mobile.
    ///
    /// Without customers no extra random draw is made, so the traces of scenarios written
    /// before customers existed stay the same for a given seed.
    fn random_caller(&mut self) -> String {
        let count = self.scenario.customers.len();
        if count > 0 {
            let pick = self.random_unit();
            if pick < KNOWN_CALLER_SHARE {
                // The same draw picks the customer: uniform over them within the share.
                let index = ((pick / KNOWN_CALLER_SHARE * count as f64) as usize).min(count - 1);
                return self.scenario.customers[index].number.clone();
            }
        }
        let digits = (self.random_unit() * 100_000_000.0) as u64;
        format!("+336{digits:08}")
    }

    /// The caller of an unanswered ACD call gives up.
    pub(super) fn abandon(&mut self, call: &str) {
        let waiting = self.calls.get(call).is_some_and(|c| {
            c.acd
                .as_ref()
                .is_some_and(|a| a.answered_at.is_none() && a.abandon_at <= self.now)
        });
        if !waiting {
            return;
        }
        self.tx.cause = Some(Cause::Abandoned);
        self.release_all(call, EndReason::Abandoned);
        self.distribute();
    }

    /// A bot or an external callee answers the call ringing on `number`.
    pub(super) fn auto_answer(&mut self, call: &str, number: &str) {
        let Some(party) = self
            .calls
            .get(call)
            .and_then(|c| c.party_on_number(number))
            .cloned()
        else {
            return;
        };
        if party.state != LegState::Ringing {
            return;
        }
        let login = party.endpoint.login().map(str::to_owned);
        if login.is_some() {
            if self.answer(call, number).is_err() {
                return;
            }
        } else if let Some(c) = self.calls.get_mut(call) {
            let now = self.now;
            if let Some(acd) = c.acd.as_mut() {
                acd.answered_at.get_or_insert(now);
            }
            for p in &mut c.parties {
                if p.id == party.id || (p.state == LegState::Calling && p.side == Side::Caller) {
                    p.state = LegState::Active;
                    p.answered_at.get_or_insert(now);
                }
            }
        }
        // Bots talk for a while, then hang up; external callees wait for the user.
        if login
            .as_deref()
            .is_some_and(|l| self.agents.get(l).is_some_and(|a| a.bot))
        {
            let talk = self.exponential(self.scenario.traffic.handle_time_ms, FLOOR_MS);
            self.schedule(
                self.now.saturating_add(talk),
                Timer::AutoHangUp {
                    call: call.to_owned(),
                    number: number.to_owned(),
                },
            );
        }
    }

    /// A bot hangs up.
    pub(super) fn auto_hang_up(&mut self, call: &str, number: &str) {
        let Some(index) = self.calls.get(call).and_then(|c| {
            c.parties
                .iter()
                .position(|p| p.endpoint.number() == number && p.state == LegState::Active)
        }) else {
            return;
        };
        self.hang_up_party(call, index);
    }

    /// Nobody answered on `number`: the attempt ends (a missed call for its user).
    pub(super) fn no_answer(&mut self, call: &str, number: &str) {
        let Some(index) = self.calls.get(call).and_then(|c| {
            c.parties
                .iter()
                .position(|p| p.endpoint.number() == number && p.state == LegState::Ringing)
        }) else {
            return;
        };
        self.tx.cause = Some(Cause::NotAnswered);
        self.leave(call, index, EndReason::NotAnswered);
        self.settle(call);
    }
}

impl SimCall {
    /// The party on device or external `number`.
    pub(super) fn party_on_number(&self, number: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.endpoint.number() == number)
    }
}
