//! The article cache: what parsing and classifying each file gave, kept per
//! articles folder, so that the next start reads one file instead of
//! decoding, parsing and classifying thousands.
//!
//! A file's entry is used only while the file is unchanged: same length,
//! modification and status-change times (to the nanosecond) and inode. A
//! file changed within the last second is not cached at all, since a second
//! write in the same clock tick could go unseen. The cache is made for one
//! build of yuedu (the parsers and the bundled taxonomy, the classifier every
//! caller hands the store, are part of the program), and
//! a cache file that is damaged in any way is treated as empty. Nothing in it
//! is user data: it can be deleted at any time, and failing to write it is
//! not an error.
//!
//! Layout: a 40-byte header (magic, build fingerprint, and the lengths of
//! the three sections), the index (postcard), the paragraphs' kinds and lengths
//! (`kind: u8, length: u32 LE` each), then all their text, UTF-8, one after
//! another. The index alone is enough for `list`, so that command never
//! reads the rest; the text is read in one piece and the paragraphs of
//! every article are slices of it, not copies.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::archive::Sketch;
use crate::model::{Article, Paragraph, ParagraphKind, Text};

mod files;
mod records;
mod stamp;

use files::{read_at, remove_stale};
pub(super) use records::{Collection, Taken, record_key};

use stamp::fnv;
pub(super) use stamp::{Stamp, fingerprint, key_of, root_of};

const MAGIC: &[u8; 8] = b"yuedu\0c\x04";
const HEADER: usize = 40;
/// Cache files not written for this long belong to folders no longer read.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 24 * 3600);

/// An article's metadata, as `list` needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Meta {
    title: String,
    subtitle: Option<String>,
    date: Option<String>,
    source: Option<String>,
    regions: Vec<String>,
    programmes: Vec<String>,
    chars: usize,
}

impl Meta {
    fn of(a: &Article) -> Meta {
        Meta {
            title: a.title.clone(),
            subtitle: a.subtitle.clone(),
            date: a.date.clone(),
            source: a.source.clone(),
            regions: a.regions.clone(),
            programmes: a.programmes.clone(),
            chars: a.char_count,
        }
    }

    /// The article, without its paragraphs.
    fn into_article(self, path: &Path, paragraphs: usize) -> Article {
        Article {
            id: super::id_of(path),
            path: path.to_path_buf(),
            title: self.title,
            subtitle: self.subtitle,
            date: self.date,
            source: self.source,
            paragraphs: Vec::new(),
            paragraph_count: paragraphs,
            char_count: self.chars,
            regions: self.regions,
            programmes: self.programmes,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    stamp: Stamp,
    meta: Meta,
    at: TextAt,
    /// What finding reprints compares the article by.
    sketch: Sketch,
}

/// Where an article's paragraphs lie in a cache file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct TextAt {
    /// Where their kinds and lengths start in the layout section.
    layout: u64,
    /// Where their text starts in the text section.
    text: u64,
    /// How many there are.
    paragraphs: usize,
}

impl Entry {
    /// The article (without its paragraphs) and where they lie, if the
    /// file is unchanged since it was cached.
    pub(super) fn article(self, path: &Path, stamp: &Stamp) -> Option<(Article, TextAt, Sketch)> {
        (self.stamp == *stamp).then(|| {
            (
                self.meta.into_article(path, self.at.paragraphs),
                self.at,
                self.sketch,
            )
        })
    }
}

/// Bytes a paragraph takes in the layout section.
const LAYOUT_BYTES: usize = 5;

#[derive(Serialize, Deserialize)]
struct Index {
    /// Keys are file paths relative to the folder; a record of a file of
    /// many articles is keyed by the file's key, [`RECORD`] and its number.
    entries: Vec<(String, Entry)>,
    /// Files of many articles, by key.
    collections: Vec<(String, Collection)>,
}

/// Entries by key.
type Entries = HashMap<String, Entry>;

/// The cache of one articles folder (or of the bundled collection).
pub(super) struct CacheFile {
    path: PathBuf,
    fingerprint: u64,
    entries: Entries,
    collections: HashMap<String, Collection>,
    /// How many files' entries the file holds (a collection counts once).
    count: usize,
    /// Where each entry's text starts, in order: where the text section
    /// may be cut.
    starts: Vec<u64>,
    /// Whether an entry was taken out: the text will be wanted.
    used: bool,
    /// The file the index was read from, kept open so that the rest is
    /// read from the same file even if another yuedu replaces it meanwhile.
    file: Option<std::fs::File>,
    /// The layout and text sections, read on first use.
    body: std::sync::OnceLock<Option<Body>>,
    lens: [u64; 3],
}

struct Body {
    layout: Vec<u8>,
    /// The text section in pieces cut where articles start, read and
    /// checked on every core: (offset in the section, text).
    pieces: Vec<(u64, Arc<String>)>,
}

impl Body {
    /// The piece that holds an article whose text starts at `at`, and the
    /// article's offset in it.
    fn piece(&self, at: u64) -> Option<(&Arc<String>, usize)> {
        let i = self.pieces.partition_point(|(start, _)| *start <= at);
        let (start, text) = self.pieces.get(i.checked_sub(1)?)?;
        Some((text, usize::try_from(at - start).ok()?))
    }
}

impl CacheFile {
    /// The cache of the folder named by `root` (a canonical path, or
    /// `bundled`) in `dir`, empty if there is none or it cannot be used.
    pub(super) fn open(dir: &Path, root: &[u8], fingerprint: u64) -> CacheFile {
        let path = dir.join(format!("articles-{:016x}.cache", fnv(&[root])));
        let mut cache = CacheFile {
            path,
            fingerprint,
            entries: HashMap::new(),
            collections: HashMap::new(),
            count: 0,
            used: false,
            starts: Vec::new(),
            file: None,
            body: std::sync::OnceLock::new(),
            lens: [0; 3],
        };
        if let Some((file, lens, entries, collections)) = cache.read_index() {
            cache.file = Some(file);
            cache.lens = lens;
            let records: usize = collections.values().map(|c| c.records.len()).sum();
            cache.count = (entries.len() + collections.len()).saturating_sub(records);
            cache.collections = collections;
            let mut starts: Vec<u64> = entries.values().map(|e| e.at.text).collect();
            starts.sort_unstable();
            cache.starts = starts;
            cache.entries = entries;
        }
        cache
    }

