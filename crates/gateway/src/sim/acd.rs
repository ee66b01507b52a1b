//! The ACD: agent states, distribution to the longest-idle ready agent, wrap-up, help and
//! supervision.

use cti::o2g::agent::{
    AgentConfig, AgentSkill, AgentSkills, AgentType, IntrusionMode, OnAgentSkillChanged,
    OnSupervisorHelpCancelled, OnSupervisorHelpRequested, ProcessingGroups, WithdrawReason,
    WithdrawReasons,
};
use cti::o2g::event::Event;
use cti::o2g::telephony::{CallCause, MediaState};

use super::model::{Activity, Endpoint, LoggedOn, Party, Side, SimCall, Timer};
use super::{AgentSim, SimError, SimReply, SimRequest, Simulator};

impl Simulator {
    fn agent(&self, login: &str) -> Result<&AgentSim, SimError> {
        self.agents
            .get(login)
            .ok_or_else(|| SimError::NotAllowed(format!("{login} is not an ACD agent")))
    }

    fn logged(&self, login: &str) -> Result<&LoggedOn, SimError> {
        self.agent(login)?
            .logged
            .as_ref()
            .ok_or_else(|| SimError::NotExpected(format!("{login} is not logged on")))
    }

    fn set_activity(&mut self, login: &str, activity: Activity) {
        let now = self.now;
        if let Some(logged) = self.agents.get_mut(login).and_then(|a| a.logged.as_mut()) {
            if activity == Activity::Ready && logged.activity != Activity::Ready {
                logged.idle_since = now;
            }
            logged.activity = activity;
        }
    }

    pub(super) fn agent_config(&self, login: &str) -> Result<AgentConfig, SimError> {
        let agent = self.agent(login)?;
        Ok(AgentConfig {
            agent_type: if agent.supervisor {
                AgentType::Supervisor
            } else {
                AgentType::Agent
            },
            proacd: agent.pro_acd.clone(),
            processing_groups: Some(ProcessingGroups {
                preferred: agent.groups.first().cloned(),
                groups: agent.groups.clone(),
            }),
            skills: Some(self.skills_of(agent)),
            self_assign: Some(true),
            headset: Some(false),
            help: Some(agent.supervisor),
            multiline: Some(false),
        })
    }

    fn skills_of(&self, agent: &AgentSim) -> AgentSkills {
        AgentSkills {
            skills: agent
                .skills
                .iter()
                .map(|(number, level, active)| AgentSkill {
                    number: Some(*number),
                    level: Some(*level),
                    active: Some(*active),
                })
                .collect(),
        }
    }

    pub(super) fn withdraw_reasons(
        &self,
        group: Option<&str>,
    ) -> Result<WithdrawReasons, SimError> {
        let group = group
            .filter(|g| !g.trim().is_empty())
            .ok_or_else(|| SimError::BadParameter("pgNumber is mandatory".into()))?;
        let group = self
            .scenario
            .processing_groups
            .iter()
            .find(|g| g.number == group)
            .ok_or_else(|| SimError::NotFound(format!("No processing group {group}")))?;
        let reasons: Vec<WithdrawReason> = group
            .withdraw_reasons
            .iter()
            .zip(1..)
            .map(|(label, index)| WithdrawReason {
                index,
                label: Some(label.clone()),
            })
            .collect();
        Ok(WithdrawReasons {
            number: i32::try_from(reasons.len()).unwrap_or(9),
            reasons,
        })
    }

    pub(super) fn agent_state_reply(&self, login: &str) -> Result<SimReply, SimError> {
        let agent = self.agent(login)?;
        Ok(SimReply::AgentState(self.agent_state_of(agent)))
    }

