//! Builds the hash table of the English word list (`data/en_words.txt`) at
//! compile time, so that a word look-up is one hash and one or two probes
//! and no start-up work: an open-addressing table of 2^17 slots, each a
//! little-endian `u32` packing the word's byte offset in the list (20 bits),
//! its length (6 bits) and 6 bits of its hash (most probes of a missing word
//! stop there). `unmask::swaps::is_word` reads it with the same hash.

use std::{env, fs, path::PathBuf};

/// FNV-1a, 64 bits (the same function as `swaps::fnv`).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    h
}

fn main() {
    println!("cargo:rerun-if-changed=data/en_words.txt");
    println!("cargo:rerun-if-changed=build.rs");
    let words = fs::read_to_string("data/en_words.txt").expect("data/en_words.txt is readable");
    const BITS: u32 = 17;
    let n = 1usize << BITS;
    let mask = n - 1;
    let mut table = vec![0u32; n];
    let mut off = 0usize;
    let mut count = 0usize;
    for line in words.split_inclusive('\n') {
        let w = line.trim_end_matches('\n').trim_end_matches('\r');
        if !w.is_empty() && w.len() <= 40 {
            assert!(
                off < 1 << 20,
                "the word list outgrew the 20-bit offsets of build.rs"
            );
            let h = fnv(w.as_bytes());
            let mut slot = (h >> 32) as usize & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = ((off as u32) << 12) | ((w.len() as u32) << 6) | (h as u32 & 63);
            count += 1;
        }
        off += line.len();
    }
    // (a load of 0.6 at most: a missing word costs about three probes)
    assert!(
        count * 10 <= n * 6,
        "the word list outgrew the table of build.rs"
    );
    let bytes: Vec<u8> = table.iter().flat_map(|s| s.to_le_bytes()).collect();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("en_words.table"), bytes).expect("OUT_DIR is writable");
}
