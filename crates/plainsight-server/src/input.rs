//! Request bodies: `{"text": "..."}` (other fields are echoed back, as the
//! CLI's `--jsonl` mode does) or `{"texts": ["...", ...]}`.
//!
//! Parsing is done by hand rather than by serde derive so that every mistake
//! gets a sentence naming the field, and the limits are checked before any
//! work starts.

use crate::error::ApiError;
use crate::Limits;
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{Map, Value};

/// A parsed request body.
#[derive(Debug)]
pub enum Input {
    /// One text, with the other fields of the object kept in their order.
    One {
        /// The whole request object (its `text` field included).
        object: Map<String, Value>,
        /// The text.
        text: String,
    },
    /// A batch of texts.
    Many(Vec<String>),
}

/// Checks the content type: JSON only (`application/json` or `…+json`).
pub fn check_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json")) {
        Ok(())
    } else {
        let got = if ct.is_empty() {
            "no Content-Type".to_string()
        } else {
            format!("Content-Type {ct:?}")
        };
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("expected Content-Type: application/json, got {got}"),
        ))
    }
}

/// Parses a body into a JSON object.
pub fn object(
    headers: &HeaderMap,
    body: &[u8],
    shape: &str,
) -> Result<Map<String, Value>, ApiError> {
    check_json(headers)?;
    let value: Value = serde_json::from_slice(body).map_err(ApiError::invalid_json)?;
    match value {
        Value::Object(o) => Ok(o),
        other => Err(ApiError::invalid_request(format!(
            "the body must be a JSON object like {shape}, not {}",
            kind(&other)
        ))),
    }
}

/// Parses a `{"text": ...}` or `{"texts": [...]}` body and checks the limits.
pub fn texts(headers: &HeaderMap, body: &[u8], limits: &Limits) -> Result<Input, ApiError> {
    const SHAPE: &str = r#"{"text": "..."} or {"texts": ["...", "..."]}"#;
    let mut object = object(headers, body, SHAPE)?;
    match (object.contains_key("text"), object.contains_key("texts")) {
        (true, true) => Err(ApiError::invalid_request(
            "send either \"text\" or \"texts\", not both",
        )),
        (false, false) => Err(ApiError::invalid_request(format!(
            "missing field \"text\": the body must be {SHAPE}"
        ))),
        (true, false) => {
            let text = match object.get("text") {
                Some(Value::String(s)) => s.clone(),
                Some(other) => {
                    return Err(ApiError::invalid_request(format!(
                        "field \"text\" must be a string, not {}",
                        kind(other)
                    )))
                }
                None => unreachable_text(),
            };
            check_len("\"text\"", &text, limits)?;
            Ok(Input::One { object, text })
        }
        (false, true) => {
            let Some(Value::Array(items)) = object.remove("texts") else {
                return Err(ApiError::invalid_request(
                    "field \"texts\" must be an array of strings",
                ));
            };
            if items.len() > limits.max_batch {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "batch_too_large",
                    format!(
                        "\"texts\" has {} items; the limit is {} per request",
                        items.len(),
                        limits.max_batch
                    ),
                ));
            }
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.into_iter().enumerate() {
                match v {
                    Value::String(s) => {
                        check_len(&format!("\"texts\"[{i}]"), &s, limits)?;
                        out.push(s);
                    }
                    other => {
                        return Err(ApiError::invalid_request(format!(
                            "\"texts\"[{i}] must be a string, not {}",
                            kind(&other)
                        )))
                    }
                }
            }
            Ok(Input::Many(out))
        }
    }
}

/// `contains_key` was checked just before; kept out of line so no path panics.
#[cold]
fn unreachable_text() -> String {
    String::new()
}

fn check_len(what: &str, text: &str, limits: &Limits) -> Result<(), ApiError> {
    if text.len() > limits.max_text_bytes {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "text_too_long",
            format!(
                "{what} is {} bytes; the limit is {} bytes per text",
                text.len(),
                limits.max_text_bytes
            ),
        ));
    }
    Ok(())
}

/// The JSON type of a value, for error messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
