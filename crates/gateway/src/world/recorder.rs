//! The world's memory: what every agent did and where every call went, as the neutral report
//! model ([`cti::report`]) describes it.
//!
//! The recorder watches the world the way a front does: after every step it compares the
//! state the step left with what it saw last, and writes what opened and closed as
//! [`HistoryRecord`]s (presence, workload and interaction activities per agent; journey
//! steps per call). It keeps no history itself: the gateway drains the records into its
//! database (`crate::history`). Like the rest of the world it does no I/O and reads no clock.

use std::collections::BTreeMap;

use cti::report::{
    ActivityKind, ActivityReason, AgentActivity, DeviceType, Direction, Interaction,
    InteractionCategory, InteractionStatus, JourneyStep, LegOrigin, Presence, PresenceCategory,
    Workload,
};

use super::centre::{Centre, Step};
use super::model::{Activity, AgentSim, Cause, Endpoint, LegState, Party, Side, SimCall};
use crate::clock::Millis;

/// Something that opened or closed, for the history database. Keys are the recorder's own,
/// unique in one run.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryRecord {
    /// An activity began (its `duration` is `None`).
    Opened {
        /// Names it in the `Closed` that ends it.
        key: u64,
        /// The activity.
        activity: AgentActivity,
    },
    /// An activity ended at `end` (Unix ms); an interaction activity takes `status`.
    Closed {
        /// The activity's key.
        key: u64,
        /// When it ended.
        end: u64,
        /// The interaction's status then, for interaction activities.
        status: Option<InteractionStatus>,
    },
    /// The call behind the interaction `guid` ended: its activities are `Completed`.
    InteractionEnded {
        /// The interaction.
        guid: String,
    },
    /// A call reached a device.
    StepOpened {
        /// Names it in the `StepClosed` that ends it.
        key: u64,
        /// The journey (the interaction's guid).
        journey: String,
        /// The step, `start` set, `duration` `None`.
        step: JourneyStep,
    },
    /// A call left a device at `end` (Unix ms).
    StepClosed {
        /// The step's key.
        key: u64,
        /// When.
        end: u64,
    },
}

/// An agent's part in a call, as last seen.
#[derive(Debug, Clone)]
struct Leg {
    key: u64,
    login: String,
    call: String,
    category: InteractionCategory,
    reason: Option<ActivityReason>,
    interaction: Interaction,
}

/// A call's journey, as last seen.
#[derive(Debug, Clone)]
struct Journey {
    guid: String,
    /// The open step: its key and device.
    step: Option<(u64, String)>,
    /// The agents (logins) the call has reached so far.
    agents_seen: usize,
    /// Steps opened so far (the pilot's apart).
    steps: usize,
}

/// Watches the world and writes what happened.
#[derive(Debug)]
pub struct Recorder {
    /// Unix ms of the world's time 0.
    epoch: u64,
    next_key: u64,
    presence: BTreeMap<String, (u64, Presence)>,
    workload: BTreeMap<String, (u64, Workload)>,
    legs: BTreeMap<String, Leg>,
    wraps: BTreeMap<String, (u64, String)>,
    /// Each agent's latest ACD interaction, which its wrap-up belongs to.
    last_interaction: BTreeMap<String, Interaction>,
    journeys: BTreeMap<String, Journey>,
    out: Vec<HistoryRecord>,
}

impl Recorder {
    /// A recorder for a world whose time 0 is `epoch_unix_ms`.
    pub fn new(epoch_unix_ms: u64) -> Recorder {
        Recorder {
            epoch: epoch_unix_ms,
            next_key: 0,
            presence: BTreeMap::new(),
            workload: BTreeMap::new(),
            legs: BTreeMap::new(),
            wraps: BTreeMap::new(),
            last_interaction: BTreeMap::new(),
            journeys: BTreeMap::new(),
            out: Vec::new(),
        }
    }

    /// What was recorded since the last drain, in order.
    pub fn drain(&mut self) -> Vec<HistoryRecord> {
        std::mem::take(&mut self.out)
    }

