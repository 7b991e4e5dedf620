//! `yuedu bookmarks ...`: list, add, remove, export and import bookmarks.

use std::path::PathBuf;

use unicode_segmentation::UnicodeSegmentation;

use crate::bookmarks::{
    Bookmark, BookmarkError, BookmarkStore, parse_export, to_json, to_markdown,
};
use crate::cli::{CliError, Globals, find_article, load_library, with_stdout};
use crate::model::Passage;
use crate::safe::for_terminal;
use crate::text::str_width;

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
        output: Option<PathBuf>,
    },
    /// Merge bookmarks from a JSON export (no duplicates)
    Import {
        /// A file written by `bookmarks export --format json`
        file: PathBuf,
    },
}

fn failed(e: BookmarkError) -> CliError {
    CliError::Failed(e.into())
}

/// What a command does with the bookmarks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Shows them: a newer yuedu's file is reported and nothing shown.
    Read,
    /// Changes them: a newer yuedu's file is refused, with the same line.
    Change,
}

fn open_store(globals: &Globals, purpose: Purpose) -> Result<BookmarkStore, CliError> {
    let dir = globals.data_dir()?;
    let (store, warnings) = BookmarkStore::open(&dir).map_err(failed)?;
    if purpose == Purpose::Change {
        store.check_writable().map_err(failed)?;
    }
    for w in warnings {
        crate::safe::warn(w);
    }
    Ok(store)
}

/// The store with every bookmark re-anchored on the library as it is now.
fn anchored(globals: &Globals) -> Result<(BookmarkStore, crate::store::Library), CliError> {
    // Bookmarks need the articles' text, not their regions and programmes.
    let library = load_library(globals)?;
    let mut store = open_store(globals, Purpose::Read)?;
    store.reanchor(&library).map_err(failed)?;
    Ok((store, library))
}

/// The first graphemes of `s` that fit in `columns`, with `…` if cut.
fn fit(s: &str, columns: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if str_width(&s) <= columns {
        return for_terminal(&s).into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = str_width(g);
        if used + w + 1 > columns {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    for_terminal(&out).into_owned()
}

pub fn run(globals: &Globals, command: &BookmarksCommand) -> Result<(), CliError> {
    match command {
        BookmarksCommand::List { json } => {
            let (store, _) = anchored(globals)?;
            with_stdout(|out| {
                if *json {
                    // Paragraphs counted from 1, as everywhere a person reads them.
                    let list = crate::bookmarks::counted_from_one(store.list());
                    serde_json::to_writer_pretty(&mut *out, &list)?;
                    return writeln!(out);
                }
                for b in store.list() {
                    let orphan = if b.orphaned { " [not found]" } else { "" };
                    writeln!(
                        out,
                        "{}\t{}:{}{}\t{}\t{}",
                        for_terminal(&b.id),
                        for_terminal(&b.article),
                        b.paragraph.saturating_add(1),
                        orphan,
                        fit(&b.quote, 40),
                        fit(&b.note, 40)
                    )?;
                }
                Ok(())
            })
        }
        BookmarksCommand::Add {
            id,
            paragraph,
            note,
        } => {
            let n = crate::cli::paragraph_number(paragraph)?;
            let library = load_library(globals)?;
            let article = find_article(&library, id)?;
            let passage = Passage::paragraph(article, n - 1).ok_or_else(|| {
                CliError::Failed(anyhow::anyhow!(
                    "article '{id}' has {} paragraphs (1 to {0}); there is no paragraph {n}",
                    article.paragraphs.len(),
                ))
            })?;
            let b = Bookmark::new(article, passage, note.as_deref().unwrap_or("")).ok_or_else(
                || CliError::Failed(anyhow::anyhow!("paragraph {n} cannot be bookmarked")),
            )?;
            let mut store = open_store(globals, Purpose::Change)?;
            let b = store.add(b).map_err(failed)?;
            with_stdout(|out| writeln!(out, "{}", b.id))
        }
        BookmarksCommand::Remove { bookmark_id } => {
            let mut store = open_store(globals, Purpose::Change)?;
            store.remove(bookmark_id).map_err(failed)?;
            Ok(())
        }
        BookmarksCommand::Export { format, output } => {
            let (store, library) = anchored(globals)?;
            // Markdown carries titles, sources, quotes and notes as they
            // are: made safe, to stdout and to a file alike (a file is
            // `cat` to a terminal too). JSON escapes control characters.
            let text = if format == "json" {
                to_json(store.list())
            } else {
                crate::safe::lines(&to_markdown(store.list(), &library)).into_owned()
            };
            match output {
                Some(path) => crate::storage::write_output(path, text.as_bytes()).map_err(|e| {
                    CliError::Failed(anyhow::anyhow!("cannot write {}: {e}", path.display()))
                }),
                None => with_stdout(|out| out.write_all(text.as_bytes())),
            }
        }
        BookmarksCommand::Import { file } => {
            // Read and checked before the store is opened: the lock is held
            // only for the merge and the write.
            let bytes = crate::storage::read_bounded(file).map_err(|e| {
                CliError::Failed(anyhow::anyhow!("cannot read {}: {e}", file.display()))
            })?;
            let incoming = parse_export(&bytes).map_err(|e| {
                CliError::Failed(anyhow::anyhow!(
                    "{} {e}; nothing was imported",
                    file.display()
                ))
            })?;
            let mut store = open_store(globals, Purpose::Change)?;
            let report = store.import(incoming).map_err(failed)?;
            crate::safe::warn(&report);
            Ok(())
        }
    }
}
