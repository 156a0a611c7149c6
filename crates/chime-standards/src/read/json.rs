//! JSON output shared by every front end, so the CLI, Python and JavaScript write the same bytes.

use serde::Serialize;

/// Pretty JSON (two-space indent) with a final newline.
pub(crate) fn to_pretty<T: Serialize>(value: &T) -> String {
    // Serialising our own types to a String cannot fail: they have string keys and no
    // non-finite floats reach them (validation refuses those).
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
