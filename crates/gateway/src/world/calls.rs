//! Call control: answering, holding, transferring, conferencing and releasing calls (making
//! them is in `dial.rs`).

use super::dial::Route;
use super::model::{Cause, EndReason, Endpoint, LegState, Recording, RecordingAction, Side, Timer};
use super::{Acted, Command, Front, World, WorldError};

// One definition of a dialable number and of DTMF codes: the widget's (O2G pattern, L405).
pub use cti::model::intent::{is_dialable, is_dtmf};

fn not_found(call: &str) -> WorldError {
    WorldError::NotFound(format!("No call {call}"))
}

impl<F: Front> World<F> {
    pub(super) fn call_request(
        &mut self,
        login: &str,
        request: Command,
    ) -> Result<Acted, WorldError> {
        match request {
            Command::MakeCall { device, callee } => self.make_call(login, &device, &callee),
            Command::Answer { call, device } => {
                self.own_device(login, &device)?;
                self.answer(&call, &device)
            }
            Command::AnswerRinging { device } => {
                let ringing = self
                    .calls
                    .values()
                    .find_map(|call| {
                        call.parties
                            .iter()
                            .find(|p| {
                                p.endpoint.login() == Some(login)
                                    && p.state == LegState::Ringing
                                    && device.as_deref().is_none_or(|d| d == p.endpoint.number())
                            })
                            .map(|p| (call.reference.clone(), p.endpoint.number().to_owned()))
                    })
                    .ok_or_else(|| WorldError::NotExpected("No call is ringing".into()))?;
                self.answer(&ringing.0, &ringing.1)
            }
            Command::DropCurrent => {
                let current = self
                    .calls
                    .values()
                    .find(|call| {
                        call.parties
                            .iter()
                            .any(|p| p.endpoint.login() == Some(login) && p.state != LegState::Held)
                    })
                    .map(|call| call.reference.clone())
                    .ok_or_else(|| WorldError::NotExpected("No current call".into()))?;
                self.drop_me(login, &current)
            }
            Command::Hold { call, device } => {
                self.own_device(login, &device)?;
                self.set_leg(&call, &device, LegState::Active, LegState::Held, "hold")
            }
            Command::Retrieve { call, device } => {
                self.own_device(login, &device)?;
                self.party_in(&call, &device, LegState::Held, "retrieve")?;
                // Whatever else was active on the device waits instead (OXE behaviour).
                self.hold_active_on(&device, Some(&call));
                self.set_leg(&call, &device, LegState::Held, LegState::Active, "retrieve")
            }
            Command::Alternate { held, device } => {
                self.own_device(login, &device)?;
                self.party_in(&held, &device, LegState::Held, "alternate")?;
                if !self.hold_active_on(&device, Some(&held)) {
                    return Err(WorldError::NotExpected(
                        "Alternate needs another active call".into(),
                    ));
                }
                self.set_leg(
                    &held,
                    &device,
                    LegState::Held,
                    LegState::Active,
                    "alternate",
                )
            }
            Command::Reconnect {
                held,
                device,
                enquiry,
            } => {
                self.own_device(login, &device)?;
                if held == enquiry {
                    return Err(WorldError::BadParameter(
                        "enquiryCallRef is the held call".into(),
                    ));
                }
                self.party_in(&held, &device, LegState::Held, "reconnect")?;
                let index = self.party_of_login(&enquiry, login)?;
                self.tx.cause = Some(Cause::Cleared);
                self.leave(&enquiry, index, EndReason::Normal);
                self.settle(&enquiry);
                self.set_leg(
                    &held,
                    &device,
                    LegState::Held,
                    LegState::Active,
                    "reconnect",
                )
            }
            Command::Transfer { active, held } => self.transfer(login, &active, &held),
            Command::Merge { active, held } => self.merge(login, &active, &held),
            Command::BlindTransfer { call, to } => self.blind_transfer(login, &call, &to),
            Command::Redirect { call, to } => self.redirect(login, &call, &to),
            Command::DropMe { call } => self.drop_me(login, &call),
            Command::Release { call } => {
                self.party_of_login(&call, login)?;
                self.tx.cause = Some(Cause::Cleared);
                self.release_all(&call, EndReason::Normal);
                Ok(Acted::Done)
            }
            Command::SendDtmf {
                call,
                device,
                digits,
            } => {
                self.own_device(login, &device)?;
                if !is_dtmf(&digits) {
                    return Err(WorldError::BadParameter(format!(
                        "{digits:?} are not DTMF codes"
                    )));
                }
                self.party_in(&call, &device, LegState::Active, "send DTMF")?;
                Ok(Acted::Done)
            }
            Command::Recording { call, action } => self.recording(login, &call, action),
            _ => Err(WorldError::NotExpected("Not a call request".into())),
        }
    }

