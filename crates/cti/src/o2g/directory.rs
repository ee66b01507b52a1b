//! Directory search (`/directory/search`, spec L6496-6837): POST criteria, GET results until
//! `FINISH`/`TIMEOUT`, optionally DELETE.

use serde::{Deserialize, Serialize};

use super::telephony::Identifier;
use crate::lenient::opt_int_or_string;

/// Path of the search resource.
pub const SEARCH_PATH: &str = "/api/rest/1.0/directory/search";

/// `Attribute` (L6704-6714): the field a criterion tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attribute {
    /// Last name.
    #[serde(rename = "lastName")]
    LastName,
    /// First name.
    #[serde(rename = "firstName")]
    FirstName,
    /// Phone number, possibly `"display"<dialable>`.
    #[serde(rename = "id.phoneNumber")]
    PhoneNumber,
    /// Login name.
    #[serde(rename = "id.loginName")]
    LoginName,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `Operation` (L6745-6753).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Operation {
    /// Any sub-criterion.
    Or,
    /// All sub-criteria.
    And,
    /// Equal, ignoring case.
    EqualIgnoreCase,
    /// Prefix.
    BeginWith,
    /// Substring.
    Contain,
    /// Suffix.
    EndWith,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// The `operand` of a criterion: a string, or sub-criteria for `AND`/`OR`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Operand {
    /// A value to compare with.
    Text(String),
    /// Sub-criteria.
    Criteria(Vec<Criterion>),
}

/// `Criterion` (L6716-6739).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    /// The tested field; absent for `AND`/`OR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Attribute>,
    /// The operation.
    pub operation: Operation,
    /// The operand.
    pub operand: Operand,
}

impl Criterion {
    /// `field` begins with `prefix`.
    pub fn begins_with(field: Attribute, prefix: impl Into<String>) -> Criterion {
        Criterion {
            field: Some(field),
            operation: Operation::BeginWith,
            operand: Operand::Text(prefix.into()),
        }
    }

    /// Any of `criteria`.
    pub fn any(criteria: Vec<Criterion>) -> Criterion {
        Criterion {
            field: None,
            operation: Operation::Or,
            operand: Operand::Criteria(criteria),
        }
    }
}

/// `SearchRequest` (L6803-6816).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    /// At most this many results, 1..=100 (default 100).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub limit: Option<i32>,
    /// The criterion.
    pub filter: Criterion,
}

/// `KeyboardType` of a DTMF search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum KeyboardType {
    /// CCITT keyboard.
    Ccitt,
    /// ITU keyboard.
    Itu,
    /// A value this client does not know.
    #[serde(other)]
    Unrecognized,
}

/// `SearchByDtmfRequest` (L6788-6801).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchByDtmfRequest {
    /// Last name as digits.
    pub last_name: String,
    /// First name as digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Keyboard layout.
    pub keyboard_type: KeyboardType,
    /// At most this many results.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_int_or_string"
    )]
    pub limit: Option<i32>,
}

/// `ResultCode` (L6761-6770).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResultCode {
    /// Results this time; keep polling.
    Ok,
    /// No results yet; keep polling.
    Nok,
    /// Done.
    Finish,
    /// Ended by timeout.
    Timeout,
    /// A value this client does not know; treat as done.
    #[serde(other)]
    Unrecognized,
}

impl ResultCode {
    /// Whether to stop polling.
    pub fn is_final(self) -> bool {
        !matches!(self, ResultCode::Ok | ResultCode::Nok)
    }
}

/// Directory `PartyInfo` (L6754-6760): a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Identifier>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

/// `ResultElement` (L6771-6787).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultElement {
    /// Matching contacts.
    #[serde(default, deserialize_with = "crate::o2g::nullable::or_default")]
    pub contacts: Vec<Contact>,
}

/// `SearchResult` (L6818-6835), the body of `GET /directory/search`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    /// Status; absent reads as "not yet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<ResultCode>,
    /// Results.
    #[serde(
        default,
        deserialize_with = "crate::o2g::nullable::or_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub result_elements: Vec<ResultElement>,
}
