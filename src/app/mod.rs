//! The interactive reader's state: `App` holds everything, keys become
//! [`Action`]s through the keymap of the active view, `App::update` changes
//! state and returns [`Effect`]s for the run loop; `ui::draw` only reads.

mod action;
pub mod draft;
pub mod find;
pub mod input;
pub mod keymap;
pub mod library;
pub mod marks;
mod paste;
mod pinyin_keys;
pub mod reader;
mod run;
pub mod saved;
pub mod signals;
mod tty;
pub mod watch;

use std::collections::HashMap;
use std::rc::Rc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

pub use action::Action;
pub use run::{Ended, build_app, run};

use keymap::{Key, KeyView, Keymap};
use library::{LibraryState, Pane};
use reader::{Passage, ReaderState, column_width, sentences};
use saved::SavedState;

use crate::store::Library;
use crate::taxonomy::{Facet, Taxonomy};
use crate::text::Layout;
use crate::ui::theme::Theme;

/// The default text column, in terminal columns.
pub const DEFAULT_TEXT_WIDTH: usize = 72;

/// A screen; the library is always at the bottom of the stack.
#[derive(Debug, Clone)]
pub enum View {
    Library,
    Reader(Box<ReaderState>),
    Bookmarks(Box<marks::BookmarksView>),
    Hits(Box<find::HitsView>),
}

/// Layers over the view; the top one sees a key first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The library's as-you-type filter prompt.
    FilterPrompt,
    /// The note of a bookmark being made or edited.
    NotePrompt {
        target: marks::NoteTarget,
        input: input::TextInput,
    },
    /// A search query: of the open article in the reader, else of the library.
    SearchPrompt {
        input: input::TextInput,
    },
}

/// What an overlay did with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handled {
    Consumed,
    Ignored,
}

/// What the run loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Give the terminal back and stop until the shell continues us (`fg`).
    Suspend,
    /// Write the reading state (positions, width) to the data dir.
    SaveReadingState,
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
    /// The articles paths watched for changes on disk (the event loop
    /// follows them; `update` never does).
    pub watch: Option<watch::Watch>,
    layouts: HashMap<(usize, usize), Rc<Layout>>,
    /// The whole layout of a long article, being made on another thread
    /// while the reader shows its first screens from a prefix.
    pending: Option<PendingLayout>,
}

struct PendingLayout {
    /// (article, width)
    key: (usize, usize),
    whole: std::sync::mpsc::Receiver<Layout>,
}

/// Articles with more text than this are opened from a prefix of their
/// layout, the rest being laid out on another thread, so that opening one
/// never holds up a frame.
const BACKGROUND_LAYOUT_BYTES: usize = 1 << 20;

