//! The XuC adapter: XuC's socket on one side, the neutral model on the other (see
//! [`crate::adapter`]).
//!
//! - [`encode`]: intents as commands (frames on the socket);
//! - `events`: messages as updates;
//! - [`extras`]: what XuC shows beyond the neutral desk (callbacks, queue membership,
//!   statistics, lists), kept here with a public read API;
//! - [`XucAdapter`]: the chores: the heartbeat (`{"claz":"ping"}` every 5 s), the
//!   subscriptions after `LoggedOn`, and an `Ok` outcome per intent once its frames are queued
//!   (XuC answers commands with events, or an `AgentError`, never with a reply).

pub mod encode;
mod events;
pub mod extras;
#[cfg(test)]
mod tests;
mod work;

use std::collections::VecDeque;

use core::time::Duration;

use crate::adapter::{Adapter, AdapterOutput, Answer, IntentId};
use crate::machine::{Machine, Update, Warning};
use crate::model::{Capabilities, Desk, Instant, Intent, IntentKind, Reason, Refusal};
use crate::transmit::{Payload, Transmit, TransmitId};
use crate::xuc::agent::{AgentState, AgentStateName};
use crate::xuc::command::{encode_command, Command};
use crate::xuc::message::{decode_message, ServerMessage};
use crate::xuc::wire::Id;

pub use encode::commands_for;
pub use extras::{Membership, XucExtras};

/// How often the client pings: the official client's interval.
pub const PING_INTERVAL: Duration = Duration::from_secs(5);

/// What XuC can do: its agent API (log on and off, ready, pause with or without a reason,
/// pause and resume recording, queue membership with penalties, statistics), its callbacks
/// and its phone API (dial, answer, hang up, hold and retrieve, attended and direct transfer,
/// conference, DTMF). Not: alternate, redirect, wrap-up on
/// demand, groups, skills, supervisor help, do-not-disturb, forwarding, history, directory.
pub const CAPABILITIES: &[IntentKind] = &[
    IntentKind::MakeCall,
    IntentKind::Answer,
    IntentKind::HangUp,
    IntentKind::Hold,
    IntentKind::Retrieve,
    IntentKind::Consult,
    IntentKind::CancelConsult,
    IntentKind::Transfer,
    IntentKind::BlindTransfer,
    IntentKind::Merge,
    IntentKind::SendDtmf,
    IntentKind::Record,
    IntentKind::GoReady,
    IntentKind::Pause,
    IntentKind::Withdraw,
    IntentKind::LogOn,
    IntentKind::LogOff,
    IntentKind::Callbacks,
    IntentKind::Queues,
    IntentKind::Statistics,
];

/// How the adapter is set up for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XucConfig {
    /// The user's agent, when sign-in told it; else learned from the first `AgentConfig`
    /// (or the first agent state on the user's line). Unknown, agent commands omit `agentid`,
    /// which XuC reads as the user's own agent.
    pub agent_id: Option<Id>,
    /// The user's line: where an agent logs on, and the profile's default device.
    pub phone_number: Option<String>,
    /// The pause reasons to offer (XuC's "not ready" statuses are server configuration, not
    /// protocol); the `reason` of `pauseAgent` and the `cause` of `AgentOnPause` carry the id.
    pub pause_reasons: Vec<Reason>,
}

/// The queue of outputs.
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

/// The XuC adapter of one user's desk.
#[derive(Debug, Clone)]
pub struct XucAdapter {
    config: XucConfig,
    out: Queue,
    next_transmit: u64,
    /// The user's agent, configured or learned.
    agent_id: Option<Id>,
    /// When the next ping is due; `None` before the socket opened.
    ping_due: Option<Instant>,
    /// Pings sent since the last frame received.
    missed_pings: u32,
    /// `LoggedOn` was received on the current socket.
    logged_on: bool,
    /// A screen pop waiting for its call.
    attached: Option<String>,
    extras: XucExtras,
}

