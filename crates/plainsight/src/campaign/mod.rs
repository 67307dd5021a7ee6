//! Campaigns: the copies and variants of one story across a corpus.
//!
//! A content farm posts one story many times, reworded a little and disguised
//! differently each time. Tools that shingle the raw characters never link two
//! copies written in different look-alike letters, so everything here works on
//! the [`unmask`](crate::unmask())ed, case-folded text:
//!
//! 1. [`shingles`]: the text is unmasked, lower-cased and cut into words (runs
//!    of letters and digits); a shingle is `shingle_words` consecutive words.
//! 2. [`Signature`]: a MinHash signature, `bands × rows` minimum hash values
//!    over the shingles. Two signatures agree in a position with probability
//!    equal to the Jaccard similarity of the two shingle sets.
//! 3. [`Post`]: what the index keeps of a signature: one 32-bit key per band
//!    (LSH banding: two posts that agree on all `rows` values of one band land
//!    in the same bucket) and a one-byte-per-hash sketch (b-bit MinHash, b = 8)
//!    to estimate the similarity of two posts without their full signatures.
//! 4. [`Campaigns`]: the buckets and a union-find forest. A post is compared
//!    with the first post of each of its buckets; it joins that post's
//!    campaign when the estimated similarity reaches `threshold`. The
//!    campaign's id is the number of its earliest post, so ids depend only on
//!    the order of the posts, never on threads or timing.
//!
//! 5. [`Index`]: the campaigns kept in one crash-safe, append-only file, so
//!    new posts can be matched to known campaigns across runs.
//!
//! Memory: per post, one bucket entry per band for which it opened a bucket
//! (8 bytes plus the table's slack, at most `bands` of them), the sketch
//! (`bands × rows` bytes) and 8 bytes of union-find state. With the
//! [default](Params::default) 32 bands of 3 rows that measured 373 bytes per
//! post on a million posts (BENCHMARKS.md), fewer when many posts are copies.

mod hash;
mod index;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

pub use hash::shingles;
use hash::{mix64, KeyHasher};
pub use index::{Index, IndexError};

/// The settings of shingling, MinHash and LSH banding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Words per shingle.
    pub shingle_words: usize,
    /// Number of LSH bands.
    pub bands: usize,
    /// MinHash values per band; the signature has `bands × rows` values.
    pub rows: usize,
    /// Estimated Jaccard similarity from which two posts are linked.
    pub threshold: f32,
}

impl Default for Params {
    /// Tuned for social posts and articles (see BENCHMARKS.md, `## campaigns`):
    /// 2-word shingles, 32 bands of 3 rows (96 hashes), linked from an
    /// estimated Jaccard similarity of 0.4. A pair at similarity 0.4 shares a
    /// bucket with probability 0.88, at 0.5 with 0.98; copies reworded more
    /// than that are still joined through the campaign's other posts.
    fn default() -> Params {
        Params {
            shingle_words: 2,
            bands: 32,
            rows: 3,
            threshold: 0.4,
        }
    }
}

impl Params {
    /// Number of MinHash values in a signature.
    pub fn hashes(&self) -> usize {
        self.bands * self.rows
    }

    /// Checks that the settings make sense; the message names the bad one.
    pub fn check(&self) -> Result<(), String> {
        if self.shingle_words == 0 || self.shingle_words > 16 {
            return Err(format!(
                "shingle size {} is out of range 1..=16",
                self.shingle_words
            ));
        }
        if self.bands == 0 || self.rows == 0 || self.hashes() > MAX_HASHES {
            return Err(format!(
                "{} bands of {} rows: need at least 1 of each and at most 1024 hashes",
                self.bands, self.rows
            ));
        }
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(format!(
                "threshold {} is out of range 0..=1",
                self.threshold
            ));
        }
        Ok(())
    }
}

/// Most MinHash functions a signature can have.
const MAX_HASHES: usize = 1024;

/// The coefficients of the MinHash functions `h_i(x) = (x ⊕ r_i)·a_i mod 2³²`
/// over 32-bit shingle hashes (`a_i` odd, so each `h_i` is a permutation),
/// drawn from a fixed seed so signatures are the same in every run and every
/// build: the `a_i` first, then the `r_i`. 32-bit lanes let the compiler
/// compute many functions per instruction.
fn coefficients() -> &'static [u32] {
    static COEF: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    COEF.get_or_init(|| {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            (mix64(state) >> 32) as u32
        };
        let a: Vec<u32> = (0..MAX_HASHES).map(|_| next() | 1).collect();
        let r: Vec<u32> = (0..MAX_HASHES).map(|_| next()).collect();
        [a, r].concat()
    })
}

/// A MinHash signature of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    mins: Vec<u32>,
}

impl Signature {
    /// The signature of `text`, after unmasking and case folding.
    pub fn of(text: &str, params: &Params) -> Signature {
        let mut mins = vec![u32::MAX; params.hashes().min(MAX_HASHES)];
        minhash_into(text, params, &mut mins);
        Signature { mins }
    }