    /// The interaction id of the call `reference` of this run: UUID-shaped, unique across
    /// runs (the run's epoch is in it; references restart at every start).
    pub fn guid(&self, reference: &str) -> String {
        guid(self.epoch, reference)
    }

    fn key(&mut self) -> u64 {
        self.next_key += 1;
        self.next_key
    }

    fn unix(&self, at: Millis) -> u64 {
        self.epoch.saturating_add(at)
    }

    fn open(&mut self, agent: &str, start: u64, kind: ActivityKind) -> u64 {
        let key = self.key();
        self.out.push(HistoryRecord::Opened {
            key,
            activity: AgentActivity {
                agent_id: agent.to_owned(),
                start,
                duration: None,
                kind,
            },
        });
        key
    }

    fn close(&mut self, key: u64, end: u64, status: Option<InteractionStatus>) {
        self.out.push(HistoryRecord::Closed { key, end, status });
    }

    /// Looks at the world after a step (or as it starts, with no step).
    pub fn observe(&mut self, world: &Centre<'_>, step: Option<&Step>) {
        let now = self.unix(world.now());
        let cause = step.and_then(|s| s.cause);
        self.observe_presence(world, now);
        self.observe_legs(world, now, cause);
        self.observe_wraps(world, now);
        self.observe_workload(world, now);
        self.observe_journeys(world, now);
    }

    fn observe_presence(&mut self, world: &Centre<'_>, now: u64) {
        for agent in world.agents() {
            let presence = presence_of(world, agent);
            match self.presence.get(&agent.login) {
                Some((_, open)) if *open == presence => {}
                previous => {
                    if let Some((key, _)) = previous.cloned() {
                        self.close(key, now, None);
                    }
                    let key =
                        self.open(&agent.login, now, ActivityKind::Presence(presence.clone()));
                    self.presence.insert(agent.login.clone(), (key, presence));
                }
            }
        }
    }

    fn observe_legs(&mut self, world: &Centre<'_>, now: u64, cause: Option<Cause>) {
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        for call in world.calls() {
            for party in &call.parties {
                let Some(login) = party.endpoint.login() else {
                    continue;
                };
                if world.agent(login).is_none() {
                    continue;
                }
                seen.insert(party.id.clone(), ());
                let (category, reason) = phase_of(party);
                let known = self.legs.get(&party.id).cloned();
                let interaction = match &known {
                    Some(leg) if leg.call == call.reference => {
                        if leg.category == category && leg.reason == reason {
                            continue;
                        }
                        self.close(leg.key, now, Some(InteractionStatus::Ongoing));
                        leg.interaction.clone()
                    }
                    Some(leg) => {
                        // The leg moved into another call (a transfer joined them): the
                        // agent now works on that call's interaction, received by transfer.
                        self.close(leg.key, now, Some(InteractionStatus::Ongoing));
                        self.interaction_for(call, LegOrigin::ColdTransfer)
                    }
                    None => {
                        let origin = origin_of(world, call, party, login, cause);
                        self.interaction_for(call, origin)
                    }
                };
                let kind = ActivityKind::Interaction(Interaction {
                    category,
                    reason,
                    status: InteractionStatus::Ongoing,
                    ..interaction.clone()
                });
                let key = self.open(login, now, kind);
                // The world wraps up after ACD calls only: the wrap belongs to the ACD call
                // the agent took, not to a consult it placed meanwhile.
                if call.acd.as_ref().and_then(|a| a.agent.as_deref()) == Some(login) {
                    self.last_interaction
                        .insert(login.to_owned(), interaction.clone());
                }
                self.legs.insert(
                    party.id.clone(),
                    Leg {
                        key,
                        login: login.to_owned(),
                        call: call.reference.clone(),
                        category,
                        reason,
                        interaction,
                    },
                );
            }
        }
        let gone: Vec<String> = self
            .legs
            .keys()
            .filter(|id| !seen.contains_key(*id))
            .cloned()
            .collect();
        for id in gone {
            let Some(leg) = self.legs.remove(&id) else {
                continue;
            };
            let call_alive = world.call(&leg.call).is_some();
            let status = if call_alive {
                InteractionStatus::Ongoing
            } else {
                InteractionStatus::Completed
            };
            self.close(leg.key, now, Some(status));
            if leg.category == InteractionCategory::Ringing && cause == Some(Cause::NotAnswered) {
                // Rang until the PBX gave up: an Unexpected activity marks it.
                let kind = ActivityKind::Interaction(Interaction {
                    category: InteractionCategory::Unexpected,
                    reason: Some(ActivityReason::NoAnswer),
                    status,
                    ..leg.interaction.clone()
                });
                let key = self.open(&leg.login, now, kind);
                self.close(key, now, Some(status));
            }
        }
    }

