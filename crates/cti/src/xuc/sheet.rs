//! `Sheet` (spec "Sheet"): the screen pop of a call, as configured in XiVO.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The payload of `Sheet`. The `payload` is kept as sent (its shape is XiVO's sheet
/// configuration); [`Sheet::fields`] reads the fields of the user's profile from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// Server time, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timenow: Option<i64>,
    /// Whether XiVO compressed the original sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compressed: Option<bool>,
    /// The original serialization (`xml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The sheet: `profile.user.sheetInfo` lists its fields.
    #[serde(default)]
    pub payload: Value,
    /// The channel of the call, e.g. `SIP/1k4yj2-00000013`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// One field of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetField {
    /// Its name, e.g. `popupUrl`.
    pub name: String,
    /// Its value.
    pub value: String,
    /// Its kind: `url`, `text`, ...
    pub kind: String,
    /// Its place among the fields.
    pub order: i64,
}

impl Sheet {
    /// The fields of `payload.profile.user.sheetInfo`, by `order` (those without a name or a
    /// value are skipped).
    pub fn fields(&self) -> Vec<SheetField> {
        let info = self
            .payload
            .pointer("/profile/user/sheetInfo")
            .and_then(Value::as_array);
        let mut fields: Vec<SheetField> = info
            .into_iter()
            .flatten()
            .filter_map(|field| {
                let text = |key: &str| field.get(key).and_then(Value::as_str).map(str::to_owned);
                Some(SheetField {
                    name: text("name")?,
                    value: text("value")?,
                    kind: text("type").unwrap_or_default(),
                    order: field.get("order").and_then(Value::as_i64).unwrap_or(0),
                })
            })
            .collect();
        fields.sort_by_key(|field| field.order);
        fields
    }

    /// The first `url` field: the page to pop.
    pub fn url(&self) -> Option<String> {
        self.fields()
            .into_iter()
            .find(|field| field.kind == "url")
            .map(|field| field.value)
    }
}
