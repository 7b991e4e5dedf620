//! The help overlay, generated from the keymap in force, so it always shows
//! the real keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::App;
use crate::app::keymap::{Key, KeyView};

/// The lines of the help for the active view: its keys, then the ones that
/// work everywhere.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let view = app.key_view();
    let mut out = Vec::new();
    // The config's problems first, whole (wrapped), each with its line.
    if !app.config_problems.is_empty() {
        out.push(Line::styled(
            super::fit("Problems in the config (defaults used for these)", width),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for p in &app.config_problems {
            let p = crate::text::sanitize(p);
            for l in crate::text::wrap_to_strings(&p, width.saturating_sub(2).max(1)) {
                out.push(Line::styled(format!("  {l}"), app.theme.dim()));
            }
        }
        out.push(Line::raw(""));
    }
    let sections = [
        (
            view,
            match view {
                KeyView::Library => "Library",
                KeyView::Reader => "Reader",
                KeyView::Bookmarks => "Bookmarks",
                KeyView::Hits => "Search results",
                KeyView::Global => "Everywhere",
                KeyView::Overlay => "Lists over a view",
                KeyView::Prompt => "Prompts",
            },
        ),
        (KeyView::Global, "Everywhere"),
        (KeyView::Prompt, "Typing in a prompt"),
    ];
    // The keys' column is as wide as the longest list of keys.
    let column = sections
        .iter()
        .flat_map(|(v, _)| app.keymap.entries(*v))
        .map(|(_, keys)| {
            keys.iter()
                .map(|k| k.to_string().chars().count() + 1)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
        .clamp(8, 24);
    for (i, (v, name)) in sections.iter().enumerate() {
        if i == 1 && *v == view {
            break;
        }
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(
            *name,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for (action, keys) in app.keymap.entries(*v) {
            let keys = keys
                .iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {keys:<column$} "),
                    Style::new().fg(app.theme.accent),
                ),
                Span::raw(super::fit(
                    action.describe(),
                    width.saturating_sub(column + 3),
                )),
            ]));
        }
    }
    out
}

pub fn draw(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    let width = area.width.min(64);
    let lines = lines(app, width.saturating_sub(2) as usize);
    let height = area.height.min(lines.len() as u16 + 2);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let max_scroll = (lines.len() + 2).saturating_sub(height as usize);
    let scroll = scroll.min(max_scroll) as u16;
    super::clear_box(frame, rect, area);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(Block::bordered().title(" keys · Esc closes ")),
        rect,
    );
}
