//! The unmask engine: restores text disguised with look-alike letters, styled
//! letters, invisible characters, bidi reordering, deletion controls, zalgo
//! marks and exotic spaces, and reports every change with its byte offsets.
//!
//! The engine runs in two passes over a list of [`Tok`]ens, one per input
//! character:
//! 1. [`layout`]: controls and marks — deletion, bidi overrides, invisible
//!    characters, exotic spaces, zalgo stacks. These decide which characters
//!    exist and in which order a reader sees them.
//! 2. [`letters`]: styled letters and look-alike letters, decided word by word
//!    with the script of the word and of its line.
//!
//! Ordinary text takes a fast path: a line that is plain ASCII with no control
//! characters cannot hold any of these disguises and is copied as it is.

mod ascii;
mod chars;
mod fast;
mod layout;
mod letters;
mod piece;
mod rows;
mod subst;
mod swaps;
mod tables;

pub use piece::{Piece, Scripts};
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;

/// The class of disguise a [`Change`] undoes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// A letter from another script (or an odd letter of the same script) that
    /// looks like the letter a reader sees: Cyrillic `а` for Latin `a`.
    Homoglyph,
    /// A styled form of a letter or digit: mathematical bold `𝐚`, fullwidth
    /// `ａ`, circled `ⓐ`, small capital `ᴀ`.
    Styled,
    /// An invisible character: zero-width space, joiners, tags, selectors, soft hyphen.
    Invisible,
    /// Bidi controls that make the stored order differ from the order a reader sees.
    Bidi,
    /// A character erased by a following backspace, and the backspace.
    Deletion,
    /// A stack of combining marks over a letter.
    Zalgo,
    /// An exotic space character rendered as an ordinary space.
    Space,
    /// Accents sprinkled over an English word (`Jïmmy Pägé`).
    Accent,
}

impl Class {
    /// The lowercase name used in JSON output and reports.
    pub fn name(self) -> &'static str {
        match self {
            Class::Homoglyph => "homoglyph",
            Class::Styled => "styled",
            Class::Invisible => "invisible",
            Class::Bidi => "bidi",
            Class::Deletion => "deletion",
            Class::Zalgo => "zalgo",
            Class::Space => "space",
            Class::Accent => "accent",
        }
    }

    /// How much one change of this class says about deliberate disguise.
    fn weight(self) -> f32 {
        match self {
            Class::Homoglyph | Class::Bidi | Class::Deletion => 1.0,
            Class::Invisible => 0.8,
            Class::Styled => 0.5,
            Class::Zalgo => 0.6,
            Class::Space => 0.15,
            Class::Accent => 0.7,
        }
    }
}

/// One change the engine made: the input bytes it replaced and what replaced them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Byte range of the replaced text in the input.
    pub input: Range<usize>,
    /// Byte range of the replacement in the output.
    pub output: Range<usize>,
    /// The replaced input text.
    pub original: Piece,
    /// The text that replaced it (empty when characters were removed).
    pub replacement: Piece,
    /// The class of disguise undone.
    pub class: Class,
    /// Scripts involved: the script(s) of the original letters, then the script
    /// restored into (only for homoglyph and styled changes).
    pub scripts: Scripts,
    /// How sure the engine is that this was a disguise, in [0, 1].
    #[serde(serialize_with = "round3")]
    pub confidence: f32,
}

/// Serializes a probability with three decimals (f32 noise helps nobody).
fn round3<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((*x as f64 * 1000.0).round() / 1000.0)
}

/// The result of [`unmask`]: restored text, the changes, and an obfuscation score.
///
/// The text of a result whose input needed no change is the input itself,
/// borrowed (no copy): [`Unmasked::into_owned`] detaches a result from its
/// input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unmasked<'a> {
    text: Cow<'a, str>,
    changes: Vec<Change>,
    #[serde(serialize_with = "round3")]
    score: f32,
}

