//! The scorer: a logistic regression over the dense cue features and hashed
//! word n-grams, trained by `tools/train_scan.py` and shipped as text in
//! `data/scan_model.txt` (see MODEL_CARD.md for the data and the figures).
//!
//! Headlines and articles are scored by one model with a part of its own for
//! long documents (at least [`super::SHORT_WORDS`] words): every n-gram has a
//! shared weight and an extra weight for long documents ("frustratingly easy"
//! domain adaptation), and the dense cue features count `long_dense_scale`
//! times as much in a long document. In the training data, 94% of the
//! documents are headlines; without the split, the headline weights decide how
//! articles are read, and the style features separate ChatGPT rewrites from
//! human writing instead of fabricated stories from true ones.
//!
//! File format, one item a line (`#` starts a comment line):
//! ```text
//! plainsight-scan-model 2
//! hash_bits 20
//! bias -1.2
//! long_dense_scale 0.3
//! long_calibration 1.2 0.1
//! dense <feature name> <weight> <mean over the training data>
//! ngrams <number of lines that follow>
//! <bucket delta> <weight × 1000> <idf × 100> [<extra weight in long documents × 1000>]
//! ```
//! The dense part of the log-odds is `scale × Σ weight × (value − mean)`,
//! with `scale` 1 in a short document and `long_dense_scale` in a long one.
//! N-gram buckets are the low `hash_bits` bits of the word and word-pair
//! hashes, listed in increasing order, each line giving the distance from the
//! previous bucket (from 0 for the first); weights are integers in thousandths
//! and idf in hundredths, to keep the file small. A document's n-gram vector is
//! `(1 + ln(count)) × idf` per bucket, scaled to unit length, where idf is the
//! bucket's smoothed inverse document frequency in the training data; buckets
//! not listed (filled by fewer than two training documents) have idf 0 and
//! take no part. In a long document the whole log-odds `z` then becomes
//! `a·z + b` (`long_calibration a b`, Platt scaling fitted on out-of-fold
//! log-odds of the training documents; absent, it is the identity).

use super::FEATURES;
use std::sync::OnceLock;

/// The model shipped with the library.
const SHIPPED: &str = include_str!("../../data/scan_model.txt");

/// The weights of one n-gram bucket, as the file gives them (thousandths and
/// hundredths): six bytes, so that the table of 2^20 buckets stays in cache.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Bucket {
    /// Weight in every document, in thousandths.
    weight: i16,
    /// Extra weight in a long document, in thousandths.
    long: i16,
    /// Inverse document frequency in hundredths (0: the bucket takes no part).
    idf: u16,
}

impl Bucket {
    /// Inverse document frequency (0: the bucket takes no part).
    #[inline]
    pub fn idf(self) -> f32 {
        self.idf as f32 * 0.01
    }
}

/// A trained model.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub bias: f32,
    pub hash_bits: u32,
    pub long_dense_scale: f32,
    /// Platt scaling of a long document's log-odds, `a·z + b`, fitted on
    /// out-of-fold log-odds of the training documents (long documents came
    /// out under-confident at the top).
    pub long_calibration: (f32, f32),
    pub dense: Vec<f32>,
    pub mean: Vec<f32>,
    /// The listed buckets.
    pub buckets: Table,
}

/// The listed buckets of 2^hash_bits, stored compactly: a bit per bucket
/// (128 KiB for 20 bits) says whether it is listed, a running count per 64
/// buckets gives its place among the listed ones. About 0.8 MB for the shipped
/// model instead of 6 MB for a full table, so that lookups, one or two per
/// word of a document, stay in the core's cache.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    /// Number of buckets (2^hash_bits).
    len: usize,
    /// The bucket listed last, while parsing.
    last: Option<usize>,
    present: Vec<u64>,
    rank: Vec<u32>,
    entries: Vec<Bucket>,
}

impl Table {
    fn new(bits: u32) -> Table {
        let len = if bits == 0 { 0 } else { 1usize << bits };
        let words = len.div_ceil(64);
        Table {
            len,
            last: None,
            present: vec![0; words],
            rank: vec![0; words],
            entries: Vec::new(),
        }
    }

