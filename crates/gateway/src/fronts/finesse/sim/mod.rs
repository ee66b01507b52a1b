//! The Finesse connector on the simulated world: connector commands decoded into the world's
//! commands or answered from its state ([`commands`]), and every step of the world diffed
//! into connector events ([`FinesseFront`]): `State`, the dialog events, and for the clients
//! that spoke to the connector their queue statistics, team, outbound preview offers and
//! personal callbacks. Sans-IO like the world; the driver (`sim_driver.rs`) pumps
//! [`FinesseFront::poll_event`] into the Finesse hub, to the agents' topics.
//!
//! What the world has no notion of stays here: preview offers (the open callback requests of
//! the agent's queues, offered while it is ready), personal callbacks scheduled at a time,
//! mobile agents' connections to their phones, the consultation a `Conferencecall` makes.
//! What they do to the world (take a request, call a number, merge, answer) the front asks
//! for as [`Reaction`]s, carried out by [`settle`] after the step that caused them.

pub mod commands;
pub mod view;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use cti::finesse::{encode_event, DialogState, DialogStatus, Event, EventMessage, Listing, Record};

use crate::clock::Millis;
use crate::world::{CallbackSim, Centre, Command, Front, LegState, Part, Step, World};
use view::{AgentView, DialogView, Kind, Tag};

/// At most this many ended dialogs are remembered per user (to schedule a callback or
/// reclassify after the call).
const RECENT_DIALOGS: usize = 20;

/// A rejected personal callback comes back after this long.
pub const CALLBACK_RETRY_MS: Millis = 5 * 60_000;

/// A mobile agent's phone: how the simulator reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mobile {
    /// The number the simulator calls.
    pub dial_number: String,
    /// Nailed (one call for the session) or call by call.
    pub nailed: bool,
    /// The nailed connection's call.
    pub connection: Option<String>,
    /// Call by call: the call to the phone for each customer call, by customer call.
    pub legs: BTreeMap<String, String>,
}

/// A `Conferencecall` under way: the consultation to the second agent, merged with the main
/// call when it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Conference {
    login: String,
    main: String,
    consult: String,
}

/// A personal callback scheduled by `SHCEDULECALLBACK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// Its offer's dialog id (`callback-<n>`).
    pub id: String,
    /// The agent.
    pub login: String,
    /// The dialog it was scheduled from.
    pub dialog_id: String,
    /// When it is due (Unix ms).
    pub at_unix_ms: u64,
    /// The time as the client wrote it.
    pub time: String,
    /// The number to call back.
    pub number: String,
}

/// Where an offer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An open callback request of the world (the campaign's record).
    Preview(String),
    /// A personal callback of the front, by its id.
    Callback(String),
}

/// An offer made to an agent: a `DialogStatus` it accepts, rejects or closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// What is offered.
    pub source: Source,
    /// The dialog as told (state ALERTING).
    pub dialog: DialogStatus,
}

/// What the front asks of the world after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Reaction {
    /// `login` does `command`.
    Act {
        /// Who.
        login: String,
        /// What.
        command: Command,
    },
    /// Call a call-by-call mobile agent's phone for `customer`, ringing at it.
    CallPhone {
        /// The agent.
        login: String,
        /// The customer's call.
        customer: String,
    },
}

/// The world seen through the Finesse connector.
#[derive(Debug, Default)]
pub struct FinesseFront {
    /// Unix time (ms) at which the world's clock read 0, for dates and callback times.
    pub epoch_unix_ms: u64,
    /// Logins that spoke to the connector: they are told their events.
    known: BTreeSet<String>,
    views: BTreeMap<String, AgentView>,
    dialogs: BTreeMap<String, BTreeMap<String, DialogView>>,
    tags: BTreeMap<String, Tag>,
    pending_tags: BTreeMap<String, Tag>,
    seen: BTreeSet<String>,
    extensions: BTreeMap<String, String>,
    logout_reasons: BTreeMap<String, String>,
    mobile: BTreeMap<String, Mobile>,
    conferences: Vec<Conference>,
    offers: BTreeMap<String, Offer>,
    rejected: BTreeMap<String, BTreeSet<String>>,
    callbacks: Vec<Scheduled>,
    next_callback: u64,
    recent: BTreeMap<String, VecDeque<(String, DialogView)>>,
    reclassified: BTreeMap<String, String>,
    queue_lists: BTreeMap<String, String>,
    team_lists: BTreeMap<String, String>,
    events: VecDeque<(String, String)>,
    reactions: VecDeque<Reaction>,
}

