//! The session's service list (`SessionInfo.services`, L1031-1036): every service this front
//! serves, so that a client finding its URLs by service name (ALE's client libraries do,
//! comparing names case-insensitively) reaches each of them.

use cti::o2g::session::{user_services, Service};

/// The services of a user session: the spec's user-session example (L780-831), every one of
/// which is served, then the contact-centre agent service. The spec names no contact-centre
/// service; `AcdAgent` is the name ALE's Java, C# and Node client libraries look up
/// (`acdagent`), see docs/decisions.md, "O2G fidelity (issue 11)".
pub fn services() -> Vec<Service> {
    let mut services = user_services();
    services.push(Service {
        service_name: "AcdAgent".into(),
        service_version: Some(cti::o2g::API_VERSION.into()),
        relative_url: "/acd/agent".into(),
    });
    services
}
