//! The O2G adapter: O2G's REST requests and event channel on one side, the neutral model on
//! the other (see [`crate::adapter`]).
//!
//! - [`encode`]: intents as requests;
//! - `events`: events and snapshots as updates;
//! - `records`: configuration, routing, history and directory bodies as model values;
//! - `json`: the accessors both read O2G JSON with, by hand from a `serde_json::Value`
//!   rather than through the wire types' derived `Deserialize` (docs/decisions.md, Weight);
//! - [`O2gAdapter`]: the chores around them: the snapshots of a resync, the withdraw reasons
//!   of the current group, re-reading routing and history when they change, polling a
//!   directory search, and the outcome of each intent from its answer.

#[cfg(test)]
mod differential;
mod encode;
mod events;
mod json;
#[cfg(test)]
mod oracle;
mod records;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};

use core::time::Duration;

use crate::adapter::{Adapter, AdapterOutput, Answer, Failure, IntentId};
use crate::machine::{Machine, Update, Warning};
use crate::model::{
    Capabilities, Contact, Desk, DirectorySearch, HistoryUpdate, Instant, Intent, IntentKind,
    Refusal, WrapUpPolicy,
};
use crate::o2g::agent::{AgentMainState, TRANSACTION_CODES_PATH};
use crate::o2g::comlog::RECORDS_PATH;
use crate::o2g::directory::SEARCH_PATH;
use crate::o2g::event_summary::EVENT_SUMMARY_PATH;
use crate::o2g::routing::ROUTING_STATE_PATH;
use crate::o2g::{decode, DecodeError, ErrorType, RestErrorInfo};
use crate::transmit::{HttpRequest, Payload, Transmit, TransmitId};

pub use encode::{encode_intent, request_for, RequestContext};

const TELEPHONY_STATE: &str = "/api/rest/1.0/telephony/state";
const USERS_PATH: &str = "/api/rest/1.0/users";

/// How often a directory search is polled while the gateway answers "not yet".
const DIRECTORY_POLL_INTERVAL: Duration = Duration::from_millis(250);
/// Polls of one search at the most.
const DIRECTORY_MAX_POLLS: u32 = 20;

/// How the adapter is set up for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct O2gConfig {
    /// The user's login name. When set, events about other users are ignored (they reach an
    /// administrator session subscribed for several users).
    pub login_name: Option<String>,
    /// Send `loginName` on every request: needed when the session is an administrator's.
    pub act_as_administrator: bool,
}

/// What a transmit was for, to read its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pending {
    /// An intent; `then` says what its success leads to.
    Intent {
        id: IntentId,
        then: Then,
    },
    TelephonyState,
    AgentState,
    AgentConfig,
    WithdrawReasons,
    Routing,
    History,
    EventSummary,
    DirectoryPoll,
    /// The user's own account, for the name to show.
    User,
    /// The transaction codes of the agent's group (agentdesk's extension resource).
    TransactionCodes,
}

/// What a snapshot restates: the events of a family change what its snapshot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Telephony,
    Agent,
    Summary,
    Routing,
    History,
}

impl Family {
    const COUNT: usize = 5;

    fn index(self) -> usize {
        self as usize
    }

    /// The families an event's updates touch (its snapshot would be stale after it).
    fn of(decoded: &Decoded) -> impl Iterator<Item = Family> + '_ {
        let history = (decoded.next == Next::ReadHistory).then_some(Family::History);
        decoded
            .out
            .0
            .iter()
            .filter_map(|output| match output {
                AdapterOutput::Update(
                    Update::Call(_) | Update::CallRemoved { .. } | Update::CallsSnapshot(_),
                ) => Some(Family::Telephony),
                AdapterOutput::Update(Update::Agent(_)) => Some(Family::Agent),
                AdapterOutput::Update(Update::MissedCalls(_)) => Some(Family::Summary),
                AdapterOutput::Update(Update::Routing(_)) => Some(Family::Routing),
                AdapterOutput::Update(Update::History(_)) => Some(Family::History),
                _ => None,
            })
            .chain(history)
    }
}

/// How many times in a row a snapshot overtaken by events is read again before the adapter
/// keeps to the events alone.
const STALE_SNAPSHOT_RETRIES: u32 = 3;

/// What follows the success of an intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Then {
    Nothing,
    ReadRouting,
    ReadHistory,
    PollDirectory,
}

