//! RFC 8785 canonical JSON (JCS) and the SHA-256 digest of a document.
//!
//! An endorsement names a document by the SHA-256 of its canonical form, so the same JSON
//! value digests the same however it is laid out (whitespace, key order, `1.0` or `1`).
//! Canonical JSON needs I-JSON (RFC 7493) input: no key twice in an object, and numbers that a
//! double holds exactly. Both are checked here with a located error, because two readers that
//! kept different copies of a repeated key, or rounded a long integer differently, would
//! digest different values.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

use crate::diagnostic::{Document, Error};
use crate::read::parse::{parse_json, Limits};

/// The largest integer magnitude an IEEE 754 double holds exactly (2^53 - 1), I-JSON's bound.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The RFC 8785 canonical form of a JSON value.
///
/// ```
/// let value: serde_json::Value = serde_json::from_str(r#"{"b": [1.50, 1e2], "a": "\u00e9"}"#).unwrap();
/// assert_eq!(chime_standards::endorse::canonical_json(&value), r#"{"a":"é","b":[1.5,100]}"#);
/// ```
pub fn canonical_json(value: &Value) -> String {
    // A `Value` has string keys and finite numbers only, the one thing the canonicalizer can
    // refuse; the empty fallback is unreachable and would only fail digests, never pass them.
    serde_json_canonicalizer::to_string(value).unwrap_or_default()
}

/// The lowercase hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(64);
    for byte in Sha256::digest(bytes) {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The SHA-256 of bytes.
pub(crate) fn sha256_bytes(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The SHA-256 (lowercase hex) of a JSON value's canonical form.
pub fn value_digest(value: &Value) -> String {
    sha256_hex(canonical_json(value).as_bytes())
}

/// Reads a document as an I-JSON value: located errors for malformed JSON, a key given twice
/// (`duplicate_key`) and an integer beyond 2^53 - 1 (`invalid_value`).
///
/// ```
/// use chime_standards::{endorse::read_value, Code, Document, Limits};
/// let error = read_value(br#"{"a": 1, "a": 2}"#, Document::Assessment, &Limits::default()).unwrap_err();
/// assert_eq!((error.code(), error.diagnostics[0].path.as_str()), (Some(Code::DuplicateKey), "/a"));
/// ```
pub fn read_value(bytes: &[u8], document: Document, limits: &Limits) -> Result<Value, Error> {
    parse_json::<IJson>(bytes, document, limits).map(|IJson(value)| value)
}

/// The digest of a document given as JSON text (see [`read_value`] and [`value_digest`]).
pub fn document_digest(bytes: &[u8], document: Document, limits: &Limits) -> Result<String, Error> {
    read_value(bytes, document, limits).map(|value| value_digest(&value))
}

/// A JSON value read under I-JSON's rules.
struct IJson(Value);

impl<'de> Deserialize<'de> for IJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IJson, D::Error> {
        deserializer.deserialize_any(IJsonVisitor).map(IJson)
    }
}

struct IJsonVisitor;

impl<'de> Visitor<'de> for IJsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        if value.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(too_long());
        }
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        if value > MAX_SAFE_INTEGER {
            return Err(too_long());
        }
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(IJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                // "duplicate field" is the wording the parser's error mapping reads as
                // `duplicate_key`, located at this key.
                return Err(de::Error::custom(format_args!(
                    "duplicate field `{}`",
                    crate::diagnostic::pointer_token(&key)
                )));
            }
            let IJson(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

fn too_long<E: de::Error>() -> E {
    E::custom(
        "an integer beyond 2^53 - 1, which canonical JSON (RFC 8785) cannot digest exactly; \
         write it as a string",
    )
}
