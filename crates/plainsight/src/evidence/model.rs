//! The scorer: a logistic regression over the dense cue features and hashed
//! word n-grams, trained by `tools/train_scan.py` and shipped as text in
//! `data/scan_model.txt` (see MODEL_CARD.md for the data and the figures).
//!
//! File format, one item a line (`#` starts a comment line):
//! ```text
//! plainsight-scan-model 1
//! hash_bits 14
//! bias -1.2
//! idf_unseen 10.2
//! dense <feature name> <weight> <mean over the training data>
//! ngram <bucket> <weight> <idf>
//! ```
//! Dense features are used as [`super::features`] computes them (the trainer
//! folds its standardisation into the weights). N-gram buckets are the low
//! `hash_bits` bits of the word and word-pair hashes; a document's n-gram
//! vector is `(1 + ln(count)) × idf` per bucket, scaled to unit length, where
//! idf is the bucket's smoothed inverse document frequency in the training
//! data (`idf_unseen` for buckets the training data never filled).

use super::FEATURES;
use std::sync::OnceLock;

/// The model shipped with the library.
const SHIPPED: &str = include_str!("../../data/scan_model.txt");

/// A trained model.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub bias: f32,
    pub hash_bits: u32,
    pub dense: Vec<f32>,
    pub mean: Vec<f32>,
    pub ngram: Vec<f32>,
    pub idf: Vec<f32>,
}

impl Model {
    /// Parses the text format; unknown dense features are an error.
    pub fn parse(s: &str) -> Result<Model, String> {
        let mut m = Model {
            bias: 0.0,
            hash_bits: 0,
            dense: vec![0.0; FEATURES.len()],
            mean: vec![0.0; FEATURES.len()],
            ngram: Vec::new(),
            idf: Vec::new(),
        };
        let mut header = false;
        let mut unseen = 1.0;
        for (n, line) in s.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |what: &str| format!("scan model line {}: {what}", n + 1);
            let f: Vec<&str> = line.split_whitespace().collect();
            let num = |i: usize| -> Result<f32, String> {
                f.get(i)
                    .and_then(|x| x.parse::<f32>().ok())
                    .ok_or_else(|| err("bad number"))
            };
            match f[0] {
                "plainsight-scan-model" => {
                    if f.get(1) != Some(&"1") {
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
                    m.ngram = vec![0.0; if b == 0 { 0 } else { 1 << b }];
                    m.idf = vec![f32::NAN; m.ngram.len()];
                }
                "bias" => m.bias = num(1)?,
                "idf_unseen" => unseen = num(1)?,
                "dense" => {
                    let name = f.get(1).copied().unwrap_or("");
                    let i = FEATURES
                        .iter()
                        .position(|x| *x == name)
                        .ok_or_else(|| err(&format!("unknown feature {name:?}")))?;
                    m.dense[i] = num(2)?;
                    m.mean[i] = num(3).unwrap_or(0.0);
                }
                "ngram" => {
                    let i = num(1)? as usize;
                    let w = num(2)?;
                    let slot = m
                        .ngram
                        .get_mut(i)
                        .ok_or_else(|| err("bucket out of range"))?;
                    *slot = w;
                    m.idf[i] = num(3).unwrap_or(1.0);
                }
                _ => return Err(err("unknown item")),
            }
        }
        if !header {
            return Err("scan model: missing header".into());
        }
        for x in &mut m.idf {
            if x.is_nan() {
                *x = unseen;
            }
        }
        Ok(m)
    }

    /// The shipped model (an empty model if it failed to parse, which the
    /// tests rule out).
    pub fn shipped() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            Model::parse(SHIPPED).unwrap_or(Model {
                bias: 0.0,
                hash_bits: 0,
                dense: vec![0.0; FEATURES.len()],
                mean: vec![0.0; FEATURES.len()],
                ngram: Vec::new(),
                idf: Vec::new(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses() {
        let m = Model::parse(SHIPPED).unwrap();
        assert_eq!(m.dense.len(), FEATURES.len());
    }

    #[test]
    fn bad_models_are_errors() {
        assert!(Model::parse("bias 1").is_err());
        assert!(Model::parse("plainsight-scan-model 1\ndense nope 1 0").is_err());
        assert!(Model::parse("plainsight-scan-model 1\nhash_bits 2\nngram 9 1").is_err());
        assert!(Model::parse("plainsight-scan-model 1\nbias x").is_err());
        let m = Model::parse("plainsight-scan-model 1\nhash_bits 2\nidf_unseen 5\nngram 1 0.5 2")
            .unwrap();
        assert_eq!(m.idf, [5.0, 2.0, 5.0, 5.0]);
        assert_eq!(m.ngram, [0.0, 0.5, 0.0, 0.0]);
    }
}
