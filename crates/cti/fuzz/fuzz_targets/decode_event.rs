//! Feeds arbitrary bytes to `cti::o2g::decode_event`: it must never panic, and whatever it
//! accepts must survive encode -> decode unchanged (the gateway simulator re-emits events with
//! the same types, so a lossy round trip would be a wire bug).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = cti::o2g::decode_event(data) {
        let encoded = cti::o2g::encode_event(&event);
        match cti::o2g::decode_event(encoded.as_bytes()) {
            // Unknown events carry raw JSON, whose floats need not round-trip bit for bit.
            Ok(again) if matches!(event, cti::o2g::Event::Unknown(_)) => {
                assert_eq!(again.name(), event.name())
            }
            Ok(again) => assert_eq!(again, event, "round trip of {encoded}"),
            Err(e) => panic!("our own encoding {encoded} does not decode: {e}"),
        }
    }
});
