//! The id of a standard, domain or band as a report holds it.
//!
//! A report names about 80 of the framework's ids (every standard, every contribution to a
//! domain, leverage, bands). They were `Arc<str>` shared with the framework's index: no copy of
//! the bytes, but each clone and each drop is an atomic count (10.6 ns a pair in a loop here;
//! 8% of a profile of scoring sat on them). An [`Id`] of up to [`INLINE`] bytes (every id of
//! the default framework, and any id a person would type) holds its bytes itself, so copying
//! one into a report is a 48-byte copy and dropping it is nothing; longer ids are shared as
//! before (benches/README.md, "Issue 11 section 5: one slot per standard, ids inline").

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use arrayvec::ArrayString;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest id held inline: with the length and the variant, 48 bytes in all.
pub(crate) const INLINE: usize = 40;

/// An id, read as a `&str` (it dereferences to one) and written to JSON as a string.
///
/// ```
/// use chime_standards::Id;
/// let id = Id::from("c1-peer-support-offer");
/// assert_eq!(id, "c1-peer-support-offer");
/// assert!(id.starts_with("c1"));
/// ```
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(type = "string"))]
#[derive(Clone)]
pub struct Id(Repr);

#[derive(Clone)]
enum Repr {
    Inline(ArrayString<INLINE>),
    Shared(Arc<str>),
}

impl Id {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(id) => id.as_str(),
            Repr::Shared(id) => id,
        }
    }
}

impl From<&str> for Id {
    fn from(id: &str) -> Id {
        Id(ArrayString::from(id).map_or_else(|_| Repr::Shared(Arc::from(id)), Repr::Inline))
    }
}

impl From<String> for Id {
    fn from(id: String) -> Id {
        Id::from(id.as_str())
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Id {}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Id, E> {
                Ok(Id::from(id))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// The schema of a string, as `Arc<str>` and `String` have.
impl JsonSchema for Id {
    fn inline_schema() -> bool {
        str::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        str::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        str::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_every_length_read_back_as_written() {
        // Up to well past the inline limit, and a multi-byte character across it.
        for n in 0..=2 * INLINE {
            let text: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let id = Id::from(text.as_str());
            assert_eq!(id.as_str(), text);
            assert_eq!(matches!(id.0, Repr::Inline(_)), n <= INLINE, "length {n}");
            // Made from the owned text, the same id.
            assert_eq!(Id::from(text.clone()), id);
            assert_eq!(
                serde_json::to_string(&id).ok(),
                serde_json::to_string(&text).ok()
            );
        }
        let wide = format!("{}é", "a".repeat(INLINE - 1));
        assert_eq!(Id::from(wide.as_str()).as_str(), wide);
    }

    #[test]
    fn ids_compare_and_order_as_their_text() {
        // Inline and shared ids, out of order: sorted as ids, they fall as the texts do.
        let mut texts: Vec<String> = ["m1", "c2", "c10", &"z".repeat(INLINE + 3), "c1"]
            .map(String::from)
            .to_vec();
        let mut ids: Vec<Id> = texts.iter().cloned().map(Id::from).collect();
        ids.sort();
        texts.sort();
        assert_eq!(ids, texts);
        assert_ne!(Id::from("c1"), Id::from("c1 "));
    }

    #[test]
    fn an_id_reads_from_json_strings_only() {
        let id: Id = serde_json::from_str("\"h2-open-door\"").unwrap_or_else(|_| Id::from(""));
        assert_eq!(id, "h2-open-door");
        assert!(serde_json::from_str::<Id>("7").is_err());
    }

    #[test]
    fn an_id_is_as_large_as_its_comment_says() {
        assert_eq!(std::mem::size_of::<Id>(), 48);
    }
}
