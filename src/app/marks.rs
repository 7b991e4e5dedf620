//! Bookmarks in the reader: marking a passage or a selection with a note,
//! and the bookmarks view (grouped by article) where a bookmark is opened,
//! its note edited, deleted (with undo) or all of them exported.

use super::cursor::{ListCursor, Step};
use super::effect::Outcome;
use super::input::TextInput;
use super::{App, Effect, Overlay, View};
use crate::app::Action;
use crate::bookmarks::Bookmark;
use crate::model::Passage as Marked;

/// Whose note the note prompt edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A bookmark to make on a passage of an article (library index).
    New { article: usize, passage: Marked },
    /// The note of an existing bookmark.
    Edit { id: String },
}

/// The bookmarks view's own state.
#[derive(Debug, Clone, Default)]
pub struct BookmarksView {
    /// Over the bookmarks shown.
    pub cursor: ListCursor,
    /// Only bookmarks whose quote, note or article title hold these words.
    pub filter: String,
    /// The last bookmark deleted here, for `u`.
    pub undo: Option<Bookmark>,
}

impl BookmarksView {
    /// The bookmarks shown, grouped by article in library order (bookmarks
    /// of articles no longer in the library last), newest last in a group.
    pub fn shown<'a>(&self, app: &'a App) -> Vec<&'a Bookmark> {
        let Some(store) = &app.bookmarks else {
            return Vec::new();
        };
        let query = crate::search::Query::parse(&self.filter).ok();
        let mut out: Vec<&Bookmark> = store
            .list()
            .iter()
            .filter(|b| {
                query.as_ref().is_none_or(|q| {
                    let title = app.library.get(&b.article).map_or("", |a| a.title.as_str());
                    q.matches(&format!("{}\n{}\n{}", b.quote, b.note, title))
                        // By pinyin too, as the library's filter: `zhiyuan`.
                        || super::pinyin_keys::MatchKeys::of_fields(&[&b.note, title, &b.quote])
                            .matches(&self.filter)
                })
            })
            .collect();
        out.sort_by_key(|b| app.library.position(&b.article).unwrap_or(usize::MAX));
        out
    }
}

impl App {
    pub(super) fn show_bookmarks(&mut self) -> Vec<Effect> {
        if matches!(self.view(), View::Bookmarks(_)) {
            return Vec::new();
        }
        self.views.push(View::Bookmarks(Box::default()));
        // Another yuedu (or a script) may have changed them meanwhile.
        match self.bookmarks {
            Some(_) => vec![Effect::ReloadBookmarks],
            None => Vec::new(),
        }
    }

