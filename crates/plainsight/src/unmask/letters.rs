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
use super::rows::RowIndex;
use super::swaps;
use super::tables::{LOOKALIKE, LOOSE_MARKS, MARKS, STYLED, SYMBOLS};
use super::{Class, Out, Tok};
use unicode_script::Script;

/// How a candidate target script ranks for a word: fewer letters it cannot
/// spell, then the line's script, then fewer letters spelled only through the
/// extra look-alikes, then more native letters.
type RankKey = (usize, bool, usize, std::cmp::Reverse<usize>);

/// The scripts look-alikes can be restored into.
const TARGETS: [Script; 3] = [Script::Latin, Script::Cyrillic, Script::Greek];

/// The look-alikes of a character in Latin, Cyrillic and Greek (see [`lookalike`]).
type Lookalike = Option<([Option<char>; 3], u8)>;

/// The look-alikes of `c` in Latin, Cyrillic and Greek (`None` where it has
/// none), and a mask whose bit i says look-alike i comes from confusables.txt
/// itself rather than from our extra list.
#[inline]
fn lookalike(c: char) -> Lookalike {
    let r = LOOKALIKE[lookalike_index(c)?];
    Some((
        [r.1, r.2, r.3].map(|x| if x == 0 { None } else { char::from_u32(x) }),
        r.4,
    ))
}

/// The row of `c` in [`LOOKALIKE`] (every letter of a disguised word asks
/// this several times: see [`RowIndex`]).
#[inline]
fn lookalike_index(c: char) -> Option<usize> {
    static INDEX: RowIndex = RowIndex::new();
    INDEX.row(&LOOKALIKE, |r| r.0, c)
}

/// Whether a combining accent is one that English loanwords never carry
/// (anything but acute, grave, circumflex, cedilla and tilde), as
/// [`accent_of`] judges a precomposed letter.
pub(crate) fn odd_mark(m: char) -> bool {
    !matches!(
        m,
        '\u{0301}' | '\u{0300}' | '\u{0302}' | '\u{0327}' | '\u{0303}'
    )
}

/// Whether `c` alone may be a one-letter English word (`⍺` for the article a).
pub(crate) fn is_lone_word_lookalike(c: char) -> bool {
    latin_symbol(c) == Some('a')
}

/// Whether `c` is a letter that reads as an ASCII digit and may stand alone
/// for one among numbers (`𐓒`, `Ꝛ`, `Ʒ`; not Cyrillic `З` or `б`, which
/// are letters of real text beside numbers).
pub(crate) fn is_digit_letter_lookalike(c: char) -> bool {
    chars::is_letter(c)
        && mark(c).is_some_and(|m| m.is_ascii_digit())
        && !matches!(chars::script(c), Script::Cyrillic | Script::Greek)
}

/// Whether `c` is a symbol, digit or mark that reads as an ASCII letter.
pub(crate) fn is_latin_symbol(c: char) -> bool {
    latin_symbol(c).is_some()
}

/// Whether `c` is a punctuation or digit look-alike (see [`latin_marks`]).
pub(crate) fn is_mark_lookalike(c: char) -> bool {
    mark(c).is_some()
}

/// Whether `c` is one of the punctuation look-alikes [`punctuation`] rewrites.
pub(crate) fn is_punctuation_lookalike(c: char) -> bool {
    maybe_punctuation(c) && (APOSTROPHES.contains(&c) || STOPS.contains(&c) || DASHES.contains(&c))
}

/// Whether a letter is telling for its script (see [`telling`]).
pub(crate) fn is_telling(c: char) -> bool {
    telling(c).is_some()
}

/// Whether `c` has a look-alike in any of the target scripts.
pub(crate) fn has_any_lookalike(c: char) -> bool {
    lookalike(c).is_some_and(|(r, _)| r.iter().any(Option::is_some))
}

/// Whether `c` has a look-alike among ASCII letters.
pub(crate) fn has_latin_lookalike(c: char) -> bool {
    lookalike(c).is_some_and(|(r, _)| r[0].is_some())
}

/// Whether `c` is an odd Latin letter that imitates an ASCII one (`ɑ`, `ꭈ`).
pub(crate) fn is_odd_latin(c: char) -> bool {
    !c.is_ascii()
        && chars::script(c) == Script::Latin
        && lookalike(c).is_some_and(|(r, _)| r[0].is_some())
}

/// For a Latin letter with an accent over an ASCII letter (é, ï), whether the
/// accent is an odd one: anything but acute, grave, circumflex, cedilla and
/// tilde, the accents names are written with (José, François, Núñez).
pub(crate) fn accent_of(c: char) -> Option<bool> {
    let mut parts = Vec::new();
    unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
    let (&base, marks) = parts.split_first()?;
    if !base.is_ascii_alphabetic() || marks.is_empty() {
        return None;
    }
    Some(marks.iter().any(|&m| {
        !matches!(
            m,
            '\u{0301}' | '\u{0300}' | '\u{0302}' | '\u{0327}' | '\u{0303}'
        )
    }))
}

/// The ASCII letter under an accented Latin letter.
fn accent_base(c: char) -> Option<char> {
    accent_of(c)?;
    let mut b = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if b.is_none() {
            b = Some(d);
        }
    });
    b
}

/// Whether a word of ASCII and accented letters is an English word under
/// sprinkled accents: without them it is English, with them it is not one
/// of the English words written with accents.
pub(crate) fn accent_candidate(word: &str) -> bool {
    let mut plain = Vec::with_capacity(word.len());
    for c in word.chars() {
        match c {
            c if c.is_ascii_alphabetic() => plain.push(c as u8),
            // a combining accent after its letter (decomposed text, or a
            // letter with no precomposed form: f̣)
            c if chars::zalgo_mark(c) && !plain.is_empty() => {}
            c => match accent_base(c) {
                Some(b) => plain.push(b as u8),
                None => return false,
            },
        }
    }
    !word.is_ascii() && swaps::is_word(&plain) && !swaps::is_accented_word(&word.to_lowercase())
}

/// A look-alike letter that, in a Latin line, becomes one ASCII letter and
/// nothing else: no rule but the look-alike one reads it (it is no styled,
/// tiny, mark, symbol, punctuation or dash look-alike). A Cyrillic or Greek
/// letter (`п`, `υ`), an odd Latin letter (`ɑ`, `ƽ`), or a letter of another
/// script that confusables.txt reads as a Latin one (`Ꭺ`, `օ`). The fast lane
/// of [`super::subst`] takes words of these letters alone.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Simple {
    /// The ASCII letter it restores to.
    pub to: u8,
    /// Whether the look-alike comes from confusables.txt itself (confidence
    /// 0.95 in a word that mixes scripts) rather than from the extra list
    /// (0.80).
    pub strong: bool,
    /// Its script.
    pub script: Script,
    /// The script it votes for in its word's tally (see [`telling`]):
    /// Latin, Cyrillic or Greek, or none.
    pub telling: Option<Script>,
}

/// The [`Simple`] look-alike `c` is, if it is one.
#[inline]
pub(crate) fn simple_lookalike(c: char) -> Option<Simple> {
    if c.is_ascii() {
        return None;
    }
    let i = lookalike_index(c)?;
    static TABLE: std::sync::OnceLock<Vec<Option<Simple>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        LOOKALIKE
            .iter()
            .map(|r| char::from_u32(r.0).and_then(simple_of))
            .collect()
    })[i]
}

/// Every character that is a [`Simple`] look-alike (for the lane's pre-check).
pub(crate) fn simple_lookalikes() -> impl Iterator<Item = char> {
    LOOKALIKE
        .iter()
        .filter_map(|r| char::from_u32(r.0))
        .filter(|&c| simple_lookalike(c).is_some())
}

/// Every character [`styled`] reads as a plain letter or digit.
pub(crate) fn styled_chars() -> impl Iterator<Item = char> {
    STYLED.iter().filter_map(|r| char::from_u32(r.0))
}

/// Builds the [`Simple`] entry of one character.
fn simple_of(c: char) -> Option<Simple> {
    let script = chars::script(c);
    let kind_ok = match script {
        // (a letter of these blocks is native to its script, so that a
        // word wholly in them is a word of that script to the engine)
        Script::Cyrillic | Script::Greek => everyday(c, target_index(script)?),
        // an odd Latin letter is restored inside any word (never native)
        Script::Latin => is_odd_latin(c),
        Script::Common | Script::Inherited | Script::Unknown => false,
        // (a right-to-left letter changes how bidi controls and marks are
        // read, and a joining script keeps the joiners beside its letters)
        s => !chars::is_rtl_script(s) && !chars::uses_joiners(s),
    };
    if !kind_ok
        || !chars::is_letter(c)
        || !chars::is_wordish(c)
        || styled(c).is_some()
        || tiny(c).is_some()
        || mark(c).is_some()
        || latin_symbol(c).is_some()
        || loose_mark(c).is_some()
        || is_punctuation_lookalike(c)
        || dashlike(c)
        || chars::zalgo_mark(c)
        || chars::invisible(c).is_some()
        || chars::fullwidth_ascii(c).is_some()
        || chars::is_cjk(c)
        || matches!(c, 'ı' | 'ӏ' | '∣' | 'ǀ' | '￨' | '⏽')
    {
        return None;
    }
    let (row, mask) = lookalike(c)?;
    let to = row[0].filter(char::is_ascii_alphabetic)?;
    let telling = telling(c);
    // (votes go to Latin, Cyrillic or Greek only, as the lane counts them)
    if telling.is_some_and(|t| t != script || target_index(t).is_none()) {
        return None;
    }
    Some(Simple {
        to: to as u8,
        strong: mask & 1 != 0,
        script,
        telling,
    })
}

/// A letter of the Cyrillic (U+0400..U+052F) or Greek (U+0370..U+03FF,
/// U+1F00..U+1FFF) blocks, native to its script for the engine (a word of
/// them is a word of that script), that no styling rule reads: its script
/// and the script it votes for (see [`telling`]).
pub(crate) fn native_letter(c: char) -> Option<(Script, Option<Script>)> {
    let k = c as u32;
    let script = match k {
        0x0400..=0x052F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        _ => return None,
    };
    if !chars::is_letter(c)
        || chars::script(c) != script
        || styled(c).is_some()
        || tiny(c).is_some()
        || !everyday(c, target_index(script)?)
    {
        return None;
    }
    Some((script, telling(c)))
}

/// Whether the letter `c` has a look-alike from confusables.txt itself in
/// target script `t` (0 Latin, 1 Cyrillic, 2 Greek).
pub(crate) fn strong_target(c: char, t: usize) -> bool {
    lookalike(c).is_some_and(|(row, mask)| row[t].is_some() && mask & (1 << t) != 0)
}

/// What the fast lane of [`super::subst`] must watch around a typographic
/// mark it accepts (see [`typography`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Typo {
    /// Nothing: no rule reads it.
    Plain,
    /// An en or em dash: a run of dashes that mixes kinds becomes hyphens.
    Dash,
    /// The right single quote: after a word and before a space, in a
    /// disguised line, it may be a comma.
    RightQuote,
    /// The left single quote: between two letters of a disguised line it is
    /// an apostrophe.
    LeftQuote,
}

/// Typographic marks of ordinary English text (curly quotes, dashes, the
/// ellipsis, guillemets, the bullet, € and £) that no rule reads as a
/// disguise, but for the neighbourhoods [`Typo`] names. A mark any
/// look-alike table lists is left out.
pub(crate) fn typography(c: char) -> Option<Typo> {
    const MARKS: [char; 12] = ['’', '‘', '“', '”', '—', '–', '…', '«', '»', '•', '€', '£'];
    if c.is_ascii() || !MARKS.contains(&c) {
        return None;
    }
    if chars::is_letter(c)
        || chars::is_wordish(c)
        || mark(c).is_some()
        || loose_mark(c).is_some()
        || latin_symbol(c).is_some()
        || is_punctuation_lookalike(c)
        || styled(c).is_some()
        || tiny(c).is_some()
        || chars::invisible(c).is_some()
        || chars::bidi_control(c).is_some()
        || chars::exotic_space(c)
        || chars::zalgo_mark(c)
        || chars::fullwidth_ascii(c).is_some()
        || technical(c)
    {
        return None;
    }
    Some(match c {
        '’' => Typo::RightQuote,
        '‘' => Typo::LeftQuote,
        c if dashlike(c) => Typo::Dash,
        _ => Typo::Plain,
    })
}

/// Whether a character is a dash of any kind (the ASCII hyphen included).
pub(crate) fn is_any_dash(c: char) -> bool {
    dashlike(c)
}

/// A letter of the Latin script beyond ASCII (`é`, `ß`, `ł`) that no rule
/// reads as a disguise in a Latin line but the accent rule (see
/// [`accents`]): `Some(odd)` for such a letter, `odd` when its accent is
/// one English loanwords never carry. Only U+00C0..U+024F are looked up;
/// the fast lane of [`super::subst`] leaves other letters to the engine.
#[inline]
pub(crate) fn plain_latin(c: char) -> Option<bool> {
    const FIRST: u32 = 0x00C0;
    const END: u32 = 0x0250;
    let k = c as u32;
    if !(FIRST..END).contains(&k) {
        return None;
    }
    static TABLE: std::sync::OnceLock<Vec<Option<bool>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (FIRST..END)
            .map(|k| {
                let c = char::from_u32(k)?;
                let plain = chars::is_letter(c)
                    && chars::script(c) == Script::Latin
                    && everyday(c, 0)
                    && !is_odd_latin(c)
                    && styled(c).is_none()
                    && tiny(c).is_none()
                    && mark(c).is_none()
                    && latin_symbol(c).is_none()
                    && loose_mark(c).is_none()
                    && !is_punctuation_lookalike(c);
                plain.then(|| accent_of(c) == Some(true))
            })
            .collect()
    })[(k - FIRST) as usize]
}

/// The ASCII letter a symbol, digit or mark reads as (`⍺` → `a`, `౦` → `o`).
#[inline]
fn latin_symbol(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    static INDEX: RowIndex = RowIndex::new();
    let i = INDEX.row(&SYMBOLS, |r| r.0, c)?;
    char::from_u32(SYMBOLS[i].1)
}

/// The plain letter or digit that a styled one (mathematical, circled, small capital…) styles.
#[inline]
pub(crate) fn styled(c: char) -> Option<char> {
    let k = c as u32;
    if k < 0x0250 {
        return None;
    }
    static INDEX: RowIndex = RowIndex::new();
    let i = INDEX.row(&STYLED, |r| r.0, c)?;
    char::from_u32(STYLED[i].1)
}

/// Whether `c` is a native letter of target script `t` (index into
/// [`TARGETS`]): ASCII and the ordinary accented letters for Latin (not the
/// odd Latin letters that only imitate ASCII ones, like `ɑ`), and every letter
/// of the Cyrillic and Greek blocks (`ү`, `ғ`, `ά` are letters of real languages).
#[inline]
fn everyday(c: char, t: usize) -> bool {
    match t {
        0 => {
            c.is_ascii_alphabetic()
                || (!c.is_ascii()
                    && chars::script(c) == Script::Latin
                    && lookalike(c).is_none_or(|(r, _)| r[0].is_none()))
        }
        1 => ('\u{0400}'..='\u{052F}').contains(&c),
        _ => ('\u{0370}'..='\u{03FF}').contains(&c) || ('\u{1F00}'..='\u{1FFF}').contains(&c),
    }
}

