//! What the machine tells its host: normalized changes for the UI, and the gateway's
//! misbehaviours it tolerated.

use bounded::BoundedQueue;
use core::time::Duration;

use crate::model::{AcdData, AfterCallRecord, AgentStatus, CallRef, Cause, Party, ScreenPop};

/// A change the UI (or the host page, e.g. for a screen pop) should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notification {
    /// An incoming call rings.
    CallRinging {
        /// The call.
        call: CallRef,
        /// Who calls, as presented.
        caller: Party,
        /// Queue data, for a call distributed by the contact centre.
        acd: Option<AcdData>,
    },
    /// We are placing a call.
    CallDialing {
        /// The call.
        call: CallRef,
        /// Who we call, when known.
        callee: Party,
    },
    /// A call was answered (by us or the far end) for the first time.
    CallAnswered {
        /// The call.
        call: CallRef,
    },
    /// A call was put on hold.
    CallHeld {
        /// The call.
        call: CallRef,
    },
    /// A held call became active again.
    CallRetrieved {
        /// The call.
        call: CallRef,
    },
    /// Something else changed in a call: parties, capabilities, recording, data.
    CallUpdated {
        /// The call.
        call: CallRef,
    },
    /// The gateway renamed a call (transfer, conference): re-key whatever refers to `old`.
    CallReplaced {
        /// The former reference, now gone.
        old: CallRef,
        /// The reference to use from now on.
        new: CallRef,
    },
    /// A call ended for the user.
    CallEnded {
        /// The call, now gone.
        call: CallRef,
        /// Why, when the gateway said.
        cause: Option<Cause>,
        /// Talk time: from the first answer to the end, zero if never answered.
        duration: Duration,
        /// Whether it was ever answered.
        answered: bool,
    },
    /// The agent's state changed.
    AgentStateChanged {
        /// The state before.
        from: AgentStatus,
        /// The state now.
        to: AgentStatus,
    },
    /// The configured wrap-up time is over (the host may send `GoReady`).
    WrapUpElapsed,
    /// The supervisor was asked for help.
    HelpRequested {
        /// The supervisor's number, when known.
        supervisor: Option<String>,
    },
    /// The help request was cancelled or rejected.
    HelpCancelled,
    /// (Supervisor) an agent asks for help.
    HelpAsked {
        /// The agent's number.
        agent: String,
    },
    /// The agent's skills changed.
    SkillsChanged,
    /// The user's device capabilities changed.
    DevicesChanged,
    /// The whole state was replaced from a snapshot (after a reconnection).
    Resynced,
    /// The backend took the after-call work of a call (disposition and notes).
    AfterCallWorkSaved(AfterCallRecord),
    /// The contact centre popped what it knows of a caller (and a page to open).
    ScreenPop(ScreenPop),
}

/// Something the gateway sent that contradicts what we know or cannot be read. The machine
/// tolerated it (the gateway misbehaved, not the caller); the host may log or count it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A call was modified that we never saw created; it was created from the delta.
    UnknownCallModified {
        /// The call.
        call: CallRef,
    },
    /// A call was removed that we did not know.
    UnknownCallRemoved {
        /// The call.
        call: CallRef,
    },
    /// A call was created twice; the second creation replaced the first's data.
    DuplicateCallCreated {
        /// The call.
        call: CallRef,
    },
    /// A call replaced (`previousCallRef`) a call we did not know.
    UnknownCallReplaced {
        /// The unknown previous reference.
        previous: CallRef,
        /// The call that replaces it.
        call: CallRef,
    },
    /// An agent state we do not know (main state or sub-state), by the gateway's name.
    UnknownAgentState {
        /// The gateway's value.
        raw: String,
    },
    /// A snapshot lacked its content; the state was kept rather than wiped.
    IncompleteSnapshot {
        /// What was missing.
        what: &'static str,
    },
    /// An event could not be decoded; it was skipped.
    UndecodableEvent {
        /// What the decoder said.
        message: String,
    },
    /// A request of the backend's own (a snapshot, a reload) failed or its answer could not
    /// be read; what it would have shown is stale until the next one.
    RequestFailed {
        /// What was asked, by the backend's name for it.
        what: &'static str,
        /// What went wrong, for the agent.
        message: String,
    },
    /// The host did not poll; older outputs were dropped to bound memory.
    OutputsDropped {
        /// How many.
        count: u64,
    },
}

/// Outputs waiting for the host, bounded so that a host that never polls cannot make the
/// core grow without limit.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outputs {
    pub(crate) notifications: BoundedQueue<Notification>,
    pub(crate) warnings: BoundedQueue<Warning>,
    /// Warnings ever raised, polled or not.
    pub(crate) warning_count: u64,
}

impl Outputs {
    pub(crate) fn notify(&mut self, notification: Notification) {
        self.notifications.push(notification);
    }

    pub(crate) fn warn(&mut self, warning: Warning) {
        self.warning_count = self.warning_count.saturating_add(1);
        self.warnings.push(warning);
    }

    /// Turns silently dropped outputs into one warning, when the host polls again.
    pub(crate) fn report_drops(&mut self) {
        let count = self.notifications.take_dropped() + self.warnings.take_dropped();
        if count > 0 {
            self.warn(Warning::OutputsDropped { count });
        }
    }
}

mod bounded {
    use std::collections::VecDeque;

    /// How many outputs of one kind are kept for a host that does not poll.
    const CAPACITY: usize = 4096;

    /// A FIFO that drops its oldest entry when full, counting the drops.
    #[derive(Debug, Clone)]
    pub(crate) struct BoundedQueue<T> {
        items: VecDeque<T>,
        dropped: u64,
    }

    impl<T> Default for BoundedQueue<T> {
        fn default() -> Self {
            BoundedQueue {
                items: VecDeque::new(),
                dropped: 0,
            }
        }
    }

    impl<T> BoundedQueue<T> {
        pub(crate) fn push(&mut self, item: T) {
            if self.items.len() >= CAPACITY {
                self.items.pop_front();
                self.dropped = self.dropped.saturating_add(1);
            }
            self.items.push_back(item);
        }

        pub(crate) fn pop(&mut self) -> Option<T> {
            self.items.pop_front()
        }

        pub(crate) fn take_dropped(&mut self) -> u64 {
            core::mem::take(&mut self.dropped)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_that_does_not_poll_loses_the_oldest_and_is_told_so() {
        let mut out = Outputs::default();
        for _ in 0..4100 {
            out.notify(Notification::Resynced);
        }
        out.report_drops();
        assert_eq!(
            out.warnings.pop(),
            Some(Warning::OutputsDropped { count: 4 })
        );
        assert_eq!(out.warning_count, 1);
        out.report_drops();
        assert_eq!(out.warnings.pop(), None, "reported once");
    }
}
