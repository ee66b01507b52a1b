//! Feeds arbitrary bytes to the XuC decoders, `cti::xuc::decode_message` (server frames) and
//! `cti::xuc::decode_command` (client frames, the simulator's side): they must never panic,
//! and whatever they accept must survive encode -> decode unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(message) = cti::xuc::decode_message(data) {
        let encoded = cti::xuc::encode_message(&message);
        match cti::xuc::decode_message(encoded.as_bytes()) {
            Ok(again) => assert_eq!(again, message, "round trip of {encoded}"),
            Err(e) => panic!("our own encoding {encoded} does not decode: {e}"),
        }
    }
    if let Ok(command) = cti::xuc::decode_command(data) {
        let encoded = cti::xuc::encode_command(&command);
        match cti::xuc::decode_command(encoded.as_bytes()) {
            Ok(again) => assert_eq!(again, command, "round trip of {encoded}"),
            Err(e) => panic!("our own encoding {encoded} does not decode: {e}"),
        }
    }
});
