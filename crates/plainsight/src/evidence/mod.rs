//! Evidence of a fabricated celebrity story: cues that point at the text, and
//! a calibrated probability that combines them.
//!
//! [`scan`] unmasks the input, finds the cues of every family in the restored
//! text, maps each span back to the input bytes through
//! [`Unmasked::input_range`], and scores the story with a logistic regression
//! over the cue features and hashed word n-grams ([`model`], trained on the
//! shared GossipCop and LLMFake data; see MODEL_CARD.md).
//!
//! Cue families, one module each, where the rules are written:
//! - [`disguise`]: the disguise itself (look-alike letters and the like);
//! - [`hooks`]: headline hooks — "At 77, …", "finally reveals", "breaks her silence";
//! - [`sourcing`]: anonymous or vague sourcing — "a source", "friends close to him";
//! - [`quotes`]: long quotes in a story that names no outlet, interview, date or link;
//! - [`secrecy`]: secret, never-released, private framing;
//! - [`narration`]: a star's inner life narrated in a story that names no
//!   interview, outlet, date or link;
//! - [`style`]: emotional vocabulary and templated constructions;
//! - [`clickbait`]: the Stop Clickbait lexicons;
//! - [`rumor`]: rumour and speculation topics, predictive in the GossipCop data;
//! - [`attribution`]: named outlets, statements, dates and links — evidence
//!   *against* fabrication;
//! - `wording`: the word n-grams that weigh most in this text's score.
//!
//! ```
//! let post = "At 81, the singer fiпally breaks his sileпce. A source close to him says it was never meant for release.";
//! let s = plainsight::scan(post);
//! assert!(s.score > 0.0 && s.score < 1.0);
//! assert!(s.disguised); // Cyrillic п for n
//! let families: Vec<&str> = s.cues.iter().map(|c| c.family.name()).collect();
//! assert!(families.contains(&"hook") && families.contains(&"sourcing"));
//! // spans are byte offsets in the input
//! for c in &s.cues {
//!     assert_eq!(c.text, &post[c.start..c.end]);
//! }
//! ```

pub mod attribution;
pub mod clickbait;
pub mod disguise;
pub mod hooks;
pub(crate) mod model;
pub mod narration;
pub mod quotes;
pub mod rumor;
pub mod secrecy;
pub mod sourcing;
pub mod style;
pub(crate) mod text;

use crate::unmask::{unmask, Class, Unmasked};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;
use text::{Doc, Phrases};

/// A family of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// The text is disguised (look-alike letters, invisible characters…).
    Disguise,
    /// A headline hook: age hook, "finally reveals", "breaks his silence".
    Hook,
    /// Anonymous or vague sourcing.
    Sourcing,
    /// A long quote that nothing in the story lets a reader check.
    Quote,
    /// Secret, never-released or private framing.
    Secrecy,
    /// Inner life narrated with no interview, outlet, date or link.
    Narration,
    /// Emotional or templated style.
    Style,
    /// Clickbait vocabulary (Stop Clickbait lexicons).
    Clickbait,
    /// Rumour and speculation topics.
    Rumor,
    /// A named outlet, statement, date or link (evidence against fabrication).
    Attribution,
    /// Word n-grams that weigh much in the score.
    Wording,
}

impl Family {
    /// The lowercase name used in JSON output and reports.
    pub fn name(self) -> &'static str {
        match self {
            Family::Disguise => "disguise",
            Family::Hook => "hook",
            Family::Sourcing => "sourcing",
            Family::Quote => "quote",
            Family::Secrecy => "secrecy",
            Family::Narration => "narration",
            Family::Style => "style",
            Family::Clickbait => "clickbait",
            Family::Rumor => "rumor",
            Family::Attribution => "attribution",
            Family::Wording => "wording",
        }
    }

    /// A short description for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Family::Disguise => "written in disguised letters",
            Family::Hook => "headline hook",
            Family::Sourcing => "anonymous or vague source",
            Family::Quote => "long quote with no outlet, interview, date or link",
            Family::Secrecy => "secret / never-released framing",
            Family::Narration => "inner life narrated with no interview, outlet or date",
            Family::Style => "emotional or templated style",
            Family::Clickbait => "clickbait wording",
            Family::Rumor => "rumour or speculation",
            Family::Attribution => "checkable attribution",
            Family::Wording => "wording",
        }
    }
}

