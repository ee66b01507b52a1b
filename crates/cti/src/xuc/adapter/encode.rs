//! Intents as XuC commands. XuC's phone commands act on "the current call" or on a channel
//! (`uniqueId`, our call reference); agent commands name the agent (`agentid`), or omit it for
//! the user's own agent.

use crate::machine::guard::dialable;
use crate::model::{Intent, RecordingControl, Refusal};
use crate::xuc::command::{AgentTarget, CallTarget, Command};
use crate::xuc::wire::Id;

/// The commands that carry out `intent` (one, or one per DTMF key), or why XuC cannot.
/// `agent` is the user's agent id when known (absent from the commands otherwise).
pub fn commands_for(agent: Option<Id>, intent: Intent) -> Result<Vec<Command>, Refusal> {
    let agent_id = agent;
    let target = AgentTarget::new(agent);
    let one = |command: Command| Ok(vec![command]);
    match intent {
        Intent::MakeCall { to } => one(Command::Dial {
            destination: dialable(&to)?,
            variables: None,
        }),
        Intent::Answer { call } => one(Command::Answer(CallTarget::call(call.as_str()))),
        Intent::HangUp { call } => one(Command::Hangup(CallTarget::call(call.as_str()))),
        // XuC's hold is a toggle: the same command takes a held call back.
        Intent::Hold { call } | Intent::Retrieve { call } => {
            one(Command::Hold(CallTarget::call(call.as_str())))
        }
        Intent::Consult { to, .. } => one(Command::AttendedTransfer {
            destination: dialable(&to)?,
            device: None,
        }),
        Intent::CancelConsult { .. } => one(Command::CancelTransfer),
        Intent::Transfer { .. } => one(Command::CompleteTransfer),
        Intent::BlindTransfer { to, .. } => one(Command::DirectTransfer {
            destination: dialable(&to)?,
        }),
        Intent::Merge { .. } => one(Command::Conference),
        Intent::SendDtmf { digits, .. } => Ok(digits
            .chars()
            .map(|key| Command::SendDtmf {
                key: key.to_string(),
            })
            .collect()),
        Intent::Record { control, .. } => match control {
            RecordingControl::Pause => one(Command::MonitorPause(target)),
            RecordingControl::Resume => one(Command::MonitorUnpause(target)),
            RecordingControl::Start | RecordingControl::Stop => Err(Refusal::NotSupported {
                what: "start or stop recording (XuC only pauses and resumes it)",
            }),
        },
        Intent::GoReady => one(Command::UnpauseAgent(target)),
        Intent::Pause => one(Command::PauseAgent {
            agent_id,
            reason: None,
        }),
        Intent::Withdraw { reason } => one(Command::PauseAgent {
            agent_id,
            reason: Some(reason.as_str().to_owned()),
        }),
        // XuC logs an agent on a line; the group is the agent's configuration, not a choice.
        Intent::LogOn { device, .. } => one(Command::AgentLogin {
            phone_number: dialable(&device)?,
            agent_id,
        }),
        Intent::LogOff => one(Command::AgentLogout(target)),
        other => Err(Refusal::NotSupported {
            what: other.kind().describe(),
        }),
    }
}
