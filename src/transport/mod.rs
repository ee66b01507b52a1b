//! Talking to the gateway: HTTP requests (fetch), the event channel, and their errors.

mod channel;
mod error;
mod o2g;

pub use channel::{
    run_channel, run_socket, ChannelHandlers, ChannelKind, ChannelStop, ConnectionState,
};
pub use cti::o2g::decode;
pub use error::ApiError;
pub use o2g::{normalize_gateway_url, O2gClient};
