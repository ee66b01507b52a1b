//! The connector's events: text messages on the agent's topic, `#`-delimited, starting with
//! `<agent_login_id>#<EventName>` (the JMS type is NULL).
//!
//! Reading rules (docs/decisions.md, "Finesse connector (issue 13)"):
//! - fields are split on `#`, the last field of an event taking the rest, so a `#` in the
//!   last field (a label, a login name) survives; before the last field it cannot be carried
//!   and [`encode_event`] refuses it;
//! - a missing trailing field reads as empty (the spec's `QueueList` and `TeamUsersList`
//!   examples end early), an empty field stays empty;
//! - event names match ASCII case-insensitively; an unknown event is kept as
//!   [`Event::Unknown`] and re-encodes to itself.

use super::error::{DecodeError, EncodeError, ErrorName};
use super::record::{encode_list, parse_list, Record};

/// An event and the login id it starts with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventMessage {
    /// `<agent_login_Id>` (or `<agent_supervisor_login_Id>`, or for `IN_SERVICE` the
    /// client id of `Hello`).
    pub login_id: String,
    /// The event.
    pub event: Event,
}

/// Every event of the connector we know.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Event {
    /// `AgentInfo`: the agent's (or supervisor's, with teams) identity.
    AgentInfo(AgentInfo),
    /// `State`: the agent's state.
    State(AgentStateEvent),
    /// `QueueList`: queue statistics (UCCE or UCCX payload).
    QueueList(Vec<Queue>),
    /// `TeamUsersList`: the supervisor's team.
    TeamUsersList(Vec<TeamUser>),
    /// `Phonebooks`: the agent's phone books, or `NoPhoneBookFound`.
    Phonebooks(Listing<Phonebook>),
    /// `PhonebookContacts`: a phone book's contacts, or `NoContactFound`.
    PhonebookContacts(Listing<Contact>),
    /// `TeamPhoneBooks`: the team's phone books, or `NoTeamPhoneBookFound`.
    TeamPhoneBooks(Listing<Phonebook>),
    /// `ReasonCodes`: one reason-code list.
    ReasonCodes(ReasonCodes),
    /// `SkillGroups`: the answer to `GETSKILLGROPU` (form decided, see decisions.md).
    SkillGroups(Vec<Record>),
    /// `Supervisors`: the answer to `GETSUPERVISOR` (form decided, same keys as team users).
    Supervisors(Vec<TeamUser>),
    /// `NewInboundCall`: a call rings.
    NewInboundCall(NewInboundCall),
    /// `InboundCall`: an inbound call changed state.
    InboundCall(CallStatus),
    /// `OutboundCall`: a call the agent made changed state.
    OutboundCall(CallStatus),
    /// `ConsultCall`: a consultation call changed state.
    ConsultCall(CallStatus),
    /// `DialogStatus`: any dialog (preview offers and callbacks included).
    DialogStatus(DialogStatus),
    /// `Error`: a command failed.
    Error(ConnectorError),
    /// `IN_SERVICE`: the answer to `Hello`.
    InService,
    /// `OUT_OF_SERVICE`: the answer to `Hello` when Finesse is down.
    OutOfService,
    /// Any other event, kept as written.
    Unknown {
        /// Its name.
        name: String,
        /// What follows `<name>#`, `None` when nothing does (not even `#`).
        rest: Option<String>,
    },
}

/// A list that may be reported empty by a marker (`NoPhoneBookFound`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Listing<T> {
    /// The entries.
    Found(Vec<T>),
    /// The "no data found" marker.
    NotFound,
}

impl<T> Listing<T> {
    /// The entries (none for the marker).
    pub fn entries(&self) -> &[T] {
        match self {
            Listing::Found(entries) => entries,
            Listing::NotFound => &[],
        }
    }
}

