//! The Finesse JMS connector ("Generic Connector"), as spoken over STOMP: clients send
//! commands to the connector's queue (JMS type `<COMMAND>#<agent_login_id>`, comma-separated
//! body) and receive `#`-delimited events on their own topic
//! (`shared/specs/finesse-jms-connector.txt`; docs/protocol-finesse.md).
//!
//! - [`command`]: every command, [`CommandMessage::decode`] / [`CommandMessage::encode`];
//! - [`event`]: every event, [`decode_event`] / [`encode_event`];
//! - [`record`]: the `key:value,...` entries of list events;
//! - [`error`]: [`DecodeError`], [`EncodeError`], the documented [`ErrorName`]s;
//! - [`adapter`]: [`FinesseAdapter`], the seam's adapter over a STOMP client connection.

pub mod adapter;
pub mod command;
pub mod error;
pub mod event;
pub mod record;

pub use adapter::{FinesseAdapter, FinesseConfig};
pub use command::{Command, CommandMessage, ConnectionMode, ReasonList, COMMANDS};
pub use error::{DecodeError, EncodeError, ErrorName};
pub use event::{
    decode_event, encode_event, AgentInfo, AgentState, AgentStateEvent, CallStatus, ConnectorError,
    Contact, DialogState, DialogStatus, Event, EventMessage, Listing, NewInboundCall, Phonebook,
    Queue, QueueFlavor, ReasonCode, ReasonCodes, Team, TeamUser, Teams,
};
pub use record::Record;
