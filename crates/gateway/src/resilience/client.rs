//! The client's address, as the listener saw it (`ConnectInfo`). Requests driven in process
//! (tests) carry none and count as one unspecified address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

/// The client's IP address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The address of a request's parts.
    pub fn of(parts: &Parts) -> ClientAddr {
        ClientAddr::from_extensions(&parts.extensions)
    }

    /// The address recorded in request extensions.
    pub fn from_extensions(extensions: &axum::http::Extensions) -> ClientAddr {
        let ip = extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        ClientAddr(ip)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::of(parts))
    }
}