impl App {
    pub fn new(
        library: Library,
        taxonomy: &'static Taxonomy,
        keymap: Keymap,
        theme: Theme,
        saved: SavedState,
    ) -> App {
        let lib = LibraryState::new(&library, taxonomy);
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
            watch: None,
            layouts: HashMap::new(),
            pending: None,
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

    /// A key from the terminal: overlays first, top down, then the keymap of
    /// the active view.
    pub fn handle_key(&mut self, event: KeyEvent) -> Vec<Effect> {
        if event.kind != KeyEventKind::Press {
            return Vec::new();
        }
        self.status = None;
        self.finish_layout(false);
        let key = Key::from_event(&event);
        for i in (0..self.overlays.len()).rev() {
            if self.overlay_key(i, key) == Handled::Consumed {
                return Vec::new();
            }
        }
        match self.keymap.action(self.key_view(), key) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
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
                self.update(action);
                self.update(action)
            }
            _ => self.update(if action == Action::ScrollDown {
                Action::Down
            } else {
                Action::Up
            }),
        }
    }

    fn overlay_key(&mut self, index: usize, key: Key) -> Handled {
        let keymap_action = self.keymap.action(self.key_view(), key);
        // The help lists the view's entries and the global ones, with headings.
        let help_lines = self.keymap.entries(self.key_view()).len()
            + self.keymap.entries(KeyView::Global).len()
            + 3;
        match &mut self.overlays[index] {
            Overlay::Help { scroll } => {
                match keymap_action {
                    Some(Action::Help | Action::Back) => {
                        self.overlays.remove(index);
                    }
                    Some(Action::Quit | Action::Suspend) => return Handled::Ignored,
                    _ => match key.code {
                        KeyCode::Down | KeyCode::Char('j') => {
                            *scroll = (*scroll + 1).min(help_lines)
                        }
                        KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                        _ => {}
                    },
                }
                Handled::Consumed
            }
            Overlay::FilterPrompt => {
                if key.ctrl {
                    return Handled::Ignored;
                }
                match key.code {
                    KeyCode::Char(c) => self.lib.filter.insert(c),
                    KeyCode::Backspace => self.lib.filter.backspace(),
                    KeyCode::Left => self.lib.filter.left(),
                    KeyCode::Right => self.lib.filter.right(),
                    KeyCode::Enter => {
                        self.overlays.remove(index);
                        self.lib.pane = Pane::Articles;
                        return Handled::Consumed;
                    }
                    KeyCode::Esc => {
                        self.lib.filter.clear();
                        self.overlays.remove(index);
                    }
                    _ => return Handled::Ignored,
                }
                self.lib.refilter(&self.library, self.taxonomy);
                Handled::Consumed
            }
            Overlay::NotePrompt { input, .. } | Overlay::SearchPrompt { input } => {
                if key.ctrl {
                    return Handled::Ignored;
                }
                match key.code {
                    KeyCode::Char(c) => input.insert(c),
                    KeyCode::Backspace => input.backspace(),
                    KeyCode::Left => input.left(),
                    KeyCode::Right => input.right(),
                    KeyCode::Enter => {
                        let overlay = self.overlays.remove(index);
                        match overlay {
                            Overlay::NotePrompt { target, input } => {
                                self.save_note(target, input.text())
                            }
                            Overlay::SearchPrompt { input } => self.run_search(input.text()),
                            _ => {}
                        }
                    }
                    KeyCode::Esc => {
                        // Cancelling on purpose: a draft of this note goes too.
                        if let Overlay::NotePrompt { target, .. } = self.overlays.remove(index) {
                            self.discard_draft(&target);
                        }
                    }
                    _ => {}
                }
                Handled::Consumed
            }
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
            Action::Quit => return self.quit(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Bookmarks => self.show_bookmarks(),
            _ => match self.view() {
                View::Library => self.library_action(action),
                View::Reader(_) => return self.reader_action(action),
                View::Bookmarks(_) => self.bookmarks_action(action),
                View::Hits(_) => self.hits_action(action),
            },
        }
        Vec::new()
    }

    fn back(&mut self) -> Vec<Effect> {
        if self.overlays.pop().is_some() {
            return Vec::new();
        }
        if self.views.len() == 1 && !self.lib.filter.text().is_empty() {
            // A filter left in place is the first thing `Esc`/`q` undoes.
            self.lib.filter.clear();
            self.lib.refilter(&self.library, self.taxonomy);
            return Vec::new();
        }
        if self.views.len() > 1 {
            let effects = self.remember_position();
            self.views.pop();
            return effects;
        }
        vec![Effect::Quit]
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

    // ---- library ----

    fn library_action(&mut self, action: Action) {
        match action {
            Action::NextPane | Action::PreviousPane => {
                self.lib.pane = match self.lib.pane {
                    Pane::Facets => Pane::Articles,
                    Pane::Articles => Pane::Facets,
                }
            }
            Action::ShowRegions => self.show_facet(Facet::Region),
            Action::ShowProgrammes => self.show_facet(Facet::Programme),
            Action::Filter if !self.overlays.contains(&Overlay::FilterPrompt) => {
                self.overlays.push(Overlay::FilterPrompt);
            }
            Action::Search => self.prompt_search(),
            Action::ClearFacets => {
                self.lib.regions.chosen = None;
                self.lib.programmes.chosen = None;
                self.lib.refilter(&self.library, self.taxonomy);
            }
            Action::Down | Action::Up | Action::Top | Action::Bottom => self.move_cursor(action),
            Action::Open => match self.lib.pane {
                Pane::Facets => self.choose_facet_node(),
                Pane::Articles => {
                    if let Some(&i) = self.lib.shown.get(self.lib.cursor) {
                        self.open_index(i, None);
                    }
                }
            },
            Action::Expand => self.expand(true),
            Action::Collapse => self.expand(false),
            _ => {}
        }
    }

    fn show_facet(&mut self, facet: Facet) {
        self.lib.facet = facet;
        self.lib.pane = Pane::Facets;
    }

    fn move_cursor(&mut self, action: Action) {
        let (cursor, len) = match self.lib.pane {
            Pane::Facets => {
                let tree = self.taxonomy.tree(self.lib.facet);
                let len = self.lib.tree_state(self.lib.facet).rows(tree).len();
                (&mut self.lib.tree_state_mut(self.lib.facet).cursor, len)
            }
            Pane::Articles => (&mut self.lib.cursor, self.lib.shown.len()),
        };
        let last = len.saturating_sub(1);
        *cursor = match action {
            Action::Down => (*cursor + 1).min(last),
            Action::Up => cursor.saturating_sub(1),
            Action::Top => 0,
            _ => last,
        };
    }

    fn current_row(&self) -> Option<library::Row> {
        let tree = self.taxonomy.tree(self.lib.facet);
        let state = self.lib.tree_state(self.lib.facet);
        state.rows(tree).get(state.cursor).copied()
    }

    /// `Enter` on a node: filter by it (again: remove the filter), and show
    /// its children.
    fn choose_facet_node(&mut self) {
        let Some(row) = self.current_row() else {
            return;
        };
        let state = self.lib.tree_state_mut(self.lib.facet);
        if state.chosen == Some(row.node) {
            state.chosen = None;
        } else {
            state.chosen = Some(row.node);
            state.expanded.insert(row.node);
        }
        self.lib.refilter(&self.library, self.taxonomy);
    }

    fn expand(&mut self, open: bool) {
        if self.lib.pane == Pane::Articles {
            if open && let Some(&i) = self.lib.shown.get(self.lib.cursor) {
                self.open_index(i, None);
            }
            return;
        }
        let Some(row) = self.current_row() else {
            return;
        };
        let tree = self.taxonomy.tree(self.lib.facet);
        let state = self.lib.tree_state_mut(self.lib.facet);
        if open {
            if row.has_children {
                state.expanded.insert(row.node);
            }
        } else if state.expanded.contains(&row.node) {
            state.expanded.remove(&row.node);
        } else if let Some(parent) = tree.nodes[row.node].parent {
            // `h` on a closed node goes to its parent, as in a file manager.
            state.expanded.remove(&parent);
            let rows = state.rows(tree);
            state.cursor = rows.iter().position(|r| r.node == parent).unwrap_or(0);
        }
    }

    // ---- reader ----

    /// Opens an article by id, at a paragraph; a paragraph past the end is
    /// clamped to the last one, with a note in the status line.
    pub fn open(&mut self, id: &str, paragraph: Option<usize>) -> Result<(), String> {
        let i = self
            .library
            .position(id)
            .ok_or_else(|| format!("no article with id '{id}' (see `yuedu list`)"))?;
        self.open_index(i, paragraph);
        Ok(())
    }

    /// The layout of an article at a width, showing at least paragraph
    /// `near`. A long article gets a prefix (see [`BACKGROUND_LAYOUT_BYTES`])
    /// until [`App::finish_layout`] puts the whole in its place.
    fn layout(&mut self, article: usize, width: usize, near: usize) -> Rc<Layout> {
        self.finish_layout(true);
        // Only a few (article, width) pairs are alive at a time; keep the
        // cache from growing over a long session of resizing.
        if self.layouts.len() > 16 {
            self.layouts.clear();
        }
        if let Some(l) = self.layouts.get(&(article, width)) {
            return l.clone();
        }
        let a = &self.library.articles[article];
        let bytes: usize = a.paragraphs.iter().map(|p| p.text.len()).sum();
        if bytes > BACKGROUND_LAYOUT_BYTES && near < a.paragraphs.len() / 4 {
            let screen = usize::from(self.size.1).max(24);
            let prefix = Layout::prefix(a, width, near + 1, 4 * screen);
            if !prefix.is_complete() {
                let (tx, rx) = std::sync::mpsc::channel();
                // The paragraphs share their text: this copies no text.
                let paragraphs = a.paragraphs.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(Layout::paragraphs_on_this_thread(&paragraphs, width));
                });
                self.pending = Some(PendingLayout {
                    key: (article, width),
                    whole: rx,
                });
                // Not cached: the whole takes its place.
                return Rc::new(prefix);
            }
        }
        let layout = Rc::new(Layout::article(a, width));
        self.layouts.insert((article, width), layout.clone());
        layout
    }

    /// Puts a whole layout being made elsewhere in place of its prefix if
    /// it is done, or, with `wait`, once it is (by the time a key is pressed
    /// after opening, it usually is). Line numbers are the same in both, so
    /// the reader stays where it is.
    fn finish_layout(&mut self, wait: bool) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let (article, width) = pending.key;
        let received = if wait {
            pending.whole.recv().map_err(|_| true)
        } else {
            pending.whole.try_recv().map_err(|e| match e {
                std::sync::mpsc::TryRecvError::Empty => false,
                std::sync::mpsc::TryRecvError::Disconnected => true,
            })
        };
        let whole = match received {
            Ok(l) => Rc::new(l),
            Err(false) => {
                self.pending = Some(pending);
                return;
            }
            // The thread could not finish: lay out here instead.
            Err(true) => Rc::new(Layout::article(&self.library.articles[article], width)),
        };
        self.layouts.insert(pending.key, whole.clone());
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

    fn open_index(&mut self, article: usize, paragraph: Option<usize>) {
        let width = column_width(self.text_width, self.size.0);
        let a = &self.library.articles[article];
        let count = a.paragraphs.len();
        let saved = self.saved.state.positions.get(&a.id).copied();
        let (p, offset) = match (paragraph, saved) {
            (Some(p), _) if count > 0 && p >= count => {
                self.status = Some(format!(
                    "paragraph {p} is past the end; showing the last ({})",
                    count - 1
                ));
                (count - 1, 0)
            }
            (Some(p), _) => (p, 0),
            (None, Some(s)) if s.paragraph < count => (s.paragraph, s.offset),
            _ => (0, 0),
        };
        let len = a.paragraphs.get(p).map_or(0, |x| x.text.len());
        let layout = self.layout(article, width, p);
        let a = &self.library.articles[article];
        let mut reader = ReaderState {
            article,
            header: ReaderState::header_lines(a, width),
            top: layout.line_of(p, offset).unwrap_or(0),
            layout,
            passage: Passage {
                paragraph: p,
                range: 0..len,
            },
            selection: None,
            search: None,
        };
        let h = reader.geometry(self.size).body_height;
        reader.top = reader.top.min(reader.last_top(h));
        self.views.push(View::Reader(Box::new(reader)));
    }

    /// Lays the open article out again after a resize or a width change,
    /// keeping the same text at the top.
    fn relayout(&mut self) {
        let width = column_width(self.text_width, self.size.0);
        let size = self.size;
        let Some(article) = (match self.view() {
            View::Reader(r) if r.layout.width != width => Some(r.article),
            _ => None,
        }) else {
            return;
        };
        let near = match self.view() {
            View::Reader(r) => r.position().paragraph,
            _ => 0,
        };
        let layout = self.layout(article, width, near);
        let header = ReaderState::header_lines(&self.library.articles[article], width);
        if let Some(r) = self.reader_mut() {
            let pos = r.position();
            r.layout = layout;
            r.header = header;
            r.top = r.layout.line_of(pos.paragraph, pos.offset).unwrap_or(0);
            let h = r.geometry(size).body_height;
            r.top = r.top.min(r.last_top(h));
        }
    }

    fn reader_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Wider | Action::Narrower => return self.change_width(action),
            Action::Search => {
                self.prompt_search();
                return Vec::new();
            }
            Action::NextMatch | Action::PreviousMatch => {
                self.step_match(action == Action::NextMatch);
                return Vec::new();
            }
            Action::Select => {
                self.toggle_selection();
                return Vec::new();
            }
            Action::Bookmark => {
                self.prompt_bookmark();
                return Vec::new();
            }
            _ => {}
        }
        let size = self.size;
        let article_index = match self.view() {
            View::Reader(r) => r.article,
            _ => return Vec::new(),
        };
        let article = &self.library.articles[article_index];
        let para_len = |p: usize| article.paragraphs.get(p).map_or(0, |x| x.text.len());
        let paragraph_count = article.paragraphs.len();
        let Some(r) = (match self.views.last_mut() {
            Some(View::Reader(r)) => Some(r),
            _ => None,
        }) else {
            return Vec::new();
        };
        let h = r.geometry(size).body_height.max(1);
        let last = r.last_top(h);
        match action {
            Action::ScrollDown | Action::Down => r.top = (r.top + 1).min(last),
            Action::ScrollUp | Action::Up => r.top = r.top.saturating_sub(1),
            Action::PageDown => r.top = (r.top + h.saturating_sub(1).max(1)).min(last),
            Action::PageUp => r.top = r.top.saturating_sub(h.saturating_sub(1).max(1)),
            Action::Top => r.top = 0,
            Action::Bottom => r.top = last,
            Action::NextParagraph | Action::PreviousParagraph => {
                let p = r.passage.paragraph;
                let next = if action == Action::NextParagraph {
                    (p + 1).min(paragraph_count.saturating_sub(1))
                } else {
                    p.saturating_sub(1)
                };
                // A sentence passage goes back to its own paragraph first.
                let target =
                    if action == Action::PreviousParagraph && r.passage.range != (0..para_len(p)) {
                        p
                    } else {
                        next
                    };
                r.passage = Passage {
                    paragraph: target,
                    range: 0..para_len(target),
                };
                r.reveal_passage(h);
            }
            Action::NextSentence | Action::PreviousSentence => {
                if let Some(passage) =
                    step_sentence(article, &r.passage, action == Action::NextSentence)
                {
                    r.passage = passage;
                }
                r.reveal_passage(h);
            }
            _ => {}
        }
        Vec::new()
    }

    fn change_width(&mut self, action: Action) -> Vec<Effect> {
        use crate::config::{MAX_TEXT_WIDTH, MIN_TEXT_WIDTH};
        // Start from what is shown, so `-` on a narrow terminal acts at once.
        let shown = column_width(self.text_width, self.size.0);
        self.text_width = match action {
            Action::Wider => (shown + 4).min(MAX_TEXT_WIDTH),
            _ => shown.saturating_sub(4).max(MIN_TEXT_WIDTH),
        };
        self.saved.state.text_width = Some(self.text_width);
        self.relayout();
        self.status = Some(format!("text column: {} columns", self.text_width));
        vec![Effect::SaveReadingState]
    }
}

