//! `plainsight unmask`: restore disguised text.

use crate::input::Source;
use crate::records;
use crate::stream::{self, Processed};
use clap::Args;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `plainsight unmask`.
#[derive(Args, Debug)]
pub struct UnmaskArgs {
    /// Files to read; standard input when none (or `-`).
    pub files: Vec<PathBuf>,
    /// Read JSON Lines: restore the text field of every object and add an `unmask` object.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl, the field that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// Print a readable list of the changes instead of the restored text.
    #[arg(long, conflicts_with = "jsonl")]
    pub explain: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    pub lossy: bool,
}

/// Runs the subcommand; returns the exit code.
pub fn run(a: &UnmaskArgs) -> Result<i32, String> {
    let sources = Source::open_all(&a.files)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if a.explain {
        return explain(sources, &mut out, a.lossy);
    }
    let totals = if a.jsonl {
        let field = a.field.as_str();
        stream::run(sources, &mut out, |src, line| {
            let rec = match records::parse(src, line, a.lossy, field) {
                Ok(r) => r,
                Err(p) => return p,
            };
            let u = plainsight::unmask(&rec.text);
            Processed {
                same: false,
                out: restored_line(&rec.object, field, &u),
                error: None,
            }
        })?
    } else {
        let mut failed = None;
        let t = stream::run(sources, &mut out, |src, line| {
            match line.str(src, a.lossy) {
                // (the text alone: no list of changes to build)
                Ok(s) => {
                    use std::borrow::Cow;
                    let read_as_is = matches!(s, Cow::Borrowed(_));
                    match plainsight::unmask::unmask_text(&s) {
                        // the line as it was read (valid UTF-8, nothing to
                        // restore): written back without a copy
                        Cow::Borrowed(_) if read_as_is => Processed {
                            out: Vec::new(),
                            error: None,
                            same: true,
                        },
                        Cow::Borrowed(t) => Processed {
                            out: t.as_bytes().to_vec(),
                            error: None,
                            same: false,
                        },
                        Cow::Owned(t) => Processed {
                            out: t.into_bytes(),
                            error: None,
                            same: false,
                        },
                    }
                }
                Err(e) => Processed {
                    same: false,
                    out: line.bytes.clone(),
                    error: Some(e),
                },
            }
        })?;
        if t.errors > 0 {
            failed = Some(());
        }
        let _ = failed;
        t
    };
    Ok(if totals.errors > 0 { 2 } else { 0 })
}

fn round3(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

/// The output line of `unmask --jsonl` for a record: its object with the
/// text field restored and an `unmask` object (score and changes), keys in
/// the order `Map::insert` leaves them (a key already there keeps its place,
/// `unmask` is added last). Written straight from the result: a tree of
/// JSON values for the changes, built and dropped for every line, cost three
/// times the unmasking itself.
fn restored_line(
    object: &Map<String, Value>,
    field: &str,
    u: &plainsight::Unmasked<'_>,
) -> Vec<u8> {
    let record = Restored { object, field, u };
    // (room for the text, twice over for escapes, and a hundred bytes a change)
    let mut out = Vec::with_capacity(2 * u.text().len() + 100 * u.changes().len() + 64);
    match serde_json::to_writer(&mut out, &record) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// See [`restored_line`].
struct Restored<'a> {
    object: &'a Map<String, Value>,
    field: &'a str,
    u: &'a plainsight::Unmasked<'a>,
}

/// The `unmask` object of a record.
#[derive(serde::Serialize)]
struct Summary<'a> {
    score: f64,
    changes: &'a [plainsight::Change],
}

impl Serialize for Restored<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let summary = Summary {
            score: round3(self.u.score()),
            changes: self.u.changes(),
        };
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.object {
            // (`--field unmask`: the summary replaces the text, as a second
            // insert of the same key would)
            if k == "unmask" {
                m.serialize_entry(k, &summary)?;
            } else if k == self.field {
                m.serialize_entry(k, self.u.text())?;
            } else {
                m.serialize_entry(k, v)?;
            }
        }
        if !self.object.contains_key(self.field) && self.field != "unmask" {
            m.serialize_entry(self.field, self.u.text())?;
        }
        if !self.object.contains_key("unmask") {
            m.serialize_entry("unmask", &summary)?;
        }
        m.end()
    }
}