/// One piece of evidence, pointing at the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cue {
    /// The family of evidence.
    pub family: Family,
    /// Start byte offset in the input (inclusive).
    pub start: usize,
    /// End byte offset in the input (exclusive).
    pub end: usize,
    /// The input text of the span.
    pub text: String,
    /// The cue's contribution to the log-odds of [`Scan::score`]: positive
    /// for evidence of fabrication, negative against. Disguise cues weigh 0:
    /// the score is computed on the restored text (see [`disguise`]).
    #[serde(serialize_with = "round3")]
    pub weight: f32,
}

/// A document-level signal with no single span (length, missing attribution,
/// share of fragment sentences…).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Signal {
    /// Feature name (see [`FEATURES`]).
    pub name: &'static str,
    /// Its value in this document.
    #[serde(serialize_with = "round3")]
    pub value: f32,
    /// Its contribution to the log-odds, relative to an average training document.
    #[serde(serialize_with = "round3")]
    pub weight: f32,
}

/// The verdict drawn from the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Score at least [`FABRICATED`].
    Fabricated,
    /// Score between the two thresholds.
    Uncertain,
    /// Score at most [`GENUINE`].
    Genuine,
}

/// Score from which the verdict is [`Verdict::Fabricated`].
pub const FABRICATED: f32 = 0.7;
/// Score up to which the verdict is [`Verdict::Genuine`].
pub const GENUINE: f32 = 0.3;

impl Verdict {
    /// The verdict for a score.
    pub fn of(score: f32) -> Verdict {
        if score >= FABRICATED {
            Verdict::Fabricated
        } else if score <= GENUINE {
            Verdict::Genuine
        } else {
            Verdict::Uncertain
        }
    }

    /// The lowercase name used in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Fabricated => "fabricated",
            Verdict::Uncertain => "uncertain",
            Verdict::Genuine => "genuine",
        }
    }

    /// A phrase for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::Fabricated => "likely fabricated",
            Verdict::Uncertain => "uncertain",
            Verdict::Genuine => "likely genuine",
        }
    }
}

/// What unmask found, in short.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnmaskSummary {
    /// Obfuscation score of the input, in [0, 1].
    #[serde(serialize_with = "round3")]
    pub score: f32,
    /// Number of changes made.
    pub changes: usize,
    /// Number of changes per class.
    pub classes: BTreeMap<&'static str, usize>,
}

/// The result of [`scan`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scan {
    /// Probability that the story is fabricated, in [0, 1], computed on the
    /// restored text.
    #[serde(serialize_with = "round3")]
    pub score: f32,
    /// The verdict drawn from the score.
    pub verdict: Verdict,
    /// Whether the input is disguised (unmask score at least 0.5); no
    /// legitimate publisher writes in look-alike letters.
    pub disguised: bool,
    /// The evidence, in input order.
    pub cues: Vec<Cue>,
    /// Document-level signals that move the score by at least 0.1 log-odds.
    pub signals: Vec<Signal>,
    /// What unmask found.
    pub unmask: UnmaskSummary,
}

fn round3<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((*x as f64 * 1000.0).round() / 1000.0)
}

/// Names of the dense features, in the order of [`Features::dense`].
pub const FEATURES: &[&str] = &[
    "hook",
    "hook_title",
    "sourcing",
    "quote_unverified",
    "quote_long",
    "secrecy",
    "emotion",
    "template",
    "clickbait_word",
    "clickbait_phrase",
    "rumor",
    "attribution",
    "date",
    "link",
    "narration",
    "no_attribution",
    "question_title",
    "exclaim",
    "caps",
    "log_words",
    "short",
    "fragments",
    "dashes",
    "second_person",
    "first_person",
    "numbers",
];

