//! The campaign engine's own stages, on generated posts (no shared data):
//! `Post::of` (unmask, shingles, MinHash, band keys and sketch) on plain and on
//! disguised posts, and `Campaigns::add` (LSH buckets and union-find).
//!
//! The end-to-end benchmark against datasketch and rensa, with its corpus
//! generator, is `crates/plainsight-bench/campaigns/bench.py` (BENCHMARKS.md).
//!
//! ```sh
//! cargo bench -p plainsight-bench --bench campaigns -- \
//!     --measurement-time 3 --warm-up-time 1 --sample-size 10
//! ```

use criterion::{black_box, Criterion, Throughput};
use plainsight::campaign::{Campaigns, Params, Post};

const WORDS: &[&str] = &[
    "the",
    "singer",
    "finally",
    "reveals",
    "truth",
    "about",
    "secret",
    "song",
    "mother",
    "years",
    "after",
    "fans",
    "were",
    "shocked",
    "when",
    "actor",
    "told",
    "reporters",
    "never",
    "wanted",
    "anyone",
    "know",
    "house",
    "summer",
    "wedding",
    "daughter",
    "friends",
    "close",
    "say",
    "night",
];

/// About 500-byte posts of random words; `disguised` swaps n and u for the
/// Cyrillic and Greek look-alikes of the 004 seed.
fn posts(n: usize, disguised: bool) -> Vec<String> {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            let mut s = String::new();
            while s.len() < 500 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(WORDS[(seed % WORDS.len() as u64) as usize]);
                s.push(' ');
            }
            if disguised {
                s.replace('n', "п").replace('u', "υ")
            } else {
                s
            }
        })
        .collect()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let p = Params::default();
    for (name, disguised) in [("plain", false), ("disguised", true)] {
        let input = posts(1000, disguised);
        let bytes: usize = input.iter().map(String::len).sum();
        let mut g = c.benchmark_group("campaigns/post");
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for t in &input {
                    black_box(Post::of(t, &p));
                }
            })
        });
        g.finish();
    }
    let sketched: Vec<Post> = posts(20_000, false)
        .iter()
        .map(|t| Post::of(t, &p))
        .collect();
    let mut g = c.benchmark_group("campaigns/add");
    g.throughput(Throughput::Elements(sketched.len() as u64));
    g.bench_function("20k posts", |b| {
        b.iter(|| {
            let mut camp = Campaigns::new(p);
            for post in &sketched {
                camp.add(post);
            }
            black_box(camp.len())
        })
    });
    g.finish();
    c.final_summary();
}
