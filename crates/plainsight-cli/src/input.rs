//! Reading inputs: files or stdin, line by line, with exact positions for errors.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

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
        match std::str::from_utf8(&self.bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(_) if lossy => Ok(String::from_utf8_lossy(&self.bytes).into_owned()),
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
                Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
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
                    Box::new(BufReader::with_capacity(1 << 16, f)),
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
        let mut bytes = Vec::new();
        let n = self
            .reader
            .read_until(b'\n', &mut bytes)
            .map_err(|e| format!("{}: read error: {e}", self.name))?;
        if n == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        let offset = self.offset;
        self.offset += n as u64;
        let newline = bytes.last() == Some(&b'\n');
        if newline {
            bytes.pop();
        }
        Ok(Some(RawLine {
            line_no: self.line_no,
            offset,
            bytes,
            newline,
        }))
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
