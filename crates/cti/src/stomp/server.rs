//! What a STOMP server (the gateway's built-in endpoint) needs from the codec: decode a
//! client's bytes, check each frame is a well-formed client frame, and turn anything else
//! into the `ERROR` frame STOMP requires before closing the connection.

use super::codec::{encode, FrameDecoder, Item, Limits, StompError};
use super::frame::{headers, Command, Frame};
use super::heartbeat::HeartBeat;

/// The versions the server side accepts, best first.
pub const SUPPORTED_VERSIONS: [&str; 2] = ["1.2", "1.1"];

/// Why a decoded frame is not an acceptable client frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameProblem {
    /// A server command (`CONNECTED`, `MESSAGE`, `RECEIPT`, `ERROR`) from a client.
    #[error("{0} is not a client frame")]
    NotAClientFrame(Command),
    /// A required header is missing.
    #[error("{command} needs a {header} header")]
    MissingHeader {
        /// The frame's command.
        command: Command,
        /// The header.
        header: &'static str,
    },
    /// `CONNECT` offers no version we speak.
    #[error("no supported version in accept-version {0:?} (supported: 1.2, 1.1)")]
    UnsupportedVersion(String),
    /// A frame that takes no body has one.
    #[error("{0} takes no body")]
    UnexpectedBody(Command),
}

/// The version to answer a `CONNECT`'s `accept-version` with: the best we share (a missing
/// header means 1.0, which we do not speak).
pub fn negotiate_version(accept_version: Option<&str>) -> Option<&'static str> {
    let offered = accept_version?;
    SUPPORTED_VERSIONS
        .into_iter()
        .find(|v| offered.split(',').any(|o| o.trim() == *v))
}

/// Checks that `frame` is a client frame with the headers its command requires.
pub fn validate_client_frame(frame: &Frame) -> Result<(), FrameProblem> {
    let command = frame.command;
    if !command.is_client() {
        return Err(FrameProblem::NotAClientFrame(command));
    }
    let required: &[&'static str] = match command {
        Command::Connect | Command::Stomp => &[headers::ACCEPT_VERSION],
        Command::Send => &[headers::DESTINATION],
        Command::Subscribe => &[headers::DESTINATION, headers::ID],
        Command::Unsubscribe | Command::Ack | Command::Nack => &[headers::ID],
        Command::Begin | Command::Commit | Command::Abort => &[headers::TRANSACTION],
        _ => &[],
    };
    if let Some(header) = required.iter().find(|h| frame.get(h).is_none()) {
        return Err(FrameProblem::MissingHeader { command, header });
    }
    if matches!(command, Command::Connect | Command::Stomp) {
        let offered = frame.get(headers::ACCEPT_VERSION);
        if negotiate_version(offered).is_none() {
            return Err(FrameProblem::UnsupportedVersion(
                offered.unwrap_or_default().to_owned(),
            ));
        }
    }
    if command != Command::Send && !frame.body.is_empty() {
        return Err(FrameProblem::UnexpectedBody(command));
    }
    Ok(())
}

/// An `ERROR` frame: `message` in the header (short), `detail` in the body, and the
/// `receipt-id` of the frame at fault when it asked for a receipt.
pub fn error_frame(message: &str, receipt_id: Option<&str>, detail: &str) -> Frame {
    let mut frame = Frame::new(Command::Error).header(headers::MESSAGE, message);
    if let Some(id) = receipt_id {
        frame = frame.header(headers::RECEIPT_ID, id);
    }
    frame
        .header(headers::CONTENT_TYPE, "text/plain")
        .body(detail.as_bytes().to_vec())
}

/// The `CONNECTED` answer to a valid `CONNECT`: the negotiated version and our heart-beat.
pub fn connected_frame(version: &str, session: &str, heart_beat: HeartBeat) -> Frame {
    Frame::new(Command::Connected)
        .header(headers::VERSION, version)
        .header(headers::SESSION, session)
        .header(headers::SERVER, "agentdesk")
        .header(headers::HEART_BEAT, heart_beat.header_value())
}

/// What the server side gets from a client's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// A valid client frame.
    Frame(Frame),
    /// An EOL heart-beat.
    HeartBeat,
    /// Not STOMP, or not a valid client frame: send `error` (encoded in `bytes`), then close
    /// the connection. Nothing follows.
    Reject {
        /// The `ERROR` frame.
        error: Frame,
        /// It, encoded.
        bytes: Vec<u8>,
    },
}

/// A client's byte stream, decoded and checked frame by frame.
#[derive(Debug, Clone, Default)]
pub struct ServerFrames {
    decoder: FrameDecoder,
    closed: bool,
}

impl ServerFrames {
    /// A stream with these limits.
    pub fn new(limits: Limits) -> ServerFrames {
        ServerFrames {
            decoder: FrameDecoder::new(limits),
            closed: false,
        }
    }

    /// Bytes from the client (ignored once rejected).
    pub fn push(&mut self, bytes: &[u8]) {
        if !self.closed {
            self.decoder.push(bytes);
        }
    }

    /// Whether a rejection ended the stream.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The next frame, heart-beat or rejection; `None` when more bytes are needed or after
    /// a rejection.
    pub fn next_inbound(&mut self) -> Option<Inbound> {
        if self.closed {
            return None;
        }
        match self.decoder.next_item()? {
            Ok(Item::HeartBeat) => Some(Inbound::HeartBeat),
            Ok(Item::Frame(frame)) => match validate_client_frame(&frame) {
                Ok(()) => Some(Inbound::Frame(frame)),
                Err(problem) => {
                    let receipt = frame.get(headers::RECEIPT).map(str::to_owned);
                    Some(self.reject("malformed frame", receipt.as_deref(), &problem.to_string()))
                }
            },
            Err(error) => Some(self.reject_stomp(&error)),
        }
    }

    fn reject_stomp(&mut self, error: &StompError) -> Inbound {
        self.reject("malformed frame", None, &error.to_string())
    }

    fn reject(&mut self, message: &str, receipt: Option<&str>, detail: &str) -> Inbound {
        self.closed = true;
        let error = error_frame(message, receipt, detail);
        let bytes = encode(&error);
        Inbound::Reject { error, bytes }
    }
}
