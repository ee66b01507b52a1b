//! The Finesse connector adapter: a STOMP client connection to the connector's broker on one
//! side (SEND commands to its queue, MESSAGE events from the agent's topic), the neutral
//! model on the other (see [`crate::adapter`]).
//!
//! - `encode`: intents as commands ([`encode::SUPPORTED`]);
//! - `events`: events as updates;
//! - [`FinesseAdapter`]: the connection's life (a new STOMP session on every
//!   [`Adapter::resync`]), each intent's outcome (on its `RECEIPT`; a login's on the
//!   connector's `State` or `Error`), heart-beats, and the connector's own data the neutral
//!   model has no place for yet (preview offers, callbacks, phone books, queues, team,
//!   reason-code lists), readable through its accessors.

mod encode;
mod events;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};

use core::time::Duration;

use crate::adapter::{Adapter, AdapterOutput, Answer, Failure, IntentId};
use crate::machine::{Machine, Update, Warning};
use crate::model::{Capabilities, Desk, Instant, Intent, IntentKind, Reason, Refusal};
use crate::stomp::{ClientConfig, ClientConnection, ClientEvent, ClientState, ReceiptId};
use crate::transmit::{Payload, Transmit, TransmitId};

use super::command::{Command, CommandMessage, ReasonList};
use super::error::EncodeError;
use super::event::{
    decode_event, AgentInfo, AgentState, AgentStateEvent, CallStatus, ConnectorError, Contact,
    DialogState, DialogStatus, Event, EventMessage, Listing, Phonebook, Queue, TeamUser,
};
use super::record::Record;

pub use encode::{command_for, SUPPORTED};
use events::Way;

/// Where commands go by default.
pub const COMMAND_DESTINATION: &str = "/queue/connector.command";
/// The prefix of an agent's event topic by default (`<prefix><agent_login_id>`).
pub const EVENT_TOPIC_PREFIX: &str = "/topic/connector.event.";

/// How the adapter is set up for one agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinesseConfig {
    /// `<agent_login_id>`: the JMS types' suffix and the topic's.
    pub agent_login_id: String,
    /// The agent's password (`Connect`, `Login`).
    pub password: String,
    /// The agent's extension, offered as the default device.
    pub extension: Option<String>,
    /// The client's id for `Hello` and `Connect` (default: the agent's login id).
    pub client_id: Option<String>,
    /// The STOMP session (broker virtual host, credentials, heart-beats, limits).
    pub stomp: ClientConfig,
    /// Where commands are sent.
    pub command_destination: String,
    /// The agent's topic is this prefix and the login id.
    pub event_topic_prefix: String,
    /// Ask a `RECEIPT` for each intent's `SEND` and report its outcome then (else when
    /// queued).
    pub receipts: bool,
    /// How long a login waits for the connector's `State` or `Error`.
    pub login_timeout: Duration,
}

impl FinesseConfig {
    /// The defaults for an agent: the destinations, receipts on, 15 s to log in.
    pub fn new(agent_login_id: impl Into<String>, password: impl Into<String>) -> FinesseConfig {
        FinesseConfig {
            agent_login_id: agent_login_id.into(),
            password: password.into(),
            extension: None,
            client_id: None,
            stomp: ClientConfig::default(),
            command_destination: COMMAND_DESTINATION.to_owned(),
            event_topic_prefix: EVENT_TOPIC_PREFIX.to_owned(),
            receipts: true,
            login_timeout: Duration::from_secs(15),
        }
    }

    /// The agent's event topic.
    pub fn event_destination(&self) -> String {
        format!("{}{}", self.event_topic_prefix, self.agent_login_id)
    }

    /// The id `Hello` and `Connect` name.
    pub fn client_id(&self) -> &str {
        self.client_id.as_deref().unwrap_or(&self.agent_login_id)
    }
}

/// A callback the agent scheduled through [`FinesseAdapter::command`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Callback {
    /// The dialog it was scheduled from.
    pub dialog_id: String,
    /// When, as written in the command.
    pub time: String,
    /// The number to call back.
    pub number: String,
}

