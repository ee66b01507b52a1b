//! Event delivery: who subscribed to what, and the channels events travel on.
//!
//! The simulator (or the proxy) calls [`EventHub::publish`] for every event of a user; the hub
//! fans it out to the subscriptions whose filter selects it.

mod hub;

pub use hub::EventHub;
