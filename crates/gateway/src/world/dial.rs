//! Dialling: where a number leads (pilots, users after their do-not-disturb and forward,
//! pro-ACD sets, outside), ringing the callee or queueing on a pilot, new calls and parties,
//! and calls that fail at once.

use super::model::{
    AcdInfo, Cause, EndReason, Endpoint, ForwardTo, ForwardWhen, LegState, Party, Side, SimCall,
    Timer,
};
use super::{is_dialable, Acted, Front, World, WorldError};

/// Where a dialled number leads.
pub(super) enum Route {
    /// A device of the PBX and the user behind it.
    Device { number: String, login: String },
    /// A pilot: the call queues for its group.
    Pilot(String),
    /// Outside the PBX.
    External(String),
    /// The user does not want calls (DND).
    DoNotDisturb,
    /// The user forwards to voicemail: a message is left.
    Voicemail(String),
}

impl<F: Front> World<F> {
    pub(super) fn new_party(&mut self, endpoint: Endpoint, state: LegState, side: Side) -> Party {
        self.next_party += 1;
        Party {
            id: format!("p{}", self.next_party),
            endpoint,
            state,
            side,
            joined_at: self.now,
            answered_at: (state == LegState::Active).then_some(self.now),
            supervising: false,
        }
    }

    /// A new call reference: 16 hex digits like O2G's (L2697).
    pub(super) fn new_reference(&mut self) -> String {
        self.next_call += 1;
        format!("{:012x}0100", 0x5eed_0000_0000_u64 + self.next_call)
    }

    /// Where `number` leads, after the callee's DND and immediate forward.
    pub(super) fn route(&self, number: &str) -> Result<Route, WorldError> {
        let number = number.trim();
        if !is_dialable(number) {
            return Err(WorldError::BadParameter(format!(
                "{number:?} is not a phone number"
            )));
        }
        if self.scenario.pilots.iter().any(|p| p.number == number) {
            return Ok(Route::Pilot(number.to_owned()));
        }
        if let Some(login) = self.login_of_number(number) {
            if let Some(services) = self.services.get(&login) {
                if services.dnd {
                    return Ok(Route::DoNotDisturb);
                }
                let immediate = services
                    .forward
                    .as_ref()
                    .filter(|f| f.when == ForwardWhen::Always)
                    .map(|f| &f.to);
                match immediate {
                    Some(ForwardTo::Voicemail) => return Ok(Route::Voicemail(login)),
                    Some(ForwardTo::Number(target)) if target != number => {
                        // One hop only: a forward to a forwarding user rings them.
                        if let Some(other) = self.login_of_number(target) {
                            return Ok(Route::Device {
                                number: target.clone(),
                                login: other,
                            });
                        }
                        return Ok(Route::External(target.clone()));
                    }
                    _ => {}
                }
            }
            return Ok(Route::Device {
                number: number.to_owned(),
                login,
            });
        }
        // A pro-ACD set rings whoever is logged on it.
        if let Some(agent) = self
            .agents
            .values()
            .find(|a| a.logged.as_ref().is_some_and(|l| l.device == number))
        {
            return Ok(Route::Device {
                number: number.to_owned(),
                login: agent.login.clone(),
            });
        }
        if self
            .scenario
            .processing_groups
            .iter()
            .any(|g| g.number == number)
            || self.scenario.bots.iter().any(|b| b.pro_acd == number)
            || self
                .scenario
                .users
                .iter()
                .any(|u| u.pro_acd.as_deref() == Some(number))
        {
            return Err(WorldError::NotExpected(format!(
                "{number} cannot be called now"
            )));
        }
        Ok(Route::External(number.to_owned()))
    }

