//! The persistent campaign index: one append-only file, shared by
//! `plainsight campaigns --index PATH add|match|info` and the `/v1/campaigns/match`
//! route of `plainsight serve`.
//!
//! Layout:
//! - a 56-byte header: the magic line `PLAINSIGHT CAMPAIGN INDEX v1\n` padded
//!   with zeros to 32 bytes, the settings (shingle words, bands, rows,
//!   threshold as `f32` bits; little-endian `u32`s), four reserved zero bytes
//!   and the CRC-32 of the 20 bytes after the magic;
//! - then frames, one per commit: the tag `PSCF`, the number of posts, the
//!   payload length and the CRC-32 of the count and payload (little-endian
//!   `u32`s), then the payload: per post a flag byte (1 = has words), one
//!   `u32` key per band and one sketch byte per hash.
//!
//! Crash safety: a new index is written to `PATH.tmp`, synced and renamed into
//! place, so `PATH` never holds half a header. A commit appends one frame and
//! syncs the file before anything is reported as added, so a frame is either
//! complete and checksummed or it is the torn tail of a killed run. Opening
//! replays every good frame and cuts the file at the first incomplete or
//! mismatching one: nothing committed is lost and the file always opens again.
//! One writer at a time.

use super::{Campaigns, Params, Post};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Why an index could not be opened or written. Each message names the file
/// and, where there is one, what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Opened read-only, but there is no file.
    #[error("{}: no such index; create it with `plainsight campaigns --index {} add FILE...`", .0.display(), .0.display())]
    Missing(PathBuf),
    /// The file is not an index, or its header is damaged.
    #[error("{}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The settings asked for differ from the ones the index was built with.
    #[error("{}: the index was built with {} and cannot be used with {}; leave out the settings to use the index's", path.display(), describe(stored), describe(given))]
    Settings {
        /// The file.
        path: PathBuf,
        /// The index's settings.
        stored: Params,
        /// The settings asked for.
        given: Params,
    },
    /// The settings for a new index make no sense.
    #[error("{0}")]
    BadParams(String),
    /// A commit to an index opened read-only.
    #[error("{}: index is open read-only", .0.display())]
    ReadOnly(PathBuf),
    /// The operating system refused a read, a write or a sync.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done (`open index`, `write index`, …).
        action: &'static str,
        /// The error.
        source: std::io::Error,
    },
}

fn io<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(std::io::Error) -> IndexError + 'a {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

const MAGIC: &[u8; 32] = b"PLAINSIGHT CAMPAIGN INDEX v1\n\0\0\0";
const HEADER: usize = 56;
const FRAME_TAG: &[u8; 4] = b"PSCF";
const FRAME_HEAD: usize = 16;

/// An open index: the campaigns it holds and the file behind them.
///
/// ```
/// use plainsight::campaign::{Index, Params, Post};
///
/// let dir = std::env::temp_dir().join(format!("plainsight-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("campaigns.idx");
/// let p = Params::default();
/// let story = "At 77 the singer finally reveals the truth about the secret song he wrote for his mother";
/// let mut ix = Index::open(&path, None, true).unwrap();
/// assert_eq!(ix.commit(&[Post::of(story, &p)]).unwrap(), [0]);
/// drop(ix);
/// // later, or in another process: the commit is there
/// let ix = Index::open(&path, None, false).unwrap();
/// let m = ix.campaigns.best_match(&Post::of(story, &p)).unwrap();
/// assert_eq!(m.campaign, 0);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct Index {
    path: PathBuf,
    file: Option<File>,
    /// The campaigns, replayed from the file.
    pub campaigns: Campaigns,
    /// Bytes cut from a torn tail when the index was opened.
    pub dropped_bytes: u64,
}

