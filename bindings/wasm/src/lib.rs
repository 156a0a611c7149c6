//! WebAssembly bindings of [`chime_standards`], published to npm as `chime-standards`.
//!
//! This crate is the private, string-based half of the package. Every document crosses the
//! boundary as JSON text: the JavaScript wrapper (`bindings/wasm/js/api.ts`) writes plain objects
//! with `JSON.stringify`, this crate reads them with [`parse_json`] (so malformed input gets the
//! same located diagnostics as in Rust, Python and the CLI) and writes results with
//! `serde_json`, and the wrapper turns them back into plain objects with `JSON.parse`.
//!
//! Failures are thrown as a JSON string `{"message", "code", "diagnostics"}` that the wrapper
//! turns into a `ChimeError`. Nothing here panics on any input: the wasm build uses
//! `panic = "abort"`, where a panic would be a trap.
//!
//! The TypeScript declarations of the documents come from the core's types through its `tsify`
//! feature, so they cannot drift from the Rust types or the JSON Schemas. The schemas
//! themselves are not in this module: the build writes them into the JavaScript package
//! (`schemas.js`), which keeps them out of the `.wasm` every page downloads.

use chime_standards::{
    parse_json, render, Code, Diagnostic, Document, Error, Limits, Report, Severity,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The allocator: talc instead of the standard library's dlmalloc port makes the module 3 KB
/// smaller gzipped and scoring in Node about 2.5% slower (benches/node_bench.mjs: 241 µs
/// against 235 µs an assessment). `WasmDynamicTalc` needs a single-threaded module (no
/// `atomics`), which this is.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What a failed call throws: JSON text that the JavaScript wrapper turns into a `ChimeError`.
type Thrown = String;

/// The error payload, as JSON.
#[derive(Serialize)]
struct Failure<'a> {
    message: String,
    code: Option<&'static str>,
    diagnostics: &'a [Diagnostic],
}

fn thrown(error: &Error) -> Thrown {
    to_json(&Failure {
        message: error.to_string(),
        code: error.code().map(|code| code.as_str()),
        diagnostics: &error.diagnostics,
    })
}

/// Compact JSON of one of our own types. It cannot fail: string keys only, and validation keeps
/// non-finite numbers out.
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn limits() -> Limits {
    Limits::default()
}

fn parse_report(text: &str) -> Result<Report, Thrown> {
    parse_json(text.as_bytes(), Document::Report, &limits()).map_err(|error| thrown(&error))
}

/// The largest document accepted, in bytes (the core's default limit).
///
/// The wrapper refuses longer strings before copying them into WebAssembly memory.
#[wasm_bindgen]
pub fn max_input_bytes() -> usize {
    limits().max_bytes
}

/// The crate version (the npm package has the same).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The engine's summary of a failure (`chime_standards::summary`) for diagnostics given as a
/// JSON array: "1 problem stops scoring", then each error on its own line. The wrapper uses it
/// for the errors it finds itself, so every message has the core's wording.
#[wasm_bindgen]
pub fn summary(diagnostics: &str) -> Result<String, Thrown> {
    let diagnostics: Vec<Diagnostic> = serde_json::from_str(diagnostics).map_err(|error| {
        thrown(&Error::new(vec![Diagnostic::new(
            Severity::Error,
            Code::InvalidJson,
            Document::Report,
            "",
            format!("expected a JSON array of diagnostics: {error}"),
        )]))
    })?;
    Ok(chime_standards::summary(&diagnostics))
}

/// Compares two reports (JSON) of one organisation.
#[wasm_bindgen]
pub fn compare(before: &str, after: &str) -> Result<String, Thrown> {
    let before = parse_report(before)?;
    let after = parse_report(after)?;
    chime_standards::compare(&before, &after)
        .map(|comparison| to_json(&comparison))
        .map_err(|error| thrown(&error))
}

/// Pools reports, given as one JSON array, into cohort statistics.
#[wasm_bindgen]
pub fn cohort(reports: &str) -> Result<String, Thrown> {
    let reports: Vec<Report> =
        parse_json(reports.as_bytes(), Document::Report, &limits()).map_err(|e| thrown(&e))?;
    chime_standards::cohort(&reports)
        .map(|pooled| to_json(&pooled))
        .map_err(|error| thrown(&error))
}

/// The SVG radar chart of a report (JSON), labelled with domain codes from the report alone.
#[wasm_bindgen]
pub fn render_svg(report: &str) -> Result<String, Thrown> {
    let report = parse_report(report)?;
    Ok(render::svg(&report, None))
}

/// A framework checked once and indexed, ready to validate and score many assessments.
#[wasm_bindgen]
pub struct Engine {
    inner: chime_standards::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// Parses and checks a framework (JSON); throws every error found.
    #[wasm_bindgen(constructor)]
    pub fn new(framework: &str) -> Result<Engine, Thrown> {
        chime_standards::Engine::from_json(framework.as_bytes(), &limits())
            .map(|inner| Engine { inner })
            .map_err(|error| thrown(&error))
    }

    /// The embedded default framework, `chime-lero`.
    pub fn default_framework() -> Engine {
        Engine {
            inner: chime_standards::Engine::default_framework(),
        }
    }

    /// The framework as JSON, with every default filled in.
    pub fn framework_json(&self) -> String {
        to_json(self.inner.framework())
    }

    /// Warnings about the framework itself, as a JSON array of diagnostics.
    pub fn warnings_json(&self) -> String {
        to_json(self.inner.framework_warnings())
    }

    /// Every problem with an assessment (JSON) against this framework, as a JSON array of
    /// diagnostics. An assessment that cannot be read gives the diagnostics of why; this never
    /// throws.
    pub fn validate(&self, assessment: &str) -> String {
        match parse_json(assessment.as_bytes(), Document::Assessment, &limits()) {
            Ok(assessment) => to_json(&self.inner.validate(&assessment)),
            Err(error) => to_json(&error.diagnostics),
        }
    }

    /// Scores an assessment (JSON) and returns the report as JSON; throws every error found.
    pub fn score(&self, assessment: &str) -> Result<String, Thrown> {
        self.inner
            .score_json(assessment.as_bytes(), &limits())
            .map(|report| to_json(&report))
            .map_err(|error| thrown(&error))
    }

    /// The SVG radar chart of a report (JSON), labelled with this framework's domain names.
    pub fn render_svg(&self, report: &str) -> Result<String, Thrown> {
        let report = parse_report(report)?;
        Ok(render::svg(&report, Some(self.inner.framework())))
    }

    /// A self-contained HTML page of a report (JSON), with this framework's titles.
    pub fn render_html(&self, report: &str) -> Result<String, Thrown> {
        let report = parse_report(report)?;
        Ok(render::html(&report, self.inner.framework()))
    }
}
