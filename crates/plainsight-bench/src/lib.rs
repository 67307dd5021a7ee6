//! Benchmark inputs for plainsight: loaders for the shared corpora (when
//! `../shared` is present) and generators that work without them.
//!
//! The benchmarks themselves live in `benches/`, one file per capability.
//! Inputs are built when the benchmark starts and never copied into the
//! repository: from `$PLAINSIGHT_SHARED` (or `../shared` beside the workspace)
//! when it exists, otherwise from a small corpus generated here, so that the
//! benchmarks compile and run on a fresh clone.

use std::fs;
use std::path::{Path, PathBuf};

/// Default size of one benchmark input, in bytes (inputs are cut to about this).
pub const DEFAULT_BUDGET: usize = 256 * 1024;

/// One benchmark input: a list of lines (posts), each processed by one call.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// Short name used as the benchmark id (`clean-en`, `mixed`, ...).
    pub name: &'static str,
    /// Where the lines came from: `shared` or `generated`.
    pub origin: &'static str,
    /// The lines, without line endings.
    pub lines: Vec<String>,
}

impl Corpus {
    /// Total size of the lines in bytes (what the throughput counts).
    pub fn bytes(&self) -> usize {
        self.lines.iter().map(|l| l.len()).sum()
    }

    /// The lines joined by `\n`, with a final `\n`.
    pub fn joined(&self) -> String {
        let mut s = String::with_capacity(self.bytes() + self.lines.len());
        for l in &self.lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }
}

/// The shared data directory: `$PLAINSIGHT_SHARED`, else `../shared` beside
/// the workspace, if it exists.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PLAINSIGHT_SHARED") {
        let p = PathBuf::from(p);
        return p.is_dir().then_some(p);
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

/// Keeps lines in order, spread evenly over the whole list, until about
/// `budget` bytes are taken (every family of a sorted file stays represented).
fn spread(lines: Vec<String>, budget: usize) -> Vec<String> {
    let total: usize = lines.iter().map(|l| l.len()).sum();
    if total <= budget || lines.is_empty() {
        return lines;
    }
    let step = total as f64 / budget as f64;
    let mut out = Vec::new();
    let mut next = 0.0f64;
    let mut seen = 0.0f64;
    for l in lines {
        let len = l.len() as f64;
        if seen >= next {
            next += step * len;
            out.push(l);
        }
        seen += len;
    }
    out
}

fn read_lines(p: &Path) -> Option<Vec<String>> {
    let s = fs::read_to_string(p).ok()?;
    Some(
        s.lines()
            .map(str::to_string)
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

/// A deterministic pseudo-random generator (splitmix64), so generated inputs
/// are the same in every run.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "was",
    "on",
    "with",
    "he",
    "as",
    "his",
    "they",
    "be",
    "at",
    "one",
    "have",
    "this",
    "from",
    "by",
    "not",
    "but",
    "what",
    "all",
    "were",
    "when",
    "we",
    "there",
    "can",
    "an",
    "your",
    "which",
    "their",
    "said",
    "if",
    "will",
    "each",
    "about",
    "how",
    "up",
    "out",
    "them",
    "then",
    "she",
    "many",
    "some",
    "so",
    "these",
    "would",
    "other",
    "into",
    "has",
    "more",
    "her",
    "two",
    "like",
    "him",
    "see",
    "time",
    "could",
    "no",
    "make",
    "than",
    "first",
    "been",
    "its",
    "who",
    "now",
    "people",
    "finally",
    "truth",
    "revealed",
    "singer",
    "actor",
    "secret",
    "family",
    "news",
    "years",
    "announced",
    "statement",
    "interview",
    "career",
    "fans",
    "shocking",
    "million",
    "after",
    "before",
    "during",
    "president",
    "company",
    "government",
    "children",
    "evening",
];

/// `n` generated English-like sentences (ASCII only).
pub fn generated_english(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let len = 6 + rng.below(20);
            let mut s = String::new();
            for i in 0..len {
                let w = WORDS[rng.below(WORDS.len())];
                if i == 0 {
                    let mut cs = w.chars();
                    if let Some(c) = cs.next() {
                        s.push(c.to_ascii_uppercase());
                        s.push_str(cs.as_str());
                    }
                } else {
                    s.push(if rng.below(12) == 0 { ',' } else { ' ' });
                    if s.ends_with(',') {
                        s.push(' ');
                    }
                    s.push_str(w);
                }
            }
            s.push(['.', '.', '.', '?', '!'][rng.below(5)]);
            s
        })
        .collect()
}

