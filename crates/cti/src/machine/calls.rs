//! Applying normalized call changes to the desk, and announcing them.
//!
//! Every vendor's call events reduce to three inputs: a [`CallUpdate`] (created or
//! modified), a removal, and a full snapshot. The invariants live here: a reference appears
//! once, a removed call is gone, a renamed call keeps its history under its new reference.

use crate::model::call::Call;
use crate::model::{
    AcdData, AfterCallWork, CallLevelCapabilities, CallRef, CallState, Cause, Desk, DeviceLeg,
    Instant, Participant, Party, Recording,
};

use super::output::{Notification, Outputs, Warning};

/// Whether an update announces a new call or changes a known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateKind {
    /// The gateway says the call is new; its lists are complete.
    Created,
    /// The gateway sends a delta on a known call.
    Modified,
}

/// Changes to a list of legs or participants, keyed by device or participant id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListDelta<T> {
    /// The whole list, replacing ours (creations and snapshots).
    pub replace: Option<Vec<T>>,
    /// Entries to add (an existing key is updated instead).
    pub added: Vec<T>,
    /// Entries to update (an unknown key is added instead).
    pub modified: Vec<T>,
    /// Keys to remove.
    pub removed: Vec<String>,
}

impl<T> Default for ListDelta<T> {
    fn default() -> Self {
        ListDelta {
            replace: None,
            added: Vec::new(),
            modified: Vec::new(),
            removed: Vec::new(),
        }
    }
}

/// A normalized change to one call: what every vendor's call events reduce to. `None` means
/// "unchanged" for a modification and "absent" for a creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallUpdate {
    /// The call.
    pub reference: CallRef,
    /// New call or delta.
    pub kind: UpdateKind,
    /// This call replaces that one, which is gone without a removal (O2G `previousCallRef`).
    pub previous: Option<CallRef>,
    /// After this change the call is known by that reference (O2G `replacedByCallRef`).
    pub replaced_by: Option<CallRef>,
    /// Why it changed.
    pub cause: Option<Cause>,
    /// The vendor's summary of the call state, used when no leg of ours says better.
    pub call_state: Option<CallState>,
    /// Call-level capabilities.
    pub call_capabilities: Option<CallLevelCapabilities>,
    /// Contact-centre data. Once known it is kept: a call does not stop coming from a queue.
    pub acd: Option<AcdData>,
    /// Recording state.
    pub recording: Option<Recording>,
    /// Data attached to the call. Kept once known, like `acd`.
    pub associated_data: Option<String>,
    /// Whom the user called, when the backend restates it. Kept once known.
    pub called: Option<Party>,
    /// The user's devices in the call.
    pub legs: ListDelta<DeviceLeg>,
    /// The other parties.
    pub participants: ListDelta<Participant>,
}

impl CallUpdate {
    /// An update that changes nothing yet.
    pub fn new(reference: CallRef, kind: UpdateKind) -> CallUpdate {
        CallUpdate {
            reference,
            kind,
            previous: None,
            replaced_by: None,
            cause: None,
            call_state: None,
            call_capabilities: None,
            acd: None,
            recording: None,
            associated_data: None,
            called: None,
            legs: ListDelta::default(),
            participants: ListDelta::default(),
        }
    }
}

/// Applies a created/modified call to the desk.
pub(crate) fn apply_update(desk: &mut Desk, out: &mut Outputs, now: Instant, update: CallUpdate) {
    let known = position(desk, &update.reference).is_some();
    if let Some(previous) = update.previous.as_ref().filter(|p| **p != update.reference) {
        if desk.call(previous).is_some() {
            rename(desk, out, previous, &update.reference);
        } else if update.kind == UpdateKind::Modified {
            out.warn(Warning::UnknownCallReplaced {
                previous: previous.clone(),
                call: update.reference.clone(),
            });
        }
    }
    let (index, before) = match position(desk, &update.reference) {
        Some(index) => {
            if update.kind == UpdateKind::Created && known {
                out.warn(Warning::DuplicateCallCreated {
                    call: update.reference.clone(),
                });
            }
            let before = desk
                .calls
                .get(index)
                .map(|call| (call.state, call.answered.is_some()));
            (index, before)
        }
        None => {
            if update.kind == UpdateKind::Modified {
                out.warn(Warning::UnknownCallModified {
                    call: update.reference.clone(),
                });
            }
            desk.calls
                .push(Call::new(update.reference.clone(), CallState::Unknown, now));
            (desk.calls.len() - 1, None)
        }
    };
    let replaced_by = update.replaced_by.clone();
    if let Some(call) = desk.calls.get_mut(index) {
        merge(call, now, update);
        announce(out, call, before);
    }
    if let Some(new) = replaced_by {
        let old = desk.calls.get(index).map(|call| call.reference.clone());
        if let Some(old) = old.filter(|old| *old != new) {
            rename(desk, out, &old, &new);
        }
    }
}

