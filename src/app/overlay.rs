//! The layers over a view (help, prompts) and how they take keys: the top
//! one sees a key first and keeps it, or lets it through (Ctrl-c and
//! Ctrl-z always go through, so a prompt never traps the reader). Their
//! keys come from the keymap's `[overlay]` and `[prompt]` sections.

use ratatui::crossterm::event::KeyCode;

use super::cursor::{ListCursor, Step};
use super::input::TextInput;
use super::keymap::{Key, KeyView};
use super::library::Pane;
use super::marks::NoteTarget;
use super::{Action, App, Effect, View};
use crate::model::ParagraphKind;

/// Layers over the view; the top one sees a key first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The open article's headings (`t`), as paragraph indexes; `Enter`
    /// jumps to the one under the cursor.
    Contents {
        headings: Vec<usize>,
        cursor: ListCursor,
    },
    /// The library's as-you-type filter prompt.
    FilterPrompt,
    /// The note of a bookmark being made or edited.
    NotePrompt {
        target: NoteTarget,
        input: TextInput,
    },
    /// A search query: of the open article in the reader, else of the
    /// library; `recall` is the earlier search shown (↑/↓), counted back.
    SearchPrompt {
        input: TextInput,
        recall: Option<usize>,
    },
}

impl App {
    /// Gives a key to the overlay at `index`: `None` when it lets the key
    /// through to the layers below.
    pub(super) fn overlay_key(&mut self, index: usize, key: Key) -> Option<Vec<Effect>> {
        match self.overlays[index] {
            Overlay::Help { .. } => return self.help_key(index, key),
            Overlay::Contents { .. } => return self.contents_key(index, key),
            _ => {}
        }
        let Some(action) = self.keymap.action_in(KeyView::Prompt, key) else {
            return match key.code {
                KeyCode::Char(c) if !key.ctrl => {
                    if let Some(input) = self.prompt_input(index) {
                        input.insert(c);
                    }
                    self.prompt_edited(index);
                    Some(Vec::new())
                }
                // Quit and suspend work from a prompt: what is typed is
                // kept (a note as a draft); every other key stays here.
                _ => match self.keymap.action_in(KeyView::Global, key) {
                    Some(Action::Quit | Action::Suspend) => None,
                    _ => Some(Vec::new()),
                },
            };
        };
        Some(self.prompt_action(index, action))
    }

    fn help_key(&mut self, index: usize, key: Key) -> Option<Vec<Effect>> {
        let action = (self.keymap.action_in(KeyView::Overlay, key))
            .or_else(|| self.keymap.action_in(KeyView::Global, key));
        let page = usize::from(self.size.1).saturating_sub(2).max(1);
        let Overlay::Help { scroll } = &mut self.overlays[index] else {
            return Some(Vec::new());
        };
        let count = self.count.unwrap_or(1);
        match action {
            Some(Action::Help | Action::Back | Action::Cancel) => {
                self.overlays.remove(index);
            }
            Some(Action::Quit | Action::Suspend) => return None,
            Some(Action::Down) => *scroll = scroll.saturating_add(count),
            Some(Action::Up) => *scroll = scroll.saturating_sub(count),
            Some(Action::PageDown) => *scroll = scroll.saturating_add(page),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(page),
            Some(Action::HalfPageDown) => *scroll = scroll.saturating_add(page / 2),
            Some(Action::HalfPageUp) => *scroll = scroll.saturating_sub(page / 2),
            Some(Action::Top) => *scroll = 0,
            Some(Action::Bottom) => *scroll = usize::MAX,
            _ => {}
        }
        // The help is drawn with what fits; the scroll never runs past it.
        let len = self.help_len();
        if let Some(Overlay::Help { scroll }) = self.overlays.get_mut(index) {
            *scroll = (*scroll).min(len);
        }
        Some(Vec::new())
    }

    /// `t` in the reader: the article's headings over it.
    pub(super) fn show_contents(&mut self) {
        let View::Reader(r) = self.view() else {
            return;
        };
        let article = &self.library.articles[r.article];
        let headings: Vec<usize> = (article.paragraphs.iter().enumerate())
            .filter(|(_, p)| p.kind == ParagraphKind::Heading)
            .map(|(i, _)| i)
            .collect();
        if headings.is_empty() {
            self.status = Some("this article has no headings".into());
            return;
        }
        // The cursor starts at the heading of the part being read.
        let here = r.passage.first;
        let index = headings.iter().rposition(|&h| h <= here).unwrap_or(0);
        let mut cursor = ListCursor::default();
        cursor.set(index, headings.len(), self.contents_page());
        self.overlays.push(Overlay::Contents { headings, cursor });
    }

    /// Headings that fit in the contents box.
    pub fn contents_page(&self) -> usize {
        usize::from(self.size.1).saturating_sub(4).max(1)
    }

