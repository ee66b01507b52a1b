//! Talking to the gateway: HTTP requests (gloo-net fetch) and their errors.

mod error;
mod o2g;

pub use error::ApiError;
pub use o2g::{normalize_gateway_url, O2gClient};
