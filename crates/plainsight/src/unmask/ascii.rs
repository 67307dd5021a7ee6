//! The clean check of plain ASCII text, sixteen bytes at a time.
//!
//! Most text a guardrail sees is ASCII, and in ASCII only a few things can be
//! a disguise: control characters (backspaces…), a backtick before a year, and
//! the look-alike swaps of [`swaps::suspicious`] (a capital I or a digit inside
//! a word, a small l starting a word or among capitals). This module finds the
//! bytes where one of those can start sixteen bytes at a time (SSE2 through
//! the safe wrappers of `safe_arch`; a byte loop on other targets), and runs the exact word test only there:
//! ordinary prose has a candidate every few hundred bytes.
//!
//! It answers exactly what the byte-at-a-time check of [`super::fast`] answers
//! for an ASCII text (a property test holds the two together), and gives up at
//! the first non-ASCII byte so that the general check can take over.

use super::swaps;

/// Per-byte classes of 64 bytes, one bit per byte (bit `j` is byte `j`).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Classes {
    /// whether any byte is above 0x7F
    high: bool,
    /// A-Z, a-z, 0-9
    alnum: u64,
    /// A-Z, a-z
    alpha: u64,
    /// A-Z and 0-9
    upper_digit: u64,
    /// 0-9
    digit: u64,
    /// the letter I
    cap_i: u64,
    /// the letter l
    small_l: u64,
    /// controls (newline, tab and return included), DEL and the backtick,
    /// and the bytes above 0x7F (which end the check before their odd bits
    /// are read)
    odd: u64,
}

/// The classes of 64 bytes, sixteen at a time with SSE2 (part of every
/// x86-64 CPU), through `safe_arch`'s safe wrappers.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn classes(block: &[u8; 64]) -> Classes {
    classes_of(block, 4)
}

/// [`classes`] of the first `chunks` sixteen-byte chunks of a block (the
/// others must be spaces, which belong to no class).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn classes_of(block: &[u8; 64], chunks: usize) -> Classes {
    use safe_arch::{
        add_i8_m128i as add, cmp_eq_mask_i8_m128i as eq, cmp_lt_mask_i8_m128i as lt,
        load_unaligned_m128i, m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    #[inline(always)]
    fn s(x: u8) -> m128i {
        set_splat_i8_m128i(x as i8)
    }
    #[inline(always)]
    fn bits(v: m128i, k: usize) -> u64 {
        (move_mask_i8_m128i(v) as u32 as u64) << (16 * k)
    }
    // The bytes from `lo` to `hi`: shifted (wrapping) so that `lo` lands on
    // -128, they are the bytes below -128 + the width of the range, one
    // signed comparison (every other byte lands above).
    #[inline(always)]
    fn range(v: m128i, lo: u8, hi: u8) -> m128i {
        lt(add(v, s(0x80u8.wrapping_sub(lo))), s(0x80 + (hi - lo) + 1))
    }
    let mut c = Classes::default();
    let mut any = s(0);
    let mut i_or_l = 0u64;
    for k in 0..chunks.min(4) {
        let v = load_unaligned_m128i(sixteen(block, k));
        // (the capitals with the 0x20 bit set are the small letters, and no
        // other byte becomes one)
        let alpha = range(v | s(0x20), b'a', b'z');
        let digit = range(v, b'0', b'9');
        any |= v;
        c.alpha |= bits(alpha, k);
        c.upper_digit |= bits(range(v, b'A', b'Z') | digit, k);
        c.digit |= bits(digit, k);
        i_or_l |= bits(eq(v, s(b'I')) | eq(v, s(b'l')), k);
        // (below 0x20 as i8: the high bytes too)
        let odd = lt(v, s(0x20)) | eq(v, s(0x7F)) | eq(v, s(b'`'));
        c.odd |= bits(odd, k);
    }
    // (the unions once for the block, not once for each sixteen bytes; the
    // I is the capital of the two)
    c.high = move_mask_i8_m128i(any) != 0;
    c.alnum = c.alpha | c.digit;
    c.cap_i = i_or_l & c.upper_digit;
    c.small_l = i_or_l & !c.upper_digit;
    c
}

