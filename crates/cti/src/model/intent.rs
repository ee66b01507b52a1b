//! What an agent asks for, and why the core may refuse it before anything reaches the wire.

use super::call::CallRef;

/// Recording controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordingControl {
    /// Start recording.
    Start,
    /// Stop recording.
    Stop,
    /// Pause recording.
    Pause,
    /// Resume a paused recording.
    Resume,
}

/// Something the agent wants done, in contact-centre terms. Each vendor's request builder
/// turns it into that vendor's request, or refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Intent {
    /// Call a number.
    MakeCall {
        /// The number to call.
        to: String,
    },
    /// Answer a ringing call.
    Answer {
        /// The ringing call.
        call: CallRef,
    },
    /// Hang up: end a two-party call, leave a conference.
    HangUp {
        /// The call to hang up.
        call: CallRef,
    },
    /// Put a call on hold.
    Hold {
        /// The active call.
        call: CallRef,
    },
    /// Take a held call back.
    Retrieve {
        /// The held call.
        call: CallRef,
    },
    /// Swap the active and the held call.
    Alternate {
        /// The held call, to become active.
        held: CallRef,
    },
    /// Call someone while the current call waits on hold.
    Consult {
        /// The active call that will wait.
        call: CallRef,
        /// The number to consult.
        to: String,
    },
    /// End the consultation and go back to the held call.
    CancelConsult {
        /// The held call to go back to.
        held: CallRef,
        /// The consultation call to end.
        consult: CallRef,
    },
    /// Connect the held party with the active one and leave.
    Transfer {
        /// The active (consultation) call.
        active: CallRef,
        /// The held call.
        held: CallRef,
    },
    /// Transfer a call to a number without consulting first.
    BlindTransfer {
        /// The call to transfer.
        call: CallRef,
        /// The destination number.
        to: String,
    },
    /// Join the active and the held call into a conference.
    Merge {
        /// The active call.
        active: CallRef,
        /// The held call.
        held: CallRef,
    },
    /// Deflect a ringing call to another number.
    Redirect {
        /// The ringing call.
        call: CallRef,
        /// The destination number.
        to: String,
    },
    /// Send DTMF tones in a call.
    SendDtmf {
        /// The active call.
        call: CallRef,
        /// The tones: digits, `*`, `#`, `A`-`D`.
        digits: String,
    },
    /// Control the recording of a call.
    Record {
        /// The call.
        call: CallRef,
        /// What to do with its recording.
        control: RecordingControl,
    },
    /// Become ready for the next call.
    GoReady,
    /// Take a pause.
    Pause,
    /// Withdraw from distribution for a reason.
    Withdraw {
        /// The reason's index in the group's list (1-based).
        reason: u32,
    },
    /// Enter wrap-up.
    WrapUp,
    /// Log on to a contact-centre device, in a group or not.
    LogOn {
        /// The device to log on to.
        pro_acd: String,
        /// The processing group, when the configuration asks for one.
        group: Option<String>,
    },
    /// Log off.
    LogOff,
    /// Enter a processing group (already logged on).
    EnterGroup {
        /// The group.
        group: String,
    },
    /// Leave a processing group.
    ExitGroup {
        /// The group; `None` leaves the current one.
        group: Option<String>,
    },
    /// Activate skills.
    ActivateSkills {
        /// The skill numbers.
        skills: Vec<u32>,
    },
    /// Deactivate skills.
    DeactivateSkills {
        /// The skill numbers.
        skills: Vec<u32>,
    },
    /// Ask the supervisor for help.
    RequestHelp,
    /// Withdraw the request for help.
    CancelHelp,
    /// Fetch the telephony state (calls, device capabilities).
    FetchTelephonyState,
    /// Ask the gateway to push the telephony state as an event.
    RequestTelephonySnapshot,
    /// Fetch the agent state.
    FetchAgentState,
    /// Ask the gateway to push the agent state as an event.
    RequestAgentSnapshot,
    /// Fetch the agent configuration (groups, skills, pro-ACD device).
    FetchAgentConfig,
    /// Fetch the withdraw reasons of a group (the current one when `None`).
    FetchWithdrawReasons {
        /// The group.
        group: Option<String>,
    },
}

/// Why an intent was refused before reaching the gateway: the caller asked for something the
/// current state does not allow. Never a gateway failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The call is not (or no longer) one of the user's calls.
    #[error("there is no call {call}")]
    NoSuchCall {
        /// The reference given.
        call: CallRef,
    },
    /// The gateway's capabilities for the call or device do not allow it now.
    #[error("the gateway does not allow to {what} now")]
    NotAllowedByCapabilities {
        /// What was asked, in words, e.g. `"answer"`.
        what: &'static str,
    },
    /// The call is not in the state the operation needs (e.g. transfer needs one held call).
    #[error("call {call} must be {expected} to {what}")]
    WrongCallState {
        /// The call at fault.
        call: CallRef,
        /// The state it needs, in words.
        expected: &'static str,
        /// What was asked.
        what: &'static str,
    },
    /// The operation needs another call in the right state (e.g. alternate needs an active
    /// call besides the held one).
    #[error("{what} needs another call")]
    MissingCounterpart {
        /// What was asked.
        what: &'static str,
    },
    /// The two calls of a two-call operation are the same call.
    #[error("{what} needs two different calls")]
    SameCall {
        /// What was asked.
        what: &'static str,
    },
    /// Contact-centre operations need the agent to be logged on.
    #[error("the agent is not logged on")]
    AgentNotLoggedOn,
    /// The agent or call is already where the intent would take it.
    #[error("already {state}")]
    AlreadyInState {
        /// The state, in words.
        state: &'static str,
    },
    /// The number is empty or holds characters no telephone number has.
    #[error("{number:?} is not a valid number")]
    InvalidNumber {
        /// The number given.
        number: String,
    },
    /// The DTMF string is empty or holds characters that are not tones.
    #[error("{digits:?} are not DTMF tones")]
    InvalidDigits {
        /// The tones given.
        digits: String,
    },
    /// An argument is missing or out of range.
    #[error("invalid {what}")]
    InvalidArgument {
        /// Which argument.
        what: &'static str,
    },
    /// No device is known to place the call from (not logged on and none configured).
    #[error("no device to use")]
    NoDevice,
    /// No supervisor help request is pending.
    #[error("no help request is pending")]
    NoHelpPending,
}

/// Whether `number` can be dialled: the O2G phone-number pattern (`[+]?[0-9A-D*#() ]{1,49}`,
/// spec L405), which is also a fair bound for every other vendor.
pub fn is_dialable(number: &str) -> bool {
    let digits = number.strip_prefix('+').unwrap_or(number);
    !digits.trim().is_empty()
        && digits.chars().count() <= 49
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'A'..='D' | '*' | '#' | '(' | ')' | ' '))
}

/// Whether `digits` are DTMF tones.
pub fn is_dtmf(digits: &str) -> bool {
    !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'A'..='D' | '*' | '#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_spec_pattern() {
        assert!(is_dialable("60114"));
        assert!(is_dialable("+33 (1) 23 45"));
        assert!(is_dialable("*21#"));
        assert!(!is_dialable(""));
        assert!(!is_dialable("+"));
        assert!(!is_dialable("   "));
        assert!(!is_dialable("call me"));
        assert!(!is_dialable(&"1".repeat(50)));
        assert!(is_dtmf("12*#AD"));
        assert!(!is_dtmf(""));
        assert!(!is_dtmf("1 2"));
    }
}
