//! Runs every language-neutral case under `tests/conformance/` (see its README for the format).
//! The Python and JavaScript packages run the same files with the same matching rules.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chime_standards::{
    cohort, compare, compare_with_mapping, diff, draft_mapping, migrate, parse_json,
    validate_mapping, Diagnostic, Document, Engine, Error, Framework, Limits, Mapping, Report,
    Severity,
};
use serde_json::Value;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

/// A document given inline as JSON, as raw text, or (frameworks only) as `"default"`.
fn document_bytes(case: &Value, key: &str) -> Option<Vec<u8>> {
    if let Some(text) = case.get(format!("{key}_json")).and_then(Value::as_str) {
        return Some(text.as_bytes().to_vec());
    }
    match case.get(key)? {
        Value::String(name) if name == "default" => {
            Some(chime_standards::DEFAULT_FRAMEWORK_JSON.as_bytes().to_vec())
        }
        value => Some(serde_json::to_vec(value).unwrap_or_default()),
    }
}

fn score(engine: &Engine, bytes: &[u8]) -> Result<Report, Error> {
    engine.score_json(bytes, &Limits::default())
}

/// A framework of a revision case (`old` or `new`), checked.
fn framework(case: &Value, key: &str) -> Result<Framework, String> {
    let bytes = document_bytes(case, key).ok_or(format!("the case has no {key}"))?;
    Engine::from_json(&bytes, &Limits::default())
        .map(|engine| engine.framework().clone())
        .map_err(|e| format!("{key}: {e}"))
}

fn mapping(case: &Value) -> Result<Result<Mapping, Error>, String> {
    let bytes = document_bytes(case, "mapping").ok_or("the case has no mapping")?;
    Ok(parse_json(&bytes, Document::Mapping, &Limits::default()))
}

/// The revision kinds of spec 9 (`diff`, `draft_mapping`, `mapping`, `migrate`, and `compare`
/// across versions), or `None` for the others.
fn run_revision(case: &Value, kind: &str) -> Option<Result<(Value, Vec<Diagnostic>), String>> {
    let failed = |error: Error| (Value::Null, error.diagnostics);
    let run = || -> Result<(Value, Vec<Diagnostic>), String> {
        match kind {
            "diff" => Ok(
                match diff(&framework(case, "old")?, &framework(case, "new")?) {
                    Ok(changes) => (json(&changes), changes.diagnostics.clone()),
                    Err(error) => failed(error),
                },
            ),
            "draft_mapping" => {
                let drafted = draft_mapping(&framework(case, "old")?, &framework(case, "new")?);
                Ok((json(&drafted), Vec::new()))
            }
            "mapping" => {
                let (old, new) = (framework(case, "old")?, framework(case, "new")?);
                Ok(match mapping(case)? {
                    Ok(mapping) => (json(&mapping), validate_mapping(&mapping, &old, &new)),
                    Err(error) => failed(error),
                })
            }
            "migrate" => {
                let new = framework(case, "new")?;
                let bytes = document_bytes(case, "assessment").ok_or("no assessment")?;
                let assessment = parse_json(&bytes, Document::Assessment, &Limits::default())
                    .map_err(|e| format!("assessment: {e}"))?;
                Ok(
                    match mapping(case)?.and_then(|m| migrate(&assessment, &m, &new)) {
                        Ok(migration) => {
                            // Every migrated assessment must be valid against the new framework.
                            let engine = Engine::new(new).map_err(|e| e.to_string())?;
                            if let Err(error) = engine.score(&migration.assessment) {
                                return Err(format!("the migrated assessment is invalid: {error}"));
                            }
                            (json(&migration), migration.diagnostics.clone())
                        }
                        Err(error) => failed(error),
                    },
                )
            }
            _ => {
                let (old, new) = (framework(case, "old")?, framework(case, "new")?);
                let (old, new) = (
                    Engine::new(old).map_err(|e| e.to_string())?,
                    Engine::new(new).map_err(|e| e.to_string())?,
                );
                let before = document_bytes(case, "before").ok_or("no before")?;
                let after = document_bytes(case, "after").ok_or("no after")?;
                let before = score(&old, &before).map_err(|e| format!("before: {e}"))?;
                let after = score(&new, &after).map_err(|e| format!("after: {e}"))?;
                let mapping = match case.get("mapping") {
                    Some(_) => Some(mapping(case)?.map_err(|e| format!("mapping: {e}"))?),
                    None => None,
                };
                Ok(
                    match compare_with_mapping(&before, &after, mapping.as_ref()) {
                        Ok(comparison) => (json(&comparison), comparison.diagnostics.clone()),
                        Err(error) => failed(error),
                    },
                )
            }
        }
    };
    let revision = matches!(kind, "diff" | "draft_mapping" | "mapping" | "migrate")
        || (kind == "compare" && case.get("old").is_some());
    revision.then(run)
}

