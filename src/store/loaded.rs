//! What reading one file gave (an article, a file of many, a problem), and
//! the shards of the folders' caches written anew from it.

use rayon::prelude::*;

use super::walk::Source;
use super::{LoadProblem, cache, collection};
use crate::archive::Sketch;
use crate::model::Article;

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

/// Rewrites each shard of each folder's cache that no longer matches its
/// files: some were parsed afresh, or some cached ones are gone.
pub(super) fn write_caches(
    caches: &[Option<cache::Cache>],
    sources: &[Source],
    results: &[Loaded],
) {
    caches.par_iter().enumerate().for_each(|(root, cache)| {
        let Some(cache) = cache else {
            return;
        };
        let mut fresh = Vec::new();
        let mut cached = Vec::new();
        let mut articles = Vec::new();
        let mut collections = Vec::new();
        for (s, r) in sources.iter().zip(results) {
            let Some(key) = s.key.as_ref().filter(|_| s.root == root) else {
                continue;
            };
            match r {
                Loaded::Cached(c, stamp, made) => {
                    cached.push(key.clone());
                    if *made {
                        fresh.push(key.clone());
                    }
                    articles.push(cache::Written {
                        key: key.clone(),
                        stamp: *stamp,
                        article: &c.article,
                        keys: c.keys.clone(),
                        sketch: c.sketch.clone(),
                        old: Some(c.at),
                    });
                }
                Loaded::Fresh(f) => {
                    let (Some(stamp), None) = (f.stamp, f.note) else {
                        continue;
                    };
                    fresh.push(key.clone());
                    articles.push(cache::Written {
                        key: key.clone(),
                        stamp,
                        article: &f.article,
                        keys: f.keys.clone(),
                        sketch: f.sketch.clone(),
                        old: None,
                    });
                }
                Loaded::Many(c, Some(stamp), ats, made) => {
                    match ats {
                        Some(_) => cached.push(key.clone()),
                        None => fresh.push(key.clone()),
                    }
                    if *made {
                        fresh.push(key.clone());
                    }
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
                    collections.push((key.clone(), c.to_cache(*stamp)));
                }
                Loaded::Many(..) | Loaded::Failed(_) => {}
            }
        }
        cache.write(articles, collections, &fresh, &cached);
    });
}
