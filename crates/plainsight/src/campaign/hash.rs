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
    let typography = !text.is_ascii() && text.chars().any(is_typography);
    let plain: String;
    let text = if typography {
        plain = text
            .chars()
            .map(|c| if is_typography(c) { ' ' } else { c })
            .collect();
        &plain
    } else {
        text
    };
    let unmasked = crate::unmask(text);
    let tokens = words_of(unmasked.text());
    let k = words.max(1);
    if tokens.is_empty() {
        return Vec::new();
    }
    if tokens.len() <= k {
        return vec![combine(&tokens)];
    }
    tokens.windows(k).map(combine).collect()
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

/// One hash per word of the lower-cased text.
fn words_of(text: &str) -> Vec<u64> {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    let mut len = 0usize;
    let feed = |c: char, h: &mut u64| {
        *h = (*h ^ c as u64).wrapping_mul(PRIME);
    };
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
    out
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

    #[test]
    fn words_fold_case_and_split_on_punctuation() {
        assert_eq!(words_of("Hello, WORLD!"), words_of("hello world"));
        assert_eq!(words_of("ĞÜZEL gün").len(), 2);
        assert_eq!(words_of("नमस्ते दुनिया").len(), 2);
        assert_ne!(words_of("ab"), words_of("ba"));
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
