//! Pass 1: which characters a reader sees, and in which order.
//!
//! Rules, in the order they apply to each character:
//! - **deletion**: BACKSPACE erases the last visible character of its line, as
//!   a terminal would; both disappear.
//! - **bidi**: outside right-to-left lines, embedding/override/isolate
//!   controls are removed and a RIGHT-TO-LEFT OVERRIDE run is reversed into the
//!   order a reader sees. Lines with Hebrew, Arabic or other RTL letters keep
//!   all their controls: there they are real typography.
//! - **invisible**: zero-width and formatting characters are removed when they
//!   touch a letter or digit, except where a script or an emoji needs them
//!   (see [`keep_invisible`]).
//! - **space**: exotic spaces become U+0020 (IDEOGRAPHIC SPACE stays in CJK text).
//! - **zalgo**: in a line where some letter carries a stack of generic combining
//!   marks that do not compose into a real letter, every generic combining mark
//!   is removed; precomposed letters (é, ñ) and script-specific marks stay.
//! - **line styles**: a generic combining mark that three characters in a row
//!   carry without composing with it (strike-through `T̶a̶y̶`, underline
//!   `T̲a̲y̲`, slash `T̸a̸y̸`, overline) styles the text: it is removed wherever
//!   it occurs in the line. Real accents compose (`ä`, NFD or not) and
//!   rarely fall on three neighbours.

use super::chars::{self, BidiControl, Invisible};
use super::swaps;
use super::{Class, Out, Tok};
use unicode_normalization::UnicodeNormalization;

/// Bidi runs nest at most this deep (the limit of the Unicode bidi algorithm).
const MAX_BIDI_DEPTH: usize = 125;

struct Line {
    has_rtl: bool,
    zalgo: bool,
    /// Generic combining marks the line uses as a style (at most a few; not
    /// looked for in a zalgo line).
    styles: Vec<char>,
}

/// Runs pass 1 over `input` and returns one token per input character, in the
/// order a reader sees them.
pub(crate) fn layout(input: &str) -> Vec<Tok> {
    if plain_layout(input) {
        // nothing for the rules below to act on: every character shows, in place
        let mut toks = Vec::with_capacity(input.len());
        toks.extend(input.char_indices().map(|(i, c)| Tok::new(i, c)));
        return toks;
    }
    layout_general(input)
}