fn target_index(s: Script) -> Option<usize> {
    TARGETS.iter().position(|&t| t == s)
}

/// A letter is telling for its script when confusables.txt gives it no
/// look-alike in another script.
#[inline(always)]
fn telling(c: char) -> Option<Script> {
    if c.is_ascii() {
        // ASCII letters, from a table built once
        static ASCII: std::sync::OnceLock<[bool; 128]> = std::sync::OnceLock::new();
        let t = ASCII.get_or_init(|| {
            std::array::from_fn(|b| {
                (b as u8).is_ascii_alphabetic()
                    && lookalike(b as u8 as char).is_none_or(|(_, mask)| mask == 0)
            })
        });
        return t[c as usize].then_some(Script::Latin);
    }
    // beyond ASCII, whether a character is telling is kept by block of 256
    // code points, each found on its first use (the tallies ask it of every
    // letter of a line, twice): then the script is its own
    let cp = c as u32;
    if cp >= TELLING_CACHED {
        return telling_listed(c);
    }
    static BLOCKS: [std::sync::OnceLock<[u64; 4]>; (TELLING_CACHED >> 8) as usize] =
        [const { std::sync::OnceLock::new() }; (TELLING_CACHED >> 8) as usize];
    let bits = BLOCKS[(cp >> 8) as usize].get_or_init(|| {
        let mut bits = [0u64; 4];
        for lo in 0..256u32 {
            if char::from_u32((cp & !0xFF) | lo).is_some_and(|x| telling_listed(x).is_some()) {
                bits[(lo >> 6) as usize] |= 1 << (lo & 63);
            }
        }
        bits
    });
    let lo = cp & 0xFF;
    (bits[(lo >> 6) as usize] >> (lo & 63) & 1 != 0).then(|| chars::script(c))
}

/// Code points below this have whether they are telling kept by block.
const TELLING_CACHED: u32 = 0x2_0000;

/// [`telling`] for a character beyond ASCII, from its script and its
/// look-alikes.
fn telling_listed(c: char) -> Option<Script> {
    let s = chars::script(c);
    if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
        return None;
    }
    match lookalike(c) {
        Some((_, mask)) if mask != 0 => None,
        _ => Some(s),
    }
}

/// Characters that mark a chunk of text as technical (a URL, an e-mail
/// address, a handle, markup): its Latin letters are real, not disguise, and
/// it says nothing about the language of the line.
#[inline]
fn technical(c: char) -> bool {
    matches!(
        c,
        '/' | '@' | '<' | '>' | '=' | '_' | '\\' | '|' | '{' | '}' | '#' | '&' | '~'
    )
}

/// Cyrillic letters that only Ukrainian, Belarusian and a few other
/// orthographies use: Latin `i` restores to Cyrillic `і` only where they occur.
#[inline]
fn dotted_i_language(c: char) -> bool {
    matches!(c, 'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' | 'ў' | 'Ў')
}

/// Facts about the whole text that word decisions use.
struct Doc {
    /// Script of the text when a line has no telling letters.
    ctx: Option<Script>,
    /// Whether Cyrillic `і` may be a letter of the text's language: it holds
    /// letters of the orthographies that use it, or none that only Russian uses.
    cyr_i: bool,
}

/// Counts telling letters per script, in the order the scripts first came
/// (a tie goes to the script that came last). The first four scripts are
/// kept inline: a word or a line rarely mixes more, and this is counted for
/// every word.
#[derive(Default, Clone)]
struct Tally {
    inline: [(Option<Script>, u32); 4],
    len: usize,
    more: Vec<(Script, u32)>,
}

impl Tally {
    fn add_n(&mut self, s: Script, n: u32) {
        for e in &mut self.inline[..self.len] {
            if e.0 == Some(s) {
                e.1 += n;
                return;
            }
        }
        if let Some(e) = self.more.iter_mut().find(|(x, _)| *x == s) {
            e.1 += n;
            return;
        }
        if self.len < self.inline.len() {
            self.inline[self.len] = (Some(s), n);
            self.len += 1;
        } else {
            self.more.push((s, n));
        }
    }
    fn add(&mut self, s: Script) {
        self.add_n(s, 1);
    }
    fn counts(&self) -> impl Iterator<Item = (Script, u32)> + '_ {
        self.inline[..self.len]
            .iter()
            .filter_map(|&(s, n)| s.map(|s| (s, n)))
            .chain(self.more.iter().copied())
    }
    fn merge(&mut self, o: &Tally) {
        for (s, n) in o.counts() {
            self.add_n(s, n);
        }
    }
    fn best(&self) -> Option<Script> {
        self.counts().max_by_key(|&(_, n)| n).map(|(s, _)| s)
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
    let mut line_words: Vec<Vec<Word>> = Vec::with_capacity(lines.len());
    // each word's vote, by line (see `line_tally`)
    let mut line_votes: Vec<Vec<Option<Script>>> = Vec::with_capacity(lines.len());
    let mut doc = Tally::default();
    let mut tech_tally = Tally::default();
    let mut cyr_i = false;
    let mut russian_only = false;
    for r in &lines {
        let line = &mut toks[r.clone()];
        restyle(line);
        let mut t = Tally::default();
        let ws = words(line);
        tiny_text(line, &ws);
        let mut word_votes = Vec::with_capacity(ws.len());
        for w in &ws {
            if w.technical {
                word_votes.push(None);
                for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
                    if let Some(s) = telling(c).filter(|_| chars::is_letter(c)) {
                        tech_tally.add(s);
                    }
                }
                continue;
            }
            let mut votes = Tally::default();
            for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
                // (no letter of these two lists is ASCII)
                if !c.is_ascii() {
                    cyr_i |= dotted_i_language(c);
                    russian_only |= matches!(c, 'ы' | 'Ы' | 'э' | 'Э' | 'ъ' | 'Ъ' | 'ё' | 'Ё');
                }
                if let Some(s) = telling(c).filter(|_| chars::is_letter(c)) {
                    votes.add(s);
                }
            }
            let vote = votes.best();
            if let Some(s) = vote {
                t.add(s);
            }
            word_votes.push(vote);
        }
        doc.merge(&t);
        tallies.push(t);
        line_words.push(ws);
        line_votes.push(word_votes);
    }
    // a text of URLs and handles alone still has a script
    let doc = Doc {
        ctx: doc.best().or(tech_tally.best()),
        cyr_i: cyr_i || !russian_only,
    };
    let mut before: Vec<Option<char>> = Vec::new();
    for (((r, t), ws), votes) in lines
        .into_iter()
        .zip(tallies)
        .zip(line_words)
        .zip(line_votes)
    {
        let mut ctx = t.best().or(doc.ctx);
        // a text with no telling letter at all, written in letters of a
        // script that only imitate Latin ones (Lisu `ꓔꓮꓬꓡꓳꓣ`, Cherokee
        // capitals), is Latin if it reads as English once restored
        let line = &mut toks[r];
        if ctx.is_none() && reads_as_latin_english(line, &ws) {
            ctx = Some(Script::Latin);
        }
        // (the look-alikes resolve_line restores never change where words end)
        before.clear();
        before.extend(line.iter().map(Tok::shown));
        resolve_line(line, &ws, ctx, &doc);
        // the restored words may show the line's script where the disguised
        // ones did not ("пu а": n is telling): decide once more with it, so
        // that a second run of the engine has nothing left to do
        let again = line_tally(line, &ws, &votes, &before).best().or(doc.ctx);
        if again != ctx {
            ctx = again;
            resolve_line(line, &ws, ctx, &doc);
        }
        // the characters a reader sees (no rule below removes or adds one)
        let mut shown = Vec::with_capacity(line.len());
        // (and those of them written beyond ASCII, where the rules for mark
        // runs, raised digits and odd brackets start: by index into `shown`)
        let mut wide = Vec::new();
        // (and whether a backtick is written or shown, what `backticks`
        // looks for first: the rules before it neither write nor remove one)
        let mut tick = false;
        // (and whether a dash beyond ASCII shows: a run of ASCII hyphens
        // alone is left as it is, so dash_runs has nothing to do without one)
        let mut dash = false;
        for (k, t) in line.iter().enumerate() {
            tick |= t.ch == '`' || t.shown() == Some('`');
            if let Some(c) = t.shown() {
                dash = dash || (!c.is_ascii() && dashlike(c));
                if !t.ch.is_ascii() {
                    wide.push(shown.len());
                }
                shown.push(k);
            }
        }
        if dash {
            dash_runs(line, &shown);
        }
        mark_runs(line, &shown, &wide);
        if ctx.is_none_or(|c| c == Script::Latin) {
            superscript_digits(line, &shown, &wide);
            // a line's ASCII swaps are evidence of disguise for its
            // backticks, and a restored backtick can show a contraction (l`m)
            let ticks = if tick { backticks(line) } else { None };
            quote_contractions(line);
            ascii_swaps(line, &ws);
            // (neither rule writes a backtick: a line that held none holds none)
            if ticks.is_some_and(|n| backticks(line).is_some_and(|m| m > n)) {
                ascii_swaps(line, &ws);
            }
            accents(line, &ws);
            let evident = disguised_marks(line, &shown);
            // (a bracket is restored only when written beyond ASCII)
            if wide.iter().any(|&j| {
                matches!(
                    line[shown[j]].shown(),
                    Some('(' | ')' | '[' | ']' | '{' | '}')
                )
            }) {
                brackets(line, &shown, evident);
            }
        }
    }
}

/// Runs of one ASCII mark with look-alikes of it mixed in (`!!!﹗!!`,
/// `**∗**`, `+++➕`, `==゠==`): every look-alike in the run becomes the mark,
/// when the run is three marks long or more and one of its look-alikes,
/// not a letter (or one another rule restored), stands right beside the
/// mark itself. No text writes a
/// look-alike into a run of the mark it imitates, so the run is its own
/// evidence of disguise. (Hyphens and quotes are left to the rules for
/// dashes and apostrophes.)
/// (`wide`: the indices into `shown` of the characters written beyond ASCII.)
fn mark_runs(line: &mut [Tok], shown: &[usize], wide: &[usize]) {
    // the ASCII mark a shown character is, or reads as
    let reads = |t: &Tok| -> Option<char> {
        let c = t.shown()?;
        if c.is_ascii() {
            return c.is_ascii_punctuation().then_some(c);
        }
        if t.out != Out::Same {
            return None;
        }
        loose_mark(c)
            .or_else(|| small_form(c))
            .filter(char::is_ascii_punctuation)
    };
    // (runs are found from their characters beyond ASCII, which few lines
    // have; `next`: the first character past the last run)
    let mut next = 0;
    for &j in wide {
        if j < next {
            continue;
        }
        let Some(m) = reads(&line[shown[j]]).filter(|m| !matches!(m, '-' | '\'' | '"' | '`'))
        else {
            continue;
        };
        let mut s = j;
        while s > 0 && reads(&line[shown[s - 1]]) == Some(m) {
            s -= 1;
        }
        let mut e = j + 1;
        while e < shown.len() && reads(&line[shown[e]]) == Some(m) {
            e += 1;
        }
        let is_m = |line: &[Tok], x: usize| line[shown[x]].shown() == Some(m);
        let evident = e - s >= 3
            && (s..e).any(|x| {
                // (a look-alike another rule already restored counts: ＋ in ++＋)
                let t = &line[shown[x]];
                !t.ch.is_ascii()
                    && (t.out != Out::Same || !chars::is_letter(t.ch))
                    && ((x > s && is_m(line, x - 1)) || (x + 1 < e && is_m(line, x + 1)))
            });
        if evident {
            for &k in &shown[s..e] {
                let t = &mut line[k];
                if t.out == Out::Same && !t.ch.is_ascii() {
                    let from = chars::script(t.ch);
                    t.set(Out::Char(m), Class::Homoglyph, 0.6);
                    t.scripts = Some((from, Script::Latin));
                }
            }
        }
        next = e;
    }
}

/// The digit a superscript or subscript digit is (`²`, `⁵`, `₃`).
pub(crate) fn raised_digit(c: char) -> Option<char> {
    match c {
        '¹' => Some('1'),
        '²' => Some('2'),
        '³' => Some('3'),
        '⁰' => Some('0'),
        '\u{2074}'..='\u{2079}' => char::from_digit(c as u32 - 0x2070, 10),
        '\u{2080}'..='\u{2089}' => char::from_digit(c as u32 - 0x2080, 10),
        _ => None,
    }
}

/// Superscript and subscript digits inside a number (`3²8`, `²50`,
/// `PM².5`): a digit or a decimal point and a digit right after one is no
/// exponent or footnote, so it is the plain digit. (`km²`, `10³ m` and
/// `H₂O` stay.)
/// (`wide`: the indices into `shown` of the characters written beyond ASCII.)
fn superscript_digits(line: &mut [Tok], shown: &[usize], wide: &[usize]) {
    let at = |line: &[Tok], j: usize| shown.get(j).and_then(|&k| line[k].shown());
    let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
    for &j in wide {
        let t = &line[shown[j]];
        if t.out != Out::Same || t.ch.is_ascii() {
            continue;
        }
        let Some(d) = raised_digit(t.ch) else {
            continue;
        };
        let next = at(line, j + 1);
        let inside = digit(next) || (matches!(next, Some('.' | ',')) && digit(at(line, j + 2)));
        if inside {
            let t = &mut line[shown[j]];
            t.set(Out::Char(d), Class::Styled, 0.7);
            t.scripts = Some((Script::Common, Script::Common));
        }
    }
}

/// The ASCII mark a small form variant is (`﹗`, `﹡`, `﹦`: U+FE50–FE6B).
pub(crate) fn small_form(c: char) -> Option<char> {
    if !('\u{FE50}'..='\u{FE6B}').contains(&c) {
        return None;
    }
    use unicode_normalization::UnicodeNormalization;
    let mut it = std::iter::once(c).nfkc();
    let a = it.next()?;
    (it.next().is_none() && a.is_ascii_punctuation()).then_some(a)
}

/// The ASCII mark a look-alike reads as in a line that shows deliberate
/// disguise: [`mark`] (but digits) and the looser [`LOOSE_MARKS`] (`ʔ`, `‐`, `ᐸ`).
/// The rules for dashes and mark runs ask it of every character of a line
/// beyond ASCII: one look-up in the answers of [`loose_mark_listed`] for
/// the characters of both tables, found once, saves the second.
#[inline]
fn loose_mark(c: char) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<(u32, u32)>> = std::sync::OnceLock::new();
    static INDEX: RowIndex = RowIndex::new();
    let table = TABLE.get_or_init(|| {
        let mut keys: Vec<u32> = MARKS.iter().chain(&LOOSE_MARKS).map(|r| r.0).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter()
            .filter_map(|k| Some((k, loose_mark_listed(char::from_u32(k)?)? as u32)))
            .collect()
    });
    let i = INDEX.row(table, |r| r.0, c)?;
    char::from_u32(table[i].1)
}

/// [`loose_mark`] from the two tables themselves (a character in neither
/// has no answer).
fn loose_mark_listed(c: char) -> Option<char> {
    if let Some(m) = mark(c).filter(|m| !m.is_ascii_digit()) {
        return Some(m);
    }
    static INDEX: RowIndex = RowIndex::new();
    let i = INDEX.row(&LOOSE_MARKS, |r| r.0, c)?;
    char::from_u32(LOOSE_MARKS[i].1)
}

