//! The user's call history, newest first, and the missed-call count.

use super::call::{Direction, Party};

/// One call of the history, from the user's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The backend's identifier of the record (stable across updates).
    pub id: String,
    /// The other party: whom to call back.
    pub party: Party,
    /// Whether the user was called or called.
    pub direction: Direction,
    /// Whether the user answered (incoming) or was answered (outgoing).
    pub answered: bool,
    /// When the call began, as the backend wrote it (RFC 3339 text sorts by time).
    pub began: Option<String>,
    /// The disposition the agent gave the call (its id), once saved.
    pub disposition: Option<String>,
    /// The agent's notes on the call, once saved.
    pub notes: Option<String>,
}

impl HistoryEntry {
    /// An incoming call the user never answered.
    pub fn is_missed(&self) -> bool {
        self.direction == Direction::Incoming && !self.answered
    }
}

/// A change to the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryUpdate {
    /// The whole history, in any order (kept newest first).
    Replace(Vec<HistoryEntry>),
    /// A new record.
    Added(HistoryEntry),
}