/// `<Is_Supervisor>`, `True | False`.
fn parse_bool(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("true")
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// `AgentInfo`, agent form
/// `<id>#AgentInfo#<first>#<last>#<Is_Supervisor>#<wrap_up_mode>#<teamId>#<full_name>#<login_name>`
/// and supervisor form, with `TotalNumberOfTeams:<n>#<team>|<team>` after the wrap-up mode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct AgentInfo {
    /// `<agent_first_name>`.
    pub first_name: String,
    /// `<agent_last_name>`.
    pub last_name: String,
    /// `<Is_Supervisor>`.
    pub is_supervisor: bool,
    /// `<wrap_up_mode>` as written (Finesse: `REQUIRED`, `OPTIONAL`, `NOT_ALLOWED`,
    /// `REQUIRED_WITH_WRAP_UP_DATA`).
    pub wrap_up_mode: String,
    /// The supervisor form's teams; `None` for the agent form.
    pub teams: Option<Teams>,
    /// `<agent_teamId>`.
    pub team_id: String,
    /// `<agent_full_name>`.
    pub full_name: String,
    /// `<agent_login_name>`.
    pub login_name: String,
}

/// The supervisor's `TotalNumberOfTeams:<count>#<team>|<team>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Teams {
    /// The count as written after `TotalNumberOfTeams:`.
    pub count: String,
    /// The teams.
    pub teams: Vec<Team>,
}

/// One team: `<team_id>:<team_name>` (the spec prints the two placeholders with nothing
/// between them; `,` and `=` are read too, and a leading run of digits without a
/// separator).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Team {
    /// `team_id`.
    pub id: String,
    /// `team_name`.
    pub name: String,
}

const TEAMS_PREFIX: &str = "TotalNumberOfTeams:";

impl Team {
    fn parse(text: &str) -> Team {
        if let Some((id, name)) = text.split_once([':', ',', '=']) {
            return Team {
                id: id.trim().to_owned(),
                name: name.to_owned(),
            };
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        Team {
            id: text[..digits].to_owned(),
            name: text[digits..].to_owned(),
        }
    }
}

/// `<resonCodeId>` of `State`: `-1` the first time in LOGOUT and NOT_READY, empty when
/// READY, else the code of the last state change with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReasonCode {
    /// Empty (READY).
    Empty,
    /// `-1`: no reason given yet.
    Unset,
    /// A reason code.
    Code(String),
}

impl ReasonCode {
    fn parse(text: &str) -> ReasonCode {
        match text.trim() {
            "" => ReasonCode::Empty,
            "-1" => ReasonCode::Unset,
            code => ReasonCode::Code(code.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            ReasonCode::Empty => "",
            ReasonCode::Unset => "-1",
            ReasonCode::Code(code) => code,
        }
    }

    /// The code, when one was given.
    pub fn code(&self) -> Option<&str> {
        match self {
            ReasonCode::Code(code) => Some(code),
            ReasonCode::Empty | ReasonCode::Unset => None,
        }
    }
}

/// The agent states Finesse reports (the spec's list is cut off; these are Finesse's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AgentState {
    /// `LOGIN`.
    Login,
    /// `LOGOUT`.
    Logout,
    /// `READY`.
    Ready,
    /// `NOT_READY`.
    NotReady,
    /// `RESERVED`.
    Reserved,
    /// `RESERVED_OUTBOUND`.
    ReservedOutbound,
    /// `RESERVED_OUTBOUND_PREVIEW`.
    ReservedOutboundPreview,
    /// `TALKING`.
    Talking,
    /// `HOLD`.
    Hold,
    /// `WORK`.
    Work,
    /// `WORK_READY`.
    WorkReady,
    /// `UNKNOWN`.
    Unknown,
    /// Anything else, as written.
    Other(String),
}

