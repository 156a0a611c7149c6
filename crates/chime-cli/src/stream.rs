//! `chime score --ndjson` over files and standard input, writing through a [`Sink`].

use std::io::Write;

use chime_cli::ndjson::{score_stream, Options};
use chime_standards::{Engine, Limits};

use crate::input::Source;
use crate::output::{Failure, Sink};
use crate::progress::Progress;

/// Scores every line of every input on `jobs` threads; exit code 1 at the end if any line
/// was bad.
pub fn score(
    engine: &Engine,
    files: &[String],
    limits: &Limits,
    jobs: usize,
    sink: Sink,
) -> Result<(), Failure> {
    let mut bad_lines = 0;
    let mut read_error = None;
    let progress = Progress::total_of(files);
    let progress = Progress::bytes(progress, "scoring");
    sink.write_with(|out| {
        let mut errors = progress.errors();
        for file in files {
            let source = Source::new(file);
            let options = Options {
                name: source.name(),
                limits: *limits,
                jobs,
            };
            let tally = if file == "-" {
                let input = progress.wrap(std::io::stdin().lock());
                score_stream(engine, &options, input, out, &mut errors)?
            } else {
                match std::fs::File::open(file) {
                    Ok(handle) => {
                        let reader = std::io::BufReader::with_capacity(1 << 16, handle);
                        score_stream(engine, &options, progress.wrap(reader), out, &mut errors)?
                    }
                    Err(error) => {
                        read_error = Some(format!("cannot read {}: {error}", source.name()));
                        return Ok(());
                    }
                }
            };
            bad_lines += tally.bad;
        }
        errors.flush()?;
        Ok(())
    })?;
    if let Some(message) = read_error {
        return Err(Failure::io(message));
    }
    drop(progress);
    if bad_lines > 0 {
        eprintln!("chime: {bad_lines} line(s) could not be scored; every other line was");
        return Err(Failure::Silent);
    }
    Ok(())
}
