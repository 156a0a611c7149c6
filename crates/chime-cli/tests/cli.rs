//! End-to-end tests of the `chime` binary: exit codes, formats, streaming, atomic output.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::Output;

use common::{chime, chime_with_input, repo, temp_dir, text};

fn assert_no_panic(output: &Output) {
    let stderr = text(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "panic: {stderr}"
    );
}

const EXAMPLES: [&str; 4] = [
    "crates/chime-standards/frameworks/chime-lero-example.json",
    "examples/default/harbour-lane-2024.json",
    "examples/default/harbour-lane-2025.json",
    "examples/national/assessment.json",
];

fn framework_for(example: &str) -> Option<&'static str> {
    example
        .contains("national")
        .then_some("examples/national/framework.json")
}

#[test]
fn demo_prints_a_readable_report() {
    let output = chime(&["demo"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for domain in ["Connectedness", "Identity", "Empowerment"] {
        assert!(
            stdout.contains(domain),
            "demo output lacks {domain}:\n{stdout}"
        );
    }
}

#[test]
fn json_reports_of_every_example_match_the_schema_and_the_library() {
    let schema: serde_json::Value =
        serde_json::from_str(chime_standards::schema(chime_standards::SchemaKind::Report))
            .unwrap_or_default();
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    for example in EXAMPLES {
        let mut args = vec!["score", example, "--format", "json"];
        if let Some(framework) = framework_for(example) {
            args.extend(["--framework", framework]);
        }
        let output = chime(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{example}: {}",
            text(&output.stderr)
        );
        let value: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{example}: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{example}: {errors:?}");

        let engine = match framework_for(example) {
            Some(path) => chime_standards::Engine::from_json(
                &std::fs::read(repo().join(path)).unwrap_or_default(),
                &chime_standards::Limits::default(),
            )
            .unwrap_or_else(|e| panic!("{e}")),
            None => chime_standards::Engine::default_framework(),
        };
        let bytes = std::fs::read(repo().join(example)).unwrap_or_default();
        let report = engine
            .score_json(&bytes, &chime_standards::Limits::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            text(&output.stdout),
            report.to_json(),
            "{example}: CLI and library differ"
        );
    }
}

#[test]
fn invalid_input_exits_1_with_located_diagnostics() {
    let bad = br#"{"format": "chime-standards/assessment@1", "id": "x",
        "framework": {"id": "chime-lero", "version": "1.0.0"}, "assessed_on": "2025-01-01",
        "organisation": {"id": "o", "structure": "informal"},
        "judgements": [{"standard": "no-such-standard", "rating": 9}]}"#;
    let output = chime_with_input(&["score", "-"], Some(bad));
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("unknown_standard") && stderr.contains("/judgements/0/standard"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rating_out_of_range"),
        "every problem is listed: {stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "no report for an invalid assessment"
    );
}

#[test]
fn validate_lists_problems_as_json_and_tells_frameworks_apart() {
    let output = chime(&[
        "validate",
        "examples/national/framework.json",
        "examples/default/harbour-lane-2025.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let list: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert_eq!(list[0]["valid"], true);

    let broken = chime_with_input(
        &["validate", "-"],
        Some(b"{\"format\": \"chime-standards/assessment@1\""),
    );
    assert_eq!(broken.status.code(), Some(1));
    assert!(text(&broken.stdout).contains("invalid_json"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(chime(&["score"]).status.code(), Some(2));
    assert_eq!(chime(&["no-such-command"]).status.code(), Some(2));
    let missing = chime(&["score", "does/not/exist.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("does/not/exist.json"));
    let two_svgs = chime(&["score", EXAMPLES[0], EXAMPLES[1], "--format", "svg"]);
    assert_eq!(two_svgs.status.code(), Some(2));
}

#[test]
fn output_files_are_written_whole_or_not_at_all() {
    let dir = temp_dir("output");
    let target = dir.join("report.html");
    let target_text = target.to_string_lossy().into_owned();
    let output = chime(&[
        "score",
        EXAMPLES[0],
        "--format",
        "html",
        "--output",
        &target_text,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let html = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(html.contains("<svg") && html.trim_end().ends_with("</html>"));

    let nowhere = dir.join("missing-dir/report.json");
    let output = chime(&[
        "score",
        EXAMPLES[0],
        "--format",
        "json",
        "--output",
        &nowhere.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().count())
        .into_iter()
        .collect();
    assert_eq!(
        leftovers,
        vec![1],
        "only the first report is in the folder, no partial files"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ndjson_scores_every_good_line_and_names_every_bad_one() {
    let good = std::fs::read_to_string(repo().join(EXAMPLES[0])).unwrap_or_default();
    let good: serde_json::Value = serde_json::from_str(&good).unwrap_or_default();
    let good_line = serde_json::to_string(&good).unwrap_or_default();
    let input =
        format!("{good_line}\n{{\"truncated\": \n\n{good_line}\nnot json at all\n{good_line}");
    let output = chime_with_input(&["score", "--ndjson", "-"], Some(input.as_bytes()));
    assert_eq!(
        output.status.code(),
        Some(1),
        "bad lines make the exit code 1"
    );
    let stdout = text(&output.stdout);
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(
        reports.len(),
        3,
        "every good line is scored, the last one without a newline too"
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("line 2:") && stderr.contains("line 5:"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("line 3:"),
        "a blank line is not an error: {stderr}"
    );
    assert_no_panic(&output);
}

#[test]
fn compare_and_cohort_work_from_files() {
    let output = chime(&[
        "compare",
        "examples/default/harbour-lane-2024.json",
        "examples/default/harbour-lane-2025.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let comparison: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let before = comparison["overall"]["before"].as_f64().unwrap_or(f64::NAN);
    let after = comparison["overall"]["after"].as_f64().unwrap_or(f64::NAN);
    let delta = comparison["overall"]["delta"].as_f64().unwrap_or(f64::NAN);
    assert!((after - before - delta).abs() < 0.05, "{comparison}");

    let dir = temp_dir("cohort");
    let lines = dir.join("reports.ndjson");
    let mut ndjson = String::new();
    for example in &EXAMPLES[..3] {
        let scored = chime(&["score", example, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap_or_default();
        ndjson.push_str(&format!("{report}\n"));
    }
    std::fs::write(&lines, ndjson).unwrap_or_else(|e| panic!("{e}"));
    let output = chime(&["cohort", &lines.to_string_lossy(), "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    assert!(csv.starts_with("scope,domain,n_scored"), "{csv}");
    assert_eq!(
        csv.lines().count(),
        1 + 1 + 5,
        "header, overall, five domains:\n{csv}"
    );
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|row| row.starts_with("overall,,3,")),
        "{csv}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn printing_commands_give_documents_the_library_accepts() {
    let framework = chime(&["framework"]);
    assert_eq!(framework.status.code(), Some(0));
    chime_standards::Engine::from_json(&framework.stdout, &chime_standards::Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let example = chime(&["example"]);
    let scored = chime_with_input(&["score", "-", "--format", "json"], Some(&example.stdout));
    assert_eq!(scored.status.code(), Some(0));
    for name in ["framework", "assessment", "report", "comparison", "cohort"] {
        let schema = chime(&["schema", name]);
        assert_eq!(schema.status.code(), Some(0));
        let value: serde_json::Value = serde_json::from_slice(&schema.stdout).unwrap_or_default();
        assert!(value.get("$schema").is_some(), "{name}");
    }
}

#[test]
fn hostile_files_give_exit_1_and_never_a_panic() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        (
            "truncated",
            b"{\"format\": \"chime-standards/assessment@1\", \"id\"".to_vec(),
        ),
        ("bom", b"\xEF\xBB\xBF{}".to_vec()),
        ("not utf-8", b"{\"format\": \"\xFF\xFE\"}".to_vec()),
        ("deep", deep.into_bytes()),
        ("huge number", b"{\"format\": 1e400}".to_vec()),
        ("array", b"[1, 2, 3]".to_vec()),
    ];
    for (name, bytes) in cases {
        let output = chime_with_input(&["score", "-"], Some(&bytes));
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: {}",
            text(&output.stderr)
        );
        assert!(
            text(&output.stderr).contains("error["),
            "{name}: a located diagnostic"
        );
        assert_no_panic(&output);
    }
}

#[test]
fn failures_are_json_when_json_is_asked_for_and_the_size_limit_is_configurable() {
    let output = chime_with_input(
        &["score", "-", "--format", "json"],
        Some(b"{\"colour\": 1}"),
    );
    assert_eq!(output.status.code(), Some(1));
    let list: serde_json::Value =
        serde_json::from_slice(&output.stderr).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list[0]["valid"], false);
    assert_eq!(list[0]["diagnostics"][0]["code"], "unknown_field");
    assert_eq!(list[0]["diagnostics"][0]["path"], "/colour");

    let example = std::fs::read(repo().join(EXAMPLES[0])).unwrap_or_default();
    let small = chime_with_input(&["--max-bytes", "1000", "score", "-"], Some(&example));
    assert_eq!(small.status.code(), Some(1));
    assert!(
        text(&small.stderr).contains("input_too_large"),
        "{}",
        text(&small.stderr)
    );
    let roomy = chime_with_input(&["score", "-", "--max-bytes", "10000000"], Some(&example));
    assert_eq!(roomy.status.code(), Some(0));
}

#[test]
fn generated_batches_score_the_same_on_one_or_several_jobs() {
    let batch = chime(&["generate", "--count", "30", "--seed", "5"]);
    assert_eq!(batch.status.code(), Some(0));
    assert_eq!(
        batch.stdout,
        chime(&["generate", "--count", "30", "--seed", "5"]).stdout,
        "deterministic"
    );
    assert_eq!(text(&batch.stdout).lines().count(), 30);
    let one = chime_with_input(&["score", "--ndjson", "-"], Some(&batch.stdout));
    let four = chime_with_input(
        &["score", "--ndjson", "-", "--jobs", "4"],
        Some(&batch.stdout),
    );
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    assert_eq!(text(&one.stdout).lines().count(), 30);
    assert_eq!(
        one.stdout, four.stdout,
        "output order and content do not depend on --jobs"
    );
    assert_eq!(
        chime(&["score", "--ndjson", "-", "--jobs", "0"])
            .status
            .code(),
        Some(2)
    );
}
