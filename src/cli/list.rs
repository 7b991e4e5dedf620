//! `yuedu list`, `yuedu regions`, `yuedu programmes`, and the filters
//! `list`, `search`, `sources` and `dates` share.

use serde::Serialize;

use crate::archive::{Filter, Reprints, SortKey, sort};
use crate::cli::meta;
use crate::cli::{
    CliError, Globals, Need, keep_until_exit, load_library_walked, load_library_with, load_options,
    with_stdout, write_json_array,
};
use crate::model::Article;
use crate::safe::for_terminal;
use crate::store::{Library, Table};
use crate::taxonomy::{Facet, Taxonomy, Tree};
use rayon::prelude::*;

#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Order: date (newest first, undated last), title or source (by pinyin)
    /// [default: library order]
    #[arg(long, value_name = "KEY")]
    pub sort: Option<SortKey>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// The filters of `list`, `search`, `sources` and `dates`, all crossed.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only articles about this region or a place inside it
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Only articles in this programme or one of its forms
    #[arg(long, value_name = "P")]
    pub programme: Option<String>,
    /// Only articles from this source (as `yuedu sources` names it)
    #[arg(long, value_name = "S")]
    pub source: Option<String>,
    /// Only articles dated DATE or later (YYYY, YYYY-MM or YYYY-MM-DD; a
    /// year or month from its first day)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles dated DATE or earlier (YYYY, YYYY-MM or YYYY-MM-DD; a
    /// year or month through its last day)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// What the filters let through.
pub struct Selection {
    facets: Vec<FacetFilter>,
    archive: Filter,
}

impl FilterArgs {
    /// The filters, checked: an unknown region or programme, or a DATE that
    /// is none, is a usage error.
    pub fn selection(&self) -> Result<Selection, CliError> {
        let facets = facet_filters(self.region.as_deref(), self.programme.as_deref())?;
        let archive = Filter::new(
            self.source.as_deref(),
            self.since.as_deref(),
            self.until.as_deref(),
        )
        .map_err(|e| CliError::Usage(e.to_string()))?;
        Ok(Selection { facets, archive })
    }
}

impl Selection {
    /// Whether it lets every article through (no filter given).
    pub fn is_everything(&self) -> bool {
        self.facets.is_empty() && self.archive.is_empty()
    }

    pub fn admits(&self, article: &Article) -> bool {
        self.archive.admits(article) && self.facets.iter().all(|f| f.admits(article))
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct TreeArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// A facet filter from `--region` / `--programme`: the nodes the name can
/// mean. An unknown name is a usage error.
pub struct FacetFilter {
    facet: Facet,
    nodes: Vec<usize>,
}

impl FacetFilter {
    pub fn parse(facet: Facet, name: &str) -> Result<FacetFilter, CliError> {
        let tree = Taxonomy::bundled().tree(facet);
        let nodes = tree.find_all(name.trim()).to_vec();
        if nodes.is_empty() {
            let (what, cmd) = match facet {
                Facet::Region => ("region", "regions"),
                Facet::Programme => ("programme", "programmes"),
            };
            return Err(CliError::Usage(format!(
                "unknown {what} '{name}' (see `yuedu {cmd}`)"
            )));
        }
        Ok(FacetFilter { facet, nodes })
    }

    pub fn admits(&self, article: &Article) -> bool {
        let t = Taxonomy::bundled();
        self.nodes
            .iter()
            .any(|&n| t.article_within(article, self.facet, n))
    }
}

/// The filters of `--region` and `--programme`, both optional.
pub fn facet_filters(
    region: Option<&str>,
    programme: Option<&str>,
) -> Result<Vec<FacetFilter>, CliError> {
    let mut filters = Vec::new();
    if let Some(r) = region {
        filters.push(FacetFilter::parse(Facet::Region, r)?);
    }
    if let Some(p) = programme {
        filters.push(FacetFilter::parse(Facet::Programme, p)?);
    }
    Ok(filters)
}

pub fn list(globals: &Globals, args: &ListArgs) -> Result<(), CliError> {
    let selection = args.filter.selection()?;
    // The library's table, while it describes the library on disk: its
    // rows are the list, without the library loaded. Else the load takes
    // the files its look at the disk found.
    let walked = match Table::current_or_walk(&load_options(globals, Need::Metadata)) {
        Ok(table) => {
            let rows = (0..table.len())
                .into_par_iter()
                .map(|i| table.article(i))
                .collect::<Option<Vec<Article>>>();
            if let Some(articles) = rows {
                for problem in table.problems() {
                    crate::safe::warn(problem);
                }
                let written = print(args, &selection, &articles, table.reprints());
                keep_until_exit((table, articles));
                return written;
            }
            // A row that cannot be read: the table is gone, the library
            // is loaded.
            None
        }
        Err(walked) => walked,
    };
    let library = load_library_walked(globals, Need::Metadata, walked)?;
    let reprints = if args.json {
        Reprints::find(&library.sketches)
    } else {
        Reprints::default()
    };
    let written = print(args, &selection, &library.articles, &reprints);
    keep_until_exit(library);
    written
}

/// Prints the rows of the articles `selection` lets through, in the order
/// asked for; `reprints`, the library's stories, give the copies in JSON.
fn print(
    args: &ListArgs,
    selection: &Selection,
    library: &[Article],
    reprints: &Reprints,
) -> Result<(), CliError> {
    let mut articles: Vec<(usize, &Article)> = (library.iter().enumerate())
        .filter(|(_, a)| selection.admits(a))
        .collect();
    if let Some(key) = args.sort {
        sort::sort_by(&mut articles, |(_, a)| a, key);
    }
    with_stdout(|out| {
        if args.json {
            // Written a run at a time: memory stays that of a few rows.
            write_json_array(out, &articles, |&(i, a)| {
                let copies = (reprints.copies(i))
                    .filter_map(|j| library.get(j).map(|c| c.id.as_str()))
                    .collect();
                meta::summary(a, copies)
            })?;
            writeln!(out)?;
        } else {
            for (_, a) in &articles {
                let topics: Vec<&str> = a
                    .regions
                    .iter()
                    .take(3)
                    .chain(a.programmes.iter().take(2))
                    .map(String::as_str)
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    for_terminal(&a.id),
                    for_terminal(a.date.as_deref().unwrap_or("-")),
                    for_terminal(&a.title),
                    for_terminal(&topics.join(" "))
                )?;
            }
        }
        Ok(())
    })
}

#[derive(Debug, Serialize)]
struct TreeNode<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    count: usize,
    children: Vec<TreeNode<'a>>,
}

