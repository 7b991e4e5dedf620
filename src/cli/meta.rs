//! The JSON shape of an article's metadata, shared by `list --json` and
//! `show --json` so the two can never disagree.

use serde::Serialize;

use crate::store::Article;

#[derive(Debug, Serialize)]
pub struct ArticleMeta<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<&'a str>,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub path: String,
    pub regions: &'a [String],
    pub programmes: &'a [String],
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Characters in the paragraphs.
    pub chars: usize,
}

impl<'a> ArticleMeta<'a> {
    pub fn of(a: &'a Article) -> Self {
        ArticleMeta {
            id: &a.id,
            title: &a.title,
            subtitle: a.subtitle.as_deref(),
            date: a.date.as_deref(),
            source: a.source.as_deref(),
            path: a.path.display().to_string(),
            regions: &a.regions,
            programmes: &a.programmes,
            paragraphs: a.paragraphs.len(),
            chars: a.chars(),
        }
    }
}

/// `show --json`: the metadata with `paragraphs` as an array of strings, and
/// `kinds` saying which of them are captions or headings.
#[derive(Debug, Serialize)]
pub struct ArticleFull<'a> {
    #[serde(flatten)]
    pub meta: ArticleMeta<'a>,
    pub paragraphs: Vec<&'a str>,
    pub kinds: Vec<crate::store::ParagraphKind>,
}

impl<'a> ArticleFull<'a> {
    pub fn of(a: &'a Article) -> Self {
        ArticleFull {
            meta: ArticleMeta::of(a),
            paragraphs: a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            kinds: a.paragraphs.iter().map(|p| p.kind).collect(),
        }
    }
}
