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
pub mod violations;

use std::net::{IpAddr, SocketAddr};

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use cti::embed::{Origin, OriginAllowList, PROTOCOL_VERSION};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::o2g::O2gJson;
use crate::state::AppState;
use violations::ViolationLog;

/// Longest `origin` or `reason` a violation report may carry, in characters.
pub const MAX_REPORT_FIELD_CHARS: usize = 200;

/// Largest violation report body: two short strings fit many times over.
const MAX_REPORT_BYTES: usize = 4 * 1024;

/// The addresses the gateway listens on, once bound (port 0 resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listeners {
    /// The main listener: the widget, the API, the SDK.
    pub main: SocketAddr,
    /// The demo listener (`--demo-addr`), if any.
    pub demo: Option<SocketAddr>,
}

impl Default for Listeners {
    /// The default `--addr`, without a demo listener (in-process tests bind nothing).
    fn default() -> Self {
        Listeners {
            main: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo: None,
        }
    }
}

/// Who may embed the widget, where the gateway listens, and the violations reported.
#[derive(Debug, Default)]
pub struct EmbedPolicy {
    allow_list: OriginAllowList,
    listeners: Listeners,
    violations: ViolationLog,
}

impl EmbedPolicy {
    /// The configured allow-list, plus the demo listener's origins when there is one.
    pub fn new(configured: OriginAllowList, listeners: Listeners) -> EmbedPolicy {
        let mut allow_list = configured;
        if let Some(demo) = listeners.demo {
            for origin in demo_origins(demo) {
                allow_list.allow(origin);
            }
        }
        EmbedPolicy {
            allow_list,
            listeners,
            violations: ViolationLog::default(),
        }
    }

    /// The origins that may embed the widget (besides its own).
    pub fn allow_list(&self) -> &OriginAllowList {
        &self.allow_list
    }

    /// Where the gateway listens.
    pub fn listeners(&self) -> Listeners {
        self.listeners
    }

    /// The violations reported so far.
    pub fn violations(&self) -> &ViolationLog {
        &self.violations
    }
}

/// The origins a browser may show for a page of the demo listener on `addr`: both IPv4
/// loopback spellings when it listens on loopback or on every interface, else its address.
/// IPv6 literals are left out: CSP's frame-ancestors cannot name them (browsers drop the
/// entry with a console error), so such a page could not frame the widget anyway.
pub fn demo_origins(addr: SocketAddr) -> Vec<Origin> {
    let port = addr.port();
    let texts = match addr.ip() {
        ip if ip.is_loopback() || ip.is_unspecified() => vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ],
        IpAddr::V4(ip) => vec![format!("http://{ip}:{port}")],
        IpAddr::V6(_) => Vec::new(),
    };
    // These are well-formed by construction; a parse failure would only drop one spelling.
    texts
        .iter()
        .filter_map(|text| Origin::parse(text).ok())
        .collect()
}

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
        .route(
            "/api/embed/{*rest}",
            axum::routing::any(crate::o2g::unknown_resource),
        )
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
    O2gJson(report): O2gJson<ViolationReport>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_listener_adds_its_origins() {
        let on = |addr: &str| -> Vec<String> {
            let addr: SocketAddr = addr.parse().expect("addr");
            demo_origins(addr).iter().map(ToString::to_string).collect()
        };
        assert_eq!(
            on("127.0.0.1:8081"),
            ["http://127.0.0.1:8081", "http://localhost:8081",]
        );
        assert_eq!(on("0.0.0.0:8081").len(), 2);
        assert_eq!(on("[::]:8081").len(), 2);
        assert_eq!(on("192.168.1.5:8081"), ["http://192.168.1.5:8081"]);
        assert!(on("[fe80::1]:8081").is_empty());
        let configured = OriginAllowList::parse(["https://crm.example.com"]).expect("list");
        let policy = EmbedPolicy::new(
            configured,
            Listeners {
                main: "127.0.0.1:8080".parse().expect("addr"),
                demo: Some("127.0.0.1:8081".parse().expect("addr")),
            },
        );
        assert!(policy.allow_list().allows("https://crm.example.com"));
        assert!(policy.allow_list().allows("http://localhost:8081"));
        assert!(!policy.allow_list().allows("http://localhost:8082"));
    }
}
