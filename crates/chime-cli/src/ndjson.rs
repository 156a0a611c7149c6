//! `chime score --ndjson`: one assessment per input line, one report per output line.
//!
//! Streams: memory stays flat however long the input, since one line (at most the size limit)
//! is held at a time. A bad line is reported with its line number while every other line is
//! still scored.

use std::io::{BufRead, Read, Write};

use chime_standards::{Engine, Limits};

/// What one stream held.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Lines scored and written.
    pub scored: usize,
    /// Lines that could not be scored (each reported on `errors`).
    pub bad: usize,
}

/// Scores every non-blank line of `input`: a compact JSON report per line on `output`, and
/// each bad line's errors on `errors` as `NAME line N: error[code] ...`.
pub fn score_stream(
    engine: &Engine,
    name: &str,
    mut input: impl BufRead,
    output: &mut dyn Write,
    errors: &mut dyn Write,
    limits: &Limits,
) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    let mut line = Vec::new();
    // One byte past the limit shows a line is too long without reading all of it.
    let cap = u64::try_from(limits.max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    for number in 1.. {
        line.clear();
        if (&mut input).take(cap).read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.len() > limits.max_bytes && line.last() != Some(&b'\n') {
            skip_rest_of_line(&mut input)?;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match engine.score_json(&line, limits) {
            Ok(report) => {
                serde_json::to_writer(&mut *output, &report)?;
                output.write_all(b"\n")?;
                tally.scored += 1;
            }
            Err(error) => {
                tally.bad += 1;
                for diagnostic in error.errors() {
                    writeln!(errors, "{name} line {number}: {diagnostic}")?;
                }
            }
        }
    }
    Ok(tally)
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

    #[test]
    fn an_overlong_line_is_refused_and_the_next_one_still_scored() {
        let engine = Engine::default_framework();
        let example: serde_json::Value =
            serde_json::from_str(chime_standards::EXAMPLE_ASSESSMENT_JSON).unwrap();
        let line = serde_json::to_string(&example).unwrap();
        let limits = Limits {
            max_bytes: line.len() + 10,
        };
        let long = format!("{{\"id\": \"{}\"}}", "x".repeat(line.len() * 3));
        let input = format!("{long}\n{line}\n");
        let (mut output, mut errors) = (Vec::new(), Vec::new());
        let tally = score_stream(
            &engine,
            "in",
            input.as_bytes(),
            &mut output,
            &mut errors,
            &limits,
        )
        .unwrap();
        assert_eq!(tally, Tally { scored: 1, bad: 1 });
        let errors = String::from_utf8(errors).unwrap();
        assert!(
            errors.starts_with("in line 1: error[input_too_large]"),
            "{errors}"
        );
        assert_eq!(output.iter().filter(|b| **b == b'\n').count(), 1);
    }
}