impl AgentState {
    const NAMED: [AgentState; 12] = [
        AgentState::Login,
        AgentState::Logout,
        AgentState::Ready,
        AgentState::NotReady,
        AgentState::Reserved,
        AgentState::ReservedOutbound,
        AgentState::ReservedOutboundPreview,
        AgentState::Talking,
        AgentState::Hold,
        AgentState::Work,
        AgentState::WorkReady,
        AgentState::Unknown,
    ];

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            AgentState::Login => "LOGIN",
            AgentState::Logout => "LOGOUT",
            AgentState::Ready => "READY",
            AgentState::NotReady => "NOT_READY",
            AgentState::Reserved => "RESERVED",
            AgentState::ReservedOutbound => "RESERVED_OUTBOUND",
            AgentState::ReservedOutboundPreview => "RESERVED_OUTBOUND_PREVIEW",
            AgentState::Talking => "TALKING",
            AgentState::Hold => "HOLD",
            AgentState::Work => "WORK",
            AgentState::WorkReady => "WORK_READY",
            AgentState::Unknown => "UNKNOWN",
            AgentState::Other(raw) => raw,
        }
    }

    /// The state of a wire value (exact, upper case).
    pub fn parse(text: &str) -> AgentState {
        AgentState::NAMED
            .into_iter()
            .find(|s| s.as_str() == text)
            .unwrap_or_else(|| AgentState::Other(text.to_owned()))
    }
}

/// `State`:
/// `<id>#State#<agent_current_state>#<resonCodeId>#<agent_StateChangeTimeString>#<agent_PendingState>#<agent_StateChangeTime>#<agent_full_name>#<agent_login_Id>#<agent_Extension>#<agent_StateChangeReasonLabel>#<agent_full_name>#<agent_login_name>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgentStateEvent {
    /// `<agent_current_state>`.
    pub state: AgentState,
    /// `<resonCodeId>`.
    pub reason_code: ReasonCode,
    /// `<agent_StateChangeTimeString>`.
    pub state_change_time_string: String,
    /// `<agent_PendingState>` as written (empty: none).
    pub pending_state: String,
    /// `<agent_StateChangeTime>`.
    pub state_change_time: String,
    /// `<agent_full_name>` (first occurrence).
    pub full_name: String,
    /// `<agent_login_Id>` (second occurrence).
    pub agent_login_id: String,
    /// `<agent_Extension>`.
    pub extension: String,
    /// `<agent_StateChangeReasonLabel>`.
    pub reason_label: String,
    /// `<agent_full_name>` (second occurrence).
    pub full_name_again: String,
    /// `<agent_login_name>`.
    pub login_name: String,
}

impl AgentStateEvent {
    /// A state event with only the state and reason set.
    pub fn new(state: AgentState, reason_code: ReasonCode) -> AgentStateEvent {
        AgentStateEvent {
            state,
            reason_code,
            state_change_time_string: String::new(),
            pending_state: String::new(),
            state_change_time: String::new(),
            full_name: String::new(),
            agent_login_id: String::new(),
            extension: String::new(),
            reason_label: String::new(),
            full_name_again: String::new(),
            login_name: String::new(),
        }
    }

    /// The pending state, if any.
    pub fn pending(&self) -> Option<AgentState> {
        let text = self.pending_state.trim();
        (!text.is_empty()).then(|| AgentState::parse(text))
    }
}

/// Defines a list entry over a [`Record`], with accessors for the spec's keys.
macro_rules! record_type {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $method:ident => $key:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct $name(pub Record);

        impl $name {
            /// The keys of the spec, in the order [`Self::from_values`] writes them.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// An entry with these values for [`Self::KEYS`], in order.
            pub fn from_values(values: &[&str]) -> $name {
                $name(Record::new(Self::KEYS.iter().copied().zip(values.iter().copied())))
            }

            $(
                $(#[$fdoc])*
                pub fn $method(&self) -> Option<&str> {
                    self.0.get($key)
                }
            )*
        }
    };
}

record_type!(
    /// A phone book of `Phonebooks` and `TeamPhoneBooks`: `name:…,type:…,id:…`.
    Phonebook {
        /// `name`.
        name => "name",
        /// `type`.
        kind => "type",
        /// `id`.
        id => "id",
    }
);

record_type!(
    /// A contact of `PhonebookContacts`:
    /// `description:…,firstName:…,lastName:…,phoneNumber:…,id:…`.
    Contact {
        /// `description`.
        description => "description",
        /// `firstName`.
        first_name => "firstName",
        /// `lastName`.
        last_name => "lastName",
        /// `phoneNumber`.
        phone_number => "phoneNumber",
        /// `id`.
        id => "id",
    }
);

