//! `yuedu dates`: the years of the library, newest first, each with its
//! months, with how many stories each holds.

use crate::archive::facets;
use crate::cli::sources::{FacetArgs, chosen};
use crate::cli::{CliError, Globals, Need, keep_until_exit, load_library_with, with_stdout};

pub fn run(globals: &Globals, args: &FacetArgs) -> Result<(), CliError> {
    args.filter.selection()?;
    let library = load_library_with(globals, Need::Metadata)?;
    let years = facets::dates(&chosen(&library, &args.filter)?);
    let written = with_stdout(|out| {
        if args.json {
            serde_json::to_writer_pretty(&mut *out, &years)?;
            return writeln!(out);
        }
        for y in &years {
            writeln!(out, "{} ({})", y.name, y.count)?;
            for m in &y.months {
                writeln!(out, "  {} ({})", m.name, m.count)?;
            }
        }
        Ok(())
    });
    keep_until_exit(library);
    written
}
