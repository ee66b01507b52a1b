//! Callback requests: customers' requests to be called back, per pilot, taken by an agent of
//! the pilot's group, called back from the agent's line, then closed or rescheduled.

use super::{Acted, CallbackSim, Command, Front, World, WorldError};

impl<F: Front> World<F> {
    fn callback(&self, uuid: &str) -> Result<&CallbackSim, WorldError> {
        self.callbacks
            .get(uuid)
            .ok_or_else(|| WorldError::NotFound(format!("No open callback request {uuid}")))
    }

    /// The request of `ticket`, or the request of that id (closed without a call back: an
    /// outbound preview the agent closes).
    fn callback_of_ticket(&self, login: &str, ticket: &str) -> Result<String, WorldError> {
        let request = self
            .callbacks
            .values()
            .find(|c| c.ticket.as_deref() == Some(ticket))
            .or_else(|| self.callbacks.get(ticket))
            .ok_or_else(|| WorldError::NotFound(format!("No callback ticket {ticket}")))?;
        self.taken_by_me(login, request)?;
        Ok(request.uuid.clone())
    }

    fn taken_by_me(&self, login: &str, request: &CallbackSim) -> Result<(), WorldError> {
        if request.taken_by.as_deref() == Some(login) {
            Ok(())
        } else {
            Err(WorldError::NotExpected(format!(
                "{login} has not taken callback request {}",
                request.uuid
            )))
        }
    }

    pub(super) fn callback_request(
        &mut self,
        login: &str,
        request: Command,
    ) -> Result<Acted, WorldError> {
        match request {
            Command::TakeCallback(uuid) => {
                let agent = self.agent(login)?;
                let callback = self.callback(&uuid)?;
                let list = &self.scenario.callbacks[callback.list];
                let serves = self
                    .scenario
                    .pilots
                    .iter()
                    .any(|p| p.number == list.pilot && agent.groups.contains(&p.group));
                if !serves {
                    return Err(WorldError::NotAllowed(format!(
                        "{login} does not serve the callbacks of {}",
                        list.pilot
                    )));
                }
                if let Some(other) = &callback.taken_by {
                    return Err(WorldError::NotExpected(format!(
                        "Callback request {uuid} is taken by {other}"
                    )));
                }
                if let Some(callback) = self.callbacks.get_mut(&uuid) {
                    callback.taken_by = Some(login.to_owned());
                }
                Ok(Acted::Done)
            }
            Command::ReleaseCallback(uuid) => {
                self.taken_by_me(login, self.callback(&uuid)?)?;
                if let Some(callback) = self.callbacks.get_mut(&uuid) {
                    callback.taken_by = None;
                    callback.ticket = None;
                }
                Ok(Acted::Done)
            }
            Command::StartCallback { uuid, number } => {
                self.taken_by_me(login, self.callback(&uuid)?)?;
                let device = self
                    .centre()
                    .person(login)
                    .map(|p| p.0)
                    .ok_or_else(|| WorldError::NotAllowed(format!("{login} has no line")))?;
                let Acted::CallMade(call) = self.call_request(
                    login,
                    Command::MakeCall {
                        device,
                        callee: number,
                    },
                )?
                else {
                    return Err(WorldError::NotExpected("The call back was not made".into()));
                };
                self.next_ticket += 1;
                let ticket = format!("ticket-{}", self.next_ticket);
                if let Some(callback) = self.callbacks.get_mut(&uuid) {
                    callback.ticket = Some(ticket.clone());
                }
                Ok(Acted::CallbackStarted { ticket, call })
            }
            Command::CloseCallback(ticket) => {
                let uuid = self.callback_of_ticket(login, &ticket)?;
                self.callbacks.remove(&uuid);
                Ok(Acted::Done)
            }
            Command::RescheduleCallback {
                ticket,
                due_date,
                period,
            } => {
                let uuid = self.callback_of_ticket(login, &ticket)?;
                if let Some(period) = &period {
                    if !self
                        .scenario
                        .callback_periods
                        .iter()
                        .any(|p| &p.name == period)
                    {
                        return Err(WorldError::BadParameter(format!(
                            "No callback period {period}"
                        )));
                    }
                }
                if let Some(callback) = self.callbacks.get_mut(&uuid) {
                    callback.taken_by = None;
                    callback.ticket = None;
                    if let Some(due_date) = due_date {
                        callback.due_date = due_date;
                    }
                    if period.is_some() {
                        callback.period = period;
                    }
                }
                Ok(Acted::Done)
            }
            other => self.call_request(login, other),
        }
    }
}
