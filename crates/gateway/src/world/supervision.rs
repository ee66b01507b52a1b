//! Supervision: agents' help requests to their group's supervisor, and supervisors joining
//! (intrusion) or changing how they are in an agent's call.

use super::model::{Cause, Endpoint, IntrusionChange, LegState, Party, Side, Supervision};
use super::{Acted, AgentSim, Front, Notice, World, WorldError};

impl<F: Front> World<F> {
    fn supervisor_of(&self, login: &str) -> Option<String> {
        let group = self.agents.get(login)?.logged.as_ref()?.group.clone()?;
        self.scenario
            .processing_groups
            .iter()
            .find(|g| g.number == group)?
            .supervisor
            .clone()
    }

    fn help_event(&mut self, to: &str, other: &str, requested: bool) {
        let other = other.to_owned();
        let notice = if requested {
            Notice::HelpRequested { other }
        } else {
            Notice::HelpCancelled { other }
        };
        self.notice(to, notice);
    }

    /// Ends the pending help request of the agent `login`, cancelled, rejected or answered:
    /// both sides are told, each naming the other (AMBIG-72).
    pub(super) fn end_help(&mut self, login: &str) {
        let Some(agent) = self.agents.get_mut(login) else {
            return;
        };
        let Some(supervisor) = agent.help_from.take() else {
            return;
        };
        let number = agent.number.clone();
        self.help_event(login, &supervisor, false);
        if let Some(supervisor_login) = self.login_of_number(&supervisor) {
            self.help_event(&supervisor_login, &number, false);
        }
    }

    pub(super) fn request_help(&mut self, login: &str) -> Result<Acted, WorldError> {
        self.logged(login)?;
        if self
            .agents
            .get(login)
            .is_some_and(|a| a.help_from.is_some())
        {
            return Err(WorldError::NotExpected("Help is already requested".into()));
        }
        let supervisor = self
            .supervisor_of(login)
            .ok_or_else(|| WorldError::NotExpected("The group has no supervisor".into()))?;
        let supervisor_login = self
            .login_of_number(&supervisor)
            .ok_or_else(|| WorldError::NotExpected("The supervisor is unknown".into()))?;
        let number = self.agent(login)?.number.clone();
        if supervisor == number {
            return Err(WorldError::NotExpected(
                "The supervisor of the group cannot ask itself for help".into(),
            ));
        }
        if let Some(agent) = self.agents.get_mut(login) {
            agent.help_from = Some(supervisor.clone());
        }
        self.tx.order.push(supervisor_login.clone());
        // AMBIG-72: the agent's event names the supervisor, the supervisor's the agent.
        self.help_event(login, &supervisor, true);
        self.help_event(&supervisor_login, &number, true);
        Ok(Acted::Done)
    }

    pub(super) fn cancel_help(
        &mut self,
        login: &str,
        other: Option<String>,
    ) -> Result<Acted, WorldError> {
        let me = self.agent(login)?.clone();
        if let Some(supervisor) = me.help_from.clone() {
            // The agent cancels its own request (`other` = the supervisor, AMBIG-71).
            if other.as_deref().is_some_and(|o| o != supervisor) {
                return Err(WorldError::BadParameter(format!(
                    "Help was requested from {supervisor}"
                )));
            }
            self.end_help(login);
            return Ok(Acted::Done);
        }
        // A supervisor rejects an agent's request (`other` = the agent; without it, the one
        // agent asking, if only one is).
        let asking: Vec<&AgentSim> = self
            .agents
            .values()
            .filter(|a| a.help_from.as_deref() == Some(me.number.as_str()))
            .collect();
        let requester = match other.as_deref() {
            Some(other) => asking.iter().find(|a| a.number == other).ok_or_else(|| {
                WorldError::NotExpected(format!("{other} asked no help from you"))
            })?,
            None => match asking.as_slice() {
                [one] => one,
                [] => return Err(WorldError::NotExpected("No help request is pending".into())),
                _ => {
                    return Err(WorldError::BadParameter(
                        "Several agents ask for help: name one with other".into(),
                    ))
                }
            },
        };
        let requester = requester.login.clone();
        self.tx.order.push(requester.clone());
        self.end_help(&requester);
        Ok(Acted::Done)
    }