// indices into FEATURES
const HOOK: usize = 0;
const HOOK_TITLE: usize = 1;
const SOURCING: usize = 2;
const QUOTE_UNVERIFIED: usize = 3;
const QUOTE_LONG: usize = 4;
const SECRECY: usize = 5;
const EMOTION: usize = 6;
const TEMPLATE: usize = 7;
const CLICKBAIT_WORD: usize = 8;
const CLICKBAIT_PHRASE: usize = 9;
const RUMOR: usize = 10;
const ATTRIBUTION: usize = 11;
const DATE: usize = 12;
const LINK: usize = 13;
const NARRATION: usize = 14;
/// First feature with no spans.
const FIRST_SIGNAL: usize = 15;

/// Words from which a document is no longer short (feature `short`), and is
/// scored with the long-document part of the model (see [`model`]).
pub(crate) const SHORT_WORDS: usize = 40;

/// Words from which a story counts as long (for `no_attribution`).
const LONG_STORY: usize = 150;

/// The family a spanned feature belongs to.
fn family_of(feature: usize) -> Family {
    match feature {
        HOOK | HOOK_TITLE => Family::Hook,
        SOURCING => Family::Sourcing,
        QUOTE_UNVERIFIED | QUOTE_LONG => Family::Quote,
        SECRECY => Family::Secrecy,
        EMOTION | TEMPLATE => Family::Style,
        CLICKBAIT_WORD | CLICKBAIT_PHRASE => Family::Clickbait,
        RUMOR => Family::Rumor,
        NARRATION => Family::Narration,
        _ => Family::Attribution,
    }
}

/// Every phrase pattern, tagged with its feature.
fn lexicon() -> &'static Phrases<u8> {
    static L: OnceLock<Phrases<u8>> = OnceLock::new();
    L.get_or_init(|| {
        let mut p = Phrases::new();
        p.add_list(hooks::PATTERNS, HOOK as u8);
        p.add_list(sourcing::PATTERNS, SOURCING as u8);
        p.add_list(secrecy::PATTERNS, SECRECY as u8);
        p.add_list(style::EMOTION, EMOTION as u8);
        p.add_list(style::TEMPLATE, TEMPLATE as u8);
        p.add_list(clickbait::HYPERBOLIC, CLICKBAIT_WORD as u8);
        p.add_list(clickbait::PHRASES, CLICKBAIT_PHRASE as u8);
        p.add_list(rumor::PATTERNS, RUMOR as u8);
        p.add_list(attribution::PATTERNS, ATTRIBUTION as u8);
        p.add_list(attribution::DATES, DATE as u8);
        p.add_list(narration::PATTERNS, NARRATION as u8);
        p
    })
}

/// The features of one restored text, as the model reads them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Dense features, named by [`FEATURES`].
    pub dense: Vec<f32>,
    /// Word and word-pair hashes folded to 20 bits, with their counts, sorted
    /// by bucket. A model with fewer hash bits folds them further by masking.
    pub ngrams: Vec<(u32, u32)>,
}

/// A spanned hit: feature and byte range in the restored text.
struct Hit {
    feature: usize,
    out: Range<usize>,
}

/// Everything computed from one restored text.
struct Analysis {
    features: Features,
    hits: Vec<Hit>,
    /// The words, to find where the weightiest n-grams occur.
    doc_words: Vec<text::Word>,
    /// The 20-bit n-gram buckets in text order: word `i`'s unigram at `2i`,
    /// the pair it starts at `2i + 1` (the last word has none).
    grams: Vec<u32>,
}

const NGRAM_MASK: u64 = (1 << 20) - 1;

fn pair_hash(a: u64, b: u64) -> u64 {
    let h = a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h ^ (h >> 31)).wrapping_mul(0xd6e8_feb8_6659_fd93)
}

