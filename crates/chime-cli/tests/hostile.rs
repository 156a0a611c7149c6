//! Hostile input through the `chime` command: every file in `tests/hostile/` is refused with
//! exit code 1 and the expected located diagnostic, and the large inputs made here are refused
//! (or handled) without a panic, a hang or unbounded memory.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{chime, repo};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chime-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Exit 1 with the code among the diagnostics (`score` prints them on standard error,
/// `validate` on standard output).
fn refused(output: &Output, code: &str) {
    let text = format!(
        "{}{}",
        stderr(output),
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("error[{code}]")),
        "expected {code}: {text}"
    );
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn every_committed_hostile_file_is_refused_with_its_code() {
    let dir = repo().join("tests/hostile");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let expected = expected.as_object().unwrap();
    assert!(expected.len() >= 20);
    for (file, want) in expected {
        let path = dir.join(file);
        let output = chime(&["score", &path.to_string_lossy()]);
        let code = want["code"].as_str().unwrap();
        refused(&output, code);
        // Where the manifest names the place, the diagnostic points there.
        if let Some(pointer) = want.get("path").and_then(|p| p.as_str()) {
            let document = want["document"].as_str().unwrap();
            let located = format!("error[{code}] {document} {pointer}:");
            assert!(
                stderr(&output).contains(&located),
                "{file}: {}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn nesting_200000_deep_is_refused() {
    let path = scratch("deep.json");
    let deep = format!(
        r#"{{"format": {}{}}}"#,
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    std::fs::write(&path, deep).unwrap();
    refused(&chime(&["score", &path.to_string_lossy()]), "invalid_type");
    let path = scratch("deep-objects.json");
    let deep = format!("{}{}", r#"{"a":"#.repeat(200_000), "}".repeat(200_000));
    std::fs::write(&path, deep).unwrap();
    refused(
        &chime(&["validate", &path.to_string_lossy()]),
        "unknown_field",
    );
}

#[test]
fn a_40_mb_string_is_refused_by_the_size_limit() {
    let path = scratch("huge.json");
    let mut text = String::from(r#"{"format": "chime-standards/assessment@1", "id": ""#);
    text.push_str(&"x".repeat(40 * 1024 * 1024));
    text.push_str("\"}");
    std::fs::write(&path, text).unwrap();
    refused(
        &chime(&["score", &path.to_string_lossy()]),
        "input_too_large",
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_framework_of_100000_standards_is_checked_and_scored() {
    let standards: Vec<serde_json::Value> = (0..100_000)
        .map(|i| {
            serde_json::json!({
                "id": format!("s{i}"), "title": "t", "statement": "s",
                "domains": [{"domain": if i % 2 == 0 { "hope" } else { "identity" }}]
            })
        })
        .collect();
    let mut framework: serde_json::Value =
        serde_json::from_str(chime_standards::DEFAULT_FRAMEWORK_JSON).unwrap();
    framework["standards"] = serde_json::Value::Array(standards);
    framework["id"] = "wide".into();
    let framework_path = scratch("wide.json");
    std::fs::write(&framework_path, serde_json::to_vec(&framework).unwrap()).unwrap();

    let judgements: Vec<serde_json::Value> = (0..100_000)
        .map(|i| serde_json::json!({"standard": format!("s{i}"), "rating": i % 2}))
        .collect();
    let assessment = serde_json::json!({
        "format": "chime-standards/assessment@1", "id": "a",
        "framework": {"id": "wide", "version": framework["version"]},
        "assessed_on": "2025-01-01",
        "organisation": {"id": "o", "structure": "informal"},
        "judgements": judgements,
    });
    let assessment_path = scratch("wide-assessment.json");
    std::fs::write(&assessment_path, serde_json::to_vec(&assessment).unwrap()).unwrap();

    let output = chime(&[
        "score",
        &assessment_path.to_string_lossy(),
        "--framework",
        &framework_path.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["standards"].as_array().map(Vec::len), Some(100_000));
    // Hope holds the even standards (rated 0), identity the odd ones (rated 1 of 4).
    let score = |domain: &str| {
        report["domains"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["domain"] == domain)
            .unwrap()["score"]
            .clone()
    };
    assert_eq!(score("hope"), 0.0);
    assert_eq!(score("identity"), 25.0);
}
