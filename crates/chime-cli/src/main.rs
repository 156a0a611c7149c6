//! The `chime` command: score, validate, compare and pool CHIME standards self-assessments.
//!
//! Thin by design: argument parsing and file I/O here, every rule in the `chime-standards`
//! core. Exit codes: 0 ok, 1 invalid input, 2 usage or I/O error.

mod input;
mod output;
mod progress;
mod stream;

use std::path::PathBuf;
use std::process::ExitCode;

use chime_standards::{render, Engine, Limits, SchemaKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::input::{Loaded, Source};
use crate::output::{Failure, Sink};

/// Score, validate, compare and pool self-assessments against CHIME recovery standards.
#[derive(Parser)]
#[command(name = "chime", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest input document accepted, in bytes (default 16 MiB).
    #[arg(long, global = true, default_value_t = Limits::default().max_bytes)]
    max_bytes: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Score the bundled example assessment against the default framework and print the report.
    Demo,
    /// Score assessments (`-` reads standard input).
    Score {
        /// Assessment files (or NDJSON files with --ndjson).
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        framework: FrameworkArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
        /// Write the output to this file (whole or not at all) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Read one assessment per line and write one JSON report per line.
        #[arg(long)]
        ndjson: bool,
        /// Threads for --ndjson (output keeps input order; default 1).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: u16,
    },
    /// Write synthetic assessments (fictional, deterministic), one per line, for benchmarks.
    Generate {
        /// How many.
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// Seed: the same seed gives the same assessments.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        framework: FrameworkArg,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check frameworks or assessments and list every problem.
    Validate {
        /// Framework or assessment files (told apart by their `format`).
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        framework: FrameworkArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Compare two readings (reports or assessments) of one organisation.
    Compare {
        /// The earlier report or assessment.
        before: String,
        /// The later report or assessment.
        after: String,
        #[command(flatten)]
        framework: FrameworkArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Pool many reports (JSON, JSON arrays, or NDJSON files) into summary statistics.
    Cohort {
        /// Report files: one report, an array of reports, or `.ndjson`/`.jsonl` lines.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CohortFormat::Json)]
        format: CohortFormat,
        /// Write the output to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the embedded default framework (`chime-lero`).
    Framework,
    /// Print an example assessment to start from.
    Example,
    /// Print the JSON Schema of a document.
    Schema {
        /// Which document.
        #[arg(value_enum)]
        name: SchemaName,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    ///
    /// bash: `chime completions bash > ~/.local/share/bash-completion/completions/chime`;
    /// zsh: write `_chime` into a directory on `$fpath`; fish: `chime completions fish >
    /// ~/.config/fish/completions/chime.fish`.
    Completions {
        /// Which shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), from the same definition as `--help` (scripts/man.sh).
    #[command(hide = true)]
    Man,
}

#[derive(clap::Args)]
struct FrameworkArg {
    /// Framework file (default: the embedded `chime-lero`).
    #[arg(long)]
    framework: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Text,
    Json,
    Svg,
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CohortFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaName {
    Framework,
    Assessment,
    Report,
    Comparison,
    Cohort,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let limits = Limits {
        max_bytes: cli.max_bytes,
    };
    let json = cli.command.wants_json();
    match run(cli.command, &limits) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(json),
    }
}

impl Command {
    /// Whether failures should be reported as JSON (the command was asked for JSON output).
    fn wants_json(&self) -> bool {
        match self {
            Command::Score { format, ndjson, .. } => *ndjson || matches!(format, ScoreFormat::Json),
            Command::Validate { format, .. } | Command::Compare { format, .. } => {
                *format == ListFormat::Json
            }
            Command::Cohort { format, .. } => matches!(format, CohortFormat::Json),
            _ => false,
        }
    }
}

fn run(command: Command, limits: &Limits) -> Result<(), Failure> {
    match command {
        Command::Demo => {
            let engine = Engine::default_framework();
            let report = engine
                .score(&chime_standards::example_assessment())
                .map_err(|error| Failure::invalid("the bundled example", error.diagnostics))?;
            Sink::stdout().write_all(&render::text(&report, engine.framework()))
        }
        Command::Score {
            files,
            framework,
            format,
            output,
            ndjson,
            jobs,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            let sink = Sink::new(output);
            if ndjson {
                return stream::score(&engine, &files, limits, usize::from(jobs), sink);
            }
            score(&engine, &files, format, limits, sink)
        }
        Command::Validate {
            files,
            framework,
            format,
        } => validate(framework.framework.as_deref(), &files, format, limits),
        Command::Compare {
            before,
            after,
            framework,
            format,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            let before = input::report_from(&engine, &Source::new(&before), limits)?;
            let after = input::report_from(&engine, &Source::new(&after), limits)?;
            let comparison = chime_standards::compare(&before, &after)
                .map_err(|error| Failure::invalid("the two reports", error.diagnostics))?;
            let text = match format {
                ListFormat::Json => comparison.to_json(),
                ListFormat::Text => render::comparison_text(&comparison, Some(engine.framework())),
            };
            Sink::stdout().write_all(&text)
        }
        Command::Cohort {
            files,
            format,
            output,
        } => {
            let mut reports = Vec::new();
            let progress =
                progress::Progress::bytes(progress::Progress::total_of(&files), "reading reports");
            for file in &files {
                reports.extend(input::reports(&Source::new(file), limits)?);
                progress.advance(std::fs::metadata(file).map_or(0, |meta| meta.len()));
            }
            drop(progress);
            let pooled = chime_standards::cohort(&reports)
                .map_err(|error| Failure::invalid("the reports", error.diagnostics))?;
            let text = match format {
                CohortFormat::Json => pooled.to_json(),
                CohortFormat::Csv => pooled.to_csv(),
            };
            Sink::new(output).write_all(&text)
        }
        Command::Generate {
            count,
            seed,
            framework,
            output,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            Sink::new(output).write_with(|out| {
                for index in 0..count {
                    let assessment =
                        chime_standards::synthetic_assessment(engine.framework(), seed, index);
                    serde_json::to_writer(&mut *out, &assessment)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            })
        }
        Command::Framework => Sink::stdout().write_all(chime_standards::DEFAULT_FRAMEWORK_JSON),
        Command::Example => Sink::stdout().write_all(chime_standards::EXAMPLE_ASSESSMENT_JSON),
        Command::Schema { name } => {
            let kind = match name {
                SchemaName::Framework => SchemaKind::Framework,
                SchemaName::Assessment => SchemaKind::Assessment,
                SchemaName::Report => SchemaKind::Report,
                SchemaName::Comparison => SchemaKind::Comparison,
                SchemaName::Cohort => SchemaKind::Cohort,
            };
            Sink::stdout().write_all(chime_standards::schema(kind))
        }
        Command::Completions { shell } => Sink::stdout().write_with(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "chime", out);
            Ok(())
        }),
        Command::Man => {
            Sink::stdout().write_with(|out| clap_mangen::Man::new(Cli::command()).render(out))
        }
    }
}

fn load_engine(path: Option<&str>, limits: &Limits) -> Result<Engine, Failure> {
    let Some(path) = path else {
        return Ok(Engine::default_framework());
    };
    let source = Source::new(path);
    let bytes = source.read(limits)?;
    Engine::from_json(&bytes, limits)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))
}

fn score(
    engine: &Engine,
    files: &[String],
    format: ScoreFormat,
    limits: &Limits,
    sink: Sink,
) -> Result<(), Failure> {
    if files.len() > 1 && matches!(format, ScoreFormat::Svg | ScoreFormat::Html) {
        return Err(Failure::usage(
            "--format svg and html take one assessment; score files one at a time",
        ));
    }
    let mut reports = Vec::new();
    let mut invalid = Vec::new();
    for file in files {
        let source = Source::new(file);
        let scored = source.read(limits).and_then(|bytes| {
            engine
                .score_json(&bytes, limits)
                .map_err(|e| Failure::invalid(source.name(), e.diagnostics))
        });
        match scored {
            Ok(report) => reports.push(report),
            Err(failure @ Failure::Invalid { .. }) => invalid.push(failure),
            Err(failure) => return Err(failure),
        }
    }
    let text = match format {
        ScoreFormat::Json if files.len() == 1 => {
            reports.first().map(|r| r.to_json()).unwrap_or_default()
        }
        ScoreFormat::Json => output::json_array(&reports),
        ScoreFormat::Text => reports
            .iter()
            .map(|report| render::text(report, engine.framework()))
            .collect::<Vec<_>>()
            .join("\n"),
        ScoreFormat::Svg => reports
            .first()
            .map(|report| render::svg(report, Some(engine.framework())))
            .unwrap_or_default(),
        ScoreFormat::Html => reports
            .first()
            .map(|report| render::html(report, engine.framework()))
            .unwrap_or_default(),
    };
    if !reports.is_empty() {
        sink.write_all(&text)?;
    }
    match invalid.len() {
        0 => Ok(()),
        _ => Err(Failure::Many(invalid)),
    }
}

fn validate(
    framework: Option<&str>,
    files: &[String],
    format: ListFormat,
    limits: &Limits,
) -> Result<(), Failure> {
    let engine = load_engine(framework, limits)?;
    let mut results = Vec::new();
    for file in files {
        let source = Source::new(file);
        let bytes = source.read(limits)?;
        let diagnostics = match input::detect(&bytes, limits) {
            Loaded::Framework => match Engine::from_json(&bytes, limits) {
                Ok(checked) => checked.framework_warnings().to_vec(),
                Err(error) => error.diagnostics,
            },
            Loaded::Assessment | Loaded::Unknown => match chime_standards::parse_json(
                &bytes,
                chime_standards::Document::Assessment,
                limits,
            ) {
                Ok(assessment) => engine.validate(&assessment),
                Err(error) => error.diagnostics,
            },
        };
        results.push((source.name().to_string(), diagnostics));
    }
    let any_error = results
        .iter()
        .any(|(_, list)| list.iter().any(|d| d.is_error()));
    let text = match format {
        ListFormat::Json => output::diagnostics_json(&results),
        ListFormat::Text => output::diagnostics_text(&results),
    };
    Sink::stdout().write_all(&text)?;
    if any_error {
        Err(Failure::Silent)
    } else {
        Ok(())
    }
}