fn analyse(text: &str) -> Analysis {
    let doc = Doc::new(text);
    let n_words = doc.words.len();
    let mut hits: Vec<Hit> = Vec::new();
    lexicon().find(&doc.words, |f, r| {
        hits.push(Hit {
            feature: f as usize,
            out: doc.span(r),
        })
    });
    hooks::age_hooks(&doc, |r| {
        // the span takes the comma: "At 70,"
        let s = doc.span(r);
        hits.push(Hit {
            feature: HOOK,
            out: s.start..s.end + 1,
        })
    });
    attribution::links(text, |r| {
        hits.push(Hit {
            feature: LINK,
            out: r,
        })
    });
    // hooks in the headline count twice: once as hooks, once as title hooks
    let title_hooks: Vec<Range<usize>> = hits
        .iter()
        .filter(|h| h.feature == HOOK && h.out.end <= doc.first_line.end)
        .map(|h| h.out.clone())
        .collect();
    for r in title_hooks {
        hits.push(Hit {
            feature: HOOK_TITLE,
            out: r,
        });
    }
    let checkable = hits
        .iter()
        .any(|h| matches!(h.feature, ATTRIBUTION | DATE | LINK));
    if checkable {
        // inner life counts only in a story that names no source for it
        hits.retain(|h| h.feature != NARRATION);
    }
    let mut quotes = Vec::new();
    quotes::long_quotes(&doc, |r| quotes.push(r));
    for q in quotes {
        if !checkable {
            hits.push(Hit {
                feature: QUOTE_UNVERIFIED,
                out: q.clone(),
            });
        }
        hits.push(Hit {
            feature: QUOTE_LONG,
            out: q,
        });
    }
    hits.sort_by_key(|h| (h.out.start, h.feature));

    let mut dense = vec![0f32; FEATURES.len()];
    for h in &hits {
        dense[h.feature] += 1.0;
    }
    for x in dense.iter_mut().take(FIRST_SIGNAL) {
        *x = x.ln_1p();
    }
    let per100 = |n: usize| {
        if n_words == 0 {
            0.0
        } else {
            (100.0 * n as f32 / n_words as f32).min(25.0)
        }
    };
    let idx = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap_or(0);
    dense[idx("no_attribution")] = (n_words >= LONG_STORY && !checkable) as u8 as f32;
    let title = text[doc.first_line.clone()].trim_end();
    dense[idx("question_title")] = title.ends_with('?') as u8 as f32;
    dense[idx("exclaim")] = (text.bytes().filter(|&b| b == b'!').count() as f32).ln_1p();
    let caps = doc
        .words
        .iter()
        .filter(|w| w.all_caps && w.end - w.start >= 3)
        .count();
    dense[idx("caps")] = (caps as f32).ln_1p();
    dense[idx("log_words")] = (n_words as f32).ln_1p();
    dense[idx("short")] = (n_words < SHORT_WORDS) as u8 as f32;
    if doc.sentences.len() >= 5 {
        let frag = doc
            .sentences
            .iter()
            .filter(|s| style::is_fragment(s.len()))
            .count();
        dense[idx("fragments")] = frag as f32 / doc.sentences.len() as f32;
    }
    let dashes = text.matches('—').count() + text.matches(" – ").count();
    dense[idx("dashes")] = per100(dashes);
    let (mut second, mut first, mut numbers) = (0, 0, 0);
    let pron = pronouns();
    for w in &doc.words {
        if w.num.is_some() {
            numbers += 1;
        } else if pron.0.contains(&w.hash) {
            second += 1;
        } else if pron.1.contains(&w.hash) {
            first += 1;
        }
    }
    dense[idx("second_person")] = per100(second);
    dense[idx("first_person")] = per100(first);
    dense[idx("numbers")] = per100(numbers);

    // hashed word unigrams and bigrams
    let mut grams: Vec<u32> = Vec::with_capacity(2 * n_words);
    for (i, w) in doc.words.iter().enumerate() {
        grams.push((w.gram & NGRAM_MASK) as u32);
        if let Some(n) = doc.words.get(i + 1) {
            grams.push((pair_hash(w.gram, n.gram) & NGRAM_MASK) as u32);
        }
    }
    let mut buckets = grams.clone();
    buckets.sort_unstable();
    let mut ngrams: Vec<(u32, u32)> = Vec::new();
    for &b in &buckets {
        match ngrams.last_mut() {
            Some(l) if l.0 == b => l.1 += 1,
            _ => ngrams.push((b, 1)),
        }
    }
    Analysis {
        features: Features { dense, ngrams },
        hits,
        doc_words: doc.words,
        grams,
    }
}