    /// The signature of a set of shingle hashes (as made by [`shingles`]).
    pub fn of_shingles(shingles: &[u64], params: &Params) -> Signature {
        let n = params.hashes().min(MAX_HASHES);
        let (a, r) = functions(n);
        let mut mins = vec![u32::MAX; n];
        for &s in shingles {
            update(&mut mins, a, r, s);
        }
        Signature { mins }
    }

    /// Whether the text had no words at all; such posts join no campaign.
    pub fn is_empty(&self) -> bool {
        self.mins.iter().all(|&m| m == u32::MAX)
    }

    /// The minimum hash values.
    pub fn values(&self) -> &[u32] {
        &self.mins
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.mins.is_empty() || self.mins.len() != other.mins.len() {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / self.mins.len() as f32
    }

    /// The compact form kept by [`Campaigns`] and persistent indexes.
    pub fn post(&self, params: &Params) -> Post {
        post_of(&self.mins, params)
    }
}

/// The multipliers and xor masks of the first `n` MinHash functions.
fn functions(n: usize) -> (&'static [u32], &'static [u32]) {
    let coef = coefficients();
    (&coef[..n], &coef[MAX_HASHES..MAX_HASHES + n])
}

/// Folds one shingle hash into the minimums: one 32-bit multiply per
/// function, in lanes the compiler vectorizes.
#[inline]
fn update(mins: &mut [u32], a: &[u32], r: &[u32], s: u64) {
    let x = (s ^ (s >> 32)) as u32;
    for ((m, &a), &r) in mins.iter_mut().zip(a).zip(r) {
        *m = (*m).min((x ^ r).wrapping_mul(a));
    }
}

/// The MinHash values of `text` into `mins` (all `u32::MAX` on entry), with
/// the shingles streamed from the words: no list of shingles is built.
fn minhash_into(text: &str, params: &Params, mins: &mut [u32]) {
    let (a, r) = functions(mins.len());
    hash::for_each_shingle(text, params.shingle_words, |s| update(mins, a, r, s));
}

/// The [`Post`] of a signature's values.
fn post_of(mins: &[u32], params: &Params) -> Post {
    {
        if mins.iter().all(|&m| m == u32::MAX) {
            return Post {
                keys: Vec::new(),
                sketch: vec![0; mins.len()],
            };
        }
        let keys = mins
            .chunks(params.rows.max(1))
            .enumerate()
            .map(|(band, rows)| {
                let mut h = mix64(band as u64 + 1);
                for &r in rows {
                    h = mix64(h ^ r as u64);
                }
                (h >> 32) as u32
            })
            .collect();
        let sketch = mins.iter().map(|&m| m as u8).collect();
        Post { keys, sketch }
    }
}

/// What an index keeps of one post: a key per LSH band and a one-byte-per-hash
/// sketch of its signature (b-bit MinHash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// One bucket key per band; empty for a post without words.
    pub keys: Vec<u32>,
    /// The low byte of every MinHash value.
    pub sketch: Vec<u8>,
}

impl Post {
    /// The post of `text` (unmasked and case-folded) under `params`; the
    /// same as `Signature::of(text, params).post(params)`, without the
    /// signature's allocation.
    pub fn of(text: &str, params: &Params) -> Post {
        let n = params.hashes().min(MAX_HASHES);
        let mut stack = [u32::MAX; 128];
        let mut heap;
        let mins: &mut [u32] = if n <= stack.len() {
            &mut stack[..n]
        } else {
            heap = vec![u32::MAX; n];
            &mut heap
        };
        minhash_into(text, params, mins);
        post_of(mins, params)
    }

    /// Whether the post had no words.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Estimated Jaccard similarity of two sketches: two one-byte values agree by
/// chance once in 256 even when the full values differ, which the estimate
/// corrects for (Li and König, b-bit minwise hashing).
pub fn sketch_similarity(a: &[u8], b: &[u8]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32;
    ((same - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)).clamp(0.0, 1.0)
}

/// A match of a post against the campaigns: the campaign and the post it
/// matched best.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// The campaign's id: the number of its earliest post.
    pub campaign: u32,
    /// The number of the most similar post found.
    pub post: u32,
    /// The estimated similarity to that post.
    pub similarity: f32,
}

type Buckets = HashMap<u32, u32, BuildHasherDefault<KeyHasher>>;

/// Posts grouped into campaigns, added one at a time.
///
/// ```
/// use plainsight::campaign::{Campaigns, Params, Post};
///
/// let p = Params::default();
/// let mut c = Campaigns::new(p);
/// let story = "At 77 the singer finally reveals the truth about the secret song he wrote for his mother";
/// let a = c.add(&Post::of(story, &p));
/// let b = c.add(&Post::of("Unrelated: the council met on Tuesday to discuss the new budget for roads", &p));
/// // the same story in Cyrillic and Greek look-alike letters, reworded a little
/// let d = c.add(&Post::of("At 77 the siпger fіnally reveals the trυth about the secret song he wrote for his mum", &p));
/// assert_eq!(c.campaign(d), c.campaign(a));
/// assert_ne!(c.campaign(b), c.campaign(a));
/// assert_eq!(c.size(a), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Campaigns {
    params: Params,
    buckets: Vec<Buckets>,
    sketches: Vec<u8>,
    parent: Vec<u32>,
    size: Vec<u32>,
    /// The candidates of the post being added (reused).
    scratch: Vec<(u32, f32)>,
}

