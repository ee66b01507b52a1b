//! Serving the built widget: static files, SPA fallback, compression, security headers.
//!
//! Trunk writes a small inline `<script type="module">` into index.html to start the wasm.
//! Rather than weaken the CSP with `'unsafe-inline'`, we hash each inline script of the page we
//! serve and allow exactly those hashes.

use std::path::Path;

use axum::http::{header, HeaderValue};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// `'sha256-…'` sources for every inline `<script>` of an HTML page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after_open = &rest[open..];
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let tag = &after_open[..tag_end];
        let body_and_more = &after_open[tag_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            hashes.push(format!("'sha256-{}'", STANDARD.encode(digest)));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

/// The Content-Security-Policy for pages built into `dist_dir`, which the pages of
/// `frame_ancestors` (a CSP source list, `OriginAllowList::frame_ancestors`) may frame.
///
/// No `X-Frame-Options` goes with it: `frame-ancestors` supersedes it, and it cannot express
/// a list of origins.
pub fn content_security_policy(dist_dir: &Path, frame_ancestors: &str) -> String {
    let index = std::fs::read_to_string(dist_dir.join("index.html")).unwrap_or_default();
    let hashes = inline_script_hashes(&index).join(" ");
    // connect-src admits other gateways because the sign-in form lets an agent name one.
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self' http: https: ws: wss:; frame-ancestors {frame_ancestors}; base-uri 'none'; form-action 'none'; object-src 'none'"
    )
}

/// The widget's static files, with `index.html` for every path that is not a file (SPA);
/// `frame_ancestors` as in [`content_security_policy`].
pub fn routes<S: Clone + Send + Sync + 'static>(
    dist_dir: &Path,
    frame_ancestors: &str,
) -> Router<S> {
    let index = ServeFile::new(dist_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    // Trunk's post-build hook writes .br/.gz beside each asset (scripts/precompress.mjs):
    // serving those costs nothing per request, where compressing a large wasm on the fly
    // delays the widget's start.
    let files = ServeDir::new(dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        .not_found_service(index.clone());
    let csp = HeaderValue::from_str(&content_security_policy(dist_dir, frame_ancestors))
        // Unreachable with a parsed allow-list; if it were reached, fail closed (no framing
        // by others) rather than open.
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'self'"));
    Router::new()
        // The embedded widget's page (docs/embed.md) is a page, not a miss: 200, where the
        // SPA fallback answers other unknown paths with index.html and a 404.
        .route_service("/embed", index)
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(CompressionLayer::new())
}

/// Headers every response carries, API included.
pub fn security_headers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn precompressed_assets_are_served_as_written() {
        use axum::body::Body;
        use axum::http::Request;
        use http_body_util::BodyExt;
        use tower::ServiceExt;

        let dist = std::env::temp_dir().join(format!("agentdesk-web-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("temp dist");
        std::fs::write(dist.join("index.html"), "<html></html>").expect("index");
        std::fs::write(dist.join("app.js"), "plain").expect("js");
        std::fs::write(dist.join("app.js.br"), "brotli bytes").expect("br");
        let router: Router = routes(&dist, "'self'");
        let get = |encoding: &'static str| {
            Request::get("/app.js")
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .expect("request")
        };
        let br = router
            .clone()
            .oneshot(get("gzip, br"))
            .await
            .expect("response");
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::CONTENT_TYPE], "text/javascript");
        let body = br.into_body().collect().await.expect("body").to_bytes();
        assert_eq!(&body[..], b"brotli bytes");
        let plain = router.oneshot(get("identity")).await.expect("response");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let body = plain.into_body().collect().await.expect("body").to_bytes();
        assert_eq!(&body[..], b"plain");
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn hashes_inline_scripts_only() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">init()</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = STANDARD.encode(Sha256::digest(b"init()"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert!(inline_script_hashes("<script>unterminated").is_empty());
    }
}
