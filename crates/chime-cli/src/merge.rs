//! `chime merge` and `chime split`: several raters' files into one assessment, and back.
//!
//! Every rule is the core's (`chime_standards::merge`, `split`); here only files are read and
//! written, and diagnostics are grouped by the file they point into.

use std::path::{Path, PathBuf};

use chime_standards::{Assessment, Diagnostic, Document, Engine, Limits};

use crate::input::Source;
use crate::output::{Failure, Sink};

/// Merges the files, validates the result against `engine`, and writes it whole or not at all.
pub fn merge(
    engine: &Engine,
    files: &[String],
    limits: &Limits,
    sink: Sink,
) -> Result<(), Failure> {
    let mut inputs = Vec::with_capacity(files.len());
    for file in files {
        inputs.push(Source::new(file).read(limits)?);
    }
    let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
    let merged = chime_standards::merge_json(&slices, limits)
        .map_err(|error| by_input(files, error.diagnostics))?;
    let diagnostics = engine.validate(&merged);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Failure::invalid("the merged assessment", diagnostics));
    }
    sink.write_all(&merged.to_json())
}

/// Groups merge diagnostics by the input their path starts with, named by file.
fn by_input(files: &[String], diagnostics: Vec<Diagnostic>) -> Failure {
    let mut groups: Vec<(String, Vec<Diagnostic>)> = Vec::new();
    for diagnostic in diagnostics {
        let index = (diagnostic.document == Document::Input)
            .then(|| diagnostic.path.split('/').nth(1)?.parse::<usize>().ok())
            .flatten();
        let name = match index.and_then(|i| files.get(i).map(|file| (i, file))) {
            Some((i, file)) => format!("{} (input {i})", Source::new(file).name()),
            None => "the inputs".to_string(),
        };
        match groups.iter_mut().find(|(group, _)| *group == name) {
            Some((_, list)) => list.push(diagnostic),
            None => groups.push((name, vec![diagnostic])),
        }
    }
    Failure::Many(
        groups
            .into_iter()
            .map(|(name, list)| Failure::invalid(name, list))
            .collect(),
    )
}

/// Splits one assessment into a file per rater and one of the agreed judgements, in `dir`.
///
/// Refuses to overwrite: a rater's file may hold work. Prints the names written.
pub fn split(file: &str, dir: &Path, limits: &Limits) -> Result<(), Failure> {
    let source = Source::new(file);
    let bytes = source.read(limits)?;
    let assessment: Assessment = chime_standards::parse_json(&bytes, Document::Assessment, limits)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))?;
    let parts = chime_standards::split(&assessment);
    let named: Vec<(PathBuf, &Assessment)> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| (dir.join(file_name(i, part)), part))
        .collect();
    let existing: Vec<String> = named
        .iter()
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Failure::usage(format!(
            "these files exist already and would be overwritten: {}; choose another --dir",
            existing.join(", ")
        )));
    }
    std::fs::create_dir_all(dir)
        .map_err(|error| Failure::io(format!("cannot create {}: {error}", dir.display())))?;
    let mut written = String::new();
    for (path, part) in &named {
        Sink::new(Some(path.clone())).write_all(&part.to_json())?;
        written.push_str(&format!("wrote {}\n", path.display()));
    }
    Sink::stdout().write_all(&written)
}

/// `rater-01-<id>.json` for each rater's file (the id kept to letters, digits, `-` and `_`),
/// `agreed.json` for the last.
fn file_name(i: usize, part: &Assessment) -> String {
    let rater = part
        .judgements
        .iter()
        .find_map(|judgement| judgement.rater.as_deref())
        .or_else(|| part.raters.first().map(|rater| rater.id.as_str()));
    match rater {
        Some(id) => {
            let safe: String = id
                .chars()
                .take(40)
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            format!("rater-{:02}-{safe}.json", i + 1)
        }
        None => "agreed.json".to_string(),
    }
}
