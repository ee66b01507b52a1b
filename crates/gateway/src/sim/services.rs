//! Reads, and the per-user services: communication log, event summary, routing (DND and
//! forward), directory search.

use cti::o2g::comlog::{
    ComHistoryRecord, ComHistoryRecords, ComParticipant, MediaType, OnComRecordCreated,
    OnComRecordsAck, OnComRecordsDeleted, OnComRecordsUnAck, Reason, Role,
};
use cti::o2g::directory::{
    Attribute, Contact, Criterion, Operand, Operation, ResultCode, ResultElement, SearchResult,
};
use cti::o2g::event::Event;
use cti::o2g::event_summary::EventSummary;
use cti::o2g::routing::{
    Destination, DestinationType, DndState, OnRoutingStateChanged, PresentationRoute,
    RoutingCapabilities, RoutingState,
};
use cti::o2g::telephony::{
    DeviceState, DeviceStates, Identifier, Legs, OnTelephonyState, OperationalState, Participants,
};

use super::model::{Endpoint, Party, Side, SimCall};
use super::request::ComlogFilter;
use super::{SimError, SimReply, SimRequest, Simulator};
use crate::clock::iso8601;

/// At most this many records per user (L7789).
const COMLOG_LIMIT: usize = 100;

impl Simulator {
    pub(super) fn read(&self, login: &str, request: SimRequest) -> Result<SimReply, SimError> {
        let find_call = |call: &str| {
            self.calls
                .get(call)
                .and_then(|c| self.call_view(login, c))
                .ok_or_else(|| SimError::NotFound(format!("No call {call}")))
        };
        Ok(match request {
            SimRequest::GetCalls => SimReply::Calls(cti::o2g::telephony::Calls {
                calls: self.telephonic_state(login).calls,
            }),
            SimRequest::GetCall { call } => SimReply::Call(Box::new(find_call(&call)?)),
            SimRequest::GetParticipants { call } => SimReply::Participants(Participants {
                participants: find_call(&call)?.participants,
            }),
            SimRequest::GetParticipant { call, participant } => SimReply::Participant(
                find_call(&call)?
                    .participants
                    .into_iter()
                    .find(|p| p.participant_id == participant)
                    .ok_or_else(|| SimError::NotFound(format!("No participant {participant}")))?,
            ),
            SimRequest::GetLegs { call } => SimReply::Legs(Legs {
                legs: find_call(&call)?.legs,
            }),
            SimRequest::GetLeg { call, leg } => SimReply::Leg(
                find_call(&call)?
                    .legs
                    .into_iter()
                    .find(|l| l.device_id == leg)
                    .ok_or_else(|| SimError::NotFound(format!("No leg {leg}")))?,
            ),
            SimRequest::GetDevices => SimReply::DeviceStates(DeviceStates {
                device_states: self
                    .devices_of(login)
                    .into_iter()
                    .map(|device_id| DeviceState {
                        device_id,
                        state: OperationalState::InService,
                        cause: None,
                    })
                    .collect(),
            }),
            SimRequest::GetDevice { device } => {
                if !self.devices_of(login).contains(&device) {
                    return Err(SimError::NotFound(format!("No device {device}")));
                }
                SimReply::DeviceState(DeviceState {
                    device_id: device,
                    state: OperationalState::InService,
                    cause: None,
                })
            }
            SimRequest::GetTelephonyState => {
                SimReply::TelephonicState(self.telephonic_state(login))
            }
            SimRequest::AgentConfig => SimReply::AgentConfig(self.agent_config(login)?),
            SimRequest::WithdrawReasons(group) => {
                SimReply::WithdrawReasons(self.withdraw_reasons(group.as_deref())?)
            }
            SimRequest::AgentState => self.agent_state_reply(login)?,
            SimRequest::EventSummary => SimReply::EventSummary(self.event_summary(login)),
            SimRequest::ComRecords(filter) => {
                let all = self.filtered_records(login, &filter);
                let total = all.len();
                let page: Vec<ComHistoryRecord> = all
                    .into_iter()
                    .skip(filter.offset)
                    .take(if filter.limit == 0 {
                        usize::MAX
                    } else {
                        filter.limit
                    })
                    .collect();
                SimReply::ComRecords(ComHistoryRecords {
                    com_history_records: page,
                    offset: i32::try_from(filter.offset).ok(),
                    limit: i32::try_from(filter.limit).ok(),
                    total_count: i32::try_from(total).ok(),
                })
            }
            SimRequest::ComRecord(id) => SimReply::ComRecord(Box::new(
                self.services
                    .get(login)
                    .and_then(|s| s.comlog.iter().find(|r| r.record_id == Some(id)))
                    .cloned()
                    .ok_or_else(|| SimError::NotFound(format!("No record {id}")))?,
            )),
            SimRequest::RoutingCapabilities => SimReply::RoutingCapabilities(RoutingCapabilities {
                presentation_route: Some(false),
                forward_route: Some(true),
                overflow_route: Some(false),
                dnd: Some(true),
            }),
            SimRequest::RoutingState => SimReply::RoutingState(self.routing_state(login)),
            SimRequest::GetDnd => SimReply::Dnd(DndState {
                activate: self.services.get(login).is_some_and(|s| s.dnd),
            }),
            SimRequest::GetForward => SimReply::Forward(
                self.services
                    .get(login)
                    .and_then(|s| s.forward.clone())
                    .unwrap_or_default(),
            ),
            _ => return Err(SimError::NotExpected("Not a read request".into())),
        })
    }

