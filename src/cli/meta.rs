//! The JSON shape of an article's metadata, shared by `list --json` and
//! `show --json` so the two can never disagree.

use serde::Serialize;

use crate::archive::Reprints;
use crate::model::{Article, ParagraphKind};
use crate::store::Library;

/// `paragraphs` is their number in `list --json` and the array of their
/// texts in `show --json`.
#[derive(Debug, Serialize)]
pub struct ArticleMeta<'a, P> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<&'a str>,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub path: String,
    pub regions: &'a [String],
    pub programmes: &'a [String],
    pub paragraphs: P,
    /// Characters in the paragraphs.
    pub chars: usize,
    /// The ids of the other articles that carry the same story.
    pub copies: Vec<&'a str>,
    /// `show --json` only: which paragraphs are body text, headings or captions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<ParagraphKind>>,
}

fn meta<'a, P>(
    a: &'a Article,
    paragraphs: P,
    kinds: Option<Vec<ParagraphKind>>,
    copies: Vec<&'a str>,
) -> ArticleMeta<'a, P> {
    ArticleMeta {
        id: &a.id,
        title: &a.title,
        subtitle: a.subtitle.as_deref(),
        date: a.date.as_deref(),
        source: a.source.as_deref(),
        path: a.path.display().to_string(),
        regions: &a.regions,
        programmes: &a.programmes,
        paragraphs,
        chars: a.chars(),
        copies,
        kinds,
    }
}

/// The ids of the copies of the article at `index`.
pub fn copies<'a>(library: &'a Library, reprints: &Reprints, index: usize) -> Vec<&'a str> {
    reprints
        .copies(index)
        .filter_map(|j| library.articles.get(j).map(|c| c.id.as_str()))
        .collect()
}

/// The `list --json` entry of an article, with the ids of its copies.
pub fn summary<'a>(a: &'a Article, copies: Vec<&'a str>) -> ArticleMeta<'a, usize> {
    meta(a, a.paragraph_count, None, copies)
}

/// The `show --json` document of an article, with the ids of its copies.
pub fn full<'a>(a: &'a Article, copies: Vec<&'a str>) -> ArticleMeta<'a, Vec<&'a str>> {
    let texts = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    meta(
        a,
        texts,
        Some(a.paragraphs.iter().map(|p| p.kind).collect()),
        copies,
    )
}
