//! STOMP 1.2 framing, sans-IO: [`encode`] a [`Frame`], and a [`FrameDecoder`] fed bytes as
//! they come (a WebSocket message may hold part of a frame, one frame or several; a TCP read
//! anything) yielding frames and the EOL heart-beats between them.
//!
//! The decoder is bounded ([`Limits`]): a frame, a header line or a header count beyond the
//! limits is a [`StompError`], never unbounded memory; after an error the decoder stops (a
//! STOMP peer closes the connection after a malformed frame).

use super::frame::{headers, Command, Frame};

/// One EOL: a heart-beat, or the padding a peer may put between frames.
pub const HEARTBEAT: &[u8] = b"\n";

/// Bounds on what the decoder buffers for one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest frame, command, headers and body included, in bytes.
    pub max_frame_bytes: usize,
    /// The longest command or header line, in bytes.
    pub max_line_bytes: usize,
    /// The most headers in one frame.
    pub max_headers: usize,
}

impl Default for Limits {
    /// 1 MiB frames, 16 KiB lines, 128 headers: far above the connector's messages.
    fn default() -> Limits {
        Limits {
            max_frame_bytes: 1 << 20,
            max_line_bytes: 16 << 10,
            max_headers: 128,
        }
    }
}

/// Why bytes are not a STOMP frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StompError {
    /// The command line names no STOMP command.
    #[error("unknown STOMP command {0:?}")]
    UnknownCommand(String),
    /// A command or header line is not UTF-8.
    #[error("the {0} line is not UTF-8")]
    NotUtf8(&'static str),
    /// A header line has no colon.
    #[error("header line {0:?} has no colon")]
    HeaderWithoutColon(String),
    /// A header line has an empty name.
    #[error("header line {0:?} has an empty name")]
    EmptyHeaderName(String),
    /// A backslash not followed by `r`, `n`, `c` or `\` (STOMP 1.2 makes it fatal).
    #[error("invalid escape sequence {0:?} in a header")]
    InvalidEscape(String),
    /// `content-length` is not a number of bytes.
    #[error("invalid content-length {0:?}")]
    InvalidContentLength(String),
    /// The `content-length` bytes of the body are not followed by NUL.
    #[error("the body of content-length {0} is not followed by NUL")]
    MissingNul(usize),
    /// A carriage return not followed by a line feed between frames.
    #[error("a CR between frames is not followed by LF")]
    StrayCarriageReturn,
    /// The frame is larger than [`Limits::max_frame_bytes`].
    #[error("frame larger than {0} bytes")]
    FrameTooLarge(usize),
    /// A line is longer than [`Limits::max_line_bytes`].
    #[error("line longer than {0} bytes")]
    LineTooLong(usize),
    /// More headers than [`Limits::max_headers`].
    #[error("more than {0} headers")]
    TooManyHeaders(usize),
    /// The input ended inside a frame.
    #[error("the input ends inside a frame")]
    Truncated,
}

/// What the decoder yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A complete frame.
    Frame(Frame),
    /// An EOL outside a frame: a heart-beat.
    HeartBeat,
}

/// Where the decoder is within the current frame.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Between frames.
    Idle,
    /// Reading the command line.
    Command,
    /// Reading header lines.
    Headers { command: Command },
    /// Reading the body, of known length or up to NUL.
    Body {
        command: Command,
        length: Option<usize>,
        start: usize,
    },
}

/// Decodes a byte stream into frames and heart-beats.
#[derive(Debug, Clone)]
pub struct FrameDecoder {
    limits: Limits,
    buf: Vec<u8>,
    /// Start of what is not consumed yet.
    pos: usize,
    /// Where the current frame starts.
    frame_start: usize,
    /// How far the search for the current delimiter went.
    scan: usize,
    state: State,
    headers: Vec<(String, String)>,
    failed: bool,
}

impl Default for FrameDecoder {
    fn default() -> FrameDecoder {
        FrameDecoder::new(Limits::default())
    }
}

impl FrameDecoder {
    /// A decoder with these limits.
    pub fn new(limits: Limits) -> FrameDecoder {
        FrameDecoder {
            limits,
            buf: Vec::new(),
            pos: 0,
            frame_start: 0,
            scan: 0,
            state: State::Idle,
            headers: Vec::new(),
            failed: false,
        }
    }

