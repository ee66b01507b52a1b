//! Web origins and the embed allow-list: which pages may frame the widget and drive it.
//!
//! One list serves both ends: the gateway turns it into `Content-Security-Policy:
//! frame-ancestors`, the widget checks each handshake's `event.origin` against it. An entry
//! is an exact origin (`https://crm.example.com`) or a wildcard subdomain
//! (`https://*.example.com`), the two forms CSP source expressions share.

use core::fmt;

use super::EmbedError;

/// A normalized origin: lower-case scheme and host, default port dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Origin {
    /// Parses `scheme://host[:port]` (a trailing `/` is tolerated, a path is not).
    pub fn parse(text: &str) -> Result<Origin, EmbedError> {
        let (scheme, host, port) = split(text)?;
        if host.contains('*') {
            return Err(EmbedError::BadOrigin {
                origin: text.to_owned(),
                why: "a wildcard is not an origin",
            });
        }
        Ok(Origin { scheme, host, port })
    }

    /// The scheme, `https` or `http`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host name or address (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

/// One entry of the allow-list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Pattern {
    /// Exactly this origin.
    Exact(Origin),
    /// Any strict subdomain of `suffix` (`*.example.com` does not admit `example.com`, as in
    /// CSP), with this scheme and port.
    Subdomains {
        scheme: String,
        suffix: String,
        port: Option<u16>,
    },
}

