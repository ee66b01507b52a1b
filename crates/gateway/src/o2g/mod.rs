//! The O2G REST API as the gateway serves it (`/api/rest/**`).

mod auth;
mod extract;
mod sessions;
mod subscriptions;

use axum::routing::{delete, get, post};
use axum::Router;

use crate::error::AppError;
use crate::state::AppState;

pub use extract::{credential_of, origin_of, Credential, O2gJson};

/// The O2G routes. Unknown resources and wrong methods answer in RestErrorInfo form.
pub fn routes() -> Router<AppState> {
    let api = Router::new()
        .route("/api/rest", get(auth::descriptor))
        .route("/api/rest/authenticate", get(auth::authenticate))
        .route(
            "/api/rest/1.0/sessions",
            get(sessions::get)
                .post(sessions::open)
                .delete(sessions::close),
        )
        .route(
            "/api/rest/1.0/sessions/keepalive",
            post(sessions::keepalive),
        )
        .route(
            "/api/rest/1.0/subscriptions",
            post(subscriptions::subscribe).put(subscriptions::update),
        )
        .route(
            "/api/rest/1.0/subscriptions/{subscription_id}",
            delete(subscriptions::unsubscribe),
        )
        .merge(channel_routes());
    api.method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
}

/// The notification channels (served in simulator and proxy mode alike).
pub fn channel_routes() -> Router<AppState> {
    Router::new()
        .route("/OTEvents", get(crate::events::channel::chunk))
        .route("/OTEvents/ws", get(crate::events::channel::websocket))
        .method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
}

/// The answer to any `/api/rest/**` path we do not serve.
pub async fn unknown_resource(uri: axum::http::Uri) -> AppError {
    AppError::not_found(format!("No resource at {}", uri.path()))
}
