//! `yuedu wrap`: stdin paragraphs wrapped by the layout engine.

use crate::cli::CliError;

#[derive(Debug, Clone, clap::Args)]
pub struct WrapArgs {
    /// Columns to wrap at [default: terminal width, else 80]
    #[arg(long, value_name = "N")]
    pub width: Option<String>,
}

pub fn run(_args: &WrapArgs) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!("not available yet")))
}