/// The queue of outputs, with the helpers the decoders use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Queue(VecDeque<AdapterOutput>);

impl Queue {
    fn update(&mut self, update: Update) {
        self.0.push_back(AdapterOutput::Update(update));
    }

    fn warn(&mut self, warning: Warning) {
        self.0.push_back(AdapterOutput::Warning(warning));
    }
}

/// One event or answer read: its updates and warnings (kept apart until the whole body has
/// been read, so a body that fails half-way changes nothing), the user it is about, and what
/// the adapter does next.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    out: Queue,
    /// The event's `loginName`, when it has a non-empty one.
    login: Option<String>,
    next: Next,
    /// The other party of a help cancellation (`agentNumber`): the agent, for a supervisor.
    help_other: Option<String>,
}

/// What a body asks of the adapter besides its updates.
#[derive(Debug, Default, PartialEq)]
enum Next {
    #[default]
    Nothing,
    /// Reload the history (a record changed).
    ReadHistory,
    /// The agent's state said which group it is in.
    FollowGroup {
        main: AgentMainState,
        group: Option<String>,
        /// Read the group's reasons even when the group is the same (after a snapshot).
        always: bool,
    },
    /// A directory poll's contacts, and whether the search is over.
    Search { found: Vec<Contact>, finished: bool },
}

/// A directory search in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Search {
    query: String,
    found: Vec<Contact>,
    polls: u32,
    /// When to poll next; `None` while a poll is on the wire.
    due: Option<Instant>,
}

/// The O2G adapter of one user's desk.
#[derive(Debug, Clone)]
pub struct O2gAdapter {
    config: O2gConfig,
    out: Queue,
    pending: BTreeMap<TransmitId, Pending>,
    next_transmit: u64,
    /// The agent's group as the events last said (`None`: logged off or none).
    group: Option<String>,
    search: Option<Search>,
    /// This user asked a supervisor for help and has not heard the end of it.
    asked_help: bool,
    /// Events heard so far, per family: a snapshot sent before the count moved was read
    /// before a newer event and must not undo it (issue 11, item 6).
    heard: [u64; Family::COUNT],
    /// The family's count when each snapshot in flight was sent.
    snapshot_marks: BTreeMap<TransmitId, (Family, u64)>,
    /// Snapshots of each family read again in a row because events overtook them.
    stale_reads: [u32; Family::COUNT],
    /// Tests only: read bodies through the wire types' serde code, the differential tests'
    /// oracle.
    #[cfg(test)]
    serde_oracle: bool,
}

impl O2gAdapter {
    /// An adapter for `config`'s user.
    pub fn new(config: O2gConfig) -> O2gAdapter {
        O2gAdapter {
            config,
            out: Queue::default(),
            pending: BTreeMap::new(),
            next_transmit: 0,
            group: None,
            search: None,
            asked_help: false,
            heard: [0; Family::COUNT],
            snapshot_marks: BTreeMap::new(),
            stale_reads: [0; Family::COUNT],
            #[cfg(test)]
            serde_oracle: false,
        }
    }

    /// An adapter that reads bodies the former way, through the wire types' serde code.
    #[cfg(test)]
    fn with_serde_oracle(config: O2gConfig) -> O2gAdapter {
        O2gAdapter {
            serde_oracle: true,
            ..O2gAdapter::new(config)
        }
    }

    fn read_event(&self, bytes: &[u8]) -> Result<Decoded, DecodeError> {
        #[cfg(test)]
        if self.serde_oracle {
            return oracle::event(bytes);
        }
        events::event(bytes)
    }

