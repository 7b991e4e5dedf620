//! Setting a state file aside (a corrupt `bookmarks.json` becomes
//! `bookmarks.json.corrupt-20261201T084807`): the rename never replaces a
//! file, so two set-asides in the same second keep both (`…-2`, `…-3`).

use std::io;
use std::path::{Path, PathBuf};

/// Most set-asides tried under one second's name before giving up.
const MAX_TRIES: u32 = 10_000;

fn timestamp() -> String {
    let f = time::macros::format_description!("[year][month][day]T[hour][minute][second]");
    time::OffsetDateTime::now_utc()
        .format(&f)
        .unwrap_or_else(|_| "unknown-time".to_string())
}

/// Moves `path` aside to `PATH.TAG-TIME` (or `PATH.TAG-TIME-N`, the first
/// such name no file has) and returns the new name. No file is ever
/// replaced, whatever else runs at the same moment.
pub fn set_aside(path: &Path, tag: &str) -> io::Result<PathBuf> {
    let mut base = path.as_os_str().to_owned();
    base.push(format!(".{tag}-{}", timestamp()));
    for n in 1..=MAX_TRIES {
        let mut name = base.clone();
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let to = PathBuf::from(name);
        match rename_no_replace(path, &to) {
            Ok(()) => return Ok(to),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{MAX_TRIES} files are already set aside this second"
    )))
}

/// Renames `from` to `to`, failing with `AlreadyExists` if `to` exists.
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // The file system or the kernel cannot do it: a hard link (which
            // never replaces either) and then the old name removed.
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {}
            Err(e) => return Err(e.into()),
        }
    }
    match std::fs::hard_link(from, to) {
        Ok(()) => return std::fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        // No hard links here (some FAT and network file systems): a copy
        // under a name created exclusively, then the old name removed.
        Err(_) => {}
    }
    copy_exclusive(from, to)?;
    std::fs::remove_file(from)
}

fn copy_exclusive(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = std::fs::File::open(from)?;
    let mut copy = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)?;
    let copied = io::copy(&mut source, &mut copy).and_then(|_| copy.sync_all());
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_asides_in_the_same_second_keep_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut kept = Vec::new();
        for i in 0..5 {
            std::fs::write(&path, format!("corrupt {i}")).unwrap();
            kept.push(set_aside(&path, "corrupt").unwrap());
        }
        assert!(!path.exists());
        for (i, k) in kept.iter().enumerate() {
            assert_eq!(std::fs::read(k).unwrap(), format!("corrupt {i}").as_bytes());
        }
        kept.sort();
        kept.dedup();
        assert_eq!(kept.len(), 5);
    }

    #[test]
    fn the_copy_fallback_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&from, "new").unwrap();
        std::fs::write(&to, "kept").unwrap();
        let err = copy_exclusive(&from, &to).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&to).unwrap(), b"kept");
        std::fs::remove_file(&to).unwrap();
        copy_exclusive(&from, &to).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"new");
    }
}