/// The sentence after (or before) the passage, crossing into the next (or
/// previous) paragraph that has one.
fn step_sentence(
    article: &crate::model::Article,
    passage: &Passage,
    forward: bool,
) -> Option<Passage> {
    let paras = &article.paragraphs;
    let at = |p: usize| sentences(&paras[p].text);
    let p = passage.paragraph.min(paras.len().checked_sub(1)?);
    if forward {
        let whole = passage.range.start == 0 && passage.range.end == paras[p].text.len();
        let here = at(p);
        let found = if whole {
            // From a whole paragraph, the first sentence is the next step
            // unless the paragraph is a single sentence.
            here.iter().find(|s| **s != passage.range).cloned()
        } else {
            here.iter().find(|s| s.start >= passage.range.end).cloned()
        };
        if let Some(range) = found {
            return Some(Passage {
                paragraph: p,
                range,
            });
        }
        (p + 1..paras.len()).find_map(|q| {
            at(q).first().cloned().map(|range| Passage {
                paragraph: q,
                range,
            })
        })
    } else {
        if let Some(range) = at(p)
            .into_iter()
            .rev()
            .find(|s| s.end <= passage.range.start)
        {
            return Some(Passage {
                paragraph: p,
                range,
            });
        }
        (0..p).rev().find_map(|q| {
            at(q).last().cloned().map(|range| Passage {
                paragraph: q,
                range,
            })
        })
    }
}
