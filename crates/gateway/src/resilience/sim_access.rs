//! The scenario API's switch (issue 17, defect 5): `/api/sim/*` lists logins, customers'
//! numbers and agents' states and injects calls, so it is off by default when the gateway
//! listens beyond loopback, and asks for a token when it is on there (`--sim-api`,
//! `--sim-api-token`). Checked before a body is read (`sim_api::gate`).

use axum::http::header;

use crate::error::AppError;

/// Who may use the scenario API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SimApiAccess {
    /// Not served (404).
    Off,
    /// Anyone who reaches the listener (the default on loopback: demos and tests).
    #[default]
    Open,
    /// Requests with `Authorization: Bearer <token>`.
    Token(String),
}

impl SimApiAccess {
    /// Whether a request with these headers may use the API; the refusal otherwise.
    pub fn admit(&self, headers: &axum::http::HeaderMap) -> Result<(), AppError> {
        match self {
            SimApiAccess::Open => Ok(()),
            SimApiAccess::Off => Err(AppError::not_found(
                "The scenario API is off on this gateway (--sim-api on to serve it)",
            )),
            SimApiAccess::Token(token) => {
                let offered = headers
                    .get(header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .map(str::trim)
                    .unwrap_or_default();
                if constant_time_eq(offered.as_bytes(), token.as_bytes()) {
                    Ok(())
                } else {
                    Err(AppError::not_allowed(
                        "The scenario API needs its token (Authorization: Bearer)",
                    ))
                }
            }
        }
    }
}

/// Compares without an early exit, so timing does not tell how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
