//! What an agent asks for, and why the core may refuse it before anything reaches the wire.

use super::call::CallRef;
use super::profile::ReasonId;
use super::routing::ForwardTarget;
use super::work::CallbackOutcome;
use super::wrap_up::DispositionId;

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

/// Something the agent wants done, in contact-centre terms. The guard
/// (`machine::guard`) says whether the desk allows it; the backend's adapter turns it into
/// that vendor's requests.
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
    /// Drop one party from a conference; the others stay.
    DropParticipant {
        /// The conference.
        call: CallRef,
        /// The participant's id, as the call lists it.
        participant: String,
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
        /// One of the agent's reasons ([`crate::model::Desk::reasons`]).
        reason: ReasonId,
    },
    /// Enter wrap-up.
    WrapUp,
    /// Wrap up longer: the wrap-up time starts again.
    ExtendWrapUp,
    /// Save the after-call work of a call: its disposition and the agent's notes.
    SaveAfterCallWork {
        /// The call, as [`crate::model::Desk::after_call`] names it.
        call: CallRef,
        /// One of the dispositions offered ([`crate::model::Desk::wrap_up_policy`]); needed
        /// when some are offered.
        disposition: Option<DispositionId>,
        /// The agent's notes (may be empty).
        notes: String,
    },
    /// Log on to a contact-centre device, in a group or not.
    LogOn {
        /// The device (extension, set) to log on to.
        device: String,
        /// The group (team, processing group), when the configuration asks for one.
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
    /// (Supervisor) answer an agent's request for help by joining their call.
    AnswerHelp {
        /// The agent asking.
        agent: String,
    },
    /// (Supervisor) refuse an agent's request for help; the agent is told.
    RefuseHelp {
        /// The agent asking.
        agent: String,
    },
    /// Turn do-not-disturb on or off.
    SetDnd {
        /// On.
        on: bool,
    },
    /// Forward calls, or (`None`) stop forwarding.
    SetForward {
        /// Where to.
        to: Option<ForwardTarget>,
    },
    /// Reload the call history.
    RefreshHistory,
    /// Search the directory by name; results arrive in the desk.
    SearchDirectory {
        /// The beginning of a first or last name.
        name: String,
    },
    /// Take a callback request: nobody else works on it while the user holds it.
    TakeCallback {
        /// The request.
        request: String,
    },
    /// Give a callback request back, untouched.
    ReleaseCallback {
        /// The request.
        request: String,
    },
    /// Call the customer of a callback request the user holds.
    StartCallback {
        /// The request.
        request: String,
        /// The number to call (one of the request's).
        number: String,
    },
    /// Close a callback request the user called back, with how it went.
    CloseCallback {
        /// The request.
        request: String,
        /// How it went.
        outcome: CallbackOutcome,
        /// The agent's note.
        comment: String,
    },
    /// Call a customer back again another day: the request goes back to the list.
    RescheduleCallback {
        /// The request.
        request: String,
        /// The day, `YYYY-MM-DD`.
        due: String,
        /// The period's id ([`crate::model::Desk::callback_periods`]).
        period: String,
        /// The agent's note.
        comment: String,
    },
    /// Join a queue, or change the penalty in one (calls go to the lowest penalty first).
    JoinQueue {
        /// The queue's id ([`crate::model::Desk::queues`]).
        queue: String,
        /// The penalty.
        penalty: u32,
    },
    /// Leave a queue.
    LeaveQueue {
        /// The queue's id.
        queue: String,
    },
    /// Read the agent's statistics again.
    RefreshStatistics,
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
    /// The agent is on a distributed call (ringing or handled): its state changes after it.
    #[error("this waits for the end of the call")]
    DuringCall,
    /// The same request is already on its way.
    #[error("already on its way")]
    InProgress,
    /// The user has no contact-centre role: agent operations are not theirs.
    #[error("you are not a contact-centre agent")]
    NotAnAgent,
    /// The agent is not wrapping up.
    #[error("the agent is not wrapping up")]
    NotWrappingUp,
    /// There is no after-call work for this call (saved already, or another call's).
    #[error("there is no after-call work for call {call}")]
    NoAfterCallWork {
        /// The call named.
        call: CallRef,
    },
    /// The callback request is not in the state the operation needs.
    #[error("the callback request must be {expected}")]
    WrongCallbackState {
        /// The state it needs, in words.
        expected: &'static str,
    },
    /// The backend cannot do this at all (its protocol has no such operation).
    #[error("this contact centre cannot {what}")]
    NotSupported {
        /// What was asked, in words.
        what: &'static str,
    },
}

