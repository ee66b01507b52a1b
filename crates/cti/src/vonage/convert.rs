//! Agent-activity JSON to the neutral model and back.

use super::wire::{
    ActivityItem, ChannelInfo, ErrorBody, InteractionInfo, Meta, Page, WorkloadInfo,
};
use super::{repair_diff_debris, DecodeError};
use crate::iso8601::{iso8601, parse_iso8601};
use crate::report::activity::{
    ActivityKind, ActivityReason, AgentActivity, Direction, Interaction, InteractionCategory,
    InteractionStatus, Presence, PresenceCategory, UnknownName, Workload,
};

pub use super::wire::Meta as PageMeta;

/// A page of activities in the neutral model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityPage {
    /// Paging.
    pub meta: Meta,
    /// The activities, in the order the page lists them.
    pub items: Vec<AgentActivity>,
    /// The time the data is complete up to (Unix ms), when told.
    pub up_to: Option<u64>,
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let text = core::str::from_utf8(bytes).map_err(|e| DecodeError::Json(e.to_string()))?;
    serde_json::from_str(&repair_diff_debris(text)).map_err(|e| DecodeError::Json(e.to_string()))
}

fn date(field: &'static str, text: &str) -> Result<u64, DecodeError> {
    parse_iso8601(text).ok_or_else(|| DecodeError::BadDate {
        field,
        value: text.to_owned(),
    })
}

/// Reads one activity (the spec's diff debris repaired first).
pub fn decode_item(bytes: &[u8]) -> Result<AgentActivity, DecodeError> {
    item_to_activity(json::<ActivityItem>(bytes)?)
}

/// Reads a page of activities.
pub fn decode_page(bytes: &[u8]) -> Result<ActivityPage, DecodeError> {
    let page: Page = json(bytes)?;
    Ok(ActivityPage {
        meta: page.meta,
        items: page
            .items
            .into_iter()
            .map(item_to_activity)
            .collect::<Result<_, _>>()?,
        up_to: page.up_to.as_deref().map(|t| date("upTo", t)).transpose()?,
    })
}

/// Reads an error body's message.
pub fn decode_error(bytes: &[u8]) -> Result<String, DecodeError> {
    json::<ErrorBody>(bytes).map(|e| e.message)
}

/// Writes one activity, every field present.
pub fn encode_item(activity: &AgentActivity) -> String {
    serde_json::to_string(&activity_to_item(activity)).unwrap_or_default()
}

/// Writes a page.
pub fn encode_page(page: &ActivityPage) -> String {
    let wire = Page {
        meta: page.meta,
        items: page.items.iter().map(activity_to_item).collect(),
        up_to: page.up_to.map(iso8601),
    };
    serde_json::to_string(&wire).unwrap_or_default()
}

/// Writes an error body.
pub fn encode_error(message: &str) -> String {
    serde_json::to_string(&ErrorBody {
        message: message.to_owned(),
    })
    .unwrap_or_default()
}

fn item_to_activity(item: ActivityItem) -> Result<AgentActivity, DecodeError> {
    let start = date("start", &item.start)?;
    let kind = match item.activity_type.as_str() {
        "Presence" => {
            let missing = |field| DecodeError::MissingField {
                activity_type: "Presence",
                field,
            };
            ActivityKind::Presence(Presence {
                category: item
                    .category
                    .ok_or_else(|| missing("category"))?
                    .parse::<PresenceCategory>()?,
                name: item.name.ok_or_else(|| missing("name"))?,
                eligible_for_routing: item
                    .eligible_for_routing
                    .ok_or_else(|| missing("eligibleForRouting"))?,
            })
        }
        "Workload" => {
            let w = item.workload.ok_or(DecodeError::MissingField {
                activity_type: "Workload",
                field: "workload",
            })?;
            ActivityKind::Workload(Workload {
                calls: w.calls,
                semi_live: w.semi_live,
                non_live: w.non_live,
            })
        }
        "Interaction" => {
            let missing = |field| DecodeError::MissingField {
                activity_type: "Interaction",
                field,
            };
            let category = item
                .category
                .ok_or_else(|| missing("category"))?
                .parse::<InteractionCategory>()?;
            let reason = item
                .reason
                .map(|r| r.parse::<ActivityReason>())
                .transpose()?;
            if let Some(reason) = reason {
                if !reason.allowed_for(category) {
                    return Err(DecodeError::ReasonNotAllowed {
                        reason: reason.as_str(),
                        category: category.as_str(),
                    });
                }
            }
            let info = item.interaction.ok_or_else(|| missing("interaction"))?;
            ActivityKind::Interaction(Interaction {
                category,
                status: item
                    .status
                    .ok_or_else(|| missing("status"))?
                    .parse::<InteractionStatus>()?,
                reason,
                direction: info.direction.parse::<Direction>()?,
                guid: info.guid,
                medium: info.medium,
                medium_manager: info.medium_manager,
                channel: item.channel.and_then(|c| c.guid),
            })
        }
        other => {
            return Err(DecodeError::UnknownName(UnknownName {
                kind: "activity type",
                value: other.to_owned(),
            }))
        }
    };
    Ok(AgentActivity {
        agent_id: item.agent_id,
        start,
        duration: item.duration,
        kind,
    })
}

fn activity_to_item(activity: &AgentActivity) -> ActivityItem {
    let mut item = ActivityItem {
        agent_id: activity.agent_id.clone(),
        activity_type: activity.kind.type_name().to_owned(),
        start: iso8601(activity.start),
        duration: activity.duration,
        ..ActivityItem::default()
    };
    match &activity.kind {
        ActivityKind::Presence(p) => {
            item.category = Some(p.category.as_str().to_owned());
            item.name = Some(p.name.clone());
            item.eligible_for_routing = Some(p.eligible_for_routing);
        }
        ActivityKind::Workload(w) => {
            item.workload = Some(WorkloadInfo {
                calls: w.calls,
                semi_live: w.semi_live,
                non_live: w.non_live,
            });
        }
        ActivityKind::Interaction(i) => {
            item.category = Some(i.category.as_str().to_owned());
            item.status = Some(i.status.as_str().to_owned());
            item.reason = i.reason.map(|r| r.as_str().to_owned());
            item.interaction = Some(InteractionInfo {
                guid: i.guid.clone(),
                medium: i.medium.clone(),
                medium_manager: i.medium_manager.clone(),
                direction: i.direction.as_str().to_owned(),
            });
            item.channel = Some(ChannelInfo {
                guid: i.channel.clone(),
            });
        }
    }
    item
}
