//! `GET /api/backends`: the contact-centre protocols this gateway speaks, so that the sign-in
//! form offers them (the demo: every front of the simulated world; a deployment pinned with
//! `--backend`, or a proxy, exactly one).

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::fronts::{self, FrontInfo};
use crate::state::{AppState, Backend};

/// One protocol on offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offered {
    /// The id the widget's driver answers to.
    pub id: &'static str,
    /// What the agent reads.
    pub name: &'static str,
    /// The page of the console built for it (`/xuc/`, else `/`): a console without this
    /// backend's driver sends the agent there (one build per backend, docs/size.md).
    pub console: String,
}

/// The body of `GET /api/backends`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backends {
    /// What the gateway speaks, the default first.
    pub backends: Vec<Offered>,
    /// The id the form preselects.
    pub default: &'static str,
}

impl Backends {
    /// What `state` offers.
    pub fn of(state: &AppState) -> Backends {
        let fronts: Vec<FrontInfo> = match (&state.backend, state.pinned_backend) {
            (_, Some(pinned)) => vec![pinned],
            // A proxy forwards O2G only.
            (Backend::Proxy(_), None) => fronts::front("o2g").into_iter().collect(),
            (Backend::Simulated(_), None) => fronts::FRONTS.to_vec(),
        };
        let default = fronts.first().map_or("o2g", |front| front.id);
        let backends = fronts
            .into_iter()
            .map(|front| Offered {
                id: front.id,
                name: front.name,
                console: state.console_path(front.id),
            })
            .collect();
        Backends { backends, default }
    }
}

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/backends", get(list))
}

async fn list(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(Backends::of(&state)),
    )
}
