//! A host's command turned into the Machine's [`Intent`]: which call "answer" means, which
//! withdraw reason "Lunch" is. The Machine then accepts or refuses the intent as it would a
//! click, so the host can do exactly what the agent's buttons can.

use super::protocol::{Command, ErrorCode};
use crate::model::intent::normalize_number;
use crate::model::{CallRef, CallState, Desk, Intent, Reason, ReasonId};

/// Why a command has no intent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// No call fits the command (and none was named).
    #[error("{0}")]
    NoCall(&'static str),
    /// `dial` got something that is not a phone number.
    #[error("`{0}` is not a number to dial (digits, a leading +, * and # only)")]
    BadNumber(String),
    /// `setPause` named a reason the group does not have.
    #[error("no withdraw reason `{reason}`; the group has: {known}")]
    UnknownReason {
        /// The reason asked for.
        reason: String,
        /// The group's reasons, for the message.
        known: String,
    },
}

impl CommandError {
    /// The result's error code.
    pub fn code(&self) -> ErrorCode {
        match self {
            CommandError::NoCall(_) => ErrorCode::Refused,
            CommandError::BadNumber(_) => ErrorCode::BadMessage,
            CommandError::UnknownReason { .. } => ErrorCode::UnknownReason,
        }
    }
}

/// The intent for `command` on `desk`; `reasons` are the current group's withdraw reasons.
/// `getState` has none (`Ok(None)`): it is answered from the desk.
pub fn command_intent(
    desk: &Desk,
    reasons: &[Reason],
    command: &Command,
) -> Result<Option<Intent>, CommandError> {
    let pick = |named: &Option<CallRef>, states: &[CallState], none: &'static str| match named {
        Some(call) => Ok(call.clone()),
        None => states
            .iter()
            .find_map(|state| desk.calls().iter().find(|c| c.state == *state))
            .map(|c| c.reference.clone())
            .ok_or(CommandError::NoCall(none)),
    };
    let intent = match command {
        Command::Dial { number } => Intent::MakeCall {
            to: dial_string(number)?,
        },
        Command::Answer { call } => Intent::Answer {
            call: pick(call, &[CallState::RingingIn], "no ringing call to answer")?,
        },
        Command::HangUp { call } => {
            let only = match desk.calls() {
                [only] => Some(only.reference.clone()),
                _ => None,
            };
            let call = match (call, only) {
                (Some(named), _) => named.clone(),
                (None, only) => pick(call, &[CallState::Active], "").ok().or(only).ok_or(
                    CommandError::NoCall("no active call to hang up (name one with callRef)"),
                )?,
            };
            Intent::HangUp { call }
        }
        Command::Hold { call } => Intent::Hold {
            call: pick(call, &[CallState::Active], "no active call to hold")?,
        },
        Command::Retrieve { call } => Intent::Retrieve {
            call: pick(call, &[CallState::Held], "no held call to retrieve")?,
        },
        Command::SetReady => Intent::GoReady,
        Command::SetPause { reason: None } => Intent::Pause,
        Command::SetPause {
            reason: Some(reason),
        } => Intent::Withdraw {
            reason: withdraw_reason(reasons, reason)?,
        },
        Command::GetState => return Ok(None),
    };
    Ok(Some(intent))
}

/// A number as dialled: visual separators dropped; only digits, a leading `+`, `*` and `#`
/// ([`normalize_number`]).
pub fn dial_string(number: &str) -> Result<String, CommandError> {
    normalize_number(number).map_err(|_| CommandError::BadNumber(number.to_owned()))
}

/// A reason by label (case-insensitive) or by 1-based index.
fn withdraw_reason(reasons: &[Reason], reason: &str) -> Result<ReasonId, CommandError> {
    let wanted = reason.trim();
    let by_label = reasons
        .iter()
        .find(|r| r.label.trim().eq_ignore_ascii_case(wanted));
    let by_id = || {
        if reasons.is_empty() {
            // Nothing to check against: any positive index is the backend's to judge.
            wanted
                .parse::<u32>()
                .ok()
                .filter(|i| *i >= 1)
                .map(|_| ReasonId::new(wanted))
        } else {
            reasons
                .iter()
                .find(|r| r.id.as_str() == wanted)
                .map(|r| r.id.clone())
        }
    };
    by_label
        .map(|r| r.id.clone())
        .or_else(by_id)
        .ok_or_else(|| CommandError::UnknownReason {
            reason: reason.to_owned(),
            known: if reasons.is_empty() {
                "none (not in a group?)".to_owned()
            } else {
                reasons
                    .iter()
                    .map(|r| format!("{} {}", r.id, r.label))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons() -> Vec<Reason> {
        vec![
            Reason {
                id: ReasonId::new("1"),
                label: "Lunch".into(),
            },
            Reason {
                id: ReasonId::new("2"),
                label: "Training".into(),
            },
        ]
    }

    fn id(id: &str) -> Result<ReasonId, CommandError> {
        Ok(ReasonId::new(id))
    }

    #[test]
    fn numbers_lose_their_separators_and_nothing_else() {
        assert_eq!(
            dial_string(" +33 (1) 23.45-67 89 ").as_deref(),
            Ok("+33123456789")
        );
        assert_eq!(dial_string("*70#").as_deref(), Ok("*70#"));
        for bad in ["", "+", "abc", "12a", "70121; rm", "1+2"] {
            assert!(dial_string(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reasons_match_by_label_or_index() {
        assert_eq!(withdraw_reason(&reasons(), "lunch"), id("1"));
        assert_eq!(withdraw_reason(&reasons(), "2"), id("2"));
        let unknown = withdraw_reason(&reasons(), "Nap").expect_err("unknown");
        assert_eq!(unknown.code(), ErrorCode::UnknownReason);
        assert!(unknown.to_string().contains("1 Lunch, 2 Training"));
        assert!(withdraw_reason(&reasons(), "3").is_err());
        assert!(withdraw_reason(&reasons(), "0").is_err());
        // Without the group's list (not loaded yet), an index goes to the gateway as is.
        assert_eq!(withdraw_reason(&[], "3"), id("3"));
        assert!(withdraw_reason(&[], "Lunch").is_err());
    }
}
