//! The full-text index: a tantivy index in the cache folder, one document
//! per paragraph (the file's number, the article's place in its file, the
//! paragraph's number, and its text indexed folded as bigrams, see
//! [`tokens`]; the text itself is not stored, the article
//! cache holds it). It gives the paragraphs that may
//! match a query; the search confirms each with the scan's own matching,
//! so what is found is exactly what the scan finds.
//!
//! The index is a cache and is never trusted: a folder that is not one
//! (no version file, another version, a manifest of another commit, files
//! tantivy cannot open) is built again. Writing takes a lock beside the
//! folder; an instance that cannot have it soon searches by the scan.

mod find;
pub mod manifest;
mod sync;
pub mod tokens;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, Schema};
use tantivy::schema::{TextFieldIndexing, TextOptions};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy};

pub use find::Candidate;
use manifest::Manifest;
pub use sync::{Source, sources, table_sources};

/// The index's folder in the cache folder.
pub const DIR: &str = "text-index";
/// The schema's version: bump it with any change to the fields or terms.
const SCHEMA: u32 = 3;
/// The file naming what made the index.
const VERSION_FILE: &str = "version";
/// How long an instance waits for another one's update of the index.
const LOCK_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("the search index: {0}")]
    Io(#[from] std::io::Error),
    #[error("the search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("the search index is not one of this version")]
    Foreign,
    #[error("another yuedu is updating the search index")]
    Busy,
}

/// The document fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    file: Field,
    ordinal: Field,
    paragraph: Field,
    text: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let file = b.add_u64_field("file", INDEXED | FAST);
    let ordinal = b.add_u64_field("ordinal", FAST);
    let paragraph = b.add_u64_field("paragraph", FAST);
    // Documents only, neither frequencies nor positions: a candidate is
    // confirmed by the scan's matching, and ranked on what it matched.
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokens::NAME)
        .set_index_option(IndexRecordOption::Basic);
    // Not stored: the article cache holds the text, mapped.
    let text = b.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(indexing),
    );
    (
        b.build(),
        Fields {
            file,
            ordinal,
            paragraph,
            text,
        },
    )
}

/// What made an index: the schema and this build of the program (its
/// parsers made the text).
fn version() -> String {
    format!(
        "yuedu text index\nschema {SCHEMA}\nyuedu {}\ntantivy {}\nbuild {:016x}\n",
        env!("CARGO_PKG_VERSION"),
        tantivy::version_string(),
        crate::store::build_fingerprint()
    )
}

/// An open index, with the manifest of what it holds.
pub struct TextIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex").field("dir", &self.dir).finish()
    }
}

impl TextIndex {
    /// The index under `cache_dir` as it is, if it is one this program
    /// made and can read; nothing is written.
    pub fn open(cache_dir: &Path) -> Result<TextIndex, IndexError> {
        let dir = cache_dir.join(DIR);
        let written = std::fs::read_to_string(dir.join(VERSION_FILE))?;
        if written != version() {
            return Err(IndexError::Foreign);
        }
        let manifest = Manifest::read(&dir).ok_or(IndexError::Foreign)?;
        let index = Index::open_in_dir(dir.join("tantivy"))?;
        TextIndex::with(dir, index, manifest)
    }

    fn with(dir: PathBuf, index: Index, manifest: Manifest) -> Result<TextIndex, IndexError> {
        let (schema, fields) = schema();
        if index.schema() != schema {
            return Err(IndexError::Foreign);
        }
        if index.load_metas()?.opstamp != manifest.opstamp {
            return Err(IndexError::Foreign);
        }
        index
            .tokenizers()
            .register(tokens::NAME, TextAnalyzer::from(tokens::NgramTokenizer));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex {
            dir,
            index,
            reader,
            fields,
            manifest,
        })
    }

    /// A new, empty index under `cache_dir`, in place of whatever was
    /// there. The caller holds the lock.
    fn create(cache_dir: &Path) -> Result<TextIndex, IndexError> {
        let dir = cache_dir.join(DIR);
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
        let tantivy_dir = dir.join("tantivy");
        std::fs::create_dir_all(&tantivy_dir)?;
        let index = Index::create_in_dir(&tantivy_dir, schema().0)?;
        let manifest = Manifest {
            opstamp: index.load_metas()?.opstamp,
            ..Manifest::default()
        };
        manifest.write(&dir)?;
        // Last: a folder with the version file is a whole index.
        std::fs::write(dir.join(VERSION_FILE), version())?;
        TextIndex::with(dir, index, manifest)
    }

    /// The ids of the index's segments (each a set of files written once and
    /// never changed, but for the marks of deleted documents).
    pub fn segment_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = (self.index.searchable_segment_ids().unwrap_or_default())
            .iter()
            .map(|id| id.uuid_string())
            .collect();
        ids.sort();
        ids
    }

    /// How many paragraphs the index holds.
    pub fn paragraphs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

/// The lock on writing the index under `cache_dir`: a file beside its
/// folder (so that building the folder again keeps it), locked with the
/// system's file lock, which ends with the process that holds it.
struct WriteLock(#[allow(dead_code)] File);

impl WriteLock {
    /// Waits a little for another instance's update; `Busy` after that.
    fn take(cache_dir: &Path) -> Result<WriteLock, IndexError> {
        std::fs::create_dir_all(cache_dir)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(cache_dir.join(format!("{DIR}.lock")))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriteLock(file)),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(IndexError::Busy),
                Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
            }
        }
    }
}

impl TextIndex {
    /// What the index holds of each file.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }
}

/// Marks the index under `cache_dir` as not to be trusted (after it failed
/// to answer): the next update builds it again.
pub fn forget(cache_dir: &Path) {
    let _ = std::fs::remove_file(cache_dir.join(DIR).join(VERSION_FILE));
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `f()`, or `None` when it panics, with nothing printed (the index is a
/// cache: a panic on a damaged one leaves the answer to the scan). The
/// first call puts a filter before the panic hook in place then (the
/// TUI's, which gives the terminal back, or the default one): it passes
/// on every panic but those inside `quietly`.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static FILTER: std::sync::Once = std::sync::Once::new();
    FILTER.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !in_quiet() {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(was));
    r
}

/// Whether this thread is inside [`quietly`].
fn in_quiet() -> bool {
    QUIET.with(std::cell::Cell::get)
}