    fn interaction_for(&self, call: &SimCall, origin: LegOrigin) -> Interaction {
        Interaction {
            category: InteractionCategory::Connected,
            status: InteractionStatus::Ongoing,
            reason: None,
            guid: self.guid(&call.reference),
            medium: cti::vonage::MEDIUM_PHONE.to_owned(),
            medium_manager: cti::vonage::MEDIUM_MANAGER_VCC.to_owned(),
            direction: Direction::of_leg(origin),
            channel: None,
        }
    }

    fn observe_wraps(&mut self, world: &Centre<'_>, now: u64) {
        for agent in world.agents() {
            let wrapping = matches!(
                agent.logged.as_ref().map(|l| l.activity),
                Some(Activity::WrapUp { .. })
            );
            match (wrapping, self.wraps.get(&agent.login).cloned()) {
                (true, None) => {
                    let Some(interaction) = self.last_interaction.get(&agent.login).cloned() else {
                        continue;
                    };
                    let guid = interaction.guid.clone();
                    let kind = ActivityKind::Interaction(Interaction {
                        category: InteractionCategory::Wrap,
                        reason: None,
                        status: InteractionStatus::Ongoing,
                        ..interaction
                    });
                    let key = self.open(&agent.login, now, kind);
                    self.wraps.insert(agent.login.clone(), (key, guid));
                }
                (false, Some((key, _))) => {
                    self.close(key, now, Some(InteractionStatus::Completed));
                    self.wraps.remove(&agent.login);
                }
                _ => {}
            }
        }
    }

    fn observe_workload(&mut self, world: &Centre<'_>, now: u64) {
        for agent in world.agents() {
            let workload = agent.logged.as_ref().map(|_| Workload {
                calls: u32::try_from(
                    self.legs
                        .values()
                        .filter(|l| l.login == agent.login && l.reason.is_none())
                        .count(),
                )
                .unwrap_or(u32::MAX),
                semi_live: 0,
                non_live: 0,
            });
            let open = self.workload.get(&agent.login).cloned();
            if open.as_ref().map(|o| o.1) == workload {
                continue;
            }
            if let Some((key, _)) = open {
                self.close(key, now, None);
                self.workload.remove(&agent.login);
            }
            if let Some(workload) = workload {
                let key = self.open(&agent.login, now, ActivityKind::Workload(workload));
                self.workload.insert(agent.login.clone(), (key, workload));
            }
        }
    }