    /// Lists bucket `b`, which must be above every bucket listed so far.
    fn push(&mut self, b: usize, e: Bucket) -> Result<(), &'static str> {
        if b >= self.len {
            return Err("bucket out of range");
        }
        if self.last.is_some_and(|l| l >= b) {
            return Err("buckets out of order");
        }
        self.last = Some(b);
        self.present[b / 64] |= 1 << (b % 64);
        self.entries.push(e);
        Ok(())
    }

    /// Fills the running counts, once every bucket is listed.
    fn finish(&mut self) {
        let mut n = 0u32;
        for (r, &w) in self.rank.iter_mut().zip(&self.present) {
            *r = n;
            n += w.count_ones();
        }
    }

    /// The entry of bucket `b`, if listed.
    #[inline]
    pub fn get(&self, b: u32) -> Option<Bucket> {
        let b = b as usize;
        let w = *self.present.get(b / 64)?;
        let bit = 1u64 << (b % 64);
        if w & bit == 0 {
            return None;
        }
        let i = self.rank[b / 64] + (w & (bit - 1)).count_ones();
        self.entries.get(i as usize).copied()
    }

    /// Every listed entry, in bucket order.
    #[cfg(test)]
    pub fn entries(&self) -> &[Bucket] {
        &self.entries
    }
}

impl Model {
    fn empty() -> Model {
        Model {
            bias: 0.0,
            hash_bits: 0,
            long_dense_scale: 1.0,
            long_calibration: (1.0, 0.0),
            dense: vec![0.0; FEATURES.len()],
            mean: vec![0.0; FEATURES.len()],
            buckets: Table::default(),
        }
    }