/// [`layout`] without the shortcut for texts none of its rules act on.
fn layout_general(input: &str) -> Vec<Tok> {
    // (sized for the bytes: collecting would grow the vector step by step)
    let mut cs: Vec<(usize, char)> = Vec::with_capacity(input.len());
    cs.extend(input.char_indices());
    // what the rules below ask of each character, found once
    // (printable ASCII, most characters, without a call)
    let kinds: Vec<u8> = cs
        .iter()
        .map(|&(_, c)| {
            if (' '..='~').contains(&c) {
                0
            } else {
                cached_kind(c)
            }
        })
        .collect();
    // index of the next character that is neither invisible nor a bidi control
    let mut next_vis = vec![usize::MAX; cs.len() + 1];
    for i in (0..cs.len()).rev() {
        next_vis[i] = if kinds[i] & HIDDEN != 0 {
            next_vis[i + 1]
        } else {
            i
        };
    }
    let mut toks: Vec<Tok> = Vec::with_capacity(cs.len());
    let mut group = 0u32;
    let mut new_group = || {
        group += 1;
        group
    };
    let mut line = scan_line(&cs, &kinds, 0);
    let mut line_start_tok = 0usize;
    // indices of the tokens of this line that show a character, in output order
    let mut shown: Vec<usize> = Vec::with_capacity(cs.len());
    // open bidi runs: (index of the opening control's token, reverses?, group)
    let mut runs: Vec<(usize, bool, u32)> = Vec::new();
    let mut zalgo_group = 0u32;

    for i in 0..cs.len() {
        let (off, c) = cs[i];
        let mut t = Tok::new(off, c);
        // the shown characters around this one (asked only by the rules for
        // invisible characters and spaces, few of the characters)
        let prev = |toks: &[Tok], shown: &[usize]| shown.last().and_then(|&k| toks[k].shown());
        let next = || {
            next_vis
                .get(i + 1)
                .and_then(|&k| cs.get(k))
                .map(|&(_, c)| c)
        };
        let hidden = kinds[i] & HIDDEN != 0;
        if c != '\u{8}' && kinds[i] & MARK == 0 {
            zalgo_group = 0;
        }
        if c == '\n' {
            while let Some(run) = runs.pop() {
                close_run(&mut toks, &mut shown, run);
            }
            toks.push(t);
            line = scan_line(&cs, &kinds, i + 1);
            line_start_tok = toks.len();
            shown.clear();
            continue;
        }
        if c == '\u{8}' {
            let g = new_group();
            // the erased character and the backspace form one change when
            // they are neighbours; characters removed between them keep
            // their own changes (marking them all would be quadratic)
            if let Some(k) = shown.pop().filter(|&k| k >= line_start_tok) {
                let u = &mut toks[k];
                u.set(Out::Drop, Class::Deletion, 0.95);
                u.group = g;
            }
            t.set(Out::Drop, Class::Deletion, 0.95);
            t.group = g;
            toks.push(t);
            continue;
        }
        if let Some(b) = chars::bidi_control(c).filter(|_| hidden) {
            if !line.has_rtl {
                match b {
                    BidiControl::RightOverride | BidiControl::Open
                        if runs.len() < MAX_BIDI_DEPTH =>
                    {
                        let g = new_group();
                        runs.push((toks.len(), b == BidiControl::RightOverride, g));
                        t.group = g;
                    }
                    BidiControl::Close => {
                        if let Some(run) = runs.pop() {
                            t.group = run.2;
                            close_run(&mut toks, &mut shown, run);
                        }
                    }
                    _ => {}
                }
                t.set(Out::Drop, Class::Bidi, 0.95);
            }
            toks.push(t);
            continue;
        }
        if let Some(kind) = if hidden { chars::invisible(c) } else { None } {
            let (prev, next) = (prev(&toks, &shown), next());
            if c == '\u{2800}' && braille_gap(input, off, prev, next) {
                // a braille blank outside braille is the gap it shows: a
                // space (the⠀president), but inside a word it is a blank
                // slipped in (pre⠀sident)
                t.set(Out::Char(' '), Class::Space, 0.6);
                shown.push(toks.len());
            } else if !keep_invisible(kind, c, prev, next, &line) {
                t.set(Out::Drop, Class::Invisible, 0.9);
            } else {
                shown.push(toks.len());
            }
            toks.push(t);
            continue;
        }
        if kinds[i] & SPACE != 0 {
            let (prev, next) = (prev(&toks, &shown), next());
            let cjk = c == '\u{3000}'
                && (prev.is_some_and(chars::is_cjk) || next.is_some_and(chars::is_cjk));
            if !cjk {
                t.set(Out::Char(' '), Class::Space, 0.6);
            }
            shown.push(toks.len());
            toks.push(t);
            continue;
        }
        if !line.zalgo && line.styles.contains(&c) {
            t.set(Out::Drop, Class::Styled, 0.9);
            toks.push(t);
            continue;
        }
        if line.zalgo && chars::zalgo_mark(c) {
            if zalgo_group == 0 {
                zalgo_group = new_group();
            }
            t.set(Out::Drop, Class::Zalgo, 0.9);
            t.group = zalgo_group;
            toks.push(t);
            continue;
        }
        shown.push(toks.len());
        toks.push(t);
    }
    while let Some(run) = runs.pop() {
        close_run(&mut toks, &mut shown, run);
    }
    toks
}

