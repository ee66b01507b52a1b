//! Which O2G events a subscription receives: the selectors of a `Filter`, checked and
//! compiled, and the O2G encoding of the event hub.
//!
//! The gateway serves user sessions only, so a selector of a user package concerns the
//! session's own login (digest §2.1): ids are absent (AMBIG-16: defaulted to the session's
//! login) or exactly that login; names are event or package names of one package (L2106).
//! The `rti` and `pilot` packages are keyed by ACD numbers instead (L2103-2104): their ids
//! are object or pilot numbers, `*` for all (what ALE's client sends for `rti`, L14648), and
//! the package is looked at before the ids. Administrator packages and other people's ids
//! refuse the whole subscription (status REFUSED, not an HTTP error).

use std::collections::HashSet;

use cti::o2g::event::{encode_event, Event};
use cti::o2g::subscription::{Filter, Package};

use crate::events::{Encoding, EventHub};

/// O2G's events on the event hub: selected by name, written as one JSON object each.
#[derive(Debug)]
pub struct O2gEvents;

impl Encoding for O2gEvents {
    type Event = Event;
    type Filter = EventFilter;

    fn accepts(filter: &EventFilter, event: &Event) -> bool {
        filter.accepts_event(event)
    }

    fn encode(event: &Event) -> String {
        encode_event(event)
    }
}

/// The O2G front's event hub.
pub type O2gHub = EventHub<O2gEvents>;

/// Packages a user session may subscribe to; the others need an administrator session
/// (system, pbxManagement, userManagement, rti, acdstats) or are keyed by pilot/RSI numbers
/// rather than logins (pilot, rsi), which the gateway does not model.
pub const USER_PACKAGES: [Package; 6] = [
    Package::Telephony,
    Package::EventSummary,
    Package::UnifiedComLog,
    Package::User,
    Package::RoutingManagement,
    Package::Agent,
];

/// Packages whose selector ids are ACD numbers rather than logins (L2103-2104). No
/// licence is taken when subscribing (L2104): their events only flow once a supervisor
/// monitors a pilot or activates an RTI context.
pub const ACD_PACKAGES: [Package; 2] = [Package::Rti, Package::Pilot];

/// The ACD numbers a selector of an ACD package names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Numbers {
    /// `*` (or no ids): every object.
    All,
    /// These numbers.
    Only(HashSet<String>),
}

impl Numbers {
    fn of(ids: &[String]) -> Numbers {
        if ids.is_empty() || ids.iter().any(|id| id == "*") {
            Numbers::All
        } else {
            Numbers::Only(ids.iter().cloned().collect())
        }
    }

    fn merge(self, other: Numbers) -> Numbers {
        match (self, other) {
            (Numbers::Only(mut a), Numbers::Only(b)) => {
                a.extend(b);
                Numbers::Only(a)
            }
            _ => Numbers::All,
        }
    }

    fn selects(&self, number: &str) -> bool {
        match self {
            Numbers::All => true,
            Numbers::Only(numbers) => numbers.contains(number),
        }
    }
}

/// A checked filter: the event names a subscription receives (for its session's login),
/// and the ACD numbers of its `rti` and `pilot` selectors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    names: HashSet<&'static str>,
    rti: Option<Numbers>,
    pilots: Option<Numbers>,
}

impl EventFilter {
    /// Every event of the user packages: what a subscription without a filter receives.
    pub fn all_user_events() -> EventFilter {
        EventFilter {
            names: USER_PACKAGES
                .iter()
                .flat_map(|p| p.events().iter().copied())
                .collect(),
            ..EventFilter::default()
        }
    }

    /// Checks `filter` for a session of `login`; `Err` is the refusal message.
    pub fn compile(filter: &Filter, login: &str) -> Result<EventFilter, String> {
        if filter.selectors.is_empty() {
            return Err("The filter has no selector".to_owned());
        }
        let mut compiled = EventFilter::default();
        let names = &mut compiled.names;
        for (index, selector) in filter.selectors.iter().enumerate() {
            if selector.names.is_empty() {
                return Err(format!("Selector {index}: names is empty"));
            }
            // The package first: it says what the ids are.
            let package = selector_package(&selector.names)
                .map_err(|message| format!("Selector {index}: {message}"))?;
            let numbers = Numbers::of(&selector.ids);
            match package {
                Package::Rti => {
                    compiled.rti = Some(match compiled.rti.take() {
                        Some(known) => known.merge(numbers),
                        None => numbers,
                    });
                }
                Package::Pilot => {
                    compiled.pilots = Some(match compiled.pilots.take() {
                        Some(known) => known.merge(numbers),
                        None => numbers,
                    });
                }
                _ => {
                    if let Some(other) = selector.ids.iter().find(|id| id.as_str() != login) {
                        return Err(format!(
                            "Selector {index}: a user session may only select its own login {login:?}, not {other:?}"
                        ));
                    }
                }
            }
            for name in &selector.names {
                match Package::from_name(name) {
                    Some(_) => names.extend(package.events().iter().copied()),
                    None => {
                        if let Some(event) = package.events().iter().find(|e| *e == name) {
                            names.insert(*event);
                        }
                    }
                }
            }
        }
        Ok(compiled)
    }

    /// Whether an event of this name passes (its ACD number aside).
    pub fn accepts(&self, event_name: &str) -> bool {
        self.names.contains(event_name)
    }

