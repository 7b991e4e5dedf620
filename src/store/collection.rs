//! Files that hold many articles (JSON Lines, JSON, CSV, feeds): their
//! records read as they stream, a batch at a time parsed and classified
//! on every core, each an article with the id `STEM-N` (N its record's
//! number in the file, so an id never changes while the file only grows).
//! A record that cannot be read is one problem naming the file and where
//! in it; the others load.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use rayon::prelude::*;

use super::cache::{self, Stamp};
use super::format::records::{self, Fields, Item};
use super::format::{self, Format, HEAD_BYTES};
use super::{LoadError, LoadProblem, MAX_FILE_BYTES, ParseError};
use crate::archive::Sketch;
use crate::model::{Article, Classifier};

/// Records parsed together on every core.
const BATCH: usize = 512;

/// What reading a collection file gave.
pub(super) struct Collection {
    pub articles: Vec<Article>,
    /// Each article's record number.
    pub numbers: Vec<usize>,
    /// Each article's sketch, made while it had its text.
    pub sketches: Vec<Sketch>,
    /// Each article's match keys (empty when none are made).
    pub keys: Vec<String>,
    pub problems: Vec<LoadProblem>,
}

impl Collection {
    fn new() -> Collection {
        Collection {
            articles: Vec::new(),
            numbers: Vec::new(),
            sketches: Vec::new(),
            keys: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn push(&mut self, number: usize, (article, sketch, keys): (Article, Sketch, String)) {
        self.articles.push(article);
        self.numbers.push(number);
        self.sketches.push(sketch);
        self.keys.push(keys);
    }

    /// What the cache keeps of it, beside its articles.
    pub fn to_cache(&self, stamp: Stamp) -> cache::Collection {
        cache::Collection {
            stamp,
            records: self.numbers.clone(),
            problems: self
                .problems
                .iter()
                .map(|p| (p.at.clone(), p.reason.clone()))
                .collect(),
        }
    }
}

/// A collection as the cache holds it, if the file is unchanged since (and
/// where each article's text lies in the cache, and whether match keys
/// were made that the cache did not hold).
pub(super) fn cached(
    r: &Reading,
    cache: &cache::Cache,
    c: cache::Collection,
    entries: Vec<(usize, cache::Entry)>,
    stamp: &Stamp,
) -> Option<(Collection, Vec<cache::TextAt>, bool)> {
    if c.stamp != *stamp {
        return None;
    }
    let stem = super::id_of(r.path);
    let mut out = Collection::new();
    let mut ats = Vec::with_capacity(entries.len());
    let mut made = false;
    for (n, e) in entries {
        let cache::Cached {
            mut article,
            at,
            sketch,
            mut keys,
        } = e.article(r.path, stamp)?;
        article.id = format!("{stem}-{n}");
        if r.keep_text {
            article.paragraphs = cache.paragraphs(at)?;
        }
        if let Some(f) = r.keys.filter(|_| keys.is_empty()) {
            keys = f(&article);
            made = true;
        }
        out.push(n, (article, sketch, keys));
        ats.push(at);
    }
    out.problems = c
        .problems
        .into_iter()
        .map(|(at, reason)| LoadProblem {
            path: r.path.to_path_buf(),
            at,
            reason,
        })
        .collect();
    Some((out, ats, made))
}

/// How a file is read: where it is, what to keep, and who to tell of
/// progress (`step(n)`: n more MiB read).
#[derive(Clone, Copy)]
pub(super) struct Reading<'a> {
    pub path: &'a Path,
    /// Whether the articles keep their paragraphs (else only their counts).
    pub keep_text: bool,
    pub classifier: &'a dyn Classifier,
    /// What makes an article's match keys, if they are wanted.
    pub keys: Option<fn(&Article) -> String>,
    pub step: &'a (dyn Fn(usize) + Sync),
}

/// The collection format of bytes already read in full, if they are one.
pub(super) fn format_of(path: &Path, bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    Format::collection(head, head.len() == bytes.len(), &name_of(path))
}

/// Reads a collection held in memory.
pub(super) fn read_bytes(r: &Reading, format: Format, bytes: &[u8]) -> Collection {
    let mut reader = bytes;
    read(r, format, &mut reader, Some(bytes))
}

/// Reads a file larger than [`MAX_FILE_BYTES`]: streamed if it is a dump
/// of records (JSON Lines, JSON, CSV), refused as too large otherwise.
pub(super) fn read_large(r: &Reading) -> Result<Collection, LoadError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(r.path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile(super::read::kind_of(&meta)));
    }
    let mut reader = BufReader::with_capacity(
        1 << 20,
        Counted {
            inner: file,
            read: 0,
            step: r.step,
        },
    );
    let head = reader.fill_buf()?;
    let head = &head[..head.len().min(HEAD_BYTES)];
    match Format::collection(head, false, &name_of(r.path)) {
        Some(f) if f != Format::Feed => Ok(read(r, f, &mut reader, None)),
        _ => Err(LoadError::TooLarge(meta.len())),
    }
}

