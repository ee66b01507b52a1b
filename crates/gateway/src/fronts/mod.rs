//! The fronts of the gateway: each vendor protocol the gateway speaks, under its own folder,
//! onto the one simulated world (`world/`) and its event hubs. O2G is the first, XuC
//! (`xuc/`) and the Finesse connector (`finesse/`) sit beside it, and their users share one
//! contact centre.

pub mod finesse;
pub mod o2g;
pub mod xuc;

use finesse::sim::FinesseFront;
use xuc::sim::XucFront;

/// A front that holds the front `T`: one member of the pair the world is seen through, so
/// that a vendor's handlers work on any world whose fronts include theirs (O2G's
/// `Simulator<X>` holds `(O2gFront, X)`; the gateway's `X` is `(XucFront, FinesseFront)`).
pub trait Part<T> {
    /// The front `T`.
    fn part(&self) -> &T;
    /// The front `T`, to change its own state.
    fn part_mut(&mut self) -> &mut T;
}

impl<O> Part<XucFront> for (O, XucFront) {
    fn part(&self) -> &XucFront {
        &self.1
    }
    fn part_mut(&mut self) -> &mut XucFront {
        &mut self.1
    }
}

impl<O, F> Part<XucFront> for (O, (XucFront, F)) {
    fn part(&self) -> &XucFront {
        &self.1 .0
    }
    fn part_mut(&mut self) -> &mut XucFront {
        &mut self.1 .0
    }
}

impl<O> Part<FinesseFront> for (O, FinesseFront) {
    fn part(&self) -> &FinesseFront {
        &self.1
    }
    fn part_mut(&mut self) -> &mut FinesseFront {
        &mut self.1
    }
}

impl<O, X> Part<FinesseFront> for (O, (X, FinesseFront)) {
    fn part(&self) -> &FinesseFront {
        &self.1 .1
    }
    fn part_mut(&mut self) -> &mut FinesseFront {
        &mut self.1 .1
    }
}

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