/// Whether the braille blank at byte `at` (between the shown characters
/// `prev` and `next`) is a gap between two words, not a blank slipped into
/// one. Only between two word characters, and then the ASCII letters it
/// splits decide: a blank that splits one English word (`pre⠀sident`) is
/// slipped in; one whose two sides make no English word together
/// (`the⠀president`, `Baqubah⠀bombs`) is a gap. (Elsewhere a braille blank
/// is kept: posts pad with it, `🤦 ⠀`, and braille writes it.)
fn braille_gap(input: &str, at: usize, prev: Option<char>, next: Option<char>) -> bool {
    let braille = |x: Option<char>| x.is_some_and(|x| ('\u{2801}'..='\u{28FF}').contains(&x));
    if braille(prev) || braille(next) {
        return false;
    }
    let wordish = |x: Option<char>| x.is_some_and(chars::is_wordish);
    if !(wordish(prev) && wordish(next)) {
        return false;
    }
    let b = input.as_bytes();
    let end = at + '\u{2800}'.len_utf8();
    let mut s = at;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    let mut e = end;
    while e < b.len() && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    let (left, right) = (&b[s..at], &b[end..e]);
    if left.is_empty() || right.is_empty() || left.len() + right.len() > 40 {
        // (a letter beyond ASCII beside it: a slipped blank, as before)
        return false;
    }
    let joined: Vec<u8> = left.iter().chain(right).copied().collect();
    !swaps::is_word(&joined)
}

/// Whether no rule of pass 1 can act on `input`: it holds no backspace, no
/// bidi control, no invisible or control character, no exotic space and no
/// combining mark (the only characters those rules touch; zalgo needs marks,
/// and without controls or bidi runs a line break changes nothing).
fn plain_layout(input: &str) -> bool {
    input.chars().all(|c| {
        if c.is_ascii() {
            c >= ' ' && c != '\u{7F}' || matches!(c, '\t'..='\r')
        } else {
            chars::invisible(c).is_none()
                && chars::bidi_control(c).is_none()
                && !chars::exotic_space(c)
                && !chars::is_mark(c)
        }
    })
}

/// Re-decides the invisible characters pass 1 kept, now that pass 2 has
/// restored the letters around them: a joiner kept for an Arabic neighbour
/// that turned out to be a look-alike of Latin `l` goes too. Only removes, so
/// a second run of the engine finds nothing more to do.
pub(crate) fn settle(toks: &mut [Tok]) {
    // only a kept invisible character can change here
    if !toks
        .iter()
        .any(|t| t.out == Out::Same && chars::invisible(t.ch).is_some())
    {
        return;
    }
    let n = toks.len();
    // next shown character that is not invisible, for every position
    let mut next_vis: Vec<Option<char>> = vec![None; n + 1];
    for i in (0..n).rev() {
        next_vis[i] = match toks[i].shown() {
            Some(c)
                if chars::invisible(toks[i].ch).is_none() && chars::bidi_control(c).is_none() =>
            {
                Some(c)
            }
            _ => next_vis[i + 1],
        };
    }
    let mut start = 0;
    while start < n {
        let end = toks[start..]
            .iter()
            .position(|t| t.shown() == Some('\n'))
            .map_or(n, |k| start + k);
        let has_rtl = toks[start..end]
            .iter()
            .filter_map(Tok::shown)
            .any(rtl_letter);
        let line = Line {
            has_rtl,
            zalgo: false,
            styles: Vec::new(),
        };
        // a line that hid invisible characters inside its words hid the
        // ones between its marks too (`night,‍ insiders`): there only what a
        // script or an emoji needs stays
        let evident = toks[start..end]
            .iter()
            .filter(|t| t.class == Some(Class::Invisible) && t.out == Out::Drop)
            .nth(1)
            .is_some();
        let mut prev: Option<char> = None;
        for i in start..end {
            let Some(c) = toks[i].shown() else { continue };
            if let (Some(kind), Out::Same) = (chars::invisible(toks[i].ch), &toks[i].out) {
                let next = next_vis[i + 1];
                let needed = || match kind {
                    Invisible::Joiner => {
                        prev.is_some_and(chars::is_emoji)
                            || next.is_some_and(chars::is_emoji)
                            || [prev, next].into_iter().flatten().any(|x| {
                                !x.is_ascii()
                                    && chars::is_wordish(x)
                                    && chars::uses_joiners(chars::script(x))
                            })
                    }
                    Invisible::Plain => {
                        !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
                    }
                    _ => true,
                };
                if !keep_invisible(kind, c, prev, next, &line) || (evident && !needed()) {
                    toks[i].set(Out::Drop, Class::Invisible, 0.9);
                    continue;
                }
            }
            prev = Some(c);
        }
        start = end + 1;
    }
}

