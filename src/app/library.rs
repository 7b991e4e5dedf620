//! The library screen's state: the four facet trees with the node chosen in
//! each, the as-you-type filter, the unread filter, the list's order, the
//! articles they let through and the rows the list shows of them.

use std::collections::HashSet;

use super::cursor::ListCursor;
use super::facets::{self, Admits, Counts, FacetTree, Row, TreeState};
use super::input::TextInput;
use super::listing::{self, ListOrder, ListRow, Progress};
use super::pinyin_keys::MatchKeys;
use super::saved::ReadingState;
use crate::archive::Reprints;
use crate::store::Library;
use crate::taxonomy::Taxonomy;

/// Rows the chart takes at a terminal height (none when there is no room).
pub fn chart_rows(height: usize) -> usize {
    match height {
        26.. => 8,
        20.. => 6,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Facets,
    Articles,
}

/// What the chart counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartBy {
    /// Provinces (or the chosen place's parts, or programmes).
    #[default]
    Places,
    Years,
}

#[derive(Debug, Clone)]
pub struct LibraryState {
    /// The tree the facets pane shows.
    pub facet: FacetTree,
    /// Regions, programmes, sources, dates ([`FacetTree::index`]).
    pub trees: [TreeState; 4],
    pub counts: Counts,
    /// The counts of the list itself (every filter applied), for the chart.
    pub shown_counts: Counts,
    pub pane: Pane,
    /// The as-you-type filter (kept after the prompt closes).
    pub filter: TextInput,
    keys: Vec<MatchKeys>,
    /// Only articles not read to the end.
    pub unread_only: bool,
    pub order: ListOrder,
    ranks: Option<Vec<usize>>,
    /// Each article's reading progress, by library index.
    pub progress: Vec<Progress>,
    pub reprints: Reprints,
    /// Indices into `Library::articles` of every article the filters let
    /// through, in list order (copies of one story included).
    pub shown: Vec<usize>,
    /// The list's rows: one a story, its copies beneath it when expanded.
    pub rows: Vec<ListRow>,
    /// Stories (by [`Reprints::story`]) whose copies are shown.
    pub expanded: HashSet<usize>,
    /// Over `rows`.
    pub cursor: ListCursor,
    /// Whether the chart of counts is shown (when there is room).
    pub chart: bool,
    pub chart_by: ChartBy,
}

impl LibraryState {
    /// The state of a library just loaded; its match keys move here (the
    /// library keeps none after).
    pub fn new(library: &mut Library, taxonomy: &Taxonomy) -> LibraryState {
        let mut packed = std::mem::take(&mut library.keys).into_iter();
        let keys = (library.articles.iter())
            .map(|a| match packed.next().filter(|k| !k.is_empty()) {
                Some(k) => MatchKeys::from_packed(k),
                // Kept in the article cache; made here for a library
                // loaded without them.
                None => MatchKeys::of(a),
            })
            .collect();
        let library = &*library;
        let mut state = LibraryState {
            facet: FacetTree::Regions,
            trees: Default::default(),
            counts: Counts::default(),
            shown_counts: Counts::default(),
            pane: Pane::Facets,
            filter: TextInput::default(),
            keys,
            unread_only: false,
            order: ListOrder::Library,
            ranks: None,
            progress: vec![Progress::Unread; library.articles.len()],
            reprints: Reprints::find(&library.sketches),
            shown: Vec::new(),
            rows: Vec::new(),
            expanded: HashSet::new(),
            cursor: ListCursor::default(),
            chart: true,
            chart_by: ChartBy::Places,
        };
        state.refilter(library, taxonomy);
        state
    }

    pub fn tree(&self, tree: FacetTree) -> &TreeState {
        &self.trees[tree.index()]
    }

    pub fn tree_mut(&mut self, tree: FacetTree) -> &mut TreeState {
        &mut self.trees[tree.index()]
    }

    /// The rows of a facet tree as they are shown.
    pub fn tree_rows(&self, tree: FacetTree, taxonomy: &Taxonomy) -> Vec<Row> {
        facets::rows(tree, self.tree(tree), &self.counts, taxonomy)
    }

