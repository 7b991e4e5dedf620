//! The library screen: the facet trees (region, programme) with their
//! expansion and cursor, the chosen facet filters, the article list and the
//! as-you-type filter, and what the library's keys do to them.

use std::collections::HashSet;

use super::cursor::{ListCursor, Step};
use super::input::TextInput;
use super::pinyin_keys::MatchKeys;
use super::{Action, App, Overlay};
use crate::store::Library;
use crate::taxonomy::{Facet, Taxonomy};

/// Rows the chart takes, and the terminal height from which it is shown.
pub const CHART_ROWS: usize = 8;
pub const CHART_FROM: usize = 26;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Facets,
    Articles,
}

/// One facet tree as the facets pane shows it.
#[derive(Debug, Clone, Default)]
pub struct TreeState {
    /// Articles at or under each node, indexed like the tree's nodes.
    pub counts: Vec<usize>,
    pub expanded: HashSet<usize>,
    /// Over `rows()`.
    pub cursor: ListCursor,
    /// The node chosen as a filter.
    pub chosen: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct LibraryState {
    pub facet: Facet,
    pub regions: TreeState,
    pub programmes: TreeState,
    pub pane: Pane,
    /// The as-you-type filter (kept after the prompt closes).
    pub filter: TextInput,
    keys: Vec<MatchKeys>,
    /// Indices into `Library::articles` of the articles shown.
    pub shown: Vec<usize>,
    /// Over `shown`.
    pub cursor: ListCursor,
    /// Whether the chart of counts is shown (when there is room).
    pub chart: bool,
}

impl LibraryState {
    pub fn new(library: &Library, taxonomy: &Taxonomy) -> LibraryState {
        let tree_state = |facet: Facet| {
            let tree = taxonomy.tree(facet);
            let counts = tree.counts(library.articles.iter().map(|a| match facet {
                Facet::Region => a.regions.as_slice(),
                Facet::Programme => a.programmes.as_slice(),
            }));
            TreeState {
                counts,
                ..Default::default()
            }
        };
        let mut state = LibraryState {
            facet: Facet::Region,
            regions: tree_state(Facet::Region),
            programmes: tree_state(Facet::Programme),
            pane: Pane::Facets,
            filter: TextInput::default(),
            // Kept in the article cache; made here for a library loaded
            // without them.
            keys: library
                .articles
                .iter()
                .enumerate()
                .map(
                    |(i, a)| match library.keys.get(i).filter(|k| !k.is_empty()) {
                        Some(k) => MatchKeys::from_packed(k.clone()),
                        None => MatchKeys::of(a),
                    },
                )
                .collect(),
            shown: Vec::new(),
            cursor: ListCursor::default(),
            chart: true,
        };
        state.refilter(library, taxonomy);
        state
    }

    pub fn tree_state(&self, facet: Facet) -> &TreeState {
        match facet {
            Facet::Region => &self.regions,
            Facet::Programme => &self.programmes,
        }
    }

    pub fn tree_state_mut(&mut self, facet: Facet) -> &mut TreeState {
        match facet {
            Facet::Region => &mut self.regions,
            Facet::Programme => &mut self.programmes,
        }
    }

    /// Recomputes the shown articles from the facet filters and the text filter.
    pub fn refilter(&mut self, library: &Library, taxonomy: &Taxonomy) {
        let selected = self.shown.get(self.cursor.index).copied();
        let query = self.filter.text().to_string();
        self.shown = (0..library.articles.len())
            .filter(|&i| {
                let a = &library.articles[i];
                self.regions
                    .chosen
                    .is_none_or(|n| taxonomy.article_within(a, Facet::Region, n))
                    && self
                        .programmes
                        .chosen
                        .is_none_or(|n| taxonomy.article_within(a, Facet::Programme, n))
                    && self.keys[i].matches(&query)
            })
            .collect();
        // The article under the cursor stays under it if it is still shown.
        self.cursor.index = selected
            .and_then(|s| self.shown.iter().position(|&i| i == s))
            .unwrap_or(0);
        self.cursor.offset = self.cursor.offset.min(self.cursor.index);
    }
}

/// One visible row of a facet tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: usize,
    pub depth: usize,
    pub has_children: bool,
}

impl TreeState {
    /// The rows shown: nodes with articles, children of expanded nodes.
    pub fn rows(&self, tree: &crate::taxonomy::Tree) -> Vec<Row> {
        let mut out = Vec::new();
        let with_articles = |n: &usize| self.counts.get(*n).copied().unwrap_or(0) > 0;
        let mut stack: Vec<(usize, usize)> =
            tree.roots().filter(with_articles).map(|n| (n, 0)).collect();
        stack.reverse();
        while let Some((node, depth)) = stack.pop() {
            let children: Vec<usize> = tree.nodes[node]
                .children
                .iter()
                .copied()
                .filter(with_articles)
                .collect();
            out.push(Row {
                node,
                depth,
                has_children: !children.is_empty(),
            });
            if self.expanded.contains(&node) {
                stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
            }
        }
        out
    }
}

