//! `dialFromQueue`'s calls: the world places them as ACD calls from the destination on the
//! queue's pilot; XuC shows them to the agent as outgoing calls to the destination, with the
//! caller id and the variables the command gave ("Caller id on both sides is set to
//! callerId"; "USR_var1 and USR_var2 will be attached to the call and propagated to Phone
//! Events"). `setData`'s variables, attached to a call later, join its `userData` too.

use std::collections::BTreeMap;

use cti::xuc::agent::CallDirection;
use serde_json::{Map, Value};

use super::view::PhoneView;
use crate::world::{Centre, Endpoint};

/// `variables` as XuC attaches them to a call: each name gets the `USR_` prefix, unless it
/// has it already.
pub fn usr_prefixed(variables: Map<String, Value>) -> Map<String, Value> {
    variables
        .into_iter()
        .map(|(name, value)| {
            if name.starts_with("USR_") {
                (name, value)
            } else {
                (format!("USR_{name}"), value)
            }
        })
        .collect()
}

/// How a call placed by `dialFromQueue` is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// The number called.
    pub destination: String,
    /// The caller id's name, shown instead of the other party's.
    pub name: Option<String>,
    /// The caller id's number, shown instead of the other party's.
    pub number: Option<String>,
    /// The variables, `USR_` prefixed, as the events' `userData`.
    pub user_data: Option<Map<String, Value>>,
}

impl Presentation {
    /// The presentation of a call to `destination` with the command's caller id and
    /// variables (each name gets XuC's `USR_` prefix, unless it has it already).
    pub fn new(
        destination: String,
        name: Option<String>,
        number: Option<String>,
        variables: Option<Map<String, Value>>,
    ) -> Presentation {
        let user_data = variables.filter(|v| !v.is_empty()).map(usr_prefixed);
        Presentation {
            destination,
            name: name.filter(|n| !n.is_empty()),
            number: number.filter(|n| !n.is_empty()),
            user_data,
        }
    }

    /// `view` as this presentation shows it: an outgoing call with the caller id.
    fn apply(&self, view: &mut PhoneView) {
        if let Some(number) = &self.number {
            view.other_dn.clone_from(number);
        }
        if let Some(name) = &self.name {
            view.other_name.clone_from(name);
        }
        view.direction = CallDirection::Outgoing;
        view.user_data.clone_from(&self.user_data);
    }
}

/// The presented calls, by reference, and the one being placed.
#[derive(Debug, Default)]
pub struct Presented {
    /// The call being placed: its pilot and presentation, bound to the new call the step
    /// that creates it shows (so that its first events already carry the caller id).
    pending: Option<(String, Presentation)>,
    /// Presented calls, by reference.
    calls: BTreeMap<String, Presentation>,
    /// Variables `setData` attached to calls, by reference (`USR_` prefixed).
    attached: BTreeMap<String, Map<String, Value>>,
}

impl Presented {
    /// A call to `presentation.destination` is about to be placed on `pilot`.
    pub fn expect(&mut self, pilot: String, presentation: Presentation) {
        self.pending = Some((pilot, presentation));
    }

    /// The call expected was placed as `reference` (or not, `None`).
    pub fn placed(&mut self, reference: Option<&str>) {
        if let (Some((_, presentation)), Some(reference)) = (self.pending.take(), reference) {
            self.calls
                .entry(reference.to_owned())
                .or_insert(presentation);
        }
    }

    /// `setData`: attaches `variables` to call `reference` (beside those it has).
    pub fn attach(&mut self, reference: &str, variables: Map<String, Value>) {
        self.attached
            .entry(reference.to_owned())
            .or_default()
            .extend(usr_prefixed(variables));
    }

    /// How call `reference` is presented, if it came from `dialFromQueue`.
    pub fn get(&self, reference: &str) -> Option<&Presentation> {
        self.calls.get(reference)
    }

    /// Binds the expected call, forgets the ended ones, and shows the presented calls in
    /// `phones` (by login then reference).
    pub fn show(
        &mut self,
        world: &Centre<'_>,
        phones: &mut BTreeMap<String, BTreeMap<String, PhoneView>>,
    ) {
        if let Some((pilot, presentation)) = &self.pending {
            let new = world.calls().find(|call| {
                call.created_at == world.now()
                    && !self.calls.contains_key(&call.reference)
                    && call.acd.as_ref().is_some_and(|acd| &acd.pilot == pilot)
                    && call.parties.first().is_some_and(|p| {
                        matches!(&p.endpoint, Endpoint::External { number }
                            if *number == presentation.destination)
                    })
            });
            if let Some(call) = new {
                self.calls
                    .insert(call.reference.clone(), presentation.clone());
            }
        }
        self.calls
            .retain(|reference, _| world.call(reference).is_some());
        self.attached
            .retain(|reference, _| world.call(reference).is_some());
        for calls in phones.values_mut() {
            for (reference, view) in calls.iter_mut() {
                if let Some(presentation) = self.calls.get(reference) {
                    presentation.apply(view);
                }
                if let Some(attached) = self.attached.get(reference) {
                    view.user_data
                        .get_or_insert_with(Map::new)
                        .extend(attached.clone());
                }
            }
        }
    }
}
