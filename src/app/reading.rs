//! Reading an article: opening it at a paragraph, moving the view and the
//! current passage, and the text column's width.

use std::ops::Range;

use super::reader::{ReaderState, column_width, sentences};
use super::{Action, App, Effect, View};
use crate::model::{Article, Passage};

impl App {
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

    pub(super) fn open_index(&mut self, article: usize, paragraph: Option<usize>) {
        let width = column_width(self.text_width, self.size.0);
        let a = &self.library.articles[article];
        let count = a.paragraphs.len();
        let saved = self.saved.state.positions.get(&a.id).copied();
        let (p, offset) = match (paragraph, saved) {
            (Some(p), _) if count > 0 && p >= count => {
                // Paragraphs as people count them, from 1.
                self.status = Some(format!(
                    "paragraph {} is past the end; showing the last ({count})",
                    p + 1
                ));
                (count - 1, 0)
            }
            (Some(p), _) => (p, 0),
            (None, Some(s)) if s.paragraph < count => (s.paragraph, s.offset),
            _ => (0, 0),
        };
        let layout = self.layout(article, width, p);
        let a = &self.library.articles[article];
        let mut reader = ReaderState {
            article,
            header: ReaderState::header_lines(a, width),
            top: layout.line_of(p, offset).unwrap_or(0),
            layout,
            passage: Passage {
                first: p,
                last: p,
                start: 0,
                end: 0,
            },
            selection: None,
            search: None,
        };
        reader.passage = reader.whole(p);
        let h = reader.geometry(self.size).body_height;
        reader.top = reader.top.min(reader.last_top(h));
        reader.keep_passage_on_screen(h);
        self.views.push(View::Reader(Box::new(reader)));
        self.note_progress();
    }

