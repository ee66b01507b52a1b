//! Cuts the chunk channel's byte stream into JSON objects.
//!
//! The chunk channel (`GET /OTEvents?subscriptionId=`) writes one JSON object per event,
//! usually followed by a newline, but O2G does not document its framing (AMBIG-19) and the
//! network cuts the stream where it likes: a read may hold half an event (even half a UTF-8
//! sequence) or three. So objects are delimited by their braces, outside strings. Sans-IO:
//! the host feeds the bytes it read and takes the complete objects out. The widget (reading
//! the channel) and the gateway (bridging an upstream's channel in proxy mode) share it.

/// What is wrong with a stretch of the stream. The splitter carries on after either; a
/// caller that wants a clean stream abandons it instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SplitError {
    /// Bytes other than white space between objects (an HTML error page, a truncated
    /// stream...). Reported once per run of such bytes; the bytes are skipped.
    #[error("unexpected byte {0:?} between JSON objects")]
    Garbage(char),
    /// An object grew past the limit; it is dropped rather than buffered forever.
    #[error("a JSON object exceeds {0} bytes")]
    TooLarge(usize),
}

/// Accumulates bytes and yields each complete top-level JSON object.
#[derive(Debug, Clone)]
pub struct JsonObjectSplitter {
    /// Bytes of the object being read (empty between objects).
    pending: Vec<u8>,
    /// Brace depth of the current object; 0 between objects.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// In a run of garbage already reported.
    in_garbage: bool,
    limit: usize,
}

impl Default for JsonObjectSplitter {
    fn default() -> Self {
        JsonObjectSplitter::with_limit(JsonObjectSplitter::DEFAULT_LIMIT)
    }
}

impl JsonObjectSplitter {
    /// The largest object kept by default: far above any O2G event.
    pub const DEFAULT_LIMIT: usize = 4 * 1024 * 1024;

    /// A splitter between objects, with the default size limit.
    pub fn new() -> JsonObjectSplitter {
        JsonObjectSplitter::default()
    }

    /// A splitter dropping objects longer than `limit` bytes.
    pub fn with_limit(limit: usize) -> JsonObjectSplitter {
        JsonObjectSplitter {
            pending: Vec::new(),
            depth: 0,
            in_string: false,
            escaped: false,
            in_garbage: false,
            limit,
        }
    }

    /// Feeds the next bytes read; returns the objects they complete and the problems met, in
    /// stream order.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Result<Vec<u8>, SplitError>> {
        let mut out = Vec::new();
        for &byte in bytes {
            if self.depth == 0 {
                if byte == b'{' {
                    self.depth = 1;
                    self.in_garbage = false;
                    self.pending.push(byte);
                } else if byte.is_ascii_whitespace() {
                    self.in_garbage = false;
                } else if !self.in_garbage {
                    self.in_garbage = true;
                    out.push(Err(SplitError::Garbage(char::from(byte))));
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
            } else {
                match byte {
                    b'"' => self.in_string = true,
                    b'{' => self.depth += 1,
                    b'}' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            out.push(Ok(core::mem::take(&mut self.pending)));
                        }
                    }
                    _ => {}
                }
            }
            if self.pending.len() > self.limit {
                out.push(Err(SplitError::TooLarge(self.limit)));
                self.reset();
            }
        }
        out
    }

    /// Forgets a partly read object (e.g. when the stream is reopened).
    pub fn reset(&mut self) {
        *self = JsonObjectSplitter::with_limit(self.limit);
    }

    /// Whether part of an object is waiting for more bytes.
    pub fn is_mid_object(&self) -> bool {
        self.depth > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(results: Vec<Result<Vec<u8>, SplitError>>) -> Vec<String> {
        results
            .into_iter()
            .map(|r| String::from_utf8(r.expect("an object")).expect("utf-8"))
            .collect()
    }

    #[test]
    fn splits_on_object_boundaries_not_on_reads() {
        let stream = "{\"a\":\"}{\\\"\",\"b\":[{}]}\n{\"c\":1}{\"d\":\"é\"}\r\n";
        let whole = texts(JsonObjectSplitter::new().push(stream.as_bytes()));
        assert_eq!(
            whole,
            [
                "{\"a\":\"}{\\\"\",\"b\":[{}]}",
                "{\"c\":1}",
                "{\"d\":\"é\"}"
            ]
        );
        // Byte by byte (cutting the é in two): the same objects.
        let mut splitter = JsonObjectSplitter::new();
        let mut pieces = Vec::new();
        for byte in stream.as_bytes() {
            pieces.extend(texts(splitter.push(core::slice::from_ref(byte))));
        }
        assert_eq!(pieces, whole);
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
    fn garbage_is_reported_once_per_run_and_skipped() {
        let mut splitter = JsonObjectSplitter::new();
        let results = splitter.push(b"  <html>\r\n{\"a\":1} ]x");
        assert_eq!(
            results,
            [
                Err(SplitError::Garbage('<')),
                Ok(b"{\"a\":1}".to_vec()),
                Err(SplitError::Garbage(']')),
            ]
        );
    }

    #[test]
    fn oversized_objects_are_reported_and_dropped() {
        let mut small = JsonObjectSplitter::with_limit(8);
        let results = small.push(b"{\"long\":\"0123456789\"}{\"a\":1}");
        assert_eq!(results[0], Err(SplitError::TooLarge(8)));
        assert_eq!(results.last(), Some(&Ok(b"{\"a\":1}".to_vec())));
    }

    #[test]
    fn reset_forgets_a_partial_object() {
        let mut splitter = JsonObjectSplitter::new();
        assert!(splitter.push(b"{\"a\":").is_empty());
        splitter.reset();
        assert_eq!(texts(splitter.push(b"{\"b\":2}")), ["{\"b\":2}"]);
    }
}
