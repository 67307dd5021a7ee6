//! ASCII look-alike swaps: one ASCII character written for another that looks
//! the same in common fonts — capital `I` for small `l` (`countIess`), small
//! `l` for the pronoun `I`, digits for letters (`0ne`, `a1so`), the letter
//! `O` or `l` among digits (`2O15`).
//!
//! A table cannot decide these: `I` and `l` are both ordinary letters. The
//! word decides, with an English word list (SCOWL, `data/en_words.txt`): a
//! word is rewritten only when it is not English as written and the swapped
//! word is. Words in capitals (`IKEA`, `XIII`), words whose digits are a
//! number with a suffix (`10th`, `4G`), codes with few letters (`B2B`, `O2`,
//! `R2-D2`) and words in technical chunks (URLs, addresses) stay as they are.
//! Swaps run only in lines whose script is Latin.

use super::{Class, Out, Tok};
use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_script::Script;

static WORDS: &str = include_str!("../../data/en_words.txt");
static ACCENTED: &str = include_str!("../../data/en_accented.txt");

/// Whether `w` (lower case) is an English word written with accents (café, naïve, Zürich).
pub(crate) fn is_accented_word(w: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| ACCENTED.lines().collect()).contains(w)
}

/// FNV-1a: word look-ups hash short strings, where SipHash's setup dominates.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type WordSet = HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

/// FNV-1a of a byte string (the hash `build.rs` fills the word table with).
#[inline]
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    h
}

/// The open-addressing hash table of the word list that `build.rs` makes:
/// 2^17 little-endian `u32` slots, each the word's offset in [`WORDS`] (20
/// bits), its length (6 bits) and 6 bits of its hash; 0 is an empty slot.
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_words.table"));

/// Whether `w` (lower-case ASCII, 40 bytes at most) is in the word list.
#[inline]
fn in_table(w: &[u8]) -> bool {
    let mask = TABLE.len() / 4 - 1;
    let h = fnv(w);
    let tag = ((w.len() as u32) << 6) | (h as u32 & 63);
    let mut slot = (h >> 32) as usize & mask;
    loop {
        let at = slot * 4;
        let s = u32::from_le_bytes([TABLE[at], TABLE[at + 1], TABLE[at + 2], TABLE[at + 3]]);
        if s == 0 {
            return false;
        }
        if s & 0xFFF == tag {
            let off = (s >> 12) as usize;
            if WORDS.as_bytes().get(off..off + w.len()) == Some(w) {
                return true;
            }
        }
        slot = (slot + 1) & mask;
    }
}

/// Whether `w` (ASCII) is an English word, ignoring case.
pub(crate) fn is_word(w: &[u8]) -> bool {
    if w.len() > 40 || w.is_empty() {
        return false;
    }
    let mut buf = [0u8; 40];
    let lower = &mut buf[..w.len()];
    for (d, s) in lower.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    in_table(lower)
}

/// Whether a word may hold a swap at all: a cheap test that keeps the word
/// list out of ordinary text.
#[inline]
pub(crate) fn suspicious(w: &[u8]) -> bool {
    Shape::of(w).suspicious(w)
}

/// What [`suspicious`] needs to know of a word, from one pass over it.
#[derive(Default)]
pub(crate) struct Shape {
    lower: usize,
    upper: usize,
    digits: usize,
    small_l: usize,
    /// a capital I after the first byte
    inner_i: bool,
    /// any capital I
    cap_i: bool,
    /// O, o, l, I, g or q (read as digits)
    round: bool,
    /// only I and l
    only_il: bool,
}

impl Shape {
    /// The shape of a word.
    #[inline]
    pub(crate) fn of(w: &[u8]) -> Shape {
        let mut s = Shape {
            only_il: true,
            ..Shape::default()
        };
        for (i, &b) in w.iter().enumerate() {
            s.lower += b.is_ascii_lowercase() as usize;
            s.upper += b.is_ascii_uppercase() as usize;
            s.digits += b.is_ascii_digit() as usize;
            s.small_l += (b == b'l') as usize;
            s.inner_i |= i > 0 && b == b'I';
            s.cap_i |= b == b'I';
            s.round |= matches!(b, b'O' | b'o' | b'l' | b'I' | b'g' | b'q');
            s.only_il &= b == b'I' || b == b'l';
        }
        s
    }

