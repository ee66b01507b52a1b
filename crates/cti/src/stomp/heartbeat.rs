//! STOMP heart-beat negotiation (STOMP 1.2, "Heart-beating").

use core::time::Duration;

/// A `heart-beat` header: what one side can send (`send_ms`, 0 = cannot) and wants to
/// receive (`receive_ms`, 0 = does not want), in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct HeartBeat {
    /// The smallest interval at which this side can send heart-beats; 0: none.
    pub send_ms: u64,
    /// The interval at which this side wants heart-beats; 0: none.
    pub receive_ms: u64,
}

impl HeartBeat {
    /// No heart-beats either way (`0,0`, and the meaning of a missing header).
    pub const NONE: HeartBeat = HeartBeat {
        send_ms: 0,
        receive_ms: 0,
    };

    /// Reads `"cx,cy"`; `None` when it is not two integers.
    pub fn parse(value: &str) -> Option<HeartBeat> {
        let (send, receive) = value.split_once(',')?;
        Some(HeartBeat {
            send_ms: send.trim().parse().ok()?,
            receive_ms: receive.trim().parse().ok()?,
        })
    }

    /// The header value, `"cx,cy"`.
    pub fn header_value(self) -> String {
        format!("{},{}", self.send_ms, self.receive_ms)
    }
}

/// The intervals both sides agreed on, seen from one side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Negotiated {
    /// How often this side must send something (a frame or an EOL).
    pub send: Option<Duration>,
    /// How often this side should hear from the other.
    pub receive: Option<Duration>,
}

/// What `ours` (sent in CONNECT or CONNECTED) and `theirs` (received) agree on: each way,
/// the larger of what the sender can do and the receiver wants, when both are non-zero.
pub fn negotiate(ours: HeartBeat, theirs: HeartBeat) -> Negotiated {
    let way = |can: u64, wants: u64| {
        (can != 0 && wants != 0).then(|| Duration::from_millis(can.max(wants)))
    };
    Negotiated {
        send: way(ours.send_ms, theirs.receive_ms),
        receive: way(theirs.send_ms, ours.receive_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_larger_interval_wins_and_zero_disables() {
        let client = HeartBeat {
            send_ms: 10_000,
            receive_ms: 10_000,
        };
        let server = HeartBeat::parse("5000, 20000").unwrap_or_default();
        let n = negotiate(client, server);
        assert_eq!(n.send, Some(Duration::from_secs(20)));
        assert_eq!(n.receive, Some(Duration::from_secs(10)));
        assert_eq!(negotiate(client, HeartBeat::NONE), Negotiated::default());
        assert_eq!(HeartBeat::parse("x,1"), None);
        assert_eq!(client.header_value(), "10000,10000");
    }
}
