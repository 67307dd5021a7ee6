//! Reading inputs: files or stdin, line by line, with exact positions for errors.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

/// Size of the read buffer: large reads, few system calls.
const READ_BUFFER: usize = 256 << 10;

/// A line buffer that grew past this is given back to the allocator when it
/// is reused, so that recycled buffers keep memory bounded by the chunk (and
/// one long line at a time), not by the longest line each slot ever held.
const KEEP_CAPACITY: usize = 64 << 10;

/// Where records come from.
pub struct Source {
    /// Name used in messages: the path, or `<stdin>`.
    pub name: String,
    reader: Box<dyn BufRead + Send>,
    /// Total size in bytes when known (files), for the progress bar.
    pub size: Option<u64>,
    line_no: u64,
    offset: u64,
}

/// One line of input: its bytes (without the line ending) and where it stands.
#[derive(Default)]
pub struct RawLine {
    /// 1-based line number.
    pub line_no: u64,
    /// Byte offset of the line's first byte in the source.
    pub offset: u64,
    /// The line's bytes, without `\n` (a `\r` before it is kept).
    pub bytes: Vec<u8>,
    /// Whether the line ended with `\n` (the last line may not).
    pub newline: bool,
}

impl RawLine {
    /// The line as text, or a one-line error naming where the invalid byte is.
    pub fn text(&self, source: &str, lossy: bool) -> Result<String, String> {
        self.str(source, lossy).map(Cow::into_owned)
    }

    /// Like [`RawLine::text`], but borrows the line when it is valid UTF-8.
    pub fn str(&self, source: &str, lossy: bool) -> Result<Cow<'_, str>, String> {
        match std::str::from_utf8(&self.bytes) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(_) if lossy => Ok(String::from_utf8_lossy(&self.bytes)),
            Err(e) => Err(format!(
                "{source}:{}: invalid UTF-8 at byte offset {} (byte {} of the line); pass --lossy to replace invalid bytes with U+FFFD",
                self.line_no,
                self.offset + e.valid_up_to() as u64,
                e.valid_up_to() + 1
            )),
        }
    }
}

impl Source {
    /// Opens the named files in turn, or stdin when there are none.
    pub fn open_all(files: &[PathBuf]) -> Result<Vec<Source>, String> {
        if files.is_empty() || (files.len() == 1 && files[0].as_os_str() == "-") {
            return Ok(vec![Source::new(
                "<stdin>".into(),
                Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin())),
                None,
            )]);
        }
        files
            .iter()
            .map(|p| {
                let f = File::open(p).map_err(|e| format!("{}: cannot open: {e}", p.display()))?;
                let size = f.metadata().ok().map(|m| m.len());
                Ok(Source::new(
                    p.display().to_string(),
                    Box::new(BufReader::with_capacity(READ_BUFFER, f)),
                    size,
                ))
            })
            .collect()
    }

    fn new(name: String, reader: Box<dyn BufRead + Send>, size: Option<u64>) -> Source {
        Source {
            name,
            reader,
            size,
            line_no: 0,
            offset: 0,
        }
    }

    /// Reads the next line, or `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<RawLine>, String> {
        let mut line = RawLine::default();
        Ok(self.read_line_into(&mut line)?.then_some(line))
    }

    /// Reads the next line into `line`, reusing its buffer; `false` at the end
    /// (`line` is then left empty).
    pub fn read_line_into(&mut self, line: &mut RawLine) -> Result<bool, String> {
        let bytes = &mut line.bytes;
        bytes.clear();
        if bytes.capacity() > KEEP_CAPACITY {
            bytes.shrink_to(KEEP_CAPACITY);
        }
        let n = read_until_newline(&mut *self.reader, bytes)
            .map_err(|e| format!("{}: read error: {e}", self.name))?;
        if n == 0 {
            return Ok(false);
        }
        self.line_no += 1;
        line.line_no = self.line_no;
        line.offset = self.offset;
        self.offset += n as u64;
        line.newline = bytes.last() == Some(&b'\n');
        if line.newline {
            bytes.pop();
        }
        Ok(true)
    }

    /// Reads the whole rest of the source.
    #[allow(dead_code)]
    pub fn read_all(&mut self) -> Result<Vec<u8>, String> {
        let mut v = Vec::new();
        self.reader
            .read_to_end(&mut v)
            .map_err(|e| format!("{}: read error: {e}", self.name))?;
        Ok(v)
    }
}

/// `BufRead::read_until(b'\n', buf)`, with the `memchr` crate's vectorized
/// search for the newline (the standard library's searches a word at a time:
/// a tenth of the time of `plainsight unmask` on clean text).
fn read_until_newline(r: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let (done, used) = {
            let available = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match memchr::memchr(b'\n', available) {
                Some(i) => {
                    buf.extend_from_slice(&available[..=i]);
                    (true, i + 1)
                }
                None => {
                    buf.extend_from_slice(available);
                    (false, available.len())
                }
            }
        };
        r.consume(used);
        read += used;
        if done || used == 0 {
            return Ok(read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_until_newline;
    use std::io::{BufRead, BufReader};

    #[test]
    fn lines_are_split_as_read_until_splits_them() {
        let text = b"one\ntwo\r\n\n\nlong line across the buffer\nlast";
        for cap in [1, 2, 3, 7, 64] {
            let mut ours = BufReader::with_capacity(cap, &text[..]);
            let mut std = BufReader::with_capacity(cap, &text[..]);
            loop {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let n = read_until_newline(&mut ours, &mut a).unwrap();
                let m = std.read_until(b'\n', &mut b).unwrap();
                assert_eq!((n, &a), (m, &b), "buffer of {cap}");
                if n == 0 {
                    break;
                }
            }
        }
    }
}
