//! The world records history (issue 15, point 2): a scripted shift is played in the
//! simulated centre, what the recorder writes goes through the SQLite history store, and
//! the activities and journeys read back must match what happened: every second of every
//! agent's presence accounted for, no overlap in one lane, the spec's directions, the time
//! at each device of a call's journey.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test helpers

use std::collections::BTreeMap;

use cti::report::{
    ActivityKind, ActivityReason, AgentActivity, DeviceType, Direction, InteractionCategory,
    InteractionStatus, PresenceCategory,
};
use gateway::history::HistoryStore;
use gateway::scenario::{Scenario, DEFAULT_SCENARIO};
use gateway::world::{Acted, Command, World};

const EPOCH: u64 = 1_764_576_000_000; // 2025-12-01T08:00:00Z
const A: &str = "oxe70120";
const B: &str = "oxe70121";

fn quiet_scenario() -> Scenario {
    let mut scenario = Scenario::parse(DEFAULT_SCENARIO).unwrap();
    scenario.bots.clear();
    scenario.traffic.calls_per_minute = 0.0;
    // Patience is random (exponential): callers of this script never give up.
    scenario.traffic.patience_ms = 1_000 * 3_600_000;
    scenario
}

struct Shift {
    world: World<()>,
    store: HistoryStore,
}

impl Shift {
    fn new() -> Shift {
        let mut world = World::new(quiet_scenario(), 7, ());
        world.record_history(EPOCH);
        let mut shift = Shift {
            world,
            store: HistoryStore::in_memory().unwrap(),
        };
        shift.flush();
        shift
    }

    fn flush(&mut self) {
        let records = self.world.drain_history();
        self.store
            .apply(&records, EPOCH + self.world.now())
            .unwrap();
    }

    fn act(&mut self, at: u64, login: &str, command: Command) -> Acted {
        let acted = self
            .world
            .act(at, login, command.clone())
            .unwrap_or_else(|e| panic!("{login} {command:?} at {at}: {e:?}"));
        self.flush();
        acted
    }

    fn advance(&mut self, to: u64) {
        self.world.advance(to);
        self.flush();
    }

    fn log_on(&mut self, at: u64, login: &str, device: &str, ready: bool) {
        self.act(
            at,
            login,
            Command::LogOn {
                device: device.into(),
                group: Some("60121".into()),
                ready,
                take_over: false,
            },
        );
    }

    /// The login whose set rings with `call`.
    fn ringing_agent(&self, call: &str) -> (String, String) {
        let centre = self.world.centre();
        let call = centre.call(call).expect("the call is alive");
        call.parties
            .iter()
            .find_map(|p| match &p.endpoint {
                gateway::world::Endpoint::Device { number, login }
                    if p.state == gateway::world::LegState::Ringing =>
                {
                    Some((login.clone(), number.clone()))
                }
                _ => None,
            })
            .expect("an agent rings")
    }

    fn guid(&self, call: &str) -> String {
        self.world.history_guid(call).unwrap()
    }
}

fn made(acted: Acted) -> String {
    match acted {
        Acted::CallMade(call) => call,
        other => panic!("no call made: {other:?}"),
    }
}