impl FinesseFront {
    /// The next event to publish: the login whose topic it goes to, and its text.
    pub fn poll_event(&mut self) -> Option<(String, String)> {
        self.events.pop_front()
    }

    /// Tells `event` to `login` (on its topic, starting with its id).
    pub fn tell(&mut self, login: &str, event: Event) {
        let message = EventMessage {
            login_id: login.to_owned(),
            event,
        };
        match encode_event(&message) {
            Ok(text) => self.events.push_back((login.to_owned(), text)),
            Err(error) => tracing::warn!(%login, %error, "a Finesse event could not be written"),
        }
    }

    /// The personal callbacks scheduled.
    pub fn callbacks(&self) -> &[Scheduled] {
        &self.callbacks
    }

    /// The offer `login` has now.
    pub fn offer(&self, login: &str) -> Option<&Offer> {
        self.offers.get(login)
    }

    /// `login`'s dialogs as last shown.
    pub fn dialogs_of(&self, login: &str) -> Option<&BTreeMap<String, DialogView>> {
        self.dialogs.get(login)
    }

    /// `login`'s state as last shown.
    pub fn view(&self, login: &str) -> Option<&AgentView> {
        self.views.get(login)
    }

    /// A dialog of `login`, live or recently ended (`DROPPED` then).
    fn any_dialog(&self, login: &str, dialog: &str) -> Option<(DialogView, bool)> {
        if let Some(view) = self.dialogs.get(login).and_then(|d| d.get(dialog)) {
            return Some((view.clone(), true));
        }
        self.recent
            .get(login)?
            .iter()
            .find(|(id, _)| id == dialog)
            .map(|(_, view)| (view.clone(), false))
    }

    /// The next call `login` places gets `tag`.
    fn tag_next_call(&mut self, login: &str, kind: Kind, call_type: &'static str, hidden: bool) {
        self.pending_tags.insert(
            login.to_owned(),
            Tag {
                login: login.to_owned(),
                hidden,
                kind,
                call_type,
            },
        );
    }

