//! The document store: finds article files, decodes and parses them, and holds
//! the loaded [`Library`] together with the problems met while loading.

pub mod catalog;
pub mod decode;
mod html;
pub mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

/// What a paragraph is in the article's reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// Running text.
    Body,
    /// A short heading line inside the body (a section title).
    Heading,
    /// An image caption or scraping leftover (`转存图片`, `图/某某`, `图为...`).
    Caption,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
}

/// One article, as parsed from one file.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Stable id: the file stem, made unique across the library.
    pub id: String,
    /// Where it was read from (bundled articles: `assets/articles/NAME`).
    pub path: PathBuf,
    pub title: String,
    pub subtitle: Option<String>,
    /// ISO date `YYYY-MM-DD` where known.
    pub date: Option<String>,
    pub source: Option<String>,
    /// Numbered from 0 in reading order; the title is not a paragraph.
    pub paragraphs: Vec<Paragraph>,
    /// Canonical region names, most mentioned first, ancestors included.
    pub regions: Vec<String>,
    /// Canonical programme names, most mentioned first, ancestors included.
    pub programmes: Vec<String>,
}

impl Article {
    /// Characters of text in the paragraphs.
    pub fn chars(&self) -> usize {
        self.paragraphs.iter().map(|p| p.text.chars().count()).sum()
    }
}

/// A file that could not be read as an article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: skipped: {}", self.path.display(), self.reason)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("articles folder {0}: does not exist")]
    MissingDir(PathBuf),
    #[error("articles folder {0}: not a folder")]
    NotADir(PathBuf),
    #[error("articles folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where articles come from.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// User folders (`--articles DIR`), read in the order given.
    pub dirs: Vec<PathBuf>,
    /// Whether the bundled collection is included.
    pub bundled: bool,
}

/// Files larger than this are not articles (and would cost too much memory).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// All loaded articles, in library order, plus what could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
    index: HashMap<String, usize>,
}

/// One file to read: where it is shown to come from, and its bytes if they
/// are already in memory (the bundled collection).
struct Source {
    path: PathBuf,
    bundled: Option<&'static [u8]>,
}

impl Library {
    /// Loads the bundled collection (unless left out) and every file under
    /// the given folders. Files are read, decoded and parsed in parallel,
    /// once each; the library keeps the order: bundled, then each folder's
    /// files sorted by path.
    pub fn load(options: &LoadOptions) -> Result<Library, StoreError> {
        Library::load_with_progress(options, &|_, _| {})
    }

    /// [`Library::load`], calling `progress(done, total)` as files are read
    /// (from the loading threads).
    pub fn load_with_progress(
        options: &LoadOptions,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Library, StoreError> {
        let mut sources = Vec::new();
        if options.bundled {
            for (name, bytes) in bundled_files() {
                sources.push(Source {
                    path: Path::new("assets/articles").join(name),
                    bundled: Some(bytes),
                });
            }
        }
        let mut problems = Vec::new();
        for dir in &options.dirs {
            let meta = std::fs::metadata(dir).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => StoreError::MissingDir(dir.clone()),
                _ => StoreError::Io {
                    path: dir.clone(),
                    source: e,
                },
            })?;
            if !meta.is_dir() {
                return Err(StoreError::NotADir(dir.clone()));
            }
            for entry in walkdir::WalkDir::new(dir)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                match entry {
                    Ok(e)
                        if e.file_type().is_file()
                            || (e.path_is_symlink() && e.path().is_file()) =>
                    {
                        sources.push(Source {
                            path: e.into_path(),
                            bundled: None,
                        })
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(LoadProblem {
                        path: e.path().map_or_else(|| dir.clone(), Path::to_path_buf),
                        reason: e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string()),
                    }),
                }
            }
        }
        let catalog = if options.bundled {
            catalog::entries()
        } else {
            HashMap::new()
        };
        let total = sources.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Result<Article, LoadProblem>> = sources
            .par_iter()
            .map(|s| {
                let r = load_one(s, &catalog);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, total);
                r
            })
            .collect();
        let mut library = Library {
            problems,
            ..Library::default()
        };
        for r in results {
            match r {
                Ok(a) => library.push(a),
                Err(p) => library.problems.push(p),
            }
        }
        Ok(library)
    }

    /// Adds an article, making its id unique: a second `a` becomes `a-2`.
    fn push(&mut self, mut article: Article) {
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
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.position(id).map(|i| &self.articles[i])
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

fn load_one(
    source: &Source,
    catalog: &HashMap<String, catalog::Entry>,
) -> Result<Article, LoadProblem> {
    let problem = |reason: String| LoadProblem {
        path: source.path.clone(),
        reason,
    };
    let owned;
    let bytes: &[u8] = match source.bundled {
        Some(b) => b,
        None => {
            let size = std::fs::metadata(&source.path)
                .map_err(|e| problem(e.to_string()))?
                .len();
            if size > MAX_FILE_BYTES {
                return Err(problem(format!(
                    "too large ({} MB; articles are read up to {} MB)",
                    size >> 20,
                    MAX_FILE_BYTES >> 20
                )));
            }
            owned = std::fs::read(&source.path).map_err(|e| problem(e.to_string()))?;
            &owned
        }
    };
    let mut article = parse_article(&source.path, bytes).map_err(problem)?;
    if source.bundled.is_some() {
        let name = source
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if let Some(entry) = name.and_then(|n| catalog.get(&n)) {
            entry.apply(&mut article);
        }
    }
    Ok(article)
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

/// Reads one article from a file's bytes; `path` names it (id = file stem).
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article, String> {
    let decoded = decode::decode(bytes).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = parse::parse(&decoded.text, &name)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "article".to_string());
    Ok(Article {
        id,
        path: path.to_path_buf(),
        title: parsed.title,
        subtitle: parsed.subtitle,
        date: parsed.date,
        source: parsed.source,
        paragraphs: parsed.paragraphs,
        regions: Vec::new(),
        programmes: Vec::new(),
    })
}