record_type!(
    /// A user of `TeamUsersList` (and `Supervisors`): the spec's example shows
    /// `FirstName:…,LastName:…,Extension:…,` and its table six more fields, written here by
    /// the same rule (docs/decisions.md).
    TeamUser {
        /// `FirstName`.
        first_name => "FirstName",
        /// `LastName`.
        last_name => "LastName",
        /// `Extension`.
        extension => "Extension",
        /// `LoginID`.
        login_id => "LoginID",
        /// `State`.
        state => "State",
        /// `PendingState`.
        pending_state => "PendingState",
        /// `MediaType`.
        media_type => "MediaType",
        /// `StateChangeTime`.
        state_change_time => "StateChangeTime",
        /// `StateChangeLabel`.
        state_change_label => "StateChangeLabel",
    }
);

/// Which contact centre a `QueueList` payload comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueFlavor {
    /// Unified CCE: ready/not-ready/talking counts.
    Ucce,
    /// Unified CCX: CSQ statistics.
    Uccx,
}

/// The UCCE payload's keys (the spec's placeholders).
pub const UCCE_QUEUE_KEYS: [&str; 9] = [
    "queue_name",
    "Number_of_CallsInQueue",
    "Number_of_Agents_Ready",
    "Number_of_Agents_NotReady",
    "number_of_agents_talking_inbound",
    "number_of_agents_talking_outbound",
    "number_of_agents_talking_internal",
    "number_of_agents_in_wrapup_ready_state",
    "number_of_agents_in_wrapup_notready_state",
];

/// The UCCX payload's keys (the spec's `queue_1_*` placeholders without `queue_1_`).
pub const UCCX_QUEUE_KEYS: [&str; 10] = [
    "queue_name",
    "WaitingCalls",
    "AgentsLoggedIn",
    "AgentsInAfterCallWork",
    "AgentsTalking",
    "AgentsReserved",
    "HandledCalls",
    "AbandonedCalls",
    "TotalCalls",
    "LongestHandleTime",
];

/// One queue of `QueueList`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Queue(pub Record);

impl Queue {
    /// The queue's name.
    pub fn name(&self) -> Option<&str> {
        self.0.get("queue_name")
    }

    /// UCCX when a CSQ statistic is present, else UCCE.
    pub fn flavor(&self) -> QueueFlavor {
        if UCCX_QUEUE_KEYS[1..].iter().any(|k| self.0.get(k).is_some()) {
            QueueFlavor::Uccx
        } else {
            QueueFlavor::Ucce
        }
    }

    /// A statistic by its key.
    pub fn stat(&self, key: &str) -> Option<u64> {
        self.0.number(key)
    }

    /// Calls waiting: `Number_of_CallsInQueue` (UCCE) or `WaitingCalls` (UCCX).
    pub fn calls_waiting(&self) -> Option<u64> {
        self.stat("Number_of_CallsInQueue")
            .or_else(|| self.stat("WaitingCalls"))
    }
}

/// `ReasonCodes` (the answer to the three list commands, observed in a public client):
/// `<id>#ReasonCodes#<list>#<code>,<code>…#<label>,<label>…`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ReasonCodes {
    /// The list's name, as the command that asked (`reasoncodenotready`, ...).
    pub list: String,
    /// The codes.
    pub codes: Vec<String>,
    /// The labels, in the codes' order.
    pub labels: Vec<String>,
}

impl ReasonCodes {
    /// Codes with their labels (a code without a label is its own label).
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let label = self
                    .labels
                    .get(i)
                    .filter(|l| !l.trim().is_empty())
                    .unwrap_or(code);
                (code.clone(), label.clone())
            })
            .collect()
    }
}

/// The states of a dialog (Finesse's, as the public client lists them).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DialogState {
    /// `INITIATING`.
    Initiating,
    /// `INITIATED`.
    Initiated,
    /// `ALERTING`.
    Alerting,
    /// `ACTIVE`.
    Active,
    /// `HELD`.
    Held,
    /// `ACCEPTED`.
    Accepted,
    /// `FAILED`.
    Failed,
    /// `DROPPED`.
    Dropped,
    /// Anything else, as written.
    Other(String),
}

