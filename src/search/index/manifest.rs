//! What the index holds of each file: its stamp (length, modification
//! time, inode) when it was indexed, its number in the index and how many
//! articles it gave; and the commit of the index the list belongs to. A
//! list whose commit is not the index's is not trusted.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// What tells that a file changed: its length, modification time and
/// inode (a file replaced by another has another inode). The bundled
/// articles are stamped with their length and a hash of their bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_secs: i64,
    pub modified_nanos: u32,
    pub inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path`, or `None` when it cannot be read.
    pub fn of_path(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        let (modified_secs, modified_nanos) = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| {
                (
                    i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    d.subsec_nanos(),
                )
            });
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: m.len(),
            modified_secs,
            modified_nanos,
            inode,
        })
    }

    /// The stamp of bytes compiled into the program.
    pub fn of_bytes(bytes: &[u8]) -> Stamp {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(bytes);
        Stamp {
            len: bytes.len() as u64,
            modified_secs: 0,
            modified_nanos: 0,
            inode: h.finish(),
        }
    }
}

/// One file in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The number its documents carry.
    pub id: u64,
    pub stamp: Stamp,
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
