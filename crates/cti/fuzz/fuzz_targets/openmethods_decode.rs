//! Feeds arbitrary bytes to the OpenMethods UCCX report decoders (requests; responses and
//! events). Nothing may panic; whatever decodes must encode and read back unchanged.
#![no_main]

use cti::openmethods::{decode_request, decode_server, encode_request, encode_server};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = decode_request(data) {
        let text = encode_request(&request);
        assert_eq!(decode_request(text.as_bytes()), Ok(request), "round trip of {text}");
    }
    if let Ok(message) = decode_server(data) {
        let text = encode_server(&message);
        assert_eq!(decode_server(text.as_bytes()), Ok(message), "round trip of {text}");
    }
});