impl Unmasked<'_> {
    /// The restored text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Consumes the result and returns the restored text.
    pub fn into_text(self) -> String {
        self.text.into_owned()
    }

    /// The same result, owning its text (a copy of the input when the input
    /// needed no change), so that it can outlive the input.
    ///
    /// ```
    /// let kept: plainsight::Unmasked<'static> = {
    ///     let input = String::from("plain words");
    ///     plainsight::unmask(&input).into_owned()
    /// };
    /// assert_eq!(kept.text(), "plain words");
    /// ```
    pub fn into_owned(self) -> Unmasked<'static> {
        Unmasked {
            text: Cow::Owned(self.text.into_owned()),
            changes: self.changes,
            score: self.score,
        }
    }

    /// Every change, in input order; replacing each `input` range of the
    /// original by its `replacement` gives [`Unmasked::text`] exactly.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Obfuscation score in [0, 1]: near 0 for ordinary text in any language,
    /// near 1 for deliberate disguise.
    pub fn score(&self) -> f32 {
        self.score
    }

    /// Whether the text was changed at all.
    pub fn is_changed(&self) -> bool {
        !self.changes.is_empty()
    }

    /// Maps a byte range of the restored text to the byte range of the input it
    /// came from. A range that starts or ends inside a change is widened to
    /// cover the whole change.
    pub fn input_range(&self, out: Range<usize>) -> Range<usize> {
        let start = self.input_offset(out.start, false);
        let end = self.input_offset(out.end, true).max(start);
        start..end
    }

    /// Maps one output byte offset to an input offset. For an offset strictly
    /// inside a change, `end` picks the end of the change, else its start.
    fn input_offset(&self, o: usize, end: bool) -> usize {
        // changes are sorted by output offset as well as by input offset
        let i = self.changes.partition_point(|c| c.output.end <= o);
        if let Some(c) = self.changes.get(i) {
            if c.output.start < o {
                return if end { c.input.end } else { c.input.start };
            }
            if c.output.start == o {
                return c.input.start;
            }
        }
        match i.checked_sub(1).map(|k| &self.changes[k]) {
            Some(c) => c.input.end + (o - c.output.end),
            None => o,
        }
    }
}

/// What a token contributes to the output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Out {
    /// The input character, unchanged.
    Same,
    /// Nothing: the character is removed.
    Drop,
    /// Another character.
    Char(char),
}

/// One input character on its way to the output.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    /// Byte offset of the character in the input.
    pub start: u32,
    /// The input character.
    pub ch: char,
    /// What it becomes.
    pub out: Out,
    /// Why it changed, if it did.
    pub class: Option<Class>,
    /// Tokens with the same non-zero group form one change (a reordered run,
    /// an erased character with its backspace, a stack of zalgo marks).
    pub group: u32,
    /// Scripts involved, for homoglyph and styled changes: (from, to).
    pub scripts: Option<(unicode_script::Script, unicode_script::Script)>,
    /// Confidence of the change, in [0, 1].
    pub confidence: f32,
    /// The character `out` shows (see [`Tok::shown`]), kept beside it: the
    /// passes ask it of every token many times.
    show: Option<char>,
}

impl Tok {
    fn new(start: usize, ch: char) -> Tok {
        Tok {
            start: start as u32,
            ch,
            out: Out::Same,
            class: None,
            group: 0,
            scripts: None,
            confidence: 0.0,
            show: Some(ch),
        }
    }

    fn end(&self) -> u32 {
        self.start + self.ch.len_utf8() as u32
    }

    /// The character this token shows, if any.
    #[inline]
    pub(crate) fn shown(&self) -> Option<char> {
        self.show
    }

    fn is_identity(&self) -> bool {
        self.out == Out::Same && self.group == 0 && self.class.is_none()
    }

    pub(crate) fn set(&mut self, out: Out, class: Class, confidence: f32) {
        self.out = out;
        self.show = match out {
            Out::Same => Some(self.ch),
            Out::Drop => None,
            Out::Char(c) => Some(c),
        };
        self.class = Some(class);
        self.confidence = confidence;
    }
}

/// Restores disguised text. See the [module documentation](self).
///
/// ```
/// let u = plainsight::unmask("Fiпally the trυth");
/// assert_eq!(u.text(), "Finally the truth");
/// assert_eq!(u.changes().len(), 2);
/// assert_eq!(u.changes()[0].original, "п");
/// ```
pub fn unmask(input: &str) -> Unmasked<'_> {
    if input.len() >= u32::MAX as usize {
        // offsets are kept in u32: split giant inputs into lines first
        return Unmasked {
            text: Cow::Borrowed(input),
            changes: Vec::new(),
            score: 0.0,
        };
    }
    match fast_answer(input, subst::unmask) {
        Fast::Lane(r) => r,
        Fast::Clean => Unmasked {
            text: Cow::Borrowed(input),
            changes: Vec::new(),
            score: 0.0,
        },
        Fast::Engine => unmask_dirty(input),
    }
}

