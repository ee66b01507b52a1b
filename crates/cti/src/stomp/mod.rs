//! STOMP 1.2 (<https://stomp.github.io/stomp-specification-1.2.html>), sans-IO: the framing
//! the Finesse connector's broker speaks, over WebSocket (one or more frames per message, or
//! part of one) or TCP.
//!
//! - [`frame`]: [`Frame`], [`Command`], header names;
//! - [`codec`]: [`encode`], [`FrameDecoder`] (split and batched input, heart-beat EOLs,
//!   `content-length` bodies, header escaping, [`Limits`]);
//! - [`heartbeat`]: heart-beat negotiation;
//! - [`client`]: [`ClientConnection`], the client state machine (CONNECT, subscriptions,
//!   SEND with receipts, heart-beats, ERROR, DISCONNECT);
//! - [`server`]: what a server side needs: [`ServerFrames`] turns a client's bytes into valid
//!   frames or the `ERROR` frame to send before closing.

pub mod client;
pub mod codec;
pub mod frame;
pub mod heartbeat;
pub mod server;

pub use client::{
    ClientConfig, ClientConnection, ClientEvent, ClientState, ReceiptId, SubscriptionId,
};
pub use codec::{decode_all, encode, escape, unescape, FrameDecoder, Item, Limits, StompError};
pub use frame::{Command, Frame};
pub use heartbeat::{negotiate, HeartBeat, Negotiated};
pub use server::{
    connected_frame, error_frame, negotiate_version, validate_client_frame, FrameProblem, Inbound,
    ServerFrames,
};