/// What a receipt is awaited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    /// An intent: its outcome follows the receipt.
    Intent(IntentId),
    /// A login: the connector's answer follows the receipt.
    Login(IntentId),
    /// A command sent through [`FinesseAdapter::command`].
    Command,
}

/// The Finesse connector adapter of one agent's desk.
#[derive(Debug, Clone)]
pub struct FinesseAdapter {
    config: FinesseConfig,
    client: Option<ClientConnection>,
    out: VecDeque<AdapterOutput>,
    next_transmit: u64,
    pending: Vec<(ReceiptId, Pending)>,
    /// A login waiting for the connector, and until when (set once the broker has it).
    login: Option<(IntentId, Option<Instant>)>,
    in_service: Option<bool>,
    info: Option<AgentInfo>,
    state: Option<AgentStateEvent>,
    reasons: BTreeMap<&'static str, Vec<Reason>>,
    previews: Vec<DialogStatus>,
    callbacks: Vec<Callback>,
    phonebooks: Option<Listing<Phonebook>>,
    team_phonebooks: Option<Listing<Phonebook>>,
    contacts: Option<Listing<Contact>>,
    queues: Vec<Queue>,
    team_users: Vec<TeamUser>,
    supervisors: Vec<TeamUser>,
    skill_groups: Vec<Record>,
    last_error: Option<ConnectorError>,
}