impl DialogState {
    const NAMED: [DialogState; 8] = [
        DialogState::Initiating,
        DialogState::Initiated,
        DialogState::Alerting,
        DialogState::Active,
        DialogState::Held,
        DialogState::Accepted,
        DialogState::Failed,
        DialogState::Dropped,
    ];

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            DialogState::Initiating => "INITIATING",
            DialogState::Initiated => "INITIATED",
            DialogState::Alerting => "ALERTING",
            DialogState::Active => "ACTIVE",
            DialogState::Held => "HELD",
            DialogState::Accepted => "ACCEPTED",
            DialogState::Failed => "FAILED",
            DialogState::Dropped => "DROPPED",
            DialogState::Other(raw) => raw,
        }
    }

    /// The state of a wire value (exact, upper case).
    pub fn parse(text: &str) -> DialogState {
        DialogState::NAMED
            .into_iter()
            .find(|s| s.as_str() == text)
            .unwrap_or_else(|| DialogState::Other(text.to_owned()))
    }

    /// Whether the dialog is over.
    pub fn is_over(&self) -> bool {
        matches!(self, DialogState::Failed | DialogState::Dropped)
    }
}

/// `NewInboundCall`: `<id>#NewInboundCall#<fromAddress>#<toAddress>#DialogId:<dialog_id>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NewInboundCall {
    /// The caller.
    pub from_address: String,
    /// The number called.
    pub to_address: String,
    /// The dialog.
    pub dialog_id: String,
}

/// `InboundCall`, `OutboundCall`: `<id>#<Event>#<state>#<dialog_id>#<address>`;
/// `ConsultCall`: `<id>#ConsultCall#<state>#DialogId:<dialog_id>#<address>`. The `DialogId:`
/// prefix is read wherever it is present.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallStatus {
    /// The dialog's state.
    pub state: DialogState,
    /// The dialog.
    pub dialog_id: String,
    /// The other party (caller, or number called).
    pub address: String,
}

/// `DialogStatus` (form decided, docs/decisions.md):
/// `<id>#DialogStatus#<dialog_id>#<state>#<call_type>#<fromAddress>#<toAddress>#<call_variables>`,
/// the call variables as `name:value,...`. Preview offers have the call type
/// `OUTBOUND_PREVIEW` (Finesse's), callbacks `OUTBOUND_CALLBACK`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DialogStatus {
    /// The dialog.
    pub dialog_id: String,
    /// Its state.
    pub state: DialogState,
    /// Finesse's call type (`ACD_IN`, `OUT`, `OUTBOUND_PREVIEW`, ...).
    pub call_type: String,
    /// The caller.
    pub from_address: String,
    /// The number called.
    pub to_address: String,
    /// The call variables.
    pub variables: Record,
}

impl DialogStatus {
    /// Whether this dialog is an outbound preview offer.
    pub fn is_preview(&self) -> bool {
        self.call_type.to_ascii_uppercase().contains("PREVIEW")
    }

    /// Whether this dialog is a callback.
    pub fn is_callback(&self) -> bool {
        self.call_type.to_ascii_uppercase().contains("CALLBACK")
    }
}

/// `Error`: `<id>#Error#<error_name>#<message>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConnectorError {
    /// The error's name.
    pub name: ErrorName,
    /// The connector's words (may be empty).
    pub message: String,
}

const DIALOG_PREFIX: &str = "DialogId:";

fn strip_dialog_prefix(text: &str) -> String {
    match text.get(..DIALOG_PREFIX.len()) {
        Some(head) if head.eq_ignore_ascii_case(DIALOG_PREFIX) => {
            text[DIALOG_PREFIX.len()..].to_owned()
        }
        _ => text.to_owned(),
    }
}

/// The event names, as written, for [`Event::name`] and matching.
const NAMES: [&str; 18] = [
    "AgentInfo",
    "State",
    "QueueList",
    "TeamUsersList",
    "Phonebooks",
    "PhonebookContacts",
    "TeamPhoneBooks",
    "ReasonCodes",
    "SkillGroups",
    "Supervisors",
    "NewInboundCall",
    "InboundCall",
    "OutboundCall",
    "ConsultCall",
    "DialogStatus",
    "Error",
    "IN_SERVICE",
    "OUT_OF_SERVICE",
];

