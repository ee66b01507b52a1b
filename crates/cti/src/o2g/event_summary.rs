//! Event summary (`/eventSummary`, spec L8644-8746): the user's counters.

use serde::{Deserialize, Serialize};

use crate::lenient::{opt_bool_or_string, opt_int_or_string};

/// Path of the event summary resource.
pub const EVENT_SUMMARY_PATH: &str = "/api/rest/1.0/eventSummary";

/// `EventSummary` (L8701-8737). An absent counter means "unknown", not 0 (AMBIG-58), hence
/// `Option` everywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSummary {
    /// Unanswered, unacknowledged incoming comlog records.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub missed_calls_nb: Option<u32>,
    /// Unread voice messages.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub voice_messages_nb: Option<u32>,
    /// Call back requests.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub call_back_requests_nb: Option<u32>,
    /// Faxes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub fax_nb: Option<u32>,
    /// New text messages.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub new_text_nb: Option<u32>,
    /// Old text messages.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub old_text_nb: Option<u32>,
    /// Light the "LED".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub event_waiting: Option<bool>,
}

/// `OnEventSummaryUpdated` (L8739-8745).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnEventSummaryUpdated {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The new counters (`[1]`; an absent one reads as all-unknown).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub event_summary: EventSummary,
}
