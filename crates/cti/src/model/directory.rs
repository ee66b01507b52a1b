//! Colleagues and contacts found in the backend's directory.

/// A directory entry to call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Contact {
    /// The name to display.
    pub name: String,
    /// The number to call, when the directory has one.
    pub number: Option<String>,
}

/// The state of the last directory search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum DirectorySearch {
    /// No search yet.
    #[default]
    Idle,
    /// A search runs; results may still come.
    Searching {
        /// What was asked.
        query: String,
        /// The contacts found so far.
        found: Vec<Contact>,
    },
    /// The search is over.
    Done {
        /// What was asked.
        query: String,
        /// The contacts found.
        found: Vec<Contact>,
    },
}

impl DirectorySearch {
    /// The contacts found so far.
    pub fn contacts(&self) -> &[Contact] {
        match self {
            DirectorySearch::Idle => &[],
            DirectorySearch::Searching { found, .. } | DirectorySearch::Done { found, .. } => found,
        }
    }

    /// Whether results may still come.
    pub fn is_searching(&self) -> bool {
        matches!(self, DirectorySearch::Searching { .. })
    }
}