    /// Lays the open article out again after a resize or a width change,
    /// keeping the same text at the top.
    pub(super) fn relayout(&mut self) {
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
            // A passage may end further on at the new width.
            if r.passage.start == 0 && r.passage.first == r.passage.last {
                let whole = r.whole(r.passage.first);
                r.passage.end = r.passage.end.max(whole.end);
            }
            r.reveal_passage(h);
        }
    }

    pub(super) fn reader_action(&mut self, action: Action) -> Vec<Effect> {
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
            Action::Copy => return self.copy_passage(),
            Action::Contents => {
                self.show_contents();
                return Vec::new();
            }
            _ => {}
        }
        let size = self.size;
        let count = self.count;
        let n = count.unwrap_or(1);
        let article_index = match self.view() {
            View::Reader(r) => r.article,
            _ => return Vec::new(),
        };
        let article = &self.library.articles[article_index];
        let paragraph_count = article.paragraphs.len();
        let last_paragraph = paragraph_count.saturating_sub(1);
        let Some(r) = (match self.views.last_mut() {
            Some(View::Reader(r)) => Some(r),
            _ => None,
        }) else {
            return Vec::new();
        };
        let h = r.geometry(size).body_height.max(1);
        let last = r.last_top(h);
        let page = h.saturating_sub(1).max(1).saturating_mul(n);
        let half = (h / 2).max(1).saturating_mul(n);
        // Scrolling moves the view and carries the passage with it; a
        // motion moves the passage and the view follows.
        let scroll = |r: &mut ReaderState, top: usize| {
            r.top = top.min(last);
            r.keep_passage_on_screen(h);
        };
        let jump = |r: &mut ReaderState, p: usize| {
            r.passage = r.whole(p.min(last_paragraph));
            let line = r.layout.line_of(r.passage.first, 0).unwrap_or(0);
            r.top = line.min(last);
        };
        match action {
            Action::ScrollDown | Action::Down => scroll(r, r.top.saturating_add(n)),
            Action::ScrollUp | Action::Up => scroll(r, r.top.saturating_sub(n)),
            Action::PageDown => scroll(r, r.top.saturating_add(page)),
            Action::PageUp => scroll(r, r.top.saturating_sub(page)),
            Action::HalfPageDown => scroll(r, r.top.saturating_add(half)),
            Action::HalfPageUp => scroll(r, r.top.saturating_sub(half)),
            // `20G`, `20g`: paragraph 20, counted from 1 as the status shows.
            Action::Top | Action::Bottom if count.is_some() => jump(r, n.saturating_sub(1)),
            Action::Top => jump(r, 0),
            Action::Bottom => {
                r.passage = r.whole(last_paragraph);
                r.top = last;
                r.keep_passage_on_screen(h);
            }
            Action::GoToPercent => {
                let Some(percent) = count else {
                    return Vec::new();
                };
                let p = paragraph_count
                    .saturating_mul(percent.min(100))
                    .div_ceil(100);
                jump(r, p.saturating_sub(1));
            }
            Action::NextParagraph | Action::PreviousParagraph => {
                for _ in 0..n.min(paragraph_count.max(1)) {
                    let p = r.passage.first;
                    let whole = r.passage == r.whole(p);
                    r.passage = if action == Action::NextParagraph {
                        r.whole((p + 1).min(last_paragraph))
                    } else if whole {
                        r.whole(p.saturating_sub(1))
                    } else {
                        // A sentence passage goes back to its own paragraph first.
                        r.whole(p)
                    };
                }
                r.reveal_passage(h);
            }
            Action::NextSentence | Action::PreviousSentence => {
                for _ in 0..n.min(10_000) {
                    match step_sentence(article, &r.passage, action == Action::NextSentence) {
                        Some(passage) => r.passage = passage,
                        None => break,
                    }
                }
                r.reveal_passage(h);
            }
            Action::NextArticle | Action::PreviousArticle => {
                return self.step_article(action == Action::NextArticle);
            }
            _ => {}
        }
        Vec::new()
    }

    /// Makes a paragraph the current passage, at the top of the screen.
    pub(super) fn jump_to_paragraph(&mut self, p: usize) {
        let size = self.size;
        if let Some(r) = self.reader_mut() {
            r.passage = r.whole(p);
            let h = r.geometry(size).body_height.max(1);
            r.top = r.layout.line_of(p, 0).unwrap_or(0).min(r.last_top(h));
            r.keep_passage_on_screen(h);
        }
    }

    /// `]` / `[`: the next or previous article of the library's list as it
    /// is filtered, in place of this one.
    fn step_article(&mut self, forward: bool) -> Vec<Effect> {
        let Some(current) = (match self.view() {
            View::Reader(r) => Some(r.article),
            _ => None,
        }) else {
            return Vec::new();
        };
        let rows = &self.lib.rows;
        let at = rows.iter().position(|r| r.article == current);
        let next = match (at, forward) {
            (Some(i), true) => rows.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| rows.get(i)),
            (None, _) => rows.first(),
        }
        .map(|r| r.article);
        let Some(next) = next else {
            self.status = Some(
                if forward {
                    "the last article of the list"
                } else {
                    "the first article of the list"
                }
                .into(),
            );
            return Vec::new();
        };
        let effects = self.remember_position();
        self.views.pop();
        // The library's cursor follows, so `q` comes back to this article.
        if let Some(i) = self.lib.rows.iter().position(|r| r.article == next) {
            let (_, page) = self.library_pages();
            let len = self.lib.rows.len();
            self.lib.cursor.set(i, len, page);
        }
        self.open_index(next, None);
        effects
    }

    /// `y`: the selection or the current passage, with the title and source.
    fn copy_passage(&mut self) -> Vec<Effect> {
        let View::Reader(r) = self.view() else {
            return Vec::new();
        };
        let passage = r.marked();
        let text = super::clipboard::passage_text(&self.library.articles[r.article], &passage);
        let chars = text.chars().count();
        if let Some(r) = self.reader_mut() {
            r.selection = None;
        }
        self.status = Some(format!("copied {chars} characters to the clipboard"));
        vec![Effect::Copy(text)]
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
fn step_sentence(article: &Article, passage: &Passage, forward: bool) -> Option<Passage> {
    let paras = &article.paragraphs;
    let at = |p: usize| sentences(&paras[p].text);
    let p = passage.first.min(paras.len().checked_sub(1)?);
    let sentence = |p: usize, range: Range<usize>| Passage {
        first: p,
        last: p,
        start: range.start,
        end: range.end,
    };
    let range = passage.start..passage.end;
    if forward {
        let here = at(p);
        // More than its first sentence: the whole paragraph.
        let whole = passage.start == 0 && here.first().is_some_and(|s| passage.end > s.end);
        let found = if whole {
            // From a whole paragraph, the first sentence is the next step
            // unless the paragraph is a single sentence.
            here.iter().find(|s| **s != range).cloned()
        } else {
            here.iter().find(|s| s.start >= passage.end).cloned()
        };
        if let Some(range) = found {
            return Some(sentence(p, range));
        }
        (p + 1..paras.len()).find_map(|q| at(q).first().cloned().map(|r| sentence(q, r)))
    } else {
        if let Some(range) = at(p).into_iter().rev().find(|s| s.end <= passage.start) {
            return Some(sentence(p, range));
        }
        (0..p)
            .rev()
            .find_map(|q| at(q).last().cloned().map(|r| sentence(q, r)))
    }
}