    /// The whole diff: dialogs, states, lists, conferences, mobile phones, offers.
    fn observe(&mut self, world: &Centre<'_>) {
        let refs: BTreeSet<String> = world.calls().map(|c| c.reference.clone()).collect();
        for call in world.calls().filter(|c| !self.seen.contains(&c.reference)) {
            let caller = call.parties.iter().find_map(|p| {
                p.endpoint
                    .login()
                    .filter(|l| self.pending_tags.contains_key(*l))
                    .filter(|_| p.side == crate::world::Side::Caller)
            });
            if let Some(login) = caller.map(str::to_owned) {
                if let Some(tag) = self.pending_tags.remove(&login) {
                    self.tags.insert(call.reference.clone(), tag);
                }
            }
        }
        let dialogs = view::dialogs(world, &self.tags);
        let mut logins: Vec<String> = dialogs.keys().chain(self.dialogs.keys()).cloned().collect();
        logins.sort();
        logins.dedup();
        let empty = BTreeMap::new();
        for login in &logins {
            let before = self.dialogs.get(login).unwrap_or(&empty).clone();
            let now = dialogs.get(login).unwrap_or(&empty);
            let known = self.known.contains(login);
            for (id, old) in &before {
                if now.contains_key(id) {
                    continue;
                }
                let recent = self.recent.entry(login.clone()).or_default();
                recent.push_front((id.clone(), old.clone()));
                recent.truncate(RECENT_DIALOGS);
                if known {
                    self.tell(login, dialog_event(id, old, DialogState::Dropped));
                }
            }
            if known {
                for (id, view) in now {
                    match before.get(id) {
                        Some(old) if old == view => {}
                        Some(_) => self.tell(login, dialog_event(id, view, view.state.clone())),
                        None if view.kind == Kind::Inbound
                            && view.state == DialogState::Alerting =>
                        {
                            self.tell(
                                login,
                                Event::NewInboundCall(cti::finesse::NewInboundCall {
                                    from_address: view.from.clone(),
                                    to_address: view.to.clone(),
                                    dialog_id: id.clone(),
                                }),
                            );
                        }
                        None => self.tell(login, dialog_event(id, view, view.state.clone())),
                    }
                }
            }
        }
        self.dialogs = dialogs;
        let mut changed = false;
        for agent in world.agents() {
            let view = view::agent_view(
                world,
                agent,
                self.dialogs.get(&agent.login),
                self.extensions.get(&agent.login).map(String::as_str),
                self.logout_reasons.get(&agent.login).map(String::as_str),
            );
            if self
                .views
                .get(&agent.login)
                .is_some_and(|old| old.same(&view))
            {
                continue;
            }
            changed = true;
            self.views.insert(agent.login.clone(), view);
            if self.known.contains(&agent.login) {
                self.tell_state(world, &agent.login);
            }
        }
        if changed || refs != self.seen {
            self.tell_lists(world);
        }
        self.tags.retain(|reference, _| refs.contains(reference));
        self.seen = refs;
        self.watch_conferences(world);
        self.watch_phones(world);
        self.refresh_offers(world);
    }

    /// Tells `login` its `State` as last shown.
    fn tell_state(&mut self, world: &Centre<'_>, login: &str) {
        if let Some(view) = self.views.get(login) {
            let state = view::state_event(world, login, view, self.epoch_unix_ms);
            self.tell(login, Event::State(state));
        }
    }

    /// Queue statistics to the known agents and supervisors, and team users to the known
    /// supervisors, when they changed since they were last told.
    fn tell_lists(&mut self, world: &Centre<'_>) {
        if self.known.is_empty() {
            return;
        }
        let stats = view::queue_stats(world, &self.views, &self.dialogs);
        let known: Vec<String> = self.known.iter().cloned().collect();
        for login in known {
            let Some(agent) = world.agent(&login) else {
                continue;
            };
            let queues = view::queue_list(world, agent, &stats);
            let event = Event::QueueList(queues);
            let text = format!("{event:?}");
            if self.queue_lists.get(&login) != Some(&text) {
                self.queue_lists.insert(login.clone(), text);
                self.tell(&login, event);
            }
            if agent.supervisor {
                let users = view::team_users(world, agent, &self.views, self.epoch_unix_ms);
                let event = Event::TeamUsersList(users);
                let text = format!("{event:?}");
                if self.team_lists.get(&login) != Some(&text) {
                    self.team_lists.insert(login.clone(), text);
                    self.tell(&login, event);
                }
            }
        }
    }

    /// A `Conferencecall`'s second agent answered: merge.
    fn watch_conferences(&mut self, world: &Centre<'_>) {
        let mut reactions = Vec::new();
        self.conferences.retain(|conference| {
            let (Some(consult), Some(_)) = (
                world.call(&conference.consult),
                world.call(&conference.main),
            ) else {
                return false;
            };
            let answered = consult.parties.iter().any(|p| {
                !p.supervising
                    && p.endpoint.login() != Some(conference.login.as_str())
                    && p.state == LegState::Active
            });
            if answered {
                reactions.push(Reaction::Act {
                    login: conference.login.clone(),
                    command: Command::Merge {
                        active: conference.consult.clone(),
                        held: conference.main.clone(),
                    },
                });
            }
            !answered
        });
        self.reactions.extend(reactions);
    }

