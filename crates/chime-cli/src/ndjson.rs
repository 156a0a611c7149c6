//! `chime score --ndjson`: one assessment per input line, one report per output line.
//!
//! Streams: memory stays flat however long the input. A bad line is reported on standard
//! error with its line number while every other line is still scored; the exit code is 1 at
//! the end if any line was bad.

use std::io::{BufRead, Write};

use chime_standards::{Engine, Limits};

use crate::input::Source;
use crate::output::{Failure, Sink};

pub fn score(
    engine: &Engine,
    files: &[String],
    limits: &Limits,
    sink: Sink,
) -> Result<(), Failure> {
    let mut bad_lines = 0usize;
    let mut read_error = None;
    sink.write_with(|out| {
        for file in files {
            let source = Source::new(file);
            let reader: Box<dyn BufRead> = if file == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                match std::fs::File::open(file) {
                    Ok(handle) => Box::new(std::io::BufReader::new(handle)),
                    Err(error) => {
                        read_error = Some(format!("cannot read {}: {error}", source.name()));
                        return Ok(());
                    }
                }
            };
            bad_lines += score_lines(engine, &source, reader, limits, out)?;
        }
        Ok(())
    })?;
    if let Some(message) = read_error {
        return Err(Failure::io(message));
    }
    if bad_lines > 0 {
        eprintln!("chime: {bad_lines} line(s) could not be scored; every other line was");
        return Err(Failure::Silent);
    }
    Ok(())
}

/// Scores every line of one input; returns how many lines were bad.
fn score_lines(
    engine: &Engine,
    source: &Source,
    mut reader: Box<dyn BufRead>,
    limits: &Limits,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut bad = 0;
    let mut line = Vec::new();
    let mut number = 0usize;
    let stderr = std::io::stderr();
    loop {
        line.clear();
        number += 1;
        // Read at most one byte past the limit, so an endless line cannot exhaust memory.
        let cap = u64::try_from(limits.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = std::io::Read::take(&mut reader, cap).read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        let oversize = line.len() > limits.max_bytes && line.last() != Some(&b'\n');
        if oversize {
            skip_rest_of_line(&mut reader)?;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match engine.score_json(&line, limits) {
            Ok(report) => {
                serde_json::to_writer(&mut *out, &report)?;
                out.write_all(b"\n")?;
            }
            Err(error) => {
                bad += 1;
                let mut err = stderr.lock();
                for diagnostic in error.errors() {
                    writeln!(err, "{} line {number}: {diagnostic}", source.name())?;
                }
            }
        }
    }
    Ok(bad)
}

fn skip_rest_of_line(reader: &mut Box<dyn BufRead>) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|b| *b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
            }
        }
    }
}