/// Bytes `16 * k..16 * k + 16` of a block.
#[inline(always)]
fn sixteen(block: &[u8; 64], k: usize) -> &[u8; 16] {
    // (k is below 4: the fallback is never taken)
    static SPACES: [u8; 16] = [b' '; 16];
    <&[u8; 16]>::try_from(&block[16 * k..16 * k + 16]).unwrap_or(&SPACES)
}

/// The classes of 64 bytes, a byte at a time (targets without SSE2).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn classes(block: &[u8; 64]) -> Classes {
    classes_bytewise(block)
}

/// [`classes`] of a block whose chunks past `chunks` are spaces.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn classes_of(block: &[u8; 64], _chunks: usize) -> Classes {
    classes_bytewise(block)
}

/// The classes of 64 bytes, a byte at a time.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn classes_bytewise(block: &[u8; 64]) -> Classes {
    let mut c = Classes::default();
    for (j, &b) in block.iter().enumerate() {
        let bit = 1u64 << j;
        let on = |yes: bool| if yes { bit } else { 0 };
        c.high |= b >= 0x80;
        c.alnum |= on(b.is_ascii_alphanumeric());
        c.alpha |= on(b.is_ascii_alphabetic());
        c.upper_digit |= on(b.is_ascii_uppercase() || b.is_ascii_digit());
        c.digit |= on(b.is_ascii_digit());
        c.cap_i |= on(b == b'I');
        c.small_l |= on(b == b'l');
        c.odd |= on(!(0x20..0x7F).contains(&b) || b == b'`');
    }
    c
}

/// The flag of the byte before each byte: `m` shifted one byte up, the last
/// byte of the previous block carried in.
#[inline(always)]
fn before(m: u64, prev: u64) -> u64 {
    (m << 1) | (prev >> 63)
}

/// The flag of the byte after each byte.
#[inline(always)]
fn after(m: u64, next: u64) -> u64 {
    (m >> 1) | (next << 63)
}

/// The classes of block `i` (64 bytes from `64 * i`), padded with spaces
/// past the end, which belong to no class.
#[inline(always)]
fn load(b: &[u8], i: usize) -> Classes {
    let s = i * 64;
    // (a whole block is read where it lies)
    if let Some(full) = b.get(s..s + 64).and_then(|f| <&[u8; 64]>::try_from(f).ok()) {
        return classes(full);
    }
    let mut w = [b' '; 64];
    if s < b.len() {
        w[..b.len() - s].copy_from_slice(&b[s..]);
    }
    // (only the chunks that hold bytes of the text, each count a loop the
    // compiler unrolls)
    match b.len().saturating_sub(s).div_ceil(16) {
        0 => Classes::default(),
        1 => classes_of(&w, 1),
        2 => classes_of(&w, 2),
        3 => classes_of(&w, 3),
        _ => classes_of(&w, 4),
    }
}

/// Whether a word of an ASCII text (a whole run of letters and digits) may
/// be changed: [`word_may_swap`], then the swap itself ([`swaps::fix`]), which
/// for any word but a lone `l` or a roman numeral with `l` does not depend on
/// the words around it. Numbers with a suffix (7th, 30pm), names and codes
/// that only look suspicious stay on the fast path.
#[inline]
pub(super) fn word_changes(b: &[u8], s: usize, e: usize) -> bool {
    let w = &b[s..e];
    // AI- for the Arabic article Al- (AI-Qaeda)
    if w == b"AI" && b.get(e) == Some(&b'-') {
        let mut n = e + 1;
        while n < b.len() && b[n].is_ascii_alphanumeric() {
            n += 1;
        }
        if swaps::arabic_article_after(&b[e + 1..n]) {
            return true;
        }
    }
    if !word_may_swap(w) {
        return false;
    }
    // digits and O split by a colon, point or comma from other digits (11:0O)
    if number_with_o(b, s, e) {
        return true;
    }
    if w == b"l" {
        return lone_l_changes(b, s, e);
    }
    if w.first() == Some(&b'I') && w.iter().all(|&b| b == b'I' || b == b'l') {
        // a contraction after an apostrophe (it'II); else a roman numeral,
        // which the swaps read only after a name (Henry Il), as any word
        if matches!(w, b"II" | b"Il" | b"lI") && apostrophe_before(b, s) {
            return true;
        }
    }
    if fix_keeps(w) {
        return false;
    }
    swaps::fix(w, None, false).is_some_and(|v| v != w)
}

