//! A growing folder: files added, changed or removed under the `--articles`
//! folders (or a file given itself) while the reader runs are seen by
//! notify, debounced so that a file still being written is read once it
//! has settled, and the library is loaded again on a thread (the article
//! cache makes the unchanged files cheap). The new library takes the old
//! one's place without losing the reader's place: the open article stays
//! open at the same paragraph, the list cursor on the same article.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, DebouncedEventKind, Debouncer};

use super::pinyin_keys::MatchKeys;
use super::reader::{ReaderState, column_width};
use super::{App, View};
use crate::cli::{CliError, Globals, load_for_reader};
use crate::model::Passage;
use crate::store::Library;

/// How long a file must be quiet before it is read again.
const SETTLE: Duration = Duration::from_millis(400);

/// Watches the articles paths of a TUI session.
pub struct Watch {
    /// The watcher, once set up.
    _debouncer: Option<Debouncer<RecommendedWatcher>>,
    /// The watcher being set up, on a thread of its own: a recursive watch
    /// walks the folder, which at a hundred thousand files would hold the
    /// first frame back.
    setting_up: Option<mpsc::Receiver<Option<Debouncer<RecommendedWatcher>>>>,
    changes: mpsc::Receiver<DebounceEventResult>,
    /// The paths given (`--articles`), to tell their files from others'.
    roots: Vec<PathBuf>,
    globals: Globals,
    loading: Option<mpsc::Receiver<Result<Library, CliError>>>,
    /// A change came while a load was under way: load again after it.
    again: bool,
    /// The library came from the cache unlooked at: load it, looking, at
    /// the first tick (after the first frame).
    check: bool,
    /// The load under way or ready is that look.
    checking: bool,
    /// A library loaded again, waiting for a note being typed to be saved
    /// or cancelled (its bookmark is to go on the article it was begun on).
    ready: Option<Library>,
}

impl Watch {
    /// Watches every `--articles` path (set up on a thread: see
    /// `setting_up`); `None` when there is none. Where the system will not
    /// watch them, the reader works as before, its library checked once.
    pub fn start(globals: &Globals) -> Option<Watch> {
        if globals.articles.is_empty() {
            return None;
        }
        let (tx, changes) = mpsc::channel();
        let roots: Vec<PathBuf> = (globals.articles.iter())
            .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            .collect();
        // Without the article cache, a look at the disk would parse every
        // file again: the watch is set up before the first frame instead.
        let (debouncer, setting_up) = if globals.no_cache {
            (watcher(&roots, tx), None)
        } else {
            let (set_up, setting_up) = mpsc::channel();
            let watched = roots.clone();
            let spawned = std::thread::Builder::new()
                .name("yuedu-watch".into())
                .spawn(move || {
                    let _ = set_up.send(watcher(&watched, tx));
                });
            (None, spawned.is_ok().then_some(setting_up))
        };
        Some(Watch {
            _debouncer: debouncer,
            setting_up,
            changes,
            roots,
            globals: globals.clone(),
            loading: None,
            again: false,
            check: false,
            checking: false,
            ready: None,
        })
    }