fn read(r: &Reading, format: Format, reader: &mut dyn BufRead, whole: Option<&[u8]>) -> Collection {
    let mut c = Collector {
        r,
        stem: super::id_of(r.path),
        title_only: format == Format::Feed,
        batch: Vec::new(),
        out: Collection::new(),
    };
    let mut sink = |item: Item| {
        c.take(item);
        true
    };
    let read = match format {
        Format::JsonLines => format::jsonl::each(reader, &mut sink),
        Format::Json => format::json::each(reader, &mut sink),
        Format::Csv { delimiter, legacy } => {
            format::csv::each(reader, delimiter, legacy, &mut sink)
        }
        Format::Feed => {
            match whole {
                Some(bytes) => format::feed::each(bytes, &mut sink),
                None => {
                    sink(Item::Bad {
                        at: String::new(),
                        reason: format!("a feed larger than {} MB", MAX_FILE_BYTES >> 20),
                    });
                }
            }
            Ok(())
        }
        Format::Plain | Format::Markdown | Format::Html => Ok(()),
    };
    c.flush();
    if let Err(e) = read {
        c.out.problems.push(LoadProblem {
            path: r.path.to_path_buf(),
            at: None,
            reason: format!("reading stopped: {e}"),
        });
    }
    c.out
}

struct Collector<'a> {
    r: &'a Reading<'a>,
    stem: String,
    /// A feed's item may be a headline and a link only; a record of a dump
    /// without text is no article.
    title_only: bool,
    batch: Vec<Item>,
    out: Collection,
}

impl Collector<'_> {
    fn take(&mut self, item: Item) {
        self.batch.push(item);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    /// Parses the records gathered, in parallel, keeping their order.
    fn flush(&mut self) {
        let r = self.r;
        let stem = &self.stem;
        let title_only = self.title_only;
        type Done = Result<(usize, (Article, Sketch, String)), LoadProblem>;
        let done: Vec<Done> = self
            .batch
            .par_drain(..)
            .map(|item| match item {
                Item::Record { number, at, fields } => {
                    let a = article(r, stem, number, &fields, title_only);
                    a.map(|a| (number, a)).map_err(|e| LoadProblem {
                        path: r.path.to_path_buf(),
                        at: Some(at),
                        reason: e.to_string(),
                    })
                }
                Item::Bad { at, reason } => Err(LoadProblem {
                    path: r.path.to_path_buf(),
                    at: Some(at).filter(|a| !a.is_empty()),
                    reason,
                }),
            })
            .collect();
        for d in done {
            match d {
                Ok((n, a)) => self.out.push(n, a),
                Err(p) => self.out.problems.push(p),
            }
        }
    }
}

/// A record as an article: read by the news rules, classified, its id the
/// file's stem and the record's number; with its sketch and match keys.
fn article(
    r: &Reading,
    stem: &str,
    number: usize,
    fields: &Fields,
    title_only: bool,
) -> Result<(Article, Sketch, String), ParseError> {
    let (blocks, given) = records::read(fields);
    let parsed = super::parse::assemble(blocks, given, false);
    let headline = title_only && !parsed.title.is_empty();
    if parsed.paragraphs.is_empty() && !headline {
        return Err(ParseError::NoText);
    }
    let mut article = super::article_of(format!("{stem}-{number}"), r.path, parsed);
    let c = r.classifier.classify(&article);
    article.regions = c.regions;
    article.programmes = c.programmes;
    let sketch = Sketch::of(&article.paragraphs);
    let keys = r.keys.map(|f| f(&article)).unwrap_or_default();
    if !r.keep_text {
        article.paragraphs = Vec::new();
    }
    Ok((article, sketch, keys))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A reader that tells `step` of each MiB it has read.
struct Counted<'a, R> {
    inner: R,
    read: u64,
    step: &'a (dyn Fn(usize) + Sync),
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let before = self.read >> 20;
        self.read = self.read.saturating_add(n as u64);
        let mib = usize::try_from((self.read >> 20) - before).unwrap_or(0);
        if mib > 0 {
            (self.step)(mib);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Classification;

    struct Nothing;
    impl Classifier for Nothing {
        fn classify(&self, _: &Article) -> Classification {
            Classification::default()
        }
    }

    #[test]
    fn a_dump_streams_from_its_file_telling_of_each_mib() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let line = format!(
            "{{\"title\":\"深圳援建\",\"content\":\"{}\"}}\n",
            "深圳对口支援喀什。".repeat(40)
        );
        let n = (3 << 20) / line.len() + 1;
        std::fs::write(&path, line.repeat(n) + "{bad\n").unwrap();
        let steps = std::sync::atomic::AtomicUsize::new(0);
        let step = |k: usize| {
            steps.fetch_add(k, std::sync::atomic::Ordering::Relaxed);
        };
        let r = Reading {
            path: &path,
            keep_text: false,
            classifier: &Nothing,
            keys: None,
            step: &step,
        };
        let c = read_large(&r).unwrap();
        assert_eq!(c.articles.len(), n);
        assert_eq!(c.articles[n - 1].id, format!("big-{n}"));
        assert!(
            c.articles
                .iter()
                .all(|a| a.paragraphs.is_empty() && a.paragraph_count == 1)
        );
        assert_eq!(c.problems.len(), 1);
        assert_eq!(
            c.problems[0].at.as_deref(),
            Some(format!("line {}", n + 1).as_str())
        );
        assert_eq!(steps.into_inner(), 3);
    }
}
