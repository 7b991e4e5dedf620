//! The library search results: articles matched by title, then matching
//! paragraphs grouped by article, each with a snippet and the match
//! highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{fit, status_or_hints, too_small};
use crate::app::find::{Entry, HitsView};
use crate::app::keymap::KeyView;
use crate::app::{Action, App};
use crate::search::snippet;
use crate::text::{sanitize, str_width};

const MIN: (u16, u16) = (20, 4);

/// A row of the results: an article's heading over its hits, or an entry.
enum Row {
    Heading(usize),
    Entry(usize),
}

pub fn draw(app: &App, v: &HitsView, frame: &mut Frame, area: Rect) {
    if area.width < MIN.0 || area.height < MIN.1 {
        return too_small(frame, area, MIN);
    }
    let width = area.width as usize;
    let articles = {
        let mut a: Vec<usize> = v.hits.iter().map(|h| h.article).collect();
        a.dedup();
        a.len()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut title = format!(" “{}”: ", sanitize(&v.query));
    if !v.titles.is_empty() {
        title += &plural(v.titles.len(), "title");
        title += if v.hits.is_empty() { "" } else { ", " };
    }
    if !v.hits.is_empty() {
        title += &format!(
            "{} in {}",
            plural(v.hits.len(), "paragraph"),
            plural(articles, "article")
        );
    }
    let count = super::counter(&v.cursor, v.len());
    let room = width.saturating_sub(count.width());
    frame.render_widget(
        Line::styled(fit(&title, room), app.theme.title()),
        Rect { height: 1, ..area },
    );
    frame.render_widget(count, Rect { height: 1, ..area });
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    let h = body.height as usize;
    // Rows: a line per title, then a heading per article and a line per hit;
    // only the rows in view are drawn, so a search with thousands of hits
    // draws as fast as one.
    let mut row_of_cursor = 0;
    let mut row_of_offset = 0;
    let mut rows: Vec<Row> = Vec::new();
    let mut last = None;
    for i in 0..v.len() {
        if i == v.cursor.index {
            row_of_cursor = rows.len();
        }
        if i == v.cursor.offset {
            row_of_offset = rows.len();
        }
        match v.entry(i) {
            Some(Entry::Paragraph(hit)) => {
                if last != Some(hit.article) {
                    if i == v.cursor.index {
                        row_of_cursor += 1;
                    }
                    rows.push(Row::Heading(hit.article));
                    last = Some(hit.article);
                }
                rows.push(Row::Entry(i));
            }
            Some(Entry::Title(..)) => rows.push(Row::Entry(i)),
            None => {}
        }
    }
    let first = super::first_row(row_of_offset, row_of_cursor, 1, h);
    let strong = Style::new()
        .add_modifier(Modifier::BOLD)
        .fg(app.theme.accent);
    for (row, r) in rows.into_iter().skip(first).take(h).enumerate() {
        let rect = Rect::new(body.x, body.y + row as u16, body.width, 1);
        let i = match r {
            Row::Heading(article) => {
                let line = sanitize(&app.library.articles[article].title).into_owned();
                frame.render_widget(
                    Line::styled(fit(&line, width), Style::new().add_modifier(Modifier::BOLD)),
                    rect,
                );
                continue;
            }
            Row::Entry(i) => i,
        };
        let selected = i == v.cursor.index;
        let base = if selected {
            app.theme.cursor(true)
        } else {
            Style::new()
        };
        let marker = if selected { "▶ " } else { "  " };
        let (lead, s, m) = match v.entry(i) {
            Some(Entry::Title(article, m)) => {
                let title = &app.library.articles[article].title;
                let (s, m) = snippet(title, m, title.chars().count());
                (format!("{marker}标题  "), s, m)
            }
            Some(Entry::Paragraph(hit)) => {
                let text = &app.library.articles[hit.article].paragraphs[hit.paragraph].text;
                let (s, m) = snippet(text, hit.range.clone(), 20);
                (format!("{marker}¶{:<4}", hit.paragraph + 1), s, m)
            }
            None => continue,
        };
        let mut used = str_width(&lead);
        let mut spans = vec![Span::styled(lead, base)];
        for (piece, style) in [
            (&s[..m.start], base),
            (&s[m.clone()], base.patch(strong)),
            (&s[m.end..], base),
        ] {
            let piece = fit(piece, width.saturating_sub(used));
            used += str_width(&piece);
            spans.push(Span::styled(piece, style));
        }
        frame.render_widget(Line::from(spans), rect);
    }
    let status = status_or_hints(app, KeyView::Hits, |k| {
        format!(
            "{} open at the match  {}/{} move  {} back",
            k(Action::Open),
            k(Action::Down),
            k(Action::Up),
            k(Action::Back)
        )
    });
    frame.render_widget(
        Line::styled(fit(&status, width), app.theme.dim()),
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
    );
}
