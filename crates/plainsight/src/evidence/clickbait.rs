//! Clickbait lexicon: the hyperbolic words and common clickbait phrases of the
//! Stop Clickbait corpus (Chakraborty et al. 2016, MIT licence; the derived
//! lists and the licence are in `data/clickbait/`, made by
//! `tools/gen_clickbait.py`). Clickbait style alone is a weak signal of
//! fabrication (AUC about 0.6 on the shared data); the trained weight decides.

/// Hyperbolic words, one a line.
pub(crate) const HYPERBOLIC: &str = include_str!("../../data/clickbait/hyperbolic.txt");
/// Common clickbait phrases, one a line (`#` is any number).
pub(crate) const PHRASES: &str = include_str!("../../data/clickbait/phrases.txt");
