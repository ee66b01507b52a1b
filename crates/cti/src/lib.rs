//! The sans-IO heart of agentdesk, shared by the widget (wasm32) and the gateway (native).
//!
//! This crate never touches a socket, a clock or a browser API: callers pass time in as an
//! argument and carry bytes in and out themselves. That keeps every rule testable natively and
//! identical on both sides of the wire.
//!
//! - [`o2g`]: the ALE OmniPCX Open Gateway REST API wire types and codec.
//! - [`model`]: the normalized, vendor-neutral desk: agent state, calls, devices, intents.
//! - [`machine`]: the agent/call state machine (events in, state and notifications out).
//! - [`embed`]: the host ↔ widget protocol of the iframe widget, and the embed allow-list.
//! - [`lenient`]: serde helpers that accept both readings of the spec's documented inconsistencies.

pub mod embed;
pub mod lenient;
pub mod machine;
pub mod model;
pub mod o2g;
