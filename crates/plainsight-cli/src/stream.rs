//! Ordered parallel processing of line-oriented input, with a progress line.
//!
//! Lines are read in chunks; each chunk is processed on every core (rayon) and
//! written in input order, so no record is reordered or dropped. While one
//! chunk is processed the next one is read, on a thread of its own: two chunks
//! are in memory at most, so memory stays bounded by the chunk size and the
//! longest line. Line buffers are reused from chunk to chunk (no allocation
//! per line for reading).

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
    /// Write the line back as it was read, and not `out` (no copy of the
    /// lines a command leaves as they are).
    pub same: bool,
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

/// A chunk of lines whose buffers are reused from one chunk to the next.
#[derive(Default)]
struct Chunk {
    /// Line slots; the first `len` hold this chunk's lines.
    slots: Vec<RawLine>,
    len: usize,
    /// Bytes read into this chunk, line endings included.
    bytes: usize,
}

impl Chunk {
    /// Refills the chunk from `src` (empty at the end of the source).
    fn fill(&mut self, src: &mut Source) -> Result<(), String> {
        self.len = 0;
        self.bytes = 0;
        while self.len < CHUNK_LINES && self.bytes < CHUNK_BYTES {
            if self.len == self.slots.len() {
                self.slots.push(RawLine::default());
            }
            let slot = &mut self.slots[self.len];
            if !src.read_line_into(slot)? {
                break;
            }
            self.bytes += slot.bytes.len() + 1;
            self.len += 1;
        }
        self.bound_memory();
        Ok(())
    }

    /// Reused buffers keep the capacity of the longest line they ever held:
    /// when they hold much more than the chunk needs, give the excess back,
    /// so memory stays bounded by this chunk's lines, whatever came before.
    fn bound_memory(&mut self) {
        let held: usize = self.slots.iter().map(|l| l.bytes.capacity()).sum();
        if held <= 3 * CHUNK_BYTES {
            return;
        }
        for (i, l) in self.slots.iter_mut().enumerate() {
            if i >= self.len {
                l.bytes = Vec::new();
            } else if l.bytes.capacity() > 2 * l.bytes.len() + 64 {
                l.bytes.shrink_to_fit();
            }
        }
    }

    fn lines(&self) -> &[RawLine] {
        &self.slots[..self.len]
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
    let mut cur = Chunk::default();
    let mut next = Chunk::default();
    let mut results: Vec<Processed> = Vec::new();
    for mut src in sources {
        let name = src.name.clone();
        let name = name.as_str();
        cur.fill(&mut src)?;
        while cur.len > 0 {
            let lines = cur.lines();
            // process this chunk while the next one is read
            let read = std::thread::scope(|s| {
                let reader = s.spawn(|| next.fill(&mut src));
                results.clear();
                if lines.len() > 64 {
                    lines
                        .par_iter()
                        .map(|l| f(name, l))
                        .collect_into_vec(&mut results);
                } else {
                    results.extend(lines.iter().map(|l| f(name, l)));
                }
                reader.join()
            });
            for (l, r) in lines.iter().zip(&results) {
                let bytes = if r.same { &l.bytes } else { &r.out };
                out.write_all(bytes).map_err(write_err)?;
                if l.newline {
                    out.write_all(b"\n").map_err(write_err)?;
                }
                if let Some(e) = &r.error {
                    totals.errors += 1;
                    eprintln!("plainsight: {e}");
                }
            }
            totals.lines += lines.len() as u64;
            progress.add(cur.bytes as u64, lines.len() as u64);
            // a read error is reported after every line before it is written
            match read {
                Ok(r) => r?,
                Err(panic) => std::panic::resume_unwind(panic),
            }
            std::mem::swap(&mut cur, &mut next);
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