/// Brackets of two kinds in one pair (`(see［`, `［see)`): the disguised one
/// takes the kind of its ASCII partner, when the line shows disguise
/// (`evident`) or another rule already rewrote that bracket.
fn brackets(line: &mut [Tok], shown: &[usize], evident: bool) {
    let mut open: Vec<(usize, char)> = Vec::new();
    for &k in shown {
        let Some(c) = line[k].shown() else { continue };
        match c {
            '(' | '[' | '{' => open.push((k, c)),
            ')' | ']' | '}' => {
                let Some((o, oc)) = open.pop() else { continue };
                let want_close = match oc {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if want_close == c {
                    continue;
                }
                let disguised = |t: &Tok| !t.ch.is_ascii();
                let rewritten = |t: &Tok| t.out != Out::Same;
                let (fix, to) = if disguised(&line[k])
                    && !disguised(&line[o])
                    && (evident || rewritten(&line[k]))
                {
                    (k, want_close)
                } else if disguised(&line[o])
                    && !disguised(&line[k])
                    && (evident || rewritten(&line[o]))
                {
                    (
                        o,
                        match c {
                            ')' => '(',
                            ']' => '[',
                            _ => '{',
                        },
                    )
                } else {
                    continue;
                };
                let from = chars::script(line[fix].ch);
                let t = &mut line[fix];
                t.set(Out::Char(to), Class::Homoglyph, 0.6);
                t.scripts = Some((from, Script::Latin));
            }
            _ => {}
        }
    }
}

/// In a run of three or more dashes that mixes ASCII hyphens with other
/// dashes, every dash becomes an ASCII hyphen: no typographer mixes them.
fn dash_runs(line: &mut [Tok], shown: &[usize]) {
    let at = |line: &[Tok], j: usize| shown.get(j).and_then(|&k| line[k].shown());
    let mut j = 0;
    while j < shown.len() {
        if !at(line, j).is_some_and(dashlike) {
            j += 1;
            continue;
        }
        let mut e = j;
        while e < shown.len() && at(line, e).is_some_and(dashlike) {
            e += 1;
        }
        let run = j..e;
        let ascii = run.clone().any(|x| at(line, x) == Some('-'));
        let other = run.clone().any(|x| at(line, x) != Some('-'));
        // (or two dashes or more of different kinds, one of them neither the
        // ASCII hyphen nor an en or em dash: ˗‐)
        let kinds = |x: usize| at(line, x).unwrap_or('-');
        let odd = run.clone().any(|x| !matches!(kinds(x), '-' | '–' | '—'));
        let mixed = run.clone().any(|x| kinds(x) != kinds(j));
        if (run.len() >= 3 && ascii && other) || (run.len() >= 2 && odd && mixed) {
            for x in run {
                let t = &mut line[shown[x]];
                if t.shown() != Some('-') {
                    let from = chars::script(t.ch);
                    t.set(Out::Char('-'), Class::Homoglyph, 0.7);
                    t.scripts = Some((from, Script::Latin));
                }
            }
        }
        j = e;
    }
}

/// A character inside or at the edge of a word, read as the letter `to`
/// (a pipe as l: `|ose`, `sma|l`; a degree sign as o: `t°`), where that makes
/// the word English (capital I's inside it read as l too: `especia|Iy`).
fn letter_in_word(line: &mut [Tok], shown: &[usize], j: usize, to: char) -> bool {
    let at = |line: &[Tok], x: usize| shown.get(x).and_then(|&k| line[k].shown());
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let mut s = j;
    while s > 0 && letter(at(line, s - 1)) {
        s -= 1;
    }
    let mut e = j + 1;
    while letter(at(line, e)) {
        e += 1;
    }
    if e - s < 2 || (s..e).len() > 40 || at(line, e).is_some_and(char::is_alphanumeric) {
        return false;
    }
    let word: Vec<u8> = (s..e)
        .map(|x| {
            if x == j {
                to as u8
            } else {
                at(line, x).map_or(b'?', |c| c as u8)
            }
        })
        .collect();
    let no_inner_i: Vec<u8> = word
        .iter()
        .enumerate()
        .map(|(i, &b)| if i > 0 && b == b'I' { b'l' } else { b })
        .collect();
    let fixed = if swaps::is_word(&word) {
        word
    } else if swaps::is_word(&no_inner_i) {
        no_inner_i
    } else {
        return false;
    };
    for (x, &b) in (s..e).zip(&fixed) {
        let t = &mut line[shown[x]];
        if t.shown() != Some(b as char) {
            let from = chars::script(t.ch);
            t.set(Out::Char(b as char), Class::Homoglyph, 0.6);
            t.scripts = Some((from, Script::Latin));
        }
    }
    true
}

/// Whether the word starting at shown index `j` is a word no possessive
/// takes after it: a conjunction, a relative pronoun, a preposition, an
/// article, a personal pronoun or a sentence adverb (`officers’ who`,
/// `humans’ although`, `members’ in`), where a possessive needs a noun.
fn next_word_is_function(line: &[Tok], shown: &[usize], j: usize) -> bool {
    let mut w = String::new();
    for &k in &shown[j.min(shown.len())..] {
        match line[k].shown() {
            Some(c) if c.is_ascii_alphabetic() && w.len() < 10 => w.push(c.to_ascii_lowercase()),
            Some(c) if c.is_ascii_alphabetic() => return false,
            _ => break,
        }
    }
    matches!(
        w.as_str(),
        "and"
            | "or"
            | "but"
            | "nor"
            | "yet"
            | "who"
            | "whom"
            | "which"
            | "that"
            | "so"
            | "when"
            | "while"
            | "whereas"
            | "where"
            | "because"
            | "although"
            | "though"
            | "however"
            | "therefore"
            | "unless"
            | "until"
            | "since"
            | "if"
            | "in"
            | "on"
            | "at"
            | "of"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "into"
            | "such"
            | "the"
            | "an"
            | "he"
            | "she"
            | "it"
            | "we"
            | "they"
            | "you"
    )
}

/// Whether a character is a dash of any kind other than the ASCII hyphen.
pub(crate) fn is_dashlike(c: char) -> bool {
    c != '-' && dashlike(c)
}

/// Whether a shown character is a dash of any kind.
fn dashlike(c: char) -> bool {
    if c.is_ascii() {
        return c == '-';
    }
    c == '–' || c == '—' || DASHES.contains(&c) || loose_mark(c) == Some('-')
}

/// Marks of a Latin line that real text also writes but a disguise borrows,
/// restored only where at least two letters were restored (the line shows
/// deliberate disguise):
/// - a look-alike of an ASCII mark from confusables.txt becomes that mark
///   (`ʔ` → `?`, `‐` → `-`, `ᐸ‹` → `<<`), and so do the dash and stop
///   look-alikes of [`punctuation`] in any place, unless they touch a
///   letter outside ASCII (IPA `[bɛʁˈnʊli]` keeps its stress mark);
/// - a pipe starting a word that is English with an l there is that l
///   (`|ose`);
/// - a right single quote
///   between a word (not a plural in s) and a space, with no left quote
///   before it, is a comma; and a bracket that closes or opens a pair of
///   another kind takes the kind of its ASCII partner (`(see［`).
///
/// Returns whether the line shows deliberate disguise.
fn disguised_marks(line: &mut [Tok], shown: &[usize]) -> bool {
    let restored = line
        .iter()
        .filter(|t| matches!(t.class, Some(Class::Homoglyph | Class::Styled)))
        .filter(|t| t.shown().is_some_and(|c| c.is_ascii_alphanumeric()))
        .nth(1)
        .is_some();
    if restored || isolated_mark_letter(line, shown) {
        // twice: a mark restored shows the context of its neighbour (੧ㆍ３ → 9.3)
        // (only characters shown as they are, a pipe or beyond ASCII, can
        // change below, and a character once changed stays changed)
        let open: Vec<usize> = (0..shown.len())
            .filter(|&j| {
                let t = &line[shown[j]];
                t.out == Out::Same && (t.ch == '|' || !t.ch.is_ascii())
            })
            .collect();
        for _ in 0..2 {
            marks_pass(line, shown, &open);
        }
        return true;
    }
    false
}

/// Whether a line holds a letter of a script it writes nowhere else that
/// reads as an ASCII mark beside ASCII text or another look-alike.
fn isolated_mark_letter(line: &[Tok], shown: &[usize]) -> bool {
    let at = |line: &[Tok], j: usize| shown.get(j).and_then(|&k| line[k].shown());
    // a letter of a script the line writes nowhere else, that reads as an
    // ASCII mark and touches ASCII text or another look-alike (ᐸ‹ for <<),
    // shows disguise as well as restored letters do; one standing apart,
    // as text about a script cites it, does not ("(の o ノ)")
    let group = |c: char| {
        let s = chars::script(c);
        if chars::is_cjk_script(s) {
            Script::Han
        } else {
            s
        }
    };
    // letters per script in the line (a line writes few scripts)
    let mut per_script: Vec<(Script, usize)> = Vec::new();
    for j in 0..shown.len() {
        if let Some(c) = at(line, j).filter(|&c| !c.is_ascii() && chars::is_letter(c)) {
            let s = group(c);
            match per_script.iter_mut().find(|(x, _)| *x == s) {
                Some((_, n)) => *n += 1,
                None => per_script.push((s, 1)),
            }
        }
    }
    let alone = |s: Script| per_script.iter().any(|&(x, n)| x == s && n == 1);
    (0..shown.len()).any(|j| {
        let Some(c) = at(line, j).filter(|c| !c.is_ascii()) else {
            return false;
        };
        let s = group(c);
        let touches = |x: Option<char>| {
            x.is_some_and(|x| {
                x.is_ascii_alphanumeric() || (!x.is_ascii() && loose_mark(x).is_some())
            })
        };
        !c.is_ascii()
            && chars::is_letter(c)
            && !matches!(s, Script::Latin | Script::Common | Script::Inherited)
            && loose_mark(c).is_some()
            && alone(s)
            && (touches(j.checked_sub(1).and_then(|p| at(line, p))) || touches(at(line, j + 1)))
    })
}

/// One pass of [`disguised_marks`] over the shown characters of a disguised line.
/// `open`: the indices into `shown` of the characters that may change.
fn marks_pass(line: &mut [Tok], shown: &[usize], open: &[usize]) {
    let at = |line: &[Tok], j: usize| shown.get(j).and_then(|&k| line[k].shown());
    let mut left_quote = false;
    for &j in open {
        let k = shown[j];
        let t = &line[k];
        if t.ch == '|' && t.out == Out::Same {
            letter_in_word(line, shown, j, 'l');
            continue;
        }
        if let Some(to) = latin_symbol(t.ch).filter(|_| t.out == Out::Same) {
            if letter_in_word(line, shown, j, to) {
                continue;
            }
        }
        let t = &line[k];
        if t.out != Out::Same || t.ch.is_ascii() {
            continue;
        }
        let c = t.ch;
        let prev = j.checked_sub(1).and_then(|p| at(line, p));
        let next = at(line, j + 1);
        if c == '‘' {
            left_quote = true;
            continue;
        }
        let to = if c == '’' {
            // (after a plural only before a word that no possessive takes:
            // officers’ who, galleries’ and; after a number only before a
            // word: 1982’ was, not 5’ 10)
            let plural = prev.is_some_and(|p| p == 's' || p == 'S');
            let word_end = prev.is_some_and(|p| p.is_ascii_alphabetic())
                && (!plural || next_word_is_function(line, shown, j + 2));
            let number_end = prev.is_some_and(|p| p.is_ascii_digit())
                && at(line, j + 2).is_some_and(|x| x.is_ascii_alphabetic());
            // (or before the closing double quote of a quotation that ends
            // with a comma, after a word not in s: home’" he said)
            let quoted = !plural
                && prev.is_some_and(|p| p.is_ascii_alphabetic())
                && next == Some('"')
                && at(line, j + 2).is_some_and(char::is_whitespace);
            (((word_end || number_end) && next.is_some_and(char::is_whitespace) || quoted)
                && !left_quote)
                .then_some(',')
        } else if matches!(c, 'ः' | 'ઃ' | 'ਃ' | 'ః' | 'ಃ' | 'ঃ' | 'ഃ' | 'ඃ') {
            // a visarga, a sign of Indic scripts, right after an ASCII letter
            // is a colon (them\u{903}): no Indic word starts with it
            let end = next.is_none_or(|x| x.is_whitespace() || x.is_ascii_punctuation());
            (prev.is_some_and(|p| p.is_ascii_alphanumeric()) && end).then_some(':')
        } else if c == 'ー' {
            // the katakana long-vowel mark standing alone between spaces of
            // a line without kana is an em dash (you get ー and)
            let gap = |x: Option<char>| x.is_none_or(char::is_whitespace);
            let kana = line
                .iter()
                .filter_map(Tok::shown)
                .any(|x| x != 'ー' && chars::is_cjk(x));
            (gap(prev) && gap(next) && !kana).then_some('—')
        } else {
            // never beside a letter outside ASCII (IPA stress in [bɛʁˈnʊli])
            let foreign = |x: Option<char>| x.is_some_and(|x| !x.is_ascii() && chars::is_letter(x));
            let stop = STOPS.contains(&c).then(|| punctuation_stop(c));
            let dash = DASHES.contains(&c).then_some('-');
            // a digit look-alike beside ASCII letters, digits or brackets (Lᒿ, [𞣋])
            // (or, for one that is no letter, a slash: 𞣋/28/2005)
            let slash = !chars::is_letter(c);
            let near = |x: Option<char>| {
                x.is_some_and(|x| {
                    x.is_ascii_alphanumeric()
                        || matches!(x, '(' | ')' | '[' | ']' | '.' | ',')
                        || (slash && x == '/')
                })
            };
            // (or standing alone as a word: I have ꝝ cats, б’ for 6,)
            let lone = prev.is_none_or(char::is_whitespace)
                && next.is_none_or(|x| {
                    x.is_whitespace() || matches!(x, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '’')
                });
            let digit =
                mark(c).filter(|m| m.is_ascii_digit() && (near(prev) || near(next) || lone));
            loose_mark(c)
                .or(stop)
                .or(dash)
                .or(digit)
                .filter(|_| !foreign(prev) && !foreign(next))
        };
        if let Some(to) = to {
            let from = chars::script(c);
            let t = &mut line[k];
            t.set(Out::Char(to), Class::Homoglyph, 0.6);
            t.scripts = Some((from, Script::Latin));
        }
    }
}

/// The ASCII letter a superscript or subscript letter stands for (`ᵃ`,
/// `ᴮ`, `ₑ`, `ʰ`): its compatibility decomposition, for the modifier and
/// phonetic letters only (not the ordinals `ª` `º`).
#[inline(always)]
pub(crate) fn tiny(c: char) -> Option<char> {
    if (c as u32) < 0x02B0
        || !matches!(
            c,
            '\u{02B0}'..='\u{02FF}'
                | '\u{1D2C}'..='\u{1DBF}'
                | '\u{2071}'
                | '\u{207F}'
                | '\u{2090}'..='\u{209C}'
                | '\u{2C7C}'..='\u{2C7D}'
                | '\u{A7F8}'..='\u{A7F9}'
                | '\u{AB5C}'..='\u{AB5F}'
        )
    {
        return None;
    }
    tiny_letter(c)
}

/// [`tiny`] for a character in its blocks: the decomposition itself (apart,
/// so that the quick test above is inlined where every character asks it).
#[inline(never)]
fn tiny_letter(c: char) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut it = std::iter::once(c).nfkc();
    let a = it.next()?;
    (it.next().is_none() && a.is_ascii_alphabetic()).then_some(a)
}

