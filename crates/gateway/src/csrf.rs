//! Requests that change state come from the widget's own origin or an origin allowed to embed
//! it, with a JSON body. Browsers attach the session cookie to a request from any page of the
//! same site (another port of the same host included), so without this a hostile page could
//! dial or turn on do-not-disturb for a signed-in agent with a `text/plain` form post, which
//! needs no CORS preflight.
//!
//! The rule: for POST, PUT, PATCH and DELETE, an `Origin` header must be the gateway's own
//! origin or on the embed allow-list; without `Origin`, a `Sec-Fetch-Site` header must say
//! `same-origin` or `none` (a request typed by the user); with neither, the client is not a
//! browser (curl, tests, ALE's SDK) and carries no ambient cookie it did not choose. A body
//! must be `application/json` (415 otherwise). Refusals are logged and answered in the O2G
//! error shape.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, ErrorKind};
use crate::fronts::o2g::extract::origin_of;
use crate::state::AppState;

/// Why a state-changing request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refused {
    /// From a page of another origin.
    CrossOrigin(String),
    /// A body that is not JSON (a form post needs no preflight).
    NotJson,
}

/// The middleware.
pub async fn same_origin_json(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // A body the client did not announce in a header (in-process requests) still counts.
    let sized = axum::body::HttpBody::size_hint(request.body()).lower() > 0;
    match check(&state, request.method(), request.headers(), sized) {
        Ok(()) => next.run(request).await,
        Err(refused) => {
            tracing::warn!(?refused, path = %request.uri().path(), "state-changing request refused");
            refusal(refused)
        }
    }
}

/// The `Origin` of a browser request when it is neither the gateway's own nor allowed to
/// embed the widget (the WebSocket upgrade checks it too: browsers send it on every upgrade).
pub fn foreign_origin(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let origin = headers
        .get(header::ORIGIN)?
        .to_str()
        .unwrap_or("(unreadable)");
    let own = origin_of(headers);
    let allowed = origin.eq_ignore_ascii_case(&own) || state.embed.allow_list().allows(origin);
    (!allowed).then(|| origin.to_owned())
}

fn check(
    state: &AppState,
    method: &Method,
    headers: &HeaderMap,
    sized_body: bool,
) -> Result<(), Refused> {
    if !matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        return Ok(());
    }
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if headers.contains_key(header::ORIGIN) {
        if let Some(origin) = foreign_origin(state, headers) {
            return Err(Refused::CrossOrigin(origin));
        }
    } else if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return Err(Refused::CrossOrigin(format!("a {site} page")));
        }
    }
    let has_body = sized_body
        || text(header::CONTENT_LENGTH).is_some_and(|length| length.trim() != "0")
        || headers.contains_key(header::TRANSFER_ENCODING);
    if has_body {
        let json = text(header::CONTENT_TYPE).is_some_and(|kind| {
            kind.split(';')
                .next()
                .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return Err(Refused::NotJson);
        }
    }
    Ok(())
}

fn refusal(refused: Refused) -> Response {
    match refused {
        Refused::CrossOrigin(origin) => AppError::new(
            ErrorKind::NotAllowed,
            format!("A request from {origin} may not change anything here"),
        )
        .into_response(),
        Refused::NotJson => {
            let mut response = AppError::new(
                ErrorKind::BadParameter,
                "A request body must be application/json",
            )
            .into_response();
            *response.status_mut() = StatusCode::UNSUPPORTED_MEDIA_TYPE;
            response
        }
    }
}
