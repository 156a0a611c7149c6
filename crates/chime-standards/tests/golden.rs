//! Golden files: the exact report JSON, text, SVG and HTML of the cases in `tests/golden/`
//! (see its README). The Node tests check the same files against the npm package.
//!
//! Set `CHIME_UPDATE_GOLDEN=1` to rewrite the files instead of failing.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chime_standards::{render, Engine, Limits};
use serde_json::Value;

const UPDATE: &str = "CHIME_UPDATE_GOLDEN=1 cargo test -p chime-standards --test golden";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden_dir() -> PathBuf {
    repo().join("tests/golden")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One case of `tests/golden/cases.json`: its name and its inputs.
struct Case {
    name: String,
    framework: String,
    assessment: String,
}

fn cases() -> Vec<Case> {
    let list: Value = serde_json::from_slice(&read(&golden_dir().join("cases.json")))
        .unwrap_or_else(|e| panic!("cases.json: {e}"));
    let field = |case: &Value, key: &str| -> String {
        case.get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("cases.json: a case without {key}: {case}"))
            .to_string()
    };
    list.as_array()
        .expect("cases.json is an array")
        .iter()
        .map(|case| Case {
            name: field(case, "name"),
            framework: field(case, "framework"),
            assessment: field(case, "assessment"),
        })
        .collect()
}

/// The outputs of one case, by file extension.
fn outputs(case: &Case) -> Vec<(&'static str, String)> {
    let limits = Limits::default();
    let engine = if case.framework == "default" {
        Engine::default_framework()
    } else {
        let bytes = read(&repo().join(&case.framework));
        Engine::from_json(&bytes, &limits)
            .unwrap_or_else(|e| panic!("{}: the framework: {e}", case.name))
    };
    let assessment = read(&repo().join(&case.assessment));
    let report = engine
        .score_json(&assessment, &limits)
        .unwrap_or_else(|e| panic!("{}: the assessment: {e}", case.name));
    let framework = engine.framework();
    vec![
        ("json", report.to_json()),
        ("txt", render::text(&report, framework)),
        ("svg", render::svg(&report, Some(framework))),
        ("html", render::html(&report, framework)),
    ]
}

/// `None` when equal, else where the texts first differ: the line number and both lines.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let mut expected_lines = expected.split('\n');
    let mut actual_lines = actual.split('\n');
    let mut number = 1;
    loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => number += 1,
            (e, a) => {
                let show = |line: Option<&str>| {
                    line.map_or("(end of file)".to_string(), |l| format!("{l:?}"))
                };
                return Some(format!(
                    "line {number}:\n      expected: {}\n      actual:   {}",
                    show(e),
                    show(a)
                ));
            }
        }
    }
}

#[test]
fn outputs_match_the_golden_files() {
    let update = std::env::var_os("CHIME_UPDATE_GOLDEN").is_some();
    let cases = cases();
    assert!(cases.len() >= 5, "cases.json lists {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        for (extension, actual) in outputs(case) {
            let path = golden_dir().join(format!("{}.{extension}", case.name));
            if update {
                std::fs::write(&path, &actual)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                continue;
            }
            let expected = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(error) => {
                    failures.push(format!("tests/golden/{}.{extension}: {error}", case.name));
                    continue;
                }
            };
            if let Some(difference) = first_difference(&expected, &actual) {
                failures.push(format!(
                    "tests/golden/{}.{extension} differs at {difference}",
                    case.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nIf the change is intended, rewrite the golden files and review the diff:\n    {UPDATE}",
        failures.join("\n")
    );
}

/// The cases hold what `tests/golden/README.md` says they do.
#[test]
fn the_cases_cover_what_the_readme_promises() {
    let cases = cases();
    let partial = cases
        .iter()
        .find(|case| case.name == "partial")
        .expect("a partial case");
    let (_, json) = outputs(partial).swap_remove(0);
    let report: Value = serde_json::from_str(&json).expect("the report is JSON");
    let domains = report["domains"].as_array().expect("domains");
    assert!(
        domains.iter().any(|d| d["status"] == "not_scoreable"),
        "partial has a domain that is not scoreable"
    );
    let standards = report["standards"].as_array().expect("standards");
    assert!(
        standards.iter().any(|s| !s["capped"].is_null()),
        "partial has a capped standard"
    );
    for name in [
        "chime-lero-example",
        "harbour-lane-2024",
        "harbour-lane-2025",
        "national",
    ] {
        assert!(
            cases.iter().any(|case| case.name == name),
            "cases.json has {name}"
        );
    }
}

#[test]
fn a_changed_line_is_reported_with_its_number() {
    assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
    let difference = first_difference("a\nb\nc\n", "a\nB\nc\n").expect("differs");
    assert!(difference.starts_with("line 2:"), "{difference}");
    assert!(
        difference.contains("\"b\"") && difference.contains("\"B\""),
        "{difference}"
    );
    let shorter = first_difference("a\nb\nc", "a\nb").expect("differs");
    assert!(shorter.starts_with("line 3:"), "{shorter}");
    assert!(shorter.contains("(end of file)"), "{shorter}");
}
