//! Runs `plainsight::unmask` over one benchmark input (or one file, as a
//! single text) in a loop, for profilers:
//! `cargo run --release -p plainsight-bench --example profile -- mixed 20`
//! (add `text` to time `unmask_text`, the restored text alone; `lines:PATH`
//! takes each line of a file as one input).

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "mixed".into());
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let text_only = args.next().as_deref() == Some("text");
    // a path: the whole file is one input (for hostile texts)
    // `lines:PATH`: each line of the file is one input
    let corpus = if let Some(path) = name.strip_prefix("lines:") {
        let text = std::fs::read_to_string(path).expect("a readable file");
        plainsight_bench::Corpus {
            name: "lines",
            origin: "file",
            lines: text.lines().map(str::to_string).collect(),
        }
    } else {
        match std::fs::read_to_string(&name) {
            Ok(text) => plainsight_bench::Corpus {
                name: "file",
                origin: "file",
                lines: vec![text],
            },
            Err(_) => plainsight_bench::by_name(&name, plainsight_bench::DEFAULT_BUDGET)
                .unwrap_or_else(|| panic!("no input named {name}")),
        }
    };
    let t = std::time::Instant::now();
    let mut changed = 0usize;
    for _ in 0..rounds {
        for l in &corpus.lines {
            if text_only {
                changed += matches!(
                    plainsight::unmask::unmask_text(l),
                    std::borrow::Cow::Owned(_)
                ) as usize;
            } else {
                changed += plainsight::unmask(l).changes().len();
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{name}: {:.1} MB/s ({} changes)",
        (corpus.bytes() * rounds) as f64 / secs / 1e6,
        changed
    );
}