/// Plays the shift; returns the guids of its calls by name.
fn play(shift: &mut Shift) -> BTreeMap<&'static str, String> {
    let mut calls = BTreeMap::new();
    shift.log_on(10_000, A, "71120", true);
    shift.log_on(20_000, B, "71121", false); // paused
    shift.act(30_000, B, Command::Withdraw(Some(1))); // "Lunch"
                                                      // An ACD call: only A is ready, so A rings; A answers after 5 s and talks for 60 s.
    let r1 = shift
        .world
        .inject_call(60_000, "60141", Some("0155501234"))
        .unwrap();
    shift.flush();
    assert_eq!(shift.ringing_agent(&r1).0, A);
    shift.act(
        65_000,
        A,
        Command::Answer {
            call: r1.clone(),
            device: "71120".into(),
        },
    );
    shift.act(125_000, A, Command::DropMe { call: r1.clone() });
    calls.insert("acd", shift.guid(&r1));
    // Wrap-up (15 s in group 60121) ends by itself.
    shift.advance(145_000);
    shift.act(150_000, B, Command::Ready);
    // An outbound call: the far end answers after 5 s.
    let r2 = made(shift.act(
        160_000,
        A,
        Command::MakeCall {
            device: "71120".into(),
            callee: "0612345678".into(),
        },
    ));
    shift.advance(170_000);
    shift.act(200_000, A, Command::DropMe { call: r2.clone() });
    calls.insert("outbound", shift.guid(&r2));
    // A second ACD call; whoever rings consults the other agent and transfers to them.
    let r3 = shift
        .world
        .inject_call(300_000, "60141", Some("0155509999"))
        .unwrap();
    shift.flush();
    let (x, x_set) = shift.ringing_agent(&r3);
    let (y, y_number) = if x == A { (B, "70121") } else { (A, "70120") };
    shift.act(
        305_000,
        &x,
        Command::Answer {
            call: r3.clone(),
            device: x_set.clone(),
        },
    );
    shift.act(
        320_000,
        &x,
        Command::Hold {
            call: r3.clone(),
            device: x_set.clone(),
        },
    );
    let consult = made(shift.act(
        321_000,
        &x,
        Command::MakeCall {
            device: x_set.clone(),
            callee: y_number.into(),
        },
    ));
    let (ringing, y_set) = shift.ringing_agent(&consult);
    assert_eq!(ringing, y);
    shift.act(
        324_000,
        y,
        Command::Answer {
            call: consult.clone(),
            device: y_set.clone(),
        },
    );
    shift.act(
        340_000,
        &x,
        Command::Transfer {
            active: consult.clone(),
            held: r3.clone(),
        },
    );
    calls.insert("transferred", shift.guid(&r3));
    calls.insert("consult", shift.guid(&consult));
    shift.act(400_000, y, Command::DropMe { call: r3.clone() });
    shift.advance(430_000);
    // A colleague calls A's own number; nobody answers (30 s).
    let missed = made(shift.act(
        500_000,
        "oxe70140",
        Command::MakeCall {
            device: "70140".into(),
            callee: "70120".into(),
        },
    ));
    calls.insert("missed", shift.guid(&missed));
    shift.advance(560_000);
    shift.act(600_000, A, Command::LogOff);
    shift.act(610_000, B, Command::LogOff);
    shift.advance(700_000);
    calls.insert("x", x);
    calls
}

fn presence(a: &AgentActivity) -> Option<(PresenceCategory, &str)> {
    match &a.kind {
        ActivityKind::Presence(p) => Some((p.category, p.name.as_str())),
        _ => None,
    }
}

fn interactions<'a>(
    all: &'a [AgentActivity],
    guid: &str,
) -> Vec<(&'a AgentActivity, &'a cti::report::Interaction)> {
    all.iter()
        .filter_map(|a| match &a.kind {
            ActivityKind::Interaction(i) if i.guid == guid => Some((a, i)),
            _ => None,
        })
        .collect()
}

