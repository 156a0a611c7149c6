//! `chime_standards._native`: the Rust core of the `chime_standards` Python package.
//!
//! This module is thin on purpose: it converts between Python and the core's types and maps
//! the core's errors to the package's Python exceptions. Every rule lives in the
//! `chime-standards` crate, so Python, the CLI and JavaScript give the same answers. The
//! public Python API (`Framework`, `Assessment`, `Report`, ...) is in
//! `python/chime_standards/__init__.py`, which wraps the classes here.
//!
//! Inputs cross as JSON text (`str` or `bytes`), as plainly JSON-shaped Python data (a fast
//! path that gives up, rather than guess, on anything else), or as already parsed objects.
//! Whatever the fast path gives up on goes through the core's JSON parser, so every front end
//! reports the same located diagnostics for malformed input. Batch scoring extracts its inputs
//! first, then runs the core with the GIL released (`Python::detach`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use chime_standards::{
    self as chime, render, Assessment, Code, Cohort, Diagnostic, Document, Error, Limits,
    RecordLevel, Report, SchemaKind, Severity,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};
use pythonize::pythonize;
use serde::Serialize;

mod depy;

/// Rust's allocations in the extension go to mimalloc: reading a dict or text allocates a
/// few hundred small strings per assessment, and scoring builds maps and the report, which
/// glibc's malloc serves markedly slower (see benches/README.md). Python's own memory is not
/// affected.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The package's `ValidationError`, defined in Python (abi3 below 3.12 cannot subclass
/// exceptions from Rust), imported once.
static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const ERRORS_MODULE: &str = "chime_standards.errors";

/// A `ValidationError` instance holding the error's diagnostics (as dicts).
fn validation_error<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyAny>> {
    let diagnostics = pythonize(py, &error.diagnostics)?;
    VALIDATION_ERROR
        .import(py, ERRORS_MODULE, "ValidationError")?
        .call1((diagnostics,))
}

/// The core's error as a raised `ValidationError`.
fn raise(py: Python<'_>, error: &Error) -> PyErr {
    match validation_error(py, error) {
        Ok(instance) => PyErr::from_value(instance),
        Err(failure) => failure,
    }
}

/// Runs core code, turning a panic (a bug in the core, never expected) into an error so that
/// one bad record cannot take a batch, or the interpreter's patience, with it.
fn guarded<T>(document: Document, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(Error::single(
            Code::InvalidValue,
            document,
            "",
            "chime-standards failed on this input (an internal error: please report it with \
             the input)",
        ))
    })
}

/// JSON text given as `str` or `bytes`, borrowed from the Python object.
fn text_of<'a>(
    value: &'a Bound<'_, PyAny>,
    document: Document,
) -> PyResult<Result<&'a [u8], Error>> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(match text.to_str() {
            Ok(text) => Ok(text.as_bytes()),
            Err(_) => Err(Error::single(
                Code::InvalidJson,
                document,
                "",
                "the text is not valid Unicode (it holds a lone surrogate); decode the file \
                 as UTF-8",
            )),
        });
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Ok(bytes.as_bytes()));
    }
    Err(PyTypeError::new_err(format!(
        "expected JSON text as str or bytes, got {}",
        value.get_type().name()?
    )))
}

/// Parses a document from `str` or `bytes`, raising `ValidationError` on failure.
fn parse<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    document: Document,
) -> PyResult<T> {
    let parsed = text_of(value, document)?.and_then(|bytes| {
        guarded(document, || {
            chime::parse_json(bytes, document, &Limits::default())
        })
    });
    parsed.map_err(|error| raise(py, &error))
}

/// A document read straight from Python data ([`depy`]), or `None` when the data is not
/// plainly JSON-shaped or not a valid document. This is the fast path for dicts; on `None` the
/// Python layer sends the data as JSON text instead, so the core's parser reports every
/// problem with its code and JSON Pointer exactly as it does for files.
fn from_data<T: serde::de::DeserializeOwned>(value: &Bound<'_, PyAny>) -> Option<T> {
    catch_unwind(AssertUnwindSafe(|| depy::read::<T>(value)))
        .ok()
        .flatten()
}

fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize(py, value)?)
}

