//! Prints the lines of a file the fast path cannot prove clean (not a
//! public tool: for profiling). `cargo run --release -p plainsight --example slowlines -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("usage: slowlines FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let (mut slow, mut n) = (0, 0);
    for l in text.lines() {
        n += 1;
        if !plainsight::unmask::is_clean(l) {
            slow += 1;
            println!("{l}");
        }
    }
    eprintln!("{slow} of {n} lines need the full engine");
}
