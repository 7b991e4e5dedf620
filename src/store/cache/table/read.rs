//! Reading a library table: checked against the disk as a whole, then
//! each row decoded and each paragraph's text cut from its shard's mapped
//! text on demand.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::super::shard;
use super::super::{HEADER as SHARD_HEADER, LAYOUT_BYTES, Stamp, fingerprint};
use super::{HEADER, Head, MAGIC, Row, path_of, shards_unchanged, version_of, word};
use crate::archive::Reprints;
use crate::model::Article;
use crate::store::walk::{self, Walked};
use crate::store::{LoadOptions, LoadProblem};

/// A file of the library as the table holds it.
#[derive(Debug, Clone)]
pub struct TableFile {
    pub path: PathBuf,
    pub bundled: bool,
    /// Its version as the load saw it (see [`crate::store::Library::versions`]).
    pub version: u64,
    /// Its articles' places in the library.
    pub articles: Range<usize>,
}

/// A library as its table holds it, checked against the disk: its files,
/// the problems a load would report, and each article's metadata and text
/// read on demand.
pub struct Table {
    reprints: Reprints,
    /// Its file, removed when found damaged.
    path: PathBuf,
    map: memmap2::Mmap,
    /// Where the offsets and the rows lie in the map.
    offsets: usize,
    rows_at: usize,
    rows: usize,
    files: Vec<TableFile>,
    problems: Vec<LoadProblem>,
    shards: Vec<TableShard>,
}

struct TableShard {
    path: PathBuf,
    /// Its generation when the table was written.
    generation: u64,
    body: OnceLock<Option<ShardText>>,
}

/// The head, and where the offsets and the rows start and how many rows
/// there are, if the table in `map` is whole.
fn sections(map: &[u8]) -> Option<(Head<'_>, usize, usize, usize)> {
    let head_len = usize::try_from(word(map, 24)).ok()?;
    let rows = usize::try_from(word(map, 32)).ok()?;
    let offsets = HEADER.checked_add(head_len)?;
    let rows_at = offsets.checked_add(rows.checked_add(1)?.checked_mul(8)?)?;
    let last = usize::try_from(word(map.get(rows_at.checked_sub(8)?..rows_at)?, 0)).ok()?;
    if rows_at.checked_add(last)? != map.len() {
        return None;
    }
    let head: Head = postcard::from_bytes(map.get(HEADER..offsets)?).ok()?;
    Some((head, offsets, rows_at, rows))
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table").field("rows", &self.rows).finish()
    }
}

impl Table {
    /// The table of the library `options` load, if it describes it as it
    /// is on disk now: `None` when there is none, it is of another build
    /// or damaged, or any file or shard changed, came or went (then the
    /// library is to be loaded). Never for `--no-cache` or a load that
    /// trusts the cache unlooked.
    pub fn current(options: &LoadOptions) -> Option<Table> {
        Table::current_or_walk(options).ok()
    }

    /// [`Table::current`], or else the walk it took of the library's
    /// folders, if it took one, for the load that follows
    /// ([`crate::store::Library::load_walked`]).
    pub fn current_or_walk(options: &LoadOptions) -> Result<Table, Option<Walked>> {
        let dir = (options.cache_dir.as_deref())
            .filter(|_| !options.trust_cache)
            .ok_or(None)?;
        let found = walk::sources(options, &|_, _| None).map_err(|_| None)?;
        match Table::describing(dir, &found) {
            Some(mut table) => {
                let mut problems = found.problems;
                problems.append(&mut table.problems);
                table.problems = problems;
                Ok(table)
            }
            None => Err(Some(Walked(found))),
        }
    }

    /// The table in `dir` if it describes the library the walk `found`
    /// (its problems, those after the walk's).
    fn describing(dir: &Path, found: &walk::Found) -> Option<Table> {
        let path = path_of(dir, &found.roots);
        let file = std::fs::File::open(&path).ok()?;
        // SAFETY: the table is a file yuedu writes whole and replaces by
        // rename, never truncating or writing it in place; every read of
        // the map is bounds-checked and decoded by postcard.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let header = map.get(..HEADER)?;
        if &header[..8] != MAGIC || word(header, 8) != fingerprint() {
            return None;
        }
        let Some((head, offsets, rows_at, rows)) = sections(&map) else {
            // Of this build but not whole: the next load writes it again.
            let _ = std::fs::remove_file(&path);
            return None;
        };
        if head.files.len() != found.sources.len() {
            return None;
        }
        let mut files = Vec::with_capacity(head.files.len());
        let mut next = 0usize;
        for (f, s) in head.files.iter().zip(&found.sources) {
            if f.bundled != s.bundled.is_some() || Path::new(f.path) != s.path {
                return None;
            }
            let version = match s.bundled {
                Some(bytes) => Stamp::bundled(bytes.len()).version(),
                None => match &s.status {
                    Some(m) => version_of(m)?,
                    None => version_of(&std::fs::metadata(&s.path).ok()?)?,
                },
            };
            if version != f.version {
                return None;
            }
            let end = next.checked_add(f.articles as usize)?;
            files.push(TableFile {
                path: s.path.clone(),
                bundled: f.bundled,
                version,
                articles: next..end,
            });
            next = end;
        }
        if next != rows {
            return None;
        }
        let since = file.metadata().ok()?.modified().ok()?;
        if !shards_unchanged(&head.shards, since) {
            return None;
        }
        let shards = (head.shards.iter())
            .map(|&(path, generation)| TableShard {
                path: PathBuf::from(path),
                generation,
                body: OnceLock::new(),
            })
            .collect();
        let problems = (head.problems.iter())
            .map(|p| LoadProblem {
                path: PathBuf::from(p.path),
                at: p.at.map(str::to_string),
                reason: p.reason.to_string(),
            })
            .collect();
        let reprints = head.reprints;
        Some(Table {
            reprints,
            path,
            map,
            offsets,
            rows_at,
            rows,
            files,
            problems,
            shards,
        })
    }

