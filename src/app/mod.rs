//! The interactive reader's state: `App` holds everything, keys become
//! [`Action`]s through the keymap of the active view, `App::update` changes
//! state and returns [`Effect`]s for the run loop (it does no I/O); the UI
//! only reads. One file per feature: the library, reading, search (`find`),
//! bookmarks (`marks`), the overlays, the layout cache.

mod action;
mod browse;
mod clipboard;
pub mod cursor;
pub mod draft;
pub mod effect;
pub mod facets;
pub mod find;
pub mod indexer;
pub mod input;
pub mod keymap;
pub mod layouts;
pub mod library;
pub mod listing;
pub mod marks;
mod overlay;
mod paste;
mod pinyin_keys;
mod progress;
pub mod reader;
mod reading;
mod run;
pub mod saved;
pub mod signals;
mod terminal;
pub mod theme;
mod tty;
pub mod watch;

use std::rc::Rc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

pub use action::Action;
pub use effect::{Effect, Outcome, carry_out};
pub use overlay::Overlay;
pub use run::{Ended, Screens, build_app, build_app_with, run};

use keymap::{Key, KeyView, Keymap};
use layouts::LayoutCache;
use library::LibraryState;
use reader::ReaderState;
use saved::SavedState;
use theme::Theme;

use crate::store::Library;
use crate::taxonomy::Taxonomy;
use crate::text::Layout;

/// The default text column, in terminal columns.
pub const DEFAULT_TEXT_WIDTH: usize = 72;

/// The largest count a key takes (`20G`); more digits change nothing.
const MAX_COUNT: usize = 1_000_000_000;

/// A screen; the library is always at the bottom of the stack.
#[derive(Debug, Clone)]
pub enum View {
    Library,
    Reader(Box<ReaderState>),
    Bookmarks(Box<marks::BookmarksView>),
    Hits(Box<find::HitsView>),
}

pub struct App {
    pub library: Library,
    pub taxonomy: &'static Taxonomy,
    pub keymap: Keymap,
    pub theme: Theme,
    pub lib: LibraryState,
    pub views: Vec<View>,
    pub overlays: Vec<Overlay>,
    /// Terminal size (columns, rows), as last reported.
    pub size: (u16, u16),
    pub text_width: usize,
    pub saved: SavedState,
    /// A one-line message for the status bar (a problem, a clamp).
    pub status: Option<String>,
    /// The bookmarks of the data dir; `None` when it cannot be used (the
    /// reason is in the status line).
    pub bookmarks: Option<crate::bookmarks::BookmarkStore>,
    /// Where exports go.
    pub data_dir: Option<std::path::PathBuf>,
    /// Notes typed but not saved, offered again on the next `m` there.
    pub drafts: draft::Drafts,
    /// Every problem found in the config, each naming its line (the help
    /// lists them).
    pub config_problems: Vec<String>,
    /// The searches of this session, oldest first (↑ in the prompt).
    pub searches: Vec<String>,
    /// Digits typed before a key (`5` of `5j`), while typing them.
    pub typed_count: Option<usize>,
    /// The count of the action being carried out.
    count: Option<usize>,
    layouts: LayoutCache,
    /// The articles paths watched for changes on disk (the event loop
    /// follows them; `update` never does).
    pub watch: Option<watch::Watch>,
    /// The full-text index behind the library search (`None` without a
    /// cache folder: the search scans).
    pub indexer: Option<indexer::Indexer>,
}

impl App {
    pub fn new(
        mut library: Library,
        taxonomy: &'static Taxonomy,
        keymap: Keymap,
        theme: Theme,
        saved: SavedState,
    ) -> App {
        let mut lib = LibraryState::new(&mut library, taxonomy);
        lib.read_progress(&library, &saved.state);
        let text_width = saved.state.text_width.unwrap_or(DEFAULT_TEXT_WIDTH);
        App {
            library,
            taxonomy,
            keymap,
            theme,
            lib,
            views: vec![View::Library],
            overlays: Vec::new(),
            size: (80, 24),
            text_width,
            saved,
            status: None,
            bookmarks: None,
            data_dir: None,
            drafts: draft::Drafts::default(),
            config_problems: Vec::new(),
            searches: Vec::new(),
            typed_count: None,
            count: None,
            layouts: LayoutCache::default(),
            watch: None,
            indexer: None,
        }
    }

    pub fn view(&self) -> &View {
        self.views.last().unwrap_or(&View::Library)
    }

    pub fn key_view(&self) -> KeyView {
        match self.view() {
            View::Library => KeyView::Library,
            View::Reader(_) => KeyView::Reader,
            View::Bookmarks(_) => KeyView::Bookmarks,
            View::Hits(_) => KeyView::Hits,
        }
    }

    fn reader_mut(&mut self) -> Option<&mut ReaderState> {
        match self.views.last_mut() {
            Some(View::Reader(r)) => Some(r),
            _ => None,
        }
    }

    /// A key from the terminal: overlays first, top down, then a count
    /// being typed, then the keymap of the active view.
    pub fn handle_key(&mut self, event: KeyEvent) -> Vec<Effect> {
        if event.kind != KeyEventKind::Press {
            return Vec::new();
        }
        self.status = None;
        self.finish_layout(false);
        let key = Key::from_event(&event);
        for i in (0..self.overlays.len()).rev() {
            if let Some(effects) = self.overlay_key(i, key) {
                self.typed_count = None;
                return effects;
            }
        }
        let action = self.keymap.action(self.key_view(), key);
        if let (KeyCode::Char(c @ '0'..='9'), false, None) = (key.code, key.ctrl, action)
            && (c != '0' || self.typed_count.is_some())
        {
            let digit = c as usize - '0' as usize;
            let n = self.typed_count.unwrap_or(0).saturating_mul(10);
            self.typed_count = Some(n.saturating_add(digit).min(MAX_COUNT));
            return Vec::new();
        }
        let count = self.typed_count.take();
        let Some(action) = action else {
            return Vec::new();
        };
        self.count = count;
        let effects = self.update(action);
        self.count = None;
        effects
    }