impl Campaigns {
    /// An empty set of campaigns.
    pub fn new(params: Params) -> Campaigns {
        Campaigns {
            params,
            buckets: (0..params.bands).map(|_| Buckets::default()).collect(),
            sketches: Vec::new(),
            parent: Vec::new(),
            size: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// The settings.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Number of posts added.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Whether no post was added.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Reserves room for `n` more posts.
    pub fn reserve(&mut self, n: usize) {
        self.parent.reserve(n);
        self.size.reserve(n);
        self.sketches.reserve(n * self.params.hashes());
    }

    fn sketch(&self, post: u32) -> &[u8] {
        let h = self.params.hashes();
        let i = post as usize * h;
        &self.sketches[i..i + h]
    }

    /// The candidates of a post: the first post of each of its buckets,
    /// with their estimated similarity, best first, into `seen`.
    fn candidates(&self, post: &Post, seen: &mut Vec<(u32, f32)>) {
        seen.clear();
        if post.keys.len() != self.buckets.len() || post.sketch.len() != self.params.hashes() {
            return;
        }
        for (table, key) in self.buckets.iter().zip(&post.keys) {
            if let Some(&first) = table.get(key) {
                if seen.iter().any(|&(p, _)| p == first) {
                    continue;
                }
                let s = sketch_similarity(&post.sketch, self.sketch(first));
                seen.push((first, s));
            }
        }
        seen.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }

    /// Adds a post and links it to every candidate at least `threshold`
    /// similar; returns the post's number (0, 1, 2, … in the order added).
    pub fn add(&mut self, post: &Post) -> u32 {
        let n = self.parent.len() as u32;
        let h = self.params.hashes();
        let threshold = self.params.threshold;
        let mut linked = std::mem::take(&mut self.scratch);
        linked.clear();
        if post.keys.len() == self.buckets.len() {
            let compare = post.sketch.len() == h;
            // one probe per band: a bucket's first post is a candidate, an
            // empty bucket gets this post (it is never its own candidate)
            for b in 0..self.buckets.len() {
                let first = *self.buckets[b].entry(post.keys[b]).or_insert(n);
                if first == n || !compare || linked.iter().any(|&(p, _)| p == first) {
                    continue;
                }
                let s = sketch_similarity(&post.sketch, self.sketch(first));
                linked.push((first, s));
            }
        }
        self.parent.push(n);
        self.size.push(1);
        if post.sketch.len() == h {
            self.sketches.extend_from_slice(&post.sketch);
        } else {
            self.sketches.extend(std::iter::repeat_n(0, h));
        }
        for &(p, s) in &linked {
            if s >= threshold {
                self.union(n, p);
            }
        }
        self.scratch = linked;
        n
    }

    /// The best campaign for a post without adding it, if any post of the
    /// index is at least `threshold` similar.
    pub fn best_match(&self, post: &Post) -> Option<Match> {
        let mut seen = Vec::new();
        self.candidates(post, &mut seen);
        let (p, s) = *seen.first()?;
        (s >= self.params.threshold).then(|| Match {
            campaign: self.find(p),
            post: p,
            similarity: s,
        })
    }

    fn find(&self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x
    }

    fn find_compress(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    /// Joins two campaigns; the earlier root stays the root, so a campaign's
    /// id is always the number of its earliest post.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find_compress(a), self.find_compress(b));
        if ra == rb {
            return;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        self.size[root as usize] += self.size[child as usize];
    }

    /// The campaign of post `post`: the number of its earliest post, which is
    /// also its representative.
    ///
    /// # Panics
    /// If `post` was never added.
    pub fn campaign(&self, post: u32) -> u32 {
        self.find(post)
    }

    /// Number of posts in the campaign of `post`.
    pub fn size(&self, post: u32) -> u32 {
        self.size[self.find(post) as usize]
    }

    /// Estimated similarity of two added posts.
    pub fn similarity(&self, a: u32, b: u32) -> f32 {
        if a == b {
            return 1.0;
        }
        sketch_similarity(self.sketch(a), self.sketch(b))
    }

    /// Estimated similarity of a post, added or not, to added post `n`.
    pub fn similarity_to(&self, post: &Post, n: u32) -> f32 {
        sketch_similarity(&post.sketch, self.sketch(n))
    }

    /// Flattens the forest so that later [`campaign`](Campaigns::campaign)
    /// look-ups take one step; call after the last [`add`](Campaigns::add).
    pub fn flatten(&mut self) {
        for i in 0..self.parent.len() as u32 {
            self.find_compress(i);
        }
    }

    /// Approximate heap bytes held, for reports.
    pub fn heap_bytes(&self) -> usize {
        let buckets: usize = self
            .buckets
            .iter()
            .map(|t| t.capacity() * (std::mem::size_of::<(u32, u32)>() + 1))
            .sum();
        buckets + self.sketches.capacity() + 4 * (self.parent.capacity() + self.size.capacity())
    }
}

#[cfg(test)]
mod tests;
