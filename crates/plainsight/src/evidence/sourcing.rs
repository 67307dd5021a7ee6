//! Anonymous or vague sourcing: claims put in the mouths of people nobody can
//! check — "a source", "an insider", "friends close to her", "those who knew
//! him", "it is said", "according to reports", "fans believe".
//!
//! A named outlet or a public statement is counted by the attribution family
//! instead, as evidence the other way.

/// Patterns (see [`super::text::Phrases`] for the syntax).
pub(crate) const PATTERNS: &str = "
a|an|one|another source|insider|friend|pal|confidant|onlooker|observer|eyewitness|witness|acquaintance|tipster
a|one family friend|member|insider
a|an source|insider|friend close|near to
sources|insiders|friends|pals|people|those|someone|somebody close|near to
sources|insiders|witnesses|onlookers|observers say|said|claim|claimed|tell|told|reveal|revealed|report|reported|confirm|confirmed
sources|insiders
source tells|told|says|said|claims|claimed|reveals|revealed|adds|added|explains|explained|shares|shared
insider tells|told|says|said|claims|claimed|reveals|revealed|adds|added|explains|explained|shares|shared
those who know|knew|have|had|were|was|saw|see|heard|hear|met|worked|witnessed|remember|loved
people who know|knew|were|saw|heard|met|worked|witnessed
those around him|her|them
people around him|her|them
it is|it's|is|are|was|were said|rumored|rumoured|believed|thought|claimed|understood that|to
some|many|others|fans|people|viewers|observers|critics say|believe|claim|insist|whisper|whispered|swear
according to reports|sources|insiders|rumors|rumours|witnesses|friends|those|people|one|a|an
rumor|rumour|word has it|is
we're told|we are told|we hear|we've heard|we have learned|we've learned
reports suggest|claim|say
allegedly
reportedly
";
