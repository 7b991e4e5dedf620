//! Full-text search over the library: a query's words, folded (case,
//! full-width forms, Traditional/Simplified), are found in folded paragraph
//! text by one multi-pattern automaton; every hit maps back to a byte range
//! of the original paragraph.

mod fold;

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

pub use fold::{Folded, fold, fold_str};

use crate::store::{Article, Library};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the search query is empty")]
    Empty,
    #[error("the search query is too long ({0} words; at most 64)")]
    TooManyWords(usize),
}

/// A parsed query: words separated by spaces, all of which must occur.
#[derive(Debug, Clone)]
pub struct Query {
    words: Vec<String>,
    automaton: AhoCorasick,
}

impl Query {
    pub fn parse(query: &str) -> Result<Query, SearchError> {
        let mut words: Vec<String> = Vec::new();
        for w in fold_str(query).split_whitespace() {
            if !words.iter().any(|x| x == w) {
                words.push(w.to_string());
            }
        }
        if words.is_empty() {
            return Err(SearchError::Empty);
        }
        if words.len() > 64 {
            return Err(SearchError::TooManyWords(words.len()));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .map_err(|_| SearchError::Empty)?;
        Ok(Query { words, automaton })
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Every match of any word in `text`, as byte ranges of `text`, in order;
    /// empty unless all words occur.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        let folded = fold(text);
        let mut seen = 0u64;
        let mut out = Vec::new();
        for m in self.automaton.find_iter(&folded.text) {
            seen |= 1 << m.pattern().as_usize();
            out.push(folded.original_range(m.range()));
        }
        if seen.count_ones() as usize == self.words.len() {
            out
        } else {
            Vec::new()
        }
    }

    /// The first match in `text` when every word occurs.
    pub fn first_in(&self, text: &str) -> Option<Range<usize>> {
        let folded = fold(text);
        let mut seen = 0u64;
        let mut first = None;
        for m in self.automaton.find_iter(&folded.text) {
            seen |= 1 << m.pattern().as_usize();
            first.get_or_insert(m.range());
            if seen.count_ones() as usize == self.words.len() {
                return first.map(|r| folded.original_range(r));
            }
        }
        None
    }

    pub fn matches(&self, text: &str) -> bool {
        self.first_in(text).is_some()
    }
}

/// A paragraph that matches, and where in it the first match is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the article in the library.
    pub article: usize,
    pub paragraph: usize,
    /// Byte range of the first match in the paragraph.
    pub range: Range<usize>,
}

/// Every matching paragraph of the articles `admit` lets through, in
/// library order.
pub fn search_library(
    library: &Library,
    query: &Query,
    admit: impl Fn(&Article) -> bool + Sync,
) -> Vec<Hit> {
    library
        .articles
        .par_iter()
        .enumerate()
        .filter(|(_, a)| admit(a))
        .flat_map_iter(|(ai, a)| {
            a.paragraphs.iter().enumerate().filter_map(move |(pi, p)| {
                query.first_in(&p.text).map(|range| Hit {
                    article: ai,
                    paragraph: pi,
                    range,
                })
            })
        })
        .collect()
}

/// A stretch of `text` around `range`: about `context` grapheme clusters on
/// each side, never splitting one, with `…` where text was left out. Returns
/// the snippet and where the match lies in it.
pub fn snippet(text: &str, range: Range<usize>, context: usize) -> (String, Range<usize>) {
    let before: Vec<(usize, &str)> = text[..range.start].grapheme_indices(true).collect();
    let start = before.len().checked_sub(context).map_or(0, |i| before[i].0);
    let after_len: usize = text[range.end..]
        .graphemes(true)
        .take(context)
        .map(str::len)
        .sum();
    let end = range.end + after_len;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let lead = crate::text::sanitize(&text[start..range.start]);
    out.push_str(&lead);
    let m_start = out.len();
    out.push_str(&crate::text::sanitize(&text[range.clone()]));
    let m_end = out.len();
    out.push_str(&crate::text::sanitize(&text[range.end..end]));
    if end < text.len() {
        out.push('…');
    }
    (out, m_start..m_end)
}
