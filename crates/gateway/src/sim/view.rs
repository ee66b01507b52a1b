//! What each user sees of the simulated PBX, in O2G wire types, and the events that turn one
//! view into the next.

use std::collections::BTreeMap;

use cti::o2g::agent::{AgentMainState, AgentState, AgentSubState, OnAgentStateChanged};
use cti::o2g::event::Event;
use cti::o2g::event_summary::{EventSummary, OnEventSummaryUpdated};
use cti::o2g::telephony::{
    AcdCallData, AcdCallInfo, Call, CallCapabilities, CallData, DeviceCapabilities, Identifier,
    Leg, LegCapabilities, MainType, MediaState, OnCallCreated, OnCallModified, OnCallRemoved,
    OnUserStateModified, Participant, ParticipantType, PartyInfo, QueueData, RecordState,
    TelephonicState, UserState,
};

use super::model::{Activity, AgentSim, Endpoint, Party, SimCall};
use super::Simulator;

/// Everything a user can observe, to diff.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UserView {
    calls: BTreeMap<String, Call>,
    busy: bool,
    agent: Option<AgentState>,
    summary: EventSummary,
}

fn on(flag: bool) -> Option<bool> {
    flag.then_some(true)
}

impl Simulator {
    /// Every user's and bot's view.
    pub(super) fn world_view(&self) -> BTreeMap<String, UserView> {
        self.services
            .keys()
            .map(|login| (login.clone(), self.user_view(login)))
            .collect()
    }

    fn user_view(&self, login: &str) -> UserView {
        let calls: BTreeMap<String, Call> = self
            .calls
            .values()
            .filter_map(|call| {
                self.call_view(login, call)
                    .map(|v| (call.reference.clone(), v))
            })
            .collect();
        UserView {
            busy: !calls.is_empty(),
            calls,
            agent: self.agents.get(login).map(|a| self.agent_state_of(a)),
            summary: self.event_summary(login),
        }
    }

    /// The O2G `AgentState` of an agent.
    pub(super) fn agent_state_of(&self, agent: &AgentSim) -> AgentState {
        match &agent.logged {
            None => AgentState {
                main_state: AgentMainState::LogOff,
                sub_state: None,
                pro_acd_device_number: None,
                pg_number: None,
                withdraw_reason: None,
                withdrawn: None,
            },
            Some(logged) => {
                let (sub_state, withdraw_reason) = match logged.activity {
                    Activity::Ready => (AgentSubState::Ready, None),
                    Activity::Pause => (AgentSubState::Pause, None),
                    Activity::Withdraw(reason) => (AgentSubState::Withdraw, Some(reason)),
                    Activity::WrapUp { .. } => (AgentSubState::Wrapup, None),
                    Activity::Busy => (AgentSubState::Busy, None),
                    Activity::OutOfGroup => (AgentSubState::OutOfPg, None),
                };
                AgentState {
                    main_state: AgentMainState::LogOn,
                    sub_state: Some(sub_state),
                    pro_acd_device_number: Some(logged.device.clone()),
                    pg_number: logged.group.clone(),
                    withdraw_reason,
                    withdrawn: None,
                }
            }
        }
    }

    /// The `TelephonicState` of a user.
    pub(super) fn telephonic_state(&self, login: &str) -> TelephonicState {
        let view = self.user_view(login);
        TelephonicState {
            calls: view.calls.into_values().collect(),
            device_capabilities: self.device_capabilities(login),
            user_state: Some(if view.busy {
                UserState::Busy
            } else {
                UserState::Free
            }),
        }
    }

    pub(super) fn device_capabilities(&self, login: &str) -> Vec<DeviceCapabilities> {
        self.devices_of(login)
            .into_iter()
            .map(|device_id| DeviceCapabilities {
                device_id,
                make_call: Some(true),
                make_business_call: Some(false),
                make_private_call: Some(false),
                un_park_call: Some(false),
            })
            .collect()
    }

