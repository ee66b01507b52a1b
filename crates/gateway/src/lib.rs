//! The agentdesk gateway: serves the widget and speaks the O2G REST API.
//!
//! [`app`] builds the whole router from an [`AppState`]; `main` only parses options and binds.
//! The simulated contact centre is one vendor-neutral world (`world/`); each protocol is a
//! front onto it (`fronts/`), with its own event hub (`events/`). See docs/architecture.md, "The seam".

pub mod assets;
pub mod backends;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod demo;
pub mod embed;
pub mod error;
pub mod events;
pub mod forwarded;
pub mod fronts;
pub mod history;
pub mod https;
pub mod json;
pub mod proxy;
pub mod request_log;
pub mod resilience;
pub mod scenario;
pub mod server;
pub mod session_gate;
pub mod sessions;
pub mod sim_api;
pub mod sim_driver;
pub mod state;
pub mod web;
pub mod world;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use tower_http::timeout::RequestBodyTimeoutLayer;

use fronts::o2g;

pub use demo::demo_app;
pub use error::AppError;
pub use state::{AppState, Backend};

/// The gateway's router: the O2G API served by the simulator, or forwarded to the upstream
/// O2G in proxy mode; the event channels, the embed endpoints, the host SDK and the widget in
/// both. The demo site has its own listener and router, [`demo_app`].
pub fn app(state: AppState) -> Router {
    // The cookie-authenticated APIs change state only for the widget's own pages (csrf.rs);
    // XuC's token travels in the request, not in an ambient cookie.
    let guarded = |router: Router<AppState>| {
        router.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::same_origin_json,
        ))
    };
    // Bodies are read only up to the largest legal one, and only while they keep coming
    // (issue 17, defect 1). Inside the CSRF guard, which reads the body's own size hint.
    let limited = |router: Router<AppState>| {
        router
            .layer(DefaultBodyLimit::max(error::REST_BODY_LIMIT))
            .layer(RequestBodyTimeoutLayer::new(error::REST_BODY_TIMEOUT))
    };
    // A body is read only from a client with a live credential (session_gate.rs).
    let gated = |router: Router<AppState>| {
        router.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session_gate::credential_before_body,
        ))
    };
    let api = match &state.backend {
        // Proxy mode: the upstream O2G answers the API; no local simulator to script.
        Backend::Proxy(_) => guarded(
            o2g::channel_routes()
                .route("/api/rest", axum::routing::any(proxy::forward))
                .route("/api/rest/{*rest}", axum::routing::any(proxy::forward)),
        ),
        // The gate outside the limits: it sees the body as the client sends it.
        // The scenario API is switched off, or asks for its token, before anything is read.
        Backend::Simulated(_) => guarded(
            gated(limited(o2g::routes()))
                .merge(
                    limited(sim_api::routes()).layer(axum::middleware::from_fn_with_state(
                        state.clone(),
                        sim_api::gate,
                    )),
                )
                .route(
                    "/api/rest/{*rest}",
                    axum::routing::any(error::unknown_resource),
                ),
        )
        .merge(limited(fronts::xuc::routes()))
        .merge(fronts::finesse::routes()),
    };
    let frame_ancestors = state.embed.allow_list().frame_ancestors();
    let router = Router::new()
        .merge(api)
        .merge(embed::routes())
        .merge(backends::routes())
        .merge(assets::sdk_routes())
        .route("/demo", axum::routing::get(demo::redirect))
        .route("/demo/", axum::routing::get(demo::redirect))
        .with_state(state.clone())
        .merge(fronts::vonage::routes(&state).unwrap_or_default())
        .merge(web::routes(
            &state.dist_dir,
            &state.consoles,
            &frame_ancestors,
        ));
    // Outermost: every route reads the normalised Host and scheme (forwarded.rs).
    let router = router.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        forwarded::normalise,
    ));
    request_log::logged(web::security_headers(router))
}
