//! Serving the built widget: static files, SPA fallback, compression, security headers.
//!
//! Trunk writes a small inline `<script type="module">` into index.html to start the wasm.
//! Rather than weaken the CSP with `'unsafe-inline'`, we hash each inline script of the page we
//! serve and allow exactly those hashes.

use std::path::{Path, PathBuf};

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

/// A console built for one entry point (one Trunk build, docs/size.md "Entry points"):
/// a backend's console at `/<id>/`, or the embed console at `/embed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Console {
    /// A backend's id (`xuc`), or [`EMBED_CONSOLE`].
    pub id: String,
    /// Its Trunk output, built with `--public-url` = [`Console::path`].
    pub dist_dir: PathBuf,
}

/// The id of the embed console (the widget with its host bridge), served at `/embed`.
pub const EMBED_CONSOLE: &str = "embed";

impl Console {
    /// Reads `ID=DIR` (`--console xuc=dist-xuc`).
    pub fn parse(spec: &str) -> Result<Console, String> {
        let (id, dir) = spec
            .split_once('=')
            .ok_or_else(|| format!("--console {spec:?}: expected ID=DIR (xuc=dist-xuc)"))?;
        let id = id.trim();
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed || dir.trim().is_empty() {
            return Err(format!(
                "--console {spec:?}: expected ID=DIR with a lower-case id (xuc=dist-xuc)"
            ));
        }
        Ok(Console {
            id: id.to_owned(),
            dist_dir: PathBuf::from(dir.trim()),
        })
    }

    /// The path its pages are served under, with a trailing slash (`/xuc/`, `/embed/`).
    pub fn path(&self) -> String {
        format!("/{}/", self.id)
    }
}

/// One built widget: its files, with `index.html` for every path that is not a file (SPA) and
/// its own CSP (each build's start-up script has its own hash).
fn console_service<S: Clone + Send + Sync + 'static>(
    dist_dir: &Path,
    frame_ancestors: &str,
    index_at: &[&str],
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
    let mut router = Router::new();
    for path in index_at {
        // A page, not a miss: 200, where the SPA fallback answers other unknown paths with
        // index.html and a 404.
        router = router.route_service(path, index.clone());
    }
    router
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
}

/// The widget's static files: the main console from `dist_dir` at `/`, and each of `consoles`
/// under its own path (`/xuc`, `/embed`: the bare path is its page too); `frame_ancestors` as
/// in [`content_security_policy`]. Without an embed console, `/embed` is the main console's
/// page (a build with the bridge: the default features, for development).
pub fn routes<S: Clone + Send + Sync + 'static>(
    dist_dir: &Path,
    consoles: &[Console],
    frame_ancestors: &str,
) -> Router<S> {
    let has_embed = consoles.iter().any(|c| c.id == EMBED_CONSOLE);
    let main_pages: &[&str] = if has_embed { &[] } else { &["/embed"] };
    let mut router = console_service(dist_dir, frame_ancestors, main_pages);
    for console in consoles {
        let service: Router = console_service(&console.dist_dir, frame_ancestors, &["/"]);
        router = router.nest_service(&format!("/{}", console.id), service);
    }
    router.layer(CompressionLayer::new())
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
        let router: Router = routes(&dist, &[], "'self'");
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

    /// One build per entry point: each console's files under its path, each page with the
    /// CSP of its own start-up script; `/embed` is the embed console's page when there is one.
    #[tokio::test]
    async fn each_console_is_served_under_its_path_with_its_own_csp() {
        use axum::body::Body;
        use axum::http::{Request, StatusCode};
        use http_body_util::BodyExt;
        use tower::ServiceExt;

        let root = std::env::temp_dir().join(format!("agentdesk-consoles-{}", std::process::id()));
        let build = |name: &str| {
            let dir = root.join(name);
            std::fs::create_dir_all(&dir).expect("temp dist");
            let page = format!("<html><script type=\"module\">start('{name}')</script></html>");
            std::fs::write(dir.join("index.html"), page).expect("index");
            std::fs::write(dir.join("app.js"), name).expect("js");
            dir
        };
        let main = build("dist");
        let consoles = [
            Console {
                id: "xuc".into(),
                dist_dir: build("dist-xuc"),
            },
            Console {
                id: EMBED_CONSOLE.into(),
                dist_dir: build("dist-embed"),
            },
        ];
        let get_on = |router: Router, path: &'static str| async move {
            let response = router
                .oneshot(Request::get(path).body(Body::empty()).expect("request"))
                .await
                .expect("response");
            let status = response.status();
            let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .expect("csp")
                .to_owned();
            let body = response
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes();
            (status, String::from_utf8_lossy(&body).into_owned(), csp)
        };
        let router: Router = routes(&main, &consoles, "'self'");
        let get = |path: &'static str| get_on(router.clone(), path);
        let hash_of = |name: &str| {
            let digest = Sha256::digest(format!("start('{name}')").as_bytes());
            format!("'sha256-{}'", STANDARD.encode(digest))
        };
        for (path, name, body) in [
            ("/", "dist", "start('dist')"),
            ("/app.js", "dist", "dist"),
            ("/xuc/", "dist-xuc", "start('dist-xuc')"),
            ("/xuc", "dist-xuc", "start('dist-xuc')"),
            ("/xuc/app.js", "dist-xuc", "dist-xuc"),
            ("/embed", "dist-embed", "start('dist-embed')"),
            ("/embed/app.js", "dist-embed", "dist-embed"),
        ] {
            let (status, text, csp) = get(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(text.contains(body), "{path}: {text}");
            assert!(
                csp.contains(&hash_of(name)),
                "{path}: the CSP of {name}: {csp}"
            );
        }
        let (status, text, _) = get("/xuc/no-such-page").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(text.contains("start('dist-xuc')"), "the console's own page");

        // Without an embed console, `/embed` is the main console's page (a development build).
        let (status, text, _) = get_on(routes(&main, &consoles[..1], "'self'"), "/embed").await;
        assert_eq!(status, StatusCode::OK);
        assert!(text.contains("start('dist')"));
        let _ = std::fs::remove_dir_all(&root);
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