/// An intent without its data: what a backend declares it can carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[repr(u8)]
pub enum IntentKind {
    /// [`Intent::MakeCall`].
    MakeCall,
    /// [`Intent::Answer`].
    Answer,
    /// [`Intent::HangUp`].
    HangUp,
    /// [`Intent::Hold`].
    Hold,
    /// [`Intent::Retrieve`].
    Retrieve,
    /// [`Intent::Alternate`].
    Alternate,
    /// [`Intent::Consult`].
    Consult,
    /// [`Intent::CancelConsult`].
    CancelConsult,
    /// [`Intent::Transfer`].
    Transfer,
    /// [`Intent::BlindTransfer`].
    BlindTransfer,
    /// [`Intent::Merge`].
    Merge,
    /// [`Intent::Redirect`].
    Redirect,
    /// [`Intent::DropParticipant`].
    DropParticipant,
    /// [`Intent::SendDtmf`].
    SendDtmf,
    /// [`Intent::Record`].
    Record,
    /// [`Intent::GoReady`].
    GoReady,
    /// [`Intent::Pause`].
    Pause,
    /// [`Intent::Withdraw`].
    Withdraw,
    /// [`Intent::WrapUp`].
    WrapUp,
    /// [`Intent::LogOn`].
    LogOn,
    /// [`Intent::LogOff`].
    LogOff,
    /// [`Intent::EnterGroup`].
    EnterGroup,
    /// [`Intent::ExitGroup`].
    ExitGroup,
    /// [`Intent::ActivateSkills`] and [`Intent::DeactivateSkills`].
    Skills,
    /// [`Intent::RequestHelp`], [`Intent::CancelHelp`], and a supervisor's
    /// [`Intent::AnswerHelp`] and [`Intent::RefuseHelp`].
    Help,
    /// [`Intent::SetDnd`].
    SetDnd,
    /// [`Intent::SetForward`].
    SetForward,
    /// [`Intent::RefreshHistory`].
    History,
    /// [`Intent::SearchDirectory`].
    Directory,
    /// [`Intent::ExtendWrapUp`].
    ExtendWrapUp,
    /// [`Intent::SaveAfterCallWork`].
    AfterCallWork,
    /// [`Intent::TakeCallback`], [`Intent::ReleaseCallback`], [`Intent::StartCallback`],
    /// [`Intent::CloseCallback`] and [`Intent::RescheduleCallback`].
    Callbacks,
    /// [`Intent::JoinQueue`] and [`Intent::LeaveQueue`].
    Queues,
    /// [`Intent::RefreshStatistics`].
    Statistics,
}

impl IntentKind {
    /// Whether the kind is a contact-centre agent's operation (not a plain user's).
    pub fn is_agent_operation(self) -> bool {
        matches!(
            self,
            IntentKind::GoReady
                | IntentKind::Pause
                | IntentKind::Withdraw
                | IntentKind::WrapUp
                | IntentKind::LogOn
                | IntentKind::LogOff
                | IntentKind::EnterGroup
                | IntentKind::ExitGroup
                | IntentKind::Skills
                | IntentKind::Help
                | IntentKind::ExtendWrapUp
                | IntentKind::AfterCallWork
                | IntentKind::Callbacks
                | IntentKind::Queues
                | IntentKind::Statistics
        )
    }

    /// Every kind, in declaration order.
    pub const ALL: [IntentKind; 34] = [
        IntentKind::MakeCall,
        IntentKind::Answer,
        IntentKind::HangUp,
        IntentKind::Hold,
        IntentKind::Retrieve,
        IntentKind::Alternate,
        IntentKind::Consult,
        IntentKind::CancelConsult,
        IntentKind::Transfer,
        IntentKind::BlindTransfer,
        IntentKind::Merge,
        IntentKind::Redirect,
        IntentKind::DropParticipant,
        IntentKind::SendDtmf,
        IntentKind::Record,
        IntentKind::GoReady,
        IntentKind::Pause,
        IntentKind::Withdraw,
        IntentKind::WrapUp,
        IntentKind::LogOn,
        IntentKind::LogOff,
        IntentKind::EnterGroup,
        IntentKind::ExitGroup,
        IntentKind::Skills,
        IntentKind::Help,
        IntentKind::SetDnd,
        IntentKind::SetForward,
        IntentKind::History,
        IntentKind::Directory,
        IntentKind::ExtendWrapUp,
        IntentKind::AfterCallWork,
        IntentKind::Callbacks,
        IntentKind::Queues,
        IntentKind::Statistics,
    ];

