//! `yuedu show`: an article as the reader lays it out, or its metadata.

use crate::cli::meta;
use crate::cli::{CliError, Globals, find_article, load_library, width, with_stdout};
use crate::config::Config;
use crate::safe::for_terminal;
use crate::text::{Layout, render_article};

#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// Article id (as in `yuedu list`)
    pub id: String,
    /// Columns to lay out at [default: terminal width, else 80]
    #[arg(long, value_name = "N")]
    pub width: Option<String>,
    /// Print the metadata and paragraphs as JSON instead
    #[arg(long)]
    pub json: bool,
    /// Let one closing or stop mark hang past the right edge (标点悬挂)
    #[arg(long)]
    pub hang: bool,
}

pub fn run(globals: &Globals, args: &ShowArgs) -> Result<(), CliError> {
    let columns = width::resolve(args.width.as_deref())?;
    let library = load_library(globals)?;
    let article = find_article(&library, &args.id)?;
    if args.json {
        return with_stdout(|out| {
            let reprints = crate::archive::Reprints::find(&library.sketches);
            let index = library.position(&article.id).unwrap_or(usize::MAX);
            let copies = meta::copies(&library, &reprints, index);
            serde_json::to_writer_pretty(&mut *out, &meta::full(article, copies))?;
            writeln!(out)
        });
    }
    // What the reader shows: its layout settings from the config.
    let (config, problems) = Config::load(globals.config_file().as_deref());
    for p in &problems {
        crate::safe::warn(p);
    }
    let mut options = config.layout_options();
    options.hang |= args.hang;
    let layout = Layout::article_with(article, columns, &options);
    with_stdout(|out| {
        // The header's date and source are laid out as they are: made safe
        // here, on their way out, as every line is.
        for line in render_article(article, &layout) {
            writeln!(out, "{}", for_terminal(&line))?;
        }
        Ok(())
    })
}