    fn contents_key(&mut self, index: usize, key: Key) -> Option<Vec<Effect>> {
        let action = (self.keymap.action_in(KeyView::Overlay, key))
            .or_else(|| self.keymap.action_in(KeyView::Global, key));
        let page = self.contents_page();
        let count = self.count;
        let Overlay::Contents { headings, cursor } = &mut self.overlays[index] else {
            return Some(Vec::new());
        };
        match action {
            Some(Action::Back | Action::Cancel) => {
                self.overlays.remove(index);
            }
            Some(Action::Quit | Action::Suspend) => return None,
            Some(Action::Open | Action::Expand) => {
                let p = headings.get(cursor.index).copied();
                self.overlays.remove(index);
                if let Some(p) = p {
                    self.jump_to_paragraph(p);
                }
            }
            Some(a) => {
                if let Some(step) = Step::of(a, count) {
                    cursor.step(step, headings.len(), page);
                }
            }
            None => {}
        }
        Some(Vec::new())
    }

    /// Lines in the help of the active view: its entries and the global
    /// ones, with headings.
    pub fn help_len(&self) -> usize {
        let problems: usize = (self.config_problems.iter())
            .map(|p| p.chars().count() / 20 + 1)
            .sum();
        self.keymap.entries(self.key_view()).len()
            + self.keymap.entries(KeyView::Global).len()
            + self.keymap.entries(KeyView::Prompt).len()
            + 5
            + if problems > 0 { problems + 2 } else { 0 }
    }

    fn prompt_input(&mut self, index: usize) -> Option<&mut TextInput> {
        match &mut self.overlays[index] {
            Overlay::FilterPrompt => Some(&mut self.lib.filter),
            Overlay::NotePrompt { input, .. } | Overlay::SearchPrompt { input, .. } => Some(input),
            Overlay::Help { .. } | Overlay::Contents { .. } => None,
        }
    }

    /// The filter follows its prompt as it is typed.
    fn prompt_edited(&mut self, index: usize) {
        if self.overlays[index] == Overlay::FilterPrompt {
            self.lib.refilter(&self.library, self.taxonomy);
        }
    }

    fn prompt_action(&mut self, index: usize, action: Action) -> Vec<Effect> {
        match action {
            Action::Submit => return self.submit_prompt(index),
            Action::Cancel => {
                match self.overlays.remove(index) {
                    Overlay::FilterPrompt => {
                        self.lib.filter.clear();
                        self.lib.refilter(&self.library, self.taxonomy);
                    }
                    // Cancelling on purpose: a draft of this note goes too.
                    Overlay::NotePrompt { target, .. } => self.discard_draft(&target),
                    _ => {}
                }
                return Vec::new();
            }
            Action::HistoryPrevious | Action::HistoryNext => {
                self.recall(index, action == Action::HistoryPrevious);
                return Vec::new();
            }
            _ => {}
        }
        let Some(input) = self.prompt_input(index) else {
            return Vec::new();
        };
        match action {
            Action::DeleteBack => input.backspace(),
            Action::DeleteWord => input.delete_word(),
            Action::DeleteToStart => input.delete_to_start(),
            Action::CursorLeft => input.left(),
            Action::CursorRight => input.right(),
            Action::LineStart => input.home(),
            Action::LineEnd => input.end(),
            _ => return Vec::new(),
        }
        self.prompt_edited(index);
        Vec::new()
    }

    fn submit_prompt(&mut self, index: usize) -> Vec<Effect> {
        match self.overlays.remove(index) {
            Overlay::FilterPrompt => self.lib.pane = Pane::Articles,
            Overlay::NotePrompt { target, input } => return self.save_note(target, input.text()),
            Overlay::SearchPrompt { input, .. } => {
                let typed = input.text().trim().to_string();
                // The bookmarks' filter: an empty one shows them all.
                if matches!(self.view(), View::Bookmarks(_)) {
                    self.filter_bookmarks(&typed);
                    return Vec::new();
                }
                // An empty search repeats the last one, as in less and vim.
                let query = if typed.is_empty() {
                    match self.searches.last() {
                        Some(q) => q.clone(),
                        None => {
                            self.status = Some("no earlier search to repeat".into());
                            return Vec::new();
                        }
                    }
                } else {
                    typed
                };
                self.searches.retain(|q| *q != query);
                self.searches.push(query.clone());
                self.run_search(&query);
            }
            Overlay::Help { .. } | Overlay::Contents { .. } => {}
        }
        Vec::new()
    }

    /// ↑/↓ in the search prompt: the earlier searches, newest first.
    fn recall(&mut self, index: usize, earlier: bool) {
        let n = self.searches.len();
        let Overlay::SearchPrompt { input, recall } = &mut self.overlays[index] else {
            return;
        };
        let next = match (*recall, earlier) {
            (None, true) if n > 0 => Some(0),
            (Some(i), true) => Some((i + 1).min(n.saturating_sub(1))),
            (Some(0), false) | (None, false) => None,
            (Some(i), false) => Some(i - 1),
            (None, true) => None,
        };
        *recall = next;
        match next.and_then(|i| self.searches.get(n.checked_sub(i + 1)?)) {
            Some(q) => input.set(q),
            None => input.clear(),
        }
    }
}