    pub(super) fn agent_request(
        &mut self,
        login: &str,
        request: SimRequest,
    ) -> Result<SimReply, SimError> {
        self.agent(login)?;
        match request {
            SimRequest::ActivateSkills(skills) => self.change_skills(login, &skills, true),
            SimRequest::DeactivateSkills(skills) => self.change_skills(login, &skills, false),
            SimRequest::LogOn { device, group } => self.log_on(login, &device, group),
            SimRequest::LogOff => {
                self.logged(login)?;
                if let Some(agent) = self.agents.get_mut(login) {
                    agent.logged = None;
                }
                Ok(SimReply::Done)
            }
            SimRequest::EnterGroup(group) => {
                let group = group
                    .filter(|g| !g.trim().is_empty())
                    .ok_or_else(|| SimError::BadParameter("pgGroupNumber is mandatory".into()))?;
                self.allowed_group(login, &group)?;
                let logged = self.logged(login)?;
                if logged.group.as_deref() == Some(group.as_str()) {
                    return Err(SimError::NotExpected(format!("Already in group {group}")));
                }
                if logged.activity == Activity::Busy {
                    return Err(SimError::NotExpected("The agent is on an ACD call".into()));
                }
                if let Some(logged) = self.agents.get_mut(login).and_then(|a| a.logged.as_mut()) {
                    logged.group = Some(group);
                    logged.activity = Activity::Pause;
                }
                Ok(SimReply::Done)
            }
            SimRequest::ExitGroup(group) => {
                let logged = self.logged(login)?.clone();
                match group.filter(|g| !g.trim().is_empty()) {
                    // An empty group logs the agent off (AMBIG-77).
                    None => {
                        if let Some(agent) = self.agents.get_mut(login) {
                            agent.logged = None;
                        }
                    }
                    Some(group) => {
                        if logged.group.as_deref() != Some(group.as_str()) {
                            return Err(SimError::NotExpected(format!("Not in group {group}")));
                        }
                        if logged.activity == Activity::Busy {
                            return Err(SimError::NotExpected(
                                "The agent is on an ACD call".into(),
                            ));
                        }
                        if let Some(logged) =
                            self.agents.get_mut(login).and_then(|a| a.logged.as_mut())
                        {
                            logged.group = None;
                            logged.activity = Activity::OutOfGroup;
                        }
                    }
                }
                Ok(SimReply::Done)
            }
            SimRequest::Ready => {
                self.in_group_and_free(login, "go ready")?;
                self.set_activity(login, Activity::Ready);
                self.distribute();
                Ok(SimReply::Done)
            }
            SimRequest::Pause => {
                self.in_group_and_free(login, "pause")?;
                self.set_activity(login, Activity::Pause);
                Ok(SimReply::Done)
            }
            SimRequest::WrapUp => {
                let group = self.in_group_and_free(login, "wrap up")?;
                let until = self.now.saturating_add(self.wrap_up_ms(&group));
                self.set_activity(login, Activity::WrapUp { until });
                self.schedule(
                    until,
                    Timer::WrapUpEnd {
                        login: login.to_owned(),
                    },
                );
                Ok(SimReply::Done)
            }
            SimRequest::Withdraw(reason) => {
                let group = self.in_group_and_free(login, "withdraw")?;
                let reason = reason
                    .ok_or_else(|| SimError::BadParameter("reasonIndex is mandatory".into()))?;
                let count = self.withdraw_reasons(Some(&group))?.reasons.len();
                if reason < 1 || usize::try_from(reason).map_or(true, |r| r > count) {
                    return Err(SimError::BadParameter(format!(
                        "reasonIndex {reason} is not a reason of group {group} (1 to {count})"
                    )));
                }
                self.set_activity(login, Activity::Withdraw(reason));
                Ok(SimReply::Done)
            }
            SimRequest::AgentSnapshot => {
                let state = self.agent_state_of(self.agent(login)?);
                self.events.push_back((
                    login.to_owned(),
                    Event::OnAgentStateChanged(cti::o2g::agent::OnAgentStateChanged {
                        login_name: login.to_owned(),
                        state,
                    }),
                ));
                Ok(SimReply::Done)
            }
            SimRequest::RequestHelp => self.request_help(login),
            SimRequest::CancelHelp(other) => self.cancel_help(login, other),
            SimRequest::Intrusion { agent, mode } => {
                self.intrude(login, &agent, mode.unwrap_or(IntrusionMode::Normal))
            }
            SimRequest::ChangeIntrusion(mode) => self.change_intrusion(login, mode),
            SimRequest::StartListening(agent) => {
                self.supervisor(login)?;
                self.agent_by_number(&agent)?;
                if let Some(me) = self.agents.get_mut(login) {
                    me.listening = Some(agent);
                }
                Ok(SimReply::Done)
            }
            SimRequest::StopListening => {
                self.supervisor(login)?;
                let listening = self.agents.get_mut(login).and_then(|a| a.listening.take());
                if listening.is_none() {
                    return Err(SimError::NotExpected("No permanent listening".into()));
                }
                Ok(SimReply::Done)
            }
            _ => Err(SimError::NotExpected("Not an agent request".into())),
        }
    }

    fn allowed_group(&self, login: &str, group: &str) -> Result<(), SimError> {
        if self.agent(login)?.groups.iter().any(|g| g == group) {
            Ok(())
        } else {
            Err(SimError::BadParameter(format!(
                "{login} may not work in processing group {group}"
            )))
        }
    }