    pub fn handle_mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        let action = match event.kind {
            MouseEventKind::ScrollDown => Action::ScrollDown,
            MouseEventKind::ScrollUp => Action::ScrollUp,
            _ => return Vec::new(),
        };
        if !self.overlays.is_empty() {
            return Vec::new();
        }
        match self.view() {
            View::Reader(_) => {
                self.count = Some(2);
                let effects = self.update(action);
                self.count = None;
                effects
            }
            _ => self.update(if action == Action::ScrollDown {
                Action::Down
            } else {
                Action::Up
            }),
        }
    }

    /// Changes the state for one action; one small function per action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // Moving a little within a long article's prefix need not wait for
        // its whole layout; anything else does.
        let small_move = matches!(
            action,
            Action::Down
                | Action::Up
                | Action::ScrollDown
                | Action::ScrollUp
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::NextParagraph
                | Action::PreviousParagraph
                | Action::NextSentence
                | Action::PreviousSentence
        );
        let near_end = match self.view() {
            View::Reader(r) if !r.layout.is_complete() => {
                let h = r.geometry(self.size).body_height.max(1);
                r.top + 3 * h >= r.layout.lines.len()
            }
            _ => false,
        };
        self.finish_layout(!small_move || near_end);
        match action {
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Back => return self.back(),
            Action::Cancel => self.cancel(),
            Action::Quit => return self.quit(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Bookmarks => return self.show_bookmarks(),
            _ => match self.view() {
                View::Library => self.library_action(action),
                View::Reader(_) => {
                    let effects = self.reader_action(action);
                    self.note_progress();
                    return effects;
                }
                View::Bookmarks(_) => return self.bookmarks_action(action),
                View::Hits(_) => self.hits_action(action),
            },
        }
        self.note_progress();
        Vec::new()
    }

    /// `q`: close the overlay, clear the library's filter, leave the view,
    /// and from the library quit.
    fn back(&mut self) -> Vec<Effect> {
        if self.overlays.pop().is_some() {
            return Vec::new();
        }
        if let Some(r) = self.reader_mut()
            && r.selection.take().is_some()
        {
            self.status = Some("selection cancelled".into());
            return Vec::new();
        }
        if self.views.len() == 1 && !self.lib.filter.text().is_empty() {
            // A filter left in place is the first thing `q` undoes.
            self.lib.filter.clear();
            self.lib.refilter(&self.library, self.taxonomy);
            return Vec::new();
        }
        if self.views.len() > 1 {
            let effects = self.remember_position();
            self.views.pop();
            self.back_in_library();
            return effects;
        }
        vec![Effect::Quit]
    }

    /// `Esc`: cancel what is in progress (a selection, a search's marks, the
    /// filter); never leaves a view and never quits.
    fn cancel(&mut self) {
        self.typed_count = None;
        if let Some(r) = self.reader_mut() {
            if r.selection.take().is_some() {
                self.status = Some("selection cancelled".into());
            } else if r.search.take().is_some() {
                self.status = Some("search cleared".into());
            }
            return;
        }
        if matches!(self.view(), View::Library) && !self.lib.filter.text().is_empty() {
            self.lib.filter.clear();
            self.lib.refilter(&self.library, self.taxonomy);
        }
        if let Some(View::Bookmarks(v)) = self.views.last_mut() {
            v.filter.clear();
            v.cursor = Default::default();
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.keep_typed_note();
        let mut effects = self.remember_position();
        effects.push(Effect::Quit);
        effects
    }

    /// Notes the reading position of the open article, if any.
    fn remember_position(&mut self) -> Vec<Effect> {
        let View::Reader(r) = self.view() else {
            return Vec::new();
        };
        let id = self.library.articles[r.article].id.clone();
        let pos = r.position();
        self.saved.state.positions.insert(id, pos);
        vec![Effect::SaveReadingState]
    }

    pub fn resize(&mut self, columns: u16, rows: u16) {
        self.finish_layout(true);
        self.size = (columns, rows);
        self.relayout();
    }

    /// The layout of an article at a width, showing at least paragraph
    /// `near` (a prefix for a long article, until [`App::finish_layout`]).
    fn layout(&mut self, article: usize, width: usize, near: usize) -> Rc<Layout> {
        let screen = usize::from(self.size.1);
        let a = &self.library.articles[article];
        let (layout, finished) = self.layouts.get(article, a, width, near, screen);
        if let Some((key, whole)) = finished {
            self.put_whole(key, whole);
        }
        layout
    }

    /// Puts a whole layout being made elsewhere in place of its prefix if
    /// it is done, or, with `wait`, once it is (by the time a key is pressed
    /// after opening, it usually is). Line numbers are the same in both, so
    /// the reader stays where it is.
    fn finish_layout(&mut self, wait: bool) {
        if !self.layouts.is_pending() {
            return;
        }
        let articles = &self.library.articles;
        let finished = self.layouts.finish(wait, |(article, width)| {
            Layout::article(&articles[article], width)
        });
        if let Some((key, whole)) = finished {
            self.put_whole(key, whole);
        }
    }

    fn put_whole(&mut self, (article, width): layouts::LayoutKey, whole: Rc<Layout>) {
        for view in &mut self.views {
            if let View::Reader(r) = view
                && r.article == article
                && r.layout.width == width
                && !r.layout.is_complete()
            {
                r.layout = whole.clone();
            }
        }
    }
}
