//! Pass 2: styled letters and look-alike letters.
//!
//! **Styled** letters (mathematical alphanumerics, letterlike symbols, circled,
//! parenthesized and squared letters, small capitals) become the plain letter
//! they style. Fullwidth ASCII becomes ASCII unless the nearest letters are
//! Chinese, Japanese or Korean, where fullwidth forms are ordinary typography.
//!
//! **Look-alikes** are decided word by word. A word is a run of letters, marks
//! and digits (invisible characters removed by pass 1 do not split it). Each
//! line has a *context script*: the script with most *telling* letters, those
//! that have no look-alike in another script (Latin `f`, Cyrillic `д`, Greek
//! `λ`). Then:
//! - a word mixing scripts is restored into the script that can spell all of
//!   it (Latin `kпowп` → `known`, Cyrillic `Вxoдит` → `Входит`), preferring the
//!   context script on a tie;
//! - a word written wholly in another script than its line, whose every letter
//!   has a look-alike in the line's script, is restored into it (Cyrillic
//!   `Тһіѕ` in an English line). Latin words inside Cyrillic or Greek lines are
//!   restored only if they have a lower-case letter or are a single letter:
//!   acronyms and roman numerals (`XIX`, `HIV`) are real Latin text there;
//! - odd letters of the Latin script that only imitate an ASCII letter
//!   (`ɑ`, `ꭈ`, `ɡ`) are restored inside Latin words.

use super::chars;
use super::tables::{LOOKALIKE, STYLED};
use super::{Class, Out, Tok};
use unicode_script::Script;

/// How a candidate target script ranks for a word: fewer letters it cannot
/// spell, then the line's script, then more native letters.
type RankKey = (usize, bool, std::cmp::Reverse<usize>);

/// The scripts look-alikes can be restored into.
const TARGETS: [Script; 3] = [Script::Latin, Script::Cyrillic, Script::Greek];

/// The look-alikes of `c` in Latin, Cyrillic and Greek (`None` where it has none).
#[inline]
fn lookalike(c: char) -> Option<[Option<char>; 3]> {
    let k = c as u32;
    let i = LOOKALIKE.binary_search_by_key(&k, |r| r.0).ok()?;
    let r = LOOKALIKE[i];
    Some([r.1, r.2, r.3].map(|x| if x == 0 { None } else { char::from_u32(x) }))
}

#[inline]
fn styled(c: char) -> Option<char> {
    let k = c as u32;
    if k < 0x1D00 {
        return None;
    }
    let i = STYLED.binary_search_by_key(&k, |r| r.0).ok()?;
    char::from_u32(STYLED[i].1)
}

/// Whether `c` is an everyday letter of target script `t` (index into [`TARGETS`]).
#[inline]
fn everyday(c: char, t: usize) -> bool {
    match t {
        0 => c.is_ascii_alphabetic(),
        1 => ('\u{0400}'..='\u{045F}').contains(&c),
        _ => ('\u{0386}'..='\u{03CF}').contains(&c),
    }
}

fn target_index(s: Script) -> Option<usize> {
    TARGETS.iter().position(|&t| t == s)
}

/// A letter is telling for its script when no other script has a look-alike of it.
#[inline]
fn telling(c: char) -> Option<Script> {
    let s = chars::script(c);
    if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
        return None;
    }
    match lookalike(c) {
        Some(row) if row.iter().any(Option::is_some) => None,
        _ => Some(s),
    }
}

/// Counts telling letters per script.
#[derive(Default, Clone)]
struct Tally {
    counts: Vec<(Script, u32)>,
}

impl Tally {
    fn add(&mut self, s: Script) {
        match self.counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((s, 1)),
        }
    }
    fn merge(&mut self, o: &Tally) {
        for &(s, n) in &o.counts {
            match self.counts.iter_mut().find(|(x, _)| *x == s) {
                Some((_, m)) => *m += n,
                None => self.counts.push((s, n)),
            }
        }
    }
    fn best(&self) -> Option<Script> {
        self.counts.iter().max_by_key(|(_, n)| *n).map(|&(s, _)| s)
    }
}

/// Runs pass 2 over the tokens (in output order).
pub(crate) fn letters(toks: &mut [Tok]) {
    // lines, by token index
    let mut lines = Vec::new();
    let mut s = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.shown() == Some('\n') {
            lines.push(s..i);
            s = i + 1;
        }
    }
    lines.push(s..toks.len());

    let mut tallies = Vec::with_capacity(lines.len());
    let mut doc = Tally::default();
    for r in &lines {
        restyle(&mut toks[r.clone()]);
        let mut t = Tally::default();
        for c in toks[r.clone()].iter().filter_map(Tok::shown) {
            if !c.is_ascii() || c.is_ascii_alphabetic() {
                if let Some(s) = telling(c) {
                    t.add(s);
                }
            }
        }
        doc.merge(&t);
        tallies.push(t);
    }
    let doc_ctx = doc.best();
    for (r, t) in lines.into_iter().zip(tallies) {
        let ctx = t.best().or(doc_ctx);
        relook(&mut toks[r], ctx);
    }
}

