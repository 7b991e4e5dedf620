//! The interactive reader's state: App, Action, update.

use crate::cli::{CliError, Globals};

/// Starts the TUI on the library, or on an article at a paragraph.
pub fn run(_globals: &Globals, _open: Option<(&str, Option<usize>)>) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!(
        "the interactive reader is not available in this build"
    )))
}
