//! ALE OmniPCX Open Gateway (O2G) REST API: wire types and codec.
//!
//! Field names, paths and enum values are those of `shared/specs/ale-o2g-rest-api.txt`.
//! Every type *encodes* the representation-table form and *decodes* the documented variants
//! too (see `docs/decisions.md`, section O2G). Unknown fields are ignored.

pub mod adapter;
pub mod agent;
pub mod auth;
pub mod board;
pub mod codec;
pub mod comlog;
pub mod directory;
pub mod error;
pub mod event;
pub mod event_summary;
pub mod nullable;
pub mod pilot;
pub mod routing;
pub mod rti;
pub mod session;
pub mod sign_in;
pub mod splitter;
pub mod subscription;
pub mod telephony;
pub mod user;

pub use adapter::{O2gAdapter, O2gConfig};
pub use board::O2gBoardFeeder;
pub use codec::{decode, encode, DecodeError};
pub use error::{ErrorType, RestErrorInfo};
pub use event::{decode_event, encode_event, Event, UnknownEvent};
pub use splitter::{JsonObjectSplitter, SplitError};

/// The only API version this crate speaks.
pub const API_VERSION: &str = "1.0";
/// Discovery resource, outside the versioned tree.
pub const ROOT_PATH: &str = "/api/rest";
/// Authentication resource (note: *not* under `/1.0/`).
pub const AUTHENTICATE_PATH: &str = "/api/rest/authenticate";
/// Prefix of every versioned resource.
pub const BASE_PATH: &str = "/api/rest/1.0";
/// Name of the cookie that carries the session credential.
pub const SESSION_COOKIE: &str = "AlcUserId";
