//! Embedding the widget in a host page's iframe: who may frame it, what the widget reads
//! before a handshake, and what it reports (`docs/embed.md`).
//!
//! - `GET /api/embed/config`: the protocol version and the allow-list, for the widget's own
//!   check of each handshake;
//! - `POST /api/embed/violations`: the widget reports a message it ignored; `GET` lists the
//!   counts (tests, operators).
//!
//! The same allow-list makes the widget pages' `Content-Security-Policy: frame-ancestors`
//! (`web.rs`), so the browser and the widget enforce one list.

pub mod host;
pub mod policy;
pub mod violations;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use cti::embed::PROTOCOL_VERSION;
use serde::{Deserialize, Serialize};

use crate::error::{unknown_resource, AppError};
use crate::json::JsonBody;
use crate::state::AppState;

pub use policy::{demo_origins, EmbedPolicy, Listeners};

/// Longest `origin` or `reason` a violation report may carry, in characters.
pub const MAX_REPORT_FIELD_CHARS: usize = 200;

/// Largest violation report body: two short strings fit many times over.
const MAX_REPORT_BYTES: usize = 4 * 1024;

/// Answer of `GET /api/embed/config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedConfig {
    /// The protocol version the gateway's widget speaks.
    pub protocol_version: u32,
    /// The allow-list entries, normalized (the widget's own origin is implied).
    pub allowed_origins: Vec<String>,
}

/// Body of `POST /api/embed/violations`; unknown fields are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct ViolationReport {
    /// The `event.origin` of the ignored message (`"null"` or `""` are possible).
    pub origin: String,
    /// Why the widget ignored it.
    pub reason: String,
}

/// The embed endpoints (simulator and proxy mode alike).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/embed/config", get(config))
        .route(
            "/api/embed/violations",
            get(list_violations)
                .post(report_violation)
                .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES)),
        )
        .route("/api/embed/{*rest}", axum::routing::any(unknown_resource))
        .method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
}

async fn config(State(state): State<AppState>) -> impl IntoResponse {
    let body = EmbedConfig {
        protocol_version: PROTOCOL_VERSION,
        allowed_origins: state.embed.allow_list().entries(),
    };
    // Read before every handshake: a changed allow-list must apply at the next one.
    ([(header::CACHE_CONTROL, "no-store")], Json(body))
}

async fn report_violation(
    State(state): State<AppState>,
    JsonBody(report): JsonBody<ViolationReport>,
) -> Result<StatusCode, AppError> {
    check_field("origin", &report.origin)?;
    check_field("reason", &report.reason)?;
    if report.reason.trim().is_empty() {
        return Err(AppError::bad_parameter("reason must not be empty"));
    }
    let count = state
        .embed
        .violations()
        .record(&report.origin, &report.reason);
    // Anyone can post reports: logging the 1st, 2nd, 4th, 8th... of an origin keeps a flood
    // from flooding the log while the counts stay exact.
    if count.is_power_of_two() {
        tracing::warn!(
            origin = ?report.origin,
            reason = ?report.reason,
            count,
            "the embedded widget ignored a message"
        );
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A report field: at most [`MAX_REPORT_FIELD_CHARS`] characters, none of them control
/// characters (they go to the log).
fn check_field(name: &str, value: &str) -> Result<(), AppError> {
    if value.chars().count() > MAX_REPORT_FIELD_CHARS {
        return Err(AppError::bad_parameter(format!(
            "{name} must be at most {MAX_REPORT_FIELD_CHARS} characters"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::bad_parameter(format!(
            "{name} must not contain control characters"
        )));
    }
    Ok(())
}

async fn list_violations(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(state.embed.violations().counts()),
    )
}
