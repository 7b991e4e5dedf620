//! Classification: one pass over an article (see `names`) finds every
//! mention of a region or programme name; the rules below decide which
//! mentions count, and the counts rank the result.
//!
//! The text is folded to Simplified first, so Traditional text (京蒙協作,
//! 廣州) is classified like Simplified. A short name counts only where it is
//! a word of the text (see `words`): not 临高 in 面临高放射性.
//!
//! The rules are written here because they are particular to Chinese place
//! names: a short name that is also a word (光明, 南山, 中山) or a county's
//! short name (寻乌) counts only where the article already names the city or
//! province it lies in, or names the place in full.

use std::collections::{HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use super::names::{Hit, Names};
use super::{Facet, Taxonomy, Tree};
use crate::model::{Article, Classification};

#[derive(Debug, Clone, Copy)]
struct Meaning {
    facet: Facet,
    node: usize,
    /// The canonical name itself, not an alias.
    full: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Matcher {
    names: Names,
    meanings: Vec<Vec<Meaning>>,
    /// Patterns that need context before they count.
    guarded: Vec<bool>,
    /// Patterns that count only where they are a word of the text: every
    /// place name but a full one with its suffix (临高县, 德州市).
    checked: Vec<bool>,
    /// The characters that fold to another (Traditional ones), as bits of
    /// the Basic Multilingual Plane.
    folds: Vec<u64>,
}

impl Matcher {
    pub fn new(regions: &Tree, programmes: &Tree, ambiguous: &HashSet<String>) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut meanings: Vec<Vec<Meaning>> = Vec::new();
        // Names are folded as texts are (乾县 is found in 乾县 and 乾縣).
        let mut add = |name: &str, m: Meaning| {
            let text = crate::fold::fold_str(name);
            let id = *index.entry(text.clone()).or_insert_with(|| {
                patterns.push(text);
                meanings.push(Vec::new());
                patterns.len() - 1
            });
            meanings[id].push(m);
        };
        for (facet, tree) in [(Facet::Region, regions), (Facet::Programme, programmes)] {
            for (i, n) in tree.nodes.iter().enumerate() {
                add(
                    &n.name,
                    Meaning {
                        facet,
                        node: i,
                        full: true,
                    },
                );
                for a in &n.aliases {
                    add(
                        a,
                        Meaning {
                            facet,
                            node: i,
                            full: false,
                        },
                    );
                }
            }
        }
        // Two-character names such as 城区, 郊区 are words before they are
        // places, whatever the dataset calls them.
        let guarded = patterns
            .iter()
            .map(|p| ambiguous.contains(p) || (p.chars().count() <= 2 && p.ends_with('区')))
            .collect();
        let checked = meanings
            .iter()
            .zip(&patterns)
            .map(|(ms, p)| {
                let full_place = ms.iter().any(|m| m.facet == Facet::Region && m.full);
                ms.iter().any(|m| m.facet == Facet::Region)
                    && !(full_place && p.chars().count() >= 3)
            })
            .collect();
        // A text holding a character that folds to another Chinese
        // character is folded before it is scanned; a Simplified text is
        // scanned as it is, never copied. The characters are a bit set, not
        // patterns of the scan: 2,700 more patterns made the automaton
        // slower to build and to run.
        let mut folds = vec![0u64; 0x10000 / 64];
        for c in traditional_chars() {
            let u = c as usize;
            folds[u / 64] |= 1 << (u % 64);
        }
        let names = Names::new(patterns.iter().map(String::as_str));
        Matcher {
            names,
            meanings,
            guarded,
            checked,
            folds,
        }
    }
}

/// Per node: mentions and the position of the first one.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    count: usize,
    first: usize,
}

pub fn classify(taxonomy: &Taxonomy, article: &Article) -> Classification {
    let m = taxonomy.matcher();
    // Mentions per pattern, in one pass over the title and the paragraphs.
    let mut found: FxHashMap<usize, Tally> = FxHashMap::default();
    let mut offset = 0;
    let texts = std::iter::once(article.title.as_str())
        .chain(article.subtitle.as_deref())
        .chain(article.paragraphs.iter().map(|p| p.text.as_str()));
    let mut hits: Vec<Hit> = Vec::new();
    for raw in texts {
        // A Simplified text is scanned as it is, never copied; the scan
        // stops at a character that folds to another, and the folded text
        // is scanned instead.
        let mut folded = None;
        if !m.names.find_unless(raw, &mut hits, |c| m.folds(c)) {
            let text = crate::fold::fold_str(raw);
            m.names.find(&text, &mut hits);
            folded = Some(text);
        }
        let text = folded.as_deref().unwrap_or(raw);
        for &(pattern, start, end) in &hits {
            if m.checked[pattern] && !super::words::is_word(text, start, end) {
                continue;
            }
            let t = found.entry(pattern).or_insert(Tally {
                count: 0,
                first: offset + start,
            });
            t.count += 1;
        }
        offset += text.len() + 1;
    }
    // In pattern order, so that nothing depends on the order of a map.
    let mut sorted: Vec<(usize, Tally)> = found.into_iter().collect();
    sorted.sort_unstable_by_key(|&(p, _)| p);
    Classification {
        regions: resolve(taxonomy, &sorted, Facet::Region),
        programmes: resolve(taxonomy, &sorted, Facet::Programme),
    }
}

