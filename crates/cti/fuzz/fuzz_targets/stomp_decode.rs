//! Feeds arbitrary bytes to the STOMP decoder, after its first byte, in two pieces split where
//! that byte says: it must never panic nor buffer past its limits, and every frame it yields must
//! survive encode -> decode. The same bytes go through the server-side check and a client
//! connection.
#![no_main]

use cti::stomp::{decode_all, encode, ClientConfig, ClientConnection, FrameDecoder, Item, Limits, ServerFrames};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (cut, data) = match data.split_first() {
            Some((first, rest)) => (usize::from(*first).min(rest.len()), rest),
            None => (0, data),
        };
    let limits = Limits { max_frame_bytes: 4096, max_line_bytes: 512, max_headers: 16 };
    let mut decoder = FrameDecoder::new(limits);
    for piece in [&data[..cut], &data[cut..]] {
        decoder.push(piece);
        while let Some(item) = decoder.next_item() {
            if let Ok(Item::Frame(frame)) = item {
                let again = decode_all(&encode(&frame), Limits::default());
                assert_eq!(again, Ok(vec![frame]));
            }
        }
    }
    let mut server = ServerFrames::new(limits);
    server.push(data);
    while server.next_inbound().is_some() {}
    let mut client = ClientConnection::new(cti::model::Instant::ZERO, ClientConfig::default());
    client.handle_input(cti::model::Instant::ZERO, data);
    while client.poll_event().is_some() {}
});
