//! `yuedu show`: an article as the reader lays it out, or its metadata.

use crate::cli::{CliError, Globals};

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
}

pub fn run(_globals: &Globals, _args: &ShowArgs) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!("not available yet")))
}
