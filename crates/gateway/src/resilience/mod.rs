//! What keeps the gateway bounded under abuse (issue 17): sign-in and injected-call rate
//! limits, the scenario API's switch and token, per-login socket slots, the client's address,
//! and the shutdown every long-lived channel listens to. One value in `AppState::resilience`,
//! shared by every front.

pub mod client;
pub mod edge;
pub mod shutdown;
pub mod sim_access;
pub mod sockets;
pub mod throttle;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

pub use client::ClientAddr;
pub use shutdown::Shutdown;
pub use sim_access::SimApiAccess;
pub use sockets::{SocketSlot, SocketSlots};
pub use throttle::{InjectLimiter, SignInLimiter, Throttled};

/// The gateway's protections; [`Default`] is the demo's and the tests' (scenario API on, no
/// token).
#[derive(Debug, Default)]
pub struct Resilience {
    /// Sign-in attempts per address and per login from each address.
    pub sign_in: SignInLimiter,
    /// Calls injected through the scenario API.
    pub injected_calls: InjectLimiter,
    /// Whether the scenario API is served, and the token it then asks for.
    pub sim_api: SimApiAccess,
    /// Event sockets open per login.
    pub sockets: SocketSlots,
    /// Told when the gateway stops, so that channels tell their clients to reconnect.
    pub shutdown: Shutdown,
    /// Whose forwarded headers are believed, and the public URL otherwise.
    pub edge: edge::Edge,
}

impl Resilience {
    /// Protections with this scenario API access.
    pub fn with_sim_api(sim_api: SimApiAccess) -> Resilience {
        Resilience {
            sim_api,
            ..Resilience::default()
        }
    }
}

/// The close frame for a WebSocket receive error: 1009 (Message Too Big) for a frame over the
/// socket's limit, `None` (the connection just ends) for anything else.
pub fn close_for(error: axum::Error) -> Option<axum::extract::ws::CloseFrame> {
    let inner = error.into_inner();
    let too_big = matches!(
        inner.downcast_ref::<tungstenite::Error>(),
        Some(tungstenite::Error::Capacity(_))
    );
    too_big.then(|| axum::extract::ws::CloseFrame {
        code: 1009,
        reason: "a frame larger than this socket accepts".into(),
    })
}

/// `response` (a refusal in its protocol's shape, status 429) with `Retry-After`.
pub fn retry_after(throttled: Throttled, response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(throttled.retry_after_secs),
    );
    response
}
