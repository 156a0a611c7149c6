//! The committed JSON Schemas under `schema/` must match the Rust types, and every example and
//! conformance document must validate against its schema.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chime_standards::{generate_schema, schema, SchemaKind};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Set `CHIME_UPDATE_SCHEMAS=1` to rewrite the files instead of failing.
#[test]
fn committed_schemas_are_fresh() {
    let update = std::env::var_os("CHIME_UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for kind in SchemaKind::ALL {
        let generated = generate_schema(kind);
        let path = repo().join("schema").join(kind.file_name());
        if update {
            std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else if schema(kind) != generated {
            stale.push(kind.file_name());
        }
    }
    assert!(
        stale.is_empty(),
        "stale schema files {stale:?}; regenerate them with:\n    CHIME_UPDATE_SCHEMAS=1 cargo test -p chime-standards --test schema"
    );
}

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(schema(kind)).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{} schema: {e}", kind.name()))
}

fn check(kind: SchemaKind, value: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator(kind)
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match the {} schema:\n{}",
        kind.name(),
        errors.join("\n")
    );
}

fn read(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn kind_of(value: &serde_json::Value) -> Option<SchemaKind> {
    let format = value.get("format")?.as_str()?;
    let name = format.strip_prefix("chime-standards/")?.split('@').next()?;
    SchemaKind::from_name(name)
}

#[test]
fn shipped_and_example_documents_match_their_schemas() {
    let mut files = vec![
        repo().join("crates/chime-standards/frameworks/chime-lero.json"),
        repo().join("crates/chime-standards/frameworks/chime-lero-example.json"),
    ];
    // The golden files' inputs and reports too (their `cases.json` is a list of cases).
    let mut dirs = vec![repo().join("examples"), repo().join("tests/golden")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json")
                && !path.ends_with("tests/golden/cases.json")
            {
                files.push(path);
            }
        }
    }
    let mut checked = 0;
    for path in &files {
        let value = read(path);
        let kind = kind_of(&value).unwrap_or_else(|| panic!("{}: no known format", path.display()));
        check(kind, &value, &path.display().to_string());
        checked += 1;
    }
    assert!(
        checked >= 13,
        "expected the examples to be found, checked {checked}"
    );
}

#[test]
fn reports_of_the_examples_match_the_report_schema() {
    let engine = chime_standards::Engine::default_framework();
    let report = engine
        .score(&chime_standards::example_assessment())
        .unwrap_or_else(|e| panic!("{e}"));
    let value = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
    check(SchemaKind::Report, &value, "the example report");
    let comparison = chime_standards::compare(&report, &report).unwrap_or_else(|e| panic!("{e}"));
    check(
        SchemaKind::Comparison,
        &serde_json::to_value(&comparison).unwrap_or_default(),
        "a comparison",
    );
    let cohort = chime_standards::cohort(&[report]).unwrap_or_else(|e| panic!("{e}"));
    check(
        SchemaKind::Cohort,
        &serde_json::to_value(&cohort).unwrap_or_default(),
        "a cohort",
    );
}

#[test]
fn schemas_reject_what_the_engine_rejects() {
    let framework_schema = validator(SchemaKind::Assessment);
    let bad =
        serde_json::json!({"format": "chime-standards/assessment@1", "id": "a", "surprise": 1});
    assert!(
        !framework_schema.is_valid(&bad),
        "unknown fields and missing fields must fail the schema"
    );
}

/// The schema and the parser agree on every conformance document given as an object: a
/// document the case expects to parse must match its schema, and one the case expects the
/// parser to refuse (missing or unknown field, wrong type) must not.
#[test]
fn conformance_documents_agree_with_the_schemas() {
    const PARSE_CODES: [&str; 3] = ["missing_field", "unknown_field", "invalid_type"];
    let dir = repo().join("tests/conformance");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let case = read(&path);
        let expected = case["expect"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let refused = |document: &str| {
            expected.iter().any(|d| {
                d["document"] == document && PARSE_CODES.iter().any(|code| d["code"] == *code)
            })
        };
        let mut documents = vec![(
            "framework",
            SchemaKind::Framework,
            case["framework"].clone(),
        )];
        for key in ["assessment", "before", "after"] {
            documents.push(("assessment", SchemaKind::Assessment, case[key].clone()));
        }
        for key in ["old", "new"] {
            documents.push(("framework", SchemaKind::Framework, case[key].clone()));
        }
        documents.push(("mapping", SchemaKind::Mapping, case["mapping"].clone()));
        for item in case["assessments"].as_array().cloned().unwrap_or_default() {
            documents.push(("assessment", SchemaKind::Assessment, item));
        }
        for (document, kind, value) in documents {
            if !value.is_object() {
                continue; // absent, raw text, or "default"
            }
            let valid = validator(kind).is_valid(&value);
            let name = format!("{}: {document}", path.display());
            assert_eq!(
                valid,
                !refused(document),
                "{name}: schema and parser disagree"
            );
            checked += 1;
        }
    }
    assert!(checked >= 60, "checked only {checked} documents");
}
