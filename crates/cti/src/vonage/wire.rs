//! The JSON of the agent-activity API, field for field (names as the spec writes them).
//! Values the model checks (type, category, status, reason, direction, dates) stay text here;
//! [`super::decode_item`] checks them.

use serde::{Deserialize, Serialize};

/// One agent activity as the API writes it: every field present, `null` when it does not
/// apply to the activity's type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityItem {
    /// The agent's id.
    pub agent_id: String,
    /// `Presence`, `Workload` or `Interaction`.
    #[serde(rename = "type")]
    pub activity_type: String,
    /// The presence or interaction category.
    #[serde(default)]
    pub category: Option<String>,
    /// The presence's configured name.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the presence allows routing.
    #[serde(default)]
    pub eligible_for_routing: Option<bool>,
    /// When it started, ISO 8601 UTC.
    pub start: String,
    /// The interaction's processing status.
    #[serde(default)]
    pub status: Option<String>,
    /// How long it lasted, in milliseconds; `null` while ongoing.
    #[serde(default)]
    pub duration: Option<u64>,
    /// The interaction activity's reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// The interaction.
    #[serde(default)]
    pub interaction: Option<InteractionInfo>,
    /// The agent's channel.
    #[serde(default)]
    pub channel: Option<ChannelInfo>,
    /// The workload.
    #[serde(default)]
    pub workload: Option<WorkloadInfo>,
}

/// The `interaction` object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionInfo {
    /// The interaction's id.
    pub guid: String,
    /// `Phone`, `Email`, …
    pub medium: String,
    /// `VCC`, `VBC`, …
    pub medium_manager: String,
    /// `Inbound`, `Outbound` or `Internal`.
    pub direction: String,
}

/// The `channel` object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelInfo {
    /// The agent's channel id (`null` while unused).
    #[serde(default)]
    pub guid: Option<String>,
}

/// The `workload` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadInfo {
    /// Live interactions.
    pub calls: u32,
    /// Semi-live interactions.
    pub semi_live: u32,
    /// Non-live interactions.
    pub non_live: u32,
}

/// The `meta` paging block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    /// This page's number, from 1.
    pub page: u32,
    /// Items on this page.
    pub count: u32,
    /// Pages in all.
    pub page_count: u32,
    /// Items in all.
    pub total_count: u32,
}

/// A page of activities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// Paging.
    pub meta: Meta,
    /// The activities.
    pub items: Vec<ActivityItem>,
    /// The time the data is complete up to (the `start` of the next poll).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<String>,
}

/// The body of an error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub message: String,
}
