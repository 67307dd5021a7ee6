//! Words, sentences and phrase patterns over the restored text.
//!
//! Every word carries its byte range in the restored text and a 64-bit hash
//! of its lowercase form (curly apostrophes read as `'`), so that phrase
//! patterns and hashed n-grams compare hashes instead of strings. Hyphens
//! split words: "never-before-seen" matches the pattern `never before seen`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// One word of the restored text.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Byte range in the restored text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// Hash of the lowercase word.
    pub hash: u64,
    /// Hash for n-grams: the word without a possessive `'s` ("star's" reads
    /// as "star"), the way common tokenizers split it.
    pub gram: u64,
    /// The value of a word made only of ASCII digits (capped), if it is one.
    pub num: Option<u32>,
    /// Whether the word starts with an uppercase letter.
    pub cap: bool,
    /// Whether every letter is uppercase (and there are at least two).
    pub all_caps: bool,
    /// Whether the word starts a sentence or a line.
    pub sent_start: bool,
}

/// The restored text cut into words and sentences.
pub(crate) struct Doc<'a> {
    /// The restored text.
    pub text: &'a str,
    /// Words in order.
    pub words: Vec<Word>,
    /// Sentences as ranges of word indices.
    pub sentences: Vec<Range<usize>>,
    /// Byte range of the first non-empty line.
    pub first_line: Range<usize>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hash of a lowercase ASCII word, as [`Doc`] computes it for words of the text.
pub(crate) fn hash_word(w: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in w.chars() {
        h = hash_char(h, c);
    }
    finish(h)
}

#[inline]
fn hash_char(mut h: u64, c: char) -> u64 {
    if c.is_ascii() {
        // the same as the general path below, for the common case
        h ^= c.to_ascii_lowercase() as u64;
        return h.wrapping_mul(FNV_PRIME);
    }
    let c = match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    };
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
fn finish(h: u64) -> u64 {
    // one extra mix so that the low bits (used for buckets) depend on every byte
    let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

impl<'a> Doc<'a> {
    /// Cuts `text` into words and sentences.
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut words = Vec::with_capacity(text.len() / 5 + 1);
        let mut sentences = Vec::new();
        let mut sent_begin = 0usize;
        let mut at_sent_start = true;
        let mut first_line = 0..0;
        let mut first_line_done = false;
        let mut line_begin = 0usize;
        let mut line_has_text = false;
        let bytes = text.as_bytes();
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_alphanumeric() {
                let start = i;
                let mut end = i + c.len_utf8();
                let mut h = hash_char(FNV_OFFSET, c);
                let mut digits = c.is_ascii_digit();
                let mut num: u32 = c.to_digit(10).unwrap_or(0);
                let mut upper = c.is_uppercase() as u32;
                let mut lower = c.is_lowercase() as u32;
                let cap = c.is_uppercase();
                let mut before_apostrophe = None;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() {
                        digits &= d.is_ascii_digit();
                        if digits {
                            num = num.saturating_mul(10).saturating_add(d as u32 - '0' as u32);
                        }
                        upper += d.is_uppercase() as u32;
                        lower += d.is_lowercase() as u32;
                        h = hash_char(h, d);
                        end = j + d.len_utf8();
                        it.next();
                    } else if is_apostrophe(d) {
                        // keep an apostrophe inside a word: won't, she's
                        let after = j + d.len_utf8();
                        match text[after..].chars().next() {
                            Some(n) if n.is_alphabetic() => {
                                before_apostrophe = Some(h);
                                h = hash_char(h, d);
                                end = after;
                                it.next();
                            }
                            _ => break,
                        }
                    } else {
                        break;
                    }
                }
                if !line_has_text {
                    line_has_text = true;
                    if !first_line_done {
                        first_line.start = line_begin;
                    }
                }
                let possessive = text[..end].ends_with("'s")
                    || text[..end].ends_with("\u{2019}s")
                    || text[..end].ends_with("'S")
                    || text[..end].ends_with("\u{2019}S");
                let hash = finish(h);
                words.push(Word {
                    start,
                    end,
                    hash,
                    gram: match before_apostrophe {
                        Some(b) if possessive => finish(b),
                        _ => hash,
                    },
                    num: if digits { Some(num) } else { None },
                    cap,
                    all_caps: upper >= 2 && lower == 0,
                    sent_start: at_sent_start,
                });
                at_sent_start = false;
                continue;
            }
            match c {
                '\n' => {
                    if line_has_text && !first_line_done {
                        first_line_done = true;
                        first_line.end = i;
                    }
                    line_begin = i + 1;
                    line_has_text = false;
                    if sent_begin < words.len() {
                        sentences.push(sent_begin..words.len());
                    }
                    sent_begin = words.len();
                    at_sent_start = true;
                }
                '.' | '!' | '?' | '…' => {
                    // a sentence ends when the stop is followed by a space,
                    // a closing quote or the end of the text
                    let next = bytes.get(i + c.len_utf8()).copied();
                    let ends = match next {
                        None => true,
                        Some(b) => b == b' ' || b == b'"' || b == b'\n' || b == b'\r' || b >= 0x80,
                    };
                    if ends && sent_begin < words.len() {
                        sentences.push(sent_begin..words.len());
                        sent_begin = words.len();
                        at_sent_start = true;
                    }
                }
                _ => {}
            }
        }
        if sent_begin < words.len() {
            sentences.push(sent_begin..words.len());
        }
        if !first_line_done {
            first_line.end = text.len();
        }
        Doc {
            text,
            words,
            sentences,
            first_line,
        }
    }

    /// Byte range of words `a..b` (b exclusive) in the restored text.
    pub fn span(&self, w: Range<usize>) -> Range<usize> {
        self.words[w.start].start..self.words[w.end - 1].end
    }
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// One slot of a phrase pattern.
#[derive(Clone, Debug)]
enum Slot {
    /// Any of these words.
    Words(Vec<u64>),
    /// A number (`#`).
    Num,
    /// A word that starts with a capital letter (`@`).
    Cap,
    /// Any word (`*`).
    Any,
}