/// What a case produced: the output document (or null) and the diagnostics.
fn run(case: &Value) -> Result<(Value, Vec<Diagnostic>), String> {
    let kind = case.get("kind").and_then(Value::as_str).unwrap_or("score");
    if let Some(result) = run_revision(case, kind) {
        return result;
    }
    let limits = Limits::default();
    if case.get("kind").and_then(Value::as_str) == Some("merge") {
        return run_merge(case);
    }
    let framework = document_bytes(case, "framework").ok_or("the case has no framework")?;
    let engine = match Engine::from_json(&framework, &limits) {
        Ok(engine) => engine,
        Err(error) => return Ok((Value::Null, error.diagnostics)),
    };
    let kind = case.get("kind").and_then(Value::as_str).unwrap_or("score");
    match kind {
        "score" => {
            let assessment =
                document_bytes(case, "assessment").ok_or("the case has no assessment")?;
            Ok(match score(&engine, &assessment) {
                Ok(report) => {
                    let diagnostics = report.diagnostics.clone();
                    (json(&report), diagnostics)
                }
                Err(error) => (Value::Null, error.diagnostics),
            })
        }
        "compare" => {
            let before = document_bytes(case, "before").ok_or("no before")?;
            let after = document_bytes(case, "after").ok_or("no after")?;
            let before = score(&engine, &before).map_err(|e| format!("before: {e}"))?;
            let after = score(&engine, &after).map_err(|e| format!("after: {e}"))?;
            Ok(match compare(&before, &after) {
                Ok(comparison) => {
                    let diagnostics = comparison.diagnostics.clone();
                    (json(&comparison), diagnostics)
                }
                Err(error) => (Value::Null, error.diagnostics),
            })
        }
        "cohort" => {
            let list = case
                .get("assessments")
                .and_then(Value::as_array)
                .ok_or("no assessments")?;
            let reports = list
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    score(&engine, &serde_json::to_vec(a).unwrap_or_default())
                        .map_err(|e| format!("assessment {i}: {e}"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(match cohort(&reports) {
                Ok(pooled) => {
                    let diagnostics = pooled.diagnostics.clone();
                    (json(&pooled), diagnostics)
                }
                Err(error) => (Value::Null, error.diagnostics),
            })
        }
        "verify" => {
            let envelope = document_bytes(case, "envelope").ok_or("no envelope")?;
            let assessment = document_bytes(case, "assessment").ok_or("no assessment")?;
            let report = document_bytes(case, "report");
            let keys = document_bytes(case, "keys").ok_or("no keys")?;
            let verification = chime_standards::endorse::verify_json(
                &envelope,
                &assessment,
                report.as_deref(),
                &keys,
                &limits,
            );
            let diagnostics = verification.problems.clone();
            Ok((json(&verification), diagnostics))
        }
        other => Err(format!("unknown kind {other}")),
    }
}

/// A `merge` case: the inputs merged, and the result scored when the case has a framework.
/// The output is `{"assessment": merged or null, "report": report or null}`.
fn run_merge(case: &Value) -> Result<(Value, Vec<Diagnostic>), String> {
    let limits = Limits::default();
    let inputs: Vec<Vec<u8>> = case
        .get("inputs")
        .and_then(Value::as_array)
        .ok_or("a merge case has inputs")?
        .iter()
        .map(|input| serde_json::to_vec(input).unwrap_or_default())
        .collect();
    let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
    let merged = match chime_standards::merge_json(&slices, &limits) {
        Ok(merged) => merged,
        Err(error) => {
            let output = serde_json::json!({"assessment": null, "report": null});
            return Ok((output, error.diagnostics));
        }
    };
    let Some(framework) = document_bytes(case, "framework") else {
        return Ok((
            serde_json::json!({"assessment": json(&merged), "report": null}),
            Vec::new(),
        ));
    };
    let engine = Engine::from_json(&framework, &limits).map_err(|e| format!("framework: {e}"))?;
    let (report, diagnostics) = match engine.score(&merged) {
        Ok(report) => (json(&report), report.diagnostics),
        Err(error) => (Value::Null, error.diagnostics),
    };
    Ok((
        serde_json::json!({"assessment": json(&merged), "report": report}),
        diagnostics,
    ))
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// Subset match: every key in `expected` must match in `actual`; arrays match in full length.
fn subset(expected: &Value, actual: &Value, at: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (key, value) in want {
                match have.get(key) {
                    Some(found) => subset(value, found, &format!("{at}/{key}"), problems),
                    None => problems.push(format!("{at}/{key}: missing, expected {value}")),
                }
            }
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                problems.push(format!(
                    "{at}: expected {} items, got {}: {actual}",
                    want.len(),
                    have.len()
                ));
                return;
            }
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                subset(w, h, &format!("{at}/{i}"), problems);
            }
        }
        (Value::Number(want), Value::Number(have)) if want.as_f64() == have.as_f64() => {}
        (want, have) if want == have => {}
        (want, have) => problems.push(format!("{at}: expected {want}, got {have}")),
    }
}

