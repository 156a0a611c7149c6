//! Wrong types at every field: each leaf of the example assessment, replaced by a value of
//! another JSON type, gives an `invalid_type` error at that field (or the item holding it),
//! never a panic and never a silent success; and each object written as an array is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chime_standards::{
    from_value, Assessment, Code, Diagnostic, Engine, Limits, EXAMPLE_ASSESSMENT_JSON,
};
use serde_json::Value;

/// Every value inside `value` (not `value` itself), with its JSON Pointer.
fn nodes<'a>(value: &'a Value, at: &str, out: &mut Vec<(String, &'a Value)>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (format!("{at}/{k}"), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{at}/{i}"), v))
            .collect(),
        _ => Vec::new(),
    };
    for (pointer, child) in children {
        out.push((pointer.clone(), child));
        nodes(child, &pointer, out);
    }
}

/// The example assessment, and the pointers of its values that `keep` selects.
fn example_with(keep: impl Fn(&Value) -> bool) -> (Value, Vec<String>) {
    let example: Value = serde_json::from_str(EXAMPLE_ASSESSMENT_JSON).unwrap();
    let mut all = Vec::new();
    nodes(&example, "", &mut all);
    let paths = all
        .into_iter()
        .filter(|(_, value)| keep(value))
        .map(|(pointer, _)| pointer)
        .collect();
    (example, paths)
}

/// The example with the value at `path` replaced, and the first diagnostic of scoring it,
/// which must fail.
fn broken_at(
    example: &Value,
    path: &str,
    replace: impl Fn(&Value) -> Value,
) -> (Value, Diagnostic) {
    let mut broken = example.clone();
    let slot = broken.pointer_mut(path).unwrap();
    *slot = replace(slot);
    let bytes = serde_json::to_vec(&broken).unwrap();
    let error = Engine::default_framework()
        .score_json(&bytes, &Limits::default())
        .err()
        .unwrap_or_else(|| panic!("{path}: the broken document was accepted"));
    let first = error.diagnostics[0].clone();
    (broken, first)
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
    let (example, paths) = example_with(|value| !value.is_object() && !value.is_array());
    assert!(
        paths.len() > 200,
        "the example has many fields: {}",
        paths.len()
    );
    for path in paths {
        let (_, first) = broken_at(&example, &path, wrong_type);
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

/// serde reads a struct from an array of its field values too; the format does not, so an
/// object written as such an array is refused at that object.
#[test]
fn an_object_written_as_an_array_of_its_values_is_refused_there() {
    let (example, paths) = example_with(Value::is_object);
    assert!(
        paths.len() > 30,
        "the example has many objects: {}",
        paths.len()
    );
    for path in paths {
        let (broken, first) = broken_at(&example, &path, |object| {
            Value::Array(object.as_object().unwrap().values().cloned().collect())
        });
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
