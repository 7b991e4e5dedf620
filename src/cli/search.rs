//! `yuedu search`: matching paragraphs across the library.

use crate::cli::{CliError, Globals};

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words to find; several words must all occur in the paragraph
    pub query: Vec<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    /// Only articles about this region or a place inside it
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Only articles in this programme or one of its forms
    #[arg(long, value_name = "P")]
    pub programme: Option<String>,
}

pub fn run(_globals: &Globals, _args: &SearchArgs) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!("not available yet")))
}