    fn read_answer(&self, chore: &Pending, body: &[u8]) -> Result<Decoded, DecodeError> {
        #[cfg(test)]
        if self.serde_oracle {
            return oracle::answer(chore, body);
        }
        let what = chore.describe();
        let mut d = Decoded::default();
        let value = json::parse(what, body)?;
        let shape = |s: json::Shape| s.into_error(what);
        let body = json::Obj::new(value, what).map_err(shape)?;
        match chore {
            Pending::Intent { .. } => {}
            Pending::TelephonyState => events::telephony_state(&mut d.out, body).map_err(shape)?,
            Pending::AgentState => {
                d.next = events::agent_state(&mut d.out, body, true).map_err(shape)?
            }
            Pending::AgentConfig => records::agent_config(&mut d.out, body).map_err(shape)?,
            Pending::WithdrawReasons => {
                let reasons = records::reasons(body).map_err(shape)?;
                d.out.update(Update::Reasons(reasons));
            }
            Pending::Routing => {
                let routing = records::routing(body).map_err(shape)?;
                d.out.update(Update::Routing(routing));
            }
            Pending::History => {
                let entries = records::history(body).map_err(shape)?;
                d.out
                    .update(Update::History(HistoryUpdate::Replace(entries)));
            }
            Pending::EventSummary => {
                let missed = records::missed_calls(body).map_err(shape)?;
                d.out.update(Update::MissedCalls(missed));
            }
            Pending::DirectoryPoll => {
                let (found, finished) = records::search_result(body).map_err(shape)?;
                d.next = Next::Search { found, finished };
            }
            Pending::User => {
                if let Some(name) = records::user_name(body).map_err(shape)? {
                    d.out.update(Update::UserName(name));
                }
            }
            Pending::TransactionCodes => {
                let policy = records::transaction_codes(body).map_err(shape)?;
                d.out.update(Update::WrapUpPolicy(policy));
            }
        }
        Ok(d)
    }

    /// Commits what a body said, then does what it asks.
    fn apply(&mut self, now: Instant, decoded: Decoded, supervisor: bool) {
        let Decoded {
            out,
            next,
            help_other,
            ..
        } = decoded;
        for output in out.0 {
            let routed = self.route_help(output, help_other.as_deref(), supervisor);
            self.out.0.extend(routed);
        }
        match next {
            Next::Nothing => {}
            Next::ReadHistory => self.get(RECORDS_PATH, Pending::History),
            Next::FollowGroup {
                main,
                group,
                always,
            } => self.follow_group(main, group, always),
            Next::Search { found, finished } => self.directory_result(now, Some((found, finished))),
        }
    }