    /// The open file, the section lengths and the entries, if the file is
    /// of this build and whole.
    #[allow(clippy::type_complexity)]
    fn read_index(
        &self,
    ) -> Option<(
        std::fs::File,
        [u64; 3],
        Entries,
        HashMap<String, Collection>,
    )> {
        let mut file = std::fs::File::open(&self.path).ok()?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let word = |i: usize| u64::from_le_bytes(header[i..i + 8].try_into().unwrap_or_default());
        if &header[..8] != MAGIC || word(8) != self.fingerprint {
            return None;
        }
        let lens = [word(16), word(24), word(32)];
        let total = file.metadata().ok()?.len();
        let sum = lens
            .iter()
            .try_fold(HEADER as u64, |sum, &len| sum.checked_add(len))?;
        if sum != total {
            return None;
        }
        let mut index = vec![0; usize::try_from(lens[0]).ok()?];
        file.read_exact(&mut index).ok()?;
        let index: Index = postcard::from_bytes(&index).ok()?;
        Some((
            file,
            lens,
            index.entries.into_iter().collect(),
            index.collections.into_iter().collect(),
        ))
    }

    /// Takes what the cache holds of a file out of the index (each is used
    /// once): its entry, or its collection with every record's entry.
    pub(super) fn take(&mut self, key: &str) -> Option<Taken> {
        let taken = match self.entries.remove(key) {
            Some(entry) => Some(Taken::One(entry)),
            None => {
                let c = self.collections.remove(key)?;
                let entries = c
                    .records
                    .iter()
                    .map(|&n| Some((n, self.entries.remove(&record_key(key, n))?)))
                    .collect::<Option<Vec<_>>>()?;
                Some(Taken::Many(c, entries))
            }
        };
        self.used |= taken.is_some();
        taken
    }

    /// Reads the text of the entries taken, on every core, before the
    /// articles are put together (which would otherwise wait on one core
    /// for the first of them to read it).
    pub(super) fn read_text(&self) {
        if self.used {
            self.body();
        }
    }

