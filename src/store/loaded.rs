//! Reading one file (from the cache while it is unchanged), what that gave
//! (an article, a file of many, a problem), and the shards of the folders'
//! caches written anew from it.

use std::collections::HashMap;

use rayon::prelude::*;

use super::walk::Source;
use super::{
    LoadError, LoadOptions, LoadProblem, MAX_FILE_BYTES, cache, catalog, collection, parse_noted,
    read,
};
use crate::archive::Sketch;
use crate::model::{Article, Classifier};

/// What reading one file gave.
pub(super) enum Loaded {
    /// From the cache (true: with match keys made now, to keep).
    Cached(cache::Cached, cache::Stamp, bool),
    /// Read and parsed now; an article with a note is not cached, so the
    /// note is given on every load.
    Fresh(Fresh),
    /// A file of many articles (and the records of it that were not): its
    /// stamp if it may be cached, where its articles' text lies in the
    /// cache if it came from there, and whether match keys were made now.
    Many(
        collection::Collection,
        Option<cache::Stamp>,
        Option<Vec<cache::TextAt>>,
        bool,
    ),
    Failed(LoadProblem),
}

pub(super) struct Fresh {
    pub article: Article,
    pub stamp: Option<cache::Stamp>,
    pub note: Option<&'static str>,
    pub sketch: Sketch,
    pub keys: String,
}

/// What each file gives the library table, if every article is in the
/// cache as this load left it (`rewrites`, one a root) and every file's
/// version is known.
pub(super) fn table_parts(
    sources: &[Source],
    results: &[Loaded],
    rewrites: &[cache::Rewrites],
) -> Option<Vec<cache::table::Part>> {
    (sources.iter().zip(results))
        .map(|(s, r)| {
            let written = rewrites.get(s.root)?;
            let at = |key: &str, old| written.at(key, old);
            let key = s.key.as_deref();
            let (version, texts) = match r {
                Loaded::Cached(c, stamp, _) => {
                    (stamp.settled_version()?, vec![at(key?, Some(c.at))?])
                }
                Loaded::Fresh(f) if f.note.is_none() => {
                    (f.stamp?.settled_version()?, vec![at(key?, None)?])
                }
                Loaded::Many(c, Some(stamp), ats, _) => {
                    let old = |i: usize| ats.as_ref().and_then(|v| v.get(i).copied());
                    let texts = (c.numbers.iter().enumerate())
                        .map(|(i, n)| at(&cache::record_key(key?, *n), old(i)))
                        .collect::<Option<Vec<_>>>()?;
                    (texts.len() == c.articles.len()).then_some(())?;
                    (stamp.settled_version()?, texts)
                }
                Loaded::Failed(_) => {
                    let status = s.status.as_ref()?;
                    (cache::Stamp::of(status).settled_version()?, Vec::new())
                }
                _ => return None,
            };
            Some(cache::table::Part {
                root: s.root,
                version,
                texts,
            })
        })
        .collect()
}

/// Rewrites each shard of each folder's cache that no longer matches its
/// files: some were parsed afresh, or some cached ones are gone. What was
/// written, one a root.
pub(super) fn write_caches(
    caches: &[Option<cache::Cache>],
    sources: &[Source],
    results: &[Loaded],
) -> Vec<cache::Rewrites> {
    caches
        .par_iter()
        .enumerate()
        .map(|(root, cache)| {
            let Some(cache) = cache else {
                return cache::Rewrites::default();
            };
            let mine = || {
                (sources.iter().zip(results))
                    .filter_map(|(s, r)| Some((s.key.as_deref().filter(|_| s.root == root)?, r)))
            };
            // What was parsed afresh and what was taken from the cache, by
            // key: a shard is written only where they no longer match it.
            let mut fresh = Vec::new();
            let mut cached = Vec::new();
            for (key, r) in mine() {
                match r {
                    Loaded::Cached(_, _, made) => {
                        cached.push(key);
                        if *made {
                            fresh.push(key);
                        }
                    }
                    Loaded::Fresh(f) if f.stamp.is_some() && f.note.is_none() => fresh.push(key),
                    Loaded::Many(_, Some(_), ats, made) => {
                        match ats {
                            Some(_) => cached.push(key),
                            None => fresh.push(key),
                        }
                        if *made {
                            fresh.push(key);
                        }
                    }
                    _ => {}
                }
            }
            let dirty = cache.dirty(&fresh, &cached);
            if !dirty.contains(&true) {
                return cache::Rewrites::default();
            }
            let mut articles = Vec::new();
            let mut collections = Vec::new();
            for (key, r) in mine().filter(|(key, _)| dirty[cache.shard_of(key)]) {
                match r {
                    Loaded::Cached(c, stamp, _) => articles.push(cache::Written {
                        key: key.to_string(),
                        stamp: *stamp,
                        article: &c.article,
                        keys: c.keys.clone(),
                        sketch: c.sketch.clone(),
                        old: Some(c.at),
                    }),
                    Loaded::Fresh(f) => {
                        let (Some(stamp), None) = (f.stamp, f.note) else {
                            continue;
                        };
                        articles.push(cache::Written {
                            key: key.to_string(),
                            stamp,
                            article: &f.article,
                            keys: f.keys.clone(),
                            sketch: f.sketch.clone(),
                            old: None,
                        });
                    }
                    Loaded::Many(c, Some(stamp), ats, _) => {
                        for (i, (a, n)) in c.articles.iter().zip(&c.numbers).enumerate() {
                            articles.push(cache::Written {
                                key: cache::record_key(key, *n),
                                stamp: *stamp,
                                article: a,
                                keys: c.keys.get(i).cloned().unwrap_or_default(),
                                sketch: c.sketches.get(i).cloned().unwrap_or_default(),
                                old: ats.as_ref().and_then(|v| v.get(i).copied()),
                            });
                        }
                        collections.push((key.to_string(), c.to_cache(*stamp)));
                    }
                    Loaded::Many(..) | Loaded::Failed(_) => {}
                }
            }
            cache.write(dirty, articles, collections)
        })
        .collect()
}

