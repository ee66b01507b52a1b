//! The O2G front of the simulated contact centre: O2G requests decoded into the world's
//! commands or answered from its state, and every step of the world diffed into O2G events.
//!
//! [`Simulator`] is the world seen through O2G, sans-IO like the world: the same seed and
//! the same requests give the same event trace (the golden traces of `tests/sim_flows.rs`).
//! Events come out of [`Simulator::poll_event`] addressed to a login; the driver
//! (`sim_driver.rs`) publishes them on the O2G event hub.

mod decode;
mod diff;
mod reads;
mod request;
mod supervisor;
mod view;

use cti::o2g::directory::{ResultCode, ResultElement, SearchResult};
use cti::o2g::event::Event;
use cti::o2g::telephony::OnTelephonyState;

use crate::clock::Millis;
use crate::scenario::Scenario;
use crate::world::{Acted, Command, Front, LiveAgent, LiveCall, World, WorldError};

pub use diff::O2gFront;
pub use request::{ComlogFilter, SimReply, SimRequest};
pub use supervisor::RtiKind;

use decode::Decoded;

/// The simulated contact centre, spoken to in O2G, and through `X`, a second front on the
/// same world (the XuC front in the gateway; none in O2G's own tests).
pub struct Simulator<X = ()> {
    world: World<(O2gFront, X)>,
}

impl Simulator {
    /// A simulator for `scenario`, its randomness seeded with `seed`. Bots are logged on and
    /// ready at time 0; the first external call is scheduled from time 0.
    pub fn new(scenario: Scenario, seed: u64) -> Simulator {
        Simulator::with_front(scenario, seed, ())
    }
}

impl<X: Front> Simulator<X> {
    /// A simulator as [`Simulator::new`], its world also seen through `other`, which is told
    /// every step after the O2G front (so O2G's traces do not depend on it).
    pub fn with_front(scenario: Scenario, seed: u64, other: X) -> Simulator<X> {
        Simulator {
            world: World::new(scenario, seed, (O2gFront::default(), other)),
        }
    }

    /// The world, to act on it through the other front.
    pub fn world_mut(&mut self) -> &mut World<(O2gFront, X)> {
        &mut self.world
    }

    /// Sets the Unix time (ms) at which the world's clock read 0, so that O2G dates (comlog
    /// `beginDate`, `endDate`, `convDate` and the `afterDate`/`beforeDate` filters) are real
    /// UTC dates. A new simulator starts at 0, the Unix epoch, which keeps traces stable.
    pub fn set_epoch(&mut self, epoch_unix_ms: u64) {
        self.world.front_mut().0.epoch_unix_ms = epoch_unix_ms;
    }

    /// Overrides the traffic rate (calls per minute over all pilots; 0 stops the traffic).
    pub fn set_calls_per_minute(&mut self, rate: f64) {
        self.world.set_calls_per_minute(rate);
    }

    /// The world behind the front.
    pub fn world(&self) -> &World<(O2gFront, X)> {
        &self.world
    }

    /// The scenario the simulator runs.
    pub fn scenario(&self) -> &Scenario {
        self.world.scenario()
    }

    /// The simulator's time (the latest `now` it was given).
    pub fn now(&self) -> Millis {
        self.world.now()
    }

    /// Runs every timer (traffic, bots, patience, wrap-up) due up to `now`, in time order.
    pub fn advance(&mut self, now: Millis) {
        self.world.advance(now);
    }