    /// The cheap hint of the fast path: a capital I or a digit anywhere, a
    /// small l first, or a small l among capitals.
    #[inline]
    pub(crate) fn hint(&self, w: &[u8]) -> bool {
        w.first() == Some(&b'l')
            || self.cap_i
            || self.digits > 0
            || (self.small_l > 0 && self.upper > 0)
    }

    /// [`suspicious`] for the word this shape was taken of.
    #[inline]
    pub(crate) fn suspicious(&self, w: &[u8]) -> bool {
        let letters = self.lower + self.upper;
        // I inside a lower-case word; I before a vowel (Iike, Iast: In, It,
        // Is, If stay fast); l before a consonant (lt, lf, lnternet); a lone
        // l; l among capitals (SlAM); digits among letters
        (self.lower > 0 && self.inner_i)
            || (self.upper >= 2
                && self.small_l > 0
                && self.upper + self.small_l + self.digits == w.len())
            || (w.first() == Some(&b'I') && w.get(1).is_some_and(|b| b"aeiouy".contains(b)))
            || (w.first() == Some(&b'l') && w.get(1).is_none_or(|b| !b"aeiouyl".contains(b)))
            || (self.digits > 0 && letters >= 2)
            || (self.digits > 0 && self.round)
            || matches!(w, [b'0', b'n' | b'f' | b'r'])
            || (w.len() >= 2 && w[0] == b'I' && self.only_il)
            // a capital then I (AII, OIIy); (an l before a vowel stays fast:
            // like, last; lodine for Iodine is left to the word list's silence)
            || (w.len() >= 3 && w[0] != b'I' && w[0].is_ascii_uppercase() && w[1] == b'I')
    }
}

/// Whether a word has a capital I right after a small letter, outside a
/// capitalized name (`viIlage`, `aIl`; not `McIntyre`): a disguise in any language.
pub(crate) fn inner_capital_i(w: &[u8]) -> bool {
    let inner: Vec<usize> = (1..w.len())
        .filter(|&i| w[i] == b'I' && w[i - 1].is_ascii_lowercase())
        .collect();
    if inner.is_empty() {
        return false;
    }
    !name_prefix(w, &inner)
}

/// Whether every capital I after a small letter starts a part of a
/// compound written in camel case, each part an English word (`WireImage`,
/// `LinkedIn`, `MissionImpossible`): there the I is a capital, not an l.
pub(crate) fn camel_case_i(w: &[u8]) -> bool {
    let mut any = false;
    let mut start = 0;
    for i in 1..=w.len() {
        let boundary = i == w.len() || (w[i].is_ascii_uppercase() && w[i - 1].is_ascii_lowercase());
        if !boundary {
            continue;
        }
        let part = &w[start..i];
        // (an ASCII word of letters, a capital then small letters at most)
        let plain = part.len() >= 2
            && part.iter().all(u8::is_ascii_alphabetic)
            && part[1..].iter().all(u8::is_ascii_lowercase);
        if start > 0 && part[0] == b'I' {
            // (a part of three letters is too often a swap that happens to
            // spell a rare word: DonaIds; In, Is, It and longer parts are not)
            if !(plain && part.len() != 3 && is_word(part)) {
                return false;
            }
            any = true;
        } else if !(plain && is_word(part)) {
            return false;
        }
        start = i;
    }
    any
}

/// Whether the only inner capital I starts the second part of a name
/// (McIntyre, MacIver, FitzIan).
fn name_prefix(w: &[u8], inner: &[usize]) -> bool {
    let [i] = inner[..] else { return false };
    matches!(&w[..i], b"Mc" | b"Mac" | b"Fitz") && w.get(i + 1).is_some_and(u8::is_ascii_lowercase)
}

