//! The sans-IO heart of agentdesk, shared by the widget (wasm32) and the gateway (native).
//!
//! This crate never touches a socket, a clock or a browser API: callers pass time in as an
//! argument and carry bytes in and out themselves. That keeps every rule testable natively and
//! identical on both sides of the wire.
//!
//! - [`board`]: the supervisor's board: agents and queues of a team, live, vendor-neutral.
//! - [`model`]: the normalized, vendor-neutral desk: agent state, calls, devices, profile,
//!   routing, history, directory, intents.
//! - [`machine`]: the agent/call state machine (neutral updates in, state and notifications
//!   out) and its guard (whether an intent is allowed now).
//! - [`adapter`]: the seam a vendor's protocol plugs into; [`session`]: a machine and an
//!   adapter driven through one input and one output enum; [`transmit`]: what goes on the wire.
//! - [`o2g`]: the ALE OmniPCX Open Gateway REST API: wire types, codec and adapter.
//! - [`finesse`]: the Finesse JMS connector over STOMP: commands, events and adapter.
//! - [`stomp`]: STOMP 1.2 framing, a client connection and server-side checks, sans-IO.
//! - [`embed`]: the host ↔ widget protocol of the iframe widget, and the embed allow-list.
//! - [`report`]: reports, vendor-neutral: agent activities (presence, interactions, workload),
//!   call journeys and team status; [`vonage`] (agent-activity API) and [`openmethods`] (UCCX
//!   reports) are their wire forms; [`iso8601`]: the UTC dates they use.
//! - [`lenient`]: serde helpers that accept both readings of the spec's documented inconsistencies.

pub mod adapter;
pub mod board;
pub mod embed;
pub mod finesse;
pub mod iso8601;
pub mod lenient;
pub mod machine;
pub mod model;
pub mod o2g;
pub mod openmethods;
pub mod report;
pub mod session;
pub mod stomp;
pub mod transmit;
pub mod vonage;
pub mod xuc;
