//! The `context` of a diagnostic: the numbers and ids its message speaks of, by name.
//!
//! Most group assessments carry several `raters_disagree` warnings, each with two named values.
//! As a `BTreeMap` each context cost the allocation of a 630-byte node, its insertions and its
//! free; here up to two values live inside the diagnostic itself, and the share benchmark's
//! scoring is 2-3% faster (benches/README.md, "Issue 11 section 5: one slot per standard, ids
//! inline"). A context still reads, compares and serialises as the JSON object it is, names
//! in order.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use smallvec::SmallVec;

/// Named values, each name once, in name order.
///
/// ```
/// use chime_standards::Context;
/// let mut context = Context::default();
/// context.insert("standard", "h2-open-door");
/// context.insert("spread", 2);
/// assert_eq!(context["spread"], 2);
/// assert_eq!(context.get("standard").and_then(|id| id.as_str()), Some("h2-open-door"));
/// assert!(context["absent"].is_null());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    entries: SmallVec<[(Cow<'static, str>, Value); 2]>,
}

impl Context {
    /// The value named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(own, _)| own == name)
            .map(|(_, value)| value)
    }

    /// Names `value`, and returns the value the name had before, if any.
    pub fn insert(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Value>,
    ) -> Option<Value> {
        let name = name.into();
        let value = value.into();
        match self.entries.binary_search_by(|(own, _)| own.cmp(&name)) {
            Ok(at) => self
                .entries
                .get_mut(at)
                .map(|(_, old)| std::mem::replace(old, value)),
            Err(at) => {
                self.entries.insert(at, (name, value));
                None
            }
        }
    }

    /// The names and values, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries
            .iter()
            .map(|(name, value)| (name.as_ref(), value))
    }

    /// How many values are named.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no value is named.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `null` for a name the context does not have, as a JSON object's index reads.
impl std::ops::Index<&str> for Context {
    type Output = Value;
    fn index(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(name).unwrap_or(&NULL)
    }
}

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (name, value) in self.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Context {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Context, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Context;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of named values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Context, A::Error> {
                let mut context = Context::default();
                // A name given twice keeps its last value, as a JSON object read into a map.
                while let Some((name, value)) = map.next_entry::<String, Value>()? {
                    context.insert(name, value);
                }
                Ok(context)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// The schema of a JSON object of any values, as the map it replaces had.
impl JsonSchema for Context {
    fn inline_schema() -> bool {
        <std::collections::BTreeMap<String, Value>>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <std::collections::BTreeMap<String, Value>>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <std::collections::BTreeMap<String, Value>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn a_context_reads_and_writes_as_a_map_does() {
        // Names out of order, one given twice, and more than the two kept inline.
        let written = [
            ("spread", Value::from(2)),
            ("standard", Value::from("c1-peer-support-offer")),
            ("rating", Value::from(-1)),
            ("spread", Value::from(3)),
            ("max_level", Value::from(3)),
        ];
        let mut context = Context::default();
        let mut map = BTreeMap::new();
        for (name, value) in written.iter().cloned() {
            assert_eq!(context.insert(name, value.clone()), map.insert(name, value));
        }
        assert_eq!(context.len(), map.len());
        let listed: Vec<(&str, &Value)> = context.iter().collect();
        let expected: Vec<(&str, &Value)> = map.iter().map(|(k, v)| (*k, v)).collect();
        assert_eq!(listed, expected);
        assert_eq!(
            serde_json::to_string(&context).ok(),
            serde_json::to_string(&map).ok()
        );
        let text = serde_json::to_string(&map).unwrap_or_default();
        let read: Result<Context, _> = serde_json::from_str(&text);
        assert_eq!(read.ok(), Some(context.clone()));
        // A repeated name in the JSON keeps its last value, as serde_json's own map does.
        let twice = r#"{"spread": 2, "spread": 4}"#;
        let as_map: Option<BTreeMap<String, Value>> = serde_json::from_str(twice).ok();
        let as_context: Option<Context> = serde_json::from_str(twice).ok();
        assert_eq!(
            as_context.map(|c| c["spread"].clone()),
            as_map.and_then(|m| m.get("spread").cloned())
        );
        assert!(serde_json::from_str::<Context>("[1, 2]").is_err());
    }

    #[test]
    fn a_context_has_the_schema_of_a_map() {
        let ours = schemars::schema_for!(Context);
        let map = schemars::schema_for!(BTreeMap<String, Value>);
        assert_eq!(ours, map);
    }
}
