//! Hostile mapping documents (spec 9.2): unknown ids, a standard mapped twice, cycles of
//! nonsense, huge lists, wrong formats and wrong types at every field. Each gives located
//! diagnostics, never a panic and never a silent success.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chime_standards::{
    default_framework, draft_mapping, example_assessment, migrate, parse_json, validate_mapping,
    Code, Diagnostic, Document, Framework, Limits, Mapping, Severity,
};
use serde_json::{json, Value};

fn framework_v2() -> Framework {
    let mut new = default_framework();
    new.version = "2.0.0".into();
    new
}

/// A complete, valid mapping from the default framework to its 2.0.0 copy, as JSON.
fn valid() -> Value {
    let mapping = draft_mapping(&default_framework(), &framework_v2());
    serde_json::to_value(&mapping).unwrap()
}

/// Reads and checks a mapping given as JSON; the diagnostics that are errors.
fn errors_of(value: &Value) -> Vec<Diagnostic> {
    let bytes = serde_json::to_vec(value).unwrap();
    errors_of_bytes(&bytes)
}

fn errors_of_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    let found = match parse_json::<Mapping>(bytes, Document::Mapping, &Limits::default()) {
        Ok(mapping) => {
            let found = validate_mapping(&mapping, &default_framework(), &framework_v2());
            // Migration must refuse (or succeed) cleanly too, and never succeed with a
            // mapping whose targets are wrong.
            let target_errors = found
                .iter()
                .any(|d| d.is_error() && (d.path.contains("/to") || d.code == Code::WrongFormat));
            match migrate(&example_assessment(), &mapping, &framework_v2()) {
                Ok(_) => assert!(!target_errors, "migrated with a broken mapping"),
                Err(error) => assert!(error.errors().count() > 0),
            }
            found
        }
        Err(error) => error.diagnostics,
    };
    found
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn codes(found: &[Diagnostic]) -> Vec<(Code, String)> {
    found.iter().map(|d| (d.code, d.path.clone())).collect()
}

#[test]
fn the_valid_mapping_is_valid() {
    assert!(errors_of(&valid()).is_empty());
}

#[test]
fn unknown_ids_everywhere_are_each_reported() {
    let mut mapping = valid();
    mapping["standards"][0]["from"] = json!(["no-such-old"]);
    mapping["standards"][1]["to"] = json!(["no-such-new"]);
    mapping["retired"] = json!(["also-unknown"]);
    let found = codes(&errors_of(&mapping));
    for (code, path) in [
        (Code::UnknownStandard, "/standards/0/from/0"),
        (Code::UnknownStandard, "/standards/1/to/0"),
        (Code::UnknownStandard, "/retired/0"),
        (Code::UnmappedStandard, "/standards"),
    ] {
        assert!(
            found.contains(&(code, path.to_string())),
            "{code} {path}: {found:?}"
        );
    }
}

#[test]
fn a_standard_mapped_twice_is_refused_at_the_second_place() {
    let mut mapping = valid();
    let first = mapping["standards"][0]["from"][0].clone();
    mapping["standards"][1]["from"]
        .as_array_mut()
        .unwrap()
        .push(first.clone());
    mapping["retired"] = json!([first]);
    let found = codes(&errors_of(&mapping));
    assert!(found.contains(&(Code::MappedTwice, "/standards/1/from/1".into())));
    assert!(found.contains(&(Code::MappedTwice, "/retired/0".into())));
}

#[test]
fn cycles_of_nonsense_are_refused_not_followed() {
    // Every entry maps its old standard to the next one's new id, and the last to the first:
    // a "cycle" that a naive follower would chase. Mappings are never followed transitively,
    // so this is only a mapping with relations that do not say much; each check still holds.
    let framework = default_framework();
    let ids: Vec<String> = framework.standards.iter().map(|s| s.id.clone()).collect();
    let n = ids.len();
    let mut mapping = valid();
    for (i, id) in ids.iter().enumerate() {
        mapping["standards"][i]["from"] = json!([id]);
        mapping["standards"][i]["to"] = json!([ids[(i + 1) % n]]);
        mapping["standards"][i]["relation"] = json!("overlaps");
    }
    assert!(
        errors_of(&mapping).is_empty(),
        "a rotation is a valid mapping"
    );
    // Now every entry leads to the same two standards, both ways round.
    for i in 0..n {
        mapping["standards"][i]["to"] = json!([ids[0], ids[1], ids[0]]);
    }
    let found = errors_of(&mapping);
    let targets = found
        .iter()
        .filter(|d| d.code == Code::DuplicateTarget)
        .count();
    // Entry 0 repeats ids[0] once; every later entry repeats all three.
    assert_eq!(targets, 1 + 3 * (n - 1), "{:?}", codes(&found));
}