/// Hashes of second-person and first-person pronouns.
fn pronouns() -> &'static (Vec<u64>, Vec<u64>) {
    static P: OnceLock<(Vec<u64>, Vec<u64>)> = OnceLock::new();
    P.get_or_init(|| {
        let h = |l: &[&str]| l.iter().map(|w| text::hash_word(w)).collect();
        (
            h(&[
                "you", "your", "you're", "yours", "yourself", "you'll", "you've",
            ]),
            h(&[
                "i", "me", "my", "we", "our", "us", "i'm", "i've", "we're", "mine",
            ]),
        )
    })
}

/// The features the model reads from a text (after unmasking it). This is
/// what `tools/train_scan.py` trains on, through `plainsight scan --features`.
pub fn features(input: &str) -> Features {
    let u = unmask(input);
    analyse(u.text()).features
}

/// Folds 20-bit n-gram counts to the model's buckets: `(1 + ln(count)) × idf`
/// per bucket, scaled to unit length. Returns (bucket, value) pairs, leaving
/// out buckets of idf 0 (unseen in training).
fn fold(ngrams: &[(u32, u32)], bits: u32, idf: impl Fn(u32) -> f32) -> Vec<(u32, f32)> {
    if bits == 0 {
        return Vec::new();
    }
    let mask = (1u32 << bits) - 1;
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(ngrams.len());
    let mut push = |b: u32, c: u32| {
        let w = idf(b);
        if w != 0.0 {
            out.push((b, (1.0 + (c as f32).ln()) * w));
        }
    };
    if bits >= 20 {
        // already one entry per bucket, in order
        for &(b, c) in ngrams {
            push(b, c);
        }
    } else {
        let mut v: Vec<(u32, u32)> = ngrams.iter().map(|&(b, c)| (b & mask, c)).collect();
        v.sort_unstable_by_key(|x| x.0);
        let mut i = 0;
        while i < v.len() {
            let b = v[i].0;
            let mut c = 0;
            while i < v.len() && v[i].0 == b {
                c += v[i].1;
                i += 1;
            }
            push(b, c);
        }
    }
    let norm = out.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in &mut out {
            x.1 /= norm;
        }
    }
    out
}

/// Scans a text for the evidence of a fabricated story.
pub fn scan(input: &str) -> Scan {
    let u = unmask(input);
    scan_unmasked(input, &u)
}

