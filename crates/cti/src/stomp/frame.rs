//! One STOMP 1.2 frame: a command, ordered headers, a body.

use core::fmt;

/// The frame commands of STOMP 1.2 (client and server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Client: open a session (STOMP 1.0/1.1 name).
    Connect,
    /// Client: open a session (STOMP 1.2 name, same meaning as `CONNECT`).
    Stomp,
    /// Server: the session is open.
    Connected,
    /// Client: send a message to a destination.
    Send,
    /// Client: subscribe to a destination.
    Subscribe,
    /// Client: end a subscription.
    Unsubscribe,
    /// Client: acknowledge a message.
    Ack,
    /// Client: refuse a message.
    Nack,
    /// Client: begin a transaction.
    Begin,
    /// Client: commit a transaction.
    Commit,
    /// Client: abort a transaction.
    Abort,
    /// Client: close the session.
    Disconnect,
    /// Server: a message of a subscription.
    Message,
    /// Server: a frame asking for a receipt was processed.
    Receipt,
    /// Server: something went wrong; the connection closes after it.
    Error,
}

impl Command {
    /// Every command, client ones first.
    pub const ALL: [Command; 15] = [
        Command::Connect,
        Command::Stomp,
        Command::Send,
        Command::Subscribe,
        Command::Unsubscribe,
        Command::Ack,
        Command::Nack,
        Command::Begin,
        Command::Commit,
        Command::Abort,
        Command::Disconnect,
        Command::Connected,
        Command::Message,
        Command::Receipt,
        Command::Error,
    ];

    /// The command as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Command::Connect => "CONNECT",
            Command::Stomp => "STOMP",
            Command::Connected => "CONNECTED",
            Command::Send => "SEND",
            Command::Subscribe => "SUBSCRIBE",
            Command::Unsubscribe => "UNSUBSCRIBE",
            Command::Ack => "ACK",
            Command::Nack => "NACK",
            Command::Begin => "BEGIN",
            Command::Commit => "COMMIT",
            Command::Abort => "ABORT",
            Command::Disconnect => "DISCONNECT",
            Command::Message => "MESSAGE",
            Command::Receipt => "RECEIPT",
            Command::Error => "ERROR",
        }
    }

    /// The command of a wire name (exact, upper case: STOMP commands are case-sensitive).
    pub fn parse(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Whether a client sends it (as opposed to a server).
    pub fn is_client(self) -> bool {
        !matches!(
            self,
            Command::Connected | Command::Message | Command::Receipt | Command::Error
        )
    }

    /// Whether header values are escaped in this frame: every frame but `CONNECT` and
    /// `CONNECTED` (STOMP 1.2, "Value Encoding"). `STOMP` frames are escaped.
    pub fn escapes_headers(self) -> bool {
        !matches!(self, Command::Connect | Command::Connected)
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A STOMP frame. Headers keep their order and repetitions; when a header is repeated, the
/// first value is the one that counts (STOMP 1.2, "Repeated Header Entries").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The command.
    pub command: Command,
    /// The headers, in wire order, unescaped.
    pub headers: Vec<(String, String)>,
    /// The body (empty for most commands).
    pub body: Vec<u8>,
}

impl Frame {
    /// A frame with no header and no body.
    pub fn new(command: Command) -> Frame {
        Frame {
            command,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The same frame with one more header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Frame {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The same frame with this body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Frame {
        self.body = body.into();
        self
    }

    /// The value of a header: its first occurrence.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text, when it is UTF-8.
    pub fn body_text(&self) -> Option<&str> {
        core::str::from_utf8(&self.body).ok()
    }
}

/// Header names used by the codec and the connection.
pub mod headers {
    /// `accept-version` (CONNECT).
    pub const ACCEPT_VERSION: &str = "accept-version";
    /// `version` (CONNECTED).
    pub const VERSION: &str = "version";
    /// `host` (CONNECT): the virtual host.
    pub const HOST: &str = "host";
    /// `login` (CONNECT).
    pub const LOGIN: &str = "login";
    /// `passcode` (CONNECT).
    pub const PASSCODE: &str = "passcode";
    /// `heart-beat` (CONNECT, CONNECTED).
    pub const HEART_BEAT: &str = "heart-beat";
    /// `session` (CONNECTED).
    pub const SESSION: &str = "session";
    /// `server` (CONNECTED).
    pub const SERVER: &str = "server";
    /// `destination` (SEND, SUBSCRIBE, MESSAGE).
    pub const DESTINATION: &str = "destination";
    /// `id` (SUBSCRIBE, UNSUBSCRIBE, ACK, NACK).
    pub const ID: &str = "id";
    /// `ack` (SUBSCRIBE, MESSAGE).
    pub const ACK: &str = "ack";
    /// `subscription` (MESSAGE).
    pub const SUBSCRIPTION: &str = "subscription";
    /// `message-id` (MESSAGE).
    pub const MESSAGE_ID: &str = "message-id";
    /// `receipt` (any client frame but CONNECT).
    pub const RECEIPT: &str = "receipt";
    /// `receipt-id` (RECEIPT, ERROR).
    pub const RECEIPT_ID: &str = "receipt-id";
    /// `message` (ERROR): a short description.
    pub const MESSAGE: &str = "message";
    /// `content-length`: the body's length in bytes.
    pub const CONTENT_LENGTH: &str = "content-length";
    /// `content-type`: the body's MIME type.
    pub const CONTENT_TYPE: &str = "content-type";
    /// `transaction` (SEND, ACK, NACK, BEGIN, COMMIT, ABORT).
    pub const TRANSACTION: &str = "transaction";
    /// `type`: the JMS type of a message (ActiveMQ, RabbitMQ's JMS mapping).
    pub const TYPE: &str = "type";
}
