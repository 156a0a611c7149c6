//! `chime score --ndjson`: one assessment per input line, one report per output line.
//!
//! Streams in bounded chunks: memory stays flat however long the input. With more than one
//! job, the lines of a chunk are scored on several threads and written in input order. A bad
//! line is reported with its line number while every other line is still scored.

use std::io::{BufRead, Read, Write};

use chime_standards::{Engine, Limits};

/// Lines read before they are scored and written together.
const CHUNK_LINES: usize = 512;
/// Bytes read before a chunk is scored, whatever its line count.
const CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// What one stream held.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Lines scored and written.
    pub scored: usize,
    /// Lines that could not be scored (each reported on `errors`).
    pub bad: usize,
}

/// Where and how to score a stream.
pub struct Options<'a> {
    /// The name used in error lines (a file name, or `<stdin>`).
    pub name: &'a str,
    /// Input limits; a line is one document.
    pub limits: Limits,
    /// Threads to score on (1 scores on the calling thread).
    pub jobs: usize,
}

/// One line read: its number and bytes.
struct Line {
    number: usize,
    bytes: Vec<u8>,
}

/// Scores every non-blank line of `input`: a compact JSON report per line on `output`, and
/// each bad line's errors on `errors` as `NAME line N: error[code] ...`.
pub fn score_stream(
    engine: &Engine,
    options: &Options,
    mut input: impl BufRead,
    output: &mut dyn Write,
    errors: &mut dyn Write,
) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    let mut number = 0;
    loop {
        let chunk = read_chunk(&mut input, &mut number, &options.limits)?;
        if chunk.is_empty() {
            return Ok(tally);
        }
        for (line, result) in chunk.iter().zip(score_chunk(engine, &chunk, options)) {
            match result {
                Ok(report) => {
                    output.write_all(report.as_bytes())?;
                    output.write_all(b"\n")?;
                    tally.scored += 1;
                }
                Err(error) => {
                    tally.bad += 1;
                    for diagnostic in error.errors() {
                        writeln!(
                            errors,
                            "{} line {}: {diagnostic}",
                            options.name, line.number
                        )?;
                    }
                }
            }
        }
    }
}

/// Scores a chunk's lines, on `options.jobs` threads, returning results in line order.
fn score_chunk(
    engine: &Engine,
    chunk: &[Line],
    options: &Options,
) -> Vec<Result<String, chime_standards::Error>> {
    chime_standards::map_ordered(chunk, options.jobs, |line| {
        engine
            .score_json(&line.bytes, &options.limits)
            .map(|report| serde_json::to_string(&report).unwrap_or_default())
    })
}

/// Reads up to a chunk of non-blank lines; an over-long line is cut at the limit (and then
/// refused by the parser) and the rest of it skipped.
fn read_chunk(
    input: &mut impl BufRead,
    number: &mut usize,
    limits: &Limits,
) -> std::io::Result<Vec<Line>> {
    let cap = u64::try_from(limits.max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let (mut chunk, mut bytes) = (Vec::new(), 0);
    while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
        let mut line = Vec::new();
        if (&mut *input).take(cap).read_until(b'\n', &mut line)? == 0 {
            break;
        }
        *number += 1;
        if line.len() > limits.max_bytes && line.last() != Some(&b'\n') {
            skip_rest_of_line(input)?;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        bytes += line.len();
        chunk.push(Line {
            number: *number,
            bytes: line,
        });
    }
    Ok(chunk)
}

fn skip_rest_of_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        if let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            input.consume(end + 1);
            return Ok(());
        }
        let all = buffer.len();
        input.consume(all);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, max_bytes: usize, jobs: usize) -> (Tally, String, String) {
        let engine = Engine::default_framework();
        let options = Options {
            name: "in",
            limits: Limits { max_bytes },
            jobs,
        };
        let (mut output, mut errors) = (Vec::new(), Vec::new());
        let tally = score_stream(
            &engine,
            &options,
            input.as_bytes(),
            &mut output,
            &mut errors,
        )
        .unwrap();
        (
            tally,
            String::from_utf8(output).unwrap(),
            String::from_utf8(errors).unwrap(),
        )
    }

    fn example_line() -> String {
        let example: serde_json::Value =
            serde_json::from_str(chime_standards::EXAMPLE_ASSESSMENT_JSON).unwrap();
        serde_json::to_string(&example).unwrap()
    }

    #[test]
    fn an_overlong_line_is_refused_and_the_next_one_still_scored() {
        let line = example_line();
        let long = format!("{{\"id\": \"{}\"}}", "x".repeat(line.len() * 3));
        let (tally, output, errors) = run(&format!("{long}\n{line}\n"), line.len() + 10, 1);
        assert_eq!(tally, Tally { scored: 1, bad: 1 });
        assert!(
            errors.starts_with("in line 1: error[input_too_large]"),
            "{errors}"
        );
        assert_eq!(output.lines().count(), 1);
    }

    #[test]
    fn several_jobs_give_the_same_output_in_the_same_order() {
        let line = example_line();
        // Distinct ids, bad lines among them, across more than one chunk.
        let mut input = String::new();
        for i in 0..(CHUNK_LINES + 40) {
            if i % 97 == 5 {
                input.push_str("{\"broken\": \n");
            } else {
                input.push_str(&line.replacen("larkspur-street-2025", &format!("a-{i}"), 1));
                input.push('\n');
            }
        }
        let single = run(&input, 1 << 24, 1);
        let parallel = run(&input, 1 << 24, 4);
        assert_eq!(single, parallel);
        assert_eq!(single.0.bad, 6);
        let ids: Vec<String> = single
            .1
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["assessment"].to_string()
            })
            .collect();
        assert_eq!(ids.first().map(String::as_str), Some("\"a-0\""));
        assert_eq!(
            ids.last().map(String::as_str),
            Some(&*format!("\"a-{}\"", CHUNK_LINES + 39))
        );
    }
}
