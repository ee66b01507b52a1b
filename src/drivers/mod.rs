//! One driver per backend behind one trait: the I/O around a vendor's sans-IO adapter.
//!
//! A driver signs in, carries the adapter's transmits (HTTP through fetch, frames on its
//! socket) and brings their answers back, runs the event stream with reconnection, keeps the
//! session alive and signs out. Components never see a driver's vendor: they read the
//! neutral desk of the console's `cti::session::Session` and send neutral intents.

// One cargo feature per backend, one Trunk build per feature: an agent downloads the code of
// their backend only (docs/size.md, "Entry points"). A new backend adds a feature, a module
// here, an entry of `SUPPORTED` and an arm of `backend`, and a build in
// `scripts/build-consoles.sh`.
#[cfg(feature = "finesse")]
pub mod finesse;
#[cfg(not(any(feature = "o2g", feature = "xuc", feature = "finesse")))]
compile_error!("the widget needs at least one backend feature: o2g, xuc or finesse");

#[cfg(feature = "o2g")]
pub mod o2g;
pub mod reconnect;
#[cfg(any(feature = "xuc", feature = "finesse"))]
mod socket;
#[cfg(feature = "xuc")]
pub mod xuc;

pub use reconnect::backoff_ms;

use std::fmt;
use std::rc::Rc;

use cti::adapter::Adapter;
use cti::transmit::Payload;
use futures::future::LocalBoxFuture;
use send_wrapper::SendWrapper;

use crate::transport::{ApiError, ChannelHandlers, ChannelStop};

/// The backends this widget has a driver for, by the gateway's ids, in order of preference.
pub const SUPPORTED: &[&str] = &[
    #[cfg(feature = "o2g")]
    o2g::BACKEND,
    #[cfg(feature = "xuc")]
    xuc::BACKEND,
    #[cfg(feature = "finesse")]
    finesse::BACKEND,
];

/// The backend a gateway that does not say is taken to speak: the first this build has.
pub const DEFAULT_BACKEND: &str = SUPPORTED[0];

/// What the agent reads for [`DEFAULT_BACKEND`] when the gateway does not say.
#[cfg(feature = "o2g")]
pub const DEFAULT_BACKEND_NAME: &str = "ALE OmniPCX Open Gateway";
/// What the agent reads for [`DEFAULT_BACKEND`] when the gateway does not say.
#[cfg(all(not(feature = "o2g"), feature = "xuc"))]
pub const DEFAULT_BACKEND_NAME: &str = "XiVO XuC";
/// What the agent reads for [`DEFAULT_BACKEND`] when the gateway does not say.
#[cfg(all(not(feature = "o2g"), not(feature = "xuc"), feature = "finesse"))]
pub const DEFAULT_BACKEND_NAME: &str = "Cisco Finesse (JMS connector)";

/// Whether this widget can speak `backend`.
pub fn supports(backend: &str) -> bool {
    SUPPORTED.contains(&backend)
}

/// Who signed in, whatever the backend.
pub struct SignedInDriver {
    /// The driver bound to the session.
    pub driver: DriverHandle,
    /// The login the backend knows.
    pub login: String,
}

/// How to get into one backend: its own sign-in steps, ending with a [`Driver`].
pub trait Backend {
    /// The backend's id, as the gateway lists it.
    fn id(&self) -> &'static str;

    /// Signs in at `gateway`, asking for a session of `time_to_live` seconds.
    fn sign_in(
        &self,
        gateway: String,
        login: String,
        password: String,
        time_to_live: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<SignedInDriver, ApiError>>;

    /// The session the browser already has at `gateway` (a reload), if any.
    fn resume(&self, gateway: String) -> LocalBoxFuture<'static, Option<SignedInDriver>>;
}

/// The backend with this id, when the widget has a driver for it.
pub fn backend(id: &str) -> Option<Box<dyn Backend>> {
    match id {
        #[cfg(feature = "o2g")]
        o2g::BACKEND => Some(Box::new(o2g::O2gBackend)),
        #[cfg(feature = "xuc")]
        xuc::BACKEND => Some(Box::new(xuc::XucBackend)),
        #[cfg(feature = "finesse")]
        finesse::BACKEND => Some(Box::new(finesse::FinesseBackend)),
        _ => None,
    }
}

/// Signs in on `backend` at `gateway` with the backend's own steps.
pub async fn sign_in(
    backend_id: &str,
    gateway: String,
    login: &str,
    password: &str,
    time_to_live: Option<u32>,
) -> Result<SignedInDriver, ApiError> {
    let backend =
        backend(backend_id).ok_or_else(|| ApiError::UnsupportedBackend(backend_id.to_owned()))?;
    backend
        .sign_in(gateway, login.to_owned(), password.to_owned(), time_to_live)
        .await
}

/// Resumes the browser's session on the backends the widget speaks.
pub async fn resume(gateway: &str) -> Option<SignedInDriver> {
    for id in SUPPORTED.iter() {
        if let Some(signed) = backend(id)?.resume(gateway.to_owned()).await {
            return Some(signed);
        }
    }
    None
}

/// What came back for a transmit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The backend answered (HTTP status and body).
    Response {
        /// The status.
        status: u16,
        /// The body.
        body: Vec<u8>,
    },
    /// A frame was written; nothing comes back for it.
    Sent,
    /// Nothing came back: what the agent should read.
    Unreachable(String),
}

/// Whether the backend still knows the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    /// It does.
    Alive,
    /// It says the session is gone.
    Lost,
    /// No answer this time.
    Unknown,
}

/// The I/O of one backend for one signed-in user.
pub trait Driver {
    /// The backend's id, as the gateway lists it (`o2g`).
    fn backend(&self) -> &'static str;

    /// A fresh adapter for this user's desk.
    fn adapter(&self) -> Box<dyn Adapter>;

    /// Sends one transmit of the adapter.
    fn transmit(&self, payload: Payload) -> LocalBoxFuture<'static, Reply>;

    /// Runs the event stream until `stop`: subscribe, connect, reconnect with backoff.
    fn run_events(
        &self,
        handlers: ChannelHandlers,
        stop: Rc<ChannelStop>,
    ) -> LocalBoxFuture<'static, ()>;

    /// One keep-alive of the session.
    fn keepalive(&self) -> LocalBoxFuture<'static, Liveness>;

    /// The page is going away: free the event subscription, without waiting.
    fn leave_on_exit(&self, subscription: &str);

    /// Ends the session (and `subscription`); `Some` notice when the backend did not confirm.
    fn sign_out(&self, subscription: Option<String>) -> LocalBoxFuture<'static, Option<String>>;

    /// The session's time-to-live in seconds, when the backend said.
    fn time_to_live(&self) -> Option<u32> {
        None
    }
}

/// A driver, shared by the console and its hooks. The browser runs the widget on one
/// thread; the wrapper lets the handle sit in signals, which ask for `Send`.
#[derive(Clone)]
pub struct DriverHandle(SendWrapper<Rc<dyn Driver>>);

impl DriverHandle {
    /// Wraps a driver.
    pub fn new(driver: impl Driver + 'static) -> DriverHandle {
        DriverHandle(SendWrapper::new(Rc::new(driver)))
    }
}

impl std::ops::Deref for DriverHandle {
    type Target = dyn Driver;
    fn deref(&self) -> &Self::Target {
        &**self.0
    }
}

impl fmt::Debug for DriverHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Driver({})", self.0.backend())
    }
}

impl PartialEq for DriverHandle {
    fn eq(&self, other: &DriverHandle) -> bool {
        Rc::ptr_eq(&*self.0, &*other.0)
    }
}