impl XucAdapter {
    /// An adapter for `config`'s user.
    pub fn new(config: XucConfig) -> XucAdapter {
        XucAdapter {
            agent_id: config.agent_id,
            config,
            out: Queue::default(),
            next_transmit: 0,
            ping_due: None,
            missed_pings: 0,
            logged_on: false,
            attached: None,
            extras: XucExtras::default(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &XucConfig {
        &self.config
    }

    /// The user's agent, configured or learned.
    pub fn agent_id(&self) -> Option<Id> {
        self.agent_id
    }

    /// Whether the server said `LoggedOn` on the current socket.
    pub fn is_logged_on(&self) -> bool {
        self.logged_on
    }

    /// Pings sent since the last frame came in: the official client closes the socket when a
    /// third would go unanswered (the driver's call).
    pub fn missed_pings(&self) -> u32 {
        self.missed_pings
    }

    /// What XuC shows beyond the neutral desk.
    pub fn extras(&self) -> &XucExtras {
        &self.extras
    }

    fn frame(&mut self, command: &Command) {
        self.next_transmit += 1;
        self.out.0.push_back(AdapterOutput::Transmit(Transmit {
            id: TransmitId(self.next_transmit),
            payload: Payload::Frame(encode_command(command)),
        }));
    }

    /// What the official client asks for once logged on: the lists, the agents' states and
    /// configuration, the statistics, the callbacks and the current calls.
    fn subscribe(&mut self) {
        for command in [
            Command::GetList {
                object_type: "agent".into(),
            },
            Command::GetList {
                object_type: "agentgroup".into(),
            },
            Command::GetList {
                object_type: "queue".into(),
            },
            Command::GetConfig {
                object_type: "agent".into(),
            },
            Command::GetAgentDirectory,
            Command::SubscribeToAgentStats,
            Command::GetCallbackLists,
            Command::GetCallbackPreferredPeriods,
            Command::GetCurrentCallsPhoneEvents,
        ] {
            self.frame(&command);
        }
    }

    /// Whether an agent state is the user's: the agent id once known; before, a state on the
    /// user's line teaches it. `lone`: a single event (not a directory), taken when nothing
    /// tells (a socket of one agent).
    fn is_ours(&mut self, agent: Id, phone_nb: Option<&str>, lone: bool) -> bool {
        if let Some(ours) = self.agent_id {
            return agent == ours;
        }
        let on_our_line = match (self.config.phone_number.as_deref(), phone_nb) {
            (Some(ours), Some(theirs)) => ours == theirs,
            (Some(_), None) => false,
            (None, _) => lone,
        };
        if on_our_line {
            self.agent_id = Some(agent);
        }
        on_our_line
    }

    fn agent_state(&mut self, desk: &Desk, state: &AgentState, lone: bool) {
        if !self.is_ours(state.agent_id, state.phone_nb.as_deref(), lone) {
            return;
        }
        let report = events::agent_report(&mut self.out, state);
        self.out.update(Update::Agent(report));
        if let (AgentStateName::AgentOnCall, Some(monitor)) = (&state.name, &state.monitor_state) {
            events::recording(&mut self.out, desk, monitor);
        }
    }

    fn profile(&mut self) {
        let profile = events::profile(
            self.extras.config.as_ref(),
            self.extras.right_profile.as_ref(),
            self.config.phone_number.as_deref(),
        );
        self.out.update(Update::Profile(profile));
    }

    /// The callback requests (and their periods) as the desk shows them.
    fn callbacks_changed(&mut self) {
        self.out.update(Update::Callbacks(work::callbacks(
            &self.extras,
            self.agent_id,
        )));
        self.out
            .update(Update::CallbackPeriods(work::periods(&self.extras)));
    }

    fn queues_changed(&mut self) {
        self.out.update(Update::Queues(work::queues(&self.extras)));
    }

    fn handle_message(&mut self, now: Instant, desk: &Desk, message: ServerMessage) {
        match &message {
            ServerMessage::CallbackLists(_)
            | ServerMessage::CallbackTaken(_)
            | ServerMessage::CallbackReleased(_)
            | ServerMessage::CallbackClotured(_)
            | ServerMessage::CallbackRequestUpdated(_)
            | ServerMessage::CallbackStarted(_)
            | ServerMessage::AgentList(_) => {
                self.handle_extra(desk, message);
                self.callbacks_changed();
            }
            ServerMessage::AgentConfig(_) | ServerMessage::QueueMember(_) => {
                self.handle_extra(desk, message);
                self.queues_changed();
                // The agent may be known only now: its own callback requests with it.
                self.callbacks_changed();
            }
            ServerMessage::AgentStatistics(_) => {
                self.handle_extra(desk, message);
                if !self.extras.statistics().is_empty() {
                    let statistics = work::statistics(&self.extras, now);
                    self.out.update(Update::Statistics(statistics));
                }
            }
            ServerMessage::Unknown(unknown) => {
                let payload = unknown.cti_message.clone().unwrap_or_default();
                match unknown.msg_type.as_str() {
                    "QueueList" => {
                        self.extras.queues = extras::QueueInfo::list(&payload);
                        self.queues_changed();
                    }
                    // XuC's own client reads `PreferredCallbackPeriodList`; our simulator
                    // answered `CallbackPreferredPeriods` before: both are taken.
                    "PreferredCallbackPeriodList" | "CallbackPreferredPeriods" => {
                        self.extras.periods = serde_json::from_value(payload).unwrap_or_default();
                        self.callbacks_changed();
                    }
                    // The answer to a ping, statistics of queues, anything newer.
                    _ => {}
                }
            }
            _ => self.handle_extra(desk, message),
        }
    }

    fn handle_extra(&mut self, desk: &Desk, message: ServerMessage) {
        match message {
            ServerMessage::LoggedOn(_) => {
                self.logged_on = true;
                self.subscribe();
            }
            ServerMessage::LoggedOnError(error) => {
                self.logged_on = false;
                self.out.warn(Warning::RequestFailed {
                    what: "LoggedOn",
                    message: error.error.as_str().to_owned(),
                });
                self.out.0.push_back(AdapterOutput::SessionLost);
            }
            ServerMessage::RightProfile(rights) => {
                self.extras.right_profile = Some(rights);
                self.profile();
            }
            ServerMessage::AgentStateEvent(state) => self.agent_state(desk, &state, true),
            ServerMessage::AgentDirectory(directory) => {
                for entry in &directory.directory {
                    self.agent_state(desk, &entry.agent_state, false);
                }
            }
            ServerMessage::AgentError(error) => self.out.warn(Warning::RequestFailed {
                what: "agent command",
                message: error.describe(),
            }),
            ServerMessage::AgentConfig(config) => {
                if self.agent_id.is_none() {
                    self.agent_id = Some(config.id);
                }
                if Some(config.id) == self.agent_id {
                    self.extras.set_config(config);
                    self.profile();
                }
            }
            ServerMessage::AgentList(agents) => self.extras.agents = agents,
            ServerMessage::AgentGroupList(groups) => self.extras.groups = groups,
            ServerMessage::AgentListen(listen) => {
                if Some(listen.agent_id) == self.agent_id {
                    self.extras.listened = listen.started;
                }
            }
            ServerMessage::AgentStatistics(stats) => {
                if self.agent_id.is_none_or(|ours| ours == stats.id) {
                    self.extras.statistics_update(stats);
                }
            }
            ServerMessage::QueueMember(member) => {
                if self.agent_id.is_none_or(|ours| ours == member.agent_id) {
                    self.extras.queue_member(&member);
                }
            }
            ServerMessage::CallbackLists(lists) => self.extras.callback_lists(lists),
            ServerMessage::CallbackTaken(taken) => {
                self.extras
                    .callback_taken(&taken.uuid, Some(taken.agent_id));
            }
            ServerMessage::CallbackReleased(released) => {
                self.extras.callback_taken(&released.uuid, None);
            }
            ServerMessage::CallbackClotured(closed) => self.extras.callback_closed(&closed.uuid),
            ServerMessage::CallbackRequestUpdated(updated) => {
                self.extras.callback_updated(updated.request);
            }
            ServerMessage::CallbackStarted(started) => {
                self.extras
                    .callback_started(started.request_uuid, started.ticket_uuid);
            }
            ServerMessage::Sheet(sheet) => {
                events::sheet(&mut self.out, desk, &sheet, &mut self.attached);
                self.extras.sheet = Some(sheet);
            }
            ServerMessage::PhoneEvent(event) => {
                events::phone_event(&mut self.out, desk, &event, &mut self.attached);
            }
            ServerMessage::CurrentCallsPhoneEvents(current) => {
                self.out.update(events::snapshot(&current.events));
            }
            // Read by `handle_message`.
            ServerMessage::Unknown(_) => {}
        }
    }
}

impl Adapter for XucAdapter {
    fn capabilities(&self) -> Capabilities {
        Capabilities::of(CAPABILITIES)
    }

    fn send(
        &mut self,
        _now: Instant,
        _machine: &Machine,
        id: IntentId,
        intent: Intent,
    ) -> Result<(), Refusal> {
        let commands = match work::command(&self.extras, self.agent_id, &intent) {
            Some(command) => vec![command?],
            None => commands_for(self.agent_id, intent)?,
        };
        for command in &commands {
            self.frame(command);
        }
        // Commands get no reply: the intent is carried out once its frames are queued; the
        // events confirm it, or an `AgentError` warns.
        self.out.0.push_back(AdapterOutput::Outcome {
            intent: id,
            result: Ok(()),
        });
        Ok(())
    }

    fn handle_received(&mut self, now: Instant, desk: &Desk, bytes: &[u8]) {
        // Any frame answers the heartbeat, even one we cannot read.
        self.missed_pings = 0;
        match decode_message(bytes) {
            Ok(message) => self.handle_message(now, desk, message),
            Err(error) => self.out.warn(Warning::UndecodableEvent {
                message: error.to_string(),
            }),
        }
    }

    /// XuC has no HTTP answers on the socket: nothing to match.
    fn handle_answer(&mut self, _now: Instant, _desk: &Desk, _id: TransmitId, _: Answer<'_>) {}

    /// The socket (re)opened: the heartbeat starts, the reasons are offered, and the
    /// subscriptions wait for the server's `LoggedOn`, as the official client's do.
    fn resync(&mut self, now: Instant, _desk: &Desk) {
        self.logged_on = false;
        self.missed_pings = 0;
        self.ping_due = Some(now.saturating_add(PING_INTERVAL));
        self.out
            .update(Update::Reasons(self.config.pause_reasons.clone()));
    }

    fn poll_timeout(&self) -> Option<Instant> {
        self.ping_due
    }

    fn handle_timeout(&mut self, now: Instant, _desk: &Desk) {
        if self.ping_due.is_some_and(|due| now >= due) {
            self.frame(&Command::Ping);
            self.missed_pings = self.missed_pings.saturating_add(1);
            self.ping_due = Some(now.saturating_add(PING_INTERVAL));
        }
    }

    fn poll_output(&mut self) -> Option<AdapterOutput> {
        self.out.0.pop_front()
    }
}
