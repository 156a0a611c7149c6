//! `chime diff`, `chime mapping`, `chime migrate`, and the mapping parts of `chime compare`
//! and `chime validate` (spec section 9). Every rule is in the core; this reads files and
//! writes results.

use std::path::PathBuf;

use chime_standards::{
    changes_text, diff, draft_mapping, migrate, parse_json, validate_mapping, Diagnostic, Document,
    Engine, Framework, Limits, Mapping,
};

use crate::input::Source;
use crate::output::{self, Failure, Sink};

/// A framework file, parsed and checked.
pub fn framework(path: &str, limits: &Limits) -> Result<Framework, Failure> {
    let source = Source::new(path);
    let bytes = source.read(limits)?;
    Engine::from_json(&bytes, limits)
        .map(|engine| engine.framework().clone())
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))
}

/// A mapping file, parsed (not yet checked against frameworks).
pub fn mapping(path: &str, limits: &Limits) -> Result<Mapping, Failure> {
    let source = Source::new(path);
    let bytes = source.read(limits)?;
    parse_json(&bytes, Document::Mapping, limits)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))
}

/// `chime diff OLD NEW`: the changes as text or JSON; exit 1 when the version does not rise
/// far enough.
pub fn run_diff(old: &str, new: &str, json: bool, limits: &Limits) -> Result<(), Failure> {
    let (before, after) = (framework(old, limits)?, framework(new, limits)?);
    let changes = diff(&before, &after)
        .map_err(|error| Failure::invalid(format!("{old} and {new}"), error.diagnostics))?;
    let text = if json {
        changes.to_json()
    } else {
        changes_text(&changes)
    };
    Sink::stdout().write_all(&text)?;
    if changes.version_ok() {
        Ok(())
    } else {
        Err(Failure::Silent)
    }
}

/// `chime mapping OLD NEW`: a draft mapping for a person to finish.
pub fn run_mapping(old: &str, new: &str, limits: &Limits) -> Result<(), Failure> {
    let (before, after) = (framework(old, limits)?, framework(new, limits)?);
    Sink::stdout().write_all(&draft_mapping(&before, &after).to_json())
}

/// `chime migrate ASSESSMENT --mapping MAPPING --framework NEW`: the migrated assessment on
/// standard output (or `--output`), what to review on standard error.
pub fn run_migrate(
    assessment: &str,
    mapping_path: &str,
    new: &str,
    output: Option<PathBuf>,
    limits: &Limits,
) -> Result<(), Failure> {
    let source = Source::new(assessment);
    let bytes = source.read(limits)?;
    let before = parse_json(&bytes, Document::Assessment, limits)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))?;
    let mapping = mapping(mapping_path, limits)?;
    let new_framework = framework(new, limits)?;
    let migrated = migrate(&before, &mapping, &new_framework)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))?;
    Sink::new(output).write_all(&migrated.assessment.to_json())?;
    if !migrated.diagnostics.is_empty() {
        let text = output::diagnostics_text(&[(
            format!("{} (migrated)", source.name()),
            migrated.diagnostics,
        )]);
        eprint!("{text}");
    }
    Ok(())
}

/// The diagnostics of checking a mapping file against two frameworks.
pub fn check_mapping(
    bytes: &[u8],
    from: Option<&str>,
    to: Option<&str>,
    limits: &Limits,
) -> Result<Vec<Diagnostic>, Failure> {
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Failure::usage(
            "a mapping is checked against both frameworks: give --from OLD --to NEW",
        ));
    };
    let (old, new) = (framework(from, limits)?, framework(to, limits)?);
    Ok(
        match parse_json::<Mapping>(bytes, Document::Mapping, limits) {
            Ok(mapping) => validate_mapping(&mapping, &old, &new),
            Err(error) => error.diagnostics,
        },
    )
}
