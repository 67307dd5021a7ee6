//! `plainsight campaigns`: find the copies and variants of one story across a corpus.
//!
//! Without `--index`, two passes over the input: the first computes every
//! post's MinHash sketch on all cores and groups the posts (union-find over LSH
//! buckets, `plainsight::campaign`); the second reads the input again and writes
//! every record, in order, with its `campaign`. Standard input is spooled to a
//! temporary file for the second pass. What stays in memory is the campaign
//! state, about 373 bytes per post with the default settings, one byte per post
//! of what pass 1 learnt (whether the line can be written by appending the
//! campaign to it, without parsing it again), plus two chunks of records.
//!
//! Input is JSON Lines, CSV or (with the default `parquet` feature) Parquet;
//! output is JSON Lines on standard output or, with `--parquet-out`, Parquet.
//!
//! With `--index PATH`, posts are matched against a persistent index
//! (`plainsight::campaign::Index`) in one pass: `add` commits them, `match` only looks.

use crate::csv_in::CsvReader;
use crate::input::{RawLine, Source};
#[cfg(feature = "parquet")]
use crate::parquet_io::{ParquetReader, PqRow};
use crate::records::{self, Record};
use crate::stream::{write_err, Processed, Progress};
use clap::{Args, ValueEnum};
use plainsight::campaign::{Campaigns, Index, Params, Post};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Records per chunk, and bytes per chunk, whichever comes first.
const CHUNK_RECORDS: usize = 8192;
const CHUNK_BYTES: usize = 8 << 20;

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// Apache Parquet (one record per row).
    #[cfg(feature = "parquet")]
    Parquet,
}

// The defaults written in the flags' help must stay those of `Params::default`:
// a unit test below checks them.

/// Arguments of `plainsight campaigns`.
#[derive(Args, Debug)]
pub struct CampaignsArgs {
    /// Files to read (standard input when none, or `-`). With --index, first
    /// the action: `add FILE...`, `match FILE...` or `info`.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The field that holds the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// Input format (default: `csv` for files ending in .csv, `parquet` for
    /// .parquet, else `jsonl`).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the records with their campaigns to FILE as Parquet instead of
    /// JSON Lines on standard output: the input's columns (when every input is
    /// Parquet with one schema; else a `record` column holding the record as
    /// JSON), then `campaign_id`, `campaign_size`, `campaign_similarity`
    /// (`campaign_scan` with --scan) and `error`.
    #[cfg(feature = "parquet")]
    #[arg(long, value_name = "FILE")]
    pub parquet_out: Option<PathBuf>,
    /// Also write one JSON line per campaign (id, size, representative, members) to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// With --summary, list campaigns of at least N posts.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_size: u32,
    /// Match against, or add to, the persistent campaign index in PATH.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// Words per shingle [default: 2].
    #[arg(long, value_name = "N")]
    pub shingle: Option<usize>,
    /// LSH bands [default: 32].
    #[arg(long, value_name = "N")]
    pub bands: Option<usize>,
    /// MinHash values per band [default: 3].
    #[arg(long, value_name = "N")]
    pub rows: Option<usize>,
    /// Estimated Jaccard similarity from which two posts are linked [default: 0.4].
    #[arg(long, value_name = "X")]
    pub threshold: Option<f32>,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting the record as an error.
    #[arg(long)]
    pub lossy: bool,
    /// Also give each campaign the mean `scan` score of its posts (the
    /// probability that the story is fabricated).
    #[arg(long)]
    pub scan: bool,
    /// Print the size of the campaign state to stderr at the end.
    #[arg(long, hide = true)]
    pub stats: bool,
    /// With --index add, records per commit.
    #[arg(long, default_value_t = CHUNK_RECORDS, value_name = "N", hide = true)]
    pub commit_every: usize,
}

impl CampaignsArgs {
    /// The settings given on the command line, if any.
    fn given_params(&self) -> Result<Option<Params>, String> {
        if self.shingle.is_none()
            && self.bands.is_none()
            && self.rows.is_none()
            && self.threshold.is_none()
        {
            return Ok(None);
        }
        let d = Params::default();
        let p = Params {
            shingle_words: self.shingle.unwrap_or(d.shingle_words),
            bands: self.bands.unwrap_or(d.bands),
            rows: self.rows.unwrap_or(d.rows),
            threshold: self.threshold.unwrap_or(d.threshold),
        };
        p.check()?;
        Ok(Some(p))
    }
}

/// Runs the subcommand; returns the exit code.
pub fn run(a: &CampaignsArgs) -> Result<i32, String> {
    if a.index.is_some() {
        return run_index(a);
    }
    let params = a.given_params()?.unwrap_or_default();
    let (paths, spools) = spool_stdin(&a.files)?;
    let result = batch(a, &params, &paths);
    for s in spools {
        let _ = std::fs::remove_file(s);
    }
    result
}

/// One input file (or standard input) and how to read it.
struct Input {
    name: String,
    reader: Reader,
}

