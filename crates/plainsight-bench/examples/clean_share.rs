//! For each line of standard input: whether the clean check proves it plain
//! (`1`) or not (`0`), one digit per line (for finding the lines that cost).
use std::io::BufRead;
fn main() {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("UTF-8 input");
        println!("{}", plainsight::unmask::is_clean(&line) as u8);
    }
}
