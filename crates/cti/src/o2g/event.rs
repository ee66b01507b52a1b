//! The events of the notification channel, as one enum tagged by `eventName`.
//!
//! Each chunk of the channel (or webhook body) is one JSON object whose `eventName` names the
//! event and whose other fields are the event representation (L2126). Decoding parses the
//! tag (skimming the object once), then parses the bytes straight into the payload type. Only
//! an unknown `eventName` (kept whole as [`Event::Unknown`]) or an error takes the slower path
//! through a `serde_json::Value`, which also words the error.

use serde::{de, Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::agent::{
    OnAgentSkillChanged, OnAgentStateChanged, OnSupervisorHelpCancelled, OnSupervisorHelpRequested,
};
use super::codec::DecodeError;
use super::comlog::{
    OnComRecordCreated, OnComRecordModified, OnComRecordsAck, OnComRecordsDeleted,
    OnComRecordsUnAck,
};
use super::event_summary::OnEventSummaryUpdated;
use super::pilot::{OnPilotCallCreated, OnPilotCallQueued, OnPilotCallRemoved};
use super::routing::OnRoutingStateChanged;
use super::rti::{
    OnAgentRtiChanged, OnPGAgentRtiChanged, OnPGOtherRtiChanged, OnPilotRtiChanged,
    OnQueueRtiChanged,
};
use super::subscription::OnChannelInformation;
use super::telephony::{
    OnCallCreated, OnCallModified, OnCallRemoved, OnDeviceStateModified, OnDynamicStateChanged,
    OnTelephonyState, OnUserStateModified,
};

/// An event of an agent console's subscription (packages `telephony`, `agent`,
/// `eventSummary`, `routingManagement`, `unifiedComLog`, plus the keep-alive) or of a
/// supervisor's (packages `pilot` and `rti`, whose events carry no `loginName`).
///
/// Encoding writes `{"eventName":"OnCallCreated", ...payload fields}`.
///
/// The two call events are boxed: they are ~1 KB each, and every other variant would
/// otherwise be as large, copied whole on every move (a sixth of decode time in profiles).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "eventName")]
#[non_exhaustive]
pub enum Event {
    /// A new call.
    OnCallCreated(Box<OnCallCreated>),
    /// A delta on a call.
    OnCallModified(Box<OnCallModified>),
    /// A call is gone.
    OnCallRemoved(OnCallRemoved),
    /// Device operational states changed.
    OnDeviceStateModified(OnDeviceStateModified),
    /// Hunting-group logon state changed.
    OnDynamicStateChanged(OnDynamicStateChanged),
    /// Telephony snapshot.
    OnTelephonyState(OnTelephonyState),
    /// User FREE/BUSY state changed.
    OnUserStateModified(OnUserStateModified),
    /// Agent state changed (also the answer to the agent snapshot).
    OnAgentStateChanged(OnAgentStateChanged),
    /// Agent skill set changed.
    OnAgentSkillChanged(OnAgentSkillChanged),
    /// Supervisor help asked.
    OnSupervisorHelpRequested(OnSupervisorHelpRequested),
    /// Supervisor help cancelled or rejected.
    OnSupervisorHelpCancelled(OnSupervisorHelpCancelled),
    /// Counters changed.
    OnEventSummaryUpdated(OnEventSummaryUpdated),
    /// Forward / overflow / DND changed.
    OnRoutingStateChanged(OnRoutingStateChanged),
    /// A comlog record was created.
    OnComRecordCreated(OnComRecordCreated),
    /// A comlog record was modified.
    OnComRecordModified(OnComRecordModified),
    /// Comlog records were deleted.
    OnComRecordsDeleted(OnComRecordsDeleted),
    /// Comlog records were acknowledged.
    OnComRecordsAck(OnComRecordsAck),
    /// Comlog records were unacknowledged.
    OnComRecordsUnAck(OnComRecordsUnAck),
    /// Channel keep-alive.
    OnChannelInformation(OnChannelInformation),
    /// A call arrives on a pilot.
    OnPilotCallCreated(OnPilotCallCreated),
    /// A call waits in a pilot's queue.
    OnPilotCallQueued(OnPilotCallQueued),
    /// A call left a pilot.
    OnPilotCallRemoved(OnPilotCallRemoved),
    /// RTI: an agent's attributes changed.
    OnAgentRtiChanged(Box<OnAgentRtiChanged>),
    /// RTI: a pilot's attributes changed.
    OnPilotRtiChanged(Box<OnPilotRtiChanged>),
    /// RTI: an agent processing group's attributes changed.
    #[serde(rename = "OnPGAgentRtiChanged")]
    OnPgAgentRtiChanged(Box<OnPGAgentRtiChanged>),
    /// RTI: a queue's attributes changed.
    OnQueueRtiChanged(Box<OnQueueRtiChanged>),
    /// RTI: another processing group's attributes changed.
    #[serde(rename = "OnPGOtherRtiChanged")]
    OnPgOtherRtiChanged(OnPGOtherRtiChanged),
    /// An event this client does not model, kept whole.
    #[serde(untagged)]
    Unknown(UnknownEvent),
}

/// An event whose `eventName` we do not model. It encodes back to the object it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnknownEvent {
    /// The event name.
    pub event_name: String,
    /// The login name, when it is a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_name: Option<String>,
    /// Every other field, verbatim.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// Every event name [`Event`] models (other names decode to [`Event::Unknown`]).
pub const KNOWN_EVENT_NAMES: [&str; 27] = [
    "OnCallCreated",
    "OnCallModified",
    "OnCallRemoved",
    "OnDeviceStateModified",
    "OnDynamicStateChanged",
    "OnTelephonyState",
    "OnUserStateModified",
    "OnAgentStateChanged",
    "OnAgentSkillChanged",
    "OnSupervisorHelpRequested",
    "OnSupervisorHelpCancelled",
    "OnEventSummaryUpdated",
    "OnRoutingStateChanged",
    "OnComRecordCreated",
    "OnComRecordModified",
    "OnComRecordsDeleted",
    "OnComRecordsAck",
    "OnComRecordsUnAck",
    "OnChannelInformation",
    "OnPilotCallCreated",
    "OnPilotCallQueued",
    "OnPilotCallRemoved",
    "OnAgentRtiChanged",
    "OnPilotRtiChanged",
    "OnPGAgentRtiChanged",
    "OnQueueRtiChanged",
    "OnPGOtherRtiChanged",
];

impl Event {
    /// The `eventName` of the event.
    pub fn name(&self) -> &str {
        match self {
            Event::OnCallCreated(_) => "OnCallCreated",
            Event::OnCallModified(_) => "OnCallModified",
            Event::OnCallRemoved(_) => "OnCallRemoved",
            Event::OnDeviceStateModified(_) => "OnDeviceStateModified",
            Event::OnDynamicStateChanged(_) => "OnDynamicStateChanged",
            Event::OnTelephonyState(_) => "OnTelephonyState",
            Event::OnUserStateModified(_) => "OnUserStateModified",
            Event::OnAgentStateChanged(_) => "OnAgentStateChanged",
            Event::OnAgentSkillChanged(_) => "OnAgentSkillChanged",
            Event::OnSupervisorHelpRequested(_) => "OnSupervisorHelpRequested",
            Event::OnSupervisorHelpCancelled(_) => "OnSupervisorHelpCancelled",
            Event::OnEventSummaryUpdated(_) => "OnEventSummaryUpdated",
            Event::OnRoutingStateChanged(_) => "OnRoutingStateChanged",
            Event::OnComRecordCreated(_) => "OnComRecordCreated",
            Event::OnComRecordModified(_) => "OnComRecordModified",
            Event::OnComRecordsDeleted(_) => "OnComRecordsDeleted",
            Event::OnComRecordsAck(_) => "OnComRecordsAck",
            Event::OnComRecordsUnAck(_) => "OnComRecordsUnAck",
            Event::OnChannelInformation(_) => "OnChannelInformation",
            Event::OnPilotCallCreated(_) => "OnPilotCallCreated",
            Event::OnPilotCallQueued(_) => "OnPilotCallQueued",
            Event::OnPilotCallRemoved(_) => "OnPilotCallRemoved",
            Event::OnAgentRtiChanged(_) => "OnAgentRtiChanged",
            Event::OnPilotRtiChanged(_) => "OnPilotRtiChanged",
            Event::OnPgAgentRtiChanged(_) => "OnPGAgentRtiChanged",
            Event::OnQueueRtiChanged(_) => "OnQueueRtiChanged",
            Event::OnPgOtherRtiChanged(_) => "OnPGOtherRtiChanged",
            Event::Unknown(u) => &u.event_name,
        }
    }

    /// The `loginName` the event is about; `None` for the keep-alive, for events without one
    /// and when the gateway left it empty.
    pub fn login_name(&self) -> Option<&str> {
        let name = match self {
            Event::OnCallCreated(e) => &e.login_name,
            Event::OnCallModified(e) => &e.login_name,
            Event::OnCallRemoved(e) => &e.login_name,
            Event::OnDeviceStateModified(e) => &e.login_name,
            Event::OnDynamicStateChanged(e) => &e.login_name,
            Event::OnTelephonyState(e) => &e.login_name,
            Event::OnUserStateModified(e) => &e.login_name,
            Event::OnAgentStateChanged(e) => &e.login_name,
            Event::OnAgentSkillChanged(e) => &e.login_name,
            Event::OnSupervisorHelpRequested(e) => &e.login_name,
            Event::OnSupervisorHelpCancelled(e) => &e.login_name,
            Event::OnEventSummaryUpdated(e) => &e.login_name,
            Event::OnRoutingStateChanged(e) => &e.login_name,
            Event::OnComRecordCreated(e) => &e.login_name,
            Event::OnComRecordModified(e) => &e.login_name,
            Event::OnComRecordsDeleted(e) => &e.login_name,
            Event::OnComRecordsAck(e) => &e.login_name,
            Event::OnComRecordsUnAck(e) => &e.login_name,
            Event::OnChannelInformation(_)
            | Event::OnPilotCallCreated(_)
            | Event::OnPilotCallQueued(_)
            | Event::OnPilotCallRemoved(_)
            | Event::OnAgentRtiChanged(_)
            | Event::OnPilotRtiChanged(_)
            | Event::OnPgAgentRtiChanged(_)
            | Event::OnQueueRtiChanged(_)
            | Event::OnPgOtherRtiChanged(_) => return None,
            Event::Unknown(u) => return u.login_name.as_deref(),
        };
        Some(name.as_str()).filter(|n| !n.is_empty())
    }

    /// The call the event is about, for the three call events.
    pub fn call_ref(&self) -> Option<&str> {
        match self {
            Event::OnCallCreated(e) => Some(&e.call_ref),
            Event::OnCallModified(e) => Some(&e.call_ref),
            Event::OnCallRemoved(e) => Some(&e.call_ref),
            _ => None,
        }
    }

    /// Whether this is the channel keep-alive (carries no state).
    pub fn is_keepalive(&self) -> bool {
        matches!(self, Event::OnChannelInformation(_))
    }

    /// Decodes an event from an already-parsed JSON value.
    pub fn from_value(value: Value) -> Result<Event, serde_json::Error> {
        let Value::Object(map) = value else {
            return Err(de::Error::custom("an event must be a JSON object"));
        };
        let name = match map.get("eventName") {
            Some(Value::String(name)) => name.clone(),
            Some(_) => return Err(de::Error::custom("eventName must be a string")),
            None => return Err(de::Error::missing_field("eventName")),
        };
        if !KNOWN_EVENT_NAMES.contains(&name.as_str()) {
            return Ok(Event::unknown(name, map));
        }
        // The payload types ignore unknown fields, `eventName` included.
        deserialize_known(&name, Value::Object(map))
            .unwrap_or_else(|| Err(de::Error::custom("eventName is not a modelled event")))
    }

    /// An event we do not model, kept whole.
    fn unknown(name: String, mut map: Map<String, Value>) -> Event {
        map.remove("eventName");
        let login_name = match map.remove("loginName") {
            Some(Value::String(login)) => Some(login),
            // Keep a non-string loginName verbatim rather than drop it.
            Some(other) => {
                map.insert("loginName".to_owned(), other);
                None
            }
            None => None,
        };
        Event::Unknown(UnknownEvent {
            event_name: name,
            login_name,
            fields: map,
        })
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Event::from_value(Value::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// Deserializes the payload of the modelled event `name` from any source (bytes or a parsed
/// value), or `None` when `name` is not modelled. The one place that maps names to types.
fn deserialize_known<'de, D: Deserializer<'de>>(
    name: &str,
    source: D,
) -> Option<Result<Event, D::Error>> {
    Some(match name {
        "OnCallCreated" => {
            OnCallCreated::deserialize(source).map(|e| Event::OnCallCreated(Box::new(e)))
        }
        "OnCallModified" => {
            OnCallModified::deserialize(source).map(|e| Event::OnCallModified(Box::new(e)))
        }
        "OnCallRemoved" => OnCallRemoved::deserialize(source).map(Event::OnCallRemoved),
        "OnDeviceStateModified" => {
            OnDeviceStateModified::deserialize(source).map(Event::OnDeviceStateModified)
        }
        "OnDynamicStateChanged" => {
            OnDynamicStateChanged::deserialize(source).map(Event::OnDynamicStateChanged)
        }
        "OnTelephonyState" => OnTelephonyState::deserialize(source).map(Event::OnTelephonyState),
        "OnUserStateModified" => {
            OnUserStateModified::deserialize(source).map(Event::OnUserStateModified)
        }
        "OnAgentStateChanged" => {
            OnAgentStateChanged::deserialize(source).map(Event::OnAgentStateChanged)
        }
        "OnAgentSkillChanged" => {
            OnAgentSkillChanged::deserialize(source).map(Event::OnAgentSkillChanged)
        }
        "OnSupervisorHelpRequested" => {
            OnSupervisorHelpRequested::deserialize(source).map(Event::OnSupervisorHelpRequested)
        }
        "OnSupervisorHelpCancelled" => {
            OnSupervisorHelpCancelled::deserialize(source).map(Event::OnSupervisorHelpCancelled)
        }
        "OnEventSummaryUpdated" => {
            OnEventSummaryUpdated::deserialize(source).map(Event::OnEventSummaryUpdated)
        }
        "OnRoutingStateChanged" => {
            OnRoutingStateChanged::deserialize(source).map(Event::OnRoutingStateChanged)
        }
        "OnComRecordCreated" => {
            OnComRecordCreated::deserialize(source).map(Event::OnComRecordCreated)
        }
        "OnComRecordModified" => {
            OnComRecordModified::deserialize(source).map(Event::OnComRecordModified)
        }
        "OnComRecordsDeleted" => {
            OnComRecordsDeleted::deserialize(source).map(Event::OnComRecordsDeleted)
        }
        "OnComRecordsAck" => OnComRecordsAck::deserialize(source).map(Event::OnComRecordsAck),
        "OnComRecordsUnAck" => OnComRecordsUnAck::deserialize(source).map(Event::OnComRecordsUnAck),
        "OnChannelInformation" => {
            OnChannelInformation::deserialize(source).map(Event::OnChannelInformation)
        }
        "OnPilotCallCreated" => {
            OnPilotCallCreated::deserialize(source).map(Event::OnPilotCallCreated)
        }
        "OnPilotCallQueued" => OnPilotCallQueued::deserialize(source).map(Event::OnPilotCallQueued),
        "OnPilotCallRemoved" => {
            OnPilotCallRemoved::deserialize(source).map(Event::OnPilotCallRemoved)
        }
        "OnAgentRtiChanged" => {
            OnAgentRtiChanged::deserialize(source).map(|e| Event::OnAgentRtiChanged(Box::new(e)))
        }
        "OnPilotRtiChanged" => {
            OnPilotRtiChanged::deserialize(source).map(|e| Event::OnPilotRtiChanged(Box::new(e)))
        }
        "OnPGAgentRtiChanged" => OnPGAgentRtiChanged::deserialize(source)
            .map(|e| Event::OnPgAgentRtiChanged(Box::new(e))),
        "OnQueueRtiChanged" => {
            OnQueueRtiChanged::deserialize(source).map(|e| Event::OnQueueRtiChanged(Box::new(e)))
        }
        "OnPGOtherRtiChanged" => {
            OnPGOtherRtiChanged::deserialize(source).map(Event::OnPgOtherRtiChanged)
        }
        _ => return None,
    })
}

/// Just the tag, borrowed from the input when it has no escapes.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
struct Tag<'a> {
    #[serde(rename = "eventName", borrow)]
    event_name: Option<std::borrow::Cow<'a, str>>,
}

/// The fast path: a modelled event parsed straight from the bytes, without building a
/// `Value` first. `None` sends the input to the general path (unknown names, errors), which
/// also words the errors.
///
/// Native only: it instantiates every payload's deserializer a second time (over a byte
/// slice as well as over `Value`), which costs the wasm widget ~150 KiB before compression
/// for a speed-up a browser handling a few events per second does not need.
#[cfg(not(target_arch = "wasm32"))]
fn decode_known_directly(bytes: &[u8]) -> Option<Event> {
    let tag: Tag<'_> = serde_json::from_slice(bytes).ok()?;
    let mut source = serde_json::Deserializer::from_slice(bytes);
    let event = deserialize_known(tag.event_name.as_deref()?, &mut source)?.ok()?;
    source.end().ok()?;
    Some(event)
}

/// Decodes one event object. Not JSON → [`DecodeError::Syntax`]; JSON of the wrong shape
/// (not an object, no `eventName`, a modelled event with a missing or mistyped field) →
/// [`DecodeError::Shape`]. An unknown `eventName` is not an error.
pub fn decode_event(bytes: &[u8]) -> Result<Event, DecodeError> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(event) = decode_known_directly(bytes) {
        return Ok(event);
    }
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::from_json("Event", &e))?;
    Event::from_value(value).map_err(|e| DecodeError::Shape {
        what: "Event",
        message: e.to_string(),
    })
}

/// Encodes an event as the gateway sends it.
pub fn encode_event(event: &Event) -> String {
    super::codec::encode(event)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn known_event_encodes_with_its_tag_first_and_round_trips() {
        let body = br#"{"eventName":"OnUserStateModified","loginName":"oxe60113","state":"BUSY"}"#;
        let event = decode_event(body).expect("decodes");
        assert_eq!(event.name(), "OnUserStateModified");
        assert_eq!(event.login_name(), Some("oxe60113"));
        assert_eq!(encode_event(&event).as_bytes(), body);
    }

    #[test]
    fn unknown_event_is_kept_whole_and_encodes_back() {
        let body = br#"{"eventName":"OnRsiRouteRequest","rsi":"60141","numberOfQueued":2}"#;
        let event = decode_event(body).expect("unknown names are not errors");
        assert_eq!(event.name(), "OnRsiRouteRequest");
        assert_eq!(event.login_name(), None);
        let again = decode_event(encode_event(&event).as_bytes()).expect("re-decodes");
        assert_eq!(again, event);
    }

    #[test]
    fn modelled_events_are_exactly_the_agent_console_and_supervisor_packages_plus_keepalive() {
        use crate::o2g::subscription::Package;
        let mut from_packages: Vec<&str> = Package::AGENT_CONSOLE
            .iter()
            .chain(&[Package::Pilot, Package::Rti])
            .flat_map(|p| p.events().iter().copied())
            .collect();
        from_packages.push("OnChannelInformation");
        from_packages.sort_unstable();
        let mut modelled = KNOWN_EVENT_NAMES.to_vec();
        modelled.sort_unstable();
        assert_eq!(modelled, from_packages);
    }

    #[test]
    fn keepalive_has_no_login() {
        let event = decode_event(br#"{ "eventName": "OnChannelInformation", "text": "keepalive"}"#)
            .expect("L2122");
        assert!(event.is_keepalive());
        assert_eq!(event.login_name(), None);
        assert_eq!(
            encode_event(&event),
            r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#
        );
    }

    #[test]
    fn syntax_and_shape_errors_are_told_apart() {
        assert!(matches!(
            decode_event(b"{\"eventName\":"),
            Err(DecodeError::Syntax { .. })
        ));
        assert!(matches!(
            decode_event(b"<html>"),
            Err(DecodeError::Syntax { .. })
        ));
        assert!(matches!(
            decode_event(b"[1,2]"),
            Err(DecodeError::Shape { .. })
        ));
        assert!(matches!(
            decode_event(b"{}"),
            Err(DecodeError::Shape { .. })
        ));
        assert!(matches!(
            decode_event(br#"{"eventName":7}"#),
            Err(DecodeError::Shape { .. })
        ));
        assert!(matches!(
            decode_event(br#"{"eventName":"OnCallCreated"}"#),
            Err(DecodeError::Shape { .. })
        ));
    }
}
