//! The O2G front of the simulated world: what each user saw after the last step, diffed into
//! O2G events after the next one, and the notices of a step told as O2G events.

use std::collections::{BTreeMap, VecDeque};

use cti::o2g::agent::{
    OnAgentSkillChanged, OnAgentStateChanged, OnSupervisorHelpCancelled, OnSupervisorHelpRequested,
};
use cti::o2g::comlog::{
    OnComRecordCreated, OnComRecordModified, OnComRecordsAck, OnComRecordsDeleted,
    OnComRecordsUnAck,
};
use cti::o2g::directory::Contact;
use cti::o2g::event::Event;
use cti::o2g::event_summary::OnEventSummaryUpdated;
use cti::o2g::routing::OnRoutingStateChanged;
use cti::o2g::telephony::{
    Call, CallCause, OnCallCreated, OnCallModified, OnCallRemoved, OnUserStateModified, UserState,
};

use super::reads::{agent_skills, com_record, routing_state};
use super::view::{call_cause, world_view, UserView};
use crate::world::{Centre, Front, Notice, Step};

/// The O2G front's state: what it showed, what it has to publish, and the directory searches
/// it answers (a search is O2G's business, not the world's).
#[derive(Debug, Default)]
pub struct O2gFront {
    /// What each user saw after the last step.
    shown: BTreeMap<String, UserView>,
    /// Events to publish, with the login they concern.
    pub(super) events: VecDeque<(String, Event)>,
    /// Results of each login's last directory search not yet read.
    pub(super) searches: BTreeMap<String, Vec<Contact>>,
    /// Unix time (ms) of the world's time 0: O2G dates are real UTC dates.
    pub(super) epoch_unix_ms: u64,
    /// The supervisors' side: RTI contexts and views, monitored pilots.
    pub(super) supervisor: super::supervisor::SupervisorFront,
}

impl O2gFront {
    /// The next event to publish, with the login it concerns.
    pub fn poll_event(&mut self) -> Option<(String, Event)> {
        self.events.pop_front()
    }
}

/// The O2G event telling `login` a notice; `epoch` as for [`com_record`].
fn notice_event(world: &Centre<'_>, epoch: u64, login: &str, notice: &Notice) -> Event {
    let login_name = login.to_owned();
    match notice {
        Notice::HistoryRecorded(entry) => Event::OnComRecordCreated(OnComRecordCreated {
            login_name,
            record: com_record(world, epoch, entry),
        }),
        Notice::HistoryModified(entry) => Event::OnComRecordModified(OnComRecordModified {
            login_name,
            record: com_record(world, epoch, entry),
        }),
        Notice::HistoryDeleted(ids) => Event::OnComRecordsDeleted(OnComRecordsDeleted {
            login_name,
            record_ids: Some(ids.clone()),
        }),
        Notice::HistoryAcknowledged {
            ids,
            acknowledged: true,
        } => Event::OnComRecordsAck(OnComRecordsAck {
            login_name,
            record_ids: ids.clone(),
        }),
        Notice::HistoryAcknowledged {
            ids,
            acknowledged: false,
        } => Event::OnComRecordsUnAck(OnComRecordsUnAck {
            login_name,
            record_ids: ids.clone(),
        }),
        Notice::SkillsChanged(skills) => Event::OnAgentSkillChanged(OnAgentSkillChanged {
            login_name,
            skills: agent_skills(skills),
        }),
        Notice::HelpRequested { other } => {
            Event::OnSupervisorHelpRequested(OnSupervisorHelpRequested {
                login_name,
                agent_number: Some(other.clone()),
            })
        }
        Notice::HelpCancelled { other } => {
            Event::OnSupervisorHelpCancelled(OnSupervisorHelpCancelled {
                login_name,
                agent_number: Some(other.clone()),
            })
        }
        Notice::RoutingChanged => Event::OnRoutingStateChanged(OnRoutingStateChanged {
            login_name,
            routing_state: routing_state(world, login),
        }),
    }
}

impl Front for O2gFront {
    fn start(&mut self, world: &Centre<'_>) {
        self.shown = world_view(world);
        self.supervisor.step(world, &mut self.events);
    }

    /// Turns the difference between what each user saw after the last step and now into
    /// events, in a realistic order: the logins of the step's `order` first, then the others
    /// by login; each login's notices follow its own changes.
    fn step(&mut self, world: &Centre<'_>, step: &Step) {
        let before = std::mem::replace(&mut self.shown, world_view(world));
        let mut logins: Vec<String> = step.order.clone();
        for login in self.shown.keys() {
            if !logins.contains(login) {
                logins.push(login.clone());
            }
        }
        for login in logins {
            let (Some(old), Some(new)) = (before.get(&login), self.shown.get(&login)) else {
                continue;
            };
            let changes = user_diff(&login, old, new, step);
            self.events
                .extend(changes.into_iter().map(|event| (login.clone(), event)));
            for (owner, notice) in &step.notices {
                if *owner == login {
                    let event = notice_event(world, self.epoch_unix_ms, &login, notice);
                    self.events.push_back((login.clone(), event));
                }
            }
        }
        // Supervisors' events (RTI, pilots) follow the users' own.
        self.supervisor.step(world, &mut self.events);
    }
}

/// The events that turn `old` into `new` for `login`.
fn user_diff(login: &str, old: &UserView, new: &UserView, step: &Step) -> Vec<Event> {
    let cause = step.cause.map(call_cause);
    let mut out: Vec<Event> = Vec::new();
    for (reference, call) in &new.calls {
        // `previousCallRef`: a call of this user that disappeared into this one.
        let renamed_from = step
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
        let renamed_into = step
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
            new_destination: step.new_destination.clone(),
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
    out
}

/// The `OnCallModified` turning `previous` into `call`.
fn modified(
    login: &str,
    previous: &Call,
    call: &Call,
    cause: Option<CallCause>,
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
