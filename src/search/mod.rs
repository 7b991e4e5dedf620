//! Full-text search over the library: a query's words (`A B`, `A OR B`,
//! `-word`), folded (case, full-width forms, Traditional/Simplified), are
//! found in folded paragraph text by one multi-pattern automaton; every hit
//! maps back to a byte range of the original paragraph.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

pub mod index;
mod indexed;
mod rank;

pub use indexed::{search_index, search_index_with};
pub use rank::{Order, rank};

use crate::fold::unfold;
pub use crate::fold::{Folded, fold, fold_char, fold_str};

use crate::model::Article;
use crate::store::Library;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the search query is empty")]
    Empty,
    #[error("the search query is too long ({0} words; at most 64)")]
    TooManyWords(usize),
    #[error("the search query has only words that must not occur (-word): add one that must")]
    OnlyExcluded,
}

/// A parsed query: sides joined by `OR`, each of words that all must
/// occur, and words that must not.
#[derive(Debug, Clone)]
pub struct Query {
    words: Vec<String>,
    matcher: Matcher,
    /// Each side's words, a bit per word.
    groups: Vec<u64>,
    /// The words that must not occur, as a query that any of them matches.
    exclude: Option<Box<Query>>,
}

/// How a query finds its words. Folding maps each character to one
/// character, so a word occurs in folded text exactly where one of its raw
/// spellings (each character replaced by any character that folds to it)
/// occurs in the original: when the spellings are few, they are looked for
/// in the text as it is, and nothing is folded.
#[derive(Debug, Clone)]
enum Matcher {
    /// Every raw spelling of every word.
    Raw {
        automaton: AhoCorasick,
        /// The same patterns for SIMD (Teddy), when the machine and the
        /// pattern count allow: far faster on CJK text, whose UTF-8 bytes
        /// defeat the automaton's rare-byte prefilter.
        packed: Option<aho_corasick::packed::Searcher>,
        /// The word each pattern spells.
        word_of: Vec<usize>,
    },
    /// Too many spellings (long Latin words: four forms a letter): the
    /// folded words are found in folded text, and only paragraphs that
    /// hold a raw spelling of every word's beginning are folded.
    Folded {
        automaton: AhoCorasick,
        prefilter: AhoCorasick,
        word_of: Vec<usize>,
    },
}

/// Raw spellings a query may have in all before its text is folded instead.
const MAX_SPELLINGS: usize = 256;
/// Raw spellings of a word's beginning the prefilter looks for.
const MAX_PREFIX_SPELLINGS: usize = 64;

/// The raw spellings of `word`'s first characters, as many characters as
/// keep them within `limit` (at least one); and whether that is the whole
/// word.
fn spellings(word: &str, limit: usize) -> (Vec<String>, bool) {
    let mut forms = vec![String::new()];
    for (n, q) in word.chars().enumerate() {
        let raw = unfold(q);
        if n > 0 && forms.len() * raw.len() > limit {
            return (forms, false);
        }
        forms = forms
            .iter()
            .flat_map(|f| {
                raw.iter().map(move |&c| {
                    let mut f = f.clone();
                    f.push(c);
                    f
                })
            })
            .collect();
    }
    (forms, true)
}

/// An automaton over the spellings of every word, and the word of each.
fn spelling_automaton(
    words: &[String],
    limit: usize,
    kind: MatchKind,
) -> Option<(AhoCorasick, Vec<usize>, bool)> {
    let mut patterns = Vec::new();
    let mut word_of = Vec::new();
    let mut whole = true;
    for (wi, w) in words.iter().enumerate() {
        let (forms, complete) = spellings(w, limit);
        whole &= complete;
        word_of.extend(std::iter::repeat_n(wi, forms.len()));
        patterns.extend(forms);
    }
    let automaton = AhoCorasick::builder()
        .match_kind(kind)
        .build(&patterns)
        .ok()?;
    Some((automaton, word_of, whole))
}