/// Words [`swaps::fix`] certainly leaves as they are, known from their shape
/// (it would take a thousand instructions to say so): a word of capitals
/// but a capital then capital I's (`AII` for `All`), which only an acronym
/// rule reads and gives back unchanged (`CIA`, `WITHOUT`), and a number
/// with a suffix (`7th`, `1960s`, `30pm`). A test holds the two together.
fn fix_keeps(w: &[u8]) -> bool {
    if w.iter().all(u8::is_ascii_uppercase) {
        let capital_then_i = w.len() >= 3 && w[0] != b'I' && w[1..].iter().all(|&b| b == b'I');
        return !capital_then_i;
    }
    let digits = w.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && swaps::is_number_suffix(&w[digits..])
}

/// Whether the word at bytes `s..e` is digits and O (or o) joined by a
/// colon, point or comma to other digits (`11:0O`, `2.O5`): the swaps make
/// its O a zero whatever the line.
fn number_with_o(b: &[u8], s: usize, e: usize) -> bool {
    let joined = |m: Option<&u8>, d: Option<&u8>| {
        m.is_some_and(|m| matches!(m, b':' | b'.' | b',')) && d.is_some_and(u8::is_ascii_digit)
    };
    b[s..e]
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'O' | b'o'))
        && (joined(
            s.checked_sub(1).map(|k| &b[k]),
            s.checked_sub(2).map(|k| &b[k]),
        ) || joined(b.get(e), b.get(e + 1)))
}

/// Whether an apostrophe (`'` or `’`) ends right before byte `s`.
fn apostrophe_before(b: &[u8], s: usize) -> bool {
    b[..s].ends_with(b"'") || b[..s].ends_with("’".as_bytes())
}

/// The character that starts at byte `i` of UTF-8 text `b`.
fn char_at(b: &[u8], i: usize) -> Option<char> {
    let len = match *b.get(i)? {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    };
    std::str::from_utf8(b.get(i..i + len)?).ok()?.chars().next()
}

/// The character that ends right before byte `i` of UTF-8 text `b`.
fn char_before(b: &[u8], i: usize) -> Option<char> {
    let mut k = i.checked_sub(1)?;
    while k > 0 && b[k] & 0xC0 == 0x80 {
        k -= 1;
    }
    char_at(b, k)
}

/// Whether a lone `l` (bytes `s..e`) is one the swaps read as the pronoun I
/// (`letters::ascii_swaps`, `swaps::fix`): before an English clitic after an
/// apostrophe (`l'm`, `l’ve`, `l'II`), or standing free, between spaces (or
/// an opening quote or bracket before it, a clause mark after it). An
/// elision (`l'homme`) or a stammer (`l- let's`) stays.
fn lone_l_changes(b: &[u8], s: usize, e: usize) -> bool {
    let after = char_at(b, e);
    if let Some(a @ ('\'' | '’')) = after {
        let k = e + a.len_utf8();
        let mut n = k;
        while n < b.len() && b[n].is_ascii_alphanumeric() {
            n += 1;
        }
        // (a word that goes on beyond ASCII is no clitic; taken as one here,
        // on the safe side)
        let word = b[k..n].to_ascii_lowercase();
        return matches!(
            &word[..],
            b"m" | b"ve" | b"ll" | b"d" | b"ii" | b"il" | b"li"
        );
    }
    let before = char_before(b, s);
    after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | '.'))
        && before.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '“' | '(' | '‘'))
}

/// For a word [`word_changes`] says may change: whether a swap may change it
/// in a line that is not English. Most swaps need an English line around
/// them (`letters::ascii_swaps`); these do not: digits and O joined to a
/// number (`11:0O`), a contraction with capital I after an apostrophe
/// (`it'II`), a capital I inside a small-letter word (`viIlage`), `ln`, `lt`,
/// `lf`, `ls`, `lts`, and a swap that gives a number (`2O15`).
pub(super) fn word_changes_without_english(b: &[u8], s: usize, e: usize) -> bool {
    let w = &b[s..e];
    if number_with_o(b, s, e) {
        return true;
    }
    if matches!(w, b"II" | b"Il" | b"lI") && apostrophe_before(b, s) {
        return true;
    }
    if swaps::inner_capital_i(w) || matches!(w, b"ln" | b"lt" | b"lf" | b"ls" | b"lts") {
        return true;
    }
    swaps::fix(w, None, false).is_some_and(|v| v != w && v.iter().all(u8::is_ascii_digit))
}

