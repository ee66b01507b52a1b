//! The Finesse connector front of the simulated contact centre (issue 13): the connector's
//! commands and events (`cti::finesse`) on the shared world ([`sim::FinesseFront`]), reached
//! through the built-in STOMP-over-WebSocket endpoint ([`endpoint`], `/stomp`) or through a
//! real broker the connector joins as a STOMP client ([`broker`], `--broker`). See
//! docs/protocol-finesse.md, "The simulator's connector".

pub mod broker;
pub mod endpoint;
pub mod hub;
pub mod sim;

use axum::routing::get;
use axum::Router;

use crate::state::AppState;

pub use cti::finesse::adapter::{COMMAND_DESTINATION, EVENT_TOPIC_PREFIX};

/// The Finesse routes (simulator mode): the built-in STOMP endpoint.
pub fn routes() -> Router<AppState> {
    Router::new().route(endpoint::PATH, get(endpoint::socket))
}