impl Index {
    /// Opens the index at `path`. With `writable`, a missing file is created
    /// with `params` (or the defaults) and a torn tail is cut off; read-only, a
    /// missing file is an error. `params`, when given, must match the file's.
    pub fn open(path: &Path, params: Option<Params>, writable: bool) -> Result<Index, IndexError> {
        if !path.exists() {
            if !writable {
                return Err(IndexError::Missing(path.to_path_buf()));
            }
            create(path, &params.unwrap_or_default())?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(writable)
            .open(path)
            .map_err(io(path, "open index"))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(io(path, "read index"))?;
        let stored = read_header(&bytes).map_err(|reason| IndexError::Invalid {
            path: path.to_path_buf(),
            reason,
        })?;
        if let Some(given) = params {
            if given != stored {
                return Err(IndexError::Settings {
                    path: path.to_path_buf(),
                    stored,
                    given,
                });
            }
        }
        let mut campaigns = Campaigns::new(stored);
        let good = replay(&bytes, &stored, &mut campaigns);
        let dropped_bytes = bytes.len() as u64 - good as u64;
        drop(bytes);
        if writable && dropped_bytes > 0 {
            file.set_len(good as u64)
                .and_then(|_| file.sync_all())
                .map_err(io(path, "cut the torn tail"))?;
        }
        if writable {
            file.seek(SeekFrom::End(0))
                .map_err(io(path, "seek to the end of the index"))?;
        }
        Ok(Index {
            path: path.to_path_buf(),
            file: writable.then_some(file),
            campaigns,
            dropped_bytes,
        })
    }

    /// Adds posts to the campaigns and commits them in one frame: when this
    /// returns `Ok`, they are on disk. Returns the posts' numbers.
    pub fn commit(&mut self, posts: &[Post]) -> Result<Vec<u32>, IndexError> {
        let Some(file) = self.file.as_mut() else {
            return Err(IndexError::ReadOnly(self.path.clone()));
        };
        if posts.is_empty() {
            return Ok(Vec::new());
        }
        let p = *self.campaigns.params();
        let mut payload = Vec::with_capacity(posts.len() * record_len(&p));
        for post in posts {
            encode(post, &p, &mut payload);
        }
        let mut frame = Vec::with_capacity(FRAME_HEAD + payload.len());
        frame.extend_from_slice(FRAME_TAG);
        frame.extend_from_slice(&(posts.len() as u32).to_le_bytes());
        frame.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        let mut crc = Crc32::new();
        crc.update(&(posts.len() as u32).to_le_bytes());
        crc.update(&payload);
        frame.extend_from_slice(&crc.finish().to_le_bytes());
        frame.extend_from_slice(&payload);
        file.write_all(&frame)
            .and_then(|_| file.sync_data())
            .map_err(io(&self.path, "write index"))?;
        Ok(posts.iter().map(|post| self.campaigns.add(post)).collect())
    }
}

fn describe(p: &Params) -> String {
    format!(
        "--shingle {} --bands {} --rows {} --threshold {}",
        p.shingle_words, p.bands, p.rows, p.threshold
    )
}

fn record_len(p: &Params) -> usize {
    1 + 4 * p.bands + p.hashes()
}

fn encode(post: &Post, p: &Params, out: &mut Vec<u8>) {
    if post.is_empty() || post.keys.len() != p.bands || post.sketch.len() != p.hashes() {
        out.push(0);
        out.resize(out.len() + 4 * p.bands + p.hashes(), 0);
        return;
    }
    out.push(1);
    for k in &post.keys {
        out.extend_from_slice(&k.to_le_bytes());
    }
    out.extend_from_slice(&post.sketch);
}

fn decode(rec: &[u8], p: &Params) -> Post {
    if rec[0] == 0 {
        return Post {
            keys: Vec::new(),
            sketch: vec![0; p.hashes()],
        };
    }
    let keys = rec[1..1 + 4 * p.bands]
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Post {
        keys,
        sketch: rec[1 + 4 * p.bands..].to_vec(),
    }
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn create(path: &Path, p: &Params) -> Result<(), IndexError> {
    p.check().map_err(IndexError::BadParams)?;
    let mut h = Vec::with_capacity(HEADER);
    h.extend_from_slice(MAGIC);
    for v in [
        p.shingle_words as u32,
        p.bands as u32,
        p.rows as u32,
        p.threshold.to_bits(),
        0,
    ] {
        h.extend_from_slice(&v.to_le_bytes());
    }
    let mut crc = Crc32::new();
    crc.update(&h[32..]);
    h.extend_from_slice(&crc.finish().to_le_bytes());
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let write = || -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(&h)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // make the rename durable; not every platform can sync a directory
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    };
    write().map_err(io(path, "create index"))
}

fn read_header(b: &[u8]) -> Result<Params, String> {
    if b.len() < HEADER || &b[..32] != MAGIC {
        return Err("not a plainsight campaign index".into());
    }
    let mut full = Crc32::new();
    full.update(&b[32..HEADER - 4]);
    if full.finish() != u32_at(b, HEADER - 4) {
        return Err("index header is damaged (checksum mismatch)".into());
    }
    let p = Params {
        shingle_words: u32_at(b, 32) as usize,
        bands: u32_at(b, 36) as usize,
        rows: u32_at(b, 40) as usize,
        threshold: f32::from_bits(u32_at(b, 44)),
    };
    p.check().map_err(|e| format!("index header: {e}"))?;
    Ok(p)
}

/// Replays the good frames into `campaigns`; returns the length of the good prefix.
fn replay(b: &[u8], p: &Params, campaigns: &mut Campaigns) -> usize {
    let rec = record_len(p);
    let mut at = HEADER;
    loop {
        if b.len() < at + FRAME_HEAD || &b[at..at + 4] != FRAME_TAG {
            return at;
        }
        let count = u32_at(b, at + 4) as usize;
        let len = u32_at(b, at + 8) as usize;
        let crc = u32_at(b, at + 12);
        let start = at + FRAME_HEAD;
        if count.checked_mul(rec) != Some(len) || b.len() - start < len {
            return at;
        }
        let payload = &b[start..start + len];
        let mut c = Crc32::new();
        c.update(&(count as u32).to_le_bytes());
        c.update(payload);
        if c.finish() != crc {
            return at;
        }
        campaigns.reserve(count);
        for r in payload.chunks_exact(rec) {
            campaigns.add(&decode(r, p));
        }
        at = start + len;
    }
}

/// CRC-32 (IEEE 802.3, reflected, as in zip and PNG).
struct Crc32(u32);

impl Crc32 {
    fn new() -> Crc32 {
        Crc32(!0)
    }