/// A few real-looking sentences in other scripts and languages, for the
/// fallback multilingual corpus (written for this file).
const MULTILINGUAL: &[&str] = &[
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας.",
    "Москва — столица России и крупнейший город страны.",
    "Київ є столицею та найбільшим містом України.",
    "Die Stadt liegt am Ufer des Flusses und hat über zweihunderttausend Einwohner.",
    "Le café se trouve près de la gare, à côté de la boulangerie.",
    "El niño comió una manzana mientras esperaba el autobús.",
    "Zażółć gęślą jaźń, powiedział nauczyciel z uśmiechem.",
    "İstanbul, Türkiye'nin en kalabalık şehridir.",
    "Hà Nội là thủ đô của nước Cộng hòa Xã hội chủ nghĩa Việt Nam.",
    "東京は日本の首都であり、世界有数の大都市である。",
    "北京是中华人民共和国的首都。",
    "서울은 대한민국의 수도이다.",
    "ירושלים היא עיר הבירה של ישראל.",
    "القاهرة هي عاصمة جمهورية مصر العربية.",
    "तेहरान ईरान की राजधानी है और सबसे बड़ा शहर है।",
    "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย",
    "Երևանը Հայաստանի մայրաքաղաքն է։",
    "თბილისი საქართველოს დედაქალაქია.",
    "சென்னை தமிழ்நாட்டின் தலைநகரம் ஆகும்.",
    "Београд је главни град Србије.",
];

/// Turns an English sentence into the style of the 004 seed: every `n`
/// becomes Cyrillic `п` and every `u` Greek `υ`.
pub fn seed_nu(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'n' => 'п',
            'u' => 'υ',
            c => c,
        })
        .collect()
}

/// Disguises a sentence with one of several families (look-alikes, styled
/// letters, invisible characters, bidi override, backspaces, zalgo), chosen
/// by `rng`. Used when the shared benchmark cases are absent.
pub fn disguise(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    match rng.below(6) {
        0 => {
            for c in s.chars() {
                let r = match c {
                    'a' => 'а',
                    'e' => 'е',
                    'o' => 'о',
                    'p' => 'р',
                    'c' => 'с',
                    'x' => 'х',
                    c => c,
                };
                out.push(if rng.below(2) == 0 { r } else { c });
            }
        }
        1 => {
            for c in s.chars() {
                let styled = match c {
                    'a'..='z' => char::from_u32(0x1D41A + (c as u32 - 'a' as u32)),
                    'A'..='Z' => char::from_u32(0x1D400 + (c as u32 - 'A' as u32)),
                    _ => None,
                };
                out.push(styled.unwrap_or(c));
            }
        }
        2 => {
            for c in s.chars() {
                out.push(c);
                if c.is_ascii_alphabetic() && rng.below(3) == 0 {
                    out.push('\u{200B}');
                }
            }
        }
        3 => {
            let words: Vec<&str> = s.split(' ').collect();
            let k = rng.below(words.len());
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if i == k {
                    out.push('\u{202E}');
                    out.extend(w.chars().rev());
                    out.push('\u{202C}');
                } else {
                    out.push_str(w);
                }
            }
        }
        4 => {
            for c in s.chars() {
                if c.is_ascii_alphabetic() && rng.below(6) == 0 {
                    out.push('x');
                    out.push('\u{8}');
                }
                out.push(c);
            }
        }
        _ => {
            for c in s.chars() {
                out.push(c);
                if c.is_ascii_alphabetic() {
                    for _ in 0..rng.below(6) {
                        out.push(
                            char::from_u32(0x300 + rng.below(0x70) as u32).unwrap_or('\u{301}'),
                        );
                    }
                }
            }
        }
    }
    out
}

