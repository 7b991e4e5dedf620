//! `yuedu search`: matching paragraphs across the library.

use serde::Serialize;

use crate::cli::list::FilterArgs;
use std::path::Path;

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use crate::cli::list::Selection;
use crate::cli::{
    CliError, Globals, Need, colour_allowed, keep_until_exit, load_library_walked, load_options,
    with_stdout, write_json_array,
};
use crate::model::Article;
use crate::safe::for_terminal;
use crate::search::index::{self, IndexError, TextIndex};
use crate::search::{Hit, Query, search_index, search_index_with, search_library, snippet};
use crate::store::{Library, Table, Walked};

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words to find in a paragraph: all must occur; `A OR B`: either side
    /// (each side's words all); `-word`: must not occur
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// The command line with each word of a search query that starts with `-`
/// and a character that is not ASCII (`yuedu search 寻乌 -产业`, as the
/// shell splits it) given as the query reads it but an option never is
/// (`－产业`, with the full-width minus): no option starts so, and without
/// this it would be taken for one. Only the arguments of `search`, up to a
/// `--`, are looked at; a Latin word to leave out goes after `--` or inside
/// the query's quotes (`"寻乌 -nike"`), as with grep.
pub fn negated_words(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let takes_value = |a: &str| matches!(a, "--articles" | "--data-dir" | "--config");
    // The subcommand is the first argument that is neither an option nor
    // an option's value.
    let mut command: Option<bool> = None;
    let mut value_next = false;
    let mut ended = false;
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            let Some(a) = arg.to_str() else {
                return arg;
            };
            if i == 0 || ended {
                return arg;
            }
            if a == "--" {
                ended = true;
                return arg;
            }
            match command {
                None if value_next => value_next = false,
                None if takes_value(a) => value_next = true,
                None if !a.starts_with('-') => command = Some(a == "search"),
                Some(true) => {
                    let mut chars = a.chars();
                    if chars.next() == Some('-') && chars.next().is_some_and(|c| !c.is_ascii()) {
                        return format!("－{}", &a[1..]).into();
                    }
                }
                _ => {}
            }
            arg
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_words_of_a_search_read_as_words() {
        let args = |s: &str| {
            s.split(' ')
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        let got = |s: &str| super::negated_words(args(s));
        assert_eq!(
            got("yuedu --articles -产业 search 寻乌 -产业 --json -x -- -乡村"),
            args("yuedu --articles -产业 search 寻乌 －产业 --json -x -- -乡村")
        );
        assert_eq!(
            got("yuedu bookmarks add a 3 --note -产业"),
            args("yuedu bookmarks add a 3 --note -产业")
        );
        assert_eq!(
            got("yuedu --config search search -产业"),
            args("yuedu --config search search －产业")
        );
        assert_eq!(
            got("yuedu --no-bundled search -寻乌"),
            args("yuedu --no-bundled search －寻乌")
        );
    }
}

/// Grapheme clusters of context on each side of a match in a snippet.
const CONTEXT: usize = 30;

#[derive(Serialize)]
struct JsonHit<'a> {
    article: &'a str,
    paragraph: usize,
    snippet: String,
    /// The match's byte range in the paragraph.
    start: usize,
    end: usize,
    /// The match's byte range in `snippet`.
    snippet_start: usize,
    snippet_end: usize,
    title: &'a str,
}

/// The hits of `query` found through the index in the cache folder, in
/// `library` (loaded with its text from the article cache, mapped). `None`
/// when the index cannot be used now (a read-only cache folder, another
/// instance updating it for long): then the scan answers, as fast as it is.
fn through_index(
    cache_dir: &Path,
    library: &Library,
    bundled: bool,
    query: &Query,
    selection: &Selection,
) -> Option<Vec<Hit>> {
    let sources = index::sources(library, bundled);
    // The index is a cache: whatever goes wrong in it (even a panic on a
    // damaged file) leaves the answer to the scan, said nothing about, and
    // the index is built again next time.
    let found = index::quietly(|| {
        let ix = TextIndex::ready(cache_dir, &sources, library)?;
        search_index(&ix, &sources, library, query, |a| selection.admits(a))
    });
    match found {
        Some(Ok(found)) => Some(found),
        Some(Err(IndexError::Busy)) => None,
        _ => {
            index::forget(cache_dir);
            None
        }
    }
}

/// What a search through the table found: the table, the hits, and their
/// articles (without paragraphs), by place.
type FromTable = (Table, Vec<Hit>, HashMap<usize, Article>);

/// The hits of `query` through the library table and the index, without
/// loading the library: an error unless both describe the library as it is
/// on disk (then the library is loaded, which brings them up to date),
/// with the walk of its folders if one was taken.
fn through_table(
    globals: &Globals,
    query: &Query,
    selection: &Selection,
) -> Result<FromTable, Option<Walked>> {
    let cache_dir = globals.cache_dir().ok_or(None)?;
    let table = Table::current_or_walk(&load_options(globals, Need::Text))?;
    let (found, articles) = from_table(&cache_dir, &table, query, selection).ok_or(None)?;
    Ok((table, found, articles))
}

