//! One cache file: the entries of the files whose keys fall in its shard
//! of a folder. Read on open up to its index; its layout and text are
//! mapped on first use. Written whole, by rename, when one of its files
//! changed, came or went: the other shards stay as they are.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::mapped::Mapped;
use super::{Collection, Entries, Entry, HEADER, Index, LAYOUT_BYTES, MAGIC, TextAt, Written};
use super::{kind_byte, kind_of};
use crate::model::{Paragraph, SharedText, Text};

pub(super) struct Shard {
    pub(super) path: PathBuf,
    fingerprint: u64,
    pub(super) entries: Entries,
    pub(super) collections: HashMap<String, Collection>,
    /// How many files' entries the file holds (a collection counts once).
    pub(super) count: usize,
    /// Where each entry's text starts: the blocks of the text section.
    starts: Vec<u64>,
    /// The file the index was read from, kept open so that the rest is
    /// mapped from the same file even if another yuedu replaces it.
    file: Option<std::fs::File>,
    body: OnceLock<Option<Arc<Mapped>>>,
    lens: [u64; 3],
    /// The generation of the file the index was read from.
    generation: u64,
}

/// What the header of a shard says of it.
pub(super) struct Sections {
    /// New at each write of a shard: the same generation, the same bytes.
    pub generation: u64,
    /// The lengths of the index, layout and text sections.
    pub lens: [u64; 3],
}

/// The header of the shard open as `file`: `None` unless it is a shard of
/// the build `fingerprint` and exactly as long as its sections.
pub(super) fn sections(file: &std::fs::File, fingerprint: u64) -> Option<Sections> {
    let mut header = [0u8; HEADER];
    (&*file).read_exact(&mut header).ok()?;
    let word = |i: usize| u64::from_le_bytes(header[i..i + 8].try_into().unwrap_or_default());
    if &header[..8] != MAGIC || word(8) != fingerprint {
        return None;
    }
    let lens = [word(24), word(32), word(40)];
    let sum = lens
        .iter()
        .try_fold(HEADER as u64, |sum, &len| sum.checked_add(len))?;
    (sum == file.metadata().ok()?.len()).then_some(Sections {
        generation: word(16),
        lens,
    })
}

/// A generation for a shard about to be written: no other write, by this
/// process or another, draws the same one (the time to the nanosecond, the
/// process and a count within it, hashed).
fn new_generation() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = WRITES.fetch_add(1, Relaxed);
    super::fnv(&[
        &now.to_le_bytes(),
        &std::process::id().to_le_bytes(),
        &n.to_le_bytes(),
    ])
}

/// A shard as a write left it: its generation, and where each of its
/// articles' text lies in it, by key.
pub(super) struct Rewritten {
    pub generation: u64,
    pub ats: Vec<(String, TextAt)>,
}

impl Shard {
    /// The shard at `path`, empty if there is none or it cannot be used.
    pub(super) fn open(path: PathBuf, fingerprint: u64) -> Shard {
        let mut shard = Shard {
            path,
            fingerprint,
            entries: HashMap::new(),
            collections: HashMap::new(),
            count: 0,
            starts: Vec::new(),
            file: None,
            body: OnceLock::new(),
            lens: [0; 3],
            generation: 0,
        };
        if let Some((file, Sections { generation, lens }, index)) = shard.read_index() {
            shard.file = Some(file);
            shard.lens = lens;
            shard.generation = generation;
            let collections: HashMap<String, Collection> = index.collections.into_iter().collect();
            let records: usize = collections.values().map(|c| c.records.len()).sum();
            shard.count = (index.entries.len() + collections.len()).saturating_sub(records);
            let mut starts: Vec<u64> = index.entries.iter().map(|(_, e)| e.at.text).collect();
            starts.sort_unstable();
            shard.starts = starts;
            shard.entries = index.entries.into_iter().collect();
            shard.collections = collections;
        }
        shard
    }

    /// The open file, its header and its index, if the file is of this
    /// build and whole.
    fn read_index(&self) -> Option<(std::fs::File, Sections, Index)> {
        let file = std::fs::File::open(&self.path).ok()?;
        let header = sections(&file, self.fingerprint)?;
        let lens = header.lens;
        // The index is decoded where it lies in the file, mapped: read into
        // a buffer of its own it cost a zeroed copy of every shard's index
        // (21 MB at 30,000 articles), a fifth of the time to open them.
        // SAFETY: as for the text (see `mapped`): a cache file is only ever
        // replaced by rename, never truncated or written in place, and its
        // length was checked just now; the map is read as bytes, decoded
        // and checked by postcard, and dropped before this returns.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let end = usize::try_from(lens[0]).ok()?.checked_add(HEADER)?;
        let index: Index = postcard::from_bytes(map.get(HEADER..end)?).ok()?;
        Some((file, header, index))
    }

    /// The layout and text sections, mapped once; `None` if damaged.
    fn body(&self) -> Option<&Arc<Mapped>> {
        self.body
            .get_or_init(|| {
                let file = self.file.as_ref()?;
                let layout_at = HEADER as u64 + self.lens[0];
                let text_at = layout_at.checked_add(self.lens[1])?;
                let end = text_at.checked_add(self.lens[2])?;
                let at = |n: u64| usize::try_from(n).ok();
                // A block that is not text is damage: the shard is removed,
                // so the next start reads its files again.
                let path = self.path.clone();
                let damaged = Box::new(move || {
                    let _ = std::fs::remove_file(&path);
                });
                let mapped = Mapped::new(
                    file,
                    end,
                    at(layout_at)?..at(text_at)?,
                    at(text_at)?..at(end)?,
                    self.starts.clone(),
                    damaged,
                )?;
                Some(Arc::new(mapped))
            })
            .as_ref()
    }

