//! Wrong types at every field: each leaf of the example assessment, replaced by a value of
//! another JSON type, gives a located error at that field (or the item holding it), never a
//! panic and never a silent success.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chime_standards::{Engine, Limits, EXAMPLE_ASSESSMENT_JSON};
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
        // The error names the field, or (for enums and lists) the element holding it.
        let parent = path.rsplit_once('/').map_or("", |(head, _)| head);
        assert!(
            first.path == path || first.path == parent,
            "{path}: located at {} ({})",
            first.path,
            first.message
        );
    }
}