/// "Tiny text": words written in superscript or subscript letters
/// (`ᵗʰᵉ ˢᵉᶜʳᵉᵗ`). Phonetic transcriptions use a few of these letters
/// after ordinary ones (`tʰ`, `kʷ`), never whole words; so a word counts when
/// at least two of its letters, and at least half, are tiny, and the rest
/// ASCII; a line restores its tiny words (and its one-letter tiny words) when
/// it has two such words, or one that then reads as English.
fn tiny_text(line: &mut [Tok], ws: &[Word]) {
    if !line
        .iter()
        .any(|t| t.shown().is_some_and(|c| tiny(c).is_some()))
    {
        return;
    }
    let mut tiny_words = 0;
    let mut english = false;
    let mut found = false;
    for w in ws.iter().filter(|w| !w.technical) {
        let (mut tiny_n, mut letters, mut other) = (0usize, 0usize, false);
        let mut spelled = Vec::new();
        for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
            if let Some(a) = tiny(c) {
                tiny_n += 1;
                letters += 1;
                spelled.push(a.to_ascii_lowercase() as u8);
            } else if c.is_ascii_alphabetic() {
                letters += 1;
                spelled.push(c.to_ascii_lowercase() as u8);
            } else {
                other |= chars::is_letter(c);
            }
        }
        found |= tiny_n > 0;
        if !other && tiny_n >= 2 && tiny_n * 2 >= letters {
            tiny_words += 1;
            english |= spelled.len() >= 3 && swaps::is_word(&spelled);
        }
    }
    if !found || !(tiny_words >= 2 || (tiny_words == 1 && english)) {
        return;
    }
    for w in ws.iter().filter(|w| !w.technical) {
        let word = &line[w.range.clone()];
        let tiny_n = word
            .iter()
            .filter_map(Tok::shown)
            .filter(|&c| tiny(c).is_some())
            .count();
        let letters = word
            .iter()
            .filter_map(Tok::shown)
            .filter(|&c| chars::is_letter(c))
            .count();
        let ascii_rest = word
            .iter()
            .filter_map(Tok::shown)
            .all(|c| tiny(c).is_some() || !chars::is_letter(c) || c.is_ascii_alphabetic());
        if !(ascii_rest && tiny_n >= 1 && tiny_n * 2 >= letters) {
            continue;
        }
        for t in &mut line[w.range.clone()] {
            if let Some(a) = t.shown().and_then(tiny) {
                t.set(Out::Char(a), Class::Styled, 0.85);
                t.scripts = Some((Script::Latin, Script::Latin));
            }
        }
    }
}

/// Whether a line whose letters tell no script reads as English once each
/// letter is read as its Latin look-alike: at least three words of three
/// letters or more are English, two in three of those that can be read.
fn reads_as_latin_english(line: &[Tok], ws: &[Word]) -> bool {
    let (mut known, mut total, mut foreign) = (0usize, 0usize, false);
    // the word read with l, and with i for each look-alike of l (a stroke
    // reads as either: `ꓲ`, `ǀ`)
    let (mut with_l, mut with_i) = (Vec::new(), Vec::new());
    for w in ws.iter().filter(|w| !w.technical) {
        with_l.clear();
        with_i.clear();
        let mut readable = true;
        for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
            if c.is_ascii_alphabetic() {
                let b = c.to_ascii_lowercase() as u8;
                with_l.push(b);
                with_i.push(b);
            } else if chars::is_letter(c) {
                match lookalike(c).and_then(|(r, _)| r[0]) {
                    Some(l) if l.is_ascii_alphabetic() => {
                        foreign = true;
                        let b = l.to_ascii_lowercase() as u8;
                        with_l.push(b);
                        with_i.push(if b == b'l' { b'i' } else { b });
                    }
                    _ => readable = false,
                }
            } else if !chars::is_mark(c) {
                readable = false;
            }
        }
        if !readable {
            total += 1;
            continue;
        }
        if with_l.len() < 3 {
            continue;
        }
        total += 1;
        known += (swaps::is_word(&with_l) || swaps::is_word(&with_i)) as usize;
    }
    foreign && known >= 3 && known * 3 >= total * 2
}

/// Resolves the look-alikes of every word `ws` of a line in context `ctx`.
fn resolve_line(line: &mut [Tok], ws: &[Word], ctx: Option<Script>, doc: &Doc) {
    if ctx == Some(Script::Latin) {
        latin_marks(line);
    }
    let latin = ctx.is_none_or(|c| c == Script::Latin);
    // what the words look like before any change, taken as first needed: a
    // word's own before it may change, its neighbours' when it is resolved
    // (a word resolve_word leaves at once never changes, and most are such)
    let mut infos: Vec<Option<WordInfo>> = Vec::with_capacity(ws.len());
    infos.resize_with(ws.len(), || None);
    let mut letters = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        // (the quick exit of resolve_word: an all-ASCII word in a Latin or
        // unknown line)
        if latin
            && line[w.range.clone()]
                .iter()
                .all(|t| t.shown().is_none_or(|c| c.is_ascii()))
        {
            continue;
        }
        for j in k.saturating_sub(1)..(k + 2).min(ws.len()) {
            if infos[j].is_none() {
                infos[j] = Some(WordInfo::of(line, &ws[j]));
            }
        }
        let prev = k.checked_sub(1).and_then(|p| infos[p].as_ref());
        let next = infos.get(k + 1).and_then(Option::as_ref);
        let near = Near {
            prev,
            next,
            sentence_start: sentence_start(line, w.range.start),
            initial: initial(line, ws, prev, next, k, ctx),
        };
        resolve_word(
            &mut line[w.range.clone()],
            ctx,
            w.technical,
            doc,
            &near,
            &mut letters,
        );
    }
}

/// Whether word `k` of a line, between the words `prev` and `next`, stands
/// as an initial among words of script `ctx` (see [`Near::initial`]).
fn initial(
    line: &[Tok],
    ws: &[Word],
    prev: Option<&WordInfo>,
    next: Option<&WordInfo>,
    k: usize,
    ctx: Option<Script>,
) -> bool {
    let Some(ctx) = ctx.filter(|&c| c != Script::Latin) else {
        return false;
    };
    let w = &ws[k];
    if line.get(w.range.end).and_then(Tok::shown) != Some('.') {
        return false;
    }
    let gap = |a: usize, b: usize| {
        line[a..b]
            .iter()
            .filter_map(Tok::shown)
            .all(|c| c == '.' || c.is_whitespace())
    };
    let next = ws.get(k + 1).zip(next).is_some_and(|(n, info)| {
        info.pure == Some(ctx) && info.capital && gap(w.range.end, n.range.start)
    });
    // (or one of an abbreviation after a letter of that script: π.X., Р.P.)
    let prev = k > 0
        && prev.is_some_and(|info| info.pure == Some(ctx))
        && ws[k - 1].range.end + 1 == w.range.start
        && line[ws[k - 1].range.end].shown() == Some('.');
    next || prev
}

/// Word votes for the script of a line: each word outside technical chunks
/// votes for the script of most of its telling letters. `votes` are the
/// words' votes when the line showed `before`: a word that still shows the
/// same characters votes as it did then (most words of a line keep theirs,
/// and the vote reads every letter's script).
fn line_tally(
    line: &[Tok],
    ws: &[Word],
    votes: &[Option<Script>],
    before: &[Option<char>],
) -> Tally {
    let mut t = Tally::default();
    for (w, &vote) in ws.iter().zip(votes) {
        if w.technical {
            continue;
        }
        let word = &line[w.range.clone()];
        let same = word
            .iter()
            .zip(&before[w.range.clone()])
            .all(|(t, &b)| t.shown() == b);
        let vote = if same {
            vote
        } else {
            let mut votes = Tally::default();
            for c in word.iter().filter_map(Tok::shown) {
                if let Some(s) = telling(c).filter(|_| chars::is_letter(c)) {
                    votes.add(s);
                }
            }
            votes.best()
        };
        if let Some(s) = vote {
            t.add(s);
        }
    }
    t
}

/// A backtick standing for an apostrophe before an English contraction
/// (`don`t`, `it`ll`), in a line that other look-alikes already show to be
/// disguised. People also type backticks for apostrophes, so a line with no
/// other disguise keeps them. Says how many backticks are apostrophes now,
/// `None` for a line without any backtick.
fn backticks(line: &mut [Tok]) -> Option<usize> {
    // (only a backtick, shown or rewritten, counts below)
    if !line.iter().any(|t| t.ch == '`' || t.shown() == Some('`')) {
        return None;
    }
    let disguised = line
        .iter()
        .any(|t| matches!(t.class, Some(Class::Homoglyph | Class::Styled)));
    if !disguised {
        return Some(0);
    }
    let mut done = 0;
    for i in 0..line.len() {
        match line[i].shown() {
            Some('`') => {}
            Some('\'') if line[i].ch == '`' => {
                done += 1;
                continue;
            }
            _ => continue,
        }
        let letter_before = i > 0 && line[i - 1].shown().is_some_and(|c| c.is_ascii_alphabetic());
        let after: String = line[i + 1..]
            .iter()
            .filter_map(Tok::shown)
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(3)
            .collect();
        let clitic = letter_before
            && matches!(
                after.to_ascii_lowercase().as_str(),
                "t" | "s" | "ll" | "ve" | "re" | "d" | "m" | "ii" | "il" | "li"
            );
        // a quotation in backticks: `word` (opening before a letter, closing after one)
        let opening = !letter_before
            && !after.is_empty()
            && (i == 0 || line[i - 1].shown().is_some_and(char::is_whitespace));
        let closing = letter_before && after.is_empty();
        if clitic || opening || closing {
            line[i].set(Out::Char('\''), Class::Homoglyph, 0.7);
            line[i].scripts = Some((Script::Common, Script::Latin));
            done += 1;
        }
    }
    Some(done)
}

/// A comma or an opening quote written for the apostrophe of an English
/// contraction (`It,s`, `you,re`, `there‘s`), in a line that other
/// look-alikes already show to be disguised (a typo can leave a comma
/// between words of a plain line). A comma is drawn as a low `’` and becomes
/// one unless the line writes its apostrophes straight; the opening quote is
/// the turned straight one and becomes `'`.
fn quote_contractions(line: &mut [Tok]) {
    let mut disguised: Option<bool> = None;
    let mut straight: Option<bool> = None;
    for i in 1..line.len() {
        let c = line[i].shown();
        // (a comma or quote right between two ASCII letters: few lines have one)
        if !matches!(c, Some(',' | '‘'))
            || !line[..i]
                .iter()
                .rev()
                .find_map(Tok::shown)
                .is_some_and(|p| p.is_ascii_alphabetic())
            || !line[i + 1..]
                .iter()
                .find_map(Tok::shown)
                .is_some_and(|n| n.is_ascii_alphabetic())
        {
            continue;
        }
        let disguised = *disguised.get_or_insert_with(|| {
            line.iter()
                .any(|t| matches!(t.class, Some(Class::Homoglyph | Class::Styled)))
        });
        if !disguised {
            return;
        }
        // the word before: two letters or more, or the pronoun I (not a,b,s)
        let word: String = line[..i]
            .iter()
            .rev()
            .filter_map(Tok::shown)
            .take_while(|c| c.is_ascii_alphabetic())
            .take(2)
            .collect();
        if word.len() < 2 && word != "I" {
            continue;
        }
        let before = word.chars().next();
        let after: String = line[i + 1..]
            .iter()
            .filter_map(Tok::shown)
            .take_while(|c| c.is_alphanumeric())
            .take(3)
            .collect();
        let clitic = match after.to_ascii_lowercase().as_str() {
            "s" | "re" | "ve" | "ll" | "d" | "m" => true,
            "t" => before == Some('n'),
            _ => false,
        };
        if !clitic {
            continue;
        }
        let straight = *straight.get_or_insert_with(|| {
            line.iter().filter_map(Tok::shown).any(|c| c == '\'')
                && !line.iter().filter_map(Tok::shown).any(|c| c == '’')
        });
        let to = if c == Some(',') && !straight {
            '’'
        } else {
            '\''
        };
        line[i].set(Out::Char(to), Class::Homoglyph, 0.7);
        line[i].scripts = Some((Script::Common, Script::Latin));
    }
}

/// Accents sprinkled over English words (`Jïmmy Pägé` → `Jimmy Page`): in
/// an English line, a word whose letters lose their accents to become an
/// English word, unless it is an English word with accents (café, naïve,
/// Zürich). One accent on one word is how names are written (José), so a
/// word needs two accented letters, or a line two such words.
fn accents(line: &mut [Tok], ws: &[Word]) {
    let mut found: Vec<(usize, usize)> = Vec::new(); // (word index, accented letters)
    for (k, w) in ws.iter().enumerate() {
        if w.technical {
            continue;
        }
        // (most words are ASCII: no string for them)
        let (mut accented, mut odd) = (0usize, false);
        for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
            if !c.is_ascii() {
                accented += 1;
                odd |= accent_of(c) == Some(true) || (chars::zalgo_mark(c) && odd_mark(c));
            }
        }
        if !(accented >= 2 || odd) {
            continue;
        }
        let shown: String = line[w.range.clone()]
            .iter()
            .filter_map(Tok::shown)
            .collect();
        if accent_candidate(&shown) {
            found.push((k, accented));
        }
    }
    if found.is_empty() || (found.len() < 2 && found[0].1 < 2) {
        return;
    }
    // a stricter test of English than for swaps: French and Spanish lines
    // share many words with English
    let others: Vec<Word> = ws
        .iter()
        .enumerate()
        .filter(|(k, _)| !found.iter().any(|f| f.0 == *k))
        .map(|(_, w)| Word {
            range: w.range.clone(),
            technical: w.technical,
        })
        .collect();
    // a line that sprinkled accents over nearly every word (`Ṭạỵḷọṛ ẉạṣ
    // ṭḥẹṛẹ`) has too few plain words to show its language: there the
    // accented words themselves, plain, are English, six in seven of the
    // long words and at least four
    let long = |w: &Word| {
        let mut n = 0;
        for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
            if chars::is_mark(c) {
                continue;
            }
            if !c.is_alphabetic() {
                return false;
            }
            n += 1;
        }
        n >= 3
    };
    let all_over = || {
        let total = ws.iter().filter(|w| !w.technical && long(w)).count();
        let found_long = found.iter().filter(|f| long(&ws[f.0])).count();
        found_long >= 4 && found_long * 7 >= total * 6
    };
    if !mostly_english(line, &others, 6) && !all_over() {
        return;
    }
    for (k, _) in found {
        for t in &mut line[ws[k].range.clone()] {
            let Some(c) = t.shown().filter(|c| !c.is_ascii()) else {
                continue;
            };
            if chars::zalgo_mark(c) {
                t.set(Out::Drop, Class::Accent, 0.7);
            } else if let Some(b) = accent_base(c) {
                t.set(Out::Char(b), Class::Accent, 0.7);
                t.scripts = Some((Script::Latin, Script::Latin));
            }
        }
    }
}