    /// Call-by-call mobile agents: their phone is called for each customer call ringing at
    /// them, the customer call answered when the phone answers, the phone's call dropped
    /// when the customer's ends.
    fn watch_phones(&mut self, world: &Centre<'_>) {
        let mut reactions = Vec::new();
        for (login, mobile) in &mut self.mobile {
            if mobile.nailed {
                continue;
            }
            let dialogs = self.dialogs.get(login);
            mobile.legs.retain(|customer, leg| {
                let customer_live = dialogs.is_some_and(|d| d.contains_key(customer));
                if !customer_live {
                    if world.call(leg).is_some() {
                        reactions.push(Reaction::Act {
                            login: login.clone(),
                            command: Command::DropMe { call: leg.clone() },
                        });
                    }
                    return false;
                }
                let phone_answered = world.call(leg).is_some_and(|c| {
                    c.parties
                        .iter()
                        .any(|p| p.endpoint.login().is_none() && p.state == LegState::Active)
                });
                let ringing = dialogs
                    .and_then(|d| d.get(customer))
                    .filter(|d| d.state == DialogState::Alerting && d.kind == Kind::Inbound);
                if let (true, Some(ringing)) = (phone_answered, ringing) {
                    reactions.push(Reaction::Act {
                        login: login.clone(),
                        command: Command::Answer {
                            call: customer.clone(),
                            device: ringing.device.clone(),
                        },
                    });
                }
                true
            });
            for (id, dialog) in dialogs.into_iter().flatten() {
                if dialog.kind == Kind::Inbound
                    && dialog.state == DialogState::Alerting
                    && !mobile.legs.contains_key(id)
                {
                    mobile.legs.insert(id.clone(), String::new());
                    reactions.push(Reaction::CallPhone {
                        login: login.clone(),
                        customer: id.clone(),
                    });
                }
            }
        }
        self.reactions.extend(reactions);
    }

    /// Offers to the known agents: a due personal callback when logged on and idle, else
    /// an open callback request of its queues (the preview campaign) when ready and idle;
    /// an offer no longer valid is withdrawn (`DROPPED`).
    fn refresh_offers(&mut self, world: &Centre<'_>) {
        let now_unix = self.epoch_unix_ms.saturating_add(world.now());
        let known: Vec<String> = self.known.iter().cloned().collect();
        for login in known {
            let Some(agent) = world.agent(&login) else {
                continue;
            };
            let logged = agent.logged.as_ref();
            let idle = logged.is_some() && self.dialogs.get(&login).is_none_or(BTreeMap::is_empty);
            let ready = logged.is_some_and(|l| l.activity == crate::world::Activity::Ready);
            if let Some(offer) = self.offers.get(&login) {
                let valid = idle
                    && match &offer.source {
                        Source::Preview(uuid) => ready && open_request(world, uuid).is_some(),
                        Source::Callback(id) => self.callbacks.iter().any(|c| &c.id == id),
                    };
                if !valid {
                    self.withdraw_offer(&login, "WITHDRAWN");
                }
            }
            if self.offers.contains_key(&login) || !idle {
                continue;
            }
            let due = self
                .callbacks
                .iter()
                .find(|c| c.login == login && c.at_unix_ms <= now_unix)
                .cloned();
            let offer = match due {
                Some(callback) => Some(callback_offer(&callback, agent)),
                None if ready => self
                    .preview_candidate(world, &login)
                    .map(|request| preview_offer(world, request)),
                None => None,
            };
            if let Some(offer) = offer {
                self.tell(&login, Event::DialogStatus(offer.dialog.clone()));
                self.offers.insert(login.clone(), offer);
            }
        }
    }