/// What the fast paths answer for a text.
enum Fast<T> {
    /// The lane's result.
    Lane(T),
    /// Proven plain by the clean check.
    Clean,
    /// Neither could prove anything: the full engine decides.
    Engine,
}

/// Runs the fast paths in order: plain ASCII is proven clean (or not)
/// sixteen bytes at a time; other text whose first character beyond ASCII
/// may be a look-alike may be a line of the fast lane (`lane`:
/// [`subst::unmask`] or [`subst::text`]), else the clean check of any script
/// decides, and a line it cannot prove plain gets a second try in the lane,
/// which may prove that the engine leaves it as it is.
fn fast_answer<'a, T>(input: &'a str, lane: impl Fn(&'a str, bool) -> Result<T, bool>) -> Fast<T> {
    match ascii::clean(input.as_bytes()) {
        Some(true) => Fast::Clean,
        Some(false) => Fast::Engine,
        None => {
            // a line whose first character beyond ASCII may be a look-alike
            // goes to the lane first (seed-004 style disguise); any other to
            // the clean check first, which proves most lines of real text
            // (the lane's prefilter would read all of a line of Chinese)
            let first = input
                .char_indices()
                .find(|(_, c)| !c.is_ascii())
                .map_or("", |(i, c)| &input[i..i + c.len_utf8()]);
            let mut retry = true;
            if subst::worth_trying(first) {
                match lane(input, false) {
                    Ok(t) => return Fast::Lane(t),
                    Err(again) => retry = again,
                }
            }
            if fast::is_clean_general(input) {
                return Fast::Clean;
            }
            if retry {
                if let Ok(t) = lane(input, true) {
                    return Fast::Lane(t);
                }
            }
            Fast::Engine
        }
    }
}

/// [`unmask`] without the fast lane of [`subst`] (tests hold the two together).
#[cfg(any(test, feature = "internals"))]
pub(crate) fn unmask_general(input: &str) -> Unmasked<'_> {
    if fast::is_clean(input) {
        return Unmasked {
            text: Cow::Borrowed(input),
            changes: Vec::new(),
            score: 0.0,
        };
    }
    unmask_dirty(input)
}

/// How many times at most the engine runs again on its own output.
const MORE_RUNS: usize = 16;

/// The full engine on a text the fast path could not prove plain.
fn unmask_dirty(input: &str) -> Unmasked<'static> {
    let mut r = engine_once(input);
    // Restoring one disguise can reveal the context that decides another (a
    // restored word shows the script of its line): run again on the output
    // until nothing changes, so that unmask(unmask(x)) == unmask(x). The
    // output of a disguised text is usually plain, and the fast path proves
    // it in one scan. (A chain of look-alikes can need one run per link,
    // each restored one deciding the next: `I. I. I. Ͼι`; at most
    // `MORE_RUNS` more runs keep the time linear.)
    for _ in 0..MORE_RUNS {
        if !r.is_changed() || fast::is_clean(&r.text) {
            break;
        }
        let again = unmask_once(&r.text);
        if !again.is_changed() {
            break;
        }
        r = compose(input, &r, &again);
    }
    r
}

/// The engine without its fast lane (the clean check still runs): what
/// [`unmask`] must answer on every input. For the fuzz target only (cargo
/// feature `internals`).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub fn unmask_without_lane(input: &str) -> Unmasked<'_> {
    unmask_general(input)
}

/// The restored text alone: what `unmask(input).text()` gives, without the
/// list of changes (no allocation for them, and none at all when the text is
/// already plain: it is borrowed). For indexing and deduplication, where only
/// the text counts.
///
/// ```
/// use std::borrow::Cow;
/// assert_eq!(plainsight::unmask::unmask_text("Fiпally the trυth"), "Finally the truth");
/// assert!(matches!(plainsight::unmask::unmask_text("plain words"), Cow::Borrowed(_)));
/// ```
pub fn unmask_text(input: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if input.len() >= u32::MAX as usize {
        return Cow::Borrowed(input);
    }
    match fast_answer(input, subst::text) {
        Fast::Lane(text) => text,
        Fast::Clean => Cow::Borrowed(input),
        Fast::Engine => Cow::Owned(text_dirty(input)),
    }
}

