//! The library table: what a load of a whole library gave, one file per
//! library (its folders, and whether the bundled collection is in it), so
//! that a command needing a few of its articles (a search's hits) answers
//! without decoding every article's cache entry. It holds each file's
//! version, the problems the load met, and for each article its id and
//! metadata and where its text lies in the article cache's shards.
//!
//! The table is used only while it describes the library exactly: the same
//! files in the same order, each at the version it had (found by a walk and
//! one stat a file, as any load takes), and the same shard files (each
//! named by the generation in its header, new at each write, and none
//! changed since the table was written). Anything else, and the library is
//! loaded as before, which writes the table anew.
//! It is written by a load whose every article is in the cache as the load
//! leaves it: taken from a shard left as it was, or written just now to a
//! shard whose generation the write gave.
//!
//! The file: a 40-byte header (magic, build fingerprint, the digest of
//! what it was made from, the head's length, the number of rows), the head
//! (postcard: files, problems, shards), each row's offset (`u64` LE, one
//! more than the rows), then the rows (postcard). Rows are decoded one at a
//! time from the mapped file, their strings borrowed from the map.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::{Cache, Rewrites, Stamp, TextAt, fingerprint, fnv};
use crate::archive::Reprints;
use crate::store::Library;

mod read;
pub use read::{Damaged, Table, TableFile};

const MAGIC: &[u8; 8] = b"yuedu\0t\x02";
const HEADER: usize = 40;

#[derive(Serialize, Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    files: Vec<FileRow<'a>>,
    /// The load's problems after the walk's (which a walk finds again).
    #[serde(borrow)]
    problems: Vec<ProblemRow<'a>>,
    /// The shard files the rows' text lies in, with their generations.
    #[serde(borrow)]
    shards: Vec<(&'a str, u64)>,
    /// The library's stories, found from its sketches when it was written.
    reprints: Reprints,
}

#[derive(Serialize, Deserialize)]
struct FileRow<'a> {
    path: &'a str,
    bundled: bool,
    version: u64,
    /// How many articles it gave: the rows that follow the previous file's.
    articles: u32,
}

#[derive(Serialize, Deserialize)]
struct ProblemRow<'a> {
    path: &'a str,
    #[serde(borrow)]
    at: Option<&'a str>,
    reason: &'a str,
}

#[derive(Serialize, Deserialize)]
struct Row<'a> {
    id: &'a str,
    file: u32,
    title: &'a str,
    #[serde(borrow)]
    subtitle: Option<&'a str>,
    #[serde(borrow)]
    date: Option<&'a str>,
    #[serde(borrow)]
    source: Option<&'a str>,
    #[serde(borrow)]
    regions: Vec<&'a str>,
    #[serde(borrow)]
    programmes: Vec<&'a str>,
    chars: u64,
    paragraphs: u64,
    shard: u32,
    layout: u64,
    text: u64,
}

/// What one file of a load gives the table: its version, and where the
/// text of each of its articles lies (in its folder's cache).
pub(in crate::store) struct Part {
    pub root: usize,
    pub version: u64,
    pub texts: Vec<TextAt>,
}

/// The table's file for the library of the folders named `roots`.
fn path_of(dir: &Path, roots: &[Vec<u8>]) -> PathBuf {
    let parts: Vec<&[u8]> = roots.iter().map(Vec::as_slice).collect();
    dir.join(format!("library-{:016x}.table", fnv(&parts)))
}

/// A file's version now: its length, times and inode, or `None` while it
/// is not settled.
fn version_of(meta: &std::fs::Metadata) -> Option<u64> {
    Stamp::of(meta).settled_version()
}

