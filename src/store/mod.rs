//! The document store: finds article files, decodes and parses them, and holds
//! the loaded [`Library`] together with the problems met while loading.

use std::path::{Path, PathBuf};

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

/// All loaded articles, in library order, plus what could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
}

impl Library {
    pub fn load(options: &LoadOptions) -> Result<Library, StoreError> {
        let mut library = Library::default();
        if options.bundled {
            for (name, bytes) in bundled_files() {
                let path = Path::new("assets/articles").join(name);
                match parse_bytes(&path, bytes) {
                    Ok(a) => library.articles.push(a),
                    Err(reason) => library.problems.push(LoadProblem { path, reason }),
                }
            }
        }
        for dir in &options.dirs {
            if !dir.exists() {
                return Err(StoreError::MissingDir(dir.clone()));
            }
            if !dir.is_dir() {
                return Err(StoreError::NotADir(dir.clone()));
            }
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|source| StoreError::Io {
                    path: dir.clone(),
                    source,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            for path in entries {
                let parsed = std::fs::read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| parse_bytes(&path, &bytes));
                match parsed {
                    Ok(a) => library.articles.push(a),
                    Err(reason) => library.problems.push(LoadProblem { path, reason }),
                }
            }
        }
        Ok(library)
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
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

/// Placeholder parser: UTF-8 plain text only.
fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Article, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().ok_or("empty file")?.to_string();
    let paragraphs = lines
        .map(|l| Paragraph {
            kind: ParagraphKind::Body,
            text: l.to_string(),
        })
        .collect();
    Ok(Article {
        id: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.to_path_buf(),
        title,
        subtitle: None,
        date: None,
        source: None,
        paragraphs,
        regions: Vec::new(),
        programmes: Vec::new(),
    })
}
