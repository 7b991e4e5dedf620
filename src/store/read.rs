//! Reading an article file so that no file can hold up or overrun a load: a
//! FIFO, a device, a socket or a file that never ends (`/proc/kmsg`, a
//! link to `/dev/zero` or `/proc/self/pagemap`, a file swapped for a FIFO
//! after the folder was walked) is refused with its reason, and no read
//! goes past the size limit, whatever the file's size says.

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use super::{LoadError, MAX_FILE_BYTES};

/// Whether a file found by the folder walk is one to read: a regular file,
/// or a link to one. Anything else is said in words: a FIFO, a device, a
/// link to a folder (not followed), a link loop, a link to nothing.
pub fn walked(path: &Path, kind: std::fs::FileType) -> Result<(), LoadError> {
    if kind.is_file() {
        return Ok(());
    }
    if !kind.is_symlink() {
        let meta = std::fs::symlink_metadata(path)?;
        return Err(LoadError::NotAFile(kind_of(&meta)));
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(LoadError::LinkToFolder),
        Ok(m) => Err(LoadError::NotAFile(kind_of(&m))),
        Err(e) => Err(LoadError::Io(e)),
    }
}

/// A read that would wait (a file that blocks, opened without blocking)
/// says so in words.
fn blocking(e: std::io::Error) -> LoadError {
    match e.kind() {
        std::io::ErrorKind::WouldBlock => LoadError::WouldBlock,
        _ => LoadError::Io(e),
    }
}

/// What kind of file a non-regular file is, in words.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// Checks a file's metadata before it is read: a regular file within the
/// size limit.
pub fn check(meta: &Metadata) -> Result<(), LoadError> {
    if !meta.is_file() {
        return Err(LoadError::NotAFile(kind_of(meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(meta.len()));
    }
    Ok(())
}

/// The bytes of the regular file at `path`, at most `limit` of them
/// ([`MAX_FILE_BYTES`] when loading).
///
/// The file is opened without blocking (opening a FIFO waits for a writer
/// otherwise) and without becoming the controlling terminal, then checked
/// as what was opened, not what the path named a moment before; the read
/// stops one byte past the limit, as a file in /proc says it is empty and
/// is not.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(blocking)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(LoadError::TooLarge(meta.len()));
    }
    read_all(file, meta.len(), limit)
}

fn read_all(file: File, len: u64, limit: u64) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(blocking)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::Endless(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "标题\n正文。\n").unwrap();
        assert_eq!(
            read_bounded(&path, 100).unwrap(),
            "标题\n正文。\n".as_bytes()
        );
        assert!(matches!(
            read_bounded(&path, 4),
            Err(LoadError::TooLarge(17))
        ));
    }

    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_bounded(&path, 100).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file: a FIFO (named pipe)");
    }

    #[test]
    fn devices_are_refused_and_endless_files_stop_at_the_limit() {
        let e = read_bounded(Path::new("/dev/zero"), 100).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file: a character device");
        // Says it is empty, and is not (where /proc can be read).
        match read_bounded(Path::new("/proc/self/pagemap"), 1 << 20) {
            Err(LoadError::Endless(_)) | Err(LoadError::Io(_)) => {}
            other => panic!("{other:?}"),
        }
    }
}