/// Writes the table of `library`, loaded from `parts` (one a file, in load
/// order) and `caches` as this load's `rewrites` left them (one a root),
/// unless the one on disk was made from the same. The first `walked`
/// problems are the walk's. `None` when it could not be written, which is
/// harmless: the next load reads the library whole.
#[allow(clippy::too_many_arguments)]
pub(in crate::store) fn write(
    dir: &Path,
    roots: &[Vec<u8>],
    caches: &[Option<Cache>],
    rewrites: &[Rewrites],
    files: &[(&Path, bool)],
    parts: &[Part],
    library: &Library,
    walked: usize,
) -> Option<()> {
    let rows: usize = parts.iter().map(|p| p.texts.len()).sum();
    if rows != library.articles.len() || files.len() != parts.len() {
        return None;
    }
    // The shard files, each once.
    let mut shards: Vec<(&str, u64)> = Vec::new();
    let mut shard_of: std::collections::HashMap<(usize, u32), u32> = Default::default();
    let mut head_files = Vec::with_capacity(files.len());
    let mut places = Vec::with_capacity(rows);
    for (&(path, bundled), part) in files.iter().zip(parts) {
        head_files.push(FileRow {
            path: path.to_str()?,
            bundled,
            version: part.version,
            articles: u32::try_from(part.texts.len()).ok()?,
        });
        let file = u32::try_from(head_files.len() - 1).ok()?;
        for at in &part.texts {
            let key = (part.root, at.shard);
            let shard = match shard_of.get(&key) {
                Some(&s) => s,
                None => {
                    let cache = caches.get(part.root)?.as_ref()?;
                    let (path, generation) =
                        cache.generation(at.shard, rewrites.get(part.root)?)?;
                    shards.push((path.to_str()?, generation));
                    let s = u32::try_from(shards.len() - 1).ok()?;
                    shard_of.insert(key, s);
                    s
                }
            };
            places.push((file, shard, *at));
        }
    }
    let problems = (library.problems.get(walked..)?.iter())
        .map(|p| {
            Some(ProblemRow {
                path: p.path.to_str()?,
                at: p.at.as_deref(),
                reason: &p.reason,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let head = postcard::to_allocvec(&Head {
        files: head_files,
        problems,
        shards: shards.clone(),
        reprints: Reprints::default(),
    })
    .ok()?;
    let print = fingerprint();
    let digest = fnv(&[&print.to_le_bytes(), &head]);
    let path = path_of(dir, roots);
    if let Some((p, d, since)) = written_digest(&path)
        && (p, d) == (print, digest)
        && shards_unchanged(&shards, since)
    {
        return Some(());
    }
    // The stories follow from the files as they are: found only when the
    // table is written.
    let mut head: Head = postcard::from_bytes(&head).ok()?;
    head.reprints = Reprints::find(&library.sketches);
    let head = postcard::to_allocvec(&head).ok()?;
    let mut offsets = Vec::with_capacity((rows + 1) * 8);
    let mut body = Vec::new();
    for (a, (file, shard, at)) in library.articles.iter().zip(places) {
        offsets.extend_from_slice(&(body.len() as u64).to_le_bytes());
        let row = Row {
            id: &a.id,
            file,
            title: &a.title,
            subtitle: a.subtitle.as_deref(),
            date: a.date.as_deref(),
            source: a.source.as_deref(),
            regions: a.regions.iter().map(String::as_str).collect(),
            programmes: a.programmes.iter().map(String::as_str).collect(),
            chars: a.char_count as u64,
            paragraphs: at.paragraphs as u64,
            shard,
            layout: at.layout,
            text: at.text,
        };
        body = postcard::to_extend(&row, body).ok()?;
    }
    offsets.extend_from_slice(&(body.len() as u64).to_le_bytes());
    let mut tmp = tempfile::Builder::new()
        .prefix(".library-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .ok()?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
    let write = |out: &mut dyn std::io::Write| -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        for word in [print, digest, head.len() as u64, rows as u64] {
            out.write_all(&word.to_le_bytes())?;
        }
        out.write_all(&head)?;
        out.write_all(&offsets)?;
        out.write_all(&body)?;
        out.flush()
    };
    write(&mut out).ok()?;
    drop(out);
    tmp.persist(&path).ok()?;
    Some(())
}

/// The fingerprint and digest in the header of the table at `path`, and
/// when it was written.
fn written_digest(path: &Path) -> Option<(u64, u64, SystemTime)> {
    use std::io::Read;
    let mut header = [0u8; HEADER];
    let mut file = std::fs::File::open(path).ok()?;
    file.read_exact(&mut header).ok()?;
    let since = file.metadata().ok()?.modified().ok()?;
    (&header[..8] == MAGIC).then(|| (word(&header, 8), word(&header, 16), since))
}

/// Whether each of `shards` is the file of its generation, not changed
/// since `since`, when the table naming them was written (a load writes
/// its shards before its table; a shard changed in place after is not the
/// one the table describes).
fn shards_unchanged(shards: &[(&str, u64)], since: SystemTime) -> bool {
    shards.iter().all(|&(path, generation)| {
        std::fs::File::open(path).ok().is_some_and(|file| {
            super::shard::sections(&file, fingerprint()).is_some_and(|h| h.generation == generation)
                && file
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|m| m <= since)
        })
    })
}

fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}
