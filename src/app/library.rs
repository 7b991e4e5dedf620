//! The library screen's state: the facet trees (region, programme) with
//! their expansion and cursor, the chosen facet filters, the article list
//! and the as-you-type filter.

use std::collections::HashSet;

use super::input::TextInput;
use super::pinyin_keys::MatchKeys;
use crate::store::Library;
use crate::taxonomy::{Facet, Taxonomy};

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
    /// Index into `rows()`.
    pub cursor: usize,
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
    pub cursor: usize,
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
            keys: library.articles.iter().map(MatchKeys::of).collect(),
            shown: Vec::new(),
            cursor: 0,
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
        let selected = self.shown.get(self.cursor).copied();
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
        self.cursor = selected
            .and_then(|s| self.shown.iter().position(|&i| i == s))
            .unwrap_or(0);
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
