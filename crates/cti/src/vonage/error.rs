//! What the agent-activity codec refuses.

use crate::report::activity::UnknownName;

/// Why bytes are not an agent-activity page, item or error body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not JSON, or JSON of another shape (serde's message says where).
    #[error("not an agent-activity document: {0}")]
    Json(String),
    /// A date that is no ISO 8601 UTC date.
    #[error("{field} is not an ISO 8601 date: {value:?}")]
    BadDate {
        /// The field, by the spec's name.
        field: &'static str,
        /// What it held.
        value: String,
    },
    /// A type, category, status, reason or direction the spec does not list.
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
    /// An activity lacks a field its type needs.
    #[error("a {activity_type} activity needs {field}")]
    MissingField {
        /// The activity's type.
        activity_type: &'static str,
        /// The field, by the spec's name.
        field: &'static str,
    },
    /// A reason the spec does not list for the activity's category.
    #[error("reason {reason} is not one of a {category} activity")]
    ReasonNotAllowed {
        /// The reason.
        reason: &'static str,
        /// The category.
        category: &'static str,
    },
}