    /// How many articles the library holds.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The library's files, in library order.
    pub fn files(&self) -> &[TableFile] {
        &self.files
    }

    /// The library's stories (which articles are copies of each other).
    pub fn reprints(&self) -> &Reprints {
        &self.reprints
    }

    /// What a load of the library would report as not read.
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
    }

    /// Row `i`; `None` past the end, and when it cannot be read (then the
    /// file is removed: the next load writes it again).
    fn row(&self, i: usize) -> Option<Row<'_>> {
        if i >= self.rows {
            return None;
        }
        let row = self.decode(i);
        if row.is_none() {
            self.damaged();
        }
        row
    }

    fn decode(&self, i: usize) -> Option<Row<'_>> {
        let at = self.offsets + i * 8;
        let start = usize::try_from(word(self.map.get(at..at + 8)?, 0)).ok()?;
        let end = usize::try_from(word(self.map.get(at + 8..at + 16)?, 0)).ok()?;
        let bytes = self
            .map
            .get(self.rows_at.checked_add(start)?..self.rows_at.checked_add(end)?)?;
        postcard::from_bytes(bytes).ok()
    }

    /// Article `i` of the library, without its paragraphs.
    pub fn article(&self, i: usize) -> Option<Article> {
        let r = self.row(i)?;
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Some(Article {
            id: r.id.to_string(),
            path: self.files.get(r.file as usize)?.path.clone(),
            title: r.title.to_string(),
            subtitle: r.subtitle.map(str::to_string),
            date: r.date.map(str::to_string),
            source: r.source.map(str::to_string),
            paragraphs: Vec::new(),
            paragraph_count: usize::try_from(r.paragraphs).ok()?,
            char_count: usize::try_from(r.chars).ok()?,
            regions: owned(&r.regions),
            programmes: owned(&r.programmes),
        })
    }

    /// The text of paragraph `p` (from 0) of article `i`, `None` if it has
    /// no such paragraph; `Damaged` if the table or the shard holding it
    /// cannot be read where the row says.
    pub fn paragraph(&self, i: usize, p: usize) -> Result<Option<&str>, Damaged> {
        let r = self.row(i).ok_or(Damaged)?;
        if p as u64 >= r.paragraphs {
            return Ok(None);
        }
        let text = self.text(&r, p);
        if text.is_none() {
            self.damaged();
        }
        text.map(Some).ok_or(Damaged)
    }

    /// Removes the table's file, found not to match what it describes.
    fn damaged(&self) {
        let _ = std::fs::remove_file(&self.path);
    }

    fn text(&self, r: &Row, p: usize) -> Option<&str> {
        let body = self.shards.get(r.shard as usize)?.body()?;
        let layout = body.layout(
            usize::try_from(r.layout).ok()?,
            (p + 1).checked_mul(LAYOUT_BYTES)?,
        )?;
        let len = |e: &[u8]| u32::from_le_bytes([e[1], e[2], e[3], e[4]]) as usize;
        let mut entries = layout.chunks_exact(LAYOUT_BYTES);
        let before: usize = entries.by_ref().take(p).map(len).sum();
        let this = len(entries.next()?);
        body.text(usize::try_from(r.text).ok()?.checked_add(before)?, this)
    }
}

/// A table or cache file that cannot be read where the table says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged;

impl TableShard {
    /// The shard's layout and text, mapped once, if the file is still the
    /// one the table was made with.
    fn body(&self) -> Option<&ShardText> {
        self.body
            .get_or_init(|| {
                let file = std::fs::File::open(&self.path).ok()?;
                let header = shard::sections(&file, fingerprint())?;
                if header.generation != self.generation {
                    return None;
                }
                let [index, layout, text] = header.lens;
                let layout_at = (SHARD_HEADER as u64).checked_add(index)?;
                let text_at = layout_at.checked_add(layout)?;
                let end = text_at.checked_add(text)?;
                let at = |n: u64| usize::try_from(n).ok();
                // SAFETY: as for the cache's own maps (see `mapped`): a
                // shard is only ever replaced by rename, never truncated
                // or written in place, and its length was checked against
                // its header just now; its bytes are bounds-checked and checked as UTF-8
                // before they are used as text.
                let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
                (map.len() as u64 == end).then_some(())?;
                Some(ShardText {
                    map,
                    layout: at(layout_at)?..at(text_at)?,
                    text: at(text_at)?..at(end)?,
                })
            })
            .as_ref()
    }
}

/// A shard's layout and text sections, mapped.
struct ShardText {
    map: memmap2::Mmap,
    layout: Range<usize>,
    text: Range<usize>,
}

impl ShardText {
    /// `len` bytes of the layout section from `at`.
    fn layout(&self, at: usize, len: usize) -> Option<&[u8]> {
        let section = self.map.get(self.layout.clone())?;
        section.get(at..at.checked_add(len)?)
    }

    /// `len` bytes of the text section from `at`, if they are text.
    fn text(&self, at: usize, len: usize) -> Option<&str> {
        let section = self.map.get(self.text.clone())?;
        let bytes = section.get(at..at.checked_add(len)?)?;
        simdutf8::basic::from_utf8(bytes).ok()
    }
}
