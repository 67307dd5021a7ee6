//! Inner-life narration: a story that tells what a star felt, knew, feared or
//! kept in their heart, in the narrator's voice, while naming no interview,
//! outlet, statement, date or link it could come from. A reporter can quote
//! what someone said; only the subject knows what they silently felt, so a
//! story that narrates it without a source is either a memoir or made up.
//!
//! Rules: the patterns below (a third-person subject with a verb of feeling,
//! knowing or remembering, "deep down", "in his heart", "a part of her") count
//! only when the story has no attribution cue (see [`super::attribution`]),
//! the same test that makes a long quote unverifiable.

/// Patterns (see [`super::text::Phrases`] for the syntax).
pub(crate) const PATTERNS: &str = "
he|she felt|feared|knew|sensed|wondered|realized|realised|longed|yearned|dreamed|dreamt|ached|wished|cherished|treasured
he|she never forgot|stopped|recovered
he|she never let go
he|she never spoke of|about
he|she never told anyone
he|she had always|never felt|known|wanted|believed|dreamed|carried|kept|hoped
he|she would often|always|later|never say|recall|remember|confess|admit|whisper|reflect
in his|her|their heart|hearts|mind|soul
in his|her|their final|last|quiet|darkest|private years|moments
deep down|inside|within
a part of him|her|them
something inside him|her|them
his|her|their heart ached|broke|sank|raced|swelled
haunted him|her|them
stayed|stuck with him|her|them
weighed on him|her|them
to|for him|her|them it was|wasn't|had
he|she carried it|the|that|this|those|these
";
