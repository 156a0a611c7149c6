//! Turning the position of a JSON error into a JSON Pointer.
//!
//! serde_json says *where* in the text a document failed (line and column); users need to
//! know *which field*. Rather than track the path during every parse (which doubles the
//! deserialiser code and slows the common, valid case), this scans the text up to the error
//! once, keeping a stack of the objects and arrays it is inside.

use crate::diagnostic::pointer_token;

/// One open container while scanning.
enum Frame {
    /// An object, with the key of the member being read.
    Object { key: Option<String> },
    /// An array, with the index of the element being read.
    Array { index: usize },
}

/// The byte offset of serde_json's 1-based `line` and byte `column` in `text`.
pub(crate) fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => text
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    line_start.saturating_add(column).min(text.len())
}

/// The JSON Pointer of the value being read at byte `offset` of `text`: the member or element
/// whose value was being read there (`""` for the whole document).
///
/// serde_json reports a missing field after it has consumed the closing brace of the object
/// that lacks it, so the offset is just past that brace: the scan has left the object, and the
/// pointer is the object's own place in its parent, which is what the error concerns.
pub(crate) fn pointer_at(text: &[u8], offset: usize) -> String {
    let end = offset.min(text.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < end {
        match text.get(i).copied().unwrap_or(b' ') {
            b'"' => {
                let close = string_end(text, i);
                if expecting_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        let raw = text
                            .get(i..=close.min(text.len().saturating_sub(1)))
                            .unwrap_or(&[]);
                        *key = Some(serde_json::from_slice::<String>(raw).unwrap_or_else(|_| {
                            String::from_utf8_lossy(raw.get(1..).unwrap_or(&[]))
                                .trim_end_matches('"')
                                .to_string()
                        }));
                    }
                }
                i = close + 1;
                continue;
            }
            b'{' => {
                stack.push(Frame::Object { key: None });
                expecting_key = true;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expecting_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b':' => expecting_key = false,
            b',' => match stack.last_mut() {
                Some(Frame::Object { .. }) => expecting_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut pointer = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key) } => {
                pointer.push('/');
                pointer.push_str(&pointer_token(key));
            }
            Frame::Object { key: None } => break,
            Frame::Array { index } => pointer.push_str(&format!("/{index}")),
        }
    }
    pointer
}

/// The index of the quote closing the string that opens at `start` (or the end of the text).
fn string_end(text: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&byte) = text.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> String {
        let offset = text.find(marker).unwrap_or_else(|| panic!("no {marker}"));
        pointer_at(text.as_bytes(), offset)
    }

    /// The pointer just past the end of `marker`, where serde_json reports a missing field.
    fn after(text: &str, marker: &str) -> String {
        let offset = text.find(marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len();
        pointer_at(text.as_bytes(), offset)
    }

    #[test]
    fn points_at_the_member_or_element_being_read() {
        let text = r#"{"a": {"b": [1, {"c": X}], "d/e~": Y}, "f": Z}"#;
        assert_eq!(at(text, "X"), "/a/b/1/c");
        assert_eq!(at(text, "Y"), "/a/d~1e~0");
        assert_eq!(at(text, "Z"), "/f");
        assert_eq!(pointer_at(text.as_bytes(), 0), "");
        assert_eq!(pointer_at(text.as_bytes(), text.len()), "");
    }

    #[test]
    fn strings_with_brackets_quotes_and_escapes_do_not_confuse_it() {
        let text = r#"{"k\"[{": "v]},\"", "list": ["x,y", "[", X]}"#;
        assert_eq!(at(text, "X"), "/list/2");
        let unicode = r#"{"caf\u00e9": X}"#;
        assert_eq!(at(unicode, "X"), "/café");
    }

    #[test]
    fn just_past_a_closing_brace_names_that_object_wherever_it_stands() {
        // The object lacking a field is first, last, or the last member of its parent.
        let text = r#"{"list": [{"a": 1}, {"b": 2}], "outer": {"x": 1}}"#;
        assert_eq!(after(text, r#"{"a": 1}"#), "/list/0");
        assert_eq!(after(text, r#"{"b": 2}"#), "/list/1");
        assert_eq!(after(text, r#"{"x": 1}"#), "/outer");
        assert_eq!(pointer_at(text.as_bytes(), text.len()), "");
    }

    #[test]
    fn lines_and_columns_become_offsets() {
        let text = b"{\n  \"a\": 1,\n  \"b\": 2\n}";
        assert_eq!(offset_of(text, 1, 0), 0);
        assert_eq!(offset_of(text, 2, 3), 5);
        assert_eq!(offset_of(text, 3, 2), 14);
        assert_eq!(offset_of(text, 99, 0), text.len());
    }
}