    /// The call as `login` sees it, if `login` is a party.
    pub(super) fn call_view(&self, login: &str, call: &SimCall) -> Option<Call> {
        let mine: Vec<&Party> = call
            .parties
            .iter()
            .filter(|p| p.endpoint.login() == Some(login))
            .collect();
        let first = mine.first()?;
        let conference = call.real_parties() >= 3;
        let legs = mine
            .iter()
            .map(|party| Leg {
                device_id: party.endpoint.number().to_owned(),
                state: Some(party.state),
                ringing_remote: on(party.state == MediaState::RingingOutgoing),
                capabilities: Some(self.leg_capabilities(login, call, party)),
            })
            .collect();
        let participants = call
            .parties
            .iter()
            .filter(|p| p.endpoint.login() != Some(login))
            .filter(|p| !p.supervising || self.sees_supervisor(login, p))
            .map(|party| Participant {
                participant_id: party.id.clone(),
                identity: Some(self.party_info(&party.endpoint)),
                anonymous: Some(false),
                undroppable: None,
                state: conference.then_some(party.state),
            })
            .collect();
        let call_data = CallData {
            initial_called: Some(PartyInfo {
                id: Identifier {
                    phone_number: Some(call.initial_called.clone()),
                    ..Identifier::default()
                },
                ..PartyInfo::default()
            }),
            device_call: Some(false),
            anonymous: Some(false),
            call_uuid: Some(format!("sim-{}", call.reference)),
            state: Some(first.state),
            record_state: call.record,
            capabilities: Some(self.call_capabilities(login, call, first)),
            acd_call_data: call.acd.as_ref().map(|acd| {
                let waited = acd.distributed_at.map(|at| {
                    i32::try_from(at.saturating_sub(acd.queued_at) / 1000).unwrap_or(i32::MAX)
                });
                AcdCallData {
                    call_info: Some(AcdCallInfo {
                        queue_waiting_time: waited,
                        global_waiting_time: waited,
                        agent_group: Some(acd.group.clone()),
                        local: Some(true),
                    }),
                    queue_data: Some(QueueData {
                        waiting_time: waited,
                        saturated: Some(false),
                    }),
                    pilot_number: Some(acd.pilot.clone()),
                    rsi_number: None,
                    supervised_transfer: Some(false),
                    pilot_transfer_info: None,
                }
            }),
            ..CallData::default()
        };
        Some(Call {
            call_ref: call.reference.clone(),
            call_data: Some(call_data),
            legs,
            participants,
        })
    }

    /// A supervisor in a call shows only to the agent it supervises, and not when it listens
    /// discreetly; the customer never sees it.
    fn sees_supervisor(&self, login: &str, supervisor: &Party) -> bool {
        let Some(viewer) = self.agents.get(login) else {
            return false;
        };
        supervisor
            .endpoint
            .login()
            .and_then(|s| self.agents.get(s))
            .and_then(|s| s.supervising.as_ref())
            .is_some_and(|(agent, mode)| {
                *agent == viewer.number && *mode != cti::o2g::agent::IntrusionMode::Discrete
            })
    }

    pub(super) fn party_info(&self, endpoint: &Endpoint) -> PartyInfo {
        match endpoint {
            Endpoint::Device { login, number } => {
                let (phone, first, last) = self
                    .person(login)
                    .unwrap_or_else(|| (number.clone(), String::new(), String::new()));
                PartyInfo {
                    id: Identifier {
                        login_name: Some(login.clone()),
                        phone_number: Some(phone),
                        ..Identifier::default()
                    },
                    display_name: Some(format!("{first} {last}").trim().to_owned()),
                    first_name: Some(first),
                    last_name: Some(last),
                    party_type: Some(ParticipantType {
                        main: MainType::User,
                        sub_type: None,
                    }),
                }
            }
            Endpoint::External { number } => PartyInfo {
                id: Identifier {
                    phone_number: Some(number.clone()),
                    ..Identifier::default()
                },
                display_name: Some(number.clone()),
                first_name: None,
                last_name: None,
                party_type: Some(ParticipantType {
                    main: MainType::External,
                    sub_type: Some("public".to_owned()),
                }),
            },
        }
    }