/// The hits of `query` in the library `table` describes, through the index
/// in `cache_dir`, if it covers the library.
fn from_table(
    cache_dir: &Path,
    table: &Table,
    query: &Query,
    selection: &Selection,
) -> Option<(Vec<Hit>, HashMap<usize, Article>)> {
    let sources = index::table_sources(table);
    let damaged = AtomicBool::new(false);
    let fail = || damaged.store(true, Relaxed);
    // Each article's filters, decided once.
    let admitted: Vec<OnceLock<bool>> = if selection.is_everything() {
        Vec::new()
    } else {
        (0..table.len()).map(|_| OnceLock::new()).collect()
    };
    let found = index::quietly(|| {
        let ix = TextIndex::open(cache_dir).ok()?;
        if !ix.stale(&sources).is_empty() {
            return None;
        }
        search_index_with(&ix, &sources, query, |a, p| {
            if let Some(admit) = admitted.get(a) {
                let admit = admit.get_or_init(|| match table.article(a) {
                    Some(article) => selection.admits(&article),
                    None => {
                        fail();
                        false
                    }
                });
                if !admit {
                    return None;
                }
            }
            table.paragraph(a, p).unwrap_or_else(|_| {
                fail();
                None
            })
        })
        .ok()
    })
    .flatten()?;
    if damaged.load(Relaxed) {
        return None;
    }
    let mut articles = HashMap::new();
    for h in &found {
        if let std::collections::hash_map::Entry::Vacant(e) = articles.entry(h.article) {
            e.insert(table.article(h.article)?);
        }
    }
    Some((found, articles))
}

/// Prints what a search through the table found, as [`run`].
fn print_from_table(
    args: &SearchArgs,
    (table, found, articles): FromTable,
) -> Result<bool, CliError> {
    for problem in table.problems() {
        crate::safe::warn(problem);
    }
    let text = |h: &Hit| match table.paragraph(h.article, h.paragraph) {
        Ok(Some(t)) => t,
        _ => "",
    };
    print(args, &found, |a| &articles[&a], text)
}

/// Prints the matches; whether there were any (none: exit status 1, as
/// grep's).
pub fn run(globals: &Globals, args: &SearchArgs) -> Result<bool, CliError> {
    let query = Query::parse(&args.query.join(" ")).map_err(|e| CliError::Usage(e.to_string()))?;
    let selection = args.filter.selection()?;
    let walked = match through_table(globals, &query, &selection) {
        Ok(answer) => return print_from_table(args, answer),
        Err(walked) => walked,
    };
    let library = load_library_walked(globals, Need::Text, walked)?;
    let indexed = (globals.cache_dir())
        .and_then(|dir| through_index(&dir, &library, !globals.no_bundled, &query, &selection));
    let found =
        indexed.unwrap_or_else(|| search_library(&library, &query, |a| selection.admits(a)));
    let text = |h: &Hit| -> &str { &library.articles[h.article].paragraphs[h.paragraph].text };
    let found_any = print(args, &found, |a| &library.articles[a], text);
    keep_until_exit(library);
    found_any
}

/// Prints `found`, each hit's article and text as `article` and `text`
/// give them; whether there were any.
fn print<'a>(
    args: &SearchArgs,
    found: &[Hit],
    article: impl Fn(usize) -> &'a Article + Sync,
    text: impl Fn(&Hit) -> &'a str + Sync,
) -> Result<bool, CliError> {
    let colour = !args.json && colour_allowed();
    let written = with_stdout(|out| {
        if args.json {
            write_json_array(out, found, |h| {
                let a = article(h.article);
                let (snippet, at) = snippet(text(h), h.range.clone(), CONTEXT);
                JsonHit {
                    article: &a.id,
                    // Counted from 1: `open --paragraph` takes it as it is.
                    paragraph: h.paragraph + 1,
                    snippet,
                    start: h.range.start,
                    end: h.range.end,
                    snippet_start: at.start,
                    snippet_end: at.end,
                    title: &a.title,
                }
            })?;
            return writeln!(out);
        }
        for h in found {
            let a = article(h.article);
            let (s, at) = snippet(text(h), h.range.clone(), CONTEXT);
            if colour {
                writeln!(
                    out,
                    "{}:{}: {}\x1b[1;31m{}\x1b[0m{}",
                    for_terminal(&a.id),
                    h.paragraph + 1,
                    &s[..at.start],
                    &s[at.clone()],
                    &s[at.end..]
                )?;
            } else {
                writeln!(out, "{}:{}: {}", for_terminal(&a.id), h.paragraph + 1, s)?;
            }
        }
        Ok(())
    });
    written.map(|()| !found.is_empty())
}
