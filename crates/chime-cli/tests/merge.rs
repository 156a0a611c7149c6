//! `chime merge` and `chime split` end to end.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{chime, repo, temp_dir, text};
use serde_json::Value;

/// The bundled example (`chime example`): three raters who rate standards themselves.
const EXAMPLE: &str = "crates/chime-standards/frameworks/chime-lero-example.json";

/// A report without what depends on list order (diagnostic paths and messages).
fn order_free(mut report: Value) -> Value {
    if let Some(list) = report["diagnostics"].as_array_mut() {
        for diagnostic in list.iter_mut() {
            diagnostic["path"] = Value::Null;
            diagnostic["message"] = Value::Null;
        }
        list.sort_by_key(|d| d.to_string());
    }
    report
}

/// The document without empty lists (the engine writes none; the example has some).
fn without_empty_lists(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| v.as_array().is_none_or(|list| !list.is_empty()))
                .map(|(k, v)| (k.clone(), without_empty_lists(v)))
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.iter().map(without_empty_lists).collect()),
        other => other.clone(),
    }
}

fn score_json(path: &str) -> Value {
    let out = chime(&["score", path, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn written_files(stdout: &[u8]) -> Vec<String> {
    text(stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("wrote ").map(str::to_string))
        .collect()
}

#[test]
fn split_then_merge_gives_back_the_same_report() {
    let dir = temp_dir("split-merge");
    let out = chime(&["split", EXAMPLE, "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files = written_files(&out.stdout);
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join(EXAMPLE)).unwrap()).unwrap();
    let raters = example["raters"].as_array().map_or(0, Vec::len);
    assert_eq!(
        files.len(),
        raters + 1,
        "one file per rater and the agreed one"
    );
    assert!(files.last().unwrap().ends_with("agreed.json"));
    for file in &files {
        let part: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        assert_eq!(part["organisation"], example["organisation"]);
        assert_eq!(part["id"], example["id"]);
    }
    // Merge them in reverse order, to a file.
    let merged = dir.join("merged.json");
    let mut args = vec!["merge", "--output", merged.to_str().unwrap()];
    args.extend(files.iter().rev().map(String::as_str));
    let out = chime(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "with --output nothing is printed");
    let before = order_free(score_json(EXAMPLE));
    let after = order_free(score_json(merged.to_str().unwrap()));
    assert_eq!(before, after);
    // Splitting again into the same folder would overwrite the raters' files: refused.
    let again = chime(&["split", EXAMPLE, "--dir", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("exist already"));
}

#[test]
fn merge_prints_json_and_lists_every_problem() {
    let dir = temp_dir("merge-conflicts");
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join(EXAMPLE)).unwrap()).unwrap();
    let mut other = example.clone();
    other["id"] = "another-assessment".into();
    other["organisation"]["structure"] = match example["organisation"]["structure"].as_str() {
        Some("informal") => "formally_constituted".into(),
        _ => "informal".into(),
    };
    other["raters"][0]["role"] = "external".into();
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    std::fs::write(&a, example.to_string()).unwrap();
    std::fs::write(&b, other.to_string()).unwrap();
    let target = dir.join("out.json");
    let out = chime(&[
        "merge",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!target.exists(), "nothing written on error");
    let listed: Value = serde_json::from_slice(&out.stderr).unwrap();
    let diagnostics = listed[0]["diagnostics"].as_array().unwrap();
    let paths: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["/1/id", "/1/organisation/structure", "/1/raters/0/role"]
    );
    assert!(listed[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("b.json (input 1)"));
    // Equal files merge to the file itself, printed.
    let out = chime(&["merge", a.to_str().unwrap(), a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let merged: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        without_empty_lists(&merged) == without_empty_lists(&example),
        "merged != example"
    );
    // One file is not a merge.
    let out = chime(&["merge", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("merge_too_few_inputs"));
}

#[test]
fn a_hundred_files_and_broken_ones_are_handled() {
    let dir = temp_dir("merge-hundred");
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join(EXAMPLE)).unwrap()).unwrap();
    let mut paths = Vec::new();
    for i in 0..100 {
        let mut part = example.clone();
        part["raters"] = serde_json::json!([{"id": format!("p{i}"), "role": "member"}]);
        part["judgements"] = serde_json::json!([
            {"standard": example["judgements"][0]["standard"], "rater": format!("p{i}"), "rating": i % 5}
        ]);
        let path = dir.join(format!("p{i}.json"));
        std::fs::write(&path, part.to_string()).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let mut args = vec!["merge"];
    args.extend(paths.iter().map(String::as_str));
    let out = chime(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let merged: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(merged["raters"].as_array().unwrap().len(), 100);
    assert_eq!(merged["judgements"].as_array().unwrap().len(), 100);
    // Two broken files among them: both reported, by name.
    std::fs::write(&paths[3], "{").unwrap();
    std::fs::write(&paths[70], "[]").unwrap();
    let out = chime(&args);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("p3.json (input 3)"), "{stderr}");
    assert!(stderr.contains("p70.json (input 70)"), "{stderr}");
    assert!(out.stdout.is_empty());
}