    /// The limits.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Appends received bytes. Ignored after an error.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.failed {
            return;
        }
        if self.pos > 0 {
            // Forget what was consumed, so that the buffer holds one frame at most plus what
            // came after it.
            self.buf.drain(..self.pos);
            self.frame_start = self.frame_start.saturating_sub(self.pos);
            self.scan = self.scan.saturating_sub(self.pos);
            if let State::Body { start, .. } = &mut self.state {
                *start = start.saturating_sub(self.pos);
            }
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Whether an error stopped the decoder.
    pub fn is_failed(&self) -> bool {
        self.failed
    }

    /// Whether bytes of an unfinished frame are buffered.
    pub fn has_partial_frame(&self) -> bool {
        self.state != State::Idle
    }

    /// The next frame or heart-beat, `None` when more bytes are needed (or after an error,
    /// which is returned once).
    pub fn next_item(&mut self) -> Option<Result<Item, StompError>> {
        if self.failed {
            return None;
        }
        match self.step() {
            Ok(item) => item.map(Ok),
            Err(error) => {
                self.failed = true;
                self.buf = Vec::new();
                self.pos = 0;
                self.state = State::Idle;
                Some(Err(error))
            }
        }
    }

    fn step(&mut self) -> Result<Option<Item>, StompError> {
        loop {
            match self.state.clone() {
                State::Idle => {
                    let Some(&first) = self.buf.get(self.pos) else {
                        return Ok(None);
                    };
                    match first {
                        b'\n' => {
                            self.pos += 1;
                            return Ok(Some(Item::HeartBeat));
                        }
                        b'\r' => match self.buf.get(self.pos + 1) {
                            None => return Ok(None),
                            Some(b'\n') => {
                                self.pos += 2;
                                return Ok(Some(Item::HeartBeat));
                            }
                            Some(_) => return Err(StompError::StrayCarriageReturn),
                        },
                        _ => {
                            self.frame_start = self.pos;
                            self.scan = self.pos;
                            self.headers.clear();
                            self.state = State::Command;
                        }
                    }
                }
                State::Command => {
                    let Some(line) = self.line()? else {
                        return Ok(None);
                    };
                    let name =
                        core::str::from_utf8(&line).map_err(|_| StompError::NotUtf8("command"))?;
                    let command = Command::parse(name)
                        .ok_or_else(|| StompError::UnknownCommand(shorten(name)))?;
                    self.state = State::Headers { command };
                }
                State::Headers { command } => {
                    let Some(line) = self.line()? else {
                        return Ok(None);
                    };
                    if line.is_empty() {
                        let length = self.content_length()?;
                        self.state = State::Body {
                            command,
                            length,
                            start: self.pos,
                        };
                        self.scan = self.pos;
                        continue;
                    }
                    if self.headers.len() >= self.limits.max_headers {
                        return Err(StompError::TooManyHeaders(self.limits.max_headers));
                    }
                    let header = parse_header(&line, command.escapes_headers())?;
                    self.headers.push(header);
                }
                State::Body {
                    command,
                    length,
                    start,
                } => {
                    let end = match length {
                        Some(length) => {
                            let end = start + length;
                            match self.buf.get(end) {
                                None => {
                                    self.check_frame_size()?;
                                    return Ok(None);
                                }
                                Some(0) => end,
                                Some(_) => return Err(StompError::MissingNul(length)),
                            }
                        }
                        None => {
                            let from = self.scan.max(start);
                            match self.buf[from..].iter().position(|&b| b == 0) {
                                Some(offset) => from + offset,
                                None => {
                                    self.scan = self.buf.len();
                                    self.check_frame_size()?;
                                    return Ok(None);
                                }
                            }
                        }
                    };
                    if end - self.frame_start > self.limits.max_frame_bytes {
                        return Err(StompError::FrameTooLarge(self.limits.max_frame_bytes));
                    }
                    let frame = Frame {
                        command,
                        headers: core::mem::take(&mut self.headers),
                        body: self.buf[start..end].to_vec(),
                    };
                    self.pos = end + 1;
                    self.state = State::Idle;
                    return Ok(Some(Item::Frame(frame)));
                }
            }
        }
    }

    /// The next complete line of the current frame (its EOL and a CR before it removed), or
    /// `None` when it is not all here yet.
    fn line(&mut self) -> Result<Option<Vec<u8>>, StompError> {
        let from = self.scan.max(self.pos);
        match self.buf[from..].iter().position(|&b| b == b'\n') {
            Some(offset) => {
                let end = from + offset;
                let mut line = &self.buf[self.pos..end];
                if let Some(stripped) = line.strip_suffix(b"\r") {
                    line = stripped;
                }
                if line.len() > self.limits.max_line_bytes {
                    return Err(StompError::LineTooLong(self.limits.max_line_bytes));
                }
                let line = line.to_vec();
                self.pos = end + 1;
                self.scan = self.pos;
                Ok(Some(line))
            }
            None => {
                self.scan = self.buf.len();
                if self.buf.len() - self.pos > self.limits.max_line_bytes {
                    return Err(StompError::LineTooLong(self.limits.max_line_bytes));
                }
                self.check_frame_size()?;
                Ok(None)
            }
        }
    }

    fn check_frame_size(&self) -> Result<(), StompError> {
        if self.buf.len() - self.frame_start > self.limits.max_frame_bytes {
            return Err(StompError::FrameTooLarge(self.limits.max_frame_bytes));
        }
        Ok(())
    }

    /// The body length the headers announce (the first `content-length` counts).
    fn content_length(&self) -> Result<Option<usize>, StompError> {
        let Some((_, value)) = self
            .headers
            .iter()
            .find(|(name, _)| name == headers::CONTENT_LENGTH)
        else {
            return Ok(None);
        };
        let trimmed = value.trim();
        if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StompError::InvalidContentLength(shorten(value)));
        }
        let length: usize = trimmed
            .parse()
            .map_err(|_| StompError::FrameTooLarge(self.limits.max_frame_bytes))?;
        if length > self.limits.max_frame_bytes {
            return Err(StompError::FrameTooLarge(self.limits.max_frame_bytes));
        }
        Ok(Some(length))
    }
}

