//! `plainsight scan`: evidence of a fabricated story, a calibrated score and
//! the reasons, quoting the input.

use crate::input::Source;
use crate::records;
use crate::stream::{self, Processed};
use clap::Args;
use plainsight::evidence::{self, Family, Scan};
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `plainsight scan`.
#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files to scan, each one document; standard input when none (or `-`).
    pub files: Vec<PathBuf>,
    /// Print one JSON object per document instead of the readable report.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Read JSON Lines: scan the text field of every object and add a `scan` object.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl, the field that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    pub lossy: bool,
    /// With --jsonl, also add the model's input `features` (for the trainer).
    #[arg(long, hide = true, requires = "jsonl")]
    pub features: bool,
}

/// Runs the subcommand; returns the exit code.
pub fn run(a: &ScanArgs) -> Result<i32, String> {
    let sources = Source::open_all(&a.files)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if a.jsonl {
        let field = a.field.as_str();
        let totals = stream::run(sources, &mut out, |src, line| {
            let rec = match records::parse(src, line, a.lossy, field) {
                Ok(r) => r,
                Err(p) => return p,
            };
            let s = plainsight::scan(&rec.text);
            let mut o = rec.object;
            o.insert(field.to_string(), Value::String(rec.text.clone()));
            o.insert("scan".into(), to_json(&s));
            if a.features {
                let f = evidence::features(&rec.text);
                o.insert(
                    "features".into(),
                    json!({ "dense": f.dense, "ngrams": f.ngrams }),
                );
            }
            Processed {
                same: false,
                out: records::to_line(&o),
                error: None,
            }
        })?;
        return Ok(if totals.errors > 0 { 2 } else { 0 });
    }
    let mut errors = 0;
    for mut src in sources {
        let bytes = src.read_all()?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t.to_string(),
            Err(e) if !a.lossy => {
                let at = e.valid_up_to();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                let line_start = bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let msg = format!(
                    "{}:{line}: invalid UTF-8 at byte offset {at} (byte {} of the line); pass --lossy to replace invalid bytes with U+FFFD",
                    src.name,
                    at - line_start + 1
                );
                eprintln!("plainsight: {msg}");
                errors += 1;
                if a.json {
                    // no document is lost: its object carries the error
                    let mut o = Map::new();
                    o.insert("file".into(), Value::String(src.name.clone()));
                    o.insert("error".into(), Value::String(msg));
                    let mut v = records::to_line(&o);
                    v.push(b'\n');
                    out.write_all(&v).map_err(stream::write_err)?;
                }
                continue;
            }
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        let s = plainsight::scan(&text);
        let w = if a.json {
            let mut o = Map::new();
            o.insert("file".into(), Value::String(src.name.clone()));
            if let Value::Object(m) = to_json(&s) {
                o.extend(m);
            }
            let mut v = records::to_line(&o);
            v.push(b'\n');
            v
        } else {
            report(&src.name, &text, &s).into_bytes()
        };
        out.write_all(&w).map_err(stream::write_err)?;
    }
    out.flush().map_err(stream::write_err)?;
    Ok(if errors > 0 { 2 } else { 0 })
}

/// The `scan` object of the JSON outputs.
fn to_json(s: &Scan) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// Reasons shown for and against, at most.
const FOR: usize = 8;
const AGAINST: usize = 4;

/// The readable report of one document.
pub fn report(name: &str, text: &str, s: &Scan) -> String {
    let mut w = String::new();
    w.push_str(&format!(
        "{name}: {:.2} {}{}\n",
        s.score,
        s.verdict.describe(),
        if s.disguised { ", disguised" } else { "" }
    ));
    let disguise: Vec<&evidence::Cue> = s
        .cues
        .iter()
        .filter(|c| c.family == Family::Disguise)
        .collect();
    let mut model: Vec<&evidence::Cue> = s
        .cues
        .iter()
        .filter(|c| c.family != Family::Disguise)
        .collect();
    model.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    let pos: Vec<_> = model.iter().filter(|c| c.weight > 0.0).take(FOR).collect();
    let neg: Vec<_> = model
        .iter()
        .rev()
        .filter(|c| c.weight < 0.0)
        .take(AGAINST)
        .collect();
    if !disguise.is_empty() || !pos.is_empty() {
        w.push_str("  evidence of fabrication:\n");
    }
    if !disguise.is_empty() {
        let words: Vec<String> = disguise
            .iter()
            .take(4)
            .map(|c| format!("\"{}\"", clip(&c.text, 30)))
            .collect();
        w.push_str(&format!(
            "    {:>6}  {:<11} {}{}  ({} change(s), not in the score)\n",
            "",
            "disguise",
            words.join(", "),
            if disguise.len() > 4 { ", …" } else { "" },
            s.unmask.changes
        ));
    }
    for c in &pos {
        w.push_str(&cue_line(text, c));
    }
    if !neg.is_empty() {
        w.push_str("  evidence against:\n");
        for c in &neg {
            w.push_str(&cue_line(text, c));
        }
    }
    if !s.signals.is_empty() {
        let sig: Vec<String> = s
            .signals
            .iter()
            .map(|g| format!("{} {:+.2}", g.name, g.weight))
            .collect();
        w.push_str(&format!(
            "  document signals (vs. an average training document): {}\n",
            sig.join(", ")
        ));
    }
    let classes: Vec<String> = s
        .unmask
        .classes
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    w.push_str(&format!(
        "  unmask: score {:.2}, {} change(s){}\n",
        s.unmask.score,
        s.unmask.changes,
        if classes.is_empty() {
            String::new()
        } else {
            format!(" ({})", classes.join(", "))
        }
    ));
    w
}

fn cue_line(text: &str, c: &evidence::Cue) -> String {
    let (line, col) = line_col(text, c.start);
    format!(
        "    {:>+6.2}  {:<11} \"{}\"  line {line}, col {col}: {}\n",
        c.weight,
        c.family.name(),
        clip(&c.text, 70),
        c.family.describe()
    )
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// At most `n` characters of `s` on one line, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= n {
        flat
    } else {
        let mut t: String = flat.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_and_line_col() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("a\nb", 4), "a b");
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 99), (1, 3));
    }
}
