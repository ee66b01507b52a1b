//! Callbacks (spec "Callback Events"): lists of callback requests per queue, and the events of
//! taking, starting, closing, releasing and rescheduling one.

use serde::{Deserialize, Serialize};

use super::wire::{wire_enum, Id, Nullable};

/// A preferred period of a callback request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreferredPeriod {
    /// The period.
    pub uuid: String,
    /// Its name, e.g. `Afternoon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it is the list's default period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// Start, `HH:MM:SS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<String>,
    /// End, `HH:MM:SS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<String>,
}

/// A callback request: someone to call back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackRequest {
    /// The request.
    pub uuid: String,
    /// The list it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_uuid: Option<String>,
    /// The number to call.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub phone_number: Nullable<String>,
    /// The mobile number to call.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub mobile_phone_number: Nullable<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub first_name: Nullable<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub last_name: Nullable<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub company: Nullable<String>,
    /// What the customer left as a description.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub description: Nullable<String>,
    /// The agent who took it; `null` when free.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub agent_id: Nullable<Id>,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub due_date: Nullable<String>,
    /// The preferred period.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub preferred_period: Nullable<PreferredPeriod>,
    /// The recorded voice message left by the customer, to `listenCallbackMessage`.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub voice_message_ref: Nullable<String>,
}

/// A list of callback requests (one element of `CallbackLists`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackList {
    /// The list.
    pub uuid: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The queue it calls back for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<Id>,
    /// The requests.
    #[serde(default)]
    pub callbacks: Vec<CallbackRequest>,
}

/// The payload of `CallbackTaken`: an agent reserved a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackTaken {
    /// The request.
    pub uuid: String,
    /// The agent who took it.
    #[serde(alias = "agentid")]
    pub agent_id: Id,
}

/// The payload of `CallbackStarted`: the call of a taken request was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackStarted {
    /// The request.
    pub request_uuid: String,
    /// The ticket of this attempt, to update afterwards.
    pub ticket_uuid: String,
}

/// The payload of `CallbackClotured` and `CallbackReleased`: the request concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackUuid {
    /// The request.
    pub uuid: String,
}

/// The payload of `CallbackRequestUpdated`: a request rescheduled (new due date or period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackRequestUpdated {
    /// The request as it is now.
    pub request: CallbackRequest,
}

wire_enum! {
    /// The status of `updateCallbackTicket` (spec "Callback Methods").
    CallbackStatus {
        /// Nobody answered: closed.
        NoAnswer = "NoAnswer",
        /// Answered: closed.
        Answered = "Answered",
        /// A fax answered: closed.
        Fax = "Fax",
        /// To call back again: rescheduled, not closed.
        Callback = "Callback",
    }
}

impl CallbackStatus {
    /// Whether a ticket with this status closes its request (`CallbackClotured`) rather than
    /// rescheduling it.
    pub fn closes(&self) -> bool {
        !matches!(self, CallbackStatus::Callback)
    }
}