    /// The first open request of `login`'s queues it did not reject and nobody else is
    /// offered.
    fn preview_candidate<'a>(&self, world: &Centre<'a>, login: &str) -> Option<&'a CallbackSim> {
        let agent = world.agent(login)?;
        let rejected = self.rejected.get(login);
        let mut open: Vec<&CallbackSim> = world
            .callbacks()
            .filter(|c| c.taken_by.is_none())
            .filter(|c| rejected.is_none_or(|r| !r.contains(&c.uuid)))
            .filter(|c| {
                !self
                    .offers
                    .values()
                    .any(|o| o.source == Source::Preview(c.uuid.clone()))
            })
            .filter(|c| {
                world
                    .scenario()
                    .callbacks
                    .get(c.list)
                    .is_some_and(|list| world.penalty(&agent.login, &list.pilot).is_some())
            })
            .collect();
        open.sort_by(|a, b| (&a.due_date, &a.uuid).cmp(&(&b.due_date, &b.uuid)));
        open.into_iter().next()
    }

    /// Ends `login`'s offer: `DROPPED`, with why in its variables.
    fn withdraw_offer(&mut self, login: &str, outcome: &str) -> Option<Offer> {
        let offer = self.offers.remove(login)?;
        let mut dialog = offer.dialog.clone();
        dialog.state = DialogState::Dropped;
        dialog
            .variables
            .pairs
            .push(("outcome".to_owned(), outcome.to_owned()));
        self.tell(login, Event::DialogStatus(dialog));
        Some(offer)
    }

    fn take_reactions(&mut self) -> Vec<Reaction> {
        self.reactions.drain(..).collect()
    }
}

/// The request `uuid` when it is open and nobody took it.
fn open_request<'a>(world: &Centre<'a>, uuid: &str) -> Option<&'a CallbackSim> {
    world
        .callbacks()
        .find(|c| c.uuid == uuid && c.taken_by.is_none())
}

/// The offer of an open callback request: `OUTBOUND_PREVIEW` from the campaign's pilot to
/// the customer, with Finesse's outbound variables.
fn preview_offer(world: &Centre<'_>, request: &CallbackSim) -> Offer {
    let list = world.scenario().callbacks.get(request.list);
    let def = list.and_then(|l| l.requests.get(request.request));
    let clean = |v: &str| view::clean(v);
    let mut pairs = vec![
        (
            "BACampaign".to_owned(),
            clean(list.map_or("", |l| l.name.as_str())),
        ),
        ("BAAccountNumber".to_owned(), request.uuid.clone()),
        (
            "BABuddyName".to_owned(),
            clean(&def.map_or_else(String::new, |d| format!("{} {}", d.first_name, d.last_name))),
        ),
        ("BAStatus".to_owned(), "PREVIEW".to_owned()),
    ];
    if let Some(company) = def.and_then(|d| d.company.as_deref()) {
        pairs.push(("company".to_owned(), clean(company)));
    }
    if let Some(description) = def.and_then(|d| d.description.as_deref()) {
        pairs.push(("description".to_owned(), clean(description)));
    }
    Offer {
        source: Source::Preview(request.uuid.clone()),
        dialog: DialogStatus {
            dialog_id: format!("preview-{}", request.uuid),
            state: DialogState::Alerting,
            call_type: "OUTBOUND_PREVIEW".to_owned(),
            from_address: list.map(|l| l.pilot.clone()).unwrap_or_default(),
            to_address: def.map(|d| d.number.clone()).unwrap_or_default(),
            variables: Record { pairs },
        },
    }
}

/// The offer of a due personal callback.
fn callback_offer(callback: &Scheduled, agent: &crate::world::AgentSim) -> Offer {
    Offer {
        source: Source::Callback(callback.id.clone()),
        dialog: DialogStatus {
            dialog_id: callback.id.clone(),
            state: DialogState::Alerting,
            call_type: "OUTBOUND_PERSONAL_CALLBACK_PREVIEW".to_owned(),
            from_address: agent.number.clone(),
            to_address: callback.number.clone(),
            variables: Record::new([
                ("callbackTime", view::clean(&callback.time)),
                ("callbackNumber", callback.number.clone()),
                ("originalDialogId", callback.dialog_id.clone()),
            ]),
        },
    }
}