/// Each lane's activities follow each other: none overlaps the next.
fn no_overlap(lane: &[&AgentActivity], what: &str) {
    for pair in lane.windows(2) {
        let end = pair[0].end().unwrap_or(u64::MAX);
        assert!(
            end <= pair[1].start,
            "{what}: {:?} overlaps {:?}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn a_scripted_shift_is_recorded_second_by_second() {
    let mut shift = Shift::new();
    let calls = play(&mut shift);
    let end = EPOCH + 700_000;

    for agent in [A, B] {
        let all = shift.store.activities_of(agent).unwrap();
        // Presence: from the recorder's start to now, gapless, one open activity at the end.
        let lane: Vec<&AgentActivity> = all.iter().filter(|a| presence(a).is_some()).collect();
        assert_eq!(
            lane[0].start, EPOCH,
            "{agent} presence starts with the record"
        );
        for pair in lane.windows(2) {
            assert_eq!(
                pair[0].end(),
                Some(pair[1].start),
                "{agent}: gap or overlap"
            );
        }
        let last = lane.last().unwrap();
        assert_eq!(last.duration, None, "{agent}: the current presence is open");
        let accounted: u64 =
            lane.iter().filter_map(|a| a.duration).sum::<u64>() + (end - last.start);
        assert_eq!(accounted, 700_000, "{agent}: every second accounted for");
        // Workload: gapless while logged on, none while logged out.
        let workload: Vec<&AgentActivity> = all
            .iter()
            .filter(|a| matches!(a.kind, ActivityKind::Workload(_)))
            .collect();
        for pair in workload.windows(2) {
            assert_eq!(pair[0].end(), Some(pair[1].start), "{agent}: workload gap");
        }
        // Interactions: per interaction, phases follow each other without overlap.
        for guid in calls.values() {
            let lane: Vec<&AgentActivity> = interactions(&all, guid)
                .into_iter()
                .map(|(a, _)| a)
                .collect();
            no_overlap(&lane, agent);
        }
    }

    let a = shift.store.activities_of(A).unwrap();
    let presences: Vec<(PresenceCategory, &str)> = a.iter().filter_map(presence).collect();
    assert_eq!(
        presences,
        [
            (PresenceCategory::LoggedOut, "Logged Out"),
            (PresenceCategory::Ready, "Ready"),
            (PresenceCategory::LoggedOut, "Logged Out"),
        ]
    );
    let workload: Vec<(u64, u32)> = a
        .iter()
        .filter_map(|x| match x.kind {
            ActivityKind::Workload(w) => Some((x.start - EPOCH, w.calls)),
            _ => None,
        })
        .collect();
    assert_eq!(
        workload.first(),
        Some(&(10_000, 0)),
        "logged on at 10 s, idle"
    );
    assert!(workload.contains(&(60_000, 1)), "busy from the first ring");
    assert!(
        workload.contains(&(125_000, 0)),
        "free when the call ends (wrap apart)"
    );
    let last_workload = a
        .iter()
        .rev()
        .find(|x| matches!(x.kind, ActivityKind::Workload(_)))
        .unwrap();
    assert_eq!(
        last_workload.end(),
        Some(EPOCH + 600_000),
        "closed at log-off"
    );

    // The ACD call: Ringing 5 s, Connected 60 s, Wrap 15 s, Inbound, Completed.
    let acd = interactions(&a, &calls["acd"]);
    let phases: Vec<(InteractionCategory, u64, u64, Direction, InteractionStatus)> = acd
        .iter()
        .map(|(x, i)| {
            (
                i.category,
                x.start - EPOCH,
                x.duration.unwrap(),
                i.direction,
                i.status,
            )
        })
        .collect();
    use InteractionCategory::*;
    use InteractionStatus::Completed;
    assert_eq!(
        phases,
        [
            (Ringing, 60_000, 5_000, Direction::Inbound, Completed),
            (Connected, 65_000, 60_000, Direction::Inbound, Completed),
            (Wrap, 125_000, 15_000, Direction::Inbound, Completed),
        ]
    );
    // The outbound call: connected from dialling to hang-up, Outbound.
    let outbound = interactions(&a, &calls["outbound"]);
    assert_eq!(outbound.len(), 1);
    assert_eq!(outbound[0].1.category, Connected);
    assert_eq!(outbound[0].1.direction, Direction::Outbound);
    assert_eq!(outbound[0].0.duration, Some(40_000));
    // The missed call: Ringing 30 s, then Unexpected NoAnswer; a colleague's call is Internal.
    let missed = interactions(&a, &calls["missed"]);
    let missed: Vec<(InteractionCategory, Option<ActivityReason>, Direction, u64)> = missed
        .iter()
        .map(|(x, i)| (i.category, i.reason, i.direction, x.duration.unwrap()))
        .collect();
    assert_eq!(
        missed,
        [
            (Ringing, None, Direction::Internal, 30_000),
            (
                Unexpected,
                Some(ActivityReason::NoAnswer),
                Direction::Internal,
                0
            ),
        ]
    );

    // The transfer: Y received a consult (Internal), then the customer by the transfer
    // (Inbound); X's part on the customer call is Inbound, its consult Internal.
    let x = calls["x"].as_str();
    let y = if x == A { B } else { A };
    let y_all = shift.store.activities_of(y).unwrap();
    let consult: Vec<(InteractionCategory, Direction)> = interactions(&y_all, &calls["consult"])
        .iter()
        .map(|(_, i)| (i.category, i.direction))
        .collect();
    assert_eq!(
        consult,
        [
            (Ringing, Direction::Internal),
            (Connected, Direction::Internal)
        ]
    );
    let received: Vec<(InteractionCategory, Direction, u64, u64)> =
        interactions(&y_all, &calls["transferred"])
            .iter()
            .map(|(a, i)| {
                (
                    i.category,
                    i.direction,
                    a.start - EPOCH,
                    a.duration.unwrap(),
                )
            })
            .collect();
    assert_eq!(
        received[0],
        (Connected, Direction::Inbound, 340_000, 60_000)
    );
    let x_all = shift.store.activities_of(x).unwrap();
    // X's wrap-up after the transfer belongs to the customer's call, not to the consult.
    let wraps: Vec<&str> = x_all
        .iter()
        .filter_map(|a| match &a.kind {
            ActivityKind::Interaction(i) if i.category == Wrap => Some(i.guid.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(wraps.last().copied(), Some(calls["transferred"].as_str()));
    let x_consult = interactions(&x_all, &calls["consult"]);
    assert!(x_consult
        .iter()
        .all(|(_, i)| i.direction == Direction::Internal));
    assert_eq!(
        interactions(&x_all, &calls["transferred"])[0].1.direction,
        Direction::Inbound
    );

    // Journeys: pilot, queue, agent set, then the transfer target, with the time at each.
    let journey = shift.store.journey(&calls["acd"]).unwrap().unwrap();
    let steps: Vec<(DeviceType, &str, u64, Option<u64>)> = journey
        .steps
        .iter()
        .map(|s| {
            (
                s.device_type.clone(),
                s.device.as_str(),
                s.start.unwrap() - EPOCH,
                s.duration,
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (DeviceType::Pilot, "60141", 60_000, Some(0)),
            (DeviceType::Queue, "60121", 60_000, Some(0)),
            (DeviceType::AgentSet, "71120", 60_000, Some(65_000)),
        ]
    );
    let transferred = shift.store.journey(&calls["transferred"]).unwrap().unwrap();
    let kinds: Vec<DeviceType> = transferred
        .steps
        .iter()
        .map(|s| s.device_type.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            DeviceType::Pilot,
            DeviceType::Queue,
            DeviceType::AgentSet,
            DeviceType::AgentSet
        ]
    );
    assert_eq!(
        transferred.steps[3].description,
        format!("Transferred to {y}")
    );
    let total: u64 = transferred.steps.iter().filter_map(|s| s.duration).sum();
    assert_eq!(
        total, 100_000,
        "from 300 s to 400 s, every second at one device"
    );
    let outbound = shift.store.journey(&calls["outbound"]).unwrap().unwrap();
    assert_eq!(outbound.steps.len(), 1);
    assert_eq!(outbound.steps[0].device_type, DeviceType::External);
    assert_eq!(outbound.steps[0].duration, Some(40_000));
}

#[test]
fn withdraw_reasons_give_the_presence_its_configured_name() {
    let mut shift = Shift::new();
    play(&mut shift);
    let b = shift.store.activities_of(B).unwrap();
    let presences: Vec<(PresenceCategory, &str)> = b.iter().filter_map(presence).collect();
    assert_eq!(
        presences,
        [
            (PresenceCategory::LoggedOut, "Logged Out"),
            (PresenceCategory::Away, "Pause"),
            (PresenceCategory::ExtendedAway, "Lunch"),
            (PresenceCategory::Ready, "Ready"),
            (PresenceCategory::LoggedOut, "Logged Out"),
        ]
    );
}
