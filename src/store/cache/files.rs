//! Reading a cache file's sections from several threads at once, and
//! removing the caches of folders no longer read.

use std::path::Path;

use super::STALE_AFTER;

/// `len` bytes of `file` from `offset`, read without moving a shared file
/// position, so pieces can be read on several threads.
pub(super) fn read_at(file: &std::fs::File, offset: u64, len: u64) -> Option<Vec<u8>> {
    let mut buf = vec![0; usize::try_from(len).ok()?];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(&mut buf, offset).ok()?;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            match file.seek_read(&mut buf[done..], offset + done as u64) {
                Ok(0) | Err(_) => return None,
                Ok(n) => done += n,
            }
        }
    }
    Some(buf)
}

/// Removes cache files of folders not read for [`STALE_AFTER`].
pub(super) fn remove_stale(dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let ours = name.to_str().is_some_and(|n| {
            n.starts_with("articles-") && n.ends_with(".cache")
                || n.starts_with(".articles-") && n.ends_with(".tmp")
        });
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if ours && old && path != keep {
            let _ = std::fs::remove_file(path);
        }
    }
}