    fn observe_journeys(&mut self, world: &Centre<'_>, now: u64) {
        for call in world.calls() {
            if !self.journeys.contains_key(&call.reference) {
                let guid = self.guid(&call.reference);
                if let Some(acd) = &call.acd {
                    // The pilot step: from the call's creation until it queued.
                    let key = self.key();
                    let start = self.unix(call.created_at);
                    self.out.push(HistoryRecord::StepOpened {
                        key,
                        journey: guid.clone(),
                        step: JourneyStep {
                            call_id: guid.clone(),
                            device: acd.pilot.clone(),
                            device_type: DeviceType::Pilot,
                            description: format!("Pilot {}", acd.pilot),
                            start: Some(start),
                            duration: None,
                        },
                    });
                    let queued = self.unix(acd.queued_at).clamp(start, now);
                    self.out
                        .push(HistoryRecord::StepClosed { key, end: queued });
                }
                self.journeys.insert(
                    call.reference.clone(),
                    Journey {
                        guid,
                        step: None,
                        agents_seen: 0,
                        steps: 0,
                    },
                );
            }
            let Some(mut journey) = self.journeys.get(&call.reference).cloned() else {
                continue;
            };
            let Some((device, device_type, who)) = holder_of(world, call) else {
                continue;
            };
            if journey.step.as_ref().is_some_and(|(_, d)| *d == device) {
                continue;
            }
            if let Some((key, _)) = journey.step.take() {
                self.out.push(HistoryRecord::StepClosed { key, end: now });
            }
            let description = match (&device_type, who) {
                (DeviceType::Queue, _) => format!(
                    "Waiting for group {}",
                    call.acd.as_ref().map_or("", |a| a.group.as_str())
                ),
                (_, Some(login)) => {
                    journey.agents_seen += 1;
                    if journey.agents_seen > 1 {
                        format!("Transferred to {login}")
                    } else {
                        login
                    }
                }
                (_, None) => format!("Number {device}"),
            };
            // A first step began with the call (or when it queued), not when first seen.
            let start = match (&call.acd, &device_type) {
                (Some(acd), DeviceType::Queue) if journey.steps == 0 => {
                    self.unix(acd.queued_at).min(now)
                }
                (None, _) if journey.steps == 0 => self.unix(call.created_at).min(now),
                _ => now,
            };
            journey.steps += 1;
            let key = self.key();
            self.out.push(HistoryRecord::StepOpened {
                key,
                journey: journey.guid.clone(),
                step: JourneyStep {
                    call_id: journey.guid.clone(),
                    device: device.clone(),
                    device_type,
                    description,
                    start: Some(start),
                    duration: None,
                },
            });
            journey.step = Some((key, device));
            self.journeys.insert(call.reference.clone(), journey);
        }
        let ended: Vec<String> = self
            .journeys
            .keys()
            .filter(|r| world.call(r).is_none())
            .cloned()
            .collect();
        for reference in ended {
            if let Some(journey) = self.journeys.remove(&reference) {
                if let Some((key, _)) = journey.step {
                    self.out.push(HistoryRecord::StepClosed { key, end: now });
                }
                self.out
                    .push(HistoryRecord::InteractionEnded { guid: journey.guid });
            }
        }
    }
}

/// An agent's presence as the report model names it: Ready while it takes calls (busy and
/// wrap-up included: those are interactions, not presences), Away on pause or withdrawn (by
/// the group's configured reason), ExtendedAway outside any group, LoggedOut.
fn presence_of(world: &Centre<'_>, agent: &AgentSim) -> Presence {
    let presence = |category, name: &str, eligible| Presence {
        category,
        name: name.to_owned(),
        eligible_for_routing: eligible,
    };
    let Some(logged) = &agent.logged else {
        return presence(PresenceCategory::LoggedOut, "Logged Out", false);
    };
    match logged.activity {
        Activity::Ready | Activity::Busy | Activity::WrapUp { .. } => {
            presence(PresenceCategory::Ready, "Ready", true)
        }
        Activity::Pause => presence(PresenceCategory::Away, "Pause", false),
        Activity::Withdraw(reason) => {
            let label = logged
                .group
                .as_deref()
                .and_then(|g| world.withdraw_reasons(g))
                .and_then(|reasons| {
                    usize::try_from(reason)
                        .ok()
                        .and_then(|r| r.checked_sub(1))
                        .and_then(|r| reasons.get(r))
                })
                .cloned()
                .unwrap_or_else(|| format!("Withdrawn ({reason})"));
            // Vonage: Away is "commonly used for breaks", ExtendedAway for "meetings or lunch".
            let lower = label.to_lowercase();
            let category = if ["lunch", "meeting", "training"]
                .iter()
                .any(|long| lower.contains(long))
            {
                PresenceCategory::ExtendedAway
            } else {
                PresenceCategory::Away
            };
            presence(category, &label, false)
        }
        Activity::OutOfGroup => presence(PresenceCategory::ExtendedAway, "Out of group", false),
    }
}