/// An assessment to score, extracted from Python before the core runs without the GIL.
enum Source<'a> {
    /// JSON text.
    Text(&'a [u8]),
    /// An already parsed assessment.
    Parsed(&'a Assessment),
    /// An assessment read from a dict for this call ([`depy`]).
    Read(Box<Assessment>),
    /// Input that failed before it reached the core.
    Failed(Error),
}

fn source<'a>(item: &'a Bound<'_, PyAny>) -> PyResult<Source<'a>> {
    if let Ok(parsed) = item.cast::<AssessmentData>() {
        return Ok(Source::Parsed(&parsed.get().assessment));
    }
    Ok(match text_of(item, Document::Assessment)? {
        Ok(bytes) => Source::Text(bytes),
        Err(error) => Source::Failed(error),
    })
}

fn score_source(engine: &chime::Engine, source: &Source<'_>) -> Result<Report, Error> {
    guarded(Document::Assessment, || match source {
        Source::Text(bytes) => engine.score_json(bytes, &Limits::default()),
        Source::Parsed(assessment) => engine.score(assessment),
        Source::Read(assessment) => engine.score(assessment),
        Source::Failed(error) => Err(error.clone()),
    })
}

/// Assessments read and scored at a time by `score_many`, per thread.
const BATCH_CHUNK: usize = 32;

/// What `score_many` scores for one item: a dict is read here ([`depy`]), and is `None` when
/// it must go as JSON text instead (the Python layer does that, for the text's diagnostics).
fn batch_source<'a>(item: &'a Bound<'_, PyAny>) -> PyResult<Option<Source<'a>>> {
    if item.cast_exact::<PyDict>().is_ok() {
        return Ok(from_data::<Assessment>(item).map(|read| Source::Read(Box::new(read))));
    }
    source(item).map(Some)
}

/// A framework, checked and indexed once, ready to validate and score assessments.
#[pyclass(frozen, module = "chime_standards._native")]
pub struct Engine {
    engine: chime::Engine,
}

#[pymethods]
impl Engine {
    /// The embedded default framework, `chime-lero`.
    #[staticmethod]
    fn default() -> Engine {
        Engine {
            engine: chime::Engine::default_framework(),
        }
    }

    /// Parses and checks a framework from JSON text (`str` or `bytes`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Engine> {
        let built = text_of(text, Document::Framework)?.and_then(|bytes| {
            guarded(Document::Framework, || {
                chime::Engine::from_json(bytes, &Limits::default())
            })
        });
        built
            .map(|engine| Engine { engine })
            .map_err(|error| raise(py, &error))
    }

    /// Checks a framework given as Python data; `None` when the data does not convert
    /// cleanly (then send it as JSON text for located diagnostics).
    #[staticmethod]
    fn from_py(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Option<Engine>> {
        let Some(framework) = from_data(data) else {
            return Ok(None);
        };
        guarded(Document::Framework, || chime::Engine::new(framework))
            .map(|engine| Some(Engine { engine }))
            .map_err(|error| raise(py, &error))
    }

    /// The framework's id.
    #[getter]
    fn id(&self) -> &str {
        &self.engine.framework().id
    }

    /// The framework's version.
    #[getter]
    fn version(&self) -> &str {
        &self.engine.framework().version
    }

    /// The framework as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.engine.framework())
    }

    /// The framework as pretty JSON with a final newline.
    fn to_json(&self) -> String {
        self.engine.framework().to_json()
    }

    /// Warnings about the framework itself, as dicts.
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.engine.framework_warnings())
    }

    /// Every diagnostic for an assessment (JSON text or `AssessmentData`), as dicts; a parse
    /// failure gives its own diagnostics.
    fn validate<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let source = source(assessment)?;
        let engine = &self.engine;
        let diagnostics: Vec<Diagnostic> = py.detach(|| {
            let checked = guarded(Document::Assessment, || match &source {
                Source::Text(bytes) => {
                    chime::parse_json::<Assessment>(bytes, Document::Assessment, &Limits::default())
                        .map(|parsed| engine.validate(&parsed))
                }
                Source::Parsed(parsed) => Ok(engine.validate(parsed)),
                Source::Read(parsed) => Ok(engine.validate(parsed)),
                Source::Failed(error) => Err(error.clone()),
            });
            checked.unwrap_or_else(|error| error.diagnostics)
        });
        to_py(py, &diagnostics)
    }

    /// Scores one assessment (JSON text or `AssessmentData`) with the GIL released; raises
    /// `ValidationError` when it cannot be scored.
    fn score(&self, py: Python<'_>, assessment: &Bound<'_, PyAny>) -> PyResult<ReportData> {
        let source = source(assessment)?;
        let engine = &self.engine;
        py.detach(|| score_source(engine, &source))
            .map(|report| ReportData { report })
            .map_err(|error| raise(py, &error))
    }

    /// Scores a list of assessments (JSON text, `AssessmentData` or dicts) on `jobs` threads.
    /// Dicts are read with the GIL held; scoring (and dropping what was read) runs with the
    /// GIL released. Returns one item per input, in order: a `ReportData`, the
    /// `ValidationError` that explains why that input could not be scored, or `None` for a
    /// dict that must be sent as JSON text instead (not plainly JSON-shaped, or invalid).
    #[pyo3(signature = (items, jobs = 1))]
    fn score_many<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Bound<'py, PyAny>>,
        jobs: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let engine = &self.engine;
        let out = PyList::empty(py);
        // In chunks, so that what was read is still in the CPU's caches when it is scored.
        for chunk in items.chunks(BATCH_CHUNK.saturating_mul(jobs.max(1))) {
            let sources = chunk
                .iter()
                .map(batch_source)
                .collect::<PyResult<Vec<_>>>()?;
            let results: Vec<Option<Result<Report, Error>>> = py.detach(move || {
                let results = chime::map_ordered(&sources, jobs, |source| {
                    source.as_ref().map(|source| score_source(engine, source))
                });
                drop(sources);
                results
            });
            for result in results {
                match result {
                    Some(Ok(report)) => out.append(Bound::new(py, ReportData { report })?)?,
                    Some(Err(error)) => out.append(validation_error(py, &error)?)?,
                    None => out.append(py.None())?,
                }
            }
        }
        Ok(out)
    }
}