    /// Parses the text format; unknown dense features are an error.
    pub fn parse(s: &str) -> Result<Model, String> {
        let mut m = Model::empty();
        let mut header = false;
        let mut ngram_lines = 0usize;
        let mut bucket = 0usize;
        for (n, line) in s.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |what: &str| format!("scan model line {}: {what}", n + 1);
            let mut f = line.split_ascii_whitespace();
            let head = f.next().unwrap_or("");
            if ngram_lines > 0 {
                ngram_lines -= 1;
                let int = |x: Option<&str>| -> Result<i64, String> {
                    x.and_then(|x| x.parse::<i64>().ok())
                        .ok_or_else(|| err("bad number"))
                };
                let delta = int(Some(head))?;
                if delta < 0 {
                    return Err(err("buckets out of order"));
                }
                bucket = bucket.saturating_add(delta as usize);
                let small = |x: i64| i16::try_from(x).map_err(|_| err("weight out of range"));
                let weight = small(int(f.next())?)?;
                let idf = u16::try_from(int(f.next())?).map_err(|_| err("idf out of range"))?;
                let long = match f.next() {
                    Some(x) => small(int(Some(x))?)?,
                    None => 0,
                };
                m.buckets
                    .push(bucket, Bucket { weight, long, idf })
                    .map_err(err)?;
                continue;
            }
            let f: Vec<&str> = std::iter::once(head).chain(f).collect();
            let num = |i: usize| -> Result<f32, String> {
                f.get(i)
                    .and_then(|x| x.parse::<f32>().ok())
                    .ok_or_else(|| err("bad number"))
            };
            match head {
                "plainsight-scan-model" => {
                    if f.get(1) != Some(&"2") {
                        return Err(err("unsupported version"));
                    }
                    header = true;
                }
                "hash_bits" => {
                    let b = num(1)? as u32;
                    if b > 20 {
                        return Err(err("hash_bits above 20"));
                    }
                    m.hash_bits = b;
                    m.buckets = Table::new(b);
                }
                "bias" => m.bias = num(1)?,
                "long_dense_scale" => m.long_dense_scale = num(1)?,
                "long_calibration" => m.long_calibration = (num(1)?, num(2)?),
                "dense" => {
                    let name = f.get(1).copied().unwrap_or("");
                    let i = FEATURES
                        .iter()
                        .position(|x| *x == name)
                        .ok_or_else(|| err(&format!("unknown feature {name:?}")))?;
                    m.dense[i] = num(2)?;
                    m.mean[i] = num(3).unwrap_or(0.0);
                }
                "ngrams" => {
                    ngram_lines = num(1)? as usize;
                    bucket = 0;
                }
                _ => return Err(err("unknown item")),
            }
        }
        if !header {
            return Err("scan model: missing header".into());
        }
        if ngram_lines > 0 {
            return Err("scan model: fewer n-gram lines than announced".into());
        }
        m.buckets.finish();
        Ok(m)
    }

    /// The shipped model (an empty model if it failed to parse, which the
    /// tests rule out).
    pub fn shipped() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::parse(SHIPPED).unwrap_or_else(|_| Model::empty()))
    }

    /// How much the dense features count in a document (1 when short).
    pub fn dense_scale(&self, long: bool) -> f32 {
        if long {
            self.long_dense_scale
        } else {
            1.0
        }
    }

    /// The scale and offset of the log-odds in a document (identity when short).
    pub fn calibration(&self, long: bool) -> (f32, f32) {
        if long {
            self.long_calibration
        } else {
            (1.0, 0.0)
        }
    }

    /// The idf of a bucket (0 when not listed).
    #[inline]
    pub fn idf(&self, bucket: u32) -> f32 {
        self.buckets.get(bucket).map_or(0.0, Bucket::idf)
    }

    /// The weight of a bucket in a short or long document.
    #[inline]
    pub fn weight(&self, bucket: u32, long: bool) -> f32 {
        match self.buckets.get(bucket) {
            Some(b) if long => (b.weight as i32 + b.long as i32) as f32 * 0.001,
            Some(b) => b.weight as f32 * 0.001,
            None => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses() {
        let m = Model::parse(SHIPPED).unwrap();
        assert_eq!(m.dense.len(), FEATURES.len());
        assert!(m.buckets.entries().len() > 1000);
        assert!(m.buckets.entries().iter().all(|b| b.idf() > 0.0));
    }

    #[test]
    fn bad_models_are_errors() {
        assert!(Model::parse("bias 1").is_err());
        assert!(Model::parse("plainsight-scan-model 1").is_err());
        assert!(Model::parse("plainsight-scan-model 2\ndense nope 1 0").is_err());
        assert!(Model::parse("plainsight-scan-model 2\nhash_bits 2\nngrams 1\n9 1 100").is_err());
        assert!(Model::parse("plainsight-scan-model 2\nhash_bits 2\nngrams 2\n1 1 100").is_err());
        assert!(Model::parse("plainsight-scan-model 2\nhash_bits 2\nngrams 1\n-1 1 100").is_err());
        assert!(
            Model::parse("plainsight-scan-model 2\nhash_bits 2\nngrams 2\n1 1 100\n0 1 100")
                .is_err()
        );
        assert!(Model::parse("plainsight-scan-model 2\nbias x").is_err());
        assert!(
            Model::parse("plainsight-scan-model 2\nhash_bits 2\nngrams 1\n1 40000 100").is_err()
        );
        let m = Model::parse(
            "plainsight-scan-model 2\nhash_bits 2\nlong_dense_scale 0.5\nngrams 2\n1 500 200\n2 -250 300 100",
        )
        .unwrap();
        let idf: Vec<f32> = (0..5).map(|b| m.idf(b)).collect();
        assert_eq!(idf, [0.0, 2.0, 0.0, 3.0, 0.0]);
        assert_eq!(m.weight(1, false), 0.5);
        assert_eq!(m.weight(3, false), -0.25);
        assert!((m.weight(3, true) + 0.15).abs() < 1e-6);
        assert_eq!(m.dense_scale(true), 0.5);
        assert_eq!(m.dense_scale(false), 1.0);
        // no calibration line: identity
        assert_eq!(m.calibration(true), (1.0, 0.0));
        let m = Model::parse("plainsight-scan-model 2\nlong_calibration 1.25 -0.5").unwrap();
        assert_eq!(m.calibration(true), (1.25, -0.5));
        assert_eq!(m.calibration(false), (1.0, 0.0));
        assert!(Model::parse("plainsight-scan-model 2\nlong_calibration 1.25").is_err());
    }
}
