//! After-call work: the dispositions (wrap-up codes) an agent gives a contact-centre call,
//! the agent's notes, and the wrap-up time the contact centre grants. Vendors name codes
//! differently (O2G: a numeric transaction code; Finesse: a wrap-up reason code), so a
//! disposition is an opaque id with a label, like a withdraw reason.

use core::fmt;
use core::time::Duration;

use super::call::{AcdData, CallRef, Party};
use super::time::Instant;

/// A vendor's identifier of a disposition. Opaque: only the adapter that made it reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DispositionId(String);

impl DispositionId {
    /// Wraps the vendor's identifier.
    pub fn new(id: impl Into<String>) -> DispositionId {
        DispositionId(id.into())
    }

    /// The identifier as the vendor wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DispositionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A code the agent may give the outcome of a call ("Sale", "Complaint").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Disposition {
    /// The vendor's id.
    pub id: DispositionId,
    /// What the agent reads; the id when the vendor gave no label.
    pub label: String,
}

/// What the contact centre asks of the agent after a call, for the current group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WrapUpPolicy {
    /// The dispositions offered; when there are some, one must be given.
    pub dispositions: Vec<Disposition>,
    /// How long the contact centre keeps the agent in wrap-up before making it ready, when
    /// it says; extending restarts it.
    pub duration: Option<Duration>,
}

/// The after-call work of the last contact-centre call the agent handled, until saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterCallWork {
    /// The call, now over.
    pub call: CallRef,
    /// Whom the agent talked with.
    pub party: Party,
    /// The queue data the call came with.
    pub acd: Option<AcdData>,
    /// When the call ended.
    pub ended: Instant,
}

/// After-call work as saved: what the host page and the history hear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterCallRecord {
    /// The call.
    pub call: CallRef,
    /// Whom the agent talked with.
    pub party: Party,
    /// The disposition given, with its label.
    pub disposition: Option<Disposition>,
    /// The agent's notes (may be empty).
    pub notes: String,
}

/// The most characters of notes an agent may save (the embed API and the gateways carry
/// them whole).
pub const MAX_NOTES_LENGTH: usize = 2000;
