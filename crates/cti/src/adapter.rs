//! The seam between the neutral core and one vendor's protocol.
//!
//! An [`Adapter`] is sans-IO like the rest of the crate: bytes in with `now`, neutral
//! [`Update`]s, [`Transmit`]s and intent outcomes out through [`Adapter::poll_output`]. It
//! reads the desk (to pick a device, to notice a group change) but never writes it: the
//! [`crate::session::Session`] applies its updates to the [`crate::machine::Machine`].

use crate::machine::{Machine, Update, Warning};
use crate::model::{Capabilities, Desk, Instant, Intent, Refusal};
use crate::transmit::{Transmit, TransmitId};

/// Names one intent the host sent, so that its outcome can be matched to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IntentId(pub u64);

/// Why an intent that left the desk was not carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// The backend answered with an error (its message).
    Rejected(String),
    /// The backend could not be reached.
    Unreachable(String),
}

/// An answer to an HTTP transmit, as the host received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer<'a> {
    /// The backend answered with this status and body.
    Response {
        /// The HTTP status.
        status: u16,
        /// The body.
        body: &'a [u8],
    },
    /// Nothing came back: the network or the backend is down.
    Unreachable {
        /// What the host saw, for the agent.
        message: &'a str,
    },
}

/// What an adapter hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AdapterOutput {
    /// A change to the desk.
    Update(Update),
    /// Something to send.
    Transmit(Transmit),
    /// An intent was carried out, or not.
    Outcome {
        /// The intent.
        intent: IntentId,
        /// `Ok` once the backend accepted it.
        result: Result<(), Failure>,
    },
    /// The backend misbehaved and the adapter tolerated it.
    Warning(Warning),
    /// The backend says the session is gone: the host should sign in again.
    SessionLost,
}

/// One vendor's protocol, sans-IO.
pub trait Adapter {
    /// The intents this backend can carry out at all.
    fn capabilities(&self) -> Capabilities;

    /// Encodes an intent the guard allowed, as transmits; its outcome comes later, exactly once
    /// (a protocol whose commands get no answer reports `Ok` once the frame is queued): the
    /// session refuses the same intent again until then. `Err` when
    /// the vendor's own rules refuse an argument the neutral guard accepted. The machine is
    /// read for the desk and the user's own device.
    fn send(
        &mut self,
        now: Instant,
        machine: &Machine,
        id: IntentId,
        intent: Intent,
    ) -> Result<(), Refusal>;

    /// Bytes from the backend's event channel or socket (one message or a fragment).
    fn handle_received(&mut self, now: Instant, desk: &Desk, bytes: &[u8]);

    /// The answer to one of this adapter's HTTP transmits.
    fn handle_answer(&mut self, now: Instant, desk: &Desk, id: TransmitId, answer: Answer<'_>);

    /// The channel (re)opened: reload what events may have missed.
    fn resync(&mut self, now: Instant, desk: &Desk);

    /// When [`Adapter::handle_timeout`] should next be called, if a timer runs.
    fn poll_timeout(&self) -> Option<Instant> {
        None
    }

    /// Lets the adapter's timers fire.
    fn handle_timeout(&mut self, now: Instant, desk: &Desk) {
        let _ = (now, desk);
    }

    /// The next output, oldest first.
    fn poll_output(&mut self) -> Option<AdapterOutput>;
}

impl<A: Adapter + ?Sized> Adapter for Box<A> {
    fn capabilities(&self) -> Capabilities {
        (**self).capabilities()
    }

    fn send(
        &mut self,
        now: Instant,
        machine: &Machine,
        id: IntentId,
        intent: Intent,
    ) -> Result<(), Refusal> {
        (**self).send(now, machine, id, intent)
    }

    fn handle_received(&mut self, now: Instant, desk: &Desk, bytes: &[u8]) {
        (**self).handle_received(now, desk, bytes);
    }

    fn handle_answer(&mut self, now: Instant, desk: &Desk, id: TransmitId, answer: Answer<'_>) {
        (**self).handle_answer(now, desk, id, answer);
    }

    fn resync(&mut self, now: Instant, desk: &Desk) {
        (**self).resync(now, desk);
    }

    fn poll_timeout(&self) -> Option<Instant> {
        (**self).poll_timeout()
    }

    fn handle_timeout(&mut self, now: Instant, desk: &Desk) {
        (**self).handle_timeout(now, desk);
    }

    fn poll_output(&mut self) -> Option<AdapterOutput> {
        (**self).poll_output()
    }
}