/// Like [`scan`], for a text already unmasked (`u` must be `unmask(input)`).
pub fn scan_unmasked(input: &str, u: &Unmasked) -> Scan {
    let a = analyse(u.text());
    let m = model::Model::shipped();
    let dense = &a.features.dense;
    let long = a.doc_words.len() >= SHORT_WORDS;
    let (cal_a, cal_b) = m.calibration(long);
    // (every contribution to the log-odds is scaled with the calibration, so
    // that the cue weights a report shows still add up to the score)
    let scale = m.dense_scale(long) * cal_a;
    let mut z = m.bias * cal_a + cal_b;
    for (i, x) in dense.iter().enumerate() {
        z += scale * m.dense[i] * (x - m.mean[i]);
    }
    let folded = fold(&a.features.ngrams, m.hash_bits, |b| m.idf(b));
    for &(b, v) in &folded {
        z += cal_a * m.weight(b, long) * v;
    }
    let score = if z.is_finite() {
        1.0 / (1.0 + (-z).exp())
    } else {
        0.5
    };

    // every hit of a feature gets an equal share of the feature's contribution
    let mut counts = [0usize; FIRST_SIGNAL];
    for h in &a.hits {
        counts[h.feature] += 1;
    }
    let mut by_span: BTreeMap<(usize, usize, Family), f32> = BTreeMap::new();
    for h in &a.hits {
        let share = scale * m.dense[h.feature] * dense[h.feature] / counts[h.feature] as f32;
        let r = u.input_range(h.out.clone());
        *by_span
            .entry((r.start, r.end, family_of(h.feature)))
            .or_insert(0.0) += share;
    }
    let mut cues: Vec<Cue> = by_span
        .into_iter()
        .map(|((start, end, family), weight)| Cue {
            family,
            start,
            end,
            text: input.get(start..end).unwrap_or("").to_string(),
            weight,
        })
        .collect();

    // the n-grams that weigh most, either way, at their first occurrence
    if m.hash_bits > 0 {
        let mask = (1u32 << m.hash_bits) - 1;
        let mut top: Vec<(f32, u32)> = folded
            .iter()
            .map(|&(b, v)| (cal_a * m.weight(b, long) * v, b))
            .filter(|(c, _)| c.abs() >= 0.1)
            .collect();
        top.sort_by(|x, y| y.0.abs().total_cmp(&x.0.abs()));
        top.truncate(12);
        // first occurrence of each, in one pass over the text's n-grams
        let mut first: Vec<Option<Range<usize>>> = vec![None; top.len()];
        let mut left = top.len();
        let words = &a.doc_words;
        for (k, &g) in a.grams.iter().enumerate() {
            if left == 0 {
                break;
            }
            let g = g & mask;
            for (j, &(_, b)) in top.iter().enumerate() {
                if b == g && first[j].is_none() {
                    let w = &words[k / 2];
                    let end = if k % 2 == 0 {
                        w.end
                    } else {
                        words[k / 2 + 1].end
                    };
                    first[j] = Some(w.start..end);
                    left -= 1;
                }
            }
        }
        let mut found: Vec<(f32, Range<usize>)> = Vec::new();
        for (&(c, _), hit) in top.iter().zip(first) {
            if let Some(r) = hit {
                if found.len() < 6
                    && !found
                        .iter()
                        .any(|(_, s)| s.start < r.end && r.start < s.end)
                {
                    found.push((c, r));
                }
            }
        }
        for (c, r) in found {
            let r = u.input_range(r);
            cues.push(Cue {
                family: Family::Wording,
                text: input.get(r.clone()).unwrap_or("").to_string(),
                start: r.start,
                end: r.end,
                weight: c,
            });
        }
    }

    let disguised = u.score() >= disguise::DISGUISED;
    if disguised {
        for r in disguise::spans(input, u, 20) {
            cues.push(Cue {
                family: Family::Disguise,
                text: input.get(r.clone()).unwrap_or("").to_string(),
                start: r.start,
                end: r.end,
                weight: 0.0,
            });
        }
    }
    cues.sort_by_key(|c| (c.start, c.end, c.family));

    let signals = (FIRST_SIGNAL..FEATURES.len())
        .map(|i| Signal {
            name: FEATURES[i],
            value: dense[i],
            weight: scale * m.dense[i] * (dense[i] - m.mean[i]),
        })
        .filter(|s| s.weight.abs() >= 0.1)
        .collect();

    let mut classes: BTreeMap<&'static str, usize> = BTreeMap::new();
    for c in u.changes() {
        *classes.entry(class_name(c.class)).or_insert(0) += 1;
    }
    Scan {
        score,
        verdict: Verdict::of(score),
        disguised,
        cues,
        signals,
        unmask: UnmaskSummary {
            score: u.score(),
            changes: u.changes().len(),
            classes,
        },
    }
}

fn class_name(c: Class) -> &'static str {
    c.name()
}

#[cfg(test)]
mod tests;