    /// The file the index was read from, with its generation, if one was
    /// read.
    pub(super) fn generation(&self) -> Option<(&std::path::Path, u64)> {
        self.file
            .as_ref()
            .map(|_| (self.path.as_path(), self.generation))
    }

    /// Maps the sections now, so that the first article put together does
    /// not wait for it.
    pub(super) fn map(&self) {
        self.body();
    }

    /// An article's paragraphs (slices of the mapped text), or `None` if
    /// the file is damaged where they are said to lie.
    pub(super) fn paragraphs(&self, where_: TextAt) -> Option<Vec<Paragraph>> {
        let body = self.body()?;
        let shared: Arc<dyn SharedText> = body.clone();
        let layout = body.layout(
            usize::try_from(where_.layout).ok()?,
            where_.paragraphs.checked_mul(LAYOUT_BYTES)?,
        )?;
        let block = body.block_of(where_.text)?;
        let mut at = usize::try_from(where_.text).ok()?;
        let mut out = Vec::with_capacity(where_.paragraphs);
        for p in layout.chunks_exact(LAYOUT_BYTES) {
            let kind = kind_of(p[0])?;
            let len = u32::from_le_bytes([p[1], p[2], p[3], p[4]]) as usize;
            let end = at.checked_add(len)?;
            out.push(Paragraph {
                kind,
                text: Text::shared(&shared, block, at..end),
            });
            at = end;
        }
        Some(out)
    }

    /// An article's layout and text bytes, to carry into a new file.
    fn raw(&self, where_: TextAt) -> Option<(&[u8], &str)> {
        let body = self.body()?;
        let layout = body.layout(
            usize::try_from(where_.layout).ok()?,
            where_.paragraphs.checked_mul(LAYOUT_BYTES)?,
        )?;
        let len: usize = layout
            .chunks_exact(LAYOUT_BYTES)
            .map(|p| u32::from_le_bytes([p[1], p[2], p[3], p[4]]) as usize)
            .sum();
        let (start, text) = body.block(body.block_of(where_.text)?)?;
        let from = usize::try_from(where_.text).ok()?.checked_sub(start)?;
        Some((layout, text.get(from..from.checked_add(len)?)?))
    }

    /// Writes the shard anew with `articles`; articles whose files changed
    /// within the last second are left out. What it holds now, if it was
    /// written. Failing is harmless: the next start parses again.
    pub(super) fn write(
        &self,
        articles: &[Written],
        collections: Vec<(String, Collection)>,
    ) -> Option<Rewritten> {
        let mut layout = Vec::new();
        // The text is written from where it is (the articles, or the old
        // file) rather than gathered into one string first.
        let mut text: Vec<&str> = Vec::new();
        let mut text_len = 0usize;
        let mut entries = Vec::with_capacity(articles.len());
        for w in articles {
            if !w.stamp.settled() {
                continue;
            }
            let starts = (layout.len() as u64, text_len as u64);
            let a = w.article;
            if a.paragraphs.len() == a.paragraph_count {
                for p in &a.paragraphs {
                    let Ok(len) = u32::try_from(p.text.len()) else {
                        return None;
                    };
                    layout.push(kind_byte(p.kind));
                    layout.extend_from_slice(&len.to_le_bytes());
                    text.push(&p.text);
                    text_len += p.text.len();
                }
            } else if let Some((l, t)) = w.old.and_then(|at| self.raw(at)) {
                layout.extend_from_slice(l);
                text.push(t);
                text_len += t.len();
            } else {
                continue;
            }
            entries.push((
                w.key.clone(),
                Entry {
                    stamp: w.stamp,
                    meta: super::Meta::of(a, w.keys.clone()),
                    at: TextAt {
                        layout: starts.0,
                        text: starts.1,
                        paragraphs: a.paragraph_count,
                        shard: 0,
                    },
                    sketch: w.sketch.clone(),
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
            return None;
        }
        let ats: Vec<(String, TextAt)> = (entries.iter()).map(|(k, e)| (k.clone(), e.at)).collect();
        let index = postcard::to_allocvec(&Index {
            entries,
            collections,
        })
        .ok()?;
        let dir = self.path.parent()?;
        let generation = new_generation();
        let written = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let mut tmp = tempfile::Builder::new()
                .prefix(".articles-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
            out.write_all(MAGIC)?;
            for word in [
                self.fingerprint,
                generation,
                index.len() as u64,
                layout.len() as u64,
                text_len as u64,
            ] {
                out.write_all(&word.to_le_bytes())?;
            }
            out.write_all(&index)?;
            out.write_all(&layout)?;
            for t in &text {
                out.write_all(t.as_bytes())?;
            }
            out.flush()?;
            drop(out);
            // A new file takes the old one's name: a process that has the
            // old one mapped keeps reading it, whole.
            tmp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        })();
        written.ok().map(|()| Rewritten { generation, ats })
    }
}