    /// O2G uses the same help events on both sides, each naming the other party in
    /// `agentNumber`: the user who asked hears about its own request; a supervisor who did
    /// not ask hears about an agent's.
    fn route_help(
        &mut self,
        output: AdapterOutput,
        other: Option<&str>,
        supervisor: bool,
    ) -> Option<AdapterOutput> {
        let theirs = supervisor && !self.asked_help;
        match output {
            AdapterOutput::Update(Update::HelpRequested { supervisor }) if theirs => {
                supervisor.map(|agent| AdapterOutput::Update(Update::HelpAsked { agent }))
            }
            AdapterOutput::Update(Update::HelpCancelled) if theirs => other.map(|agent| {
                AdapterOutput::Update(Update::HelpAskEnded {
                    agent: agent.to_owned(),
                })
            }),
            AdapterOutput::Update(Update::HelpCancelled) => {
                self.asked_help = false;
                Some(AdapterOutput::Update(Update::HelpCancelled))
            }
            other => Some(other),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &O2gConfig {
        &self.config
    }

    fn context(&self) -> RequestContext<'_> {
        RequestContext {
            login_name: self
                .config
                .login_name
                .as_deref()
                .filter(|_| self.config.act_as_administrator),
        }
    }

    fn transmit(&mut self, request: HttpRequest, purpose: Pending) {
        self.next_transmit += 1;
        let id = TransmitId(self.next_transmit);
        if let Some(family) = purpose.family() {
            self.snapshot_marks
                .insert(id, (family, self.heard[family.index()]));
        }
        self.pending.insert(id, purpose);
        self.out.0.push_back(AdapterOutput::Transmit(Transmit {
            id,
            payload: Payload::Http(request),
        }));
    }

    fn get(&mut self, path: &str, purpose: Pending) {
        let request = encode::with_login(HttpRequest::get(path), &self.context());
        self.transmit(request, purpose);
    }

    /// Reads the withdraw reasons of the agent's group when it changes (or, `always`, after a
    /// snapshot): they are per group in O2G.
    fn follow_group(&mut self, main: AgentMainState, group: Option<String>, always: bool) {
        let group = match main {
            AgentMainState::LogOn => group.or_else(|| self.group.clone()),
            AgentMainState::LogOff => None,
            AgentMainState::Unknown | AgentMainState::Error => return,
        };
        if group == self.group && !always {
            return;
        }
        self.group = group.clone();
        match group {
            Some(group) => {
                let request = HttpRequest::get(format!("{}/withdrawReasons", encode::AGENT))
                    .with_query("pgNumber", &group);
                let request = encode::with_login(request, &self.context());
                self.transmit(request, Pending::WithdrawReasons);
                let request =
                    HttpRequest::get(TRANSACTION_CODES_PATH).with_query("pgNumber", &group);
                let request = encode::with_login(request, &self.context());
                self.transmit(request, Pending::TransactionCodes);
            }
            None => {
                self.out.update(Update::Reasons(Vec::new()));
                self.out
                    .update(Update::WrapUpPolicy(WrapUpPolicy::default()));
            }
        }
    }

    /// A 2xx answer to a chore or an intent.
    fn succeeded(&mut self, now: Instant, purpose: Pending, body: &[u8]) {
        match purpose {
            Pending::Intent { id, then } => {
                self.out.0.push_back(AdapterOutput::Outcome {
                    intent: id,
                    result: Ok(()),
                });
                match then {
                    Then::Nothing => {}
                    Then::ReadRouting => self.get(ROUTING_STATE_PATH, Pending::Routing),
                    Then::ReadHistory => self.succeeded(now, Pending::History, body),
                    Then::PollDirectory => self.poll_directory(),
                }
            }
            chore => match self.read_answer(&chore, body) {
                Ok(decoded) => self.apply(now, decoded, false),
                Err(error) => {
                    self.out.warn(Warning::RequestFailed {
                        what: chore.describe(),
                        message: unexpected_answer(200, &error.to_string()),
                    });
                    if chore == Pending::DirectoryPoll {
                        self.directory_result(now, None);
                    }
                }
            },
        }
    }

    /// A failed answer (an error status, or none at all).
    fn failed(&mut self, purpose: Pending, failure: Failure) {
        match purpose {
            Pending::Intent { id, .. } => self.out.0.push_back(AdapterOutput::Outcome {
                intent: id,
                result: Err(failure),
            }),
            // The codes are a convenience of agentdesk's gateway: not worth a message (the
            // next group change reads them again).
            Pending::TransactionCodes => {}
            other => {
                if other == Pending::DirectoryPoll {
                    self.finish_search();
                }
                let message = match failure {
                    Failure::Rejected(message) | Failure::Unreachable(message) => message,
                };
                self.out.warn(Warning::RequestFailed {
                    what: other.describe(),
                    message,
                });
            }
        }
    }

    /// A snapshot was read before an event of its family that the desk already applied:
    /// applying it would undo the event (an agent made ready elsewhere shown paused again, a
    /// new call removed). It is read again, up to [`STALE_SNAPSHOT_RETRIES`] times in a row;
    /// then the events alone keep the desk.
    fn stale_snapshot(&mut self, family: Family, purpose: &Pending) {
        let reads = &mut self.stale_reads[family.index()];
        *reads += 1;
        if *reads > STALE_SNAPSHOT_RETRIES {
            *reads = 0;
            self.out.warn(Warning::IncompleteSnapshot {
                what: "a snapshot overtaken by events again and again (the events were kept)",
            });
            return;
        }
        if let Some(path) = purpose.snapshot_path() {
            self.get(&path, purpose.clone());
        }
    }

    fn start_search(&mut self, query: String) {
        self.search = Some(Search {
            query: query.clone(),
            found: Vec::new(),
            polls: 0,
            due: None,
        });
        self.out
            .update(Update::Directory(DirectorySearch::Searching {
                query,
                found: Vec::new(),
            }));
    }

    fn poll_directory(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        search.polls += 1;
        search.due = None;
        self.get(SEARCH_PATH, Pending::DirectoryPoll);
    }

    /// A directory poll's contacts and whether the search is over; `None`: unreadable.
    fn directory_result(&mut self, now: Instant, result: Option<(Vec<Contact>, bool)>) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let Some((found, finished)) = result else {
            self.finish_search();
            return;
        };
        search.found.extend(found);
        if finished || search.polls >= DIRECTORY_MAX_POLLS {
            self.finish_search();
        } else {
            search.due = Some(now.saturating_add(DIRECTORY_POLL_INTERVAL));
            let update = DirectorySearch::Searching {
                query: search.query.clone(),
                found: search.found.clone(),
            };
            self.out.update(Update::Directory(update));
        }
    }

