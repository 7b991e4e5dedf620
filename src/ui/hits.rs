//! The library search results: matching paragraphs grouped by article, each
//! with a snippet and the match highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{fit, status_or_hints, too_small};
use crate::app::find::HitsView;
use crate::app::keymap::KeyView;
use crate::app::{Action, App};
use crate::search::snippet;
use crate::text::{sanitize, str_width};

const MIN: (u16, u16) = (20, 4);

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
    let title = format!(
        " “{}”: {} in {}",
        sanitize(&v.query),
        plural(v.hits.len(), "paragraph"),
        plural(articles, "article")
    );
    frame.render_widget(
        Line::styled(fit(&title, width), app.theme.title()),
        Rect { height: 1, ..area },
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    let h = body.height as usize;
    // Rows: a heading per article, a line per hit; only the rows in view are
    // built, so a search with thousands of hits draws as fast as one.
    let mut row_of_cursor = 0;
    let mut rows: Vec<(Option<usize>, usize)> = Vec::new(); // (hit, article)
    let mut last = None;
    for (i, hit) in v.hits.iter().enumerate() {
        if last != Some(hit.article) {
            rows.push((None, hit.article));
            last = Some(hit.article);
        }
        if i == v.cursor {
            row_of_cursor = rows.len();
        }
        rows.push((Some(i), hit.article));
    }
    let first = (row_of_cursor + 1).saturating_sub(h);
    for (row, (hit, article)) in rows.into_iter().skip(first).take(h).enumerate() {
        let rect = Rect::new(body.x, body.y + row as u16, body.width, 1);
        let a = &app.library.articles[article];
        let Some(i) = hit else {
            let line = sanitize(&a.title).into_owned();
            frame.render_widget(
                Line::styled(fit(&line, width), Style::new().add_modifier(Modifier::BOLD)),
                rect,
            );
            continue;
        };
        let hit = &v.hits[i];
        let text = &a.paragraphs[hit.paragraph].text;
        let (s, m) = snippet(text, hit.range.clone(), 20);
        let selected = i == v.cursor;
        let lead = format!(
            "{}¶{:<4}",
            if selected { "▶ " } else { "  " },
            hit.paragraph
        );
        let base = if selected {
            app.theme.cursor(true)
        } else {
            Style::new()
        };
        let mut used = str_width(&lead);
        let mut spans = vec![Span::styled(lead, base)];
        for (piece, style) in [
            (&s[..m.start], base),
            (
                &s[m.clone()],
                base.patch(
                    Style::new()
                        .add_modifier(Modifier::BOLD)
                        .fg(app.theme.accent),
                ),
            ),
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