/// Removes a call, announcing its end with its talk time.
pub(crate) fn remove(
    desk: &mut Desk,
    out: &mut Outputs,
    now: Instant,
    reference: &CallRef,
    cause: Option<Cause>,
) {
    match position(desk, reference) {
        Some(index) => {
            let call = desk.calls.remove(index);
            out.notify(ended(&call, now, cause));
            // A contact-centre call the agent talked in leaves after-call work (a later one
            // replaces work never saved).
            if call.acd.is_some() && call.answered.is_some() {
                desk.after_call = Some(AfterCallWork {
                    call: call.reference,
                    party: call.remote,
                    acd: call.acd,
                    ended: now,
                });
            }
        }
        None => out.warn(Warning::UnknownCallRemoved {
            call: reference.clone(),
        }),
    }
}

/// Replaces every call with a snapshot. Calls still present keep their history (creation,
/// answer time, direction); calls absent from the snapshot end; changes are announced as if
/// they had been reported one by one.
pub(crate) fn replace_all(
    desk: &mut Desk,
    out: &mut Outputs,
    now: Instant,
    snapshot: Vec<CallUpdate>,
) {
    let mut old = core::mem::take(&mut desk.calls);
    for update in snapshot {
        if position(desk, &update.reference).is_some() {
            // Twice in one snapshot: the gateway contradicts itself; the later entry wins.
            out.warn(Warning::DuplicateCallCreated {
                call: update.reference.clone(),
            });
            desk.calls.retain(|call| call.reference != update.reference);
        }
        let (mut call, before) = match old
            .iter()
            .position(|call| call.reference == update.reference)
        {
            Some(index) => {
                let kept = old.remove(index);
                let before = Some((kept.state, kept.answered.is_some()));
                (reset_for_snapshot(kept), before)
            }
            None => (
                Call::new(update.reference.clone(), CallState::Unknown, now),
                None,
            ),
        };
        merge(&mut call, now, update);
        announce(out, &call, before);
        desk.calls.push(call);
    }
    for gone in old {
        out.notify(ended(&gone, now, None));
    }
    out.notify(Notification::Resynced);
}

/// A kept call stripped of what a snapshot restates in full.
fn reset_for_snapshot(call: Call) -> Call {
    Call {
        legs: Vec::new(),
        participants: Vec::new(),
        call_capabilities: None,
        recording: Recording::Off,
        ..call
    }
}

fn position(desk: &Desk, reference: &CallRef) -> Option<usize> {
    desk.calls
        .iter()
        .position(|call| call.reference == *reference)
}

/// Moves the call `old` to `new`. When `new` already exists (a merge: two calls become one)
/// the entry under `new` is the surviving call and `old` simply goes.
fn rename(desk: &mut Desk, out: &mut Outputs, old: &CallRef, new: &CallRef) {
    let Some(index) = position(desk, old) else {
        return;
    };
    if position(desk, new).is_some() {
        desk.calls.remove(index);
    } else if let Some(call) = desk.calls.get_mut(index) {
        call.reference = new.clone();
    }
    out.notify(Notification::CallReplaced {
        old: old.clone(),
        new: new.clone(),
    });
}