/// Closes a bidi run that opened at token `open`: its tokens become one
/// change, reversed if the run was a RIGHT-TO-LEFT OVERRIDE.
fn close_run(toks: &mut [Tok], shown: &mut Vec<usize>, (open, reverse, g): (usize, bool, u32)) {
    let inner = &mut toks[open + 1..];
    for t in inner.iter_mut() {
        t.group = g;
    }
    if reverse {
        inner.reverse();
        // `shown` is in token order: cut it at the run, then list the run anew
        shown.truncate(shown.partition_point(|&k| k <= open));
        for (k, t) in toks.iter().enumerate().skip(open + 1) {
            if t.shown().is_some() {
                shown.push(k);
            }
        }
    }
}

/// A right-to-left letter that is not a look-alike of a Latin one (Arabic
/// alef reads as `l` and may be planted in Latin words).
fn rtl_letter(c: char) -> bool {
    !c.is_ascii()
        && chars::is_letter(c)
        && chars::is_rtl_script(chars::script(c))
        && !super::letters::has_latin_lookalike(c)
}

/// A character that is invisible or a bidi control (see [`kind`]).
const HIDDEN: u8 = 1;
/// An exotic space.
const SPACE: u8 = 2;
/// A combining mark.
const MARK: u8 = 4;

/// Code points below this have their [`kind`] kept by block.
const KIND_CACHED: u32 = 0x2_0000;

/// [`kind`], kept for every code point of the first two planes by block of
/// 256, each block found on its first use: a zalgo line asks it of every
/// mark, and each answer reads several lists.
fn cached_kind(c: char) -> u8 {
    static BLOCKS: [std::sync::OnceLock<[u8; 256]>; (KIND_CACHED >> 8) as usize] =
        [const { std::sync::OnceLock::new() }; (KIND_CACHED >> 8) as usize];
    let cp = c as u32;
    if cp >= KIND_CACHED {
        return kind(c);
    }
    let block = BLOCKS[(cp >> 8) as usize].get_or_init(|| {
        std::array::from_fn(|lo| char::from_u32((cp & !0xFF) | lo as u32).map_or(0, kind))
    });
    block[(cp & 0xFF) as usize]
}

/// What pass 1 asks of a character, as bits: [`HIDDEN`], [`SPACE`], [`MARK`].
fn kind(c: char) -> u8 {
    if (' '..='~').contains(&c) {
        return 0;
    }
    let mut k = 0;
    if chars::invisible(c).is_some() || chars::bidi_control(c).is_some() {
        k |= HIDDEN;
    }
    if chars::exotic_space(c) {
        k |= SPACE;
    }
    if chars::is_mark(c) {
        k |= MARK;
    }
    k
}

/// Facts about the line that starts at `cs[from]` (`kinds`: the [`kind`]
/// of each character).
fn scan_line(cs: &[(usize, char)], kinds: &[u8], from: usize) -> Line {
    let mut has_rtl = false;
    let mut zalgo = false;
    let mut styles: Vec<char> = Vec::new();
    // generic marks that the last clusters kept after composition, with the
    // number of clusters in a row that kept them
    let mut runs: Vec<(char, u32)> = Vec::new();
    let mut kept: Vec<char> = Vec::new();
    let mut i = from;
    while i < cs.len() && cs[i].1 != '\n' {
        let c = cs[i].1;
        // (an ASCII character with no mark after it, most of a line, is no
        // right-to-left letter and a cluster without marks)
        if c.is_ascii() && kinds.get(i + 1).is_none_or(|&k| k & MARK == 0) {
            if !zalgo {
                runs.clear();
            }
            i += 1;
            continue;
        }
        if !has_rtl && rtl_letter(c) {
            has_rtl = true;
        }
        // a base followed by combining marks
        let mut j = i + 1;
        let mut generic = 0;
        while j < cs.len() && kinds[j] & MARK != 0 {
            generic += chars::zalgo_mark(cs[j].1) as usize;
            j += 1;
        }
        // (most clusters compose nothing: their marks are what NFC keeps)
        let inert = generic > 0 && inert(&cs[i..j]);
        if !zalgo && generic >= 2 {
            zalgo = generic >= 4 || inert || stacked(&cs[i..j]);
        }
        if zalgo {
            // (a zalgo line removes every generic mark: its styles are never asked)
        } else if generic == 0 {
            runs.clear();
        } else {
            kept.clear();
            if inert {
                for &(_, m) in &cs[i + 1..j] {
                    if !kept.contains(&m) {
                        kept.push(m);
                    }
                }
            } else {
                kept.extend(uncomposed(&cs[i..j]));
            }
            runs.retain(|(m, _)| kept.contains(m));
            for &m in &kept {
                match runs.iter_mut().find(|(x, _)| *x == m) {
                    Some(r) => r.1 += 1,
                    None => runs.push((m, 1)),
                }
            }
            for &(m, n) in &runs {
                if n >= 3 && !styles.contains(&m) {
                    styles.push(m);
                }
            }
        }
        i = j;
    }
    Line {
        has_rtl,
        zalgo,
        styles,
    }
}