/// The event telling `view` of dialog `id` in `state`.
fn dialog_event(id: &str, view: &DialogView, state: DialogState) -> Event {
    let status = cti::finesse::CallStatus {
        state,
        dialog_id: id.to_owned(),
        address: view.address().to_owned(),
    };
    match view.kind {
        Kind::Inbound => Event::InboundCall(status),
        Kind::Outbound => Event::OutboundCall(status),
        Kind::Consult => Event::ConsultCall(status),
    }
}

/// `DialogStatus` of a dialog of a user, with `variables`.
fn dialog_status(id: &str, view: &DialogView, live: bool, variables: Record) -> DialogStatus {
    DialogStatus {
        dialog_id: id.to_owned(),
        state: if live {
            view.state.clone()
        } else {
            DialogState::Dropped
        },
        call_type: view.call_type.to_owned(),
        from_address: view.from.clone(),
        to_address: view.to.clone(),
        variables,
    }
}

/// An empty listing is the "no data found" marker.
fn listing<T>(entries: Vec<T>) -> Listing<T> {
    if entries.is_empty() {
        Listing::NotFound
    } else {
        Listing::Found(entries)
    }
}

impl<O> Part<FinesseFront> for (O, FinesseFront) {
    fn part(&self) -> &FinesseFront {
        &self.1
    }
    fn part_mut(&mut self) -> &mut FinesseFront {
        &mut self.1
    }
}

/// The connector after another front (the gateway's: XuC, then the Finesse connector).
impl<O, X> Part<FinesseFront> for (O, (X, FinesseFront)) {
    fn part(&self) -> &FinesseFront {
        &self.1 .1
    }
    fn part_mut(&mut self) -> &mut FinesseFront {
        &mut self.1 .1
    }
}

impl Front for FinesseFront {
    fn start(&mut self, world: &Centre<'_>) {
        self.dialogs = view::dialogs(world, &self.tags);
        self.seen = world.calls().map(|c| c.reference.clone()).collect();
        for agent in world.agents() {
            let view = view::agent_view(world, agent, self.dialogs.get(&agent.login), None, None);
            self.views.insert(agent.login.clone(), view);
        }
    }

    fn step(&mut self, world: &Centre<'_>, _step: &Step) {
        self.observe(world);
    }
}

/// Carries out what the front asked of the world since the last call, and refreshes the
/// offers (a personal callback may have come due without any step): run after every
/// operation on the world.
pub fn settle<W: Front + Part<FinesseFront>>(world: &mut World<W>) {
    let now = world.now();
    world.with_front(|front, centre| front.part_mut().refresh_offers(centre));
    // Each reaction may cause more; a few rounds settle any of them.
    for _ in 0..8 {
        let reactions = world.front_mut().part_mut().take_reactions();
        if reactions.is_empty() {
            return;
        }
        for reaction in reactions {
            match reaction {
                Reaction::Act { login, command } => {
                    if let Err(error) = world.act(now, &login, command) {
                        tracing::debug!(%login, %error, "a Finesse reaction was refused");
                    }
                }
                Reaction::CallPhone { login, customer } => {
                    call_phone(world, now, &login, &customer)
                }
            }
        }
    }
}

/// Calls a call-by-call mobile agent's phone for the customer call ringing at it.
fn call_phone<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    customer: &str,
) {
    let Some(number) = world.centre().agent(login).map(|a| a.number.clone()) else {
        return;
    };
    let Some(dial) = world
        .front()
        .part()
        .mobile
        .get(login)
        .map(|m| m.dial_number.clone())
    else {
        return;
    };
    world
        .front_mut()
        .part_mut()
        .tag_next_call(login, Kind::Outbound, "AGENT_INSIDE", true);
    let made = world.act(
        now,
        login,
        Command::MakeCall {
            device: number,
            callee: dial,
        },
    );
    let front = world.front_mut().part_mut();
    front.pending_tags.remove(login);
    if let (Ok(crate::world::Acted::CallMade(leg)), Some(mobile)) =
        (made, front.mobile.get_mut(login))
    {
        mobile.legs.insert(customer.to_owned(), leg);
    }
}

#[cfg(test)]
mod tests;
