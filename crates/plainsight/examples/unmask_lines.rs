//! A minimal JSON Lines filter over the library alone: reads `{"text": ...}`
//! objects on stdin and writes `{"text": <restored>}` lines. The `plainsight`
//! command does this and much more (`plainsight unmask --jsonl`); this example
//! shows the library call in a dozen lines.
//!
//!     cargo run --release -p plainsight --example unmask_lines < cases.jsonl

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is UTF-8");
        let v: serde_json::Value = serde_json::from_str(&line).expect("each line is a JSON object");
        let text = v["text"].as_str().unwrap_or_default();
        let restored = plainsight::unmask(text).into_text();
        writeln!(out, "{}", serde_json::json!({ "text": restored })).expect("stdout is writable");
    }
}