    fn table() -> &'static [u32; 256] {
        static T: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
        T.get_or_init(|| {
            let mut t = [0u32; 256];
            for (i, e) in t.iter_mut().enumerate() {
                let mut c = i as u32;
                for _ in 0..8 {
                    c = if c & 1 != 0 {
                        0xEDB8_8320 ^ (c >> 1)
                    } else {
                        c >> 1
                    };
                }
                *e = c;
            }
            t
        })
    }

    fn update(&mut self, bytes: &[u8]) {
        let t = Crc32::table();
        for &b in bytes {
            self.0 = t[((self.0 ^ b as u32) & 0xFF) as usize] ^ (self.0 >> 8);
        }
    }

    fn finish(&self) -> u32 {
        !self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard() {
        let mut c = Crc32::new();
        c.update(b"123456789");
        assert_eq!(c.finish(), 0xCBF4_3926);
    }

    #[test]
    fn reopening_keeps_commits_and_cuts_a_torn_tail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let p = Params::default();
        let story = "the singer finally reveals the truth about the secret song for his mother";
        {
            let mut ix = Index::open(&path, None, true).unwrap();
            let n = ix.commit(&[Post::of(story, &p), Post::of("", &p)]).unwrap();
            assert_eq!(n, [0, 1]);
            let n = ix.commit(&[Post::of(story, &p)]).unwrap();
            assert_eq!(n, [2]);
        }
        let good = std::fs::metadata(&path).unwrap().len();
        // a torn frame: the head and half a payload
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"PSCF\x01\0\0\0\xa1\0\0\0\0\0\0\0abc").unwrap();
        drop(f);
        let ro = Index::open(&path, None, false).unwrap();
        assert_eq!(ro.campaigns.len(), 3);
        assert_eq!(ro.dropped_bytes, 19);
        let mut ix = Index::open(&path, Some(p), true).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), good);
        assert_eq!(ix.campaigns.campaign(2), 0);
        assert_eq!(ix.campaigns.size(0), 2);
        assert_eq!(ix.commit(&[Post::of("other words here", &p)]).unwrap(), [3]);
        let other = Params { rows: 2, ..p };
        let e = Index::open(&path, Some(other), true)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("--rows 3"), "{e}");
        std::fs::write(dir.path().join("junk"), b"hello").unwrap();
        let e = Index::open(&dir.path().join("junk"), None, true)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("not a plainsight campaign index"));
        let e = Index::open(&dir.path().join("none"), None, false)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("no such index"));
    }
}
