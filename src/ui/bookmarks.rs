//! The bookmarks view: bookmarks grouped by article, each with its quote,
//! note and date; orphaned ones marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

use super::{fit, status_or_hints, too_small};
use crate::app::keymap::KeyView;
use crate::app::marks::BookmarksView;
use crate::app::{Action, App};
use crate::text::sanitize;

const MIN: (u16, u16) = (20, 4);

/// A quote in quotation marks, unless it brings its own (“…” is not made
/// ““…””).
pub(super) fn quoted(s: &str) -> String {
    match (s.starts_with('“'), s.ends_with('”')) {
        (true, true) => s.to_string(),
        (true, false) => format!("{s}”"),
        _ => format!("“{s}”"),
    }
}

#[cfg(test)]
#[test]
fn a_quote_with_its_own_marks_gets_no_second_pair() {
    assert_eq!(quoted("“好。”"), "“好。”");
    assert_eq!(quoted("“好"), "“好”");
    assert_eq!(quoted("好"), "“好”");
}

fn one_line(s: &str) -> String {
    sanitize(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

pub fn draw(app: &App, v: &BookmarksView, frame: &mut Frame, area: Rect) {
    if area.width < MIN.0 || area.height < MIN.1 {
        return too_small(frame, area, MIN);
    }
    let width = area.width as usize;
    let shown = v.shown(app);
    let mut title = format!(" 书签 Bookmarks ({})", shown.len());
    if !v.filter.is_empty() {
        title.push_str(&format!(" · filter: {}", one_line(&v.filter)));
    }
    let count = super::counter(&v.cursor, shown.len());
    let room = width.saturating_sub(count.width());
    frame.render_widget(
        Line::styled(fit(&title, room), app.theme.title()),
        Rect { height: 1, ..area },
    );
    frame.render_widget(count, Rect { height: 1, ..area });
    // Rows: an article heading before its first bookmark, then two lines per
    // bookmark (quote; note and date).
    let mut rows: Vec<(Option<usize>, Line<'static>)> = Vec::new();
    let mut last_article: Option<&str> = None;
    for (i, b) in shown.iter().enumerate() {
        if last_article != Some(b.article.as_str()) {
            let heading = app.library.get(&b.article).map_or_else(
                || format!("{} (not in the library)", b.article),
                |a| one_line(&a.title),
            );
            rows.push((
                None,
                Line::styled(
                    fit(&heading, width),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
            ));
            last_article = Some(&b.article);
        }
        let selected = i == v.cursor.index;
        let marker = if selected { "▶ " } else { "  " };
        let orphan = if b.orphaned {
            " [not found in the article]"
        } else {
            ""
        };
        let quote = format!("{marker}{}", quoted(&one_line(&b.quote)));
        let quote_style = if selected {
            app.theme.cursor(true)
        } else {
            Style::new()
        };
        rows.push((Some(i), Line::styled(fit(&quote, width), quote_style)));
        let note = if b.note.trim().is_empty() {
            String::new()
        } else {
            format!("{} · ", one_line(&b.note))
        };
        let meta = format!(
            "    {note}{} · ¶{}{orphan}",
            b.created.get(..10).unwrap_or(&b.created),
            b.paragraph.saturating_add(1)
        );
        rows.push((Some(i), Line::styled(fit(&meta, width), app.theme.dim())));
    }
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    if shown.is_empty() {
        let k = app.keymap.label(KeyView::Reader, Action::Bookmark);
        let msg = if v.filter.is_empty() {
            format!("No bookmarks yet. In an article, {k} bookmarks the current passage.")
        } else {
            "No bookmark matches the filter.".to_string()
        };
        frame.render_widget(
            Line::styled(fit(&msg, width), app.theme.dim()),
            Rect { height: 1, ..body },
        );
    } else {
        // Scroll so the cursor's rows are visible.
        let h = body.height as usize;
        let row_of = |n: usize| rows.iter().position(|(i, _)| *i == Some(n)).unwrap_or(0);
        let cursor_row = row_of(v.cursor.index);
        // The offset's bookmark with its article's heading, if it has one.
        let offset_row = row_of(v.cursor.offset);
        let offset_row = match offset_row.checked_sub(1).map(|r| rows[r].0) {
            Some(None) => offset_row - 1,
            _ => offset_row,
        };
        let first = super::first_row(offset_row, cursor_row, 2, h);
        for (row, (_, line)) in rows.into_iter().skip(first).take(h).enumerate() {
            frame.render_widget(line, Rect::new(body.x, body.y + row as u16, body.width, 1));
        }
    }
    let status = status_or_hints(app, KeyView::Bookmarks, |k| {
        format!(
            "{} open  {} edit note  {} delete  {} undo  {} filter  {} export  {} back",
            k(Action::Open),
            k(Action::EditNote),
            k(Action::Delete),
            k(Action::Undo),
            k(Action::Filter),
            k(Action::Export),
            k(Action::Back)
        )
    });
    frame.render_widget(
        Line::styled(fit(&status, width), app.theme.dim()),
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
    );
}
