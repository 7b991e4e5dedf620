//! Keeping the index up to date with the library: each file is stamped,
//! and only the files whose stamp changed, that were added or that are
//! gone have their documents deleted and written again. A records file
//! (CSV, JSONL, a feed) is one file of many articles: all of them are
//! written again together.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::manifest::{Entry, Stamp};
use super::{IndexError, TextIndex, WriteLock};
use crate::store::{Library, Table};

/// A file of the library as the index sees it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its path, or `bundled:NAME` for a bundled article.
    pub key: String,
    pub path: PathBuf,
    pub bundled: bool,
    /// Its stamp as the library's load saw it; `None` for a file changed
    /// in the last second (then it is written again at every update).
    pub stamp: Option<Stamp>,
    /// Its articles' places in the library, in their order in the file.
    pub articles: Vec<usize>,
}

/// The files of `library`, in library order. The bundled articles, when
/// `bundled`, are the first ones, each at `assets/articles/NAME`.
pub fn sources(library: &Library, bundled: bool) -> Vec<Source> {
    let compiled = if bundled {
        compiled()
    } else {
        HashMap::default()
    };
    let mut in_bundled = bundled;
    let articles = library.articles.iter().map(|a| {
        let bytes = compiled.get(&a.path).filter(|_| in_bundled).copied();
        in_bundled = bytes.is_some();
        (
            a.path.as_path(),
            bytes,
            library.versions.get(&a.path).copied(),
        )
    });
    by_file(articles)
}

/// The files of a library as its table holds them, in library order: one
/// source a file that gave articles (a table names each file once, its
/// articles together; a file that gave none has no documents).
pub fn table_sources(table: &Table) -> Vec<Source> {
    let compiled = compiled();
    (table.files().iter())
        .filter(|f| !f.articles.is_empty())
        .map(|f| {
            let bytes = compiled.get(&f.path).filter(|_| f.bundled).copied();
            Source {
                key: key_of(&f.path, bytes.is_some()),
                path: f.path.clone(),
                bundled: bytes.is_some(),
                stamp: stamp_of(bytes, Some(f.version)),
                articles: f.articles.clone().collect(),
            }
        })
        .collect()
}

/// A file's stamp: a bundled file's of its bytes, else its version's.
fn stamp_of(bytes: Option<&[u8]>, version: Option<u64>) -> Option<Stamp> {
    match bytes {
        Some(b) => Some(Stamp::of_bytes(b)),
        None => version.map(Stamp),
    }
}

/// A file's key in the manifest.
fn key_of(path: &Path, bundled: bool) -> String {
    match bundled {
        true => format!("bundled:{}", path.display()),
        false => path.to_string_lossy().into_owned(),
    }
}

/// The bundled files' bytes, by the path their articles have.
fn compiled() -> HashMap<PathBuf, &'static [u8]> {
    crate::store::bundled_files()
        .into_iter()
        .map(|(name, bytes)| (Path::new("assets/articles").join(name), bytes))
        .collect()
}

/// The files of a library's articles (each its path, its bytes if it is
/// bundled, its file's version), in library order: the articles of one
/// file, wherever they are, are one source.
fn by_file<'a>(
    articles: impl Iterator<Item = (&'a Path, Option<&'static [u8]>, Option<u64>)>,
) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    for (i, (path, bytes, version)) in articles.enumerate() {
        let key = key_of(path, bytes.is_some());
        if let Some(&at) = by_key.get(&key) {
            out[at].articles.push(i);
            continue;
        }
        by_key.insert(key.clone(), out.len());
        out.push(Source {
            stamp: stamp_of(bytes, version),
            key,
            path: path.to_path_buf(),
            bundled: bytes.is_some(),
            articles: vec![i],
        });
    }
    out
}

impl TextIndex {
    /// The sources (their places in `sources`) whose text the index does
    /// not hold as it is now.
    pub fn stale(&self, sources: &[Source]) -> Vec<usize> {
        (sources.iter().enumerate())
            .filter(|(_, s)| {
                s.stamp.is_none()
                    || self.manifest.files.get(&s.key).and_then(|e| e.stamp) != s.stamp
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The index under `cache_dir`, brought up to date with `sources` (the
    /// files of `library`, which holds their text): built if it is missing
    /// or not to be trusted, else only the stale files written again.
    /// `Busy` when another instance holds the lock for longer than a
    /// moment.
    pub fn ready(
        cache_dir: &Path,
        sources: &[Source],
        library: &Library,
    ) -> Result<TextIndex, IndexError> {
        if let Ok(ix) = TextIndex::open(cache_dir)
            && ix.stale(sources).is_empty()
        {
            return Ok(ix);
        }
        let _lock = WriteLock::take(cache_dir)?;
        // Another instance may have brought it up to date meanwhile.
        let mut ix = match TextIndex::open(cache_dir) {
            Ok(ix) => ix,
            Err(_) => TextIndex::create(cache_dir)?,
        };
        let stale = ix.stale(sources);
        ix.update(sources, &stale, library)?;
        Ok(ix)
    }

    /// Writes the stale files' documents again and deletes those of files
    /// that are gone.
    fn update(
        &mut self,
        sources: &[Source],
        stale: &[usize],
        library: &Library,
    ) -> Result<(), IndexError> {
        let current: std::collections::HashSet<&str> =
            sources.iter().map(|s| s.key.as_str()).collect();
        let bundled: std::collections::HashSet<String> = crate::store::bundled_files()
            .into_iter()
            .map(|(n, _)| format!("bundled:{}", Path::new("assets/articles").join(n).display()))
            .collect();
        // Files of another library stay while they exist: the index serves
        // every library read with this cache.
        let gone: Vec<String> = (self.manifest.files.keys())
            .filter(|k| !current.contains(k.as_str()))
            .filter(|k| match k.strip_prefix("bundled:") {
                Some(_) => !bundled.contains(k.as_str()),
                None => !Path::new(k).exists(),
            })
            .cloned()
            .collect();
        if stale.is_empty() && gone.is_empty() {
            return Ok(());
        }
        let many = stale.len() > 64;
        let mut writer: IndexWriter<TantivyDocument> = if many {
            self.index.writer_with_num_threads(2, 96 << 20)?
        } else {
            self.index.writer_with_num_threads(1, 24 << 20)?
        };
        for key in &gone {
            if let Some(e) = self.manifest.files.remove(key) {
                writer.delete_term(Term::from_field_u64(self.fields.file, e.id));
            }
        }
        for &i in stale {
            let s = &sources[i];
            if let Some(e) = self.manifest.files.get(&s.key) {
                writer.delete_term(Term::from_field_u64(self.fields.file, e.id));
            }
            let id = self.manifest.next_id;
            self.manifest.next_id = id.saturating_add(1);
            let articles = &s.articles;
            for (ordinal, &a) in articles.iter().enumerate() {
                for (p, para) in library.articles[a].paragraphs.iter().enumerate() {
                    let mut doc = TantivyDocument::new();
                    doc.add_u64(self.fields.file, id);
                    doc.add_u64(self.fields.ordinal, ordinal as u64);
                    doc.add_u64(self.fields.paragraph, p as u64);
                    doc.add_text(self.fields.text, para.text.as_str());
                    writer.add_document(doc)?;
                }
            }
            let entry = Entry {
                id,
                stamp: s.stamp,
                articles: u32::try_from(articles.len()).unwrap_or(u32::MAX),
            };
            self.manifest.files.insert(s.key.clone(), entry);
        }
        self.manifest.opstamp = writer.commit()?;
        self.manifest.write(&self.dir)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }
}