/// Suffixes after a number that make it a quantity, not a disguised word.
pub(crate) const NUMBER_SUFFIXES: [&str; 16] = [
    "st", "nd", "rd", "th", "s", "am", "pm", "k", "m", "km", "kg", "g", "mb", "gb", "x", "d",
];

/// Whether `w` is one of [`NUMBER_SUFFIXES`], as written.
pub(crate) fn is_number_suffix(w: &[u8]) -> bool {
    NUMBER_SUFFIXES.iter().any(|s| s.as_bytes() == w)
}

/// Tries the swaps on one word (ASCII letters and digits, no other
/// characters) and returns the restored word if one applies.
/// `clitic` is what follows an apostrophe right after the word (`m` in
/// `l'm`); `elision` says an apostrophe follows with no English clitic
/// (French `l'homme`), where `l` stays.
pub(crate) fn fix(w: &[u8], clitic: Option<&str>, elision: bool) -> Option<Vec<u8>> {
    if w.is_empty() || w.len() > 40 {
        return None;
    }
    let letters = w.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let digits = w.iter().filter(|b| b.is_ascii_digit()).count();
    // the pronoun I written as l: "l think", "l'm"
    if w == b"l" {
        return match clitic {
            Some("m" | "ve" | "ll" | "d") => Some(b"I".to_vec()),
            Some(_) => None,
            None if elision => None,
            None => Some(b"I".to_vec()),
        };
    }
    if letters == 0 {
        return None;
    }
    // O, o, l, I among digits: 2O15, 1O0, l999
    if digits > 0 {
        let mut v = w.to_vec();
        let mut changed = false;
        for (i, x) in v.iter_mut().enumerate() {
            let d = |k: Option<usize>| k.and_then(|k| w.get(k)).is_some_and(u8::is_ascii_digit);
            let numeric = d(i.checked_sub(1)) && d(Some(i + 1));
            if numeric && matches!(*x, b'O' | b'o') {
                *x = b'0';
                changed = true;
            } else if numeric && matches!(*x, b'l' | b'I') {
                *x = b'1';
                changed = true;
            } else if numeric && matches!(*x, b'g' | b'q') {
                *x = b'9';
                changed = true;
            }
        }
        if changed && v.iter().all(u8::is_ascii_digit) {
            return Some(v);
        }
        // one letter at the edge of a number: 680O, l0 (never O2: a code)
        if letters == 1 {
            let k = w.iter().position(u8::is_ascii_alphabetic).unwrap_or(0);
            let to = match w[k] {
                // (a capital I after digits is often an element: 129I, 131I)
                b'l' => Some(b'1'),
                b'O' | b'o' if digits >= 2 => Some(b'0'),
                // a capital O after digits (3O hours, 1O): no word ends so
                b'O' if k > 0 => Some(b'0'),
                _ => None,
            };
            if let Some(to) = to.filter(|_| k == 0 || k == w.len() - 1) {
                let mut v = w.to_vec();
                v[k] = to;
                return Some(v);
            }
        }
    }
    if let Some(v) = suffixed_number(w) {
        return Some(v);
    }
    // a zero for the o of the two-letter words on, of, or (no number takes
    // these suffixes; 0h is an hour)
    if let [b'0', b @ (b'n' | b'f' | b'r')] = *w {
        return Some(vec![b'o', b]);
    }
    // a capital, then I for l, then small letters or nothing: AII, AlI,
    // OIIy, AIIton (never I first: III is a numeral; AI stays, too short)
    if let Some(v) = capital_then_i(w) {
        return Some(v);
    }
    // a roman numeral with l for I (Il, IlI), unless it is a word (Ill)
    if w.len() >= 2 && w[0] == b'I' && w.iter().all(|&b| b == b'I' || b == b'l') && !is_word(w) {
        return Some(vec![b'I'; w.len()]);
    }
    // an acronym with l for its initial I: lCT, lBM
    if w.len() >= 2
        && w[0] == b'l'
        && w[1..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        let mut v = w.to_vec();
        v[0] = b'I';
        return Some(v);
    }
    if let Some(v) = capitals_with_zero(w) {
        return Some(v);
    }
    // an acronym with l for an inner I: SlAM, MlT
    let upper = w.iter().filter(|b| b.is_ascii_uppercase()).count();
    if upper >= 2
        && w.iter()
            .all(|&b| b.is_ascii_uppercase() || b == b'l' || b.is_ascii_digit())
    {
        return Some(
            w.iter()
                .map(|&b| if b == b'l' { b'I' } else { b })
                .collect(),
        );
    }
    // other capitals after the first letter mark a name or a brand as
    // written (IoT, iPhone, McDonald): leave those alone
    if w.iter()
        .skip(1)
        .any(|&b| b.is_ascii_uppercase() && b != b'I')
    {
        return None;
    }
    // capitals only: acronyms and roman numerals
    if !w.iter().any(u8::is_ascii_lowercase) {
        return None;
    }
    // a capital I inside a lower-case word is never how a word is written
    // ("aIl" is not "ail"), so only other words are taken as they stand
    if !inner_capital_i(w) && is_word(w) {
        return None;
    }
    if digits > 0 {
        let lead = w.iter().take_while(|b| b.is_ascii_digit()).count();
        let rest = std::str::from_utf8(&w[lead..])
            .unwrap_or("")
            .to_ascii_lowercase();
        if letters < 2 || lead >= 2 || (lead == digits && NUMBER_SUFFIXES.contains(&rest.as_str()))
        {
            return None;
        }
    }
    // positions that may be swapped, and what each may become
    let mut spots: Vec<(usize, &[u8])> = Vec::new();
    for (i, &b) in w.iter().enumerate() {
        let alts: &[u8] = match b {
            // I for l, or for i (fInaIIy); a capitalized word's inner I is
            // only ever l (PIease), never a lower-cased i (McIntyre stays)
            b'I' if w[0].is_ascii_uppercase() => b"l",
            b'I' => b"li",
            b'l' if i == 0 => b"I",
            b'1' => b"l",
            b'0' => b"o",
            b'5' => b"s",
            b'9' => b"g",
            _ => continue,
        };
        spots.push((i, alts));
    }
    if spots.is_empty() || spots.len() > 6 {
        return None;
    }
    // every combination (each spot kept or given one of its alternatives),
    // most changes first: an attack swaps every letter of a kind (fInaIIy);
    // the first English word wins
    let n = spots.len();
    let combos = spots.iter().map(|(_, a)| a.len() + 1).product::<usize>();
    let mut best: Option<(usize, Vec<u8>)> = None;
    for mut code in 0..combos {
        let mut v = w.to_vec();
        let mut changes = 0;
        for &(i, alts) in &spots {
            let pick = code % (alts.len() + 1);
            code /= alts.len() + 1;
            if pick > 0 {
                v[i] = alts[pick - 1];
                changes += 1;
            }
        }
        // a candidate must itself be free of swaps (leI is no answer for IeI)
        if changes == 0
            || best.as_ref().is_some_and(|(c, _)| *c >= changes)
            || v.iter().any(u8::is_ascii_digit)
            || inner_capital_i(&v)
        {
            continue;
        }
        if is_word(&v) {
            best = Some((changes, v));
            if changes == n {
                break;
            }
        }
    }
    // a capital I after the initial capital of a small-letter word, before a
    // vowel: BIount (an l before a consonant starts no word: VIps, FIts stay)
    let second_capital_i = w.len() >= 3
        && w[0].is_ascii_uppercase()
        && w[1] == b'I'
        && matches!(w[2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
        && w[2..].iter().all(u8::is_ascii_lowercase);
    if best.is_none() && (inner_capital_i(w) || second_capital_i) && !camel_case_i(w) {
        // no English word either way, but a capital I inside a lower-case
        // word is a disguise: every run of I after a small letter is l
        // (neurobioIogicaI, JoIIa, PadaIecki, BIount)
        let mut v = w.to_vec();
        for i in 1..v.len() {
            if v[i] == b'I'
                && (v[i - 1].is_ascii_lowercase()
                    || v[i - 1] == b'l'
                    || (i == 1 && second_capital_i))
            {
                v[i] = b'l';
            }
        }
        return (v != w).then_some(v);
    }
    best.map(|(_, v)| v).or_else(|| initial_l(w))
}

/// [`fix`] for a number of two digits or more with a suffix (197Os, l960s,
/// 2O15th) whose O or l stand for 0 or 1: the number's edges and inside
/// take the digit. The number never starts with O (O2s is a code); with a
/// single digit its letters are all O (2Oth; l0st is lost). A number that
/// starts and ends with digits takes them with no suffix (2Ol7).
fn suffixed_number(w: &[u8]) -> Option<Vec<u8>> {
    let bounded = w.len() >= 3 && w[0].is_ascii_digit() && w[w.len() - 1].is_ascii_digit();
    let suffix = match NUMBER_SUFFIXES
        .iter()
        .filter(|s| w.ends_with(s.as_bytes()) && s.len() < w.len())
        .max_by_key(|s| s.len())
    {
        Some(s) => *s,
        None if bounded => "",
        None => return None,
    };
    let core = &w[..w.len() - suffix.len()];
    let digits = core.iter().filter(|b| b.is_ascii_digit()).count();
    let only_o = core.iter().all(|&b| b.is_ascii_digit() || b == b'O');
    if (digits < 2 && !(digits == 1 && only_o)) || core[0] == b'O' || digits == core.len() {
        return None;
    }
    let mut v = Vec::with_capacity(w.len());
    for &b in core {
        v.push(match b {
            b'O' => b'0',
            b'l' => b'1',
            b'0'..=b'9' => b,
            _ => return None,
        });
    }
    v.extend_from_slice(suffix.as_bytes());
    Some(v)
}

/// [`fix`] for a word in capitals with a zero for a capital O (NAT0,
/// C0NGRESS): three capitals or more, no other digit, and every zero beside
/// a capital.
fn capitals_with_zero(w: &[u8]) -> Option<Vec<u8>> {
    let upper = w.iter().filter(|b| b.is_ascii_uppercase()).count();
    let shape = upper >= 3
        && w.iter().all(|&b| b.is_ascii_uppercase() || b == b'0')
        && (0..w.len()).all(|i| {
            w[i] != b'0'
                || (i > 0 && w[i - 1].is_ascii_uppercase())
                || w.get(i + 1).is_some_and(u8::is_ascii_uppercase)
        });
    (shape && upper < w.len()).then(|| {
        w.iter()
            .map(|&b| if b == b'0' { b'O' } else { b })
            .collect()
    })
}

/// [`fix`] for a capital followed by capital I's written for l: the I's
/// become l when small letters follow them (OIIy) or the word is then
/// English (AII → All).
fn capital_then_i(w: &[u8]) -> Option<Vec<u8>> {
    let shape = w.len() >= 3
        && w[0].is_ascii_uppercase()
        && w[0] != b'I'
        && w[1] == b'I'
        && w[1..]
            .iter()
            .all(|&b| b == b'I' || b == b'l' || b.is_ascii_lowercase());
    if !shape {
        return None;
    }
    let v: Vec<u8> = w
        .iter()
        .enumerate()
        .map(|(i, &b)| if i > 0 && b == b'I' { b'l' } else { b })
        .collect();
    // a lone I before a consonant is a capital where the l would start no
    // English syllable (VIps, FIts), unless the word says otherwise
    let lone_before_consonant =
        !matches!(w[2], b'I' | b'l' | b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    if lone_before_consonant && !is_word(&v) {
        return None;
    }
    (w.iter().any(u8::is_ascii_lowercase) || is_word(&v)).then_some(v)
}

/// Whether the word after a hyphen makes `AI-` the Arabic article `Al-` with
/// its I for l (`AI-Qaeda`, `AI-Anbar`): a capitalized word of small letters
/// that is not English (`AI-Powered` stays).
pub(crate) fn arabic_article_after(next: &[u8]) -> bool {
    next.len() >= 2
        && next[0].is_ascii_uppercase()
        && next[1..].iter().all(u8::is_ascii_lowercase)
        && !is_word(next)
}

/// Two letters written for one: `rn` for `m` and `vv` for `w` (`rnodern`,
/// `vvork`), which most fonts draw alike. For a word of letters that is not
/// English, the pairs (up to four) to read as one letter so that it is: the
/// index of each pair's first letter and the letter it stands for, keeping
/// its case (`Rn` is `M`). Fewest pairs first; none if no choice makes a
/// word. A capitalized word takes only a pair that starts it. The engine
/// reads them only in lines that show disguise otherwise, where the clean
/// check never vouches for the text (so ordinary text pays nothing for it).
pub(crate) fn letter_pairs(w: &[u8]) -> Option<Vec<(usize, u8)>> {
    if w.len() < 3 || w.len() > 40 || !w.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    // (most words that hold a pair are English as written: one look-up)
    if is_word(w) {
        return None;
    }
    let mut pairs = [(0usize, 0u8); 4];
    let mut n = 0;
    let mut i = 0;
    while i + 1 < w.len() {
        let to = match (w[i], w[i + 1]) {
            (b'r', b'n') => b'm',
            (b'R', b'n') => b'M',
            (b'v', b'v') => b'w',
            (b'V', b'v' | b'V') => b'W',
            _ => {
                i += 1;
                continue;
            }
        };
        // in a capitalized word, a name as often as not (Lorne, Verne),
        // only a pair that starts it (Rnadonna)
        if !w[0].is_ascii_uppercase() || i == 0 {
            if n == pairs.len() {
                return None;
            }
            pairs[n] = (i, to);
            n += 1;
        }
        i += 2;
    }
    // every subset of the pairs, the smallest first: words hold real rn
    // (rnodern is modern, not modem)
    let mut subsets: Vec<u32> = (1..1u32 << n).collect();
    subsets.sort_by_key(|m| m.count_ones());
    let mut v = Vec::with_capacity(w.len());
    for m in subsets {
        v.clear();
        let mut k = 0;
        while k < w.len() {
            match (0..n).find(|&j| m & (1 << j) != 0 && pairs[j].0 == k) {
                Some(j) => {
                    v.push(pairs[j].1);
                    k += 2;
                }
                None => {
                    v.push(w[k]);
                    k += 1;
                }
            }
        }
        if is_word(&v) {
            return Some(
                (0..n)
                    .filter(|&j| m & (1 << j) != 0)
                    .map(|j| pairs[j])
                    .collect(),
            );
        }
    }
    None
}

/// A word of five letters or more that starts with l and a consonant, all
/// small letters (lchiban, lmperium): no English word does; it is I.
fn initial_l(w: &[u8]) -> Option<Vec<u8>> {
    let shape = w.len() >= 5
        && w[0] == b'l'
        && !b"aeiouyl".contains(&w[1])
        && w[1..].iter().all(u8::is_ascii_lowercase);
    shape.then(|| {
        let mut v = w.to_vec();
        v[0] = b'I';
        v
    })
}

/// Writes a restored ASCII word (as many characters as it shows) over the
/// word's tokens, recording each swap.
pub(crate) fn apply_fixed(word: &mut [Tok], fixed: &[u8]) {
    let idx: Vec<usize> = word
        .iter()
        .enumerate()
        .filter(|(_, t)| t.shown().is_some())
        .map(|(k, _)| k)
        .collect();
    let bytes: Vec<u8> = idx
        .iter()
        .map(|&k| word[k].shown().map_or(0, |c| c as u8))
        .collect();
    if bytes.len() != fixed.len() {
        return;
    }
    for ((&k, &old), &new) in idx.iter().zip(&bytes).zip(fixed) {
        if old != new {
            let t = &mut word[k];
            let from = t.scripts.map(|(f, _)| f).unwrap_or(Script::Latin);
            t.set(Out::Char(new as char), Class::Homoglyph, 0.8);
            t.scripts = Some((from, Script::Latin));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fix;

    fn f(w: &str) -> String {
        fix(w.as_bytes(), None, false)
            .map(|v| String::from_utf8(v).unwrap())
            .unwrap_or_else(|| w.to_string())
    }

    #[test]
    fn swaps_restore_words() {
        assert_eq!(f("countIess"), "countless");
        assert_eq!(f("fInaIIy"), "finally");
        assert_eq!(f("0ne"), "one");
        assert_eq!(f("a1so"), "also");
        assert_eq!(f("Iike"), "like");
        assert_eq!(f("lt"), "It");
        assert_eq!(f("2O15"), "2015");
        assert_eq!(f("lCT"), "ICT");
        assert_eq!(f("aIl"), "all");
        assert_eq!(f("PIease"), "Please");
        assert_eq!(f("neurobioIogicaI"), "neurobiological");
        assert_eq!(f("SlAM"), "SIAM");
        assert_eq!(f("PadaIecki"), "Padalecki");
        assert_eq!(f("BIount"), "Blount");
        assert_eq!(f("Ied"), "led");
        assert_eq!(f("l"), "I");
        assert_eq!(f("197Os"), "1970s");
        assert_eq!(f("l960s"), "1960s");
        assert_eq!(f("2O1Oth"), "2010th");
        assert_eq!(f("3O"), "30");
        assert_eq!(f("1O"), "10");
        assert_eq!(f("l0st"), "lost");
        assert_eq!(f("2Oth"), "20th");
        assert_eq!(f("2Ol7"), "2017");
        assert_eq!(f("NAT0"), "NATO");
        assert_eq!(f("0n"), "on");
        assert_eq!(f("0f"), "of");
        assert_eq!(f("C0NGRESS"), "CONGRESS");
    }

    #[test]
    fn real_words_and_codes_stay() {
        for w in [
            "MacIver", "129I", "IoT", "Ill", "iPhone", "IKEA", "B2B", "O2", "R2", "D2", "10th",
            "1st", "4G", "XIII", "Ideas", "Iraq", "Ian", "Ich", "McIntyre", "Windows", "10", "mp3",
            "5G", "COVID19", "O2s", "H2O", "0m", "0s", "0x", "0d", "0h", "A0", "B00", "PS4",
            "MP40", "X100", "BBC1", "2nd", "3D", "4x4", "1st", "1o", "3o",
        ] {
            assert_eq!(f(w), w, "{w}");
        }
        // French and Italian elision keep their l
        assert_eq!(fix(b"l", None, true), None);
        assert_eq!(fix(b"l", Some("m"), false), Some(b"I".to_vec()));
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    /// The hash table holds exactly the words of the list: every word is
    /// found, in any case, and words that are not in the (sorted) list are not.
    #[test]
    fn the_table_is_the_word_list() {
        let list: Vec<&str> = WORDS.lines().filter(|w| !w.is_empty()).collect();
        for w in &list {
            assert!(is_word(w.as_bytes()), "{w}");
            assert!(is_word(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        let mut missing = 0;
        for w in &list {
            for extra in [b'q', b'x', b'z'] {
                let mut v = w.as_bytes().to_vec();
                v.push(extra);
                let s = std::str::from_utf8(&v).unwrap();
                let expected = list.binary_search(&s).is_ok();
                assert_eq!(is_word(&v), expected, "{s}");
                missing += !expected as usize;
            }
        }
        assert!(missing > 100_000);
        assert!(!is_word(b""));
        assert!(!is_word(&[b'a'; 41]));
    }
}
