//! XiVO XuC: the CTI server's WebSocket protocol (agent API, phone API, callbacks, queue
//! membership) and its REST authentication: wire types, codec and adapter.
//!
//! Message types, command names, field names and enum values are those of
//! `shared/specs/xivo-xuc-agent-api.txt` and of XuC's public documentation and official client
//! (issue 12; sources in `docs/decisions.md`, "XuC (issue 12)"). Decoding is lenient where the
//! wire is (ids as numbers or numeric strings, both `agentid` spellings, the deprecated
//! `AgentLogin` state, unknown enum values and message types kept); encoding writes what the
//! official client writes, optional fields absent. Unknown fields are ignored.
//!
//! - [`message`]: server → client frames ([`ServerMessage`], [`decode_message`],
//!   [`encode_message`]);
//! - [`command`]: client → server frames ([`Command`], [`decode_command`], [`encode_command`]);
//! - payloads by topic: [`auth`] (REST sign-in, `LoggedOn`, `RightProfile`), [`agent`],
//!   [`config`], [`callback`], [`phone`], [`sheet`]; shared shapes in [`wire`];
//! - [`adapter`]: [`XucAdapter`], the XuC side of the seam.

pub mod adapter;
pub mod agent;
pub mod auth;
pub mod callback;
pub mod codec;
pub mod command;
pub mod config;
pub mod message;
pub mod phone;
pub mod sheet;
pub mod sign_in;
pub mod wire;

pub use adapter::{XucAdapter, XucConfig};
pub use codec::{decode, encode, DecodeError};
pub use command::{decode_command, encode_command, Command};
pub use message::{decode_message, encode_message, ServerMessage, UnknownMessage};
pub use wire::Id;
