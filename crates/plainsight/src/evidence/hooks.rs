//! Headline hooks: the phrases that sell a story before it is told.
//!
//! Rules:
//! - an *age hook*: a sentence or line that opens with "At NN," (a number from
//!   13 to 120 followed by a comma), the "At 80, she finally…" opener of
//!   content-farm headlines;
//! - *reveal hooks*: "finally reveals / admits / speaks out", "breaks his
//!   silence", "the truth about", "the real reason", "you won't believe",
//!   "what happened next", "leaves fans stunned" and their variants.
//!
//! Hooks in the first line (the headline) also count in a feature of their
//! own, `hook_title`.

use super::text::Doc;
use std::ops::Range;

/// Reveal-hook patterns (see [`super::text::Phrases`] for the syntax).
pub(crate) const PATTERNS: &str = "
finally reveals|revealed|reveal|admits|admitted|admit|confesses|confessed|speaks|spoke|opens|opened|breaks|broke|responds|addresses|confirms|shares|tells|told|explains|answers
breaks|broke|breaking his|her|their silence
ends|ended his|her|their silence
reveals|revealed|reveal|reveals|tells|told|uncovers the truth
the truth about|behind
the real reason|story|truth
the untold|hidden|shocking|heartbreaking|tragic|sad story|truth|reason|secret
you won't|wont believe
you'll never believe|guess
what happened next
what he|she|they did next
will leave you|leaves you|left fans|leaves fans|leave fans
fans are|were|left in tears|shocked|stunned|heartbroken|speechless|devastated
left everyone|audiences|the world speechless|stunned|in tears
nobody|no one expected|saw|knew
before he|she died|passed
last wish|words|moments
heartbreaking|tearful|emotional|shocking confession|revelation|announcement|goodbye|farewell|news|message|update
sad|tragic news|update|end|diagnosis
";

/// "At NN," at the start of a sentence or line: returns the word ranges.
pub(crate) fn age_hooks(doc: &Doc<'_>, mut f: impl FnMut(Range<usize>)) {
    let at = super::text::hash_word("at");
    for (i, w) in doc.words.iter().enumerate() {
        if !w.sent_start || w.hash != at {
            continue;
        }
        let Some(n) = doc.words.get(i + 1) else {
            continue;
        };
        let Some(age) = n.num else { continue };
        if !(13..=120).contains(&age) {
            continue;
        }
        if doc.text.as_bytes().get(n.end) == Some(&b',') {
            f(i..i + 2);
        }
    }
}
