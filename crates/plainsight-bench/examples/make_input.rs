//! Writes a large input for whole-command timing, built from the benchmark
//! inputs (the shared corpora when present, else generated ones), repeated
//! until the file reaches the requested size:
//!
//! ```sh
//! cargo run --release -p plainsight-bench --example make_input -- mixed 100 /tmp/mixed.txt
//! cargo run --release -p plainsight-bench --example make_input -- mixed-jsonl 100 /tmp/mixed.jsonl
//! ```
//!
//! Kinds: the name of any benchmark input (`clean-ascii`, `clean-en`,
//! `clean-multi`, `seed-nu`, `mixed`), optionally with `-jsonl` for JSON Lines
//! records `{"id": N, "text": LINE}`.

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(kind), Some(mb), Some(path)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: make_input KIND MEGABYTES PATH");
        std::process::exit(2);
    };
    let size: usize = mb.parse::<usize>().expect("MEGABYTES is a number") * 1_000_000;
    let (name, jsonl) = match kind.strip_suffix("-jsonl") {
        Some(n) => (n.to_string(), true),
        None => (kind.clone(), false),
    };
    let corpus = plainsight_bench::by_name(&name, usize::MAX)
        .unwrap_or_else(|| panic!("no input named {name}"));
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create output"));
    let mut written = 0usize;
    let mut id = 0u64;
    'outer: loop {
        for l in &corpus.lines {
            let rec = if jsonl {
                id += 1;
                format!(
                    "{{\"id\":{id},\"text\":{}}}\n",
                    serde_json::to_string(l).unwrap()
                )
            } else {
                format!("{l}\n")
            };
            w.write_all(rec.as_bytes()).expect("write");
            written += rec.len();
            if written >= size {
                break 'outer;
            }
        }
    }
    w.flush().expect("flush");
    eprintln!("{path}: {written} bytes of {kind} ({})", corpus.origin);
}
