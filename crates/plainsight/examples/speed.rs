//! Times `unmask` over the lines of a file: `cargo run --release -p plainsight --example speed -- FILE [ROUNDS]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: speed FILE [ROUNDS]");
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let lines: Vec<&str> = text.lines().collect();
    let t = std::time::Instant::now();
    let mut changes = 0;
    for _ in 0..rounds {
        for l in &lines {
            changes += plainsight::unmask(l).changes().len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.1} MB/s, {} changes",
        (text.len() * rounds) as f64 / s / 1e6,
        changes
    );
}
