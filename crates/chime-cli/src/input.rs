//! Reading input files: size limits, standard input, and telling documents apart.

use std::io::Read;

use chime_standards::{parse_json, Document, Engine, Limits, Report};

use crate::output::Failure;

/// A named input: a file path, or `-` for standard input.
pub struct Source<'a> {
    path: &'a str,
}

/// What kind of document some JSON is, judged by its `format` field.
pub enum Loaded {
    Framework,
    Assessment,
    Unknown,
    Mapping,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a str) -> Source<'a> {
        Source { path }
    }

    /// The name used in messages.
    pub fn name(&self) -> &str {
        if self.path == "-" {
            "<stdin>"
        } else {
            self.path
        }
    }

    /// Reads the whole input, refusing more than the size limit without holding it all.
    pub fn read(&self, limits: &Limits) -> Result<Vec<u8>, Failure> {
        let cap = u64::try_from(limits.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut bytes = Vec::new();
        let result = if self.path == "-" {
            std::io::stdin().lock().take(cap).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(self.path).and_then(|file| file.take(cap).read_to_end(&mut bytes))
        };
        result.map_err(|error| Failure::io(format!("cannot read {}: {error}", self.name())))?;
        Ok(bytes)
    }
}

/// The kind of document, from its `format` field (without parsing the rest twice).
pub fn detect(bytes: &[u8], limits: &Limits) -> Loaded {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    match parse_json::<Head>(bytes, Document::Assessment, limits) {
        Ok(Head {
            format: Some(format),
        }) if format.starts_with("chime-standards/framework@") => Loaded::Framework,
        Ok(Head {
            format: Some(format),
        }) if format.starts_with("chime-standards/assessment@") => Loaded::Assessment,
        Ok(Head {
            format: Some(format),
        }) if format.starts_with("chime-standards/mapping@") => Loaded::Mapping,
        _ => Loaded::Unknown,
    }
}

/// A report from a file holding a report, or an assessment to score with `engine`.
pub fn report_from(engine: &Engine, source: &Source, limits: &Limits) -> Result<Report, Failure> {
    let bytes = source.read(limits)?;
    let result = match detect(&bytes, limits) {
        Loaded::Assessment => engine.score_json(&bytes, limits),
        _ => parse_json::<Report>(&bytes, Document::Report, limits),
    };
    result.map_err(|error| Failure::invalid(source.name(), error.diagnostics))
}

/// Reports from a file: one report, a JSON array of reports, or NDJSON (`.ndjson`, `.jsonl`).
pub fn reports(source: &Source, limits: &Limits) -> Result<Vec<Report>, Failure> {
    let bytes = source.read(limits)?;
    let invalid =
        |error: chime_standards::Error| Failure::invalid(source.name(), error.diagnostics);
    let lines = source.path.ends_with(".ndjson") || source.path.ends_with(".jsonl");
    if lines {
        let mut reports = Vec::new();
        for (number, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let report = parse_json::<Report>(line, Document::Report, limits).map_err(|error| {
                Failure::invalid(
                    format!("{} line {}", source.name(), number + 1),
                    error.diagnostics,
                )
            })?;
            reports.push(report);
        }
        return Ok(reports);
    }
    let starts_array = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    if starts_array {
        parse_json::<Vec<Report>>(&bytes, Document::Report, limits).map_err(invalid)
    } else {
        parse_json::<Report>(&bytes, Document::Report, limits)
            .map(|r| vec![r])
            .map_err(invalid)
    }
}
