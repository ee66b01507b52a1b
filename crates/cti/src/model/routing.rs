//! Where the user's calls go when not answered at the desk: forward and do-not-disturb.

/// Where calls are forwarded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ForwardTarget {
    /// To a number.
    Number(String),
    /// To the user's voice mail.
    Voicemail,
}

/// The user's routing, as the backend reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routing {
    /// Do-not-disturb is on.
    pub dnd: bool,
    /// Calls are forwarded there.
    pub forward: Option<ForwardTarget>,
}
