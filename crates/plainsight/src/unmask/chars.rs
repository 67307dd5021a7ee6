//! Character predicates shared by the unmask passes.
//!
//! Every rule that decides whether a character is a disguise lives in one of
//! these small functions, so a reader can find the whole policy here.

use unicode_properties::{GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_script::{Script, UnicodeScript};

/// The kinds of invisible or formatting character the engine knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Invisible {
    /// ZERO WIDTH SPACE, WORD JOINER, BOM, SOFT HYPHEN, invisible operators, fillers…
    Plain,
    /// ZERO WIDTH JOINER / NON-JOINER: meaningful in emoji, Arabic-script and Indic text.
    Joiner,
    /// Variation selectors FE00–FE0F and E0100–E01EF.
    Selector,
    /// Tag characters E0000–E007F (emoji subdivision flags use E0020–E007F).
    Tag,
    /// LEFT-TO-RIGHT / RIGHT-TO-LEFT / ARABIC LETTER MARK.
    BidiMark,
    /// C0/C1 control characters other than tab, newline, carriage return, VT, FF and backspace.
    Control,
}

/// The code points of the BMP that are invisible characters, bidi controls
/// or exotic spaces, as ranges (a superset is harmless: see [`quiet`]).
const LOUD_RANGES: [(u32, u32); 19] = [
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x1680, 0x1680),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2000, 0x200F),
    (0x2028, 0x202E),
    (0x205F, 0x206F),
    (0x2800, 0x2800),
    (0x3000, 0x3000),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
];

/// The chunks of 64 code points of the BMP that meet [`LOUD_RANGES`]
/// (bit `b` of word `w`: chunk `64w + b`).
const LOUD_BMP: [u64; 16] = {
    let mut map = [0u64; 16];
    let mut i = 0;
    while i < LOUD_RANGES.len() {
        let (lo, hi) = LOUD_RANGES[i];
        let mut chunk = lo >> 6;
        while chunk <= hi >> 6 {
            map[(chunk >> 6) as usize] |= 1 << (chunk & 63);
            chunk += 1;
        }
        i += 1;
    }
    map
};

/// Whether `c` lies in a chunk of 64 code points with no invisible
/// character, bidi control or exotic space: most letters, marks, symbols and
/// emoji are answered by this one test instead of the lists below.
#[inline]
fn quiet(c: char) -> bool {
    let k = c as u32;
    if k < 0x10000 {
        LOUD_BMP[(k >> 12) as usize] >> ((k >> 6) & 63) & 1 == 0
    } else {
        !matches!(k >> 8, 0x1BC | 0x1D1 | 0xE00..=0xE0F)
    }
}

/// Classifies a character as invisible, if it is one.
#[inline]
pub(crate) fn invisible(c: char) -> Option<Invisible> {
    if (' '..='~').contains(&c) || quiet(c) {
        return None;
    }
    invisible_listed(c)
}

/// [`invisible`] for a character the quick tests leave: the lists themselves
/// (apart, so that the quick tests are inlined where they are asked).
#[inline(never)]
fn invisible_listed(c: char) -> Option<Invisible> {
    use Invisible::*;
    Some(match c {
        '\u{200B}' | '\u{2060}' | '\u{2061}'..='\u{2065}' | '\u{FEFF}' | '\u{00AD}' => Plain,
        '\u{180E}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => Plain,
        '\u{17B4}' | '\u{17B5}' | '\u{1D173}'..='\u{1D17A}' | '\u{2800}' => Plain,
        // deprecated format controls, shorthand format controls, interlinear
        // annotation and the unassigned default-ignorable code points
        '\u{206A}'..='\u{206F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{FFF0}'..='\u{FFFB}' => Plain,
        '\u{E0080}'..='\u{E00FF}' | '\u{E01F0}'..='\u{E0FFF}' => Plain,
        // Mongolian free variation selectors: kept after Mongolian letters
        '\u{180B}'..='\u{180D}' | '\u{180F}' => Selector,
        '\u{200C}' | '\u{200D}' => Joiner,
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => Selector,
        '\u{E0000}'..='\u{E007F}' => Tag,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => BidiMark,
        '\u{0000}'..='\u{0007}' | '\u{000E}'..='\u{001F}' | '\u{007F}'..='\u{009F}' => Control,
        _ => return None,
    })
}

