//! Wrong types at every field: each leaf of the example assessment, replaced by a value of
//! another JSON type, gives an `invalid_type` error at that field (or the item holding it),
//! never a panic and never a silent success; and each object written as an array is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chime_standards::{from_value, Assessment, Code, Engine, Limits, EXAMPLE_ASSESSMENT_JSON};
use serde_json::Value;

/// Every leaf of `value` with its JSON Pointer.
fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// A value of a different JSON type than `value`, that no field of the format accepts there.
fn wrong_type(value: &Value) -> Value {
    match value {
        Value::String(_) => Value::Bool(true),
        Value::Bool(_) => Value::String("yes".into()),
        Value::Number(_) => serde_json::json!({"n": 1}),
        _ => Value::Array(Vec::new()),
    }
}

#[test]
fn a_wrong_type_at_any_field_is_an_error_located_there() {
    let engine = Engine::default_framework();
    let example: Value = serde_json::from_str(EXAMPLE_ASSESSMENT_JSON).unwrap();
    let mut paths = Vec::new();
    leaves(&example, String::new(), &mut paths);
    assert!(
        paths.len() > 200,
        "the example has many fields: {}",
        paths.len()
    );
    for path in paths {
        let mut broken = example.clone();
        let slot = broken.pointer_mut(&path).unwrap();
        *slot = wrong_type(slot);
        let bytes = serde_json::to_vec(&broken).unwrap();
        let error = match engine.score_json(&bytes, &Limits::default()) {
            Ok(_) => panic!("{path}: a wrong type was accepted"),
            Err(error) => error,
        };
        let first = &error.diagnostics[0];
        // The error names the field, or (for lists) the element holding it.
        let parent = path.rsplit_once('/').map_or("", |(head, _)| head);
        assert!(
            first.path == path || first.path == parent,
            "{path}: located at {} ({})",
            first.path,
            first.message
        );
        assert_eq!(first.code, Code::InvalidType, "{path}: {}", first.message);
    }
}

/// Every object of the example below the top, as JSON Pointers.
fn objects(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if !at.is_empty() {
                out.push(at.clone());
            }
            map.iter()
                .for_each(|(k, v)| objects(v, format!("{at}/{k}"), out));
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| objects(v, format!("{at}/{i}"), out)),
        _ => {}
    }
}

/// serde reads a struct from an array of its field values too; the format does not, so an
/// object written as such an array is refused at that object.
#[test]
fn an_object_written_as_an_array_of_its_values_is_refused_there() {
    let engine = Engine::default_framework();
    let example: Value = serde_json::from_str(EXAMPLE_ASSESSMENT_JSON).unwrap();
    let mut paths = Vec::new();
    objects(&example, String::new(), &mut paths);
    assert!(
        paths.len() > 30,
        "the example has many objects: {}",
        paths.len()
    );
    for path in paths {
        let mut broken = example.clone();
        let slot = broken.pointer_mut(&path).unwrap();
        let values: Vec<Value> = slot.as_object().unwrap().values().cloned().collect();
        *slot = Value::Array(values);
        let bytes = serde_json::to_vec(&broken).unwrap();
        let error = engine
            .score_json(&bytes, &Limits::default())
            .err()
            .unwrap_or_else(|| panic!("{path}: an array was read as an object"));
        let first = &error.diagnostics[0];
        assert_eq!(
            (first.code, first.path.as_str()),
            (Code::InvalidType, path.as_str()),
            "{}",
            first.message
        );
        // The same document as a value (Python's fast path for dicts) is refused too.
        assert!(from_value::<Assessment>(broken).is_err(), "{path}");
    }
}
