//! Secret, never-released and private-ritual framing: the story claims access
//! to something nobody could check — a song "never intended for release", a
//! letter "kept hidden for years", a "private ritual", "for the first time".

/// Patterns (see [`super::text::Phrases`] for the syntax).
pub(crate) const PATTERNS: &str = "
secret|secrets|secretly|secretive
never-before-seen|unreleased|unseen|undisclosed|unheard
never before seen|heard|shared|told|revealed|released
never meant|intended|supposed|planned|designed for|to
never released|published|shared|told|revealed|shown|heard|spoken|made public
was|were|had never been released|shared|told|revealed|heard|seen
private ritual|moment|moments|letter|letters|song|recording|tape|tapes|diary|journal|message|video|life|pain|struggle|battle|grief|ceremony
kept it|them|this|that private|hidden|quiet|secret|away
kept private|hidden|quiet|secret|away|under wraps
behind closed doors
hidden away|truth|story|side|secret|pain|letter|song|message
for the first time
no one|nobody knew|knows|saw|heard|expected
few people|knew|know
away from the cameras|spotlight|public|press|public eye|limelight
out of the spotlight|public eye|limelight
";
