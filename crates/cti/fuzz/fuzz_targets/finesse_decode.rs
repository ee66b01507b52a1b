//! Feeds arbitrary bytes to the Finesse connector's decoders: as an event, and as a command
//! (`<JMS type>\n<body>`). Nothing may panic; whatever decodes and encodes must read back
//! unchanged (the simulator's connector re-encodes what it decodes).
#![no_main]

use cti::finesse::{decode_event, encode_event, CommandMessage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = decode_event(data) {
        if let Ok(text) = encode_event(&event) {
            assert_eq!(decode_event(text.as_bytes()), Ok(event), "round trip of {text}");
        }
    }
    if let Ok(text) = core::str::from_utf8(data) {
        let (jms_type, body) = text.split_once('\n').unwrap_or((text, ""));
        if let Ok(command) = CommandMessage::decode(jms_type, body) {
            if let Ok((t, b)) = command.encode() {
                assert_eq!(CommandMessage::decode(&t, &b), Ok(command));
            }
        }
    }
});
