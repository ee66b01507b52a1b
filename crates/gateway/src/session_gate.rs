//! A request with a body must carry a live credential before the body is read (issue 17,
//! defect 1): the 500-connection flood of stalled 2 MiB bodies needed nothing but a made-up
//! `AlcUserId`, because handlers read the body before they looked at the session. This layer
//! answers INVALID_SESSION from the headers alone, so a client without a credential never has
//! its body buffered; the handler still checks the session itself (its rights, its state).
//!
//! A credential that opened no session yet is enough: `POST /sessions` carries a body.
//! Requests without a body (reads, `authenticate`) pass untouched.

use axum::body::HttpBody;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::fronts::o2g::credential_of;
use crate::state::AppState;

/// The middleware, for the cookie-authenticated routes of the simulated O2G front.
pub async fn credential_before_body(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.body().is_end_stream() {
        return next.run(request).await;
    }
    let known = credential_of(request.headers())
        .is_some_and(|credential| state.sessions.knows(&credential, state.now()));
    if known {
        return next.run(request).await;
    }
    tracing::debug!(path = %request.uri().path(), "body refused: no live credential");
    AppError::invalid_session("Sign in before sending a body: no live AlcUserId credential")
        .into_response()
}