    /// Looks for changes and for a load that has finished, without
    /// waiting; true when the library was replaced (the screen changed).
    pub fn tick(&mut self, app: &mut App) -> bool {
        // The look at the disk waits for the watch, so that no change
        // between the two goes unseen; once the watch is set up the files
        // are looked at (from the cache: cheap) for what changed while the
        // library loaded and the watch was set up.
        let mut watching = false;
        if let Some(setting_up) = &self.setting_up {
            match setting_up.try_recv() {
                Ok(debouncer) => self._debouncer = debouncer,
                Err(mpsc::TryRecvError::Empty) => return false,
                Err(mpsc::TryRecvError::Disconnected) => {}
            }
            self.setting_up = None;
            watching = true;
        }
        let mut changed = std::mem::take(&mut self.check);
        self.checking |= changed;
        changed |= watching;
        while let Ok(events) = self.changes.try_recv() {
            let Ok(events) = events else {
                continue;
            };
            changed |= events
                .iter()
                .any(|e| e.kind == DebouncedEventKind::Any && self.is_article(&e.path));
        }
        if changed {
            if self.loading.is_some() {
                self.again = true;
            } else {
                self.load();
            }
        }
        let mut shown = false;
        if let Some(loading) = &self.loading {
            let loaded = match loading.try_recv() {
                Ok(loaded) => Some(loaded),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.loading = None;
                    None
                }
            };
            if let Some(loaded) = loaded {
                self.loading = None;
                if std::mem::take(&mut self.again) {
                    self.load();
                }
                match loaded {
                    Ok(library) => self.ready = Some(library),
                    Err(e) => {
                        app.status = Some(format!("the articles could not be read again: {e}"));
                        shown = true;
                    }
                }
            }
        }
        let typing = app
            .overlays
            .iter()
            .any(|o| matches!(o, super::Overlay::NotePrompt { .. }));
        let Some(library) = self.ready.take_if(|_| !typing) else {
            return shown;
        };
        let before = app.library.articles.len();
        let skipped =
            super::run::skipped_line(&library).filter(|_| std::mem::take(&mut self.checking));
        app.replace_library(library);
        let after = app.library.articles.len();
        if before != after {
            app.status = Some(format!("the articles changed on disk: {after} articles"));
        }
        // The files that could not be read, said after the look that
        // follows a start from the cache as they are on any other start.
        if skipped.is_some() && app.status.is_none() {
            app.status = skipped;
        }
        true
    }

    /// Looks at the files at the next tick, and puts what changed in
    /// place as for a change seen on disk.
    pub fn check_soon(&mut self) {
        self.check = true;
    }

    /// Whether a changed path is one the library reads: under a folder
    /// given, or a file given, and not hidden (editors' swap files).
    fn is_article(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| {
            path == root
                || path.strip_prefix(root).is_ok_and(|rest| {
                    !rest
                        .components()
                        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                })
        })
    }

    fn load(&mut self) {
        let (tx, rx) = mpsc::channel();
        let globals = self.globals.clone();
        std::thread::spawn(move || {
            let _ = tx.send(load_for_reader(
                &globals,
                MatchKeys::packed_of,
                false,
                &|_, _| {},
            ));
        });
        self.loading = Some(rx);
    }
}

impl App {
    /// Follows the articles on disk (see [`Watch::tick`]); true when the
    /// screen changed.
    pub fn follow_changes(&mut self) -> bool {
        let Some(mut watch) = self.watch.take() else {
            return false;
        };
        let changed = watch.tick(self);
        self.watch = Some(watch);
        changed
    }