    pub(super) fn service_request(
        &mut self,
        login: &str,
        request: SimRequest,
    ) -> Result<SimReply, SimError> {
        match request {
            SimRequest::TelephonySnapshot => {
                let state = self.telephonic_state(login);
                self.pending_records.push((
                    login.to_owned(),
                    Event::OnTelephonyState(OnTelephonyState {
                        login_name: login.to_owned(),
                        state: Some(state),
                    }),
                ));
            }
            SimRequest::DeleteComRecords(filter) => {
                let ids: Vec<i64> = self
                    .filtered_records(login, &filter)
                    .iter()
                    .filter_map(|r| r.record_id)
                    .collect();
                if filter
                    .record_ids
                    .as_ref()
                    .is_some_and(|wanted| wanted.len() == 1)
                    && ids.is_empty()
                {
                    return Err(SimError::NotFound("No such record".into()));
                }
                if let Some(services) = self.services.get_mut(login) {
                    services
                        .comlog
                        .retain(|r| !r.record_id.is_some_and(|id| ids.contains(&id)));
                }
                self.pending_records.push((
                    login.to_owned(),
                    Event::OnComRecordsDeleted(OnComRecordsDeleted {
                        login_name: login.to_owned(),
                        record_ids: Some(ids),
                    }),
                ));
            }
            SimRequest::AckComRecords { ids, ack } => {
                if ids.is_empty() {
                    return Err(SimError::BadParameter("recordIds must not be empty".into()));
                }
                let Some(services) = self.services.get_mut(login) else {
                    return Err(SimError::NotAllowed(format!("{login} has no comlog")));
                };
                for record in &mut services.comlog {
                    if record.record_id.is_some_and(|id| ids.contains(&id)) {
                        record.acknowledged = Some(ack);
                    }
                }
                let event = if ack {
                    Event::OnComRecordsAck(OnComRecordsAck {
                        login_name: login.to_owned(),
                        record_ids: ids,
                    })
                } else {
                    Event::OnComRecordsUnAck(OnComRecordsUnAck {
                        login_name: login.to_owned(),
                        record_ids: ids,
                    })
                };
                self.pending_records.push((login.to_owned(), event));
            }
            SimRequest::RoutingSnapshot => self.routing_changed(login),
            SimRequest::SetDnd(on) => {
                if let Some(services) = self.services.get_mut(login) {
                    services.dnd = on;
                }
                self.routing_changed(login);
            }
            SimRequest::SetForward(route) => {
                let Some(destination) = route.destinations.first() else {
                    return Err(SimError::BadParameter("One destination is needed".into()));
                };
                if route.destinations.len() > 1 {
                    return Err(SimError::BadParameter(
                        "Only one destination is accepted".into(),
                    ));
                }
                match destination.destination_type {
                    DestinationType::Voicemail => {}
                    DestinationType::Number => {
                        let number = destination.number.as_deref().unwrap_or_default();
                        if !super::calls::is_dialable(number) {
                            return Err(SimError::BadParameter(format!(
                                "{number:?} is not a phone number"
                            )));
                        }
                    }
                    _ => {
                        return Err(SimError::BadParameter(
                            "Forward to VOICEMAIL or a NUMBER".into(),
                        ))
                    }
                }
                if let Some(services) = self.services.get_mut(login) {
                    services.forward = Some(route);
                }
                self.routing_changed(login);
            }
            SimRequest::CancelForward => {
                if let Some(services) = self.services.get_mut(login) {
                    services.forward = None;
                }
                self.routing_changed(login);
            }
            SimRequest::Search(search) => {
                let limit = match search.limit {
                    None => 100,
                    Some(limit) if (1..=100).contains(&limit) => {
                        usize::try_from(limit).unwrap_or(100)
                    }
                    Some(limit) => {
                        return Err(SimError::BadParameter(format!(
                            "limit {limit} is not within 1..100"
                        )))
                    }
                };
                let contacts: Vec<Contact> = self
                    .directory()
                    .into_iter()
                    .filter(|c| matches(&search.filter, c))
                    .take(limit)
                    .collect();
                if let Some(services) = self.services.get_mut(login) {
                    services.search = Some(contacts);
                }
                return Ok(SimReply::Created(String::new()));
            }
            SimRequest::SearchResults => {
                let Some(services) = self.services.get_mut(login) else {
                    return Err(SimError::NotExpected("No search".into()));
                };
                // First read: all results (OK); then FINISH, as the polling loop expects.
                let result = match services.search.take() {
                    Some(contacts) => {
                        services.search = Some(Vec::new());
                        if contacts.is_empty() {
                            SearchResult {
                                result_code: Some(ResultCode::Finish),
                                result_elements: Vec::new(),
                            }
                        } else {
                            SearchResult {
                                result_code: Some(ResultCode::Ok),
                                result_elements: vec![ResultElement { contacts }],
                            }
                        }
                    }
                    None => return Err(SimError::NotExpected("No search in progress".into())),
                };
                return Ok(SimReply::SearchResult(result));
            }
            SimRequest::CancelSearch => {
                if let Some(services) = self.services.get_mut(login) {
                    services.search = None;
                }
            }
            _ => return Err(SimError::NotExpected("Not a service request".into())),
        }
        Ok(SimReply::Done)
    }

