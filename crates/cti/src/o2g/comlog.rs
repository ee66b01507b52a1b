//! Communication log (`/comlog/records`, spec L7781-8643): records and the `unifiedComLog`
//! package events.

use serde::{Deserialize, Serialize};

use super::telephony::PartyInfo;
use crate::lenient::{opt_bool_or_string, opt_int_or_string};

/// Path of the records collection.
pub const RECORDS_PATH: &str = "/api/rest/1.0/comlog/records";

/// `Role` (L8624-8628).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// A calling party.
    Caller,
    /// A called party.
    Callee,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `Reason` (L8597-8623).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Reason {
    /// All trunks busy.
    AllTrunkBusy,
    /// Invalid number.
    InvalidNumber,
    /// Cancelled by the caller.
    Abandoned,
    /// Called party busy.
    Busy,
    /// Conference.
    Conferenced,
    /// Picked up.
    Pickup,
    /// Forwarded.
    Forwarded,
    /// Redirected.
    Redirected,
    /// Released because the redirection failed.
    ReleasedOnRedirect,
    /// Transferred.
    Transferred,
    /// Released because the transfer failed.
    ReleasedOnTransfer,
    /// Ended on voicemail.
    Voicemail,
    /// Normal end.
    Normal,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `MediaType` (L8330-8334).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MediaType {
    /// Audio.
    Audio,
    /// Unknown; also what any undocumented value decodes to.
    #[serde(other)]
    Unknown,
}

/// `TagValuePair` (L8630-8635).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagValuePair {
    /// Key.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub name: String,
    /// Value.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub value: String,
}

/// Comlog `Participant` (L8485-8565). Only the record owner carries `role` and `answered`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComParticipant {
    /// Caller or callee (owner only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Really entered the conversation (owner only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub answered: Option<bool>,
    /// Identity; declared `[1]`, tolerated when missing.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub identity: PartyInfo,
    /// Anonymous identity.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub anonymous: Option<bool>,
    /// The number initially called when this participant entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_called: Option<PartyInfo>,
    /// Why the call was established, rerouted or ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Device leg, when not the main device (since 2.7.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg: Option<String>,
}

/// `ComHistoryRecord` (L8184-8248). The examples write `comref` and `acknowledge` (AMBIG-52):
/// both are read, the table names are written. In `OnComRecordModified` it may hold only the
/// modified fields, so everything but `comRef` is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComHistoryRecord {
    /// Record id.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub record_id: Option<i64>,
    /// Communication reference; tolerated when missing (partial modification records).
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        alias = "comref"
    )]
    pub com_ref: String,
    /// False for an unanswered incoming call not yet acknowledged.
    #[serde(
        default,
        alias = "acknowledge",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool_or_string"
    )]
    pub acknowledged: Option<bool>,
    /// Participants.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub participants: Vec<ComParticipant>,
    /// Launch (outgoing) or presentation (incoming) date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_date: Option<String>,
    /// End date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Answer date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conv_date: Option<String>,
    /// Total hold duration (since 2.7.4).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub hold_duration: Option<i64>,
    /// Who transferred the call (since 2.7.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_by: Option<String>,
    /// Correlator data (since 2.7.4); `associateData` accepted (AMBIG-25).
    #[serde(
        default,
        alias = "associateData",
        skip_serializing_if = "Option::is_none"
    )]
    pub associated_data: Option<String>,
    /// Medias (`[1..*]`, tolerated empty).
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub medias: Vec<MediaType>,
    /// Extensions.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub extensions: Vec<TagValuePair>,
}

/// `ComHistoryRecords` (L8258-8318), the body of `GET /comlog/records`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComHistoryRecords {
    /// The records.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub com_history_records: Vec<ComHistoryRecord>,
    /// Offset of the first record.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub offset: Option<i32>,
    /// Page size.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub limit: Option<i32>,
    /// Total without paging.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub total_count: Option<i32>,
}

/// `ComHistoryRecordIds` (L8250-8257); also `UpdateComRecordsRequest` (L8636-8642), the
/// body of the acknowledge request (AMBIG-53).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComHistoryRecordIds {
    /// Record ids; numeric strings are accepted too (see docs/decisions.md, "O2G fidelity").
    #[serde(default, deserialize_with = "crate::lenient::ints_or_strings")]
    pub record_ids: Vec<i64>,
}

/// `UpdateComRecordsRequest` has the same shape as [`ComHistoryRecordIds`].
pub type UpdateComRecordsRequest = ComHistoryRecordIds;

/// `OnComRecordCreated` (L8341-8399).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnComRecordCreated {
    /// The record owner.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The new record.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub record: ComHistoryRecord,
}

/// `OnComRecordModified` (L8400-8461): `record` may carry only the modified fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnComRecordModified {
    /// The record owner.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// The modified record.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub record: ComHistoryRecord,
}

/// `OnComRecordsDeleted` (L8470-8477): an absent `recordIds` means every record was deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnComRecordsDeleted {
    /// The record owner.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Deleted ids; `None` = all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_ids: Option<Vec<i64>>,
}

/// `OnComRecordsAck` (L8463-8469).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnComRecordsAck {
    /// The record owner.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Acknowledged ids.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub record_ids: Vec<i64>,
}

/// `OnComRecordsUnAck` (L8478-8484).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnComRecordsUnAck {
    /// The record owner.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub login_name: String,
    /// Unacknowledged ids.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub record_ids: Vec<i64>,
}
