//! Attribution: what a reader could check — a named outlet ("told People",
//! "in an interview with", "according to Variety"), a public statement or post
//! ("said in a statement", "on Instagram", "tweeted"), a representative, a
//! dated report ("on Tuesday", "March 3") or a link.
//!
//! Attribution is evidence *against* fabrication; its absence from a long
//! story is evidence for it (feature `no_attribution`), and the quotes family
//! uses it to decide whether a quote can be checked.

/// Outlet and statement patterns (see [`super::text::Phrases`] for the syntax).
pub(crate) const PATTERNS: &str = "
told|tells @
said|says|told|wrote|explained|revealed|confirmed|shared|posted|added|announced|tweeted in|on|to|via a|an|the|his|her|their statement|interview|post|tweet|podcast|episode|appearance|video|press release
in|during a|an|his|her|their interview|statement|appearance|press conference|podcast|op-ed|essay|memoir
interview with|to @
according to @
confirmed to|with @
reported by|reports|wrote @
via|on|to instagram|twitter|facebook|youtube|tiktok|snapchat|weibo|x
instagram|twitter|facebook|youtube|tiktok story|post|live|video|account|caption|page
tweeted|retweeted|instagrammed
representative|rep|spokesperson|spokesman|spokeswoman|publicist|lawyer|attorney for|tells|told|said|confirmed
court documents|records|papers|filings
press release|press conference
";

/// Dates that place a report in time (a named day or a month with a day).
pub(crate) const DATES: &str = "
on|last|this|next monday|tuesday|wednesday|thursday|friday|saturday|sunday
monday|tuesday|wednesday|thursday|friday|saturday|sunday night|morning|afternoon|evening
january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|aug|sept|sep|oct|nov|dec #
earlier|later|last this week|month|year|weekend
last week|month|weekend|night
this week|weekend|morning|afternoon|evening
";

/// Whether the text holds a link or a social handle, and where: byte ranges
/// of the restored text.
pub(crate) fn links(text: &str, mut f: impl FnMut(std::ops::Range<usize>)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let hit = rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www.")
            || (b[i] == b'@'
                && (i == 0 || b[i - 1].is_ascii_whitespace() || b[i - 1] == b'(')
                && rest
                    .get(1)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_'));
        if hit {
            let end = i + rest
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b')' || *c == b'"' || *c >= 0x80)
                .unwrap_or(rest.len());
            f(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
}
