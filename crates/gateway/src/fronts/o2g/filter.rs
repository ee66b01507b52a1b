//! Which O2G events a subscription receives: the selectors of a `Filter`, checked and
//! compiled, and the O2G encoding of the event hub.
//!
//! The gateway serves user sessions only, so every selector concerns the session's own login
//! (digest §2.1): ids are absent (AMBIG-16: defaulted to the session's login) or exactly that
//! login; names are event or package names of one package (L2106). Administrator packages
//! and other people's ids refuse the whole subscription (status REFUSED, not an HTTP error).

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
        filter.accepts(event.name())
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

/// A checked filter: the event names a subscription receives (for its session's login).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    names: HashSet<&'static str>,
}

impl EventFilter {
    /// Every event of the user packages: what a subscription without a filter receives.
    pub fn all_user_events() -> EventFilter {
        EventFilter {
            names: USER_PACKAGES
                .iter()
                .flat_map(|p| p.events().iter().copied())
                .collect(),
        }
    }

    /// Checks `filter` for a session of `login`; `Err` is the refusal message.
    pub fn compile(filter: &Filter, login: &str) -> Result<EventFilter, String> {
        if filter.selectors.is_empty() {
            return Err("The filter has no selector".to_owned());
        }
        let mut names = HashSet::new();
        for (index, selector) in filter.selectors.iter().enumerate() {
            if let Some(other) = selector.ids.iter().find(|id| id.as_str() != login) {
                return Err(format!(
                    "Selector {index}: a user session may only select its own login {login:?}, not {other:?}"
                ));
            }
            if selector.names.is_empty() {
                return Err(format!("Selector {index}: names is empty"));
            }
            let package = selector_package(&selector.names)
                .map_err(|message| format!("Selector {index}: {message}"))?;
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
        Ok(EventFilter { names })
    }

    /// Whether an event of this name passes.
    pub fn accepts(&self, event_name: &str) -> bool {
        self.names.contains(event_name)
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
        .find(|p| USER_PACKAGES.contains(p))
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
    fn user_info_changed_is_accepted_although_in_two_packages() {
        let f = EventFilter::compile(&filter(&[(&[], &["OnUserInfoChanged"])]), "oxe1")
            .expect("user package");
        assert!(f.accepts("OnUserInfoChanged"));
    }
}
