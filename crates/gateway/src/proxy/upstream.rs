//! The O2G server the gateway fronts in proxy mode, and the HTTP(S) client that reaches it.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::tls::{self, UpstreamTrust};
use crate::error::AppError;

/// How long the upstream may take to answer a request's headers.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Headers that describe one hop, never forwarded (RFC 9110 §7.6.1).
pub(super) const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];
/// Why an upstream base URL cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// Not a URL.
    #[error("upstream {0:?} is not a URL")]
    Invalid(String),
    /// A scheme other than http or https.
    #[error("upstream {0:?}: only http:// and https:// upstreams are supported")]
    Scheme(String),
    /// A path or query after the authority.
    #[error("upstream {0:?}: give only scheme, host and port (e.g. https://o2g.example:443); O2G serves its API at /api/rest, a path prefix is not supported")]
    Path(String),
    /// The `--upstream-ca` file cannot be used.
    #[error("upstream CA file {path}: {reason}")]
    Ca {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The TLS client cannot be set up.
    #[error("upstream TLS: {0}")]
    Tls(String),
}

/// The O2G server the gateway fronts.
#[derive(Clone)]
pub struct Upstream {
    /// Scheme and authority, e.g. `https://o2g.example:8443`.
    origin: String,
    /// `Host` header to send.
    host: HeaderValue,
    client: Client<HttpsConnector<HttpConnector>, Body>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Upstream {
    /// The upstream the options name, if any (`--upstream`, `--upstream-ca`,
    /// `--upstream-insecure`).
    pub fn from_config(config: &crate::config::Config) -> Result<Option<Upstream>, UpstreamError> {
        let Some(base) = &config.upstream else {
            return Ok(None);
        };
        let trust = if config.upstream_insecure {
            UpstreamTrust::Insecure
        } else if let Some(path) = &config.upstream_ca {
            UpstreamTrust::ca_file(path)?
        } else {
            UpstreamTrust::PublicRoots
        };
        Upstream::new(base, &trust).map(Some)
    }

    /// An upstream at `base` (`http[s]://host[:port][/]`); `trust` applies to `https://`.
    pub fn new(base: &str, trust: &UpstreamTrust) -> Result<Upstream, UpstreamError> {
        let uri: Uri = base
            .parse()
            .map_err(|_| UpstreamError::Invalid(base.to_owned()))?;
        let scheme = match uri.scheme_str() {
            Some(scheme @ ("http" | "https")) => scheme,
            Some(_) => return Err(UpstreamError::Scheme(base.to_owned())),
            None => return Err(UpstreamError::Invalid(base.to_owned())),
        };
        // Refused rather than honoured: O2G's own URLs (and every rewrite here) assume the API
        // at the root, and a prefix silently dropped would send requests to the wrong place.
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(UpstreamError::Path(base.to_owned()));
        }
        let authority = uri
            .authority()
            .ok_or_else(|| UpstreamError::Invalid(base.to_owned()))?;
        let host = HeaderValue::from_str(authority.as_str())
            .map_err(|_| UpstreamError::Invalid(base.to_owned()))?;
        if scheme == "https" && matches!(trust, UpstreamTrust::Insecure) {
            tracing::warn!(
                upstream = %base,
                "UPSTREAM CERTIFICATE NOT VERIFIED (--upstream-insecure): anyone on the network path can impersonate the O2G server and read credentials; lab use only"
            );
        }
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(Duration::from_secs(5)));
        http.set_nodelay(true);
        // The TLS layer needs the TCP connector to accept https:// URIs too.
        http.enforce_http(false);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(trust.client_config()?)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(60))
            .build(connector);
        Ok(Upstream {
            origin: format!("{scheme}://{authority}"),
            host,
            client,
        })
    }

    /// Its origin, `http[s]://host:port`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub(super) async fn send(
        &self,
        method: Method,
        path_and_query: &str,
        headers: &HeaderMap,
        body: Body,
    ) -> Result<hyper::Response<hyper::body::Incoming>, AppError> {
        let uri: Uri = format!("{}{path_and_query}", self.origin)
            .parse()
            .map_err(|_| AppError::bad_parameter("The request path cannot be forwarded"))?;
        let mut request = hyper::Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let forwarded = request.headers_mut();
        copy_end_to_end(headers, forwarded);
        forwarded.insert(header::HOST, self.host.clone());
        match tokio::time::timeout(REQUEST_TIMEOUT, self.client.request(request)).await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(error)) => {
                tracing::warn!(upstream = %self.origin, error = ?error, "upstream unreachable");
                Err(AppError::upstream_unavailable(unreachable_message(
                    &self.origin,
                    &error,
                )))
            }
            Err(_) => Err(AppError::upstream_unavailable(format!(
                "The O2G server {} did not answer in time",
                self.origin
            ))),
        }
    }
}

/// Why the upstream cannot be reached, in words an operator can act on: a certificate
/// problem names the option that fixes it.
fn unreachable_message(origin: &str, error: &(dyn std::error::Error + 'static)) -> String {
    match tls::tls_failure(error) {
        Some(rustls::Error::InvalidCertificate(reason)) => format!(
            "The O2G server {origin} presented a TLS certificate this gateway does not trust ({reason:?}); start the gateway with --upstream-ca <its CA's PEM file>"
        ),
        Some(tls) => format!("The O2G server {origin} cannot be reached: TLS failed ({tls})"),
        None => format!("The O2G server {origin} cannot be reached"),
    }
}

fn copy_end_to_end(from: &HeaderMap, to: &mut HeaderMap) {
    for (name, value) in from {
        if name != header::HOST && !HOP_BY_HOP.contains(&name.as_str()) {
            to.append(name.clone(), value.clone());
        }
    }
}
