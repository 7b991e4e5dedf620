//! What `App::update` asks the world to do (it does no I/O itself), how it
//! is done, and what comes back: the event loop (and a test) hands each
//! [`Effect`] to [`carry_out`], which does the writing and reports the
//! [`Outcome`] back to the App.

use std::path::PathBuf;

use super::App;
use super::marks::NoteTarget;
use crate::bookmarks::{Bookmark, to_markdown};

/// What the run loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Give the terminal back and stop until the shell continues us (`fg`).
    Suspend,
    /// Write the reading state (positions, width) to the data dir.
    SaveReadingState,
    /// Save a note typed in the note prompt: a new bookmark, or a note edited.
    SaveNote {
        target: NoteTarget,
        note: String,
    },
    DeleteBookmark {
        id: String,
    },
    /// Put back a bookmark deleted here (`u`).
    RestoreBookmark(Box<Bookmark>),
    /// Write every bookmark as Markdown to the data dir.
    ExportBookmarks,
    /// Read the bookmarks file again: another yuedu may have changed it.
    ReloadBookmarks,
    /// Put text on the clipboard (OSC 52, through the terminal).
    Copy(String),
}

/// What came of an effect, for the App to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The note was saved (the message says how), or not (and why).
    NoteSaved {
        target: NoteTarget,
        note: String,
        result: Result<String, String>,
    },
    Deleted(Result<Box<Bookmark>, String>),
    Restored(Result<(), String>),
    Exported(Result<PathBuf, String>),
    /// Warnings met reading the file again, or why it could not be read.
    Reloaded(Result<Vec<String>, String>),
}

/// Does what an effect asks that is about files, and reports back to the
/// App. Quitting, suspending, saving the reading state and copying belong
/// to the event loop, which has the terminal and knows when to save; here
/// they do nothing.
pub fn carry_out(app: &mut App, effect: &Effect) {
    let outcome = match effect {
        Effect::SaveNote { target, note } => Outcome::NoteSaved {
            target: target.clone(),
            note: note.clone(),
            result: save_note(app, target, note),
        },
        Effect::DeleteBookmark { id } => Outcome::Deleted(match &mut app.bookmarks {
            Some(store) => store.remove(id).map(Box::new).map_err(|e| e.to_string()),
            None => Err(unavailable()),
        }),
        Effect::RestoreBookmark(b) => Outcome::Restored(match &mut app.bookmarks {
            Some(store) => store.restore((**b).clone()).map_err(|e| e.to_string()),
            None => Err(unavailable()),
        }),
        Effect::ExportBookmarks => Outcome::Exported(export(app)),
        Effect::ReloadBookmarks => Outcome::Reloaded(match &mut app.bookmarks {
            Some(store) => store.reload().map_err(|e| e.to_string()),
            None => Err(unavailable()),
        }),
        Effect::Quit | Effect::Suspend | Effect::SaveReadingState | Effect::Copy(_) => return,
    };
    app.finished(outcome);
}

fn unavailable() -> String {
    "bookmarks are not available: the data folder cannot be used".into()
}

fn save_note(app: &mut App, target: &NoteTarget, note: &str) -> Result<String, String> {
    let store = app.bookmarks.as_mut().ok_or_else(unavailable)?;
    match target {
        NoteTarget::New { article, passage } => {
            let a = (app.library.articles.get(*article)).ok_or("the article is gone")?;
            let b = Bookmark::new(a, *passage, note).ok_or("that passage cannot be bookmarked")?;
            (store.add(b).map(|b| format!("bookmarked ({})", b.id))).map_err(|e| e.to_string())
        }
        NoteTarget::Edit { id } => store
            .set_note(id, note)
            .map(|()| "note saved".into())
            .map_err(|e| e.to_string()),
    }
}

/// Writes the bookmarks as Markdown to a new file of the data dir, named by
/// the time; a second export in the same second gets a file of its own.
fn export(app: &App) -> Result<PathBuf, String> {
    let (Some(store), Some(dir)) = (&app.bookmarks, &app.data_dir) else {
        return Err(unavailable());
    };
    if store.list().is_empty() {
        return Err("no bookmarks to export yet".into());
    }
    let stamp = crate::bookmarks::now().replace([':', '-'], "");
    let stamp = stamp.get(..15).unwrap_or(&stamp);
    let path = (1..1000)
        .map(|n| match n {
            1 => dir.join(format!("bookmarks-{stamp}.md")),
            n => dir.join(format!("bookmarks-{stamp}-{n}.md")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| format!("too many exports in {}", dir.display()))?;
    let md = to_markdown(store.list(), &app.library);
    crate::storage::write_atomic(&path, md.as_bytes())
        .map(|()| path.clone())
        .map_err(|e| format!("{}: {e}", path.display()))
}
