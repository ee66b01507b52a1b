//! Feeds arbitrary bytes to the Vonage agent-activity decoders (page, item, error body).
//! Nothing may panic; whatever decodes must encode and read back unchanged.
#![no_main]

use cti::vonage::{decode_error, decode_item, decode_page, encode_error, encode_item, encode_page};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = decode_page(data) {
        let text = encode_page(&page);
        assert_eq!(decode_page(text.as_bytes()), Ok(page), "round trip of {text}");
    }
    if let Ok(item) = decode_item(data) {
        let text = encode_item(&item);
        assert_eq!(decode_item(text.as_bytes()), Ok(item), "round trip of {text}");
    }
    if let Ok(message) = decode_error(data) {
        assert_eq!(decode_error(encode_error(&message).as_bytes()), Ok(message));
    }
});