/// The generic marks of a base with its marks that stay separate after
/// canonical composition (an accent composes into `é`; a stroke never does).
fn uncomposed(cluster: &[(usize, char)]) -> Vec<char> {
    let mut kept: Vec<char> = Vec::new();
    for c in cluster.iter().map(|&(_, c)| c).nfc() {
        if chars::zalgo_mark(c) && !kept.contains(&c) {
            kept.push(c);
        }
    }
    kept
}

/// Whether canonical composition leaves a base with its marks as they are
/// (but for their order): an ASCII base with generic marks that never
/// compose nor decompose. Then every mark stays separate.
fn inert(cluster: &[(usize, char)]) -> bool {
    cluster[0].1.is_ascii()
        && cluster[1..]
            .iter()
            .all(|&(_, m)| chars::zalgo_mark(m) && !composing_mark(m))
}

/// The generic combining marks that canonical composition joins to a
/// letter before them (`\u{301}` in `é`), or that decompose (`\u{340}`).
fn composing_mark(m: char) -> bool {
    matches!(
        m,
        '\u{300}'..='\u{304}'
            | '\u{306}'..='\u{30C}'
            | '\u{30F}'
            | '\u{311}'
            | '\u{313}'
            | '\u{314}'
            | '\u{31B}'
            | '\u{323}'..='\u{328}'
            | '\u{32D}'
            | '\u{32E}'
            | '\u{330}'
            | '\u{331}'
            | '\u{338}'
            | '\u{340}'..='\u{345}'
    )
}

/// Whether a base with its marks keeps two or more generic marks after
/// canonical composition: real letters (ệ, ᾄ) compose, random stacks do not.
fn stacked(cluster: &[(usize, char)]) -> bool {
    cluster
        .iter()
        .map(|&(_, c)| c)
        .nfc()
        .filter(|&c| chars::zalgo_mark(c))
        .count()
        >= 2
}

/// A styled letter (circled, mathematical…) counts as a letter for the rules here.
fn styled_letter(c: char) -> Option<char> {
    super::letters::styled(c)
}