impl Query {
    /// Parses a query as a person types it: words separated by spaces all
    /// must occur; `A OR B` (the word `OR` in capitals) is either side, each
    /// side its own words that all must occur (`A B OR C` is `A B` or `C`);
    /// `-word` must not occur, whichever side matches. This is the one
    /// parser of queries: `yuedu search` and the reader's `/` both use it.
    pub fn parse(query: &str) -> Result<Query, SearchError> {
        fn index(words: &mut Vec<String>, w: &str) -> usize {
            words.iter().position(|x| x == w).unwrap_or_else(|| {
                words.push(w.to_string());
                words.len() - 1
            })
        }
        let mut words: Vec<String> = Vec::new();
        let mut sides: Vec<u64> = vec![0];
        let mut excluded: Vec<String> = Vec::new();
        for token in query.split_whitespace() {
            if token == "OR" {
                sides.push(0);
                continue;
            }
            let (negated, raw) = match token.strip_prefix(['-', '－']) {
                Some(rest) if !rest.is_empty() => (true, rest),
                _ => (false, token),
            };
            for w in fold_str(raw).split_whitespace() {
                if negated {
                    if !excluded.iter().any(|x| x == w) {
                        excluded.push(w.to_string());
                    }
                    continue;
                }
                let i = index(&mut words, w);
                // Counted, and refused, below.
                if i >= 64 {
                    continue;
                }
                if let Some(side) = sides.last_mut() {
                    *side |= 1 << i;
                }
            }
        }
        sides.retain(|&side| side != 0);
        if sides.is_empty() {
            return Err(if excluded.is_empty() {
                SearchError::Empty
            } else {
                SearchError::OnlyExcluded
            });
        }
        if words.len() + excluded.len() > 64 {
            return Err(SearchError::TooManyWords(words.len() + excluded.len()));
        }
        // The excluded words are looked for on their own, each a side of
        // its own: so that `寻乌县 -寻乌` sees the 寻乌 in 寻乌县.
        let exclude = if excluded.is_empty() {
            None
        } else {
            let sides = (0..excluded.len()).map(|i| 1 << i).collect();
            Some(Box::new(Query::build(excluded, sides, None)?))
        };
        Query::build(words, sides, exclude)
    }