enum Reader {
    Jsonl(Source),
    Csv(CsvReader),
    #[cfg(feature = "parquet")]
    Parquet(Box<ParquetReader>),
}

/// One record as read, before parsing.
enum Item {
    Line(RawLine),
    Row(crate::csv_in::Row),
    #[cfg(feature = "parquet")]
    Pq(PqRow),
}

impl Item {
    fn bytes(&self) -> usize {
        match self {
            Item::Line(l) => l.bytes.len() + 1,
            Item::Row(r) => r.bytes,
            #[cfg(feature = "parquet")]
            Item::Pq(r) => r.bytes,
        }
    }

    /// The line number, or for Parquet the row number (1-based).
    fn line_no(&self) -> u64 {
        match self {
            Item::Line(l) => l.line_no,
            Item::Row(r) => r.line_no,
            #[cfg(feature = "parquet")]
            Item::Pq(r) => r.row_no,
        }
    }

    /// The text alone, without building the record: `None` when the record
    /// is bad (the full parser then says why).
    fn text<'a>(&'a self, lossy: bool, field: &str) -> Option<Cow<'a, str>> {
        match self {
            Item::Line(l) => probe(l, lossy, field).map(|p| p.text),
            Item::Row(r) => match r.object.as_ref().ok()?.get(field)? {
                Value::String(s) => Some(Cow::Borrowed(s)),
                _ => None,
            },
            #[cfg(feature = "parquet")]
            Item::Pq(r) => r.text("", field).ok().map(Cow::Borrowed),
        }
    }

    /// The record as JSON for the `record` column of Parquet output.
    #[cfg(feature = "parquet")]
    fn as_json(&self, lossy: bool) -> String {
        match self {
            Item::Line(l) => String::from_utf8_lossy(&l.bytes).trim_end().to_string(),
            Item::Row(r) => match &r.object {
                Ok(o) => Value::Object(o.clone()).to_string(),
                Err((v, _)) => v.to_string(),
            },
            Item::Pq(r) => {
                let _ = lossy;
                Value::Object(r.object()).to_string()
            }
        }
    }

    /// The record, or the output line that reports why it is bad.
    fn record(&self, source: &str, lossy: bool, field: &str) -> Result<Record, Processed> {
        match self {
            Item::Line(l) => {
                // `records::parse` takes the text out of the object: put it back
                let mut r = records::parse(source, l, lossy, field)?;
                if let Some(v) = r.object.get_mut(field) {
                    *v = Value::String(r.text.clone());
                }
                Ok(r)
            }
            Item::Row(r) => match &r.object {
                Err((v, msg)) => Err(records::error_line(v.clone(), None, msg.clone())),
                Ok(o) => match o.get(field) {
                    Some(Value::String(s)) => Ok(Record {
                        text: s.clone(),
                        object: o.clone(),
                    }),
                    _ => Err(records::error_line(
                        Value::Null,
                        Some(o.clone()),
                        format!(
                            "{source}:{}: no \"{field}\" column; name the text column with --field",
                            r.line_no
                        ),
                    )),
                },
            },
            #[cfg(feature = "parquet")]
            Item::Pq(r) => {
                let object = r.object();
                match r.text(source, field) {
                    Ok(t) => Ok(Record {
                        text: t.to_string(),
                        object,
                    }),
                    Err(msg) => Err(records::error_line(Value::Null, Some(object), msg)),
                }
            }
        }
    }
}

/// What a quick look at a JSON Lines record found.
struct Probed<'a> {
    /// The text field, borrowed from the line unless it had escapes.
    text: Cow<'a, str>,
    /// Whether the output can be made by appending the `campaign` object to
    /// the line as read: a valid object without one.
    splice: bool,
}

/// Reads just the text field of a JSON object line, skipping the other values
/// without building them; `None` when the record is not valid UTF-8, not a
/// valid object, or has no string in the field (the full parser then makes
/// the record, or the error record).
fn probe<'a>(line: &'a RawLine, lossy: bool, field: &str) -> Option<Probed<'a>> {
    let _ = lossy; // invalid UTF-8 goes to the full parser, which knows --lossy
    let raw = std::str::from_utf8(&line.bytes).ok()?;
    let raw = raw.trim_end_matches('\r');
    let mut de = serde_json::Deserializer::from_str(raw);
    let (text, has_campaign) =
        serde::Deserializer::deserialize_map(&mut de, FieldProbe { field }).ok()?;
    de.end().ok()?;
    let text = text?;
    let splice = !has_campaign && raw.trim_end().ends_with('}');
    Some(Probed { text, splice })
}

/// A string value, borrowed from the input when it has no escapes.
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_unit<E>(self) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Text<'de>, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Text<'de>, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Text(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A serde visitor that keeps one string field and notes a `campaign` key.
struct FieldProbe<'f> {
    field: &'f str,
}

impl<'de> serde::de::Visitor<'de> for FieldProbe<'_> {
    type Value = (Option<Cow<'de, str>>, bool);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut text, mut has_campaign) = (None, false);
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let key = key.0.unwrap_or_default();
            if key == self.field {
                text = map.next_value::<Text<'de>>()?.0;
            } else {
                has_campaign |= key == "campaign";
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok((text, has_campaign))
    }
}

