//! Files of many articles in the cache: a collection's manifest (its
//! version, its records' numbers, its bad records) and the keys of its
//! records' entries.

use serde::{Deserialize, Serialize};

use super::{Entry, Stamp};

/// What separates a file's key from a record's number in an entry's key.
pub(super) const RECORD: char = '\u{1}';

/// A file of many articles as it was read: its version, the numbers of
/// its records that are articles (each an entry), and the records that
/// were not, said again on every load as when it was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(in crate::store) struct Collection {
    pub(in crate::store) stamp: Stamp,
    pub(in crate::store) records: Vec<usize>,
    /// (where in the file, why).
    pub(in crate::store) problems: Vec<(Option<String>, String)>,
}

/// What the cache holds for a file.
pub(in crate::store) enum Taken {
    One(Entry),
    /// The collection and its records' entries, by number.
    Many(Collection, Vec<(usize, Entry)>),
}

/// The key of record `number` of the file keyed `key`.
pub(in crate::store) fn record_key(key: &str, number: usize) -> String {
    format!("{key}{RECORD}{number}")
}
