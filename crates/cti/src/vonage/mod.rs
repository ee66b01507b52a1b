//! The Vonage Contact Centre agent-activity API (`shared/specs/vonage-agent-activity-api.txt`):
//! the JSON of `GET /stats/agent-activities` pages, their items, and the error body.
//!
//! - [`wire`]: the JSON shapes, field for field as the spec writes them (every field of an
//!   item is always present, `null` when it does not apply).
//! - [`decode_item`], [`decode_page`], [`encode_item`], [`encode_page`]: bytes to the neutral
//!   [`crate::report`] model and back, with the checks the spec's lists imply.
//! - [`repair_diff_debris`]: the spec's page is a wiki diff; its examples carry both the old
//!   and the new value of a field (`"guid": null"6a6d…"`). The new value wins
//!   (docs/decisions.md, "Vonage diff debris").

mod convert;
mod debris;
mod error;
pub mod wire;

pub use convert::{
    decode_error, decode_item, decode_page, encode_error, encode_item, encode_page, ActivityPage,
    PageMeta,
};
pub use debris::repair_diff_debris;
pub use error::DecodeError;

/// The media type of the API's version 3 (the `accept` header a client sends).
pub const MEDIA_TYPE: &str = "application/vnd.newvoicemedia.v3+json";

/// The longest window a request may ask for, in days.
pub const MAX_WINDOW_DAYS: u64 = 31;

/// The message of the 400 answered to a window over [`MAX_WINDOW_DAYS`], exactly as the spec
/// writes it.
pub const WINDOW_EXCEEDED: &str = "Request window size limit exceeded 31 days";

/// The medium of a phone call.
pub const MEDIUM_PHONE: &str = "Phone";

/// The medium manager of interactions of the contact centre itself.
pub const MEDIUM_MANAGER_VCC: &str = "VCC";
