//! Unit tests of the Finesse front.