/// The expected diagnostics must be exactly the actual errors and warnings, in any order.
fn diagnostics_match(expected: &[Value], actual: &[Diagnostic], problems: &mut Vec<String>) {
    let mut left: Vec<Value> = actual
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| serde_json::to_value(d).unwrap_or_default())
        .collect();
    for want in expected {
        let mut scratch = Vec::new();
        let found = left.iter().position(|have| {
            scratch.clear();
            subset(want, have, "", &mut scratch);
            scratch.is_empty()
        });
        match found {
            Some(i) => {
                left.remove(i);
            }
            None => problems.push(format!("expected diagnostic {want} not produced")),
        }
    }
    for extra in left {
        problems.push(format!(
            "unexpected diagnostic {} {} {} {}: {}",
            extra["severity"], extra["code"], extra["document"], extra["path"], extra["message"]
        ));
    }
}

/// The expected notes must be exactly the actual `info` diagnostics, in any order.
fn notes_match(expected: &[Value], actual: &[Diagnostic], problems: &mut Vec<String>) {
    let infos: Vec<Diagnostic> = actual
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .cloned()
        .map(|mut d| {
            // Reuse the error/warning matcher by presenting notes as warnings.
            d.severity = Severity::Warning;
            d
        })
        .collect();
    let expected: Vec<Value> = expected
        .iter()
        .map(|want| {
            let mut want = want.clone();
            if let Some(map) = want.as_object_mut() {
                map.insert("severity".into(), Value::from("warning"));
            }
            want
        })
        .collect();
    diagnostics_match(&expected, &infos, problems);
}

#[test]
fn every_conformance_case_passes() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 25,
        "expected at least 25 cases, found {}",
        paths.len()
    );
    let mut failures = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expect = case.get("expect").cloned().unwrap_or_default();
        let mut problems = Vec::new();
        match run(&case) {
            Err(problem) => problems.push(problem),
            Ok((output, diagnostics)) => {
                let merging = case.get("kind").and_then(Value::as_str) == Some("merge");
                for key in [
                    "report",
                    "comparison",
                    "cohort",
                    "assessment",
                    "changes",
                    "mapping",
                    "migration",
                    "verification",
                ] {
                    if let Some(want) = expect.get(key) {
                        // A merge case's output holds the merged assessment and its report.
                        let have = if merging { &output[key] } else { &output };
                        subset(want, have, "", &mut problems);
                    }
                }
                if let Some(want) = expect.get("diagnostics").and_then(Value::as_array) {
                    diagnostics_match(want, &diagnostics, &mut problems);
                }
                if let Some(want) = expect.get("notes").and_then(Value::as_array) {
                    notes_match(want, &diagnostics, &mut problems);
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}:\n    {}", problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

#[test]
fn the_matcher_rejects_what_it_should() {
    let mut problems = Vec::new();
    subset(
        &serde_json::json!({"a": [1, 2]}),
        &serde_json::json!({"a": [1, 2, 3]}),
        "",
        &mut problems,
    );
    subset(
        &serde_json::json!({"b": 1.5}),
        &serde_json::json!({"b": 1.55}),
        "",
        &mut problems,
    );
    subset(
        &serde_json::json!({"c": null}),
        &serde_json::json!({}),
        "",
        &mut problems,
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
    let warning = Diagnostic::new(
        Severity::Warning,
        chime_standards::Code::RatersDisagree,
        Document::Assessment,
        "/judgements/0",
        "m",
    );
    let mut problems = Vec::new();
    diagnostics_match(&[], std::slice::from_ref(&warning), &mut problems);
    assert_eq!(
        problems.len(),
        1,
        "an unexpected warning must fail the case"
    );
}