/// ASCII look-alike swaps over the words of one Latin line (see [`swaps`]).
fn ascii_swaps(line: &mut [Tok], ws: &[Word]) {
    let mut english: Option<bool> = None;
    let mut english_outside_links: Option<bool> = None;
    let mut next_buf = Vec::new();
    let mut word_buf = Vec::new();
    let mut swapped = 0;
    for (k, w) in ws.iter().enumerate() {
        if w.technical {
            continue;
        }
        // most words of a line are plain ASCII words no rule below takes:
        // leave them before looking around them (an `II` after an apostrophe
        // is a contraction even where it is not suspicious). Every rule of
        // the suspicious test, and each of those four words, looks for an
        // I, an l or a digit: a word of ASCII letters without one is left
        // in one pass, with no copy of it.
        if line[w.range.clone()]
            .iter()
            .filter_map(Tok::shown)
            .all(|c| c.is_ascii_alphabetic() && c != 'I' && c != 'l')
        {
            continue;
        }
        if ascii_word(&line[w.range.clone()], &mut word_buf).is_some_and(|b| {
            !matches!(&b[..], b"II" | b"Il" | b"lI" | b"AI") && !swaps::suspicious(b)
        }) {
            continue;
        }
        // AI- before a capitalized name that is no English word is the
        // Arabic article Al- (AI-Qaeda; AI-Powered stays)
        if ascii_word(&line[w.range.clone()], &mut word_buf).is_some_and(|b| b == b"AI")
            && line.get(w.range.end).and_then(Tok::shown) == Some('-')
        {
            let next = ws
                .get(k + 1)
                .filter(|n| n.range.start == w.range.end + 1)
                .and_then(|n| ascii_word(&line[n.range.clone()], &mut next_buf).map(|b| b.clone()));
            if next.is_some_and(|n| swaps::arabic_article_after(&n))
                && english_text(line, ws, &mut english_outside_links)
            {
                swaps::apply_fixed(&mut line[w.range.clone()], b"Al");
                swapped += 1;
                continue;
            }
        }

        // what an apostrophe right after the word attaches: l'm, l'homme
        let apostrophe = line
            .get(w.range.end)
            .and_then(Tok::shown)
            .is_some_and(|c| matches!(c, '\'' | '’'));
        let clitic: Option<String> = ws
            .get(k + 1)
            .filter(|n| apostrophe && n.range.start == w.range.end + 1)
            .map(|n| {
                line[n.range.clone()]
                    .iter()
                    .filter_map(Tok::shown)
                    .collect::<String>()
                    .to_ascii_lowercase()
            });
        let clitic = clitic
            .as_deref()
            .map(|c| {
                if c == "ii" || c == "il" || c == "li" {
                    "ll"
                } else {
                    c
                }
            })
            .filter(|c| matches!(*c, "m" | "ve" | "ll" | "d" | "s" | "re" | "t"));
        // a lone l is the pronoun I only between spaces (or before a clause mark)
        let after = line.get(w.range.end).and_then(Tok::shown);
        let before = line[..w.range.start].iter().rev().find_map(Tok::shown);
        let free = after
            .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | '.'))
            && before.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '“' | '(' | '‘'));
        let blocked = !free && clitic.is_none();
        let Some(bytes) = ascii_word(&line[w.range.clone()], &mut word_buf) else {
            // a lone look-alike of the one-letter English words: the pronoun I
            // ("today ∣ have") and the article a ("or ⍺ violent man")
            let shown: Vec<usize> = (w.range.clone())
                .filter(|&k| line[k].shown().is_some())
                .collect();
            // (or before a contraction: ∣'m, ∣ʾve)
            let contracted = ws.get(k + 1).is_some_and(|n| {
                let mark = line.get(w.range.end).and_then(Tok::shown);
                let apostrophe =
                    mark.is_some_and(|c| matches!(c, '\'' | '’') || APOSTROPHES.contains(&c));
                let clitic: String = line[n.range.clone()]
                    .iter()
                    .filter_map(Tok::shown)
                    .collect::<String>()
                    .to_ascii_lowercase();
                apostrophe
                    && n.range.start == w.range.end + 1
                    && matches!(clitic.as_str(), "m" | "ve" | "ll" | "d")
            });
            if let [k] = shown[..] {
                let word = match line[k].shown() {
                    Some('∣' | 'ǀ' | '￨' | '⏽' | 'ӏ') => Some('I'),
                    Some(c) => latin_symbol(c).filter(|&l| l == 'a'),
                    None => None,
                };
                let fits = free || (contracted && word == Some('I'));
                if let Some(to) = word.filter(|_| fits && english_line(line, ws, &mut english)) {
                    let from = chars::script(line[k].ch);
                    line[k].set(Out::Char(to), Class::Homoglyph, 0.8);
                    line[k].scripts = Some((from, Script::Latin));
                }
                continue;
            }
            // the same before a contraction whose apostrophe look-alike is a
            // modifier letter, so that the word holds it: ∣ʾm, ∣ʽve
            let cs: Vec<char> = shown.iter().filter_map(|&k| line[k].shown()).collect();
            let rest: String = cs.iter().skip(2).collect::<String>().to_ascii_lowercase();
            if cs.len() >= 3
                && matches!(cs[0], '∣' | 'ǀ' | '￨' | '⏽' | 'ӏ')
                && APOSTROPHES.contains(&cs[1])
                && matches!(rest.as_str(), "m" | "ve" | "ll" | "d")
                && free
                && english_line(line, ws, &mut english)
            {
                for (&k, to) in shown.iter().zip(['I', '\'']) {
                    let from = chars::script(line[k].ch);
                    line[k].set(Out::Char(to), Class::Homoglyph, 0.8);
                    line[k].scripts = Some((from, Script::Latin));
                }
                continue;
            }
            // Turkish dotless ı inside an English word stands for i
            let has_dotless = line[w.range.clone()].iter().any(|t| t.shown() == Some('ı'));
            if has_dotless && english_line(line, ws, &mut english) {
                for t in &mut line[w.range.clone()] {
                    if t.shown() == Some('ı') {
                        t.set(Out::Char('i'), Class::Homoglyph, 0.8);
                        t.scripts = Some((Script::Latin, Script::Latin));
                    }
                }
            }
            // a Latin word with accents swaps I and l too (GéraId, lván)
            if accented_swaps(line, w.range.clone(), false)
                && english_text(line, ws, &mut english_outside_links)
            {
                accented_swaps(line, w.range.clone(), true);
                swapped += 1;
            }
            continue;
        };
        // a contraction written with capital I: it'II, we'Il
        let after_apostrophe =
            w.range.start > 0 && matches!(line[w.range.start - 1].shown(), Some('\'' | '’'));
        if after_apostrophe && matches!(&bytes[..], b"II" | b"Il" | b"lI") {
            swaps::apply_fixed(&mut line[w.range.clone()], b"ll");
            continue;
        }
        // a roman numeral written with l (Henry Il) follows a capitalized name
        let after_name = k > 0
            && !sentence_start(line, w.range.start)
            && line[ws[k - 1].range.clone()]
                .iter()
                .find_map(Tok::shown)
                .is_some_and(char::is_uppercase);
        if bytes.len() >= 2
            && bytes[0] == b'I'
            && bytes.iter().all(|&b| b == b'I' || b == b'l')
            && !after_name
        {
            bytes.clear();
        }
        if bytes.is_empty() || !swaps::suspicious(bytes) {
            continue;
        }
        // a number split by a colon, point or comma ends or starts with an
        // O for 0: 11:0O, 2.O5 (the digits before the mark count)
        let joined = |k: Option<usize>, step_back: bool| {
            let mark = k.and_then(|k| line.get(k)).and_then(Tok::shown);
            let beyond = k.and_then(|k| {
                if step_back {
                    k.checked_sub(1)
                } else {
                    Some(k + 1)
                }
            });
            matches!(mark, Some(':' | '.' | ','))
                && beyond
                    .and_then(|k| line.get(k))
                    .and_then(Tok::shown)
                    .is_some_and(|c| c.is_ascii_digit())
        };
        let in_number =
            joined(w.range.start.checked_sub(1), true) || joined(Some(w.range.end), false);
        let numeric = |b: &u8| b.is_ascii_digit() || matches!(b, b'O' | b'o');
        if in_number && bytes.iter().any(u8::is_ascii_digit) && bytes.iter().all(numeric) {
            let fixed: Vec<u8> = bytes
                .iter()
                .map(|&b| if b.is_ascii_digit() { b } else { b'0' })
                .collect();
            // (a swap that changes nothing is no evidence for the links below)
            swapped += (fixed[..] != bytes[..]) as usize;
            swaps::apply_fixed(&mut line[w.range.clone()], &fixed);
            continue;
        }
        let Some(fixed) = swaps::fix(bytes, clitic, blocked).filter(|f| f[..] != bytes[..]) else {
            continue;
        };
        // some swaps need no English around them: a number (680O), a capital
        // I inside a small-letter word (viIlage), l for I before a consonant
        // in the commonest words (ln, lt, lf)
        let sure = fixed.iter().all(u8::is_ascii_digit)
            || swaps::inner_capital_i(bytes)
            || matches!(&bytes[..], b"ln" | b"lt" | b"lf" | b"ls" | b"lts");
        if !sure && !english_text(line, ws, &mut english_outside_links) {
            continue;
        }
        // a zero for the O that starts a sentence is a capital O (0nce → Once)
        let mut fixed = fixed;
        if bytes[0] == b'0' && fixed[0] == b'o' && sentence_start(line, w.range.start) {
            fixed[0] = b'O';
        }
        swaps::apply_fixed(&mut line[w.range.clone()], &fixed);
        swapped += 1;
    }
    // a line that swapped letters in its words (or holds other restored
    // letters) swapped them in its links and addresses too: there only the
    // sure swaps apply (home.example.com/empIoyee, SlAM@HOST)
    let restored = || {
        line.iter().any(|t| {
            matches!(t.class, Some(Class::Homoglyph | Class::Styled))
                && t.shown().is_some_and(|c| c.is_ascii_alphabetic())
        })
    };
    if swapped == 0 && !restored() {
        return;
    }
    // two letters drawn as one (rnodern, vvork): only in a line that shows
    // disguise, where the clean check never vouches for the text (the words
    // that hold such a pair first: few do)
    for w in ws.iter().filter(|w| !w.technical) {
        let mut prev = 0u8;
        let paired = line[w.range.clone()]
            .iter()
            .filter_map(Tok::shown)
            .any(|c| {
                let b = if c.is_ascii() { c as u8 } else { 0 };
                let pair =
                    (prev | 0x20 == b'r' && b == b'n') || (prev | 0x20 == b'v' && b | 0x20 == b'v');
                prev = b;
                pair
            });
        if !paired {
            continue;
        }
        let Some(pairs) = ascii_word(&line[w.range.clone()], &mut word_buf)
            .and_then(|bytes| swaps::letter_pairs(bytes))
        else {
            continue;
        };
        if !english_text(line, ws, &mut english_outside_links) {
            break;
        }
        let idx: Vec<usize> = w
            .range
            .clone()
            .filter(|&k| line[k].shown().is_some())
            .collect();
        for (i, to) in pairs {
            let t = &mut line[idx[i]];
            t.set(Out::Char(to as char), Class::Homoglyph, 0.6);
            t.scripts = Some((Script::Latin, Script::Latin));
            let t = &mut line[idx[i + 1]];
            t.set(Out::Drop, Class::Homoglyph, 0.6);
            t.scripts = Some((Script::Latin, Script::Latin));
        }
    }
    for w in ws.iter().filter(|w| w.technical) {
        let Some(bytes) = ascii_word(&line[w.range.clone()], &mut word_buf) else {
            continue;
        };
        // a part of a link in small letters but for capital I's: each I is
        // an l (IoveaIIpeopIe.org, gmaiI.com, index.htmI; Mary.EIIen)
        // (a part whose only I is its first letter takes l only where that
        // makes an English word: frugal-Iiving, but /Instagram and "Ian"
        // stay; a compound in camel case stays, #MissionImpossible)
        let initial_only = !bytes[1..].contains(&b'I');
        let small_but_i = bytes.len() >= 3
            && bytes.contains(&b'I')
            && (!initial_only
                // (no word starts with a capital I then i or u: Iiberta)
                || matches!(bytes.get(1), Some(b'i' | b'u'))
                || {
                    let mut l = bytes.to_vec();
                    l[0] = b'l';
                    swaps::is_word(&l) && !swaps::is_word(bytes)
                })
            && bytes.iter().any(u8::is_ascii_lowercase)
            && bytes.iter().enumerate().all(|(i, &b)| {
                b == b'I' || b.is_ascii_lowercase() || (i == 0 && b.is_ascii_uppercase())
            })
            && !swaps::camel_case_i(bytes);
        // a number of a date, a time or a link with O for 0 or l for 1
        // (7/26/O8, 2005.O9, 9/1l): joined by a mark to a digit
        let joined = |k: Option<usize>, back: bool| {
            let mark = k.and_then(|k| line.get(k)).and_then(Tok::shown);
            let beyond = k.and_then(|k| if back { k.checked_sub(1) } else { Some(k + 1) });
            matches!(mark, Some(':' | '.' | ',' | '/' | '-' | '_'))
                && beyond
                    .and_then(|k| line.get(k))
                    .and_then(Tok::shown)
                    .is_some_and(|c| c.is_ascii_digit())
        };
        if bytes.iter().any(u8::is_ascii_digit)
            && bytes
                .iter()
                .all(|&b| b.is_ascii_digit() || matches!(b, b'O' | b'l' | b'I'))
            && (joined(w.range.start.checked_sub(1), true) || joined(Some(w.range.end), false))
        {
            let fixed: Vec<u8> = bytes
                .iter()
                .map(|&b| match b {
                    b'O' => b'0',
                    b'l' | b'I' => b'1',
                    b => b,
                })
                .collect();
            swaps::apply_fixed(&mut line[w.range.clone()], &fixed);
            continue;
        }
        if small_but_i {
            let fixed: Vec<u8> = bytes
                .iter()
                .map(|&b| if b == b'I' { b'l' } else { b })
                .collect();
            swaps::apply_fixed(&mut line[w.range.clone()], &fixed);
            continue;
        }
        let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
        let l_among_capitals = upper >= 2
            && bytes.contains(&b'l')
            && bytes
                .iter()
                .all(|&b| b.is_ascii_uppercase() || b == b'l' || b.is_ascii_digit());
        if !(swaps::inner_capital_i(bytes) || l_among_capitals) {
            continue;
        }
        if let Some(fixed) = swaps::fix(bytes, None, true) {
            swaps::apply_fixed(&mut line[w.range.clone()], &fixed);
        }
    }
}

/// I and l swapped in a Latin word with accents, which the ASCII swap rules
/// leave: a capital I right after a small letter, near the word's end, is an
/// l (`GéraId`, `JóoIa`) when the word has no other capital but its first; an l followed by a
/// consonant starting a word of four letters or more, all small, is an I
/// (`lván`, `lguaçu`). Says whether one applies; with `apply`, applies it.
fn accented_swaps(line: &mut [Tok], range: std::ops::Range<usize>, apply: bool) -> bool {
    let idx: Vec<usize> = range.filter(|&k| line[k].shown().is_some()).collect();
    let cs: Vec<char> = idx.iter().filter_map(|&k| line[k].shown()).collect();
    let latin = |c: char| c.is_ascii_alphabetic() || plain_latin(c).is_some();
    if cs.iter().all(char::is_ascii) || !cs.iter().all(|&c| latin(c)) {
        return false;
    }
    // (an I that starts three small letters or more may start the second
    // part of a compound: ÉcoleInternationale)
    let inner: Vec<usize> = (1..cs.len())
        .filter(|&j| cs[j] == 'I' && cs[j - 1].is_lowercase() && cs.len() - j <= 3)
        .collect();
    let other_capitals = (1..cs.len()).any(|j| cs[j].is_uppercase() && !inner.contains(&j));
    let to: Vec<(usize, char)> = if !inner.is_empty() && !other_capitals {
        inner.iter().map(|&j| (j, 'l')).collect()
    } else if cs.len() >= 4
        && cs[0] == 'l'
        && cs[1].is_ascii_alphabetic()
        && !"aeiouyl".contains(cs[1])
        && cs.iter().all(|c| c.is_lowercase())
    {
        vec![(0, 'I')]
    } else {
        return false;
    };
    if apply {
        for (j, c) in to {
            let t = &mut line[idx[j]];
            t.set(Out::Char(c), Class::Homoglyph, 0.6);
            t.scripts = Some((Script::Latin, Script::Latin));
        }
    }
    true
}

