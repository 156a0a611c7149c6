//! The main module's exports: frameworks, validation, scoring, rendering, merge and split,
//! compare and cohort.

use chime_standards::{parse_json, render, Diagnostic, Document, Report};
use wasm_bindgen::prelude::*;

use crate::{limits, parse_report, thrown, to_json, Thrown};

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

/// The words of every status, award, severity and document name, by kind and JSON name
/// (JSON), from the core's tables.
#[wasm_bindgen]
pub fn vocabulary() -> String {
    to_json(&chime_standards::vocabulary())
}

/// The engine's summary of a failure (`chime_standards::summary`) for diagnostics given as a
/// JSON array: "1 problem stops scoring", then each error on its own line. The wrapper uses it
/// for the errors it finds itself, so every message has the core's wording. The array is read
/// as a report's diagnostics are, so a malformed one throws located diagnostics.
#[wasm_bindgen]
pub fn summary(diagnostics: &str) -> Result<String, Thrown> {
    let diagnostics: Vec<Diagnostic> =
        parse_json(diagnostics.as_bytes(), Document::Report, &limits()).map_err(|e| thrown(&e))?;
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

/// What an agreement figure (JSON, as in a report's `agreement`) means for a group, in one
/// sentence: the words of the text and HTML reports.
#[wasm_bindgen]
pub fn agreement_text(agreement: &str) -> Result<String, Thrown> {
    let agreement: chime_standards::Agreement =
        parse_json(agreement.as_bytes(), Document::Report, &limits()).map_err(|e| thrown(&e))?;
    Ok(render::agreement_text(&agreement))
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

/// Merges several raters' assessments (each JSON text) into one (spec section 7); throws
/// every mismatch and conflict, located in the list of inputs (document `input`).
#[wasm_bindgen]
pub fn merge(inputs: Vec<String>) -> Result<String, Thrown> {
    let slices: Vec<&[u8]> = inputs.iter().map(|input| input.as_bytes()).collect();
    chime_standards::merge_json(&slices, &limits())
        .map(|merged| to_json(&merged))
        .map_err(|error| thrown(&error))
}

/// One assessment per rater plus one of the agreed judgements, as a JSON array (the inverse
/// of [`merge`]).
#[wasm_bindgen]
pub fn split(assessment: &str) -> Result<String, Thrown> {
    let assessment = parse_json(assessment.as_bytes(), Document::Assessment, &limits())
        .map_err(|error| thrown(&error))?;
    Ok(to_json(&chime_standards::split(&assessment)))
}
