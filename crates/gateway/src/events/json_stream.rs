//! Splitting a byte stream of concatenated JSON objects (an O2G chunk channel) into objects.
//!
//! O2G does not document its framing (AMBIG-19): objects may be separated by newlines or by
//! nothing, and chunk boundaries fall anywhere, even inside a UTF-8 sequence. So we count brace
//! depth, skipping braces inside strings (and escaped quotes inside strings), and cut at
//! depth 0.

/// Incremental splitter; feed it bytes as they come.
#[derive(Debug)]
pub struct ObjectSplitter {
    buffer: Vec<u8>,
    /// Bytes of `buffer` already scanned.
    scanned: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
    max_object: usize,
}

impl ObjectSplitter {
    /// A splitter refusing objects longer than `max_object` bytes.
    pub fn new(max_object: usize) -> ObjectSplitter {
        ObjectSplitter {
            buffer: Vec::new(),
            scanned: 0,
            depth: 0,
            in_string: false,
            escaped: false,
            max_object,
        }
    }

    /// Adds bytes; returns the objects they complete, in order. An error means the stream is
    /// not a sequence of JSON objects and should be abandoned.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Result<Vec<u8>, String>> {
        let mut out = Vec::new();
        self.buffer.extend_from_slice(bytes);
        let mut start = 0;
        let mut i = self.scanned;
        while i < self.buffer.len() {
            let b = self.buffer[i];
            if self.depth == 0 {
                if b.is_ascii_whitespace() {
                    start = i + 1;
                } else if b == b'{' {
                    start = i;
                    self.depth = 1;
                } else {
                    out.push(Err(format!(
                        "unexpected byte {:?} between objects",
                        char::from(b)
                    )));
                    self.buffer.clear();
                    self.scanned = 0;
                    return out;
                }
            } else if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            out.push(Ok(self.buffer[start..=i].to_vec()));
                            start = i + 1;
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        self.buffer.drain(..start.min(self.buffer.len()));
        self.scanned = self.buffer.len();
        if self.buffer.len() > self.max_object {
            out.push(Err(format!("an object exceeds {} bytes", self.max_object)));
            self.buffer.clear();
            self.scanned = 0;
            self.depth = 0;
            self.in_string = false;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects(splitter: &mut ObjectSplitter, bytes: &[u8]) -> Vec<String> {
        splitter
            .push(bytes)
            .into_iter()
            .map(|o| String::from_utf8(o.expect("object")).expect("utf-8"))
            .collect()
    }

    #[test]
    fn splits_on_object_boundaries_not_chunk_boundaries() {
        let stream = "{\"a\":\"}{\\\"\",\"b\":[{}]}\n{\"c\":1}{\"d\":\"é\"}\r\n";
        let whole = objects(&mut ObjectSplitter::new(1024), stream.as_bytes());
        assert_eq!(
            whole,
            [
                "{\"a\":\"}{\\\"\",\"b\":[{}]}",
                "{\"c\":1}",
                "{\"d\":\"é\"}"
            ]
        );
        // Byte by byte (cutting the é in two) gives the same objects.
        let mut splitter = ObjectSplitter::new(1024);
        let mut pieces = Vec::new();
        for byte in stream.as_bytes() {
            pieces.extend(objects(&mut splitter, std::slice::from_ref(byte)));
        }
        assert_eq!(pieces, whole);
    }

    #[test]
    fn garbage_and_oversized_objects_are_errors() {
        let mut splitter = ObjectSplitter::new(1024);
        assert!(splitter.push(b"<html>").iter().any(Result::is_err));
        let mut small = ObjectSplitter::new(8);
        assert!(small
            .push(b"{\"long\":\"0123456789\"")
            .iter()
            .any(Result::is_err));
    }
}
