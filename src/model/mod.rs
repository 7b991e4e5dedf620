//! The words every stage shares: an [`Article`] and its [`Paragraph`]s, the
//! [`Text`] they hold, and a [`Passage`] of them. The store makes articles,
//! and the taxonomy, layout, search, bookmarks and views read them.

mod text;

pub use text::{SharedText, Text};

use std::path::PathBuf;

use serde::Serialize;

/// What a paragraph is in the article's reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// Running text.
    Body,
    /// A short heading line inside the body (a section title).
    Heading,
    /// An image caption or scraping leftover (`转存图片`, `图/某某`, `图为...`).
    Caption,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: Text,
}

/// One article, as parsed from one file.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Stable id: the file stem, made unique across the library.
    pub id: String,
    /// Where it was read from (bundled articles: `assets/articles/NAME`).
    pub path: PathBuf,
    pub title: String,
    pub subtitle: Option<String>,
    /// ISO date `YYYY-MM-DD` where known.
    pub date: Option<String>,
    pub source: Option<String>,
    /// Numbered from 0 in reading order; the title is not a paragraph.
    /// Empty when the library was loaded for its metadata only.
    pub paragraphs: Vec<Paragraph>,
    /// How many paragraphs the article has (also when they are not loaded).
    pub paragraph_count: usize,
    /// Characters of text in the paragraphs.
    pub char_count: usize,
    /// Canonical region names, most mentioned first, ancestors included.
    pub regions: Vec<String>,
    /// Canonical programme names, most mentioned first, ancestors included.
    pub programmes: Vec<String>,
}

impl Article {
    /// An article of `paragraphs`, with nothing else known of it yet (no
    /// subtitle, date, source, regions or programmes).
    pub fn new(
        id: impl Into<String>,
        path: impl Into<PathBuf>,
        title: impl Into<String>,
        paragraphs: Vec<Paragraph>,
    ) -> Article {
        let mut a = Article {
            id: id.into(),
            path: path.into(),
            title: title.into(),
            subtitle: None,
            date: None,
            source: None,
            paragraphs: Vec::new(),
            paragraph_count: 0,
            char_count: 0,
            regions: Vec::new(),
            programmes: Vec::new(),
        };
        a.set_paragraphs(paragraphs);
        a
    }

    /// Characters of text in the paragraphs.
    pub fn chars(&self) -> usize {
        self.char_count
    }

    /// Sets the paragraphs, and the counts that go with them.
    pub fn set_paragraphs(&mut self, paragraphs: Vec<Paragraph>) {
        self.paragraph_count = paragraphs.len();
        self.char_count = paragraphs.iter().map(|p| p.text.chars().count()).sum();
        self.paragraphs = paragraphs;
    }
}

/// A passage of an article (what a bookmark marks): paragraphs `first..=last`, from byte `start` of
/// the first to byte `end` of the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
}

impl Passage {
    /// A whole paragraph.
    pub fn paragraph(article: &Article, p: usize) -> Option<Passage> {
        let text = &article.paragraphs.get(p)?.text;
        Some(Passage {
            first: p,
            last: p,
            start: 0,
            end: text.len(),
        })
    }
}

/// What an article is about: canonical names, most mentioned first, with
/// their ancestors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classification {
    pub regions: Vec<String>,
    pub programmes: Vec<String>,
}

/// What files an article's regions and programmes: the store is handed one
/// and calls it on each article it parses (the taxonomy is one).
pub trait Classifier: Sync {
    fn classify(&self, article: &Article) -> Classification;
}
