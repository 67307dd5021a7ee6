//! Words, shingles and the hashes behind them.

use std::hash::Hasher;

/// The splitmix64 finalizer: a fast 64-bit mixer with full avalanche.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 64-bit shingle hashes of `text`: the text is [`unmask`](crate::unmask())ed,
/// lower-cased and cut into words (maximal runs of letters, marks and digits);
/// every run of `words` consecutive words is one shingle. A text with fewer
/// words than that has a single shingle of all its words; a text without words
/// has none. Hashes may repeat when a phrase repeats.
///
/// ```
/// use plainsight::campaign::shingles;
///
/// // disguise and case do not change the shingles
/// assert_eq!(shingles("The TRυTH, at last", 2), shingles("the truth at last", 2));
/// assert_eq!(shingles("the truth at last", 2).len(), 3);
/// assert!(shingles("  ... ", 2).is_empty());
/// ```
pub fn shingles(text: &str, words: usize) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_shingle(text, words, |h| out.push(h));
    out
}

thread_local! {
    /// Word hashes of the text being shingled, reused from post to post.
    static WORDS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `f` with every shingle hash of `text`, in order, as [`shingles`]
/// would return them, without collecting them (no allocation per post for
/// the words or the shingles).
pub(crate) fn for_each_shingle(text: &str, words: usize, mut f: impl FnMut(u64)) {
    let plain = without_typography(text);
    let unmasked = crate::unmask::unmask_text(plain.as_deref().unwrap_or(text));
    WORDS.with(|cell| {
        // a re-entrant call (never made today) gets a buffer of its own
        let mut own = Vec::new();
        let mut guard = cell.try_borrow_mut();
        let tokens = match &mut guard {
            Ok(t) => &mut **t,
            Err(_) => &mut own,
        };
        tokens.clear();
        words_of(&unmasked, tokens);
        let k = words.max(1);
        if tokens.is_empty() {
            return;
        }
        if tokens.len() <= k {
            f(combine(tokens));
            return;
        }
        for w in tokens.windows(k) {
            f(combine(w));
        }
    });
}

/// The text with typographic punctuation turned into spaces, or `None` when
/// it has none (one pass; most posts are returned as they are).
fn without_typography(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let first = text.char_indices().find(|&(_, c)| is_typography(c))?.0;
    let mut plain = String::with_capacity(text.len());
    plain.push_str(&text[..first]);
    plain.extend(
        text[first..]
            .chars()
            .map(|c| if is_typography(c) { ' ' } else { c }),
    );
    Some(plain)
}

/// Typographic punctuation that is never part of a word nor of a disguise:
/// curly quotes, dashes, ellipsis, bullets, guillemets, inverted marks, the
/// no-break space. Words are cut at it anyway, so it becomes a space before
/// unmasking, which lets an ordinary post take unmask's fast path for plain
/// ASCII. Spaces, invisible and bidi characters of the same blocks, and the
/// line and paragraph separators, are left to unmask: they carry disguise.
fn is_typography(c: char) -> bool {
    matches!(c, '\u{00A0}'..='\u{00BF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
        && c != '\u{00AD}'
        && !c.is_alphanumeric()
}

fn combine(words: &[u64]) -> u64 {
    let mut h = 0x243F_6A88_85A3_08D3u64;
    for &w in words {
        h = mix64(h.rotate_left(17) ^ w);
    }
    h
}

/// One hash per word of the lower-cased text, appended to `out`.
fn words_of(text: &str, out: &mut Vec<u64>) {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    let mut len = 0usize;
    let feed = |c: char, h: &mut u64| {
        *h = (*h ^ c as u64).wrapping_mul(PRIME);
    };
    if text.is_ascii() {
        // the same hashes, without decoding characters
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(PRIME);
                len += 1;
            } else if len > 0 {
                out.push(mix64(h));
                h = 0xCBF2_9CE4_8422_2325;
                len = 0;
            }
        }
        if len > 0 {
            out.push(mix64(h));
        }
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                feed(c.to_ascii_lowercase(), &mut h);
                len += 1;
            } else if len > 0 {
                out.push(mix64(h));
                h = 0xCBF2_9CE4_8422_2325;
                len = 0;
            }
        } else if c.is_alphanumeric() || is_mark(c) {
            for l in c.to_lowercase() {
                feed(l, &mut h);
            }
            len += 1;
        } else if len > 0 {
            out.push(mix64(h));
            h = 0xCBF2_9CE4_8422_2325;
            len = 0;
        }
    }
    if len > 0 {
        out.push(mix64(h));
    }
}

/// Combining marks that belong to a word (Devanagari vowel signs, Arabic
/// harakat, the accents of decomposed Latin letters).
fn is_mark(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    !c.is_ascii() && c.general_category_group() == GeneralCategoryGroup::Mark
}

/// A hasher for keys that are already hashes: it keeps the bits as they are.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // spread a 32-bit key over the 64 bits the table looks at
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        words_of(text, &mut out);
        out
    }

    #[test]
    fn words_fold_case_and_split_on_punctuation() {
        assert_eq!(words("Hello, WORLD!"), words("hello world"));
        assert_eq!(words("ĞÜZEL gün").len(), 2);
        assert_eq!(words("नमस्ते दुनिया").len(), 2);
        assert_ne!(words("ab"), words("ba"));
        // the ASCII loop and the general one agree
        assert_eq!(
            words("Hello, WORLD 42!")[..3],
            words("Hello, WORLD 42! é")[..3]
        );
    }

    #[test]
    fn typography_is_a_word_break() {
        assert_eq!(
            shingles("He said “don’t” — and left…", 2),
            shingles("He said don t and left", 2)
        );
        // the micro sign is a letter, the soft hyphen a disguise
        assert!(!is_typography('µ') && !is_typography('\u{00AD}'));
        assert_eq!(
            shingles("fi\u{00AD}nally here", 2),
            shingles("finally here", 2)
        );
    }

    #[test]
    fn short_texts_have_one_shingle() {
        assert_eq!(shingles("hi", 3).len(), 1);
        assert_eq!(shingles("a b c d", 3).len(), 2);
        assert!(shingles("", 2).is_empty());
    }
}
