//! The disguise itself: text written in look-alike letters, styled letters,
//! invisible characters or reordering controls. No legitimate publisher writes
//! that way, so the disguise is reported as evidence and flagged (`disguised`).
//!
//! It does not enter the probability: the score is computed on the restored
//! text, so that a disguised copy of a story scores as the plain story does
//! (the shared training data holds no disguised text to learn a weight from).
//! One cue covers each run of changes inside one word of the input.

use crate::unmask::Unmasked;
use std::ops::Range;

/// Unmask score from which a text counts as disguised.
pub(crate) const DISGUISED: f32 = 0.5;

/// Input byte ranges of the disguised words, at most `max` of them.
pub(crate) fn spans(input: &str, u: &Unmasked, max: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for c in u.changes() {
        if c.class == crate::Class::Space {
            continue;
        }
        // widen to the word around the change (a word of at most 40 characters)
        let start = input[..c.input.start]
            .char_indices()
            .rev()
            .take(40)
            .find(|(_, ch)| ch.is_whitespace())
            .map(|(i, ch)| i + ch.len_utf8())
            .unwrap_or(c.input.start);
        let end = input[c.input.end..]
            .char_indices()
            .take(40)
            .find(|(_, ch)| ch.is_whitespace())
            .map(|(i, _)| c.input.end + i)
            .unwrap_or(c.input.end);
        let start = start.min(c.input.start);
        let end = end.max(c.input.end);
        match out.last_mut() {
            Some(l) if l.end >= start => l.end = l.end.max(end),
            _ => {
                if out.len() == max {
                    break;
                }
                out.push(start..end)
            }
        }
    }
    out
}
