//! The article cache: what parsing and classifying each file gave, kept per
//! articles folder, so that the next start reads a few files instead of
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
//! A folder's entries are kept in shards by their key's hash (about one
//! per thousand files), each its own file, so that a file changed, added
//! or removed rewrites the one shard it falls in. A shard: a 48-byte header
//! (magic, build fingerprint, the shard's generation — a number new at each
//! write, which names this file's contents — and the lengths of the three
//! sections), the index (postcard), the paragraphs' kinds and lengths
//! (`kind: u8, length: u32 LE` each), then all their text, UTF-8, one after
//! another. The index alone is enough for `list`, so that command never
//! reads the rest; the rest is memory-mapped, and the paragraphs of every
//! article are slices of the map, each article's text checked when first
//! read.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::archive::Sketch;
use crate::model::{Article, Paragraph, ParagraphKind};

mod files;
mod mapped;
mod records;
mod shard;
mod stamp;
pub(super) mod table;
mod utf8;

use files::remove_stale;
pub(super) use records::{Collection, Taken, record_key};
use shard::Shard;

use stamp::fnv;
pub(super) use stamp::{Stamp, fingerprint, key_of, root_of};

const MAGIC: &[u8; 8] = b"yuedu\0c\x06";
const HEADER: usize = 48;
/// Cache files not written for this long belong to folders no longer read.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 24 * 3600);

/// An article's metadata, as `list` needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Meta {
    #[serde(deserialize_with = "utf8::string")]
    title: String,
    #[serde(deserialize_with = "utf8::optional")]
    subtitle: Option<String>,
    #[serde(deserialize_with = "utf8::optional")]
    date: Option<String>,
    #[serde(deserialize_with = "utf8::optional")]
    source: Option<String>,
    #[serde(deserialize_with = "utf8::strings")]
    regions: Vec<String>,
    #[serde(deserialize_with = "utf8::strings")]
    programmes: Vec<String>,
    chars: usize,
    /// What the library's filter matches it by (empty: not made yet).
    #[serde(deserialize_with = "utf8::string")]
    keys: String,
}

