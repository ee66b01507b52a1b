//! The embedding demo, served by a second listener (`--demo-addr`): a second origin, so that
//! its CRM page frames the widget cross-origin as a real CRM does.
//!
//! It serves only the demo site: the pages and scripts of `assets/demo/`, the host SDK, and
//! two generated resources, `/env.js` (where the widget is) and `/customers.json` (the
//! scenario's customers, the CRM's records). The main listener's `/demo` redirects here.

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::assets::{self, DEMO};
use crate::embed::host::{origin_on, request_host_name};
use crate::error::AppError;
use crate::state::AppState;

/// The demo listener's router.
pub fn demo_app(state: AppState) -> Router {
    Router::new()
        .route("/", get(|headers: HeaderMap| page("index.html", headers)))
        .route("/crm", get(|headers: HeaderMap| page("crm.html", headers)))
        .route(
            "/embed-api",
            get(|headers: HeaderMap| page("embed-api.html", headers)),
        )
        .route("/env.js", get(env_js))
        .route("/customers.json", get(customers))
        .route("/{file}", get(file))
        .merge(assets::sdk_routes())
        .fallback(|uri: axum::http::Uri| async move {
            AppError::not_found(format!("No demo page at {}", uri.path()))
        })
        .method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
        .layer(middleware::from_fn_with_state(state.clone(), demo_headers))
        .with_state(state)
}

/// The widget's origin as the browser that sent `headers` reaches it: the host name it used
/// for the demo, with the main listener's port.
pub fn widget_origin(state: &AppState, headers: &HeaderMap) -> String {
    origin_on(
        request_host_name(headers).as_deref(),
        state.embed.listeners().main,
    )
}

/// The Content-Security-Policy of the demo pages: their own scripts and the SDK from the
/// widget's origin, frames of the widget only.
pub fn content_security_policy(widget_origin: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {widget_origin}; frame-src {widget_origin}; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'"
    )
}

async fn page(name: &'static str, headers: HeaderMap) -> Result<Response, AppError> {
    serve(name, &headers)
}

async fn file(Path(name): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    serve(&name, &headers)
}

fn serve(name: &str, headers: &HeaderMap) -> Result<Response, AppError> {
    let asset = assets::find(DEMO, name)
        .ok_or_else(|| AppError::not_found(format!("No demo page at /{name}")))?;
    Ok(assets::respond(asset, headers))
}

/// `export const WIDGET_ORIGIN = "http://<host>:<main port>";`.
async fn env_js(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = widget_origin(&state, &headers);
    // The origin is made of validated characters; JSON-quoting it is a second guard, as a
    // JavaScript string literal is a JSON string.
    let literal = serde_json::to_string(&origin).unwrap_or_else(|_| "\"\"".to_owned());
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            // It depends on the Host header: never reuse it for another.
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("export const WIDGET_ORIGIN = {literal};\n"),
    )
        .into_response()
}

async fn customers(State(state): State<AppState>) -> Response {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Json(state.scenario.customers.clone()),
    )
        .into_response()
}

/// The demo's security headers; the CSP names the widget's origin for this browser.
async fn demo_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let csp = content_security_policy(&widget_origin(&state, request.headers()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    response
}

/// `GET /demo` on the main listener: to the demo listener's landing page, under the host name
/// the browser used; 404 when there is no demo listener.
pub async fn redirect(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match state.embed.listeners().demo {
        Some(demo) => {
            let origin = origin_on(request_host_name(&headers).as_deref(), demo);
            Redirect::temporary(&format!("{origin}/")).into_response()
        }
        None => AppError::not_found(
            "No demo listener: start the gateway with --demo-addr 127.0.0.1:8081 \
             (or AGENTDESK_DEMO_ADDR) to serve the embedding demo",
        )
        .into_response(),
    }
}