#[test]
fn huge_lists_are_checked_in_reasonable_time() {
    let mut mapping = valid();
    let many: Vec<String> = (0..100_000).map(|i| format!("unknown-{i}")).collect();
    mapping["retired"] = json!(many);
    mapping["standards"][0]["to"] = json!(many);
    let found = errors_of(&mapping);
    // 100,000 unknown retired ids and 100,000 unknown targets, each reported where it is.
    let unknown = found
        .iter()
        .filter(|d| d.code == Code::UnknownStandard)
        .count();
    assert_eq!(unknown, 200_000);
    assert!(found.iter().any(|d| d.path == "/retired/99999"));

    let mut entries = valid();
    let entry = entries["standards"][0].clone();
    entries["standards"] = json!(vec![entry; 50_000]);
    let found = errors_of(&entries);
    assert!(found.iter().any(|d| d.code == Code::MappedTwice));
    assert!(found.iter().any(|d| d.code == Code::DuplicateTarget));
}

#[test]
fn wrong_formats_and_shapes_are_refused() {
    let mut wrong = valid();
    wrong["format"] = json!("chime-standards/assessment@1");
    assert_eq!(
        codes(&errors_of(&wrong))[0],
        (Code::WrongFormat, "/format".into())
    );

    for (text, code) in [
        ("", Code::InvalidJson),
        ("[]", Code::InvalidType),
        ("null", Code::InvalidType),
        (
            "{\"format\": \"chime-standards/mapping@1\"",
            Code::InvalidJson,
        ),
        ("\u{feff}{}", Code::InvalidJson),
        ("{}", Code::MissingField),
    ] {
        let found = errors_of_bytes(text.as_bytes());
        assert_eq!(found[0].code, code, "{text:?}");
        assert_eq!(found[0].document, Document::Mapping);
    }
    let found = errors_of_bytes(&[0xff, 0xfe, 0x00]);
    assert_eq!(found[0].code, Code::InvalidJson);

    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!errors_of_bytes(deep.as_bytes()).is_empty());

    let limits = Limits { max_bytes: 16 };
    let error = parse_json::<Mapping>(
        &serde_json::to_vec(&valid()).unwrap(),
        Document::Mapping,
        &limits,
    )
    .unwrap_err();
    assert_eq!(error.code(), Some(Code::InputTooLarge));
}

/// Every value inside `value`, with its JSON Pointer.
fn nodes(value: &Value, at: &str, out: &mut Vec<String>) {
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
        out.push(pointer.clone());
        nodes(child, &pointer, out);
    }
}

#[test]
fn a_wrong_type_at_every_field_is_located() {
    let mapping = valid();
    let mut paths = Vec::new();
    nodes(&mapping, "", &mut paths);
    assert!(paths.len() > 50);
    for path in paths {
        for replacement in [json!(7), json!({"x": 1}), json!(true)] {
            let mut broken = mapping.clone();
            let slot = broken.pointer_mut(&path).unwrap();
            if slot.is_object() && replacement.is_object() {
                continue;
            }
            *slot = replacement;
            let bytes = serde_json::to_vec(&broken).unwrap();
            let error = parse_json::<Mapping>(&bytes, Document::Mapping, &Limits::default())
                .expect_err(&path);
            let diagnostic = &error.diagnostics[0];
            assert!(
                matches!(diagnostic.code, Code::InvalidType | Code::InvalidValue),
                "{path}: {diagnostic}"
            );
            // The error points at the field, or at the item holding it.
            assert!(
                path.starts_with(&diagnostic.path) && !diagnostic.path.is_empty(),
                "{path}: reported at {}",
                diagnostic.path
            );
        }
    }
}
