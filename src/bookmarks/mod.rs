//! Bookmarks: passages with notes, stored as JSON in the data dir.