/// The shown characters of a word as ASCII bytes, if they all are: in
/// `buf` (cleared first), which the caller reuses from word to word.
fn ascii_word<'b>(word: &[Tok], buf: &'b mut Vec<u8>) -> Option<&'b mut Vec<u8>> {
    buf.clear();
    for c in word.iter().filter_map(Tok::shown) {
        if !c.is_ascii_alphanumeric() {
            return None;
        }
        buf.push(c as u8);
    }
    Some(buf)
}

/// Whether at least `n` in `n + 1` words of three or more letters are
/// English, with at least three English words.
fn mostly_english(line: &[Tok], ws: &[Word], n: usize) -> bool {
    let (mut known, mut total) = (0usize, 0usize);
    for w in ws {
        let shown: String = line[w.range.clone()]
            .iter()
            .filter_map(Tok::shown)
            .collect();
        if shown.chars().count() < 3 || !shown.chars().all(char::is_alphabetic) {
            continue;
        }
        total += 1;
        known += (shown.is_ascii() && swaps::is_word(shown.as_bytes())) as usize;
    }
    known >= 3 && known * (n + 1) >= total * n
}

/// Whether most words of the line are English (decided once per line, on
/// first need): ASCII swaps are judged with an English word list, so lines
/// in other languages (Romanian `l-a`, Vietnamese `lan`) are left alone.
fn english_line(line: &[Tok], ws: &[Word], memo: &mut Option<bool>) -> bool {
    english_words(line, ws, memo, false)
}

/// [`english_line`] counting only the words outside technical chunks: a
/// line's links and addresses say nothing of its language (`see Iinks
/// above` after three image links). For the swap rules, which the fast lane
/// leaves to the engine whatever the line.
fn english_text(line: &[Tok], ws: &[Word], memo: &mut Option<bool>) -> bool {
    english_words(line, ws, memo, true)
}

fn english_words(line: &[Tok], ws: &[Word], memo: &mut Option<bool>, skip_technical: bool) -> bool {
    *memo.get_or_insert_with(|| {
        let (mut known, mut total) = (0usize, 0usize);
        let mut word_buf = Vec::new();
        for w in ws.iter().filter(|w| !(skip_technical && w.technical)) {
            let Some(buf) = ascii_word(&line[w.range.clone()], &mut word_buf) else {
                // non-ASCII letters count against English
                total += 1;
                continue;
            };
            if buf.len() < 3 || !buf.iter().all(u8::is_ascii_alphabetic) {
                continue;
            }
            total += 1;
            // (the swap rules also count the words two letters drawn as one
            // disguise: rnodern)
            let fixable = || {
                (swaps::suspicious(buf) && swaps::fix(buf, None, true).is_some())
                    || (skip_technical && swaps::letter_pairs(buf).is_some())
            };
            known += (swaps::is_word(buf) || fixable()) as usize;
        }
        known > 0 && known * 3 >= total * 2
    })
}

/// What a word's neighbours look like, before any change.
struct WordInfo {
    /// The script of all its letters, when they share one.
    pure: Option<Script>,
    /// Whether it has a telling letter.
    telling: bool,
    /// How many letters it has.
    letters: usize,
    /// Whether it has a small letter.
    lower: bool,
    /// Whether its first letter is a capital.
    capital: bool,
}

impl WordInfo {
    fn of(line: &[Tok], w: &Word) -> WordInfo {
        let mut pure: Option<Script> = None;
        let mut mixed = false;
        let mut telling_any = false;
        let (mut letters, mut lower, mut capital) = (0, false, false);
        for c in line[w.range.clone()].iter().filter_map(Tok::shown) {
            // (ASCII letters, most of them, without the general tables)
            let ascii = c.is_ascii();
            if ascii && !c.is_ascii_alphabetic() || !ascii && !chars::is_letter(c) {
                continue;
            }
            if letters == 0 {
                capital = c.is_uppercase();
            }
            letters += 1;
            // (each test only once it can change the answer)
            if !lower {
                lower = c.is_lowercase();
            }
            let s = if ascii {
                Script::Latin
            } else {
                chars::script(c)
            };
            match pure {
                None if !mixed => pure = Some(s),
                Some(p) if p != s => {
                    pure = None;
                    mixed = true;
                }
                _ => {}
            }
            if !telling_any {
                telling_any = telling(c).is_some();
            }
            if mixed && telling_any && lower && letters >= 3 {
                // (no later letter can change what the neighbours read:
                // `letters` is only ever compared with 3)
                break;
            }
        }
        WordInfo {
            pure: if mixed { None } else { pure },
            telling: telling_any,
            letters,
            lower,
            capital,
        }
    }

    /// Whether this neighbour shows that a word of script `s` beside it is
    /// real text: a word wholly in `s` with a telling letter, or for Latin,
    /// whose words often have none, a word of three letters or more or in
    /// capitals (`Air Max`, `:B:N:`). Short small-letter Latin words without
    /// one (`ce` beside `c` in a Cyrillic line) may be disguised themselves.
    fn vouches_for(&self, s: Script) -> bool {
        self.pure == Some(s)
            && (self.telling || (s == Script::Latin && (self.letters >= 3 || !self.lower)))
    }
}

/// The neighbourhood of a word.
struct Near<'a> {
    prev: Option<&'a WordInfo>,
    next: Option<&'a WordInfo>,
    /// Whether the word starts a sentence (or the line).
    sentence_start: bool,
    /// Whether the word is an initial among words of the line's script: a
    /// full stop follows it, and a capitalized word of that script comes next
    /// (`K. Бетцольд`, `B. І. Гош`, `Κ.K.Ε.`) or one ends at a full stop right
    /// before it (`π.X.`).
    initial: bool,
}

/// Whether the word at token `i` starts a sentence: only spaces, opening
/// quotes or brackets stand between it and the line start or a full stop.
fn sentence_start(line: &[Tok], i: usize) -> bool {
    for t in line[..i].iter().rev() {
        match t.shown() {
            None => continue,
            Some(c)
                if c.is_whitespace()
                    || matches!(
                        c,
                        '«' | '"' | '“' | '„' | '(' | '\'' | '‘' | '—' | '–' | '-' | '•'
                    ) =>
            {
                continue
            }
            Some(c) => return matches!(c, '.' | '!' | '?' | ':' | ';' | '…'),
        }
    }
    true
}

/// [`sentence_start`] for a word after the characters `before` (all shown).
fn starts_sentence(before: &str) -> bool {
    for c in before.chars().rev() {
        if c.is_whitespace()
            || matches!(
                c,
                '«' | '"' | '“' | '„' | '(' | '\'' | '‘' | '—' | '–' | '-' | '•'
            )
        {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | ':' | ';' | '…');
    }
    true
}

/// A word of a line: its token range, and whether it sits in a technical chunk.
struct Word {
    range: std::ops::Range<usize>,
    technical: bool,
}

/// Splits a line into words: runs of letters, marks and digits (removed
/// characters do not split a word).
fn words(line: &[Tok]) -> Vec<Word> {
    // one pass over the whitespace-delimited chunks: a chunk holding a
    // technical character is technical, and so are its words (whitespace is
    // never part of a word, so no word crosses a chunk)
    let mut out = Vec::with_capacity(line.len() / 4 + 1);
    let n = line.len();
    let mut i = 0;
    while i < n {
        if line[i].shown().is_some_and(char::is_whitespace) {
            i += 1;
            continue;
        }
        let first_word = out.len();
        let mut is_tech = false;
        // (letters joined by dots one at a time are an abbreviation, Ε.Α.Μ.)
        let (mut symbol, mut run, mut long_run) = (false, 0, false);
        let mut word_start: Option<usize> = None;
        let mut j = i;
        while j < n {
            let Some(ch) = line[j].shown() else {
                // (a removed character breaks a run of word characters, as
                // the abbreviation test counts them, but not a word)
                run = 0;
                j += 1;
                continue;
            };
            // whether the character is white space, a word character (letter,
            // mark, digit), and part of a word (or a symbol reading as a
            // letter), each asked once and ASCII without the tables
            let (space, wordish, in_word) = if ch.is_ascii() {
                let w = ch.is_ascii_alphanumeric();
                (matches!(ch, ' ' | '\t'..='\r'), w, w)
            } else {
                let w = chars::is_wordish(ch);
                (ch.is_whitespace(), w, w || latin_symbol(ch).is_some())
            };
            if space {
                break;
            }
            run = if wordish { run + 1 } else { 0 };
            long_run |= run > 1;
            // a dot right before a letter: a domain name or file extension
            let dotted = ch == '.'
                && line
                    .get(j + 1)
                    .and_then(Tok::shown)
                    .is_some_and(chars::is_letter)
                && (j == i || line[j - 1].shown().is_some_and(|p| p.is_alphanumeric()));
            let tech = technical(ch);
            is_tech |= dotted || tech;
            symbol |= tech;
            match word_start {
                None if in_word => word_start = Some(j),
                Some(s) if !in_word => {
                    out.push(Word {
                        range: s..j,
                        technical: false,
                    });
                    word_start = None;
                }
                _ => {}
            }
            j += 1;
        }
        if let Some(s) = word_start {
            out.push(Word {
                range: s..j,
                technical: false,
            });
        }
        if is_tech && (symbol || long_run) {
            out[first_word..]
                .iter_mut()
                .for_each(|w| w.technical = true);
        }
        i = j;
    }
    out
}

/// Apostrophe look-alikes (a plain backtick only before a two-digit year).
const APOSTROPHES: [char; 17] = [
    'ʼ', 'ʻ', 'ʹ', '‛', '՚', 'ʾ', 'ꞌ', '˴', '\u{1FEF}', '\u{1FFE}', '\u{1FBD}', '\u{1FBF}', '‵',
    '´', '`', 'ʽ', 'ˊ',
];
/// Comma, full stop and other stop look-alikes.
/// (The Hangul araea ㆍ and ᆞ are drawn as a bare dot.)
const STOPS: [char; 24] = [
    '¸', '٫', 'ꓹ', '؍', '‚', '܂', '܁', '꘎', '𐩐', '۰', '٠', '・', '｡', '꓿', '᙮', '·', '‧', '﹗',
    'ⵑ', 'ǃ', 'ꛫ', '︰', 'ㆍ', 'ᆞ',
];
/// Dash look-alikes.
const DASHES: [char; 6] = ['‒', '⁃', '˗', 'ˉ', '➖', '‐'];

/// The chunks of 64 code points of the BMP that hold a character of
/// [`APOSTROPHES`], [`STOPS`] or [`DASHES`] (bit `b` of word `w`: chunk
/// `64w + b`).
const PUNCTUATION_CHUNKS: [u64; 16] = {
    let mut map = [0u64; 16];
    let lists: [&[char]; 3] = [&APOSTROPHES, &STOPS, &DASHES];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let k = lists[l][i] as u32;
            if k < 0x10000 {
                map[(k >> 12) as usize] |= 1 << ((k >> 6) & 63);
            }
            i += 1;
        }
        l += 1;
    }
    map
};

/// Whether `c` may be one of [`APOSTROPHES`], [`STOPS`] or [`DASHES`]: when
/// not, one bit test saves the searches of the lists.
#[inline]
fn maybe_punctuation(c: char) -> bool {
    let k = c as u32;
    k >= 0x10000 || PUNCTUATION_CHUNKS[(k >> 12) as usize] >> ((k >> 6) & 63) & 1 != 0
}

/// Look-alikes of ASCII punctuation where only that punctuation fits:
/// - an apostrophe look-alike (`` ` ``, `ʼ`, `ꞌ`, `˴`, Greek varia…) between
///   two ASCII letters (`don`t`), or a grave accent before a two-digit year (`` `73 ``);
/// - a comma or full-stop look-alike (`¸`, `٫`, `ꓹ`, `܁`, `꘎`…) right after
///   a Latin letter or digit and before a space or the end of the line.
///
/// Typographic marks that real text uses in these places (’ ‚ · – —) stay.
fn punctuation(line: &[Tok], i: usize, c: char) -> Option<char> {
    // (the backtick is the only ASCII character in the lists below)
    if c.is_ascii() && c != '`' || !maybe_punctuation(c) {
        return None;
    }
    let shown = |k: Option<usize>| k.and_then(|k| line.get(k)).and_then(Tok::shown);
    let prev = shown(i.checked_sub(1));
    let next = shown(Some(i + 1));
    let ascii_letter = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
    match c {
        // (a plain backtick between letters stays: people type it as an apostrophe)
        c if APOSTROPHES.contains(&c) => {
            if c != '`' && ascii_letter(prev) && ascii_letter(next) {
                return Some('\'');
            }
            let digit = |k: usize| shown(Some(k)).is_some_and(|x| x.is_ascii_digit());
            let year = c == '`'
                && prev.is_none_or(char::is_whitespace)
                && digit(i + 1)
                && digit(i + 2)
                && !shown(Some(i + 3)).is_some_and(|x| x.is_ascii_alphanumeric());
            year.then_some('\'')
        }
        c if STOPS.contains(&c) => {
            // (a middle dot after a number is Greek punctuation: 2010·)
            let after_word = prev.is_some_and(|x| {
                if c == '·' {
                    x.is_ascii_alphabetic()
                } else {
                    x.is_ascii_alphanumeric()
                }
            });
            let before_gap = next.is_none_or(|x| {
                x.is_whitespace() || matches!(x, '"' | '”' | ')' | '\'' | '[' | '❩')
            });
            // the low-9 quote opens German quotations and the middle dot joins
            // Catalan l·l: only after a word and before a gap are they , and .
            (after_word && before_gap).then(|| punctuation_stop(c))
        }
        // dash look-alikes between two letters or digits: ZEE‒no, 131⁃page, 944➖6800
        c if DASHES.contains(&c) => {
            let alnum = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
            (c != '‐' && alnum(prev) && alnum(next)).then_some('-')
        }
        _ => None,
    }
}

/// The ASCII stop a look-alike of [`STOPS`] reads as.
fn punctuation_stop(c: char) -> char {
    match c {
        '¸' | '٫' | 'ꓹ' | '؍' | '‚' => ',',
        '﹗' | 'ⵑ' | 'ǃ' => '!',
        'ꛫ' => '?',
        '︰' => ':',
        _ => '.',
    }
}

/// The ASCII punctuation or digit a look-alike reads as (`᛬` → `:`, `੧` → `9`).
#[inline]
fn mark(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    static INDEX: RowIndex = RowIndex::new();
    let i = INDEX.row(&MARKS, |r| r.0, c)?;
    char::from_u32(MARKS[i].1)
}

