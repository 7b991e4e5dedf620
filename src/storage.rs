//! Reading and writing state files safely. A state file is written through
//! a symlink to what it points to, as a temporary file in the target's
//! folder, fsync, rename over the target, fsync of the folder: a reader sees
//! the old file or the new one, never half of either, even if the writer is
//! killed. Temporaries a killed writer left are removed by the next writer.
//! A file that cannot be understood is set aside under a name no other file
//! has ([`set_aside`]); exports onto FIFOs and devices are written in place.

mod aside;
mod temporaries;

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

pub use aside::set_aside;

/// The largest state file or import read: far above any real collection of
/// bookmarks (20,000 take about 15 MB), and a bound on the memory a
/// hostile file (a link to `/dev/zero`) can take.
pub const SIZE_LIMIT: u64 = 256 << 20;

/// How many links are followed before giving up, as the kernel does.
const MAX_LINKS: usize = 40;

fn other(message: String) -> io::Error {
    io::Error::other(message)
}

/// Where writing `path` really writes: the file at the end of its chain of
/// symlinks (which need not exist yet). A path that is not a link is itself.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(other(format!(
        "is a chain of more than {MAX_LINKS} symbolic links (a loop?)"
    )))
}

/// Reads a state file: `None` if there is none. Never blocks and never
/// reads without bound: a FIFO, a device or a folder is an error, and so is
/// a file larger than [`SIZE_LIMIT`].
pub fn read_state(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading would wait for a writer.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Err(other("is not a regular file".to_string()));
    }
    read_limited(file, SIZE_LIMIT).map(Some)
}

/// Reads what `path` holds (a file, a pipe such as `<(...)`), up to
/// [`SIZE_LIMIT`] bytes.
pub fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(other("is a folder".to_string()));
    }
    read_limited(file, SIZE_LIMIT)
}

fn read_limited(file: File, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(other(format!(
            "is larger than {} MiB, more than any state file",
            limit >> 20
        )));
    }
    Ok(bytes)
}

/// Replaces `path` with `bytes` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Replaces `path` (through its symlinks) atomically with what `fill`
/// writes into the new file. If `fill` or anything after it fails (a full
/// disk), the old file is left as it was and the temporary file is removed.
/// The new file keeps the old one's permissions.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve(path)?;
    let old = match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() => {
            return Err(other(if target == path {
                "is not a regular file".to_string()
            } else {
                format!("links to {}, which is not a regular file", target.display())
            }));
        }
        Ok(m) => Some(m.permissions()),
        Err(_) => None,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    temporaries::remove_stale(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temporaries::prefix())
        .suffix(temporaries::SUFFIX)
        .tempfile_in(dir)?;
    if let Some(permissions) = old {
        tmp.as_file().set_permissions(permissions)?;
    }
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Writes an export to `path`: a regular file (or a new path) is replaced
/// atomically; a FIFO, a device or a socket is written in place, as a shell
/// redirection would; a symlink is written through, atomically when it
/// leads to a regular file.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve(path)?;
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => Err(other("is a folder".to_string())),
        Ok(m) if !m.is_file() => {
            let mut file = OpenOptions::new().write(true).open(&target)?;
            file.write_all(bytes)?;
            file.flush()
        }
        _ => write_atomic(&target, bytes),
    }
}

/// The schema version in a state file's JSON, when it is above `ours`: the
/// file was written by a newer yuedu and must be left exactly as it is.
pub fn newer_schema(bytes: &[u8], ours: u32) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Version {
        version: u64,
    }
    serde_json::from_slice::<Version>(bytes)
        .ok()
        .map(|v| v.version)
        .filter(|&v| v > u64::from(ours))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;
