//! The reading view: header, the laid-out body in a centred column (only
//! the visible lines are touched), and a status line with the position.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{fit, status_or_hints, too_small};
use crate::app::keymap::KeyView;
use crate::app::reader::{HeaderLine, ReaderState};
use crate::app::{Action, App};
use crate::model::ParagraphKind;
use crate::text::ScreenLine;

const MIN: (u16, u16) = (10, 3);

pub fn draw(app: &App, r: &ReaderState, frame: &mut Frame, area: Rect) {
    if area.width < MIN.0 || area.height < MIN.1 {
        return too_small(frame, area, MIN);
    }
    let g = r.geometry((area.width, area.height));
    let x = area.x + g.left;
    let column = (g.column as u16).min(area.width);
    for (i, (kind, text)) in r.header.iter().enumerate().take(g.body_top as usize) {
        let style = match kind {
            HeaderLine::Title => app.theme.title(),
            HeaderLine::Subtitle => Style::new().add_modifier(Modifier::BOLD),
            HeaderLine::Meta | HeaderLine::Rule => app.theme.dim(),
        };
        let rect = Rect::new(x, area.y + i as u16, column, 1);
        frame.render_widget(Line::styled(text.as_str(), style), rect);
    }
    let article = &app.library.articles[r.article];
    let marks: Vec<crate::model::Passage> = app
        .bookmarks
        .as_ref()
        .map(|store| {
            store
                .list()
                .iter()
                .filter(|b| b.article == article.id && !b.orphaned)
                .map(|b| crate::model::Passage {
                    first: b.paragraph,
                    last: b.last_paragraph(),
                    start: b.start,
                    end: b.end,
                })
                .collect()
        })
        .unwrap_or_default();
    let end = (r.top + g.body_height).min(r.layout.lines.len());
    for (row, index) in (r.top..end).enumerate() {
        let ScreenLine::Text(span) = &r.layout.lines[index] else {
            continue;
        };
        let para = &article.paragraphs[span.paragraph];
        let base = match para.kind {
            ParagraphKind::Caption => app.theme.caption(),
            ParagraphKind::Heading => Style::new().add_modifier(Modifier::BOLD),
            ParagraphKind::Body => Style::new(),
        };
        let mut spans = vec![Span::raw("\u{3000}".repeat(span.indent / 2))];
        let (s, e) = (span.range.start, span.range.end);
        let decorations = decorations(app, r, &marks, span.paragraph, s..e);
        let mut cuts: Vec<usize> = vec![s, e];
        for (range, _) in &decorations {
            cuts.push(range.start.clamp(s, e));
            cuts.push(range.end.clamp(s, e));
        }
        cuts.extend(span.gaps.iter().copied());
        cuts.sort_unstable();
        cuts.dedup();
        let mut highlighted = false;
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b {
                continue;
            }
            if span.gaps.contains(&a) {
                spans.push(Span::styled(" ", base));
            }
            let mut style = base;
            for (range, d) in &decorations {
                if range.start <= a && b <= range.end {
                    style = style.patch(*d);
                    highlighted |= *d == app.theme.passage();
                }
            }
            let text = crate::text::shown(&para.text, a..b, &r.layout.options);
            spans.push(Span::styled(text.into_owned(), style));
        }
        let (hs, he) = if highlighted { (0, 1) } else { (0, 0) };
        let y = area.y + g.body_top + row as u16;
        // A hanging mark passes the column's edge.
        let room = column.saturating_add(2).min(area.right().saturating_sub(x));
        frame.render_widget(Line::from(spans), Rect::new(x, y, room, 1));
        if hs < he && g.left >= 2 {
            frame.render_widget(
                Span::styled("▍", app.theme.passage()),
                Rect::new(x - 2, y, 1, 1),
            );
        }
    }
    draw_status(
        app,
        r,
        frame,
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
    );
}

/// The part of a passage that lies in paragraph `p`, as a byte range (to
/// the paragraph's end when the passage goes on into the next).
fn part_in(m: &crate::model::Passage, p: usize) -> Option<std::ops::Range<usize>> {
    if p < m.first || p > m.last {
        return None;
    }
    let start = if p == m.first { m.start } else { 0 };
    let end = if p == m.last { m.end } else { usize::MAX };
    (start < end).then_some(start..end)
}

/// The styled stretches of one line: the current passage or selection,
/// bookmarked passages (underlined) and search matches.
fn decorations(
    app: &App,
    r: &ReaderState,
    marks: &[crate::model::Passage],
    p: usize,
    line: std::ops::Range<usize>,
) -> Vec<(std::ops::Range<usize>, Style)> {
    let mut out = Vec::new();
    if let Some(range) = part_in(&r.marked(), p) {
        out.push((range, app.theme.passage()));
    }
    for m in marks {
        if let Some(range) = part_in(m, p) {
            out.push((range, Style::new().add_modifier(Modifier::UNDERLINED)));
        }
    }
    if let Some(search) = &r.search {
        for (i, (hp, range)) in search.hits.iter().enumerate() {
            if *hp == p && range.start < line.end && range.end > line.start {
                let style = if i == search.current {
                    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
                } else {
                    Style::new().add_modifier(Modifier::REVERSED)
                };
                out.push((range.clone(), style));
            }
        }
    }
    out
}

fn draw_status(app: &App, r: &ReaderState, frame: &mut Frame, area: Rect) {
    let total = r.layout.estimated_lines().max(1);
    let g = r.geometry(app.size);
    let seen = (r.top + g.body_height).min(total);
    let percent = seen * 100 / total;
    let paragraphs = app.library.articles[r.article].paragraphs.len();
    // The current passage's paragraph, counted from 1.
    let para = r.passage.first.saturating_add(1).min(paragraphs);
    let mut position = format!(" {percent:>3}%  ¶ {para}/{paragraphs} ");
    if let Some(s) = &r.search {
        position.push_str(&format!(" hit {}/{} ", s.current + 1, s.hits.len()));
    }
    if r.selection.is_some() {
        position.push_str(" selecting ");
    }
    // A count being typed (`5` of `5j`), as less shows it.
    if let Some(n) = app.typed_count {
        position.push_str(&format!(" {n} "));
    }
    let rest = status_or_hints(app, KeyView::Reader, |k| {
        format!(
            " {} page  {}{} paragraph  {}{} sentence  {}{} width  {} help  {} back",
            k(Action::PageDown),
            k(Action::PreviousParagraph),
            k(Action::NextParagraph),
            k(Action::PreviousSentence),
            k(Action::NextSentence),
            k(Action::Narrower),
            k(Action::Wider),
            k(Action::Help),
            k(Action::Back),
        )
    });
    let width = area.width as usize;
    let pos = fit(&position, width);
    let rest = fit(&rest, width.saturating_sub(crate::text::str_width(&pos)));
    frame.render_widget(
        Line::from(vec![
            Span::styled(pos, Style::new().add_modifier(Modifier::REVERSED)),
            Span::styled(rest, app.theme.dim()),
        ]),
        area,
    );
}