/// A set of phrase patterns, each tagged with a value of type `T`.
///
/// Pattern syntax: words separated by spaces; `a|b` is either word, `#` any
/// number, `@` any capitalised word, `*` any word. The first slot must be words.
/// Words are matched case-insensitively, hyphens and punctuation between them
/// are ignored.
pub(crate) struct Phrases<T> {
    index: IdMap<Vec<u32>>,
    patterns: Vec<(Vec<Slot>, T)>,
}

impl<T: Copy> Phrases<T> {
    /// An empty set.
    pub fn new() -> Phrases<T> {
        Phrases {
            index: IdMap::default(),
            patterns: Vec::new(),
        }
    }

    /// Adds one pattern.
    pub fn add(&mut self, pattern: &str, tag: T) {
        let slots: Vec<Slot> = pattern
            .split_whitespace()
            .map(|s| match s {
                "#" => Slot::Num,
                "@" => Slot::Cap,
                "*" => Slot::Any,
                _ => Slot::Words(s.split('|').map(hash_word).collect()),
            })
            .collect();
        let Some(Slot::Words(first)) = slots.first() else {
            return;
        };
        let id = self.patterns.len() as u32;
        for &h in first {
            self.index.entry(h).or_default().push(id);
        }
        self.patterns.push((slots, tag));
    }

    /// Adds every pattern of a list (one a line; `#` at the start of a line
    /// begins a comment).
    pub fn add_list(&mut self, list: &str, tag: T) {
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("# ") || line == "#" {
                continue;
            }
            self.add(line, tag);
        }
    }

    /// Every match in the words, longest first at each start; a match never
    /// overlaps an earlier match with the same tag. Calls `f(tag, words)`.
    pub fn find<F: FnMut(T, Range<usize>)>(&self, words: &[Word], mut f: F)
    where
        T: PartialEq,
    {
        let mut last: Vec<(T, usize)> = Vec::new();
        for i in 0..words.len() {
            let Some(ids) = self.index.get(&words[i].hash) else {
                continue;
            };
            let mut best: Vec<(T, usize)> = Vec::new();
            for &id in ids {
                let (slots, tag) = &self.patterns[id as usize];
                if let Some(end) = match_at(slots, words, i) {
                    match best.iter_mut().find(|(t, _)| t == tag) {
                        Some(b) => b.1 = b.1.max(end),
                        None => best.push((*tag, end)),
                    }
                }
            }
            for (tag, end) in best {
                match last.iter_mut().find(|(t, _)| *t == tag) {
                    Some(l) if l.1 > i => continue,
                    Some(l) => l.1 = end,
                    None => last.push((tag, end)),
                }
                f(tag, i..end);
            }
        }
    }
}

fn match_at(slots: &[Slot], words: &[Word], i: usize) -> Option<usize> {
    if i + slots.len() > words.len() {
        return None;
    }
    for (k, s) in slots.iter().enumerate() {
        let w = &words[i + k];
        let ok = match s {
            Slot::Words(hs) => hs.contains(&w.hash),
            Slot::Num => w.num.is_some(),
            Slot::Cap => w.cap,
            Slot::Any => true,
        };
        if !ok {
            return None;
        }
    }
    Some(i + slots.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences() {
        let d = Doc::new("Headline Here\n\nShe didn’t go. It was never-before-seen! OK");
        let ws: Vec<&str> = d.words.iter().map(|w| &d.text[w.start..w.end]).collect();
        assert_eq!(
            ws,
            [
                "Headline", "Here", "She", "didn’t", "go", "It", "was", "never", "before", "seen",
                "OK"
            ]
        );
        assert_eq!(d.words[3].hash, hash_word("didn't"));
        assert_eq!(d.words[3].gram, d.words[3].hash);
        let p = Doc::new("the star’s song");
        assert_eq!(p.words[1].gram, hash_word("star"));
        assert_eq!(p.words[1].hash, hash_word("star's"));
        assert_eq!(d.sentences.len(), 4);
        assert!(d.words[2].sent_start && d.words[5].sent_start && !d.words[6].sent_start);
        assert_eq!(&d.text[d.first_line.clone()], "Headline Here");
        assert!(d.words[10].all_caps);
    }

    #[test]
    fn phrases_match_longest_without_overlap() {
        let mut p = Phrases::new();
        p.add("breaks his|her silence", 1u8);
        p.add("at #", 2u8);
        p.add("a source", 3u8);
        p.add("a source close to", 3u8);
        p.add("told @", 4u8);
        let d = Doc::new("At 40 she breaks her silence: a source close to her told People.");
        let mut got = Vec::new();
        p.find(&d.words, |t, r| {
            got.push((t, d.text[d.span(r)].to_string()))
        });
        assert_eq!(
            got,
            [
                (2, "At 40".to_string()),
                (1, "breaks her silence".to_string()),
                (3, "a source close to".to_string()),
                (4, "told People".to_string())
            ]
        );
    }
}