/// Whether an invisible character stays, given the visible characters before
/// and after it.
fn keep_invisible(
    kind: Invisible,
    c: char,
    prev: Option<char>,
    next: Option<char>,
    line: &Line,
) -> bool {
    let wordish =
        |x: Option<char>| x.is_some_and(|x| chars::is_wordish(x) || styled_letter(x).is_some());
    let touches_word = wordish(prev) || wordish(next);
    let script_is = |x: Option<char>, f: fn(unicode_script::Script) -> bool| {
        x.is_some_and(|x| !x.is_ascii() && chars::is_wordish(x) && f(chars::script(x)))
    };
    match kind {
        Invisible::Control => false,
        Invisible::Plain => match c {
            '\u{180E}' => script_is(prev, |s| s == unicode_script::Script::Mongolian),
            '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => {
                script_is(prev, |s| s == unicode_script::Script::Hangul)
                    || script_is(next, |s| s == unicode_script::Script::Hangul)
            }
            // a braille blank is visible as a gap: only inside a word is it a trick
            '\u{2800}' => !(wordish(prev) && wordish(next)),
            _ => !touches_word,
        },
        Invisible::Joiner => {
            if prev.is_some_and(chars::is_emoji) || next.is_some_and(chars::is_emoji) {
                return true;
            }
            if script_is(prev, chars::uses_joiners) || script_is(next, chars::uses_joiners) {
                return true;
            }
            !touches_word
        }
        Invisible::Selector => {
            let Some(p) = prev else { return false };
            match c {
                '\u{FE0E}' | '\u{FE0F}' => {
                    chars::is_emoji(p)
                        || matches!(p, '0'..='9' | '#' | '*')
                        || (!p.is_ascii() && !chars::is_wordish(p))
                }
                '\u{E0100}'..='\u{E01EF}' => chars::script(p) == unicode_script::Script::Han,
                // standardized variants follow CJK ideographs, math symbols and
                // a few scripts (Myanmar, Phags-pa, Mongolian); never letters of
                // the alphabets that disguises target
                _ => {
                    chars::is_cjk(p)
                        || (!p.is_ascii()
                            && !chars::is_wordish(p)
                            && styled_letter(p).is_none()
                            && !chars::is_emoji(p))
                        || matches!(
                            chars::script(p),
                            unicode_script::Script::Myanmar
                                | unicode_script::Script::Phags_Pa
                                | unicode_script::Script::Mongolian
                        )
                }
            }
        }
        Invisible::Tag => {
            matches!(prev, Some('\u{1F3F4}') | Some('\u{E0020}'..='\u{E007F}')) && c != '\u{E0001}'
        }
        Invisible::BidiMark => line.has_rtl || !touches_word,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The kinds kept by block are the kinds, for every code point of the
    /// first two planes and a sample beyond.
    #[test]
    fn cached_kind_agrees() {
        for cp in (0..0x2_0000u32).chain((0x2_0000..0x11_0000).step_by(97)) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(super::cached_kind(c), super::kind(c), "{cp:#x}");
            }
        }
    }

    /// Mostly plain characters, sometimes one the rules act on (so that
    /// both sides of the shortcut are exercised).
    fn texts() -> impl Strategy<Value = String> {
        let plain = prop::sample::select(vec![
            'a', 'I', ' ', '\n', '\t', '\r', 'é', 'п', 'ب', '\u{A0}', '😀', '中', '.', '`',
        ]);
        let acted_on = prop::sample::select(vec![
            '\u{8}',
            '\u{7F}',
            '\u{1}',
            '\u{85}',
            '\u{200B}',
            '\u{200D}',
            '\u{200E}',
            '\u{202E}',
            '\u{202C}',
            '\u{2066}',
            '\u{2069}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{2003}',
            '\u{3000}',
            '\u{301}',
            '\u{336}',
            '\u{93F}',
        ]);
        let pick = prop_oneof![20 => plain, 1 => acted_on];
        prop::collection::vec(pick, 0..24).prop_map(|v| v.into_iter().collect())
    }

    /// The generic marks [`super::composing_mark`] leaves out neither
    /// decompose nor follow the first character of any canonical
    /// decomposition, so canonical composition never joins them to anything.
    #[test]
    fn inert_marks_never_compose() {
        let mut second = std::collections::HashSet::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
            second.extend(parts.into_iter().skip(1));
        }
        for m in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !super::chars::zalgo_mark(m) || super::composing_mark(m) {
                continue;
            }
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(m, |d| parts.push(d));
            assert_eq!(parts, [m], "{m:?} decomposes");
            assert!(!second.contains(&m), "{m:?} composes");
        }
    }

    proptest! {
        /// Where the shortcut applies, the general path agrees token for token.
        #[test]
        fn shortcut_matches_the_general_path(s in texts()) {
            let general = super::layout_general(&s);
            if super::plain_layout(&s) {
                let fast = super::layout(&s);
                prop_assert_eq!(fast.len(), general.len());
                for (a, b) in fast.iter().zip(&general) {
                    prop_assert_eq!((a.start, a.ch, a.out, a.class, a.group), (b.start, b.ch, b.out, b.class, b.group));
                }
            }
        }

        /// And the shortcut is taken only where every token is left as it is.
        #[test]
        fn shortcut_only_for_identity(s in texts()) {
            if super::plain_layout(&s) {
                prop_assert!(super::layout_general(&s).iter().all(|t| t.out == super::Out::Same && t.class.is_none()));
            }
        }
    }
}
