//! The full-text index behind the library search in the TUI: opened from
//! the cache folder once the library on screen has been checked against
//! the disk, and brought up to date on a thread of its own when it lacks
//! some files (the first start, files changed since), never holding a
//! frame back. Until it covers the library as it is on screen, the search
//! scans, with the same results.

use std::path::PathBuf;
use std::sync::mpsc;

use super::pinyin_keys::MatchKeys;
use crate::cli::{Globals, load_for_reader};
use crate::model::Article;
use crate::search::index::{self, TextIndex};
use crate::search::{Hit, Query, search_index};
use crate::store::Library;

/// The name of the thread that brings the index up to date.
const THREAD: &str = "yuedu-index";

/// The TUI's index and its updates.
pub struct Indexer {
    cache_dir: PathBuf,
    globals: Globals,
    /// The index as last opened or brought up to date.
    index: Option<TextIndex>,
    /// An update under way.
    building: Option<mpsc::Receiver<Option<TextIndex>>>,
    /// The library changed since the index was last looked at.
    wanted: bool,
}

impl Indexer {
    /// The indexer of the cache folder; `None` without one (`--no-cache`).
    pub fn start(globals: &Globals) -> Option<Indexer> {
        Some(Indexer {
            cache_dir: globals.cache_dir()?,
            globals: globals.clone(),
            index: None,
            building: None,
            wanted: true,
        })
    }

    /// The library was replaced: look at the index again at the next tick.
    pub fn library_changed(&mut self) {
        self.wanted = true;
    }

    /// Takes an update that has finished, and starts one when the library
    /// has been checked against the disk and the index does not cover it.
    /// Never waits.
    pub fn tick(&mut self, library: &Library) {
        if let Some(building) = &self.building {
            match building.try_recv() {
                Ok(ix) => {
                    self.building = None;
                    self.index = ix.or(self.index.take());
                }
                Err(mpsc::TryRecvError::Disconnected) => self.building = None,
                Err(mpsc::TryRecvError::Empty) => return,
            }
        }
        if !self.wanted || library.unchecked {
            return;
        }
        self.wanted = false;
        let sources = index::sources(library, !self.globals.no_bundled);
        if self.index.is_none() {
            self.index = TextIndex::open(&self.cache_dir).ok();
        }
        if self
            .index
            .as_ref()
            .is_some_and(|ix| ix.stale(&sources).is_empty())
        {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let (globals, cache_dir) = (self.globals.clone(), self.cache_dir.clone());
        let spawned = std::thread::Builder::new()
            .name(THREAD.to_string())
            .spawn(move || {
                // A failed update (another instance holding the index, a
                // read-only cache folder, even a panic on a damaged index)
                // leaves the search to the scan.
                let built = index::quietly(|| {
                    let library =
                        load_for_reader(&globals, MatchKeys::packed_of, false, &|_, _| {}).ok()?;
                    let sources = index::sources(&library, !globals.no_bundled);
                    match TextIndex::ready(&cache_dir, &sources, &library) {
                        Ok(ix) => Some(ix),
                        Err(index::IndexError::Busy) => None,
                        Err(_) => {
                            index::forget(&cache_dir);
                            None
                        }
                    }
                });
                let _ = tx.send(built.flatten());
            });
        if spawned.is_ok() {
            self.building = Some(rx);
        }
    }

    /// Whether an update is under way.
    pub fn building(&self) -> bool {
        self.building.is_some()
    }

    /// Every matching paragraph of the articles `admit` lets through, in
    /// library order, through the index; `None` when the index does not
    /// cover `library` as it is (then the scan answers).
    pub fn search(
        &self,
        library: &Library,
        query: &Query,
        admit: impl Fn(&Article) -> bool + Sync,
    ) -> Option<Vec<Hit>> {
        let ix = self.index.as_ref()?;
        let sources = index::sources(library, !self.globals.no_bundled);
        if !ix.stale(&sources).is_empty() {
            return None;
        }
        index::quietly(|| search_index(ix, &sources, library, query, admit).ok()).flatten()
    }
}
