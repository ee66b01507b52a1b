//! The fronts of the gateway: each vendor protocol the gateway speaks, under its own folder,
//! onto the one simulated world (`world/`) and its event hubs. O2G is the first, XuC
//! (`xuc/`) and the Finesse connector (`finesse/`) sit beside it, and their users share one
//! contact centre.

pub mod finesse;
pub mod o2g;
pub mod vonage;
pub mod xuc;

/// A protocol the gateway speaks, as the sign-in form lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FrontInfo {
    /// The id the widget's driver answers to.
    pub id: &'static str,
    /// What the agent reads.
    pub name: &'static str,
}

/// The fronts onto the simulated world, the default first.
pub const FRONTS: [FrontInfo; 3] = [
    FrontInfo {
        id: "o2g",
        name: "ALE OmniPCX Open Gateway",
    },
    FrontInfo {
        id: "xuc",
        name: "XiVO XuC",
    },
    FrontInfo {
        id: "finesse",
        name: "Cisco Finesse (JMS connector)",
    },
];

/// The front with this id.
pub fn front(id: &str) -> Option<FrontInfo> {
    FRONTS.into_iter().find(|front| front.id == id)
}
