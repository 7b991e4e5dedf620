//! Searching the library through the index: the index's candidates, each
//! confirmed with the query's own matching on the paragraph's text as the
//! library holds it, in library order: the same hits as
//! [`super::search_library`].

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::index::{IndexError, Source, TextIndex};
use super::{Hit, Query};
use crate::model::Article;
use crate::store::Library;

/// Every matching paragraph of the articles `admit` lets through, in
/// library order, found through `index` (brought up to date with
/// `sources`, the files of `library`).
pub fn search_index(
    index: &TextIndex,
    sources: &[Source],
    library: &Library,
    query: &Query,
    admit: impl Fn(&Article) -> bool + Sync,
) -> Result<Vec<Hit>, IndexError> {
    search_index_with(index, sources, query, |a, p| {
        let article = &library.articles[a];
        admit(article)
            .then(|| article.paragraphs.get(p).map(|p| &*p.text))
            .flatten()
    })
}

/// [`search_index`] over a library that gives `text(article, paragraph)`:
/// the paragraph's text, or `None` where it has no such paragraph or the
/// article is not to be searched.
pub fn search_index_with<'t>(
    index: &TextIndex,
    sources: &[Source],
    query: &Query,
    text: impl Fn(usize, usize) -> Option<&'t str> + Sync,
) -> Result<Vec<Hit>, IndexError> {
    let searcher = index.searcher();
    let candidates = index.candidates(&searcher, query)?;
    let by_key: HashMap<&str, &Source> = sources.iter().map(|s| (s.key.as_str(), s)).collect();
    let files: HashMap<u64, (&Source, usize)> = (index.manifest().files.iter())
        .filter_map(|(k, e)| {
            let s = by_key.get(k.as_str())?;
            Some((e.id, (*s, usize::try_from(e.articles).ok()?.max(1))))
        })
        .collect();
    let found: Vec<Vec<Hit>> = candidates
        .par_iter()
        .map(|c| {
            let Some(&(source, n)) = files.get(&c.file) else {
                return Vec::new();
            };
            let (Ok(ordinal), Ok(paragraph)) =
                (usize::try_from(c.ordinal), usize::try_from(c.paragraph))
            else {
                return Vec::new();
            };
            // The file's articles at this place (more than one when the
            // library reads the file twice).
            let articles = (source.articles.iter().enumerate())
                .filter(|(j, _)| j % n == ordinal)
                .map(|(_, &a)| a);
            let mut out = Vec::new();
            for a in articles {
                let Some(text) = text(a, paragraph) else {
                    continue;
                };
                if let Some(range) = query.first_in(text) {
                    out.push(Hit {
                        article: a,
                        paragraph,
                        range,
                    });
                }
            }
            out
        })
        .collect();
    let mut found: Vec<Hit> = found.into_iter().flatten().collect();
    found.sort_by_key(|h| (h.article, h.paragraph));
    Ok(found)
}