    fn finish_search(&mut self) {
        if let Some(search) = self.search.take() {
            self.out.update(Update::Directory(DirectorySearch::Done {
                query: search.query,
                found: search.found,
            }));
        }
    }
}

impl Pending {
    /// The family a snapshot restates; `None` for what no event changes.
    fn family(&self) -> Option<Family> {
        match self {
            Pending::TelephonyState => Some(Family::Telephony),
            Pending::AgentState => Some(Family::Agent),
            Pending::EventSummary => Some(Family::Summary),
            Pending::Routing => Some(Family::Routing),
            Pending::History => Some(Family::History),
            _ => None,
        }
    }

    /// The path a snapshot is read from.
    fn snapshot_path(&self) -> Option<String> {
        Some(match self {
            Pending::TelephonyState => TELEPHONY_STATE.to_owned(),
            Pending::AgentState => format!("{}/state", encode::AGENT),
            Pending::EventSummary => EVENT_SUMMARY_PATH.to_owned(),
            Pending::Routing => ROUTING_STATE_PATH.to_owned(),
            Pending::History => RECORDS_PATH.to_owned(),
            _ => return None,
        })
    }

    fn describe(&self) -> &'static str {
        match self {
            Pending::Intent { .. } => "request",
            Pending::TelephonyState => "TelephonicState",
            Pending::AgentState => "AgentState",
            Pending::AgentConfig => "AgentConfig",
            Pending::WithdrawReasons => "WithdrawReasons",
            Pending::Routing => "RoutingState",
            Pending::History => "ComHistoryRecords",
            Pending::EventSummary => "EventSummary",
            Pending::DirectoryPoll => "SearchResult",
            Pending::User => "User",
            Pending::TransactionCodes => "TransactionCodes",
        }
    }
}

impl Adapter for O2gAdapter {
    /// O2G has every operation the console offers but dropping one party of a conference,
    /// and the contact-centre work it has no resource for (callback lists, queue penalties,
    /// agent statistics).
    fn capabilities(&self) -> Capabilities {
        Capabilities::ALL
            .without(IntentKind::DropParticipant)
            .without(IntentKind::Callbacks)
            .without(IntentKind::Queues)
            .without(IntentKind::Statistics)
    }

    fn send(
        &mut self,
        _now: Instant,
        machine: &Machine,
        id: IntentId,
        intent: Intent,
    ) -> Result<(), Refusal> {
        let kind = intent.kind();
        // Whether this user asks (true) or stops asking (false) for help.
        let kind_of_help = match intent {
            Intent::RequestHelp => Some(true),
            Intent::CancelHelp => Some(false),
            _ => None,
        };
        let query = match &intent {
            Intent::SearchDirectory { name } => Some(name.trim().to_owned()),
            _ => None,
        };
        // After-call work without a code (the gateway offers none): O2G has nothing to carry
        // notes alone, so the save is the console's and the host page's only.
        if matches!(
            intent,
            Intent::SaveAfterCallWork {
                disposition: None,
                ..
            }
        ) {
            machine.check(&intent)?;
            self.out.0.push_back(AdapterOutput::Outcome {
                intent: id,
                result: Ok(()),
            });
            return Ok(());
        }
        let request = encode_intent(machine.desk(), machine.config(), &self.context(), intent)?;
        let then = match kind {
            IntentKind::SetDnd | IntentKind::SetForward => Then::ReadRouting,
            IntentKind::History => Then::ReadHistory,
            IntentKind::Directory => Then::PollDirectory,
            _ => Then::Nothing,
        };
        if let Some(query) = query {
            self.start_search(query);
        }
        match kind_of_help {
            Some(true) => self.asked_help = true,
            Some(false) => self.asked_help = false,
            None => {}
        }
        self.transmit(request, Pending::Intent { id, then });
        Ok(())
    }

    fn handle_received(&mut self, now: Instant, desk: &Desk, bytes: &[u8]) {
        let decoded = match self.read_event(bytes) {
            Ok(decoded) => decoded,
            Err(error) => {
                // One bad chunk must not stop the desk.
                self.out.warn(Warning::UndecodableEvent {
                    message: error.to_string(),
                });
                return;
            }
        };
        if let (Some(ours), Some(theirs)) =
            (self.config.login_name.as_deref(), decoded.login.as_deref())
        {
            if ours != theirs {
                return;
            }
        }
        for family in Family::of(&decoded) {
            self.heard[family.index()] += 1;
        }
        let supervisor = desk
            .profile()
            .is_some_and(|p| p.role == crate::model::Role::Supervisor);
        self.apply(now, decoded, supervisor);
    }

