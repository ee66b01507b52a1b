//! The user's telephone devices, outside any call.

/// What the user may do with one of their devices when no call is involved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeviceCapabilities {
    /// The device's number.
    pub device: String,
    /// Place a call from it.
    pub make_call: bool,
    /// Place a call charged to a business code.
    pub make_business_call: bool,
    /// Place a private (personally billed) call.
    pub make_private_call: bool,
    /// Take back a parked call.
    pub unpark: bool,
}

/// Whether the user's telephone is in use, as the gateway summarizes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum UserPresence {
    /// No call.
    Free,
    /// At least one call.
    Busy,
    /// Not reported.
    #[default]
    Unknown,
}