/// A parsed assessment (checked for shape; checked against a framework when scored).
#[pyclass(frozen, eq, module = "chime_standards._native")]
#[derive(PartialEq)]
pub struct AssessmentData {
    assessment: Assessment,
}

#[pymethods]
impl AssessmentData {
    /// Parses an assessment from JSON text (`str` or `bytes`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<AssessmentData> {
        parse(py, text, Document::Assessment).map(|assessment| AssessmentData { assessment })
    }

    /// An assessment given as Python data; `None` when the data does not convert cleanly
    /// (then send it as JSON text for located diagnostics).
    #[staticmethod]
    fn from_py(data: &Bound<'_, PyAny>) -> Option<AssessmentData> {
        from_data(data).map(|assessment| AssessmentData { assessment })
    }

    /// The bundled example assessment (a fictional organisation).
    #[staticmethod]
    fn example() -> AssessmentData {
        AssessmentData {
            assessment: chime::example_assessment(),
        }
    }

    /// The assessment's id.
    #[getter]
    fn id(&self) -> &str {
        &self.assessment.id
    }

    /// The assessment as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.assessment)
    }

    /// The assessment as pretty JSON with a final newline.
    fn to_json(&self) -> String {
        self.assessment.to_json()
    }
}

/// A report computed by the core (or read back from its JSON).
#[pyclass(frozen, eq, module = "chime_standards._native")]
#[derive(PartialEq)]
pub struct ReportData {
    report: Report,
}

#[pymethods]
impl ReportData {
    /// Parses a report from JSON text (`str` or `bytes`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<ReportData> {
        parse(py, text, Document::Report).map(|report| ReportData { report })
    }

    /// A report given as Python data; `None` when the data does not convert cleanly.
    #[staticmethod]
    fn from_py(data: &Bound<'_, PyAny>) -> Option<ReportData> {
        from_data(data).map(|report| ReportData { report })
    }

    /// The framework id the report was scored against.
    #[getter]
    fn framework_id(&self) -> &str {
        &self.report.framework.id
    }

    /// The framework version the report was scored against.
    #[getter]
    fn framework_version(&self) -> &str {
        &self.report.framework.version
    }

    /// The report as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.report)
    }

    /// The report as JSON: the exact text of `chime score --format json`.
    fn to_json(&self) -> String {
        self.report.to_json()
    }

    /// The report as plain text, with the framework's titles.
    fn text(&self, framework: &Engine) -> String {
        render::text(&self.report, framework.engine.framework())
    }

    /// An SVG radar chart of the domain scores (domain names from the framework when given).
    #[pyo3(signature = (framework=None))]
    fn svg(&self, framework: Option<&Engine>) -> String {
        render::svg(&self.report, framework.map(|f| f.engine.framework()))
    }

    /// A self-contained HTML page of the report, with the framework's titles.
    fn html(&self, framework: &Engine) -> String {
        render::html(&self.report, framework.engine.framework())
    }
}