    /// The states of `login`'s legs in its other calls.
    fn other_states(&self, login: &str, call: &SimCall) -> Vec<MediaState> {
        self.calls
            .values()
            .filter(|other| other.reference != call.reference)
            .flat_map(|other| other.parties.iter())
            .filter(|p| p.endpoint.login() == Some(login))
            .map(|p| p.state)
            .collect()
    }

    fn leg_capabilities(&self, login: &str, call: &SimCall, party: &Party) -> LegCapabilities {
        let others = self.other_states(login, call);
        let other_live = others.iter().any(|s| {
            matches!(
                s,
                MediaState::Active | MediaState::RingingOutgoing | MediaState::Dialing
            )
        });
        let state = party.state;
        LegCapabilities {
            answer: on(state == MediaState::RingingIncoming),
            drop: Some(true),
            hold: on(state == MediaState::Active && !party.supervising),
            retrieve: on(state == MediaState::Held),
            reconnect: on(state == MediaState::Held && other_live),
            mute: on(state == MediaState::Active),
            un_mute: on(state == MediaState::Active),
            send_dtmf: on(state == MediaState::Active),
            switch_device: Some(false),
        }
    }

    fn call_capabilities(&self, login: &str, call: &SimCall, party: &Party) -> CallCapabilities {
        let others = self.other_states(login, call);
        let other_held = others.contains(&MediaState::Held);
        let other_active = others.contains(&MediaState::Active);
        let state = party.state;
        let talking = state == MediaState::Active && !party.supervising;
        let two_calls = match state {
            MediaState::Active | MediaState::RingingOutgoing => other_held,
            MediaState::Held => other_active,
            _ => false,
        };
        let connected = matches!(state, MediaState::Active | MediaState::Held);
        CallCapabilities {
            transfer: on(two_calls && !party.supervising),
            merge: on(two_calls && state != MediaState::RingingOutgoing && !party.supervising),
            blind_transfer: on(connected && !party.supervising),
            redirect: on(state == MediaState::RingingIncoming),
            redirect_to_voice_mail: on(state == MediaState::RingingIncoming),
            drop_me: Some(true),
            terminate: on(!party.supervising),
            reject: on(state == MediaState::RingingIncoming),
            start_record: on(talking && call.record.is_none()),
            stop_record: on(talking && call.record.is_some()),
            pause_record: on(talking && call.record == Some(RecordState::Recording)),
            resume_record: on(talking && call.record == Some(RecordState::Paused)),
            ..CallCapabilities::default()
        }
    }

    /// Turns the difference between `before` and now into events, in a realistic order: the
    /// logins of the transaction's `order` first, then the others by login.
    pub(super) fn emit_diff(&mut self, before: BTreeMap<String, UserView>) {
        let after = self.world_view();
        let mut logins: Vec<String> = self.tx.order.clone();
        for login in after.keys() {
            if !logins.contains(login) {
                logins.push(login.clone());
            }
        }
        let records = std::mem::take(&mut self.pending_records);
        for login in logins {
            let (Some(old), Some(new)) = (before.get(&login), after.get(&login)) else {
                continue;
            };
            self.emit_user_diff(&login, old, new);
            for (owner, event) in &records {
                if *owner == login {
                    self.events.push_back((login.clone(), event.clone()));
                }
            }
        }
    }

