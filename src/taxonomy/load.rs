//! Reading the taxonomy's data files (compiled into the binary).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Node, Taxonomy, Tree};

const REGIONS: &str = include_str!("../../assets/taxonomy/regions.tsv");
const REGIONS_EXTRA: &str = include_str!("../../assets/taxonomy/regions-extra.tsv");
const REGION_ALIASES: &str = include_str!("../../assets/taxonomy/region-aliases.tsv");
const AMBIGUOUS: &str = include_str!("../../assets/taxonomy/ambiguous.txt");
const PROGRAMMES: &str = include_str!("../../assets/taxonomy/programmes.toml");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn regions() -> Tree {
    let mut nodes: Vec<Node> = Vec::new();
    let mut parents: Vec<String> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for line in data_lines(REGIONS).chain(data_lines(REGIONS_EXTRA)) {
        let mut cols = line.split('\t');
        let (Some(code), Some(name)) = (cols.next(), cols.next()) else {
            continue;
        };
        let parent = cols.next().unwrap_or("").to_string();
        let aliases = cols
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        by_code.insert(code.to_string(), nodes.len());
        nodes.push(Node {
            name: name.to_string(),
            code: (!code.starts_with('X')).then(|| code.to_string()),
            parent: None,
            children: Vec::new(),
            aliases,
        });
        parents.push(parent);
    }
    for (i, p) in parents.iter().enumerate() {
        nodes[i].parent = by_code.get(p).copied();
    }
    let mut tree = Tree::from_nodes(nodes);
    let mut extra: Vec<(usize, String)> = Vec::new();
    for line in data_lines(REGION_ALIASES) {
        let mut cols = line.split('\t');
        let (Some(alias), Some(name)) = (cols.next(), cols.next()) else {
            continue;
        };
        let parent = cols.next();
        let target = tree.find_all(name).iter().copied().find(|&i| {
            tree.nodes[i].name == name
                && parent.is_none_or(|p| {
                    tree.nodes[i]
                        .parent
                        .is_some_and(|q| tree.nodes[q].name == p)
                })
        });
        if let Some(i) = target {
            extra.push((i, alias.to_string()));
        }
    }
    if !extra.is_empty() {
        let mut nodes = std::mem::take(&mut tree.nodes);
        for n in &mut nodes {
            n.children.clear();
        }
        for (i, alias) in extra {
            nodes[i].aliases.push(alias);
        }
        tree = Tree::from_nodes(nodes);
    }
    tree
}

#[derive(Deserialize)]
struct ProgrammeFile {
    programme: Vec<ProgrammeEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeEntry {
    name: String,
    parent: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

fn programmes() -> Tree {
    let file: ProgrammeFile = match toml::from_str(PROGRAMMES) {
        Ok(f) => f,
        // The file is part of the build and a test parses it; an empty tree
        // keeps the reader working should it ever be broken.
        Err(_) => return Tree::default(),
    };
    let index: HashMap<&str, usize> = file
        .programme
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    let nodes = file
        .programme
        .iter()
        .map(|p| Node {
            name: p.name.clone(),
            code: None,
            parent: p.parent.as_deref().and_then(|q| index.get(q).copied()),
            children: Vec::new(),
            aliases: p.aliases.clone(),
        })
        .collect();
    Tree::from_nodes(nodes)
}

pub fn bundled() -> Taxonomy {
    let regions = regions();
    let programmes = programmes();
    let ambiguous: HashSet<String> = data_lines(AMBIGUOUS)
        .map(|l| l.trim().to_string())
        .collect();
    Taxonomy {
        regions,
        programmes,
        ambiguous,
        matcher: std::sync::OnceLock::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_programme_file_parses() {
        let f: super::ProgrammeFile = toml::from_str(super::PROGRAMMES).expect("valid TOML");
        assert!(f.programme.len() >= 20);
    }
}