impl Meta {
    fn of(a: &Article, keys: String) -> Meta {
        Meta {
            title: a.title.clone(),
            subtitle: a.subtitle.clone(),
            date: a.date.clone(),
            source: a.source.clone(),
            regions: a.regions.clone(),
            programmes: a.programmes.clone(),
            chars: a.char_count,
            keys,
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
    /// Which shard of its folder holds them (known from the key).
    #[serde(skip)]
    shard: u32,
}

impl Entry {
    /// The version of the file it was made from.
    pub(super) fn stamp(&self) -> Stamp {
        self.stamp
    }

    /// The article (without its paragraphs), where they lie, its sketch
    /// and its match keys, if the file is unchanged since it was cached.
    pub(super) fn article(self, path: &Path, stamp: &Stamp) -> Option<Cached> {
        (self.stamp == *stamp).then(|| {
            let mut meta = self.meta;
            let keys = std::mem::take(&mut meta.keys);
            Cached {
                article: meta.into_article(path, self.at.paragraphs),
                at: self.at,
                sketch: self.sketch,
                keys,
            }
        })
    }
}

/// An article as the cache holds it.
pub(super) struct Cached {
    pub article: Article,
    pub at: TextAt,
    pub sketch: Sketch,
    pub keys: String,
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

/// An article to keep in a new shard: its key, its file's stamp, its
/// match keys and sketch, and where in the old shard its text lies (to
/// carry over when the article holds no paragraphs).
pub(super) struct Written<'a> {
    pub key: String,
    pub stamp: Stamp,
    pub article: &'a Article,
    pub keys: String,
    pub sketch: Sketch,
    pub old: Option<TextAt>,
}

/// The cache of one articles folder (or of the bundled collection): its
/// files' entries in shards by key, so that a change to one file rewrites
/// one shard.
pub(super) struct Cache {
    shards: Vec<Shard>,
    /// What the names of this folder's shards start with.
    name: String,
}

/// What a write of a folder's cache changed: the shards it was to write
/// anew, and of those it wrote, their generations and where each of their
/// articles' text now lies.
#[derive(Default)]
pub(super) struct Rewrites {
    dirty: Vec<bool>,
    generations: HashMap<u32, u64>,
    ats: HashMap<String, TextAt>,
}

impl Rewrites {
    /// Where the text of the article `key` lies now: in its shard as
    /// written if that was to be written (`None` if the write failed or
    /// left it out), else where it was, `old`.
    pub(super) fn at(&self, key: &str, old: Option<TextAt>) -> Option<TextAt> {
        let n = self.dirty.len();
        if n > 0 && self.dirty[shard_of(key, n)] {
            self.ats.get(key).copied()
        } else {
            old
        }
    }
}

/// Files a shard is made for: a folder of `n` files has `n / SHARD_FILES`
/// shards, rounded up to a power of two, and keeps that count while it
/// stays within a factor of four of it.
const SHARD_FILES: usize = 1024;
const MAX_SHARDS: usize = 256;

fn shards_for(files: usize) -> usize {
    files
        .div_ceil(SHARD_FILES)
        .next_power_of_two()
        .clamp(1, MAX_SHARDS)
}

/// Which shard of `n` a file's key falls in (a record's by its file's key).
fn shard_of(key: &str, n: usize) -> usize {
    let file = key.split(records::RECORD).next().unwrap_or(key);
    (fnv(&[file.as_bytes()]) % n as u64) as usize
}

impl Cache {
    /// The cache of the folder named by `root` (a canonical path, or
    /// `bundled`) in `dir`, holding about `files` files (`None`: as many
    /// as the cache on disk was made for); empty where there is none or it
    /// cannot be used.
    pub(super) fn open(dir: &Path, root: &[u8], fingerprint: u64, files: Option<usize>) -> Cache {
        use rayon::prelude::*;
        let name = format!("articles-{:016x}-", fnv(&[root]));
        // The shard count the files on disk were written with, kept while
        // the folder has not grown or shrunk four times over.
        let wanted = files.map(shards_for);
        let on_disk = std::fs::read_dir(dir).ok().and_then(|entries| {
            entries.flatten().find_map(|e| {
                let file = e.file_name();
                let rest = file.to_str()?.strip_prefix(&name)?;
                let (n, _) = rest.split_once('-')?;
                n.parse::<usize>().ok()
            })
        });
        let usable = |n: &usize| n.is_power_of_two() && *n <= MAX_SHARDS;
        let n = match (on_disk.filter(usable), wanted) {
            (Some(n), Some(w)) if n / 4 <= w && w <= n * 4 => n,
            (Some(n), None) => n,
            (_, w) => w.unwrap_or(1),
        };
        let shards = (0..n)
            .into_par_iter()
            .map(|i| Shard::open(dir.join(format!("{name}{n}-{i}.cache")), fingerprint))
            .collect();
        Cache { shards, name }
    }

    /// Takes what the cache holds of a file out of the index (each is used
    /// once): its entry, or its collection with every record's entry.
    pub(super) fn take(&mut self, key: &str) -> Option<Taken> {
        let n = self.shards.len();
        let i = shard_of(key, n);
        let shard = self.shards.get_mut(i)?;
        let mut taken = match shard.entries.remove(key) {
            Some(entry) => Taken::One(entry),
            None => {
                let c = shard.collections.remove(key)?;
                let entries = c
                    .records
                    .iter()
                    .map(|&n| Some((n, shard.entries.remove(&record_key(key, n))?)))
                    .collect::<Option<Vec<_>>>()?;
                Taken::Many(c, entries)
            }
        };
        let shard = u32::try_from(i).ok()?;
        match &mut taken {
            Taken::One(e) => e.at.shard = shard,
            Taken::Many(_, entries) => entries.iter_mut().for_each(|(_, e)| e.at.shard = shard),
        }
        Some(taken)
    }

    /// The keys of the files the cache holds (a file of many once).
    pub(super) fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        for s in &self.shards {
            keys.extend(
                s.entries
                    .keys()
                    .filter(|k| !k.contains(records::RECORD))
                    .cloned(),
            );
            keys.extend(s.collections.keys().cloned());
        }
        keys
    }

    /// Maps every shard's text (on every core) before the articles are put
    /// together.
    pub(super) fn map_text(&self) {
        use rayon::prelude::*;
        self.shards.par_iter().for_each(Shard::map);
    }

    /// An article's paragraphs, or `None` if its shard is damaged.
    pub(super) fn paragraphs(&self, at: TextAt) -> Option<Vec<Paragraph>> {
        self.shards.get(at.shard as usize)?.paragraphs(at)
    }

    /// Which shards no longer match their files: one of them was parsed
    /// afresh (`fresh`: a file's key), or one of its cached files is gone
    /// (`cached` counts the files taken from each shard).
    pub(super) fn dirty(&self, fresh: &[&str], cached: &[&str]) -> Vec<bool> {
        let n = self.shards.len();
        let mut dirty = vec![false; n];
        let mut taken = vec![0usize; n];
        for key in fresh {
            dirty[shard_of(key, n)] = true;
        }
        for key in cached {
            taken[shard_of(key, n)] += 1;
        }
        for (i, s) in self.shards.iter().enumerate() {
            dirty[i] |= taken[i] != s.count;
        }
        dirty
    }

    /// The shard a file's key (or a record's) falls in.
    pub(super) fn shard_of(&self, key: &str) -> usize {
        shard_of(key, self.shards.len())
    }

    /// Writes anew each shard marked in `dirty` (see [`Cache::dirty`])
    /// with what of `articles` and `collections` falls in it.
    pub(super) fn write(
        &self,
        dirty: Vec<bool>,
        articles: Vec<Written>,
        collections: Vec<(String, Collection)>,
    ) -> Rewrites {
        use rayon::prelude::*;
        let n = self.shards.len();
        type Contents<'a> = (Vec<Written<'a>>, Vec<(String, Collection)>);
        let mut by_shard: Vec<Contents> = (0..n).map(|_| (Vec::new(), Vec::new())).collect();
        for w in articles {
            let i = shard_of(&w.key, n);
            if dirty[i] {
                by_shard[i].0.push(w);
            }
        }
        for (key, c) in collections {
            let i = shard_of(&key, n);
            if dirty[i] {
                by_shard[i].1.push((key, c));
            }
        }
        let any = dirty.iter().any(|&d| d);
        let written: Vec<Option<shard::Rewritten>> = (self.shards.par_iter().zip(by_shard))
            .zip(&dirty)
            .map(|((shard, (articles, collections)), &dirty)| {
                dirty.then(|| shard.write(&articles, collections)).flatten()
            })
            .collect();
        if let Some(dir) = self
            .shards
            .first()
            .and_then(|s| s.path.parent())
            .filter(|_| any)
        {
            let keep: Vec<&Path> = self.shards.iter().map(|s| s.path.as_path()).collect();
            remove_stale(dir, &self.name, &keep);
        }
        let mut rewrites = Rewrites {
            dirty,
            ..Rewrites::default()
        };
        for (i, r) in written.into_iter().enumerate() {
            let (Some(r), Ok(shard)) = (r, u32::try_from(i)) else {
                continue;
            };
            rewrites.generations.insert(shard, r.generation);
            for (key, mut at) in r.ats {
                at.shard = shard;
                rewrites.ats.insert(key, at);
            }
        }
        rewrites
    }

    /// The file of shard `shard` and its generation, as `rewrites` (this
    /// load's write of the cache) left it.
    pub(super) fn generation(&self, shard: u32, rewrites: &Rewrites) -> Option<(&Path, u64)> {
        let s = self.shards.get(shard as usize)?;
        match rewrites.dirty.get(shard as usize) {
            Some(true) => Some((&s.path, *rewrites.generations.get(&shard)?)),
            _ => s.generation(),
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
