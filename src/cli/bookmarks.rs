//! `yuedu bookmarks ...`: list, add, remove, export and import bookmarks.

use crate::cli::{CliError, Globals};

#[derive(Debug, Clone, clap::Subcommand)]
pub enum BookmarksCommand {
    /// List bookmarks
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Bookmark a paragraph of an article
    Add {
        /// Article id
        id: String,
        /// Paragraph number, from 0
        paragraph: String,
        /// A note to keep with it
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a bookmark
    Remove {
        /// Bookmark id (as in `bookmarks list`)
        bookmark_id: String,
    },
    /// Export all bookmarks
    Export {
        /// md (for notes apps) or json (for `bookmarks import`)
        #[arg(long, default_value = "md", value_parser = ["md", "json"])]
        format: String,
        /// Write to FILE instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Merge bookmarks from a JSON export (no duplicates)
    Import {
        /// A file written by `bookmarks export --format json`
        file: std::path::PathBuf,
    },
}

pub fn run(_globals: &Globals, _command: &BookmarksCommand) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!("not available yet")))
}
