//! The committed revision examples under `examples/revisions/` stay valid, and the derived
//! files (the changes document and its text, the migrated assessments) equal what the library
//! makes from their sources today. Set `CHIME_UPDATE_EXAMPLES=1` to rewrite the derived files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chime_standards::{
    changes_text, diff, migrate, parse_json, validate_mapping, Assessment, Document, Engine,
    Framework, Limits, Mapping, Severity,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn framework(path: &str) -> Framework {
    Engine::from_json(&read(path), &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .framework()
        .clone()
}

fn mapping(path: &str) -> Mapping {
    parse_json(&read(path), Document::Mapping, &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assessment(path: &str) -> Assessment {
    parse_json(&read(path), Document::Assessment, &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The committed file must equal `fresh` (or is rewritten when updating).
fn same_as_committed(path: &str, fresh: &str) {
    if std::env::var_os("CHIME_UPDATE_EXAMPLES").is_some() {
        std::fs::write(repo().join(path), fresh).unwrap();
        return;
    }
    let committed = String::from_utf8(read(path)).unwrap();
    assert!(
        committed == fresh,
        "{path} is stale; regenerate it with:\n    CHIME_UPDATE_EXAMPLES=1 cargo test -p chime-standards --test revision_examples"
    );
}

const OLD: &str = "crates/chime-standards/frameworks/chime-lero.json";
const NEW: &str = "examples/revisions/chime-lero-2.0.0.json";
const NATIONAL: &str = "examples/national/framework.json";
const HARBOUR_LANE: &str = "examples/default/harbour-lane-2025.json";

#[test]
fn the_embedded_default_is_the_old_framework_of_the_examples() {
    assert_eq!(framework(OLD), chime_standards::default_framework());
}

#[test]
fn the_revision_needs_and_has_a_major_version() {
    let changes = diff(&framework(OLD), &framework(NEW)).unwrap();
    assert_eq!(changes.required_bump, chime_standards::Bump::Major);
    assert!(changes.version_ok());
    same_as_committed(
        "examples/revisions/chime-lero-1.0.0-to-2.0.0.changes.json",
        &changes.to_json(),
    );
    same_as_committed(
        "examples/revisions/chime-lero-1.0.0-to-2.0.0.changes.txt",
        &changes_text(&changes),
    );
}

#[test]
fn the_mappings_pass_every_check() {
    for (path, new) in [
        (
            "examples/revisions/chime-lero-1.0.0-to-2.0.0.mapping.json",
            NEW,
        ),
        (
            "examples/revisions/chime-lero-1.0.0-to-national-0.1.0.mapping.json",
            NATIONAL,
        ),
    ] {
        let found = validate_mapping(&mapping(path), &framework(OLD), &framework(new));
        let problems: Vec<_> = found
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(problems.is_empty(), "{path}: {problems:?}");
    }
}

#[test]
fn the_migrated_examples_equal_a_fresh_migration_and_are_valid() {
    for (mapping_path, new, migrated_path) in [
        (
            "examples/revisions/chime-lero-1.0.0-to-2.0.0.mapping.json",
            NEW,
            "examples/revisions/harbour-lane-2025-chime-lero-2.0.0.json",
        ),
        (
            "examples/revisions/chime-lero-1.0.0-to-national-0.1.0.mapping.json",
            NATIONAL,
            "examples/revisions/harbour-lane-2025-national.json",
        ),
    ] {
        let before = assessment(HARBOUR_LANE);
        let new = framework(new);
        let migration = migrate(&before, &mapping(mapping_path), &new).unwrap();
        same_as_committed(migrated_path, &migration.assessment.to_json());
        let engine = Engine::new(new).unwrap();
        let committed = assessment(migrated_path);
        assert!(engine.score(&committed).is_ok(), "{migrated_path}");
        assert_eq!(committed.evidence.len(), before.evidence.len());
        assert!(migration
            .diagnostics
            .iter()
            .any(|d| d.code == chime_standards::Code::MigrationReview));
    }
}
