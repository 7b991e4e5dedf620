//! The library's four facet trees: regions and programmes (the taxonomy's),
//! sources and dates (the archive's: publishers, years › months). Each tree
//! counts the stories that the filters of the other trees let through (so a
//! tree keeps showing what choosing another of its rows would give, as a
//! faceted search does), each story once however many copies it has.

use std::collections::HashSet;

use super::cursor::ListCursor;
use crate::archive::{self, Reprints, SourceCount, YearCount};
use crate::model::Article;
use crate::taxonomy::{Facet, Taxonomy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetTree {
    Regions,
    Programmes,
    Sources,
    Dates,
}

impl FacetTree {
    pub const ALL: [FacetTree; 4] = [
        FacetTree::Regions,
        FacetTree::Programmes,
        FacetTree::Sources,
        FacetTree::Dates,
    ];

    /// The taxonomy's facet this tree shows, for regions and programmes.
    pub fn taxonomy(self) -> Option<Facet> {
        match self {
            FacetTree::Regions => Some(Facet::Region),
            FacetTree::Programmes => Some(Facet::Programme),
            FacetTree::Sources | FacetTree::Dates => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The pane's title.
    pub fn title(self) -> &'static str {
        match self {
            FacetTree::Regions => " 地区 regions ",
            FacetTree::Programmes => " 项目 programmes ",
            FacetTree::Sources => " 来源 sources ",
            FacetTree::Dates => " 日期 dates ",
        }
    }
}

/// A node of a facet tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// A region or programme: its index in the taxonomy's tree.
    Taxon(usize),
    /// A source, by what it is compared by ([`archive::source_key`]).
    Source(String),
    /// A year (`2023`) or a month (`2023-05`).
    Period(String),
}

/// One visible row of a facet tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub node: Node,
    pub name: String,
    pub count: usize,
    pub depth: usize,
    pub has_children: bool,
    /// The node above it, where `h` goes.
    pub parent: Option<Node>,
}

/// A tree's expansion, cursor and chosen node.
#[derive(Debug, Clone, Default)]
pub struct TreeState {
    pub expanded: HashSet<Node>,
    /// Over the tree's rows.
    pub cursor: ListCursor,
    /// The node chosen as a filter, and its name as the breadcrumb shows it.
    pub chosen: Option<(Node, String)>,
}

impl TreeState {
    pub fn is_chosen(&self, node: &Node) -> bool {
        self.chosen.as_ref().is_some_and(|(n, _)| n == node)
    }
}

/// The counts every tree shows.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Stories at or under each taxonomy node: regions, then programmes.
    pub taxa: [Vec<usize>; 2],
    pub sources: Vec<SourceCount>,
    pub dates: Vec<YearCount>,
}

/// What a chosen node lets through, made once per change of the filters.
pub enum Admits {
    Taxon(Facet, usize),
    Archive(archive::Filter),
}

impl Admits {
    pub fn of(node: &Node, tree: FacetTree) -> Option<Admits> {
        match (node, tree.taxonomy()) {
            (Node::Taxon(n), Some(facet)) => Some(Admits::Taxon(facet, *n)),
            (Node::Source(key), _) => archive::Filter::new(Some(key), None, None)
                .ok()
                .map(Admits::Archive),
            (Node::Period(p), _) => archive::Filter::new(None, Some(p), Some(p))
                .ok()
                .map(Admits::Archive),
            _ => None,
        }
    }

    pub fn admits(&self, taxonomy: &Taxonomy, article: &Article) -> bool {
        match self {
            Admits::Taxon(facet, n) => taxonomy.article_within(article, *facet, *n),
            Admits::Archive(filter) => filter.admits(article),
        }
    }
}

/// Counts over the articles `members(tree)` gives for each tree.
pub fn count(
    articles: &[Article],
    taxonomy: &Taxonomy,
    reprints: &Reprints,
    members: impl Fn(FacetTree) -> Vec<usize>,
) -> Counts {
    let taxa = [Facet::Region, Facet::Programme].map(|facet| {
        let tree = match facet {
            Facet::Region => FacetTree::Regions,
            Facet::Programme => FacetTree::Programmes,
        };
        let lists =
            archive::facets::story_names(articles, members(tree), reprints, |a| facet.names(a));
        taxonomy
            .tree(facet)
            .counts(lists.iter().map(|l| l.as_ref()))
    });
    let with_story = |tree| -> Vec<(&Article, usize)> {
        members(tree)
            .into_iter()
            .map(|i| (&articles[i], reprints.story(i)))
            .collect()
    };
    Counts {
        taxa,
        sources: archive::facets::sources(&with_story(FacetTree::Sources)),
        dates: archive::facets::dates(&with_story(FacetTree::Dates)),
    }
}

/// The rows a tree shows: nodes with stories, children of expanded nodes.
pub fn rows(tree: FacetTree, state: &TreeState, counts: &Counts, taxonomy: &Taxonomy) -> Vec<Row> {
    match tree.taxonomy() {
        Some(facet) => taxon_rows(
            taxonomy.tree(facet),
            &counts.taxa[facet_index(facet)],
            state,
        ),
        None if tree == FacetTree::Sources => counts
            .sources
            .iter()
            .filter_map(|s| {
                Some(Row {
                    node: Node::Source(archive::source_key(&s.name)?),
                    name: s.name.clone(),
                    count: s.count,
                    depth: 0,
                    has_children: false,
                    parent: None,
                })
            })
            .collect(),
        None => {
            let mut out = Vec::new();
            for y in &counts.dates {
                let node = Node::Period(y.name.clone());
                let open = state.expanded.contains(&node);
                out.push(Row {
                    node: node.clone(),
                    name: y.name.clone(),
                    count: y.count,
                    depth: 0,
                    has_children: !y.months.is_empty(),
                    parent: None,
                });
                if open {
                    out.extend(y.months.iter().map(|m| Row {
                        node: Node::Period(m.name.clone()),
                        name: m.name.clone(),
                        count: m.count,
                        depth: 1,
                        has_children: false,
                        parent: Some(node.clone()),
                    }));
                }
            }
            out
        }
    }
}

fn facet_index(facet: Facet) -> usize {
    match facet {
        Facet::Region => 0,
        Facet::Programme => 1,
    }
}

fn taxon_rows(tree: &crate::taxonomy::Tree, counts: &[usize], state: &TreeState) -> Vec<Row> {
    let mut out = Vec::new();
    let with_articles = |n: &usize| counts.get(*n).copied().unwrap_or(0) > 0;
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
            node: Node::Taxon(node),
            name: tree.nodes[node].name.clone(),
            count: counts.get(node).copied().unwrap_or(0),
            depth,
            has_children: !children.is_empty(),
            parent: tree.nodes[node].parent.map(Node::Taxon),
        });
        if state.expanded.contains(&Node::Taxon(node)) {
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
    }
    out
}

/// What the breadcrumb shows for a chosen node: a place or programme with
/// its ancestors (`江西省 › 赣州市 › 寻乌县`), else its name.
pub fn crumb(tree: FacetTree, node: &Node, name: &str, taxonomy: &Taxonomy) -> String {
    match (tree.taxonomy(), node) {
        (Some(facet), Node::Taxon(n)) => taxonomy.tree(facet).path(*n).join(" › "),
        _ => name.to_string(),
    }
}