    /// Refuses devices that are not the user's (AMBIG-93).
    pub(super) fn own_device(&self, login: &str, device: &str) -> Result<(), WorldError> {
        if device.trim().is_empty() {
            return Err(WorldError::BadParameter("deviceId is mandatory".into()));
        }
        if self.devices_of(login).iter().any(|d| d == device) {
            Ok(())
        } else {
            Err(WorldError::NotAllowed(format!(
                "Device {device} is not one of {login}'s devices"
            )))
        }
    }

    /// The party on `device` in `call`, which must be in `expected`.
    fn party_in(
        &self,
        call: &str,
        device: &str,
        expected: LegState,
        what: &str,
    ) -> Result<usize, WorldError> {
        let sim_call = self.calls.get(call).ok_or_else(|| not_found(call))?;
        let index = sim_call.party_on(device).ok_or_else(|| {
            WorldError::NotExpected(format!("Device {device} is not in call {call}"))
        })?;
        let state = sim_call.parties[index].state;
        if state != expected {
            return Err(WorldError::NotExpected(format!(
                "Cannot {what}: the call is {state:?} on {device}"
            )));
        }
        Ok(index)
    }

    fn party_of_login(&self, call: &str, login: &str) -> Result<usize, WorldError> {
        let sim_call = self.calls.get(call).ok_or_else(|| not_found(call))?;
        sim_call
            .party_of(login)
            .ok_or_else(|| WorldError::NotExpected(format!("{login} is not in call {call}")))
    }

    fn set_leg(
        &mut self,
        call: &str,
        device: &str,
        from: LegState,
        to: LegState,
        what: &str,
    ) -> Result<Acted, WorldError> {
        let index = self.party_in(call, device, from, what)?;
        if let Some(party) = self
            .calls
            .get_mut(call)
            .and_then(|c| c.parties.get_mut(index))
        {
            party.state = to;
        }
        Ok(Acted::Done)
    }

    /// Puts the active call of `device` (other than `except`) on hold; whether there was one.
    pub(super) fn hold_active_on(&mut self, device: &str, except: Option<&str>) -> bool {
        let mut held = false;
        for call in self.calls.values_mut() {
            if Some(call.reference.as_str()) == except {
                continue;
            }
            if let Some(index) = call.party_on(device) {
                if call.parties[index].state == LegState::Active {
                    call.parties[index].state = LegState::Held;
                    held = true;
                }
            }
        }
        held
    }

    /// Answers the call ringing on `device`.
    pub(super) fn answer(&mut self, call: &str, device: &str) -> Result<Acted, WorldError> {
        let index = self.party_in(call, device, LegState::Ringing, "answer")?;
        // Answering while in conversation puts that conversation on hold.
        self.hold_active_on(device, Some(call));
        let now = self.now;
        let Some(sim_call) = self.calls.get_mut(call) else {
            return Err(not_found(call));
        };
        for (i, party) in sim_call.parties.iter_mut().enumerate() {
            if i == index || (party.state == LegState::Calling && party.side == Side::Caller) {
                party.state = LegState::Active;
                party.answered_at.get_or_insert(now);
            }
        }
        // Once anyone answers an ACD call (the agent, or whoever it was redirected to), the
        // caller no longer abandons.
        if let Some(acd) = sim_call.acd.as_mut() {
            acd.answered_at.get_or_insert(now);
        }
        Ok(Acted::Done)
    }

    /// Party `index` leaves `call` normally: the others carry on if two or more remain
    /// (ParticipantLeft), else the call is cleared. Users' drop-me and bots' hang-ups alike.
    pub(super) fn hang_up_party(&mut self, call: &str, index: usize) {
        let remaining = self.calls.get(call).map(|c| c.real_parties()).unwrap_or(0);
        self.tx.cause = Some(if remaining > 2 {
            Cause::ParticipantLeft
        } else {
            Cause::Cleared
        });
        self.leave(call, index, EndReason::Normal);
        self.settle(call);
    }

    fn drop_me(&mut self, login: &str, call: &str) -> Result<Acted, WorldError> {
        let index = self.party_of_login(call, login)?;
        self.hang_up_party(call, index);
        Ok(Acted::Done)
    }

