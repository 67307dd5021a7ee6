//! `plainsight::scan` throughput, one call per document on one core,
//! including unmask (scan unmasks every input first).
//!
//! Inputs, each about 1 MiB, built when the benchmark starts and never copied
//! into the repository:
//! - `articles`: the human-written articles of `../shared/data/hoax/llmfake`
//!   (one article per call), or generated English paragraphs without it;
//! - `articles-disguised`: the same articles in the style of the 004 seed
//!   (every `n` Cyrillic `п`, every `u` Greek `υ`), the slow path of unmask;
//! - `titles`: GossipCop titles (one per call), or generated sentences.
//!
//! ```sh
//! CARGO_TARGET_DIR=target-speed cargo bench -p plainsight-bench --bench scan -- \
//!     --measurement-time 3 --warm-up-time 1 --sample-size 10
//! ```

use criterion::{black_box, Criterion, Throughput};
use plainsight_bench::{generated_english, seed_nu, shared_dir};
use std::path::Path;

const BUDGET: usize = 1 << 20;

/// Rows of a CSV file (quoted fields, doubled quotes, newlines inside quotes).
fn csv_rows(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The values of one column of a CSV file, until about `budget` bytes.
fn column(path: &Path, name: &str, budget: usize) -> Option<Vec<String>> {
    let s = std::fs::read_to_string(path).ok()?;
    let rows = csv_rows(&s);
    let head = rows.first()?;
    let i = head.iter().position(|h| h == name)?;
    let mut out = Vec::new();
    let mut bytes = 0;
    for r in rows.iter().skip(1) {
        if let Some(v) = r.get(i).filter(|v| v.len() > 20) {
            bytes += v.len();
            out.push(v.clone());
            if bytes >= budget {
                break;
            }
        }
    }
    Some(out)
}

fn generated_articles(budget: usize) -> Vec<String> {
    let sentences = generated_english(budget / 60 + 10, 11);
    let mut out = Vec::new();
    let mut bytes = 0;
    for chunk in sentences.chunks(25) {
        let a = chunk.join(" ");
        bytes += a.len();
        out.push(a);
        if bytes >= budget {
            break;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let shared = shared_dir();
    let hoax = shared.as_deref().map(|p| p.join("data/hoax"));
    let articles = hoax
        .as_deref()
        .and_then(|h| {
            column(
                &h.join("llmfake/chatgpt35_gossipcop_rewrite.csv"),
                "news_text",
                BUDGET,
            )
        })
        .unwrap_or_else(|| generated_articles(BUDGET));
    let titles = hoax
        .as_deref()
        .and_then(|h| column(&h.join("gossipcop/titles.csv"), "title", BUDGET))
        .unwrap_or_else(|| generated_english(BUDGET / 60, 5));
    let disguised: Vec<String> = articles.iter().map(|a| seed_nu(a)).collect();
    let origin = if hoax.is_some() {
        "shared"
    } else {
        "generated"
    };
    let mut g = c.benchmark_group("scan");
    for (name, docs) in [
        ("articles", &articles),
        ("articles-disguised", &disguised),
        ("titles", &titles),
    ] {
        let bytes: usize = docs.iter().map(|d| d.len()).sum();
        eprintln!(
            "scan/{name}: {} documents, {bytes} bytes ({origin})",
            docs.len()
        );
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in docs.iter() {
                    black_box(plainsight::scan(black_box(d)));
                }
            })
        });
    }
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
