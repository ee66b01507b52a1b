//! Subscriptions (`/subscriptions`, spec L2074-2417), packages and the channel keep-alive.

use serde::{Deserialize, Serialize};

use crate::lenient::opt_int_or_string;

/// Path of the subscription resource.
pub const SUBSCRIPTIONS_PATH: &str = "/api/rest/1.0/subscriptions";

/// `Selector` (L2354-2365): events must carry one of `ids` and match one of `names`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    /// Login names (or pilot/RSI numbers, or `*` for an administrator). Optional for a user
    /// session (AMBIG-16) but we always send ours.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ids: Vec<String>,
    /// Event names or package names, all of one package (L2106).
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub names: Vec<String>,
}

impl Selector {
    /// A selector for one package and one id.
    pub fn package(id: impl Into<String>, package: Package) -> Selector {
        Selector {
            ids: vec![id.into()],
            names: vec![package.as_str().to_owned()],
        }
    }
}

/// `Filter` (L2342-2352); also the bare body of `PUT /subscriptions` (AMBIG-17).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    /// The selectors.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub selectors: Vec<Selector>,
}

/// `SubscriptionRequest` (L2385-2410), the body of `POST /subscriptions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionRequest {
    /// What to receive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Filter>,
    /// "Reserved: DO NOT USE" (AMBIG-15); read, never written by us.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Always `"1.0"`; tolerated when missing.
    #[serde(default = "default_version")]
    pub version: String,
    /// Channel lifetime in minutes without activity; 0 = keep-alives (AMBIG-13).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub timeout: Option<u32>,
    /// Webhook delivery instead of the chunk channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_hook_url: Option<String>,
}

fn default_version() -> String {
    crate::o2g::API_VERSION.to_owned()
}

impl SubscriptionRequest {
    /// A chunk-mode subscription of `login_name` to `packages`, one selector per package
    /// (L2106 forbids mixing packages), with `timeout: 0` so the server sends keep-alives.
    pub fn for_user(login_name: &str, packages: &[Package]) -> SubscriptionRequest {
        SubscriptionRequest {
            filter: Some(Filter {
                selectors: packages
                    .iter()
                    .map(|p| Selector::package(login_name, *p))
                    .collect(),
            }),
            session_id: None,
            version: default_version(),
            timeout: Some(0),
            web_hook_url: None,
        }
    }
}

/// `SubscriptionState` (L2412-2417).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubscriptionState {
    /// Fully accepted.
    Accepted,
    /// Refused.
    Refused,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `Subscription` (L2367-2383), the answer to `POST /subscriptions`. The example adds
/// `"mode":"CHUNK","format":"JSON"` (AMBIG-12): kept when present, never required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// Identifier, if accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// Explanation, especially on refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Chunk channel URL from the internet; use it when set (L2135).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_polling_url: Option<String>,
    /// Chunk channel URL from the intranet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_polling_url: Option<String>,
    /// Status.
    pub status: SubscriptionState,
    /// Undocumented delivery mode, e.g. `CHUNK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Undocumented format, e.g. `JSON`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl Subscription {
    /// The chunk channel URL to open: the public one if set, else the private one.
    pub fn polling_url(&self) -> Option<&str> {
        self.public_polling_url
            .as_deref()
            .filter(|u| !u.is_empty())
            .or(self.private_polling_url.as_deref())
    }
}

/// Event packages (L2086-2099).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Package {
    /// Call control.
    Telephony,
    /// Counters.
    EventSummary,
    /// Communication log.
    UnifiedComLog,
    /// User information.
    User,
    /// User management (admin).
    UserManagement,
    /// Forward / overflow / DND.
    RoutingManagement,
    /// Call Center Agent.
    Agent,
    /// Route selection.
    Rsi,
    /// Pilot monitoring.
    Pilot,
    /// System (admin).
    System,
    /// PBX management (admin).
    PbxManagement,
    /// Call Center real time (admin).
    Rti,
    /// Call Center statistics (admin).
    Acdstats,
}

impl Package {
    /// Every package, in table order.
    pub const ALL: [Package; 13] = [
        Package::Telephony,
        Package::EventSummary,
        Package::UnifiedComLog,
        Package::User,
        Package::UserManagement,
        Package::RoutingManagement,
        Package::Agent,
        Package::Rsi,
        Package::Pilot,
        Package::System,
        Package::PbxManagement,
        Package::Rti,
        Package::Acdstats,
    ];

