//! Static files compiled into the binary: the host SDK (`assets/sdk/`) and the embedding demo
//! (`assets/demo/`). The gateway then needs no asset folder at run time, wherever it runs.
//!
//! A file added under `assets/` must be listed here too; a test fails until it is.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// One embedded file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Its file name, which is also its URL path segment.
    pub name: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

macro_rules! asset {
    ($dir:literal, $name:literal) => {
        Asset {
            name: $name,
            bytes: include_bytes!(concat!("../assets/", $dir, "/", $name)),
        }
    };
}

/// The host SDK, served at `/sdk/<name>`.
pub const SDK: &[Asset] = &[
    asset!("sdk", "agentdesk.js"),
    asset!("sdk", "agentdesk.d.ts"),
];

/// The demo site, served at `/<name>` by the demo listener.
pub const DEMO: &[Asset] = &[
    asset!("demo", "index.html"),
    asset!("demo", "crm.html"),
    asset!("demo", "embed-api.html"),
    asset!("demo", "demo.css"),
    asset!("demo", "crm.js"),
    asset!("demo", "embed-api.js"),
    asset!("demo", "landing.js"),
    asset!("demo", "favicon.svg"),
    asset!("demo", "dom.js"),
];

/// The file `name` of `table`.
pub fn find(table: &'static [Asset], name: &str) -> Option<Asset> {
    table.iter().find(|asset| asset.name == name).copied()
}

/// The `Content-Type` of a file, by its name.
pub fn content_type(name: &str) -> &'static str {
    // `.d.ts` before `.ts`; the longest suffix that names the type wins.
    let types: [(&str, &str); 11] = [
        (".d.ts", "application/typescript; charset=utf-8"),
        (".ts", "application/typescript; charset=utf-8"),
        (".js", "text/javascript; charset=utf-8"),
        (".mjs", "text/javascript; charset=utf-8"),
        (".html", "text/html; charset=utf-8"),
        (".css", "text/css; charset=utf-8"),
        (".json", "application/json"),
        (".svg", "image/svg+xml"),
        (".png", "image/png"),
        (".ico", "image/x-icon"),
        (".woff2", "font/woff2"),
    ];
    types
        .iter()
        .find(|(suffix, _)| name.ends_with(suffix))
        .map_or("application/octet-stream", |(_, kind)| kind)
}

/// A strong validator of the bytes: they only change with the binary.
pub fn etag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `200` with the file, or `304` when the request's `If-None-Match` names its ETag. The
/// browser revalidates every time (`no-cache`): a new gateway's files apply at once.
pub fn respond(asset: Asset, request: &HeaderMap) -> Response {
    let tag = etag(asset.bytes);
    let matches = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.trim_start_matches("W/") == tag
        });
    let headers = [
        (header::CONTENT_TYPE, content_type(asset.name).to_owned()),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
        (header::ETAG, tag),
    ];
    if matches {
        (StatusCode::NOT_MODIFIED, headers).into_response()
    } else {
        (headers, asset.bytes).into_response()
    }
}

/// `/sdk/agentdesk.js` and `/sdk/agentdesk.d.ts`, which host pages of any origin import
/// (hence `Access-Control-Allow-Origin: *`: module scripts are fetched with CORS).
pub fn sdk_routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/sdk/{name}", get(sdk_file))
        .method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
}

async fn sdk_file(
    axum::extract::Path(name): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let asset =
        find(SDK, &name).ok_or_else(|| AppError::not_found(format!("No SDK file {name}")))?;
    let mut response = respond(asset, &headers);
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `assets/<dir>` is in `table`, and the other way round.
    fn assert_lists_every_file(dir: &str, table: &[Asset]) {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(dir);
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .expect("assets folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = table.iter().map(|a| a.name.to_owned()).collect();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "assets/{dir} and src/assets.rs disagree: list every file with asset!()"
        );
    }

    #[test]
    fn the_tables_list_every_asset_file() {
        assert_lists_every_file("sdk", SDK);
        assert_lists_every_file("demo", DEMO);
        for asset in SDK.iter().chain(DEMO) {
            assert_ne!(
                content_type(asset.name),
                "application/octet-stream",
                "{}: add its type to content_type()",
                asset.name
            );
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type("agentdesk.d.ts"),
            "application/typescript; charset=utf-8"
        );
        assert_eq!(
            content_type("agentdesk.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("demo.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("crm.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }

    #[test]
    fn a_matching_if_none_match_is_not_modified() {
        let asset = SDK[0];
        let tag = etag(asset.bytes);
        let mut request = HeaderMap::new();
        assert_eq!(respond(asset, &request).status(), StatusCode::OK);
        request.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"other\", W/{tag}")).expect("header"),
        );
        assert_eq!(respond(asset, &request).status(), StatusCode::NOT_MODIFIED);
    }
}