fn reports_of<'a>(reports: &'a [Bound<'_, ReportData>]) -> Vec<&'a Report> {
    reports.iter().map(|report| &report.get().report).collect()
}

/// Compares two reports of one organisation; returns the comparison document as a dict.
#[pyfunction]
fn compare<'py>(
    py: Python<'py>,
    before: &Bound<'py, ReportData>,
    after: &Bound<'py, ReportData>,
) -> PyResult<Bound<'py, PyAny>> {
    let (before, after) = (&before.get().report, &after.get().report);
    let compared = guarded(Document::Report, || chime::compare(before, after));
    match compared {
        Ok(comparison) => to_py(py, &comparison),
        Err(error) => Err(raise(py, &error)),
    }
}

/// Pools reports of one framework; returns the cohort document as a dict.
#[pyfunction]
fn cohort<'py>(
    py: Python<'py>,
    reports: Vec<Bound<'py, ReportData>>,
) -> PyResult<Bound<'py, PyAny>> {
    let borrowed = reports_of(&reports);
    let pooled = py.detach(|| guarded(Document::Report, || chime::cohort(borrowed)));
    match pooled {
        Ok(summary) => to_py(py, &summary),
        Err(error) => Err(raise(py, &error)),
    }
}

/// A cohort's per-standard table: its columns with their kinds (as `record_column_kinds`
/// gives them) and its flat rows, both from the core (`Cohort::standard_columns` and
/// `Cohort::standard_rows`).
#[pyfunction]
fn cohort_standard_table<'py>(
    py: Python<'py>,
    cohort: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let cohort: Cohort = pythonize::depythonize(cohort)
        .map_err(|error| PyValueError::new_err(format!("not a cohort document: {error}")))?;
    Ok((
        to_py(py, &Cohort::standard_columns())?,
        to_py(py, &cohort.standard_rows())?,
    ))
}

/// Tidy rows of reports (`level` is `overall`, `domain` or `standard`), as a list of dicts.
#[pyfunction]
fn records<'py>(
    py: Python<'py>,
    reports: Vec<Bound<'py, ReportData>>,
    level: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let level = RecordLevel::from_name(level).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown level {level:?}: use \"overall\", \"domain\" or \"standard\""
        ))
    })?;
    to_py(py, &chime::records(reports_of(&reports), level))
}

/// The column names of a level's rows, in order.
#[pyfunction]
fn record_columns(level: &str) -> PyResult<Vec<&'static str>> {
    RecordLevel::from_name(level)
        .map(RecordLevel::columns)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown level {level:?}: use \"overall\", \"domain\" or \"standard\""
            ))
        })
}

/// The one summary of a failure that every front end shows (the core's `summary`): how many
/// problems stop scoring, then each on its own line.
#[pyfunction]
fn summary(diagnostics: &Bound<'_, PyAny>) -> PyResult<String> {
    let diagnostics: Vec<Diagnostic> = pythonize::depythonize(diagnostics)?;
    Ok(chime::summary(&diagnostics))
}

/// One diagnostic as one line, as the core writes it in a summary.
#[pyfunction]
fn diagnostic_line(diagnostic: &Bound<'_, PyAny>) -> PyResult<String> {
    let diagnostic: Diagnostic = pythonize::depythonize(diagnostic)?;
    Ok(diagnostic.to_string())
}

/// The words of every status, award, severity and document name (JSON), from the core.
#[pyfunction]
fn vocabulary() -> String {
    serde_json::to_string(&chime::vocabulary()).unwrap_or_default()
}

