//! `chime diff`, `chime mapping`, `chime migrate`, `chime compare --mapping` and
//! `chime validate` of a mapping, end to end on the committed examples.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{chime, repo, temp_dir, text};
use serde_json::Value;

const OLD: &str = "crates/chime-standards/frameworks/chime-lero.json";
const NEW: &str = "examples/revisions/chime-lero-2.0.0.json";
const MAPPING: &str = "examples/revisions/chime-lero-1.0.0-to-2.0.0.mapping.json";
const NATIONAL_MAPPING: &str = "examples/revisions/chime-lero-1.0.0-to-national-0.1.0.mapping.json";
const HARBOUR_LANE: &str = "examples/default/harbour-lane-2025.json";

fn committed(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn diff_prints_the_changes_for_an_editor_and_as_json() {
    let output = chime(&["diff", OLD, NEW]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let shown = text(&output.stdout);
    assert_eq!(
        shown,
        committed("examples/revisions/chime-lero-1.0.0-to-2.0.0.changes.txt")
    );
    assert!(shown.contains("they need a major version"), "{shown}");
    assert!(
        shown.contains("standard c4-safeguarding-and-supervision"),
        "{shown}"
    );

    let output = chime(&["diff", OLD, NEW, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        committed("examples/revisions/chime-lero-1.0.0-to-2.0.0.changes.json")
    );
}

#[test]
fn diff_exits_1_when_the_version_does_not_rise_far_enough() {
    let dir = temp_dir("diff-bump");
    let mut new: Value = serde_json::from_str(&committed(NEW)).unwrap();
    new["version"] = "1.1.0".into();
    let path = dir.join("too-small.json");
    std::fs::write(&path, new.to_string()).unwrap();
    let path = path.to_string_lossy().into_owned();

    let output = chime(&["diff", OLD, &path, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let changes: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(changes["required_bump"], "major");
    assert_eq!(changes["diagnostics"][0]["code"], "version_bump_too_small");
    assert_eq!(changes["diagnostics"][0]["path"], "/version");

    let output = chime(&["diff", OLD, &path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("use 2.0.0 or higher"));

    // Two different frameworks: refused with a located error on standard error.
    let output = chime(&["diff", OLD, "examples/national/framework.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("framework_mismatch"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mapping_prints_a_draft_that_passes_the_checks() {
    let output = chime(&["mapping", OLD, NEW]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let draft: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(draft["format"], "chime-standards/mapping@1");
    // Standards gone from the new version are proposed as retired, for a person to remap.
    let retired: Vec<&str> = draft["retired"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        retired,
        [
            "c4-safeguarding-and-supervision",
            "h1-visible-role-models",
            "m3-lived-experience-as-resource",
            "m4-recovery-capital"
        ]
    );

    let dir = temp_dir("draft");
    let path = dir.join("draft.json");
    std::fs::write(&path, &output.stdout).unwrap();
    let output = chime(&[
        "validate",
        &path.to_string_lossy(),
        "--from",
        OLD,
        "--to",
        NEW,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_prints_the_assessment_and_the_review_list() {
    let output = chime(&[
        "migrate",
        HARBOUR_LANE,
        "--mapping",
        MAPPING,
        "--framework",
        NEW,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        committed("examples/revisions/harbour-lane-2025-chime-lero-2.0.0.json")
    );
    assert_eq!(
        text(&output.stderr),
        committed("examples/revisions/harbour-lane-2025-chime-lero-2.0.0.review.txt")
    );

    let dir = temp_dir("migrate");
    let out = dir.join("migrated.json");
    let output = chime(&[
        "migrate",
        HARBOUR_LANE,
        "--mapping",
        NATIONAL_MAPPING,
        "--framework",
        "examples/national/framework.json",
        "--output",
        &out.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        committed("examples/revisions/harbour-lane-2025-national.json")
    );
    let output = chime(&[
        "validate",
        "--framework",
        "examples/national/framework.json",
        &out.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));

    // The wrong mapping for the framework: exit 1, located, nothing written.
    let output = chime(&[
        "migrate",
        HARBOUR_LANE,
        "--mapping",
        MAPPING,
        "--framework",
        "examples/national/framework.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let errors = text(&output.stderr);
    assert!(
        errors.contains("framework_mismatch] mapping /to"),
        "{errors}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_follows_a_mapping_across_versions() {
    let migrated = "examples/revisions/harbour-lane-2025-chime-lero-2.0.0.json";
    let by_id = chime(&[
        "compare",
        HARBOUR_LANE,
        migrated,
        "--from",
        OLD,
        "--framework",
        NEW,
        "--format",
        "json",
    ]);
    assert_eq!(by_id.status.code(), Some(0), "{}", text(&by_id.stderr));
    let by_id: Value = serde_json::from_slice(&by_id.stdout).unwrap();
    assert_eq!(by_id["diagnostics"][0]["code"], "framework_version_differs");

    let mapped = chime(&[
        "compare",
        HARBOUR_LANE,
        migrated,
        "--from",
        OLD,
        "--framework",
        NEW,
        "--mapping",
        MAPPING,
        "--format",
        "json",
    ]);
    assert_eq!(mapped.status.code(), Some(0), "{}", text(&mapped.stderr));
    let mapped: Value = serde_json::from_slice(&mapped.stdout).unwrap();
    // The migrated copy is unrated wherever a standard changed, so nothing is newly met; the
    // old standards whose successors are now unrated are no longer met.
    assert_eq!(mapped["newly_met"], serde_json::json!([]));
    let no_longer: Vec<&str> = mapped["no_longer_met"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        !no_longer.contains(&"c1-peer-support-offer"),
        "{no_longer:?}"
    );

    let wrong = chime(&[
        "compare",
        HARBOUR_LANE,
        migrated,
        "--from",
        OLD,
        "--framework",
        NEW,
        "--mapping",
        NATIONAL_MAPPING,
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("framework_mismatch"));
}

#[test]
fn validate_checks_a_mapping_against_both_frameworks() {
    let output = chime(&[
        "validate", MAPPING, "--from", OLD, "--to", NEW, "--format", "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results[0]["valid"], true);
    assert_eq!(results[0]["diagnostics"][0]["code"], "new_standard");

    // Against the wrong frameworks: every problem, located in the mapping.
    let output = chime(&[
        "validate", MAPPING, "--from", OLD, "--to", OLD, "--format", "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = results[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"framework_mismatch"), "{codes:?}");
    assert!(codes.contains(&"unknown_standard"), "{codes:?}");

    let output = chime(&["validate", MAPPING]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--from OLD --to NEW"));

    for name in ["mapping", "changes"] {
        let output = chime(&["schema", name]);
        assert_eq!(output.status.code(), Some(0));
        let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            schema["$id"],
            format!("urn:chime-standards:schema:{name}@1")
        );
    }
}