impl Event {
    /// The event's name as written on the wire.
    pub fn name(&self) -> &str {
        match self {
            Event::AgentInfo(_) => "AgentInfo",
            Event::State(_) => "State",
            Event::QueueList(_) => "QueueList",
            Event::TeamUsersList(_) => "TeamUsersList",
            Event::Phonebooks(_) => "Phonebooks",
            Event::PhonebookContacts(_) => "PhonebookContacts",
            Event::TeamPhoneBooks(_) => "TeamPhoneBooks",
            Event::ReasonCodes(_) => "ReasonCodes",
            Event::SkillGroups(_) => "SkillGroups",
            Event::Supervisors(_) => "Supervisors",
            Event::NewInboundCall(_) => "NewInboundCall",
            Event::InboundCall(_) => "InboundCall",
            Event::OutboundCall(_) => "OutboundCall",
            Event::ConsultCall(_) => "ConsultCall",
            Event::DialogStatus(_) => "DialogStatus",
            Event::Error(_) => "Error",
            Event::InService => "IN_SERVICE",
            Event::OutOfService => "OUT_OF_SERVICE",
            Event::Unknown { name, .. } => name,
        }
    }
}

/// The `#` fields after the event name: at most `n`, the last taking the rest; missing
/// ones read as empty.
fn fields(rest: Option<&str>, n: usize) -> Vec<String> {
    let mut out: Vec<String> = match rest {
        Some(rest) => rest.splitn(n, '#').map(str::to_owned).collect(),
        None => Vec::new(),
    };
    out.resize(n, String::new());
    out
}

/// Reads one connector event.
pub fn decode_event(bytes: &[u8]) -> Result<EventMessage, DecodeError> {
    let text = core::str::from_utf8(bytes).map_err(|_| DecodeError::NotText)?;
    let Some((login_id, after)) = text.split_once('#') else {
        return Err(DecodeError::NotAnEvent(text.chars().take(80).collect()));
    };
    let (name, rest) = match after.split_once('#') {
        Some((name, rest)) => (name, Some(rest)),
        None => (after, None),
    };
    if name.is_empty() {
        return Err(DecodeError::NotAnEvent(text.chars().take(80).collect()));
    }
    let canonical = NAMES.iter().find(|n| n.eq_ignore_ascii_case(name)).copied();
    let event = match canonical {
        Some("AgentInfo") => Event::AgentInfo(agent_info(rest)),
        Some("State") => {
            let f = fields(rest, 11);
            if f[0].trim().is_empty() {
                return Err(DecodeError::MissingEventField {
                    event: "State",
                    field: "agent_current_state",
                });
            }
            let mut f = f.into_iter();
            let mut next = || f.next().unwrap_or_default();
            Event::State(AgentStateEvent {
                state: AgentState::parse(next().trim()),
                reason_code: ReasonCode::parse(&next()),
                state_change_time_string: next(),
                pending_state: next(),
                state_change_time: next(),
                full_name: next(),
                agent_login_id: next(),
                extension: next(),
                reason_label: next(),
                full_name_again: next(),
                login_name: next(),
            })
        }
        Some("QueueList") => Event::QueueList(
            parse_list(rest.unwrap_or_default())
                .into_iter()
                .map(Queue)
                .collect(),
        ),
        Some("TeamUsersList") => Event::TeamUsersList(team_users(rest)),
        Some("Supervisors") => Event::Supervisors(team_users(rest)),
        Some("SkillGroups") => Event::SkillGroups(parse_list(rest.unwrap_or_default())),
        Some("Phonebooks") => Event::Phonebooks(listing(rest, "NoPhoneBookFound", Phonebook)),
        Some("TeamPhoneBooks") => {
            Event::TeamPhoneBooks(listing(rest, "NoTeamPhoneBookFound", Phonebook))
        }
        Some("PhonebookContacts") => {
            Event::PhonebookContacts(listing(rest, "NoContactFound", Contact))
        }
        Some("ReasonCodes") => {
            let f = fields(rest, 3);
            let list = |text: &str| -> Vec<String> {
                if text.is_empty() {
                    Vec::new()
                } else {
                    text.split(',').map(str::to_owned).collect()
                }
            };
            Event::ReasonCodes(ReasonCodes {
                list: f[0].clone(),
                codes: list(&f[1]),
                labels: list(&f[2]),
            })
        }
        Some("NewInboundCall") => {
            let f = fields(rest, 3);
            Event::NewInboundCall(NewInboundCall {
                from_address: f[0].clone(),
                to_address: f[1].clone(),
                dialog_id: strip_dialog_prefix(&f[2]),
            })
        }
        Some(kind @ ("InboundCall" | "OutboundCall" | "ConsultCall")) => {
            let f = fields(rest, 3);
            if f[1].is_empty() {
                return Err(DecodeError::MissingEventField {
                    event: kind_name(kind),
                    field: "dialog_id",
                });
            }
            let status = CallStatus {
                state: DialogState::parse(f[0].trim()),
                dialog_id: strip_dialog_prefix(&f[1]),
                address: f[2].clone(),
            };
            match kind {
                "InboundCall" => Event::InboundCall(status),
                "OutboundCall" => Event::OutboundCall(status),
                _ => Event::ConsultCall(status),
            }
        }
        Some("DialogStatus") => {
            let f = fields(rest, 6);
            Event::DialogStatus(DialogStatus {
                dialog_id: strip_dialog_prefix(&f[0]),
                state: DialogState::parse(f[1].trim()),
                call_type: f[2].clone(),
                from_address: f[3].clone(),
                to_address: f[4].clone(),
                variables: Record::parse(&f[5]),
            })
        }
        Some("Error") => {
            let f = fields(rest, 2);
            Event::Error(ConnectorError {
                name: ErrorName::parse(f[0].trim()),
                message: f[1].clone(),
            })
        }
        Some("IN_SERVICE") => Event::InService,
        Some("OUT_OF_SERVICE") => Event::OutOfService,
        _ => Event::Unknown {
            name: name.to_owned(),
            rest: rest.map(str::to_owned),
        },
    };
    Ok(EventMessage {
        login_id: login_id.to_owned(),
        event,
    })
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "InboundCall" => "InboundCall",
        "OutboundCall" => "OutboundCall",
        _ => "ConsultCall",
    }
}