    fn emit_user_diff(&mut self, login: &str, old: &UserView, new: &UserView) {
        let cause = self.tx.cause;
        let mut out: Vec<Event> = Vec::new();
        for (reference, call) in &new.calls {
            // `previousCallRef`: a call of this user that disappeared into this one.
            let renamed_from = self
                .tx
                .renames
                .iter()
                .find(|(from, to)| {
                    to == reference && old.calls.contains_key(from) && !new.calls.contains_key(from)
                })
                .map(|(from, _)| from.clone());
            let previous = old
                .calls
                .get(reference)
                .or_else(|| renamed_from.as_ref().and_then(|from| old.calls.get(from)));
            match previous {
                Some(previous) if previous == call && renamed_from.is_none() => {}
                Some(previous) => out.push(Event::OnCallModified(Box::new(modified(
                    login,
                    previous,
                    call,
                    cause,
                    renamed_from,
                )))),
                None => out.push(Event::OnCallCreated(Box::new(OnCallCreated {
                    login_name: login.to_owned(),
                    call_ref: reference.clone(),
                    cause,
                    call_data: call.call_data.clone(),
                    initiator: None,
                    legs: call.legs.clone(),
                    participants: call.participants.clone(),
                    device_capabilities: None,
                }))),
            }
        }
        for reference in old.calls.keys() {
            let renamed_into = self
                .tx
                .renames
                .iter()
                .any(|(from, to)| from == reference && new.calls.contains_key(to));
            if new.calls.contains_key(reference) || renamed_into {
                continue;
            }
            out.push(Event::OnCallRemoved(OnCallRemoved {
                login_name: login.to_owned(),
                call_ref: reference.clone(),
                cause,
                new_destination: self.tx.new_destination.clone(),
                device_capabilities: None,
            }));
        }
        if old.busy != new.busy {
            out.push(Event::OnUserStateModified(OnUserStateModified {
                login_name: login.to_owned(),
                state: if new.busy {
                    UserState::Busy
                } else {
                    UserState::Free
                },
            }));
        }
        if old.agent != new.agent {
            if let Some(state) = &new.agent {
                out.push(Event::OnAgentStateChanged(OnAgentStateChanged {
                    login_name: login.to_owned(),
                    state: state.clone(),
                }));
            }
        }
        if old.summary != new.summary {
            out.push(Event::OnEventSummaryUpdated(OnEventSummaryUpdated {
                login_name: login.to_owned(),
                event_summary: new.summary.clone(),
            }));
        }
        for event in out {
            self.events.push_back((login.to_owned(), event));
        }
    }
}

/// The `OnCallModified` turning `previous` into `call`.
fn modified(
    login: &str,
    previous: &Call,
    call: &Call,
    cause: Option<cti::o2g::telephony::CallCause>,
    previous_call_ref: Option<String>,
) -> OnCallModified {
    let mut event = OnCallModified {
        login_name: login.to_owned(),
        call_ref: call.call_ref.clone(),
        cause,
        previous_call_ref,
        call_data: (previous.call_data != call.call_data)
            .then(|| call.call_data.clone())
            .flatten(),
        ..OnCallModified::default()
    };
    for leg in &call.legs {
        match previous.legs.iter().find(|l| l.device_id == leg.device_id) {
            Some(old) if old == leg => {}
            Some(_) => event.modified_legs.push(leg.clone()),
            None => event.added_legs.push(leg.clone()),
        }
    }
    for leg in &previous.legs {
        if !call.legs.iter().any(|l| l.device_id == leg.device_id) {
            event.removed_legs.push(leg.clone());
        }
    }
    for participant in &call.participants {
        match previous
            .participants
            .iter()
            .find(|p| p.participant_id == participant.participant_id)
        {
            Some(old) if old == participant => {}
            Some(_) => event.modified_participants.push(participant.clone()),
            None => event.added_participants.push(participant.clone()),
        }
    }
    for participant in &previous.participants {
        if !call
            .participants
            .iter()
            .any(|p| p.participant_id == participant.participant_id)
        {
            event
                .removed_participant_ids
                .push(participant.participant_id.clone());
        }
    }
    event
}
