//! The host name a browser used, and the origin of our other listener under that name.
//!
//! The demo pages name the widget's origin and the main listener redirects to the demo's: a
//! browser on `localhost:8081` must get `localhost:8080`, one on `127.0.0.1:8081` must get
//! `127.0.0.1:8080` (the two are different sites to it). The name comes from the `Host`
//! header, which the client writes: it is accepted only when it is a plain host name or
//! address, because it ends up in JavaScript and in headers.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::http::header::HOST;
use axum::http::HeaderMap;

/// The host part of the request's `Host` header (port removed, IPv6 kept in brackets), when
/// it is a well-formed host name or address.
pub fn request_host_name(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(HOST)?.to_str().ok()?;
    host_name(host)
}

/// The host part of a `Host` value, if well-formed.
fn host_name(host: &str) -> Option<String> {
    let name = if let Some(v6) = host.strip_prefix('[') {
        let (address, after) = v6.split_once(']')?;
        if !(after.is_empty() || is_port(after.strip_prefix(':')?)) {
            return None;
        }
        // Parsing, not a character check: only a real IPv6 address goes into brackets.
        let address: Ipv6Addr = address.parse().ok()?;
        return Some(format!("[{address}]"));
    } else {
        match host.split_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return None,
            None => host,
        }
    };
    let well_formed = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    well_formed.then(|| name.to_ascii_lowercase())
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.parse::<u16>().is_ok()
}

/// `http://<host>:<port of addr>`: `host` when the browser named one, else `addr`'s IP (a
/// loopback one when `addr` listens on every interface). Port 80 is left out, as browsers
/// write origins.
pub fn origin_on(host: Option<&str>, addr: SocketAddr) -> String {
    let host = match host {
        Some(host) => host.to_owned(),
        None => match reachable_ip(addr.ip()) {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        },
    };
    match addr.port() {
        80 => format!("http://{host}"),
        port => format!("http://{host}:{port}"),
    }
}

/// The address a local browser reaches a listener bound to `ip` on.
fn reachable_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_and_addresses_are_kept_without_the_port() {
        for (host, expected) in [
            ("localhost:8081", Some("localhost")),
            ("127.0.0.1:8081", Some("127.0.0.1")),
            ("CRM.Example.com", Some("crm.example.com")),
            ("[::1]:8081", Some("[::1]")),
            ("[0:0::1]", Some("[::1]")),
            ("a-b.c", Some("a-b.c")),
            ("", None),
            (":8081", None),
            ("host:port", None),
            ("host:99999", None),
            ("evil\";alert(1);//", None),
            ("a b", None),
            ("-a.b", None),
            ("a..b", None),
            ("[::1]x", None),
            ("[not-ip]:80", None),
            ("a:1:2", None),
        ] {
            assert_eq!(host_name(host).as_deref(), expected, "{host:?}");
        }
    }

    #[test]
    fn origins_name_the_host_or_a_reachable_address() {
        let any: SocketAddr = "0.0.0.0:8080".parse().expect("addr");
        assert_eq!(origin_on(Some("localhost"), any), "http://localhost:8080");
        assert_eq!(origin_on(None, any), "http://127.0.0.1:8080");
        let v6: SocketAddr = "[::]:9000".parse().expect("addr");
        assert_eq!(origin_on(None, v6), "http://[::1]:9000");
        let lan: SocketAddr = "192.168.1.5:80".parse().expect("addr");
        assert_eq!(origin_on(None, lan), "http://192.168.1.5");
    }
}