    /// The user's media states in the two calls of a transfer or merge (path = active call,
    /// body `heldCallRef` = held call, AMBIG-29).
    fn pair_states(
        &self,
        login: &str,
        active: &str,
        held: &str,
    ) -> Result<(Option<LegState>, Option<LegState>), WorldError> {
        if active == held {
            return Err(WorldError::BadParameter(
                "heldCallRef is the active call".into(),
            ));
        }
        let active_index = self.party_of_login(active, login)?;
        let held_index = self.party_of_login(held, login)?;
        let state_in = |call: &str, index: usize| {
            self.calls
                .get(call)
                .and_then(|c| c.parties.get(index))
                .map(|party| party.state)
        };
        Ok((state_in(active, active_index), state_in(held, held_index)))
    }

    fn transfer(&mut self, login: &str, active: &str, held: &str) -> Result<Acted, WorldError> {
        let (active_state, held_state) = self.pair_states(login, active, held)?;
        if !matches!(active_state, Some(LegState::Active | LegState::Calling))
            || held_state != Some(LegState::Held)
        {
            return Err(WorldError::NotExpected(
                "Transfer needs an active (or ringing) call and a held call".into(),
            ));
        }
        self.tx.cause = Some(Cause::Transferred);
        self.join_calls(login, active, held, EndReason::Transferred, false);
        Ok(Acted::Done)
    }

    fn merge(&mut self, login: &str, active: &str, held: &str) -> Result<Acted, WorldError> {
        let (active_state, held_state) = self.pair_states(login, active, held)?;
        if active_state != Some(LegState::Active) || held_state != Some(LegState::Held) {
            return Err(WorldError::NotExpected(
                "Merge needs an active call and a held call".into(),
            ));
        }
        self.tx.cause = Some(Cause::Conferenced);
        self.join_calls(login, active, held, EndReason::Conferenced, true);
        Ok(Acted::Done)
    }

    /// Moves the other parties of `active` into `held` (the surviving reference). A transfer
    /// then takes `login` out of both; a merge keeps it, active, in the conference.
    fn join_calls(&mut self, login: &str, active: &str, held: &str, reason: EndReason, stay: bool) {
        if let Some(index) = self.calls.get(active).and_then(|c| c.party_of(login)) {
            if stay {
                // Its leg in the active call simply ends; the merged call carries it on.
                if let Some(c) = self.calls.get_mut(active) {
                    c.parties.remove(index);
                }
            } else {
                self.leave(active, index, reason);
            }
        }
        let Some(source) = self.calls.remove(active) else {
            return;
        };
        self.tx.renames.push((active.to_owned(), held.to_owned()));
        for party in &source.parties {
            if let Some(other) = party.endpoint.login() {
                if !self.tx.order.iter().any(|l| l == other) {
                    self.tx.order.push(other.to_owned());
                }
            }
        }
        if let Some(target) = self.calls.get_mut(held) {
            target.parties.extend(source.parties);
            target.left.extend(source.left);
            if target.acd.is_none() {
                target.acd = source.acd;
            }
            if target.record.is_none() {
                target.record = source.record;
            }
            if let Some(index) = target.party_of(login) {
                if stay {
                    target.parties[index].state = LegState::Active;
                }
            }
        }
        if !stay {
            if let Some(index) = self.calls.get(held).and_then(|c| c.party_of(login)) {
                self.leave(held, index, reason);
            }
        }
        // Pending timers of the source call now concern the survivor.
        let timers: Vec<_> = std::mem::take(&mut self.timers).into_vec();
        for std::cmp::Reverse((at, seq, timer)) in timers {
            let timer = match timer {
                Timer::AutoAnswer { call, number } if call == active => Timer::AutoAnswer {
                    call: held.to_owned(),
                    number,
                },
                Timer::AutoHangUp { call, number } if call == active => Timer::AutoHangUp {
                    call: held.to_owned(),
                    number,
                },
                Timer::NoAnswer { call, number } if call == active => Timer::NoAnswer {
                    call: held.to_owned(),
                    number,
                },
                other => other,
            };
            self.timers.push(std::cmp::Reverse((at, seq, timer)));
        }
        self.settle(held);
    }

    fn blind_transfer(&mut self, login: &str, call: &str, to: &str) -> Result<Acted, WorldError> {
        let index = self.party_of_login(call, login)?;
        let state = self.calls.get(call).map(|c| c.parties[index].state);
        if !matches!(state, Some(LegState::Active | LegState::Held)) {
            return Err(WorldError::NotExpected(
                "Only an answered call can be transferred".into(),
            ));
        }
        let route = self.route(to)?;
        if let Route::Device { login: target, .. } = &route {
            if target == login {
                return Err(WorldError::NotExpected("Cannot transfer to oneself".into()));
            }
            self.tx.order.push(target.clone());
        }
        self.tx.cause = Some(Cause::Transferred);
        self.tx.new_destination = Some(to.trim().to_owned());
        self.leave(call, index, EndReason::Transferred);
        // The remaining party now waits for the new destination.
        if let Some(c) = self.calls.get_mut(call) {
            for party in &mut c.parties {
                if party.state == LegState::Active {
                    party.state = LegState::Calling;
                }
            }
            if matches!(route, Route::Pilot(_)) {
                c.acd = None;
            }
        }
        self.ring(call, route);
        self.settle(call);
        Ok(Acted::Done)
    }

