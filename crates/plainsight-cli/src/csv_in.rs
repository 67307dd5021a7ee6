//! A small CSV reader (RFC 4180): comma-separated fields, optional double
//! quotes, `""` for a quote inside quotes, line breaks inside quoted fields,
//! `\n` or `\r\n` line endings. The first row names the fields.

use serde_json::{Map, Value};
use std::io::BufRead;

/// Reads CSV records from a buffered reader.
pub struct CsvReader {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line_no: u64,
    offset: u64,
    header: Option<Vec<String>>,
    lossy: bool,
}

/// One record as read: its first line, its fields (or why they are bad) and
/// the bytes it took.
struct RawRecord(u64, Result<Vec<String>, String>, usize);

/// One CSV data row.
pub struct Row {
    /// 1-based line number where the row starts.
    pub line_no: u64,
    /// The row as an object keyed by the header, or what was read and why it is bad.
    pub object: Result<Map<String, Value>, (Value, String)>,
    /// Bytes the row took in the file.
    pub bytes: usize,
}

impl CsvReader {
    /// A reader over `reader`, named `name` in messages.
    pub fn new(reader: Box<dyn BufRead + Send>, name: String, lossy: bool) -> CsvReader {
        CsvReader {
            reader,
            name,
            line_no: 0,
            offset: 0,
            header: None,
            lossy,
        }
    }

    /// Reads one record's fields; `None` at the end.
    fn record(&mut self) -> Result<Option<RawRecord>, String> {
        let start_line = self.line_no + 1;
        let start_offset = self.offset;
        let mut raw = Vec::new();
        let mut in_quotes = false;
        loop {
            let before = raw.len();
            let n = self
                .reader
                .read_until(b'\n', &mut raw)
                .map_err(|e| format!("{}: read error: {e}", self.name))?;
            if n == 0 {
                if raw.is_empty() {
                    return Ok(None);
                }
                break;
            }
            self.line_no += 1;
            self.offset += n as u64;
            for &b in &raw[before..] {
                if b == b'"' {
                    in_quotes = !in_quotes;
                }
            }
            if !in_quotes {
                break;
            }
        }
        let size = raw.len();
        if raw.last() == Some(&b'\n') {
            raw.pop();
            if raw.last() == Some(&b'\r') {
                raw.pop();
            }
        }
        let text = match String::from_utf8(raw) {
            Ok(s) => s,
            Err(e) if self.lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                return Ok(Some(RawRecord(
                    start_line,
                    Err(format!(
                        "{}:{start_line}: invalid UTF-8 at byte offset {} (byte {} of the record); pass --lossy to replace invalid bytes with U+FFFD",
                        self.name,
                        start_offset + at as u64,
                        at + 1
                    )),
                    size,
                )));
            }
        };
        if in_quotes {
            return Ok(Some(RawRecord(
                start_line,
                Err(format!(
                    "{}:{start_line}: a quoted field is never closed",
                    self.name
                )),
                size,
            )));
        }
        Ok(Some(RawRecord(start_line, Ok(split(&text)), size)))
    }

    /// Reads the next data row, the header first if not read yet.
    pub fn next_row(&mut self) -> Result<Option<Row>, String> {
        if self.header.is_none() {
            match self.record()? {
                None => return Ok(None),
                Some(RawRecord(_, Ok(h), _)) => self.header = Some(h),
                Some(RawRecord(_, Err(e), _)) => return Err(e),
            }
        }
        let Some(RawRecord(line_no, fields, bytes)) = self.record()? else {
            return Ok(None);
        };
        let header = self.header.as_deref().unwrap_or_default();
        let object = match fields {
            Err(e) => Err((Value::Null, e)),
            Ok(f) if f.len() != header.len() => {
                let msg = format!(
                    "{}:{line_no}: {} field(s) where the header has {}",
                    self.name,
                    f.len(),
                    header.len()
                );
                Err((
                    Value::Array(f.into_iter().map(Value::String).collect()),
                    msg,
                ))
            }
            Ok(f) => Ok(header
                .iter()
                .cloned()
                .zip(f.into_iter().map(Value::String))
                .collect()),
        };
        Ok(Some(Row {
            line_no,
            object,
            bytes,
        }))
    }
}

/// Splits one record into fields.
fn split(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == ',' {
            fields.push(std::mem::take(&mut field));
            at_start = true;
        } else {
            field.push(c);
            at_start = false;
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(s: &str) -> Vec<Row> {
        let mut r = CsvReader::new(
            Box::new(std::io::Cursor::new(s.as_bytes().to_vec())),
            "t.csv".into(),
            false,
        );
        let mut v = Vec::new();
        while let Some(row) = r.next_row().unwrap() {
            v.push(row);
        }
        v
    }

    #[test]
    fn splits_quotes_and_line_breaks() {
        assert_eq!(split(r#"a,"b,c","d""e",,f"#), ["a", "b,c", "d\"e", "", "f"]);
        let r = rows("id,text\r\n1,\"two\nlines\"\n2,plain\n");
        assert_eq!(r.len(), 2);
        let o = r[0].object.as_ref().unwrap();
        assert_eq!(o["text"], "two\nlines");
        assert_eq!(r[1].line_no, 4);
        assert_eq!(r[1].object.as_ref().unwrap()["id"], "2");
    }

    #[test]
    fn bad_rows_say_where() {
        let r = rows("id,text\n1\n2,\"open\n");
        let e = r[0].object.as_ref().unwrap_err();
        assert_eq!(e.1, "t.csv:2: 1 field(s) where the header has 2");
        let e = r[1].object.as_ref().unwrap_err();
        assert!(e.1.starts_with("t.csv:3: a quoted field"), "{}", e.1);
    }
}