fn merge(call: &mut Call, now: Instant, update: CallUpdate) {
    if update.kind == UpdateKind::Created {
        // A creation restates the call in full.
        call.legs.clear();
        call.participants.clear();
    }
    if let Some(capabilities) = update.call_capabilities {
        call.call_capabilities = Some(capabilities);
    }
    if let Some(acd) = update.acd {
        match call.acd.as_mut() {
            Some(known) => known.merge(acd),
            None => call.acd = Some(acd),
        }
    }
    if let Some(recording) = update.recording {
        call.recording = recording;
    }
    if let Some(data) = update.associated_data {
        call.associated_data = Some(data);
    }
    if let Some(called) = update.called {
        call.called = Some(called);
    }
    if update.cause.is_some() {
        call.cause = update.cause;
    }
    apply_delta(&mut call.legs, update.legs, |leg| &leg.device, merge_leg);
    apply_delta(
        &mut call.participants,
        update.participants,
        |p| &p.id,
        merge_participant,
    );
    call.refresh(now, update.call_state);
}

fn apply_delta<T>(
    list: &mut Vec<T>,
    delta: ListDelta<T>,
    key: impl Fn(&T) -> &String,
    merge: impl Fn(&mut T, T),
) {
    if let Some(replacement) = delta.replace {
        list.clear();
        for item in replacement {
            upsert(list, item, &key, &merge);
        }
    }
    for item in delta.added.into_iter().chain(delta.modified) {
        upsert(list, item, &key, &merge);
    }
    if !delta.removed.is_empty() {
        list.retain(|item| !delta.removed.contains(key(item)));
    }
}

fn upsert<T>(list: &mut Vec<T>, item: T, key: &impl Fn(&T) -> &String, merge: &impl Fn(&mut T, T)) {
    match list.iter_mut().find(|existing| key(existing) == key(&item)) {
        Some(existing) => merge(existing, item),
        None => list.push(item),
    }
}

/// A leg update restates the state; capabilities it omits are kept.
fn merge_leg(leg: &mut DeviceLeg, update: DeviceLeg) {
    let capabilities = update.capabilities.or(leg.capabilities);
    *leg = DeviceLeg {
        capabilities,
        ..update
    };
}

/// A participant update may carry only its new state; what it omits is kept.
fn merge_participant(participant: &mut Participant, update: Participant) {
    if update.party.name.is_some() {
        participant.party.name = update.party.name;
    }
    if update.party.number.is_some() {
        participant.party.number = update.party.number;
    }
    if update.state.is_some() {
        participant.state = update.state;
    }
    participant.anonymous |= update.anonymous;
}

fn ended(call: &Call, now: Instant, cause: Option<Cause>) -> Notification {
    Notification::CallEnded {
        call: call.reference.clone(),
        cause,
        duration: call.talk_time(now),
        answered: call.answered.is_some(),
    }
}

/// Tells the host what changed, given the call's state and answered flag before.
fn announce(out: &mut Outputs, call: &Call, before: Option<(CallState, bool)>) {
    let reference = call.reference.clone();
    let ringing = |state: CallState| matches!(state, CallState::RingingIn | CallState::Queued);
    let dialing = |state: CallState| matches!(state, CallState::Dialing | CallState::RingingOut);
    let notification = match before {
        Some((state, _)) if state == call.state => Notification::CallUpdated { call: reference },
        Some((CallState::Held, _)) if call.state == CallState::Active => {
            Notification::CallRetrieved { call: reference }
        }
        Some((_, false)) | None if call.state == CallState::Active => {
            Notification::CallAnswered { call: reference }
        }
        Some((state, _)) if ringing(call.state) && ringing(state) => {
            Notification::CallUpdated { call: reference }
        }
        Some(_) | None if ringing(call.state) => Notification::CallRinging {
            call: reference,
            caller: call.remote.clone(),
            acd: call.acd.clone(),
        },
        Some((CallState::Unknown, _)) | None if dialing(call.state) => Notification::CallDialing {
            call: reference,
            callee: call.remote.clone(),
        },
        Some(_) | None if call.state == CallState::Held => {
            Notification::CallHeld { call: reference }
        }
        _ => Notification::CallUpdated { call: reference },
    };
    out.notify(notification);
}
