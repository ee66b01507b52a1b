//! What an adapter asks its host to put on the wire, whatever the vendor: an HTTP request, or
//! a text frame on the backend's socket. The host sends it and reports the answer back with
//! the same [`TransmitId`].

use core::fmt;

/// Names one transmit, so that its answer can be matched to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TransmitId(pub u64);

impl fmt::Display for TransmitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "t{}", self.0)
    }
}

/// One thing for the host to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transmit {
    /// Its name, for the answer.
    pub id: TransmitId,
    /// What to send.
    pub payload: Payload,
}

/// The two ways a backend is spoken to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Payload {
    /// A request to the gateway's HTTP API; its answer comes back as a response.
    Http(HttpRequest),
    /// A text frame on the backend's socket (commands of socket protocols); no answer.
    Frame(String),
}

/// The HTTP methods the backends use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request for the host to send, relative to the gateway's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The path, e.g. `/api/rest/1.0/...`, with opaque parts percent-encoded.
    pub path: String,
    /// Query parameters, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Headers besides the content type (e.g. `Authorization` at sign-in).
    pub headers: Vec<(String, String)>,
    /// The JSON body (`Content-Type: application/json`), if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// A request without query or body.
    pub fn new(method: Method, path: impl Into<String>) -> HttpRequest {
        HttpRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> HttpRequest {
        HttpRequest::new(Method::Get, path)
    }

    /// The same request with a JSON body.
    pub fn with_body(mut self, body: String) -> HttpRequest {
        self.body = Some(body);
        self
    }

    /// The same request with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> HttpRequest {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same request with one more query parameter.
    pub fn with_query(mut self, name: &str, value: &str) -> HttpRequest {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The path and the percent-encoded query, ready to append to the gateway's origin.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (index, (name, value)) in self.query.iter().enumerate() {
            out.push(if index == 0 { '?' } else { '&' });
            out.push_str(&percent_encode(name));
            out.push('=');
            out.push_str(&percent_encode(value));
        }
        out
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters: references are opaque and
/// may hold anything.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_opaque_parts_are_percent_encoded() {
        let request = HttpRequest::get("/x").with_query("a b", "c&d");
        assert_eq!(request.path_and_query(), "/x?a%20b=c%26d");
        assert_eq!(percent_encode("é/"), "%C3%A9%2F");
    }
}
