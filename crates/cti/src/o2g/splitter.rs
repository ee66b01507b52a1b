//! Cuts the chunk channel's byte stream into JSON objects.
//!
//! The chunk channel (`GET /OTEvents?subscriptionId=`) writes one JSON object per event,
//! usually followed by a newline, but the network cuts the stream where it likes: a read may
//! hold half an event or three. Splitting on newlines would break on a pretty-printed event,
//! so objects are delimited by their braces, outside strings. Sans-IO: the host feeds the
//! bytes it read and takes the complete objects out.

/// Accumulates bytes and yields each complete top-level JSON object.
#[derive(Debug, Clone, Default)]
pub struct JsonObjectSplitter {
    /// Bytes of the object being read (empty between objects).
    pending: Vec<u8>,
    /// Brace depth of the current object; 0 between objects.
    depth: usize,
    in_string: bool,
    escaped: bool,
}

/// An object larger than this is not an event: it is dropped rather than buffered forever.
const MAX_OBJECT_BYTES: usize = 4 * 1024 * 1024;

impl JsonObjectSplitter {
    /// A splitter between objects.
    pub fn new() -> JsonObjectSplitter {
        JsonObjectSplitter::default()
    }

    /// Feeds the next bytes read; returns the objects they complete, in order. Bytes between
    /// objects (newlines, spaces, stray garbage) are skipped.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut complete = Vec::new();
        for &byte in bytes {
            if self.depth == 0 {
                if byte == b'{' {
                    self.depth = 1;
                    self.pending.push(byte);
                }
                continue;
            }
            self.pending.push(byte);
            if self.in_string {
                match (self.escaped, byte) {
                    (true, _) => self.escaped = false,
                    (false, b'\\') => self.escaped = true,
                    (false, b'"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => self.in_string = true,
                b'{' => self.depth += 1,
                b'}' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        complete.push(core::mem::take(&mut self.pending));
                    }
                }
                _ => {}
            }
            if self.pending.len() > MAX_OBJECT_BYTES {
                self.reset();
            }
        }
        complete
    }

    /// Forgets a partly read object (e.g. when the stream is reopened).
    pub fn reset(&mut self) {
        *self = JsonObjectSplitter::default();
    }

    /// Whether part of an object is waiting for more bytes.
    pub fn is_mid_object(&self) -> bool {
        self.depth > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(objects: Vec<Vec<u8>>) -> Vec<String> {
        objects
            .into_iter()
            .map(|o| String::from_utf8_lossy(&o).into_owned())
            .collect()
    }

    #[test]
    fn splits_on_object_boundaries_not_on_reads() {
        let stream = "{\"eventName\":\"A\"}\n{\"eventName\":\"B\",\"x\":{\"y\":1}}\n";
        let whole = JsonObjectSplitter::new().push(stream.as_bytes());
        assert_eq!(
            texts(whole),
            [
                "{\"eventName\":\"A\"}",
                "{\"eventName\":\"B\",\"x\":{\"y\":1}}"
            ]
        );
        // Byte by byte: the same objects.
        let mut splitter = JsonObjectSplitter::new();
        let mut objects = Vec::new();
        for byte in stream.as_bytes() {
            objects.extend(splitter.push(core::slice::from_ref(byte)));
        }
        assert_eq!(objects.len(), 2);
        assert!(!splitter.is_mid_object());
    }

    #[test]
    fn braces_and_quotes_inside_strings_do_not_count() {
        let mut splitter = JsonObjectSplitter::new();
        let first = splitter.push(br#"{"text":"a } { \" \\"#);
        assert!(first.is_empty() && splitter.is_mid_object());
        let rest = splitter.push(br#"","n":1}{"#);
        assert_eq!(texts(rest), [r#"{"text":"a } { \" \\","n":1}"#]);
        assert!(splitter.is_mid_object(), "the next object has begun");
    }

    #[test]
    fn garbage_between_objects_is_skipped_and_reset_forgets() {
        let mut splitter = JsonObjectSplitter::new();
        assert_eq!(texts(splitter.push(b"  ]x\r\n{\"a\":1}  ")), ["{\"a\":1}"]);
        splitter.push(b"{\"a\":");
        splitter.reset();
        assert_eq!(texts(splitter.push(b"{\"b\":2}")), ["{\"b\":2}"]);
    }

    #[test]
    fn multibyte_text_is_kept_whole() {
        let mut splitter = JsonObjectSplitter::new();
        let bytes = "{\"name\":\"Hélène\"}".as_bytes();
        let (a, b) = bytes.split_at(12);
        assert!(splitter.push(a).is_empty());
        assert_eq!(texts(splitter.push(b)), ["{\"name\":\"Hélène\"}"]);
    }
}
