//! Drawing the TUI with ratatui: pure functions of the App state, one file
//! per view or overlay.

mod bookmarks;
mod chart;
mod contents;
mod help;
mod hits;
mod library;
pub mod loading;
mod prompt;
mod reader;
/// The styles live with the App state they are part of.
pub use crate::app::theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Overlay, View};

/// Draws the active view, then the overlays bottom to top.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    match app.view() {
        View::Library => library::draw(app, frame, area),
        View::Reader(r) => reader::draw(app, r, frame, area),
        View::Bookmarks(v) => bookmarks::draw(app, v, frame, area),
        View::Hits(v) => hits::draw(app, v, frame, area),
    }
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll } => help::draw(app, *scroll, frame, area),
            Overlay::Contents { headings, cursor } => {
                contents::draw(app, headings, cursor, frame, area)
            }
            // Drawn in the library's status line.
            Overlay::FilterPrompt => {}
            Overlay::NotePrompt { target, input } => {
                prompt::draw_note(app, target, input, frame, area)
            }
            Overlay::SearchPrompt { input, .. } => prompt::draw_search(app, input, frame, area),
        }
    }
}

/// Clears the cells under an overlay box and one more column on each side:
/// a wide character half under the border would otherwise leave its other
/// half on screen, or hide the border.
fn clear_box(frame: &mut Frame, rect: Rect, area: Rect) {
    let left = rect.x.saturating_sub(1).max(area.x);
    let right = (rect.x + rect.width + 1).min(area.x + area.width);
    frame.render_widget(
        ratatui::widgets::Clear,
        Rect::new(left, rect.y, right.saturating_sub(left), rect.height),
    );
}

/// The status message if there is one (made safe to show), else the view's
/// key hints, which `hints` writes from the labels of the keys in force.
fn status_or_hints(
    app: &App,
    view: crate::app::keymap::KeyView,
    hints: impl FnOnce(&dyn Fn(crate::app::Action) -> String) -> String,
) -> String {
    match &app.status {
        Some(s) => crate::text::sanitize(s).into_owned(),
        None => hints(&|a| app.keymap.label(view, a)),
    }
}

/// The one line shown when a view does not fit.
fn too_small(frame: &mut Frame, area: Rect, need: (u16, u16)) {
    let msg = format!("too small: need {}×{}", need.0, need.1);
    frame.render_widget(Line::raw(msg), Rect { height: 1, ..area });
}

/// Truncates a string to a display width (by whole characters), made safe
/// to show: most rows quote a file or the state files (titles, ids, dates).
/// Text cut to fit ends with `…`, so nothing is cut silently.
fn fit(s: &str, width: usize) -> String {
    let s = crate::safe::for_terminal(s);
    if crate::text::str_width(&s) <= width {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = crate::text::char_width(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The first row to draw of a list drawn in rows: from the row of the
/// list's offset, moved the least that shows the cursor's `need` rows in
/// `height`.
fn first_row(offset_row: usize, cursor_row: usize, need: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut first = offset_row.min(cursor_row);
    if cursor_row + need > first + height {
        first = (cursor_row + need).saturating_sub(height);
    }
    first
}

/// The position counter of a list (` 58/3004 `), for a block's title.
fn counter(cursor: &crate::app::cursor::ListCursor, len: usize) -> Line<'static> {
    Line::from(format!(" {} ", cursor.counter(len))).right_aligned()
}

/// What the reader's event loop draws with.
pub const SCREENS: crate::app::Screens = crate::app::Screens {
    app: draw,
    loading: loading::draw,
};
