//! The paragraphs of the index that may match a query: for each side of
//! the query, those holding every term of every word of the side (the
//! words that must not occur are left to the confirming match).

use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query as _, RegexQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Searcher, Term};

use super::tokens::{self, WordTerms};
use super::{IndexError, TextIndex};
use crate::search::Query;

type Boxed = Box<dyn tantivy::query::Query>;

/// A paragraph that may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// The number of its file in the manifest.
    pub file: u64,
    /// Its article's place among its file's articles.
    pub ordinal: u64,
    pub paragraph: u64,
}

impl TextIndex {
    /// The tantivy query for `query`'s sides; `None` when no side has a
    /// word to look for.
    fn tantivy_query(&self, query: &Query) -> Result<Option<Boxed>, IndexError> {
        let mut sides: Vec<(Occur, Boxed)> = Vec::new();
        for words in query.sides() {
            let mut terms: Vec<String> = Vec::new();
            let mut starts: Vec<char> = Vec::new();
            for w in words {
                match tokens::word_terms(w) {
                    WordTerms::All(t) => terms.extend(t),
                    WordTerms::StartingWith(c) => starts.push(c),
                    WordTerms::None => {}
                }
            }
            terms.sort_unstable();
            terms.dedup();
            starts.sort_unstable();
            starts.dedup();
            let mut musts: Vec<(Occur, Boxed)> = Vec::new();
            for t in &terms {
                let term = Term::from_field_text(self.fields.text, t);
                musts.push((
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
            for c in starts {
                // Any term that starts with the character (a regular
                // expression on the term dictionary, the character escaped).
                let pattern = format!("\\x{{{:X}}}.*", c as u32);
                let q = RegexQuery::from_pattern(&pattern, self.fields.text)?;
                musts.push((Occur::Must, Box::new(q)));
            }
            if musts.is_empty() {
                continue;
            }
            sides.push((Occur::Should, Box::new(BooleanQuery::new(musts))));
        }
        Ok(match sides.len() {
            0 => None,
            1 => sides.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(sides))),
        })
    }

    /// The searcher of the index's last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Every paragraph that may match `query`, in index order.
    pub fn candidates(
        &self,
        searcher: &Searcher,
        query: &Query,
    ) -> Result<Vec<Candidate>, IndexError> {
        let Some(q) = self.tantivy_query(query)? else {
            return Ok(Vec::new());
        };
        let weight = q.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let file = fast.u64("file")?;
            let ordinal = fast.u64("ordinal")?;
            let paragraph = fast.u64("paragraph")?;
            let alive = segment.alive_bitset();
            weight.for_each_no_score(segment, &mut |docs: &[DocId]| {
                for &doc in docs {
                    if alive.is_some_and(|a| !a.is_alive(doc)) {
                        continue;
                    }
                    if let (Some(file), Some(ordinal), Some(paragraph)) =
                        (file.first(doc), ordinal.first(doc), paragraph.first(doc))
                    {
                        out.push(Candidate {
                            file,
                            ordinal,
                            paragraph,
                        });
                    }
                }
            })?;
        }
        Ok(out)
    }
}
