//! Unicode facts about characters, for the web page's explanations.

use serde::Serialize;
use unicode_script::UnicodeScript;
use utoipa::ToSchema;

/// One character: what it is in Unicode.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq, Eq)]
pub struct CharInfo {
    /// The character itself.
    #[schema(example = "п")]
    pub char: String,
    /// Its code point, as `U+XXXX`.
    #[schema(example = "U+043F")]
    pub code_point: String,
    /// Its Unicode name (null for unassigned code points).
    #[schema(example = "CYRILLIC SMALL LETTER PE")]
    pub name: Option<String>,
    /// Its script (`Common` for punctuation and spaces, `Inherited` for marks).
    #[schema(example = "Cyrillic")]
    pub script: String,
}

/// Describes each distinct character of `text`, in order of first appearance.
pub fn describe(text: &str) -> Vec<CharInfo> {
    let mut seen = std::collections::HashSet::new();
    text.chars()
        .filter(|c| seen.insert(*c))
        .map(|c| CharInfo {
            char: c.to_string(),
            code_point: format!("U+{:04X}", c as u32),
            name: unicode_names2::name(c).map(|n| n.to_string()),
            script: c.script().full_name().to_string(),
        })
        .collect()
}
