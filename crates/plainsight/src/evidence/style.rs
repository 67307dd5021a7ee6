//! Emotional and templated style: the sentimental vocabulary and the stock
//! constructions of mass-produced tribute stories.
//!
//! Rules:
//! - *emotion*: words of sentiment and awe — grief, tears, heart, gratitude,
//!   devotion, legacy, bittersweet, haunting…;
//! - *template*: stock constructions — "not just a …", "it wasn't about …",
//!   "more than just", "that's why", "one thing is clear", "a testament to",
//!   "in a world where", "stands as a" (the stock phrasing of LLM-written
//!   tributes, which make up a part of the fabricated training stories);
//! - *fragments*: the share of sentences of at most four words (a dense run of
//!   "It listens." "It simply stays." lines), a document-level signal;
//! - *dashes*: em dashes per hundred words, a document-level signal.

/// Words of sentiment (see [`super::text::Phrases`] for the syntax).
pub(crate) const EMOTION: &str = "
heart|hearts|heartfelt|heartbreak|heartbreaking|heartbroken|heartwarming|heartache
tears|tearful|tear|weep|wept|weeping|cried|crying|sob|sobbing
grief|grieving|grieve|mourning|mourn|sorrow|loss
gratitude|grateful|thankful
devotion|devoted|sacred|soul|souls|spirit|spiritual|divine|blessing|blessed
legacy|legacies|timeless|eternal|forever|immortal
love|loved|loving|beloved|cherish|cherished
memory|memories|remembering|remembrance|nostalgia|nostalgic
tribute|farewell|goodbye
emotional|emotion|emotions|touching|moving|poignant|bittersweet|tender|tenderness|intimate|vulnerable|vulnerability|raw
chills|breathtaking|haunting|hauntingly|unforgettable|profound|profoundly
quietly|softly|gently|whispered|whisper
healing|redemption|forgiveness|peace|solace|comfort
testament|journey|resonate|resonates|resonated|resonating|unwavering|enduring|reverence|humility|solemn
";

/// Stock constructions (see [`super::text::Phrases`] for the syntax).
pub(crate) const TEMPLATE: &str = "
not just|only|merely|simply a|an|the|about
wasn't|isn't|weren't|aren't just|only|merely|simply|about
was|is|were|are not just|only|merely|simply|about
it was|is never|not about
it's|it was|it is about|because of
more than just|ever
that's|this is|that is|it's|it is why|because|what|how
the world needed|forgot|forgets|will never|lost|watched|stood
one thing is clear|certain
a testament to
a reminder of|that
in a world where|that|of
serves|served|stands|stood as a|an
";

/// Whether a sentence of `n` words counts as a fragment.
pub(crate) fn is_fragment(n: usize) -> bool {
    n <= 4
}
