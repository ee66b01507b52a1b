//! Embedding: the widget in a host page's iframe (a CRM), driven over `postMessage`.
//!
//! Everything here is pure so that both ends share it and it is tested natively:
//! - [`origin`]: the allow-list of host origins, and the CSP `frame-ancestors` built from it;
//! - [`options`]: the embedded mode's URL parameters (theme, accent, language);
//! - [`protocol`]: the versioned message protocol (handshake, commands, results, events);
//! - [`events`]: the Machine's notifications turned into the events a host hears;
//! - [`commands`]: a host's command turned into the Machine's intent.
//!
//! The protocol is specified in `docs/embed.md`.

pub mod commands;
pub mod events;
pub mod options;
pub mod origin;
pub mod protocol;

pub use commands::{command_intent, CommandError};
pub use events::{HostEvent, HostEvents};
pub use options::{accent_text, EmbedOptions, Theme};
pub use origin::{Origin, OriginAllowList};
pub use protocol::{
    negotiate, Command, ErrorCode, HostMessage, ProtocolError, WidgetMessage, PROTOCOL_VERSION,
};

/// What the embed configuration can get wrong (the operator's input, not the host's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    /// An allow-list entry is not an origin or a wildcard-subdomain origin.
    #[error("`{origin}` is not an allowed-origin entry: {why}")]
    BadOrigin {
        /// The entry as given.
        origin: String,
        /// What is wrong with it.
        why: &'static str,
    },
}