    /// What came of saving, deleting, restoring, exporting or reloading.
    pub(super) fn finished(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::NoteSaved {
                target,
                note,
                result,
            } => self.note_saved(target, &note, result),
            Outcome::Deleted(Ok(removed)) => {
                let k = self.keymap.label(super::KeyView::Bookmarks, Action::Undo);
                self.status = Some(format!("deleted; {k} to undo"));
                let count = match self.view() {
                    View::Bookmarks(v) => v.shown(self).len(),
                    _ => 0,
                };
                if let Some(v) = self.bookmarks_view_mut() {
                    v.undo = Some(*removed);
                    v.cursor.index = v.cursor.index.min(count.saturating_sub(1));
                }
            }
            Outcome::Deleted(Err(e)) => self.status = Some(format!("not deleted: {e}")),
            Outcome::Restored(Ok(())) => self.status = Some("restored".into()),
            Outcome::Restored(Err(e)) => self.status = Some(format!("not restored: {e}")),
            Outcome::Exported(Ok(path)) => {
                self.status = Some(format!("exported to {}", path.display()))
            }
            Outcome::Exported(Err(e)) => self.status = Some(format!("not exported: {e}")),
            Outcome::Reloaded(Ok(warnings)) => {
                if let Some(w) = warnings.first() {
                    self.status = Some(w.clone());
                }
            }
            Outcome::Reloaded(Err(e)) => self.status = Some(e),
        }
    }

    pub(super) fn toggle_selection(&mut self) {
        let Some(r) = self.reader_mut() else {
            return;
        };
        if r.selection.take().is_some() {
            self.status = Some("selection cancelled".into());
        } else {
            r.selection = Some(r.passage);
            let k = |a| self.keymap.label(super::KeyView::Reader, a);
            self.status = Some(format!(
                "selecting: extend with {} {} {} {}, {} to bookmark, {} to cancel",
                k(Action::NextSentence),
                k(Action::PreviousSentence),
                k(Action::NextParagraph),
                k(Action::PreviousParagraph),
                k(Action::Bookmark),
                k(Action::Select)
            ));
        }
    }

    pub(super) fn prompt_bookmark(&mut self) {
        let Some((article, passage, selecting)) = (match self.view() {
            View::Reader(r) => Some((r.article, r.marked(), r.selection.is_some())),
            _ => None,
        }) else {
            return;
        };
        if self.bookmarks.is_none() {
            self.status =
                Some("bookmarks are not available: the data folder cannot be used".into());
            return;
        }
        // A note kept from before (a quit or a closed terminal) for this
        // passage comes back, with the passage it was written for.
        let mut input = TextInput::default();
        let mut passage = passage;
        let a = &self.library.articles[article];
        if let Some(d) = self.drafts.for_passage(&a.id, &passage, selecting)
            && let Some(p) = d.target.passage_in(a)
        {
            passage = p;
            input.insert_str(&d.note);
            self.status = Some("a note kept from before: Enter saves it, Esc discards it".into());
        }
        self.overlays.push(Overlay::NotePrompt {
            target: NoteTarget::New { article, passage },
            input,
        });
    }

    /// Asks for a note typed in the note prompt to be saved.
    pub(super) fn save_note(&mut self, target: NoteTarget, note: &str) -> Vec<Effect> {
        if self.bookmarks.is_none() {
            return Vec::new();
        }
        vec![Effect::SaveNote {
            target,
            note: note.to_string(),
        }]
    }

    /// When the file could not be written (a full disk, a lock held too
    /// long), the prompt comes back with the note in it, so nothing typed
    /// is lost: Enter tries again.
    fn note_saved(&mut self, target: NoteTarget, note: &str, result: Result<String, String>) {
        match result {
            Ok(message) => {
                self.status = Some(message);
                self.discard_draft(&target);
                if matches!(target, NoteTarget::New { .. })
                    && let Some(r) = self.reader_mut()
                {
                    r.selection = None;
                }
            }
            Err(e) => {
                self.status = Some(format!("not saved: {e} (Enter: try again, Esc: give up)"));
                let mut input = TextInput::default();
                input.insert_str(note);
                self.overlays.push(Overlay::NotePrompt { target, input });
            }
        }
    }

    fn bookmarks_view_mut(&mut self) -> Option<&mut BookmarksView> {
        match self.views.last_mut() {
            Some(View::Bookmarks(v)) => Some(v),
            _ => None,
        }
    }

    /// The bookmark under the cursor.
    fn current_bookmark(&self) -> Option<Bookmark> {
        let View::Bookmarks(v) = self.view() else {
            return None;
        };
        v.shown(self).get(v.cursor.index).map(|b| (*b).clone())
    }

    pub(super) fn bookmarks_action(&mut self, action: Action) -> Vec<Effect> {
        let count = match self.view() {
            View::Bookmarks(v) => v.shown(self).len(),
            _ => return Vec::new(),
        };
        // Two lines a bookmark, and a heading now and then.
        let page = (usize::from(self.size.1).saturating_sub(2) / 3).max(1);
        if let Some(step) = Step::of(action, self.count) {
            if let Some(v) = self.bookmarks_view_mut() {
                v.cursor.step(step, count, page);
            }
            return Vec::new();
        }
        match action {
            Action::Open => self.jump_to_bookmark(),
            Action::EditNote => {
                if let Some(b) = self.current_bookmark() {
                    let mut input = TextInput::default();
                    let draft = super::draft::DraftTarget::Bookmark { id: b.id.clone() };
                    match self.drafts.list().iter().find(|d| d.target == draft) {
                        Some(d) => {
                            input.insert_str(&d.note);
                            self.status = Some(
                                "a note kept from before: Enter saves it, Esc discards it".into(),
                            );
                        }
                        None => input.insert_str(&b.note),
                    }
                    self.overlays.push(Overlay::NotePrompt {
                        target: NoteTarget::Edit { id: b.id },
                        input,
                    });
                }
            }
            Action::Delete => return self.delete_bookmark(),
            Action::Undo => return self.undo_delete(),
            Action::Filter | Action::Search => self.overlays.push(Overlay::SearchPrompt {
                input: TextInput::default(),
                recall: None,
            }),
            Action::Export => return vec![Effect::ExportBookmarks],
            _ => {}
        }
        Vec::new()
    }

    fn jump_to_bookmark(&mut self) {
        let Some(b) = self.current_bookmark() else {
            return;
        };
        let Some(i) = self.library.position(&b.article) else {
            self.status = Some(format!("article '{}' is not in the library", b.article));
            return;
        };
        self.open_index(i, Some(b.paragraph));
        let size = self.size;
        let text = self.library.articles[i]
            .paragraphs
            .get(b.paragraph)
            .map(|p| p.text.as_str());
        // The stored range, if it still lies on character boundaries of the
        // paragraph (a bookmark on part of one paragraph).
        let range = text.and_then(|t| {
            let (s, e) = (b.start.min(t.len()), b.end.min(t.len()));
            (b.end_paragraph.is_none() && s < e && t.is_char_boundary(s) && t.is_char_boundary(e))
                .then_some(s..e)
        });
        if b.orphaned {
            self.status =
                Some("this passage is no longer in the article; showing where it was".into());
        }
        if let Some(r) = self.reader_mut() {
            if let Some(range) = range {
                r.passage = Marked {
                    first: b.paragraph,
                    last: b.paragraph,
                    start: range.start,
                    end: range.end,
                };
            }
            let h = r.geometry(size).body_height.max(1);
            r.reveal_passage(h);
        }
    }

    fn delete_bookmark(&mut self) -> Vec<Effect> {
        match self.current_bookmark() {
            Some(b) => vec![Effect::DeleteBookmark { id: b.id }],
            None => Vec::new(),
        }
    }

    fn undo_delete(&mut self) -> Vec<Effect> {
        match self.bookmarks_view_mut().and_then(|v| v.undo.take()) {
            Some(b) => vec![Effect::RestoreBookmark(Box::new(b))],
            None => {
                self.status = Some("nothing to undo".into());
                Vec::new()
            }
        }
    }

    /// Sets the view's filter (from the search prompt).
    pub(super) fn filter_bookmarks(&mut self, text: &str) {
        if let Some(v) = self.bookmarks_view_mut() {
            v.filter = text.trim().to_string();
            v.cursor = ListCursor::default();
        }
    }
}
