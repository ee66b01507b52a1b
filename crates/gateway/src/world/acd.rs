//! The ACD: agent states, distribution to the longest-idle ready agent, wrap-up (help and
//! supervision are in `supervision.rs`).

use super::model::{Activity, Cause, Endpoint, LegState, LoggedOn, Party, Side, SimCall, Timer};
use super::{Acted, AgentSim, Command, Front, Notice, World, WorldError};

impl<F: Front> World<F> {
    pub(super) fn agent(&self, login: &str) -> Result<&AgentSim, WorldError> {
        self.agents
            .get(login)
            .ok_or_else(|| WorldError::NotAllowed(format!("{login} is not an ACD agent")))
    }

    pub(super) fn logged(&self, login: &str) -> Result<&LoggedOn, WorldError> {
        self.agent(login)?
            .logged
            .as_ref()
            .ok_or_else(|| WorldError::NotExpected(format!("{login} is not logged on")))
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

    /// The number of withdraw reasons of `group`.
    fn withdraw_reason_count(&self, group: &str) -> Result<usize, WorldError> {
        self.centre()
            .withdraw_reasons(group)
            .map(<[String]>::len)
            .ok_or_else(|| WorldError::NotFound(format!("No processing group {group}")))
    }

    pub(super) fn agent_request(
        &mut self,
        login: &str,
        request: Command,
    ) -> Result<Acted, WorldError> {
        self.agent(login)?;
        match request {
            Command::SetSkills { skills, active } => self.change_skills(login, &skills, active),
            Command::LogOn {
                device,
                group,
                ready,
                take_over,
            } => {
                if take_over {
                    self.take_over(login, &device)?;
                }
                self.log_on(login, &device, group, ready, take_over)
            }
            Command::SetMembership {
                agent,
                pilot,
                penalty,
            } => {
                self.set_membership(login, &agent, &pilot, penalty)?;
                Ok(Acted::Done)
            }
            Command::LogOff => {
                self.logged(login)?;
                self.log_off(login);
                Ok(Acted::Done)
            }
            Command::SessionEnded => {
                self.unattended(login);
                Ok(Acted::Done)
            }
            Command::EnterGroup(group) => {
                let group = group
                    .filter(|g| !g.trim().is_empty())
                    .ok_or_else(|| WorldError::BadParameter("pgGroupNumber is mandatory".into()))?;
                self.allowed_group(login, &group)?;
                let logged = self.logged(login)?;
                if logged.group.as_deref() == Some(group.as_str()) {
                    return Err(WorldError::NotExpected(format!("Already in group {group}")));
                }
                if logged.activity == Activity::Busy {
                    return Err(WorldError::NotExpected(
                        "The agent is on an ACD call".into(),
                    ));
                }
                if let Some(logged) = self.agents.get_mut(login).and_then(|a| a.logged.as_mut()) {
                    logged.group = Some(group);
                    logged.activity = Activity::Pause;
                }
                Ok(Acted::Done)
            }
            Command::ExitGroup(group) => {
                let logged = self.logged(login)?.clone();
                match group.filter(|g| !g.trim().is_empty()) {
                    // An empty group logs the agent off (AMBIG-77).
                    None => self.log_off(login),
                    Some(group) => {
                        if logged.group.as_deref() != Some(group.as_str()) {
                            return Err(WorldError::NotExpected(format!("Not in group {group}")));
                        }
                        if logged.activity == Activity::Busy {
                            return Err(WorldError::NotExpected(
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
                Ok(Acted::Done)
            }
            Command::Ready => {
                self.in_group_and_free(login, "go ready")?;
                self.set_activity(login, Activity::Ready);
                self.distribute();
                Ok(Acted::Done)
            }
            Command::Pause => {
                self.in_group_and_free(login, "pause")?;
                self.set_activity(login, Activity::Pause);
                Ok(Acted::Done)
            }
            Command::WrapUp => {
                let group = self.in_group_and_free(login, "wrap up")?;
                let until = self.now.saturating_add(self.wrap_up_ms(&group));
                self.set_activity(login, Activity::WrapUp { until });
                self.schedule(
                    until,
                    Timer::WrapUpEnd {
                        login: login.to_owned(),
                    },
                );
                Ok(Acted::Done)
            }
            Command::Withdraw(reason) => {
                let group = self.in_group_and_free(login, "withdraw")?;
                let reason = reason
                    .ok_or_else(|| WorldError::BadParameter("reasonIndex is mandatory".into()))?;
                let count = self.withdraw_reason_count(&group)?;
                if reason < 1 || usize::try_from(reason).map_or(true, |r| r > count) {
                    return Err(WorldError::BadParameter(format!(
                        "reasonIndex {reason} is not a reason of group {group} (1 to {count})"
                    )));
                }
                self.set_activity(login, Activity::Withdraw(reason));
                Ok(Acted::Done)
            }
            Command::RequestHelp => self.request_help(login),
            Command::CancelHelp(other) => self.cancel_help(login, other),
            Command::Intrude { agent, mode } => self.intrude(login, &agent, mode),
            Command::ChangeIntrusion(mode) => self.change_intrusion(login, mode),
            Command::StartListening(agent) => {
                self.supervisor(login)?;
                self.agent_by_number(&agent)?;
                if let Some(me) = self.agents.get_mut(login) {
                    me.listening = Some(agent);
                }
                Ok(Acted::Done)
            }
            Command::StopListening => {
                self.supervisor(login)?;
                let listening = self.agents.get_mut(login).and_then(|a| a.listening.take());
                if listening.is_none() {
                    return Err(WorldError::NotExpected("No permanent listening".into()));
                }
                Ok(Acted::Done)
            }
            _ => Err(WorldError::NotExpected("Not an agent request".into())),
        }
    }

    /// Logs the agent off; a help request it left pending ends with it.
    fn log_off(&mut self, login: &str) {
        self.end_help(login);
        if let Some(agent) = self.agents.get_mut(login) {
            agent.logged = None;
        }
    }

    /// Nobody is at the agent's desk any more (its last session ended without a log-off):
    /// it stops taking ACD calls but stays logged on. READY or WRAPUP become PAUSE now; on
    /// an ACD call, the call goes on and PAUSE follows it instead of wrap-up. A pending help
    /// request ends.
    fn unattended(&mut self, login: &str) {
        self.end_help(login);
        let Some(logged) = self.agents.get_mut(login).and_then(|a| a.logged.as_mut()) else {
            return;
        };
        match logged.activity {
            Activity::Ready | Activity::WrapUp { .. } => logged.activity = Activity::Pause,
            Activity::Busy => logged.pause_after_call = true,
            Activity::Pause | Activity::Withdraw(_) | Activity::OutOfGroup => {}
        }
    }

    fn allowed_group(&self, login: &str, group: &str) -> Result<(), WorldError> {
        if self.agent(login)?.groups.iter().any(|g| g == group) {
            Ok(())
        } else {
            Err(WorldError::BadParameter(format!(
                "{login} may not work in processing group {group}"
            )))
        }
    }

    /// The agent's group, when logged on in one and not on an ACD call.
    fn in_group_and_free(&self, login: &str, what: &str) -> Result<String, WorldError> {
        let logged = self.logged(login)?;
        if logged.activity == Activity::Busy {
            return Err(WorldError::NotExpected(format!(
                "Cannot {what} during an ACD call"
            )));
        }
        logged
            .group
            .clone()
            .ok_or_else(|| WorldError::NotExpected(format!("Cannot {what} out of any group")))
    }

    fn wrap_up_ms(&self, group: &str) -> u64 {
        self.scenario
            .processing_groups
            .iter()
            .find(|g| g.number == group)
            .map(|g| g.wrap_up_ms)
            .unwrap_or(15_000)
    }

    /// Hot-desking: frees another agent's pro-ACD set for `login`, logging off whoever is on it.
    fn take_over(&mut self, login: &str, device: &str) -> Result<(), WorldError> {
        if self.agent(login)?.logged.is_some() {
            return Err(WorldError::NotExpected(format!(
                "{login} is already logged on"
            )));
        }
        let is_set = self
            .agents
            .values()
            .any(|a| a.pro_acd.as_deref() == Some(device));
        if !is_set {
            return Err(WorldError::BadParameter(format!(
                "{device} is not a pro-ACD set"
            )));
        }
        let occupant = self
            .agents
            .values()
            .find(|a| a.logged.as_ref().is_some_and(|l| l.device == device))
            .map(|a| a.login.clone());
        if let Some(occupant) = occupant {
            if occupant != login {
                self.tx.order.push(occupant.clone());
                self.log_off(&occupant);
            }
        }
        Ok(())
    }

    fn log_on(
        &mut self,
        login: &str,
        device: &str,
        group: Option<String>,
        ready: bool,
        take_over: bool,
    ) -> Result<Acted, WorldError> {
        let agent = self.agent(login)?.clone();
        if agent.logged.is_some() {
            return Err(WorldError::NotExpected(format!(
                "{login} is already logged on"
            )));
        }
        if device.trim().is_empty() {
            return Err(WorldError::BadParameter(
                "proAcdDeviceNumber is mandatory".into(),
            ));
        }
        // An agent logs on its pro-ACD set; a supervisor may also use its own number.
        let allowed = agent.pro_acd.as_deref() == Some(device)
            || (agent.supervisor && agent.number == device)
            || take_over;
        if !allowed {
            return Err(WorldError::BadParameter(format!(
                "{device} is not a pro-ACD set of {login}"
            )));
        }
        if self
            .agents
            .values()
            .any(|a| a.logged.as_ref().is_some_and(|l| l.device == device))
        {
            return Err(WorldError::NotExpected(format!(
                "{device} is already in use"
            )));
        }
        let group = group.filter(|g| !g.trim().is_empty());
        if let Some(group) = &group {
            self.allowed_group(login, group)?;
        }
        let activity = match (&group, ready) {
            (Some(_), true) => Activity::Ready,
            (Some(_), false) => Activity::Pause,
            (None, _) => Activity::OutOfGroup,
        };
        let now = self.now;
        if let Some(agent) = self.agents.get_mut(login) {
            agent.logged = Some(LoggedOn {
                device: device.to_owned(),
                group,
                activity,
                idle_since: now,
                pause_after_call: false,
            });
        }
        if activity == Activity::Ready {
            self.distribute();
        }
        Ok(Acted::Done)
    }

    fn change_skills(
        &mut self,
        login: &str,
        skills: &[i32],
        active: bool,
    ) -> Result<Acted, WorldError> {
        if skills.is_empty() {
            return Err(WorldError::BadParameter("skills must not be empty".into()));
        }
        let agent = self.agent(login)?;
        if let Some(unknown) = skills
            .iter()
            .find(|s| !agent.skills.iter().any(|skill| skill.number == **s))
        {
            return Err(WorldError::BadParameter(format!(
                "{login} has no skill {unknown}"
            )));
        }
        if let Some(agent) = self.agents.get_mut(login) {
            for skill in &mut agent.skills {
                if skills.contains(&skill.number) {
                    skill.active = active;
                }
            }
        }
        if let Some(agent) = self.agents.get(login) {
            let skills = agent.skills.clone();
            self.notice(login, Notice::SkillsChanged(skills));
        }
        Ok(Acted::Done)
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
        if logged.pause_after_call {
            // Nobody is at the desk (its session ended during the call): no wrap-up, no call.
            if let Some(logged) = self.agents.get_mut(login).and_then(|a| a.logged.as_mut()) {
                logged.pause_after_call = false;
                logged.activity = Activity::Pause;
            }
        } else if party.answered_at.is_some() {
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

    /// Agent `agent`'s membership of `pilot`, set by `login` (itself, or a supervisor); a
    /// queued call may then go to it.
    fn set_membership(
        &mut self,
        login: &str,
        agent: &str,
        pilot: &str,
        penalty: Option<u32>,
    ) -> Result<(), WorldError> {
        let actor = self.agent(login)?;
        if login != agent && !actor.supervisor {
            return Err(WorldError::NotAllowed(format!(
                "{login} may not change the queues of {agent}"
            )));
        }
        let target = self.agent(agent)?;
        let group = self
            .scenario
            .pilots
            .iter()
            .find(|p| p.number == pilot)
            .map(|p| p.group.clone())
            .ok_or_else(|| WorldError::NotFound(format!("No pilot {pilot}")))?;
        if !target.groups.contains(&group) {
            return Err(WorldError::BadParameter(format!(
                "{agent} is not in group {group}, which pilot {pilot} serves"
            )));
        }
        if let Some(target) = self.agents.get_mut(agent) {
            target.memberships.insert(pilot.to_owned(), penalty);
        }
        self.distribute();
        Ok(())
    }

    /// Whether any call has a party on `device`.
    fn device_in_call(&self, device: &str) -> bool {
        self.calls.values().any(|c| c.party_on(device).is_some())
    }

    /// Gives queued calls, oldest first, to the longest-idle ready agent of their group.
    pub(super) fn distribute(&mut self) {
        loop {
            let mut queued: Vec<(u64, String, String, String)> = self
                .calls
                .values()
                .filter(|c| c.is_queued() && !c.parties.is_empty())
                .filter_map(|c| {
                    c.acd.as_ref().map(|a| {
                        let pilot = a.pilot.clone();
                        (a.queued_at, c.reference.clone(), a.group.clone(), pilot)
                    })
                })
                .collect();
            queued.sort();
            let centre = self.centre();
            let assignment = queued.into_iter().find_map(|(_, call, group, pilot)| {
                // The lowest penalty first (all 0 unless a membership changed), then the
                // longest idle.
                self.agents
                    .values()
                    .filter_map(|a| a.logged.as_ref().map(|l| (a, l)))
                    .filter(|(_, l)| {
                        l.activity == Activity::Ready
                            && l.group.as_deref() == Some(group.as_str())
                            && !self.device_in_call(&l.device)
                    })
                    .filter_map(|(a, l)| Some((centre.penalty(&a.login, &pilot)?, a, l)))
                    .min_by(|(p, a, l), (q, b, m)| {
                        (p, l.idle_since, &a.number).cmp(&(q, m.idle_since, &b.number))
                    })
                    .map(|(_, a, l)| (call, a.login.clone(), l.device.clone(), a.bot))
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
                state: LegState::Ringing,
                side: Side::Callee,
                joined_at: self.now,
                answered_at: None,
                supervising: false,
            };
            let now = self.now;
            if let Some(c) = self.calls.get_mut(&call) {
                for p in &mut c.parties {
                    p.state = LegState::Calling;
                }
                c.parties.push(party);
                if let Some(acd) = c.acd.as_mut() {
                    acd.agent = Some(login.clone());
                    acd.distributed_at = Some(now);
                }
            }
            if self.tx.cause.is_none() {
                self.tx.cause = Some(Cause::Distributed);
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
