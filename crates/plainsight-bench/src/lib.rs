//! Benchmark inputs for plainsight: loaders for the shared corpora (when
//! `../shared` is present) and generators that work without them.
//!
//! The benchmarks themselves live in `benches/`, one file per capability.
