//! What can go wrong between the widget and a gateway.

use cti::o2g::{DecodeError, ErrorType, RestErrorInfo};

/// A failed exchange with the gateway.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The gateway answered with an O2G error (RestErrorInfo): it understood and said no.
    #[error("{}", .info.user_message())]
    Rejected {
        /// HTTP status of the answer.
        status: u16,
        /// The gateway's explanation (boxed: it is large, and errors travel in `Result`s).
        info: Box<RestErrorInfo>,
    },
    /// The gateway could not be reached (network down, wrong URL, CORS refusal).
    #[error("Cannot reach the gateway at {url}.")]
    Unreachable {
        /// The URL we tried.
        url: String,
    },
    /// The gateway answered something that is not O2G: the gateway misbehaved.
    #[error("The gateway sent an unexpected answer ({status}): {detail}")]
    Protocol {
        /// HTTP status of the answer.
        status: u16,
        /// What was wrong with it.
        detail: String,
    },
    /// The backend refused, in its own words (a protocol whose errors are not O2G's).
    #[error("{0}")]
    Refused(String),
    /// The gateway offers a backend this widget has no driver for.
    #[error("This widget cannot speak the {0} protocol.")]
    UnsupportedBackend(String),
    /// The address typed in the sign-in form is not an http(s) URL: our caller's mistake.
    #[error("The gateway address must start with http:// or https://.")]
    BadGatewayUrl,
}

impl ApiError {
    /// The gateway says this session is gone: the user must sign in again.
    pub fn is_invalid_session(&self) -> bool {
        matches!(self, ApiError::Rejected { info, .. } if info.kind() == ErrorType::InvalidSession)
    }

    /// Builds the error for a non-success answer, decoding RestErrorInfo when there is one.
    pub fn from_answer(status: u16, body: &[u8]) -> ApiError {
        match crate::transport::decode::<RestErrorInfo>("RestErrorInfo", body) {
            Ok(info)
                if info.code.is_some()
                    || info.error_type.is_some()
                    || info.help_message.is_some() =>
            {
                ApiError::Rejected {
                    status,
                    info: Box::new(info),
                }
            }
            Ok(_) | Err(_) => ApiError::Protocol {
                status,
                detail: summarize(body),
            },
        }
    }

    /// Builds the error for a success answer whose body we cannot read.
    pub fn from_decode(status: u16, error: DecodeError) -> ApiError {
        ApiError::Protocol {
            status,
            detail: error.to_string(),
        }
    }
}

/// The first line of a body, short enough for a message.
fn summarize(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("empty body");
    line.chars().take(120).collect()
}
