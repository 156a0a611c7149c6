//! Reading documents through deserializers other than serde_json's text parser.
//!
//! A front end that holds documents as its own language's data (Python dicts, for example)
//! can read them straight into the core's types with its own [`serde::Deserializer`], with no
//! detour through JSON text. [`deserialize_strict`] reads them as strictly as
//! [`parse_json`](crate::parse_json) reads text: structs from maps only, so an array where an
//! object belongs is refused, not read as the struct's fields in order.

use serde::{Deserialize, Deserializer};

use crate::read::strict::Strict;

/// Reads a `T` from any deserializer, with structs read from maps only (as from text).
///
/// ```
/// use chime_standards::{deserialize_strict, Assessment};
/// let value: serde_json::Value = serde_json::from_str(chime_standards::EXAMPLE_ASSESSMENT_JSON).unwrap();
/// assert!(deserialize_strict::<Assessment, _>(&value).is_ok());
/// let mut as_array = value.clone();
/// as_array["organisation"] = serde_json::json!(["o1", "A name", "informal"]);
/// assert!(deserialize_strict::<Assessment, _>(&as_array).is_err());
/// ```
pub fn deserialize_strict<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::deserialize(Strict(deserializer))
}
