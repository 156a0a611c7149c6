//! The columns of the research rows are the documented ones, in the documented order: the
//! table in `bindings/python/README.md` ("Tables") is the expectation, written by hand, and
//! both `RecordLevel::columns()` and the keys of every serialised row must equal it.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt;
use std::path::Path;

use chime_standards::{example_assessment, records, Engine, RecordLevel};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

/// The keys of a JSON object in the order they were written (serde_json's `Map` would sort
/// them, which is how an order test stops being able to fail).
struct KeysInOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeysInOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeysInOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeysInOrder(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// The backticked words of a piece of Markdown, in order.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The documented columns of a level: the key columns of the sentence "Every row starts
/// with ...", then the level's row of the table.
fn documented_columns(level: RecordLevel) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bindings/python/README.md");
    let readme =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = readme
        .find("Every row starts with")
        .expect("the README lists the key columns");
    let sentence = &readme[start..];
    let sentence = &sentence[..sentence.find('.').expect("the sentence ends")];
    let mut columns = code_spans(sentence);
    let row_start = format!("| `{}` |", level.name());
    let row = readme
        .lines()
        .find(|line| line.starts_with(&row_start))
        .unwrap_or_else(|| panic!("the README's table has no row for {}", level.name()));
    let own = &row[row_start.len()..];
    columns.extend(code_spans(own));
    columns
}

#[test]
fn the_documentation_lists_seven_key_columns() {
    for level in RecordLevel::ALL {
        let documented = documented_columns(level);
        assert_eq!(
            documented[..7],
            [
                "assessment",
                "organisation",
                "structure",
                "assessed_on",
                "assessment_status",
                "framework",
                "framework_version"
            ]
        );
        assert!(documented.len() > 7, "{level:?}: {documented:?}");
    }
}

#[test]
fn columns_are_the_documented_ones_in_order() {
    for level in RecordLevel::ALL {
        assert_eq!(
            level.columns(),
            documented_columns(level),
            "{level:?}: RecordLevel::columns() and bindings/python/README.md disagree"
        );
    }
}

#[test]
fn serialized_rows_have_the_documented_keys_in_order() {
    let report = Engine::default_framework()
        .score(&example_assessment())
        .expect("the example scores");
    for level in RecordLevel::ALL {
        let documented = documented_columns(level);
        let rows = records([&report], level);
        assert!(!rows.is_empty(), "{level:?}");
        for row in rows {
            let json = serde_json::to_string(&row).expect("a row serialises");
            let KeysInOrder(keys) = serde_json::from_str(&json).expect("a row is an object");
            assert_eq!(keys, documented, "{level:?}: {json}");
        }
    }
}

#[test]
fn keys_in_order_keeps_the_written_order() {
    let KeysInOrder(keys) = serde_json::from_str(r#"{"b": 1, "a": {"z": 2}, "c": null}"#).unwrap();
    assert_eq!(keys, ["b", "a", "c"]);
}
