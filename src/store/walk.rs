//! Finding the files to read: the bundled collection, then each
//! `--articles PATH` in the order given — a folder walked recursively in
//! path order (hidden entries left out), or a single file.
//!
//! The walk is `std::fs::read_dir` a folder at a time, its names sorted as
//! read, and the files' status taken through the folder's handle as it is
//! listed, on every core: at 30,000 files these are most of a warm search.
//! (walkdir, used before, derives each entry's name from its path again at
//! every comparison of its sort, and takes each status in turn.)

use std::path::{Path, PathBuf};

use super::{LoadOptions, LoadProblem, StoreError, cache, read};

/// One file to read: where it is shown to come from, its bytes if they are
/// already in memory (the bundled collection), and where it is cached.
pub(super) struct Source {
    pub path: PathBuf,
    pub bundled: Option<&'static [u8]>,
    /// Which folder it was found in (index into the roots).
    pub root: usize,
    /// Its cache key: the path relative to that folder.
    pub key: Option<String>,
    /// Its share of the load's progress: one, and one more for each MiB
    /// of a large file (a dump of records is read a MiB at a time).
    pub weight: usize,
    /// A regular file's status as the walk saw it, so that the load need
    /// not ask again (a file changed since is not cached under it: its
    /// status is taken again after it is read).
    pub status: Option<std::fs::Metadata>,
}

/// What the walk found: the files, the roots (cache names) they were
/// found under, and the entries that are no files to read.
pub(super) struct Found {
    pub sources: Vec<Source>,
    pub roots: Vec<Vec<u8>>,
    pub problems: Vec<LoadProblem>,
}

/// A walk of a library's folders, taken by [`crate::store::Table`] when
/// its table does not describe them, so that the load after does not walk
/// them again.
pub struct Walked(pub(super) Found);

fn weight_of(len: u64) -> usize {
    1usize.saturating_add(usize::try_from(len >> 20).unwrap_or(usize::MAX))
}

/// The keys of a folder's files (its index, its name), if they are known
/// without a walk.
pub(super) type Listed<'a> = dyn Fn(usize, &[u8]) -> Option<Vec<String>> + 'a;

/// The files to read. A folder for which `listed(root, name)` gives its
/// files' keys (the files its cache holds) is not walked: its files are
/// those, in the walk's order.
pub(super) fn sources(options: &LoadOptions, listed: &Listed) -> Result<Found, StoreError> {
    let mut found = Found {
        sources: Vec::new(),
        roots: Vec::new(),
        problems: Vec::new(),
    };
    if options.bundled {
        found.roots.push(b"bundled".to_vec());
        for (name, bytes) in bundled_files() {
            found.sources.push(Source {
                path: Path::new("assets/articles").join(name),
                bundled: Some(bytes),
                root: 0,
                key: Some(name.to_string()),
                weight: 1,
                status: None,
            });
        }
    }
    for dir in &options.dirs {
        let meta = std::fs::metadata(dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::MissingDir(dir.clone()),
            _ => StoreError::Io {
                path: dir.clone(),
                source: e,
            },
        })?;
        let root = found.roots.len();
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        if meta.is_file() {
            // A file of its own: its cache is its own, keyed by its name.
            found.roots.push(cache::root_of(&canonical));
            let key = dir.file_name().and_then(|n| cache::key_of(Path::new(n)));
            found.sources.push(Source {
                path: dir.clone(),
                bundled: None,
                root,
                key,
                weight: weight_of(meta.len()),
                status: None,
            });
            continue;
        }
        if !meta.is_dir() {
            return Err(StoreError::NotADir(dir.clone()));
        }
        let name = cache::root_of(&canonical);
        let keys = listed(root, &name);
        found.roots.push(name);
        match keys {
            Some(keys) => from_keys(dir, root, keys, &mut found),
            None => walk(dir, root, &mut found),
        }
    }
    Ok(found)
}

/// A folder's files as its cache names them, in the order a walk finds
/// them (by path, a component at a time).
fn from_keys(dir: &Path, root: usize, mut keys: Vec<String>, found: &mut Found) {
    keys.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    for key in keys {
        found.sources.push(Source {
            path: dir.join(&key),
            bundled: None,
            root,
            key: Some(key),
            weight: 1,
            status: None,
        });
    }
}

/// Walks `dir`: depth first, each folder's entries in the order of their
/// names, hidden entries (a name starting with `.`) left out, links not
/// followed into folders. An entry that cannot be read is a problem.
fn walk(dir: &Path, root: usize, found: &mut Found) {
    // What is still to visit, the next one last.
    let mut stack = Vec::new();
    children(dir, &mut stack, &mut found.problems);
    while let Some(Child { path, kind, status }) = stack.pop() {
        if kind.is_dir() {
            children(&path, &mut stack, &mut found.problems);
            continue;
        }
        match read::walked(&path, kind) {
            Ok(()) => {
                let key = path.strip_prefix(dir).ok().and_then(cache::key_of);
                // Still the regular file the folder listed (not swapped
                // for a link); a link's own status is not its file's.
                let status = status.filter(std::fs::Metadata::is_file);
                found.sources.push(Source {
                    path,
                    bundled: None,
                    root,
                    key,
                    weight: weight_of(status.as_ref().map_or(0, |m| m.len())),
                    status,
                });
            }
            Err(error) => found.problems.push(problem(path, error.to_string())),
        }
    }
}

fn problem(path: PathBuf, reason: String) -> LoadProblem {
    LoadProblem {
        path,
        at: None,
        reason,
    }
}

/// An entry of a folder still to visit.
struct Child {
    path: PathBuf,
    kind: std::fs::FileType,
    /// A regular file's status, taken as its folder was listed.
    status: Option<std::fs::Metadata>,
}

/// Puts the entries of `folder` on `stack`, the first by name last, each
/// regular file with its status. The statuses are taken through the
/// folder's open handle (no lookup of the whole path), on every core when
/// there are many: at 30,000 files they are most of a warm search.
fn children(folder: &Path, stack: &mut Vec<Child>, problems: &mut Vec<LoadProblem>) {
    use rayon::prelude::*;
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => return problems.push(problem(folder.to_path_buf(), e.to_string())),
    };
    let mut named = Vec::new();
    for entry in entries {
        match entry.and_then(|e| Ok((e.file_name(), e.file_type()?, e))) {
            Ok((name, _, _)) if name.as_encoded_bytes().starts_with(b".") => {}
            Ok((name, kind, e)) => named.push((name, kind, e)),
            Err(e) => problems.push(problem(folder.to_path_buf(), e.to_string())),
        }
    }
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let child = |(_, kind, e): &(std::ffi::OsString, std::fs::FileType, std::fs::DirEntry)| Child {
        path: e.path(),
        kind: *kind,
        status: kind.is_file().then(|| e.metadata().ok()).flatten(),
    };
    let listed: Vec<Child> = match named.len() {
        0..256 => named.iter().map(child).collect(),
        _ => named.par_iter().with_min_len(256).map(child).collect(),
    };
    stack.extend(listed.into_iter().rev());
}

static BUNDLED: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/assets/articles");

/// The bundled collection: (file name, original bytes), sorted by name.
pub fn bundled_files() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<_> = BUNDLED
        .files()
        .filter_map(|f| Some((f.path().file_name()?.to_str()?, f.contents())))
        .collect();
    files.sort();
    files
}
