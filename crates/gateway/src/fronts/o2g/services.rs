//! The session's service list (`SessionInfo.services`, L1031-1036): every service this front
//! serves, so that a client finding its URLs by service name (ALE's client libraries do,
//! comparing names case-insensitively) reaches each of them.

use cti::o2g::session::Service;

/// `(serviceName, relativeUrl)` of every service served. The first ten are the spec's
/// user-session example (L780-831), in its order. The spec names no contact-centre service;
/// `AcdAgent` is the name ALE's Java, C# and Node client libraries look up (`acdagent`), see
/// docs/decisions.md, "O2G fidelity (issue 11)".
const SERVICES: [(&str, &str); 11] = [
    ("Users", "/users"),
    ("Telephony", "/telephony/calls"),
    ("Logins", "/logins"),
    ("Devices", "/telephony/devices"),
    ("State", "/telephony/state"),
    ("Directory", "/directory"),
    ("EventSummary", "/eventSummary"),
    ("Routing", "/routing"),
    ("Subscriptions", "/subscriptions"),
    ("Comlog", "/comlog/records"),
    ("AcdAgent", "/acd/agent"),
];

/// The services of a user session, version 1.0 each.
pub fn services() -> Vec<Service> {
    SERVICES
        .into_iter()
        .map(|(name, url)| Service {
            service_name: name.into(),
            service_version: Some(cti::o2g::API_VERSION.into()),
            relative_url: url.into(),
        })
        .collect()
}
