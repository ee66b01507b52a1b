//! What a user asks of the world, what the world answers, and why it refuses.

use super::model::{Forward, HistoryFilter, IntrusionChange, RecordingAction, Supervision};

/// Why the world refuses a command; each front renders it in its own error shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorldError {
    /// The current state of the user or call does not allow it.
    #[error("{0}")]
    NotExpected(String),
    /// A value of the command is not acceptable.
    #[error("{0}")]
    BadParameter(String),
    /// No such call, leg, participant, record, pilot or group.
    #[error("{0}")]
    NotFound(String),
    /// The user may not do this (not its device, not an agent, not a supervisor).
    #[error("{0}")]
    NotAllowed(String),
}

/// One change a user asks of the world. Reads are not commands: fronts read the world
/// directly ([`super::World::centre`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Command {
    /// Calls `callee` from `device`.
    MakeCall {
        /// Calling device.
        device: String,
        /// Called number.
        callee: String,
    },
    /// Answers `call` ringing on `device`.
    Answer {
        /// Call.
        call: String,
        /// Device answering.
        device: String,
    },
    /// Answers whatever rings on one of the user's devices (`device`, if given).
    AnswerRinging {
        /// Device, if given.
        device: Option<String>,
    },
    /// Leaves the user's current (not held) call.
    DropCurrent,
    /// Holds `call` on `device`.
    Hold {
        /// Call.
        call: String,
        /// Device.
        device: String,
    },
    /// Takes `call` back from hold on `device`.
    Retrieve {
        /// Call.
        call: String,
        /// Device.
        device: String,
    },
    /// Swaps the active call of `device` with `held`.
    Alternate {
        /// The held call.
        held: String,
        /// Device.
        device: String,
    },
    /// Ends `enquiry` and takes `held` back.
    Reconnect {
        /// The held call to take back.
        held: String,
        /// Device.
        device: String,
        /// The enquiry call to end.
        enquiry: String,
    },
    /// Joins the parties of `active` and `held` and leaves.
    Transfer {
        /// The active call.
        active: String,
        /// The held call.
        held: String,
    },
    /// Joins `active` and `held` in a conference.
    Merge {
        /// The active call.
        active: String,
        /// The held call.
        held: String,
    },
    /// Sends the other party of `call` to `to`, and leaves.
    BlindTransfer {
        /// Call.
        call: String,
        /// Destination.
        to: String,
    },
    /// Sends ringing `call` to `to` (a number or `VOICEMAIL`).
    Redirect {
        /// Ringing call.
        call: String,
        /// Destination or `VOICEMAIL`.
        to: String,
    },
    /// Leaves `call`.
    DropMe {
        /// Call.
        call: String,
    },
    /// Releases every party of `call`.
    Release {
        /// Call.
        call: String,
    },
    /// Sends DTMF digits in `call`.
    SendDtmf {
        /// Call.
        call: String,
        /// Device.
        device: String,
        /// Digits.
        digits: String,
    },
    /// Starts, stops, pauses or resumes the recording of `call`.
    Recording {
        /// Call.
        call: String,
        /// Action.
        action: RecordingAction,
    },
    /// Activates (`active`) or deactivates the agent's `skills`.
    SetSkills {
        /// Skill numbers.
        skills: Vec<i32>,
        /// Activate rather than deactivate.
        active: bool,
    },
    /// Logs the agent on `device`, in `group` if given: paused, or `ready` at once.
    LogOn {
        /// Pro-ACD device.
        device: String,
        /// Processing group.
        group: Option<String>,
        /// Ready for ACD calls at once (in a group), rather than paused.
        ready: bool,
        /// Hot-desking (XuC's rule): any agent's pro-ACD set, not only the agent's own, and
        /// whoever is logged on it is logged off first.
        take_over: bool,
    },
    /// Logs the agent off.
    LogOff,
    /// Enters a processing group.
    EnterGroup(Option<String>),
    /// Leaves a processing group (none: logs off).
    ExitGroup(Option<String>),
    /// Ready for ACD calls.
    Ready,
    /// Pause.
    Pause,
    /// Wrap-up.
    WrapUp,
    /// Withdraws for the group's reason of this number (1-based).
    Withdraw(Option<i32>),
    /// The user's last session ended without logging off: an agent stops taking ACD calls
    /// (PAUSE) but stays logged on; its call in progress goes on.
    SessionEnded,
    /// Asks the group's supervisor for help.
    RequestHelp,
    /// Cancels a help request (agent) or rejects one (supervisor, naming the agent).
    CancelHelp(Option<String>),
    /// A supervisor joins the active call of agent number `agent`; `None` is a mode the
    /// front could not name, refused once the supervisor may intrude.
    Intrude {
        /// The agent intruded on.
        agent: String,
        /// How.
        mode: Option<Supervision>,
    },
    /// Changes or stops the supervisor's intrusion.
    ChangeIntrusion(IntrusionChange),
    /// A supervisor listens to agent number `agent` permanently.
    StartListening(String),
    /// Stops permanent listening.
    StopListening,
    /// Sets the queue membership of agent `agent` (a login: the user's own, or any agent's
    /// for a supervisor) for pilot `pilot`: a penalty, or `None` to leave the queue.
    SetMembership {
        /// The agent's login.
        agent: String,
        /// The pilot.
        pilot: String,
        /// Its penalty (lowest first), or not a member.
        penalty: Option<u32>,
    },
    /// Takes the open callback request `uuid` (an agent of its pilot's group).
    TakeCallback(String),
    /// Gives back a callback request the agent took.
    ReleaseCallback(String),
    /// Calls `number` back for the request `uuid` the agent took: a call from its line.
    StartCallback {
        /// The request.
        uuid: String,
        /// The number to call.
        number: String,
    },
    /// Closes the request of ticket `ticket` (or the request of that id, taken by the agent):
    /// done.
    CloseCallback(String),
    /// Gives the request of ticket `ticket` back to its list, to call again on `due_date`
    /// (kept when `None`) in `period` (kept when `None`).
    RescheduleCallback {
        /// The ticket.
        ticket: String,
        /// The new day.
        due_date: Option<String>,
        /// The new period's name.
        period: Option<String>,
    },
    /// An agent's after-call work on a call it takes or took part in: the CCD transaction
    /// code and notes, kept with its history entry of the call.
    SendAccountInfo {
        /// The call's reference.
        call: String,
        /// The transaction code (digits).
        code: String,
        /// The agent's notes.
        notes: Option<String>,
    },
    /// Deletes history entries.
    DeleteHistory(HistoryFilter),
    /// Acknowledges (or un-acknowledges) history entries.
    AcknowledgeHistory {
        /// Entries.
        ids: Vec<i64>,
        /// Acknowledge (true) or unacknowledge.
        ack: bool,
    },
    /// Do not disturb on or off.
    SetDnd(bool),
    /// Sets the forward.
    SetForward(Forward),
    /// Cancels the forward.
    CancelForward,
}