/// The columns of a level's rows with their kinds (as dicts: `name`, `kind`, `nullable`, and
/// for categories `categories` and `ordered`), bands, domains and standards from `framework`.
#[pyfunction]
#[pyo3(signature = (level, framework = None))]
fn record_column_kinds<'py>(
    py: Python<'py>,
    level: &str,
    framework: Option<&Engine>,
) -> PyResult<Bound<'py, PyAny>> {
    let level = RecordLevel::from_name(level).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown level {level:?}: use \"overall\", \"domain\" or \"standard\""
        ))
    })?;
    to_py(
        py,
        &level.column_kinds(framework.map(|f| f.engine.framework())),
    )
}

/// The number of threads a batch uses by default: the machine's cores.
#[pyfunction]
fn default_jobs() -> usize {
    chime::default_jobs()
}

/// The JSON Schema of a document (`framework`, `assessment`, `report`, `comparison` or
/// `cohort`), as text.
#[pyfunction]
fn schema(name: &str) -> PyResult<&'static str> {
    SchemaKind::from_name(name)
        .map(chime::schema)
        .ok_or_else(|| {
            let names: Vec<&str> = SchemaKind::ALL.iter().map(|kind| kind.name()).collect();
            PyValueError::new_err(format!(
                "no schema named {name:?}; the schemas are {}",
                names.join(", ")
            ))
        })
}

/// A diagnostic as the core writes it (used by the Python layer for input that never reaches
/// the core, such as a dict holding a value JSON cannot express).
#[pyfunction]
fn input_error<'py>(
    py: Python<'py>,
    code: &str,
    document: &str,
    path: String,
    message: String,
) -> PyResult<Bound<'py, PyAny>> {
    let code = match code {
        "invalid_type" => Code::InvalidType,
        "nesting_too_deep" => Code::NestingTooDeep,
        _ => Code::InvalidValue,
    };
    let document = match document {
        "framework" => Document::Framework,
        "report" => Document::Report,
        "input" => Document::Input,
        "mapping" => Document::Mapping,
        _ => Document::Assessment,
    };
    let error = Error::new(vec![Diagnostic::new(
        Severity::Error,
        code,
        document,
        path,
        message,
    )]);
    validation_error(py, &error)
}

/// Merges several raters' assessments (JSON text or `AssessmentData`) into one; raises
/// `ValidationError` with every mismatch and conflict (document `input`).
#[pyfunction]
fn merge(py: Python<'_>, items: Vec<Bound<'_, PyAny>>) -> PyResult<AssessmentData> {
    let mut texts: Vec<Vec<u8>> = Vec::with_capacity(items.len());
    let mut parsed: Vec<Option<&Assessment>> = Vec::with_capacity(items.len());
    let holders: Vec<Option<Bound<'_, AssessmentData>>> = items
        .iter()
        .map(|item| item.cast::<AssessmentData>().ok().cloned())
        .collect();
    for (item, holder) in items.iter().zip(&holders) {
        match holder {
            Some(data) => {
                parsed.push(Some(&data.get().assessment));
                texts.push(Vec::new());
            }
            None => {
                let bytes = match text_of(item, Document::Input)? {
                    Ok(bytes) => bytes.to_vec(),
                    Err(error) => return Err(raise(py, &error)),
                };
                parsed.push(None);
                texts.push(bytes);
            }
        }
    }
    // Parsed assessments go to the core as their JSON, so one function locates every problem.
    let inputs: Vec<Vec<u8>> = parsed
        .iter()
        .zip(texts)
        .map(|(assessment, text)| match assessment {
            Some(assessment) => serde_json::to_vec(assessment).unwrap_or_default(),
            None => text,
        })
        .collect();
    let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
    py.detach(|| {
        guarded(Document::Input, || {
            chime::merge_json(&slices, &Limits::default())
        })
    })
    .map(|assessment| AssessmentData { assessment })
    .map_err(|error| raise(py, &error))
}

/// One assessment per rater plus one of the agreed judgements (the inverse of `merge`).
#[pyfunction]
fn split(assessment: &Bound<'_, AssessmentData>) -> Vec<AssessmentData> {
    chime::split(&assessment.get().assessment)
        .into_iter()
        .map(|assessment| AssessmentData { assessment })
        .collect()
}