/// The bidi controls that embed, override or isolate (not the marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BidiControl {
    /// RLO: lays the enclosed characters out right to left.
    RightOverride,
    /// LRO, LRE, RLE, LRI, RLI, FSI: open a run without reordering Latin text.
    Open,
    /// PDF, PDI: close the innermost run.
    Close,
}

/// Classifies the bidi embedding, override and isolate controls.
#[inline]
pub(crate) fn bidi_control(c: char) -> Option<BidiControl> {
    if (c as u32) >> 8 != 0x20 {
        return None;
    }
    match c {
        '\u{202E}' => Some(BidiControl::RightOverride),
        '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{2066}'..='\u{2068}' => Some(BidiControl::Open),
        '\u{202C}' | '\u{2069}' => Some(BidiControl::Close),
        _ => None,
    }
}

/// Spaces that render as an ordinary space but are other code points.
/// NO-BREAK SPACE and NARROW NO-BREAK SPACE are kept: French and many other
/// orthographies use them on purpose. IDEOGRAPHIC SPACE is exotic only
/// outside CJK text (decided by the caller).
#[inline]
pub(crate) fn exotic_space(c: char) -> bool {
    !quiet(c)
        && matches!(
            c,
            '\u{2000}'
                ..='\u{200A}' | '\u{205F}' | '\u{1680}' | '\u{2028}' | '\u{2029}' | '\u{3000}'
        )
}

/// Combining marks that zalgo generators stack: the generic diacritic blocks.
/// Script-specific marks (Hebrew points, Devanagari vowel signs, Thai tones…)
/// are never in this set. U+20E3 (keycap) is excluded: emoji keycaps use it.
#[inline]
pub(crate) fn zalgo_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20E2}'
            | '\u{20E4}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Whether `c` is a combining mark (general category M).
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    !c.is_ascii() && props(c).0 & P_MARK != 0
}

/// Whether `c` is punctuation (general category P).
#[inline]
pub(crate) fn is_punctuation(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Punctuation
}

/// Whether `c` is a letter (general category L).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    props(c).0 & P_LETTER != 0
}

/// Whether `c` can take part in a word: letter, mark or digit.
#[inline]
pub(crate) fn is_wordish(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    props(c).0 & (P_LETTER | P_MARK | P_NUMBER) != 0
}

/// Whether `c` is an emoji or part of an emoji sequence (but not an ASCII
/// digit, `#` or `*`, which are emoji only as keycap bases).
#[inline]
pub(crate) fn is_emoji(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char_or_emoji_component()
}

/// The script of a character, with ASCII answered without a table.
#[inline]
pub(crate) fn script(c: char) -> Script {
    if c.is_ascii_alphabetic() {
        return Script::Latin;
    }
    let (_, id) = props(c);
    match SCRIPTS[id as usize].get() {
        Some(&s) if id != 0 => s,
        _ => c.script(),
    }
}

const P_LETTER: u8 = 1;
const P_MARK: u8 = 2;
const P_NUMBER: u8 = 4;

/// General category and script of 256 code points, built on first use: the
/// passes ask these of every character several times, and the Unicode tables
/// answer by binary search.
struct CharBlock {
    props: [u8; 256],
    script: [u8; 256],
}

/// Code points below this have their block in [`CHAR_BLOCKS`]: the BMP and
/// plane 1, where the mathematical, ancient-script and emoji look-alikes of
/// disguised text live.
const CACHED_END: u32 = 0x20000;

