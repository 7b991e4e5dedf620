//! Reading progress: the furthest the reader has shown of each article, in
//! per cent of its text, kept by article id in the reading state (so it
//! survives restarts and a changed file: a percentage, never over 100), and
//! the library's list brought up to date when the reader closes.

use super::listing::{ListOrder, Progress};
use super::reader::ReaderState;
use super::{App, View};
use crate::text::ScreenLine;

impl App {
    /// Notes how far the open article has been read, if further than before.
    pub(super) fn note_progress(&mut self) {
        let size = self.size;
        let View::Reader(r) = self.view() else {
            return;
        };
        let Some(a) = self.library.articles.get(r.article) else {
            return;
        };
        let percent = shown_percent(r, size, a.paragraphs.len());
        let article = r.article;
        let before = self.saved.state.progress.get(&a.id).copied();
        if before.is_some_and(|b| b >= percent) {
            return;
        }
        self.saved.state.progress.insert(a.id.clone(), percent);
        if let Some(p) = self.lib.progress.get_mut(article) {
            *p = Progress::of(Some(percent));
        }
    }

    /// Back in the library from the reader: a list that depends on reading
    /// progress follows what was read.
    pub(super) fn back_in_library(&mut self) {
        let depends = self.lib.unread_only || self.lib.order == ListOrder::Progress;
        if matches!(self.view(), View::Library) && depends {
            self.lib.refilter(&self.library, self.taxonomy);
        }
    }
}

/// How much of the article the screen has reached, in per cent: the share
/// of its lines above the screen's last, 100 once its end is on screen;
/// while only a prefix is laid out, the share of its paragraphs.
fn shown_percent(r: &ReaderState, size: (u16, u16), paragraphs: usize) -> u32 {
    let h = r.geometry(size).body_height.max(1);
    let lines = r.layout.lines.len();
    let end = r.top.saturating_add(h).min(lines);
    let share = |part: usize, whole: usize| {
        let p = part.saturating_mul(100) / whole.max(1);
        u32::try_from(p.min(99)).unwrap_or(99)
    };
    if r.layout.is_complete() {
        if end >= lines {
            return 100;
        }
        return share(end, lines);
    }
    let last = (r.top..end)
        .rev()
        .find_map(|l| match r.layout.lines.get(l) {
            Some(ScreenLine::Text(span)) => Some(span.paragraph),
            _ => None,
        });
    share(last.map_or(0, |p| p + 1), paragraphs)
}