/// The raters x standards matrix of an assessment against a framework, as a dict
/// (`raters`, `standards`, `levels`, `values`); raises `ValidationError` if it cannot be scored.
#[pyfunction]
fn reliability_data<'py>(
    py: Python<'py>,
    framework: &Engine,
    assessment: &Bound<'py, AssessmentData>,
) -> PyResult<Bound<'py, PyAny>> {
    let engine = &framework.engine;
    let data = guarded(Document::Assessment, || {
        engine.reliability_data(&assessment.get().assessment)
    });
    match data {
        Ok(data) => to_py(py, &data),
        Err(error) => Err(raise(py, &error)),
    }
}

/// What a written alpha means: `reliable`, `tentative`, `unreliable` or `not_scoreable`.
#[pyfunction]
#[pyo3(signature = (alpha))]
fn agreement_reading(alpha: Option<f64>) -> &'static str {
    chime::AgreementReading::of(alpha).name()
}

/// What an agreement figure (JSON text) means for a group: the sentence of the text and HTML
/// reports (`chime_standards::render::agreement_text`).
#[pyfunction]
#[pyo3(signature = (agreement))]
fn agreement_text(py: Python<'_>, agreement: &Bound<'_, PyAny>) -> PyResult<String> {
    let agreement: chime::Agreement = parse(py, agreement, Document::Report)?;
    Ok(chime::render::agreement_text(&agreement))
}

/// A mapping document from JSON text, raising `ValidationError` with located diagnostics.
fn mapping_of(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<chime::Mapping> {
    parse(py, text, Document::Mapping)
}

/// The changes between two versions of a framework (spec 9.1), as the changes document.
#[pyfunction]
fn diff<'py>(py: Python<'py>, old: &Engine, new: &Engine) -> PyResult<Bound<'py, PyAny>> {
    let (old, new) = (old.engine.framework(), new.engine.framework());
    match guarded(Document::Framework, || chime::diff(old, new)) {
        Ok(changes) => to_py(py, &changes),
        Err(error) => Err(raise(py, &error)),
    }
}

/// The changes document as text for a standards editor.
#[pyfunction]
fn changes_text(py: Python<'_>, old: &Engine, new: &Engine) -> PyResult<String> {
    let (old, new) = (old.engine.framework(), new.engine.framework());
    match guarded(Document::Framework, || chime::diff(old, new)) {
        Ok(changes) => Ok(chime::changes_text(&changes)),
        Err(error) => Err(raise(py, &error)),
    }
}

/// A draft mapping from one framework to another (spec 9.2), as a dict.
#[pyfunction]
fn draft_mapping<'py>(py: Python<'py>, old: &Engine, new: &Engine) -> PyResult<Bound<'py, PyAny>> {
    to_py(
        py,
        &chime::draft_mapping(old.engine.framework(), new.engine.framework()),
    )
}

/// Every diagnostic of a mapping (JSON text) against both frameworks, as dicts; a parse
/// failure gives its own diagnostics.
#[pyfunction]
fn validate_mapping<'py>(
    py: Python<'py>,
    mapping: &Bound<'py, PyAny>,
    old: &Engine,
    new: &Engine,
) -> PyResult<Bound<'py, PyAny>> {
    let checked = text_of(mapping, Document::Mapping)?.and_then(|bytes| {
        guarded(Document::Mapping, || {
            let parsed: chime::Mapping =
                chime::parse_json(bytes, Document::Mapping, &Limits::default())?;
            Ok(chime::validate_mapping(
                &parsed,
                old.engine.framework(),
                new.engine.framework(),
            ))
        })
    });
    to_py(py, &checked.unwrap_or_else(|error| error.diagnostics))
}

