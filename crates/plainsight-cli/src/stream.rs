//! Ordered parallel processing of line-oriented input, with a progress line.
//!
//! Lines are read in chunks; each chunk is processed on every core (rayon) and
//! written in input order before the next chunk is read, so memory stays
//! bounded by the chunk size and the longest line, and no record is reordered
//! or dropped.

use crate::input::{RawLine, Source};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Lines per chunk, and bytes per chunk, whichever comes first.
const CHUNK_LINES: usize = 8192;
const CHUNK_BYTES: usize = 8 << 20;

/// What processing one line produced.
pub struct Processed {
    /// Output bytes for this line, without the line ending.
    pub out: Vec<u8>,
    /// A one-line error to report (the record is still written).
    pub error: Option<String>,
}

/// Totals of a run.
#[derive(Default)]
pub struct Totals {
    /// Lines read.
    pub lines: u64,
    /// Lines that carried an error.
    pub errors: u64,
}

/// Shows progress on stderr when it is a terminal.
pub struct Progress {
    on: bool,
    start: Instant,
    total: Option<u64>,
    done: u64,
    lines: u64,
}

impl Progress {
    /// A progress line that shows only if stderr is a terminal.
    pub fn new(total: Option<u64>) -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
            start: Instant::now(),
            total,
            done: 0,
            lines: 0,
        }
    }

    /// Adds processed bytes and lines and redraws.
    pub fn add(&mut self, bytes: u64, lines: u64) {
        self.done += bytes;
        self.lines += lines;
        if !self.on {
            return;
        }
        let secs = self.start.elapsed().as_secs_f64().max(1e-6);
        let mb = self.done as f64 / 1e6;
        let pct = self
            .total
            .filter(|&t| t > 0)
            .map(|t| format!(" {:5.1}%", 100.0 * self.done as f64 / t as f64))
            .unwrap_or_default();
        eprint!(
            "\rplainsight:{pct} {mb:.1} MB, {} lines, {:.1} MB/s   ",
            self.lines,
            mb / secs
        );
    }

    /// Clears the progress line.
    pub fn finish(&self) {
        if self.on && self.lines > 0 {
            eprint!("\r\x1b[2K");
        }
    }
}

/// Runs `f` over every line of every source, in parallel, writing each result
/// followed by the line's own ending. `f` gets the source name and the line.
pub fn run<W, F>(sources: Vec<Source>, out: &mut W, f: F) -> Result<Totals, String>
where
    W: Write,
    F: Fn(&str, &RawLine) -> Processed + Sync,
{
    let total = sources
        .iter()
        .map(|s| s.size)
        .try_fold(0u64, |a, s| s.map(|s| a + s));
    let mut progress = Progress::new(total);
    let mut totals = Totals::default();
    for mut src in sources {
        loop {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
                match src.next_line()? {
                    Some(l) => {
                        bytes += l.bytes.len() + 1;
                        chunk.push(l);
                    }
                    None => break,
                }
            }
            if chunk.is_empty() {
                break;
            }
            let name = src.name.as_str();
            let results: Vec<Processed> = if chunk.len() > 64 {
                chunk.par_iter().map(|l| f(name, l)).collect()
            } else {
                chunk.iter().map(|l| f(name, l)).collect()
            };
            for (l, r) in chunk.iter().zip(&results) {
                out.write_all(&r.out).map_err(write_err)?;
                if l.newline {
                    out.write_all(b"\n").map_err(write_err)?;
                }
                if let Some(e) = &r.error {
                    totals.errors += 1;
                    eprintln!("plainsight: {e}");
                }
            }
            totals.lines += chunk.len() as u64;
            progress.add(bytes as u64, chunk.len() as u64);
        }
    }
    out.flush().map_err(write_err)?;
    progress.finish();
    Ok(totals)
}

/// A write error as a message; a closed pipe (`| head`) ends the program quietly.
pub fn write_err(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    format!("cannot write output: {e}")
}
