//! `yuedu sources`: the sources (publishers) of the library, one outlet a
//! row, with how many stories each carries.

use crate::archive::facets;
use crate::cli::list::FilterArgs;
use crate::cli::{CliError, Globals, Need, keep_until_exit, load_library_with, with_stdout};
use crate::safe::for_terminal;
use crate::store::Library;

#[derive(Debug, Clone, clap::Args)]
pub struct FacetArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// The articles the filters let through, each with the id of its story
/// (so that a story counts once in a row).
pub fn chosen<'a>(
    library: &'a Library,
    filter: &FilterArgs,
) -> Result<Vec<(&'a crate::model::Article, usize)>, CliError> {
    let selection = filter.selection()?;
    let reprints = crate::archive::Reprints::find(&library.sketches);
    Ok(library
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| selection.admits(a))
        .map(|(i, a)| (a, reprints.story(i)))
        .collect())
}

pub fn run(globals: &Globals, args: &FacetArgs) -> Result<(), CliError> {
    args.filter.selection()?;
    let library = load_library_with(globals, Need::Metadata)?;
    let rows = facets::sources(&chosen(&library, &args.filter)?);
    let written = with_stdout(|out| {
        if args.json {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            return writeln!(out);
        }
        for row in &rows {
            writeln!(out, "{} ({})", for_terminal(&row.name), row.count)?;
        }
        Ok(())
    });
    keep_until_exit(library);
    written
}