impl Matcher {
    /// Whether `c` folds to another Chinese character (below U+2E80 none
    /// does).
    #[inline]
    fn folds(&self, c: char) -> bool {
        let u = c as usize;
        (0x2E80..0x10000).contains(&u) && self.folds[u / 64] & (1 << (u % 64)) != 0
    }
}

/// The characters that folding (as search folds) makes another Chinese
/// character: Traditional ones, and a few Simplified texts use (乾).
fn traditional_chars() -> Vec<char> {
    let all: String = ('\u{2E80}'..='\u{FFFF}').collect();
    // Folding keeps one character for one.
    let folded = crate::fold::fold_str(&all);
    all.chars()
        .zip(folded.chars())
        .filter(|&(c, f)| c != f && !f.is_ascii())
        .map(|(c, _)| c)
        .collect()
}

fn resolve(taxonomy: &Taxonomy, sorted: &[(usize, Tally)], facet: Facet) -> Vec<String> {
    let m = taxonomy.matcher();
    let tree = taxonomy.tree(facet);
    let mut direct: FxHashMap<usize, Tally> = FxHashMap::default();
    let credit = |direct: &mut FxHashMap<usize, Tally>, node: usize, t: Tally| {
        let e = direct.entry(node).or_insert(Tally {
            count: 0,
            first: t.first,
        });
        e.count += t.count;
        e.first = e.first.min(t.first);
    };
    // First the mentions that are certain on their own: a unique full name,
    // or the unguarded short name of a province or city (a namesake county
    // under the same city yields to the city: 乌鲁木齐).
    let mut deferred: Vec<(usize, Tally)> = Vec::new();
    for &(pattern, tally) in sorted {
        let candidates = || m.meanings[pattern].iter().filter(|x| x.facet == facet);
        let count = candidates().count();
        if count == 0 {
            continue;
        }
        if facet == Facet::Programme {
            for c in candidates() {
                credit(&mut direct, c.node, tally);
            }
            continue;
        }
        let top = candidates().find(|c| candidates().all(|o| tree.is_within(o.node, c.node)));
        let certain = match (count, top) {
            (1, Some(c)) if c.full && !m.guarded[pattern] => Some(c.node),
            (_, Some(c)) if tree.depth(c.node) <= 1 && !m.guarded[pattern] => Some(c.node),
            _ => None,
        };
        match certain {
            Some(node) => credit(&mut direct, node, tally),
            None => deferred.push((pattern, tally)),
        }
    }
    if facet == Facet::Region {
        // The places the article is certainly about, and everything above them.
        let mut context: FxHashSet<usize> = FxHashSet::default();
        for &n in direct.keys() {
            context.extend(tree.lineage(n));
        }
        for (pattern, tally) in deferred {
            let mut fits = m.meanings[pattern]
                .iter()
                .filter(|x| x.facet == facet)
                .map(|x| x.node)
                .filter(|&n| {
                    context.contains(&n)
                        || tree.nodes[n].parent.is_some_and(|p| context.contains(&p))
                });
            if let (Some(node), None) = (fits.next(), fits.next()) {
                credit(&mut direct, node, tally);
            }
        }
    }
    // Every node counts its own mentions and its descendants'.
    let mut total: FxHashMap<usize, Tally> = FxHashMap::default();
    for (&node, &t) in &direct {
        for a in tree.lineage(node) {
            credit(&mut total, a, t);
        }
    }
    let mut ranked: Vec<(usize, Tally)> = total.into_iter().collect();
    ranked.sort_by_key(|&(n, t)| (std::cmp::Reverse(t.count), tree.depth(n), t.first, n));
    ranked
        .into_iter()
        .map(|(n, _)| tree.nodes[n].name.clone())
        .collect()
}
