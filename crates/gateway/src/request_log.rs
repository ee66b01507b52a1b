//! Request logs (tower-http's `TraceLayer`) that name no secret: a request is logged by its
//! method and its route's template (`/api/rest/1.0/subscriptions/{subscription_id}`), never
//! its query (`subscriptionId=`, XuC's `token=`) nor its headers (cookies, `Authorization`);
//! a path no route matched (static files) without its query. One INFO line per response with
//! its status and latency.

use axum::extract::{MatchedPath, Request};
use axum::Router;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

/// `router` with its request log.
pub fn logged<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &Request| {
                let route = request
                    .extensions()
                    .get::<MatchedPath>()
                    .map_or_else(|| request.uri().path(), MatchedPath::as_str);
                tracing::info_span!("request", method = %request.method(), %route)
            })
            .on_request(())
            .on_response(DefaultOnResponse::new().level(Level::INFO))
            .on_failure(|class: ServerErrorsFailureClass, _latency, _span: &Span| {
                tracing::warn!(%class, "request failed");
            }),
    )
}