    fn directory(&self) -> Vec<Contact> {
        let users = self
            .scenario
            .users
            .iter()
            .map(|u| (u.login_name(), &u.number, &u.first_name, &u.last_name));
        let bots = self
            .scenario
            .bots
            .iter()
            .map(|b| (b.login_name(), &b.number, &b.first_name, &b.last_name));
        users
            .chain(bots)
            .map(|(login, number, first, last)| Contact {
                id: Some(Identifier {
                    login_name: Some(login),
                    phone_number: Some(number.clone()),
                    ..Identifier::default()
                }),
                first_name: Some(first.clone()),
                last_name: Some(last.clone()),
            })
            .collect()
    }

    pub(super) fn routing_state(&self, login: &str) -> RoutingState {
        let services = self.services.get(login);
        let office = self.person(login).map(|p| p.0);
        RoutingState {
            presentation_routes: vec![PresentationRoute {
                destinations: vec![Destination {
                    destination_type: DestinationType::Office,
                    device_id: office.clone(),
                    number: office.clone(),
                    selected: Some(true),
                }],
            }],
            forward_routes: services
                .and_then(|s| s.forward.clone())
                .into_iter()
                .collect(),
            overflow_routes: Vec::new(),
            dnd_state: Some(DndState {
                activate: services.is_some_and(|s| s.dnd),
            }),
            current_device_id: office,
        }
    }

    fn routing_changed(&mut self, login: &str) {
        let routing_state = self.routing_state(login);
        self.pending_records.push((
            login.to_owned(),
            Event::OnRoutingStateChanged(OnRoutingStateChanged {
                login_name: login.to_owned(),
                routing_state,
            }),
        ));
    }

    /// Counters of a user: missed calls are its unanswered, unacknowledged incoming records.
    pub(super) fn event_summary(&self, login: &str) -> EventSummary {
        let services = self.services.get(login);
        let missed = services.map_or(0, |s| {
            s.comlog
                .iter()
                .filter(|r| r.acknowledged == Some(false))
                .count()
        });
        let voice = services.map_or(0, |s| s.voice_messages);
        let missed = u32::try_from(missed).unwrap_or(u32::MAX);
        EventSummary {
            missed_calls_nb: Some(missed),
            voice_messages_nb: Some(voice),
            call_back_requests_nb: Some(0),
            fax_nb: Some(0),
            new_text_nb: Some(0),
            old_text_nb: Some(0),
            event_waiting: Some(missed > 0 || voice > 0),
        }
    }

