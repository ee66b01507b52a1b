//! Phone events (XuC's phone API, not in the seed spec; sources in `docs/decisions.md`,
//! "XuC (issue 12)"): one message per state change of one of the user's calls, and the
//! snapshot of the current calls.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::agent::CallDirection;
use super::wire::wire_enum;

wire_enum! {
    /// `eventType` of a `PhoneEvent`.
    PhoneEventType {
        /// The user's phone dials.
        EventDialing = "EventDialing",
        /// The user's phone rings.
        EventRinging = "EventRinging",
        /// In conversation.
        EventEstablished = "EventEstablished",
        /// The call is on hold.
        EventOnHold = "EventOnHold",
        /// The call is over for the user.
        EventReleased = "EventReleased",
    }
}

/// The payload of `PhoneEvent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneEvent {
    /// What happened.
    pub event_type: PhoneEventType,
    /// The user's own number (directory number).
    #[serde(rename = "DN", default, skip_serializing_if = "Option::is_none")]
    pub dn: Option<String>,
    /// The other party's number.
    #[serde(rename = "otherDN", default, skip_serializing_if = "Option::is_none")]
    pub other_dn: Option<String>,
    /// The other party's name.
    #[serde(
        rename = "otherDName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub other_d_name: Option<String>,
    /// The call across its channels (Asterisk `linkedid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_id: Option<String>,
    /// The user's channel in the call (Asterisk `uniqueid`): what `answer`, `hangup` and
    /// `hold` name.
    pub unique_id: String,
    /// The queue, for a call distributed by one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    /// Who called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_direction: Option<CallDirection>,
    /// Variables attached to the call (`USR_*`, `XIVO_*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<Map<String, Value>>,
    /// The user the event is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

impl PhoneEvent {
    /// `otherDN`, unless empty.
    pub fn other_number(&self) -> Option<&str> {
        self.other_dn.as_deref().filter(|n| !n.is_empty())
    }

    /// `otherDName`, unless empty.
    pub fn other_name(&self) -> Option<&str> {
        self.other_d_name.as_deref().filter(|n| !n.is_empty())
    }

    /// `queueName`, unless empty.
    pub fn queue(&self) -> Option<&str> {
        self.queue_name.as_deref().filter(|n| !n.is_empty())
    }
}

/// The payload of `CurrentCallsPhoneEvents` (answer to `getCurrentCallsPhoneEvents`): the last
/// event of each current call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentCallsPhoneEvents {
    /// One event per current call.
    #[serde(default)]
    pub events: Vec<PhoneEvent>,
}
