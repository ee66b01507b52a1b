//! The agentdesk gateway: serves the widget and speaks the O2G REST API.
//!
//! [`app`] builds the whole router from an [`AppState`]; `main` only parses options and binds.

pub mod clock;
pub mod config;
pub mod error;
pub mod events;
pub mod o2g;
pub mod scenario;
pub mod sessions;
pub mod sim;
pub mod sim_api;
pub mod sim_driver;
pub mod state;
pub mod web;

use axum::Router;

pub use error::AppError;
pub use state::AppState;

/// The gateway's router.
pub fn app(state: AppState) -> Router {
    let api = o2g::routes().merge(sim_api::routes()).route(
        "/api/rest/{*rest}",
        axum::routing::any(o2g::unknown_resource),
    );
    let router = Router::new()
        .merge(api)
        .with_state(state.clone())
        .merge(web::routes(&state.dist_dir));
    web::security_headers(router)
}
