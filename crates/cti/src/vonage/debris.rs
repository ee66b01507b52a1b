//! The spec's examples come from a wiki diff that kept both versions of a changed value side
//! by side: `"guid": null"6a6d57c3-…"` (the old `null`, then the new string). This reads
//! such a pair as its new value, and leaves valid JSON alone.

use std::borrow::Cow;

/// `text` with every `null` that directly precedes a string (outside strings) removed, so
/// `"guid": null"6a6d…"` reads as `"guid": "6a6d…"`. Valid JSON never has a literal
/// followed by a string, so it comes back unchanged (and borrowed).
pub fn repair_diff_debris(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if bytes[i..].starts_with(b"null") {
            let after = bytes[i + 4..]
                .iter()
                .position(|c| !c.is_ascii_whitespace())
                .map(|p| i + 4 + p);
            if after.is_some_and(|a| bytes[a] == b'"') {
                cuts.push(i);
            }
            i += 4;
            continue;
        }
        i += 1;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut repaired = String::with_capacity(text.len());
    let mut from = 0;
    for cut in cuts {
        // `cut` is the ASCII `n` of `null`: a char boundary.
        repaired.push_str(text.get(from..cut).unwrap_or_default());
        from = cut + 4;
    }
    repaired.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_value_wins() {
        assert_eq!(
            repair_diff_debris(r#"{"guid": null"6a6d"}"#),
            r#"{"guid": "6a6d"}"#
        );
        assert_eq!(
            repair_diff_debris(r#"{"a": null "x", "b": null"y"}"#),
            r#"{"a":  "x", "b": "y"}"#
        );
    }

    #[test]
    fn valid_json_and_strings_are_untouched() {
        for text in [
            r#"{"guid": null}"#,
            r#"{"text": "null\"x"}"#,
            r#"["null", null, "x"]"#,
            "",
            "null",
        ] {
            assert!(
                matches!(repair_diff_debris(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }
}