    /// The article under the list's cursor.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.cursor.index).map(|r| r.article)
    }

    /// Reads each article's progress from the reading state (by id).
    pub fn read_progress(&mut self, library: &Library, state: &ReadingState) {
        self.progress = library
            .articles
            .iter()
            .map(|a| Progress::of(state.progress.get(&a.id).copied()))
            .collect();
    }

    pub fn set_order(&mut self, library: &Library, order: ListOrder) {
        self.order = order;
        self.ranks = listing::ranks(&library.articles, order);
    }

    /// Whether any filter is in force.
    pub fn filtered(&self) -> bool {
        self.unread_only
            || !self.filter.text().is_empty()
            || self.trees.iter().any(|t| t.chosen.is_some())
    }

    /// Takes every filter away.
    pub fn clear_filters(&mut self) {
        for t in &mut self.trees {
            t.chosen = None;
        }
        self.unread_only = false;
        self.filter.clear();
    }

    /// Recomputes the shown articles, their rows and every tree's counts
    /// from the filters in force.
    pub fn refilter(&mut self, library: &Library, taxonomy: &Taxonomy) {
        let selected = self.current();
        let query = self.filter.text().to_string();
        let admits: Vec<(usize, Admits)> = FacetTree::ALL
            .iter()
            .filter_map(|&t| {
                let (node, _) = self.tree(t).chosen.as_ref()?;
                Some((t.index(), Admits::of(node, t)?))
            })
            .collect();
        // Bit `t` (a tree's index) set: the tree's choice keeps the article
        // out; bit 4: the text or unread filter does.
        const OTHER: u8 = 1 << 4;
        let fails: Vec<u8> = (library.articles.iter().enumerate())
            .map(|(i, a)| {
                let mut f = 0;
                for (t, admit) in &admits {
                    if !admit.admits(taxonomy, a) {
                        f |= 1 << t;
                    }
                }
                let unread = self.progress.get(i).is_none_or(|p| *p != Progress::Read);
                if (self.unread_only && !unread) || !self.keys[i].matches(&query) {
                    f |= OTHER;
                }
                f
            })
            .collect();
        self.shown = (0..fails.len()).filter(|&i| fails[i] == 0).collect();
        match (&self.ranks, self.order) {
            (Some(rank), _) => self.shown.sort_by_key(|&i| rank.get(i).copied()),
            (None, ListOrder::Progress) => {
                let progress = &self.progress;
                self.shown.sort_by_key(|&i| progress.get(i).copied());
            }
            (None, _) => {}
        }
        self.counts = facets::count(&library.articles, taxonomy, &self.reprints, |t| {
            let others = !(1u8 << t.index());
            (0..fails.len())
                .filter(|&i| fails[i] & others == 0)
                .collect()
        });
        // With no tree chosen, each tree counts what the list shows.
        self.shown_counts = if admits.is_empty() {
            self.counts.clone()
        } else {
            let shown = &self.shown;
            facets::count(&library.articles, taxonomy, &self.reprints, |_| {
                shown.clone()
            })
        };
        self.regroup(selected);
        // A tree's cursor stays on its rows as they come and go.
        for tree in FacetTree::ALL {
            let len = self.tree_rows(tree, taxonomy).len();
            let cursor = &mut self.tree_mut(tree).cursor;
            cursor.index = cursor.index.min(len.saturating_sub(1));
            cursor.offset = cursor.offset.min(cursor.index);
        }
    }

    /// The rows again after a story was expanded or collapsed; the article
    /// `selected` stays under the cursor if it is still shown.
    pub fn regroup(&mut self, selected: Option<usize>) {
        self.rows = listing::group(&self.shown, &self.reprints, &self.expanded);
        let story = |s: usize| self.reprints.story(s);
        self.cursor.index = selected
            .and_then(|s| {
                (self.rows.iter().position(|r| r.article == s))
                    .or_else(|| self.rows.iter().position(|r| story(r.article) == story(s)))
            })
            .unwrap_or(0);
        self.cursor.offset = self.cursor.offset.min(self.cursor.index);
    }
}
