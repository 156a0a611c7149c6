//! The `chime` command: score, validate, compare and pool CHIME standards self-assessments.
//!
//! Thin by design: argument parsing and file I/O here, every rule in the `chime-standards`
//! core. Exit codes: 0 ok, 1 invalid input, 2 usage or I/O error.

mod endorse;
mod input;
mod merge;
mod output;
mod progress;
mod revision;
mod stream;

use std::path::PathBuf;
use std::process::ExitCode;

use chime_standards::{render, Engine, Limits, SchemaKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::input::{Loaded, Source};
use crate::output::{Failure, Sink};

/// mimalloc rather than the system's allocator: a scored line is hundreds of small
/// allocations, which glibc's malloc serves markedly slower (benches/README.md, "Issue 11
/// section 5 on a new machine, and the CLI's allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Endorsements to verify and list in the HTML report (with --keys, --format html).
        #[arg(long = "endorsement", requires = "keys")]
        endorsements: Vec<String>,
        /// The trusted reviewers' public keys (a JWK Set) for --endorsement.
        #[arg(long)]
        keys: Option<String>,
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
        /// Framework, assessment or mapping files (told apart by their `format`).
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        framework: FrameworkArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// For a mapping: the old framework it maps from.
        #[arg(long)]
        from: Option<String>,
        /// For a mapping: the new framework it maps to.
        #[arg(long)]
        to: Option<String>,
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
        /// A mapping between the two readings' framework versions: newly met and no longer
        /// met standards follow it.
        #[arg(long)]
        mapping: Option<String>,
        /// The framework of the earlier reading when it differs (default: --framework).
        #[arg(long)]
        from: Option<String>,
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
    /// Merge several raters' assessment files into one (checked, then printed as JSON).
    Merge {
        /// Two or more assessment files of one assessment (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        framework: FrameworkArg,
        /// How problems are listed (the merged assessment is always JSON).
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Write the merged assessment to this file (whole or not at all).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Split an assessment into one file per rater plus one of the agreed judgements.
    Split {
        /// The assessment file.
        assessment: String,
        /// The folder to write the files into (created if missing; files are never
        /// overwritten).
        #[arg(long)]
        dir: PathBuf,
    },
    /// List the changes between two versions of a framework and the version rise they need
    /// (exit 1 when the new version does not rise far enough).
    Diff {
        /// The old framework.
        old: String,
        /// The new framework.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a draft mapping from one framework version to another, for a person to finish.
    Mapping {
        /// The old framework.
        old: String,
        /// The new framework.
        new: String,
    },
    /// Carry an assessment onto a new framework version with a mapping (what to review goes
    /// to standard error).
    Migrate {
        /// The assessment, against the mapping's old framework.
        assessment: String,
        /// The mapping from the old framework to the new.
        #[arg(long, required = true)]
        mapping: String,
        /// The new framework.
        #[arg(long, required = true)]
        framework: String,
        /// Write the migrated assessment to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Make and manage reviewers' signing keys.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Score an assessment and sign an endorsement of it and its report (spec section 10).
    Endorse {
        /// The assessment reviewed.
        assessment: String,
        /// Your private key file (from `chime key new`).
        #[arg(long)]
        key: String,
        /// Your reviewer id (the one your key names in the trusted key set).
        #[arg(long)]
        reviewer: String,
        /// Your organisation's id, if you review for one.
        #[arg(long)]
        organisation: Option<String>,
        /// Your standing.
        #[arg(long, value_enum)]
        role: endorse::RoleArg,
        /// How closely you looked.
        #[arg(long, value_enum)]
        scope: endorse::ScopeArg,
        /// What you concluded.
        #[arg(long, value_enum)]
        outcome: endorse::OutcomeArg,
        #[command(flatten)]
        framework: FrameworkArg,
        /// The day the review concluded, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        on: Option<chime_standards::Date>,
        /// Write the endorsement to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Verify endorsements of an assessment against trusted keys (exit 0 only if all are valid).
    Verify {
        /// The assessment endorsed.
        assessment: String,
        /// Endorsement files.
        #[arg(required = true)]
        endorsements: Vec<String>,
        /// The trusted reviewers' public keys: a JWK Set `{"keys": [...]}`.
        #[arg(long)]
        keys: String,
        #[command(flatten)]
        framework: FrameworkArg,
        /// The endorsed report (default: the report this engine makes of the assessment now).
        #[arg(long)]
        report: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
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

#[derive(Subcommand)]
enum KeyCommand {
    /// Make a new Ed25519 key: the private key goes to a new file readable by you only, the
    /// public key (for the trusted key set) is printed.
    New {
        /// The private key file to create (never overwritten).
        #[arg(long, short)]
        output: PathBuf,
        /// The reviewer id the key belongs to.
        #[arg(long)]
        id: Option<String>,
    },
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
    Endorsement,
    Keys,
    Verification,
    Mapping,
    Changes,
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
            Command::Merge { format, .. } => *format == ListFormat::Json,
            Command::Diff { format, .. } => *format == ListFormat::Json,
            Command::Verify { format, .. } => *format == ListFormat::Json,
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
            endorsements,
            keys,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            let sink = Sink::new(output);
            if let Some(keys) = keys {
                return score_endorsed(&engine, &files, format, &endorsements, &keys, limits, sink);
            }
            if ndjson {
                return stream::score(&engine, &files, limits, usize::from(jobs), sink);
            }
            score(&engine, &files, format, limits, sink)
        }
        Command::Validate {
            files,
            framework,
            format,
            from,
            to,
        } => validate(
            framework.framework.as_deref(),
            &files,
            format,
            (from.as_deref(), to.as_deref()),
            limits,
        ),
        Command::Compare {
            before,
            after,
            framework,
            format,
            mapping,
            from,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            let before_engine = match from.as_deref() {
                Some(path) => load_engine(Some(path), limits)?,
                None => engine.clone(),
            };
            let before = input::report_from(&before_engine, &Source::new(&before), limits)?;
            let after = input::report_from(&engine, &Source::new(&after), limits)?;
            let mapping = match mapping.as_deref() {
                Some(path) => Some(revision::mapping(path, limits)?),
                None => None,
            };
            let comparison =
                chime_standards::compare_with_mapping(&before, &after, mapping.as_ref())
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
                SchemaName::Mapping => SchemaKind::Mapping,
                SchemaName::Changes => SchemaKind::Changes,
                SchemaName::Endorsement => SchemaKind::Endorsement,
                SchemaName::Keys => SchemaKind::Keys,
                SchemaName::Verification => SchemaKind::Verification,
            };
            Sink::stdout().write_all(chime_standards::schema(kind))
        }
        Command::Merge {
            files,
            framework,
            format: _,
            output,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            merge::merge(&engine, &files, limits, Sink::new(output))
        }
        Command::Split { assessment, dir } => merge::split(&assessment, &dir, limits),
        Command::Diff { old, new, format } => {
            revision::run_diff(&old, &new, format == ListFormat::Json, limits)
        }
        Command::Mapping { old, new } => revision::run_mapping(&old, &new, limits),
        Command::Migrate {
            assessment,
            mapping,
            framework,
            output,
        } => revision::run_migrate(&assessment, &mapping, &framework, output, limits),
        Command::Key {
            command: KeyCommand::New { output, id },
        } => endorse::key_new(&output, id),
        Command::Endorse {
            assessment,
            key,
            reviewer,
            organisation,
            role,
            scope,
            outcome,
            framework,
            on,
            output,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            let args = endorse::EndorseArgs {
                assessment: &assessment,
                key: &key,
                reviewer,
                organisation,
                role,
                scope,
                outcome,
                on,
            };
            let envelope = endorse::endorse(&engine, args, limits)?;
            Sink::new(output).write_all(&envelope)
        }
        Command::Verify {
            assessment,
            endorsements,
            keys,
            framework,
            report,
            format,
        } => {
            let engine = load_engine(framework.framework.as_deref(), limits)?;
            let args = endorse::VerifyArgs {
                assessment: &assessment,
                endorsements: &endorsements,
                keys: &keys,
                report: report.as_deref(),
            };
            let results = endorse::verify_all(&engine, &args, limits)?;
            endorse::print(&results, format == ListFormat::Json)
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

/// `chime score --endorsement E --keys K --format html`: the HTML report with the
/// endorsements that verified against this assessment and the report just computed.
fn score_endorsed(
    engine: &Engine,
    files: &[String],
    format: ScoreFormat,
    endorsements: &[String],
    keys: &str,
    limits: &Limits,
    sink: Sink,
) -> Result<(), Failure> {
    let [file] = files else {
        return Err(Failure::usage("--endorsement takes one assessment"));
    };
    if !matches!(format, ScoreFormat::Html) || endorsements.is_empty() {
        return Err(Failure::usage(
            "endorsements are listed in the HTML report: give --format html and --endorsement",
        ));
    }
    let source = Source::new(file);
    let bytes = source.read(limits)?;
    let report = engine
        .score_json(&bytes, limits)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))?;
    let verifications = endorse::verify_for_report(&bytes, &report.to_json(), endorsements, keys)?;
    sink.write_all(&render::html_with_endorsements(
        &report,
        engine.framework(),
        &verifications,
    ))
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
    (from, to): (Option<&str>, Option<&str>),
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
            Loaded::Mapping => revision::check_mapping(&bytes, from, to, limits)?,
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
