//! `yuedu search`: matching paragraphs across the library.

use serde::Serialize;

use crate::cli::list::FilterArgs;
use crate::cli::{
    CliError, Globals, colour_allowed, keep_until_exit, load_library, with_stdout, write_json_array,
};
use crate::safe::for_terminal;
use crate::search::{Query, search_library, snippet};

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words to find; several words must all occur in the paragraph
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
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

pub fn run(globals: &Globals, args: &SearchArgs) -> Result<(), CliError> {
    let query = Query::parse(&args.query.join(" ")).map_err(|e| CliError::Usage(e.to_string()))?;
    let selection = args.filter.selection()?;
    let library = load_library(globals)?;
    let hits = search_library(&library, &query, |a| selection.admits(a));
    let colour = !args.json && colour_allowed();
    let written = with_stdout(|out| {
        if args.json {
            write_json_array(out, &hits, |h| {
                let a = &library.articles[h.article];
                let (snippet, at) =
                    snippet(&a.paragraphs[h.paragraph].text, h.range.clone(), CONTEXT);
                JsonHit {
                    article: &a.id,
                    paragraph: h.paragraph,
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
        for h in &hits {
            let a = &library.articles[h.article];
            let (s, at) = snippet(&a.paragraphs[h.paragraph].text, h.range.clone(), CONTEXT);
            if colour {
                writeln!(
                    out,
                    "{}:{}: {}\x1b[1;31m{}\x1b[0m{}",
                    for_terminal(&a.id),
                    h.paragraph,
                    &s[..at.start],
                    &s[at.clone()],
                    &s[at.end..]
                )?;
            } else {
                writeln!(out, "{}:{}: {}", for_terminal(&a.id), h.paragraph, s)?;
            }
        }
        Ok(())
    });
    keep_until_exit(library);
    written
}