    /// When the next timer is due, if any.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.world.next_deadline()
    }

    /// The next event to publish, with the login it concerns.
    pub fn poll_event(&mut self) -> Option<(String, Event)> {
        self.world.front_mut().0.poll_event()
    }

    /// The last session of `login` ended without a log-off (closed, or expired past its
    /// time-to-live): a logged-on agent stops taking ACD calls (`Command::SessionEnded`).
    /// Nothing happens to other users.
    pub fn session_ended(&mut self, now: Millis, login: &str) {
        if self.world.centre().agent(login).is_some() {
            // An agent may always be told; nothing to refuse.
            let _ = self.world.act(now, login, Command::SessionEnded);
        }
        // Nobody is left to hear a supervisor's RTI or pilot events.
        self.world.front_mut().0.supervisor.forget(login);
    }

    /// Places an external call on `pilot` now, from `caller` (random when absent).
    pub fn inject_call(
        &mut self,
        now: Millis,
        pilot: &str,
        caller: Option<&str>,
    ) -> Result<String, WorldError> {
        self.world.inject_call(now, pilot, caller)
    }

    /// The live calls.
    pub fn live_calls(&self) -> Vec<LiveCall> {
        self.world.live_calls()
    }

    /// Every agent and its state.
    pub fn live_agents(&self) -> Vec<LiveAgent> {
        self.world.live_agents()
    }

    /// Handles one O2G request of the user `login` at `now` (timers due before run first).
    pub fn handle_request(
        &mut self,
        now: Millis,
        login: &str,
        request: SimRequest,
    ) -> Result<SimReply, WorldError> {
        self.world.advance(now);
        if !self.world.is_user(login) {
            return Err(WorldError::NotAllowed(format!(
                "{login} is not a user of the PBX"
            )));
        }
        let epoch = self.world.front().0.epoch_unix_ms;
        match decode::decode(request, epoch)? {
            Decoded::Command(command) => Ok(match self.world.act(now, login, command)? {
                Acted::CallMade(reference) => SimReply::Created(reference),
                _ => SimReply::Done,
            }),
            Decoded::Read(request) => reads::read(&self.world.centre(), epoch, login, request),
            Decoded::Front(request) => self.front_request(login, request),
        }
    }

    /// The requests the O2G front answers alone: snapshots and directory searches.
    fn front_request(&mut self, login: &str, request: SimRequest) -> Result<SimReply, WorldError> {
        let world = self.world.centre();
        let event = match request {
            SimRequest::TelephonySnapshot => Event::OnTelephonyState(OnTelephonyState {
                login_name: login.to_owned(),
                state: Some(view::telephonic_state(&world, login)),
            }),
            SimRequest::AgentSnapshot => {
                Event::OnAgentStateChanged(cti::o2g::agent::OnAgentStateChanged {
                    login_name: login.to_owned(),
                    state: view::agent_state_of(reads::agent(&world, login)?),
                })
            }
            SimRequest::RoutingSnapshot => {
                Event::OnRoutingStateChanged(cti::o2g::routing::OnRoutingStateChanged {
                    login_name: login.to_owned(),
                    routing_state: reads::routing_state(&world, login),
                })
            }
            SimRequest::Search(search) => {
                let limit = match search.limit {
                    None => 100,
                    Some(limit) if (1..=100).contains(&limit) => {
                        usize::try_from(limit).unwrap_or(100)
                    }
                    Some(limit) => {
                        return Err(WorldError::BadParameter(format!(
                            "limit {limit} is not within 1..100"
                        )))
                    }
                };
                let contacts = reads::directory(&world)
                    .into_iter()
                    .filter(|c| reads::matches(&search.filter, c))
                    .take(limit)
                    .collect();
                let front = &mut self.world.front_mut().0;
                front.searches.insert(login.to_owned(), contacts);
                return Ok(SimReply::Created(String::new()));
            }
            SimRequest::SearchResults => {
                let front = &mut self.world.front_mut().0;
                // First read: all results (OK); then FINISH, as the polling loop expects.
                let Some(contacts) = front.searches.get_mut(login).map(std::mem::take) else {
                    return Err(WorldError::NotExpected("No search in progress".into()));
                };
                return Ok(SimReply::SearchResult(if contacts.is_empty() {
                    SearchResult {
                        result_code: Some(ResultCode::Finish),
                        result_elements: Vec::new(),
                    }
                } else {
                    SearchResult {
                        result_code: Some(ResultCode::Ok),
                        result_elements: vec![ResultElement { contacts }],
                    }
                }));
            }
            SimRequest::CancelSearch => {
                self.world.front_mut().0.searches.remove(login);
                return Ok(SimReply::Done);
            }
            _ => return Err(WorldError::NotExpected("Not a front request".into())),
        };
        self.world
            .front_mut()
            .0
            .events
            .push_back((login.to_owned(), event));
        Ok(SimReply::Done)
    }
}

#[cfg(test)]
mod tests;
