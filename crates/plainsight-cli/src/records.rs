//! The JSON Lines contract shared by every subcommand:
//! one output line per input line, in order; a line that is not a JSON object,
//! or lacks the text field, yields an output line with an `error` field and
//! the input kept, and the run exits non-zero.

use crate::input::RawLine;
use crate::stream::Processed;
use serde_json::{Map, Value};

/// A parsed record: the object and its text field.
pub struct Record {
    /// The whole JSON object, in its original key order.
    pub object: Map<String, Value>,
    /// The value of the text field.
    pub text: String,
}

/// Parses one JSON Lines record, or returns the error line to write instead.
pub fn parse(source: &str, line: &RawLine, lossy: bool, field: &str) -> Result<Record, Processed> {
    let raw = match std::str::from_utf8(&line.bytes) {
        Ok(s) => s,
        Err(_) => {
            let msg = line.text(source, lossy).err();
            let text = String::from_utf8_lossy(&line.bytes).into_owned();
            if let Some(msg) = msg {
                return Err(error_line(Value::String(text), None, msg));
            }
            return parse_str(source, line, &text, field);
        }
    };
    parse_str(source, line, raw, field)
}

fn parse_str(source: &str, line: &RawLine, raw: &str, field: &str) -> Result<Record, Processed> {
    let at = format!("{source}:{}", line.line_no);
    let value: Value = match serde_json::from_str(raw.trim_end_matches('\r')) {
        Ok(v) => v,
        Err(e) => {
            return Err(error_line(
                Value::String(raw.to_string()),
                None,
                format!(
                    "{at}: not valid JSON ({e}, byte offset {}); each line must be one JSON object",
                    line.offset
                ),
            ))
        }
    };
    let Value::Object(mut object) = value else {
        return Err(error_line(value, None, format!("{at}: not a JSON object; each line must be one JSON object like {{\"{field}\": \"...\"}}")));
    };
    match object.get(field) {
        Some(Value::String(_)) => {}
        Some(_) => {
            return Err(error_line(
                Value::Null,
                Some(object),
                format!("{at}: field \"{field}\" is not a string"),
            ));
        }
        None => {
            return Err(error_line(
                Value::Null,
                Some(object),
                format!("{at}: no \"{field}\" field; name the text field with --field"),
            ))
        }
    }
    let text = match object.get_mut(field) {
        Some(Value::String(s)) => std::mem::take(s),
        _ => unreachable!("checked above"),
    };
    Ok(Record { object, text })
}

/// The output line for a bad record: the object with an `error` field, or for
/// a non-object, `{"input": <what was read>, "error": ...}`.
pub fn error_line(input: Value, object: Option<Map<String, Value>>, msg: String) -> Processed {
    let mut o = match object {
        Some(o) => o,
        None => {
            let mut m = Map::new();
            m.insert("input".into(), input);
            m
        }
    };
    o.insert("error".into(), Value::String(msg.clone()));
    Processed {
        same: false,
        out: serde_json::to_vec(&o).unwrap_or_default(),
        error: Some(msg),
    }
}

/// Serializes an object as one JSON line.
pub fn to_line(o: &Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(o).unwrap_or_default()
}
