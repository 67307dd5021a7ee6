//! Times `unmask_text` per family of `bench/unmask/cases.dev.jsonl` (or any
//! cases file given as the first argument), for finding where time goes:
//! `cargo run --release -p plainsight-bench --example families -- CASES [ROUNDS]`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a cases.jsonl path");
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let text = std::fs::read_to_string(&path).expect("readable cases file");
    let mut fams: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let fam = format!(
            "{}/{}",
            v["family"].as_str().unwrap_or("?"),
            if v["family"] == "clean" {
                v["lang"].as_str().unwrap_or("?")
            } else {
                ""
            }
        );
        let input = v["input"].as_str().unwrap_or("").to_string();
        match fams.iter_mut().find(|(f, _)| *f == fam) {
            Some((_, l)) => l.push(input),
            None => fams.push((fam, vec![input])),
        }
    }
    let mut total_s = 0.0;
    let mut total_b = 0usize;
    let mut rows = Vec::new();
    for (fam, lines) in &fams {
        let bytes: usize = lines.iter().map(|l| l.len()).sum();
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            for l in lines {
                std::hint::black_box(plainsight::unmask::unmask_text(std::hint::black_box(l)));
            }
        }
        let s = t.elapsed().as_secs_f64() / rounds as f64;
        total_s += s;
        total_b += bytes;
        rows.push((fam.clone(), bytes, s));
    }
    rows.sort_by(|a, b| b.2.partial_cmp(&a.2).unwrap());
    for (fam, bytes, s) in rows {
        println!(
            "{fam:28} {bytes:8} B {:7.1} MB/s {:5.1}% of time",
            bytes as f64 / s / 1e6,
            100.0 * s / total_s
        );
    }
    println!(
        "total {total_b} B {:.1} MB/s",
        total_b as f64 / total_s / 1e6
    );
}
