//! Constant-time look-ups into the sorted character tables of [`super::tables`].
//!
//! Every letter of a disguised text is looked up in several tables (look-alikes,
//! styled letters, symbols, marks), several times over the passes; a binary
//! search costs a dozen unpredictable branches each time. A [`RowIndex`] keeps,
//! per block of 256 code points of the first two planes (where every table
//! row but a handful lies), the row of each code point, built on first use of
//! the block; blocks without rows cost one byte-sized answer. Code points
//! beyond fall back to the binary search.

use std::sync::OnceLock;

/// Code points below this are indexed by block; the rest are searched.
const INDEXED: u32 = 0x2_0000;

/// Row + 1 of each code point of a block (0: none), or `None` for a block
/// without rows.
type Block = Option<Box<[u16; 256]>>;

/// The rows of one sorted table, by block of 256 code points.
pub(crate) struct RowIndex {
    blocks: [OnceLock<Block>; (INDEXED >> 8) as usize],
}

impl RowIndex {
    /// An empty index: blocks are built as they are first asked for.
    pub(crate) const fn new() -> RowIndex {
        RowIndex {
            blocks: [const { OnceLock::new() }; (INDEXED >> 8) as usize],
        }
    }

    /// The row of `table` (sorted by `key`, fewer than 65,535 rows) whose key is `c`.
    #[inline]
    pub(crate) fn row<T>(&self, table: &[T], key: fn(&T) -> u32, c: char) -> Option<usize> {
        let k = c as u32;
        if k >= INDEXED {
            return table.binary_search_by_key(&k, key).ok();
        }
        let block = self.blocks[(k >> 8) as usize].get_or_init(|| {
            let first = table.partition_point(|r| key(r) >> 8 < k >> 8);
            let mut rows = table[first..]
                .iter()
                .enumerate()
                .take_while(|(_, r)| key(r) >> 8 == k >> 8)
                .peekable();
            rows.peek()?;
            let mut b = Box::new([0u16; 256]);
            for (i, r) in rows {
                b[(key(r) & 0xFF) as usize] = (first + i + 1) as u16;
            }
            Some(b)
        });
        let i = block.as_ref()?[(k & 0xFF) as usize];
        (i as usize).checked_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tables::{LOOKALIKE, LOOSE_MARKS, MARKS, STYLED, SYMBOLS};
    use super::RowIndex;

    /// The index answers exactly what a binary search of the table does, for
    /// every code point of the indexed planes and a sample beyond.
    fn agrees<T>(table: &[T], key: fn(&T) -> u32) {
        assert!(table.windows(2).all(|w| key(&w[0]) < key(&w[1])), "sorted");
        let index = RowIndex::new();
        for cp in (0..0x2_0000u32).chain((0x2_0000..0x11_0000).step_by(97)) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want = table.binary_search_by_key(&cp, key).ok();
            assert_eq!(index.row(table, key, c), want, "{cp:#x}");
        }
    }

    #[test]
    fn every_table_agrees_with_its_binary_search() {
        agrees(&LOOKALIKE, |r| r.0);
        agrees(&STYLED, |r| r.0);
        agrees(&SYMBOLS, |r| r.0);
        agrees(&MARKS, |r| r.0);
        agrees(&LOOSE_MARKS, |r| r.0);
    }
}