/// Punctuation and digit look-alikes in a Latin line: each is rewritten when
/// it touches ASCII text (a letter, digit or mark) and no letter of its own
/// script (an Armenian comma after an Armenian word stays).
fn latin_marks(line: &mut [Tok]) {
    for i in 0..line.len() {
        let Some(c) = line[i].shown() else { continue };
        let Some(to) = mark(c) else { continue };
        let prev = line[..i].iter().rev().find_map(Tok::shown);
        let next = line[i + 1..].iter().find_map(Tok::shown);
        let own = chars::script(c);
        let foreign = |x: Option<char>| {
            x.is_some_and(|x| {
                !x.is_ascii()
                    && chars::is_letter(x)
                    && chars::script(x) == own
                    && own != Script::Common
            })
        };
        let ascii = |x: Option<char>| x.is_some_and(|x| x.is_ascii_graphic());
        // a digit look-alike must stand among digits, or, if a letter, stand
        // alone in a list or a decimal of them (𐓒.2, 8.3, Ꝛ, 2)
        let ok = if to.is_ascii_digit() {
            prev.is_some_and(|x| x.is_ascii_digit() || x == '$')
                || next.is_some_and(|x| x.is_ascii_digit())
                || (is_digit_letter_lookalike(c)
                    && !prev.is_some_and(char::is_alphanumeric)
                    && !next.is_some_and(char::is_alphanumeric)
                    && (number_beside(line[..i].iter().rev())
                        || number_beside(line[i + 1..].iter())))
        } else {
            ascii(prev) || ascii(next)
        };
        if ok && !foreign(prev) && !foreign(next) {
            line[i].set(Out::Char(to), Class::Homoglyph, 0.75);
            line[i].scripts = Some((own, Script::Latin));
        }
    }
}

/// Whether a number comes next among `toks` (one side of a character),
/// past spaces and at most one separator of a list or decimal: `, 2`, `.5`.
fn number_beside<'a>(toks: impl Iterator<Item = &'a Tok>) -> bool {
    let mut marks = 0;
    for c in toks.filter_map(Tok::shown) {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '.' | ',' | ';' | '/') || mark(c).is_some_and(|m| matches!(m, '.' | ',')) {
            marks += 1;
            if marks > 1 {
                return false;
            }
            continue;
        }
        return c.is_ascii_digit() || mark(c).is_some_and(|m| m.is_ascii_digit());
    }
    false
}

/// Whether `c` is a styled digit one or zero: mathematical (`𝟏`, `𝟙`, `𝟢`…),
/// which confusables.txt reads as the letters l and O, outlined (`𜳱`,
/// Unicode 16) or fullwidth (`１`).
pub(crate) fn math_one_or_zero(c: char) -> bool {
    (('\u{1D7CE}'..='\u{1D7FF}').contains(&c) && matches!((c as u32 - 0x1D7CE) % 10, 0 | 1))
        || matches!(c, '\u{1CCF0}' | '\u{1CCF1}' | '０' | '１')
}

/// A styled digit one or zero between two letters, one of them small, is a
/// styled l or o (`Fa𝟙lujah`, `𝐏𝐫𝐢𝐯𝐢𝟏𝐞𝐠𝐞𝐝`, `Wi１liams`): no number sits inside a word
/// that way, and confusables.txt reads these digits as letters. (Between two
/// capitals it stays a digit: `𝐌𝟏𝐀`.)
fn styled_digit_letters(line: &mut [Tok]) {
    // (fullwidth forms belong to East Asian text: not in a line with its letters)
    let mut cjk: Option<bool> = None;
    for i in 0..line.len() {
        if !math_one_or_zero(line[i].ch) || line[i].class != Some(Class::Styled) {
            continue;
        }
        if matches!(line[i].ch, '０' | '１')
            && *cjk.get_or_insert_with(|| {
                line.iter()
                    .filter_map(Tok::shown)
                    .any(|c| chars::is_cjk(c) && chars::is_letter(c))
            })
        {
            continue;
        }
        let prev = line[..i].iter().rev().find_map(Tok::shown);
        let next = line[i + 1..].iter().find_map(Tok::shown);
        // (a letter that reads as a digit is a digit here: Ⳍ０th is 30th)
        let letter = |x: Option<char>| {
            x.is_some_and(|x| x.is_alphabetic() && !mark(x).is_some_and(|m| m.is_ascii_digit()))
        };
        let small = |x: Option<char>| x.is_some_and(char::is_lowercase);
        if letter(prev) && letter(next) && (small(prev) || small(next)) {
            let to = if line[i].shown() == Some('1') {
                'l'
            } else {
                'o'
            };
            let t = &mut line[i];
            t.set(Out::Char(to), Class::Styled, 0.8);
            t.scripts = Some((Script::Common, Script::Latin));
        }
    }
}

/// Styled letters and fullwidth forms within one line.
fn restyle(line: &mut [Tok]) {
    let mut has_fullwidth = false;
    let mut has_math_digit = false;
    // whether a character shows that the punctuation rule below may take (it
    // leaves at once every other one: most lines have none)
    let may_punctuate = |c: char| !(c.is_ascii() && c != '`') && maybe_punctuation(c);
    let mut punctuation_left = false;
    for i in 0..line.len() {
        let Some(c) = line[i].shown() else { continue };
        if c.is_ascii() {
            punctuation_left |= c == '`';
            continue;
        }
        // letterlike symbols (ℓ litre, ℃, ℮) are units and signs on their
        // own, and negative squared capitals are emoji (🅰 🅱 🅾 🅿): a style
        // only inside a word of letters
        if ('\u{2100}'..='\u{214F}').contains(&c) || ('\u{1F170}'..='\u{1F189}').contains(&c) {
            let letter_at = |k: Option<usize>| {
                k.and_then(|k| line.get(k))
                    .and_then(Tok::shown)
                    .is_some_and(|x| {
                        let letterish = x.is_ascii_alphabetic()
                            || styled(x).is_some()
                            || lookalike(x).is_some_and(|(r, _)| r[0].is_some());
                        letterish
                            && (!('\u{2100}'..='\u{214F}').contains(&x)
                                || styled(x).is_some_and(|p| p.is_ascii_alphabetic()))
                    })
            };
            let prev = line[..i].iter().rposition(|t| t.shown().is_some());
            let next = line[i + 1..]
                .iter()
                .position(|t| t.shown().is_some())
                .map(|k| k + i + 1);
            // (a 1, 0, 5 or 9 right after letters is a swapped letter: litt1ℯ)
            let swapped_digit = prev.is_some_and(|p| {
                matches!(line[p].shown(), Some('0' | '1' | '5' | '9'))
                    && line[..p]
                        .iter()
                        .rev()
                        .find_map(Tok::shown)
                        .is_some_and(|x| x.is_ascii_alphabetic())
            });
            if !letter_at(prev) && !letter_at(next) && !swapped_digit {
                punctuation_left |= may_punctuate(c);
                continue;
            }
        }
        let t = &mut line[i];
        if let Some(p) = styled(c) {
            punctuation_left |= may_punctuate(p);
            has_math_digit |= math_one_or_zero(c);
            let to = if p.is_ascii() {
                Script::Latin
            } else {
                chars::script(p)
            };
            t.set(Out::Char(p), Class::Styled, 0.95);
            t.scripts = Some((Script::Common, to));
        } else {
            punctuation_left |= may_punctuate(c);
            if chars::fullwidth_ascii(c).is_some() {
                has_fullwidth = true;
            }
        }
    }
    if has_fullwidth {
        fullwidth(line);
    }
    if has_math_digit || has_fullwidth {
        styled_digit_letters(line);
    }
    // (the two rules above may show new characters)
    if !(punctuation_left || has_fullwidth || has_math_digit) {
        return;
    }
    // punctuation look-alikes, once the letters around them are plain
    for i in 0..line.len() {
        let Some(c) = line[i].shown() else { continue };
        if let Some(p) = punctuation(line, i, c) {
            line[i].set(Out::Char(p), Class::Homoglyph, 0.7);
            line[i].scripts = Some((Script::Common, Script::Latin));
        }
    }
}

/// Whether [`fullwidth`] keeps every fullwidth form of a line whose
/// characters are all shown and none restored (for the clean check): the
/// same nearest letters on each side.
pub(crate) fn fullwidth_kept(line: &str) -> bool {
    let strong = |c: char| {
        (chars::is_letter(c) || chars::is_cjk(c))
            && chars::fullwidth_ascii(c).is_none()
            && !STOPS.contains(&c)
    };
    let cjk_letters = line
        .chars()
        .any(|c| chars::is_cjk(c) && chars::is_letter(c) && chars::fullwidth_ascii(c).is_none());
    let in_word_stop = |c: char| !cjk_letters && !chars::is_letter(c);
    let mut left: Vec<Option<bool>> = Vec::with_capacity(line.len());
    let mut last = None;
    for c in line.chars() {
        left.push(last);
        if strong(c) && !in_word_stop(c) {
            last = Some(chars::is_cjk(c));
        }
    }
    let mut last = None;
    for (i, c) in line.chars().rev().enumerate() {
        let k = left.len() - 1 - i;
        if chars::fullwidth_ascii(c).is_some() && left[k] != Some(true) && last != Some(true) {
            return false;
        }
        if strong(c) && !in_word_stop(c) {
            last = Some(chars::is_cjk(c));
        }
    }
    true
}

/// Fullwidth ASCII outside East Asian text becomes ASCII.
fn fullwidth(line: &mut [Tok]) {
    // nearest letter on each side that is not fullwidth: is it East Asian?
    // (a Hangul araea drawn as a dot, ㆍ, is no letter here)
    let strong = |c: char| {
        (chars::is_letter(c) || chars::is_cjk(c))
            && chars::fullwidth_ascii(c).is_none()
            && !(maybe_punctuation(c) && STOPS.contains(&c))
    };
    // (East Asian punctuation is East Asian context only in a line that
    // writes East Asian letters: in an English line, c。ｕrse and 。ｎ are a
    // disguised Latin word, the stop an o)
    let cjk_letters = line
        .iter()
        .filter_map(Tok::shown)
        .any(|c| chars::is_cjk(c) && chars::is_letter(c) && chars::fullwidth_ascii(c).is_none());
    let in_word_stop = |c: char| !cjk_letters && !chars::is_letter(c);
    // what each character tells of its side: East Asian or not, or nothing
    // (read once: the rewriting below leaves what the next characters tell)
    // (an ASCII letter is strong and not East Asian, and no other ASCII
    // character is strong: answered without the tests)
    let tells: Vec<Option<bool>> = line
        .iter()
        .map(|t| {
            t.shown().and_then(|c| {
                if c.is_ascii() {
                    return c.is_ascii_alphabetic().then_some(false);
                }
                (strong(c) && !in_word_stop(c)).then(|| chars::is_cjk(c))
            })
        })
        .collect();
    let mut left: Vec<Option<bool>> = Vec::with_capacity(line.len());
    let mut last = None;
    for &tell in &tells {
        left.push(last);
        if tell.is_some() {
            last = tell;
        }
    }
    let mut last = None;
    for (i, t) in line.iter_mut().enumerate().rev() {
        if let Some(a) = t.shown().and_then(chars::fullwidth_ascii) {
            let cjk = left[i] == Some(true) || last == Some(true);
            if !cjk {
                t.set(Out::Char(a), Class::Styled, 0.9);
                t.scripts = Some((Script::Common, Script::Latin));
            }
        }
        if tells[i].is_some() {
            last = tells[i];
        }
    }
}

/// Symbols, digits and marks that read as a letter, inside a Latin word: each
/// must touch a letter and no digit (`⍺nd` → `and`, but `5°C`, `90°` stay).
fn latin_symbols(word: &mut [Tok]) {
    // a word of letters with one digit among them (litt1ℯ, wou1ⅆ, Geor9ℯ)
    // has that digit for a letter: a swap decides it once the symbols are
    // letters (only the digits a swap reads as letters: 0 1 5 9)
    let (mut letters, mut digits) = (0, 0);
    for c in word.iter().filter_map(Tok::shown) {
        letters += (c.is_ascii_alphabetic() || latin_symbol(c).is_some()) as usize;
        digits += c.is_ascii_digit() as usize;
    }
    let wordy = digits == 1 && letters >= 3;
    for k in 0..word.len() {
        let Some(to) = word[k].shown().and_then(latin_symbol) else {
            continue;
        };
        let prev = word[..k].iter().rev().find_map(Tok::shown);
        let next = word[k + 1..].iter().find_map(Tok::shown);
        let letter = |c: Option<char>| {
            c.is_some_and(|c| {
                c.is_ascii_alphabetic()
                    || (wordy && matches!(c, '0' | '1' | '5' | '9'))
                    || latin_symbol(c).is_some()
                    || lookalike(c).is_some_and(|(r, _)| r[0].is_some())
            })
        };
        let digit = |c: Option<char>| {
            c.is_some_and(|c| c.is_ascii_digit() && !(wordy && matches!(c, '0' | '1' | '5' | '9')))
        };
        // a degree sign after a letter is an abbreviation mark (n° 5, N°);
        // before a lone C, F or K it is a temperature (−5 °C)
        let scale = matches!(next, Some('C' | 'F' | 'K'))
            && word[k + 1..].iter().filter_map(Tok::shown).nth(1).is_none();
        let ok = if word[k].ch == '°' {
            letter(next) && !scale
        } else if chars::is_punctuation(word[k].ch) {
            // a punctuation look-alike of a letter inside a word (t。gether) or
            // starting one (׀aundry), never at its end, and never a stop at its start
            letter(next) && (letter(prev) || (prev.is_none() && to != 'o'))
        } else {
            letter(prev) || letter(next)
        };
        if ok && !digit(prev) && !digit(next) {
            let from = chars::script(word[k].ch);
            word[k].set(Out::Char(to), Class::Homoglyph, 0.8);
            word[k].scripts = Some((from, Script::Latin));
        }
    }
}

/// The words of a line as [`words`] splits a line whose characters are all
/// shown: their byte ranges, and whether each sits in a technical chunk.
fn line_words(line: &str) -> Vec<(usize, usize, bool)> {
    // (ASCII characters without the general tables)
    let wordish = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            chars::is_wordish(c)
        }
    };
    let in_word = |c: char, wordish: bool| wordish || latin_symbol(c).is_some();
    let space = |c: char| {
        if c.is_ascii() {
            c.is_ascii_whitespace() || c == '\u{0B}'
        } else {
            c.is_whitespace()
        }
    };
    // words by byte range, and whether each is technical
    let mut ws: Vec<(usize, usize, bool)> = Vec::with_capacity(line.len() / 4 + 1);
    let mut it = line.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        if space(c) {
            it.next();
            continue;
        }
        // one whitespace-delimited chunk
        let first_word = ws.len();
        let (mut is_tech, mut symbol, mut run, mut long_run) = (false, false, 0, false);
        let mut word_start: Option<usize> = None;
        let mut prev: Option<char> = None;
        let mut end = i;
        while let Some(&(j, ch)) = it.peek() {
            if space(ch) {
                break;
            }
            it.next();
            end = j + ch.len_utf8();
            let w = wordish(ch);
            run = if w { run + 1 } else { 0 };
            long_run |= run > 1;
            if ch.is_ascii_punctuation() {
                // a dot right before a letter: a domain name or file extension
                let dotted = ch == '.'
                    && it.peek().is_some_and(|&(_, n)| chars::is_letter(n))
                    && prev.is_none_or(|p: char| p.is_alphanumeric());
                is_tech |= dotted || technical(ch);
                symbol |= technical(ch);
            }
            match word_start {
                None if in_word(ch, w) => word_start = Some(j),
                Some(s) if !in_word(ch, w) => {
                    ws.push((s, j, false));
                    word_start = None;
                }
                _ => {}
            }
            prev = Some(ch);
        }
        if let Some(s) = word_start {
            ws.push((s, end, false));
        }
        if is_tech && (symbol || long_run) {
            ws[first_word..].iter_mut().for_each(|w| w.2 = true);
        }
    }
    ws
}