fn agent_info(rest: Option<&str>) -> AgentInfo {
    let head = fields(rest, 5);
    if head[4]
        .get(..TEAMS_PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(TEAMS_PREFIX))
    {
        let f = fields(rest, 9);
        let teams = Teams {
            count: f[4][TEAMS_PREFIX.len()..].to_owned(),
            teams: f[5]
                .split('|')
                .filter(|t| !t.is_empty())
                .map(Team::parse)
                .collect(),
        };
        AgentInfo {
            first_name: f[0].clone(),
            last_name: f[1].clone(),
            is_supervisor: parse_bool(&f[2]),
            wrap_up_mode: f[3].clone(),
            teams: Some(teams),
            team_id: f[6].clone(),
            full_name: f[7].clone(),
            login_name: f[8].clone(),
        }
    } else {
        let f = fields(rest, 7);
        AgentInfo {
            first_name: f[0].clone(),
            last_name: f[1].clone(),
            is_supervisor: parse_bool(&f[2]),
            wrap_up_mode: f[3].clone(),
            teams: None,
            team_id: f[4].clone(),
            full_name: f[5].clone(),
            login_name: f[6].clone(),
        }
    }
}

fn team_users(rest: Option<&str>) -> Vec<TeamUser> {
    parse_list(rest.unwrap_or_default())
        .into_iter()
        .map(TeamUser)
        .collect()
}

fn listing<T>(rest: Option<&str>, marker: &str, wrap: fn(Record) -> T) -> Listing<T> {
    let text = rest.unwrap_or_default();
    if text.trim().eq_ignore_ascii_case(marker) {
        return Listing::NotFound;
    }
    Listing::Found(parse_list(text).into_iter().map(wrap).collect())
}

fn encode_listing<T>(listing: &Listing<T>, marker: &str, record: fn(&T) -> &Record) -> String {
    match listing {
        Listing::NotFound => marker.to_owned(),
        Listing::Found(entries) => {
            let records: Vec<Record> = entries.iter().map(|e| record(e).clone()).collect();
            encode_list(&records)
        }
    }
}

