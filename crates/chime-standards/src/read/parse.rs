//! Reading documents from JSON, with every failure turned into a located diagnostic.
//!
//! Malformed JSON, wrong types, unknown fields and oversize input all come back as an
//! [`Error`] with a code and a JSON Pointer, never a panic. serde_json's recursion limit (128)
//! bounds nesting, so deep input cannot overflow the stack.

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::diagnostic::{Code, Document, Error};
use crate::read::locate::{offset_of, pointer_at};
use crate::read::strict::Strict;

/// Limits on untrusted input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document accepted, in bytes (default 16 MiB: an assessment with thousands of
    /// evidence items is well under 1 MiB, so this only stops accidents and attacks).
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Parses one JSON document of type `T`, reporting problems against `document`.
///
/// ```
/// use chime_standards::{parse_json, Assessment, Code, Document, Limits};
/// let error = parse_json::<Assessment>(br#"{"format": 1}"#, Document::Assessment, &Limits::default())
///     .unwrap_err();
/// assert_eq!(error.code(), Some(Code::InvalidType));
/// assert_eq!(error.diagnostics[0].path, "/format");
/// ```
pub fn parse_json<T: DeserializeOwned>(
    bytes: &[u8],
    document: Document,
    limits: &Limits,
) -> Result<T, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::single(
            Code::InputTooLarge,
            document,
            "",
            format!(
                "the input is {} bytes, over the limit of {} bytes; split it or raise the limit",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(Error::single(
            Code::InvalidJson,
            document,
            "",
            "the text starts with a byte-order mark; save the file as UTF-8 without a BOM",
        ));
    }
    // One parse at full speed; only a failure is located, from the position serde_json gives.
    read_strictly(bytes).map_err(|error| {
        let path = match error.line() {
            0 => String::new(),
            line => pointer_at(bytes, offset_of(bytes, line, error.column())),
        };
        to_error(error, document, path)
    })
}

/// serde_json's `from_slice`, with structs read from JSON objects only ([`Strict`]).
fn read_strictly<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(Strict(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// A document from an already parsed JSON value, read as strictly as [`parse_json`] reads
/// text. Errors are not located (a value has no positions): callers that need diagnostics
/// parse the text instead.
///
/// ```
/// use chime_standards::{from_value, Assessment};
/// let value: serde_json::Value = serde_json::from_str(chime_standards::EXAMPLE_ASSESSMENT_JSON).unwrap();
/// let mut as_array = value.clone();
/// as_array["organisation"] = serde_json::json!(["o1", "A name", "informal"]);
/// assert!(from_value::<Assessment>(value).is_ok());
/// assert!(from_value::<Assessment>(as_array).is_err());
/// ```
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> serde_json::Result<T> {
    T::deserialize(Strict(value))
}

fn to_error(error: serde_json::Error, document: Document, path: String) -> Error {
    let text = error.to_string();
    let code = match error.classify() {
        Category::Syntax | Category::Eof | Category::Io if text.contains("recursion limit") => {
            Code::NestingTooDeep
        }
        Category::Syntax | Category::Eof | Category::Io => Code::InvalidJson,
        Category::Data if text.starts_with("missing field") => Code::MissingField,
        Category::Data if text.starts_with("unknown field") => Code::UnknownField,
        Category::Data if text.starts_with("invalid type") => Code::InvalidType,
        Category::Data if text.starts_with("duplicate field") => Code::DuplicateKey,
        Category::Data => Code::InvalidValue,
    };
    let advice = match code {
        Code::InvalidJson => "; check the file is complete, valid JSON",
        Code::NestingTooDeep => "; no chime-standards document nests this deep",
        Code::MissingField => "; add it",
        Code::UnknownField => "; remove it or correct its spelling",
        Code::DuplicateKey => "; keep one of them",
        _ => "",
    };
    Error::single(code, document, path, format!("{text}{advice}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Assessment;

    fn parse_error(text: &str) -> crate::Diagnostic {
        match parse_json::<Assessment>(text.as_bytes(), Document::Assessment, &Limits::default()) {
            Ok(_) => panic!("expected an error for {text}"),
            Err(error) => error
                .diagnostics
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("no diagnostic")),
        }
    }

    #[test]
    fn classifies_and_locates_failures() {
        let truncated = parse_error(r#"{"format": "chime-standards/assessment@1", "id": "#);
        assert_eq!(truncated.code, Code::InvalidJson);

        let wrong_type = parse_error(r#"{"format": "x", "id": 7}"#);
        assert_eq!(
            (wrong_type.code, wrong_type.path.as_str()),
            (Code::InvalidType, "/id")
        );

        let unknown = parse_error(r#"{"format": "x", "colour": 7}"#);
        assert_eq!(unknown.code, Code::UnknownField);

        let missing = parse_error(r#"{"format": "x"}"#);
        assert_eq!(missing.code, Code::MissingField);

        // Deep nesting stops at the first value of the wrong shape, long before the stack is
        // at risk; serde_json's recursion limit guards any path that would recurse.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse_error(&deep).code, Code::InvalidType);
        let deep_field = format!(
            r#"{{"format": {}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let diagnostic = parse_error(&deep_field);
        assert_eq!(
            (diagnostic.code, diagnostic.path.as_str()),
            (Code::InvalidType, "/format")
        );

        let twice = parse_error(r#"{"format": "x", "id": "a", "id": "b"}"#);
        assert_eq!(
            (twice.code, twice.path.as_str()),
            (Code::DuplicateKey, "/id")
        );

        let bom = parse_error("\u{feff}{}");
        assert_eq!(bom.code, Code::InvalidJson);

        let trailing = parse_error(r#"{"format": "x"} extra"#);
        assert_eq!(trailing.code, Code::MissingField);
    }

    #[test]
    fn refuses_oversize_input_before_parsing() {
        let limits = Limits { max_bytes: 10 };
        let error =
            parse_json::<Assessment>(b"{\"format\": \"long\"}", Document::Assessment, &limits)
                .err()
                .and_then(|error| error.code());
        assert_eq!(error, Some(Code::InputTooLarge));
    }
}