/// The nodes worth showing: for regions those with articles (the full tree
/// has over 3,000 places), for programmes all of them.
fn tree_nodes<'a>(tree: &'a Tree, counts: &[usize], all: bool) -> Vec<TreeNode<'a>> {
    fn build<'a>(tree: &'a Tree, counts: &[usize], all: bool, id: usize) -> TreeNode<'a> {
        let n = &tree.nodes[id];
        TreeNode {
            name: &n.name,
            code: n.code.as_deref(),
            count: counts[id],
            children: n
                .children
                .iter()
                .filter(|&&c| all || counts[c] > 0)
                .map(|&c| build(tree, counts, all, c))
                .collect(),
        }
    }
    let mut roots: Vec<TreeNode> = tree
        .roots()
        .filter(|&r| all || counts[r] > 0)
        .map(|r| build(tree, counts, all, r))
        .collect();
    if !all {
        roots.sort_by_key(|n| std::cmp::Reverse(n.count));
    }
    roots
}

fn print_tree(facet: Facet, library: &Library, json: bool) -> Result<(), CliError> {
    let t = Taxonomy::bundled();
    let tree = t.tree(facet);
    let reprints = Reprints::find(&library.sketches);
    let lists = crate::archive::facets::story_names(
        &library.articles,
        0..library.articles.len(),
        &reprints,
        |a| facet.names(a),
    );
    let counts = tree.counts(lists.iter().map(|l| l.as_ref()));
    let nodes = tree_nodes(tree, &counts, facet == Facet::Programme);
    with_stdout(|out| {
        if json {
            serde_json::to_writer_pretty(&mut *out, &nodes)?;
            return writeln!(out);
        }
        let mut stack: Vec<(&TreeNode, usize)> = nodes.iter().rev().map(|n| (n, 0)).collect();
        while let Some((n, depth)) = stack.pop() {
            writeln!(
                out,
                "{}{} ({})",
                "  ".repeat(depth),
                for_terminal(n.name),
                n.count
            )?;
            stack.extend(n.children.iter().rev().map(|c| (c, depth + 1)));
        }
        Ok(())
    })
}

pub fn regions(globals: &Globals, args: &TreeArgs) -> Result<(), CliError> {
    let library = load_library_with(globals, Need::Metadata)?;
    print_tree(Facet::Region, &library, args.json)
}

pub fn programmes(globals: &Globals, args: &TreeArgs) -> Result<(), CliError> {
    let library = load_library_with(globals, Need::Metadata)?;
    print_tree(Facet::Programme, &library, args.json)
}