impl Pattern {
    fn allows(&self, origin: &Origin) -> bool {
        match self {
            Pattern::Exact(exact) => exact == origin,
            Pattern::Subdomains {
                scheme,
                suffix,
                port,
            } => {
                *scheme == origin.scheme
                    && *port == origin.port
                    && origin
                        .host
                        .strip_suffix(suffix.as_str())
                        .and_then(|rest| rest.strip_suffix('.'))
                        .is_some_and(|labels| !labels.is_empty())
            }
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Exact(origin) => origin.fmt(f),
            Pattern::Subdomains {
                scheme,
                suffix,
                port,
            } => {
                write!(f, "{scheme}://*.{suffix}")?;
                match port {
                    Some(port) => write!(f, ":{port}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// The origins allowed to embed the widget. Empty means "only the widget's own origin".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OriginAllowList {
    patterns: Vec<Pattern>,
}

impl OriginAllowList {
    /// Parses entries; the first bad one is reported (IPv6 addresses included: CSP cannot
    /// express them). Duplicates are kept once.
    pub fn parse<'a>(entries: impl IntoIterator<Item = &'a str>) -> Result<Self, EmbedError> {
        let mut list = OriginAllowList::default();
        for entry in entries {
            let entry = entry.trim();
            if entry.is_empty() {
                continue;
            }
            list.push(parse_pattern(entry)?);
        }
        Ok(list)
    }

    /// Adds an exact origin; an IPv6 one is skipped (CSP cannot name it, see [`Self::parse`]).
    pub fn allow(&mut self, origin: Origin) {
        if !origin.host.starts_with('[') {
            self.push(Pattern::Exact(origin));
        }
    }

    fn push(&mut self, pattern: Pattern) {
        if !self.patterns.contains(&pattern) {
            self.patterns.push(pattern);
        }
    }

    /// Whether a page of `origin` (as the browser reports it in `MessageEvent.origin`) may
    /// embed and drive the widget. Unparsable origins, `null` included, never are.
    pub fn allows(&self, origin: &str) -> bool {
        match Origin::parse(origin) {
            Ok(origin) => self.patterns.iter().any(|p| p.allows(&origin)),
            Err(_) => false,
        }
    }

    /// Whether nothing but the widget's own origin may embed it.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The entries, normalized, as the gateway publishes them to the widget.
    pub fn entries(&self) -> Vec<String> {
        self.patterns.iter().map(ToString::to_string).collect()
    }

    /// The value of `Content-Security-Policy: frame-ancestors`: `'self'` and every entry.
    pub fn frame_ancestors(&self) -> String {
        let mut value = String::from("'self'");
        for pattern in &self.patterns {
            value.push(' ');
            value.push_str(&pattern.to_string());
        }
        value
    }
}

fn parse_pattern(entry: &str) -> Result<Pattern, EmbedError> {
    let (scheme, host, port) = split(entry)?;
    if host.starts_with('[') {
        // CSP source expressions have no IPv6 literals: browsers drop such a frame-ancestors
        // entry (with a console error), so the page could never frame the widget anyway.
        return Err(EmbedError::BadOrigin {
            origin: entry.to_owned(),
            why: "CSP cannot name an IPv6 address; use a host name",
        });
    }
    match host.strip_prefix("*.") {
        Some(suffix) if !suffix.contains('*') && suffix.contains('.') => Ok(Pattern::Subdomains {
            scheme,
            suffix: suffix.to_owned(),
            port,
        }),
        Some(_) => Err(EmbedError::BadOrigin {
            origin: entry.to_owned(),
            why: "a wildcard must be `*.` before a domain of two labels or more",
        }),
        None if host.contains('*') => Err(EmbedError::BadOrigin {
            origin: entry.to_owned(),
            why: "a wildcard may only be the first label (`https://*.example.com`)",
        }),
        None => Ok(Pattern::Exact(Origin { scheme, host, port })),
    }
}

/// Splits and normalizes `scheme://host[:port][/]`.
fn split(text: &str) -> Result<(String, String, Option<u16>), EmbedError> {
    let bad = |why| EmbedError::BadOrigin {
        origin: text.to_owned(),
        why,
    };
    let (scheme, rest) = text
        .split_once("://")
        .ok_or(bad("expected scheme://host"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return Err(bad("only http and https pages can embed the widget")),
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() {
        return Err(bad("no host"));
    }
    if authority.contains(['/', '?', '#', '@', ' ']) {
        return Err(bad("an origin has no path, query, fragment or user"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (address, after) = v6.split_once(']').ok_or(bad("unclosed IPv6 bracket"))?;
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or(bad("junk after the IPv6 address"))?,
            ),
        };
        (format!("[{}]", address.to_ascii_lowercase()), port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_ascii_lowercase(), Some(port)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    if host.is_empty() || host == "[]" {
        return Err(bad("no host"));
    }
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*' | '[' | ']' | ':' | '_'))
    {
        return Err(bad(
            "the host has characters a host cannot have (use punycode)",
        ));
    }
    let port = match port {
        None => None,
        Some(p) => {
            let port: u16 = p
                .parse()
                .map_err(|_| bad("the port is not a number in 0..=65535"))?;
            (port != default_port).then_some(port)
        }
    };
    Ok((scheme, host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[&str]) -> OriginAllowList {
        OriginAllowList::parse(entries.iter().copied()).expect("valid list")
    }

    #[test]
    fn exact_origins_match_after_normalization() {
        let allowed = list(&["HTTPS://CRM.example.com:443/", "http://127.0.0.1:8081"]);
        assert!(allowed.allows("https://crm.example.com"));
        assert!(allowed.allows("http://127.0.0.1:8081"));
        assert!(!allowed.allows("http://127.0.0.1:8082"));
        assert!(!allowed.allows("http://crm.example.com"));
        assert!(!allowed.allows("https://crm.example.com.evil.test"));
        assert!(!allowed.allows("null"));
        assert!(!allowed.allows(""));
    }

    #[test]
    fn wildcards_admit_strict_subdomains_only() {
        let allowed = list(&["https://*.example.com"]);
        assert!(allowed.allows("https://crm.example.com"));
        assert!(allowed.allows("https://a.b.example.com"));
        assert!(!allowed.allows("https://example.com"));
        assert!(!allowed.allows("https://evilexample.com"));
        assert!(!allowed.allows("https://crm.example.com:8443"));
        assert!(!allowed.allows("http://crm.example.com"));
        assert!(!allowed.allows("https://*.example.com"));
    }

    #[test]
    fn frame_ancestors_lists_self_then_each_entry_once() {
        let mut allowed = list(&[
            "https://*.example.com",
            "http://127.0.0.1:8081",
            "https://*.example.com",
        ]);
        allowed.allow(Origin::parse("http://[::1]:8081").expect("origin"));
        assert_eq!(
            allowed.frame_ancestors(),
            "'self' https://*.example.com http://127.0.0.1:8081"
        );
        assert_eq!(OriginAllowList::default().frame_ancestors(), "'self'");
    }

    #[test]
    fn bad_entries_are_refused_with_the_reason() {
        for bad in [
            "crm.example.com",
            "ftp://example.com",
            "https://example.com/path",
            "https://*",
            "https://*.com",
            "https://crm.*.example.com",
            "https://example.com:99999",
            "https://user@example.com",
            "https://[::1",
            "http://[::1]:8081",
            "https://exa mple.com",
            "*",
        ] {
            let error = OriginAllowList::parse([bad]).expect_err(bad);
            assert!(error.to_string().contains(bad), "{error}");
        }
    }

    #[test]
    fn origins_display_normalized() {
        let origin = Origin::parse("HTTP://LocalHost:80").expect("origin");
        assert_eq!(origin.to_string(), "http://localhost");
        assert_eq!(origin.port(), None);
        let origin = Origin::parse("https://[::1]:8443").expect("origin");
        assert_eq!(origin.to_string(), "https://[::1]:8443");
        assert!(Origin::parse("https://*.example.com").is_err());
    }
}