    /// The packages an agent console subscribes to.
    pub const AGENT_CONSOLE: [Package; 5] = [
        Package::Telephony,
        Package::Agent,
        Package::EventSummary,
        Package::RoutingManagement,
        Package::UnifiedComLog,
    ];

    /// The name used in `Selector::names`.
    pub fn as_str(self) -> &'static str {
        match self {
            Package::Telephony => "telephony",
            Package::EventSummary => "eventSummary",
            Package::UnifiedComLog => "unifiedComLog",
            Package::User => "user",
            Package::UserManagement => "userManagement",
            Package::RoutingManagement => "routingManagement",
            Package::Agent => "agent",
            Package::Rsi => "rsi",
            Package::Pilot => "pilot",
            Package::System => "system",
            Package::PbxManagement => "pbxManagement",
            Package::Rti => "rti",
            Package::Acdstats => "acdstats",
        }
    }

    /// The package of that name.
    pub fn from_name(name: &str) -> Option<Package> {
        Package::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The events of the package (L2086-2099).
    pub fn events(self) -> &'static [&'static str] {
        match self {
            Package::Telephony => &[
                "OnCallCreated",
                "OnCallModified",
                "OnCallRemoved",
                "OnUserStateModified",
                "OnDeviceStateModified",
                "OnTelephonyState",
                "OnDynamicStateChanged",
            ],
            Package::EventSummary => &["OnEventSummaryUpdated"],
            Package::UnifiedComLog => &[
                "OnComRecordCreated",
                "OnComRecordModified",
                "OnComRecordsDeleted",
                "OnComRecordsAck",
                "OnComRecordsUnAck",
            ],
            Package::User => &["OnUserInfoChanged"],
            Package::UserManagement => &["OnUserCreated", "OnUserDeleted", "OnUserInfoChanged"],
            Package::RoutingManagement => &["OnRoutingStateChanged"],
            Package::Agent => &[
                "OnAgentStateChanged",
                "OnSupervisorHelpRequested",
                "OnSupervisorHelpCancelled",
                "OnAgentSkillChanged",
            ],
            Package::Rsi => &[
                "OnRouteRequest",
                "OnRouteEnd",
                "OnToneGeneratedStart",
                "OnToneGeneratedStop",
                "OnDigitCollected",
            ],
            Package::Pilot => &[
                "OnPilotCallCreated",
                "OnPilotCallQueued",
                "OnPilotCallRemoved",
            ],
            Package::System => &[
                "OnLicenseExpiration",
                "OnPbxLoaded",
                "OnCtiLinkDown",
                "OnCtiLinkUp",
            ],
            Package::PbxManagement => &[
                "OnPbxObjectInstanceCreated",
                "OnPbxObjectInstanceModified",
                "OnPbxObjectInstanceDeleted",
            ],
            Package::Rti => &[
                "OnAgentRtiChanged",
                "OnPilotRtiChanged",
                "OnPGAgentRtiChanged",
                "OnQueueRtiChanged",
                "OnPGOtherRtiChanged",
            ],
            Package::Acdstats => &["OnAcdStatsProgress"],
        }
    }

    /// The first package listing `event_name` (`OnUserInfoChanged` is in two, AMBIG-23;
    /// `OnChannelInformation` is in none).
    pub fn of_event(event_name: &str) -> Option<Package> {
        Package::ALL
            .into_iter()
            .find(|p| p.events().contains(&event_name))
    }
}

/// The name of the keep-alive event (L2122).
pub const CHANNEL_INFORMATION: &str = "OnChannelInformation";
/// The text of a keep-alive.
pub const KEEPALIVE_TEXT: &str = "keepalive";

/// `OnChannelInformation` (L2122): a channel keep-alive, in no package (AMBIG-22).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnChannelInformation {
    /// `"keepalive"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl OnChannelInformation {
    /// The keep-alive the gateway sends every minute of silence.
    pub fn keepalive() -> OnChannelInformation {
        OnChannelInformation {
            text: Some(KEEPALIVE_TEXT.to_owned()),
        }
    }
}
