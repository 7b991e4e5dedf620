//! Search in the TUI: `/` in the reader finds every match in the article
//! (highlighted, `n`/`N` to move, wrapping round); `/` in the library lists
//! the articles whose title alone matches, then the matching paragraphs of
//! every article, grouped by article: the articles most relevant first
//! (BM25 of their best paragraph), or in library order (`o` toggles).

use std::ops::Range;

use super::cursor::{ListCursor, Step};
use super::input::TextInput;
use super::{App, Overlay, View};
use crate::app::Action;
use crate::search::{Hit, Order, Query, rank, search_library};

/// An active search in the open article.
#[derive(Debug, Clone)]
pub struct ArticleSearch {
    pub query: String,
    /// Every match, in reading order: (paragraph, byte range).
    pub hits: Vec<(usize, Range<usize>)>,
    /// The match last moved to.
    pub current: usize,
}

/// The library search results: articles whose title matches though none
/// of their paragraphs does, then the matching paragraphs.
#[derive(Debug, Clone)]
pub struct HitsView {
    pub query: String,
    /// Articles (indexes into `Library::articles`) matched by title alone,
    /// with the first match in the title.
    pub titles: Vec<(usize, Range<usize>)>,
    pub hits: Vec<Hit>,
    /// The order of `hits`.
    pub order: Order,
    /// Over `titles`, then `hits`.
    pub cursor: ListCursor,
}

/// One entry of the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<'a> {
    /// An article matched by its title, and the match.
    Title(usize, Range<usize>),
    Paragraph(&'a Hit),
}

impl HitsView {
    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.titles.len() + self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many entries fit in `rows` screen rows from entry `from`: a row
    /// each, and one for the heading of each article's first hit.
    pub fn entries_in_rows(&self, from: usize, rows: usize) -> usize {
        let mut used = 0;
        let mut last = None;
        let mut n = 0;
        for i in from..self.len() {
            let heading = match self.entry(i) {
                Some(Entry::Paragraph(hit)) => last.replace(hit.article) != Some(hit.article),
                _ => false,
            };
            used += 1 + usize::from(heading);
            if used > rows {
                break;
            }
            n += 1;
        }
        n.max(1)
    }

    /// The `i`th entry.
    pub fn entry(&self, i: usize) -> Option<Entry<'_>> {
        match i.checked_sub(self.titles.len()) {
            None => {
                let (article, range) = &self.titles[i];
                Some(Entry::Title(*article, range.clone()))
            }
            Some(h) => self.hits.get(h).map(Entry::Paragraph),
        }
    }
}

impl App {
    pub(super) fn prompt_search(&mut self) {
        self.overlays.push(Overlay::SearchPrompt {
            input: TextInput::default(),
            recall: None,
        });
    }

    /// Runs the query typed in the search prompt, for the active view.
    pub(super) fn run_search(&mut self, text: &str) {
        if matches!(self.view(), View::Bookmarks(_)) {
            return self.filter_bookmarks(text);
        }
        let query = match Query::parse(text) {
            Ok(q) => q,
            Err(_) => {
                if let Some(r) = self.reader_mut() {
                    r.search = None;
                }
                return;
            }
        };
        match self.view() {
            View::Reader(_) => self.search_article(text, &query),
            _ => self.search_everything(text, &query),
        }
    }