    fn handle_answer(&mut self, now: Instant, _desk: &Desk, id: TransmitId, answer: Answer<'_>) {
        let Some(purpose) = self.pending.remove(&id) else {
            return;
        };
        let mark = self.snapshot_marks.remove(&id);
        match answer {
            Answer::Response { status, body } if (200..300).contains(&status) => {
                if let Some((family, heard)) = mark {
                    if heard != self.heard[family.index()] {
                        self.stale_snapshot(family, &purpose);
                        return;
                    }
                    self.stale_reads[family.index()] = 0;
                }
                self.succeeded(now, purpose, body);
            }
            Answer::Response { status, body } => {
                let (failure, kind) = rejection(status, body);
                match (kind, &purpose) {
                    (Some(ErrorType::InvalidSession), _) => {
                        self.out.0.push_back(AdapterOutput::SessionLost);
                        self.failed(purpose, failure);
                    }
                    // The gateway says the user is no agent: a plain user's console, not an
                    // error to show (a user without an ACD role reads /acd/agent too).
                    // A gateway without agentdesk's extension (a real O2G) has no codes to offer.
                    (_, Pending::TransactionCodes) => {
                        self.out
                            .update(Update::WrapUpPolicy(WrapUpPolicy::default()));
                    }
                    (
                        Some(ErrorType::NotAllowed),
                        Pending::AgentConfig | Pending::AgentState | Pending::WithdrawReasons,
                    ) => {
                        if purpose == Pending::AgentConfig {
                            self.out.update(Update::Profile(records::plain_user()));
                        }
                    }
                    _ => self.failed(purpose, failure),
                }
            }
            Answer::Unreachable { message } => {
                self.failed(purpose, Failure::Unreachable(message.to_owned()));
            }
        }
    }

    fn resync(&mut self, _now: Instant, _desk: &Desk) {
        self.stale_reads = [0; Family::COUNT];
        self.get(TELEPHONY_STATE, Pending::TelephonyState);
        self.get(&format!("{}/state", encode::AGENT), Pending::AgentState);
        self.get(&format!("{}/config", encode::AGENT), Pending::AgentConfig);
        self.get(EVENT_SUMMARY_PATH, Pending::EventSummary);
        self.get(ROUTING_STATE_PATH, Pending::Routing);
        self.get(RECORDS_PATH, Pending::History);
        // The user's name for the header (`/users/{loginName}`, spec L1125).
        if let Some(login) = self.config.login_name.clone() {
            let path = format!("{USERS_PATH}/{}", crate::transmit::percent_encode(&login));
            self.get(&path, Pending::User);
        }
    }

    fn poll_timeout(&self) -> Option<Instant> {
        self.search.as_ref().and_then(|search| search.due)
    }

    fn handle_timeout(&mut self, now: Instant, _desk: &Desk) {
        if self
            .search
            .as_ref()
            .and_then(|search| search.due)
            .is_some_and(|due| now >= due)
        {
            self.poll_directory();
        }
    }

    fn poll_output(&mut self) -> Option<AdapterOutput> {
        self.out.0.pop_front()
    }
}

/// What an error answer means: the gateway's own message when it sent a `RestErrorInfo`,
/// and its error type (`None`: not an O2G error).
pub fn rejection(status: u16, body: &[u8]) -> (Failure, Option<ErrorType>) {
    match decode::<RestErrorInfo>("RestErrorInfo", body) {
        Ok(info)
            if info.code.is_some() || info.error_type.is_some() || info.help_message.is_some() =>
        {
            let kind = info.kind();
            (
                Failure::Rejected(info.user_message().to_owned()),
                Some(kind),
            )
        }
        Ok(_) | Err(_) => (
            Failure::Rejected(unexpected_answer(status, &summarize(body))),
            None,
        ),
    }
}

/// The message for an answer that is not O2G: the gateway misbehaved.
fn unexpected_answer(status: u16, detail: &str) -> String {
    format!("The gateway sent an unexpected answer ({status}): {detail}")
}

/// The first line of a body, short enough for a message.
fn summarize(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("empty body");
    line.chars().take(120).collect()
}