impl Command {
    /// Commands of the ACD (agents and supervisors).
    pub(super) fn is_agent(&self) -> bool {
        matches!(
            self,
            Command::SetSkills { .. }
                | Command::LogOn { .. }
                | Command::LogOff
                | Command::EnterGroup(_)
                | Command::ExitGroup(_)
                | Command::Ready
                | Command::Pause
                | Command::WrapUp
                | Command::Withdraw(_)
                | Command::SessionEnded
                | Command::RequestHelp
                | Command::CancelHelp(_)
                | Command::Intrude { .. }
                | Command::ChangeIntrusion(_)
                | Command::StartListening(_)
                | Command::StopListening
                | Command::SetMembership { .. }
        )
    }

    /// Callback commands.
    pub(super) fn is_callback(&self) -> bool {
        matches!(
            self,
            Command::TakeCallback(_)
                | Command::ReleaseCallback(_)
                | Command::StartCallback { .. }
                | Command::CloseCallback(_)
                | Command::RescheduleCallback { .. }
        )
    }

    /// History and routing commands.
    pub(super) fn is_service(&self) -> bool {
        matches!(
            self,
            Command::DeleteHistory(_)
                | Command::SendAccountInfo { .. }
                | Command::AcknowledgeHistory { .. }
                | Command::SetDnd(_)
                | Command::SetForward(_)
                | Command::CancelForward
        )
    }
}

/// What the world answers to a command it carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Acted {
    /// Done, nothing to say.
    Done,
    /// A call was created: its reference.
    CallMade(String),
    /// A call back started: its ticket and its call's reference.
    CallbackStarted {
        /// The ticket.
        ticket: String,
        /// The call.
        call: String,
    },
}
