//! Event delivery: who subscribed to what, and the channels events travel on.
//!
//! The simulator (or the proxy) calls [`EventHub::publish`] for every event of a user; the hub
//! fans it out to the subscriptions whose filter selects it, and each subscription's channel
//! (HTTP chunk or WebSocket, [`channel`]) writes them to its client.

pub mod channel;
pub mod filter;
mod hub;

pub use filter::EventFilter;
pub use hub::{
    EventHub, HubConfig, HubMetrics, SessionSubscriptions, Subscription, Take, MINUTE_MS,
};
