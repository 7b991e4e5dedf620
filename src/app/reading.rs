//! Reading an article: opening it at a paragraph, moving the view and the
//! current passage, and the text column's width.

use super::reader::{Passage, ReaderState, column_width, sentences};
use super::{Action, App, Effect, View};

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
            _ => {}
        }
        let size = self.size;
        let count = self.count.unwrap_or(1);
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
            Action::ScrollDown | Action::Down => r.top = (r.top.saturating_add(count)).min(last),
            Action::ScrollUp | Action::Up => r.top = r.top.saturating_sub(count),
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