/// The output line for a record that `probe` found splicable: the line as
/// read, with the campaign appended before its closing brace.
fn splice(line: &[u8], campaign: &[u8], out: &mut Vec<u8>) {
    let end = line
        .iter()
        .rposition(|b| !b" \t\r".contains(b))
        .unwrap_or(0);
    out.extend_from_slice(&line[..end]);
    // `{}` has no members to follow
    let empty = line[..end].iter().rev().find(|b| !b" \t\r\n".contains(b)) == Some(&b'{');
    out.extend_from_slice(if empty {
        b"\"campaign\":"
    } else {
        b",\"campaign\":"
    });
    out.extend_from_slice(campaign);
    out.push(b'}');
}

/// A path, or `None` for standard input, with the name shown in messages.
struct Named {
    path: Option<PathBuf>,
    name: String,
}

fn format_of(path: Option<&Path>, given: Option<Format>) -> Result<Format, String> {
    if let Some(f) = given {
        return Ok(f);
    }
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => Ok(Format::Csv),
        #[cfg(feature = "parquet")]
        Some("parquet") => Ok(Format::Parquet),
        #[cfg(not(feature = "parquet"))]
        Some("parquet") => Err(format!(
            "{}: this plainsight was built without the `parquet` feature; convert the file to JSON Lines or CSV, or rebuild with it",
            path.map(|p| p.display().to_string()).unwrap_or_default()
        )),
        _ => Ok(Format::Jsonl),
    }
}

fn open(n: &Named, format: Option<Format>, lossy: bool, field: &str) -> Result<Input, String> {
    let _ = field;
    let fmt = format_of(n.path.as_deref(), format)?;
    let files: Vec<PathBuf> = n.path.iter().cloned().collect();
    let reader = match fmt {
        Format::Jsonl => {
            let mut src = Source::open_all(&files)?.remove(0);
            src.name = n.name.clone();
            Reader::Jsonl(src)
        }
        Format::Csv => {
            let r: Box<dyn std::io::BufRead + Send> = match &n.path {
                None => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
                Some(p) => {
                    let f = File::open(p).map_err(|e| format!("{}: cannot open: {e}", n.name))?;
                    Box::new(BufReader::with_capacity(1 << 16, f))
                }
            };
            Reader::Csv(CsvReader::new(r, n.name.clone(), lossy))
        }
        #[cfg(feature = "parquet")]
        Format::Parquet => {
            let Some(p) = &n.path else {
                return Err(
                    "<stdin>: Parquet cannot be read from standard input; give the file's path"
                        .into(),
                );
            };
            Reader::Parquet(Box::new(ParquetReader::open(p, &n.name, field)?))
        }
    };
    Ok(Input {
        name: n.name.clone(),
        reader,
    })
}

impl Input {
    /// Reads up to one chunk of records; empty at the end.
    fn chunk(&mut self, max_records: usize) -> Result<Vec<Item>, String> {
        let mut items = Vec::new();
        let mut bytes = 0;
        while items.len() < max_records && bytes < CHUNK_BYTES {
            let item = match &mut self.reader {
                Reader::Jsonl(s) => s.next_line()?.map(Item::Line),
                Reader::Csv(c) => c.next_row()?.map(Item::Row),
                #[cfg(feature = "parquet")]
                Reader::Parquet(p) => p.next_row()?.map(Item::Pq),
            };
            match item {
                Some(i) => {
                    bytes += i.bytes();
                    items.push(i);
                }
                None => break,
            }
        }
        Ok(items)
    }
}

fn named(files: &[PathBuf]) -> Vec<Named> {
    if files.is_empty() {
        return vec![Named {
            path: None,
            name: "<stdin>".into(),
        }];
    }
    files
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Named {
                    path: None,
                    name: "<stdin>".into(),
                }
            } else {
                Named {
                    path: Some(p.clone()),
                    name: p.display().to_string(),
                }
            }
        })
        .collect()
}

/// Standard input, pipes and other streams cannot be read twice: copy each to
/// a temporary file first. Returns the inputs and the copies to delete.
fn spool_stdin(files: &[PathBuf]) -> Result<(Vec<Named>, Vec<PathBuf>), String> {
    let mut names = named(files);
    let mut spools = Vec::new();
    for (k, n) in names.iter_mut().enumerate() {
        let stream = match &n.path {
            None => true,
            // a missing file is reported when it is opened
            Some(p) => std::fs::metadata(p).is_ok_and(|m| !m.is_file()),
        };
        if !stream {
            continue;
        }
        let path = std::env::temp_dir().join(format!(
            "plainsight-campaigns-{}-{k}.spool",
            std::process::id()
        ));
        spools.push(path.clone());
        let copy = || -> std::io::Result<()> {
            let mut f = BufWriter::new(File::create(&path)?);
            match &n.path {
                None => std::io::copy(&mut std::io::stdin().lock(), &mut f)?,
                Some(p) => std::io::copy(&mut File::open(p)?, &mut f)?,
            };
            f.flush()
        };
        if let Err(e) = copy() {
            for s in &spools {
                let _ = std::fs::remove_file(s);
            }
            return Err(format!(
                "{}: cannot copy to {}: {e}",
                n.name,
                path.display()
            ));
        }
        n.path = Some(path);
    }
    Ok((names, spools))
}