    /// What the kind does, in words, for [`Refusal::NotSupported`].
    pub fn describe(self) -> &'static str {
        match self {
            IntentKind::MakeCall => "make calls",
            IntentKind::Answer => "answer calls",
            IntentKind::HangUp => "hang up",
            IntentKind::Hold => "hold calls",
            IntentKind::Retrieve => "retrieve calls",
            IntentKind::Alternate => "alternate calls",
            IntentKind::Consult => "consult",
            IntentKind::CancelConsult => "cancel a consultation",
            IntentKind::Transfer => "transfer calls",
            IntentKind::BlindTransfer => "transfer calls blindly",
            IntentKind::Merge => "make conferences",
            IntentKind::Redirect => "redirect calls",
            IntentKind::DropParticipant => "drop a party from a conference",
            IntentKind::SendDtmf => "send DTMF",
            IntentKind::Record => "record calls",
            IntentKind::GoReady => "go ready",
            IntentKind::Pause => "pause",
            IntentKind::Withdraw => "withdraw with a reason",
            IntentKind::WrapUp => "enter wrap-up",
            IntentKind::LogOn => "log on",
            IntentKind::LogOff => "log off",
            IntentKind::EnterGroup => "enter a group",
            IntentKind::ExitGroup => "leave a group",
            IntentKind::Skills => "change skills",
            IntentKind::Help => "ask a supervisor for help",
            IntentKind::SetDnd => "set do-not-disturb",
            IntentKind::SetForward => "forward calls",
            IntentKind::History => "show the call history",
            IntentKind::Directory => "search the directory",
            IntentKind::ExtendWrapUp => "extend the wrap-up",
            IntentKind::AfterCallWork => "save after-call work",
            IntentKind::Callbacks => "work on callback requests",
            IntentKind::Queues => "change queue membership",
            IntentKind::Statistics => "show agent statistics",
        }
    }
}

impl Intent {
    /// The intent without its data.
    pub fn kind(&self) -> IntentKind {
        match self {
            Intent::MakeCall { .. } => IntentKind::MakeCall,
            Intent::Answer { .. } => IntentKind::Answer,
            Intent::HangUp { .. } => IntentKind::HangUp,
            Intent::Hold { .. } => IntentKind::Hold,
            Intent::Retrieve { .. } => IntentKind::Retrieve,
            Intent::Alternate { .. } => IntentKind::Alternate,
            Intent::Consult { .. } => IntentKind::Consult,
            Intent::CancelConsult { .. } => IntentKind::CancelConsult,
            Intent::Transfer { .. } => IntentKind::Transfer,
            Intent::BlindTransfer { .. } => IntentKind::BlindTransfer,
            Intent::Merge { .. } => IntentKind::Merge,
            Intent::Redirect { .. } => IntentKind::Redirect,
            Intent::DropParticipant { .. } => IntentKind::DropParticipant,
            Intent::SendDtmf { .. } => IntentKind::SendDtmf,
            Intent::Record { .. } => IntentKind::Record,
            Intent::GoReady => IntentKind::GoReady,
            Intent::Pause => IntentKind::Pause,
            Intent::Withdraw { .. } => IntentKind::Withdraw,
            Intent::WrapUp => IntentKind::WrapUp,
            Intent::LogOn { .. } => IntentKind::LogOn,
            Intent::LogOff => IntentKind::LogOff,
            Intent::EnterGroup { .. } => IntentKind::EnterGroup,
            Intent::ExitGroup { .. } => IntentKind::ExitGroup,
            Intent::ActivateSkills { .. } | Intent::DeactivateSkills { .. } => IntentKind::Skills,
            Intent::RequestHelp
            | Intent::CancelHelp
            | Intent::AnswerHelp { .. }
            | Intent::RefuseHelp { .. } => IntentKind::Help,
            Intent::SetDnd { .. } => IntentKind::SetDnd,
            Intent::SetForward { .. } => IntentKind::SetForward,
            Intent::RefreshHistory => IntentKind::History,
            Intent::SearchDirectory { .. } => IntentKind::Directory,
            Intent::ExtendWrapUp => IntentKind::ExtendWrapUp,
            Intent::SaveAfterCallWork { .. } => IntentKind::AfterCallWork,
            Intent::TakeCallback { .. }
            | Intent::ReleaseCallback { .. }
            | Intent::StartCallback { .. }
            | Intent::CloseCallback { .. }
            | Intent::RescheduleCallback { .. } => IntentKind::Callbacks,
            Intent::JoinQueue { .. } | Intent::LeaveQueue { .. } => IntentKind::Queues,
            Intent::RefreshStatistics => IntentKind::Statistics,
        }
    }
}

/// The kinds of intent a backend can carry out: what its protocol has at all. Whether one is
/// allowed *now* is the guard's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Capabilities(u64);

impl Capabilities {
    /// Every kind.
    pub const ALL: Capabilities = Capabilities(u64::MAX);
    /// No kind.
    pub const NONE: Capabilities = Capabilities(0);

    /// Exactly these kinds.
    pub fn of(kinds: &[IntentKind]) -> Capabilities {
        kinds.iter().fold(Capabilities::NONE, |c, &k| c.with(k))
    }

