//! What reading one file gave (an article, a file of many, a problem), and
//! the folders' caches written anew from it.

use rayon::prelude::*;

use super::walk::Source;
use super::{LoadProblem, cache, collection};
use crate::archive::Sketch;
use crate::model::Article;

/// What reading one file gave.
pub(super) enum Loaded {
    /// From the cache, and where its text lies there.
    Cached(Article, cache::Stamp, cache::TextAt, Sketch),
    /// Read and parsed now; an article with a note is not cached, so the
    /// note is given on every load.
    Fresh(Article, Option<cache::Stamp>, Option<&'static str>, Sketch),
    /// A file of many articles (and the records of it that were not): its
    /// stamp if it may be cached, and where its articles' text lies in the
    /// cache if it came from there.
    Many(
        collection::Collection,
        Option<cache::Stamp>,
        Option<Vec<cache::TextAt>>,
    ),
    Failed(LoadProblem),
}

/// Rewrites each folder's cache that no longer matches its files: some were
/// parsed afresh, or some cached ones are gone.
pub(super) fn write_caches(
    caches: &[Option<cache::CacheFile>],
    sources: &[Source],
    results: &[Loaded],
) {
    caches.par_iter().enumerate().for_each(|(root, cache)| {
        let Some(cache) = cache else {
            return;
        };
        let mut fresh = false;
        let mut cached = 0;
        let mut articles = Vec::new();
        let mut collections = Vec::new();
        for (s, r) in sources.iter().zip(results) {
            let Some(key) = s.key.as_ref().filter(|_| s.root == root) else {
                continue;
            };
            match r {
                Loaded::Cached(a, stamp, at, sketch) => {
                    cached += 1;
                    articles.push((key.clone(), *stamp, a, sketch.clone(), Some(*at)));
                }
                Loaded::Fresh(a, Some(stamp), None, sketch) => {
                    fresh = true;
                    articles.push((key.clone(), *stamp, a, sketch.clone(), None));
                }
                Loaded::Many(c, Some(stamp), ats) => {
                    match ats {
                        Some(_) => cached += 1,
                        None => fresh = true,
                    }
                    for (i, (a, n)) in c.articles.iter().zip(&c.numbers).enumerate() {
                        let at = ats.as_ref().and_then(|v| v.get(i).copied());
                        let sketch = Sketch::of(&a.paragraphs);
                        articles.push((cache::record_key(key, *n), *stamp, a, sketch, at));
                    }
                    collections.push((key.clone(), c.to_cache(*stamp)));
                }
                Loaded::Fresh(..) | Loaded::Many(..) | Loaded::Failed(_) => {}
            }
        }
        if fresh || cached != cache.len() {
            cache.write(&articles, collections);
        }
    });
}