fn total_size(names: &[Named]) -> Option<u64> {
    names.iter().try_fold(0u64, |acc, n| {
        let p = n.path.as_ref()?;
        Some(acc + std::fs::metadata(p).ok()?.len())
    })
}

fn round3(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

/// The `campaign` object as JSON, written straight to bytes: the same text
/// serde_json writes for the same object, without building a value.
fn campaign_bytes(id: u32, size: u32, similarity: f32, scan: Option<f32>, out: &mut Vec<u8>) {
    use std::io::Write as _;
    let _ = write!(out, "{{\"id\":{id},\"size\":{size},\"similarity\":");
    let _ = serde_json::to_writer(&mut *out, &round3(similarity));
    if let Some(s) = scan {
        out.extend_from_slice(b",\"scan\":");
        let _ = serde_json::to_writer(&mut *out, &round3(s));
    }
    out.push(b'}');
}

/// One member of a campaign listed in the summary.
struct Member {
    campaign: u32,
    record: u32,
    source: u32,
    line: u64,
    similarity: f32,
}

/// Reads the inputs chunk by chunk. Each chunk goes to `work` on all cores
/// while, at the same time, the previous chunk's result goes to `finish` (in
/// input order) and the next chunk is read: reading, the sequential steps and
/// the parallel work overlap. Both get the chunk's source index and the number
/// of its first record.
fn pipeline<T, W, F>(
    a: &CampaignsArgs,
    names: &[Named],
    work: W,
    mut finish: F,
) -> Result<(), String>
where
    T: Send,
    W: Fn(&str, u32, &[Item]) -> T + Sync,
    F: FnMut(usize, u32, Vec<Item>, T) -> Result<(), String> + Send,
{
    let mut pending: Option<(usize, u32, Vec<Item>, T)> = None;
    let mut next = 0u64;
    for (si, n) in names.iter().enumerate() {
        let mut input = open(n, a.format, a.lossy, &a.field)?;
        let name = input.name.clone();
        let mut chunk = input.chunk(CHUNK_RECORDS)?;
        while !chunk.is_empty() {
            let first = next;
            next += chunk.len() as u64;
            if next > u32::MAX as u64 {
                return Err(
                    "more than 4,294,967,295 records in one run; split the input or use --index"
                        .into(),
                );
            }
            let (result, following) = rayon::join(
                || work(&name, first as u32, &chunk),
                || {
                    if let Some((s, f, c, r)) = pending.take() {
                        finish(s, f, c, r)?;
                    }
                    input.chunk(CHUNK_RECORDS)
                },
            );
            pending = Some((si, first as u32, chunk, result));
            chunk = following?;
        }
    }
    if let Some((s, f, c, r)) = pending.take() {
        finish(s, f, c, r)?;
    }
    Ok(())
}

/// What pass 1 keeps of a record for pass 2.
#[derive(Clone, Copy, Default)]
struct Seen {
    /// The output line is the input line with the campaign appended.
    splice: bool,
}

/// What pass 2 made of one record.
struct Written {
    /// The output line (JSON Lines output), or the bad record's error.
    processed: Processed,
    /// The representative's unmasked text, for the summary.
    rep: Option<String>,
    /// The record as JSON, for the `record` column of Parquet output.
    json: Option<String>,
}

fn batch(a: &CampaignsArgs, params: &Params, names: &[Named]) -> Result<i32, String> {
    let field = a.field.as_str();
    let total = total_size(names).map(|t| 2 * t);
    let mut progress = Progress::new(total);

    // pass 1: sketches on all cores, campaigns in input order
    let mut campaigns = Campaigns::new(*params);
    let mut scores: Vec<f32> = Vec::new();
    let mut seen: Vec<Seen> = Vec::new();
    pipeline(
        a,
        names,
        |name, _, chunk| -> Vec<(Post, f32, Seen)> {
            chunk
                .par_iter()
                .map(|item| {
                    let (text, splice) = match item {
                        Item::Line(l) => match probe(l, a.lossy, field) {
                            Some(p) => (Some(p.text), p.splice),
                            None => (None, false),
                        },
                        _ => (item.text(a.lossy, field), false),
                    };
                    let text = text.or_else(|| {
                        item.record(name, a.lossy, field)
                            .ok()
                            .map(|r| Cow::Owned(r.text))
                    });
                    let seen = Seen { splice };
                    match text {
                        Some(t) => {
                            let score = if a.scan {
                                plainsight::scan(&t).score
                            } else {
                                0.0
                            };
                            (Post::of(&t, params), score, seen)
                        }
                        None => (Post::of("", params), 0.0, seen),
                    }
                })
                .collect()
        },
        |_, _, chunk, posts| {
            campaigns.reserve(posts.len());
            seen.reserve(posts.len());
            for (p, score, s) in &posts {
                campaigns.add(p);
                seen.push(*s);
                if a.scan {
                    scores.push(*score);
                }
            }
            let bytes: usize = chunk.iter().map(Item::bytes).sum();
            progress.add(bytes as u64, chunk.len() as u64);
            Ok(())
        },
    )?;
    campaigns.flatten();
    if a.stats {
        let n = campaigns.len().max(1);
        eprintln!(
            "plainsight: {} posts, campaign state {} bytes ({} per post)",
            campaigns.len(),
            campaigns.heap_bytes(),
            campaigns.heap_bytes() / n
        );
    }
    // --scan: the mean score of each campaign, kept at its first post
    if a.scan {
        let mut sums = vec![0f32; scores.len()];
        for (i, s) in scores.iter().enumerate() {
            sums[campaigns.campaign(i as u32) as usize] += s;
        }
        for (i, s) in sums.iter_mut().enumerate() {
            *s /= campaigns.size(i as u32).max(1) as f32;
        }
        scores = sums;
    }
    let scores = &scores;
    let seen = &seen;

    // pass 2: every record again, in order, with its campaign
    let mut sink = Sink::open(a, names)?;
    let parquet_out = sink.is_parquet();
    let mut members: Vec<Member> = Vec::new();
    let mut reps: std::collections::HashMap<u32, String> = Default::default();
    let mut errors = 0u64;
    let mut written = 0usize;
    let campaigns = &campaigns;
    let campaign_of = |i: u32| {
        let id = campaigns.campaign(i);
        let scan = a.scan.then(|| scores[id as usize]);
        (id, campaigns.size(i), campaigns.similarity(i, id), scan)
    };
    pipeline(
        a,
        names,
        |name, first, chunk| -> Vec<Written> {
            if first as usize + chunk.len() > campaigns.len() {
                return Vec::new(); // `finish` reports it
            }
            chunk
                .par_iter()
                .enumerate()
                .map(|(k, item)| {
                    let i = first + k as u32;
                    let (id, size, sim, scan) = campaign_of(i);
                    let want_rep = a.summary.is_some() && i == id && size >= a.min_size;
                    let mut out = Vec::new();
                    let mut rep = None;
                    let fast = match item {
                        Item::Line(l)
                            if seen[i as usize].splice
                                && l.bytes.trim_ascii_end().ends_with(b"}") =>
                        {
                            Some(l)
                        }
                        _ => None,
                    };
                    if let Some(l) = fast {
                        if !parquet_out {
                            let mut c = Vec::with_capacity(64);
                            campaign_bytes(id, size, sim, scan, &mut c);
                            out.reserve(l.bytes.len() + c.len() + 16);
                            splice(&l.bytes, &c, &mut out);
                        }
                        if want_rep {
                            rep = item
                                .text(a.lossy, field)
                                .map(|t| plainsight::unmask::unmask_text(&t).into_owned());
                        }
                    } else {
                        let r = match item.record(name, a.lossy, field) {
                            Ok(r) => r,
                            Err(p) => {
                                return Written {
                                    json: parquet_json(parquet_out, item, a.lossy),
                                    processed: p,
                                    rep: None,
                                }
                            }
                        };
                        if want_rep {
                            rep = Some(plainsight::unmask::unmask_text(&r.text).into_owned());
                        }
                        if !parquet_out {
                            let mut o = r.object;
                            let mut c = Vec::with_capacity(64);
                            campaign_bytes(id, size, sim, scan, &mut c);
                            let v: Value = serde_json::from_slice(&c).unwrap_or(Value::Null);
                            o.insert("campaign".into(), v);
                            out = records::to_line(&o);
                        }
                    }
                    Written {
                        processed: Processed {
                            same: false,
                            out,
                            error: None,
                        },
                        rep,
                        json: parquet_json(parquet_out, item, a.lossy),
                    }
                })
                .collect()
        },
        |si, first, chunk, results| {
            if first as usize + chunk.len() > campaigns.len() {
                return Err(format!(
                    "{}: the input changed while it was read twice",
                    names[si].name
                ));
            }
            for (k, (item, w)) in chunk.iter().zip(results).enumerate() {
                let i = first + k as u32;
                let bad = w.processed.error.is_some();
                if let Some(e) = &w.processed.error {
                    errors += 1;
                    eprintln!("plainsight: {e}");
                }
                sink.write(item, w.processed, w.json, (!bad).then(|| campaign_of(i)))?;
                if bad {
                    continue;
                }
                if a.summary.is_some() {
                    let id = campaigns.campaign(i);
                    if campaigns.size(i) >= a.min_size {
                        members.push(Member {
                            campaign: id,
                            record: i,
                            source: si as u32,
                            line: item.line_no(),
                            similarity: campaigns.similarity(i, id),
                        });
                    }
                    if let Some(t) = w.rep {
                        reps.insert(i, t);
                    }
                }
            }
            written += chunk.len();
            let bytes: usize = chunk.iter().map(Item::bytes).sum();
            progress.add(bytes as u64, 0);
            Ok(())
        },
    )?;
    sink.finish()?;
    progress.finish();
    if written != campaigns.len() {
        return Err(
            "the input changed while it was read twice: fewer records the second time".into(),
        );
    }
    if let Some(path) = &a.summary {
        let scan = a.scan.then_some(scores.as_slice());
        write_summary(path, names, members, reps, scan)?;
    }
    Ok(if errors > 0 { 2 } else { 0 })
}

/// A record read for `--index add` or `match`.
enum Parsed<'a> {
    /// A JSON line that is written back by appending the campaign to it.
    Splice(Cow<'a, str>),
    /// A record that is written back re-serialized.
    Full(Record),
    /// A bad record: its output line and error.
    Bad(Processed),
}

impl<'a> Parsed<'a> {
    fn of(item: &'a Item, name: &str, lossy: bool, field: &str) -> Parsed<'a> {
        if let Item::Line(l) = item {
            if let Some(p) = probe(l, lossy, field).filter(|p| p.splice) {
                return Parsed::Splice(p.text);
            }
        }
        match item.record(name, lossy, field) {
            Ok(r) => Parsed::Full(r),
            Err(e) => Parsed::Bad(e),
        }
    }

    /// The text, or `None` for a bad record.
    fn text(&self) -> Option<&str> {
        match self {
            Parsed::Splice(t) => Some(t),
            Parsed::Full(r) => Some(&r.text),
            Parsed::Bad(_) => None,
        }
    }

    /// The output line, with `campaign` (a JSON value) added to a good record.
    fn output(self, item: &Item, campaign: &[u8]) -> Vec<u8> {
        match (self, item) {
            (Parsed::Splice(_), Item::Line(l)) => {
                let mut out = Vec::with_capacity(l.bytes.len() + campaign.len() + 16);
                splice(&l.bytes, campaign, &mut out);
                out
            }
            (Parsed::Bad(e), _) => e.out,
            (Parsed::Full(r), _) => {
                let mut o = r.object;
                let v: Value = serde_json::from_slice(campaign).unwrap_or(Value::Null);
                o.insert("campaign".into(), v);
                records::to_line(&o)
            }
            (Parsed::Splice(t), _) => t.as_bytes().to_vec(), // not made for other items
        }
    }
}

/// The `record` column's value for Parquet output without the input's columns.
#[cfg(feature = "parquet")]
fn parquet_json(parquet_out: bool, item: &Item, lossy: bool) -> Option<String> {
    match item {
        Item::Pq(_) => None,
        _ => parquet_out.then(|| item.as_json(lossy)),
    }
}

#[cfg(not(feature = "parquet"))]
fn parquet_json(_: bool, _: &Item, _: bool) -> Option<String> {
    None
}

/// Where pass 2 writes: JSON Lines on standard output, or a Parquet file.
enum Sink {
    Jsonl(BufWriter<std::io::Stdout>),
    #[cfg(feature = "parquet")]
    Parquet(Box<crate::parquet_io::ParquetSink>),
}

impl Sink {
    fn open(a: &CampaignsArgs, names: &[Named]) -> Result<Sink, String> {
        #[cfg(feature = "parquet")]
        if let Some(path) = &a.parquet_out {
            // the input's columns are kept when every input is Parquet with one schema
            let mut schema = None;
            let mut same = true;
            for n in names {
                let is_pq = format_of(n.path.as_deref(), a.format).ok() == Some(Format::Parquet);
                let s = match (is_pq, &n.path) {
                    (true, Some(p)) => Some(ParquetReader::open(p, &n.name, &a.field)?.schema()),
                    _ => None,
                };
                match (s, &schema) {
                    (None, _) => same = false,
                    (Some(s), None) => schema = Some(s),
                    (Some(s), Some(first)) => same &= s == *first,
                }
            }
            let keep = if same { schema } else { None };
            let sink = crate::parquet_io::ParquetSink::create(path, keep, a.scan)?;
            return Ok(Sink::Parquet(Box::new(sink)));
        }
        let _ = (a, names);
        Ok(Sink::Jsonl(BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        )))
    }

    fn is_parquet(&self) -> bool {
        !matches!(self, Sink::Jsonl(_))
    }

    fn write(
        &mut self,
        item: &Item,
        p: Processed,
        json: Option<String>,
        campaign: Option<(u32, u32, f32, Option<f32>)>,
    ) -> Result<(), String> {
        let _ = (item, &json, campaign);
        match self {
            Sink::Jsonl(out) => {
                out.write_all(&p.out).map_err(write_err)?;
                out.write_all(b"\n").map_err(write_err)
            }
            #[cfg(feature = "parquet")]
            Sink::Parquet(sink) => {
                use crate::parquet_io::{Extra, Source};
                let source = match (item, json) {
                    (Item::Pq(r), _) if sink.keeps_columns() => Source::Row(r),
                    (Item::Pq(r), _) => Source::Json(Value::Object(r.object()).to_string()),
                    (_, Some(j)) => Source::Json(j),
                    (_, None) => Source::Json(String::new()),
                };
                sink.push(
                    source,
                    Extra {
                        campaign,
                        error: p.error,
                    },
                )
            }
        }
    }

    fn finish(self) -> Result<(), String> {
        match self {
            Sink::Jsonl(mut out) => out.flush().map_err(write_err),
            #[cfg(feature = "parquet")]
            Sink::Parquet(sink) => sink.finish(),
        }
    }
}

fn write_summary(
    path: &Path,
    names: &[Named],
    mut members: Vec<Member>,
    mut reps: std::collections::HashMap<u32, String>,
    scan: Option<&[f32]>,
) -> Result<(), String> {
    let shown = path.display();
    let f = File::create(path).map_err(|e| format!("{shown}: cannot create summary: {e}"))?;
    let mut w = BufWriter::new(f);
    members.sort_by_key(|m| (m.campaign, m.record));
    for group in members.chunk_by(|x, y| x.campaign == y.campaign) {
        let rep = &group[0];
        let list: Vec<Value> = group
            .iter()
            .map(|m| {
                json!({
                    "file": names[m.source as usize].name,
                    "line": m.line,
                    "similarity": round3(m.similarity),
                })
            })
            .collect();
        let mut line = json!({
            "id": rep.campaign,
            "size": group.len(),
            "representative": {
                "file": names[rep.source as usize].name,
                "line": rep.line,
                "text": reps.remove(&rep.campaign).unwrap_or_default(),
            },
            "members": list,
        });
        if let Some(scores) = scan {
            line["scan"] = json!(round3(scores[rep.campaign as usize]));
        }
        serde_json::to_writer(&mut w, &line)
            .map_err(|e| format!("{shown}: cannot write summary: {e}"))?;
        w.write_all(b"\n")
            .map_err(|e| format!("{shown}: cannot write summary: {e}"))?;
    }
    w.flush()
        .map_err(|e| format!("{shown}: cannot write summary: {e}"))
}

/// `--index PATH add|match|info ...`
fn run_index(a: &CampaignsArgs) -> Result<i32, String> {
    let path = a.index.as_deref().unwrap_or(Path::new(""));
    if a.summary.is_some() {
        return Err("--summary works without --index; with an index, use `info`".into());
    }
    let usage = "with --index, say what to do: `add FILE...`, `match FILE...` or `info`";
    let Some(action) = a.files.first().and_then(|f| f.to_str()) else {
        return Err(usage.into());
    };
    let files = &a.files[1..];
    let params = a.given_params()?;
    match action {
        "add" => index_add(a, path, params, files),
        "match" => index_match(a, path, params, files),
        "info" => {
            let ix = Index::open(path, params, false).map_err(|e| e.to_string())?;
            index_info(path, &ix)
        }
        other => Err(format!("unknown action `{other}`; {usage}")),
    }
}

fn index_info(path: &Path, ix: &Index) -> Result<i32, String> {
    let c = &ix.campaigns;
    let (mut campaigns, mut multi, mut largest) = (0u64, 0u64, 0u32);
    for i in 0..c.len() as u32 {
        if c.campaign(i) == i {
            campaigns += 1;
            let s = c.size(i);
            if s > 1 {
                multi += 1;
            }
            largest = largest.max(s);
        }
    }
    let p = c.params();
    let line = json!({
        "index": path.display().to_string(),
        "posts": c.len(),
        "campaigns": campaigns,
        "campaigns_with_copies": multi,
        "largest": largest,
        "settings": {"shingle": p.shingle_words, "bands": p.bands, "rows": p.rows, "threshold": (p.threshold as f64 * 1e6).round() / 1e6},
    });
    println!("{line}");
    Ok(0)
}

fn index_add(
    a: &CampaignsArgs,
    path: &Path,
    params: Option<Params>,
    files: &[PathBuf],
) -> Result<i32, String> {
    let mut ix = Index::open(path, params, true).map_err(|e| e.to_string())?;
    if ix.dropped_bytes > 0 {
        eprintln!(
            "plainsight: {}: cut {} byte(s) of an unfinished commit",
            path.display(),
            ix.dropped_bytes
        );
    }
    let p = *ix.campaigns.params();
    let names = named(files);
    let mut progress = Progress::new(total_size(&names));
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut errors = 0u64;
    let field = a.field.as_str();
    for n in &names {
        let mut input = open(n, a.format, a.lossy, &a.field)?;
        loop {
            let chunk = input.chunk(a.commit_every.max(1))?;
            if chunk.is_empty() {
                break;
            }
            let parsed: Vec<(Parsed, Option<Post>)> = chunk
                .par_iter()
                .map(|item| {
                    let r = Parsed::of(item, &input.name, a.lossy, field);
                    let post = r.text().map(|t| Post::of(t, &p));
                    (r, post)
                })
                .collect();
            let posts: Vec<Post> = parsed.iter().filter_map(|(_, p)| p.clone()).collect();
            // committed before anything is reported: a line on stdout is on disk
            let numbers = ix.commit(&posts).map_err(|e| e.to_string())?;
            let c = &ix.campaigns;
            let mut numbers = numbers.into_iter();
            let mut campaign = Vec::with_capacity(64);
            for (item, (r, _)) in chunk.iter().zip(parsed) {
                if let Parsed::Bad(e) = &r {
                    if let Some(msg) = &e.error {
                        errors += 1;
                        eprintln!("plainsight: {msg}");
                    }
                }
                campaign.clear();
                if r.text().is_some() {
                    let i = numbers.next().unwrap_or_default();
                    let id = c.campaign(i);
                    campaign_bytes(id, c.size(i), c.similarity(i, id), None, &mut campaign);
                }
                out.write_all(&r.output(item, &campaign))
                    .map_err(write_err)?;
                out.write_all(b"\n").map_err(write_err)?;
            }
            out.flush().map_err(write_err)?;
            let bytes: usize = chunk.iter().map(Item::bytes).sum();
            progress.add(bytes as u64, chunk.len() as u64);
        }
    }
    progress.finish();
    Ok(if errors > 0 { 2 } else { 0 })
}

fn index_match(
    a: &CampaignsArgs,
    path: &Path,
    params: Option<Params>,
    files: &[PathBuf],
) -> Result<i32, String> {
    let ix = Index::open(path, params, false).map_err(|e| e.to_string())?;
    let c = &ix.campaigns;
    let p = *c.params();
    let names = named(files);
    let mut progress = Progress::new(total_size(&names));
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut errors = 0u64;
    let field = a.field.as_str();
    for n in &names {
        let mut input = open(n, a.format, a.lossy, &a.field)?;
        loop {
            let chunk = input.chunk(CHUNK_RECORDS)?;
            if chunk.is_empty() {
                break;
            }
            let results: Vec<Processed> = chunk
                .par_iter()
                .map(|item| {
                    let r = Parsed::of(item, &input.name, a.lossy, field);
                    let Some(text) = r.text() else {
                        return match r {
                            Parsed::Bad(e) => e,
                            _ => unreachable!("only a bad record has no text"),
                        };
                    };
                    let post = Post::of(text, &p);
                    let mut campaign = Vec::with_capacity(64);
                    match c.best_match(&post) {
                        Some(m) => campaign_bytes(
                            m.campaign,
                            c.size(m.campaign),
                            c.similarity_to(&post, m.campaign),
                            None,
                            &mut campaign,
                        ),
                        None => campaign.extend_from_slice(b"null"),
                    }
                    Processed {
                        same: false,
                        out: r.output(item, &campaign),
                        error: None,
                    }
                })
                .collect();
            for r in &results {
                out.write_all(&r.out).map_err(write_err)?;
                out.write_all(b"\n").map_err(write_err)?;
                if let Some(msg) = &r.error {
                    errors += 1;
                    eprintln!("plainsight: {msg}");
                }
            }
            let bytes: usize = chunk.iter().map(Item::bytes).sum();
            progress.add(bytes as u64, chunk.len() as u64);
        }
    }
    out.flush().map_err(write_err)?;
    progress.finish();
    Ok(if errors > 0 { 2 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[derive(clap::Parser)]
    struct Wrap {
        #[command(flatten)]
        args: CampaignsArgs,
    }

    #[test]
    fn campaign_bytes_are_what_serde_json_writes() {
        for (id, size, sim, scan) in [
            (0, 1, 1.0f32, None),
            (7, 12, 0.8571, Some(0.25f32)),
            (u32::MAX, 3, 0.0, Some(1.0)),
        ] {
            let mut v = json!({ "id": id, "size": size, "similarity": round3(sim) });
            if let Some(s) = scan {
                v["scan"] = json!(round3(s));
            }
            let mut b = Vec::new();
            campaign_bytes(id, size, sim, scan, &mut b);
            assert_eq!(String::from_utf8(b).unwrap(), v.to_string());
        }
    }

    #[test]
    fn splice_appends_before_the_closing_brace() {
        let mut out = Vec::new();
        splice(b"{\"text\":\"a\"}  \r", b"{}", &mut out);
        assert_eq!(out, br#"{"text":"a","campaign":{}}"#);
    }

    #[test]
    fn help_shows_the_real_defaults() {
        let d = Params::default();
        let cmd = Wrap::command();
        let help = |name: &str| {
            cmd.get_arguments()
                .find(|a| a.get_id() == name)
                .and_then(|a| a.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default()
        };
        assert!(help("shingle").contains(&format!("[default: {}]", d.shingle_words)));
        assert!(help("bands").contains(&format!("[default: {}]", d.bands)));
        assert!(help("rows").contains(&format!("[default: {}]", d.rows)));
        assert!(help("threshold").contains(&format!("[default: {}]", d.threshold)));
    }
}
