//! The O2G front: the O2G REST API as the gateway serves it (`/api/rest/**`), its event
//! channels (`/OTEvents`), its subscription filters, its error shape, and (`sim/`) the
//! simulated world spoken to in O2G.

mod agent;
mod auth;
pub mod channel;
mod comlog;
mod directory;
pub mod error;
mod event_summary;
pub mod extract;
pub mod filter;
mod routing;
mod services;
mod sessions;
pub mod sim;
mod simulated;
mod subscriptions;
mod supervisor;
mod telephony;
mod users;

use axum::routing::{delete, get, post};
use axum::Router;

use crate::error::AppError;
use crate::state::AppState;

pub use extract::{credential_of, origin_of, Credential};
pub use users::NODE_ID;

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
        .route("/api/rest/1.0/logins", get(users::logins))
        .route("/api/rest/1.0/users", get(users::user_by_phone))
        .route("/api/rest/1.0/users/{loginName}", get(users::user_by_login))
        .merge(channel_routes())
        .merge(telephony_routes())
        .merge(agent_routes())
        .merge(supervisor::routes())
        .merge(service_routes());
    api.method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
}

fn telephony_routes() -> Router<AppState> {
    const T: &str = "/api/rest/1.0/telephony";
    Router::new()
        .route(&format!("{T}/basicCall"), post(telephony::basic_make_call))
        .route(
            &format!("{T}/basicCall/answer"),
            post(telephony::basic_answer),
        )
        .route(
            &format!("{T}/basicCall/dropme"),
            post(telephony::basic_drop_me),
        )
        .route(
            &format!("{T}/calls"),
            get(telephony::calls).post(telephony::make_call),
        )
        .route(
            &format!("{T}/calls/{{callRef}}"),
            get(telephony::call).delete(telephony::release),
        )
        .route(
            &format!("{T}/calls/{{callRef}}/{{action}}"),
            get(telephony::call_part).post(telephony::call_action),
        )
        .route(
            &format!("{T}/calls/{{callRef}}/{{part}}/{{item}}"),
            get(telephony::call_part_item),
        )
        .route(&format!("{T}/devices"), get(telephony::devices))
        .route(&format!("{T}/devices/{{deviceId}}"), get(telephony::device))
        .route(&format!("{T}/state"), get(telephony::telephony_state))
        .route(
            &format!("{T}/state/snapshot"),
            post(telephony::telephony_snapshot),
        )
}

fn agent_routes() -> Router<AppState> {
    const A: &str = "/api/rest/1.0/acd/agent";
    Router::new()
        .route(
            &format!("{A}/supervisorHelp"),
            post(agent::request_help).delete(agent::cancel_help),
        )
        .route(
            &format!("{A}/intrusion"),
            post(agent::intrude).put(agent::change_intrusion),
        )
        .route(
            &format!("{A}/permanentListening"),
            post(agent::start_listening).delete(agent::stop_listening),
        )
        .route(&format!("{A}/state/snapshot"), post(agent::snapshot))
        .route(
            &format!("{A}/config/skills/{{action}}"),
            post(agent::skills),
        )
        .route(
            &format!("{A}/{{resource}}"),
            get(agent::read).post(agent::action),
        )
}

fn service_routes() -> Router<AppState> {
    const B: &str = "/api/rest/1.0";
    Router::new()
        .route(
            &format!("{B}/eventSummary"),
            get(event_summary::event_summary),
        )
        .route(
            &format!("{B}/comlog/records"),
            get(comlog::records)
                .delete(comlog::delete_records)
                .put(comlog::ack_records)
                .post(comlog::ack_records),
        )
        .route(
            &format!("{B}/comlog/records/{{recordId}}"),
            get(comlog::record).delete(comlog::delete_record),
        )
        .route(&format!("{B}/routing"), get(routing::routing))
        .route(&format!("{B}/routing/state"), get(routing::routing_state))
        .route(
            &format!("{B}/routing/state/snapshot"),
            post(routing::routing_snapshot),
        )
        .route(
            &format!("{B}/routing/dnd"),
            get(routing::dnd)
                .post(routing::dnd_on)
                .delete(routing::dnd_off),
        )
        .route(
            &format!("{B}/routing/forwardroute"),
            get(routing::forward)
                .post(routing::set_forward)
                .delete(routing::cancel_forward),
        )
        .route(
            &format!("{B}/directory/search"),
            post(directory::search)
                .get(directory::search_results)
                .merge(delete(directory::cancel_search)),
        )
}

/// The notification channels (served in simulator and proxy mode alike).
pub fn channel_routes() -> Router<AppState> {
    Router::new()
        // ALE's own client libraries open the chunk channel with POST; the spec's
        // examples read it with GET: both are the same channel.
        .route("/OTEvents", get(channel::chunk).post(channel::chunk))
        .route("/OTEvents/ws", get(channel::websocket))
        .method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
}
