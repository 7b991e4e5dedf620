//! What the article cache keys on: a file's version (its [`Stamp`]), its
//! key in its folder's cache, the folder's name and this build's fingerprint.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::MAGIC;

/// What identifies a file's version: length, times and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    len: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Stamp {
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (changed, inode) = (0, 0);
        Stamp {
            len: meta.len(),
            modified: nanos(meta.modified()),
            changed,
            inode,
        }
    }

    /// A bundled article: its bytes are part of the program.
    pub(crate) fn bundled(len: usize) -> Stamp {
        Stamp {
            len: len as u64,
            modified: 0,
            changed: 0,
            inode: 0,
        }
    }

    /// The stamp as one number, for caches kept beside this one.
    pub(crate) fn version(&self) -> u64 {
        fnv(&[
            &self.len.to_le_bytes(),
            &self.modified.to_le_bytes(),
            &self.changed.to_le_bytes(),
            &self.inode.to_le_bytes(),
        ])
    }

    /// [`Stamp::version`] once the file has settled ([`Stamp::settled`]):
    /// what may be kept beside the cache to tell the file changed.
    pub(crate) fn settled_version(&self) -> Option<u64> {
        self.settled().then(|| self.version())
    }

    /// Whether the file has not been touched for a second, so that a later
    /// change must show in its times.
    pub(crate) fn settled(&self) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        let second = 1_000_000_000;
        self.modified.max(self.changed) < now - second
    }
}

/// A file's cache key: its path relative to the folder (`None` for a name
/// that is not UTF-8: such a file is read every time).
pub(crate) fn key_of(relative: &Path) -> Option<String> {
    relative.to_str().map(str::to_string)
}

/// A folder's name for its cache file: its canonical path, as bytes.
pub(crate) fn root_of(canonical: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        canonical.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        canonical.to_string_lossy().as_bytes().to_vec()
    }
}

/// 64-bit FNV-1a: a stable name for a folder and a build.
pub(crate) fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What the cache's contents depend on: the format, and this build of the
/// program (whose parsers, taxonomy and bundled files made them).
pub(crate) fn fingerprint() -> u64 {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let s = Stamp::of(&m);
            format!("{}:{}", s.len, s.modified)
        })
        .unwrap_or_default();
    fnv(&[MAGIC, env!("CARGO_PKG_VERSION").as_bytes(), exe.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable() {
        assert_eq!(fnv(&[b"a"]), fnv(&[b"a"]));
        assert_ne!(fnv(&[b"a", b"b"]), fnv(&[b"ab"]));
    }
}
