//! Writing output whole or not at all, and reporting failures with the right exit code.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chime_standards::{Diagnostic, Report};

/// Why a command did not succeed.
pub enum Failure {
    /// Invalid input (exit 1): the diagnostics of one named input.
    Invalid {
        name: String,
        diagnostics: Vec<Diagnostic>,
    },
    /// Several invalid inputs (exit 1).
    Many(Vec<Failure>),
    /// Invalid input already reported on standard output (exit 1).
    Silent,
    /// Bad arguments (exit 2).
    Usage(String),
    /// A file could not be read or written (exit 2).
    Io(String),
}

impl Failure {
    pub fn invalid(name: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure::Invalid {
            name: name.into(),
            diagnostics,
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    pub fn io(message: impl Into<String>) -> Failure {
        Failure::Io(message.into())
    }

    /// The diagnostics of every invalid input in this failure, by input name.
    fn collect(self, results: &mut Vec<(String, Vec<Diagnostic>)>) {
        match self {
            Failure::Invalid { name, diagnostics } => results.push((name, diagnostics)),
            Failure::Many(failures) => failures.into_iter().for_each(|f| f.collect(results)),
            _ => {}
        }
    }

    /// Prints the failure to standard error (diagnostics as JSON when `json`) and gives the
    /// exit code.
    pub fn report(self, json: bool) -> ExitCode {
        let mut stderr = std::io::stderr().lock();
        let code = self.print(&mut stderr, json);
        ExitCode::from(code)
    }

    fn print(self, out: &mut impl Write, json: bool) -> u8 {
        // Standard error may be closed; there is nowhere else to say so.
        match self {
            Failure::Invalid { .. } | Failure::Many(_) => {
                let mut results = Vec::new();
                self.collect(&mut results);
                let text = if json {
                    diagnostics_json(&results)
                } else {
                    diagnostics_text(&results)
                };
                let _ = write!(out, "{text}");
                1
            }
            Failure::Silent => 1,
            Failure::Usage(message) => {
                let _ = writeln!(out, "chime: {message}");
                2
            }
            Failure::Io(message) => {
                let _ = writeln!(out, "chime: {message}");
                2
            }
        }
    }
}

/// Where output goes: standard output, or a file written through a temporary name.
pub struct Sink {
    path: Option<PathBuf>,
}

impl Sink {
    pub fn new(path: Option<PathBuf>) -> Sink {
        Sink { path }
    }

    pub fn stdout() -> Sink {
        Sink { path: None }
    }

    /// Writes all of `text`.
    pub fn write_all(self, text: &str) -> Result<(), Failure> {
        self.write_with(|out| out.write_all(text.as_bytes()))
    }

    /// Writes through `fill`; a file appears only if all of it was written.
    pub fn write_with(
        self,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        match self.path {
            None => {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                let result = fill(&mut out).and_then(|()| out.flush());
                match result {
                    // A closed pipe (`chime ... | head`) is not an error of ours.
                    Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    other => {
                        other.map_err(|error| Failure::io(format!("cannot write output: {error}")))
                    }
                }
            }
            Some(path) => {
                let temporary = temporary_name(&path);
                let written = std::fs::File::create(&temporary).and_then(|file| {
                    let mut out = std::io::BufWriter::new(file);
                    fill(&mut out)?;
                    let file = out.into_inner().map_err(|error| error.into_error())?;
                    file.sync_all()
                });
                let renamed = written.and_then(|()| std::fs::rename(&temporary, &path));
                renamed.map_err(|error| {
                    let _ = std::fs::remove_file(&temporary);
                    Failure::io(format!("cannot write {}: {error}", path.display()))
                })
            }
        }
    }
}

/// A hidden sibling of `path`, so the final rename stays on one file system.
fn temporary_name(path: &std::path::Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// Several reports as one pretty JSON array.
pub fn json_array(reports: &[Report]) -> String {
    let mut text = serde_json::to_string_pretty(reports).unwrap_or_default();
    text.push('\n');
    text
}

/// Diagnostics of several inputs, one per line, for people.
pub fn diagnostics_text(results: &[(String, Vec<Diagnostic>)]) -> String {
    let mut text = String::new();
    for (name, diagnostics) in results {
        if diagnostics.is_empty() {
            text.push_str(&format!("{name}: ok\n"));
        }
        for diagnostic in diagnostics {
            text.push_str(&format!("{name}: {diagnostic}\n"));
        }
    }
    text
}

/// Diagnostics of several inputs as JSON: `[{"file": ..., "valid": ..., "diagnostics": [...]}]`.
pub fn diagnostics_json(results: &[(String, Vec<Diagnostic>)]) -> String {
    let list: Vec<serde_json::Value> = results
        .iter()
        .map(|(name, diagnostics)| {
            serde_json::json!({
                "file": name,
                "valid": !diagnostics.iter().any(Diagnostic::is_error),
                "diagnostics": diagnostics,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
    text.push('\n');
    text
}
