//! What the library's keys do: the panes, the facet trees (show, move,
//! expand, choose), the filters, the list's order, a story's copies, the
//! chart.

use super::cursor::Step;
use super::facets::{FacetTree, Row};
use super::library::{ChartBy, Pane, chart_rows};
use super::{Action, App, Overlay};

impl App {
    pub(super) fn library_action(&mut self, action: Action) {
        match action {
            Action::NextPane | Action::PreviousPane => {
                self.lib.pane = match self.lib.pane {
                    Pane::Facets => Pane::Articles,
                    Pane::Articles => Pane::Facets,
                }
            }
            Action::ShowRegions => self.show_facet(FacetTree::Regions),
            Action::ShowProgrammes => self.show_facet(FacetTree::Programmes),
            Action::ShowSources => self.show_facet(FacetTree::Sources),
            Action::ShowDates => self.show_facet(FacetTree::Dates),
            Action::Filter if !self.overlays.contains(&Overlay::FilterPrompt) => {
                self.overlays.push(Overlay::FilterPrompt);
            }
            Action::Search => self.prompt_search(),
            Action::ClearFacets => {
                self.lib.clear_filters();
                self.lib.refilter(&self.library, self.taxonomy);
            }
            Action::UnreadOnly => {
                self.lib.unread_only = !self.lib.unread_only;
                self.lib.refilter(&self.library, self.taxonomy);
                self.status = Some(
                    if self.lib.unread_only {
                        "only articles not read to the end"
                    } else {
                        "read articles shown too"
                    }
                    .into(),
                );
            }
            Action::Sort => {
                let order = self.lib.order.next();
                self.lib.set_order(&self.library, order);
                self.lib.refilter(&self.library, self.taxonomy);
                self.status = Some(format!("articles {}", order.describe()));
            }
            Action::ToggleChart => self.lib.chart = !self.lib.chart,
            Action::SwitchChart => {
                self.lib.chart = true;
                self.lib.chart_by = match self.lib.chart_by {
                    ChartBy::Places => ChartBy::Years,
                    ChartBy::Years => ChartBy::Places,
                };
            }
            _ if Step::of(action, self.count).is_some() => self.move_cursor(action),
            Action::Open => match self.lib.pane {
                Pane::Facets => self.choose_facet_node(),
                Pane::Articles => {
                    if let Some(i) = self.lib.current() {
                        self.open_index(i, None);
                    }
                }
            },
            Action::Expand => self.expand(true),
            Action::Collapse => self.expand(false),
            _ => {}
        }
    }

    fn show_facet(&mut self, tree: FacetTree) {
        self.lib.facet = tree;
        self.lib.pane = Pane::Facets;
    }

    /// Rows of the facets pane and articles of the list pane that fit on
    /// the screen, as the library is drawn (crumb, status, chart, borders).
    pub fn library_pages(&self) -> (usize, usize) {
        let h = usize::from(self.size.1);
        let chart = if self.lib.chart { chart_rows(h) } else { 0 };
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
                let len = self.lib.tree_rows(self.lib.facet, self.taxonomy).len();
                let state = self.lib.tree_mut(self.lib.facet);
                (&mut state.cursor, len, tree_page)
            }
            Pane::Articles => (&mut self.lib.cursor, self.lib.rows.len(), list_page),
        };
        cursor.step(step, len, page);
    }

    fn current_row(&self) -> Option<Row> {
        let state = self.lib.tree(self.lib.facet);
        let rows = self.lib.tree_rows(self.lib.facet, self.taxonomy);
        rows.into_iter().nth(state.cursor.index)
    }

    /// `Enter` on a node: filter by it (again: remove the filter), and show
    /// its children.
    fn choose_facet_node(&mut self) {
        let Some(row) = self.current_row() else {
            return;
        };
        let state = self.lib.tree_mut(self.lib.facet);
        if state.is_chosen(&row.node) {
            state.chosen = None;
        } else {
            state.expanded.insert(row.node.clone());
            state.chosen = Some((row.node, row.name));
        }
        self.lib.refilter(&self.library, self.taxonomy);
    }

    fn expand(&mut self, open: bool) {
        if self.lib.pane == Pane::Articles {
            return self.expand_story(open);
        }
        let Some(row) = self.current_row() else {
            return;
        };
        let facet = self.lib.facet;
        if open {
            if row.has_children {
                self.lib.tree_mut(facet).expanded.insert(row.node);
            }
        } else if self.lib.tree(facet).expanded.contains(&row.node) {
            self.lib.tree_mut(facet).expanded.remove(&row.node);
        } else if let Some(parent) = row.parent {
            // `h` on a closed node goes to its parent, as in a file manager.
            self.lib.tree_mut(facet).expanded.remove(&parent);
            let rows = self.lib.tree_rows(facet, self.taxonomy);
            let state = self.lib.tree_mut(facet);
            state.cursor.index = rows.iter().position(|r| r.node == parent).unwrap_or(0);
            state.cursor.offset = state.cursor.offset.min(state.cursor.index);
        }
    }

    /// `l` on a story with copies shows them beneath it (again, or on any
    /// other row: opens the article); `h` hides them, from the story's row
    /// or from a copy's, which takes the cursor to the story's row.
    fn expand_story(&mut self, open: bool) {
        let Some(row) = self.lib.rows.get(self.lib.cursor.index).copied() else {
            return;
        };
        let story = self.lib.reprints.story(row.article);
        if open {
            if row.copies > 0 && !self.lib.expanded.contains(&story) {
                self.lib.expanded.insert(story);
                self.lib.regroup(Some(row.article));
                // The copies come on screen, the story's row staying on it.
                let (_, page) = self.library_pages();
                let (len, lead) = (self.lib.rows.len(), self.lib.cursor.index);
                let cursor = &mut self.lib.cursor;
                cursor.index = lead.saturating_add(row.copies);
                cursor.reveal(len, page);
                cursor.index = lead;
                cursor.reveal(len, page);
            } else {
                self.open_index(row.article, None);
            }
            return;
        }
        if self.lib.expanded.remove(&story) {
            // The story's row: the nearest row above that is not a copy.
            let lead = self.lib.rows[..=self.lib.cursor.index]
                .iter()
                .rev()
                .find(|r| !r.copy)
                .map(|r| r.article);
            self.lib.regroup(lead);
        }
    }
}
