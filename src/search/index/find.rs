//! The paragraphs of the index that may match a query: for each side of
//! the query, those holding every term of every word of the side (the
//! words that must not occur are left to the confirming match), with
//! their BM25 score when asked for.

use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query as _, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Searcher, Term};

use super::{IndexError, TextIndex, tokens};
use crate::search::Query;

/// A paragraph that may match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The number of its file in the manifest.
    pub file: u64,
    /// Its article's place among its file's articles.
    pub ordinal: u64,
    pub paragraph: u64,
    /// Its BM25 score (0 when not asked for).
    pub score: f32,
}

impl TextIndex {
    /// The tantivy query for `query`'s sides; `None` when no paragraph can
    /// match (a word of every side has a term the index lacks is still a
    /// query: the index answers it with nothing).
    fn tantivy_query(&self, query: &Query) -> Option<Box<dyn tantivy::query::Query>> {
        let mut sides: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        for words in query.sides() {
            let mut terms: Vec<String> = words.iter().flat_map(|w| tokens::word_terms(w)).collect();
            terms.sort_unstable();
            terms.dedup();
            if terms.is_empty() {
                continue;
            }
            let musts: Vec<(Occur, Box<dyn tantivy::query::Query>)> = terms
                .iter()
                .map(|t| {
                    let term = Term::from_field_text(self.fields.text, t);
                    let q: Box<dyn tantivy::query::Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                    (Occur::Must, q)
                })
                .collect();
            sides.push((Occur::Should, Box::new(BooleanQuery::new(musts))));
        }
        match sides.len() {
            0 => None,
            1 => sides.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(sides))),
        }
    }

    /// The searcher of the index's last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Every paragraph that may match `query`, in index order, scored by
    /// BM25 when `scored`.
    pub fn candidates(
        &self,
        searcher: &Searcher,
        query: &Query,
        scored: bool,
    ) -> Result<Vec<Candidate>, IndexError> {
        let Some(q) = self.tantivy_query(query) else {
            return Ok(Vec::new());
        };
        let scoring = if scored {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let weight = q.weight(scoring)?;
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let file = fast.u64("file")?;
            let ordinal = fast.u64("ordinal")?;
            let paragraph = fast.u64("paragraph")?;
            let alive = segment.alive_bitset();
            let mut push = |doc: DocId, score: f32| {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    return;
                }
                let (Some(f), Some(o), Some(p)) =
                    (file.first(doc), ordinal.first(doc), paragraph.first(doc))
                else {
                    return;
                };
                out.push(Candidate {
                    file: f,
                    ordinal: o,
                    paragraph: p,
                    score,
                });
            };
            if scored {
                weight.for_each(segment, &mut push)?;
            } else {
                weight.for_each_no_score(segment, &mut |docs| {
                    for &d in docs {
                        push(d, 0.0);
                    }
                })?;
            }
        }
        Ok(out)
    }
}