    /// The query of `words`, matching where all of one side's occur (a bit
    /// per word) and none of `exclude` does.
    fn build(
        words: Vec<String>,
        groups: Vec<u64>,
        exclude: Option<Box<Query>>,
    ) -> Result<Query, SearchError> {
        let raw = spelling_automaton(&words, MAX_SPELLINGS, MatchKind::LeftmostLongest)
            .filter(|(_, word_of, whole)| *whole && word_of.len() <= MAX_SPELLINGS);
        let matcher = match raw {
            Some((automaton, word_of, _)) => {
                let mut packed = aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostLongest)
                    .builder();
                for w in &words {
                    packed.extend(spellings(w, MAX_SPELLINGS).0);
                }
                Matcher::Raw {
                    automaton,
                    packed: packed.build(),
                    word_of,
                }
            }
            None => {
                let automaton = AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&words)
                    .map_err(|_| SearchError::Empty)?;
                let (prefilter, word_of, _) =
                    spelling_automaton(&words, MAX_PREFIX_SPELLINGS, MatchKind::Standard)
                        .ok_or(SearchError::Empty)?;
                Matcher::Folded {
                    automaton,
                    prefilter,
                    word_of,
                }
            }
        };
        Ok(Query {
            words,
            matcher,
            groups,
            exclude,
        })
    }

    /// The words of the query that must occur (on one side or another),
    /// folded.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Each side's words (those that all must occur for it), folded.
    pub fn sides(&self) -> impl Iterator<Item = Vec<&str>> + '_ {
        self.groups.iter().map(|&g| {
            (self.words.iter().enumerate())
                .filter(|(i, _)| g & 1 << i != 0)
                .map(|(_, w)| w.as_str())
                .collect()
        })
    }

    /// Whether `text` holds a word that must not occur.
    fn excludes(&self, text: &str) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|q| q.first_in(text).is_some())
    }

    /// Whether a text holding the words in `seen` (a bit each) has what some
    /// side of the query needs, leaving the excluded words aside.
    fn may_match(&self, seen: u64) -> bool {
        self.groups.iter().any(|&g| g & !seen == 0)
    }

    /// The words whose matches count in a text holding the words in `seen`:
    /// those of every side it satisfies.
    fn counted(&self, seen: u64) -> u64 {
        self.groups
            .iter()
            .filter(|&&g| seen & g == g)
            .fold(0, |m, &g| m | g)
    }

    /// Calls `each` with the byte range in `text` and the word of every
    /// match, in order, while it returns true.
    fn each_match(&self, text: &str, mut each: impl FnMut(Range<usize>, usize) -> bool) {
        match &self.matcher {
            Matcher::Raw {
                automaton,
                packed,
                word_of,
            } => {
                let mut found =
                    |m: aho_corasick::Match| each(m.range(), word_of[m.pattern().as_usize()]);
                match packed {
                    // Teddy needs a haystack of a few dozen bytes; shorter
                    // ones are left to the automaton.
                    Some(p) if text.len() >= p.minimum_len() + 64 => {
                        for m in p.find_iter(text) {
                            if !found(m) {
                                return;
                            }
                        }
                    }
                    _ => {
                        for m in automaton.find_iter(text) {
                            if !found(m) {
                                return;
                            }
                        }
                    }
                }
            }
            Matcher::Folded {
                automaton,
                prefilter,
                word_of,
            } => {
                let mut seen = 0u64;
                for m in prefilter.find_overlapping_iter(text) {
                    seen |= 1 << word_of[m.pattern().as_usize()];
                    if self.may_match(seen) {
                        break;
                    }
                }
                if !self.may_match(seen) {
                    return;
                }
                let folded = fold(text);
                for m in automaton.find_iter(&folded.text) {
                    if !each(folded.original_range(m.range()), m.pattern().as_usize()) {
                        return;
                    }
                }
            }
        }
    }

    /// Every match in `text` of the words of each side it satisfies, as
    /// byte ranges of `text`, in order; empty unless the text matches (a
    /// side's words all occur, and no excluded word does).
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        let mut seen = 0u64;
        let mut out = Vec::new();
        self.each_match(text, |range, word| {
            seen |= 1 << word;
            out.push((range, word));
            true
        });
        let counted = self.counted(seen);
        if counted == 0 || self.excludes(text) {
            return Vec::new();
        }
        out.into_iter()
            .filter(|(_, w)| counted & 1 << w != 0)
            .map(|(r, _)| r)
            .collect()
    }

    /// The first of [`Query::find_in`]'s matches.
    pub fn first_in(&self, text: &str) -> Option<Range<usize>> {
        let [all] = self.groups[..] else {
            return self.find_in(text).into_iter().next();
        };
        // Words that all must occur: the scan stops once each has.
        let mut seen = 0u64;
        let mut first = None;
        self.each_match(text, |range, word| {
            seen |= 1 << word;
            first.get_or_insert(range);
            seen != all
        });
        first.filter(|_| seen == all && !self.excludes(text))
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

/// A stretch of `text` around `range`: about `context` characters on each
/// side, never splitting a grapheme cluster, with `…` where text was left
/// out. Returns the snippet and where the match lies in it.
pub fn snippet(text: &str, range: Range<usize>, context: usize) -> (String, Range<usize>) {
    use unicode_segmentation::GraphemeCursor;
    // Walking out from the match: the cost is the snippet's, not the
    // paragraph's. Each end then moves outwards to a cluster boundary.
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take(context)
        .last()
        .map_or(range.start, |(i, _)| i);
    let start = match GraphemeCursor::new(start, text.len(), true).is_boundary(text, 0) {
        Ok(false) => GraphemeCursor::new(start, text.len(), true)
            .prev_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(0),
        _ => start,
    };
    let end = text[range.end..]
        .char_indices()
        .nth(context)
        .map_or(text.len(), |(i, _)| range.end + i);
    let end = match GraphemeCursor::new(end, text.len(), true).is_boundary(text, 0) {
        Ok(false) => GraphemeCursor::new(end, text.len(), true)
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
        _ => end,
    };
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