    /// The agent's group, when logged on in one and not on an ACD call.
    fn in_group_and_free(&self, login: &str, what: &str) -> Result<String, SimError> {
        let logged = self.logged(login)?;
        if logged.activity == Activity::Busy {
            return Err(SimError::NotExpected(format!(
                "Cannot {what} during an ACD call"
            )));
        }
        logged
            .group
            .clone()
            .ok_or_else(|| SimError::NotExpected(format!("Cannot {what} out of any group")))
    }

    fn wrap_up_ms(&self, group: &str) -> u64 {
        self.scenario
            .processing_groups
            .iter()
            .find(|g| g.number == group)
            .map(|g| g.wrap_up_ms)
            .unwrap_or(15_000)
    }

    fn log_on(
        &mut self,
        login: &str,
        device: &str,
        group: Option<String>,
    ) -> Result<SimReply, SimError> {
        let agent = self.agent(login)?.clone();
        if agent.logged.is_some() {
            return Err(SimError::NotExpected(format!(
                "{login} is already logged on"
            )));
        }
        if device.trim().is_empty() {
            return Err(SimError::BadParameter(
                "proAcdDeviceNumber is mandatory".into(),
            ));
        }
        // An agent logs on its pro-ACD set; a supervisor may also use its own number.
        let allowed = agent.pro_acd.as_deref() == Some(device)
            || (agent.supervisor && agent.number == device);
        if !allowed {
            return Err(SimError::BadParameter(format!(
                "{device} is not a pro-ACD set of {login}"
            )));
        }
        if self
            .agents
            .values()
            .any(|a| a.logged.as_ref().is_some_and(|l| l.device == device))
        {
            return Err(SimError::NotExpected(format!("{device} is already in use")));
        }
        let group = group.filter(|g| !g.trim().is_empty());
        if let Some(group) = &group {
            self.allowed_group(login, group)?;
        }
        let activity = if group.is_some() {
            Activity::Pause
        } else {
            Activity::OutOfGroup
        };
        let now = self.now;
        if let Some(agent) = self.agents.get_mut(login) {
            agent.logged = Some(LoggedOn {
                device: device.to_owned(),
                group,
                activity,
                idle_since: now,
            });
        }
        Ok(SimReply::Done)
    }