/// `--explain`: for every line with changes, the line with its disguised spans
/// highlighted (on a terminal), then one row per change.
fn explain<W: Write>(sources: Vec<Source>, out: &mut W, lossy: bool) -> Result<i32, String> {
    let color = std::io::stdout().is_terminal();
    let (mut lines, mut changed, mut changes, mut errors) = (0u64, 0u64, 0usize, 0u64);
    for mut src in sources {
        while let Some(line) = src.next_line()? {
            lines += 1;
            let text = match line.text(&src.name, lossy) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("plainsight: {e}");
                    errors += 1;
                    continue;
                }
            };
            let u = plainsight::unmask(&text);
            if !u.is_changed() {
                continue;
            }
            changed += 1;
            changes += u.changes().len();
            let mut w = String::new();
            w.push_str(&format!(
                "{}:{}: score {:.2}, {} change(s)\n  ",
                src.name,
                line.line_no,
                u.score(),
                u.changes().len()
            ));
            let mut pos = 0;
            for c in u.changes() {
                w.push_str(&visible(&text[pos..c.input.start]));
                if color {
                    w.push_str("\x1b[1;31;4m");
                    w.push_str(&visible(&c.original));
                    w.push_str("\x1b[0m");
                } else {
                    w.push('[');
                    w.push_str(&visible(&c.original));
                    w.push(']');
                }
                pos = c.input.end;
            }
            w.push_str(&visible(&text[pos..]));
            w.push_str("\n  → ");
            w.push_str(u.text());
            w.push('\n');
            for c in u.changes() {
                w.push_str(&format!(
                    "    col {:>4}  {:<9} {} → {}  {}{:.2}\n",
                    char_col(&text, c.input.start),
                    c.class.name(),
                    describe(&c.original),
                    describe(&c.replacement),
                    if c.scripts.is_empty() {
                        String::new()
                    } else {
                        format!("{}  ", c.scripts.join("→"))
                    },
                    c.confidence
                ));
            }
            out.write_all(w.as_bytes()).map_err(stream::write_err)?;
        }
    }
    writeln!(
        out,
        "{lines} line(s), {changed} changed, {changes} change(s)"
    )
    .map_err(stream::write_err)?;
    out.flush().map_err(stream::write_err)?;
    Ok(if errors > 0 { 2 } else { 0 })
}

/// 1-based column of a byte offset, in characters.
fn char_col(s: &str, byte: usize) -> usize {
    s[..byte].chars().count() + 1
}

/// Shows invisible and control characters as `<U+XXXX>` so a reader sees them.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || is_invisible_format(c) {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{00AD}' | '\u{E0000}'..='\u{E007F}' | '\u{FE00}'..='\u{FE0F}')
}

/// `"п" (U+043F)` style description of a short string.
fn describe(s: &str) -> String {
    if s.is_empty() {
        return "∅".into();
    }
    let cps: Vec<String> = s
        .chars()
        .take(6)
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    let more = if s.chars().count() > 6 { " …" } else { "" };
    format!("\"{}\" ({}{more})", visible(s), cps.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The line as it was built before: the changes as a tree of values,
    /// inserted into the object.
    fn through_values(
        object: &Map<String, Value>,
        field: &str,
        u: &plainsight::Unmasked<'_>,
    ) -> Vec<u8> {
        let mut o = object.clone();
        let summary = json!({ "score": round3(u.score()), "changes": u.changes() });
        o.insert(field.to_string(), Value::String(u.text().to_string()));
        o.insert("unmask".into(), summary);
        records::to_line(&o)
    }

    #[test]
    fn lines_are_written_as_the_tree_of_values_wrote_them() {
        let texts = [
            "plain words",
            "Fiпally the trυ\u{200B}th",
            "x\u{8}y \u{202E}olleh\u{202C} 𝐛𝐨𝐥𝐝 \"quoted\" \\ back",
            "",
        ];
        let objects = [
            r#"{"id":1,"text":""}"#,
            r#"{"text":"","id":[1,{"a":null}],"z":2.5}"#,
            r#"{"unmask":"old","text":"","after":true}"#,
            r#"{"text":"","unmask":{"x":1}}"#,
            r#"{"body":"","text":"not this one"}"#,
        ];
        for t in texts {
            let u = plainsight::unmask(t);
            for o in objects {
                let Value::Object(object) = serde_json::from_str::<Value>(o).unwrap() else {
                    unreachable!()
                };
                for field in ["text", "body", "unmask", "id"] {
                    assert_eq!(
                        String::from_utf8(restored_line(&object, field, &u)).unwrap(),
                        String::from_utf8(through_values(&object, field, &u)).unwrap(),
                        "{o} {field} {t:?}"
                    );
                }
            }
        }
    }
}
