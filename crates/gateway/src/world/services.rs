//! The per-user services: call history, do-not-disturb and forward.

use super::model::{Endpoint, ForwardTo, HistoryEntry, Party, Side, SimCall};
use super::{Acted, Command, EndReason, Front, Notice, World, WorldError, HISTORY_LIMIT};

impl<F: Front> World<F> {
    pub(super) fn service_request(
        &mut self,
        login: &str,
        request: Command,
    ) -> Result<Acted, WorldError> {
        match request {
            Command::DeleteHistory(filter) => {
                let ids: Vec<i64> = self
                    .centre()
                    .history(login, &filter)
                    .iter()
                    .map(|r| r.id)
                    .collect();
                if filter.ids.as_ref().is_some_and(|wanted| wanted.len() == 1) && ids.is_empty() {
                    return Err(WorldError::NotFound("No such record".into()));
                }
                if let Some(services) = self.services.get_mut(login) {
                    services.history.retain(|r| !ids.contains(&r.id));
                }
                self.notice(login, Notice::HistoryDeleted(ids));
            }
            Command::AcknowledgeHistory { ids, ack } => {
                if ids.is_empty() {
                    return Err(WorldError::BadParameter(
                        "recordIds must not be empty".into(),
                    ));
                }
                let Some(services) = self.services.get_mut(login) else {
                    return Err(WorldError::NotAllowed(format!("{login} has no comlog")));
                };
                for record in &mut services.history {
                    if ids.contains(&record.id) {
                        record.acknowledged = ack;
                    }
                }
                self.notice(
                    login,
                    Notice::HistoryAcknowledged {
                        ids,
                        acknowledged: ack,
                    },
                );
            }
            Command::SetDnd(on) => {
                if let Some(services) = self.services.get_mut(login) {
                    services.dnd = on;
                }
                self.notice(login, Notice::RoutingChanged);
            }
            Command::SetForward(forward) => {
                if let ForwardTo::Number(number) = &forward.to {
                    if !super::calls::is_dialable(number) {
                        return Err(WorldError::BadParameter(format!(
                            "{number:?} is not a phone number"
                        )));
                    }
                }
                if let Some(services) = self.services.get_mut(login) {
                    services.forward = Some(forward);
                }
                self.notice(login, Notice::RoutingChanged);
            }
            Command::CancelForward => {
                if let Some(services) = self.services.get_mut(login) {
                    services.forward = None;
                }
                self.notice(login, Notice::RoutingChanged);
            }
            _ => return Err(WorldError::NotExpected("Not a service request".into())),
        }
        Ok(Acted::Done)
    }

    /// The history entry of `party` (of `login`) leaving `call`. Bots keep none.
    pub(super) fn write_record(
        &mut self,
        login: &str,
        call: &SimCall,
        party: &Party,
        reason: EndReason,
    ) {
        if party.supervising || self.agents.get(login).is_some_and(|a| a.bot) {
            return;
        }
        self.next_record += 1;
        let answered = party.answered_at.is_some();
        let others = call
            .parties
            .iter()
            .filter(|p| {
                !p.supervising
                    && !matches!(&p.endpoint, Endpoint::Device { login: l, .. } if l == login)
            })
            .map(|p| p.endpoint.clone())
            .collect();
        // Missed: a plain call to the user that nobody answered and nobody sent elsewhere.
        let missed = party.side == Side::Callee
            && !answered
            && call.acd.is_none()
            && !matches!(
                reason,
                EndReason::Redirected | EndReason::Transferred | EndReason::Voicemail
            );
        let record = HistoryEntry {
            id: self.next_record,
            call: call.reference.clone(),
            acknowledged: !missed,
            side: party.side,
            answered,
            endpoint: party.endpoint.clone(),
            reason,
            others,
            began: party.joined_at,
            ended: self.now,
            answered_at: party.answered_at,
        };
        if let Some(services) = self.services.get_mut(login) {
            services.history.push(record.clone());
            if services.history.len() > HISTORY_LIMIT {
                services.history.remove(0);
            }
        }
        self.notice(login, Notice::HistoryRecorded(Box::new(record)));
    }
}
