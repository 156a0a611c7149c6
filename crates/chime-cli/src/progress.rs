//! A progress bar on standard error for long work (`score --ndjson`, `cohort`), drawn only
//! when standard error is a terminal: never into a pipe or a file, where it would be noise in
//! a log. It counts bytes of input, which is what is known before reading.

use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over bytes of input (hidden when standard error is not a terminal).
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `total` bytes (a spinner when the total is unknown, as for standard input),
    /// labelled `what`.
    pub fn bytes(total: Option<u64>, what: &str) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        let template = match total {
            Some(_) => "{msg} [{bar:30}] {bytes}/{total_bytes}, {bytes_per_sec}, {eta} left",
            None => "{spinner} {msg}: {bytes}, {bytes_per_sec}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar }
    }

    /// The total size of `files` (`None` when one is standard input or has no size).
    pub fn total_of(files: &[String]) -> Option<u64> {
        files
            .iter()
            .map(|file| match file.as_str() {
                "-" => None,
                path => std::fs::metadata(path).ok().map(|meta| meta.len()),
            })
            .sum()
    }

    /// A reader that moves the bar by the bytes read through it.
    pub fn wrap<R: BufRead>(&self, reader: R) -> impl BufRead {
        self.bar.wrap_read(reader)
    }

    /// Moves the bar by `bytes`.
    pub fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    /// A writer to standard error that lifts the bar while whole lines are written.
    pub fn errors(&self) -> Errors<'_> {
        Errors {
            bar: &self.bar,
            pending: Vec::new(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Standard error, written a line at a time with the bar out of the way.
pub struct Errors<'a> {
    bar: &'a ProgressBar,
    pending: Vec<u8>,
}

impl Errors<'_> {
    fn write_out(&mut self, upto: usize) -> io::Result<()> {
        let lines: Vec<u8> = self.pending.drain(..upto).collect();
        self.bar.suspend(|| {
            let mut stderr = io::stderr().lock();
            stderr.write_all(&lines)?;
            stderr.flush()
        })
    }
}

impl Write for Errors<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|b| *b == b'\n') {
            self.write_out(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let all = self.pending.len();
        self.write_out(all)
    }
}

impl Drop for Errors<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
