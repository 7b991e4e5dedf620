//! Regions and programmes: the trees loaded from `assets/taxonomy`, and the
//! classification of articles by the mentions in their text.
//!
//! PLACEHOLDER: the real data and classifier replace this.

use crate::store::{Article, Library};

/// A node of a region or programme tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Canonical name (`寻乌县`, `援疆`).
    pub name: String,
    /// GB/T 2260 code for regions where known.
    pub code: Option<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Other names that mean this node (`寻乌`, `赣南`).
    pub aliases: Vec<String>,
}

/// A forest: nodes indexed by position, roots have no parent.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].parent.is_none())
    }

    /// Finds a node by canonical name or alias.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|n| n.name == name || n.aliases.iter().any(|a| a == name))
    }

    /// The node and its ancestors, nearest first.
    pub fn ancestry(&self, mut id: usize) -> Vec<usize> {
        let mut out = vec![id];
        while let Some(p) = self.nodes[id].parent {
            out.push(p);
            id = p;
        }
        out
    }

    /// Number of articles whose names (canonical, ancestors included) contain
    /// each node, indexed like `nodes`.
    pub fn counts<'a>(&self, names: impl Iterator<Item = &'a [String]>) -> Vec<usize> {
        let mut counts = vec![0; self.nodes.len()];
        for list in names {
            for n in list {
                if let Some(i) = self.nodes.iter().position(|node| &node.name == n) {
                    counts[i] += 1;
                }
            }
        }
        counts
    }
}

#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub regions: Tree,
    pub programmes: Tree,
}

/// What an article is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classification {
    pub regions: Vec<String>,
    pub programmes: Vec<String>,
}

impl Taxonomy {
    /// The taxonomy shipped in `assets/taxonomy`.
    pub fn bundled() -> &'static Taxonomy {
        static T: std::sync::OnceLock<Taxonomy> = std::sync::OnceLock::new();
        T.get_or_init(Taxonomy::default)
    }

    pub fn classify(&self, _article: &Article) -> Classification {
        Classification::default()
    }

    /// Fills `regions` and `programmes` of every article.
    pub fn classify_library(&self, library: &mut Library) {
        for a in &mut library.articles {
            let c = self.classify(a);
            a.regions = c.regions;
            a.programmes = c.programmes;
        }
    }
}