/// Splits a header line at its first colon and unescapes it when the command escapes.
fn parse_header(line: &[u8], escaped: bool) -> Result<(String, String), StompError> {
    let text = core::str::from_utf8(line).map_err(|_| StompError::NotUtf8("header"))?;
    let Some((name, value)) = text.split_once(':') else {
        return Err(StompError::HeaderWithoutColon(shorten(text)));
    };
    if name.is_empty() {
        return Err(StompError::EmptyHeaderName(shorten(text)));
    }
    if escaped {
        Ok((unescape(name)?, unescape(value)?))
    } else {
        Ok((name.to_owned(), value.to_owned()))
    }
}

/// Undoes STOMP 1.2 header escaping.
pub fn unescape(text: &str) -> Result<String, StompError> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('c') => out.push(':'),
            Some('\\') => out.push('\\'),
            Some(other) => return Err(StompError::InvalidEscape(format!("\\{other}"))),
            None => return Err(StompError::InvalidEscape("\\".to_owned())),
        }
    }
    Ok(out)
}

/// STOMP 1.2 header escaping: CR, LF, colon and backslash.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            ':' => out.push_str("\\c"),
            '\\' => out.push_str("\\\\"),
            other => out.push(other),
        }
    }
    out
}

/// Encodes a frame. Headers are escaped except in `CONNECT` and `CONNECTED`, where STOMP
/// forbids escaping (LF, and CR at the end of a value, which would end the line, are dropped
/// there). A
/// `content-length` header is set to the body's length; one is added only when the body
/// holds a NUL: brokers such as ActiveMQ turn a `SEND` with `content-length` into a bytes
/// message, and the connector reads text messages (docs/decisions.md).
pub fn encode(frame: &Frame) -> Vec<u8> {
    let escaped = frame.command.escapes_headers();
    let mut out = Vec::with_capacity(64 + frame.body.len());
    out.extend_from_slice(frame.command.as_str().as_bytes());
    out.push(b'\n');
    let mut has_length = false;
    for (name, value) in &frame.headers {
        // The first content-length is the one that counts: it must say the body's length.
        let value = if name == headers::CONTENT_LENGTH && !has_length {
            has_length = true;
            if value.trim().parse::<usize>().ok() == Some(frame.body.len()) {
                value.clone()
            } else {
                frame.body.len().to_string()
            }
        } else {
            value.clone()
        };
        if escaped {
            out.extend_from_slice(escape(name).as_bytes());
            out.push(b':');
            out.extend_from_slice(escape(&value).as_bytes());
        } else {
            out.extend(name.bytes().filter(|b| !matches!(b, b'\n' | b':')));
            out.push(b':');
            let value: Vec<u8> = value.bytes().filter(|b| *b != b'\n').collect();
            let end = value.iter().rposition(|b| *b != b'\r').map_or(0, |i| i + 1);
            out.extend_from_slice(&value[..end]);
        }
        out.push(b'\n');
    }
    if !has_length && frame.body.contains(&0) {
        out.extend_from_slice(headers::CONTENT_LENGTH.as_bytes());
        out.push(b':');
        out.extend_from_slice(frame.body.len().to_string().as_bytes());
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(&frame.body);
    out.push(0);
    out
}

/// Decodes every frame of a complete input (a test or a one-shot check); heart-beats are
/// skipped, and a trailing partial frame is an error.
pub fn decode_all(bytes: &[u8], limits: Limits) -> Result<Vec<Frame>, StompError> {
    let mut decoder = FrameDecoder::new(limits);
    decoder.push(bytes);
    let mut frames = Vec::new();
    while let Some(item) = decoder.next_item() {
        if let Item::Frame(frame) = item? {
            frames.push(frame);
        }
    }
    if decoder.has_partial_frame() {
        return Err(StompError::Truncated);
    }
    Ok(frames)
}

/// At most 80 characters of what was refused, for a message.
fn shorten(text: &str) -> String {
    text.chars().take(80).collect()
}