    fn redirect(&mut self, login: &str, call: &str, to: &str) -> Result<Acted, WorldError> {
        let index = self.party_of_login(call, login)?;
        if self.calls.get(call).map(|c| c.parties[index].state) != Some(LegState::Ringing) {
            return Err(WorldError::NotExpected(
                "Only a ringing call can be redirected".into(),
            ));
        }
        self.tx.cause = Some(Cause::Redirected);
        if to.trim().eq_ignore_ascii_case("VOICEMAIL") {
            // The caller leaves a message in the redirecting user's mailbox.
            if let Some(services) = self.services.get_mut(login) {
                services.voice_messages += 1;
            }
            self.tx.new_destination = Some("VOICEMAIL".into());
            self.release_all(call, EndReason::Voicemail);
            return Ok(Acted::Done);
        }
        let route = self.route(to)?;
        if let Route::Device { login: target, .. } = &route {
            if target == login {
                return Err(WorldError::NotExpected("Cannot redirect to oneself".into()));
            }
            self.tx.order.push(target.clone());
        }
        self.tx.new_destination = Some(to.trim().to_owned());
        self.leave(call, index, EndReason::Redirected);
        if matches!(route, Route::Pilot(_)) {
            if let Some(c) = self.calls.get_mut(call) {
                c.acd = None;
            }
        }
        self.ring(call, route);
        self.settle(call);
        Ok(Acted::Done)
    }

    fn recording(
        &mut self,
        login: &str,
        call: &str,
        action: RecordingAction,
    ) -> Result<Acted, WorldError> {
        let index = self.party_of_login(call, login)?;
        let Some(sim_call) = self.calls.get_mut(call) else {
            return Err(not_found(call));
        };
        if sim_call.parties[index].state != LegState::Active {
            return Err(WorldError::NotExpected(
                "Only an active call can be recorded".into(),
            ));
        }
        let next = match (action, sim_call.record) {
            (RecordingAction::Start, None) => Some(Recording::On),
            (RecordingAction::Stop, Some(_)) => None,
            (RecordingAction::Pause, Some(Recording::On)) => Some(Recording::Paused),
            (RecordingAction::Resume, Some(Recording::Paused)) => Some(Recording::On),
            (action, state) => {
                return Err(WorldError::NotExpected(format!(
                    "Cannot {} the recording: it is {}",
                    action.as_str(),
                    match state {
                        None => "off",
                        Some(Recording::Paused) => "paused",
                        Some(_) => "on",
                    }
                )))
            }
        };
        sim_call.record = next;
        Ok(Acted::Done)
    }

    /// Takes party `index` out of `call`: comlog record, agent wrap-up or back to ready.
    pub(super) fn leave(&mut self, call: &str, index: usize, reason: EndReason) {
        let Some(sim_call) = self.calls.get_mut(call) else {
            return;
        };
        if index >= sim_call.parties.len() {
            return;
        }
        let party = sim_call.parties.remove(index);
        let snapshot = sim_call.clone();
        // Whoever ends a failed call, it ended because the callee was not available.
        let reason = if party.state == LegState::Releasing {
            EndReason::Busy
        } else {
            reason
        };
        if !party.supervising {
            sim_call.left.push(party.clone());
        }
        if let Endpoint::Device { login, .. } = &party.endpoint {
            self.write_record(login, &snapshot, &party, reason);
            self.agent_left_call(login, &snapshot, &party);
        }
    }

    /// Ends a call that has nobody left to talk to.
    pub(super) fn settle(&mut self, call: &str) {
        let Some(sim_call) = self.calls.get(call) else {
            return;
        };
        if sim_call.is_queued() && !sim_call.parties.is_empty() {
            return;
        }
        if sim_call.real_parties() <= 1 {
            self.release_all(call, EndReason::Normal);
        }
    }

    /// Releases every party of `call`.
    pub(super) fn release_all(&mut self, call: &str, reason: EndReason) {
        while self.calls.get(call).is_some_and(|c| !c.parties.is_empty()) {
            self.leave(call, 0, reason);
        }
        self.calls.remove(call);
    }
}