    /// How many articles the file holds.
    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// The layout and text sections, read once; `None` if damaged.
    fn body(&self) -> Option<&Body> {
        self.body
            .get_or_init(|| {
                use rayon::prelude::*;
                let file = self.file.as_ref()?;
                let layout_at = HEADER as u64 + self.lens[0];
                let layout = read_at(file, layout_at, self.lens[1])?;
                // Cut where articles start, into a few pieces a core.
                let total = self.lens[2];
                let n = (rayon::current_num_threads() * 4) as u64;
                let mut cuts = vec![0];
                for i in 1..n {
                    let target = total / n * i;
                    let k = self.starts.partition_point(|&s| s < target);
                    if let Some(&cut) = self.starts.get(k)
                        && cut > *cuts.last()?
                        && cut < total
                    {
                        cuts.push(cut);
                    }
                }
                cuts.push(total);
                let text_at = layout_at + self.lens[1];
                let pieces = cuts
                    .par_windows(2)
                    .map(|w| {
                        let bytes = read_at(file, text_at + w[0], w[1] - w[0])?;
                        // Checked where it lies: no copy of the text.
                        Some((w[0], Arc::new(utf8(bytes)?)))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(Body { layout, pieces })
            })
            .as_ref()
    }

    /// An article's paragraphs (slices of the cache's text), or `None` if
    /// the cache file is damaged.
    pub(super) fn paragraphs(&self, where_: TextAt) -> Option<Vec<Paragraph>> {
        let body = self.body()?;
        let start = usize::try_from(where_.layout).ok()?;
        let len = where_.paragraphs.checked_mul(LAYOUT_BYTES)?;
        let layout = body.layout.get(start..start.checked_add(len)?)?;
        let (piece, mut at) = body.piece(where_.text)?;
        let mut out = Vec::with_capacity(where_.paragraphs);
        for p in layout.chunks_exact(LAYOUT_BYTES) {
            let kind = kind_of(p[0])?;
            let len = u32::from_le_bytes([p[1], p[2], p[3], p[4]]) as usize;
            let text = Text::slice(piece, at..at.checked_add(len)?)?;
            at += len;
            out.push(Paragraph { kind, text });
        }
        Some(out)
    }

    /// An article's layout and text bytes, to carry into a new cache file.
    fn raw(&self, where_: TextAt) -> Option<(&[u8], &str)> {
        let body = self.body()?;
        let start = usize::try_from(where_.layout).ok()?;
        let layout = body
            .layout
            .get(start..start.checked_add(where_.paragraphs.checked_mul(LAYOUT_BYTES)?)?)?;
        let len: usize = layout
            .chunks_exact(LAYOUT_BYTES)
            .map(|p| u32::from_le_bytes([p[1], p[2], p[3], p[4]]) as usize)
            .sum();
        let (piece, at) = body.piece(where_.text)?;
        let text = piece.get(at..at.checked_add(len)?)?;
        Some((layout, text))
    }

    /// Writes the cache anew with `articles` (key, stamp, article, and
    /// where in this cache its text lies, to carry over when the article
    /// holds no paragraphs). Articles whose files changed within the last
    /// second are left out. Failing is harmless: the next start parses again.
    pub(super) fn write(
        &self,
        articles: &[(String, Stamp, &Article, Sketch, Option<TextAt>)],
        collections: Vec<(String, Collection)>,
    ) {
        let mut layout = Vec::new();
        let mut text = String::new();
        let mut entries = Vec::with_capacity(articles.len());
        for (key, stamp, article, sketch, old) in articles {
            if !stamp.settled() {
                continue;
            }
            let starts = (layout.len() as u64, text.len() as u64);
            if article.paragraphs.len() == article.paragraph_count {
                for p in &article.paragraphs {
                    let Ok(len) = u32::try_from(p.text.len()) else {
                        return;
                    };
                    layout.push(kind_byte(p.kind));
                    layout.extend_from_slice(&len.to_le_bytes());
                    text.push_str(&p.text);
                }
            } else if let Some((l, t)) = old.and_then(|at| self.raw(at)) {
                layout.extend_from_slice(l);
                text.push_str(t);
            } else {
                continue;
            }
            entries.push((
                key.to_string(),
                Entry {
                    stamp: *stamp,
                    meta: Meta::of(article),
                    at: TextAt {
                        layout: starts.0,
                        text: starts.1,
                        paragraphs: article.paragraph_count,
                    },
                    sketch: (*sketch).clone(),
                },
            ));
        }
        let collections: Vec<(String, Collection)> = collections
            .into_iter()
            .filter(|(_, c)| c.stamp.settled())
            .collect();
        if entries.is_empty() && collections.is_empty() {
            // Nothing settled to keep (a folder just written): no file.
            let _ = std::fs::remove_file(&self.path);
            return;
        }
        let Ok(index) = postcard::to_allocvec(&Index {
            entries,
            collections,
        }) else {
            return;
        };
        let Some(dir) = self.path.parent() else {
            return;
        };
        let written = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let mut tmp = tempfile::Builder::new()
                .prefix(".articles-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            let mut out = std::io::BufWriter::new(tmp.as_file_mut());
            out.write_all(MAGIC)?;
            for word in [
                self.fingerprint,
                index.len() as u64,
                layout.len() as u64,
                text.len() as u64,
            ] {
                out.write_all(&word.to_le_bytes())?;
            }
            out.write_all(&index)?;
            out.write_all(&layout)?;
            out.write_all(text.as_bytes())?;
            out.flush()?;
            drop(out);
            tmp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        })();
        if written.is_ok() {
            remove_stale(dir, &self.path);
        }
    }
}

fn kind_byte(kind: ParagraphKind) -> u8 {
    match kind {
        ParagraphKind::Body => 0,
        ParagraphKind::Heading => 1,
        ParagraphKind::Caption => 2,
    }
}

fn kind_of(byte: u8) -> Option<ParagraphKind> {
    match byte {
        0 => Some(ParagraphKind::Body),
        1 => Some(ParagraphKind::Heading),
        2 => Some(ParagraphKind::Caption),
        _ => None,
    }
}

/// The bytes as a `String` if they are UTF-8, checked with SIMD: the
/// standard library's check takes a byte at a time on CJK text, and the
/// text section is the whole library.
fn utf8(bytes: Vec<u8>) -> Option<String> {
    simdutf8::basic::from_utf8(&bytes).ok()?;
    // SAFETY: `simdutf8` has just checked that the bytes are UTF-8.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in [
            ParagraphKind::Body,
            ParagraphKind::Heading,
            ParagraphKind::Caption,
        ] {
            assert_eq!(kind_of(kind_byte(k)), Some(k));
        }
        assert_eq!(kind_of(3), None);
    }
}
