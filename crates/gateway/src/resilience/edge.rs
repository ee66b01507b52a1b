//! What a request says about where it came from (issue 17, defects 10 and 11): `Host`,
//! `X-Forwarded-Proto` and `X-Forwarded-Host` end up in the URLs the APIs hand out, so they
//! are believed only from a configured proxy (`--trusted-proxy`); with a configured public
//! URL (`--public-url`) every other request is rewritten to it. Over https (the listener's own
//! or a trusted proxy's) the session cookie is `Secure`. One middleware, outermost, so that
//! every route, whoever adds it, reads normalised headers (`origin_of` stays as it is): the
//! middleware is `forwarded.rs`; this is its configuration.

use std::net::IpAddr;

use axum::http::HeaderValue;

/// Marks a request that came over the gateway's own TLS listener.
#[derive(Debug, Clone, Copy)]
pub struct ServedOverHttps;

/// The configured edge: the public URL and the proxies whose forwarded headers count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edge {
    /// `https://cti.example.com[:port]`: scheme and authority of the URLs handed out.
    pub public_url: Option<(String, String)>,
    /// Addresses of the reverse proxies in front of the gateway.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Edge {
    /// An edge with this public URL (`scheme://authority`, no path) and these proxies.
    pub fn new(public_url: Option<&str>, trusted_proxies: Vec<IpAddr>) -> Result<Edge, String> {
        let public_url = match public_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(url) => {
                let (scheme, authority) = url
                    .trim_end_matches('/')
                    .split_once("://")
                    .ok_or_else(|| format!("--public-url {url:?}: expected https://host[:port]"))?;
                let valid = matches!(scheme, "http" | "https")
                    && !authority.is_empty()
                    && !authority.contains('/')
                    && HeaderValue::from_str(authority).is_ok();
                if !valid {
                    return Err(format!(
                        "--public-url {url:?}: expected http(s)://host[:port], no path"
                    ));
                }
                Some((scheme.to_owned(), authority.to_owned()))
            }
        };
        Ok(Edge {
            public_url,
            trusted_proxies,
        })
    }
}