/// English sentences: `data/text/en.dev.txt`, or generated.
pub fn english_lines(shared: Option<&Path>) -> (Vec<String>, &'static str) {
    if let Some(lines) = shared.and_then(|d| read_lines(&d.join("data/text/en.dev.txt"))) {
        if !lines.is_empty() {
            return (lines, "shared");
        }
    }
    (generated_english(3000, 1), "generated")
}

/// Clean English (`en.dev.txt`, with its typographic quotes and dashes).
pub fn clean_english(shared: Option<&Path>, budget: usize) -> Corpus {
    let (lines, origin) = english_lines(shared);
    Corpus {
        name: "clean-en",
        origin,
        lines: spread(lines, budget),
    }
}

/// Clean ASCII: the lines of clean English that are pure ASCII.
pub fn clean_ascii(shared: Option<&Path>, budget: usize) -> Corpus {
    let (lines, origin) = english_lines(shared);
    Corpus {
        name: "clean-ascii",
        origin,
        lines: spread(lines.into_iter().filter(|l| l.is_ascii()).collect(), budget),
    }
}

/// Clean text in every language of `data/text/*.dev.txt`, the same share of
/// bytes from each, interleaved; or a generated multilingual corpus.
pub fn clean_multilingual(shared: Option<&Path>, budget: usize) -> Corpus {
    let mut per_lang: Vec<Vec<String>> = Vec::new();
    if let Some(dir) = shared.map(|d| d.join("data/text")) {
        if let Ok(rd) = fs::read_dir(&dir) {
            let mut paths: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(".dev.txt"))
                })
                .collect();
            paths.sort();
            for p in paths {
                if let Some(l) = read_lines(&p) {
                    per_lang.push(l);
                }
            }
        }
    }
    let origin = if per_lang.is_empty() {
        per_lang = MULTILINGUAL.iter().map(|s| vec![s.to_string()]).collect();
        "generated"
    } else {
        "shared"
    };
    let share = budget / per_lang.len().max(1);
    let mut taken: Vec<Vec<String>> = per_lang
        .into_iter()
        .map(|lines| {
            // repeat small (generated) lists until they fill their share
            // (a few times at most: a huge budget takes every line once)
            let passes = if origin == "shared" { 1 } else { 64 };
            let mut v = Vec::new();
            let mut size = 0;
            'fill: for _ in 0..passes {
                for l in &lines {
                    if size >= share {
                        break 'fill;
                    }
                    size += l.len();
                    v.push(l.clone());
                }
            }
            v
        })
        .collect();
    let mut lines = Vec::new();
    let longest = taken.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        for l in &mut taken {
            if let Some(s) = l.get_mut(i) {
                lines.push(std::mem::take(s));
            }
        }
    }
    Corpus {
        name: "clean-multi",
        origin,
        lines,
    }
}

/// English sentences disguised like the 004 seed (`n`→`п`, `u`→`υ`).
pub fn seed_nu_corpus(shared: Option<&Path>, budget: usize) -> Corpus {
    let (lines, origin) = english_lines(shared);
    Corpus {
        name: "seed-nu",
        origin,
        lines: spread(lines.iter().map(|l| seed_nu(l)).collect(), budget),
    }
}

