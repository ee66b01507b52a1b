//! O2G requests sorted into what the world carries out (decoded into its [`Command`]s) and
//! what the O2G front answers itself (reads, snapshots, directory searches).

use cti::o2g::agent::IntrusionMode;
use cti::o2g::routing::{DestinationType, ForwardRoute, ForwardType};
use cti::o2g::telephony::RecordingAction as O2gRecordingAction;

use super::reads::history_filter;
use super::request::SimRequest;
use crate::world::{
    Command, Forward, ForwardTo, ForwardWhen, IntrusionChange, RecordingAction, Supervision,
    WorldError,
};

/// Where a request goes.
pub(super) enum Decoded {
    /// A change of the world.
    Command(Command),
    /// A read, answered from the world's state.
    Read(SimRequest),
    /// A chore of the O2G front (snapshot, directory search).
    Front(SimRequest),
}

/// Sorts `request`; BAD_PARAMETER when its values fit no command. `epoch` (Unix ms of the
/// world's time 0) turns the dates of comlog filters into world time.
pub(super) fn decode(request: SimRequest, epoch: u64) -> Result<Decoded, WorldError> {
    if request.is_read() {
        return Ok(Decoded::Read(request));
    }
    let command = match request {
        SimRequest::MakeCall { device, callee } => Command::MakeCall { device, callee },
        SimRequest::Answer { call, device } => Command::Answer { call, device },
        SimRequest::BasicAnswer { device } => Command::AnswerRinging { device },
        SimRequest::BasicDropMe => Command::DropCurrent,
        SimRequest::Hold { call, device } => Command::Hold { call, device },
        SimRequest::Retrieve { call, device } => Command::Retrieve { call, device },
        SimRequest::Alternate { held, device } => Command::Alternate { held, device },
        SimRequest::Reconnect {
            held,
            device,
            enquiry,
        } => Command::Reconnect {
            held,
            device,
            enquiry,
        },
        SimRequest::Transfer { active, held } => Command::Transfer { active, held },
        SimRequest::Merge { active, held } => Command::Merge { active, held },
        SimRequest::BlindTransfer { call, to } => Command::BlindTransfer { call, to },
        SimRequest::Redirect { call, to } => Command::Redirect { call, to },
        SimRequest::DropMe { call } => Command::DropMe { call },
        SimRequest::Release { call } => Command::Release { call },
        SimRequest::SendDtmf {
            call,
            device,
            digits,
        } => Command::SendDtmf {
            call,
            device,
            digits,
        },
        SimRequest::SendAccountInfo { call, code, notes } => {
            Command::SendAccountInfo { call, code, notes }
        }
        SimRequest::Recording { call, action } => Command::Recording {
            call,
            action: match action {
                O2gRecordingAction::Start => RecordingAction::Start,
                O2gRecordingAction::Stop => RecordingAction::Stop,
                O2gRecordingAction::Pause => RecordingAction::Pause,
                O2gRecordingAction::Resume => RecordingAction::Resume,
            },
        },
        SimRequest::ActivateSkills(skills) => Command::SetSkills {
            skills,
            active: true,
        },
        SimRequest::DeactivateSkills(skills) => Command::SetSkills {
            skills,
            active: false,
        },
        SimRequest::LogOn { device, group } => Command::LogOn {
            device,
            group,
            ready: false,
            take_over: false,
        },
        SimRequest::LogOff => Command::LogOff,
        SimRequest::EnterGroup(group) => Command::EnterGroup(group),
        SimRequest::ExitGroup(group) => Command::ExitGroup(group),
        SimRequest::Ready => Command::Ready,
        SimRequest::Pause => Command::Pause,
        SimRequest::WrapUp => Command::WrapUp,
        SimRequest::Withdraw(reason) => Command::Withdraw(reason),
        SimRequest::RequestHelp => Command::RequestHelp,
        SimRequest::CancelHelp(other) => Command::CancelHelp(other),
        SimRequest::Intrusion { agent, mode } => Command::Intrude {
            agent,
            // No mode is a normal intrusion; STOP is no mode to intrude in.
            mode: match mode.unwrap_or(IntrusionMode::Normal) {
                IntrusionMode::Normal => Some(Supervision::Normal),
                IntrusionMode::Restricted => Some(Supervision::Restricted),
                IntrusionMode::Discrete => Some(Supervision::Discrete),
                IntrusionMode::Stop | IntrusionMode::Unrecognized => None,
            },
        },
        SimRequest::ChangeIntrusion(mode) => Command::ChangeIntrusion(match mode {
            IntrusionMode::Normal => IntrusionChange::To(Supervision::Normal),
            IntrusionMode::Restricted => IntrusionChange::To(Supervision::Restricted),
            IntrusionMode::Discrete => IntrusionChange::To(Supervision::Discrete),
            IntrusionMode::Stop => IntrusionChange::Stop,
            IntrusionMode::Unrecognized => IntrusionChange::Unknown,
        }),
        SimRequest::StartListening(agent) => Command::StartListening(agent),
        SimRequest::StopListening => Command::StopListening,
        SimRequest::DeleteComRecords(filter) => {
            Command::DeleteHistory(history_filter(&filter, epoch))
        }
        SimRequest::AckComRecords { ids, ack } => Command::AcknowledgeHistory { ids, ack },
        SimRequest::SetDnd(on) => Command::SetDnd(on),
        SimRequest::SetForward(route) => Command::SetForward(forward(&route)?),
        SimRequest::CancelForward => Command::CancelForward,
        chore => return Ok(Decoded::Front(chore)),
    };
    Ok(Decoded::Command(command))
}

/// The world's forward of an O2G forward route: one destination, the voicemail or a number.
fn forward(route: &ForwardRoute) -> Result<Forward, WorldError> {
    let Some(destination) = route.destinations.first() else {
        return Err(WorldError::BadParameter("One destination is needed".into()));
    };
    if route.destinations.len() > 1 {
        return Err(WorldError::BadParameter(
            "Only one destination is accepted".into(),
        ));
    }
    let to = match destination.destination_type {
        DestinationType::Voicemail => ForwardTo::Voicemail,
        DestinationType::Number => {
            ForwardTo::Number(destination.number.clone().unwrap_or_default())
        }
        _ => {
            return Err(WorldError::BadParameter(
                "Forward to VOICEMAIL or a NUMBER".into(),
            ))
        }
    };
    let when = match route.forward_type {
        None => ForwardWhen::Always,
        Some(ForwardType::Busy) => ForwardWhen::Busy,
        Some(ForwardType::NoAnswer) => ForwardWhen::NoAnswer,
        Some(ForwardType::BusyNoAnswer) => ForwardWhen::BusyOrNoAnswer,
        Some(ForwardType::Unrecognized) => ForwardWhen::Other,
    };
    Ok(Forward { when, to })
}