    fn search_article(&mut self, text: &str, query: &Query) {
        let size = self.size;
        let Some(article) = (match self.view() {
            View::Reader(r) => Some(r.article),
            _ => None,
        }) else {
            return;
        };
        let hits: Vec<(usize, Range<usize>)> = self.library.articles[article]
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(p, para)| query.find_in(&para.text).into_iter().map(move |r| (p, r)))
            .collect();
        let Some(r) = self.reader_mut() else {
            return;
        };
        if hits.is_empty() {
            r.search = None;
            self.status = Some(format!("no match for “{}”", text.trim()));
            return;
        }
        // The first match at or after the current passage.
        let from = (r.passage.first, r.passage.start);
        let current = hits
            .iter()
            .position(|(p, range)| (*p, range.start) >= from)
            .unwrap_or(0);
        r.search = Some(ArticleSearch {
            query: text.trim().to_string(),
            hits,
            current,
        });
        reveal_match(r, size);
        self.status = None;
    }

    fn search_everything(&mut self, text: &str, query: &Query) {
        // The library as filtered: the articles its list shows.
        let mut shown = vec![false; self.library.articles.len()];
        for &i in &self.lib.shown {
            shown[i] = true;
        }
        let admitted: std::collections::HashSet<&str> = (self.lib.shown.iter())
            .map(|&i| self.library.articles[i].id.as_str())
            .collect();
        let admit = |a: &crate::model::Article| admitted.contains(a.id.as_str());
        let indexed = (self.indexer.as_ref()).and_then(|ix| ix.search(&self.library, query, admit));
        let mut hits = indexed.unwrap_or_else(|| search_library(&self.library, query, admit));
        let order = Order::default();
        if order == Order::Relevance {
            self.rank_hits(&mut hits, query);
        }
        let mut in_hits = vec![false; self.library.articles.len()];
        for h in &hits {
            in_hits[h.article] = true;
        }
        let titles: Vec<(usize, Range<usize>)> = (self.library.articles.iter().enumerate())
            .filter(|(i, a)| shown[*i] && !in_hits[*i] && query.matches(&a.title))
            .filter_map(|(i, a)| Some((i, query.first_in(&a.title)?)))
            .collect();
        if hits.is_empty() && titles.is_empty() {
            let scope = if self.lib.shown.len() < self.library.articles.len() {
                "the library as filtered"
            } else {
                "the library"
            };
            self.status = Some(format!("no match for “{}” in {scope}", text.trim()));
            return;
        }
        let view = View::Hits(Box::new(HitsView {
            query: text.trim().to_string(),
            titles,
            hits,
            order,
            cursor: ListCursor::default(),
        }));
        // A new search replaces the results of the last one.
        if matches!(self.view(), View::Hits(_)) {
            self.views.pop();
        }
        self.views.push(view);
    }

    /// Puts library hits most relevant first, over the library as
    /// filtered.
    fn rank_hits(&self, hits: &mut [Hit], query: &Query) {
        let articles = &self.library.articles;
        let (paragraphs, chars) =
            (self.lib.shown.iter())
                .map(|&i| &articles[i])
                .fold((0usize, 0usize), |(p, c), a| {
                    (
                        p.saturating_add(a.paragraph_count),
                        c.saturating_add(a.char_count),
                    )
                });
        let text = |h: &Hit| -> &str {
            articles
                .get(h.article)
                .and_then(|a| a.paragraphs.get(h.paragraph))
                .map_or("", |p| p.text.as_str())
        };
        rank(hits, query, text, paragraphs, chars);
    }

    /// Shows the library search's results in the other order.
    fn toggle_hits_order(&mut self) {
        let Some(View::Hits(v)) = self.views.last() else {
            return;
        };
        let (order, mut hits) = (v.order.toggled(), v.hits.clone());
        match order {
            Order::Library => hits.sort_by_key(|h| (h.article, h.paragraph)),
            Order::Relevance => {
                if let Ok(q) = Query::parse(&v.query) {
                    self.rank_hits(&mut hits, &q);
                }
            }
        }
        if let Some(View::Hits(v)) = self.views.last_mut() {
            v.hits = hits;
            v.order = order;
            v.cursor = ListCursor::default();
        }
        self.status = Some(format!("results {}", order.name()));
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let size = self.size;
        let Some(r) = self.reader_mut() else {
            return;
        };
        let Some(s) = &mut r.search else {
            self.status = Some("no search: / to search this article".into());
            return;
        };
        let n = s.hits.len();
        let mut wrapped = None;
        if forward {
            if s.current + 1 >= n {
                s.current = 0;
                wrapped = Some("search wrapped to the top");
            } else {
                s.current += 1;
            }
        } else if s.current == 0 {
            s.current = n - 1;
            wrapped = Some("search wrapped to the bottom");
        } else {
            s.current -= 1;
        }
        reveal_match(r, size);
        self.status = wrapped.map(str::to_string);
    }

    pub(super) fn hits_action(&mut self, action: Action) {
        // The rows between the title and status lines.
        let rows = usize::from(self.size.1).saturating_sub(2);
        let count = self.count;
        let Some(View::Hits(v)) = self.views.last_mut() else {
            return;
        };
        let page = v.entries_in_rows(v.cursor.offset, rows);
        if let Some(step) = Step::of(action, count) {
            let len = v.len();
            return v.cursor.step(step, len, page);
        }
        match action {
            Action::Search => self.prompt_search(),
            Action::ToggleOrder => self.toggle_hits_order(),
            Action::Open => {
                let hit = match v.entry(v.cursor.index) {
                    Some(Entry::Paragraph(hit)) => hit.clone(),
                    Some(Entry::Title(article, _)) => return self.open_index(article, None),
                    None => return,
                };
                let query = v.query.clone();
                self.open_index(hit.article, Some(hit.paragraph));
                if let Ok(q) = Query::parse(&query) {
                    self.search_article(&query, &q);
                    // Start at the hit that was chosen.
                    let size = self.size;
                    if let Some(r) = self.reader_mut()
                        && let Some(s) = &mut r.search
                    {
                        if let Some(i) = s.hits.iter().position(|(p, range)| {
                            *p == hit.paragraph && range.start >= hit.range.start
                        }) {
                            s.current = i;
                        }
                        reveal_match(r, size);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Scrolls so the current match is on screen (a third of the way down when
/// it was not), and makes its paragraph the current passage.
fn reveal_match(r: &mut super::reader::ReaderState, size: (u16, u16)) {
    let Some(s) = &r.search else {
        return;
    };
    let Some((p, range)) = s.hits.get(s.current).cloned() else {
        return;
    };
    let h = r.geometry(size).body_height.max(1);
    let line = r.layout.line_of(p, range.start).unwrap_or(0);
    if line < r.top || line >= r.top + h {
        r.top = line.saturating_sub(h / 3).min(r.last_top(h));
    }
    // The match's paragraph becomes the passage `m` would bookmark.
    if r.selection.is_none() {
        r.passage = r.whole(p);
    }
}