/// Extracts the string value of `"input"` from one line of `cases.dev.jsonl`
/// without a JSON library (the benchmark crate stays dependency-free).
fn json_string_field(line: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\": \"");
    let key2 = format!("\"{field}\":\"");
    let start = line
        .find(&key)
        .map(|i| i + key.len())
        .or_else(|| line.find(&key2).map(|i| i + key2.len()))?;
    let mut out = String::new();
    let mut cs = line[start..].chars();
    while let Some(c) = cs.next() {
        match c {
            '"' => return Some(out),
            '\\' => match cs.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = cs.by_ref().take(4).collect();
                    let mut cp = u32::from_str_radix(&hex, 16).ok()?;
                    if (0xD800..0xDC00).contains(&cp) {
                        // a surrogate pair: \uD83D\uDE00
                        let rest: String = cs.by_ref().take(6).collect();
                        let lo = u32::from_str_radix(rest.strip_prefix("\\u")?, 16).ok()?;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
    None
}

/// Every disguise family at once: the `input` fields of
/// `bench/unmask/cases.dev.jsonl` (clean cases included), or generated
/// disguises of generated sentences.
pub fn mixed(shared: Option<&Path>, budget: usize) -> Corpus {
    let from_shared = shared
        .and_then(|d| fs::read_to_string(d.join("bench/unmask/cases.dev.jsonl")).ok())
        .map(|s| {
            s.lines()
                .filter_map(|l| json_string_field(l, "input"))
                .collect::<Vec<_>>()
        })
        .filter(|v| !v.is_empty());
    let (lines, origin) = match from_shared {
        Some(v) => (v, "shared"),
        None => {
            let mut rng = Rng::new(7);
            let v = generated_english(3000, 2)
                .iter()
                .map(|s| disguise(s, &mut rng))
                .collect();
            (v, "generated")
        }
    };
    Corpus {
        name: "mixed",
        origin,
        lines: spread(lines, budget),
    }
}

/// The names of the benchmark inputs, in the order [`all`] returns them.
pub const NAMES: [&str; 5] = ["clean-ascii", "clean-en", "clean-multi", "seed-nu", "mixed"];

/// One benchmark input by name, cut to about `budget` bytes.
pub fn by_name(name: &str, budget: usize) -> Option<Corpus> {
    let shared = shared_dir();
    let s = shared.as_deref();
    Some(match name {
        "clean-ascii" => clean_ascii(s, budget),
        "clean-en" => clean_english(s, budget),
        "clean-multi" => clean_multilingual(s, budget),
        "seed-nu" => seed_nu_corpus(s, budget),
        "mixed" => mixed(s, budget),
        _ => return None,
    })
}

/// All benchmark inputs, each cut to about `budget` bytes.
pub fn all(budget: usize) -> Vec<Corpus> {
    let shared = shared_dir();
    let s = shared.as_deref();
    vec![
        clean_ascii(s, budget),
        clean_english(s, budget),
        clean_multilingual(s, budget),
        seed_nu_corpus(s, budget),
        mixed(s, budget),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_corpora_are_not_empty() {
        for c in [
            clean_ascii(None, 10_000),
            clean_english(None, 10_000),
            clean_multilingual(None, 10_000),
            seed_nu_corpus(None, 10_000),
            mixed(None, 10_000),
        ] {
            assert!(c.bytes() > 5_000, "{} has {} bytes", c.name, c.bytes());
            assert!(c.bytes() < 20_000, "{} has {} bytes", c.name, c.bytes());
            assert_eq!(c.origin, "generated");
        }
    }

    #[test]
    fn json_fields_are_decoded() {
        let l = r#"{"id": "x", "input": "a\u200bb \"q\" \ud83d\ude00\b", "expected": "ab"}"#;
        assert_eq!(
            json_string_field(l, "input").unwrap(),
            "a\u{200B}b \"q\" 😀\u{8}"
        );
    }

    #[test]
    fn seed_style() {
        assert_eq!(seed_nu("unknown"), "υпkпowп");
    }
}