impl App {
    pub(super) fn library_action(&mut self, action: Action) {
        match action {
            Action::NextPane | Action::PreviousPane => {
                self.lib.pane = match self.lib.pane {
                    Pane::Facets => Pane::Articles,
                    Pane::Articles => Pane::Facets,
                }
            }
            Action::ShowRegions => self.show_facet(Facet::Region),
            Action::ShowProgrammes => self.show_facet(Facet::Programme),
            Action::Filter if !self.overlays.contains(&Overlay::FilterPrompt) => {
                self.overlays.push(Overlay::FilterPrompt);
            }
            Action::Search => self.prompt_search(),
            Action::ClearFacets => {
                self.lib.regions.chosen = None;
                self.lib.programmes.chosen = None;
                self.lib.refilter(&self.library, self.taxonomy);
            }
            Action::ToggleChart => self.lib.chart = !self.lib.chart,
            _ if Step::of(action, self.count).is_some() => self.move_cursor(action),
            Action::Open => match self.lib.pane {
                Pane::Facets => self.choose_facet_node(),
                Pane::Articles => {
                    if let Some(&i) = self.lib.shown.get(self.lib.cursor.index) {
                        self.open_index(i, None);
                    }
                }
            },
            Action::Expand => self.expand(true),
            Action::Collapse => self.expand(false),
            _ => {}
        }
    }

    fn show_facet(&mut self, facet: Facet) {
        self.lib.facet = facet;
        self.lib.pane = Pane::Facets;
    }

    /// Rows of the facets pane and articles of the list pane that fit on
    /// the screen, as the library is drawn (crumb, status, chart, borders).
    pub fn library_pages(&self) -> (usize, usize) {
        let h = usize::from(self.size.1);
        let chart = if self.lib.chart && h >= CHART_FROM {
            CHART_ROWS
        } else {
            0
        };
        let rows = h.saturating_sub(4 + chart).max(1);
        (rows, (rows / 2).max(1))
    }

    fn move_cursor(&mut self, action: Action) {
        let Some(step) = Step::of(action, self.count) else {
            return;
        };
        let (tree_page, list_page) = self.library_pages();
        let (cursor, len, page) = match self.lib.pane {
            Pane::Facets => {
                let tree = self.taxonomy.tree(self.lib.facet);
                let len = self.lib.tree_state(self.lib.facet).rows(tree).len();
                let state = self.lib.tree_state_mut(self.lib.facet);
                (&mut state.cursor, len, tree_page)
            }
            Pane::Articles => (&mut self.lib.cursor, self.lib.shown.len(), list_page),
        };
        cursor.step(step, len, page);
    }

    fn current_row(&self) -> Option<Row> {
        let tree = self.taxonomy.tree(self.lib.facet);
        let state = self.lib.tree_state(self.lib.facet);
        state.rows(tree).get(state.cursor.index).copied()
    }

    /// `Enter` on a node: filter by it (again: remove the filter), and show
    /// its children.
    fn choose_facet_node(&mut self) {
        let Some(row) = self.current_row() else {
            return;
        };
        let state = self.lib.tree_state_mut(self.lib.facet);
        if state.chosen == Some(row.node) {
            state.chosen = None;
        } else {
            state.chosen = Some(row.node);
            state.expanded.insert(row.node);
        }
        self.lib.refilter(&self.library, self.taxonomy);
    }

    fn expand(&mut self, open: bool) {
        if self.lib.pane == Pane::Articles {
            if open && let Some(&i) = self.lib.shown.get(self.lib.cursor.index) {
                self.open_index(i, None);
            }
            return;
        }
        let Some(row) = self.current_row() else {
            return;
        };
        let tree = self.taxonomy.tree(self.lib.facet);
        let state = self.lib.tree_state_mut(self.lib.facet);
        if open {
            if row.has_children {
                state.expanded.insert(row.node);
            }
        } else if state.expanded.contains(&row.node) {
            state.expanded.remove(&row.node);
        } else if let Some(parent) = tree.nodes[row.node].parent {
            // `h` on a closed node goes to its parent, as in a file manager.
            state.expanded.remove(&parent);
            let rows = state.rows(tree);
            state.cursor.index = rows.iter().position(|r| r.node == parent).unwrap_or(0);
            state.cursor.offset = state.cursor.offset.min(state.cursor.index);
        }
    }
}