    /// Adds the called party to `call` (ringing), or queues it on a pilot.
    pub(super) fn ring(&mut self, call: &str, route: Route) {
        match route {
            Route::Device { number, login } => {
                let party = self.new_party(
                    Endpoint::Device {
                        number: number.clone(),
                        login: login.clone(),
                    },
                    LegState::Ringing,
                    Side::Callee,
                );
                if let Some(c) = self.calls.get_mut(call) {
                    c.parties.push(party);
                }
                let bot = self.agents.get(&login).is_some_and(|a| a.bot);
                let (delay, timer) = if bot {
                    (
                        self.scenario.traffic.bot_answer_ms,
                        Timer::AutoAnswer {
                            call: call.to_owned(),
                            number,
                        },
                    )
                } else {
                    (
                        self.scenario.traffic.no_answer_ms,
                        Timer::NoAnswer {
                            call: call.to_owned(),
                            number,
                        },
                    )
                };
                self.schedule(self.now.saturating_add(delay), timer);
            }
            Route::External(number) => {
                let party = self.new_party(
                    Endpoint::External {
                        number: number.clone(),
                    },
                    LegState::Ringing,
                    Side::Callee,
                );
                if let Some(c) = self.calls.get_mut(call) {
                    c.parties.push(party);
                }
                let at = self
                    .now
                    .saturating_add(self.scenario.traffic.external_answer_ms);
                self.schedule(
                    at,
                    Timer::AutoAnswer {
                        call: call.to_owned(),
                        number,
                    },
                );
            }
            Route::Pilot(pilot) => {
                let group = self.group_of_pilot(&pilot);
                let now = self.now;
                if let Some(c) = self.calls.get_mut(call) {
                    c.acd = Some(AcdInfo {
                        pilot,
                        group,
                        queued_at: now,
                        abandon_at: u64::MAX,
                        distributed_at: None,
                        agent: None,
                        answered_at: None,
                    });
                }
                self.distribute();
            }
            Route::DoNotDisturb => {
                self.tx.cause = Some(Cause::DoNotDisturb);
                self.release_all(call, EndReason::Busy);
            }
            Route::Voicemail(owner) => {
                if let Some(services) = self.services.get_mut(&owner) {
                    services.voice_messages += 1;
                }
                self.tx.cause = Some(Cause::Forwarded);
                self.tx.new_destination = Some("VOICEMAIL".into());
                self.release_all(call, EndReason::Voicemail);
            }
        }
    }

    pub(super) fn make_call(
        &mut self,
        login: &str,
        device: &str,
        callee: &str,
    ) -> Result<Acted, WorldError> {
        self.own_device(login, device)?;
        let route = self.route(callee)?;
        if let Route::Device { login: called, .. } = &route {
            if called == login {
                return Err(WorldError::NotExpected("A user cannot call itself".into()));
            }
            self.tx.order.push(called.clone());
        }
        let on_device: Vec<LegState> = self
            .calls
            .values()
            .filter_map(|c| c.party_on(device).map(|i| c.parties[i].state))
            .collect();
        if on_device.contains(&LegState::Held) && on_device.contains(&LegState::Active) {
            return Err(WorldError::NotExpected(
                "The device already has an active and a held call".into(),
            ));
        }
        // A call from a device in conversation is a consultation: the PBX holds the first.
        self.hold_active_on(device, None);
        let failed = matches!(route, Route::DoNotDisturb);
        let reference = self.new_reference();
        let caller = self.new_party(
            Endpoint::Device {
                number: device.to_owned(),
                login: login.to_owned(),
            },
            LegState::Calling,
            Side::Caller,
        );
        self.calls.insert(
            reference.clone(),
            SimCall {
                reference: reference.clone(),
                parties: vec![caller],
                left: Vec::new(),
                acd: None,
                record: None,
                initial_called: callee.trim().to_owned(),
                created_at: self.now,
            },
        );
        if failed {
            self.fail(&reference, Cause::DoNotDisturb);
        } else {
            self.ring(&reference, route);
        }
        Ok(Acted::CallMade(reference))
    }

    /// The call just made cannot reach its callee: the caller stays in it, releasing, so it
    /// sees why (the step's `cause`) and hangs up itself; the PBX releases it after the
    /// no-answer delay otherwise. Its other calls (a held customer) are not touched.
    fn fail(&mut self, call: &str, cause: Cause) {
        self.tx.cause = Some(cause);
        if let Some(c) = self.calls.get_mut(call) {
            for party in &mut c.parties {
                party.state = LegState::Releasing;
            }
        }
        let at = self.now.saturating_add(self.scenario.traffic.no_answer_ms);
        self.schedule(
            at,
            Timer::ReleaseFailed {
                call: call.to_owned(),
            },
        );
    }

    /// A failed call nobody hung up is released by the PBX.
    pub(super) fn release_failed(&mut self, call: &str) {
        let failed = self.calls.get(call).is_some_and(|c| {
            c.parties
                .iter()
                .all(|party| party.state == LegState::Releasing)
        });
        if failed {
            self.tx.cause = Some(Cause::Cleared);
            self.release_all(call, EndReason::Busy);
        }
    }
}