    fn filtered_records(&self, login: &str, filter: &ComlogFilter) -> Vec<ComHistoryRecord> {
        let Some(services) = self.services.get(login) else {
            return Vec::new();
        };
        services
            .comlog
            .iter()
            .rev()
            .filter(|r| match &filter.record_ids {
                Some(ids) => r.record_id.is_some_and(|id| ids.contains(&id)),
                None => {
                    let owner_answered = r
                        .participants
                        .first()
                        .and_then(|p| p.answered)
                        .unwrap_or(false);
                    filter.unanswered.is_none_or(|u| !u || !owner_answered)
                        && filter
                            .unacknowledged
                            .is_none_or(|u| !u || r.acknowledged == Some(false))
                }
            })
            .cloned()
            .collect()
    }

    /// The comlog record of `party` (of `login`) leaving `call` (L8184-8248). Bots keep none.
    pub(super) fn write_record(
        &mut self,
        login: &str,
        call: &SimCall,
        party: &Party,
        reason: Reason,
    ) {
        if party.supervising || self.agents.get(login).is_some_and(|a| a.bot) {
            return;
        }
        self.next_record += 1;
        let answered = party.answered_at.is_some();
        let owner = ComParticipant {
            role: Some(match party.side {
                Side::Caller => Role::Caller,
                Side::Callee => Role::Callee,
            }),
            answered: Some(answered),
            identity: self.party_info(&party.endpoint),
            anonymous: Some(false),
            initial_called: None,
            reason: Some(reason),
            leg: Some(party.endpoint.number().to_owned()),
        };
        let others = call
            .parties
            .iter()
            .filter(|p| {
                !p.supervising
                    && !matches!(&p.endpoint, Endpoint::Device { login: l, .. } if l == login)
            })
            .map(|p| ComParticipant {
                role: None,
                answered: None,
                identity: self.party_info(&p.endpoint),
                anonymous: Some(false),
                initial_called: None,
                reason: None,
                leg: None,
            });
        let missed = party.side == Side::Callee
            && !answered
            && call.acd.is_none()
            && !matches!(
                reason,
                Reason::Redirected | Reason::Transferred | Reason::Voicemail
            );
        let record = ComHistoryRecord {
            record_id: Some(self.next_record),
            com_ref: call.reference.clone(),
            acknowledged: Some(!missed),
            participants: std::iter::once(owner).chain(others).collect(),
            begin_date: Some(iso8601(party.joined_at)),
            end_date: Some(iso8601(self.now)),
            conv_date: party.answered_at.map(iso8601),
            hold_duration: None,
            transferred_by: None,
            associated_data: None,
            medias: vec![MediaType::Audio],
            extensions: Vec::new(),
        };
        if let Some(services) = self.services.get_mut(login) {
            services.comlog.push(record.clone());
            if services.comlog.len() > COMLOG_LIMIT {
                services.comlog.remove(0);
            }
        }
        self.pending_records.push((
            login.to_owned(),
            Event::OnComRecordCreated(OnComRecordCreated {
                login_name: login.to_owned(),
                record,
            }),
        ));
    }
}

/// Whether a directory contact matches a criterion (L6716-6739).
fn matches(criterion: &Criterion, contact: &Contact) -> bool {
    match (&criterion.operation, &criterion.operand) {
        (Operation::And, Operand::Criteria(all)) => all.iter().all(|c| matches(c, contact)),
        (Operation::Or, Operand::Criteria(any)) => any.iter().any(|c| matches(c, contact)),
        (operation, Operand::Text(text)) => {
            let id = contact.id.as_ref();
            let value = match criterion.field {
                Some(Attribute::LastName) => contact.last_name.as_deref(),
                Some(Attribute::FirstName) => contact.first_name.as_deref(),
                Some(Attribute::PhoneNumber) => id.and_then(|i| i.phone_number.as_deref()),
                Some(Attribute::LoginName) => id.and_then(|i| i.login_name.as_deref()),
                _ => None,
            };
            let (Some(value), text) = (value.map(str::to_lowercase), text.to_lowercase()) else {
                return false;
            };
            match operation {
                Operation::EqualIgnoreCase => value == text,
                Operation::BeginWith => value.starts_with(&text),
                Operation::Contain => value.contains(&text),
                Operation::EndWith => value.ends_with(&text),
                _ => false,
            }
        }
        _ => false,
    }
}