/// Whether an ASCII word (letters and digits) may hide a look-alike swap: the
/// hints of the byte-at-a-time check, then [`swaps::suspicious`].
#[inline]
pub(super) fn word_may_swap(w: &[u8]) -> bool {
    let shape = swaps::Shape::of(w);
    shape.hint(w) && shape.suspicious(w)
}

/// A backtick written for the apostrophe of a two-digit year (`73).
#[inline]
pub(super) fn backtick_year(lb: &[u8], i: usize) -> bool {
    lb[i] == b'`'
        && lb.get(i + 1).is_some_and(u8::is_ascii_digit)
        && lb.get(i + 2).is_some_and(u8::is_ascii_digit)
}

/// The bits of the bytes of `chunk` (sixteen) that end a pair of letters a
/// font may draw as one: the `n` of `rn`/`Rn`, the second `v` of `vv`/`Vv`/`VV`
/// (see `swaps::letter_pairs`). `before` is the byte before the chunk.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn pair_ends(chunk: &[u8; 16], before: u8) -> u32 {
    use safe_arch::{
        cmp_eq_mask_i8_m128i as eq, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let v = load_unaligned_m128i(chunk);
    let folded = v | set_splat_i8_m128i(0x20);
    let n = move_mask_i8_m128i(eq(v, set_splat_i8_m128i(b'n' as i8))) as u32;
    let r = move_mask_i8_m128i(eq(folded, set_splat_i8_m128i(b'r' as i8))) as u32;
    let w = move_mask_i8_m128i(eq(folded, set_splat_i8_m128i(b'v' as i8))) as u32;
    let b = before | 0x20;
    let r = (r << 1) | (b == b'r') as u32;
    let vv = (w << 1) | (b == b'v') as u32;
    (n & r) | (w & vv & 0xFFFF)
}

/// [`pair_ends`], a byte at a time (targets without SSE2).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn pair_ends(chunk: &[u8; 16], before: u8) -> u32 {
    let mut m = 0;
    let mut prev = before;
    for (j, &b) in chunk.iter().enumerate() {
        if (prev | 0x20 == b'r' && b == b'n') || (prev | 0x20 == b'v' && b | 0x20 == b'v') {
            m |= 1 << j;
        }
        prev = b;
    }
    m
}

/// Calls `f` with the index of every byte of `b` that ends a pair of letters
/// a font may draw as one (`rn`, `vv`, either case first: see [`pair_ends`]),
/// in order, until `f` returns true; then returns true.
pub(super) fn any_pair_end(b: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
    let mut k = 0;
    while k < b.len() {
        let mut chunk = [0u8; 16];
        let len = (b.len() - k).min(16);
        chunk[..len].copy_from_slice(&b[k..k + len]);
        let before = if k == 0 { 0 } else { b[k - 1] };
        let mut m = pair_ends(&chunk, before);
        while m != 0 {
            let j = k + m.trailing_zeros() as usize;
            m &= m - 1;
            if j < b.len() && f(j) {
                return true;
            }
        }
        k += 16;
    }
    false
}

/// The bits of the bytes of `chunk` (sixteen) that are ASCII white space
/// (space, tab to carriage return), and of those that may lead a white space
/// character beyond ASCII (0xC2, 0xE1, 0xE2, 0xE3).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn space_bits(chunk: &[u8; 16]) -> (u32, u32) {
    use safe_arch::{
        add_i8_m128i as add, cmp_eq_mask_i8_m128i as eq, cmp_lt_mask_i8_m128i as lt,
        load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i as s,
    };
    let v = load_unaligned_m128i(chunk);
    // (9..=13 shifted to the bottom of the signed range)
    let control = lt(add(v, s((0x80u8 - 9) as i8)), s((0x80u8 + 5) as i8));
    let space = eq(v, s(b' ' as i8)) | control;
    let lead = eq(v, s(0xC2u8 as i8))
        | lt(
            add(v, s((0x80u8.wrapping_sub(0xE1)) as i8)),
            s((0x80u8 + 3) as i8),
        );
    (
        move_mask_i8_m128i(space) as u32,
        move_mask_i8_m128i(lead) as u32,
    )
}

