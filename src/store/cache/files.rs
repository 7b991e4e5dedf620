//! Removing the cache files of folders no longer read, and of a folder's
//! shards no longer used (the folder grew or shrank to another count, or an
//! older format).

use std::path::Path;

use super::STALE_AFTER;

/// Removes the files of this folder (names starting with `name`) other
/// than `keep`, and cache files of any folder not written for
/// [`STALE_AFTER`].
pub(super) fn remove_stale(dir: &Path, name: &str, keep: &[&Path]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // The cache of one version before shards: `articles-HASH.cache`.
    let unsharded = format!("{}.cache", name.trim_end_matches('-'));
    for e in entries.flatten() {
        let path = e.path();
        let file = e.file_name();
        let Some(file) = file.to_str() else {
            continue;
        };
        let ours = file.starts_with("articles-") && file.ends_with(".cache")
            || file.starts_with(".articles-") && file.ends_with(".tmp");
        if !ours || keep.contains(&path.as_path()) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old || file.starts_with(name) || file == unsharded {
            let _ = std::fs::remove_file(path);
        }
    }
}
