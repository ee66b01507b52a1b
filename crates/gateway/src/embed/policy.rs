//! Who may embed the widget and where the gateway listens: the policy the embedding
//! endpoints and the widget pages' `frame-ancestors` share.

use std::net::{IpAddr, SocketAddr};

use cti::embed::{Origin, OriginAllowList};

use super::violations::ViolationLog;

/// The addresses the gateway listens on, once bound (port 0 resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listeners {
    /// The main listener: the widget, the API, the SDK.
    pub main: SocketAddr,
    /// The demo listener (`--demo-addr`), if any.
    pub demo: Option<SocketAddr>,
}

impl Default for Listeners {
    /// The default `--addr`, without a demo listener (in-process tests bind nothing).
    fn default() -> Self {
        Listeners {
            main: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo: None,
        }
    }
}

/// Who may embed the widget, where the gateway listens, and the violations reported.
#[derive(Debug, Default)]
pub struct EmbedPolicy {
    allow_list: OriginAllowList,
    listeners: Listeners,
    violations: ViolationLog,
}

impl EmbedPolicy {
    /// The configured allow-list, plus the demo listener's origins when there is one.
    pub fn new(configured: OriginAllowList, listeners: Listeners) -> EmbedPolicy {
        let mut allow_list = configured;
        if let Some(demo) = listeners.demo {
            for origin in demo_origins(demo) {
                allow_list.allow(origin);
            }
        }
        EmbedPolicy {
            allow_list,
            listeners,
            violations: ViolationLog::default(),
        }
    }

    /// The origins that may embed the widget (besides its own).
    pub fn allow_list(&self) -> &OriginAllowList {
        &self.allow_list
    }

    /// Where the gateway listens.
    pub fn listeners(&self) -> Listeners {
        self.listeners
    }

    /// The violations reported so far.
    pub fn violations(&self) -> &ViolationLog {
        &self.violations
    }
}

/// The origins a browser may show for a page of the demo listener on `addr`: both IPv4
/// loopback spellings when it listens on loopback or on every interface, else its address.
/// IPv6 literals are left out: CSP's frame-ancestors cannot name them (browsers drop the
/// entry with a console error), so such a page could not frame the widget anyway.
pub fn demo_origins(addr: SocketAddr) -> Vec<Origin> {
    let port = addr.port();
    let texts = match addr.ip() {
        ip if ip.is_loopback() || ip.is_unspecified() => vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
        ],
        IpAddr::V4(ip) => vec![format!("http://{ip}:{port}")],
        IpAddr::V6(_) => Vec::new(),
    };
    // These are well-formed by construction; a parse failure would only drop one spelling.
    texts
        .iter()
        .filter_map(|text| Origin::parse(text).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_listener_adds_its_origins() {
        let on = |addr: &str| -> Vec<String> {
            let addr: SocketAddr = addr.parse().expect("addr");
            demo_origins(addr).iter().map(ToString::to_string).collect()
        };
        assert_eq!(
            on("127.0.0.1:8081"),
            ["http://127.0.0.1:8081", "http://localhost:8081",]
        );
        assert_eq!(on("0.0.0.0:8081").len(), 2);
        assert_eq!(on("[::]:8081").len(), 2);
        assert_eq!(on("192.168.1.5:8081"), ["http://192.168.1.5:8081"]);
        assert!(on("[fe80::1]:8081").is_empty());
        let configured = OriginAllowList::parse(["https://crm.example.com"]).expect("list");
        let policy = EmbedPolicy::new(
            configured,
            Listeners {
                main: "127.0.0.1:8080".parse().expect("addr"),
                demo: Some("127.0.0.1:8081".parse().expect("addr")),
            },
        );
        assert!(policy.allow_list().allows("https://crm.example.com"));
        assert!(policy.allow_list().allows("http://localhost:8081"));
        assert!(!policy.allow_list().allows("http://localhost:8082"));
    }
}
