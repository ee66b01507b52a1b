//! Plausible past days, so that every report has data from the first minute: a private
//! world of the same scenario is played over the past `days` (weekdays only, one shift a
//! day with a lunch break, the scenario's traffic during the shift), every agent driven by
//! the simulator, and what it records is written to the database. Done once, at first
//! start (`--history-days`).

use crate::history::{HistoryError, HistoryStore};
use crate::scenario::{Bot, Role, Scenario};
use crate::world::{Command, World};

const HOUR: u64 = 3_600_000;
const DAY: u64 = 24 * HOUR;
const MINUTE: u64 = 60_000;

/// What a backfill wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backfilled {
    /// Working days played.
    pub days: u64,
    /// Records written.
    pub records: usize,
}

/// The scenario with every agent (human ones too) played by the simulator, so that each
/// has a plausible past under its own login.
fn all_bots(scenario: &Scenario) -> Scenario {
    let mut played = scenario.clone();
    let mut users = Vec::new();
    for user in &scenario.users {
        match (&user.role, &user.pro_acd, user.groups.first()) {
            (Role::Agent, Some(pro_acd), Some(group)) => played.bots.push(Bot {
                number: user.number.clone(),
                first_name: user.first_name.clone(),
                last_name: user.last_name.clone(),
                pro_acd: pro_acd.clone(),
                group: group.clone(),
            }),
            _ => users.push(user.clone()),
        }
    }
    played.users = users;
    played
}

/// One scripted change of the shift plan.
#[derive(Debug, Clone, PartialEq)]
enum Plan {
    LogOn(usize),
    Lunch(usize),
    Back(usize),
    LogOff(usize),
    Traffic(f64),
}

/// Plays `days` days before `until` (Unix ms) into `store`, unless it was backfilled
/// already (then `None`); what it leaves open is closed just before `until`; `seed` makes it repeatable. Only weekdays have a shift (08:00–17:00 UTC,
/// agents a few minutes apart, lunch from 12:00 for 45 minutes).
pub fn backfill(
    store: &mut HistoryStore,
    scenario: &Scenario,
    seed: u64,
    until: u64,
    days: u64,
) -> Result<Option<Backfilled>, HistoryError> {
    if days == 0 || store.backfilled()? {
        return Ok(None);
    }
    let first_midnight = (until / DAY).saturating_sub(days) * DAY;
    let played = all_bots(scenario);
    let rate = played.traffic.calls_per_minute;
    let agents: Vec<(String, String, String)> = played
        .bots
        .iter()
        .map(|b| (b.login_name(), b.pro_acd.clone(), b.group.clone()))
        .collect();
    let mut world = World::new(played, seed, ());
    world.set_calls_per_minute(0.0);
    world.record_history(first_midnight);
    for (login, _, _) in &agents {
        // Nobody works at midnight.
        let _ = world.act(0, login, Command::LogOff);
    }
    let mut plan: Vec<(u64, Plan)> = Vec::new();
    let mut worked = 0;
    for day in 0..=days {
        let midnight = day * DAY;
        let unix_day = first_midnight / DAY + day;
        // 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays.
        if (unix_day + 3) % 7 >= 5 {
            continue;
        }
        worked += 1;
        plan.push((midnight + 8 * HOUR, Plan::Traffic(rate)));
        plan.push((midnight + 17 * HOUR, Plan::Traffic(0.0)));
        for (i, _) in agents.iter().enumerate() {
            let offset = (i as u64 % 6) * 4 * MINUTE;
            plan.push((midnight + 8 * HOUR + offset, Plan::LogOn(i)));
            plan.push((midnight + 12 * HOUR + offset * 3, Plan::Lunch(i)));
            plan.push((
                midnight + 12 * HOUR + offset * 3 + 45 * MINUTE,
                Plan::Back(i),
            ));
            plan.push((midnight + 17 * HOUR + offset, Plan::LogOff(i)));
        }
    }
    plan.sort_by_key(|(at, _)| *at);
    // Up to the millisecond before `until`, when the live world takes over.
    let end = until.saturating_sub(first_midnight).saturating_sub(1);
    let mut records = 0;
    for (at, step) in plan.into_iter().take_while(|(at, _)| *at < end) {
        // Hour by hour, so that the database sees the day as it happened.
        while world.now() + HOUR < at {
            let next = world.now() + HOUR;
            world.advance(next);
            records += flush(&mut world, store, first_midnight)?;
        }
        match step {
            Plan::Traffic(rate) => {
                world.advance(at);
                world.set_calls_per_minute(rate);
            }
            Plan::LogOn(i) => {
                let (login, device, group) = &agents[i];
                let _ = world.act(
                    at,
                    login,
                    Command::LogOn {
                        device: device.clone(),
                        group: Some(group.clone()),
                        ready: true,
                        take_over: false,
                    },
                );
            }
            Plan::Lunch(i) => {
                // Reason 1 ("Lunch" in the default scenario); paused where a group has none.
                if world
                    .act(at, &agents[i].0, Command::Withdraw(Some(1)))
                    .is_err()
                {
                    let _ = world.act(at, &agents[i].0, Command::Pause);
                }
            }
            Plan::Back(i) => {
                let _ = world.act(at, &agents[i].0, Command::Ready);
            }
            Plan::LogOff(i) => {
                let _ = world.act(at, &agents[i].0, Command::LogOff);
            }
        }
        records += flush(&mut world, store, first_midnight)?;
    }
    world.advance(end);
    records += flush(&mut world, store, first_midnight)?;
    store.close_open(first_midnight + end)?;
    store.mark_backfilled(days)?;
    Ok(Some(Backfilled {
        days: worked,
        records,
    }))
}

fn flush(
    world: &mut World<()>,
    store: &mut HistoryStore,
    epoch: u64,
) -> Result<usize, HistoryError> {
    let records = world.drain_history();
    store.apply(&records, epoch + world.now())?;
    Ok(records.len())
}
