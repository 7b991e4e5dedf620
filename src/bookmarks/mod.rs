//! Bookmarks: passages with notes, stored as JSON in the data dir, found
//! again when their articles change, exported for notes apps.

mod anchor;
mod export;
mod import;
mod model;
mod store;

pub use anchor::reanchor;
pub use export::{to_json, to_markdown};
pub use import::{
    ImportError, ImportReport, MAX_OFFSET, MAX_PARAGRAPH, merge, parse_export, problem,
};
pub use model::{Bookmark, CONTEXT_CHARS, COUNTED_FROM_ONE, counted_from_one, new_id, now};
pub use store::{BookmarkError, BookmarkStore, LOCK_WAIT, SCHEMA_VERSION};