/// [`space_bits`] on targets without SSE2.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn space_bits(chunk: &[u8; 16]) -> (u32, u32) {
    space_bits_bytewise(chunk)
}

/// [`space_bits`], a byte at a time.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn space_bits_bytewise(chunk: &[u8; 16]) -> (u32, u32) {
    let (mut space, mut lead) = (0, 0);
    for (j, &b) in chunk.iter().enumerate() {
        space |= ((b == b' ' || (9..=13).contains(&b)) as u32) << j;
        lead |= (matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) as u32) << j;
    }
    (space, lead)
}

/// How many words `text` holds: runs of characters that are not white
/// space (what `split_whitespace().count()` says), sixteen bytes at a time.
/// Only ASCII bytes and the characters led by 0xC2, 0xE1, 0xE2 or 0xE3 can
/// be white space; the bytes of any other character are not, so a word
/// starts at each byte that is not white space after one that is.
pub(super) fn word_count(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0usize;
    // whether the byte before the chunk is white space (the text starts as
    // if after a space)
    let mut prev = 1u32;
    // the white space bytes of a character that began in the chunk before
    let mut carry = 0u32;
    let mut k = 0;
    while k < b.len() {
        let len = (b.len() - k).min(16);
        // (bytes past the end read as spaces, which start no word)
        let mut chunk = [b' '; 16];
        chunk[..len].copy_from_slice(&b[k..k + len]);
        let (mut space, mut lead) = space_bits(&chunk);
        space |= carry;
        carry = 0;
        while lead != 0 {
            let j = lead.trailing_zeros() as usize;
            lead &= lead - 1;
            if let Some(c) = text.get(k + j..).and_then(|t| t.chars().next()) {
                if c.is_whitespace() {
                    let bits = ((1u64 << c.len_utf8()) - 1) << j;
                    space |= bits as u32 & 0xFFFF;
                    carry = (bits >> 16) as u32;
                }
            }
        }
        let starts = !space & ((space << 1) | prev) & 0xFFFF;
        n += starts.count_ones() as usize;
        prev = (space >> 15) & 1;
        k += 16;
    }
    n
}