static CHAR_BLOCKS: [std::sync::OnceLock<CharBlock>; (CACHED_END >> 8) as usize] =
    [const { std::sync::OnceLock::new() }; (CACHED_END >> 8) as usize];
/// Script by id (its `repr(u8)` value plus one; 0 = not cached).
static SCRIPTS: [std::sync::OnceLock<Script>; 256] = [const { std::sync::OnceLock::new() }; 256];

/// (category bits, script id) of a character; characters beyond plane 1 are
/// computed directly (script id 0: ask the Unicode table).
#[inline]
fn props(c: char) -> (u8, u8) {
    let cp = c as u32;
    if cp >= CACHED_END {
        return (category_bits(c), 0);
    }
    let b = CHAR_BLOCKS[(cp >> 8) as usize].get_or_init(|| {
        let mut b = CharBlock {
            props: [0; 256],
            script: [0; 256],
        };
        for lo in 0..256u32 {
            if let Some(x) = char::from_u32((cp & !0xFF) | lo) {
                b.props[lo as usize] = category_bits(x);
                let s = x.script();
                let id = (s as u8).wrapping_add(1);
                if id != 0 {
                    SCRIPTS[id as usize].get_or_init(|| s);
                    b.script[lo as usize] = id;
                }
            }
        }
        b
    });
    (
        b.props[(cp & 0xFF) as usize],
        b.script[(cp & 0xFF) as usize],
    )
}

fn category_bits(c: char) -> u8 {
    match c.general_category_group() {
        GeneralCategoryGroup::Letter => P_LETTER,
        GeneralCategoryGroup::Mark => P_MARK,
        GeneralCategoryGroup::Number => P_NUMBER,
        _ => 0,
    }
}

/// Scripts written right to left.
#[inline]
pub(crate) fn is_rtl_script(s: Script) -> bool {
    matches!(
        s,
        Script::Hebrew
            | Script::Arabic
            | Script::Syriac
            | Script::Thaana
            | Script::Nko
            | Script::Samaritan
            | Script::Mandaic
            | Script::Adlam
    )
}

/// Scripts whose text uses ZERO WIDTH (NON-)JOINER on purpose: Arabic-script
/// languages (Persian), Syriac, Mongolian and the Brahmic scripts of South and
/// South-East Asia. A joiner beside a letter of any of these stays.
#[inline]
pub(crate) fn uses_joiners(s: Script) -> bool {
    matches!(
        s,
        Script::Arabic
            | Script::Syriac
            | Script::Mongolian
            | Script::Nko
            | Script::Devanagari
            | Script::Bengali
            | Script::Gurmukhi
            | Script::Gujarati
            | Script::Oriya
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Sinhala
            | Script::Khmer
            | Script::Myanmar
            | Script::Tibetan
            | Script::Thai
            | Script::Lao
            | Script::Balinese
            | Script::Javanese
    )
}

/// Scripts of East Asian text, where fullwidth forms and IDEOGRAPHIC SPACE are ordinary.
#[inline]
pub(crate) fn is_cjk_script(s: Script) -> bool {
    matches!(
        s,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
    )
}

/// Whether `c` belongs to East Asian text (CJK letters and the CJK punctuation block).
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{30FC}') || is_cjk_script(script(c))
}

/// Fullwidth ASCII variants (U+FF01–U+FF5E): the ASCII character they widen.
#[inline]
pub(crate) fn fullwidth_ascii(c: char) -> Option<char> {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        char::from_u32(c as u32 - 0xFEE0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    /// The blocks [`super::quiet`] passes over hold none of the characters
    /// the lists of invisible characters, bidi controls and exotic spaces name.
    #[test]
    fn quiet_blocks_hold_no_layout_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if super::quiet(c) {
                assert!(super::invisible(c).is_none(), "{c:?}");
                assert!(super::bidi_control(c).is_none(), "{c:?}");
                assert!(!super::exotic_space(c), "{c:?}");
            }
        }
    }
}
