//! The small values a [`Change`](super::Change) carries, held without a heap
//! allocation: a disguised line has a change every few characters, and three
//! allocations per change (original, replacement, scripts) cost more than
//! finding the change.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

/// How many bytes a [`Piece`] holds in place.
const INLINE: usize = 22;

/// A short text: the original or the replacement of a change, mostly one
/// character. Up to 22 bytes are held in place, longer texts on the heap.
///
/// It reads as a `&str` (it dereferences to one), compares with strings,
/// and serializes as a string.
///
/// ```
/// let u = plainsight::unmask("fiпal");
/// let c = &u.changes()[0];
/// assert_eq!(c.original, "п");
/// assert_eq!(c.replacement.len(), 1);
/// let s: String = c.replacement.to_string();
/// assert_eq!(s, "n");
/// ```
#[derive(Clone)]
pub struct Piece(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Piece {
    /// A piece holding `s`.
    #[inline]
    pub fn new(s: &str) -> Piece {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Piece(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            Piece(Repr::Heap(s.into()))
        }
    }

    /// A piece holding one character.
    #[inline]
    pub fn from_char(c: char) -> Piece {
        let mut bytes = [0u8; INLINE];
        let len = c.encode_utf8(&mut bytes).len() as u8;
        Piece(Repr::Inline { len, bytes })
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // (the bytes were copied from a str: they are UTF-8)
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Default for Piece {
    fn default() -> Piece {
        Piece::new("")
    }
}

impl Deref for Piece {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Piece {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Piece {
    fn from(s: &str) -> Piece {
        Piece::new(s)
    }
}

impl From<Piece> for String {
    fn from(p: Piece) -> String {
        p.as_str().to_string()
    }
}

impl fmt::Debug for Piece {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Piece {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Piece {
    fn eq(&self, other: &Piece) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Piece {}

impl std::hash::Hash for Piece {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq<str> for Piece {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Piece {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Piece {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Piece> for str {
    fn eq(&self, other: &Piece) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Piece> for &str {
    fn eq(&self, other: &Piece) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Piece> for String {
    fn eq(&self, other: &Piece) -> bool {
        self == other.as_str()
    }
}

impl Serialize for Piece {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How many script names a [`Scripts`] holds in place.
const SCRIPTS_INLINE: usize = 4;

/// The scripts of a change (see [`Change::scripts`](super::Change::scripts)):
/// up to four names held in place, more on the heap.
///
/// It reads as a slice of names (it dereferences to one) and serializes as a
/// list.
///
/// ```
/// let u = plainsight::unmask("fiпal");
/// let scripts = &u.changes()[0].scripts;
/// assert_eq!(scripts.join("→"), "Cyrillic→Latin");
/// assert!(scripts.contains(&"Latin"));
/// ```
#[derive(Clone, Default)]
pub struct Scripts {
    names: [&'static str; SCRIPTS_INLINE],
    len: u8,
    /// every name, once there are more than fit in place
    more: Vec<&'static str>,
}

impl Scripts {
    /// No scripts.
    pub fn new() -> Scripts {
        Scripts::default()
    }

    /// The names in `names`, in order.
    #[inline]
    pub fn from_names(names: &[&'static str]) -> Scripts {
        let mut s = Scripts::new();
        if names.len() <= SCRIPTS_INLINE {
            s.names[..names.len()].copy_from_slice(names);
            s.len = names.len() as u8;
        } else {
            s.more = names.to_vec();
        }
        s
    }

    /// Adds a name at the end.
    #[inline]
    pub fn push(&mut self, name: &'static str) {
        if self.more.is_empty() && (self.len as usize) < SCRIPTS_INLINE {
            self.names[self.len as usize] = name;
            self.len += 1;
        } else {
            if self.more.is_empty() {
                self.more
                    .extend_from_slice(&self.names[..self.len as usize]);
            }
            self.more.push(name);
        }
    }

    /// Adds a name at the end unless it is there already.
    #[inline]
    pub fn add(&mut self, name: &'static str) {
        if !self.contains(&name) {
            self.push(name);
        }
    }

    /// The names, in order.
    #[inline]
    pub fn as_slice(&self) -> &[&'static str] {
        if self.more.is_empty() {
            &self.names[..self.len as usize]
        } else {
            &self.more
        }
    }
}

impl Deref for Scripts {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        self.as_slice()
    }
}

impl fmt::Debug for Scripts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl PartialEq for Scripts {
    fn eq(&self, other: &Scripts) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Scripts {}

impl PartialEq<[&'static str]> for Scripts {
    fn eq(&self, other: &[&'static str]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<Vec<&'static str>> for Scripts {
    fn eq(&self, other: &Vec<&'static str>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Serialize for Scripts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::{Piece, Scripts};

    #[test]
    fn pieces_hold_any_text() {
        for s in ["", "п", "x\u{8}", "𝐚", &"long text ".repeat(5)] {
            let p = Piece::new(s);
            assert_eq!(p, s);
            assert_eq!(p.len(), s.len());
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                serde_json::to_string(s).unwrap()
            );
            assert_eq!(format!("{p:?}"), format!("{s:?}"));
        }
        assert_eq!(Piece::from_char('υ'), "υ");
    }

    #[test]
    fn scripts_keep_order_past_four() {
        let names = [
            "Greek", "Latin", "Cyrillic", "Common", "Armenian", "Cherokee",
        ];
        let mut s = Scripts::new();
        for (k, n) in names.iter().enumerate() {
            s.add(n);
            s.add(n);
            assert_eq!(&s[..], &names[..=k]);
        }
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            serde_json::to_string(&names).unwrap()
        );
        assert_eq!(Scripts::from_names(&names[..2]).join("→"), "Greek→Latin");
    }
}
