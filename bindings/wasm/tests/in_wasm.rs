//! (Not named `wasm_bindgen.rs`: rustc takes a crate of that name for an old wasm-bindgen.)
//! The exports of `chime-standards-wasm`, run inside WebAssembly by `wasm-bindgen-test-runner`
//! (in Node.js): `cargo test -p chime-standards-wasm --target wasm32-unknown-unknown`, with the
//! runner set by scripts/test-wasm.sh. On other targets this file is empty.
#![cfg(target_arch = "wasm32")]
// Tests stop loudly at the line that failed (clippy.toml allows this in #[test] functions, but
// does not know #[wasm_bindgen_test] ones).
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use chime_standards::EXAMPLE_ASSESSMENT_JSON;
use chime_standards_wasm::{cohort, compare, max_input_bytes, render_svg, version, Engine};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// What a failed call threw: `{message, code, diagnostics}`.
fn thrown<T: std::fmt::Debug>(result: Result<T, String>) -> Value {
    json(&result.expect_err("expected the call to fail"))
}

#[wasm_bindgen_test]
fn scores_the_example_with_the_default_framework() {
    let engine = Engine::default_framework();
    let report = json(
        &engine
            .score(EXAMPLE_ASSESSMENT_JSON)
            .expect("the example scores"),
    );
    assert_eq!(report["format"], "chime-standards/report@1");
    assert_eq!(report["framework"]["id"], "chime-lero");
    assert_eq!(report["engine"], format!("chime-standards {}", version()));
    let framework = json(&engine.framework_json());
    assert_eq!(framework["id"], "chime-lero");
    assert_eq!(json(&engine.warnings_json()), Value::Array(vec![]));
    let diagnostics = json(&engine.validate(EXAMPLE_ASSESSMENT_JSON));
    assert!(diagnostics
        .as_array()
        .is_some_and(|list| list.iter().all(|d| d["severity"] != "error")));
}

#[wasm_bindgen_test]
fn a_framework_from_json_scores_like_the_default() {
    let default = Engine::default_framework();
    let engine = Engine::new(&default.framework_json()).expect("the default framework is valid");
    assert_eq!(
        engine.score(EXAMPLE_ASSESSMENT_JSON),
        default.score(EXAMPLE_ASSESSMENT_JSON)
    );
}

#[wasm_bindgen_test]
fn failures_are_thrown_as_located_diagnostics() {
    let engine = Engine::default_framework();
    let error = thrown(engine.score(r#"{"format": "chime-standards/assessment@1", "id": 7}"#));
    assert_eq!(error["code"], "invalid_type");
    assert_eq!(error["diagnostics"][0]["path"], "/id");
    assert_eq!(error["diagnostics"][0]["document"], "assessment");
    assert!(error["message"]
        .as_str()
        .is_some_and(|m| m.contains("error[invalid_type] assessment /id")));

    let framework = thrown(Engine::new("{").map(|_| ()));
    assert_eq!(framework["code"], "invalid_json");
    assert_eq!(framework["diagnostics"][0]["document"], "framework");

    // validate() never throws: an unreadable assessment gives the reason as diagnostics.
    let listed = json(&engine.validate("{\"format\": "));
    assert_eq!(listed[0]["code"], "invalid_json");
}

#[wasm_bindgen_test]
fn compares_pools_and_renders_reports() {
    let engine = Engine::default_framework();
    let report = engine.score(EXAMPLE_ASSESSMENT_JSON).expect("scores");
    let comparison = json(&compare(&report, &report).expect("compares"));
    assert_eq!(comparison["overall"]["direction"], "stable");
    let pooled = json(&cohort(&format!("[{report},{report}]")).expect("pools"));
    assert_eq!(pooled["reports"], 2);
    assert_eq!(thrown(cohort("[]"))["code"], "empty_cohort");
    assert_eq!(
        thrown(compare("{}", &report))["diagnostics"][0]["document"],
        "report"
    );
    assert!(render_svg(&report).expect("renders").starts_with("<svg"));
    assert!(engine
        .render_svg(&report)
        .expect("renders")
        .contains("Connectedness"));
    assert!(engine
        .render_html(&report)
        .expect("renders")
        .contains("<html"));
}

#[wasm_bindgen_test]
fn hostile_input_gives_diagnostics_not_traps() {
    let engine = Engine::default_framework();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for text in [
        deep.as_str(),
        "",
        "\u{feff}{}",
        "null",
        "1e999",
        "\"\\ud800\"",
    ] {
        assert!(engine.score(text).is_err(), "{text:.20}");
        assert!(Engine::new(text).is_err());
        assert!(compare(text, text).is_err());
        assert!(cohort(text).is_err());
    }
    let too_large = " ".repeat(max_input_bytes() + 1);
    assert_eq!(thrown(engine.score(&too_large))["code"], "input_too_large");
}