    /// Puts a library loaded again in place of this one, keeping the
    /// reader's place: every open article (by id) at the same paragraph
    /// and offset, the list on the same article, the filters as they are.
    /// An open article whose file is gone is closed.
    pub fn replace_library(&mut self, library: Library) {
        let old = std::mem::replace(&mut self.library, library);
        if let Some(indexer) = &mut self.indexer {
            indexer.library_changed();
        }
        self.layouts = super::layouts::LayoutCache::default();
        let mut lib = super::library::LibraryState::new(&mut self.library, self.taxonomy);
        lib.read_progress(&self.library, &self.saved.state);
        lib.facet = self.lib.facet;
        lib.pane = self.lib.pane;
        lib.filter = self.lib.filter.clone();
        lib.unread_only = self.lib.unread_only;
        lib.chart = self.lib.chart;
        lib.chart_by = self.lib.chart_by;
        lib.set_order(&self.library, self.lib.order);
        for (new, was) in lib.trees.iter_mut().zip(&self.lib.trees) {
            // Sources and dates are named, not numbered: they stay as they are.
            new.expanded = was.expanded.clone();
            new.cursor = was.cursor;
            new.chosen = was.chosen.clone();
        }
        let selected = self.lib.current();
        lib.refilter(&self.library, self.taxonomy);
        let new_index: Vec<Option<usize>> = old
            .articles
            .iter()
            .map(|a| self.library.position(&a.id))
            .collect();
        let moved = |i: usize| new_index.get(i).copied().flatten();
        let index = selected
            .and_then(moved)
            .and_then(|n| lib.rows.iter().position(|r| r.article == n))
            .unwrap_or(0);
        lib.cursor.index = index;
        lib.cursor.offset = self.lib.cursor.offset.min(index);
        self.lib = lib;
        let views = std::mem::take(&mut self.views);
        for view in views {
            match view {
                View::Reader(r) => {
                    if let Some(n) = moved(r.article) {
                        let reader = self.reader_again(&r, n);
                        self.views.push(View::Reader(Box::new(reader)));
                    }
                }
                View::Hits(mut h) => {
                    h.titles = h
                        .titles
                        .into_iter()
                        .filter_map(|(a, range)| Some((moved(a)?, range)))
                        .collect();
                    h.hits.retain_mut(|hit| match moved(hit.article) {
                        Some(n) => {
                            hit.article = n;
                            true
                        }
                        None => false,
                    });
                    let last = (h.titles.len() + h.hits.len()).saturating_sub(1);
                    h.cursor.index = h.cursor.index.min(last);
                    h.cursor.offset = h.cursor.offset.min(h.cursor.index);
                    self.views.push(View::Hits(h));
                }
                other => self.views.push(other),
            }
        }
        if self.views.is_empty() {
            self.views.push(View::Library);
        }
        if let Some(store) = &mut self.bookmarks
            && let Err(e) = store.reanchor(&self.library)
        {
            self.status = Some(format!("bookmarks: {e}"));
        }
    }

    /// The reader `r` showed, on article `n` of the new library: the same
    /// paragraph and offset at the top, the current passage kept where the
    /// paragraph still is.
    fn reader_again(&mut self, r: &ReaderState, n: usize) -> ReaderState {
        let width = column_width(self.text_width, self.size.0);
        let pos = r.position();
        let count = self.library.articles[n].paragraphs.len();
        let p = pos.paragraph.min(count.saturating_sub(1));
        let layout = self.layout(n, width, p);
        let a = &self.library.articles[n];
        let len_of = |p: usize| a.paragraphs.get(p).map_or(0, |x| x.text.len());
        let offset = if p == pos.paragraph {
            pos.offset.min(len_of(p))
        } else {
            0
        };
        let passage = if r.passage.last < count && r.passage.end <= len_of(r.passage.last) {
            r.passage
        } else {
            Passage::paragraph(a, p).unwrap_or(Passage {
                first: p,
                last: p,
                start: 0,
                end: 0,
            })
        };
        let mut reader = ReaderState {
            article: n,
            header: ReaderState::header_lines(a, width),
            top: layout.line_of(p, offset).unwrap_or(0),
            layout,
            passage,
            selection: None,
            search: None,
        };
        let h = reader.geometry(self.size).body_height;
        reader.top = reader.top.min(reader.last_top(h));
        reader
    }
}

/// A watcher of `roots` sending to `tx`; `None` when the system watches
/// none of them.
fn watcher(
    roots: &[PathBuf],
    tx: mpsc::Sender<DebounceEventResult>,
) -> Option<Debouncer<RecommendedWatcher>> {
    let mut debouncer = notify_debouncer_mini::new_debouncer(SETTLE, tx).ok()?;
    let mut any = false;
    for path in roots {
        // A file is watched through its folder: editors and scrapers
        // replace files by renaming, which a watch on the file loses.
        let (watched, mode) = match path.parent() {
            Some(parent) if path.is_file() => (parent.to_path_buf(), RecursiveMode::NonRecursive),
            _ => (path.clone(), RecursiveMode::Recursive),
        };
        any |= debouncer.watcher().watch(&watched, mode).is_ok();
    }
    any.then_some(debouncer)
}