/// Migrates an assessment (JSON text or `AssessmentData`) with a mapping (JSON text) onto
/// `new` (spec 9.3): returns `(AssessmentData, diagnostics)`; raises `ValidationError`.
#[pyfunction]
fn migrate<'py>(
    py: Python<'py>,
    assessment: &Bound<'py, PyAny>,
    mapping: &Bound<'py, PyAny>,
    new: &Engine,
) -> PyResult<(AssessmentData, Bound<'py, PyAny>)> {
    let mapping = mapping_of(py, mapping)?;
    let source = source(assessment)?;
    let migrated = guarded(Document::Assessment, || {
        let parsed;
        let assessment = match &source {
            Source::Text(bytes) => {
                parsed = chime::parse_json::<Assessment>(
                    bytes,
                    Document::Assessment,
                    &Limits::default(),
                )?;
                &parsed
            }
            Source::Parsed(assessment) => *assessment,
            Source::Read(assessment) => assessment,
            Source::Failed(error) => return Err(error.clone()),
        };
        chime::migrate(assessment, &mapping, new.engine.framework())
    });
    match migrated {
        Ok(migration) => Ok((
            AssessmentData {
                assessment: migration.assessment,
            },
            to_py(py, &migration.diagnostics)?,
        )),
        Err(error) => Err(raise(py, &error)),
    }
}

/// Compares two reports across framework versions, following a mapping (JSON text) when one
/// is given (spec 9.4).
#[pyfunction]
#[pyo3(signature = (before, after, mapping = None))]
fn compare_with_mapping<'py>(
    py: Python<'py>,
    before: &Bound<'py, ReportData>,
    after: &Bound<'py, ReportData>,
    mapping: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mapping = mapping.map(|text| mapping_of(py, text)).transpose()?;
    let (before, after) = (&before.get().report, &after.get().report);
    let compared = guarded(Document::Report, || {
        chime::compare_with_mapping(before, after, mapping.as_ref())
    });
    match compared {
        Ok(comparison) => to_py(py, &comparison),
        Err(error) => Err(raise(py, &error)),
    }
}

/// JSON text from `str` or `bytes`, raising `ValidationError` for text that is not Unicode.
fn bytes_of<'a>(
    py: Python<'_>,
    value: &'a Bound<'_, PyAny>,
    document: Document,
) -> PyResult<&'a [u8]> {
    text_of(value, document)?.map_err(|error| raise(py, &error))
}

/// Verifies an endorsement (spec section 10); every argument is JSON text. Returns the
/// verification result as a dict.
#[pyfunction]
#[pyo3(signature = (envelope, assessment, report, keys))]
fn verify<'py>(
    py: Python<'py>,
    envelope: &Bound<'py, PyAny>,
    assessment: &Bound<'py, PyAny>,
    report: Option<&Bound<'py, PyAny>>,
    keys: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let envelope = bytes_of(py, envelope, Document::Endorsement)?;
    let assessment = bytes_of(py, assessment, Document::Assessment)?;
    let report = report
        .map(|report| bytes_of(py, report, Document::Report))
        .transpose()?;
    let keys = bytes_of(py, keys, Document::Keys)?;
    let result = catch_unwind(AssertUnwindSafe(|| {
        chime::endorse::verify_json(envelope, assessment, report, keys, &Limits::default())
    }))
    .map_err(|_| {
        PyValueError::new_err("chime-standards failed on this input (please report it)")
    })?;
    to_py(py, &result)
}

/// Signs an endorsement of an assessment and its report with a private JWK; `review` is the
/// JSON of `{reviewer, reviewed_on, scope, outcome}`. Returns the envelope as JSON text.
#[pyfunction]
fn sign_endorsement(
    py: Python<'_>,
    assessment: &Bound<'_, PyAny>,
    report: &Bound<'_, PyAny>,
    review: &Bound<'_, PyAny>,
    key: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let assessment = bytes_of(py, assessment, Document::Assessment)?;
    let report = bytes_of(py, report, Document::Report)?;
    let review = parse::<chime::endorse::Review>(py, review, Document::Endorsement)?;
    let key = chime::endorse::PrivateKey::from_jwk_json(bytes_of(py, key, Document::Keys)?)
        .map_err(|error| raise(py, &error))?;
    let signed = guarded(Document::Assessment, || {
        chime::endorse::sign_endorsement(assessment, report, &review, &key, &Limits::default())
    });
    signed
        .map(|envelope| envelope.to_json())
        .map_err(|error| raise(py, &error))
}

