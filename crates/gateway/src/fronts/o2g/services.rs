//! The session's service list (`SessionInfo.services`, L1031-1036): every service this front
//! serves, so that a client finding its URLs by service name (ALE's client libraries do,
//! comparing names case-insensitively) reaches each of them.

use cti::o2g::session::{user_services, Service};

/// The services of a user session: the spec's user-session example (L780-831), every one of
/// which is served, then the contact-centre agent service. The spec names no contact-centre
/// service; `AcdAgent` is the name ALE's Java, C# and Node client libraries look up
/// (`acdagent`), see docs/decisions.md, "O2G fidelity (issue 11)". The supervisor's services
/// follow, under the names the same libraries look up (`acdrealtime`, `acdpilotmonitoring`,
/// `acdmanagement`): served to supervisors, refused to others with 403 NOT_ALLOWED.
pub fn services() -> Vec<Service> {
    let mut services = user_services();
    for (name, url) in [
        ("AcdAgent", "/acd/agent"),
        ("AcdRealtime", "/acd/rti"),
        ("AcdPilotMonitoring", "/acd/pilotmonitoring"),
        ("AcdManagement", "/acd"),
    ] {
        services.push(Service {
            service_name: name.into(),
            service_version: Some(cti::o2g::API_VERSION.into()),
            relative_url: url.into(),
        });
    }
    services
}
