//! # plainsight
//!
//! See through fabricated celebrity stories and the text tricks that hide them.
//!
//! The engine's first stage, [`unmask`], restores text written in look-alike
//! letters, styled letters, invisible characters, bidi reordering, deletion
//! controls and zalgo marks, keeping case and typography, and leaves ordinary
//! text in every language byte-identical. Every change is reported with its
//! byte offsets in the input and the output, so downstream tools can point at
//! the original post.
//!
//! ```
//! use plainsight::{unmask, Class};
//!
//! // Cyrillic п for n, Greek υ for u, a zero-width space inside a word
//! let u = unmask("At 77, he fiпally told the trυ\u{200B}th");
//! assert_eq!(u.text(), "At 77, he finally told the truth");
//! assert!(u.score() > 0.5);
//!
//! let first = &u.changes()[0];
//! assert_eq!(first.class, Class::Homoglyph);
//! assert_eq!(first.original, "п");
//! assert_eq!(first.replacement, "n");
//! assert_eq!(&"At 77, he fiпally"[first.input.clone()], "п");
//!
//! // real text stays exactly as it is
//! let greek = "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.";
//! assert_eq!(unmask(greek).text(), greek);
//! assert!(!unmask(greek).is_changed());
//! ```

pub mod campaign;
pub mod evidence;
pub mod unmask;

pub use evidence::{scan, Cue, Family, Scan, Verdict};
pub use unmask::{unmask, Change, Class, Unmasked};