/// A private JWK (as JSON text) from 32 random bytes the caller drew.
#[pyfunction]
#[pyo3(signature = (seed, reviewer=None))]
fn key_from_bytes(seed: &[u8], reviewer: Option<String>) -> PyResult<String> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| {
        PyValueError::new_err(format!(
            "a key is made from exactly 32 random bytes (os.urandom(32)), not {}",
            seed.len()
        ))
    })?;
    let key = chime::endorse::PrivateKey::from_bytes(seed, reviewer);
    Ok(serde_json::to_string(&key.private_jwk()).unwrap_or_default())
}

/// The public JWK (as JSON text) of a private JWK given as JSON text.
#[pyfunction]
fn public_key(py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<String> {
    let key = chime::endorse::PrivateKey::from_jwk_json(bytes_of(py, key, Document::Keys)?)
        .map_err(|error| raise(py, &error))?;
    Ok(serde_json::to_string(&key.public_jwk()).unwrap_or_default())
}

/// The RFC 7638 thumbprint of a JWK given as JSON text: the `keyid` its signatures carry.
#[pyfunction]
fn key_id(py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<String> {
    let jwk = parse::<chime::endorse::Jwk>(py, key, Document::Keys)?;
    jwk.thumbprint().map_err(|error| raise(py, &error))
}

/// The RFC 8785 canonical form of JSON text, and the SHA-256 (hex) of it.
#[pyfunction]
fn canonical_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    let bytes = bytes_of(py, text, Document::Assessment)?;
    let value = chime::endorse::read_value(bytes, Document::Assessment, &Limits::default())
        .map_err(|error| raise(py, &error))?;
    Ok((
        chime::endorse::canonical_json(&value),
        chime::endorse::value_digest(&value),
    ))
}

/// The native half of the `chime_standards` package.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Engine>()?;
    module.add_class::<AssessmentData>()?;
    module.add_class::<ReportData>()?;
    module.add_function(wrap_pyfunction!(compare, module)?)?;
    module.add_function(wrap_pyfunction!(cohort, module)?)?;
    module.add_function(wrap_pyfunction!(records, module)?)?;
    module.add_function(wrap_pyfunction!(record_columns, module)?)?;
    module.add_function(wrap_pyfunction!(schema, module)?)?;
    module.add_function(wrap_pyfunction!(default_jobs, module)?)?;
    module.add_function(wrap_pyfunction!(diff, module)?)?;
    module.add_function(wrap_pyfunction!(verify, module)?)?;
    module.add_function(wrap_pyfunction!(sign_endorsement, module)?)?;
    module.add_function(wrap_pyfunction!(key_from_bytes, module)?)?;
    module.add_function(wrap_pyfunction!(public_key, module)?)?;
    module.add_function(wrap_pyfunction!(key_id, module)?)?;
    module.add_function(wrap_pyfunction!(canonical_json, module)?)?;
    module.add_function(wrap_pyfunction!(changes_text, module)?)?;
    module.add_function(wrap_pyfunction!(draft_mapping, module)?)?;
    module.add_function(wrap_pyfunction!(validate_mapping, module)?)?;
    module.add_function(wrap_pyfunction!(migrate, module)?)?;
    module.add_function(wrap_pyfunction!(compare_with_mapping, module)?)?;
    module.add_function(wrap_pyfunction!(summary, module)?)?;
    module.add_function(wrap_pyfunction!(vocabulary, module)?)?;
    module.add_function(wrap_pyfunction!(diagnostic_line, module)?)?;
    module.add_function(wrap_pyfunction!(input_error, module)?)?;
    module.add_function(wrap_pyfunction!(merge, module)?)?;
    module.add_function(wrap_pyfunction!(split, module)?)?;
    module.add_function(wrap_pyfunction!(reliability_data, module)?)?;
    module.add_function(wrap_pyfunction!(agreement_reading, module)?)?;
    module.add_function(wrap_pyfunction!(agreement_text, module)?)?;
    module.add_function(wrap_pyfunction!(record_column_kinds, module)?)?;
    module.add_function(wrap_pyfunction!(cohort_standard_table, module)?)?;
    module.add("ENGINE", chime::ENGINE)?;
    module.add("DEFAULT_FRAMEWORK_JSON", chime::DEFAULT_FRAMEWORK_JSON)?;
    module.add("EXAMPLE_ASSESSMENT_JSON", chime::EXAMPLE_ASSESSMENT_JSON)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