    fn change_skills(
        &mut self,
        login: &str,
        skills: &[i32],
        active: bool,
    ) -> Result<SimReply, SimError> {
        if skills.is_empty() {
            return Err(SimError::BadParameter("skills must not be empty".into()));
        }
        let agent = self.agent(login)?;
        if let Some(unknown) = skills
            .iter()
            .find(|s| !agent.skills.iter().any(|(number, _, _)| number == *s))
        {
            return Err(SimError::BadParameter(format!(
                "{login} has no skill {unknown}"
            )));
        }
        if let Some(agent) = self.agents.get_mut(login) {
            for skill in &mut agent.skills {
                if skills.contains(&skill.0) {
                    skill.2 = active;
                }
            }
        }
        if let Some(agent) = self.agents.get(login) {
            let skills = self.skills_of(agent);
            self.pending_records.push((
                login.to_owned(),
                Event::OnAgentSkillChanged(OnAgentSkillChanged {
                    login_name: login.to_owned(),
                    skills,
                }),
            ));
        }
        Ok(SimReply::Done)
    }

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
        let event = if requested {
            Event::OnSupervisorHelpRequested(OnSupervisorHelpRequested {
                login_name: to.to_owned(),
                agent_number: Some(other.to_owned()),
            })
        } else {
            Event::OnSupervisorHelpCancelled(OnSupervisorHelpCancelled {
                login_name: to.to_owned(),
                agent_number: Some(other.to_owned()),
            })
        };
        self.pending_records.push((to.to_owned(), event));
    }

    fn request_help(&mut self, login: &str) -> Result<SimReply, SimError> {
        self.logged(login)?;
        if self
            .agents
            .get(login)
            .is_some_and(|a| a.help_from.is_some())
        {
            return Err(SimError::NotExpected("Help is already requested".into()));
        }
        let supervisor = self
            .supervisor_of(login)
            .ok_or_else(|| SimError::NotExpected("The group has no supervisor".into()))?;
        let supervisor_login = self
            .login_of_number(&supervisor)
            .ok_or_else(|| SimError::NotExpected("The supervisor is unknown".into()))?;
        let number = self.agent(login)?.number.clone();
        if let Some(agent) = self.agents.get_mut(login) {
            agent.help_from = Some(supervisor.clone());
        }
        self.tx.order.push(supervisor_login.clone());
        // AMBIG-72: the agent's event names the supervisor, the supervisor's the agent.
        self.help_event(login, &supervisor, true);
        self.help_event(&supervisor_login, &number, true);
        Ok(SimReply::Done)
    }

    fn cancel_help(&mut self, login: &str, other: Option<String>) -> Result<SimReply, SimError> {
        let me = self.agent(login)?.clone();
        if let Some(supervisor) = me.help_from.clone() {
            // The agent cancels its own request (`other` = the supervisor, AMBIG-71).
            if other.as_deref().is_some_and(|o| o != supervisor) {
                return Err(SimError::BadParameter(format!(
                    "Help was requested from {supervisor}"
                )));
            }
            if let Some(agent) = self.agents.get_mut(login) {
                agent.help_from = None;
            }
            self.help_event(login, &supervisor, false);
            if let Some(supervisor_login) = self.login_of_number(&supervisor) {
                self.help_event(&supervisor_login, &me.number, false);
            }
            return Ok(SimReply::Done);
        }
        // A supervisor rejects an agent's request (`other` = the agent).
        let other =
            other.ok_or_else(|| SimError::NotExpected("No help request is pending".into()))?;
        let requester = self
            .agents
            .values()
            .find(|a| a.number == other && a.help_from.as_deref() == Some(me.number.as_str()))
            .map(|a| a.login.clone())
            .ok_or_else(|| SimError::NotExpected(format!("{other} asked no help from you")))?;
        if let Some(agent) = self.agents.get_mut(&requester) {
            agent.help_from = None;
        }
        self.help_event(login, &other, false);
        self.help_event(&requester, &me.number, false);
        Ok(SimReply::Done)
    }

    fn supervisor(&self, login: &str) -> Result<&AgentSim, SimError> {
        let agent = self.agent(login)?;
        if agent.supervisor {
            Ok(agent)
        } else {
            Err(SimError::NotAllowed(format!("{login} is not a supervisor")))
        }
    }

    fn agent_by_number(&self, number: &str) -> Result<&AgentSim, SimError> {
        self.agents
            .values()
            .find(|a| a.number == number)
            .ok_or_else(|| SimError::NotFound(format!("No agent {number}")))
    }

    fn intrusion_cause(mode: IntrusionMode) -> CallCause {
        match mode {
            IntrusionMode::Restricted => CallCause::SupervisorRestrictIntrusion,
            IntrusionMode::Discrete => CallCause::SupervisorListening,
            _ => CallCause::SupervisorIntrusion,
        }
    }

    fn intrude(
        &mut self,
        login: &str,
        agent_number: &str,
        mode: IntrusionMode,
    ) -> Result<SimReply, SimError> {
        let me = self.supervisor(login)?.clone();
        if me.supervising.is_some() {
            return Err(SimError::NotExpected("Already intruding".into()));
        }
        if matches!(mode, IntrusionMode::Stop | IntrusionMode::Unrecognized) {
            return Err(SimError::BadParameter(
                "mode must be NORMAL, RESTRICTED or DISCRETE".into(),
            ));
        }
        let agent_login = self.agent_by_number(agent_number)?.login.clone();
        let call = self
            .calls
            .values()
            .find(|c| {
                c.parties.iter().any(|p| {
                    p.endpoint.login() == Some(agent_login.as_str())
                        && p.state == MediaState::Active
                })
            })
            .map(|c| c.reference.clone())
            .ok_or_else(|| SimError::NotExpected(format!("{agent_number} has no active call")))?;
        self.next_party += 1;
        let party = Party {
            id: format!("p{}", self.next_party),
            endpoint: Endpoint::Device {
                number: me.number.clone(),
                login: login.to_owned(),
            },
            state: MediaState::Active,
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
        self.tx.order.push(agent_login);
        Ok(SimReply::Done)
    }

    fn change_intrusion(&mut self, login: &str, mode: IntrusionMode) -> Result<SimReply, SimError> {
        let me = self.supervisor(login)?.clone();
        let Some((agent, current)) = me.supervising else {
            return Err(SimError::NotExpected("Not intruding".into()));
        };
        if mode == IntrusionMode::Unrecognized {
            return Err(SimError::BadParameter("Unknown intrusion mode".into()));
        }
        // The current mode again, or STOP, drops the supervisor (L13241-13259).
        if mode == current || mode == IntrusionMode::Stop {
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
                    self.tx.cause = Some(CallCause::ParticipantLeft);
                    if let Some(c) = self.calls.get_mut(&call) {
                        c.parties.remove(index);
                    }
                }
            }
            if let Some(me) = self.agents.get_mut(login) {
                me.supervising = None;
            }
        } else if let Some(me) = self.agents.get_mut(login) {
            me.supervising = Some((agent, mode));
            self.tx.cause = Some(Self::intrusion_cause(mode));
        }
        Ok(SimReply::Done)
    }

    /// An agent's party left `call`: after an answered ACD call comes wrap-up, after an
    /// unanswered one (abandoned, redirected) the agent is ready again.
    pub(super) fn agent_left_call(&mut self, login: &str, call: &SimCall, party: &Party) {
        if party.supervising {
            if let Some(me) = self.agents.get_mut(login) {
                me.supervising = None;
            }
            return;
        }
        let Some(acd) = &call.acd else {
            return;
        };
        if acd.agent.as_deref() != Some(login) {
            return;
        }
        let Some(logged) = self.agents.get(login).and_then(|a| a.logged.clone()) else {
            return;
        };
        if logged.activity != Activity::Busy || logged.device != party.endpoint.number() {
            return;
        }
        if party.answered_at.is_some() {
            let until = self.now.saturating_add(self.wrap_up_ms(&acd.group));
            self.set_activity(login, Activity::WrapUp { until });
            self.schedule(
                until,
                Timer::WrapUpEnd {
                    login: login.to_owned(),
                },
            );
        } else {
            self.set_activity(login, Activity::Ready);
            self.distribute();
        }
    }

    pub(super) fn wrap_up_end(&mut self, login: &str) {
        let due = self
            .agents
            .get(login)
            .and_then(|a| a.logged.as_ref())
            .is_some_and(|l| matches!(l.activity, Activity::WrapUp { until } if until <= self.now));
        if due {
            self.set_activity(login, Activity::Ready);
            self.distribute();
        }
    }

    /// Whether any call has a party on `device`.
    fn device_in_call(&self, device: &str) -> bool {
        self.calls.values().any(|c| c.party_on(device).is_some())
    }

    /// Gives queued calls, oldest first, to the longest-idle ready agent of their group.
    pub(super) fn distribute(&mut self) {
        loop {
            let mut queued: Vec<(u64, String, String)> = self
                .calls
                .values()
                .filter(|c| c.is_queued() && !c.parties.is_empty())
                .filter_map(|c| {
                    c.acd
                        .as_ref()
                        .map(|a| (a.queued_at, c.reference.clone(), a.group.clone()))
                })
                .collect();
            queued.sort();
            let assignment = queued.into_iter().find_map(|(_, call, group)| {
                self.agents
                    .values()
                    .filter_map(|a| a.logged.as_ref().map(|l| (a, l)))
                    .filter(|(_, l)| {
                        l.activity == Activity::Ready
                            && l.group.as_deref() == Some(group.as_str())
                            && !self.device_in_call(&l.device)
                    })
                    .min_by(|(a, l), (b, m)| {
                        (l.idle_since, &a.number).cmp(&(m.idle_since, &b.number))
                    })
                    .map(|(a, l)| (call, a.login.clone(), l.device.clone(), a.bot))
            });
            let Some((call, login, device, bot)) = assignment else {
                return;
            };
            self.checkpoint();
            self.set_activity(&login, Activity::Busy);
            self.next_party += 1;
            let party = Party {
                id: format!("p{}", self.next_party),
                endpoint: Endpoint::Device {
                    number: device.clone(),
                    login: login.clone(),
                },
                state: MediaState::RingingIncoming,
                side: Side::Callee,
                joined_at: self.now,
                answered_at: None,
                supervising: false,
            };
            let now = self.now;
            if let Some(c) = self.calls.get_mut(&call) {
                for p in &mut c.parties {
                    p.state = MediaState::RingingOutgoing;
                }
                c.parties.push(party);
                if let Some(acd) = c.acd.as_mut() {
                    acd.agent = Some(login.clone());
                    acd.distributed_at = Some(now);
                }
            }
            if self.tx.cause.is_none() {
                self.tx.cause = Some(CallCause::Distributed);
            }
            if bot {
                let at = self.now.saturating_add(self.scenario.traffic.bot_answer_ms);
                self.schedule(
                    at,
                    Timer::AutoAnswer {
                        call,
                        number: device,
                    },
                );
            }
        }
    }
}