    /// Whether `event` passes: its name, and for the `rti` and `pilot` packages its object
    /// or pilot number.
    pub fn accepts_event(&self, event: &Event) -> bool {
        if !self.accepts(event.name()) {
            return false;
        }
        let (numbers, number) = match event {
            Event::OnAgentRtiChanged(e) => (&self.rti, e.number.as_str()),
            Event::OnPilotRtiChanged(e) => (&self.rti, e.number.as_str()),
            Event::OnQueueRtiChanged(e) => (&self.rti, e.number.as_str()),
            Event::OnPgAgentRtiChanged(e) => (&self.rti, e.number.as_str()),
            Event::OnPgOtherRtiChanged(e) => (&self.rti, e.number.as_str()),
            Event::OnPilotCallCreated(e) => (&self.pilots, e.pilot.as_str()),
            Event::OnPilotCallQueued(e) => (&self.pilots, e.pilot.as_str()),
            Event::OnPilotCallRemoved(e) => (&self.pilots, e.pilot.as_str()),
            _ => return true,
        };
        numbers.as_ref().is_some_and(|n| n.selects(number))
    }
}

/// The one user package all `names` belong to (a package name, or event names of it).
fn selector_package(names: &[String]) -> Result<Package, String> {
    // Candidates: packages containing every name. `OnUserInfoChanged` is in two (AMBIG-23),
    // so intersect rather than take the first match.
    let mut candidates: Vec<Package> = Package::ALL.to_vec();
    for name in names {
        let of_name: Vec<Package> = match Package::from_name(name) {
            Some(package) => vec![package],
            None => Package::ALL
                .into_iter()
                .filter(|p| p.events().contains(&name.as_str()))
                .collect(),
        };
        if of_name.is_empty() {
            return Err(format!("{name:?} is neither a package nor an event name"));
        }
        candidates.retain(|p| of_name.contains(p));
        if candidates.is_empty() {
            return Err("names of different packages cannot be mixed in one selector".to_owned());
        }
    }
    candidates
        .iter()
        .copied()
        .find(|p| USER_PACKAGES.contains(p) || ACD_PACKAGES.contains(p))
        .ok_or_else(|| {
            format!(
                "package {:?} needs an administrator session",
                candidates.first().map_or("?", |p| p.as_str())
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cti::o2g::subscription::Selector;

    fn filter(selectors: &[(&[&str], &[&str])]) -> Filter {
        Filter {
            selectors: selectors
                .iter()
                .map(|(ids, names)| Selector {
                    ids: ids.iter().map(|s| (*s).to_owned()).collect(),
                    names: names.iter().map(|s| (*s).to_owned()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn packages_and_event_names_expand_to_event_names() {
        let f = EventFilter::compile(
            &filter(&[(&["oxe1"], &["telephony"]), (&[], &["OnAgentStateChanged"])]),
            "oxe1",
        )
        .expect("accepted");
        assert!(f.accepts("OnCallCreated"));
        assert!(f.accepts("OnAgentStateChanged"));
        assert!(!f.accepts("OnAgentSkillChanged"));
        assert!(!f.accepts("OnEventSummaryUpdated"));
        assert!(!f.accepts("OnChannelInformation"));
    }

    #[test]
    fn refusals_say_why() {
        let cases: [(Filter, &str); 6] = [
            (filter(&[(&["oxe2"], &["telephony"])]), "own login"),
            (filter(&[(&["*"], &["telephony"])]), "own login"),
            (
                filter(&[(&[], &["OnCallCreated", "OnAgentStateChanged"])]),
                "mixed",
            ),
            (filter(&[(&[], &["system"])]), "administrator"),
            (filter(&[(&[], &["nope"])]), "neither"),
            (Filter::default(), "no selector"),
        ];
        for (f, why) in cases {
            let message = EventFilter::compile(&f, "oxe1").expect_err(why);
            assert!(message.contains(why), "{message} should say {why}");
        }
    }

    #[test]
    fn rti_and_pilot_ids_are_acd_numbers_and_star_is_all() {
        use cti::o2g::pilot::OnPilotCallQueued;
        use cti::o2g::rti::OnQueueRtiChanged;
        // ALE's client sends ["*"] for rti (L14648); a pilot selector names pilot numbers.
        let f = EventFilter::compile(
            &filter(&[
                (&["*"], &["rti"]),
                (&["60141"], &["pilot"]),
                (&["oxe1"], &["agent"]),
            ]),
            "oxe1",
        )
        .expect("ACD numbers are not logins");
        let queue = |number: &str| {
            Event::OnQueueRtiChanged(Box::new(OnQueueRtiChanged {
                number: number.to_owned(),
                ..OnQueueRtiChanged::default()
            }))
        };
        let queued = |pilot: &str| {
            Event::OnPilotCallQueued(OnPilotCallQueued {
                pilot: pilot.to_owned(),
                caller: "0612345678".to_owned(),
                queue: None,
                call_ref: "c1".to_owned(),
                cause: cti::o2g::telephony::CallCause::AcdEnterDistribution,
                number_of_queued: None,
            })
        };
        assert!(f.accepts_event(&queue("60131")));
        assert!(f.accepts_event(&queued("60141")));
        assert!(!f.accepts_event(&queued("60142")), "another pilot");
        let only = EventFilter::compile(&filter(&[(&["60131"], &["OnQueueRtiChanged"])]), "oxe1")
            .expect("accepted");
        assert!(only.accepts_event(&queue("60131")));
        assert!(!only.accepts_event(&queue("60132")));
        assert!(!only.accepts_event(&queued("60141")), "no pilot selector");
        // A user package still takes only the session's login.
        assert!(EventFilter::compile(&filter(&[(&["*"], &["agent"])]), "oxe1").is_err());
    }

    #[test]
    fn user_info_changed_is_accepted_although_in_two_packages() {
        let f = EventFilter::compile(&filter(&[(&[], &["OnUserInfoChanged"])]), "oxe1")
            .expect("user package");
        assert!(f.accepts("OnUserInfoChanged"));
    }
}
