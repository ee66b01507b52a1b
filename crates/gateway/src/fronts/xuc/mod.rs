//! The XuC front of the simulated contact centre (XiVO's XuC CTI server, issue 12): REST
//! sign-in, the events socket with its commands, and [`sim::XucFront`], the world's steps as
//! XuC messages. See docs/protocol-xuc.md, "The simulator's XuC front".

pub mod auth;
pub mod channel;
pub mod hub;
pub mod sim;
pub mod tokens;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

/// The XuC routes (simulator mode).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(cti::xuc::auth::LOGIN_PATH, post(auth::login))
        .route(cti::xuc::auth::CHECK_PATH, get(auth::check))
        .route(cti::xuc::auth::SOCKET_PATH, get(channel::socket))
}