/// [`unmask_text`] without the fast lane of [`subst`].
#[cfg(test)]
pub(crate) fn unmask_text_general(input: &str) -> String {
    if fast::is_clean(input) {
        return input.to_string();
    }
    text_dirty(input)
}

/// The restored text of a text the fast path could not prove plain.
fn text_dirty(input: &str) -> String {
    let mut text = engine_text(input);
    // the same passes as `unmask`, on the text alone
    for _ in 0..MORE_RUNS {
        if text == input || fast::is_clean(&text) {
            break;
        }
        let again = text_once(&text);
        if again == text {
            break;
        }
        text = again;
    }
    text
}

/// One run of the engine on a text the fast path could not prove plain,
/// giving the restored text only.
fn text_once(input: &str) -> String {
    if fast::is_clean(input) {
        return input.to_string();
    }
    engine_text(input)
}

/// One run of the engine, without the clean check, giving the text only.
fn engine_text(input: &str) -> String {
    let mut toks = layout::layout(input);
    letters::letters(&mut toks);
    layout::settle(&mut toks);
    let mut text = String::with_capacity(input.len());
    text.extend(toks.iter().filter_map(Tok::shown));
    text
}

/// Whether [`unmask`] certainly leaves `text` as it is, from one cheap scan.
///
/// `true` is a proof: no rule would change the text. `false` only means the
/// scan cannot tell (a capital I inside a word, a non-Latin letter, an
/// invisible character…) and the full engine must look.
///
/// ```
/// assert!(plainsight::unmask::is_clean("An ordinary sentence, in plain words."));
/// assert!(!plainsight::unmask::is_clean("Fiпally"));
/// ```
pub fn is_clean(text: &str) -> bool {
    fast::is_clean(text)
}

/// One run of the full engine without the clean check or the lane: what
/// the clean check must leave alone whenever it answers "clean". For the
/// fuzz target only (cargo feature `internals`).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub fn unmask_engine_once(input: &str) -> Unmasked<'static> {
    unmask_slow(input)
}

/// The full engine without the fast path (tests check that the fast path
/// only ever answers "clean" where this finds nothing to change).
#[cfg(any(test, feature = "internals"))]
pub(crate) fn unmask_slow(input: &str) -> Unmasked<'static> {
    let mut toks = layout::layout(input);
    letters::letters(&mut toks);
    layout::settle(&mut toks);
    assemble(input, &toks)
}

/// One run of the engine.
fn unmask_once(input: &str) -> Unmasked<'static> {
    if fast::is_clean(input) {
        return Unmasked {
            text: Cow::Owned(input.to_string()),
            changes: Vec::new(),
            score: 0.0,
        };
    }
    engine_once(input)
}

/// One run of the engine, without the clean check.
fn engine_once(input: &str) -> Unmasked<'static> {
    let mut toks = layout::layout(input);
    letters::letters(&mut toks);
    layout::settle(&mut toks);
    assemble(input, &toks)
}

/// Maps an offset outside the changes of `changes` from their input to their output.
fn forward(changes: &[Change], p: usize) -> usize {
    let i = changes.partition_point(|c| c.input.end <= p);
    match i.checked_sub(1).map(|k| &changes[k]) {
        Some(c) => c.output.end + (p - c.input.end),
        None => p,
    }
}