    /// The same set with `kind`.
    pub const fn with(self, kind: IntentKind) -> Capabilities {
        Capabilities(self.0 | (1 << kind as u8))
    }

    /// The same set without `kind`.
    pub const fn without(self, kind: IntentKind) -> Capabilities {
        Capabilities(self.0 & !(1 << kind as u8))
    }

    /// Whether `kind` is in the set.
    pub const fn supports(self, kind: IntentKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }

    /// `Ok` when `kind` is in the set, else [`Refusal::NotSupported`].
    pub fn check(self, kind: IntentKind) -> Result<(), Refusal> {
        if self.supports(kind) {
            Ok(())
        } else {
            Err(Refusal::NotSupported {
                what: kind.describe(),
            })
        }
    }
}

/// The most characters a number to dial may have once normalized: the O2G phone-number
/// pattern's bound (`[+]?[0-9A-D*#() ]{1,49}`, spec L405), also fair for every other vendor.
pub const MAX_NUMBER_LENGTH: usize = 49;

/// Why a typed number cannot be dialled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberProblem {
    /// Nothing but separators.
    Empty,
    /// A character no telephone number has (a letter, a `+` not in front).
    NotDialable(char),
    /// Longer than [`MAX_NUMBER_LENGTH`].
    TooLong,
}

/// A typed number as dialled: the separators people write (spaces, dots, dashes, slashes,
/// parentheses) dropped; a leading `+`, digits, `*`, `#` and the DTMF letters `A`-`D` kept.
/// `06.12.34.56.03`, `06-12-34-56-03`, `(555) 123-4567` and `+33 6 12 34 56 03` all dial.
pub fn normalize_number(number: &str) -> Result<String, NumberProblem> {
    let kept: String = number
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '/' | '\u{a0}' | '\u{202f}'))
        .collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    if digits.is_empty() {
        return Err(NumberProblem::Empty);
    }
    if let Some(bad) = digits
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, 'A'..='D' | '*' | '#')))
    {
        return Err(NumberProblem::NotDialable(bad));
    }
    if kept.chars().count() > MAX_NUMBER_LENGTH {
        return Err(NumberProblem::TooLong);
    }
    Ok(kept)
}

/// Whether `number` matches the O2G phone-number pattern as is (`[+]?[0-9A-D*#() ]{1,49}`,
/// spec L405): what a gateway accepts on the wire. Typed input goes through
/// [`normalize_number`] first.
pub fn is_dialable(number: &str) -> bool {
    let digits = number.strip_prefix('+').unwrap_or(number);
    !digits.trim().is_empty()
        && digits.chars().count() <= MAX_NUMBER_LENGTH
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
        assert!(is_dialable(&"1".repeat(49)));
        assert!(!is_dialable("06.12"), "the wire pattern has no dots");
    }

    #[test]
    fn written_numbers_are_normalized_for_dialling() {
        for (typed, dialled) in [
            ("06.12.34.56.03", "0612345603"),
            ("06-12-34-56-03", "0612345603"),
            ("(555) 123-4567", "5551234567"),
            ("+33 6 12 34 56 03", "+33612345603"),
            (" 70121 ", "70121"),
            ("01/23\u{a0}45", "012345"),
        ] {
            assert_eq!(normalize_number(typed).as_deref(), Ok(dialled), "{typed}");
        }
        assert_eq!(
            normalize_number("1-800-FLOWERS"),
            Err(NumberProblem::NotDialable('F'))
        );
        assert_eq!(
            normalize_number("1+2"),
            Err(NumberProblem::NotDialable('+'))
        );
        assert_eq!(normalize_number(" - . "), Err(NumberProblem::Empty));
        assert_eq!(
            normalize_number(&"1".repeat(50)),
            Err(NumberProblem::TooLong)
        );
        assert!(is_dtmf("12*#AD"));
        assert!(!is_dtmf(""));
        assert!(!is_dtmf("1 2"));
    }

    #[test]
    fn capabilities_hold_each_kind_apart() {
        let caps = Capabilities::ALL.without(IntentKind::Record);
        assert!(!caps.supports(IntentKind::Record));
        assert!(IntentKind::ALL
            .iter()
            .filter(|&&k| k != IntentKind::Record)
            .all(|&k| caps.supports(k)));
        assert_eq!(
            caps.check(IntentKind::Record),
            Err(Refusal::NotSupported {
                what: "record calls"
            })
        );
        let only = Capabilities::of(&[IntentKind::Answer, IntentKind::HangUp]);
        assert_eq!(
            IntentKind::ALL
                .iter()
                .filter(|&&k| only.supports(k))
                .count(),
            2
        );
    }
}
