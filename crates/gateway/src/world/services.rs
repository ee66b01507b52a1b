//! The per-user services: call history, do-not-disturb and forward.

use super::model::{AccountInfo, Endpoint, ForwardTo, HistoryEntry, Party, Side, SimCall};

/// The most characters of after-call notes kept with a history entry.
const NOTES_LIMIT: usize = 2000;
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
            Command::SendAccountInfo { call, code, notes } => {
                self.account_info(login, call, code, notes)?;
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
        let others = others_of(login, call);
        // Missed: the call rang at the user, who did not answer it and did not send it
        // elsewhere; an ACD call counts for the agent it rang at (one abandoned while queued
        // rang at nobody, so it is nobody's). It waits to be acknowledged.
        let missed = party.side == Side::Callee
            && !answered
            && !matches!(
                reason,
                EndReason::Redirected | EndReason::Transferred | EndReason::Voicemail
            );
        let mut record = HistoryEntry {
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
            transaction_code: None,
            notes: None,
        };
        if let Some(info) = self
            .account_info
            .remove(&(call.reference.clone(), login.to_owned()))
        {
            record.transaction_code = Some(info.code);
            record.notes = info.notes;
        }
        if answered {
            self.acknowledge_missed_from(login, &record.others);
        }
        if let Some(services) = self.services.get_mut(login) {
            services.history.push(record.clone());
            if services.history.len() > HISTORY_LIMIT {
                services.history.remove(0);
            }
        }
        self.notice(login, Notice::HistoryRecorded(Box::new(record)));
    }
}

impl<F: Front> World<F> {
    /// An agent's transaction code (and notes) for `call`: kept for its history entry while
    /// the agent is in the call, else written on its entry of the call (the OXE transaction
    /// phase comes after the call, L3628 "at the end of the call").
    fn account_info(
        &mut self,
        login: &str,
        call: String,
        code: String,
        notes: Option<String>,
    ) -> Result<(), WorldError> {
        self.agent(login)?;
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(WorldError::BadParameter(format!(
                "accountInfo {code:?} is not a transaction code: digits only (L3629)"
            )));
        }
        let notes = notes.filter(|n| !n.trim().is_empty());
        if notes
            .as_ref()
            .is_some_and(|n| n.chars().count() > NOTES_LIMIT)
        {
            return Err(WorldError::BadParameter(format!(
                "notes are limited to {NOTES_LIMIT} characters"
            )));
        }
        let info = AccountInfo { code, notes };
        let in_call = self
            .calls
            .get(&call)
            .is_some_and(|c| c.party_of(login).is_some());
        if in_call {
            self.account_info.insert((call, login.to_owned()), info);
            return Ok(());
        }
        let Some(services) = self.services.get_mut(login) else {
            return Err(WorldError::NotFound(format!("No call {call}")));
        };
        let Some(entry) = services.history.iter_mut().rev().find(|r| r.call == call) else {
            return Err(WorldError::NotFound(format!(
                "No call {call} of {login}, live or in its history"
            )));
        };
        entry.transaction_code = Some(info.code);
        entry.notes = info.notes;
        let entry = entry.clone();
        self.notice(login, Notice::HistoryModified(Box::new(entry)));
        Ok(())
    }

    /// A call answered with someone acknowledges the user's missed calls from them (the
    /// counter goes down "by a new answered call with the same user", L8707-8710).
    fn acknowledge_missed_from(&mut self, login: &str, others: &[Endpoint]) {
        let Some(services) = self.services.get_mut(login) else {
            return;
        };
        let mut ids = Vec::new();
        for entry in &mut services.history {
            let same_party = entry
                .others
                .iter()
                .any(|o| others.iter().any(|p| p.number() == o.number()));
            if entry.is_missed() && !entry.acknowledged && same_party {
                entry.acknowledged = true;
                ids.push(entry.id);
            }
        }
        if !ids.is_empty() {
            let notice = Notice::HistoryAcknowledged {
                ids,
                acknowledged: true,
            };
            self.notice(login, notice);
        }
    }
}

/// Everyone but `login` who took part in `call`, those who left before included, each once,
/// in joining order: the other parties a history entry names (supervisors apart).
fn others_of(login: &str, call: &SimCall) -> Vec<Endpoint> {
    let mut parties: Vec<&Party> = call.left.iter().chain(&call.parties).collect();
    parties.sort_by_key(|p| p.joined_at);
    let mut others: Vec<Endpoint> = Vec::new();
    for party in parties {
        let own = matches!(&party.endpoint, Endpoint::Device { login: l, .. } if l == login);
        if !party.supervising && !own && !others.contains(&party.endpoint) {
            others.push(party.endpoint.clone());
        }
    }
    others
}