/// Styled letters and fullwidth forms within one line.
fn restyle(line: &mut [Tok]) {
    let mut has_fullwidth = false;
    for t in line.iter_mut() {
        let Some(c) = t.shown() else { continue };
        if c.is_ascii() {
            continue;
        }
        if let Some(p) = styled(c) {
            let to = if p.is_ascii() {
                Script::Latin
            } else {
                chars::script(p)
            };
            t.set(Out::Char(p), Class::Styled, 0.95);
            t.scripts = Some((Script::Common, to));
        } else if chars::fullwidth_ascii(c).is_some() {
            has_fullwidth = true;
        }
    }
    if !has_fullwidth {
        return;
    }
    // nearest letter on each side that is not fullwidth: is it East Asian?
    let strong =
        |c: char| (chars::is_letter(c) || chars::is_cjk(c)) && chars::fullwidth_ascii(c).is_none();
    let mut left: Vec<Option<bool>> = Vec::with_capacity(line.len());
    let mut last = None;
    for t in line.iter() {
        left.push(last);
        if let Some(c) = t.shown().filter(|&c| strong(c)) {
            last = Some(chars::is_cjk(c));
        }
    }
    let mut last = None;
    for (i, t) in line.iter_mut().enumerate().rev() {
        let c = t.shown();
        if let Some(a) = c.and_then(chars::fullwidth_ascii) {
            let cjk = left[i] == Some(true) || last == Some(true);
            if !cjk {
                t.set(Out::Char(a), Class::Styled, 0.9);
                t.scripts = Some((Script::Common, Script::Latin));
            }
        }
        if let Some(c) = c.filter(|&c| strong(c)) {
            last = Some(chars::is_cjk(c));
        }
    }
}

/// Look-alike letters within one line, word by word.
fn relook(line: &mut [Tok], ctx: Option<Script>) {
    let mut i = 0;
    while i < line.len() {
        let in_word = |t: &Tok| t.shown().is_none_or(chars::is_wordish);
        if !line[i].shown().is_some_and(chars::is_wordish) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < line.len() && in_word(&line[j]) {
            j += 1;
        }
        resolve_word(&mut line[i..j], ctx);
        i = j;
    }
}

/// Decides the script of one word and restores its look-alikes into it.
fn resolve_word(word: &mut [Tok], ctx: Option<Script>) {
    // quick exit: an all-ASCII word in a Latin (or unknown) line
    let ascii = word.iter().all(|t| t.shown().is_none_or(|c| c.is_ascii()));
    if ascii && ctx.is_none_or(|c| c == Script::Latin) {
        return;
    }
    let letters: Vec<(usize, char, Script)> = word
        .iter()
        .enumerate()
        .filter_map(|(k, t)| {
            t.shown()
                .filter(|&c| chars::is_letter(c))
                .map(|c| (k, c, chars::script(c)))
        })
        .collect();
    if letters.is_empty() {
        return;
    }
    // per target: letters native to it, letters that cannot be written in it
    let mut native = [0usize; 3];
    let mut infeasible = [0usize; 3];
    let mut scripts: Vec<Script> = Vec::new();
    for &(_, c, s) in &letters {
        if !scripts.contains(&s) {
            scripts.push(s);
        }
        let row = lookalike(c);
        for t in 0..3 {
            if everyday(c, t) {
                native[t] += 1;
            } else if row.is_none_or(|r| r[t].is_none()) {
                infeasible[t] += 1;
            }
        }
    }
    let n = letters.len();
    let ctx_t = ctx.and_then(target_index);
    let single = scripts.len() == 1 && target_index(scripts[0]).is_none_or(|t| native[t] == n);
    let target = if single {
        let s = scripts[0];
        let Some(c) = ctx_t else { return };
        if ctx == Some(s) || infeasible[c] > 0 {
            return;
        }
        let has_lower = letters.iter().any(|&(_, ch, _)| ch.is_lowercase());
        let allowed = match TARGETS[c] {
            Script::Latin => true,
            _ => s != Script::Latin || has_lower || n == 1,
        };
        if !allowed {
            return;
        }
        c
    } else {
        let mut best: Option<(usize, RankKey)> = None;
        for t in 0..3 {
            if native[t] == 0 && Some(t) != ctx_t {
                continue;
            }
            let key = (
                infeasible[t],
                Some(t) != ctx_t,
                std::cmp::Reverse(native[t]),
            );
            if best.as_ref().is_none_or(|(_, k)| key < *k) {
                best = Some((t, key));
            }
        }
        let Some((t, _)) = best else { return };
        t
    };
    let confidence = if single { 0.75 } else { 0.95 };
    for &(k, c, s) in &letters {
        if everyday(c, target) {
            continue;
        }
        if let Some(to) = lookalike(c).and_then(|r| r[target]) {
            let tok = &mut word[k];
            let from = match tok.scripts {
                Some((Script::Common, _)) | None => s,
                Some((f, _)) => f,
            };
            tok.set(Out::Char(to), Class::Homoglyph, confidence);
            tok.scripts = Some((from, TARGETS[target]));
        }
    }
}