/// Reads one file: from its cache entry if the file is unchanged, else
/// from its bytes, parsed and classified.
pub(super) fn load_one(
    source: &Source,
    entry: Option<cache::Taken>,
    cache: Option<&cache::Cache>,
    options: &LoadOptions,
    catalog: &HashMap<String, catalog::Entry>,
    classifier: &dyn Classifier,
    step: &(dyn Fn(usize) + Sync),
) -> Loaded {
    let problem = |error: LoadError| {
        Loaded::Failed(LoadProblem {
            path: source.path.clone(),
            at: None,
            reason: error.to_string(),
        })
    };
    let mut large = false;
    // A file listed from the cache is taken as the cache holds it.
    let trusted = match &entry {
        Some(cache::Taken::One(e)) if options.trust_cache => Some(e.stamp()),
        Some(cache::Taken::Many(c, _)) if options.trust_cache => Some(c.stamp),
        _ => None,
    };
    let stamp = match (source.bundled, trusted) {
        (_, Some(stamp)) => stamp,
        (Some(b), None) => cache::Stamp::bundled(b.len()),
        (None, None) => match (source.status.clone().map(Ok))
            .unwrap_or_else(|| std::fs::metadata(&source.path))
        {
            Ok(m) => match read::check(&m) {
                Ok(()) => cache::Stamp::of(&m),
                // A dump of records streams, whatever its size.
                Err(LoadError::TooLarge(_)) => {
                    large = true;
                    cache::Stamp::of(&m)
                }
                Err(e) => return problem(e),
            },
            Err(e) => return problem(e.into()),
        },
    };
    // The stamp is taken again after reading: a file that changed while it
    // was read is not cached under its old stamp.
    let after = || match source.bundled {
        Some(_) => Some(stamp),
        None => std::fs::metadata(&source.path)
            .ok()
            .map(|m| cache::Stamp::of(&m))
            .filter(|s| *s == stamp),
    };
    let reading = collection::Reading {
        path: &source.path,
        // A list of a large dump keeps only its metadata, so memory stays
        // bounded; a small one keeps its text for the cache.
        keep_text: !options.metadata_only || (cache.is_some() && !large),
        classifier,
        keys: options.keys,
        step,
    };
    let entry = match (entry, cache) {
        (Some(cache::Taken::Many(c, entries)), Some(cache)) => {
            // From the cache, the records' text only when it is kept: their
            // sketches and keys are in the cache beside their metadata.
            let reading = collection::Reading {
                keep_text: !options.metadata_only,
                ..reading
            };
            if let Some((c, ats, made)) = collection::cached(&reading, cache, c, entries, &stamp) {
                return Loaded::Many(c, Some(stamp), Some(ats), made);
            }
            None
        }
        (Some(cache::Taken::One(e)), _) => Some(e),
        _ => None,
    };
    if large {
        return match collection::read_large(&reading) {
            Ok(c) => Loaded::Many(c, after().filter(|_| reading.keep_text), None, false),
            Err(e) => problem(e),
        };
    }
    if let Some((cache, mut c)) = cache.zip(entry.and_then(|e| e.article(&source.path, &stamp))) {
        let mut made = false;
        if let Some(f) = options.keys.filter(|_| c.keys.is_empty()) {
            c.keys = f(&c.article);
            made = true;
        }
        if options.metadata_only {
            return Loaded::Cached(c, stamp, made);
        }
        // A damaged cache file only costs the parse it should have saved.
        if let Some(paragraphs) = cache.paragraphs(c.at) {
            c.article.paragraphs = paragraphs;
            return Loaded::Cached(c, stamp, made);
        }
    }
    let owned;
    let bytes: &[u8] = match source.bundled {
        Some(b) => b,
        // Checked again as opened: the file may have been swapped for a
        // FIFO since.
        None => match read::read_bounded(&source.path, MAX_FILE_BYTES) {
            Ok(b) => {
                owned = b;
                &owned
            }
            Err(e) => return problem(e),
        },
    };
    if let Some(format) = collection::format_of(&source.path, bytes) {
        let c = collection::read_bytes(&reading, format, bytes);
        return Loaded::Many(c, after(), None, false);
    }
    let (mut article, note) = match parse_noted(&source.path, bytes) {
        Ok(a) => a,
        Err(e) => return problem(e.into()),
    };
    if source.bundled.is_some() {
        let name = source
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if let Some(entry) = name.and_then(|n| catalog.get(&n)) {
            entry.apply(&mut article);
        }
    }
    let c = classifier.classify(&article);
    article.regions = c.regions;
    article.programmes = c.programmes;
    let sketch = Sketch::of(&article.paragraphs);
    let keys = options.keys.map(|f| f(&article)).unwrap_or_default();
    Loaded::Fresh(Fresh {
        article,
        stamp: after(),
        note,
        sketch,
        keys,
    })
}
