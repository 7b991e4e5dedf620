//! The JSON shape of an article's metadata, shared by `list --json` and
//! `show --json` so the two can never disagree.

use serde::Serialize;

use crate::model::{Article, ParagraphKind};

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
    /// `show --json` only: which paragraphs are body text, headings or captions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<ParagraphKind>>,
}

fn meta<P>(a: &Article, paragraphs: P, kinds: Option<Vec<ParagraphKind>>) -> ArticleMeta<'_, P> {
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
        kinds,
    }
}

/// The `list --json` entry of an article.
pub fn summary(a: &Article) -> ArticleMeta<'_, usize> {
    meta(a, a.paragraph_count, None)
}

/// The `show --json` document of an article.
pub fn full(a: &Article) -> ArticleMeta<'_, Vec<&str>> {
    let texts = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    meta(
        a,
        texts,
        Some(a.paragraphs.iter().map(|p| p.kind).collect()),
    )
}