    pub(super) fn supervisor(&self, login: &str) -> Result<&AgentSim, WorldError> {
        let agent = self.agent(login)?;
        if agent.supervisor {
            Ok(agent)
        } else {
            Err(WorldError::NotAllowed(format!(
                "{login} is not a supervisor"
            )))
        }
    }

    pub(super) fn agent_by_number(&self, number: &str) -> Result<&AgentSim, WorldError> {
        self.agents
            .values()
            .find(|a| a.number == number)
            .ok_or_else(|| WorldError::NotFound(format!("No agent {number}")))
    }

    fn intrusion_cause(mode: Supervision) -> Cause {
        match mode {
            Supervision::Restricted => Cause::SupervisorRestrictIntrusion,
            Supervision::Discrete => Cause::SupervisorListening,
            Supervision::Normal => Cause::SupervisorIntrusion,
        }
    }

    pub(super) fn intrude(
        &mut self,
        login: &str,
        agent_number: &str,
        mode: Option<Supervision>,
    ) -> Result<Acted, WorldError> {
        let me = self.supervisor(login)?.clone();
        if me.supervising.is_some() {
            return Err(WorldError::NotExpected("Already intruding".into()));
        }
        let Some(mode) = mode else {
            return Err(WorldError::BadParameter(
                "mode must be NORMAL, RESTRICTED or DISCRETE".into(),
            ));
        };
        let agent_login = self.agent_by_number(agent_number)?.login.clone();
        let call = self
            .calls
            .values()
            .find(|c| {
                c.parties.iter().any(|p| {
                    p.endpoint.login() == Some(agent_login.as_str()) && p.state == LegState::Active
                })
            })
            .map(|c| c.reference.clone())
            .ok_or_else(|| WorldError::NotExpected(format!("{agent_number} has no active call")))?;
        self.next_party += 1;
        let party = Party {
            id: format!("p{}", self.next_party),
            endpoint: Endpoint::Device {
                number: me.number.clone(),
                login: login.to_owned(),
            },
            state: LegState::Active,
            side: Side::Callee,
            joined_at: self.now,
            answered_at: Some(self.now),
            supervising: true,
        };
        if let Some(c) = self.calls.get_mut(&call) {
            c.parties.push(party);
        }
        if let Some(me) = self.agents.get_mut(login) {
            me.supervising = Some((agent_number.to_owned(), mode));
        }
        self.tx.cause = Some(Self::intrusion_cause(mode));
        self.tx.order.push(agent_login.clone());
        // Joining the call of an agent who asked this supervisor for help answers the request.
        let asked_me = self
            .agents
            .get(&agent_login)
            .is_some_and(|a| a.help_from.as_deref() == Some(me.number.as_str()));
        if asked_me {
            self.end_help(&agent_login);
        }
        Ok(Acted::Done)
    }

    pub(super) fn change_intrusion(
        &mut self,
        login: &str,
        change: IntrusionChange,
    ) -> Result<Acted, WorldError> {
        let me = self.supervisor(login)?.clone();
        let Some((agent, current)) = me.supervising else {
            return Err(WorldError::NotExpected("Not intruding".into()));
        };
        let mode = match change {
            IntrusionChange::Unknown => {
                return Err(WorldError::BadParameter("Unknown intrusion mode".into()))
            }
            IntrusionChange::Stop => None,
            IntrusionChange::To(mode) => Some(mode),
        };
        // The current mode again, or STOP, drops the supervisor (L13241-13259).
        if mode.is_none() || mode == Some(current) {
            let call = self
                .calls
                .values()
                .find(|c| {
                    c.parties
                        .iter()
                        .any(|p| p.supervising && p.endpoint.login() == Some(login))
                })
                .map(|c| c.reference.clone());
            if let Some(call) = call {
                if let Some(index) = self.calls.get(&call).and_then(|c| c.party_of(login)) {
                    self.tx.cause = Some(Cause::ParticipantLeft);
                    if let Some(c) = self.calls.get_mut(&call) {
                        c.parties.remove(index);
                    }
                }
            }
            if let Some(me) = self.agents.get_mut(login) {
                me.supervising = None;
            }
        } else if let (Some(mode), Some(me)) = (mode, self.agents.get_mut(login)) {
            me.supervising = Some((agent, mode));
            self.tx.cause = Some(Self::intrusion_cause(mode));
        }
        Ok(Acted::Done)
    }
}
