//! Finding the files to read: the bundled collection, then each
//! `--articles PATH` in the order given — a folder walked recursively in
//! path order (hidden entries left out), or a single file.

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

fn walk(dir: &Path, root: usize, found: &mut Found) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => match read::walked(&e) {
                Ok(()) => {
                    let key = e.path().strip_prefix(dir).ok().and_then(cache::key_of);
                    // A link's own status is not its file's.
                    let status = e.metadata().ok().filter(|_| e.file_type().is_file());
                    let len = status.as_ref().map_or(0, |m| m.len());
                    found.sources.push(Source {
                        path: e.into_path(),
                        bundled: None,
                        root,
                        key,
                        weight: weight_of(len),
                        status,
                    })
                }
                Err(error) => found.problems.push(LoadProblem {
                    path: e.into_path(),
                    at: None,
                    reason: error.to_string(),
                }),
            },
            Err(e) => found.problems.push(LoadProblem {
                path: e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
                at: None,
                reason: e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string()),
            }),
        }
    }
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
