//! plainsight `unmask` next to decancer 4 and disarm 0.19, on the same inputs
//! in one run.
//!
//! Every tool gets one call per line (a line is one post, the way a guardrail
//! sees text), over the whole input; the throughput counts the input bytes.
//! - plainsight: `plainsight::unmask(line)`, the restored text and changes;
//! - plainsight-text: `plainsight::unmask::unmask_text(line)`, the restored
//!   text alone (borrowed when nothing changes): what the two others return;
//! - decancer: `decancer::cure(line, Options::default().retain_capitalization())`,
//!   as the shared benchmark calls it (`retain_capitalization=True`);
//! - disarm: `disarm::api::canonicalize(line)`, the preset the shared benchmark scores.
//!
//! Inputs (see `plainsight_bench`): clean ASCII, clean English, clean text in
//! 29 languages, seed-004-style text (n→п, u→υ) and every disguise family of
//! the shared cases, each about 256 KiB; built from `../shared` when present,
//! else generated. After the run, a table of MB/s per tool and of plainsight's
//! ratio to the faster third-party tool is printed from criterion's estimates
//! (medians), so the ratios come from one run under the same load.
//!
//! ```sh
//! CARGO_TARGET_DIR=target-speed cargo bench -p plainsight-bench --bench unmask -- \
//!     --measurement-time 3 --warm-up-time 1 --sample-size 10
//! ```

use criterion::{black_box, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

const TOOLS: [&str; 4] = ["plainsight", "plainsight-text", "decancer", "disarm"];

fn run_tool(tool: &str, lines: &[String]) {
    match tool {
        "plainsight" => {
            for l in lines {
                black_box(plainsight::unmask(black_box(l)));
            }
        }
        "plainsight-text" => {
            for l in lines {
                black_box(plainsight::unmask::unmask_text(black_box(l)));
            }
        }
        "decancer" => {
            let opts = decancer::Options::default().retain_capitalization();
            for l in lines {
                let _ = black_box(decancer::cure(black_box(l), opts));
            }
        }
        "disarm" => {
            for l in lines {
                let _ = black_box(disarm::api::canonicalize(black_box(l)));
            }
        }
        _ => unreachable!(),
    }
}

/// Where criterion writes its estimates: `$CRITERION_HOME`, else
/// `<target dir>/criterion`, the target dir found from this executable's path
/// (`<target>/release/deps/unmask-HASH`).
fn output_dir() -> PathBuf {
    if let Some(h) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(h);
    }
    std::env::current_exe()
        .ok()
        .and_then(|p| p.ancestors().nth(3).map(|t| t.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// The median time of one iteration in nanoseconds, from criterion's files.
fn median_ns(dir: &std::path::Path, input: &str, tool: &str) -> Option<f64> {
    let p = dir
        .join("unmask")
        .join(input)
        .join(tool)
        .join("new/estimates.json");
    let s = std::fs::read_to_string(p).ok()?;
    let v: serde_json::Value = serde_json::from_str(&s).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn main() {
    let out = output_dir();
    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(3))
        .warm_up_time(std::time::Duration::from_secs(1))
        .configure_from_args()
        .output_directory(&out);
    let corpora = plainsight_bench::all(plainsight_bench::DEFAULT_BUDGET);
    let started = std::time::SystemTime::now();
    {
        let mut g = c.benchmark_group("unmask");
        for corpus in &corpora {
            g.throughput(Throughput::Bytes(corpus.bytes() as u64));
            for tool in TOOLS {
                g.bench_with_input(BenchmarkId::new(corpus.name, tool), corpus, |b, corpus| {
                    b.iter(|| run_tool(tool, &corpus.lines))
                });
            }
        }
        g.finish();
    }
    c.final_summary();

    // the table, from this run's estimates only
    let fresh = |input: &str, tool: &str| -> Option<f64> {
        let p = out
            .join("unmask")
            .join(input)
            .join(tool)
            .join("new/estimates.json");
        let m = std::fs::metadata(p).ok()?.modified().ok()?;
        if m < started {
            return None;
        }
        median_ns(&out, input, tool)
    };
    let mut rows = Vec::new();
    for corpus in &corpora {
        let mbs: Vec<Option<f64>> = TOOLS
            .iter()
            .map(|t| fresh(corpus.name, t).map(|ns| corpus.bytes() as f64 / ns * 1e3))
            .collect();
        if mbs.iter().all(Option::is_none) {
            continue;
        }
        rows.push((corpus, mbs));
    }
    if rows.is_empty() {
        return;
    }
    let fmt = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.1}"));
    println!();
    println!("| input | origin | KiB | lines | plainsight MB/s | plainsight text MB/s | decancer MB/s | disarm MB/s | ratio vs faster | text ratio vs faster |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (corpus, mbs) in rows {
        let best_other = match (mbs[2], mbs[3]) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let ratio = |p: Option<f64>| match (p, best_other) {
            (Some(p), Some(o)) => format!("{:.1}×", p / o),
            _ => "-".into(),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            corpus.name,
            corpus.origin,
            corpus.bytes() / 1024,
            corpus.lines.len(),
            fmt(mbs[0]),
            fmt(mbs[1]),
            fmt(mbs[2]),
            fmt(mbs[3]),
            ratio(mbs[0]),
            ratio(mbs[1])
        );
    }
}
