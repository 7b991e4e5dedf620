//! What the index holds of each file: its stamp when it was indexed, its number in the index and how many
//! articles it gave; and the commit of the index the list belongs to. A
//! list whose commit is not the index's is not trusted.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// What tells that a file changed: a hash of its length, times and inode
/// as the article store saw them ([`crate::store::Library::versions`]), or,
/// for a bundled article, of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(pub u64);

impl Stamp {
    /// The stamp of bytes compiled into the program.
    pub fn of_bytes(bytes: &[u8]) -> Stamp {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(bytes);
        Stamp(h.finish() ^ bytes.len() as u64)
    }
}

/// One file in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The number its documents carry.
    pub id: u64,
    /// `None` for a file that was not settled when it was indexed (it is
    /// indexed again next time).
    pub stamp: Option<Stamp>,
    /// How many articles it gave when it was indexed.
    pub articles: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The index commit this list describes.
    pub opstamp: u64,
    /// The number the next file added gets.
    pub next_id: u64,
    /// By file key (a path, or `bundled:NAME`).
    pub files: HashMap<String, Entry>,
}

/// The manifest's file name in the index folder.
pub const FILE: &str = "manifest";

impl Manifest {
    /// The manifest in `dir`, `None` when it is missing or cannot be read.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        postcard::from_bytes(&bytes).ok()
    }

    /// Writes the manifest in `dir`, whole or not at all (a temporary file
    /// renamed over the old one).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let bytes = postcard::to_allocvec(self).map_err(std::io::Error::other)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
        Ok(())
    }

    /// The key of the file numbered `id`, for looking documents up.
    pub fn keys_by_id(&self) -> HashMap<u64, (&str, u32)> {
        self.files
            .iter()
            .map(|(k, e)| (e.id, (k.as_str(), e.articles)))
            .collect()
    }
}