/// Whether `b` is clean if it is ASCII: `None` at the first byte above 0x7F
/// (the text is not ASCII), else `Some(true)` when no rule can change it.
pub(super) fn clean(b: &[u8]) -> Option<bool> {
    let blocks = b.len().div_ceil(64);
    let mut prev = Classes::default();
    let mut cur = load(b, 0);
    if cur.high {
        return None;
    }
    // words checked by the exact test end before this byte
    let mut checked = 0usize;
    for i in 0..blocks {
        let next = if i + 1 < blocks {
            load(b, i + 1)
        } else {
            Classes::default()
        };
        if next.high {
            return None;
        }
        let alnum_before = before(cur.alnum, prev.alnum);
        let alnum_around = alnum_before | after(cur.alnum, next.alnum);
        let ud_around =
            before(cur.upper_digit, prev.upper_digit) | after(cur.upper_digit, next.upper_digit);
        let alpha_around = before(cur.alpha, prev.alpha) | after(cur.alpha, next.alpha);
        // a capital I touching a letter or digit; a small l starting a word
        // or touching a capital or digit; a digit touching a letter
        let word_candidates = (cur.cap_i & alnum_around)
            | (cur.small_l & (!alnum_before | ud_around))
            | (cur.digit & alpha_around);
        if (word_candidates | cur.odd) != 0 {
            let base = i * 64;
            let mut m = cur.odd;
            while m != 0 {
                let k = base + m.trailing_zeros() as usize;
                m &= m - 1;
                let c = b[k];
                if (c < 0x20 && !matches!(c, b'\t' | b'\r' | b'\n'))
                    || c == 0x7F
                    || backtick_year(b, k)
                {
                    return Some(false);
                }
            }
            let mut m = word_candidates;
            while m != 0 {
                let k = base + m.trailing_zeros() as usize;
                m &= m - 1;
                if k < checked {
                    continue;
                }
                // a small l that starts a word before a small vowel or l
                // (like, last, llama) is a candidate only through the l-first
                // rule, which such a word escapes: whatever else in the word
                // may swap is a candidate of its own (and then takes the
                // whole word)
                if b[k] == b'l'
                    && (k == 0 || !b[k - 1].is_ascii_alphanumeric())
                    && b.get(k + 1).is_some_and(|c| b"aeiouyl".contains(c))
                {
                    continue;
                }
                // an l inside a word beside a small letter other than l
                // (Please, Global) is a candidate only through the rule of l
                // among capitals, which needs a word of capitals, l and digits
                if b[k] == b'l'
                    && k > 0
                    && b[k - 1].is_ascii_alphanumeric()
                    && (b[k - 1].is_ascii_lowercase() && b[k - 1] != b'l'
                        || b.get(k + 1)
                            .is_some_and(|&c| c.is_ascii_lowercase() && c != b'l'))
                {
                    continue;
                }
                // so is a capital I that starts a word before a consonant or
                // a capital other than I (It, In, Iraq, IT): the swaps read
                // such an I only before a vowel, an l or another I
                if b[k] == b'I'
                    && (k == 0 || !b[k - 1].is_ascii_alphanumeric())
                    && b.get(k + 1)
                        .is_some_and(|&c| c.is_ascii_alphabetic() && !b"aeiouylI".contains(&c))
                {
                    continue;
                }
                let mut s = k;
                while s > 0 && b[s - 1].is_ascii_alphanumeric() {
                    s -= 1;
                }
                let mut e = k + 1;
                while e < b.len() && b[e].is_ascii_alphanumeric() {
                    e += 1;
                }
                checked = e;
                if word_changes(b, s, e) {
                    return Some(false);
                }
            }
        }
        prev = cur;
        cur = next;
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn fix_keeps_these_words() {
        for w in [
            "AII", "CIA", "WITHOUT", "III", "II", "I", "A", "OIL", "AIII", "7th", "1960s", "0s",
            "2g", "10x", "30pm", "3rd",
        ] {
            let w = w.as_bytes();
            let v = super::swaps::fix(w, None, false);
            let kept = v.as_deref().is_none_or(|v| v == w);
            assert!(
                !super::fix_keeps(w) || kept,
                "{:?}",
                String::from_utf8_lossy(w)
            );
        }
        assert!(!super::fix_keeps(b"AII"));
        assert!(super::fix_keeps(b"CIA") && super::fix_keeps(b"7th"));
    }

    proptest! {
        #[test]
        fn pair_ends_are_found(v in prop::collection::vec(prop::sample::select(b"rRnvVx ".to_vec()), 0..70)) {
            let mut found = Vec::new();
            super::any_pair_end(&v, |j| {
                found.push(j);
                false
            });
            let expected: Vec<usize> = (1..v.len())
                .filter(|&j| {
                    let (a, b) = (v[j - 1], v[j]);
                    (a | 0x20 == b'r' && b == b'n') || (a | 0x20 == b'v' && b | 0x20 == b'v')
                })
                .collect();
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn fix_keeps_what_it_says(w in prop::collection::vec(prop::sample::select(b"AIIOW".to_vec()), 1..7),
                                  n in prop::collection::vec(prop::sample::select(b"0123456789".to_vec()), 1..6),
                                  k in 0usize..super::swaps::NUMBER_SUFFIXES.len()) {
            let mut number = n.clone();
            number.extend_from_slice(super::swaps::NUMBER_SUFFIXES[k].as_bytes());
            for w in [w, number] {
                if super::fix_keeps(&w) {
                    let v = super::swaps::fix(&w, None, false);
                    prop_assert!(v.as_deref().is_none_or(|v| v == &w[..]), "{:?} -> {:?}", String::from_utf8_lossy(&w), v);
                }
            }
        }

        #[test]
        fn both_space_classifiers_agree(v in prop::collection::vec(any::<u8>(), 16)) {
            let chunk: [u8; 16] = v.try_into().unwrap();
            prop_assert_eq!(super::space_bits(&chunk), super::space_bits_bytewise(&chunk));
        }

        #[test]
        fn both_classifiers_agree(v in prop::collection::vec(any::<u8>(), 64)) {
            let block: [u8; 64] = v.try_into().unwrap();
            prop_assert_eq!(super::classes(&block), super::classes_bytewise(&block));
        }
    }
}