/// Composes two runs: `first` maps `input` to its text, `second` maps that
/// text further. The result maps `input` to the second text, with one change
/// per region of the input that either run touched.
fn compose(input: &str, first: &Unmasked<'_>, second: &Unmasked<'_>) -> Unmasked<'static> {
    // regions of the input, from both runs
    let mut regions: Vec<(Range<usize>, usize)> = Vec::new(); // (range, index of a representative change: first run's come first)
    for (k, c) in first.changes.iter().enumerate() {
        regions.push((c.input.clone(), k));
    }
    for (k, c) in second.changes.iter().enumerate() {
        // the second run's input is the first run's text
        regions.push((first.input_range(c.input.clone()), first.changes.len() + k));
    }
    regions.sort_by_key(|(r, k)| (r.start, *k));
    let mut merged: Vec<(Range<usize>, Vec<usize>)> = Vec::new();
    for (r, k) in regions {
        match merged.last_mut() {
            Some((m, ks))
                if r.start < m.end
                    || (r.start == m.end && (r.start == r.end || m.start == m.end)) =>
            {
                m.end = m.end.max(r.end);
                ks.push(k);
            }
            _ => merged.push((r, vec![k])),
        }
    }
    let all: Vec<&Change> = first.changes.iter().chain(&second.changes).collect();
    let text = second.text.to_string();
    let mut changes = Vec::with_capacity(merged.len());
    for (r, ks) in merged {
        let t1 = forward(&first.changes, r.start)..forward(&first.changes, r.end);
        let out = forward(&second.changes, t1.start)..forward(&second.changes, t1.end);
        let original = &input[r.clone()];
        let replacement = &text[out.clone()];
        if original == replacement {
            continue;
        }
        let head = all[*ks.iter().min().unwrap_or(&0)];
        let mut scripts = Scripts::new();
        for &k in &ks {
            for &s in all[k].scripts.iter() {
                scripts.add(s);
            }
        }
        changes.push(Change {
            input: r,
            output: out,
            original: Piece::new(original),
            replacement: Piece::new(replacement),
            class: head.class,
            scripts,
            confidence: ks.iter().map(|&k| all[k].confidence).fold(0.0, f32::max),
        });
    }
    let score = score(&changes, input);
    Unmasked {
        text: Cow::Owned(text),
        changes,
        score,
    }
}

/// Builds the output text and the change list from the tokens (in output order).
fn assemble(input: &str, toks: &[Tok]) -> Unmasked<'static> {
    let mut text = String::with_capacity(input.len());
    let mut changes: Vec<Change> = Vec::new();
    let mut pos = 0u32; // input bytes accounted for
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_identity() && t.start == pos {
            text.push(t.ch);
            pos = t.end();
            i += 1;
            continue;
        }
        // a change: take tokens until they cover a contiguous input block from
        // `pos`, and the block does not split a group
        let out_start = text.len();
        let lo = pos;
        let mut hi = pos;
        let mut covered = 0u32;
        let mut class: Option<Class> = None;
        let mut scripts = Scripts::new();
        let mut conf = 0.0f32;
        let mut j = i;
        loop {
            let t = &toks[j];
            hi = hi.max(t.end());
            covered += t.end() - t.start;
            if let Some(c) = t.shown() {
                text.push(c);
            }
            if let Some(c) = t.class {
                if class.is_none() {
                    class = Some(c);
                }
                conf = conf.max(t.confidence);
            }
            if let Some((from, to)) = t.scripts {
                scripts.add(from.full_name());
                scripts.add(to.full_name());
            }
            j += 1;
            if covered == hi - lo && (j == toks.len() || t.group == 0 || toks[j].group != t.group) {
                break;
            }
            if j == toks.len() {
                break;
            }
        }
        let original = &input[lo as usize..hi as usize];
        let replacement = &text[out_start..];
        if original == replacement {
            // e.g. a reordered run that reads the same: nothing changed here
        } else {
            changes.push(Change {
                input: lo as usize..hi as usize,
                output: out_start..text.len(),
                original: Piece::new(original),
                replacement: Piece::new(replacement),
                class: class.unwrap_or(Class::Bidi),
                scripts,
                confidence: conf,
            });
        }
        pos = hi;
        i = j;
    }
    let score = score(&changes, input);
    Unmasked {
        text: Cow::Owned(text),
        changes,
        score,
    }
}

/// How many words `text` holds: runs of characters that are not white space
/// (what `split_whitespace().count()` says; see [`ascii::word_count`]).
fn word_count(text: &str) -> usize {
    ascii::word_count(text)
}

/// The obfuscation score: a saturating sum of the evidence of the changes,
/// discounted for long texts so that one stray character in an article weighs
/// less than in a short post.
fn score(changes: &[Change], input: &str) -> f32 {
    if changes.is_empty() {
        return 0.0;
    }
    let evidence: f32 = changes
        .iter()
        .map(|c| c.class.weight() * c.confidence)
        .sum();
    let words = word_count(input).max(1) as f32;
    let scale = 1.0 + words / 200.0;
    (1.0 - (-(evidence * 1.2) / scale).exp()).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests;
