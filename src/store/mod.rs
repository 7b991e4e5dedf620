//! The document store: finds article files, decodes and parses them, and holds
//! the loaded [`Library`] together with the problems met while loading. The
//! classification is handed in ([`Classifier`]): the store knows no taxonomy.

mod blocks;
mod cache;
pub mod catalog;
mod collection;
pub mod decode;
mod format;
mod furniture;
mod lists;
mod loaded;
mod markup;
mod news;
mod parse;
mod read;
mod sources;
mod walk;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::Sketch;
use crate::model::{Article, Classifier};

/// An article that loaded, and what to know about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadNote {
    pub path: PathBuf,
    pub note: &'static str,
}

impl std::fmt::Display for LoadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.note)
    }
}

/// A file (or a record in a file of many) that could not be read as an
/// article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub path: PathBuf,
    /// Where in the file, for a file of many articles (`line 4`, `record 3`).
    pub at: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{} {at}: skipped: {}", self.path.display(), self.reason),
            None => write!(f, "{}: skipped: {}", self.path.display(), self.reason),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("articles {0}: does not exist")]
    MissingDir(PathBuf),
    #[error("articles {0}: not a folder or a regular file")]
    NotADir(PathBuf),
    #[error("articles folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why a file's bytes are not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Decode(#[from] decode::DecodeError),
    #[error("no text in it")]
    NoText,
}

/// Why a file found in an articles folder was not loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("too large ({mb} MB; articles are read up to {max} MB)", mb = .0 >> 20, max = MAX_FILE_BYTES >> 20)]
    TooLarge(u64),
    /// A file that says it is small (or empty) and reads on past the limit,
    /// as files in /proc do.
    #[error("too large (more than {mb} MB read; articles are read up to {mb} MB)", mb = .0 >> 20)]
    Endless(u64),
    /// A FIFO, a device, a socket: never read, since a read could wait or
    /// never end.
    #[error("not a regular file: {0}")]
    NotAFile(&'static str),
    /// Links are followed to files only, so a folder is never read twice
    /// and a link loop never walked.
    #[error("a link to a folder (links to folders are not followed)")]
    LinkToFolder,
    /// Opened without blocking, it had nothing to give without waiting.
    #[error("nothing to read without waiting (a file that blocks, such as a kernel log)")]
    WouldBlock,
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// Where articles come from, and what of them is kept.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// User folders and files (`--articles PATH`), read in the order given.
    pub dirs: Vec<PathBuf>,
    /// Whether the bundled collection is included.
    pub bundled: bool,
    /// Keep the metadata only (what `list` shows): paragraphs are counted,
    /// then dropped, and cached articles' text is not read at all.
    pub metadata_only: bool,
    /// The folder of the article cache; `None` parses every file afresh
    /// and writes no cache.
    pub cache_dir: Option<PathBuf>,
    /// What makes an article's match keys for the library's filter, if
    /// they are wanted: made once, when the article is parsed, and kept in
    /// the cache beside its metadata ([`Library::keys`]).
    pub keys: Option<fn(&Article) -> String>,
    /// Take a folder's files from its cache without looking at them (no
    /// walk, no stat): what the cache held at its last start, for a first
    /// frame that does not wait for the disk. [`Library::unchecked`] then
    /// says a load that looks is to follow.
    pub trust_cache: bool,
}

/// What the cached articles depend on: this build of the program (whose
/// parsers, taxonomy and bundled files made them), as one number.
pub fn build_fingerprint() -> u64 {
    cache::fingerprint()
}

/// Files larger than this are not articles (and would cost too much memory).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// All loaded articles, in library order, plus what could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    /// Each article's sketch, for finding reprints
    /// ([`crate::archive::Reprints`]), in the order of `articles`.
    pub sketches: Vec<Sketch>,
    pub problems: Vec<LoadProblem>,
    /// Articles that loaded, with something the reader should know about
    /// how (a page where no article body was found).
    pub notes: Vec<LoadNote>,
    /// Each article's match keys, in the order of `articles`, as
    /// [`LoadOptions::keys`] made them or the cache held them (empty
    /// strings when it is `None`: they are not kept). The TUI's library
    /// state takes them (`LibraryState::new`).
    pub keys: Vec<String>,
    /// Whether some files were taken from the cache unlooked at
    /// ([`LoadOptions::trust_cache`]).
    pub unchecked: bool,
    /// Each settled file's version as the load saw it (its length, times
    /// and inode, hashed), by path: what caches kept beside the article
    /// cache check their copies against without looking at the file again.
    /// A file changed in the last second has none.
    pub versions: HashMap<PathBuf, u64>,
    index: HashMap<String, usize>,
}

