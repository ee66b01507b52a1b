//! Routing management (`/routing`, spec L6838-7780): forward, overflow, DND.

use serde::{Deserialize, Serialize};

use crate::lenient::{bool_or_string, opt_bool_or_string};

/// Path of the routing state.
pub const ROUTING_STATE_PATH: &str = "/api/rest/1.0/routing/state";
/// `POST` (on) / `DELETE` (off) do-not-disturb.
pub const DND_PATH: &str = "/api/rest/1.0/routing/dnd";
/// `GET`/`POST`/`DELETE` the forward route.
pub const FORWARD_ROUTE_PATH: &str = "/api/rest/1.0/routing/forwardroute";

/// `DestinationType` (L7556-7564); OFFICE/MOBILE are "deprecated" but still used (AMBIG-50).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DestinationType {
    /// Office device.
    Office,
    /// Mobile (remote extension).
    Mobile,
    /// The user's voicemail.
    Voicemail,
    /// A number.
    Number,
    /// Unknown; also what any undocumented value (`USER`, `ASSOCIATE`, ...) decodes to.
    #[serde(other)]
    Unknown,
}

/// `ForwardType` (L7589-7596); absent = immediate (AMBIG-51). Also `OverflowType` (L7657-7662).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ForwardType {
    /// When busy.
    Busy,
    /// After a ringing duration.
    NoAnswer,
    /// When busy or after a ringing duration.
    BusyNoAnswer,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `OverflowType` has the same values as `ForwardType`.
pub type OverflowType = ForwardType;

/// `Destination` (L7540-7555).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    /// Kind of destination.
    #[serde(rename = "type")]
    pub destination_type: DestinationType,
    /// Filled by the system in the routing state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// Number; required unless VOICEMAIL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Presentation routes only; `"true"` in examples (AMBIG-46).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub selected: Option<bool>,
}

impl Destination {
    /// The user's voicemail.
    pub fn voicemail() -> Destination {
        Destination {
            destination_type: DestinationType::Voicemail,
            device_id: None,
            number: None,
            selected: None,
        }
    }

    /// A phone number.
    pub fn number(number: impl Into<String>) -> Destination {
        Destination {
            destination_type: DestinationType::Number,
            device_id: None,
            number: Some(number.into()),
            selected: None,
        }
    }
}

/// `ForwardRoute` (L7571-7588).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForwardRoute {
    /// Condition; absent = immediate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_type: Option<ForwardType>,
    /// Destinations (only one is accepted).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub destinations: Vec<Destination>,
}

/// `OverflowRoute` (L7639-7656).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverflowRoute {
    /// Condition.
    pub overflow_type: OverflowType,
    /// Destinations (only one is used).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub destinations: Vec<Destination>,
}

/// `PresentationRoute` (L7663-7679).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresentationRoute {
    /// OFFICE, plus MOBILE when the user has a remote extension.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub destinations: Vec<Destination>,
}

/// `DNDState` (L7565-7570); `"true"` in the example (AMBIG-46).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DndState {
    /// DND is on.
    #[serde(default, deserialize_with = "bool_or_string")]
    pub activate: bool,
}

/// `RoutingState` (L7680-7717).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingState {
    /// Presentation routes.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub presentation_routes: Vec<PresentationRoute>,
    /// Forward routes (none = no forward).
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub forward_routes: Vec<ForwardRoute>,
    /// Overflow routes.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub overflow_routes: Vec<OverflowRoute>,
    /// DND state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnd_state: Option<DndState>,
    /// Undocumented field of the example (AMBIG-47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_device_id: Option<String>,
}

impl RoutingState {
    /// The active forward, if any.
    pub fn forward(&self) -> Option<&ForwardRoute> {
        self.forward_routes
            .iter()
            .find(|r| !r.destinations.is_empty())
    }

    /// Whether DND is on.
    pub fn dnd(&self) -> bool {
        self.dnd_state.is_some_and(|d| d.activate)
    }
}

/// `Capabilities` (L7532-7538), the body of `GET /routing`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingCapabilities {
    /// May manage presentation routes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub presentation_route: Option<bool>,
    /// May manage forward routes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub forward_route: Option<bool>,
    /// May manage overflow routes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub overflow_route: Option<bool>,
    /// May manage DND.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub dnd: Option<bool>,
}

/// `SetForwardRouteRequest` (L7719-7734): `POST /routing/forwardroute`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetForwardRouteRequest {
    /// The new forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_route: Option<ForwardRoute>,
}

/// `SetOverflowRoutesRequest` (L7735-7749): `POST /routing/overflowroute`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetOverflowRoutesRequest {
    /// The new overflow (only one).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub overflow_routes: Vec<OverflowRoute>,
}

/// `SetRoutesRequest` (L7751-7778): `POST /routing`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetRoutesRequest {
    /// Presentation routes (only one).
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub presentation_routes: Vec<PresentationRoute>,
    /// Forward routes (only one).
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub forward_routes: Vec<ForwardRoute>,
}

/// `OnRoutingStateChanged` (L7597-7637).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnRoutingStateChanged {
    /// The user the event is about.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The whole routing state (`[1]`; absent reads as empty).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub routing_state: RoutingState,
}