/// Whether [`english_line`] or [`english_text`] may hold for a line whose
/// characters are all shown and none restored (for the clean check): the
/// same words, counted the same way.
pub(crate) fn may_be_english_line(line: &str) -> bool {
    // (all words, as english_line counts them; words outside technical
    // chunks, as english_text does)
    let (mut known, mut total) = (0usize, 0usize);
    let (mut known_text, mut total_text) = (0usize, 0usize);
    for (s, e, technical) in line_words(line) {
        let w = &line.as_bytes()[s..e];
        if !w.iter().all(u8::is_ascii_alphanumeric) {
            // non-ASCII letters count against English
            total += 1;
            total_text += !technical as usize;
            continue;
        }
        if w.len() < 3 || !w.iter().all(u8::is_ascii_alphabetic) {
            continue;
        }
        total += 1;
        total_text += !technical as usize;
        let fixable = || swaps::suspicious(w) && swaps::fix(w, None, true).is_some();
        let word = swaps::is_word(w) || fixable();
        known += word as usize;
        known_text += (!technical && (word || swaps::letter_pairs(w).is_some())) as usize;
    }
    (known > 0 && known * 3 >= total * 2) || (known_text > 0 && known_text * 3 >= total_text * 2)
}

/// For a line whose characters are all shown, as [`accents`] counts its
/// words (for the clean check's bound of the accent rule): how many are
/// English as [`mostly_english`] counts them (ASCII words of three letters
/// or more in the word list), and how many words outside technical chunks
/// have three letters or more and nothing else (but marks).
pub(crate) fn english_word_count(line: &str) -> (u32, u32) {
    let (mut english, mut long) = (0, 0);
    for (s, e, technical) in line_words(line) {
        let w = &line.as_bytes()[s..e];
        english +=
            (w.len() >= 3 && w.iter().all(u8::is_ascii_alphabetic) && swaps::is_word(w)) as u32;
        if !technical {
            let mut n = 0;
            let mut letters_only = true;
            for c in line[s..e].chars() {
                if chars::is_mark(c) {
                    continue;
                }
                letters_only &= c.is_alphabetic();
                n += 1;
            }
            long += (letters_only && n >= 3) as u32;
        }
    }
    (english, long)
}

/// Whether the engine keeps as it is a line whose letters come from several
/// scripts (`Концерт группы ABBA`, `ただし、EDも`), for the clean check: the
/// line is split into words as [`words`] splits it, the words vote for the
/// line's script as in [`letters`], and each word is decided by the same
/// [`word_target`] as in [`resolve_word`]. Only lines whose script is not
/// Latin are proved (Latin lines run the swap and accent rules), and only
/// with the decision that restores the most: a word that starts a sentence
/// and stands as an initial, beside no word that vouches for it, under both
/// readings of Cyrillic `і` (which the whole text decides).
///
/// The line must be otherwise clean (nothing removed, no character a rule of
/// its own rewrites), which the caller has checked.
pub(crate) fn several_scripts_kept(line: &str) -> bool {
    let ws = line_words(line);
    // every word's letters with their scripts, found once (`spans[k]` is
    // where word k's letters start in `letters`)
    let mut letters: Vec<(usize, char, Script, Lookalike)> = Vec::with_capacity(line.len());
    let mut spans = Vec::with_capacity(ws.len() + 1);
    // the words' votes for the line's script
    let mut t = Tally::default();
    // what each word's neighbours read of it ([`WordInfo::of`])
    let mut infos: Vec<WordInfo> = Vec::with_capacity(ws.len());
    for &(s, e, technical) in &ws {
        spans.push(letters.len());
        let mut votes = Tally::default();
        let mut info = WordInfo {
            pure: None,
            telling: false,
            letters: 0,
            lower: false,
            capital: false,
        };
        let mut mixed = false;
        for (k, c) in line[s..e].chars().enumerate() {
            if !chars::is_letter(c) {
                continue;
            }
            let sc = chars::script(c);
            let row = lookalike(c);
            letters.push((k, c, sc, row));
            // (as [`telling`], with the script known)
            let tells = if c.is_ascii() {
                telling(c).is_some()
            } else {
                !matches!(sc, Script::Common | Script::Inherited | Script::Unknown)
                    && row.is_none_or(|(_, mask)| mask == 0)
            };
            if tells && !technical {
                votes.add(sc);
            }
            if info.letters == 0 {
                info.capital = c.is_uppercase();
                info.pure = Some(sc);
            } else if info.pure != Some(sc) {
                mixed = true;
            }
            info.letters += 1;
            info.lower |= c.is_lowercase();
            info.telling |= tells;
        }
        if mixed {
            info.pure = None;
        }
        infos.push(info);
        if let Some(sc) = votes.best() {
            t.add(sc);
        }
    }
    spans.push(letters.len());
    // (a line without votes takes the text's script, which one line cannot tell)
    let Some(ctx) = t.best() else {
        return false;
    };
    if ctx == Script::Latin {
        return false;
    }
    let native_ctx = |c: char| target_index(ctx).is_none_or(|t| everyday(c, t));
    for (k, &(s, e, technical)) in ws.iter().enumerate() {
        let word = &letters[spans[k]..spans[k + 1]];
        // (a word wholly in the line's script stays: the common case)
        if word.is_empty() || word.iter().all(|&(_, c, sc, _)| sc == ctx && native_ctx(c)) {
            continue;
        }
        // its neighbourhood, as [`resolve_line`] and [`initial`] see it
        let initial = line[e..].starts_with('.')
            && (ws.get(k + 1).is_some_and(|&(ns, _, _)| {
                infos[k + 1].pure == Some(ctx)
                    && infos[k + 1].capital
                    && line[e..ns].chars().all(|c| c == '.' || c.is_whitespace())
            }) || (k > 0
                && infos[k - 1].pure == Some(ctx)
                && ws[k - 1].1 + 1 == s
                && line.as_bytes()[ws[k - 1].1] == b'.'));
        let near = Near {
            prev: k.checked_sub(1).map(|p| &infos[p]),
            next: infos.get(k + 1),
            sentence_start: starts_sentence(&line[..s]),
            initial,
        };
        let whole = word.iter().all(|&(_, c, _, _)| c.is_ascii());
        for cyr_i in [false, true] {
            if let Some((target, _)) = word_target(word, Some(ctx), technical, cyr_i, &near) {
                let restored = word.iter().any(|&(_, c, sc, row)| {
                    !native_to(c, sc, row, target) && target_of(row, target, cyr_i, whole).is_some()
                });
                if restored {
                    return false;
                }
            }
        }
    }
    true
}

/// [`everyday`] for a letter whose script and look-alikes are known.
#[inline]
fn native_to(c: char, s: Script, row: Lookalike, t: usize) -> bool {
    match t {
        0 => {
            c.is_ascii_alphabetic()
                || (!c.is_ascii() && s == Script::Latin && row.is_none_or(|(r, _)| r[0].is_none()))
        }
        _ => everyday(c, t),
    }
}

/// The look-alike in target script `t` (index into [`TARGETS`]) of a letter
/// whose look-alikes are `row`, and whether it is a strong one; in a word
/// `whole` in ASCII, Latin `i` reads as Cyrillic `і` only when `cyr_i` (see
/// [`Doc::cyr_i`]).
#[inline]
fn target_of(row: Lookalike, t: usize, cyr_i: bool, whole: bool) -> Option<(char, bool)> {
    let (row, mask) = row?;
    let to = row[t]?;
    if t == 1 && !cyr_i && whole && matches!(to, 'і' | 'І') {
        return None;
    }
    Some((to, mask & (1 << t) != 0))
}

/// What [`resolve_word`] decides for a word of `letters` (its letters, their
/// places, scripts and look-alikes) in a line of script `ctx`: the target script it is
/// restored into (an index into [`TARGETS`]) and whether the word is written
/// in a single script, or `None` when the word stays as it is.
fn word_target(
    letters: &[(usize, char, Script, Lookalike)],
    ctx: Option<Script>,
    technical: bool,
    cyr_i: bool,
    near: &Near,
) -> Option<(usize, bool)> {
    let whole = letters.iter().all(|&(_, c, _, _)| c.is_ascii());
    let target_of = |row: Lookalike, t: usize| target_of(row, t, cyr_i, whole);
    // per target: letters native to it, letters it cannot spell, letters it
    // spells only through our extra (weaker) look-alikes
    let mut native = [0usize; 3];
    let mut infeasible = [0usize; 3];
    let mut weak = [0usize; 3];
    // the word's script, and whether it mixes scripts (no list needed)
    let first_script = letters[0].2;
    let mut mixed = false;
    for &(_, c, s, row) in letters {
        mixed |= s != first_script;
        for t in 0..3 {
            if native_to(c, s, row, t) {
                native[t] += 1;
            } else {
                match target_of(row, t) {
                    None => infeasible[t] += 1,
                    Some((_, false)) => weak[t] += 1,
                    Some((_, true)) => {}
                }
            }
        }
    }
    let n = letters.len();
    let ctx_t = ctx.and_then(target_index);
    let single = !mixed && target_index(first_script).is_none_or(|t| native[t] == n);
    let target = if single {
        // a whole word in another script than its line
        let s = first_script;
        let c = ctx_t?;
        if ctx == Some(s) || infeasible[c] > 0 || weak[c] > 0 {
            return None;
        }
        // a neighbour wholly in the word's own script says the word is real
        // (but for an initial among words of the line's script: E.A.Μ.)
        if !near.initial
            && (near.prev.is_some_and(|w| w.vouches_for(s))
                || near.next.is_some_and(|w| w.vouches_for(s)))
        {
            return None;
        }
        // Latin words in Cyrillic or Greek lines are real text (names,
        // acronyms, URLs, roman numerals, variables) unless they have a
        // lower-case letter, or are one capital that starts a sentence
        let allowed = match TARGETS[c] {
            Script::Latin => true,
            _ => {
                let first = letters[0].1;
                s != Script::Latin
                    || (!technical
                        && (letters.iter().any(|&(_, ch, _, _)| ch.is_lowercase())
                            || (n == 1
                                && (near.sentence_start || near.initial)
                                && !matches!(first, 'V' | 'X'))))
            }
        };
        if !allowed {
            return None;
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
                weak[t],
                std::cmp::Reverse(native[t]),
            );
            if best.as_ref().is_none_or(|(_, k)| key < *k) {
                best = Some((t, key));
            }
        }
        best?.0
    };
    Some((target, single))
}

/// Decides the script of one word and restores its look-alikes into it.
/// `letters` is a buffer the caller reuses from word to word.
fn resolve_word(
    word: &mut [Tok],
    ctx: Option<Script>,
    technical: bool,
    doc: &Doc,
    near: &Near,
    letters: &mut Vec<(usize, char, Script, Lookalike)>,
) {
    // quick exit: an all-ASCII word in a Latin (or unknown) line
    let ascii = word.iter().all(|t| t.shown().is_none_or(|c| c.is_ascii()));
    if ascii && ctx.is_none_or(|c| c == Script::Latin) {
        return;
    }
    letters.clear();
    // (room for every letter at once, and a plain loop: the filter it
    // replaces grew the buffer step by step and was called per character)
    letters.reserve(word.len());
    for (k, t) in word.iter().enumerate() {
        if let Some(c) = t.shown().filter(|&c| chars::is_letter(c)) {
            letters.push((k, c, chars::script(c), lookalike(c)));
        }
    }
    let letters = &letters[..];
    if letters.is_empty() {
        return;
    }
    if ctx.is_none_or(|c| c == Script::Latin) && letters.iter().any(|&(_, c, _, _)| c.is_ascii()) {
        latin_symbols(word);
    }
    let whole = letters.iter().all(|&(_, c, _, _)| c.is_ascii());
    let Some((target, single)) = word_target(letters, ctx, technical, doc.cyr_i, near) else {
        return;
    };
    let target_of = |row: Lookalike, t: usize| target_of(row, t, doc.cyr_i, whole);
    let confidence = if single { 0.75 } else { 0.95 };
    for &(k, c, s, row) in letters {
        if native_to(c, s, row, target) {
            continue;
        }
        if let Some((to, strong)) = target_of(row, target) {
            let tok = &mut word[k];
            let from = match tok.scripts {
                Some((Script::Common, _)) | None => s,
                Some((f, _)) => f,
            };
            tok.set(
                Out::Char(to),
                Class::Homoglyph,
                if strong {
                    confidence
                } else {
                    confidence - 0.15
                },
            );
            tok.scripts = Some((from, TARGETS[target]));
        }
    }
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    /// Every character of the indexed planes from `from` on, and a sample
    /// beyond them.
    fn chars_from(from: u32) -> impl Iterator<Item = char> {
        (from..0x2_0000u32)
            .chain((0x2_0000..0x11_0000).step_by(97))
            .filter_map(char::from_u32)
    }

    /// Whether a character is telling, kept by block, is what its script
    /// and look-alikes say, for every code point beyond ASCII of the indexed
    /// planes and a sample beyond.
    #[test]
    fn telling_agrees_with_its_tables() {
        for c in chars_from(0x80) {
            assert_eq!(telling(c), telling_listed(c), "{:#x}", c as u32);
        }
    }

    /// The merged table of `loose_mark` answers what the two tables do, for
    /// every code point of the indexed planes and a sample beyond.
    #[test]
    fn loose_mark_agrees_with_its_tables() {
        for c in chars_from(0) {
            assert_eq!(loose_mark(c), loose_mark_listed(c), "{:#x}", c as u32);
        }
        for &(k, _) in MARKS.iter().chain(&LOOSE_MARKS) {
            let c = char::from_u32(k).unwrap();
            assert_eq!(loose_mark(c), loose_mark_listed(c), "{k:#x}");
        }
    }

    /// Ties go to the script counted last, as with the list it replaced,
    /// and more than four scripts spill over without losing counts.
    #[test]
    fn tally_keeps_order_and_counts() {
        let mut t = Tally::default();
        for s in [Script::Latin, Script::Greek, Script::Greek, Script::Latin] {
            t.add(s);
        }
        assert_eq!(t.best(), Some(Script::Greek));
        let many = [
            Script::Latin,
            Script::Greek,
            Script::Cyrillic,
            Script::Armenian,
            Script::Hebrew,
            Script::Arabic,
        ];
        let mut u = Tally::default();
        for (k, &s) in many.iter().enumerate() {
            for _ in 0..=k {
                u.add(s);
            }
        }
        assert_eq!(u.best(), Some(Script::Arabic));
        let mut m = Tally::default();
        m.merge(&u);
        m.merge(&u);
        assert_eq!(m.counts().map(|(_, n)| n).sum::<u32>(), 2 * 21);
        assert_eq!(m.best(), Some(Script::Arabic));
    }
}
