//! Intents as connector commands.

use crate::model::{Intent, IntentKind, Refusal};

use crate::finesse::command::Command;

/// The intents the connector can carry out: its base commands, plus `TransferCall` for a
/// blind transfer. Consultation, merge, wrap-up, groups, skills, help, routing, history,
/// DTMF, recording and the directory search have no command (docs/decisions.md).
pub const SUPPORTED: [IntentKind; 11] = [
    IntentKind::MakeCall,
    IntentKind::Answer,
    IntentKind::HangUp,
    IntentKind::Hold,
    IntentKind::Retrieve,
    IntentKind::BlindTransfer,
    IntentKind::GoReady,
    IntentKind::Pause,
    IntentKind::Withdraw,
    IntentKind::LogOn,
    IntentKind::LogOff,
];

/// The command for an intent the guard allowed; `password` is the agent's, for `Login`.
pub fn command_for(intent: &Intent, password: &str) -> Result<Command, Refusal> {
    let dialog = |call: &crate::model::CallRef| call.as_str().to_owned();
    Ok(match intent {
        Intent::LogOn { device, .. } => Command::Login {
            password: password.to_owned(),
            extension: device.trim().to_owned(),
        },
        Intent::LogOff => Command::Logout {
            reason_code: String::new(),
        },
        Intent::GoReady => Command::MakeReady,
        Intent::Pause => Command::MakeNotReady,
        Intent::Withdraw { reason } => Command::MakeNotReadyWithReason {
            reason_code: reason.as_str().to_owned(),
        },
        Intent::MakeCall { to } => Command::MakeCall {
            number: to.trim().to_owned(),
            from_extension: None,
        },
        Intent::Answer { call } => Command::AnswerCall {
            dialog_id: dialog(call),
        },
        Intent::HangUp { call } => Command::ReleaseCall {
            dialog_id: dialog(call),
        },
        Intent::Hold { call } => Command::HoldCall {
            dialog_id: dialog(call),
        },
        Intent::Retrieve { call } => Command::RetrieveCall {
            dialog_id: dialog(call),
        },
        Intent::BlindTransfer { call, to } => Command::TransferCall {
            extension: to.trim().to_owned(),
            dialog_id: dialog(call),
        },
        other => {
            return Err(Refusal::NotSupported {
                what: other.kind().describe(),
            })
        }
    })
}