/// Writes an event in its canonical form. Refused when it would not read back as itself (a
/// delimiter inside a field that cannot carry it).
pub fn encode_event(message: &EventMessage) -> Result<String, EncodeError> {
    let text = write_event(message);
    match decode_event(text.as_bytes()) {
        Ok(again) if again == *message => Ok(text),
        _ => Err(EncodeError::Delimiter {
            what: "event",
            value: text.chars().take(60).collect(),
        }),
    }
}

fn write_event(message: &EventMessage) -> String {
    let mut parts: Vec<String> = vec![message.login_id.clone(), message.event.name().to_owned()];
    match &message.event {
        Event::AgentInfo(info) => {
            parts.extend([
                info.first_name.clone(),
                info.last_name.clone(),
                bool_text(info.is_supervisor).to_owned(),
                info.wrap_up_mode.clone(),
            ]);
            if let Some(teams) = &info.teams {
                parts.push(format!("{TEAMS_PREFIX}{}", teams.count));
                parts.push(
                    teams
                        .teams
                        .iter()
                        .map(|t| format!("{}:{}", t.id, t.name))
                        .collect::<Vec<_>>()
                        .join("|"),
                );
            }
            parts.extend([
                info.team_id.clone(),
                info.full_name.clone(),
                info.login_name.clone(),
            ]);
        }
        Event::State(s) => parts.extend([
            s.state.as_str().to_owned(),
            s.reason_code.as_str().to_owned(),
            s.state_change_time_string.clone(),
            s.pending_state.clone(),
            s.state_change_time.clone(),
            s.full_name.clone(),
            s.agent_login_id.clone(),
            s.extension.clone(),
            s.reason_label.clone(),
            s.full_name_again.clone(),
            s.login_name.clone(),
        ]),
        Event::QueueList(queues) => {
            let records: Vec<Record> = queues.iter().map(|q| q.0.clone()).collect();
            parts.push(encode_list(&records));
        }
        Event::TeamUsersList(users) | Event::Supervisors(users) => {
            let records: Vec<Record> = users.iter().map(|u| u.0.clone()).collect();
            parts.push(encode_list(&records));
        }
        Event::SkillGroups(groups) => parts.push(encode_list(groups)),
        Event::Phonebooks(books) => {
            parts.push(encode_listing(books, "NoPhoneBookFound", |b| &b.0));
        }
        Event::TeamPhoneBooks(books) => {
            parts.push(encode_listing(books, "NoTeamPhoneBookFound", |b| &b.0));
        }
        Event::PhonebookContacts(contacts) => {
            parts.push(encode_listing(contacts, "NoContactFound", |c| &c.0));
        }
        Event::ReasonCodes(r) => {
            parts.extend([r.list.clone(), r.codes.join(","), r.labels.join(",")]);
        }
        Event::NewInboundCall(call) => parts.extend([
            call.from_address.clone(),
            call.to_address.clone(),
            format!("{DIALOG_PREFIX}{}", call.dialog_id),
        ]),
        Event::InboundCall(s) | Event::OutboundCall(s) => parts.extend([
            s.state.as_str().to_owned(),
            s.dialog_id.clone(),
            s.address.clone(),
        ]),
        Event::ConsultCall(s) => parts.extend([
            s.state.as_str().to_owned(),
            format!("{DIALOG_PREFIX}{}", s.dialog_id),
            s.address.clone(),
        ]),
        Event::DialogStatus(d) => parts.extend([
            d.dialog_id.clone(),
            d.state.as_str().to_owned(),
            d.call_type.clone(),
            d.from_address.clone(),
            d.to_address.clone(),
            d.variables.encode(),
        ]),
        Event::Error(e) => parts.extend([e.name.as_str().to_owned(), e.message.clone()]),
        Event::InService | Event::OutOfService => {}
        Event::Unknown { rest, .. } => {
            if let Some(rest) = rest {
                parts.push(rest.clone());
            }
        }
    }
    parts.join("#")
}
