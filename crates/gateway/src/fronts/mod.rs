//! The fronts of the gateway: each vendor protocol the gateway speaks, under its own folder,
//! onto the one simulated world (`world/`) and the event hub (`events/`). O2G is the first;
//! a XuC or Finesse front sits beside it, and their users share one contact centre.

pub mod o2g;