/// The category (and reason) of a leg in its state: ringing is Ringing; dialling, talking
/// and holding are Connected (a hold is no park); a failed call the agent placed is Failed
/// (rejected). A supervisor in the call is Connected, `Monitor`.
fn phase_of(party: &Party) -> (InteractionCategory, Option<ActivityReason>) {
    if party.supervising {
        return (
            InteractionCategory::Connected,
            Some(ActivityReason::Monitor),
        );
    }
    match party.state {
        LegState::Ringing => (InteractionCategory::Ringing, None),
        LegState::Calling | LegState::Active | LegState::Held => {
            (InteractionCategory::Connected, None)
        }
        LegState::Releasing => (
            InteractionCategory::Failed,
            Some(ActivityReason::CallRejected),
        ),
    }
}

/// How the agent `login` came into `call` (its leg `party`), for the direction rules.
fn origin_of(
    world: &Centre<'_>,
    call: &SimCall,
    party: &Party,
    login: &str,
    cause: Option<Cause>,
) -> LegOrigin {
    if party.supervising {
        return LegOrigin::ReceivedInternal;
    }
    let others = call.parties.iter().filter(|p| p.id != party.id);
    if party.side == Side::Caller {
        let external = others
            .clone()
            .any(|p| matches!(p.endpoint, Endpoint::External { .. }))
            || world.login_of_number(&call.initial_called).is_none();
        return if external {
            LegOrigin::PlacedExternal
        } else {
            LegOrigin::PlacedInternal
        };
    }
    if call
        .acd
        .as_ref()
        .is_some_and(|a| a.agent.as_deref() == Some(login))
    {
        return LegOrigin::Queue;
    }
    let caller = call.parties.iter().find(|p| p.side == Side::Caller);
    match caller.map(|p| &p.endpoint) {
        Some(Endpoint::External { .. }) if cause == Some(Cause::Transferred) => {
            LegOrigin::ColdTransfer
        }
        Some(Endpoint::Device { login: from, .. }) => {
            // A call from an agent who holds another call is a consult.
            let consult = world.calls().any(|other| {
                other.reference != call.reference
                    && other.parties.iter().any(|p| {
                        p.endpoint.login() == Some(from.as_str()) && p.state == LegState::Held
                    })
            });
            if consult {
                LegOrigin::ConsultReceived
            } else {
                LegOrigin::ReceivedInternal
            }
        }
        _ => LegOrigin::ExternalCaller,
    }
}

/// Where `call` is now: its queue while queued; otherwise the device of the party that
/// joined last (not a supervisor, not the caller), or the caller's while it is alone. With
/// the login behind it, for descriptions.
fn holder_of(world: &Centre<'_>, call: &SimCall) -> Option<(String, DeviceType, Option<String>)> {
    if call.is_queued() {
        let acd = call.acd.as_ref()?;
        return Some((acd.group.clone(), DeviceType::Queue, None));
    }
    let party = call
        .parties
        .iter()
        .rev()
        .find(|p| !p.supervising && p.side == Side::Callee)
        .or_else(|| call.parties.iter().find(|p| !p.supervising))?;
    Some(match &party.endpoint {
        Endpoint::External { number } => (number.clone(), DeviceType::External, None),
        Endpoint::Device { number, login } => {
            let device_type = if world.agent(login).is_some() {
                DeviceType::AgentSet
            } else {
                DeviceType::Extension
            };
            (number.clone(), device_type, Some(login.clone()))
        }
    })
}

/// A UUID-shaped id from a run's epoch and a call reference (FNV-1a of the reference).
fn guid(epoch: u64, reference: &str) -> String {
    let hash = reference.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (epoch / 1000) & 0xffff_ffff,
        epoch % 1000,
        (hash >> 52) & 0x0fff,
        0x8000 | ((hash >> 36) & 0x3fff),
        hash & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_differ_between_runs_and_calls_and_look_like_uuids() {
        let a = guid(1_700_000_000_000, "1");
        assert_eq!(a.len(), 36);
        assert_eq!(a.matches('-').count(), 4);
        assert_ne!(a, guid(1_700_000_000_001, "1"));
        assert_ne!(a, guid(1_700_000_000_000, "2"));
        assert_eq!(a, guid(1_700_000_000_000, "1"));
    }
}