pub use cache::table::{Damaged, Table, TableFile};
use loaded::{Loaded, load_one, write_caches};
pub use walk::{Walked, bundled_files};

impl Library {
    /// Loads the bundled collection (unless left out) and every file under
    /// the given folders. Files are read, decoded, parsed and classified in
    /// parallel, once each (or taken from the cache when unchanged); the
    /// library keeps the order: bundled, then each folder's files sorted by
    /// path.
    pub fn load(options: &LoadOptions, classifier: &dyn Classifier) -> Result<Library, StoreError> {
        Library::load_with_progress(options, classifier, &|_, _| {})
    }

    /// [`Library::load`], calling `progress(done, total)` as files are read
    /// (from the loading threads).
    pub fn load_with_progress(
        options: &LoadOptions,
        classifier: &dyn Classifier,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Library, StoreError> {
        Library::load_walked(options, classifier, progress, None)
    }

    /// [`Library::load_with_progress`] of the files `walked` found, if a
    /// walk of these folders was just taken (and the cache is not trusted
    /// unlooked, which lists the folders from it instead).
    pub fn load_walked(
        options: &LoadOptions,
        classifier: &dyn Classifier,
        progress: &(dyn Fn(usize, usize) + Sync),
        walked: Option<walk::Walked>,
    ) -> Result<Library, StoreError> {
        let fingerprint = cache::fingerprint();
        // Folders listed from their caches, unlooked at.
        let listed = std::sync::Mutex::new(HashMap::new());
        let list = |root: usize, name: &[u8]| {
            let dir = options
                .cache_dir
                .as_deref()
                .filter(|_| options.trust_cache)?;
            let cache = cache::Cache::open(dir, name, fingerprint, None);
            let keys = cache.keys();
            if keys.is_empty() {
                return None;
            }
            listed.lock().ok()?.insert(root, cache);
            Some(keys)
        };
        let walk::Found {
            sources,
            roots,
            problems,
        } = match walked {
            Some(walk::Walked(found)) if !options.trust_cache => found,
            _ => walk::sources(options, &list)?,
        };
        let mut listed = listed.into_inner().unwrap_or_default();
        let unchecked = !listed.is_empty();
        let mut files = vec![0; roots.len()];
        for s in &sources {
            files[s.root] += 1;
        }
        let opened: Vec<Option<cache::Cache>> =
            (0..roots.len()).map(|i| listed.remove(&i)).collect();
        let mut caches: Vec<Option<cache::Cache>> = roots
            .par_iter()
            .zip(&files)
            .zip(opened)
            .map(|((root, &files), opened)| {
                let dir = options.cache_dir.as_deref()?;
                opened.or_else(|| {
                    (!root.is_empty())
                        .then(|| cache::Cache::open(dir, root, fingerprint, Some(files)))
                })
            })
            .collect();
        // Each file's entry, taken out of its folder's index.
        let entries: Vec<Option<cache::Taken>> = sources
            .iter()
            .map(|s| caches[s.root].as_mut()?.take(s.key.as_deref()?))
            .collect();
        if !options.metadata_only {
            caches.iter().flatten().for_each(cache::Cache::map_text);
        }
        let catalog = if options.bundled {
            catalog::entries()
        } else {
            HashMap::new()
        };
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        let total = sources.iter().map(|s| s.weight).sum();
        let done = AtomicUsize::new(0);
        let advance = |k: usize| progress(done.fetch_add(k, Relaxed) + k, total);
        let results: Vec<Loaded> = sources
            .par_iter()
            .zip(entries)
            .map(|(s, entry)| {
                // A large file tells of each MiB read, up to its weight.
                let told = AtomicUsize::new(0);
                let step = |k: usize| {
                    let before = told.fetch_add(k, Relaxed);
                    let k = k.min(s.weight.saturating_sub(1).saturating_sub(before));
                    if k > 0 {
                        advance(k);
                    }
                };
                let r = load_one(
                    s,
                    entry,
                    caches[s.root].as_ref(),
                    options,
                    &catalog,
                    classifier,
                    &step,
                );
                let told = told.load(Relaxed).min(s.weight.saturating_sub(1));
                advance(s.weight - told);
                r
            })
            .collect();
        let rewrites = write_caches(&caches, &sources, &results);
        // What the library table is made of, when this load can make it.
        let table = options
            .cache_dir
            .as_deref()
            .filter(|_| !options.trust_cache)
            .and_then(|dir| Some((dir, loaded::table_parts(&sources, &results, &rewrites)?)));
        let walked = problems.len();
        let mut library = Library {
            problems,
            unchecked,
            ..Library::default()
        };
        for r in results {
            let version = match &r {
                Loaded::Cached(c, stamp, _) => Some((&c.article.path, stamp)),
                Loaded::Fresh(f) => f.stamp.as_ref().map(|s| (&f.article.path, s)),
                Loaded::Many(c, Some(stamp), ..) => c.articles.first().map(|a| (&a.path, stamp)),
                _ => None,
            };
            if let Some((path, version)) =
                version.and_then(|(p, s)| Some((p, s.settled_version()?)))
            {
                library.versions.insert(path.clone(), version);
            }
            let (mut a, note, sketch, keys) = match r {
                Loaded::Cached(c, ..) => (c.article, None, c.sketch, c.keys),
                Loaded::Fresh(f) => (f.article, f.note, f.sketch, f.keys),
                Loaded::Many(c, ..) => {
                    let records = c.articles.into_iter().zip(c.sketches).zip(c.keys);
                    for ((mut a, sketch), keys) in records {
                        if options.metadata_only {
                            a.paragraphs = Vec::new();
                        }
                        library.push(a, sketch, keys, options.keys.is_some());
                    }
                    library.problems.extend(c.problems);
                    continue;
                }
                Loaded::Failed(p) => {
                    library.problems.push(p);
                    continue;
                }
            };
            if let Some(note) = note {
                library.notes.push(LoadNote {
                    path: a.path.clone(),
                    note,
                });
            }
            if options.metadata_only {
                a.paragraphs = Vec::new();
            }
            library.push(a, sketch, keys, options.keys.is_some());
        }
        if let Some((dir, parts)) = table {
            let files: Vec<(&Path, bool)> = (sources.iter())
                .map(|s| (s.path.as_path(), s.bundled.is_some()))
                .collect();
            let _ = cache::table::write(
                dir, &roots, &caches, &rewrites, &files, &parts, &library, walked,
            );
        }
        Ok(library)
    }

    /// Adds an article, making its id unique: a second `a` becomes `a-2`.
    fn push(&mut self, mut article: Article, sketch: Sketch, keys: String, keep: bool) {
        let keys = if keep { keys } else { String::new() };
        if self.index.contains_key(&article.id) {
            let base = article.id.clone();
            let mut n = 2;
            while self.index.contains_key(&format!("{base}-{n}")) {
                n += 1;
            }
            article.id = format!("{base}-{n}");
        }
        self.index.insert(article.id.clone(), self.articles.len());
        self.articles.push(article);
        self.sketches.push(sketch);
        self.keys.push(keys);
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.position(id).map(|i| &self.articles[i])
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// Reads one article from a file's bytes; `path` names it (id = file stem).
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article, ParseError> {
    parse_noted(path, bytes).map(|(article, _)| article)
}

/// [`parse_article`], with what the reader should know about how the text
/// was read (a page where no article body was found).
pub fn parse_noted(
    path: &Path,
    bytes: &[u8],
) -> Result<(Article, Option<&'static str>), ParseError> {
    let decoded = decode::decode(bytes)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = parse::parse(&decoded.text, &name)?;
    let note = parsed.note;
    let article = article_of(id_of(path), path, parsed);
    let mixed = (decoded.encoding == decode::MIXED).then_some(
        "lines in two encodings (UTF-8 and GB18030 or the like): each line read in its own",
    );
    Ok((article, note.or(mixed)))
}

/// An article of parsed text, before it is classified.
fn article_of(id: String, path: &Path, parsed: parse::Parsed) -> Article {
    Article {
        subtitle: parsed.subtitle,
        date: parsed.date,
        source: parsed.source,
        ..Article::new(id, path, parsed.title, parsed.paragraphs)
    }
}

/// An article's id before it is made unique: the file stem.
fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "article".to_string())
}
