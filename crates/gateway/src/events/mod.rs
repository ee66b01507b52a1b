//! Event delivery, for any front: who subscribed to what, and the bounded queues events wait
//! in until a channel takes them.
//!
//! A front publishes each event of a user to its own [`EventHub`] ([`EventHub::publish`]);
//! the hub keeps it for the subscriptions whose filter (the front's, see [`Encoding`]) selects
//! it, encoded once, and the front's channels (O2G: `fronts/o2g/channel.rs`) write the lines.

mod hub;
mod subscription;

pub use hub::{EventHub, HubConfig, HubMetrics, SessionSubscriptions, MINUTE_MS};
pub use subscription::{Encoding, Subscription, Take};