impl FinesseAdapter {
    /// An adapter for `config`'s agent; the STOMP session opens on the first resync.
    pub fn new(config: FinesseConfig) -> FinesseAdapter {
        FinesseAdapter {
            config,
            client: None,
            out: VecDeque::new(),
            next_transmit: 0,
            pending: Vec::new(),
            login: None,
            in_service: None,
            info: None,
            state: None,
            reasons: BTreeMap::new(),
            previews: Vec::new(),
            callbacks: Vec::new(),
            phonebooks: None,
            team_phonebooks: None,
            contacts: None,
            queues: Vec::new(),
            team_users: Vec::new(),
            supervisors: Vec::new(),
            skill_groups: Vec::new(),
            last_error: None,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &FinesseConfig {
        &self.config
    }

    /// The STOMP session's state (`None` before the first resync). `Closed` means the host
    /// should reopen the socket and feed `Connected` again.
    pub fn broker_state(&self) -> Option<ClientState> {
        self.client.as_ref().map(ClientConnection::state)
    }

    /// The connector's answer to `Hello` (`None` until it came).
    pub fn in_service(&self) -> Option<bool> {
        self.in_service
    }

    /// The last `AgentInfo`.
    pub fn agent_info(&self) -> Option<&AgentInfo> {
        self.info.as_ref()
    }

    /// The last `State`, as the connector wrote it (pending state, labels, times).
    pub fn agent_state(&self) -> Option<&AgentStateEvent> {
        self.state.as_ref()
    }

    /// A reason-code list as last reported (not-ready reasons are also the desk's reasons).
    pub fn reason_codes(&self, list: ReasonList) -> &[Reason] {
        self.reasons.get(list.as_str()).map_or(&[], Vec::as_slice)
    }

    /// Outbound preview offers waiting for accept, reject or close.
    pub fn preview_offers(&self) -> &[DialogStatus] {
        &self.previews
    }

    /// Callbacks scheduled (or updated) and not cancelled, through [`FinesseAdapter::command`].
    pub fn callbacks(&self) -> &[Callback] {
        &self.callbacks
    }

    /// The agent's phone books, once reported.
    pub fn phonebooks(&self) -> Option<&Listing<Phonebook>> {
        self.phonebooks.as_ref()
    }

    /// The team's phone books, once reported.
    pub fn team_phonebooks(&self) -> Option<&Listing<Phonebook>> {
        self.team_phonebooks.as_ref()
    }

    /// The contacts of the last phone book asked for, once reported.
    pub fn contacts(&self) -> Option<&Listing<Contact>> {
        self.contacts.as_ref()
    }

    /// Queue statistics, as last reported.
    pub fn queues(&self) -> &[Queue] {
        &self.queues
    }

    /// The supervisor's team, as last reported.
    pub fn team_users(&self) -> &[TeamUser] {
        &self.team_users
    }

    /// The supervisors, as last reported.
    pub fn supervisors(&self) -> &[TeamUser] {
        &self.supervisors
    }

    /// The skill groups, as last reported.
    pub fn skill_groups(&self) -> &[Record] {
        &self.skill_groups
    }

    /// The connector's last `Error` event.
    pub fn last_error(&self) -> Option<&ConnectorError> {
        self.last_error.as_ref()
    }

    /// Sends any connector command for the agent (preview accept/reject/close, callbacks,
    /// reclassify, skill groups, supervisors, ...), with a receipt when configured. A host
    /// holding the adapter itself uses it for what intents cannot say yet; callbacks and
    /// preview offers are kept up to date from what is sent.
    pub fn command(
        &mut self,
        now: Instant,
        command: Command,
    ) -> Result<Option<ReceiptId>, EncodeError> {
        let message = CommandMessage::new(self.config.agent_login_id.clone(), command);
        let (jms_type, body) = message.encode()?;
        match &message.command {
            Command::ScheduleCallback {
                dialog_id,
                callback_time,
                callback_number,
                ..
            }
            | Command::UpdateCallback {
                dialog_id,
                callback_time,
                callback_number,
                ..
            } => {
                self.callbacks.retain(|c| c.dialog_id != *dialog_id);
                self.callbacks.push(Callback {
                    dialog_id: dialog_id.clone(),
                    time: callback_time.clone(),
                    number: callback_number.clone(),
                });
            }
            Command::CancelScheduledCallback { dialog_id, .. } => {
                self.callbacks.retain(|c| c.dialog_id != *dialog_id);
            }
            Command::AcceptOutboundPreview { dialog_id, .. }
            | Command::RejectOutboundPreview { dialog_id, .. }
            | Command::CloseOutboundPreview { dialog_id, .. } => {
                self.previews.retain(|p| p.dialog_id != *dialog_id);
            }
            _ => {}
        }
        let receipt = self.send_frame(now, &jms_type, &body, self.config.receipts);
        if let Some(id) = &receipt {
            self.pending.push((id.clone(), Pending::Command));
        }
        self.drain_client();
        Ok(receipt)
    }

    /// Queues a SEND of a command to the connector's queue; `None` when no receipt was asked
    /// or there is no session.
    fn send_frame(
        &mut self,
        now: Instant,
        jms_type: &str,
        body: &str,
        receipt: bool,
    ) -> Option<ReceiptId> {
        let destination = self.config.command_destination.clone();
        let client = self.client.as_mut()?;
        client.send(
            now,
            &destination,
            &[(crate::stomp::frame::headers::TYPE, jms_type)],
            body,
            receipt,
        )
    }

    /// Sends a chore (no outcome, no receipt).
    fn chore(&mut self, now: Instant, command: Command) {
        let message = CommandMessage::new(self.config.agent_login_id.clone(), command);
        if let Ok((jms_type, body)) = message.encode() {
            self.send_frame(now, &jms_type, &body, false);
        }
    }

    fn update(&mut self, update: Update) {
        self.out.push_back(AdapterOutput::Update(update));
    }

    fn warn(&mut self, warning: Warning) {
        self.out.push_back(AdapterOutput::Warning(warning));
    }

    fn outcome(&mut self, intent: IntentId, result: Result<(), Failure>) {
        self.out
            .push_back(AdapterOutput::Outcome { intent, result });
    }

    /// Moves the STOMP client's transmits and events out.
    fn drain_client(&mut self) {
        let Some(client) = self.client.as_mut() else {
            return;
        };
        let mut transmits = Vec::new();
        while let Some(bytes) = client.poll_transmit() {
            transmits.push(bytes);
        }
        for bytes in transmits {
            self.next_transmit += 1;
            let frame = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            self.out.push_back(AdapterOutput::Transmit(Transmit {
                id: TransmitId(self.next_transmit),
                payload: Payload::Frame(frame),
            }));
        }
    }

    /// Handles what the STOMP client reported.
    fn drain_events(&mut self, now: Instant, desk: &Desk) {
        while let Some(event) = self.client.as_mut().and_then(ClientConnection::poll_event) {
            match event {
                ClientEvent::Connected { .. } | ClientEvent::Disconnected => {}
                ClientEvent::Message { frame, .. } => match decode_event(&frame.body) {
                    Ok(message) => self.handle_event(desk, message),
                    Err(error) => self.warn(Warning::UndecodableEvent {
                        message: error.to_string(),
                    }),
                },
                ClientEvent::Receipt(id) => self.receipt(now, &id),
                ClientEvent::Error {
                    message,
                    receipt,
                    detail,
                } => {
                    let text = if detail.trim().is_empty() {
                        message.clone()
                    } else {
                        format!("{message}: {}", detail.trim())
                    };
                    if let Some(receipt) = receipt {
                        if let Some(index) = self.pending.iter().position(|(r, _)| *r == receipt) {
                            let (_, pending) = self.pending.remove(index);
                            if let Pending::Intent(id) | Pending::Login(id) = pending {
                                if matches!(pending, Pending::Login(_)) {
                                    self.login = None;
                                }
                                self.outcome(id, Err(Failure::Rejected(text.clone())));
                            }
                        }
                    }
                    self.warn(Warning::RequestFailed {
                        what: "STOMP",
                        message: text.clone(),
                    });
                    self.connection_lost(&format!("The broker closed the connection: {text}"));
                }
                ClientEvent::ProtocolError(error) => {
                    self.warn(Warning::UndecodableEvent {
                        message: error.to_string(),
                    });
                    self.connection_lost("The broker sent something that is not STOMP");
                }
                ClientEvent::ServerSilent => {
                    self.warn(Warning::RequestFailed {
                        what: "heart-beat",
                        message: "The broker went silent".to_owned(),
                    });
                    self.connection_lost("The broker went silent");
                }
            }
        }
    }

    /// The session is over: every intent still waiting fails.
    fn connection_lost(&mut self, message: &str) {
        for (_, pending) in core::mem::take(&mut self.pending) {
            if let Pending::Intent(id) | Pending::Login(id) = pending {
                self.outcome(id, Err(Failure::Unreachable(message.to_owned())));
            }
        }
        if let Some((id, _)) = self.login.take() {
            if !self
                .out
                .iter()
                .any(|o| matches!(o, AdapterOutput::Outcome { intent, .. } if *intent == id))
            {
                self.outcome(id, Err(Failure::Unreachable(message.to_owned())));
            }
        }
    }

    fn receipt(&mut self, now: Instant, id: &ReceiptId) {
        let Some(index) = self.pending.iter().position(|(r, _)| r == id) else {
            return;
        };
        let (_, pending) = self.pending.remove(index);
        match pending {
            Pending::Intent(intent) => self.outcome(intent, Ok(())),
            Pending::Login(intent) => {
                if let Some((waiting, deadline)) = self.login.as_mut() {
                    if *waiting == intent && deadline.is_none() {
                        *deadline = Some(now.saturating_add(self.config.login_timeout));
                    }
                }
            }
            Pending::Command => {}
        }
    }

    /// Whether an event is about our agent (or our client, for `Hello`'s answer).
    fn is_ours(&self, login_id: &str) -> bool {
        let login_id = login_id.trim();
        login_id == self.config.agent_login_id || login_id == self.config.client_id()
    }

    fn handle_event(&mut self, desk: &Desk, message: EventMessage) {
        if !self.is_ours(&message.login_id) {
            return;
        }
        let extension = self.extension(desk);
        match message.event {
            Event::State(state) => {
                let report = events::agent_report(&state);
                if state.state != AgentState::Logout {
                    if let Some((id, _)) = self.login.take() {
                        self.outcome(id, Ok(()));
                    }
                }
                self.update(Update::Agent(report));
                self.state = Some(state);
            }
            Event::AgentInfo(info) => {
                let profile = events::profile(&info, self.config.extension.as_deref());
                self.update(Update::Profile(profile));
                self.info = Some(info);
            }
            Event::ReasonCodes(codes) => {
                let Some(list) = ReasonList::parse(&codes.list) else {
                    return;
                };
                let reasons = events::reasons(&codes);
                if list == ReasonList::NotReady {
                    self.update(Update::Reasons(reasons.clone()));
                }
                self.reasons.insert(list.as_str(), reasons);
            }
            Event::NewInboundCall(call) => {
                let update = events::dialog_update(
                    desk,
                    &call.dialog_id,
                    crate::model::CallState::RingingIn,
                    &call.from_address,
                    extension.as_deref(),
                );
                self.update(Update::Call(Box::new(update)));
            }
            Event::InboundCall(status) => self.call_status(desk, status, Way::In, &extension),
            Event::OutboundCall(status) | Event::ConsultCall(status) => {
                self.call_status(desk, status, Way::Out, &extension);
            }
            Event::DialogStatus(dialog) => self.dialog_status(desk, dialog, &extension),
            Event::Error(error) => {
                let text = if error.message.trim().is_empty() {
                    format!("{}: {}", error.name, error.name.describe())
                } else {
                    format!("{}: {}", error.name, error.message.trim())
                };
                match self.login.take() {
                    Some((id, _)) => self.outcome(id, Err(Failure::Rejected(text))),
                    None => self.warn(Warning::RequestFailed {
                        what: "connector command",
                        message: text,
                    }),
                }
                self.last_error = Some(error);
            }
            Event::InService => self.in_service = Some(true),
            Event::OutOfService => {
                self.in_service = Some(false);
                self.warn(Warning::RequestFailed {
                    what: "Hello",
                    message: "The connector is out of service".to_owned(),
                });
            }
            Event::QueueList(queues) => self.queues = queues,
            Event::TeamUsersList(users) => self.team_users = users,
            Event::Supervisors(users) => self.supervisors = users,
            Event::SkillGroups(groups) => self.skill_groups = groups,
            Event::Phonebooks(books) => self.phonebooks = Some(books),
            Event::TeamPhoneBooks(books) => self.team_phonebooks = Some(books),
            Event::PhonebookContacts(contacts) => self.contacts = Some(contacts),
            _ => {}
        }
    }

    /// The extension the agent's calls ring on: the logged-on device, else the configured one.
    fn extension(&self, desk: &Desk) -> Option<String> {
        desk.agent()
            .logged_on()
            .and_then(|on| on.device.clone())
            .or_else(|| self.config.extension.clone())
    }

    fn call_status(
        &mut self,
        desk: &Desk,
        status: CallStatus,
        way: Way,
        extension: &Option<String>,
    ) {
        self.dialog(
            desk,
            &status.dialog_id,
            &status.state,
            way,
            &status.address,
            extension,
        );
    }

    fn dialog(
        &mut self,
        desk: &Desk,
        dialog_id: &str,
        state: &DialogState,
        way: Way,
        address: &str,
        extension: &Option<String>,
    ) {
        if dialog_id.trim().is_empty() {
            return;
        }
        if state.is_over() {
            if let Some(update) = events::dialog_removed(desk, dialog_id, state) {
                self.update(update);
            }
            return;
        }
        let update = events::dialog_update(
            desk,
            dialog_id,
            events::call_state(state, way),
            address,
            extension.as_deref(),
        );
        self.update(Update::Call(Box::new(update)));
    }

    fn dialog_status(&mut self, desk: &Desk, dialog: DialogStatus, extension: &Option<String>) {
        self.previews.retain(|p| p.dialog_id != dialog.dialog_id);
        let offered = dialog.is_preview()
            && !matches!(
                dialog.state,
                DialogState::Active | DialogState::Held | DialogState::Accepted
            )
            && !dialog.state.is_over();
        if offered {
            self.previews.push(dialog);
            return;
        }
        let call_type = dialog.call_type.to_ascii_uppercase();
        let way = if call_type.contains("OUT") || call_type.contains("CALLBACK") {
            Way::Out
        } else {
            Way::In
        };
        let address = match way {
            Way::In => &dialog.from_address,
            Way::Out => &dialog.to_address,
        };
        self.dialog(
            desk,
            &dialog.dialog_id,
            &dialog.state,
            way,
            address,
            extension,
        );
    }
}

impl Adapter for FinesseAdapter {
    /// The connector's base commands and `TransferCall`; see [`SUPPORTED`].
    fn capabilities(&self) -> Capabilities {
        Capabilities::of(&SUPPORTED)
    }

    fn send(
        &mut self,
        now: Instant,
        _machine: &Machine,
        id: IntentId,
        intent: Intent,
    ) -> Result<(), Refusal> {
        let command = command_for(&intent, &self.config.password)?;
        let message = CommandMessage::new(self.config.agent_login_id.clone(), command);
        let (jms_type, body) = message.encode().map_err(|_| Refusal::InvalidArgument {
            what: "value for the connector (it holds a comma)",
        })?;
        let login = intent.kind() == IntentKind::LogOn;
        if self.client.as_ref().map(ClientConnection::state) == Some(ClientState::Closed)
            || self.client.is_none()
        {
            self.outcome(
                id,
                Err(Failure::Unreachable(
                    "Not connected to the connector's broker".to_owned(),
                )),
            );
            return Ok(());
        }
        let receipt = self.send_frame(now, &jms_type, &body, self.config.receipts);
        if login {
            let deadline = match receipt {
                Some(_) => None,
                None => Some(now.saturating_add(self.config.login_timeout)),
            };
            self.login = Some((id, deadline));
        }
        match receipt {
            Some(receipt) => {
                let pending = if login {
                    Pending::Login(id)
                } else {
                    Pending::Intent(id)
                };
                self.pending.push((receipt, pending));
            }
            None if !login => self.outcome(id, Ok(())),
            None => {}
        }
        self.drain_client();
        Ok(())
    }

    fn handle_received(&mut self, now: Instant, desk: &Desk, bytes: &[u8]) {
        let Some(client) = self.client.as_mut() else {
            self.warn(Warning::UndecodableEvent {
                message: "bytes before the STOMP session opened".to_owned(),
            });
            return;
        };
        client.handle_input(now, bytes);
        self.drain_events(now, desk);
        self.drain_client();
    }

    /// The connector speaks over the socket only: there is no HTTP answer to read.
    fn handle_answer(&mut self, _now: Instant, _desk: &Desk, _id: TransmitId, _: Answer<'_>) {}

    /// A new socket: a new STOMP session (CONNECT), the agent's topic, and what the
    /// connector's clients send on connect: `Hello`, `Connect`, `GetState` and the three
    /// reason-code lists. Intents still waiting on the old session fail.
    fn resync(&mut self, now: Instant, _desk: &Desk) {
        self.connection_lost("The connection to the broker was reopened");
        self.client = Some(ClientConnection::new(now, self.config.stomp.clone()));
        let topic = self.config.event_destination();
        if let Some(client) = self.client.as_mut() {
            client.subscribe(now, &topic);
        }
        let client_id = self.config.client_id().to_owned();
        let hello = CommandMessage::new(client_id.clone(), Command::Hello);
        if let Ok((jms_type, body)) = hello.encode() {
            self.send_frame(now, &jms_type, &body, false);
        }
        self.chore(
            now,
            Command::Connect {
                client_id,
                password: self.config.password.clone(),
            },
        );
        self.chore(now, Command::GetState);
        for list in ReasonList::ALL {
            self.chore(now, Command::ReasonCodes(list));
        }
        self.drain_client();
    }

    fn poll_timeout(&self) -> Option<Instant> {
        let client = self
            .client
            .as_ref()
            .and_then(ClientConnection::poll_timeout);
        let login = self.login.and_then(|(_, deadline)| deadline);
        match (client, login) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn handle_timeout(&mut self, now: Instant, desk: &Desk) {
        if let Some(client) = self.client.as_mut() {
            client.handle_timeout(now);
        }
        self.drain_events(now, desk);
        if let Some((id, Some(deadline))) = self.login {
            if now >= deadline {
                self.login = None;
                self.outcome(
                    id,
                    Err(Failure::Unreachable(
                        "The connector did not answer the login".to_owned(),
                    )),
                );
            }
        }
        self.drain_client();
    }

    fn poll_output(&mut self) -> Option<AdapterOutput> {
        self.out.pop_front()
    }
}
