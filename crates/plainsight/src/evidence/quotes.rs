//! Unverifiable quotes: long quotations (at least eight words) in a story
//! that names no outlet, interview, statement, date or link a reader could
//! check them against. Fabricated tributes put paragraphs of invented speech
//! in a star's mouth; real reporting says where the words were said.
//!
//! A quotation runs from an opening `“` to the next `”` on the same line (or
//! to the end of the line when the paragraph does not close it), or between
//! two straight `"` on one line.

use super::text::Doc;
use std::ops::Range;

/// Words a quotation needs to count as long.
pub(crate) const LONG_WORDS: usize = 8;

/// Byte ranges (in the restored text) of the long quotations, with the quote
/// marks.
pub(crate) fn long_quotes(doc: &Doc<'_>, mut f: impl FnMut(Range<usize>)) {
    let text = doc.text;
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut open: Option<(usize, char)> = None;
        for (i, c) in line.char_indices() {
            match (open, c) {
                (None, '\u{201C}') | (None, '"') => open = Some((i, c)),
                (Some((s, '\u{201C}')), '\u{201D}') | (Some((s, '"')), '"') => {
                    emit(doc, line_start + s..line_start + i + c.len_utf8(), &mut f);
                    open = None;
                }
                _ => {}
            }
        }
        if let Some((s, '\u{201C}')) = open {
            emit(
                doc,
                line_start + s..line_start + line.trim_end().len(),
                &mut f,
            );
        }
        line_start += line.len() + 1;
    }
}

fn emit(doc: &Doc<'_>, r: Range<usize>, f: &mut impl FnMut(Range<usize>)) {
    let a = doc.words.partition_point(|w| w.start < r.start);
    let b = doc.words.partition_point(|w| w.end <= r.end);
    if b >= a + LONG_WORDS {
        f(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_long_quotes_only() {
        let t = "He said “one two three four five six seven eight” and \"short one\".\n“an open quote that runs on to the end of its line\nno";
        let d = Doc::new(t);
        let mut got = Vec::new();
        long_quotes(&d, |r| got.push(&t[r]));
        assert_eq!(
            got,
            [
                "“one two three four five six seven eight”",
                "“an open quote that runs on to the end of its line"
            ]
        );
    }
}
